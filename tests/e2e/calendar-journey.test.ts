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
import { watchErrors } from "./journey";

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
  for (const [i, step] of mine.entries()) {
    const resource = resources.find((r) => r.type === step.type)!;
    // A day on which the resource has room for the whole step: a run of free slots (one link
    // each, every 30 minutes) as long as the step, each day used once (the patient's gaps).
    let start: string | null = null;
    for (const day of days.filter((d) => !used.includes(d))) {
      await page.goto(
        `${app.url}/staff/calendar?lng=en&view=day&by=resource&date=${day}&resource=${resource.id}`,
      );
      const free = await page
        .locator(".calendar-free")
        .evaluateAll((links) =>
          links.map((a) => decodeURIComponent((a as HTMLAnchorElement).href.split("%40")[1] ?? "")),
        );
      const at = new Set(free.map((iso) => Date.parse(iso.split("#")[0]!)));
      const cells = Math.ceil(step.minutes / 30);
      const fits = [...at].find((t) =>
        Array.from({ length: cells }, (_, k) => t + k * 1_800_000).every((x) => at.has(x)),
      );
      if (fits !== undefined) {
        start = new Date(fits).toISOString();
        used.push(day);
        break;
      }
    }
    expect(start, `a day with room for ${step.name}`).not.toBeNull();
    // The empty slot is a link: it opens the booking panel.
    await page.locator(`.calendar-free[href*="${encodeURIComponent(start!)}"]`).click();
    await page.locator("#calendar-panel").waitFor();
    await page.getByLabel("Case number or patient name").fill(number);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=/);
    await page
      .getByRole("radio", { name: new RegExp(step.name) })
      .first()
      .check();
    if (i === 0) await page.screenshot({ path: screenshotPath("calendar-book-panel-1440") });
    await page.getByRole("button", { name: "Book this time" }).click();
    await page.getByRole("status").getByText("Booked.").waitFor();
    // The new block names the case.
    await page.locator(".calendar-appt", { hasText: number }).first().waitFor();
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
