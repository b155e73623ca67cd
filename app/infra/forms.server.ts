/**
 * The one way an action reads a form (ADR 018): the body is read once (urlencoded or
 * multipart, with the route's file limits; never a parser error), parsed with the form's zod
 * schema through Conform (parseWithZod), and every message is translated here, in the
 * reader's language, with the bounds the schema carries (a too-small or too-big issue gives
 * `min` and `max`; a refinement may give its own `params`). The page gets Conform's
 * SubmissionResult back: typed values, errors per field, what was typed, and a reset after
 * success.
 *
 * A form that creates something carries a key made when the page was rendered (FORM_KEY).
 * spendFormKey() records it in the transaction that writes, so a second press of the button,
 * a reload that posts again, or a second tab of the same page cannot do it twice.
 */
import crypto from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import { configureCoercion } from "@conform-to/zod/v4/future";
import type { Submission, SubmissionResult } from "@conform-to/react";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { isUniqueViolation, type Tx } from "~/db.server";
import { normalizeDigits } from "~/lib/digits";
import { FORM_KEY, FORM_KEY_DAYS } from "~/lib/forms";
import { readForm, type FormLimits, type ParsedForm } from "./form-data.server";

const NO_FILES: FormLimits = { maxFileBytes: 1, maxFiles: 0 };

export type FormSubmissionOf<S extends z.ZodType> = Submission<z.input<S>, string[], z.output<S>>;

export interface ReadSubmission<S extends z.ZodType> {
  submission: FormSubmissionOf<S>;
  /** The raw body: files, and flags for oversize or surplus files. */
  form: ParsedForm;
}

/**
 * How a posted string becomes the type a schema declares (Conform's coercion, with its
 * defaults: an empty field is absent, "on" is a ticked box), except that a field a schema types
 * as a number or a date is read through the one native-digit normalisation first (app/lib/digits):
 * "٢٠١٩", "۷٫۵" and "٬" grouping read as their ASCII selves, so no such field can refuse them.
 */
const { coerceFormValue } = configureCoercion({
  type: {
    number: (text) => (text.trim() === "" ? Number.NaN : Number(normalizeDigits(text))),
    date: (text) => {
      const date = new Date(normalizeDigits(text));
      if (Number.isNaN(date.getTime())) throw new Error("Invalid date");
      return date;
    },
  },
});

/** The schema as the gate parses it: with the coercion above around every field. */
export function coerceForm<S extends z.ZodType>(schema: S): S {
  return coerceFormValue(schema) as unknown as S;
}

/** Translates a zod issue: the message is a key; bounds and params become its values. */
function translator(t: TFunction) {
  return (issues: z.core.$ZodIssue[]) =>
    issues.map((issue) => {
      const vars: Record<string, unknown> = {};
      if ("minimum" in issue) vars.min = issue.minimum;
      if ("maximum" in issue) vars.max = issue.maximum;
      if ("params" in issue && issue.params) Object.assign(vars, issue.params);
      return t(issue.message, vars);
    });
}

/**
 * Reads and parses the request's form with `schema`, translating every message with `t`.
 * A body that cannot be read at all comes back as a form error ("form.malformed").
 */
export async function readSubmission<S extends z.ZodType>(
  request: Request,
  schema: S,
  t: TFunction,
  limits: FormLimits = NO_FILES,
): Promise<ReadSubmission<S>> {
  const form = await readForm(request, limits);
  const data = new FormData();
  for (const [name, values] of form.fields) for (const value of values) data.append(name, value);
  const submission: FormSubmissionOf<S> = parseWithZod(data, {
    schema: coerceForm(schema),
    disableAutoCoercion: true,
    formatError: translator(t),
  });
  if (form.malformed) {
    const reply = submission.reply;
    submission.reply = (options) => reply({ ...options, formErrors: [t("common:form.malformed")] });
    (submission as { status: string }).status = "error";
  }
  return { submission, form };
}

/** A failed submission, answered with these messages (already translated) and what was typed. */
export function refuse<S extends z.ZodType>(
  submission: ReadSubmission<S>["submission"],
  errors: { form?: string[]; fields?: Record<string, string[]> },
): SubmissionResult<string[]> {
  return submission.reply({ formErrors: errors.form, fieldErrors: errors.fields });
}

/**
 * A new key for a form that creates something; the loader renders it into the form. It
 * carries the time it was made, so a page left open too long is asked to reload instead of
 * being taken for new.
 */
export function newFormKey(now = Date.now()): string {
  return `${now.toString(36)}-${crypto.randomBytes(16).toString("base64url")}`;
}

/** This form was sent already ("duplicate") or its page is too old to trust ("stale"). */
export class FormReplay extends Error {
  constructor(public readonly reason: "duplicate" | "stale") {
    super(`Form refused: ${reason}`);
    this.name = "FormReplay";
  }
}

/**
 * Records the form's key in the writing transaction: the first submission commits it with
 * its work; a replay meets the unique key and does nothing. Keys older than FORM_KEY_DAYS
 * (their records are swept after that) are refused as stale.
 */
export async function spendFormKey(tx: Tx, key: unknown, actorId: string | null, now = Date.now()) {
  const match =
    typeof key === "string" ? /^([0-9a-z]{6,12})-[A-Za-z0-9_-]{16,40}$/.exec(key) : null;
  if (!match) throw new FormReplay("stale");
  const made = parseInt(match[1]!, 36);
  if (!(made <= now + 60_000 && now - made <= FORM_KEY_DAYS * 86_400_000)) {
    throw new FormReplay("stale");
  }
  try {
    await tx.formSubmission.create({ data: { key: key as string, actorId } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FormReplay("duplicate");
    throw error;
  }
}

/** The answer to a replayed or stale creating form: nothing was done, and the page says so. */
export function replayReply<S extends z.ZodType>(
  submission: FormSubmissionOf<S>,
  replay: FormReplay,
  t: TFunction,
): SubmissionResult<string[]> {
  return submission.reply({
    formErrors: [t(replay.reason === "duplicate" ? "common:form.duplicate" : "common:form.stale")],
  });
}

/** The worker's sweep: keys past their life are refused anyway, so their records can go. */
export async function deleteSpentFormKeys(db: Tx, now = Date.now()) {
  const { count } = await db.formSubmission.deleteMany({
    where: { createdAt: { lt: new Date(now - (FORM_KEY_DAYS + 1) * 86_400_000) } },
  });
  return count;
}

export { FORM_KEY };
