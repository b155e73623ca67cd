/**
 * The resources page's forms (staff.resources): add a resource, save its weekly hours, add
 * or remove time off (a clinic holiday or a resource's leave), make it bookable or not, and
 * name it in every language (ADR 024).
 * Messages are translation keys (travel namespace).
 */
import { z } from "zod";
import { normalizeDigits } from "~/lib/digits";
import { EXCEPTION_KINDS, parseClock, parseDay, RESOURCE_TYPES } from "~/lib/schedule";
import { cleanLine } from "~/lib/text";
import { textsShape } from "./translations";

/**
 * Reads one weekday's text ("09:00-12:00, 13:00-17:00") into spans on the booking grid; null
 * when it is not valid (a time off the quarter hour, an end before its start, or overlapping
 * spans). Empty is a closed day.
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

const INVALID = "travel:errors.invalid";
const CREATE = "travel:resources.errors.create";
const TIME_OFF = "travel:resources.errors.timeOff";
const TOO_LONG = "travel:itinerary.errors.tooLong";

const rowId = z.string({ error: INVALID }).min(1, INVALID).max(64, INVALID);

export const CreateResourceForm = z.object({
  intent: z.literal("create"),
  name: z
    .string({ error: CREATE })
    .transform(cleanLine)
    .pipe(z.string().min(2, CREATE).max(120, TOO_LONG)),
  type: z.enum(RESOURCE_TYPES, { error: CREATE }),
});

/** One weekday's hours, read into spans. */
const dayHours = z
  .string()
  .max(200, "travel:resources.errors.dayHours")
  .optional()
  .default("")
  .transform((text, ctx) => {
    // Native digits read as ASCII (the one normalisation of app/lib/digits).
    const spans = parseDayHours(normalizeDigits(text));
    if (!spans) {
      ctx.addIssue({ code: "custom", message: "travel:resources.errors.dayHours" });
      return z.NEVER;
    }
    return spans;
  });

/** A resource's week, Monday (day1) to Sunday (day7), in the clinic's zone. */
export const HoursForm = z.object({
  intent: z.literal("hours"),
  resourceId: rowId,
  day1: dayHours,
  day2: dayHours,
  day3: dayHours,
  day4: dayHours,
  day5: dayHours,
  day6: dayHours,
  day7: dayHours,
});

const day = z
  .string({ error: TIME_OFF })
  .transform((value) => normalizeDigits(value))
  .refine((value) => parseDay(value) !== null, TIME_OFF);

/** Whole days of time off, `from` to `to` inclusive; no resource is the whole clinic. */
export const TimeOffForm = z
  .object({
    intent: z.literal("timeOff"),
    resourceId: z.string().max(64, INVALID).optional().default(""),
    kind: z.enum(EXCEPTION_KINDS, { error: INVALID }),
    from: day,
    to: day,
    note: z
      .string()
      .transform(cleanLine)
      .pipe(z.string().max(200, TOO_LONG))
      .optional()
      .default(""),
  })
  .refine((v) => v.to >= v.from, { message: TIME_OFF, path: ["to"] });

export const DeleteTimeOffForm = z.object({
  intent: z.literal("deleteTimeOff"),
  exceptionId: rowId,
});

export const ActiveForm = z.object({
  intent: z.literal("active"),
  resourceId: rowId,
  active: z.enum(["yes", "no"], { error: INVALID }),
});

/** A resource's name: English (required, what every other language falls back to) and the rest. */
export const RESOURCE_NAME_MAX = 120;
export const NamesForm = z.object({
  intent: z.literal("names"),
  resourceId: rowId,
  name: z
    .string()
    .optional()
    .transform((value) => cleanLine(value ?? ""))
    .pipe(z.string({ error: CREATE }).min(2, CREATE).max(RESOURCE_NAME_MAX, TOO_LONG)),
  ...textsShape({ name: { max: RESOURCE_NAME_MAX } }, TOO_LONG),
});

export const ResourcesForm = z.discriminatedUnion(
  "intent",
  [CreateResourceForm, HoursForm, TimeOffForm, DeleteTimeOffForm, ActiveForm, NamesForm],
  { error: INVALID },
);

export type HoursInput = z.output<typeof HoursForm>;
