/**
 * Appointment reminders (issue 24): how long before an appointment of each kind its reminders
 * go. A rule is stored as comma-separated minutes (ReminderRule.offsets, "1440,120"); an admin
 * types hours on the clinic settings page ("24, 2"). Pure: the form, the page and the worker
 * read the same bounds.
 */
import { normalizeDigits } from "./digits";

/** The kinds an appointment has (Appointment.kind): each has its own rule. */
export const APPOINTMENT_KINDS = ["CONSULTATION", "TREATMENT"] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

/** 24 hours and 2 hours before, for a kind nobody has set. */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [1440, 120];

/** A reminder goes at least this long before the appointment… */
export const REMINDER_MIN_MINUTES = 15;
/** …and at most this long (14 days). */
export const REMINDER_MAX_MINUTES = 14 * 24 * 60;
/** How many reminders one appointment may have. */
export const REMINDER_MAX_COUNT = 3;

/** "1440,120" → [1440, 120]; anything unreadable or out of bounds gives the default. */
export function parseOffsets(stored: string | null | undefined): number[] {
  if (!stored) return [...DEFAULT_REMINDER_OFFSETS];
  const list = stored.split(",").map((s) => Number(s.trim()));
  const ok =
    list.length >= 1 &&
    list.length <= REMINDER_MAX_COUNT &&
    list.every(
      (m) => Number.isInteger(m) && m >= REMINDER_MIN_MINUTES && m <= REMINDER_MAX_MINUTES,
    );
  return ok ? sortOffsets(list) : [...DEFAULT_REMINDER_OFFSETS];
}

/** Largest first, each once. */
export function sortOffsets(list: number[]): number[] {
  return [...new Set(list)].sort((a, b) => b - a);
}

export function storeOffsets(list: number[]): string {
  return sortOffsets(list).join(",");
}

/** Why typed hours were refused: a key under site:settings.reminders.errors. */
export type HoursProblem = "required" | "number" | "count" | "range";

/**
 * What an admin typed ("24, 2", "٢٤، ٢", "0.5") as minutes, largest first; or the problem.
 * Values are separated by commas (Latin or Arabic), semicolons or spaces; a decimal point
 * (or the Arabic "٫") is read as such.
 */
export function parseHours(text: string): { minutes: number[] } | { problem: HoursProblem } {
  const parts = normalizeDigits(text)
    .split(/[,،;؛\s]+/u)
    .filter((p) => p !== "");
  if (parts.length === 0) return { problem: "required" };
  const minutes: number[] = [];
  for (const part of parts) {
    if (!/^\d+(\.\d+)?$/.test(part)) return { problem: "number" };
    minutes.push(Math.round(Number(part) * 60));
  }
  const list = sortOffsets(minutes);
  if (list.length > REMINDER_MAX_COUNT) return { problem: "count" };
  if (list.some((m) => m < REMINDER_MIN_MINUTES || m > REMINDER_MAX_MINUTES)) {
    return { problem: "range" };
  }
  return { minutes: list };
}

/** Minutes as the hours an admin types back: [1440, 120] → "24, 2"; 30 → "0.5". */
export function hoursText(minutes: number[]): string {
  return sortOffsets(minutes)
    .map((m) => String(Math.round((m / 60) * 100) / 100))
    .join(", ");
}
