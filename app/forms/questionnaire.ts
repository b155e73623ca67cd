/**
 * The questionnaire editor's forms (staff.catalogue_.$programmeId.questionnaire, issue 23): one
 * question (its key, type, whether it must be answered, its words in every language, options,
 * a number's unit and range, and which answers are red flags), moving or removing a question,
 * publishing the draft and discarding it. Controls are flat (`label_ar`, `opt2_label_fa`), so
 * the page works without JavaScript. Messages are translation keys (site namespace).
 */
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { nativeDigits } from "~/lib/digits";
import {
  OPTION_KEY,
  QUESTION_ID,
  QUESTION_LIMITS,
  QUESTION_TYPES,
  type LocalText,
  type QuestionDef,
} from "~/lib/questionnaire-content";
import { cleanLine, cleanText } from "~/lib/text";

/** How many option rows the question form has (the options a question may have). */
export const OPTION_ROWS = 12;

const E = {
  required: "site:questionnaire.errors.required",
  tooLong: "site:admin.errors.tooLong",
  id: "site:questionnaire.errors.id",
  type: "site:questionnaire.errors.type",
  number: "site:questionnaire.errors.number",
  optionKey: "site:questionnaire.errors.optionKey",
  optionText: "site:questionnaire.errors.optionText",
  gone: "site:questionnaire.errors.gone",
} as const;

const text = (max: number, multiline = false) =>
  z
    .string()
    .optional()
    .transform((v) => (multiline ? cleanText : cleanLine)(v ?? ""))
    .refine((v) => v.length <= max, { message: E.tooLong, params: { max } });

/** A number typed in any digits, or nothing. */
const optionalNumber = nativeDigits(
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().replace(",", "."))
    .refine((v) => v === "" || /^-?\d{1,7}(\.\d{1,3})?$/.test(v), E.number)
    .transform((v) => (v === "" ? undefined : Number(v))),
);

const perLocale = (field: string, max: number, multiline = false) =>
  Object.fromEntries(LOCALES.map((lng) => [`${field}_${lng}`, text(max, multiline)])) as Record<
    string,
    ReturnType<typeof text>
  >;

const optionRows = Object.fromEntries(
  Array.from({ length: OPTION_ROWS }, (_, i) => [
    [
      `opt${i}_key`,
      // Keys are ASCII: digits typed in Arabic or Persian become ASCII ones.
      nativeDigits(
        z
          .string()
          .optional()
          .transform((v) => (v ?? "").trim())
          .refine((v) => v === "" || OPTION_KEY.test(v), E.optionKey),
      ),
    ],
    [`opt${i}_flag`, z.literal("on").optional()],
    ...Object.entries(perLocale(`opt${i}_label`, QUESTION_LIMITS.label)),
  ]).flat(),
) as Record<string, z.ZodType>;

const questionId = nativeDigits(z.string({ error: E.id }).trim().regex(QUESTION_ID, E.id));

export const SaveQuestionForm = z
  .object({
    intent: z.literal("save"),
    /** The question being edited (its key never changes); absent for a new one. */
    originalId: z.string().max(40).optional(),
    id: questionId,
    type: z.enum(QUESTION_TYPES, { error: E.type }),
    required: z.literal("on").optional(),
    ...perLocale("label", QUESTION_LIMITS.label),
    ...perLocale("help", QUESTION_LIMITS.help, true),
    ...perLocale("unit", QUESTION_LIMITS.unit),
    min: optionalNumber,
    max: optionalNumber,
    decimals: z.literal("on").optional(),
    flagWhen: z.enum(["", "yes", "no"]).optional(),
    flagAbove: optionalNumber,
    flagBelow: optionalNumber,
    ...optionRows,
  })
  .superRefine((input, ctx) => {
    const v = input as Record<string, unknown>;
    if (!v.label_en) ctx.addIssue({ code: "custom", path: ["label_en"], message: E.required });
    for (let i = 0; i < OPTION_ROWS; i++) {
      const key = v[`opt${i}_key`];
      const hasText = LOCALES.some((lng) => v[`opt${i}_label_${lng}`]);
      if (key && !v[`opt${i}_label_en`]) {
        ctx.addIssue({ code: "custom", path: [`opt${i}_label_en`], message: E.optionText });
      } else if (!key && hasText) {
        ctx.addIssue({ code: "custom", path: [`opt${i}_key`], message: E.optionKey });
      }
    }
  });

export const MoveQuestionForm = z.object({
  intent: z.literal("move"),
  questionId: z.string({ error: E.gone }).max(40, E.gone),
  direction: z.enum(["up", "down"], { error: E.gone }),
});

export const RemoveQuestionForm = z.object({
  intent: z.literal("remove"),
  questionId: z.string({ error: E.gone }).max(40, E.gone),
});

export const PublishForm = z.object({ intent: z.literal("publish") });
export const DiscardForm = z.object({ intent: z.literal("discard") });

export const QuestionnaireEditForm = z.discriminatedUnion("intent", [
  SaveQuestionForm,
  MoveQuestionForm,
  RemoveQuestionForm,
  PublishForm,
  DiscardForm,
]);

type SaveInput = z.output<typeof SaveQuestionForm> & Record<string, unknown>;

function localText(input: Record<string, unknown>, field: string): Partial<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const lng of LOCALES) {
    const v = input[`${field}_${lng}`];
    if (typeof v === "string" && v) out[lng] = v;
  }
  return out;
}

/** The question a checked form describes (the content schema checks it once more). */
export function toQuestion(input: SaveInput): QuestionDef {
  const type = input.type;
  const q: QuestionDef = {
    id: input.originalId || input.id,
    type,
    required: input.required === "on",
    label: localText(input, "label") as LocalText,
  };
  const help = localText(input, "help");
  if (Object.keys(help).length) q.help = help;
  if (type === "yesno" && input.flagWhen) q.redFlag = { when: input.flagWhen };
  if (type === "single" || type === "multiple") {
    const options: NonNullable<QuestionDef["options"]> = [];
    const flagged: string[] = [];
    for (let i = 0; i < OPTION_ROWS; i++) {
      const key = input[`opt${i}_key`];
      if (typeof key !== "string" || !key) continue;
      options.push({ key, label: localText(input, `opt${i}_label`) as LocalText });
      if (input[`opt${i}_flag`] === "on") flagged.push(key);
    }
    q.options = options;
    if (flagged.length) q.redFlag = { options: flagged };
  }
  if (type === "number") {
    const unit = localText(input, "unit");
    if (Object.keys(unit).length) q.unit = unit;
    if (input.min !== undefined) q.min = input.min;
    if (input.max !== undefined) q.max = input.max;
    if (input.decimals === "on") q.decimals = true;
    const rule: NonNullable<QuestionDef["redFlag"]> = {};
    if (input.flagAbove !== undefined) rule.above = input.flagAbove;
    if (input.flagBelow !== undefined) rule.below = input.flagBelow;
    if (Object.keys(rule).length) q.redFlag = rule;
  }
  return q;
}

/** The form's values for a question (the editor's defaults). */
export function questionDefaults(q: QuestionDef | undefined): Record<string, string> {
  if (!q) return { type: "yesno", required: "on" };
  const out: Record<string, string> = { id: q.id, originalId: q.id, type: q.type };
  if (q.required) out.required = "on";
  for (const lng of LOCALES) {
    if (q.label[lng]) out[`label_${lng}`] = q.label[lng]!;
    if (q.help?.[lng]) out[`help_${lng}`] = q.help[lng]!;
    if (q.unit?.[lng]) out[`unit_${lng}`] = q.unit[lng]!;
  }
  if (q.min !== undefined) out.min = String(q.min);
  if (q.max !== undefined) out.max = String(q.max);
  if (q.decimals) out.decimals = "on";
  if (q.redFlag?.when) out.flagWhen = q.redFlag.when;
  if (q.redFlag?.above !== undefined) out.flagAbove = String(q.redFlag.above);
  if (q.redFlag?.below !== undefined) out.flagBelow = String(q.redFlag.below);
  (q.options ?? []).forEach((o, i) => {
    out[`opt${i}_key`] = o.key;
    if (q.redFlag?.options?.includes(o.key)) out[`opt${i}_flag`] = "on";
    for (const lng of LOCALES) if (o.label[lng]) out[`opt${i}_label_${lng}`] = o.label[lng]!;
  });
  return out;
}
