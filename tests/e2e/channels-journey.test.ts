/**
 * Issue 24's done-when journey, in real Chromium against the production build, with the
 * app's own WhatsApp client talking to the local stand-in of Meta's Cloud API
 * (tests/support/whatsapp-stub.ts) and every email delivered to a real SMTP server:
 *   1. a Persian patient in Tehran types their number in Persian digits, proves it with the
 *      code WhatsApp brings, and opts in to WhatsApp;
 *   2. they book their video consultation; the stand-in receives the booking notice (a
 *      registered template, no health data);
 *   3. with the clock moved to two hours before the consultation (the operator's
 *      `reminders:send --at`), the stand-in receives the reminder, once;
 *   4. the patient's WhatsApp reply, signed as Meta signs it, appears in the coordinator's
 *      inbox with its channel; a forged one is refused;
 *   5. the portal shows the video link only from 15 minutes before the start (the browser's
 *      clock moved), and the join route refuses while it is too early.
 */
import { execFileSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { PATIENTS } from "../../prisma/seed-data";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { startWhatsAppStub, type WhatsAppStub } from "../support/whatsapp-stub";
import { buildApp, launchBrowser, screenshotPath, signIn, startApp, type App } from "./harness";
import { newVisitor, signInByLink, strings, watchErrors } from "./journey";

let app: App;
let smtp: TestSmtp;
let wa: WhatsAppStub;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  smtp = await startSmtp();
  wa = await startWhatsAppStub();
  app = await startApp({ SMTP_URL: smtp.url, ...wa.env() });
  browser = await launchBrowser();
});
afterAll(async () => {
  if (process.env.E2E_SERVER_LOG) console.log(app?.log());
  await browser?.close();
  await app?.stop();
  await wa?.close();
  await smtp?.close();
});

const fa = strings("fa");
const en = strings("en");
const PATIENT = PATIENTS.find((p) => p.email === "ali.karimi@example.com")!;
/** The number as the patient types it (Persian digits), and as WhatsApp addresses it. */
const TYPED = "۰۹۱۲ ۳۴۵ ۶۷۸۹";
const WA_ID = "989123456789";

/** The accepted WhatsApp messages to the patient's number, by template name (or "text"). */
function messagesTo(kind?: string) {
  return wa.sent().filter((r) => {
    const body = r.body as { to?: string; type?: string; template?: { name?: string } };
    if (body.to !== WA_ID) return false;
    if (!kind) return true;
    return kind === "text" ? body.type === "text" : body.template?.name === kind;
  });
}

/** The body parameters of a template message, in order. */
function parameters(r: { body: Record<string, unknown> | null }): string[] {
  const template = (r.body as { template: { components: { parameters: { text: string }[] }[] } })
    .template;
  return template.components.flatMap((c) => c.parameters.map((p) => p.text));
}

describe("a Persian patient on WhatsApp", () => {
  let page: Page;
  let caseId = "";
  let caseNumber = "";
  let startsAt = "";

  it("1. types the number in Persian digits, proves it with the WhatsApp code and opts in", async () => {
    const context = await newVisitor(browser, "fa", "IR", "Asia/Tehran", true, "phone");
    page = await signInByLink(app.url, smtp, context, "fa", PATIENT.email);
    const errors = watchErrors(page);
    caseId = /\/portal\/cases\/([^/?#]+)/.exec(page.url())![1]!;
    await page.goto(`${app.url}/portal/settings`);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await page.getByLabel(fa("enquiry:fields.phoneCountry"), { exact: true }).selectOption("IR");
    await page.getByLabel(fa("enquiry:fields.phone"), { exact: true }).fill(TYPED);
    await page.getByRole("button", { name: fa("portal:settings.save") }).click();
    await page.getByText(fa("privacy:channels.settings.notProved")).waitFor();

    await page
      .getByRole("button", { name: fa("privacy:channels.settings.sendCode.WHATSAPP") })
      .click();
    await page.getByRole("status").waitFor();
    await expect.poll(() => messagesTo("phone_code").length, { timeout: 15_000 }).toBe(1);
    const [code] = parameters(messagesTo("phone_code")[0]!);
    expect(code).toMatch(/^\d{6}$/);
    const field = page.getByLabel(fa("privacy:channels.settings.code"), { exact: true });
    // A wrong code first: answered beside the field, and the next try on the same page is
    // checked (not taken for the same form sent twice).
    const wrong = code === "000000" ? "111111" : "000000";
    await field.fill(wrong);
    await page.getByRole("button", { name: fa("privacy:channels.settings.confirm") }).click();
    await page.getByText(fa("privacy:channels.errors.code")).waitFor();
    // Then the right one, typed in Persian digits.
    const persian = code!.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
    await field.fill(persian);
    await page.getByRole("button", { name: fa("privacy:channels.settings.confirm") }).click();
    await page.getByText(fa("privacy:channels.settings.provedDone")).waitFor();

    await page
      .getByRole("button", { name: fa("privacy:channels.settings.turnOn.WHATSAPP") })
      .click();
    await page
      .getByRole("button", { name: fa("privacy:channels.settings.turnOff.WHATSAPP") })
      .waitFor();
    // Nothing on the phone-sized page runs off its side.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    ).toBe(true);
    await page.screenshot({ path: screenshotPath("channels-fa-settings-phone"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("2. books the video consultation, and WhatsApp brings the notice without health data", async () => {
    const before = messagesTo().length;
    await page.goto(`${app.url}/portal/cases/${caseId}/appointments`);
    const radio = page.locator("#consult input[type=radio]").first();
    startsAt = (await radio.getAttribute("value"))!.split("@")[1]!;
    await radio.check();
    await page.getByRole("button", { name: fa("travel:consult.book") }).click();
    await page.getByRole("status").getByText(fa("travel:appointments.done.consult")).waitFor();
    await expect.poll(() => messagesTo().length, { timeout: 15_000 }).toBeGreaterThan(before);
    const notice = messagesTo().slice(before);
    expect(
      notice.map((m) => (m.body as { template?: { name?: string } }).template?.name),
    ).toContain("appointment_booked");
    for (const m of notice) {
      const body = JSON.stringify(m.body);
      expect(body).toContain(`"code":"fa"`);
      // The case number and a portal link, nothing about lupus or the treatment.
      expect(body).not.toMatch(/لوپوس|lupus|SLE|stem|بنیادی/i);
      caseNumber ||= parameters(m).find((p) => /^MT-\d{4}-\d+$/.test(p)) ?? "";
    }
    expect(caseNumber).not.toBe("");
    // The video link waits for its window: before it, the page says when it will appear.
    await page.getByText(fa("travel:video.join")).waitFor({ state: "detached" });
    await page.screenshot({ path: screenshotPath("channels-fa-booked-phone"), fullPage: true });
  });

  it("3. with the clock moved to two hours before, the reminder comes once", async () => {
    const at = new Date(Date.parse(startsAt) - 110 * 60_000).toISOString();
    const run = () =>
      execFileSync(process.execPath, ["--import", "tsx", "scripts/send-reminders.ts", "--at", at], {
        env: app.env,
        encoding: "utf8",
      });
    expect(run()).toMatch(/1/);
    // The same moment again (a second worker, a re-run): nothing more.
    run();
    await expect.poll(() => messagesTo("appointment_reminder").length, { timeout: 15_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(messagesTo("appointment_reminder").length).toBe(1);
    const body = JSON.stringify(messagesTo("appointment_reminder")[0]!.body);
    expect(body).not.toMatch(/لوپوس|lupus|SLE/i);
  });

  it("4. the patient's WhatsApp reply lands in the coordinator's inbox; a forged one is refused", async () => {
    const words = "سلام، برای مشاوره تصویری سؤالی دارم";
    const forged = wa.signedWebhook(wa.inboundText(`+${WA_ID}`, "forged"));
    const refused = await fetch(`${app.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: { ...forged.headers, "X-Hub-Signature-256": "sha256=" + "0".repeat(64) },
      body: forged.body,
    });
    expect(refused.status).toBe(401);
    const signed = wa.signedWebhook(wa.inboundText(`+${WA_ID}`, words, { name: "Ali" }));
    const ok = await fetch(`${app.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
    });
    expect(ok.status).toBe(200);

    const { page: staff } = await signIn(browser, app.url, "coordinator@demo.clinic");
    await staff.goto(`${app.url}/staff/inbox?lng=en&view=all`);
    const item = staff.locator("a.inbox-item", { hasText: caseNumber });
    await item.first().waitFor();
    expect(await item.first().textContent()).toContain(en("common:inbox.channel.WHATSAPP"));
    await item.first().click();
    await staff.locator(".inbox-thread-pane").waitFor();
    expect(await staff.locator(".inbox-thread").textContent()).toContain(words);
    expect(await staff.locator(".inbox-thread").textContent()).not.toContain("forged");
    await staff.screenshot({ path: screenshotPath("channels-inbox-whatsapp"), fullPage: true });
  });

  it("5. the portal shows the video link from 15 minutes before the start", async () => {
    const start = Date.parse(startsAt);
    const context = await newVisitor(browser, "fa", "IR", "Asia/Tehran");
    const p = await signInByLink(app.url, smtp, context, "fa", PATIENT.email);
    // An hour before: no button, and the join route says it is too early.
    await p.clock.install({ time: new Date(start - 60 * 60_000) });
    await p.goto(`${app.url}/portal/cases/${caseId}/appointments`);
    await p.getByText(fa("travel:appointments.consultation")).first().waitFor();
    expect(await p.getByRole("link", { name: fa("travel:video.join") }).count()).toBe(0);
    // Ten minutes before: the page left open shows the button.
    await p.clock.fastForward(50 * 60_000);
    const join = p.getByRole("link", { name: fa("travel:video.join") });
    await join.first().waitFor();
    expect(await join.first().getAttribute("href")).toMatch(/\/appointments\/[^/]+\/join$/);
    await p.screenshot({ path: screenshotPath("channels-fa-video-link"), fullPage: true });
    // The server still checks its own clock: now (hours before) the join page refuses.
    const res = await p.request.get(`${app.url}${await join.first().getAttribute("href")}`, {
      maxRedirects: 0,
    });
    expect(res.status()).not.toBe(302);
  });
});
