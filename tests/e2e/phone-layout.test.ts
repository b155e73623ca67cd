/**
 * Every page a patient sees, on a 390 px and a 360 px phone, in Arabic, Persian, Russian and
 * Turkish, in real Chromium against the production build. Demo patients at each stage that has pages of
 * its own (a quote to answer, a deposit to transfer, paid, scheduled, travel-ready with a
 * passport, in aftercare) sign in once by their emailed link; then one browser context per
 * language visits every page of each, with that patient's session cookie:
 *   - no page is wider than the screen (document scrollWidth within the viewport), at 390 px
 *     and again at 360 px: each page is loaded once at 390 px, then the same page is narrowed
 *     to 360 px (it reflows; nothing on these pages is laid out by the server for a width);
 *   - axe-core reports no serious or critical violation (WCAG 2.1 A and AA) on any of them,
 *     in any of the four languages;
 *   - a chart's labels print at least 12 px high;
 *   - every checkbox and radio, with its label, and every link of the navigation is a 44 px
 *     target; no form control sticks out of its card;
 *   - the bank-transfer values (IBAN, BIC, reference, amount) show whole, left to right in
 *     Arabic and Persian, each with a labelled 44 px copy button that copies (and no button
 *     without JavaScript);
 *   - back links point to where reading starts (← left to right, → right to left);
 *   - native digits are accepted: in Arabic and Persian, the enquiry (year of diagnosis, a
 *     steroid dose with the Arabic decimal separator, flares in the last year, the phone
 *     number) and a follow-up (flares, dose, quality of life, the 0–10 scales, lab values with
 *     the decimal and thousands separators) are typed in the language's own digits, sent, and
 *     stored as the same numbers.
 * A full-page screenshot of each at 390 px goes to test-results/screenshots/phone-<lng>-<page>.png
 * (and phone360-<lng>-<page>.png of one with a problem at 360 px); .ci/run keeps test-results/
 * as CI artifacts.
 */
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Cookie, Page } from "playwright-core";
import { PATIENTS as DEMO_PATIENTS } from "../../prisma/seed-data";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { buildApp, launchBrowser, screenshotPath, startApp, type App } from "./harness";
import {
  accessibilityViolations,
  answerLupusQuestionnaire,
  confirmEnquiryByLink,
  newVisitor,
  signInByLink,
  strings,
} from "./journey";

/** The narrowest phone in use; the bank-details checks measure against it. */
const WIDTH = 360;
/** The phone the issue names (iPhone 12 to 15); every page is loaded at this width first. */
const WIDE = 390;
const LOCALES = ["ar", "fa", "ru", "tr"] as const;
const RTL = new Set(["ar", "fa"]);

/** Demo patients (prisma/seed-data.ts) by the stage the seed gives them. */
const PATIENTS = [
  { key: "quoted", email: "emily.clarke@example.com" },
  { key: "accepted", email: "hans.becker@example.com" },
  { key: "paid", email: "fatima.alharbi@example.com" },
  { key: "scheduled", email: "khaled.otaibi@example.com" },
  { key: "travel", email: "katharina.weber@example.com" },
  { key: "aftercare", email: "sara.mousavi@example.com" },
] as const;

let app: App;
let smtp: TestSmtp;
let browser: Browser;
const sessions = new Map<string, { caseUrl: string; cookies: Cookie[] }>();

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

function phone(lng: string, javaScriptEnabled = true, width = WIDTH) {
  return browser.newContext({
    viewport: { width, height: 780 },
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled,
    locale: lng,
    timezoneId: "Europe/Istanbul",
    extraHTTPHeaders: { "Accept-Language": `${lng},en;q=0.5` },
  });
}

/** What is wrong with the page as laid out at its width (empty when nothing is). */
async function layoutProblems(page: Page, width = WIDTH): Promise<string[]> {
  return page.evaluate((width) => {
    const problems: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${
        typeof el.className === "string" && el.className ? `.${el.className.split(" ")[0]}` : ""
      } "${(el.textContent ?? "").trim().slice(0, 30)}"`;
    // Shown to the eye: not inside a box that is clipped away (visually-hidden headings).
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (!(r.width > 0 && r.height > 0) || getComputedStyle(el).visibility === "hidden") {
        return false;
      }
      for (let a: Element | null = el; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.clipPath !== "none" || style.clip.startsWith("rect(0")) return false;
      }
      return true;
    };
    const doc = document.documentElement;
    // An emulated phone widens its layout viewport to fit a too-wide page, so innerWidth alone
    // would grow with the fault: compare with the device's width too.
    if (doc.scrollWidth > Math.min(window.innerWidth, width)) {
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
        })
        .slice(0, 3)
        .map(name);
      problems.push(`page is ${doc.scrollWidth}px wide: ${wide.join(", ")}`);
    }
    // Checkboxes and radios: the box or its label (which toggles it) is a 44 px target.
    for (const input of document.querySelectorAll<HTMLInputElement>(
      'input[type="checkbox"], input[type="radio"]',
    )) {
      if (!visible(input)) continue;
      const heights = [input, ...(input.labels ?? [])].map((e) => e.getBoundingClientRect().height);
      if (Math.max(...heights) < 43.5)
        problems.push(`small target: ${name(input.labels?.[0] ?? input)}`);
    }
    for (const link of document.querySelectorAll(
      ".site-nav a, .site-nav button, .subnav a, .back-link, .copy-button",
    )) {
      if (visible(link) && link.getBoundingClientRect().height < 43.5) {
        problems.push(`small target: ${name(link)}`);
      }
    }
    // A form control stays inside its card (or fieldset).
    for (const control of document.querySelectorAll("main input, main select, main textarea")) {
      if (!visible(control)) continue;
      const box = control.closest(".card, fieldset, form");
      if (!box) continue;
      const c = control.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      if (c.right > b.right + 0.5 || c.left < b.left - 0.5) {
        problems.push(`control outside its card: ${name(control)}`);
      }
    }
    // A chart's labels (SVG text, scaled with its drawing) print at least 12 px high.
    for (const text of document.querySelectorAll<SVGTextElement>("svg text")) {
      if (!visible(text)) continue;
      const px = parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 1);
      if (px < 11.95) problems.push(`chart text ${px.toFixed(1)}px: ${name(text)}`);
    }
    // Nothing that must be read whole is cut off by its box.
    for (const el of document.querySelectorAll(".copy-text, .facts dd, td, th")) {
      if (visible(el) && el.scrollWidth > el.clientWidth + 1) problems.push(`clipped: ${name(el)}`);
    }
    return problems;
  }, width);
}

/**
 * The checks on the page as it stands, at 390 px and then at 360 px: the layout at each width,
 * axe-core once (the content does not change with the width), and a screenshot at 390 px; at
 * 360 px only of a page with a problem there (the screenshots are most of the time).
 */
async function check(page: Page, lng: string, label: string, found: string[]) {
  const height = page.viewportSize()?.height ?? 780;
  for (const width of [WIDE, WIDTH]) {
    if (page.viewportSize()?.width !== width) await page.setViewportSize({ width, height });
    const problems = await layoutProblems(page, width);
    for (const problem of problems) found.push(`${lng} ${label} ${width}px: ${problem}`);
    if (width === WIDE || problems.length) {
      const name = width === WIDE ? `phone-${lng}-${label}` : `phone${width}-${lng}-${label}`;
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    }
  }
  for (const violation of await accessibilityViolations(page)) {
    found.push(`${lng} ${label}: axe ${violation}`);
  }
  await page.setViewportSize({ width: WIDE, height });
}

async function visit(page: Page, lng: string, label: string, url: string, found: string[]) {
  const response = await page.goto(url);
  expect(response?.status(), `${lng} ${label}`).toBeLessThan(400);
  expect(await page.locator("html").getAttribute("lang")).toBe(lng);
  await check(page, lng, label, found);
}

/** Puts the patient's session into the context: signed in by link once, then reused. */
async function as(context: BrowserContext, key: (typeof PATIENTS)[number]["key"]) {
  let session = sessions.get(key);
  if (!session) {
    // The sign-in email comes in the patient's own language.
    const email = PATIENTS.find((p) => p.key === key)!.email;
    const demo = DEMO_PATIENTS.find((p) => p.email === email)!;
    const signInContext = await newVisitor(browser, demo.locale, demo.country, demo.timeZone);
    const page = await signInByLink(app.url, smtp, signInContext, demo.locale, email);
    session = {
      caseUrl: new URL(page.url()).pathname,
      cookies: (await signInContext.cookies()).filter((c) => c.name !== "lng"),
    };
    sessions.set(key, session);
    await signInContext.close();
  }
  await context.addCookies(session.cookies);
  return `${app.url}${session.caseUrl}`;
}

describe("a patient's pages on a 390 px and a 360 px phone", () => {
  for (const lng of LOCALES) {
    it(`${lng}: every page fits the screen at 390 and 360 px, with 44 px targets and no serious axe violation`, async () => {
      const found: string[] = [];
      const context = await phone(lng, true, WIDE);
      const page = await context.newPage();
      await visit(page, lng, "home", `${app.url}/?lng=${lng}`, found);
      await visit(page, lng, "programme", `${app.url}/programmes/lupus-msc`, found);
      await visit(page, lng, "enquire", `${app.url}/enquire`, found);
      await visit(page, lng, "privacy", `${app.url}/privacy`, found);
      await visit(page, lng, "portal-login", `${app.url}/portal/login`, found);
      await visit(page, lng, "staff-login", `${app.url}/login`, found);

      for (const { key } of PATIENTS) {
        const caseUrl = await as(context, key);
        await visit(page, lng, `${key}-case`, caseUrl, found);
        await visit(page, lng, `${key}-quote`, `${caseUrl}/quote`, found);
        await visit(page, lng, `${key}-appointments`, `${caseUrl}/appointments`, found);
        await visit(page, lng, `${key}-travel`, `${caseUrl}/travel`, found);
        await visit(page, lng, `${key}-aftercare`, `${caseUrl}/aftercare`, found);
        const followUp = page.locator('main a[href*="/aftercare/"]').first();
        if (await followUp.count()) {
          const href = await followUp.getAttribute("href");
          await visit(page, lng, `${key}-follow-up`, new URL(href!, page.url()).href, found);
        }
      }
      // The pages of the account, as the patient in aftercare (several sections filled).
      await as(context, "aftercare");
      await visit(page, lng, "portal", `${app.url}/portal`, found);
      await visit(page, lng, "settings", `${app.url}/portal/settings`, found);
      await visit(page, lng, "data", `${app.url}/portal/data`, found);
      await visit(page, lng, "enquiries", `${app.url}/portal/enquiries`, found);
      await context.close();
      expect(found).toEqual([]);
    }, 180_000);
  }

  it("the bank details show whole, left to right, with copy buttons that copy; back links follow the direction", async () => {
    for (const lng of LOCALES) {
      const s = strings(lng);
      const context = await phone(lng);
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
      const page = await context.newPage();
      const caseUrl = await as(context, "accepted");
      await page.goto(`${caseUrl}/quote?lng=${lng}`);
      const bank = page.locator(".bank-facts");
      for (const key of ["bankName", "iban", "bic", "bankReference", "bankAmount"]) {
        const button = bank.getByRole("button", {
          name: s("common:copy.label", { what: s(`finance:portal.${key}`) }),
          exact: true,
        });
        const box = (await button.boundingBox())!;
        expect(box.height, `${lng} ${key}`).toBeGreaterThanOrEqual(43.5);
        expect(box.width, `${lng} ${key}`).toBeGreaterThanOrEqual(43.5);
        expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
      }
      // The IBAN reads left to right in every language, in groups of four that never break
      // inside, all of it on the screen.
      const iban = bank.locator(".copy-text").nth(1);
      expect(await iban.getAttribute("dir")).toBe("ltr");
      expect(await iban.textContent()).toMatch(/^[A-Z]{2}\d{2}( [A-Z0-9]{1,4})+$/);
      for (const group of await iban.locator(".copy-group").all()) {
        const lines = await group.evaluate((el) => el.getClientRects().length);
        expect(lines).toBe(1);
        const g = (await group.boundingBox())!;
        expect(g.x).toBeGreaterThanOrEqual(0);
        expect(g.x + g.width).toBeLessThanOrEqual(WIDTH);
      }
      const reference = bank.locator(".copy-text").nth(3);
      expect(await reference.textContent()).toMatch(/^MT-\d{4}-\d{6}$/);
      await bank
        .getByRole("button", { name: s("common:copy.label", { what: s("finance:portal.iban") }) })
        .click();
      await bank
        .getByText(s("common:copy.doneFor", { what: s("finance:portal.iban") }))
        .waitFor({ state: "attached" });
      const ibanText = (await iban.textContent())!.replace(/ /g, "");
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(ibanText);

      // Back to the case: the arrow points to the reading start.
      const back = page.locator(".back-link .arrow");
      expect(await back.textContent()).toBe(RTL.has(lng) ? "→" : "←");
      await context.close();
    }
  }, 120_000);

  it("without JavaScript the bank details show whole, with no copy button that cannot work", async () => {
    const context = await phone("ar", false);
    const page = await context.newPage();
    const caseUrl = await as(context, "accepted");
    await page.goto(`${caseUrl}/quote?lng=ar`);
    const bank = page.locator(".bank-facts");
    expect(await bank.locator(".copy-text").count()).toBe(5);
    expect(await bank.getByRole("button").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("phone-ar-accepted-quote-nojs"), fullPage: true });
    expect(await layoutProblems(page)).toEqual([]);
    await context.close();
  });

  /** "2016" in the language's own digits, "." as the Arabic decimal separator "٫". */
  const native = (lng: "ar" | "fa", ascii: string) => {
    const zero = lng === "ar" ? 0x0660 : 0x06f0;
    return ascii
      .replace(/[0-9]/g, (d) => String.fromCharCode(zero + Number(d)))
      .replace(/\./g, "٫")
      .replace(/,/g, "٬");
  };
  const database = () => new Database(path.join(app.dir, "app.db"));

  for (const lng of ["ar", "fa"] as const) {
    it(`${lng}: the enquiry and a follow-up take the language's own digits, on the phone`, async () => {
      const s = strings(lng);
      const n = (ascii: string) => native(lng, ascii);
      const found: string[] = [];

      // The enquiry, from a visitor's phone.
      const region = lng === "ar" ? "SA" : "IR";
      const zone = lng === "ar" ? "Asia/Riyadh" : "Asia/Tehran";
      const visitor = await newVisitor(browser, lng, region, zone, true, "phone");
      const page = await visitor.newPage();
      const email = `digits-${lng}@example.com`;
      await page.goto(`${app.url}/enquire?programme=lupus-msc`);
      const field = (key: string) => page.getByLabel(s(`enquiry:fields.${key}`), { exact: true });
      await field("name").fill(lng === "ar" ? "ليلى حسن" : "لیلا حسینی");
      await field("email").fill(email);
      await field("phone").fill(n(lng === "ar" ? "50 123 4567" : "912 345 6789"));
      await field("diagnosis").fill(lng === "ar" ? "ذئبة حمامية" : "لوپوس");
      await field("diagnosedYear").fill(n("2016"));
      await field("steroidDose").fill(n("7.5"));
      await answerLupusQuestionnaire(page, {}, n("3"));
      await page.locator("#enquiry-consent").check();
      await page.getByRole("button", { name: s("enquiry:submit") }).click();
      await page.getByRole("heading", { level: 1, name: s("enquiry:received.title") }).waitFor();
      await check(page, lng, "enquire-received", found);
      const link = await confirmEnquiryByLink(app.url, smtp, visitor, lng, email);
      await check(link.page, lng, "enquire-confirm", found);
      await link.confirm();
      const db = database();
      try {
        const enquiry = db
          .prepare(
            `SELECT e."id" AS id, e."diagnosedYear" AS year, e."steroidDoseMg" AS dose, u."phone" AS phone
             FROM "Enquiry" e JOIN "Case" c ON c."id" = e."caseId" JOIN "User" u ON u."id" = c."patientId"
             WHERE u."email" = ?`,
          )
          .get(email) as { id: string; year: number; dose: number; phone: string };
        expect(enquiry).toMatchObject({ year: 2016, dose: 7.5 });
        expect(enquiry.phone).toMatch(lng === "ar" ? /^\+966501234567$/ : /^\+989123456789$/);
        const flares = db
          .prepare(
            `SELECT "value" FROM "EnquiryAnswer" WHERE "enquiryId" = ? AND "questionId" = 'flaresLastYear'`,
          )
          .get(enquiry.id) as { value: string };
        expect(flares.value).toBe("3");
      } finally {
        db.close();
      }
      await visitor.close();

      // A follow-up, as the demo patient in aftercare: the next one falls due now.
      const patient = await phone(lng, true, WIDE);
      const caseUrl = await as(patient, "aftercare");
      const next = (() => {
        const db = database();
        try {
          const row = db
            .prepare(
              `SELECT f."id" AS id FROM "FollowUp" f JOIN "Case" c ON c."id" = f."caseId"
               JOIN "User" u ON u."id" = c."patientId"
               WHERE u."email" = 'sara.mousavi@example.com' AND f."status" = 'SCHEDULED'
               ORDER BY f."dueAt" LIMIT 1`,
            )
            .get() as { id: string };
          const due = new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00");
          db.prepare(`UPDATE "FollowUp" SET "dueAt" = ? WHERE "id" = ?`).run(due, row.id);
          return row.id;
        } finally {
          db.close();
        }
      })();
      const form = await patient.newPage();
      await form.goto(`${app.url}/?lng=${lng}`);
      await form.goto(`${caseUrl}/aftercare/${next}`);
      expect(await form.locator("html").getAttribute("lang")).toBe(lng);
      for (const [key, value] of [
        ["fatigue", 4],
        ["pain", 3],
        ["stiffness", 2],
      ] as const) {
        // The scale's buttons are labelled as Intl writes the number (Latin digits in "ar").
        await form
          .getByRole("group", { name: s(`aftercare:prom.${key}.label`) })
          .getByLabel(new Intl.NumberFormat(lng).format(value), { exact: true })
          .check();
      }
      await form.getByLabel(s("aftercare:prom.flares.label")).fill(n("1"));
      await form.getByLabel(s("aftercare:prom.steroidDoseMg.label")).fill(n("7.5"));
      await form.getByLabel(s("aftercare:prom.qualityOfLife.label")).fill(n("65"));
      await form.getByLabel(s("aftercare:lab.c3"), { exact: false }).fill(n("0.62"));
      await form.getByLabel(s("aftercare:lab.antiDsDna"), { exact: false }).fill(n("1,200"));
      await form.getByRole("button", { name: s("aftercare:portal.submit") }).click();
      await form.getByRole("status").getByText(s("aftercare:portal.thanks")).waitFor();
      await check(form, lng, "follow-up-sent", found);
      const db2 = database();
      try {
        const sent = db2
          .prepare(
            `SELECT "status", "fatigue", "pain", "stiffness", "flares", "steroidDoseMg", "qualityOfLife" FROM "FollowUp" WHERE "id" = ?`,
          )
          .get(next);
        expect(sent).toEqual({
          status: "COMPLETED",
          fatigue: 4,
          pain: 3,
          stiffness: 2,
          flares: 1,
          steroidDoseMg: 7.5,
          qualityOfLife: 65,
        });
        const labs = db2
          .prepare(
            `SELECT "marker", "value" FROM "LabResult" WHERE "followUpId" = ? ORDER BY "marker"`,
          )
          .all(next);
        expect(labs).toEqual([
          { marker: "antiDsDna", value: 1200 },
          { marker: "c3", value: 0.62 },
        ]);
      } finally {
        db2.close();
      }
      await patient.close();
      expect(found).toEqual([]);
    }, 90_000);
  }
});
