/**
 * Finance, tried as new users would in real Chromium against the production build, with the
 * real `stripe` SDK talking to the local Stripe stand-in and the app's worker delivering every
 * email to a real SMTP server:
 *   1. finance finds the eligible case, starts a quote from the price list, switches it to GBP
 *      and issues it; the Arabic-speaking patient is emailed;
 *   2. finance revises it (two hotel nights fewer, a discount) and issues version 2;
 *   3. the patient sees what changed, right to left, cannot accept version 1, accepts version 2,
 *      pays the deposit on the hosted Checkout page; Stripe's signed webhook moves the case to
 *      DEPOSIT_PAID and the receipt email arrives;
 *   4. a forged webhook is refused; finance sees the payment, downloads the receipt and the CSV.
 */
import type { Browser, Page } from "playwright-core";
import { PATIENTS } from "../../prisma/seed-data";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { startStripeStub, type StripeStub } from "../support/stripe-stub";
import { buildApp, launchBrowser, screenshotPath, signIn, startApp, type App } from "./harness";
import {
  addressOf,
  mailTo,
  newVisitor,
  signInByLink,
  strings,
  watchErrors,
  expectAccessible,
} from "./journey";

let app: App;
let smtp: TestSmtp;
let stripe: StripeStub;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  smtp = await startSmtp();
  stripe = await startStripeStub();
  app = await startApp({
    SMTP_URL: smtp.url,
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: stripe.url,
  });
  stripe.webhookUrl = `${app.url}/webhooks/stripe`;
  browser = await launchBrowser();
});
afterAll(async () => {
  if (process.env.E2E_SERVER_LOG) console.log(app?.log());
  await browser?.close();
  await app?.stop();
  await stripe?.close();
  await smtp?.close();
});

const en = strings("en");
const ar = strings("ar");
// The demo's Arabic-speaking patient whose case a clinician has marked eligible.
const PATIENT = PATIENTS.find((p) => p.email === "mohammed.mansouri@example.com")!;
let staffPage: Page;
let quotePath = "";
let caseNumber = "";

describe("a quote in GBP, revised, accepted and paid by card", () => {
  it("1. finance starts a quote from the price list, switches it to GBP and issues it", async () => {
    const { page } = await signIn(browser, app.url, "finance@demo.clinic");
    staffPage = page;
    const errors = watchErrors(page);
    await page.goto(`${app.url}/staff/cases?q=${encodeURIComponent(PATIENT.email)}`);
    await page.locator("table.cases-table tbody tr a").first().click();
    await page.getByRole("link", { name: en("finance:staff.openQuote") }).click();
    await page.waitForURL(/\/quote$/);
    caseNumber = /MT-\d{4}-\d{6}/.exec(await page.locator("h1").innerText())![0];
    quotePath = new URL(page.url()).pathname;
    await page.getByRole("button", { name: en("finance:staff.startQuote") }).click();
    await page
      .getByRole("heading", { name: en("finance:staff.editDraft", { version: 1 }) })
      .waitFor();
    // The draft starts in the patient's currency; finance quotes in pounds instead.
    await page.getByLabel(en("finance:quote.currency"), { exact: true }).selectOption("GBP");
    await page.getByRole("button", { name: en("finance:staff.save") }).click();
    await page.getByRole("status").getByText(en("finance:staff.repriced")).waitFor();
    // Bad input is answered beside the field (and listed above the form, linking to it), the
    // field is marked invalid and focused, and nothing typed is lost.
    const deposit = page.getByLabel(en("finance:staff.depositPercent"), { exact: true });
    await deposit.fill("120");
    await page.getByRole("button", { name: en("finance:staff.save") }).click();
    await page
      .locator("#draft-depositPercent-error")
      .getByText(en("finance:staff.errors.deposit"))
      .waitFor();
    await page
      .getByRole("alert")
      .getByRole("link", { name: en("finance:staff.depositPercent") })
      .waitFor();
    expect(await deposit.getAttribute("aria-invalid")).toBe("true");
    expect(await deposit.getAttribute("aria-describedby")).toContain("draft-depositPercent-error");
    expect(await deposit.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await deposit.inputValue()).toBe("120");
    await deposit.fill("20");
    await page.getByRole("button", { name: en("finance:staff.issue") }).click();
    await page.getByRole("status").getByText(en("finance:staff.issued")).waitFor();
    await page.screenshot({ path: screenshotPath("finance-quote-v1-en"), fullPage: true });
    await expectAccessible(page, "the quote builder");
    await mailTo(smtp, PATIENT.email, ar("emails:stage.patient.QUOTED.subject", { caseNumber }));
    expect(errors).toEqual([]);
  });

  it("2. finance revises it: two hotel nights fewer and a 5% discount on the cells; version 2 goes out", async () => {
    const page = staffPage;
    await page.getByRole("button", { name: en("finance:staff.revise", { version: 2 }) }).click();
    await page
      .getByRole("heading", { name: en("finance:staff.editDraft", { version: 2 }) })
      .waitFor();
    const row = (name: string) =>
      page
        .locator("table.editor tbody tr")
        .filter({ has: page.locator(`input[name$=".name"][value^="${name}"]`) });
    await row("Hotel night").locator('input[name$=".quantity"]').fill("6");
    await row("Cell sourcing").locator('input[name$=".discount"]').fill("5");
    await page.screenshot({ path: screenshotPath("finance-draft-v2-en"), fullPage: true });
    await expectAccessible(page, "the draft editor");
    await page.getByRole("button", { name: en("finance:staff.issue") }).click();
    await page.getByRole("status").getByText(en("finance:staff.issued")).waitFor();
    await mailTo(smtp, PATIENT.email, ar("emails:notice.quoteRevised.subject", { caseNumber }));
  });

  it("3. the patient sees what changed, accepts version 2 and pays the deposit by card", async () => {
    const context = await newVisitor(browser, "ar", "AE", PATIENT.timeZone);
    const page = await signInByLink(app.url, smtp, context, "ar", PATIENT.email);
    const errors = watchErrors(page);
    await page.getByRole("link", { name: ar("finance:portal.quoteLink") }).click();
    await page.getByRole("heading", { level: 1, name: ar("finance:portal.title") }).waitFor();
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const diff = page.getByRole("region", {
      name: ar("finance:portal.whatChanged", { version: 1 }),
    });
    await diff
      .getByText(ar("finance:portal.change.quantity", { before: 8, after: 6 }), { exact: false })
      .waitFor();
    await diff.getByText(ar("finance:category.CELLS"), { exact: false }).first().waitFor();
    await page.screenshot({ path: screenshotPath("portal-quote-ar"), fullPage: true });
    await expectAccessible(page, "the patient's quote (ar)");

    // Version 1 is read-only now: no accept button on it.
    await page
      .getByRole("link", { name: ar("finance:portal.viewVersion", { version: 1 }) })
      .click();
    await page.getByText(ar("finance:status.SUPERSEDED")).first().waitFor();
    expect(
      await page.getByRole("button", { name: ar("finance:portal.accept", { version: 1 }) }).count(),
    ).toBe(0);
    await page
      .getByRole("link", { name: ar("finance:portal.viewVersion", { version: 2 }) })
      .click();

    // Accepting without ticking the terms is refused: the message beside the box, which is
    // marked invalid, described by it, and focused.
    const accept = page.getByRole("button", { name: ar("finance:portal.accept", { version: 2 }) });
    await accept.click();
    await page
      .locator("#accept-terms-error")
      .getByText(ar("finance:errors.termsRequired"))
      .waitFor();
    const terms = page.getByLabel(ar("finance:portal.acceptTerms", { version: "2026-11" }));
    expect(await terms.getAttribute("aria-invalid")).toBe("true");
    expect(await terms.getAttribute("aria-describedby")).toContain("accept-terms-error");
    expect(await terms.evaluate((el) => el === document.activeElement)).toBe(true);
    await terms.check();
    // Accepting is signed (issue 25): the full name typed, and a signature drawn on the pad.
    await page.getByLabel(ar("portal:consent.sign.typedName")).fill(PATIENT.name);
    const pad = page.locator("canvas.signature-canvas[data-ready=yes]");
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) {
      await page.mouse.move(
        box.x + 30 + i * ((box.width - 60) / 20),
        box.y + box.height / 2 + (i % 2 ? -30 : 30),
      );
    }
    await page.mouse.up();
    await page.getByRole("img", { name: ar("portal:consent.sign.padLabelDrawn") }).waitFor();
    await accept.click();
    await page.getByRole("status").getByText(ar("finance:portal.acceptedFlash")).waitFor();
    // The signed acceptance is kept with its PDF, listed on the consent page.
    const caseUrl = page.url().replace(/\/quote.*$/, "");
    const consentPage = await page.context().newPage();
    await consentPage.goto(`${caseUrl}/consent`);
    const signedPdf = consentPage.getByRole("link", { name: ar("portal:consent.download") });
    const pdf = await consentPage.request.get(
      new URL((await signedPdf.getAttribute("href"))!, caseUrl).href,
    );
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await consentPage.close();

    // Card payment: Stripe's hosted page (the stand-in), then back to the portal.
    await page.getByRole("button", { name: ar("finance:portal.payByCard") }).click();
    await page.waitForURL(`${stripe.url}/pay/**`);
    const charged = await page.locator("h1").innerText();
    expect(charged).toMatch(/^Pay gbp \d+\.\d{2}$/);
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(/\/quote\?checkout=success$/);
    await page.getByText(ar("finance:portal.depositDone")).waitFor();
    const receiptLink = page.getByRole("link", { name: /RC-\d{4}-\d{6}/ });
    await receiptLink.waitFor();
    await page.screenshot({ path: screenshotPath("portal-paid-ar"), fullPage: true });
    await expectAccessible(page, "the patient's paid quote (ar)");

    const receipt = await mailTo(
      smtp,
      PATIENT.email,
      ar("emails:stage.patient.DEPOSIT_PAID.subject", { caseNumber }),
    );
    expect(receipt.text).toContain(`/portal/cases/`);
    await mailTo(
      smtp,
      "finance@demo.clinic",
      en("emails:stage.finance.DEPOSIT_PAID.subject", { caseNumber }),
    );
    const request = stripe.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(request.idempotencyKey).toMatch(/^checkout-/);
    expect(request.body.metadata).toMatchObject({
      caseId: expect.any(String),
      quoteId: expect.any(String),
    });

    // The receipt downloads as a PDF.
    const download = await Promise.all([page.waitForEvent("download"), receiptLink.click()]);
    expect(download[0].suggestedFilename()).toMatch(/^RC-\d{4}-\d{6}-ar\.pdf$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("4. a forged webhook is refused; finance sees the payment and the case at DEPOSIT_PAID", async () => {
    const event = stripe.signedEvent("checkout.session.completed", {
      id: "cs_forged",
      object: "checkout.session",
    });
    const forged = await fetch(`${app.url}/webhooks/stripe`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Stripe-Signature": event.signature.replace(/v1=./, "v1=0"),
      },
      body: event.body.replace("cs_forged", "cs_forgeD"),
    });
    expect(forged.status).toBe(400);

    const page = staffPage;
    const errors = watchErrors(page);
    await page.goto(`${app.url}${quotePath}`);
    await page.screenshot({ path: screenshotPath("finance-paid-en"), fullPage: true });
    await page.getByText(en("stages:stage.DEPOSIT_PAID")).first().waitFor();
    await page
      .locator("table")
      .getByText(/RC-\d{4}-\d{6}/)
      .first()
      .waitFor();
    await page.screenshot({ path: screenshotPath("finance-paid-en"), fullPage: true });
    await page.goto(`${app.url}/staff/finance`);
    await page
      .getByRole("heading", { level: 1, name: en("finance:staff.dashboardTitle") })
      .waitFor();
    const csv = await page.evaluate(async () =>
      (await fetch("/staff/finance/payments.csv")).text(),
    );
    expect(csv).toContain(caseNumber);
    expect(smtp.messages.filter((m) => addressOf(m) === PATIENT.email).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it("5. finance voids a bank transfer recorded by mistake: the receipt stays, a cancellation note downloads", async () => {
    const page = staffPage;
    const errors = watchErrors(page);
    await page.goto(`${app.url}${quotePath}`);
    // The record form's fields, by their ids (<form id>-<field>).
    await page.locator("#record-amount").fill("10.00");
    await page.locator("#record-reference").fill("MISTAKE-1");
    await page.getByRole("button", { name: en("finance:staff.record"), exact: true }).click();
    const row = page.locator("tr", { hasText: "MISTAKE-1" });
    await row.getByRole("link", { name: /RC-\d{4}-\d{6}/ }).waitFor();
    const receipt = await row.getByRole("link", { name: /RC-\d{4}-\d{6}/ }).textContent();
    await row.locator("summary", { hasText: en("finance:staff.void") }).click();
    await row.getByLabel(en("finance:staff.voidReason")).fill("Recorded on the wrong case");
    await row.getByRole("button", { name: en("finance:staff.void") }).click();
    // The reason is printed on the patient's cancellation note, and they read Arabic (ADR 025):
    // it is held with a warning, the reason kept, until finance voids it anyway.
    const warning = row.getByRole("alert").filter({ hasText: "Arabic" });
    await warning.waitFor();
    expect(await row.getByLabel(en("finance:staff.voidReason")).inputValue()).toBe(
      "Recorded on the wrong case",
    );
    await warning.getByRole("button", { name: en("common:language.voidAnyway") }).click();
    const note = row.getByRole("link", { name: /CN-\d{4}-\d{6}/ });
    await note.waitFor();
    await row.getByText(en("finance:paymentStatus.VOIDED")).waitFor();
    // The receipt keeps its number; the note downloads as a PDF.
    await row.getByRole("link", { name: receipt! }).waitFor();
    const download = await Promise.all([page.waitForEvent("download"), note.click()]);
    expect(download[0].suggestedFilename()).toMatch(/^CN-\d{4}-\d{6}-ar\.pdf$/);
    await page.screenshot({ path: screenshotPath("finance-voided-en"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
