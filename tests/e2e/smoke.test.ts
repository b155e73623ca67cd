/**
 * Smoke journey in real Chromium: a coordinator signs in and sees the case list; a patient
 * (or anyone signed out) cannot reach staff pages; an Arabic browser gets the page right
 * to left. Screenshots are saved for people to look at.
 */
import type { Browser } from "playwright-core";
import { expectAccessible } from "./journey";
import {
  buildApp,
  enterTotpCode,
  launchBrowser,
  screenshotPath,
  signIn,
  startApp,
  type App,
} from "./harness";

let app: App;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("staff smoke journey", () => {
  it("a coordinator signs in and sees the case list, then opens a case", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      // The browser also logs each non-2xx fetch; those are judged by status below.
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
        errors.push(m.text());
    });
    page.on("response", (r) => {
      if (r.status() === 404 || r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${app.url}/staff/cases`);
    await page.waitForURL(/\/login\?redirectTo=/);
    await page.getByLabel("Email address").fill("coordinator@demo.clinic");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("alert")
      .getByText("The email address or password is incorrect.")
      .waitFor();
    // Focus returns to the email field, and what was typed is still there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("login-email");
    expect(await page.getByLabel("Email address").inputValue()).toBe("coordinator@demo.clinic");

    await page.getByLabel("Password").fill("demo-clinic-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    // The second step: a wrong code is refused, with focus on the field; the right one signs in.
    await page.waitForURL(/\/login\/code/);
    await page.getByLabel("6-digit code").fill("000000");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByText("That code is not right.", { exact: false }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("autocomplete"))).toBe(
      "one-time-code",
    );
    await enterTotpCode(page, app.url, "coordinator@demo.clinic");
    // The page asked for before signing in wins over the coordinator's home (ADR 029).
    await page.waitForURL(`${app.url}/staff/cases`);
    // The coordinator's saved language is Turkish.
    await page.getByRole("heading", { name: "Vakalar", level: 1 }).waitFor();
    const rows = page.locator("table.cases-table tbody tr");
    expect(await rows.count()).toBe(25);
    expect(await page.locator("html").getAttribute("lang")).toBe("tr");
    expect(await page.title()).toBe("Vakalar · Uluslararası Hasta Birimi");
    // The language switcher shows the language the page is in.
    expect(await page.locator("header").getByLabel("Dil").inputValue()).toBe("tr");
    await page.screenshot({ path: screenshotPath("staff-case-list-tr"), fullPage: true });
    await expectAccessible(page, "the case list");

    await rows.first().locator("a").first().click();
    await page.getByRole("heading", { level: 2, name: "Zaman çizelgesi" }).waitFor();
    await page.screenshot({ path: screenshotPath("staff-case-page-tr"), fullPage: true });
    await expectAccessible(page, "the case page");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("every staff role can sign in through the form", async () => {
    for (const email of [
      "clinician@demo.clinic",
      "finance@demo.clinic",
      "admin@demo.clinic",
      "coordinator2@demo.clinic",
    ]) {
      const { context, page } = await signIn(browser, app.url, email);
      expect(await page.locator("table.cases-table tbody tr").count(), email).toBe(25);
      await context.close();
    }
  });

  it("a stage change made in the browser reaches the outbox worker and the admin sees the emails sent", async () => {
    const coordinator = await signIn(browser, app.url, "coordinator@demo.clinic");
    const page = coordinator.page;
    await page.goto(`${app.url}/staff/cases?stage=ENQUIRY&lng=en`);
    const number = (await page
      .locator("table.cases-table tbody tr a")
      .first()
      .textContent())!.trim();
    await page.locator("table.cases-table tbody tr a").first().click();
    // A transition whose guard fails is shown disabled with the reason.
    await page.getByRole("button", { name: "Move to: Medical review" }).click();
    await page.getByText("Stage changed from Enquiry to Medical review").waitFor();
    await page.screenshot({ path: screenshotPath("staff-stage-changed-en"), fullPage: true });
    await coordinator.context.close();

    const admin = await signIn(browser, app.url, "admin@demo.clinic");
    // The worker in the server process delivers (to .eml files here) within a few polls.
    let sent = 0;
    for (let i = 0; i < 50 && sent < 2; i++) {
      await admin.page.goto(`${app.url}/staff/outbox?status=SENT`);
      sent = await admin.page.locator("tbody tr", { hasText: number }).count();
      if (sent < 2) await admin.page.waitForTimeout(200);
    }
    expect(sent).toBe(2); // MEDICAL_REVIEW: the patient and the clinician
    await admin.page.locator("tbody tr", { hasText: number }).first().locator("a").click();
    // The email as its reader sees it: headers, the HTML part in a sandboxed frame, the text.
    await admin.page.getByRole("heading", { name: "Plain-text part" }).waitFor();
    expect(await admin.page.locator("iframe.mail-html").getAttribute("sandbox")).toBe("");
    await admin.page.frameLocator("iframe.mail-html").locator("body").waitFor();
    await admin.page.screenshot({ path: screenshotPath("admin-outbox-email"), fullPage: true });
    await expectAccessible(admin.page, "an outbox email");
    // The raw source is a link above the sandboxed frame, opened by a click as a person would.
    await admin.page.getByRole("link", { name: "Show the saved source (.eml)" }).click();
    await admin.page.getByRole("heading", { name: "Saved message (.eml)" }).waitFor();
    await admin.context.close();
  });

  it("sends a signed-out visitor from a staff page to sign in", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${app.url}/staff/outbox`);
    expect(res?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("renders Arabic right to left for an Arabic browser", async () => {
    const context = await browser.newContext({
      locale: "ar-SA",
      extraHTTPHeaders: { "Accept-Language": "ar-SA,ar;q=0.9" },
    });
    const page = await context.newPage();
    await page.goto(app.url);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    await page
      .getByRole("heading", { level: 1, name: "علاجك في إسطنبول، ونحن ننسّق كل شيء بلغتك" })
      .waitFor();
    await page.screenshot({ path: screenshotPath("landing-ar"), fullPage: true });
    for (const lng of ["fa", "ru", "tr"]) {
      await page.goto(`${app.url}/login?lng=${lng}`);
      await page.screenshot({ path: screenshotPath(`login-${lng}`), fullPage: true });
    }
    await context.close();
  });
});

describe("pages rendered without the root loader's data", () => {
  // A URL no route matches (and an error after a form post) renders without the root
  // loader: the server embeds the reader's translations, and the browser must take over
  // with them. Without that, React replaced the translated page with bare keys.
  it.each([
    ["/staff/nope?lng=tr", "tr", "Sayfa bulunamadı"],
    ["/portal/cases/x/y/z?lng=ar", "ar", "الصفحة غير موجودة"],
    ["/nope?lng=fa", "fa", "صفحه پیدا نشد"],
  ])("%s stays in the reader's language after hydration", async (path, lng, title) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && /Minified React error|Hydration/.test(m.text())) {
        errors.push(m.text());
      }
    });
    const res = await page.goto(`${app.url}${path}`);
    expect(res?.status()).toBe(404);
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe(lng);
    // The reader's direction, and the page's heading as its title (not the bare brand).
    expect(await page.locator("html").getAttribute("dir")).toBe(lng === "tr" ? "ltr" : "rtl");
    expect(await page.title()).toMatch(new RegExp(`^${title} · `));
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/\b(nav|errors)\.[a-zA-Z]+/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
