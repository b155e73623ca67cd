/**
 * What can be booked and when: clinicians, infusion chairs and rooms, their weekly hours in
 * the clinic's zone, and time off (clinic holidays and each resource's leave).
 */
import { db } from "~/db.server";
import { env } from "~/env.server";
import {
  addDays,
  EXCEPTION_KINDS,
  formatClock,
  parseClock,
  parseDay,
  wallTime,
  WEEKDAYS,
  type WeeklyHours,
} from "~/lib/schedule";

export async function listResources(now = new Date()) {
  const [resources, holidays] = await Promise.all([
    db.resource.findMany({
      orderBy: [{ type: "asc" }, { position: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        type: true,
        active: true,
        hours: {
          orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
          select: { weekday: true, startMinute: true, endMinute: true },
        },
        exceptions: {
          where: { endsAt: { gt: now } },
          orderBy: { startsAt: "asc" },
          select: { id: true, kind: true, startsAt: true, endsAt: true, note: true },
        },
      },
    }),
    db.resourceException.findMany({
      where: { resourceId: null, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: { id: true, kind: true, startsAt: true, endsAt: true, note: true },
    }),
  ]);
  return {
    resources: resources.map((r) => ({ ...r, week: hoursText(r.hours) })),
    holidays,
  };
}

/** A weekday's spans as text: "09:00-12:00, 13:00-17:00". */
export function hoursText(hours: WeeklyHours[]): Record<number, string> {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      hours
        .filter((h) => h.weekday === day)
        .map((h) => `${formatClock(h.startMinute)}-${formatClock(h.endMinute)}`)
        .join(", "),
    ]),
  );
}

/**
 * Reads one weekday's text into spans on the booking grid; null when it is not valid
 * (a time off the quarter hour, an end before its start, or overlapping spans).
 */
export function parseDayHours(text: string): { startMinute: number; endMinute: number }[] | null {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const spans: { startMinute: number; endMinute: number }[] = [];
  for (const part of trimmed.split(/[,;]/)) {
    const match = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/.exec(part);
    if (!match) return null;
    const start = parseClock(match[1] ?? "");
    const end = parseClock(match[2] ?? "");
    if (start === null || end === null || end <= start) return null;
    spans.push({ startMinute: start, endMinute: end });
  }
  spans.sort((a, b) => a.startMinute - b.startMinute);
  if (spans.some((s, i) => i > 0 && s.startMinute < (spans[i - 1]?.endMinute ?? 0))) return null;
  return spans;
}

export async function setHours(
  resourceId: string,
  week: Record<number, { startMinute: number; endMinute: number }[]>,
) {
  await db.$transaction(async (tx) => {
    await tx.workingHours.deleteMany({ where: { resourceId } });
    await tx.workingHours.createMany({
      data: WEEKDAYS.flatMap((weekday) =>
        (week[weekday] ?? []).map((s) => ({ resourceId, weekday, ...s })),
      ),
    });
  });
}

/** Whole days of time off, from `from` to `to` inclusive, in the clinic's zone. */
export function timeOffSpan(from: string, to: string): { startsAt: Date; endsAt: Date } | null {
  if (!parseDay(from) || !parseDay(to) || to < from) return null;
  const zone = env().CLINIC_TIME_ZONE;
  return { startsAt: wallTime(from, 0, zone), endsAt: wallTime(addDays(to, 1), 0, zone) };
}

export async function addTimeOff(input: {
  resourceId: string | null;
  kind: (typeof EXCEPTION_KINDS)[number];
  startsAt: Date;
  endsAt: Date;
  note: string | null;
  actorId: string;
}) {
  await db.resourceException.create({
    data: {
      resourceId: input.resourceId,
      kind: input.kind,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      note: input.note,
      createdById: input.actorId,
    },
  });
}
