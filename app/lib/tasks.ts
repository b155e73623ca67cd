/**
 * Tasks on a case (issue 22): hand-made ones (kind MANUAL: a title, an assignee, a due time
 * and an optional reminder) and the aftercare tasks the follow-ups open (app/lib/aftercare.ts,
 * kind WORSENING), which are clinical: only those who may close them (task:close) close them,
 * and only readers of health data see them. Pure: shared by the server and the browser.
 */
import { DateTime } from "luxon";

export const MANUAL_TASK = "MANUAL";

/** A task the platform opened from a follow-up: clinical, closed by task:close. */
export function isClinicalTask(kind: string): boolean {
  return kind !== MANUAL_TASK;
}

/** The longest title a task may have. */
export const TASK_TITLE_MAX = 200;

/** How long before its due time a task's reminder goes out, in minutes (0: at the due time). */
export const REMIND_OFFSETS = ["0", "15", "60", "1440"] as const;
export type RemindOffset = (typeof REMIND_OFFSETS)[number];

/** The sections of "My tasks", in the order they are shown. */
export const TASK_BUCKETS = ["overdue", "today", "upcoming", "noDate", "done"] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

/** Where an open task falls for a reader in `zone` at `now`; a done one is "done". */
export function bucketOf(
  task: { dueAt: Date | string | null; resolvedAt: Date | string | null },
  now: Date,
  zone: string,
): TaskBucket {
  if (task.resolvedAt) return "done";
  if (!task.dueAt) return "noDate";
  const due = new Date(task.dueAt);
  if (due.getTime() < now.getTime()) return "overdue";
  const endOfToday = DateTime.fromJSDate(now).setZone(zone).endOf("day").toJSDate();
  return due.getTime() <= endOfToday.getTime() ? "today" : "upcoming";
}

/**
 * Open tasks in the order "My tasks" lists them: overdue first (the longest overdue first),
 * then due today, then later, each by due time; then those with no date, the oldest first.
 */
export function orderTasks<
  T extends { dueAt: Date | string | null; createdAt: Date | string; id: string },
>(tasks: T[]): T[] {
  const time = (d: Date | string | null) => (d ? new Date(d).getTime() : Number.POSITIVE_INFINITY);
  return [...tasks].sort(
    (a, b) =>
      time(a.dueAt) - time(b.dueAt) ||
      time(a.createdAt) - time(b.createdAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** "HH:MM" (any minute) as minutes after midnight, or null. */
export function parseTimeOfDay(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return hour * 60 + minute;
}

/**
 * A date (YYYY-MM-DD) and a time (HH:MM) as typed by someone in `zone`, as the UTC instant,
 * or null when either is no date or time. A time the clocks skip (a spring-forward gap) reads
 * as the first valid time after it.
 */
export function zonedInstant(day: string, time: string, zone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day.trim())) return null;
  const minute = parseTimeOfDay(time);
  if (minute === null) return null;
  const [year, month, date] = day.trim().split("-").map(Number);
  const local = DateTime.fromObject(
    { year, month, day: date, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  );
  if (!local.isValid || local.day !== date || local.month !== month) return null;
  return local.toUTC().toJSDate();
}
