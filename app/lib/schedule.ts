/**
 * Calendar arithmetic for booking, pure and server-side (luxon carries the IANA zone rules).
 *
 * - Working hours are wall-clock minutes in the clinic's zone; each day is turned into UTC
 *   spans with that day's own offset, so a daylight-saving change moves the UTC times and
 *   never the local ones. A span that crosses a skipped hour is simply shorter, one that
 *   crosses a repeated hour longer.
 * - Everything booked sits on a UTC grid of GRID_MINUTES cells. Every zone in use today is
 *   offset from UTC by a multiple of 15 minutes, so local quarter hours are grid cells too.
 *   An appointment holds the cells it covers (AppointmentSlot), and the database refuses a
 *   second holder of any cell: that is the double-booking guard.
 */
import { isTimeZone } from "./time-zones";
import { DateTime } from "luxon";

export const GRID_MINUTES = 15;
const GRID_MS = GRID_MINUTES * 60_000;
/** Slots are offered every half hour. */
export const SLOT_STEP_MINUTES = 30;
/** The longest gap a step may need after it before the patient's next appointment. */
export const GAP_MAX_MINUTES = 24 * 60;
/** The patient's pre-travel video consultation. */
export const CONSULTATION_MINUTES = 30;
export const RESOURCE_TYPES = ["CLINICIAN", "CHAIR", "ROOM"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const EXCEPTION_KINDS = ["HOLIDAY", "LEAVE"] as const;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface Span {
  start: Date;
  end: Date;
}

export interface WeeklyHours {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export function isResourceType(value: string): value is ResourceType {
  return (RESOURCE_TYPES as readonly string[]).includes(value);
}

export { isTimeZone };

/** The UTC instant of a wall-clock time on a calendar day (YYYY-MM-DD) in `zone`. */
export function wallTime(day: string, minute: number, zone: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return DateTime.fromObject(
    { year, month, day: date, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  )
    .toUTC()
    .toJSDate();
}

/** A `datetime-local` value (YYYY-MM-DDTHH:mm) read in `zone`, or null if it is no time. */
export function fromLocalInput(value: string, zone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) || !isTimeZone(zone)) return null;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toUTC().toJSDate() : null;
}

/** The `datetime-local` value of an instant in `zone`. */
export function toLocalInput(value: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(value)).setZone(zone).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The calendar day (YYYY-MM-DD) of an instant in `zone`. */
export function dayIn(value: Date, zone: string): string {
  return DateTime.fromJSDate(value).setZone(zone).toISODate() ?? "";
}

/**
 * The last second of a calendar day (YYYY-MM-DD), as stored for a date-only "valid until": it
 * lasts the whole day and reads back as that day through formatDay (in UTC).
 */
export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59Z`);
}

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return DateTime.fromISO(day, { zone: "UTC" }).plus({ days: n }).toISODate() ?? day;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  return DateTime.fromISO(day, { zone: "UTC" }).startOf("week").toISODate() ?? day;
}

/** The zone's offset from UTC at an instant, in minutes (+180 for Istanbul). */
export function offsetMinutes(value: Date, zone: string): number {
  return DateTime.fromJSDate(value).setZone(zone).offset;
}

/** Working spans, in UTC, of `days` calendar days from `fromDay` in `zone`. */
export function workingSpans(
  hours: WeeklyHours[],
  fromDay: string,
  days: number,
  zone: string,
): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(fromDay, i);
    const weekday = DateTime.fromISO(day, { zone: "UTC" }).weekday;
    for (const h of hours.filter((x) => x.weekday === weekday)) {
      const start = wallTime(day, h.startMinute, zone);
      const end = wallTime(day, h.endMinute, zone);
      if (end > start) spans.push({ start, end });
    }
  }
  return spans.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** `spans` with every part covered by `blocked` cut out. */
export function subtract(spans: Span[], blocked: Span[]): Span[] {
  let result = spans;
  for (const b of blocked) {
    const next: Span[] = [];
    for (const s of result) {
      if (b.end <= s.start || b.start >= s.end) {
        next.push(s);
        continue;
      }
      if (b.start > s.start) next.push({ start: s.start, end: b.start });
      if (b.end < s.end) next.push({ start: b.end, end: s.end });
    }
    result = next;
  }
  return result;
}

export function isOnGrid(value: Date): boolean {
  return value.getTime() % GRID_MS === 0;
}

function ceilToGrid(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

/** The grid cells an appointment from `start` to `end` holds. */
export function gridCells(start: Date, end: Date): Date[] {
  const cells: Date[] = [];
  for (let t = Math.floor(start.getTime() / GRID_MS) * GRID_MS; t < end.getTime(); t += GRID_MS) {
    cells.push(new Date(t));
  }
  return cells;
}

/**
 * Start times, every `stepMinutes` on the UTC grid, at which an appointment of
 * `durationMinutes` fits wholly inside one of `spans` and starts no earlier than `notBefore`.
 */
export function slotStarts(
  spans: Span[],
  durationMinutes: number,
  notBefore: Date,
  stepMinutes = SLOT_STEP_MINUTES,
): Date[] {
  const step = stepMinutes * 60_000;
  const duration = durationMinutes * 60_000;
  const starts: Date[] = [];
  for (const span of spans) {
    const first = ceilToGrid(Math.max(span.start.getTime(), notBefore.getTime()), step);
    for (let t = first; t + duration <= span.end.getTime(); t += step) starts.push(new Date(t));
  }
  return starts;
}

/** True when an appointment from `start` for `durationMinutes` fits inside one of `spans`. */
export function fitsIn(spans: Span[], start: Date, durationMinutes: number): boolean {
  const end = start.getTime() + durationMinutes * 60_000;
  return spans.some((s) => s.start.getTime() <= start.getTime() && end <= s.end.getTime());
}

/** Parses "HH:MM" into minutes after midnight on the grid, or null. "24:00" is the day's end. */
export function parseClock(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) >= 60 || minute > 24 * 60 || minute % GRID_MINUTES !== 0) return null;
  return minute;
}

export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** A calendar date (YYYY-MM-DD) as UTC midnight, or null. */
export function parseDay(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: "UTC" });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** How far ahead slots can be shown or booked, in days. */
export const BOOKING_HORIZON_DAYS = 400;

/**
 * A day to start a list from, taken from the address bar: the wanted day when it is a real
 * calendar day between `min` and `min` + `maxDays`; otherwise the nearest bound (or `min`
 * for what is no day at all). Nothing typed into a URL can reach a date arithmetic error.
 */
export function dayWithin(
  value: string | null | undefined,
  min: string,
  maxDays = BOOKING_HORIZON_DAYS,
): string {
  if (!value || !parseDay(value)) return min;
  if (value < min) return min;
  const max = addDays(min, maxDays);
  return value > max ? max : value;
}

/** The calendar date `months` months after the day of `value` (in UTC), as UTC midnight. */
export function addMonths(value: Date, months: number): Date {
  return DateTime.fromJSDate(value, { zone: "UTC" }).startOf("day").plus({ months }).toJSDate();
}
