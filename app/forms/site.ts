/**
 * The clinic page's forms (staff.site, ADR 023): the clinic's facts, one doctor (name,
 * registration, programmes, order, shown or not, and their title and credentials in each
 * language), a new doctor, one question of the public pages (in each language, its place,
 * shown or not) and a new question. Messages are translation keys (site namespace).
 */
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { nativeDigits, normalizeDigits } from "~/lib/digits";
import { isCountry, toE164 } from "~/lib/phone";
import { DOCTOR_FIELDS, FAQ_FIELDS } from "~/lib/site";
import { cleanLine, cleanText } from "~/lib/text";
import { checkbox, recordId, wholeNumber } from "./quote";
import { textField } from "./translations";

const E = {
  required: "site:admin.errors.required",
  tooLong: "site:admin.errors.tooLong",
  phone: "site:admin.errors.phone",
  email: "site:admin.errors.email",
  country: "site:admin.errors.country",
  coordinate: "site:admin.errors.coordinate",
  position: "site:admin.errors.position",
  slugs: "site:admin.errors.slugs",
} as const;

/** A required line of at most `max` characters. */
const line = (max: number) =>
  z
    .string({ error: E.required })
    .transform(cleanLine)
    // The gate reads an emptied line as nothing: its message is ours, not zod's.
    .pipe(z.string({ error: E.required }).min(1, E.required).max(max, E.tooLong));

/** An optional line: empty is allowed. */
const optionalLine = (max: number, clean: (v: string) => string = cleanLine) =>
  z
    .string()
    .optional()
    // An empty control arrives as nothing (Conform reads "" as absent): it is an empty line.
    .transform((value) => clean(value ?? ""))
    .refine((value) => value.length <= max, { message: E.tooLong, params: { max } });

/** A number in any common writing ("0216 300 12 34", "+90 532 …"), stored in E.164. */
const phone = nativeDigits(
  z.string({ error: E.phone }).transform((value, ctx) => {
    const e164 = toE164(value, "TR");
    if (!e164) {
      ctx.addIssue({ code: "custom", message: E.phone });
      return z.NEVER;
    }
    return e164;
  }),
);

const coordinate = (limit: number) =>
  nativeDigits(
    z.string({ error: E.coordinate }).transform((value, ctx) => {
      const n = Number(value.trim().replace(",", "."));
      if (value.trim() === "" || !Number.isFinite(n) || Math.abs(n) > limit) {
        ctx.addIssue({ code: "custom", message: E.coordinate, params: { max: limit } });
        return z.NEVER;
      }
      return Math.round(n * 1e6) / 1e6;
    }),
  );

export const ClinicForm = z.object({
  intent: z.literal("clinic"),
  name: line(120),
  legalName: line(160),
  licenceNumber: line(60),
  authorisationNumber: line(60),
  accreditations: optionalLine(1000, cleanText),
  street: line(160),
  district: line(80),
  city: line(80),
  postcode: line(20),
  country: z
    .string({ error: E.country })
    .transform((v) => v.trim().toUpperCase())
    .refine(isCountry, E.country),
  latitude: coordinate(90),
  longitude: coordinate(180),
  phone,
  whatsapp: phone,
  email: z
    .string({ error: E.email })
    .transform((v) => v.trim())
    .pipe(z.email(E.email).max(200, E.tooLong)),
});

/** The name of one language's field: `title_ar`, `credentials_fa` (one convention, app/forms/translations). */
export { textField };

const texts = Object.fromEntries(
  LOCALES.flatMap((lng) =>
    DOCTOR_FIELDS.map((f) => [textField(f, lng), optionalLine(f === "title" ? 160 : 600)]),
  ),
) as Record<string, ReturnType<typeof optionalLine>>;

export const DoctorForm = z.object({
  intent: z.literal("doctor"),
  doctorId: recordId,
  name: line(120),
  registration: line(60),
  // Slugs may carry digits, typed in any script ("lupus-msc-٢" is "lupus-msc-2").
  programmes: optionalLine(300)
    .transform((v) => normalizeDigits(v))
    .refine((v) => v === "" || /^[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*$/.test(v), E.slugs),
  position: wholeNumber(0, 999, E.position, "0"),
  active: checkbox,
  ...texts,
});

export const NewDoctorForm = z.object({
  intent: z.literal("newDoctor"),
  name: line(120),
  registration: line(60),
});

/** A required text of several lines, at most `max` characters. */
const paragraph = (max: number) =>
  z
    .string({ error: E.required })
    .transform(cleanText)
    .pipe(z.string({ error: E.required }).min(1, E.required).max(max, E.tooLong));

const QUESTION_MAX = 300;
const ANSWER_MAX = 2000;

/** question_en, answer_en … answer_fa: English is required (it is the fallback), the rest not. */
const faqTexts = Object.fromEntries(
  LOCALES.flatMap((lng) =>
    FAQ_FIELDS.map((f) => {
      const max = f === "question" ? QUESTION_MAX : ANSWER_MAX;
      return [
        textField(f, lng),
        lng === "en"
          ? f === "question"
            ? line(max)
            : paragraph(max)
          : optionalLine(max, f === "question" ? cleanLine : cleanText),
      ];
    }),
  ),
) as Record<string, z.ZodType<string, string | undefined>>;

/** One question on the public pages: its words in each language, its place, shown or not. */
export const FaqForm = z.object({
  intent: z.literal("faq"),
  faqId: recordId,
  position: wholeNumber(0, 999, E.position, "0"),
  active: checkbox,
  ...faqTexts,
});

export const NewFaqForm = z.object({
  intent: z.literal("newFaq"),
  question: line(QUESTION_MAX),
  answer: paragraph(ANSWER_MAX),
});

export const SiteForm = z.discriminatedUnion("intent", [
  ClinicForm,
  DoctorForm,
  NewDoctorForm,
  FaqForm,
  NewFaqForm,
]);
