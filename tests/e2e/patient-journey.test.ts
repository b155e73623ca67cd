/**
 * The patient's journey in real Chromium against the production build, with emails
 * delivered by the app's worker to a real SMTP server in this process:
 * a visitor whose browser speaks English (then Arabic, German and Persian) lands in that
 * language, submits an enquiry with one mistake, fixes it without retyping, receives the
 * confirmation email in that language, signs in by magic link and sees the case.
 * The same submission works with JavaScript disabled. Screenshots are kept as artifacts.
 */
import { dirOf } from "~/i18n/config";
import type { Browser } from "playwright-core";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { buildApp, launchBrowser, screenshotPath, startApp, type App } from "./harness";
import {
  answerLupusQuestionnaire,
  attachLabs,
  mailTo as mailToOn,
  newVisitor as visitorOf,
  confirmEnquiryByLink,
  signInByLink as linkSignIn,
  strings,
  watchErrors,
  expectAccessible,
} from "./journey";

let app: App;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  smtp = await startSmtp();
  app = await startApp({ SMTP_URL: smtp.url, TRUST_PROXY: "true" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

const mailTo = (address: string, subject: string) => mailToOn(smtp, address, subject);
const newVisitor = (lng: string, region: string, tz: string, js = true) =>
  visitorOf(browser, lng, region, tz, js);
const signInByLink = (context: Parameters<typeof linkSignIn>[2], lng: string, email: string) =>
  linkSignIn(app.url, smtp, context, lng, email);

const JOURNEYS = [
  { lng: "en", region: "GB", tz: "Europe/London", phone: "7911 123456", name: "Olivia Bennett" },
  { lng: "ar", region: "SA", tz: "Asia/Riyadh", phone: "50 123 4567", name: "فاطمة الزهراني" },
  { lng: "de", region: "DE", tz: "Europe/Berlin", phone: "1512 3456789", name: "Jana Köhler" },
  { lng: "fa", region: "IR", tz: "Asia/Tehran", phone: "912 345 6789", name: "مریم رضایی" },
] as const;

describe("a visitor enquires in their own language and reaches their case", () => {
  for (const j of JOURNEYS) {
    it(`${j.lng}: lands in ${j.lng}, fixes one mistake without retyping, gets the email, signs in`, async () => {
      const s = strings(j.lng);
      const email = `journey-${j.lng}@example.com`;
      const context = await newVisitor(j.lng, j.region, j.tz);
      const page = await context.newPage();
      const errors = watchErrors(page);

      await page.goto(app.url);
      expect(await page.locator("html").getAttribute("lang")).toBe(j.lng);
      expect(await page.locator("html").getAttribute("dir")).toBe(dirOf(j.lng));
      await page.getByRole("heading", { level: 1, name: s("common:landing.title") }).waitFor();
      await page.screenshot({ path: screenshotPath(`landing-${j.lng}`), fullPage: true });
      await expectAccessible(page, `the landing page (${j.lng})`);

      await page.getByRole("link", { name: s("common:landing.cta") }).click();
      await page.getByRole("heading", { level: 1, name: s("enquiry:title") }).waitFor();
      // The browser's time zone is detected and preselected.
      await expect.poll(() => page.locator("#enquiry-timeZone").inputValue()).toBe(j.tz);
      // The country fields follow the browser's region.
      expect(await page.getByLabel(s("enquiry:fields.country"), { exact: true }).inputValue()).toBe(
        j.region,
      );

      await page.getByLabel(s("enquiry:fields.name"), { exact: true }).fill(j.name);
      await page
        .getByLabel(s("enquiry:fields.email"), { exact: true })
        .fill(email.replace("@", " at ")); // the mistake
      await page.getByLabel(s("enquiry:fields.phone"), { exact: true }).fill(j.phone);
      await page.getByLabel(s("enquiry:fields.diagnosis"), { exact: true }).fill("SLE 2016");
      await page.getByLabel(s("enquiry:fields.diagnosedYear"), { exact: true }).fill("2016");
      await page.getByLabel(s("enquiry:fields.steroidDose"), { exact: true }).fill("7.5");
      await page
        .getByLabel(s("enquiry:fields.medication"), { exact: true })
        .fill("Hydroxychloroquine 200 mg");
      await page.getByLabel(s("enquiry:organs.kidneys"), { exact: true }).check();
      await answerLupusQuestionnaire(page, { organCrisis: "yes" }, "2");
      await attachLabs(page, j.lng);
      await page.locator("#enquiry-consent").check();
      await page.getByRole("button", { name: s("enquiry:submit") }).click();

      // One localized error, beside its field, with focus on it; nothing else retyped.
      const emailError = s("enquiry:errors.email");
      await page.locator("#enquiry-email-error").getByText(emailError).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe("enquiry-email");
      expect(await page.getByLabel(s("enquiry:fields.name"), { exact: true }).inputValue()).toBe(
        j.name,
      );
      expect(
        await page.getByLabel(s("enquiry:fields.medication"), { exact: true }).inputValue(),
      ).toBe("Hydroxychloroquine 200 mg");
      expect(
        await page.locator('input[name="q.lupus-msc.organCrisis"][value="yes"]').isChecked(),
      ).toBe(true);
      expect(await page.locator("#enquiry-consent").isChecked()).toBe(true);
      await page.screenshot({ path: screenshotPath(`enquiry-error-${j.lng}`), fullPage: true });
      await expectAccessible(page, `the enquiry form with errors (${j.lng})`);

      await page.getByLabel(s("enquiry:fields.email"), { exact: true }).fill(email);
      // Files are not kept after an error, for safety; the page said so.
      await attachLabs(page, j.lng);
      await page.getByRole("button", { name: s("enquiry:submit") }).click();
      await page.getByRole("heading", { level: 1, name: s("enquiry:received.title") }).waitFor();
      // Nothing reaches the clinic until the address confirms it.
      await page.getByText(s("enquiry:received.confirmTitle")).waitFor();
      await page.screenshot({ path: screenshotPath(`enquiry-received-${j.lng}`), fullPage: true });

      const link = await confirmEnquiryByLink(app.url, smtp, context, j.lng, email);
      expect(await link.page.locator("html").getAttribute("dir")).toBe(dirOf(j.lng));
      await link.page.screenshot({
        path: screenshotPath(`enquiry-confirm-${j.lng}`),
        fullPage: true,
      });
      await expectAccessible(link.page, `the enquiry confirmation (${j.lng})`);
      const portal = await link.confirm();

      // Confirmed: the case is open, and the patient gets its first email.
      // The subject ends with the new case number; match on what comes before it.
      const prefix = s("emails:stage.patient.ENQUIRY.subject", { caseNumber: "MT-" }).split(
        "MT-",
      )[0]!;
      const confirmation = await mailTo(email, prefix);
      expect(confirmation.text).toContain(s("emails:stage.patient.ENQUIRY.body"));
      expect(confirmation.html).toContain(`lang="${j.lng}"`);
      expect(confirmation.text).not.toMatch(/SLE|Hydroxychloroquine/);

      await portal
        .getByRole("heading", { level: 1, name: s("catalogue:lupus-msc.name") })
        .waitFor();
      await portal.getByText(s("stages:stage.ENQUIRY"), { exact: true }).first().waitFor();
      await portal.getByRole("link", { name: "labs.pdf" }).waitFor();
      expect(await portal.locator("html").getAttribute("lang")).toBe(j.lng);
      await portal.screenshot({ path: screenshotPath(`portal-${j.lng}`), fullPage: true });
      await expectAccessible(portal, `the portal (${j.lng})`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("works with JavaScript disabled: errors come back from the server, values stay", async () => {
    const s = strings("de");
    const context = await newVisitor("de", "AT", "Europe/Vienna", false);
    const page = await context.newPage();
    await page.goto(`${app.url}/enquire?programme=knee-oa`);
    await page.getByLabel(s("enquiry:fields.name"), { exact: true }).fill("Lukas Gruber");
    await page
      .getByLabel(s("enquiry:fields.email"), { exact: true })
      .fill("lukas.gruber@example.com");
    await page.getByLabel(s("enquiry:fields.phone"), { exact: true }).fill("664 1234567");
    await page
      .getByLabel(s("enquiry:fields.timeZone"), { exact: true })
      .selectOption("Europe/Vienna");
    await page
      .getByLabel(s("enquiry:fields.diagnosis"), { exact: true })
      .fill("Gonarthrose rechts");
    for (const [id, value] of Object.entries({
      kneeInfection: "no",
      malignancy: "no",
      klGrade: "3",
      kneeReplacement: "no",
      fitToTravel: "yes",
    })) {
      await page.locator(`input[name="q.knee-oa.${id}"][value="${value}"]`).check();
    }
    // The mistake: no consent.
    await page.getByRole("button", { name: s("enquiry:submit") }).click();
    await page.locator("#enquiry-consent-error").getByText(s("enquiry:errors.consent")).waitFor();
    expect(await page.getByLabel(s("enquiry:fields.diagnosis"), { exact: true }).inputValue()).toBe(
      "Gonarthrose rechts",
    );
    expect(await page.locator('input[name="q.knee-oa.klGrade"][value="3"]').isChecked()).toBe(true);
    await page.locator("#enquiry-consent").check();
    await page.getByRole("button", { name: s("enquiry:submit") }).click();
    await page.getByRole("heading", { level: 1, name: s("enquiry:received.title") }).waitFor();
    // The confirmation is a plain form post too: the cross-site check lets the app's own
    // forms through without JavaScript (the browser sends the page's Origin).
    const link = await confirmEnquiryByLink(
      app.url,
      smtp,
      context,
      "de",
      "lukas.gruber@example.com",
    );
    await link.confirm();
    const prefix = s("emails:stage.patient.ENQUIRY.subject", { caseNumber: "MT-" }).split(
      "MT-",
    )[0]!;
    await expect
      .poll(
        () => smtp.messages.some((m) => m.subject?.startsWith(prefix) && m.text?.includes("Lukas")),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    await context.close();
  });
});

describe("screenshots of every script", () => {
  const PATIENTS = {
    ru: { email: "olga.ivanova@example.com", region: "RU", tz: "Europe/Moscow" },
    tr: { email: "ayse.yilmaz@example.com", region: "TR", tz: "Europe/Istanbul" },
  } as const;
  for (const [lng, p] of Object.entries(PATIENTS)) {
    it(`${lng}: landing, form and portal`, async () => {
      const s = strings(lng);
      const context = await newVisitor(lng, p.region, p.tz);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(app.url);
      await page.getByRole("heading", { level: 1, name: s("common:landing.title") }).waitFor();
      await page.screenshot({ path: screenshotPath(`landing-${lng}`), fullPage: true });
      await page.goto(`${app.url}/enquire`);
      await page.getByRole("button", { name: s("enquiry:submit") }).click();
      await page.locator("#enquiry-name-error").waitFor();
      await page.screenshot({ path: screenshotPath(`enquiry-error-${lng}`), fullPage: true });
      const portal = await signInByLink(context, lng, p.email);
      await portal.getByRole("heading", { level: 2, name: s("portal:case.timeline") }).waitFor();
      await portal.screenshot({ path: screenshotPath(`portal-${lng}`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
