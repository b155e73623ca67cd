/**
 * A programme's eligibility questionnaire as data (issue 23, ADR 028): the content of a
 * FormDefinition of kind QUESTIONNAIRE. Each question has a stable key (`id`, the answer's
 * questionId and the form field q.<programme>.<id>), a type, whether it must be answered, its
 * words in every language (English required; another language missing falls back to English,
 * marked lang="en"), its options, a number's unit and range, and which answers are red flags.
 *
 * Red flags mark a case for the clinician's attention; they never decide eligibility.
 *
 * Client-safe and pure: the enquiry form, its validation, the staff answer view, the portal
 * and the editor all read questions through here.
 */
import { formatList } from "~/lib/format";
import { z } from "zod";
import { isLocale, LOCALES, type Locale } from "~/i18n/config";
import { QUESTIONNAIRES, type Question as CodeQuestion } from "~/lib/questionnaires";
import { cleanText } from "~/lib/text";

export const QUESTION_TYPES = ["yesno", "single", "multiple", "number", "date", "text"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Limits of the content (and of the editor's fields). */
export const QUESTION_LIMITS = {
  questions: 60,
  options: 12,
  label: 500,
  help: 1000,
  unit: 40,
  answer: 2000,
} as const;

export const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
export const OPTION_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** Words in several languages: English always, the others when written. */
export type LocalText = Partial<Record<Locale, string>> & { en: string };

const localText = (max: number) =>
  z
    .partialRecord(z.enum(LOCALES), z.string().trim().max(max))
    .refine((v) => Boolean(v.en), "site:questionnaire.errors.english")
    .transform((v) => stripEmpty(v) as LocalText);

const optionalText = (max: number) =>
  z.partialRecord(z.enum(LOCALES), z.string().trim().max(max)).transform((v) => stripEmpty(v));

function stripEmpty(v: Partial<Record<Locale, string>>): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = {};
  for (const lng of LOCALES) if (v[lng]) out[lng] = v[lng];
  return out;
}

const RedFlag = z.object({
  /** yes/no: the answer that is a red flag. */
  when: z.enum(["yes", "no"]).optional(),
  /** single/multiple: the option keys that are red flags. */
  options: z.array(z.string().regex(OPTION_KEY)).max(QUESTION_LIMITS.options).optional(),
  /** number: a value above or below these is a red flag. */
  above: z.number().finite().optional(),
  below: z.number().finite().optional(),
});

export const QuestionSchema = z
  .object({
    id: z.string().regex(QUESTION_ID),
    type: z.enum(QUESTION_TYPES),
    required: z.boolean(),
    label: localText(QUESTION_LIMITS.label),
    help: optionalText(QUESTION_LIMITS.help).optional(),
    options: z
      .array(
        z.object({ key: z.string().regex(OPTION_KEY), label: localText(QUESTION_LIMITS.label) }),
      )
      .max(QUESTION_LIMITS.options)
      .optional(),
    unit: optionalText(QUESTION_LIMITS.unit).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** number: whether a fraction is accepted (whole numbers otherwise). */
    decimals: z.boolean().optional(),
    redFlag: RedFlag.optional(),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === "single" || q.type === "multiple";
    const keys = (q.options ?? []).map((o) => o.key);
    if (choice && keys.length < 2) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "site:questionnaire.errors.options",
      });
    }
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "site:questionnaire.errors.optionKeys",
      });
    }
    if (q.redFlag?.options?.some((k) => !keys.includes(k))) {
      ctx.addIssue({
        code: "custom",
        path: ["redFlag"],
        message: "site:questionnaire.errors.redFlagOptions",
      });
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: "site:questionnaire.errors.range",
      });
    }
  });

export type QuestionDef = z.output<typeof QuestionSchema>;

export const QuestionnaireContent = z
  .object({ questions: z.array(QuestionSchema).max(QUESTION_LIMITS.questions) })
  .superRefine((c, ctx) => {
    const ids = c.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({
        code: "custom",
        path: ["questions"],
        message: "site:questionnaire.errors.duplicateId",
      });
    }
  });

export type Questionnaire = z.output<typeof QuestionnaireContent>;

/** A questionnaire as a page gets it: the version's id (null: the built-in, legacy one). */
export interface QuestionnaireView {
  id: string | null;
  version: number;
  content: Questionnaire;
}

/** One text in `locale`, or its English, saying which it gave. */
export function localize(
  text: Partial<Record<Locale, string>> | undefined,
  locale: string,
): { text: string; lang: Locale } {
  const lng = isLocale(locale) ? locale : "en";
  const own = text?.[lng];
  if (own) return { text: own, lang: lng };
  return { text: text?.en ?? "", lang: "en" };
}

/** The stored values of a multiple-choice answer (comma-separated keys). */
export const splitKeys = (value: string) => value.split(",").filter(Boolean);

/** Is this stored answer a red flag by the question's rules? */
export function isRedFlagAnswer(q: QuestionDef, value: string): boolean {
  const rule = q.redFlag;
  if (!rule || value === "") return false;
  switch (q.type) {
    case "yesno":
      return rule.when !== undefined && value === rule.when;
    case "single":
      return rule.options?.includes(value) ?? false;
    case "multiple":
      return splitKeys(value).some((k) => rule.options?.includes(k));
    case "number": {
      const n = Number(value);
      if (!Number.isFinite(n)) return false;
      return (
        (rule.above !== undefined && n > rule.above) || (rule.below !== undefined && n < rule.below)
      );
    }
    default:
      return false;
  }
}

/** Message key (and values) for what is wrong with a posted answer, or null when it is fine. */
export function answerProblem(
  q: QuestionDef,
  raw: unknown,
): { message: string; params?: Record<string, unknown> } | null {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (list.some((v) => typeof v !== "string")) return { message: "enquiry:errors.answerInvalid" };
  const values = (list as string[]).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) return q.required ? { message: "enquiry:errors.answerRequired" } : null;
  const keys = (q.options ?? []).map((o) => o.key);
  const value = values[0]!;
  switch (q.type) {
    case "yesno":
      return values.length === 1 && (value === "yes" || value === "no")
        ? null
        : { message: "enquiry:errors.answerInvalid" };
    case "single":
      return values.length === 1 && keys.includes(value)
        ? null
        : { message: "enquiry:errors.answerInvalid" };
    case "multiple":
      return values.every((v) => keys.includes(v)) && new Set(values).size === values.length
        ? null
        : { message: "enquiry:errors.answerInvalid" };
    case "number": {
      const text = value.replace(",", ".");
      const n = Number(text);
      const ok =
        values.length === 1 &&
        (q.decimals ? /^-?\d{1,7}(\.\d{1,3})?$/ : /^-?\d{1,7}$/).test(text) &&
        (q.min === undefined || n >= q.min) &&
        (q.max === undefined || n <= q.max);
      if (ok) return null;
      const kind = q.decimals ? "Decimal" : "Whole";
      if (q.min !== undefined && q.max !== undefined) {
        return { message: `enquiry:errors.answerRange${kind}`, params: { min: q.min, max: q.max } };
      }
      return { message: `enquiry:errors.answerNumber${kind}` };
    }
    case "date": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
      return values.length === 1 &&
        d &&
        d.getUTCFullYear() === +m![1]! &&
        d.getUTCMonth() === +m![2]! - 1 &&
        d.getUTCDate() === +m![3]! &&
        +m![1]! >= 1900 &&
        +m![1]! <= 2100
        ? null
        : { message: "enquiry:errors.answerDate" };
    }
    case "text":
      return values.length === 1 && value.length <= QUESTION_LIMITS.answer
        ? null
        : { message: "enquiry:errors.tooLong" };
  }
}

/** A checked answer as it is stored: "" when the question was left out. */
export function storedValue(q: QuestionDef, raw: unknown): string {
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.length === 0) return "";
  switch (q.type) {
    case "multiple":
      // In the question's own order, whatever order the browser posted them in.
      return (q.options ?? [])
        .map((o) => o.key)
        .filter((k) => list.includes(k))
        .join(",");
    case "number":
      return String(Number(list[0]!.replace(",", ".")));
    case "text":
      return cleanText(list[0]!);
    default:
      return list[0]!;
  }
}

/**
 * A stored answer as a person reads it, in `locale`. `t` gives yes/no in the page's words.
 */
export function answerDisplay(
  q: QuestionDef,
  value: string,
  locale: string,
  t: (key: string) => string,
): string {
  const option = (key: string) => {
    const o = q.options?.find((x) => x.key === key);
    return o ? localize(o.label, locale).text : key;
  };
  switch (q.type) {
    case "yesno":
      return value === "yes" || value === "no" ? t(`enquiry:${value}`) : value;
    case "single":
      return option(value);
    case "multiple":
      return formatList(splitKeys(value).map(option), locale);
    case "number": {
      const n = Number(value);
      const unit = q.unit ? localize(q.unit, locale).text : "";
      const shown = Number.isFinite(n) ? new Intl.NumberFormat(locale).format(n) : value;
      return unit ? `${shown} ${unit}` : shown;
    }
    case "date": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!m) return value;
      return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
        new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)),
      );
    }
    case "text":
      return value;
  }
}

/**
 * The built-in questionnaire of a programme (app/lib/questionnaires.ts, words from the enquiry
 * namespace in every language) as content: version 1 of each seeded programme, and what an
 * enquiry made before questionnaires were data is read with. `text(lng, key)` gives a
 * translation or undefined.
 */
export function legacyQuestionnaire(
  slug: string,
  text: (lng: Locale, key: string) => string | undefined,
): Questionnaire {
  const codeQuestions: readonly CodeQuestion[] = Object.hasOwn(QUESTIONNAIRES, slug)
    ? QUESTIONNAIRES[slug]!
    : [];
  const words = (key: string): LocalText => {
    const out: Partial<Record<Locale, string>> = {};
    for (const lng of LOCALES) {
      const v = text(lng, key);
      if (v) out[lng] = v;
    }
    return { ...out, en: out.en ?? key } as LocalText;
  };
  return {
    questions: codeQuestions.map((q): QuestionDef => {
      const base = {
        id: q.id,
        required: true,
        label: words(`questions.${q.id}.label`),
      };
      switch (q.type) {
        case "yesno":
          return {
            ...base,
            type: "yesno",
            ...(q.redFlagWhen ? { redFlag: { when: q.redFlagWhen } } : {}),
          };
        case "choice":
          return {
            ...base,
            type: "single",
            options: q.options.map((key) => ({
              key,
              label: words(`questions.${q.id}.options.${key}`),
            })),
            ...(q.redFlagWhen ? { redFlag: { options: [...q.redFlagWhen] } } : {}),
          };
        case "number":
          return {
            ...base,
            type: "number",
            min: q.min,
            max: q.max,
            ...(q.redFlagAbove !== undefined ? { redFlag: { above: q.redFlagAbove } } : {}),
          };
      }
    }),
  };
}
