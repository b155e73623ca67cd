/**
 * Booking: free slots, and appointments that never double-book.
 *
 * Free slots come from the resource's weekly hours in the clinic's zone, minus holidays and
 * leave, minus the grid cells already held (app/lib/schedule.ts), minus the patient's own
 * busy times (their other booked appointments, each widened by its step's gap, and the gap
 * the step being booked needs after it). Booking re-checks the hours and time off inside its
 * transaction, then writes the appointment, one AppointmentSlot row per grid cell it covers
 * on its resource and one PatientSlot row per cell it holds for its patient (to the end of
 * its gap). The (resource, cell) and (patient, cell) primary keys are what stop a double
 * booking: of any number of concurrent bookings that overlap on a resource, or for one
 * patient, the database lets exactly one commit, and the others fail with a unique
 * violation, answered as "slot no longer available" (BookingError "taken", HTTP 409) or
 * "the patient is busy then" ("patientBusy", 409). Rescheduling frees the old cells and
 * takes the new ones in one transaction; cancelling frees them.
 *
 * Patients move or cancel their own video consultation themselves, until
 * PATIENT_CHANGE_NOTICE_HOURS before it starts (app/lib/self-service.ts, ADR 022), through
 * the same moves and cancellations the coordinator's page uses; anything else they ask for.
 *
 * Each booking, move and cancellation emails the patient, in their language and zone, with
 * an ICS invite whose UID never changes and whose SEQUENCE goes up.
 */
import { isPastAppointment } from "~/lib/appointment-tense";
import { clinicOnDocuments } from "~/models/site/clinic-documents.server";
import { canBookConsultation, canBookTreatment } from "~/lib/stages";
import { db, isUniqueViolation, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { clinicAddress, clinicZone } from "~/models/site/clinic-settings.server";
import { appointmentName, type Translatable } from "~/lib/catalogue-text";
import { formatDateTime, formatZone, isolate } from "~/lib/format";
import { getFixedT } from "~/i18n/i18n.server";
import { appointmentTimes, describeTimesInline, isRemoteAppointment } from "~/lib/zone-time";
import {
  addDays,
  BOOKING_HORIZON_DAYS,
  CONSULTATION_MINUTES,
  dayIn,
  dayWithin,
  fitsIn,
  GAP_MAX_MINUTES,
  GRID_MINUTES,
  gridCells,
  isOnGrid,
  mondayOf,
  slotStarts,
  subtract,
  wallTime,
  workingSpans,
  type Span,
} from "~/lib/schedule";
import { audit } from "~/infra/audit.server";
import { appointmentIdsIn, appointmentInvite, appointmentsInvite } from "~/infra/calendar.server";
import { openBatch } from "~/infra/outbox.server";
import { revokeMeeting, videoProvider } from "~/infra/video.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { selfService } from "~/lib/self-service";
import { notFound } from "~/models/auth/auth.server";
import {
  batchNoticeToPatient,
  dropBatchNotice,
  noticeToPatient,
  noticeToStaff,
} from "~/models/cases/notices.server";
import { recordInboxItem } from "~/models/inbox/inbox.server";
import type { InboxChannel } from "~/lib/inbox";
import { ownCase, portalViewOf } from "~/models/cases/portal.server";
import { tripOf } from "~/models/travel/travel.server";
import { patientVideoLinks, staffMeetingLinks } from "~/models/travel/video.server";

export type BookingProblem =
  | "not_found"
  | "taken"
  | "patientBusy"
  | "unavailable"
  | "past"
  | "stage"
  | "notBookable"
  | "invalid"
  /** Booked or moved to the time and resource it already has: nothing to do or announce. */
  | "unchanged"
  /** The patient's change comes inside the notice period: they ask instead. */
  | "tooLate"
  /** The patient may not change this kind of appointment themselves: they ask instead. */
  | "askToMove";

/** The patient's appointment that a refused time runs into ("patientBusy"). */
export interface BusyWith {
  kind: string;
  title: string;
  /** The pathway step, for its name in the reader's language. */
  step: Translatable<"name"> | null;
  startsAt: Date;
  /** The patient's own zone, in which the time is written. */
  timeZone: string;
}

type Translate = (key: string, vars?: Record<string, unknown>) => string;

export class BookingError extends Error {
  constructor(
    public readonly code: BookingProblem,
    /** For "patientBusy": the appointment the patient already has, when it is known. */
    public readonly busyWith?: BusyWith,
  ) {
    super(`Booking refused: ${code}`);
    this.name = "BookingError";
  }
  /** The message key, in the travel namespace. */
  get key() {
    return `errors.${this.code}`;
  }
  /**
   * The message in the reader's language. A time the patient is busy names the appointment
   * they already have, and its time in the patient's zone: to the patient ("you already
   * have…"), or to staff ("the patient already has…", with the zone named).
   */
  describe(t: Translate, locale: string, reader: "patient" | "staff") {
    const busy = this.busyWith;
    if (this.code !== "patientBusy" || !busy) return t(`travel:${this.key}`);
    const title = appointmentName(
      { ...busy, planStep: { pathwayStep: busy.step } },
      locale,
      t("travel:appointments.consultation"),
    ).text;
    // Staff book in the clinic's time, so they are told the clinic's time, its zone named as a
    // reader sees zones ("Istanbul (GMT+3)"); the patient is told their own time.
    const zone = reader === "patient" ? busy.timeZone : clinicZone();
    const time = formatDateTime(busy.startsAt, locale, zone, "full");
    const key = reader === "patient" ? "errors.patientBusyWith" : "errors.patientBusyWithStaff";
    return t(`travel:${key}`, {
      title: isolate(title),
      time: isolate(time),
      zone: isolate(formatZone(zone, locale, busy.startsAt)),
    });
  }
  get status() {
    if (this.code === "not_found") return 404;
    return this.code === "taken" || this.code === "patientBusy" || this.code === "unchanged"
      ? 409
      : 400;
  }
}

/** Nothing can be booked sooner than this from now. */
const LEAD_MS = 60 * 60_000;

export interface Slot {
  resourceId: string;
  resourceName: string;
  resourceTranslations: string;
  startsAt: Date;
  endsAt: Date;
}

type Client = Tx | typeof db;

async function timeOff(client: Client, resourceIds: string[], from: Date, to: Date) {
  return client.resourceException.findMany({
    where: {
      OR: [{ resourceId: null }, { resourceId: { in: resourceIds } }],
      startsAt: { lt: to },
      endsAt: { gt: from },
    },
    select: { resourceId: true, startsAt: true, endsAt: true },
  });
}

/** Each resource's open spans over `days` days from `fromDay`: hours minus time off. */
export async function openSpans(
  client: Client,
  resources: { id: string; hours: { weekday: number; startMinute: number; endMinute: number }[] }[],
  fromDay: string,
  days: number,
) {
  const zone = clinicZone();
  const spans = new Map(resources.map((r) => [r.id, workingSpans(r.hours, fromDay, days, zone)]));
  const all = [...spans.values()].flat();
  if (!all.length) return spans;
  const from = new Date(Math.min(...all.map((s) => s.start.getTime())));
  const to = new Date(Math.max(...all.map((s) => s.end.getTime())));
  const off = await timeOff(
    client,
    resources.map((r) => r.id),
    from,
    to,
  );
  for (const r of resources) {
    const blocked = off
      .filter((o) => o.resourceId === null || o.resourceId === r.id)
      .map((o) => ({ start: o.startsAt, end: o.endsAt }));
    spans.set(r.id, subtract(spans.get(r.id) ?? [], blocked));
  }
  return spans;
}

export interface SlotQuery {
  resourceType: string;
  durationMinutes: number;
  /** First calendar day (clinic zone), YYYY-MM-DD. */
  fromDay: string;
  days?: number;
  /** Only this resource (e.g. the clinician the patient already saw). */
  resourceId?: string;
  /** Cells this appointment holds count as free (it is the one being moved). */
  movingAppointmentId?: string;
  /**
   * The patient being booked: their other booked appointments (and the gap after each) are
   * not offered, nor a time whose own gap (`gapMinutes`) would run into one.
   */
  patient?: { id: string; gapMinutes?: number | null };
  now?: Date;
}

const MINUTE = 60_000;

/**
 * The spans in which an appointment of this patient may not *start or run*: each of their
 * booked appointments (but `exceptId`) from its start to the end of its gap, and every cell
 * they hold (PatientSlot, what the database refuses), each reached back by `gapMinutes`, the
 * gap the new appointment needs after itself.
 */
async function patientBusy(
  client: Client,
  patient: { id: string; gapMinutes?: number | null },
  from: Date,
  to: Date,
  exceptId?: string,
): Promise<(Span & { appointmentId: string })[]> {
  const gap = (patient.gapMinutes ?? 0) * MINUTE;
  const margin = new Date(to.getTime() + gap);
  const [appointments, cells] = await Promise.all([
    client.appointment.findMany({
      where: {
        case: { patientId: patient.id },
        status: "BOOKED",
        startsAt: { lt: margin },
        // An appointment this long before still holds the patient through its gap.
        endsAt: { gt: new Date(from.getTime() - GAP_MAX_MINUTES * MINUTE) },
        ...(exceptId ? { id: { not: exceptId } } : {}),
      },
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        planStep: { select: { gapMinutes: true } },
      },
    }),
    client.patientSlot.findMany({
      where: {
        patientId: patient.id,
        slotStart: { gte: new Date(from.getTime() - GRID_MINUTES * MINUTE), lt: margin },
        ...(exceptId ? { appointmentId: { not: exceptId } } : {}),
      },
      select: { slotStart: true, appointmentId: true },
    }),
  ]);
  return [
    ...appointments.map((a) => ({
      start: new Date(a.startsAt.getTime() - gap),
      end: new Date(a.endsAt.getTime() + (a.planStep?.gapMinutes ?? 0) * MINUTE),
      appointmentId: a.id,
    })),
    ...cells.map((c) => ({
      start: new Date(c.slotStart.getTime() - gap),
      end: new Date(c.slotStart.getTime() + GRID_MINUTES * MINUTE),
      appointmentId: c.appointmentId,
    })),
  ];
}

/** The slots really free right now, earliest first, across the resources of a type. */
export async function freeSlots(query: SlotQuery): Promise<Slot[]> {
  const days = query.days ?? 7;
  const resources = await db.resource.findMany({
    where: {
      type: query.resourceType,
      active: true,
      ...(query.resourceId ? { id: query.resourceId } : {}),
    },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      translations: true,
      hours: { select: { weekday: true, startMinute: true, endMinute: true } },
    },
  });
  if (!resources.length) return [];
  const spans = await openSpans(db, resources, query.fromDay, days);
  const all = [...spans.values()].flat();
  if (!all.length) return [];
  const from = new Date(Math.min(...all.map((s) => s.start.getTime())));
  const to = new Date(Math.max(...all.map((s) => s.end.getTime())));
  const held = await db.appointmentSlot.findMany({
    where: {
      resourceId: { in: resources.map((r) => r.id) },
      slotStart: { gte: from, lt: to },
      ...(query.movingAppointmentId ? { appointmentId: { not: query.movingAppointmentId } } : {}),
    },
    select: { resourceId: true, slotStart: true },
  });
  const notBefore = new Date((query.now ?? new Date()).getTime() + LEAD_MS);
  // One patient, one place: their own busy times are no slot in any resource.
  const patientSpans = query.patient
    ? await patientBusy(db, query.patient, from, to, query.movingAppointmentId)
    : [];
  const slots: Slot[] = [];
  for (const r of resources) {
    const busy: Span[] = held
      .filter((h) => h.resourceId === r.id)
      .map((h) => ({
        start: h.slotStart,
        end: new Date(h.slotStart.getTime() + GRID_MINUTES * 60_000),
      }));
    const free = subtract(spans.get(r.id) ?? [], [...busy, ...patientSpans]);
    for (const start of slotStarts(free, query.durationMinutes, notBefore)) {
      slots.push({
        resourceId: r.id,
        resourceName: r.name,
        resourceTranslations: r.translations,
        startsAt: start,
        endsAt: new Date(start.getTime() + query.durationMinutes * 60_000),
      });
    }
  }
  return slots.sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() || a.resourceName.localeCompare(b.resourceName),
  );
}

/**
 * Refuses a time the resource does not offer: off the grid, too soon, outside its hours or
 * in time off. Whether someone else holds it is the database's call, at insert.
 */
async function checkOffered(
  tx: Tx,
  resourceId: string,
  startsAt: Date,
  durationMinutes: number,
  now: Date,
) {
  if (!isOnGrid(startsAt)) throw new BookingError("unavailable");
  if (startsAt.getTime() < now.getTime() + LEAD_MS) throw new BookingError("past");
  // Nothing beyond the horizon the slot lists show, whatever a form posts.
  if (startsAt.getTime() > now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000) {
    throw new BookingError("unavailable");
  }
  const resource = await tx.resource.findFirst({
    where: { id: resourceId, active: true },
    select: {
      id: true,
      type: true,
      hours: { select: { weekday: true, startMinute: true, endMinute: true } },
    },
  });
  if (!resource) throw new BookingError("unavailable");
  const spans = await openSpans(tx, [resource], dayIn(startsAt, clinicZone()), 1);
  if (!fitsIn(spans.get(resource.id) ?? [], startsAt, durationMinutes)) {
    throw new BookingError("unavailable");
  }
  return resource;
}

/**
 * Takes the appointment's cells: on its resource from start to end, and for its patient
 * from start to the end of its gap. The resource's first, then the patient's, each in time
 * order, so concurrent bookings wait on each other in one order (no deadlock on PostgreSQL).
 * Before the patient's, their other appointments are read (a clear "patient busy" in the
 * ordinary case, and for appointments booked before patient cells existed); the primary
 * key decides a race.
 */
async function holdCells(
  tx: Tx,
  appointmentId: string,
  resourceId: string,
  start: Date,
  end: Date,
  patient: { id: string; gapMinutes?: number | null },
) {
  await tx.appointmentSlot.createMany({
    data: gridCells(start, end).map((slotStart) => ({ resourceId, slotStart, appointmentId })),
  });
  const gapEnd = new Date(end.getTime() + (patient.gapMinutes ?? 0) * MINUTE);
  const busy = await patientBusy(tx, { id: patient.id }, start, gapEnd, appointmentId);
  const clash = busy.find((b) => b.start < gapEnd && b.end > start);
  if (clash) throw new BookingError("patientBusy", await busyWith(tx, clash.appointmentId));
  try {
    await tx.patientSlot.createMany({
      data: gridCells(start, gapEnd).map((slotStart) => ({
        patientId: patient.id,
        slotStart,
        appointmentId,
      })),
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new BookingError("patientBusy");
    throw error;
  }
}

/** The appointment a refused time runs into, as the refusal names it. */
async function busyWith(tx: Tx, appointmentId: string): Promise<BusyWith | undefined> {
  const a = await tx.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      kind: true,
      title: true,
      startsAt: true,
      planStep: { select: { pathwayStep: { select: { name: true, translations: true } } } },
      case: { select: { patient: { select: { timeZone: true } } } },
    },
  });
  if (!a) return undefined;
  return {
    kind: a.kind,
    title: a.title,
    step: a.planStep?.pathwayStep ?? null,
    startsAt: a.startsAt,
    timeZone: a.case.patient.timeZone,
  };
}

/** Frees every cell an appointment holds, on its resource and for its patient. */
async function freeCells(tx: Tx, appointmentId: string) {
  await tx.appointmentSlot.deleteMany({ where: { appointmentId } });
  await tx.patientSlot.deleteMany({ where: { appointmentId } });
}

/** Runs a booking transaction; a unique violation on the cells means someone got there first. */
async function booking<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(work);
  } catch (error) {
    if (error instanceof BookingError) throw error;
    if (isUniqueViolation(error)) throw new BookingError("taken");
    throw error;
  }
}

interface AppointmentForEmail {
  id: string;
  caseId: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
}

type AppointmentNotice =
  | "appointmentBooked"
  | "appointmentMoved"
  | "appointmentCancelled"
  | "appointmentCancelledByPatient";

const EVENT_OF: Record<AppointmentNotice, string> = {
  appointmentBooked: "APPOINTMENT_BOOKED",
  appointmentMoved: "APPOINTMENT_RESCHEDULED",
  appointmentCancelled: "APPOINTMENT_CANCELLED",
  appointmentCancelledByPatient: "APPOINTMENT_CANCELLED",
};

/**
 * What every booking, move and cancellation leaves behind, in its transaction: the timeline
 * event (its body names the step) and the patient's email with its invite, in the case's
 * language and the patient's zone.
 */
async function announce(
  tx: Tx,
  a: AppointmentForEmail,
  notice: AppointmentNotice,
  actorId: string,
  what: string,
) {
  await tx.caseEvent.create({
    data: { caseId: a.caseId, type: EVENT_OF[notice], actorId, body: what },
  });
  // Its booking email still waiting: that email changes instead of a second one going out.
  if (notice !== "appointmentBooked" && (await foldIntoBatch(tx, a))) return;
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: a.caseId },
    select: { number: true, language: true, patient: { select: { name: true, email: true } } },
  });
  const calendar = appointmentInvite({
    appointment: a,
    caseNumber: kase.number,
    locale: kase.language,
    attendee: kase.patient,
    method: notice === "appointmentMoved" || notice === "appointmentBooked" ? "REQUEST" : "CANCEL",
  });
  const zoneOfClinic = clinicZone();
  await noticeToPatient(tx, a.caseId, notice, {
    calendar,
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
}

/** The batch key of a case's booking notices: bookings made together get one email. */
export const bookingBatchKey = (caseId: string) => `booking:${caseId}`;

/**
 * A coordinator's booking, announced: the timeline event, and the patient's one email for the
 * bookings made together (app/infra/outbox.server.ts, batches). While the batch's email has not
 * gone out, it is rewritten as a summary of every appointment of the batch still booked, with
 * one invite holding each (its own UID and SEQUENCE), and waits the quiet period again. If a
 * worker claimed it meanwhile, this booking starts the next batch.
 */
async function announceBooking(tx: Tx, a: AppointmentForEmail, actorId: string, what: string) {
  await tx.caseEvent.create({
    data: { caseId: a.caseId, type: EVENT_OF.appointmentBooked, actorId, body: what },
  });
  const open = await openBatch(tx, bookingBatchKey(a.caseId));
  if (
    open &&
    (await rewriteBatch(tx, a.caseId, open, [...appointmentIdsIn(open.calendar), a.id]))
  ) {
    return;
  }
  // No batch open, or a worker claimed it as it was rewritten: what it sends stands.
  await rewriteBatch(tx, a.caseId, null, [a.id]);
}

/**
 * A move or cancellation of an appointment whose booking email has not gone out yet: the
 * batch is rewritten instead (the moved time, or without the cancelled one; removed when none
 * is left), so the patient never hears of a time that no longer holds. True when so; false
 * when it is in no open batch (or a worker claimed the batch first): then it is announced alone.
 */
async function foldIntoBatch(tx: Tx, a: AppointmentForEmail) {
  const open = await openBatch(tx, bookingBatchKey(a.caseId));
  const ids = appointmentIdsIn(open?.calendar ?? null);
  if (!open || !ids.includes(a.id)) return false;
  return rewriteBatch(tx, a.caseId, open, ids);
}

/**
 * Writes the batch's email for the appointments `ids` that are still booked: rewrites the open
 * row (`open`), or starts a batch (`open` null). With none left, the open row is removed. False
 * when a worker claimed the open row first.
 */
async function rewriteBatch(
  tx: Tx,
  caseId: string,
  open: { id: string } | null,
  ids: string[],
): Promise<boolean> {
  const key = bookingBatchKey(caseId);
  const batch = await tx.appointment.findMany({
    where: { id: { in: [...new Set(ids)] }, caseId, status: "BOOKED" },
    orderBy: { startsAt: "asc" },
    select: EMAIL_FIELDS,
  });
  if (!batch.length) {
    if (!open) return true;
    const { count } = await tx.outboxEmail.deleteMany({
      where: { id: open.id, batchKey: key, status: "PENDING", leaseUntil: null, attempts: 0 },
    });
    if (count === 1) await dropBatchNotice(tx, key, open.id);
    return count === 1;
  }
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { number: true, language: true, patient: { select: { name: true, email: true } } },
  });
  const calendar = appointmentsInvite({
    appointments: batch,
    caseNumber: kase.number,
    locale: kase.language,
    attendee: kase.patient,
    method: "REQUEST",
  });
  const zoneOfClinic = clinicZone();
  const queued = await batchNoticeToPatient(
    tx,
    caseId,
    batch.length > 1 ? "appointmentsBooked" : "appointmentBooked",
    {
      calendar,
      path: "/appointments",
      vars: (locale, timeZone) => {
        const t = getFixedT(locale, "common");
        const each = batch.map((b) =>
          describeTimesInline(
            appointmentTimes(b.startsAt, {
              locale,
              patientZone: timeZone,
              clinicZone: zoneOfClinic,
              remote: isRemoteAppointment(b.kind),
            }),
            (k, vars) => t(k, vars),
          ),
        );
        return { times: new Intl.ListFormat(locale, { type: "conjunction" }).format(each) };
      },
    },
    { key, replace: open?.id ?? null },
  );
  return queued !== null;
}

const EMAIL_FIELDS = {
  id: true,
  caseId: true,
  kind: true,
  startsAt: true,
  endsAt: true,
  sequence: true,
} as const;

/**
 * A remote appointment's meeting link, made by the video provider as it is booked, in the
 * booking's transaction (app/infra/video.server.ts). Every booking path comes through here, so
 * whichever way a consultation is booked it has its link; an appointment at the clinic has none.
 */
async function attachMeeting(
  tx: Tx,
  a: { id: string; kind: string; startsAt: Date; endsAt: Date },
) {
  if (!isRemoteAppointment(a.kind)) return;
  const provider = videoProvider();
  const { url } = await provider.createMeeting({
    appointmentId: a.id,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
  });
  await tx.appointment.update({
    where: { id: a.id },
    data: { meetingUrl: url, meetingProvider: provider.name },
  });
}

export interface BookStepInput {
  caseId: string;
  planStepId: string;
  resourceId: string;
  startsAt: Date;
  actorId: string;
  /** The booking form's key: a second send of the same form books nothing. */
  formKey: SentForm;
  now?: Date;
}

/** The coordinator books one step of the case's treatment plan. */
export async function bookPlanStep(input: BookStepInput) {
  const now = input.now ?? new Date();
  return booking(async (tx) => {
    // The same slot again after a cancellation is meant (ADR 021); a slot held is refused anyway.
    await spendFormKey(tx, input.formKey, input.actorId, { repeats: "allowed" });
    const step = await tx.treatmentPlanStep.findFirst({
      where: { id: input.planStepId, caseId: input.caseId },
      select: {
        id: true,
        name: true,
        resourceType: true,
        durationMinutes: true,
        gapMinutes: true,
        case: { select: { stage: true, patientId: true } },
      },
    });
    if (!step) throw new BookingError("not_found");
    if (!canBookTreatment(step.case.stage)) throw new BookingError("stage");
    if (!step.resourceType || !step.durationMinutes) throw new BookingError("notBookable");
    const resource = await checkOffered(
      tx,
      input.resourceId,
      input.startsAt,
      step.durationMinutes,
      now,
    );
    if (resource.type !== step.resourceType) throw new BookingError("unavailable");
    const endsAt = new Date(input.startsAt.getTime() + step.durationMinutes * 60_000);
    const appointment = await tx.appointment.create({
      data: {
        caseId: input.caseId,
        kind: "TREATMENT",
        title: step.name,
        planStepId: step.id,
        resourceId: resource.id,
        startsAt: input.startsAt,
        endsAt,
        bookedById: input.actorId,
      },
      select: EMAIL_FIELDS,
    });
    await attachMeeting(tx, appointment);
    await holdCells(tx, appointment.id, resource.id, input.startsAt, endsAt, {
      id: step.case.patientId,
      gapMinutes: step.gapMinutes,
    });
    await announceBooking(tx, appointment, input.actorId, step.name);
    return appointment;
  });
}

export interface BookConsultationInput {
  patientId: string;
  caseId: string;
  resourceId: string;
  startsAt: Date;
  /** The booking form's key: a second send of the same form books nothing. */
  formKey: SentForm;
  now?: Date;
}

/**
 * The patient books their pre-travel video consultation with a clinician. A case has one:
 * booking again moves it (a new SEQUENCE of the same invite).
 */
export async function bookConsultation(input: BookConsultationInput) {
  const now = input.now ?? new Date();
  return booking(async (tx) => {
    // Back to a slot held a moment ago is meant (ADR 021); the slot it holds is refused anyway.
    await spendFormKey(tx, input.formKey, input.patientId, { repeats: "allowed" });
    const kase = await tx.case.findFirst({
      where: { id: input.caseId, patientId: input.patientId },
      select: { id: true, number: true, stage: true, eligibility: true, coordinatorId: true },
    });
    if (!kase) throw new BookingError("not_found");
    if (!canBookConsultation(kase.stage) || kase.eligibility !== "ELIGIBLE") {
      throw new BookingError("stage");
    }
    const resource = await checkOffered(
      tx,
      input.resourceId,
      input.startsAt,
      CONSULTATION_MINUTES,
      now,
    );
    if (resource.type !== "CLINICIAN") throw new BookingError("unavailable");
    const endsAt = new Date(input.startsAt.getTime() + CONSULTATION_MINUTES * 60_000);
    const existing = await tx.appointment.findFirst({
      where: { caseId: kase.id, kind: "CONSULTATION", status: "BOOKED" },
      select: MOVING_FIELDS,
    });
    if (existing && sameSlot(existing, input)) throw new BookingError("unchanged");
    if (existing) {
      // Booking again moves the one consultation, within the patient's own rules.
      refuseUnlessSelfService(existing, kase.stage, now);
      const moved = await moveIn(tx, existing, {
        resourceId: input.resourceId,
        startsAt: input.startsAt,
        actorId: input.patientId,
        now,
      });
      await afterPatientChange(tx, kase, moved, existing.startsAt, "move", input.patientId);
      return moved;
    }
    {
      const appointment = await tx.appointment.create({
        data: {
          caseId: kase.id,
          kind: "CONSULTATION",
          title: "Video consultation",
          resourceId: resource.id,
          startsAt: input.startsAt,
          endsAt,
          bookedById: input.patientId,
        },
        select: EMAIL_FIELDS,
      });
      await attachMeeting(tx, appointment);
      await holdCells(tx, appointment.id, resource.id, input.startsAt, endsAt, {
        id: input.patientId,
      });
      await announce(tx, appointment, "appointmentBooked", input.patientId, "Video consultation");
      await noticeToStaff(tx, kase, "consultationBookedStaff", "coordinator", {
        at: input.startsAt,
      });
      return appointment;
    }
  });
}

export interface RescheduleInput {
  caseId: string;
  appointmentId: string;
  resourceId: string;
  startsAt: Date;
  actorId: string;
  /** The move form's key: a second send of the same form moves (and announces) nothing. */
  formKey: SentForm;
  now?: Date;
}

/** The coordinator moves an appointment to another free slot of the same kind of resource. */
export async function rescheduleAppointment(input: RescheduleInput) {
  const now = input.now ?? new Date();
  return booking(async (tx) => {
    // Moving back to where it was a moment ago is meant (ADR 021); a slot held is refused anyway.
    await spendFormKey(tx, input.formKey, input.actorId, { repeats: "allowed" });
    const current = await tx.appointment.findFirst({
      where: { id: input.appointmentId, caseId: input.caseId, status: "BOOKED" },
      select: MOVING_FIELDS,
    });
    if (!current) throw new BookingError("not_found");
    return moveIn(tx, current, { ...input, now });
  });
}

/** What a move reads of the appointment it moves. */
const MOVING_FIELDS = {
  id: true,
  kind: true,
  status: true,
  title: true,
  sequence: true,
  resourceId: true,
  startsAt: true,
  endsAt: true,
  resource: { select: { type: true } },
  planStep: { select: { gapMinutes: true } },
  meetingUrl: true,
  case: { select: { patientId: true } },
} as const;

interface Moving {
  id: string;
  kind: string;
  title: string;
  meetingUrl: string | null;
  resourceId: string | null;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  resource: { type: string } | null;
  planStep: { gapMinutes: number | null } | null;
  case: { patientId: string };
}

/**
 * Moves a booked appointment, inside the caller's transaction: frees its cells, checks the
 * new time is offered on a resource of the same type, takes the new cells (the database's
 * guards decide a race), raises the invite's SEQUENCE and announces it. A pending request
 * to move it is answered by the move.
 */
async function moveIn(
  tx: Tx,
  current: Moving,
  to: { resourceId: string; startsAt: Date; actorId: string; now: Date },
) {
  // Moved to where it already is (the form sent again, or a slip): nothing to do or announce.
  if (sameSlot(current, to)) throw new BookingError("unchanged");
  const minutes = Math.round((current.endsAt.getTime() - current.startsAt.getTime()) / 60_000);
  // Free its own cells first, so it may move to a time overlapping where it was.
  await freeCells(tx, current.id);
  const resource = await checkOffered(tx, to.resourceId, to.startsAt, minutes, to.now);
  if (current.resource && resource.type !== current.resource.type) {
    throw new BookingError("unavailable");
  }
  const endsAt = new Date(to.startsAt.getTime() + minutes * 60_000);
  const appointment = await tx.appointment.update({
    where: { id: current.id },
    data: {
      resourceId: resource.id,
      startsAt: to.startsAt,
      endsAt,
      sequence: current.sequence + 1,
      rescheduleRequestedAt: null,
      rescheduleNote: null,
    },
    select: EMAIL_FIELDS,
  });
  await holdCells(tx, appointment.id, resource.id, to.startsAt, endsAt, {
    id: current.case.patientId,
    gapMinutes: current.planStep?.gapMinutes,
  });
  // A move keeps the meeting link; one booked before there were links gets its link now.
  if (!current.meetingUrl) await attachMeeting(tx, appointment);
  await announce(tx, appointment, "appointmentMoved", to.actorId, current.title);
  return appointment;
}

/** Cancels a booked appointment inside the caller's transaction: cells freed, invite withdrawn. */
async function cancelIn(
  tx: Tx,
  current: { id: string; title: string; sequence: number },
  actorId: string,
  notice: "appointmentCancelled" | "appointmentCancelledByPatient",
) {
  await freeCells(tx, current.id);
  const at = new Date();
  // Its meeting link is revoked with it: no page shows it again and the join route refuses.
  await tx.appointment.updateMany({
    where: { id: current.id, meetingUrl: { not: null }, meetingRevokedAt: null },
    data: { meetingRevokedAt: at },
  });
  const appointment = await tx.appointment.update({
    where: { id: current.id },
    data: {
      status: "CANCELLED",
      cancelledAt: at,
      sequence: current.sequence + 1,
      rescheduleRequestedAt: null,
    },
    select: { ...EMAIL_FIELDS, meetingUrl: true, meetingProvider: true },
  });
  await announce(tx, appointment, notice, actorId, current.title);
  return appointment;
}

/** An appointment asked to go where it already is (the form sent again, or a slip). */
function sameSlot(
  at: { resourceId: string | null; startsAt: Date },
  to: { resourceId: string; startsAt: Date },
) {
  return at.resourceId === to.resourceId && at.startsAt.getTime() === to.startsAt.getTime();
}

/** The coordinator cancels an appointment: its cells are freed and the invite withdrawn. */
export async function cancelAppointment(input: {
  caseId: string;
  appointmentId: string;
  actorId: string;
}) {
  const cancelled = await db.$transaction(async (tx) => {
    const current = await tx.appointment.findFirst({
      where: { id: input.appointmentId, caseId: input.caseId, status: "BOOKED" },
      select: { id: true, title: true, sequence: true },
    });
    if (!current) throw new BookingError("not_found");
    return cancelIn(tx, current, input.actorId, "appointmentCancelled");
  });
  await revokeMeeting(cancelled);
  return cancelled;
}

// --- the patient's own changes (ADR 022) ---------------------------------------------------------

/** Refuses a change the patient may not make themselves (app/lib/self-service.ts). */
function refuseUnlessSelfService(
  appointment: { kind: string; status: string; startsAt: Date },
  stage: string,
  now: Date,
) {
  const { block } = selfService(appointment, stage, env().PATIENT_CHANGE_NOTICE_HOURS, now);
  if (block === "status") throw new BookingError("not_found");
  if (block === "kind") throw new BookingError("askToMove");
  if (block === "stage") throw new BookingError("stage");
  if (block === "notice") throw new BookingError("tooLate");
}

/** The patient's own appointment, on their own case (anyone else's is not found). */
async function ownAppointment(
  tx: Tx,
  input: { patientId: string; caseId: string; appointmentId: string },
) {
  const current = await tx.appointment.findFirst({
    where: {
      id: input.appointmentId,
      caseId: input.caseId,
      status: "BOOKED",
      case: { patientId: input.patientId },
    },
    select: {
      ...MOVING_FIELDS,
      case: {
        select: { id: true, number: true, stage: true, coordinatorId: true, patientId: true },
      },
    },
  });
  if (!current) throw new BookingError("not_found");
  return current;
}

/**
 * What a patient's own move or cancellation leaves besides the patient's email and the
 * timeline event: the coordinator's email (times only, no health detail) and an audit row.
 */
async function afterPatientChange(
  tx: Tx,
  kase: { id: string; number: string; coordinatorId: string | null },
  appointment: { id: string; startsAt: Date },
  previous: Date,
  change: "move" | "cancel",
  patientId: string,
) {
  await noticeToStaff(
    tx,
    kase,
    change === "move" ? "appointmentMovedByPatientStaff" : "appointmentCancelledByPatientStaff",
    "coordinator",
    change === "move" ? { at: appointment.startsAt, previous } : { at: previous },
  );
  await audit(
    {
      actorId: patientId,
      action: change === "move" ? "appointment.patient_move" : "appointment.patient_cancel",
      entity: "Appointment",
      entityId: appointment.id,
      caseId: kase.id,
      outcome: "success",
      detail:
        change === "move"
          ? `${previous.toISOString()} -> ${appointment.startsAt.toISOString()}`
          : previous.toISOString(),
    },
    tx,
  );
}

export interface OwnChangeInput {
  patientId: string;
  caseId: string;
  appointmentId: string;
  /** The form's key: a second send of the same form changes (and announces) nothing. */
  formKey: SentForm;
  now?: Date;
}

/** The patient moves their own appointment to another free time, within the clinic's rules. */
export async function moveOwnAppointment(
  input: OwnChangeInput & { resourceId: string; startsAt: Date },
) {
  const now = input.now ?? new Date();
  return booking(async (tx) => {
    // Moving back to where it was a moment ago is meant (ADR 021); a slot held is refused anyway.
    await spendFormKey(tx, input.formKey, input.patientId, { repeats: "allowed" });
    const current = await ownAppointment(tx, input);
    refuseUnlessSelfService(current, current.case.stage, now);
    const moved = await moveIn(tx, current, {
      resourceId: input.resourceId,
      startsAt: input.startsAt,
      actorId: input.patientId,
      now,
    });
    await afterPatientChange(tx, current.case, moved, current.startsAt, "move", input.patientId);
    return moved;
  });
}

/** The patient cancels their own appointment, within the clinic's rules. */
export async function cancelOwnAppointment(input: OwnChangeInput) {
  const now = input.now ?? new Date();
  const done = await booking(async (tx) => {
    await spendFormKey(tx, input.formKey, input.patientId);
    const current = await ownAppointment(tx, input);
    refuseUnlessSelfService(current, current.case.stage, now);
    const cancelled = await cancelIn(tx, current, input.patientId, "appointmentCancelledByPatient");
    await afterPatientChange(
      tx,
      current.case,
      cancelled,
      current.startsAt,
      "cancel",
      input.patientId,
    );
    return cancelled;
  });
  await revokeMeeting(done);
  return done;
}

/**
 * One appointment of the patient's own case as an .ics file to add to their calendar: the
 * same UID and SEQUENCE as the emailed invites, so it lands on the same entry (METHOD:PUBLISH,
 * no attendees). Anyone else's, or a cancelled one, is not found.
 */
export async function appointmentCalendarFile(
  patientId: string,
  caseId: string,
  appointmentId: string,
) {
  const a = await db.appointment.findFirst({
    where: {
      id: appointmentId,
      caseId,
      status: { in: ["BOOKED", "COMPLETED"] },
      case: { patientId },
    },
    select: { ...EMAIL_FIELDS, case: { select: { number: true, language: true } } },
  });
  if (!a) notFound();
  const body = appointmentInvite({
    appointment: a,
    caseNumber: a.case.number,
    locale: a.case.language,
    method: "PUBLISH",
  });
  const day = a.startsAt.toISOString().slice(0, 10);
  return { body, filename: `appointment-${a.case.number}-${day}.ics` };
}

/** The patient asks to move an appointment; the coordinator hears and reschedules. */
export async function requestReschedule(input: {
  patientId: string;
  caseId: string;
  appointmentId: string;
  note: string;
  /** The request form's key: a second send of the same form asks nothing twice. */
  formKey: SentForm;
}) {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, input.formKey, input.patientId);
    await recordRescheduleRequest(tx, input);
  });
}

/**
 * A patient's request to move a booked appointment, inside the caller's transaction: the
 * portal's form and a "move"/"cancel" reply by WhatsApp or SMS (issue 24) both come here, so
 * both reach the inbox as the same reschedule request. `channel` is where it came from.
 */
export async function recordRescheduleRequest(
  tx: Tx,
  input: {
    patientId: string;
    caseId: string;
    appointmentId: string;
    note: string;
    channel?: InboxChannel;
  },
) {
  const appointment = await tx.appointment.findFirst({
    where: {
      id: input.appointmentId,
      caseId: input.caseId,
      status: "BOOKED",
      case: { patientId: input.patientId },
    },
    select: {
      id: true,
      startsAt: true,
      case: { select: { id: true, number: true, coordinatorId: true } },
    },
  });
  if (!appointment) throw new BookingError("not_found");
  const now = new Date();
  await tx.appointment.update({
    where: { id: appointment.id },
    data: { rescheduleRequestedAt: now, rescheduleNote: input.note },
  });
  const event = await tx.caseEvent.create({
    data: {
      caseId: input.caseId,
      type: "MESSAGE",
      actorId: input.patientId,
      fromPatient: true,
      body: input.note,
      createdAt: now,
    },
    select: { id: true },
  });
  await recordInboxItem(tx, {
    caseId: input.caseId,
    kind: "RESCHEDULE",
    eventId: event.id,
    channel: input.channel,
    createdAt: now,
  });
  await noticeToStaff(tx, appointment.case, "rescheduleRequestedStaff", "coordinator", {
    at: appointment.startsAt,
  });
}

/**
 * The patient picks the week they would like treatment to start: `week` is its Monday
 * (YYYY-MM-DD), stored as midnight in the clinic's zone. Refused once treatment is booked or
 * the case is past the point of asking (a scheduled patient is not asked again).
 */
export async function setTreatmentWindow(patientId: string, caseId: string, week: string) {
  const weekStart = wallTime(week, 0, clinicZone());
  // Only while the page offers it: before treatment is booked (app/lib/portal-view.ts).
  await ownCase(patientId, caseId, { id: true });
  if (!(await portalViewOf(caseId)).prompts.pickWindow) throw new BookingError("stage");
  const { count } = await db.case.updateMany({
    where: { id: caseId, patientId },
    data: { treatmentWindowStart: weekStart },
  });
  if (count !== 1) throw new BookingError("stage");
}

// --- the pages ---------------------------------------------------------------------------------

/** The coordinator's booking page: the plan, the appointments and, when picking, free slots. */
export async function getSchedule(input: {
  caseId: string;
  actorId: string;
  ip: string | null;
  /** The reader may book (schedule:write); booking also needs the case's stage to allow it. */
  mayBook: boolean;
  /** From the address bar: the first day of slots, the step to book, the appointment to move. */
  from: string | null;
  step: string | null;
  move: string | null;
  now?: Date;
}) {
  const kase = await db.case.findUnique({
    where: { id: input.caseId },
    select: {
      id: true,
      number: true,
      stage: true,
      treatmentWindowStart: true,
      programme: { select: { slug: true } },
      patientId: true,
      patient: { select: { name: true, timeZone: true } },
      planSteps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          name: true,
          resourceType: true,
          durationMinutes: true,
          gapMinutes: true,
        },
      },
    },
  });
  if (!kase) notFound();
  // The page shows the treatment plan: reading it is audited.
  await audit({
    actorId: input.actorId,
    action: "schedule.read",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: input.ip,
    outcome: "success",
  });
  const zone = clinicZone();
  const now = input.now ?? new Date();
  // The first day to show slots from: ?from=, else the patient's window, else tomorrow.
  const tomorrow = addDays(dayIn(now, zone), 1);
  const window = kase.treatmentWindowStart ? dayIn(kase.treatmentWindowStart, zone) : null;
  const fromDay = dayWithin(input.from ?? window, tomorrow);
  const trip = await tripOf(db, kase.id);
  const canBook = input.mayBook && canBookTreatment(kase.stage);
  const step = kase.planSteps.find(
    (s) => s.id === input.step && s.resourceType && s.durationMinutes,
  );
  const moving = trip.appointments.find((a) => a.id === input.move && a.status === "BOOKED");
  let picking: { kind: "step" | "move"; id: string; label: string } | null = null;
  let slots: Slot[] = [];
  if (canBook && step) {
    picking = { kind: "step", id: step.id, label: step.name };
    slots = await freeSlots({
      resourceType: step.resourceType ?? "",
      durationMinutes: step.durationMinutes ?? 0,
      fromDay,
      patient: { id: kase.patientId, gapMinutes: step.gapMinutes },
    });
  } else if (canBook && moving?.resource) {
    picking = { kind: "move", id: moving.id, label: moving.title };
    slots = await freeSlots({
      resourceType: moving.resource.type,
      durationMinutes: Math.round((moving.endsAt.getTime() - moving.startsAt.getTime()) / 60_000),
      fromDay,
      movingAppointmentId: moving.id,
      patient: {
        id: kase.patientId,
        gapMinutes: kase.planSteps.find((s) => s.id === moving.planStep?.id)?.gapMinutes,
      },
    });
  }
  // The clinician joins the video consultation from here: its meeting link, while it holds.
  const meetings = await staffMeetingLinks(trip.appointments.map((a) => a.id));
  return {
    kase,
    appointments: trip.appointments.map((a) => ({ ...a, meetingUrl: meetings.get(a.id) ?? null })),
    conflicts: trip.conflicts,
    canBook,
    picking,
    slots,
    fromDay,
    previousDay: addDays(fromDay, -7),
    nextDay: addDays(fromDay, 7),
    clinicZone: zone,
  };
}

/** How many weeks ahead the patient may pick to start treatment. */
const WINDOW_WEEKS = 12;

/**
 * The patient's appointments page, for their own case only (another's is not found): their
 * appointments, the consultation's free slots from `from`, and the weeks they may pick.
 */
export async function getPatientAppointments(
  patientId: string,
  caseId: string,
  from: string | null,
  now = new Date(),
) {
  const kase = await ownCase(patientId, caseId, {
    id: true,
    number: true,
    stage: true,
    eligibility: true,
    treatmentWindowStart: true,
    programme: { select: { slug: true } },
  });
  const zone = clinicZone();
  const tomorrow = addDays(dayIn(now, zone), 1);
  const fromDay = dayWithin(from, tomorrow);
  // What the stage offers: the consultation, and the week to start until treatment is booked.
  const { prompts } = await portalViewOf(kase.id);
  const canConsult = prompts.bookConsultation;
  const trip = await tripOf(db, kase.id);
  const noticeHours = env().PATIENT_CHANGE_NOTICE_HOURS;
  const consultation = trip.appointments.find(
    (a) => a.kind === "CONSULTATION" && a.status === "BOOKED",
  );
  // Book the consultation; or, with one booked, move it (the patient's own rules permitting).
  const consultMode: "book" | "move" | "locked" | null = !canConsult
    ? null
    : !consultation
      ? "book"
      : selfService(consultation, kase.stage, noticeHours, now).allowed
        ? "move"
        : "locked";
  const slots =
    consultMode === "book" || consultMode === "move"
      ? await freeSlots({
          resourceType: "CLINICIAN",
          durationMinutes: CONSULTATION_MINUTES,
          fromDay,
          patient: { id: patientId },
          // Booking again moves the consultation: its own time is free to it.
          movingAppointmentId: consultation?.id,
          now,
        })
      : [];
  const firstWeek = addDays(mondayOf(dayIn(now, zone)), 7);
  // A consultation's join button or when it will appear (never the meeting link itself).
  const video = await patientVideoLinks(kase.id, now);
  return {
    kase,
    noticeHours,
    clinicAddress: clinicAddress(),
    // The admin-edited address, where there is one (the page words it in its language).
    clinic: await clinicOnDocuments(),
    consultMode,
    consultation: consultation
      ? { id: consultation.id, startsAt: consultation.startsAt, endsAt: consultation.endsAt }
      : null,
    appointments: trip.appointments.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      step: a.planStep?.pathwayStep ?? null,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      resource: a.resource
        ? { name: a.resource.name, translations: a.resource.translations }
        : null,
      rescheduleRequestedAt: a.rescheduleRequestedAt,
      selfService: selfService(a, kase.stage, noticeHours, now),
      past: isPastAppointment(a, now),
      video: video.get(a.id) ?? null,
    })),
    canConsult,
    canPickWindow: prompts.pickWindow,
    slots,
    fromDay,
    previousDay: fromDay > tomorrow ? addDays(fromDay, -7) : null,
    nextDay: dayWithin(addDays(fromDay, 7), tomorrow),
    weeks: Array.from({ length: WINDOW_WEEKS }, (_, i) => addDays(firstWeek, 7 * i)),
    chosenWeek: kase.treatmentWindowStart ? dayIn(kase.treatmentWindowStart, zone) : null,
    clinicZone: zone,
  };
}
