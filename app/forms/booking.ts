/**
 * The booking forms: the coordinator's (staff.cases.$caseId_.schedule: book a plan step into
 * a free slot, move or cancel an appointment) and the patient's
 * (portal.cases.$caseId_.appointments: book the video consultation, move or cancel it
 * (the same move and cancel forms as the coordinator's), pick the week to start, ask to move
 * an appointment). A slot is posted as "<resourceId>@<ISO start>"; the model
 * checks again that it is really free. Messages are translation keys (travel namespace).
 */
import { z } from "zod";
import { normalizeDigits } from "~/lib/digits";
import { TEXT_MAX } from "~/lib/review";
import { mondayOf, parseDay } from "~/lib/schedule";
import { cleanText } from "~/lib/text";

export interface SlotRef {
  resourceId: string;
  startsAt: Date | string;
}

/** A slot as a radio button's value. */
export const slotValue = (s: SlotRef) => `${s.resourceId}@${new Date(s.startsAt).toISOString()}`;

export function parseSlotValue(value: string): { resourceId: string; startsAt: Date } | null {
  const match = /^([A-Za-z0-9_-]{1,64})@(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(value);
  if (!match) return null;
  const [, resourceId = "", iso = ""] = match;
  const startsAt = new Date(iso);
  return Number.isNaN(startsAt.getTime()) ? null : { resourceId, startsAt };
}

const INVALID = "travel:errors.invalid";
const PICK_SLOT = "travel:errors.pickSlot";

/** The id of a row the page rendered (a plan step, an appointment). */
const rowId = z.string({ error: INVALID }).min(1, INVALID).max(64, INVALID);

/** The chosen free slot: its resource and start. */
const slot = z.string({ error: PICK_SLOT }).transform((value, ctx) => {
  const parsed = parseSlotValue(value);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: PICK_SLOT });
    return z.NEVER;
  }
  return parsed;
});

// --- the coordinator's booking page ---------------------------------------------------------

export const BookStepForm = z.object({
  intent: z.literal("book"),
  planStepId: rowId,
  slot,
});

export const MoveForm = z.object({
  intent: z.literal("move"),
  appointmentId: rowId,
  slot,
});

export const CancelForm = z.object({
  intent: z.literal("cancel"),
  appointmentId: rowId,
});

export const ScheduleForm = z.discriminatedUnion("intent", [BookStepForm, MoveForm, CancelForm], {
  error: INVALID,
});

// --- the patient's appointments page --------------------------------------------------------

export const ConsultForm = z.object({
  intent: z.literal("consult"),
  slot,
});

const PICK_WEEK = "travel:errors.pickWeek";

/** The Monday (YYYY-MM-DD) of the week the patient would like treatment to start. */
export const WindowForm = z.object({
  intent: z.literal("window"),
  week: z
    .string({ error: PICK_WEEK })
    .transform((day) => normalizeDigits(day))
    .refine((day) => parseDay(day) !== null && mondayOf(day) === day, PICK_WEEK),
});

const NOTE = "travel:errors.noteRequired";

export const RescheduleForm = z.object({
  intent: z.literal("reschedule"),
  appointmentId: rowId,
  note: z
    .string({ error: NOTE })
    .transform(cleanText)
    .refine((note) => note.length >= 1 && note.length <= TEXT_MAX, {
      message: NOTE,
      params: { max: TEXT_MAX },
    }),
});

export const AppointmentsForm = z.discriminatedUnion(
  "intent",
  [ConsultForm, MoveForm, CancelForm, WindowForm, RescheduleForm],
  { error: INVALID },
);
