/**
 * Notices about a case that are not stage changes (emails/notice.tsx), each queued inside
 * the transaction of the change that causes it, in each recipient's own language:
 * - to the patient, in the case's language, linking to the case in the portal;
 * - to staff: the case's coordinator (or every coordinator while it has none), every
 *   clinician, every finance user, or one named person, linking to the staff case page; each
 *   by email, in the app (the bell) or both, as they chose for that kind (notifyStaff).
 * Every patient email also goes on the patient's WhatsApp and SMS when they opted in (issue
 * 24), in the same transaction: a message that only says something is waiting, with the
 * case number and a portal link.
 */
import { AUDIENCE_ROLES } from "~/lib/permissions";
import type { Tx } from "~/db.server";
import { env } from "~/env.server";
import { formatDateTime } from "~/lib/format";
import type { NoticeData } from "../../../emails/notice";
import {
  batchQuietMs,
  enqueueBatched,
  enqueueEmail,
  type BatchTarget,
  type EnqueueInput,
} from "~/infra/outbox.server";
import type { StaffNotice } from "~/lib/notification-kinds";
import { notifyStaff } from "~/models/notifications/notify.server";
import { notifyPatientChannels } from "~/models/channels/reach.server";

type Notice = NoticeData["notice"];

export type StaffAudience = "coordinator" | "clinician" | "finance" | "admin" | { userId: string };

interface CaseRef {
  id: string;
  number: string;
  coordinatorId: string | null;
}

interface Person {
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
}

const appUrl = () => env().APP_URL.replace(/\/$/, "");

/** Placeholders a notice may carry, worked out per recipient (dates in their locale and zone). */
export interface NoticeVars {
  /** A deadline, shown in the recipient's language and time zone. */
  dueAt?: Date;
  /** A time the notice is about (an appointment), in the recipient's language and zone. */
  at?: Date;
  /** The time an appointment had before it moved, in the recipient's language and zone. */
  previous?: Date;
}

function varsFor(person: Person, vars: NoticeVars): Record<string, string> | undefined {
  if (!vars.dueAt && !vars.at && !vars.previous) return undefined;
  return {
    ...(vars.previous
      ? { previous: formatDateTime(vars.previous, person.locale, person.timeZone) }
      : {}),
    ...(vars.dueAt ? { due: formatDateTime(vars.dueAt, person.locale, person.timeZone) } : {}),
    ...(vars.at ? { when: formatDateTime(vars.at, person.locale, person.timeZone) } : {}),
  };
}

const PERSON = { id: true, email: true, name: true, locale: true, timeZone: true } as const;

/** The active people of `audience` for the case (whom noticeToStaff tells). */
export async function staffFor(tx: Tx, kase: CaseRef, audience: StaffAudience): Promise<Person[]> {
  if (typeof audience === "object") {
    return tx.user.findMany({ where: { id: audience.userId, active: true }, select: PERSON });
  }
  if (audience === "coordinator") {
    const assigned = kase.coordinatorId
      ? await tx.user.findMany({
          where: { id: kase.coordinatorId, active: true },
          select: PERSON,
        })
      : [];
    if (assigned.length) return assigned;
  }
  return tx.user.findMany({
    where: { role: AUDIENCE_ROLES[audience], active: true },
    select: PERSON,
    orderBy: { email: "asc" },
  });
}

export async function noticeToStaff(
  tx: Tx,
  kase: CaseRef,
  notice: StaffNotice,
  audience: StaffAudience = "coordinator",
  vars: NoticeVars = {},
) {
  const people = await staffFor(tx, kase, audience);
  await notifyStaff(tx, {
    kind: notice,
    caseId: kase.id,
    recipients: people,
    params: {
      caseNumber: kase.number,
      ...(vars.dueAt ? { due: vars.dueAt.toISOString() } : {}),
      ...(vars.at ? { when: vars.at.toISOString() } : {}),
      ...(vars.previous ? { previous: vars.previous.toISOString() } : {}),
    },
    email: (person) => {
      const full = people.find((p) => p.id === person.id)!;
      return {
        template: "notice",
        data: {
          notice,
          audience: "staff",
          caseNumber: kase.number,
          recipientName: full.name,
          link: `${appUrl()}/staff/cases/${kase.id}`,
          vars: varsFor(full, vars),
        },
      };
    },
  });
}

/** The case's coordinator, or every coordinator while it has none. */
export function noticeToCoordinators(tx: Tx, kase: CaseRef, notice: StaffNotice) {
  return noticeToStaff(tx, kase, notice, "coordinator");
}

export interface PatientNoticeOptions {
  /** Placeholders worked out for the patient's language and time zone. */
  vars?: (locale: string, timeZone: string) => Record<string, string>;
  /** An iCalendar invite sent with the email. */
  calendar?: string;
  /** The portal page to link to, below /portal/cases/<id>. */
  path?: string;
}

/** The patient's email, in the case's language (and their own time zone). */
async function patientEmail(
  tx: Tx,
  caseId: string,
  notice: Notice,
  options: PatientNoticeOptions,
): Promise<EnqueueInput<"notice">> {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      number: true,
      language: true,
      patient: { select: { email: true, name: true, timeZone: true } },
    },
  });
  return {
    caseId,
    to: { email: kase.patient.email, name: kase.patient.name, locale: kase.language },
    template: "notice",
    calendar: options.calendar,
    data: {
      notice,
      audience: "patient",
      caseNumber: kase.number,
      recipientName: kase.patient.name,
      link: `${appUrl()}/portal/cases/${caseId}${options.path ?? ""}`,
      vars: options.vars?.(kase.language, kase.patient.timeZone),
    },
  };
}

/** Notices about booked or moved appointments; every other one is "news about your case". */
const APPOINTMENT_NOTICES: ReadonlySet<Notice> = new Set<Notice>([
  "appointmentBooked",
  "appointmentsBooked",
  "appointmentMoved",
]);

/**
 * The patient's WhatsApp and SMS beside the email `email`: the case number and the email's
 * portal link, never the notice's words (its vars may name a time; the portal says the rest).
 * `event` makes it once per event on each channel.
 */
function patientChannels(tx: Tx, caseId: string, email: EnqueueInput<"notice">, event: string) {
  const { caseNumber, link } = email.data;
  return notifyPatientChannels(
    tx,
    caseId,
    APPOINTMENT_NOTICES.has(email.data.notice) ? "appointment_booked" : "case_update",
    () => ({ caseNumber, link }),
    event,
  );
}

/** The patient, in the case's language (and their own time zone), by email and their channels. */
export async function noticeToPatient(
  tx: Tx,
  caseId: string,
  notice: Notice,
  options: PatientNoticeOptions = {},
) {
  const email = await patientEmail(tx, caseId, notice, options);
  const row = await enqueueEmail(tx, email);
  // The email's own row names the event: one message per email, whatever called it.
  await patientChannels(tx, caseId, email, `notice:${row.id}`);
}

/** The event of a batch's message: the batch's email row, which a rewrite keeps. */
const batchEvent = (key: string, emailId: string) => `batch:${key}:${emailId}`;

/**
 * The patient's one email for changes made together (enqueueBatched): null when a worker
 * claimed the batch meanwhile, and the caller starts a new one.
 *
 * The batch's message is keyed by the batch's email row, which every rewrite of the batch
 * keeps, so the patient gets one message per batch however often it is rewritten (a rewrite
 * queues one only on a channel the patient gained since). It waits with the email: each
 * rewrite pushes it out again while no worker has touched it, so both go together once the
 * batch is quiet, and a batch whose appointments were all cancelled meanwhile sends neither
 * (dropBatchNotice).
 */
export async function batchNoticeToPatient(
  tx: Tx,
  caseId: string,
  notice: Notice,
  options: PatientNoticeOptions,
  batch: BatchTarget,
) {
  const email = await patientEmail(tx, caseId, notice, options);
  // One clock for both, so the message is due exactly when the email is.
  const now = batch.now ?? new Date();
  const queued = await enqueueBatched(tx, email, { ...batch, now });
  if (!queued) return null;
  const event = batchEvent(batch.key, queued.id);
  await patientChannels(tx, caseId, email, event);
  await tx.outboxMessage.updateMany({
    where: {
      dedupeKey: { startsWith: `${event}:` },
      status: "PENDING",
      leaseUntil: null,
      attempts: 0,
    },
    data: { nextAttemptAt: new Date(now.getTime() + batchQuietMs()) },
  });
  return queued;
}

/** The batch's email `emailId` was removed before it went: its waiting messages go too. */
export async function dropBatchNotice(tx: Tx, key: string, emailId: string) {
  await tx.outboxMessage.deleteMany({
    where: {
      dedupeKey: { startsWith: `${batchEvent(key, emailId)}:` },
      status: "PENDING",
      leaseUntil: null,
      attempts: 0,
    },
  });
}
