/**
 * The staff calendar (issue 22): every booked appointment, a day or a week at a time, in the
 * clinic's zone, by resource or by clinician, with each resource's open hours (weekly hours
 * minus holidays and leave) so closed time is shaded. Times reach the page as wall-clock
 * minutes of the clinic's day, worked out here per instant, so a daylight-saving change or a
 * zone the browser renders differently never moves a block.
 *
 * Booking from the calendar goes through the same model calls as the case's schedule page
 * (bookPlanStep, rescheduleAppointment, cancelAppointment), so every check applies: the
 * resource's hours and time off, what it already holds, the patient's own appointments and
 * gaps, and the case's stage. Reading the calendar shows patients' names and their treatment
 * steps, so it is audited.
 */
import { DateTime } from "luxon";
import { db, dialect } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { parseSlotValue } from "~/forms/booking";
import { TREATMENT_BOOKING_STAGES } from "~/lib/stages";
import {
  addDays,
  dayIn,
  dayWithin,
  mondayOf,
  parseDay,
  type ResourceType,
  SLOT_STEP_MINUTES,
  wallTime,
} from "~/lib/schedule";
import { clinicZone } from "~/models/site/clinic-settings.server";
import {
  BookingError,
  bookPlanStep,
  cancelAppointment,
  freeSlots,
  openSpans,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import type { SentForm } from "~/infra/forms.server";

export const CALENDAR_VIEWS = ["day", "week"] as const;
export const CALENDAR_BY = ["resource", "clinician"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];
export type CalendarBy = (typeof CALENDAR_BY)[number];

const CLINICIAN_RESOURCE: ResourceType = "CLINICIAN";

/** Hours shown when no resource shown has any (an empty clinic still gets a grid). */
const DEFAULT_HOURS = { start: 8 * 60, end: 18 * 60 };
/** How many cases the booking panel lists at once. */
const CANDIDATES_MAX = 30;

export interface CalendarQuery {
  actorId: string;
  ip: string | null;
  view: string | null;
  by: string | null;
  date: string | null;
  resource: string | null;
  /** The empty slot clicked, "<resourceId>@<ISO>" (the booking panel). */
  book: string | null;
  /** The appointment clicked (its panel: move, cancel). */
  appointment: string | null;
  /** The reader may change bookings (schedule:write): the panel offers times to move to. */
  mayWrite?: boolean;
  /** The booking panel's search: a case number or the patient's name. */
  q: string | null;
  now?: Date;
}

/** The wall-clock minute of an instant on its day in `zone` (09:30 is 570). */
function minuteIn(value: Date, zone: string) {
  const t = DateTime.fromJSDate(value).setZone(zone);
  return t.hour * 60 + t.minute;
}

/** A span clipped to one clinic day, as that day's wall-clock minutes (end may be 1440). */
function onDay(start: Date, end: Date, day: string, zone: string) {
  const dayStart = wallTime(day, 0, zone);
  const dayEnd = wallTime(addDays(day, 1), 0, zone);
  if (end <= dayStart || start >= dayEnd) return null;
  const from = start < dayStart ? 0 : minuteIn(start, zone);
  const to = end >= dayEnd ? 1440 : minuteIn(end, zone);
  return to > from ? { start: from, end: to } : null;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  (list as readonly string[]).includes(value ?? "") ? (value as T) : fallback;

export async function getCalendar(query: CalendarQuery) {
  const zone = clinicZone();
  const now = query.now ?? new Date();
  const today = dayIn(now, zone);
  const view = oneOf(CALENDAR_VIEWS, query.view, "week");
  const by = oneOf(CALENDAR_BY, query.by, "resource");
  // Any real day within a year either way; anything else is today.
  const wanted = query.date && parseDay(query.date) ? query.date : today;
  const date = dayWithin(wanted, addDays(today, -366), 2 * 366 + 30);
  const first = view === "week" ? mondayOf(date) : date;
  const count = view === "week" ? 7 : 1;
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  const step = view === "week" ? 7 : 1;

  const all = await db.resource.findMany({
    // By clinician: the clinician resources (a resource type, not a role).
    where: { active: true, ...(by === "clinician" ? { type: CLINICIAN_RESOURCE } : {}) },
    orderBy: [{ type: "asc" }, { position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      type: true,
      translations: true,
      hours: { select: { weekday: true, startMinute: true, endMinute: true } },
    },
  });
  const chosen = all.find((r) => r.id === query.resource) ?? null;
  const shown = chosen ? [chosen] : all;
  const spans = await openSpans(db, shown, first, count);

  const from = wallTime(first, 0, zone);
  const to = wallTime(addDays(first, count), 0, zone);
  const rows = shown.length
    ? await db.appointment.findMany({
        where: {
          status: "BOOKED",
          resourceId: { in: shown.map((r) => r.id) },
          startsAt: { lt: to },
          endsAt: { gt: from },
        },
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          kind: true,
          title: true,
          startsAt: true,
          endsAt: true,
          resourceId: true,
          rescheduleRequestedAt: true,
          case: { select: { id: true, number: true, patient: { select: { name: true } } } },
        },
      })
    : [];
  await audit({
    actorId: query.actorId,
    action: "calendar.read",
    entity: "Appointment",
    ip: query.ip,
    outcome: "success",
    detail: `${view} from ${first}, by ${by}${chosen ? ` (${chosen.id})` : ""}: ${rows.length} shown`,
  });

  // The rows of the grid: from the earliest opening to the latest closing of what is shown,
  // and wide enough for every appointment.
  const open = shown.flatMap((r) =>
    days.flatMap((day) =>
      (spans.get(r.id) ?? []).flatMap((s) => {
        const m = onDay(s.start, s.end, day, zone);
        return m ? [{ resourceId: r.id, day, ...m }] : [];
      }),
    ),
  );
  const appointments = rows.flatMap((a) =>
    days.flatMap((day) => {
      const m = onDay(a.startsAt, a.endsAt, day, zone);
      if (!m) return [];
      return [
        {
          id: a.id,
          kind: a.kind,
          title: a.title,
          resourceId: a.resourceId ?? "",
          day,
          ...m,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          caseId: a.case.id,
          caseNumber: a.case.number,
          patientName: a.case.patient.name,
          rescheduleRequested: Boolean(a.rescheduleRequestedAt),
        },
      ];
    }),
  );
  const minutes = [...open, ...appointments];
  const startMinute = minutes.length
    ? Math.floor(Math.min(...minutes.map((m) => m.start)) / 60) * 60
    : DEFAULT_HOURS.start;
  const endMinute = minutes.length
    ? Math.ceil(Math.max(...minutes.map((m) => m.end)) / 60) * 60
    : DEFAULT_HOURS.end;
  const times: number[] = [];
  for (let m = startMinute; m < endMinute; m += SLOT_STEP_MINUTES) times.push(m);
  // Each row's instant per day, for the empty slots' links (a day of 23 or 25 hours included).
  const instants = Object.fromEntries(
    days.map((day) => [day, times.map((m) => wallTime(day, m, zone).toISOString())]),
  );

  return {
    view,
    by,
    date,
    days,
    today,
    previous: addDays(date, -step),
    next: addDays(date, step),
    zone,
    resources: all.map(({ hours: _hours, ...r }) => r),
    shown: shown.map((r) => r.id),
    resource: chosen?.id ?? null,
    times,
    startMinute,
    endMinute,
    instants,
    open,
    appointments,
    booking: query.book ? await bookingPanel(query.book, query.q, now) : null,
    selected: query.appointment
      ? await appointmentPanel(query.appointment, date, now, query.mayWrite ?? false)
      : null,
  };
}

/** A LIKE-safe "contains" for the booking panel's search (wildcards dropped). */
function containsText(q: string) {
  const text = q.replace(/[%_\\]/g, "");
  return dialect === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as const)
    : { contains: text };
}

/**
 * The empty slot clicked: its resource and time, and the cases with a step still to book
 * that this resource can take (its type; a stage that books treatment), matched by the case
 * number or the patient's name.
 */
async function bookingPanel(slotValue: string, q: string | null, now: Date) {
  const slot = parseSlotValue(slotValue);
  if (!slot) return null;
  const resource = await db.resource.findFirst({
    where: { id: slot.resourceId, active: true },
    select: { id: true, name: true, type: true, translations: true },
  });
  if (!resource) return null;
  const search = (q ?? "").trim().slice(0, 100);
  const steps = await db.treatmentPlanStep.findMany({
    where: {
      resourceType: resource.type,
      durationMinutes: { gt: 0 },
      appointments: { none: { status: "BOOKED" } },
      case: {
        stage: { in: [...TREATMENT_BOOKING_STAGES] },
        ...(search
          ? {
              OR: [{ number: containsText(search) }, { patient: { name: containsText(search) } }],
            }
          : {}),
      },
    },
    orderBy: [{ case: { number: "asc" } }, { position: "asc" }],
    take: CANDIDATES_MAX * 3,
    select: {
      id: true,
      name: true,
      durationMinutes: true,
      case: { select: { id: true, number: true, patient: { select: { name: true } } } },
    },
  });
  const cases = new Map<
    string,
    {
      id: string;
      number: string;
      patientName: string;
      steps: { id: string; name: string; minutes: number }[];
    }
  >();
  for (const s of steps) {
    const c = cases.get(s.case.id) ?? {
      id: s.case.id,
      number: s.case.number,
      patientName: s.case.patient.name,
      steps: [],
    };
    c.steps.push({ id: s.id, name: s.name, minutes: s.durationMinutes ?? 0 });
    cases.set(s.case.id, c);
  }
  return {
    value: slotValue,
    resource,
    startsAt: slot.startsAt,
    past: slot.startsAt.getTime() < now.getTime(),
    q: search,
    cases: [...cases.values()].slice(0, CANDIDATES_MAX),
  };
}

/** The appointment clicked: what it is, and the free times it could move to that week. */
async function appointmentPanel(id: string, date: string, now: Date, mayWrite: boolean) {
  const a = await db.appointment.findFirst({
    where: { id, status: "BOOKED" },
    select: {
      id: true,
      kind: true,
      title: true,
      startsAt: true,
      endsAt: true,
      // The clinician joins the video consultation from the panel (status BOOKED: never revoked).
      meetingUrl: true,
      meetingRevokedAt: true,
      resource: { select: { id: true, name: true, type: true, translations: true } },
      planStep: { select: { gapMinutes: true } },
      case: {
        select: {
          id: true,
          number: true,
          stage: true,
          patientId: true,
          patient: { select: { name: true, timeZone: true } },
        },
      },
    },
  });
  if (!a) return null;
  const zone = clinicZone();
  const tomorrow = addDays(dayIn(now, zone), 1);
  const fromDay = dayWithin(mondayOf(date), tomorrow);
  const canMove = (TREATMENT_BOOKING_STAGES as readonly string[]).includes(a.case.stage);
  const slots =
    a.resource && mayWrite && canMove
      ? await freeSlots({
          resourceType: a.resource.type,
          durationMinutes: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000),
          fromDay,
          days: 7,
          movingAppointmentId: a.id,
          patient: { id: a.case.patientId, gapMinutes: a.planStep?.gapMinutes },
          now,
        })
      : [];
  const { meetingRevokedAt, meetingUrl, ...rest } = a;
  return {
    ...rest,
    meetingUrl: meetingRevokedAt ? null : meetingUrl,
    canMove,
    slots,
  };
}

// --- changes from the calendar: the schedule page's own calls, with the case looked up -------

export async function bookFromCalendar(input: {
  planStepId: string;
  resourceId: string;
  startsAt: Date;
  actorId: string;
  formKey: SentForm;
}) {
  const step = await db.treatmentPlanStep.findUnique({
    where: { id: input.planStepId },
    select: { caseId: true },
  });
  if (!step) throw new BookingError("not_found");
  return bookPlanStep({ ...input, caseId: step.caseId });
}

async function caseOfAppointment(appointmentId: string) {
  const a = await db.appointment.findUnique({
    where: { id: appointmentId },
    select: { caseId: true },
  });
  if (!a) throw new BookingError("not_found");
  return a.caseId;
}

export async function moveFromCalendar(input: {
  appointmentId: string;
  resourceId: string;
  startsAt: Date;
  actorId: string;
  formKey: SentForm;
}) {
  return rescheduleAppointment({ ...input, caseId: await caseOfAppointment(input.appointmentId) });
}

export async function cancelFromCalendar(input: { appointmentId: string; actorId: string }) {
  return cancelAppointment({ ...input, caseId: await caseOfAppointment(input.appointmentId) });
}
