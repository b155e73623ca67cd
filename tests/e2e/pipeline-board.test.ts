/**
 * The pipeline in real Chromium (issue 22, required item 5), at 1,024 × 768 and 1,440 × 900:
 *   - the first row of the list starts within the first ~400 px (the filters fold into one
 *     row with "More filters");
 *   - every one of the board's 12 stage columns can be scrolled into view (by its jump link,
 *     as a keyboard or touch user would), and its header is then wholly inside the viewport;
 *   - the keyboard: `/` focuses the search, `j`/`k` move the focus through the rows, `Enter`
 *     opens the focused case, and typing `j` in the search box types a j;
 *   - at 360 px in Arabic the page is no wider than the screen, and the board's last column
 *     is reachable too.
 * Screenshots go to test-results/screenshots/pipeline-*.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  buildApp,
  launchBrowser,
  screenshotPath,
  staffSessionCookie,
  startApp,
  type App,
} from "./harness";
import { expectAccessible } from "./journey";

let app: App;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  buildApp();
  app = await startApp();
  browser = await launchBrowser();
  cookie = await staffSessionCookie(app.url, "coordinator@demo.clinic");
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(width: number, height: number, path: string): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport: { width, height } });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: app.url }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${app.url}${path}`);
  expect(errors).toEqual([]);
  return [context, page];
}

/** Every board column's header, scrolled into view through its jump link, is on screen. */
async function everyColumnReachable(page: Page, width: number, height: number) {
  const headers = page.locator(".board-col h2");
  expect(await headers.count()).toBe(12);
  const links = page.locator(".board-jump a");
  expect(await links.count()).toBe(12);
  for (let i = 0; i < 12; i++) {
    await links.nth(i).click();
    const box = await headers.nth(i).boundingBox();
    expect(box, `column ${i}`).not.toBeNull();
    expect(box!.x, `column ${i} left`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `column ${i} right`).toBeLessThanOrEqual(width + 0.5);
    expect(box!.y, `column ${i} top`).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, `column ${i} bottom`).toBeLessThanOrEqual(height + 0.5);
  }
  // And by scrolling the board itself (mouse wheel, swipe): the last header comes into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await headers.nth(11).scrollIntoViewIfNeeded();
  const last = (await headers.nth(11).boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(width + 0.5);
  expect(last.x).toBeGreaterThanOrEqual(0);
}

describe("pipeline and board", () => {
  for (const [width, height] of [
    [1024, 768],
    [1440, 900],
  ] as const) {
    it(`at ${width} × ${height}: the list starts high, and every board column is reachable`, async () => {
      const [context, page] = await open(width, height, "/staff/cases?lng=en");
      const first = page.locator("table.cases-table tbody tr").first();
      const top = (await first.boundingBox())!.y;
      expect(top).toBeLessThanOrEqual(400);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await page.screenshot({ path: screenshotPath(`pipeline-list-${width}`) });
      await expectAccessible(page, `the pipeline's list at ${width}`);

      // "More filters" opens over the list, holding the rest of the filters.
      await page.getByText("More filters").click();
      await expect(page.getByLabel("Programme").isVisible()).resolves.toBe(true);
      await page.screenshot({ path: screenshotPath(`pipeline-more-filters-${width}`) });
      await page.getByText("More filters").click();

      await page.goto(`${app.url}/staff/cases?lng=en&view=board`);
      await page.screenshot({ path: screenshotPath(`pipeline-board-${width}`) });
      await expectAccessible(page, `the board at ${width}`);
      await everyColumnReachable(page, width, height);
      await page.screenshot({ path: screenshotPath(`pipeline-board-${width}-end`) });
      await context.close();
    });
  }

  it("keyboard: / searches, j and k move through the rows, Enter opens the case", async () => {
    const [context, page] = await open(1440, 900, "/staff/cases?lng=en");
    await page.waitForFunction(() => document.querySelector('th input[type="checkbox"]'));
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    // Typing in the field types; j does not move anything.
    await page.keyboard.type("jk");
    expect(await page.inputValue("#q")).toBe("jk");
    await page.locator("#q").fill("");
    await page.locator("h1").click();
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.keyboard.press("j");
    const second = page.locator("table.cases-table tbody tr").nth(1);
    expect(await second.evaluate((tr) => tr.classList.contains("kbd-current"))).toBe(true);
    const href = await second.locator("a[data-case-link]").getAttribute("href");
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute("data-case-link")),
    ).not.toBeNull();
    await page.screenshot({ path: screenshotPath("pipeline-keyboard") });
    await page.keyboard.press("Enter");
    await page.waitForURL(`${app.url}${href}`);
    await context.close();
  });

  it("at 360 px in Arabic: no wider than the screen, and the last column is reachable", async () => {
    const [context, page] = await open(360, 740, "/staff/cases?lng=ar");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await page.screenshot({ path: screenshotPath("pipeline-list-360-ar"), fullPage: true });
    await page.goto(`${app.url}/staff/cases?lng=ar&view=board`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await everyColumnReachable(page, 360, 740);
    await page.screenshot({ path: screenshotPath("pipeline-board-360-ar") });
    await context.close();
  });

  it("a bulk action's ticks are spent: after the answer no row stays ticked for the next one", async () => {
    const [context, page] = await open(1440, 900, "/staff/cases?lng=en");
    const boxes = page.locator('input[form="bulk"][name="ids"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const coordinator = page.locator("#bulk-coordinator option").nth(1);
    await page
      .locator("#bulk-coordinator")
      .selectOption((await coordinator.getAttribute("value"))!);
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await page.locator(".bulk-summary").waitFor();
    await expect
      .poll(() =>
        boxes.evaluateAll((all) => all.filter((b) => (b as HTMLInputElement).checked).length),
      )
      .toBe(0);
    await context.close();
  });
});
