/**
 * Finance's home in real Chromium (issue 22): finance signs in and lands on the worklist, which
 * shows its counts and the demo's eligible case waiting for a quote; the page fits a 360 px
 * phone in Arabic with no serious axe violation; and the price list's "Add an item" form lines
 * its controls up with no overlap at 1,440, 1,024 and 360 px (Arabic). Screenshots go to
 * test-results/screenshots/finance-worklist-*.png and price-add-item-*.png.
 */
import type { Browser, Page } from "playwright-core";
import {
  buildApp,
  enterTotpCode,
  launchBrowser,
  screenshotPath,
  startApp,
  type App,
} from "./harness";
import { expectAccessible, strings } from "./journey";

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

const en = strings("en");
const FINANCE = "finance@demo.clinic";
let page: Page;

async function overflow(p: Page) {
  return p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

it("lands finance on the worklist after sign-in, with counts and the eligible case waiting for a quote", async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await page.goto(`${app.url}/login?lng=en`);
  await page.getByLabel("Email address").fill(FINANCE);
  await page.getByLabel("Password").fill("demo-clinic-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await enterTotpCode(page, app.url, FINANCE);
  await page.waitForURL(`${app.url}/staff/finance`);
  await page.getByRole("heading", { level: 1, name: en("finance:staff.dashboardTitle") }).waitFor();
  const counts = page.getByRole("navigation", { name: en("finance:worklist.summary") });
  await counts
    .getByRole("link", { name: new RegExp(en("finance:worklist.quotes.title")) })
    .waitFor();
  const quotes = page.locator("#wl-quotes");
  // The demo's Arabic-speaking patient, marked eligible, has no quote yet.
  await quotes
    .getByRole("link", { name: /MT-\d{4}-\d{6}/ })
    .first()
    .waitFor();
  expect(await quotes.innerText()).toContain(en("finance:worklist.quotes.none"));
  // Money due carries a due date, and the demo has overdue balances.
  await page.locator("#wl-due time").first().waitFor();
  expect(await page.locator("#wl-due .overdue-badge").count()).toBeGreaterThan(0);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectAccessible(page, "the finance worklist");
  await page.screenshot({ path: screenshotPath("finance-worklist-en-1440"), fullPage: true });

  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${app.url}/staff/finance?lng=ar`);
  await page.locator("#wl-due").waitFor();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectAccessible(page, "the finance worklist in Arabic on a phone");
  await page.screenshot({ path: screenshotPath("finance-worklist-ar-360"), fullPage: true });
});

it.each([
  [1440, "en"],
  [1024, "de"],
  [360, "ar"],
] as const)(
  "lines up the price list's 'Add an item' controls with no overlap at %i px (%s)",
  async (width, lng) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${app.url}/staff/finance/prices?lng=${lng}`);
    const form = page.locator(".add-item");
    await form.waitFor();
    const boxes = await form.evaluate((grid) =>
      [...grid.querySelectorAll(":scope > .field")].map((field) => {
        const control = field.querySelector("input, select")!;
        const f = field.getBoundingClientRect();
        const c = control.getBoundingClientRect();
        const checkbox = (control as HTMLInputElement).type === "checkbox";
        return { x: f.x, y: f.y, w: f.width, h: f.height, top: c.top, checkbox };
      }),
    );
    expect(boxes.length).toBe(8);
    // No two fields overlap.
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.x + a.w <= b.x + 0.5 ||
          b.x + b.w <= a.x + 0.5 ||
          a.y + a.h <= b.y + 0.5 ||
          b.y + b.h <= a.y + 0.5;
        expect(apart, JSON.stringify([a, b])).toBe(true);
      }
    }
    // Fields on one line have their (non-checkbox) controls at the same height.
    const lines = new Map<number, number[]>();
    for (const b of boxes.filter((b) => !b.checkbox)) {
      const key = Math.round(b.y);
      lines.set(key, [...(lines.get(key) ?? []), b.top]);
    }
    for (const tops of lines.values()) {
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(1);
    }
    if (width > 1000) expect(lines.size).toBeLessThanOrEqual(2);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await form.screenshot({ path: screenshotPath(`price-add-item-${lng}-${width}`) });
  },
);
