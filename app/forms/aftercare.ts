/**
 * The aftercare forms: the patient's follow-up questionnaire
 * (portal.cases.$caseId_.aftercare.$followUpId: every PROM answer required, lab values
 * optional; the lab report comes as a file beside it) and the care team's page
 * (staff.cases.$caseId_.aftercare: lab values entered from a report, closing a task).
 * Fields are named "prom.<key>" and "lab.<marker>". Numbers are typed as people type them
 * ("7.5" or "7,5"); a bound comes back in its message. Messages are translation keys.
 */
import { z } from "zod";
import { normalizeDigits } from "~/lib/digits";
import { builtInOutcomes, isInteger, type Outcomes } from "~/lib/outcomes";
import { TEXT_MAX } from "~/lib/review";
import { cleanText } from "~/lib/text";

const E = (key: string) => `aftercare:errors.${key}`;

/** A decimal as typed: "1.5" or "1,5"; null when empty, NaN when it is no number. */
function decimal(raw: string): number | null {
  const s = raw.trim().replace(",", ".");
  if (s === "") return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

interface Bounds {
  min: number;
  max: number;
  integer?: boolean;
}

/** A number within its bounds, or the message that says what is wrong. */
function checked(
  value: number,
  bounds: Bounds,
  ctx: z.core.$RefinementCtx<string | undefined>,
): number {
  if (Number.isNaN(value) || (bounds.integer && !Number.isInteger(value))) {
    ctx.addIssue({ code: "custom", message: E("number") });
    return value;
  }
  if (value < bounds.min || value > bounds.max) {
    ctx.addIssue({
      code: "custom",
      message: E("range"),
      params: { min: bounds.min, max: bounds.max },
    });
  }
  return value;
}

/** A PROM answer: required (a partial questionnaire cannot be compared with the baseline). */
const promAnswer = (m: Bounds) =>
  z.string({ error: E("required") }).transform((raw, ctx) => {
    // Native digits and separators read as ASCII (the one normalisation of app/lib/digits).
    const value = decimal(normalizeDigits(raw));
    if (value === null) {
      ctx.addIssue({ code: "custom", message: E("required") });
      return z.NEVER;
    }
    return checked(value, m, ctx);
  });

/** A lab value: optional; left empty it is null (which clears a value entered before). */
const labValue = (m: Bounds) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = decimal(normalizeDigits(raw ?? ""));
      return value === null ? null : checked(value, m, ctx);
    });

type PromShape = Record<string, ReturnType<typeof promAnswer>>;
type LabShape = Record<string, ReturnType<typeof labValue>>;

/** The measures of an outcome set (the version a follow-up was made with). */
export const promAnswersFor = (o: Outcomes) =>
  z.object(
    Object.fromEntries(
      o.proms.map((m) => [m.key, promAnswer({ min: m.min, max: m.max, integer: isInteger(m) })]),
    ) as PromShape,
  );

export const labValuesFor = (o: Outcomes) =>
  z.object(Object.fromEntries(o.markers.map((m) => [m.key, labValue(m)])) as LabShape);

/** The patient's questionnaire: every PROM, and the lab values they have. */
export const followUpFormFor = (o: Outcomes) =>
  z.object({ prom: promAnswersFor(o), lab: labValuesFor(o) });

/** The built-in (lupus) set, as seeded: the form as it was before versions. */
const BUILT_IN = builtInOutcomes(2);
export const PromAnswers = promAnswersFor(BUILT_IN);
export const LabValues = labValuesFor(BUILT_IN);
export const FollowUpForm = followUpFormFor(BUILT_IN);

const rowId = (message: string) => z.string({ error: message }).min(1, message).max(64, message);

/**
 * Staff enter (or correct) a follow-up's lab values from a report. A value outside its
 * marker's plausible range is saved only with "I have checked this value" ticked (`checked`);
 * the model refuses it otherwise (saveLabs, LabCheckError) and the page says why.
 */
export const labsFormFor = (o: Outcomes) =>
  z.object({
    intent: z.literal("labs"),
    followUpId: rowId(E("pickFollowUp")),
    lab: labValuesFor(o),
    checked: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  });
export const LabsForm = labsFormFor(BUILT_IN);

/** A clinician closes a worsening task, with what was done. */
export const ResolveForm = z.object({
  intent: z.literal("resolve"),
  taskId: rowId(E("taskGone")),
  note: z
    .string()
    .transform(cleanText)
    .refine((note) => note.length <= TEXT_MAX, {
      message: E("noteTooLong"),
      params: { max: TEXT_MAX },
    })
    .optional()
    .default(""),
});

export const outcomesFormFor = (o: Outcomes) =>
  z.discriminatedUnion("intent", [labsFormFor(o), ResolveForm], {
    error: "common:form.malformed",
  });
export const OutcomesForm = outcomesFormFor(BUILT_IN);

export type FollowUpInput = z.input<typeof FollowUpForm>;
export type LabsInput = z.input<typeof LabsForm>;
