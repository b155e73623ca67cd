/**
 * The enquiry: validation of the public form and its submission.
 *
 * validateEnquiry() checks every field with zod and the programme's questionnaire, and
 * returns translation keys per field, never a thrown error. submitEnquiry() then, in one
 * transaction, finds or creates the patient, opens the Case in ENQUIRY (which queues the
 * patient's confirmation and the coordinators' new-case emails) or, when the email already
 * has an open case, joins it as a new event and tells the patient so; it stores the
 * answers, the consent record and any medical records sent with the form.
 */
import { getCountries, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { LOCALES } from "~/i18n/config";
import { ENQUIRY_FIELDS } from "~/lib/enquiry-fields";
import { fieldName, isRedFlag, ORGANS, questionsFor, type Question } from "~/lib/questionnaires";
import { CONSENT_PURPOSE, CONSENT_VERSION } from "~/lib/consent";
import { createDocumentRows, storeCheckedFiles, type CheckedFile } from "./documents.server";
import { noticeToCoordinators } from "./notices.server";
import { enqueueEmail } from "./outbox.server";
import { openCase } from "./stage.server";
import { field, fieldAll, type ParsedForm } from "~/lib/form-data.server";

const COUNTRIES = new Set<string>(getCountries());
export function isCountry(value: string): value is CountryCode {
  return COUNTRIES.has(value);
}

/** The number in E.164 when it is valid for the country, else null (full metadata). */
export function toE164(phone: string, country: string): string | null {
  const number = parsePhoneNumberFromString(phone, country as CountryCode);
  return number?.isValid() ? number.number : null;
}

let zones: Set<string> | undefined;
export function isTimeZone(value: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return zones.has(value);
}

const thisYear = () => new Date().getUTCFullYear();

/** Error values are keys under errors.* in locales/<lng>/enquiry.json. */
const Base = z.object({
  name: z.string().trim().min(2, "nameRequired").max(120, "tooLong"),
  email: z.string().trim().toLowerCase().max(254, "tooLong").pipe(z.email("email")),
  phoneCountry: z.string().refine(isCountry, "phoneCountry"),
  phone: z.string().trim().min(1, "phoneRequired").max(30, "phone"),
  country: z.string().refine(isCountry, "country"),
  language: z.enum(LOCALES, "language"),
  timeZone: z.string().refine(isTimeZone, "timeZone"),
  programme: z.string().min(1, "programme").max(80, "programme"),
  diagnosis: z.string().trim().min(2, "diagnosisRequired").max(300, "tooLong"),
  diagnosedYear: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{4}$/.test(v), "year")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= 1940 && v <= thisYear()), "year"),
  medication: z.string().trim().max(2000, "tooLong"),
  steroidDose: z
    .string()
    .trim()
    .transform((v) => v.replace(",", "."))
    .refine((v) => v === "" || /^\d{1,4}(\.\d{1,2})?$/.test(v), "dose")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= 1000, "dose"),
  organs: z.array(z.enum(ORGANS, "organs")).max(ORGANS.length, "organs"),
  consent: z.literal("yes", "consent"),
});

export interface EnquiryData {
  name: string;
  email: string;
  phone: string;
  country: string;
  language: (typeof LOCALES)[number];
  timeZone: string;
  programme: { id: string; slug: string };
  diagnosis: string;
  diagnosedYear: number | null;
  medication: string | null;
  steroidDoseMg: number | null;
  organs: string[];
  answers: { questionId: string; value: string; redFlag: boolean }[];
}

export type FieldErrors = Record<string, string>;

function checkAnswer(question: Question, raw: string): string | null {
  const value = raw.trim();
  if (value === "") return "answerRequired";
  switch (question.type) {
    case "yesno":
      return value === "yes" || value === "no" ? null : "answerInvalid";
    case "choice":
      return question.options.includes(value) ? null : "answerInvalid";
    case "number": {
      if (!/^\d{1,4}$/.test(value)) return "answerNumber";
      const n = Number(value);
      return n >= question.min && n <= question.max ? null : "answerNumber";
    }
  }
}

export async function validateEnquiry(
  form: ParsedForm,
): Promise<{ ok: true; data: EnquiryData } | { ok: false; errors: FieldErrors }> {
  const input = {
    ...Object.fromEntries(ENQUIRY_FIELDS.map((name) => [name, field(form, name)])),
    organs: fieldAll(form, "organs"),
    consent: field(form, "consent"),
  };
  const errors: FieldErrors = {};
  const parsed = Base.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      errors[key] ??= issue.message;
    }
  }

  const slug = field(form, "programme");
  const programme = slug
    ? await db.programme.findFirst({
        where: { slug, active: true },
        select: { id: true, slug: true },
      })
    : null;
  if (!programme) errors.programme ??= "programme";

  let phone = "";
  if (!errors.phone && !errors.phoneCountry) {
    const e164 = toE164(field(form, "phone"), field(form, "phoneCountry"));
    if (e164) phone = e164;
    else errors.phone = "phone";
  }

  const answers: EnquiryData["answers"] = [];
  for (const question of programme ? questionsFor(programme.slug) : []) {
    const name = fieldName(programme!.slug, question.id);
    const value = field(form, name).trim();
    const problem = checkAnswer(question, value);
    if (problem) errors[name] = problem;
    else answers.push({ questionId: question.id, value, redFlag: isRedFlag(question, value) });
  }

  if (Object.keys(errors).length > 0 || !parsed.success || !programme) {
    return { ok: false, errors };
  }
  const d = parsed.data;
  return {
    ok: true,
    data: {
      name: d.name,
      email: d.email,
      phone,
      country: d.country,
      language: d.language,
      timeZone: d.timeZone,
      programme,
      diagnosis: d.diagnosis,
      diagnosedYear: d.diagnosedYear,
      medication: d.medication || null,
      steroidDoseMg: d.steroidDose,
      organs: [...new Set(d.organs)],
      answers,
    },
  };
}

/** Stages in which a case is still open, so a new enquiry joins it. */
const CLOSED_STAGES = ["NOT_ELIGIBLE", "CLOSED", "CANCELLED"];

export interface SubmitMeta {
  ip: string | null;
  files: CheckedFile[];
}

export type SubmitResult =
  | { outcome: "opened"; caseId: string }
  | { outcome: "joined"; caseId: string }
  /** The address belongs to a staff account: nothing is stored, the visitor is told the same. */
  | { outcome: "ignored" };

export async function submitEnquiry(data: EnquiryData, meta: SubmitMeta): Promise<SubmitResult> {
  return storeCheckedFiles(meta.files, (stored) =>
    db.$transaction(async (tx) => {
      let patient = await tx.user.findUnique({
        where: { email: data.email },
        select: { id: true, role: true, name: true, locale: true },
      });
      if (patient && patient.role !== "PATIENT") {
        if (stored.length) throw new Error("Refusing to store files for a staff address");
        return { outcome: "ignored" } as const;
      }
      // An existing patient's details are not changed by an unauthenticated form: anyone
      // can type an address. They change them in the portal after signing in.
      patient ??= await tx.user.create({
        data: {
          email: data.email,
          name: data.name,
          role: "PATIENT",
          locale: data.language,
          timeZone: data.timeZone,
          phone: data.phone,
          country: data.country,
        },
        select: { id: true, role: true, name: true, locale: true },
      });

      const open = await tx.case.findFirst({
        where: { patientId: patient.id, stage: { notIn: CLOSED_STAGES } },
        orderBy: { createdAt: "desc" },
        select: { id: true, number: true, language: true, coordinatorId: true },
      });
      const redFlagCount = data.answers.filter((a) => a.redFlag).length;
      let caseId: string;
      if (open) {
        caseId = open.id;
        await tx.case.update({
          where: { id: caseId },
          data: { redFlagCount: { increment: redFlagCount } },
        });
        await tx.caseEvent.create({
          data: { caseId, type: "ENQUIRY_REPEAT", actorId: patient.id },
        });
        await queueJoinedEmails(tx, open, patient);
      } else {
        const kase = await openCase(tx, {
          patientId: patient.id,
          programmeId: data.programme.id,
          language: data.language,
          timeZone: data.timeZone,
          country: data.country,
          conditionSummary: data.diagnosis,
          redFlagCount,
        });
        caseId = kase.id;
      }

      await tx.enquiry.create({
        data: {
          caseId,
          programmeId: data.programme.id,
          locale: data.language,
          diagnosis: data.diagnosis,
          diagnosedYear: data.diagnosedYear,
          medication: data.medication,
          steroidDoseMg: data.steroidDoseMg,
          organs: data.organs.join(","),
          redFlagCount,
          answers: { create: data.answers },
        },
      });
      await tx.consent.create({
        data: {
          userId: patient.id,
          caseId,
          purpose: CONSENT_PURPOSE,
          version: CONSENT_VERSION,
          locale: data.language,
          ip: meta.ip,
        },
      });
      if (stored.length) {
        await createDocumentRows(
          tx,
          { caseId, kind: "MEDICAL_RECORD", uploadedById: patient.id },
          stored,
        );
      }
      return { outcome: open ? "joined" : "opened", caseId } as const;
    }),
  );
}

async function queueJoinedEmails(
  tx: Tx,
  kase: { id: string; number: string; language: string; coordinatorId: string | null },
  patient: { name: string; id: string },
) {
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const user = await tx.user.findUniqueOrThrow({
    where: { id: patient.id },
    select: { email: true, name: true },
  });
  await enqueueEmail(tx, {
    caseId: kase.id,
    to: { email: user.email, name: user.name, locale: kase.language },
    template: "notice",
    data: {
      notice: "enquiryJoined",
      audience: "patient",
      caseNumber: kase.number,
      recipientName: user.name,
      link: `${appUrl}/portal/cases/${kase.id}`,
    },
  });
  await noticeToCoordinators(tx, kase, "enquiryJoinedStaff");
}
