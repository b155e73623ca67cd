/**
 * For `npm run soak -- --pg --instances 2`: work that makes both instances' workers send email
 * during the soak, and the check afterwards that every message arrived exactly once.
 *
 * Emails come from two sources: each enquiry the soak posts queues its confirmation email,
 * and appointments planned here fall due for their 2-hour reminder one after another while the
 * soak runs (app/models/travel/reminders.server.ts). Both instances run the worker, so both
 * sweep for reminders and both drain the outbox; the SMTP stand-in (tests/support/smtp.ts)
 * receives what they send. Afterwards every outbox row must have arrived exactly once (by its
 * Message-ID, which the mailer derives from the row), every planned appointment must have
 * exactly one reminder claimed, and its patient exactly one reminder email.
 */
import pg from "pg";
import type { TestSmtp } from "../tests/support/smtp";

export interface PlannedReminders {
  appointmentIds: string[];
  caseIds: string[];
}

const HOUR = 3_600_000;

/**
 * Books `count` appointments on distinct synthetic cases (c1, c2 … from scripts/scale-fill.ts),
 * each starting 2 hours and a few seconds after `from`, spread over `seconds`: the 2-hour
 * reminder of each comes due during the soak. Booked 21 hours before `from`, so the 24-hour
 * reminder's moment (before the booking) is never sent: one reminder per appointment.
 */
export async function planReminders(
  url: string,
  count: number,
  from: Date,
  seconds: number,
): Promise<PlannedReminders> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const appointmentIds: string[] = [];
    const caseIds: string[] = [];
    const booked = new Date(from.getTime() - 21 * HOUR);
    for (let k = 0; k < count; k++) {
      const id = `soak-appt-${k}`;
      const caseId = `c${k + 1}`;
      const startsAt = new Date(from.getTime() + 2 * HOUR + ((k + 1) * seconds * 1000) / count);
      await client.query(
        `INSERT INTO "Appointment" (id, "caseId", kind, title, "startsAt", "endsAt", status,
           sequence, "createdAt", "updatedAt")
         VALUES ($1, $2, 'TREATMENT', 'Soak treatment', $3, $4, 'BOOKED', 0, $5, $5)`,
        [id, caseId, startsAt, new Date(startsAt.getTime() + HOUR), booked],
      );
      appointmentIds.push(id);
      caseIds.push(caseId);
    }
    return { appointmentIds, caseIds };
  } finally {
    await client.end();
  }
}

/** Waits until every planned reminder is claimed and nothing in the outbox is still pending. */
export async function waitForDrain(
  url: string,
  planned: PlannedReminders,
  timeoutMs: number,
): Promise<{ drained: boolean; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    for (;;) {
      const { rows } = await client.query<{ pending: string; claimed: string }>(
        `SELECT (SELECT count(*) FROM "OutboxEmail" WHERE status = 'PENDING') AS pending,
                (SELECT count(DISTINCT "appointmentId") FROM "AppointmentReminder"
                  WHERE "appointmentId" = ANY($1)) AS claimed`,
        [planned.appointmentIds],
      );
      const drained =
        Number(rows[0]!.pending) === 0 &&
        Number(rows[0]!.claimed) === planned.appointmentIds.length;
      if (drained || Date.now() - started > timeoutMs) {
        return { drained, seconds: Math.round((Date.now() - started) / 100) / 10 };
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await client.end();
  }
}

export interface DeliveryReport {
  outbox_rows: number;
  sent: number;
  pending: number;
  failed: number;
  received: number;
  /** Message-IDs that arrived more than once, and outbox rows marked sent that never arrived. */
  duplicates: number;
  missing: number;
  /** Messages that arrived with a Message-ID no outbox row has. */
  unknown: number;
  enquiry_confirmations: number;
  reminders_planned: number;
  /** Reminder claims per planned appointment (AppointmentReminder rows), and reminder emails. */
  reminders_claimed: number;
  reminder_emails_received: number;
  /** Planned appointments whose patient got other than exactly one reminder email. */
  reminders_not_once: number;
  exactly_once: boolean;
}

export async function checkDelivery(
  url: string,
  smtp: TestSmtp,
  planned: PlannedReminders,
  since: Date,
): Promise<DeliveryReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      id: string;
      caseId: string | null;
      template: string;
      status: string;
      createdAt: Date;
    }>(`SELECT id, "caseId", template, status, "createdAt" FROM "OutboxEmail"`);
    const claims = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "AppointmentReminder" WHERE "appointmentId" = ANY($1)`,
      [planned.appointmentIds],
    );
    const arrived = new Map<string, number>();
    for (const m of smtp.messages) {
      const id = m.messageId ?? "";
      arrived.set(id, (arrived.get(id) ?? 0) + 1);
    }
    const idOf = (rowId: string) => `<${rowId}@outbox.medtravel>`;
    const known = new Set(rows.map((r) => idOf(r.id)));
    const sent = rows.filter((r) => r.status === "SENT");
    const plannedCases = new Set(planned.caseIds);
    // The reminder notices queued during the soak for the planned appointments' cases.
    const reminderRows = rows.filter(
      (r) =>
        r.template === "notice" && r.caseId && plannedCases.has(r.caseId) && r.createdAt >= since,
    );
    const perCase = new Map<string, number>();
    for (const r of reminderRows) {
      perCase.set(r.caseId!, (perCase.get(r.caseId!) ?? 0) + (arrived.get(idOf(r.id)) ?? 0));
    }
    const report: DeliveryReport = {
      outbox_rows: rows.length,
      sent: sent.length,
      pending: rows.filter((r) => r.status === "PENDING").length,
      failed: rows.filter((r) => r.status === "FAILED").length,
      received: smtp.messages.length,
      duplicates: [...arrived.values()].filter((n) => n > 1).length,
      missing: sent.filter((r) => !arrived.has(idOf(r.id))).length,
      unknown: [...arrived.keys()].filter((id) => !known.has(id)).length,
      enquiry_confirmations: rows.filter(
        (r) => r.template === "enquiry-confirm" && r.createdAt >= since,
      ).length,
      reminders_planned: planned.appointmentIds.length,
      reminders_claimed: Number(claims.rows[0]!.n),
      reminder_emails_received: [...perCase.values()].reduce((a, b) => a + b, 0),
      reminders_not_once: planned.caseIds.filter((c) => perCase.get(c) !== 1).length,
      exactly_once: false,
    };
    report.exactly_once =
      report.duplicates === 0 &&
      report.missing === 0 &&
      report.unknown === 0 &&
      report.pending === 0 &&
      report.failed === 0 &&
      report.reminders_claimed === report.reminders_planned &&
      report.reminders_not_once === 0;
    return report;
  } finally {
    await client.end();
  }
}
