/**
 * Sends the appointment reminders that are due at a given moment, as the worker's sweep does
 * (app/models/travel/reminders.server.ts), against the database in DATABASE_URL, and prints
 * how many were queued. The outbox then delivers them as usual (the running worker, or the
 * next start).
 *
 *   npm run reminders:send                         due now
 *   npm run reminders:send -- --at 2026-03-08T08:00:00Z
 *
 * An operator's tool: after the worker was down, run it once to catch up (each appointment
 * gets only the latest reminder that has come, never one already sent, and nothing for an
 * appointment already past). The browser journey uses --at to move the clock forward.
 * Safe beside running workers: each reminder is claimed once, whoever sweeps.
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { at: { type: "string" } }, strict: true });
const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at: not a time: ${values.at} (use ISO 8601, e.g. 2026-03-08T08:00:00Z)`);
  process.exit(2);
}

const { db } = await import("~/db.server");
const { syncClinicSettings } = await import("~/models/site/clinic-settings.server");
const { sendAppointmentReminders } = await import("~/models/travel/reminders.server");

try {
  // The clinic's zone as an admin last saved it: the reminders show its time.
  await syncClinicSettings();
  const queued = await sendAppointmentReminders(at);
  console.log(`${queued} reminder${queued === 1 ? "" : "s"} queued for ${at.toISOString()}`);
} finally {
  await db.$disconnect();
}
