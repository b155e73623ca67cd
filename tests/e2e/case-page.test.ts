/**
 * The staff case page as a coordinator uses it (issue 22), in real Chromium against the
 * production build, at 1440 × 900 and 1024 × 768:
 *   - the header's next step (a button, or the disabled button with its reason) is inside the
 *     viewport on load, and the header is still on screen after scrolling to the bottom;
 *   - adding a note keeps the page where it was (no jump to the top) and focuses its success;
 *   - the header's stage move is made in place, its answer shown in the header;
 *   - a passport opens in the page's viewer (inline, from the view route) and beside its typed
 *     details on the travel page;
 *   - without JavaScript a note is still saved (plain POST, the page rendered again);
 *   - in Arabic at 360 px nothing is wider than the screen.
 * Screenshots: test-results/screenshots/case-page-*.png.
 */
import Database from "better-sqlite3";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  buildApp,
  launchBrowser,
  screenshotPath,
  staffSessionCookie,
  startApp,
  type App,
} from "./harness";
import { strings, watchErrors } from "./journey";

let app: App;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  buildApp();
  app = await startApp();
  browser = await launchBrowser();
  cookie = await staffSessionCookie(app.url, "coordinator@demo.clinic");
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const en = strings("en");

async function context(
  viewport: { width: number; height: number },
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport, ...options });
  const [name, value] = [
    cookie.slice(0, cookie.indexOf("=")),
    cookie.slice(cookie.indexOf("=") + 1),
  ];
  await ctx.addCookies([{ name: name!, value: value!, url: app.url }]);
  return ctx;
}

/** The case pages of a stage, as the pipeline lists them (the demo data has several each). */
async function casesAt(page: Page, stage: string): Promise<string[]> {
  await page.goto(`${app.url}/staff/cases?stage=${stage}&lng=en`);
  const hrefs = await page
    .locator("table.cases-table tbody tr a[href^='/staff/cases/']")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const unique = [...new Set(hrefs.filter((h) => /^\/staff\/cases\/[^/?]+$/.test(h)))];
  expect(unique.length).toBeGreaterThan(0);
  return unique;
}

/** The box of the header's next step (its button, its link, or what it waits for), and the viewport. */
async function nextStepBox(page: Page) {
  const control = page
    .locator(".case-next")
    .locator(":is(button, a.button, .case-next-why)")
    .first();
  await control.waitFor();
  return { box: (await control.boundingBox())!, size: page.viewportSize()! };
}

function inside(
  box: { x: number; y: number; width: number; height: number },
  size: { width: number; height: number },
) {
  return (
    box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height
  );
}

const VIEWPORTS = [
  { width: 1440, height: 900, pick: 0 },
  { width: 1024, height: 768, pick: 1 },
];

describe.each(VIEWPORTS)("at $width × $height", ({ width, height, pick }) => {
  it("shows the next step on load, keeps the header on screen, and keeps the place after a note", async () => {
    const ctx = await context({ width, height });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const caseUrl = (await casesAt(page, "TRAVEL_READY"))[pick]!;
    await page.goto(`${app.url}${caseUrl}?lng=en`);
    await page.screenshot({ path: screenshotPath(`case-page-${width}`) });

    const { box, size } = await nextStepBox(page);
    expect(inside(box, size), JSON.stringify({ box, size })).toBe(true);
    // Two columns from 1100 px: the thread beside the sections; one below the other under it.
    const main = (await page.locator(".case-main").boundingBox())!;
    const side = (await page.locator(".case-side").boundingBox())!;
    if (width >= 1100) expect(side.y).toBeLessThan(main.y + main.height / 2);
    else expect(side.y).toBeGreaterThanOrEqual(main.y + main.height - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );

    // To the bottom: the header is still at the top of the screen, its next step too.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 300);
    const head = (await page.locator(".case-head").boundingBox())!;
    expect(head.y).toBeGreaterThanOrEqual(-1);
    expect(head.y).toBeLessThan(5);
    expect(inside((await nextStepBox(page)).box, size)).toBe(true);
    await page.screenshot({ path: screenshotPath(`case-page-${width}-bottom`) });

    // A note from the middle of the page: saved in place, the page where it was.
    const note = page.getByLabel(en("common:notes.add"));
    await note.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -100));
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(300);
    await note.fill(`Checked the records at ${width} px.`);
    await page
      .locator(".note-form")
      .getByRole("button", { name: en("common:notes.save") })
      .click();
    const done = page.locator(".note-form .notice.ok");
    await expect.poll(() => done.textContent()).toBe(en("common:case.done.note"));
    await expect.poll(() => page.locator("#notes .notes li").last().textContent()).toBeTruthy();
    expect(await page.locator("#notes").textContent()).toContain(
      `Checked the records at ${width} px.`,
    );
    const after = await page.evaluate(() => window.scrollY);
    // Not back at the top: where it was, give or take the new note above the form.
    expect(Math.abs(after - before), `${before} → ${after}`).toBeLessThan(250);
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(inside((await done.boundingBox())!, size)).toBe(true);
    await page.screenshot({ path: screenshotPath(`case-page-${width}-note`) });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

it("makes the header's stage move in place and shows its answer there", async () => {
  const ctx = await context({ width: 1440, height: 900 });
  const page = await ctx.newPage();
  const caseUrl = (await casesAt(page, "ENQUIRY"))[0]!;
  await page.goto(`${app.url}${caseUrl}?lng=en`);
  const move = page.locator(".case-next-form button");
  await expect
    .poll(() => move.textContent())
    .toBe(en("common:case.moveTo", { stage: en("stages:stage.MEDICAL_REVIEW") }));
  await page.evaluate(() => window.scrollTo(0, 800));
  const before = await page.evaluate(() => window.scrollY);
  await move.click();
  await expect
    .poll(() => page.locator(".case-next .notice.ok").textContent())
    .toBe(en("common:case.done.stage"));
  // Shown once the page's data is in: the header already says the new stage.
  expect(await page.locator(".case-head-stage .badge").textContent()).toBe(
    en("stages:stage.MEDICAL_REVIEW"),
  );
  expect(
    await page.locator(".case-next .notice.ok").evaluate((el) => el === document.activeElement),
  ).toBe(true);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(250);
  await page.screenshot({ path: screenshotPath("case-page-stage-moved") });
  await ctx.close();
});

it("opens a passport in the page's viewer and beside its details on the travel page, audited as a view", async () => {
  const ctx = await context({ width: 1440, height: 900 });
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  page.on("pageerror", () => errors.push(`(on ${page.url()})`));
  const caseUrl = (await casesAt(page, "TRAVEL_READY"))[0]!;
  await page.goto(`${app.url}${caseUrl}?lng=en`);
  const view = page.waitForResponse((r) => /\/documents\/[^/]+\/view$/.test(r.url()));
  await page.locator("#documents .view-link").first().click();
  const res = await view;
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(res.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  await expect.poll(() => page.locator("#viewer iframe.viewer-frame").count()).toBe(1);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: screenshotPath("case-page-viewer") });
  // Every other page still refuses to be framed.
  const plain = await page.request.get(`${app.url}${caseUrl}`);
  expect(plain.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(plain.headers()["x-frame-options"]).toBe("DENY");

  await page.goto(`${app.url}${caseUrl}/travel?lng=en`);
  const scan = page.locator(".passport.with-scan .passport-scan iframe");
  await expect.poll(() => scan.count()).toBeGreaterThan(0);
  const details = (await page
    .locator(".passport.with-scan .passport-details")
    .first()
    .boundingBox())!;
  const frame = (await scan.first().boundingBox())!;
  // Beside, not below: side by side on the same row.
  expect(Math.abs(frame.y - details.y)).toBeLessThan(40);
  await page.locator(".passport.with-scan").first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: screenshotPath("case-travel-passport") });
  expect(errors).toEqual([]);

  const db = new Database(path.join(app.dir, "app.db"), { readonly: true });
  const views = db
    .prepare(
      `SELECT COUNT(*) AS n FROM "AuditLog" WHERE "action" = 'document.view' AND "outcome" = 'success'`,
    )
    .get() as { n: number };
  db.close();
  expect(views.n).toBeGreaterThanOrEqual(2);
  await ctx.close();
});

it("saves a note without JavaScript (a plain POST; the page rendered again with its answer)", async () => {
  const ctx = await context({ width: 1024, height: 768 }, { javaScriptEnabled: false });
  const page = await ctx.newPage();
  const caseUrl = (await casesAt(page, "QUOTED"))[0]!;
  await page.goto(`${app.url}${caseUrl}?lng=en`);
  await page.getByLabel(en("common:notes.add")).fill("Written without JavaScript.");
  await page
    .locator(".note-form")
    .getByRole("button", { name: en("common:notes.save") })
    .click();
  await page.waitForLoadState("load");
  expect(await page.locator(".note-form .notice.ok").textContent()).toBe(
    en("common:case.done.note"),
  );
  expect(await page.locator("#notes").textContent()).toContain("Written without JavaScript.");
  await ctx.close();
});

it("fits a 360 px phone in Arabic, right to left", async () => {
  const ctx = await context({ width: 360, height: 780 });
  const page = await ctx.newPage();
  const caseUrl = (await casesAt(page, "TRAVEL_READY"))[0]!;
  await page.goto(`${app.url}${caseUrl}?lng=ar`);
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const { box, size } = await nextStepBox(page);
  expect(inside(box, size)).toBe(true);
  await page.screenshot({ path: screenshotPath("case-page-ar-360") });
  await page.screenshot({ path: screenshotPath("case-page-ar-360-full"), fullPage: true });
  await ctx.close();
});
