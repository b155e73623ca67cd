/**
 * The background worker inside the server process: it queues first-response, follow-up,
 * task and appointment reminders, delivers due outbox emails and WhatsApp and SMS messages,
 * clears expired sessions, spent sign-in links and unconfirmed enquiries past their link's
 * life and spent form keys past theirs, and runs the retention job. Safe with several
 * processes, because each outbox row is claimed with a lease before it is sent.
 */
import { syncClinicSettings } from "~/models/site/clinic-settings.server";
import { env } from "~/env.server";
import { sendFollowUpReminders } from "~/models/aftercare/aftercare.server";
import { applyRetention } from "~/models/privacy/data-rights.server";
import { deleteExpiredPendingEnquiries } from "~/models/enquiry/enquiry.server";
import { dispatchDue } from "~/infra/outbox.server";
import { dispatchDueMessages } from "~/infra/messages.server";
import { deleteStaleTokens } from "~/models/auth/magic-link.server";
import { deleteExpiredSessions } from "~/infra/session.server";
import { deleteSpentFormKeys } from "~/infra/forms.server";
import { db } from "~/db.server";
import { sendFirstResponseReminders } from "~/models/cases/sla.server";
import { sendTaskReminders } from "~/models/tasks/tasks.server";
import { sendAppointmentReminders } from "~/models/travel/reminders.server";

let timer: NodeJS.Timeout | undefined;
let running = false;
let stopped = false;
let ticks = 0;

async function tick() {
  if (running) return;
  running = true;
  try {
    // What it writes (reminders) reads the clinic's settings as an admin last saved them.
    await syncClinicSettings();
    // Reminders first, so the emails they queue go out in this same tick.
    if (ticks % 15 === 0) {
      await sendFirstResponseReminders();
      await sendFollowUpReminders();
      // Tasks past their due time, and tasks' reminders: each emails its assignee once.
      await sendTaskReminders();
      // Appointments coming up: each reminder once, by email and the patient's channels.
      await sendAppointmentReminders();
    }
    // Drain what is due now; stop early if a batch made no progress.
    for (let i = 0; i < 20; i++) {
      const r = await dispatchDue();
      if (r.sent + r.retrying + r.failed === 0) break;
    }
    // Then the WhatsApp and SMS messages, with the same leases and retries.
    for (let i = 0; i < 20; i++) {
      const r = await dispatchDueMessages();
      if (r.sent + r.retrying + r.failed === 0) break;
    }
    if (ticks++ % 300 === 0) {
      await deleteExpiredSessions();
      await deleteStaleTokens();
      await deleteExpiredPendingEnquiries();
      await deleteSpentFormKeys(db);
    }
    // About hourly at the default poll: anonymise enquiries past their retention period.
    if (ticks % 1800 === 1) await applyRetention();
  } catch (error) {
    console.error("[worker] tick failed:", error);
  } finally {
    running = false;
  }
}

export function startBackgroundWorker(): () => Promise<void> {
  const { WORKER_ENABLED, OUTBOX_POLL_MS } = env();
  if (!WORKER_ENABLED || timer) return async () => {};
  stopped = false;
  const loop = () => {
    if (stopped) return;
    void tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, OUTBOX_POLL_MS);
    });
  };
  loop();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (running) await new Promise((r) => setTimeout(r, 20));
  };
}
