/**
 * Issue 22's "done when", in real Chromium against the production build, with every email
 * delivered by the app's worker to a real SMTP server. At 1,440 × 900 and again at 1,024 × 768
 * (each on its own case):
 *   - a patient's portal message appears in the coordinator's open inbox without a reload,
 *     marked unread, and the navigation's count goes up;
 *   - the coordinator opens it (read), replies, creates a task on the case, and books three of
 *     the case's steps from the calendar;
 *   - the patient gets ONE summary email for the three bookings, with one event each;
 *   - the case page shows its stage action without scrolling;
 *   - every board column can be reached.
 * Screens of each step are saved as CI artifacts (test-results/screenshots/day-*).
 */
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { buildApp, launchBrowser, screenshotPath, signIn, startApp, type App } from "./harness";
import { addressOf, bookFromCalendar, signInByLink, strings, watchErrors } from "./journey";

/** Long enough for the three bookings, short enough to wait for: the batch's quiet period. */
const QUIET_MS = 25_000;

let app: App;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  smtp = await startSmtp();
  app = await startApp({ SMTP_URL: smtp.url, OUTBOX_BATCH_QUIET_MS: String(QUIET_MS) });
  browser = await launchBrowser();
});
afterAll(async () => {
  if (process.env.E2E_SERVER_LOG) console.log(app?.log());
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

const en = strings("en");

function sql<T>(query: string, ...args: unknown[]): T[] {
  const db = new Database(path.join(app.dir, "app.db"), { readonly: true });
  try {
    return db.prepare(query).all(...args) as T[];
  } finally {
    db.close();
  }
}

interface Step {
  caseId: string;
  number: string;
  id: string;
  name: string;
  type: string;
  minutes: number;
  email: string;
  locale: string;
}

/** Cases that book treatment and have three steps left to book, each of a type some resource offers. */
function casesToBook() {
  const steps = sql<Step>(
    `SELECT c.id AS caseId, c.number AS number, s.id AS id, s.name AS name,
            s.resourceType AS type, s.durationMinutes AS minutes, u.email AS email,
            u.locale AS locale
       FROM "TreatmentPlanStep" s JOIN "Case" c ON c.id = s.caseId JOIN "User" u ON u.id = c.patientId
      WHERE c.stage = 'DEPOSIT_PAID' AND s.resourceType IS NOT NULL AND s.durationMinutes > 0
        AND NOT EXISTS (SELECT 1 FROM "Appointment" a WHERE a.planStepId = s.id AND a.status = 'BOOKED')
      ORDER BY c.number, s.position`,
  );
  const ids = [...new Set(steps.map((s) => s.caseId))].filter(
    (id) => steps.filter((s) => s.caseId === id).length >= 3,
  );
  return ids.map((id) => steps.filter((s) => s.caseId === id).slice(0, 3));
}

/** Weekdays from `from` days on, as YYYY-MM-DD. */
function weekdays(from: number, count: number) {
  const days: string[] = [];
  for (let i = from; days.length < count; i++) {
    const d = new Date(Date.now() + i * 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

async function inViewport(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize()!;
  return Boolean(box && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0);
}

const VIEWPORTS = [
  { width: 1440, height: 900, firstDay: 7 },
  { width: 1024, height: 768, firstDay: 21 },
] as const;

describe.each(VIEWPORTS)(
  "a coordinator's day at $width × $height",
  ({ width, height, firstDay }) => {
    it("sees a patient's message arrive live, replies, adds a task, books three steps; the patient gets one email", async () => {
      const tag = String(width);
      const candidates = casesToBook();
      expect(candidates.length, "the demo has a case with three steps to book").toBeGreaterThan(0);
      const steps = candidates[VIEWPORTS.findIndex((v) => v.width === width) % candidates.length]!;
      const { caseId, number, email: patientEmail, locale: patientLng } = steps[0]!;
      const p = strings(patientLng);

      // The coordinator has the inbox open ("all": the case may be a colleague's).
      const { page, context } = await signIn(browser, app.url, "coordinator@demo.clinic");
      const errors = watchErrors(page);
      await page.setViewportSize({ width, height });
      await page.goto(`${app.url}/staff/inbox?lng=en&view=all`);
      await page.locator(".inbox-items").waitFor();
      const navCount = async () =>
        Number(
          (await page
            .locator("nav.subnav a[href='/staff/inbox'] .unread-badge")
            .textContent()
            .catch(() => "0")) || "0",
        );
      const before = await navCount();
      // A mark on this document: if the page reloaded, it would be gone.
      await page.evaluate(() => ((window as unknown as { __day: number }).__day = 1));

      // The patient writes from the portal, in another browser.
      const patientContext = await browser.newContext({ locale: patientLng });
      const portal = await signInByLink(app.url, smtp, patientContext, patientLng, patientEmail);
      if (!portal.url().includes(caseId)) await portal.goto(`${app.url}/portal/cases/${caseId}`);
      const words = `Can my sister come to the ${tag} appointments too?`;
      await portal.getByLabel(p("portal:messages.write"), { exact: true }).fill(words);
      await portal.getByRole("button", { name: p("portal:messages.send"), exact: true }).click();
      await portal.getByRole("status").getByText(p("portal:messages.sent")).waitFor();

      // It appears in the open inbox, unread, without a reload; the navigation counts it.
      const item = page.locator("a.inbox-item.unread", { hasText: words });
      await item.waitFor({ timeout: 20_000 });
      expect(await item.textContent()).toContain(en("common:inbox.unread"));
      expect(await page.evaluate(() => (window as unknown as { __day?: number }).__day)).toBe(1);
      await expect.poll(navCount, { timeout: 15_000 }).toBe(before + 1);
      await page.screenshot({ path: screenshotPath(`day-inbox-live-${tag}`) });

      // Opened, it is read for this coordinator; the reply goes to the patient.
      await item.click();
      await page.locator(".inbox-thread-pane").waitFor();
      expect(await page.locator(".inbox-thread").textContent()).toContain(words);
      await page
        .getByLabel(en("common:inbox.replyLabel"), { exact: true })
        .fill(`Yes, of course: a companion is welcome at every appointment (${tag}).`);
      await page.getByRole("button", { name: en("common:inbox.send") }).click();
      // A reply in another language than the patient's is checked first (ADR 025).
      const anyway = page.getByRole("button", { name: en("common:language.sendAnyway") });
      const sent = page.locator(".inbox-thread li", { hasText: `appointment (${tag})` });
      await Promise.race([anyway.waitFor().then(() => anyway.click()), sent.waitFor()]);
      await sent.waitFor();
      await page.screenshot({ path: screenshotPath(`day-inbox-replied-${tag}`) });
      expect(
        sql(
          `SELECT 1 FROM "InboxRead" r JOIN "InboxItem" i ON i.id = r.itemId JOIN "User" u ON u.id = r.userId
          WHERE i.caseId = ? AND u.email = 'coordinator@demo.clinic'`,
          caseId,
        ).length,
      ).toBeGreaterThan(0);

      // The case page: its stage action is on screen without scrolling; a task is added in place.
      await page.goto(`${app.url}/staff/cases/${caseId}?lng=en`);
      await page.locator(".case-next").waitFor();
      expect(await inViewport(page, ".case-next"), "the stage action without scrolling").toBe(true);
      await page.screenshot({ path: screenshotPath(`day-case-${tag}`) });
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const panel = page.locator("#tasks");
      await panel.getByText(en("common:tasks.new"), { exact: true }).click();
      await panel
        .getByLabel(en("common:tasks.title"), { exact: true })
        .fill(`Call about the companion (${tag})`);
      await panel.getByLabel(en("common:tasks.dueDate"), { exact: true }).fill(tomorrow);
      await panel.getByLabel(en("common:tasks.dueTime"), { exact: true }).fill("10:00");
      await panel.getByRole("button", { name: en("common:tasks.create") }).click();
      await panel.getByText(`Call about the companion (${tag})`).waitFor();
      expect(
        sql(
          `SELECT 1 FROM "ClinicalTask" WHERE caseId = ? AND title = ?`,
          caseId,
          `Call about the companion (${tag})`,
        ),
      ).toHaveLength(1);

      // Three bookings from the calendar, each from an empty slot of its resource's day.
      const resources = sql<{ id: string; type: string }>(
        `SELECT id, type FROM "Resource" WHERE active = 1 ORDER BY position, name`,
      );
      const mailBefore = smtp.messages.filter((m) => addressOf(m) === patientEmail).length;
      const days = weekdays(firstDay, 12);
      const used: string[] = [];
      for (const [i, step] of steps.entries()) {
        const resource = resources.find((r) => r.type === step.type)!;
        await bookFromCalendar(page, app.url, {
          resourceId: resource.id,
          minutes: step.minutes,
          stepName: step.name,
          caseNumber: number,
          days,
          used,
        });
        if (i === 2) await page.screenshot({ path: screenshotPath(`day-calendar-${tag}`) });
      }

      // The patient gets one email for the three, once the batch's quiet period has passed.
      const toPatient = () =>
        smtp.messages.filter((m) => addressOf(m) === patientEmail).slice(mailBefore);
      await expect.poll(() => toPatient().length, { timeout: QUIET_MS + 20_000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(toPatient()).toHaveLength(1);
      const outbox = sql<{ calendar: string; status: string }>(
        `SELECT calendar, status FROM "OutboxEmail" WHERE caseId = ? AND batchKey IS NOT NULL`,
        caseId,
      );
      expect(outbox).toHaveLength(1);
      expect(outbox[0]!.status).toBe("SENT");
      expect(outbox[0]!.calendar.match(/BEGIN:VEVENT/g)).toHaveLength(3);

      // Every board column can be reached.
      await page.goto(`${app.url}/staff/cases?lng=en&view=board`);
      const headers = page.locator(".board-col h2");
      expect(await headers.count()).toBe(12);
      const jumps = page.locator(".board-jump a");
      for (let i = 0; i < 12; i++) {
        await jumps.nth(i).click();
        const box = (await headers.nth(i).boundingBox())!;
        expect(box.x, `column ${i}`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `column ${i}`).toBeLessThanOrEqual(width + 0.5);
      }
      await page.screenshot({ path: screenshotPath(`day-board-${tag}`) });

      expect(errors).toEqual([]);
      await patientContext.close();
      await context.close();
      // A whole working journey that waits out the batch's 25 s quiet period by design: alone
      // it takes 43–46 s on a 2-core machine, and beside another browser file it passed the
      // default 60 s (in CI on 2026-12-03 it ran out of time at the reply).
    }, 150_000);
  },
);
