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
 *
 * A fresh key does not make the same content new (ADR 021): the Back button, or the page
 * opened again, renders a new key, and Send then posts exactly what was sent a moment ago.
 * readSubmission() therefore also digests what was sent (the route, every field but the key,
 * each file's bytes), and spendFormKey() refuses the same actor's same content within
 * FORM_REPEAT_MINUTES as a "repeat", unless the model says a repeat is legitimate there.
 */
import crypto from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import { configureCoercion } from "@conform-to/zod/v4/future";
import type { Submission, SubmissionResult } from "@conform-to/react";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { isUniqueViolation, type Tx } from "~/db.server";
import { normalizeDigits } from "~/lib/digits";
import { FORM_KEY, FORM_KEY_DAYS, FORM_REPEAT_MINUTES } from "~/lib/forms";
import { readForm, type FormLimits, type ParsedForm } from "./form-data.server";

const NO_FILES: FormLimits = { maxFileBytes: 1, maxFiles: 0 };

export type FormSubmissionOf<S extends z.ZodType> = Submission<z.input<S>, string[], z.output<S>>;

export interface ReadSubmission<S extends z.ZodType> {
  submission: FormSubmissionOf<S>;
  /** The raw body: files, and flags for oversize or surplus files. */
  form: ParsedForm;
  /** What a creating form hands to its model, which spends it (spendFormKey). */
  sent: SentForm;
}

/**
 * A creating form as it was sent: its key (FORM_KEY, as posted, checked when spent) and the
 * digest of its content (contentDigest). Made by readSubmission; a model takes it whole.
 */
export interface SentForm {
  key: unknown;
  content: string;
}

/** One text value as its content: Unicode NFC, whitespace runs made one space, trimmed. */
function normalized(value: string): string {
  return value.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/**
 * The digest of what a form sent: the route's path (it names the case, the follow-up…), every
 * field but the key (sorted by name, each name's values in order, normalized; empty ones left
 * out, so an empty box and an absent one are the same), and the sha-256 of each file's bytes
 * (not its name). The intent is one of the fields, so two forms of one page differ.
 */
export function contentDigest(path: string, form: Pick<ParsedForm, "fields" | "files">): string {
  const fields = [...form.fields.entries()]
    .filter(([name]) => name !== FORM_KEY)
    .map(([name, values]) => [name, values.map(normalized).filter((v) => v !== "")] as const)
    .filter(([, values]) => values.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files = form.files.map((f) => crypto.createHash("sha256").update(f.bytes).digest("hex"));
  return crypto.createHash("sha256").update(JSON.stringify({ path, fields, files })).digest("hex");
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
  const sent: SentForm = {
    key: form.fields.get(FORM_KEY)?.[0],
    content: contentDigest(new URL(request.url).pathname, form),
  };
  return { submission, form, sent };
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

/**
 * This form was sent already ("duplicate"), its page is too old to trust ("stale"), or the
 * same actor sent exactly this content a moment ago with another key ("repeat").
 */
export class FormReplay extends Error {
  constructor(public readonly reason: "duplicate" | "stale" | "repeat") {
    super(`Form refused: ${reason}`);
    this.name = "FormReplay";
  }
}

export interface SpendOptions {
  /**
   * "allowed" where sending the same content again is a deliberate new act, and the model's
   * own state refuses an accidental one (booking a slot again after a cancellation, moving an
   * appointment back, starting a quote's next version). Default "refused".
   */
  repeats?: "refused" | "allowed";
  now?: number;
}

/**
 * Records the form's key in the writing transaction: the first submission commits it with
 * its work; a replay meets the unique key and does nothing. Keys older than FORM_KEY_DAYS
 * (their records are swept after that) are refused as stale. The same actor's same content
 * (SentForm.content) spent within FORM_REPEAT_MINUTES under another key is refused as a
 * repeat, and the key is then not kept (the transaction rolls back).
 */
export async function spendFormKey(
  tx: Tx,
  sent: SentForm,
  actorId: string | null,
  { repeats = "refused", now = Date.now() }: SpendOptions = {},
) {
  const key = sent.key;
  const match =
    typeof key === "string" ? /^([0-9a-z]{6,12})-[A-Za-z0-9_-]{16,40}$/.exec(key) : null;
  if (!match) throw new FormReplay("stale");
  const made = parseInt(match[1]!, 36);
  if (!(made <= now + 60_000 && now - made <= FORM_KEY_DAYS * 86_400_000)) {
    throw new FormReplay("stale");
  }
  const digest =
    repeats === "refused"
      ? crypto
          .createHash("sha256")
          .update(`${actorId ?? ""}\n${sent.content}`)
          .digest("hex")
      : null;
  try {
    await tx.formSubmission.create({
      data: { key: key as string, actorId, digest, createdAt: new Date(now) },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FormReplay("duplicate");
    throw error;
  }
  if (digest === null) return;
  const earlier = await tx.formSubmission.findFirst({
    where: {
      digest,
      key: { not: key as string },
      createdAt: { gte: new Date(now - FORM_REPEAT_MINUTES * 60_000) },
    },
    select: { key: true },
  });
  if (earlier) throw new FormReplay("repeat");
}

const REPLAY_MESSAGES = {
  duplicate: "common:form.duplicate",
  stale: "common:form.stale",
  repeat: "common:form.repeat",
} as const;

/** The answer to a replayed or stale creating form: nothing was done, and the page says so. */
export function replayReply<S extends z.ZodType>(
  submission: FormSubmissionOf<S>,
  replay: FormReplay,
  t: TFunction,
): SubmissionResult<string[]> {
  return submission.reply({
    formErrors: [t(REPLAY_MESSAGES[replay.reason])],
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
