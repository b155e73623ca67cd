/**
 * Every page a patient sees, on a 360 px phone, in Arabic, Persian, Russian and Turkish, in
 * real Chromium against the production build. Demo patients at each stage that has pages of
 * its own (a quote to answer, a deposit to transfer, paid, scheduled, travel-ready with a
 * passport, in aftercare) sign in once by their emailed link; then one browser context per
 * language visits every page of each, with that patient's session cookie:
 *   - no page is wider than the screen (document scrollWidth within the 360 px viewport);
 *   - every checkbox and radio, with its label, and every link of the navigation is a 44 px
 *     target; no form control sticks out of its card;
 *   - the bank-transfer values (IBAN, BIC, reference, amount) show whole, left to right in
 *     Arabic and Persian, each with a labelled 44 px copy button that copies (and no button
 *     without JavaScript);
 *   - back links point to where reading starts (← left to right, → right to left).
 * A full-page screenshot of each goes to test-results/screenshots/phone-<lng>-<page>.png.
 */
import type { Browser, BrowserContext, Cookie, Page } from "playwright-core";
import { PATIENTS as DEMO_PATIENTS } from "../../prisma/seed-data";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { buildApp, launchBrowser, screenshotPath, startApp, type App } from "./harness";
import { newVisitor, signInByLink, strings } from "./journey";

const WIDTH = 360;
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

function phone(lng: string, javaScriptEnabled = true) {
  return browser.newContext({
    viewport: { width: WIDTH, height: 780 },
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled,
    locale: lng,
    timezoneId: "Europe/Istanbul",
    extraHTTPHeaders: { "Accept-Language": `${lng},en;q=0.5` },
  });
}

/** What is wrong with the page as laid out at 360 px (empty when nothing is). */
async function layoutProblems(page: Page): Promise<string[]> {
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
    // would grow with the fault: compare with the device's 360 px too.
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
    // Nothing that must be read whole is cut off by its box.
    for (const el of document.querySelectorAll(".copy-text, .facts dd, td, th")) {
      if (visible(el) && el.scrollWidth > el.clientWidth + 1) problems.push(`clipped: ${name(el)}`);
    }
    return problems;
  }, WIDTH);
}

async function visit(page: Page, lng: string, label: string, url: string, found: string[]) {
  const response = await page.goto(url);
  expect(response?.status(), `${lng} ${label}`).toBeLessThan(400);
  expect(await page.locator("html").getAttribute("lang")).toBe(lng);
  await page.screenshot({ path: screenshotPath(`phone-${lng}-${label}`), fullPage: true });
  for (const problem of await layoutProblems(page)) found.push(`${lng} ${label}: ${problem}`);
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

describe("a patient's pages on a 360 px phone", () => {
  for (const lng of LOCALES) {
    it(`${lng}: every page fits the screen, with 44 px targets`, async () => {
      const found: string[] = [];
      const context = await phone(lng);
      const page = await context.newPage();
      await visit(page, lng, "home", `${app.url}/?lng=${lng}`, found);
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
});
