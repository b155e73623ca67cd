/**
 * The public enquiry form (enquire): who the visitor is, their condition, the chosen
 * programme's questionnaire (its answers posted as q.<programme>.<question>) and their
 * consent. Every problem is reported at once, beside its field: the phone number and the
 * questionnaire are checked even when other fields fail. The files are checked apart, by
 * the document store; whether the programme is still offered is the model's check
 * (app/models/enquiry/enquiry.server.ts). Messages are translation keys; the action
 * translates them (app/infra/forms.server.ts).
 */
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { nativeDigits } from "~/lib/digits";
import { isCountry, toE164 } from "~/lib/phone";
import {
  answerProblem,
  legacyQuestionnaire,
  type Questionnaire,
} from "~/lib/questionnaire-content";
import { ORGANS, QUESTIONNAIRES } from "~/lib/questionnaires";
import { cleanLine, cleanText } from "~/lib/text";
import { isTimeZone } from "~/lib/time-zones";

/** The form's id: its controls are `enquiry-<field>`. */
export const ENQUIRY_FORM = "enquiry";

const thisYear = () => new Date().getUTCFullYear();
/** The earliest year of diagnosis; the message names it ({{min, year}}: in the reader's digits). */
const YEAR_MIN = 1940;
const YEAR_ERROR = { message: "enquiry:errors.year", params: { min: YEAR_MIN, example: 2015 } };
const text = (key: string) => z.string({ error: key });
const organs = new Set<string>(ORGANS);

/** A programme's questionnaire by slug; nothing for a slug that is not one (nor Object's own names). */
export type QuestionnaireOf = (slug: string) => Questionnaire | undefined;

/** The built-in questionnaires (structure only): what the form checks without the database. */
const builtIn: QuestionnaireOf = (slug) =>
  Object.hasOwn(QUESTIONNAIRES, slug) ? legacyQuestionnaire(slug, () => undefined) : undefined;

/** The answer posted as q.<slug>.<id>, if any (the form's nested values, read with care). */
export function answerOf(q: unknown, slug: string, id: string): unknown {
  const own = (value: unknown, key: string) =>
    value !== null && typeof value === "object" && Object.hasOwn(value, key)
      ? (value as Record<string, unknown>)[key]
      : undefined;
  return own(own(q, slug), id);
}

/** The longest name a person may give (the enquiry form and the portal's settings). */
export const NAME_MAX = 120;

const Fields = z.object({
  name: text("enquiry:errors.nameRequired")
    .transform(cleanLine)
    .pipe(
      z.string().min(2, "enquiry:errors.nameRequired").max(NAME_MAX, "enquiry:errors.nameTooLong"),
    ),
  email: text("enquiry:errors.email")
    .trim()
    .toLowerCase()
    .max(254, "enquiry:errors.tooLong")
    .pipe(z.email("enquiry:errors.email")),
  phoneCountry: text("enquiry:errors.phoneCountry").refine(
    isCountry,
    "enquiry:errors.phoneCountry",
  ),
  phone: nativeDigits(
    text("enquiry:errors.phoneRequired")
      .trim()
      .min(1, "enquiry:errors.phoneRequired")
      .max(30, "enquiry:errors.phone"),
  ),
  country: text("enquiry:errors.country").refine(isCountry, "enquiry:errors.country"),
  language: z.enum(LOCALES, { error: "enquiry:errors.language" }),
  timeZone: text("enquiry:errors.timeZone").refine(isTimeZone, "enquiry:errors.timeZone"),
  programme: text("enquiry:errors.programme").max(80, "enquiry:errors.programme"),
  diagnosis: text("enquiry:errors.diagnosisRequired")
    .transform(cleanLine)
    .pipe(z.string().min(2, "enquiry:errors.diagnosisRequired").max(300, "enquiry:errors.tooLong")),
  diagnosedYear: nativeDigits(
    z
      .string()
      .trim()
      .refine((v) => v === "" || /^\d{4}$/.test(v), YEAR_ERROR)
      .transform((v) => (v === "" ? null : Number(v)))
      .refine((v) => v === null || (v >= YEAR_MIN && v <= thisYear()), YEAR_ERROR)
      .optional(),
  ),
  medication: z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(2000, "enquiry:errors.tooLong"))
    .optional(),
  steroidDose: nativeDigits(
    z
      .string()
      .trim()
      .transform((v) => v.replace(",", "."))
      .refine((v) => v === "" || /^\d{1,4}(\.\d{1,2})?$/.test(v), "enquiry:errors.dose")
      .transform((v) => (v === "" ? null : Number(v)))
      .refine((v) => v === null || v <= 1000, "enquiry:errors.dose")
      .optional(),
  ),
  // Checked as a whole, so a problem shows beside the group, not on one box of it.
  organs: z
    .array(z.string())
    .refine(
      (list) => list.length <= ORGANS.length && list.every((o) => organs.has(o)),
      "enquiry:errors.organs",
    ),
  consent: z.literal("yes", { error: "enquiry:errors.consent" }),
  /**
   * The channels the visitor opts in to (issue 24), both unticked by default. Only known
   * channels are kept (toEnquiry); a tampered value is dropped rather than refused.
   */
  channels: z.array(z.string()).optional(),
  /** Answers by programme and question (checked below): only the chosen programme's count. */
  q: nativeDigits(z.unknown().optional()),
});

/**
 * The form, checking the answers against each programme's questionnaire (the version the
 * page asked: app/models/catalogue/questionnaire.server.ts).
 */
export function enquiryFormFor(questionnaireOf: QuestionnaireOf) {
  return Fields.superRefine(
    (input, ctx) => {
      const { phone, phoneCountry } = input as Partial<z.output<typeof Fields>>;
      if (
        typeof phone === "string" &&
        phone.length > 0 &&
        phone.length <= 30 &&
        isCountry(phoneCountry) &&
        !toE164(phone, phoneCountry)
      ) {
        ctx.addIssue({ code: "custom", path: ["phone"], message: "enquiry:errors.phone" });
      }
      const slug = (input as { programme?: unknown }).programme;
      if (typeof slug !== "string") return;
      const answers = (input as { q?: unknown }).q;
      for (const question of questionnaireOf(slug)?.questions ?? []) {
        const problem = answerProblem(question, answerOf(answers, slug, question.id));
        if (problem) {
          ctx.addIssue({
            code: "custom",
            path: ["q", slug, question.id],
            message: problem.message,
            ...(problem.params ? { params: problem.params } : {}),
          });
        }
      }
    },
    // Run even when other fields failed: every problem is shown at once.
    { when: () => true },
  );
}

/** The form with the built-in questionnaires (the shape every version shares). */
export const EnquiryForm = enquiryFormFor(builtIn);

export type EnquiryInput = z.output<typeof EnquiryForm>;

/** What the owner of the address decides about a held enquiry: confirm it, or discard it. */
const choice = (error: string) => z.enum(["confirm", "discard"], { error });

/**
 * From the emailed link's page: the link's token identifies the enquiry. Whatever is wrong,
 * the answer is the same: the link cannot be used.
 */
const linkGone = "enquiry:confirmPage.invalid";
export const ConfirmLinkForm = z.object({
  intent: choice(linkGone),
  token: z.string({ error: linkGone }).min(1, linkGone).max(200, linkGone),
});

/** From the portal, signed in: the enquiry's id (only ones sent with the patient's address). */
const pendingGone = "portal:pending.gone";
export const PendingChoiceForm = z.object({
  intent: choice(pendingGone),
  id: z.string({ error: pendingGone }).min(1, pendingGone).max(64, pendingGone),
});
