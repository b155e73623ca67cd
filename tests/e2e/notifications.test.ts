/**
 * The bell (issue 22, item 8) in real Chromium against the production build: the coordinator
 * sees the unread count in the staff menu (named "Notifications, N unread"), a new notice
 * raises it without a reload, the list shows the newest first with the unread marked, opening
 * one goes to its case and marks it read, "mark all read" empties the count, and the choices
 * page saves. Then the same pages in Arabic on a 360 px phone, no wider than the screen.
 * Screenshots go to the CI artifacts.
 */
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { buildApp, launchBrowser, screenshotPath, signIn, startApp, type App } from "./harness";
import { expectAccessible, watchErrors } from "./journey";

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

function write(query: string, ...args: unknown[]) {
  const db = new Database(path.join(app.dir, "app.db"));
  try {
    return db.prepare(query).run(...args);
  } finally {
    db.close();
  }
}

function read<T>(query: string, ...args: unknown[]): T[] {
  const db = new Database(path.join(app.dir, "app.db"), { readonly: true });
  try {
    return db.prepare(query).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** A notice to `email` about one of the demo's cases, as the fan-out writes it. */
function addNotice(email: string, kind: string, offset = 0) {
  write(
    `INSERT INTO "Notification" (id, userId, kind, caseId, params, readAt, createdAt)
     SELECT ?, u.id, ?, c.id, json_object('caseNumber', c.number, 'audience', 'coordinator'),
            NULL, c.createdAt
     FROM "User" u, "Case" c WHERE u.email = ? ORDER BY c.createdAt DESC LIMIT 1 OFFSET ?`,
    `e2e${crypto.randomBytes(8).toString("hex")}`,
    kind,
    email,
    offset,
  );
}

const unreadOf = async (page: Page) => {
  const name = (await page.locator("a.bell").getAttribute("aria-label")) ?? "";
  return Number(/(\d+)/.exec(name)?.[1] ?? 0);
};

const noWiderThanScreen = async (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

it("counts, updates live, lists, opens and marks read; the choices save", async () => {
  addNotice("coordinator@demo.clinic", "patientMessageStaff", 0);
  addNotice("coordinator@demo.clinic", "stage-ENQUIRY", 1);
  addNotice("coordinator@demo.clinic", "passportUploadedStaff", 2);
  const { page } = await signIn(browser, app.url, "coordinator@demo.clinic");
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const [me] = read<{ id: string }>(
    `SELECT id FROM "User" WHERE email = ?`,
    "coordinator@demo.clinic",
  );
  const seeded = read<{ n: number }>(
    `SELECT COUNT(*) AS n FROM "Notification" WHERE userId = ? AND readAt IS NULL`,
    me!.id,
  )[0]!.n;
  expect(seeded).toBeGreaterThan(0);
  const bell = page.getByRole("link", { name: `Notifications, ${seeded} unread` });
  await expect(bell.isVisible()).resolves.toBe(true);

  // A new notice arrives: the bell says so without a reload.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  write(
    `INSERT INTO "Notification" (id, userId, kind, caseId, params, readAt, createdAt)
     SELECT ?, userId, 'quoteQuestionStaff', caseId, params, NULL, createdAt FROM "Notification"
     WHERE userId = ? LIMIT 1`,
    `e2e${crypto.randomBytes(8).toString("hex")}`,
    me!.id,
  );
  await page
    .getByRole("link", { name: `Notifications, ${seeded + 1} unread` })
    .waitFor({ timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  await page.screenshot({
    path: screenshotPath("notifications-bell-1440"),
    clip: { x: 0, y: 0, width: 1440, height: 200 },
  });

  // The list: newest first, unread marked.
  await page.getByRole("link", { name: `Notifications, ${seeded + 1} unread` }).click();
  await page.waitForURL(/\/staff\/notifications$/);
  const items = page.locator(".notification-list > li");
  await page.locator(".notification-list").waitFor();
  expect(await items.count()).toBe(seeded + 1);
  expect(await page.locator(".notification.unread").count()).toBe(seeded + 1);
  await page.screenshot({ path: screenshotPath("notifications-list-1440"), fullPage: true });
  await expectAccessible(page, "notifications list");

  // Opening one goes to its case and marks it read.
  const first = items.first().locator("button.notification-open");
  await first.click();
  await page.waitForURL(/\/staff\/cases\/[^/]+$/);
  await page.getByRole("link", { name: `Notifications, ${seeded} unread` }).waitFor();
  expect(await unreadOf(page)).toBe(seeded);

  // Mark all read.
  await page.goto(`${app.url}/staff/notifications`);
  await page.getByRole("button", { name: "Mark all read" }).click();
  await page.getByRole("link", { name: "Notifications", exact: true }).waitFor();
  expect(await page.locator(".notification.unread").count()).toBe(0);

  // The choices: one kind in the app only.
  await page.getByRole("link", { name: "Choose how you are notified" }).click();
  await page.waitForURL(/\/staff\/notifications\/settings$/);
  const group = page.getByRole("group", { name: "A message from a patient" });
  await group.getByLabel("In-app only").check();
  await page.getByRole("button", { name: "Save choices" }).click();
  await page.getByText("Your notification choices are saved.").waitFor();
  expect(
    read<{ channel: string }>(
      `SELECT channel FROM "NotificationPreference" WHERE userId = ? AND kind = ?`,
      me!.id,
      "patientMessageStaff",
    ),
  ).toEqual([{ channel: "IN_APP" }]);
  expect(await group.getByLabel("In-app only").isChecked()).toBe(true);
  await page.screenshot({ path: screenshotPath("notifications-settings-1440"), fullPage: true });
  await expectAccessible(page, "notification settings");
  expect(errors).toEqual([]);
});

it("fits a 360 px phone in Arabic", async () => {
  addNotice("coordinator2@demo.clinic", "rescheduleRequestedStaff", 0);
  addNotice("coordinator2@demo.clinic", "stage-QUOTE_ACCEPTED", 1);
  const { page, context } = await signIn(browser, app.url, "coordinator2@demo.clinic");
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${app.url}/staff/notifications?lng=ar`);
  await page.locator("html[dir=rtl]").waitFor();
  expect(await page.locator(".notification-list > li").count()).toBeGreaterThan(0);
  expect(await noWiderThanScreen(page)).toBe(true);
  await page.screenshot({ path: screenshotPath("notifications-list-360-ar"), fullPage: true });
  await page.goto(`${app.url}/staff/notifications/settings`);
  expect(await noWiderThanScreen(page)).toBe(true);
  await page.screenshot({ path: screenshotPath("notifications-settings-360-ar"), fullPage: true });
  await context.close();
});
