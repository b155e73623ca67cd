/**
 * Appointment reminders (issue 24 §4). Each kind of appointment has its rule: how long before
 * it the patient is reminded (ReminderRule; 24 h and 2 h when none is set). The worker sweeps
 * every few ticks (sendAppointmentReminders): a booked appointment still ahead whose reminder
 * moment has come gets its reminder once, by email and on the patient's channels (WhatsApp,
 * SMS), in the case's language and the patient's zone, the clinic's time first for an
 * in-clinic appointment (app/lib/zone-time.ts, the rule every patient page follows).
 *
 * Exactly once, however many workers sweep at once: a reminder is claimed by writing its
 * AppointmentReminder row (appointment, offset, startsAt), whose primary key lets one worker
 * win; the messages are queued in the same transaction, so a worker that loses the claim
 * queues nothing. Each claim is its own transaction because on PostgreSQL a unique violation
 * aborts the transaction it happens in. A moved appointment has a new startsAt, so a new key:
 * it is reminded at its new time. A cancelled one is not BOOKED and never reminded.
 *
 * A reminder whose moment came before the appointment was booked or last moved is not sent
 * (no "24 hours before" reminder for a booking made 3 hours ahead). After the worker was down,
 * only the latest moment that has come is sent, not every one missed at once.
 */
import { db, isUniqueViolation } from "~/db.server";
import { env } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/infra/audit.server";
import {
  APPOINTMENT_KINDS,
  DEFAULT_REMINDER_OFFSETS,
  parseOffsets,
  storeOffsets,
  type AppointmentKind,
} from "~/lib/reminder-rules";
import {
  appointmentTimes,
  describeTimes,
  describeTimesInline,
  isRemoteAppointment,
} from "~/lib/zone-time";
import { noticeToPatient } from "~/models/cases/notices.server";
import { notifyPatientChannels } from "~/models/channels/reach.server";
import { clinicZone } from "~/models/site/clinic-settings.server";

export type ReminderRules = Record<AppointmentKind, number[]>;

/** Every kind's rule in minutes, largest first; the default for a kind nobody has set. */
export async function reminderRules(): Promise<ReminderRules> {
  const rows = await db.reminderRule.findMany({ select: { kind: true, offsets: true } });
  const stored = new Map(rows.map((r) => [r.kind, r.offsets]));
  return Object.fromEntries(
    APPOINTMENT_KINDS.map((kind) => [kind, parseOffsets(stored.get(kind))]),
  ) as ReminderRules;
}

/**
 * An admin's rules from the clinic settings page. Audited like the other clinic settings,
 * with the kinds that changed, before and after (in minutes). Returns the kinds that changed:
 * none when the same rules are sent again, and then nothing is written or audited.
 */
export async function saveReminderRules(
  rules: ReminderRules,
  actor: { id: string; ip?: string | null },
): Promise<AppointmentKind[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.reminderRule.findMany({ select: { kind: true, offsets: true } });
    const stored = new Map(rows.map((r) => [r.kind, r.offsets]));
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    const changed: AppointmentKind[] = [];
    for (const kind of APPOINTMENT_KINDS) {
      const was = storeOffsets(parseOffsets(stored.get(kind)));
      const now = storeOffsets(rules[kind]);
      if (was === now) continue;
      changed.push(kind);
      before[kind] = was;
      after[kind] = now;
      await tx.reminderRule.upsert({
        where: { kind },
        create: { kind, offsets: now, updatedById: actor.id },
        update: { offsets: now, updatedById: actor.id },
      });
    }
    if (changed.length) {
      await audit(
        {
          actorId: actor.id,
          action: "clinic.reminders.edit",
          entity: "ReminderRule",
          entityId: changed.join(","),
          ip: actor.ip ?? null,
          outcome: "success",
          detail: JSON.stringify({ before, after }),
        },
        tx,
      );
    }
    return changed;
  });
}

/**
 * The appointment's time for a message, in the patient's language and zone: `when` is the
 * time that closes the phrase, `clinicWhen` what leads it. For an in-clinic appointment in
 * another zone than the patient's, the clinic's time leads ("… in Istanbul (GMT+3), which is ")
 * and the patient's own follows, as on every patient page; otherwise there is one time and
 * nothing leads. The long date style keeps each within a message variable's length.
 */
export function reminderTimes(
  startsAt: Date,
  kind: string,
  locale: string,
  patientZone: string,
  zoneOfClinic: string,
): { when: string; clinicWhen: string } {
  const t = getFixedT(locale, "common");
  const remote = isRemoteAppointment(kind);
  const times = appointmentTimes(startsAt, {
    locale,
    patientZone,
    clinicZone: zoneOfClinic,
    remote,
    style: "long",
  });
  const [first, second] = describeTimes(times, (key, vars) => t(key, vars));
  if (!remote && second) {
    return { clinicWhen: t("zoneTime.pair", { first: first!, second: "" }), when: second };
  }
  return { clinicWhen: "", when: first! };
}

/** The smallest offset whose moment has come (the latest moment), or null when none has. */
function currentOffset(offsets: number[], startsAt: Date, now: Date): number | null {
  let current: number | null = null;
  for (const offset of offsets) {
    if (startsAt.getTime() - offset * 60_000 <= now.getTime()) {
      current = current === null ? offset : Math.min(current, offset);
    }
  }
  return current;
}

/** Another worker claimed it, or the appointment changed since it was read: nothing sent. */
class NotThisTime extends Error {}

/**
 * Queues every reminder whose moment has come by `now`. Returns how many were queued by this
 * call (a reminder another worker claimed first is not counted).
 */
export async function sendAppointmentReminders(now = new Date()): Promise<number> {
  const rules = await reminderRules();
  const longest = Math.max(...DEFAULT_REMINDER_OFFSETS, ...Object.values(rules).flat());
  // Only appointments within the longest offset can be due: the (status, startsAt) index.
  const ahead = await db.appointment.findMany({
    where: {
      status: "BOOKED",
      startsAt: { gt: now, lte: new Date(now.getTime() + longest * 60_000) },
    },
    select: {
      id: true,
      caseId: true,
      kind: true,
      startsAt: true,
      sequence: true,
      createdAt: true,
      updatedAt: true,
      reminders: { select: { offsetMinutes: true, startsAt: true } },
    },
    orderBy: { startsAt: "asc" },
  });
  const zoneOfClinic = clinicZone();
  const appUrl = env().APP_URL.replace(/\/$/, "");
  let queued = 0;
  for (const a of ahead) {
    const offsets = rules[a.kind as AppointmentKind] ?? [...DEFAULT_REMINDER_OFFSETS];
    const offset = currentOffset(offsets, a.startsAt, now);
    if (offset === null) continue;
    const moment = new Date(a.startsAt.getTime() - offset * 60_000);
    // When it got this time: booked (sequence 0), or last moved, which raises the sequence and
    // updatedAt. Other writes also touch updatedAt (a request to move it), which can only hold
    // back a reminder whose moment came before them, one a running worker had already sent.
    const since = a.sequence === 0 ? a.createdAt : a.updatedAt;
    if (moment.getTime() <= since.getTime()) continue;
    const startsAtMs = a.startsAt.getTime();
    if (
      a.reminders.some((r) => r.offsetMinutes === offset && r.startsAt.getTime() === startsAtMs)
    ) {
      continue;
    }
    const event = `reminder:${a.id}:${offset}:${startsAtMs}`;
    try {
      await db.$transaction(async (tx) => {
        // The claim first: a second worker fails here, before it has queued anything.
        await tx.appointmentReminder.create({
          data: { appointmentId: a.id, offsetMinutes: offset, startsAt: a.startsAt },
        });
        // Cancelled or moved since it was read: no reminder for a time that no longer holds.
        const still = await tx.appointment.findFirst({
          where: { id: a.id, status: "BOOKED", startsAt: a.startsAt },
          select: { id: true },
        });
        if (!still) throw new NotThisTime();
        const params = (locale: string, timeZone: string) =>
          reminderTimes(a.startsAt, a.kind, locale, timeZone, zoneOfClinic);
        await noticeToPatient(tx, a.caseId, "appointmentReminder", {
          path: "/appointments",
          vars: (locale, timeZone) => {
            const t = getFixedT(locale, "common");
            const times = appointmentTimes(a.startsAt, {
              locale,
              patientZone: timeZone,
              clinicZone: zoneOfClinic,
              remote: isRemoteAppointment(a.kind),
            });
            return { times: describeTimesInline(times, (key, vars) => t(key, vars)) };
          },
        });
        await notifyPatientChannels(
          tx,
          a.caseId,
          "appointment_reminder",
          (locale, timeZone) => ({
            ...params(locale, timeZone),
            link: `${appUrl}/portal/cases/${a.caseId}/appointments`,
          }),
          event,
          now,
        );
      });
      queued++;
    } catch (error) {
      if (error instanceof NotThisTime || isUniqueViolation(error)) continue;
      throw error;
    }
  }
  return queued;
}
