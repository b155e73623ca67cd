/**
 * The staff calendar in real Chromium against the production build (issue 22): a coordinator
 * books three steps of one case from empty slots of the day view (one resource each, found by
 * the case's number), sees them on the week view, and the patient's outbox holds ONE email for
 * the three, with one VEVENT each. Screens at 1440 × 900 and 1024 × 768, and the Arabic day view
 * of one resource at 360 px, are saved for review.
 */
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { buildApp, launchBrowser, screenshotPath, signIn, startApp, type App } from "./harness";
import { bookFromCalendar, watchErrors } from "./journey";

let app: App;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  // A quiet period longer than the journey: the three bookings are one email, still waiting.
  app = await startApp({ OUTBOX_BATCH_QUIET_MS: "600000" });
  browser = await launchBrowser();
});
afterAll(async () => {
  if (process.env.E2E_SERVER_LOG) console.log(app?.log());
  await browser?.close();
  await app?.stop();
});

function sql<T>(query: string, ...args: unknown[]): T[] {
  const db = new Database(path.join(app.dir, "app.db"), { readonly: true });
  try {
    return db.prepare(query).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** The next weekdays (Monday to Friday) from a week on, as YYYY-MM-DD. */
function weekdays(count: number) {
  const days: string[] = [];
  for (let i = 7; days.length < count; i++) {
    const d = new Date(Date.now() + i * 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

it("books three steps from the calendar, and the patient gets one email", async () => {
  // A case whose stage books treatment and that has three steps left to book, each of a type
  // some resource offers.
  const steps = sql<{
    caseId: string;
    number: string;
    id: string;
    name: string;
    type: string;
    minutes: number;
  }>(
    `SELECT c.id AS caseId, c.number AS number, s.id AS id, s.name AS name,
            s.resourceType AS type, s.durationMinutes AS minutes
       FROM "TreatmentPlanStep" s JOIN "Case" c ON c.id = s.caseId
      WHERE c.stage = 'DEPOSIT_PAID' AND s.resourceType IS NOT NULL AND s.durationMinutes > 0
        AND NOT EXISTS (SELECT 1 FROM "Appointment" a WHERE a.planStepId = s.id AND a.status = 'BOOKED')
      ORDER BY c.number, s.position`,
  );
  const caseId = steps.find((s) => steps.filter((x) => x.caseId === s.caseId).length >= 3)!.caseId;
  const mine = steps.filter((s) => s.caseId === caseId).slice(0, 3);
  expect(mine).toHaveLength(3);
  const number = mine[0]!.number;
  const resources = sql<{ id: string; type: string }>(
    `SELECT id, type FROM "Resource" WHERE active = 1 ORDER BY position, name`,
  );

  const { page, context } = await signIn(browser, app.url, "coordinator@demo.clinic");
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole("link", { name: "Calendar" }).first().click();
  await page.waitForURL(/\/staff\/calendar/);
  await page.screenshot({ path: screenshotPath("calendar-week-1440") });

  const days = weekdays(10);
  const used: string[] = [];
  for (const step of mine) {
    const resource = resources.find((r) => r.type === step.type)!;
    await bookFromCalendar(page, app.url, {
      resourceId: resource.id,
      minutes: step.minutes,
      stepName: step.name,
      caseNumber: number,
      days,
      used,
    });
  }

  // The week of the first booking shows it, at 1024 px too.
  await page.goto(`${app.url}/staff/calendar?lng=en&view=week&date=${used[0]}`);
  await page.locator(".calendar-appt", { hasText: number }).first().waitFor();
  await page.screenshot({ path: screenshotPath("calendar-week-after-1440") });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: screenshotPath("calendar-week-1024") });

  // One email for the three, with one event each; nothing else with an invite.
  const mail = sql<{ calendar: string; status: string }>(
    `SELECT calendar, status FROM "OutboxEmail" WHERE caseId = ? AND calendar IS NOT NULL`,
    caseId,
  );
  expect(mail).toHaveLength(1);
  expect(mail[0]!.status).toBe("PENDING");
  expect(mail[0]!.calendar.match(/BEGIN:VEVENT/g)).toHaveLength(3);

  // Arabic, narrow: the day view of one resource is usable.
  await page.setViewportSize({ width: 360, height: 740 });
  const chair = resources.find((r) => r.type === mine[0]!.type)!;
  await page.goto(`${app.url}/staff/calendar?lng=ar&view=day&date=${days[0]}&resource=${chair.id}`);
  await page.locator(".calendar-appt").first().waitFor();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: screenshotPath("calendar-day-360-ar") });
  expect(errors).toEqual([]);
  await context.close();
});
