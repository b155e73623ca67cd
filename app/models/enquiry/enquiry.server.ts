/**
 * The enquiry: validation of the public form, and what happens to it.
 *
 * validateEnquiry() checks every field with zod and the programme's questionnaire, and
 * returns translation keys per field, never a thrown error.
 *
 * Anyone can type any address into a public form, so an enquiry from a visitor who is not
 * signed in never touches an account (ADR 015). holdEnquiry() keeps it as a PendingEnquiry,
 * with its files checked and encrypted, and emails the address a single-use confirmation
 * link. It does the same work for every address, known or not, so neither the answer nor
 * its timing says who is a patient; only the email says what happened. When the owner of
 * the address confirms (confirmPendingEnquiry(), from the link; or signed in, from the
 * portal), attachEnquiry() does what the form used to do at once, in one transaction: it
 * finds or creates the patient, opens the Case in ENQUIRY or joins the open one, and stores
 * the answers, red flags, consent and records, recording who confirmed it. A signed-in
 * patient's own enquiry is attached straight away (submitOwnEnquiry()).
 */
import { cleanLine, cleanText } from "~/lib/text";
import { CLOSED_STAGES } from "~/lib/stages";
import { isPatient, ROLE } from "~/lib/permissions";
import { getCountries, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { LOCALES } from "~/i18n/config";
import { isTimeZone } from "~/lib/time-zones";
import { ENQUIRY_FIELDS } from "~/lib/enquiry-fields";
import { fieldName, isRedFlag, ORGANS, questionsFor, type Question } from "~/lib/questionnaires";
import { CONSENT_PURPOSE, CONSENT_VERSION } from "~/lib/consent";
import crypto from "node:crypto";
import {
  createDocumentRows,
  removeStored,
  storeCheckedFiles,
  type CheckedFile,
  type StoredFile,
} from "~/infra/document-store.server";
import { hashToken } from "~/models/auth/magic-link.server";
import { noticeToCoordinators } from "~/models/cases/notices.server";
import { enqueueEmail, SECRET_LINK } from "~/infra/outbox.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { openCase } from "~/models/cases/stage.server";
import { field, fieldAll, type ParsedForm } from "~/infra/form-data.server";

const COUNTRIES = new Set<string>(getCountries());
export function isCountry(value: string): value is CountryCode {
  return COUNTRIES.has(value);
}

/** The number in E.164 when it is valid for the country, else null (full metadata). */
export function toE164(phone: string, country: string): string | null {
  const number = parsePhoneNumberFromString(phone, country as CountryCode);
  return number?.isValid() ? number.number : null;
}

export { isTimeZone };

const thisYear = () => new Date().getUTCFullYear();

/** Error values are keys under errors.* in locales/<lng>/enquiry.json. */
const Base = z.object({
  name: z.string().transform(cleanLine).pipe(z.string().min(2, "nameRequired").max(120, "tooLong")),
  email: z.string().trim().toLowerCase().max(254, "tooLong").pipe(z.email("email")),
  phoneCountry: z.string().refine(isCountry, "phoneCountry"),
  phone: z.string().trim().min(1, "phoneRequired").max(30, "phone"),
  country: z.string().refine(isCountry, "country"),
  language: z.enum(LOCALES, "language"),
  timeZone: z.string().refine(isTimeZone, "timeZone"),
  programme: z.string().min(1, "programme").max(80, "programme"),
  diagnosis: z
    .string()
    .transform(cleanLine)
    .pipe(z.string().min(2, "diagnosisRequired").max(300, "tooLong")),
  diagnosedYear: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{4}$/.test(v), "year")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= 1940 && v <= thisYear()), "year"),
  medication: z.string().transform(cleanText).pipe(z.string().max(2000, "tooLong")),
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

const appUrl = () => env().APP_URL.replace(/\/$/, "");

// --- from the public form, signed out: held until the owner of the address confirms -----

export interface HoldMeta {
  ip: string | null;
  files: CheckedFile[];
}

/**
 * Keeps the enquiry aside and emails the address a confirmation link. Returns nothing: the
 * visitor is told the same whatever the address is. Files are stored encrypted now, so they
 * need not be sent again, and deleted with the enquiry if it is never confirmed.
 */
export async function holdEnquiry(data: EnquiryData, meta: HoldMeta): Promise<void> {
  const owner = await db.user.findUnique({
    where: { email: data.email },
    select: { id: true, role: true, name: true, locale: true, active: true },
  });
  // An address that has had its share of confirmation emails today gets no more: the form
  // cannot be used to flood someone's inbox. The visitor is told the same as ever.
  const perAddress = await hit(`enquiry:email:${data.email}`, LIMITS.enquiryPerEmail);
  if (!perAddress.allowed) return;

  const token = crypto.randomBytes(32).toString("base64url");
  const hours = env().ENQUIRY_CONFIRM_HOURS;
  const link = `${appUrl()}/enquire/confirm?token=${token}`;
  const variant = !owner ? "new" : isPatient(owner) ? "existing" : "staff";
  // A staff address is never a patient: nothing is kept, and the owner is told.
  const files = variant === "staff" ? [] : meta.files;
  await storeCheckedFiles(files, (stored) =>
    db.$transaction(async (tx) => {
      if (variant !== "staff") {
        await tx.pendingEnquiry.create({
          data: {
            email: data.email,
            tokenHash: hashToken(token),
            payload: JSON.stringify(data),
            files: JSON.stringify(stored),
            locale: data.language,
            ip: meta.ip,
            expiresAt: new Date(Date.now() + hours * 3_600_000),
          },
        });
      }
      await enqueueEmail(tx, {
        to: {
          email: data.email,
          // The name typed into the form is not trusted on an existing account's email.
          name: owner ? owner.name : data.name,
          locale: owner?.locale ?? data.language,
        },
        template: "enquiry-confirm",
        data: {
          variant,
          recipientName: owner ? owner.name : data.name,
          link: variant === "staff" ? `${appUrl()}/login` : SECRET_LINK,
          hours,
        },
        ...(variant === "staff" ? {} : { secretLink: link }),
      });
    }),
  );
}

export interface PendingSummary {
  id: string;
  /** The address it was sent with: only its owner may attach it. */
  email: string;
  programme: string;
  name: string;
  /** Everything the form held, shown before it is confirmed: nothing unseen is attached. */
  details: {
    diagnosis: string;
    diagnosedYear: number | null;
    medication: string | null;
    steroidDoseMg: number | null;
    organs: string[];
    answers: { questionId: string; value: string }[];
  };
  fileNames: string[];
  createdAt: string;
  expiresAt: string;
  fileCount: number;
  /** The zone the form gave, to show its times in. */
  timeZone: string;
  /** The open case it would join, if the address has one. */
  joinsCase: string | null;
}

type PendingRow = {
  id: string;
  email: string;
  payload: string;
  files: string;
  createdAt: Date;
  expiresAt: Date;
  confirmedAt: Date | null;
  discardedAt: Date | null;
};

const PENDING_SELECT = {
  id: true,
  email: true,
  payload: true,
  files: true,
  createdAt: true,
  expiresAt: true,
  confirmedAt: true,
  discardedAt: true,
} as const;

function isLive(row: PendingRow | null, now = new Date()): row is PendingRow {
  return Boolean(row && !row.confirmedAt && !row.discardedAt && row.expiresAt > now);
}

async function summarise(row: PendingRow): Promise<PendingSummary> {
  const data = JSON.parse(row.payload) as EnquiryData;
  const [programme, open] = await Promise.all([
    db.programme.findUnique({ where: { id: data.programme.id }, select: { slug: true } }),
    db.case.findFirst({
      where: { patient: { email: row.email }, stage: { notIn: [...CLOSED_STAGES] } },
      orderBy: { createdAt: "desc" },
      select: { number: true },
    }),
  ]);
  const files = JSON.parse(row.files) as StoredFile[];
  return {
    id: row.id,
    email: row.email,
    programme: programme?.slug ?? data.programme.slug,
    name: data.name,
    details: {
      diagnosis: data.diagnosis,
      diagnosedYear: data.diagnosedYear,
      medication: data.medication,
      steroidDoseMg: data.steroidDoseMg,
      organs: data.organs,
      answers: data.answers.map((a) => ({ questionId: a.questionId, value: a.value })),
    },
    fileNames: files.map((f) => f.fileName),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    fileCount: files.length,
    timeZone: data.timeZone,
    joinsCase: open?.number ?? null,
  };
}

const validToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** What the confirmation page shows for a link; null when the link is unknown, used or expired. */
export async function pendingByToken(token: string): Promise<PendingSummary | null> {
  if (!validToken(token)) return null;
  const row = await db.pendingEnquiry.findUnique({
    where: { tokenHash: hashToken(token) },
    select: PENDING_SELECT,
  });
  return isLive(row) ? summarise(row) : null;
}

/** Enquiries sent with a signed-in patient's address and not yet confirmed. */
export async function pendingForPatient(user: { email: string }): Promise<PendingSummary[]> {
  const rows = await db.pendingEnquiry.findMany({
    where: {
      email: user.email,
      confirmedAt: null,
      discardedAt: null,
      expiresAt: { gt: new Date() },
    },
    orderBy: { createdAt: "asc" },
    select: PENDING_SELECT,
    take: 20,
  });
  return Promise.all(rows.map(summarise));
}

export function countPendingForPatient(user: { email: string }): Promise<number> {
  return db.pendingEnquiry.count({
    where: {
      email: user.email,
      confirmedAt: null,
      discardedAt: null,
      expiresAt: { gt: new Date() },
    },
  });
}

export type ConfirmResult =
  { ok: true; caseId: string; userId: string } | { ok: false; reason: "invalid" | "inactive" };

/**
 * The owner of the address confirms. The claim is a conditional update, so a link used twice
 * at once confirms once; the rest runs in the same transaction, and a failure leaves the
 * enquiry pending.
 */
async function confirmRow(
  where: { tokenHash: string } | { id: string; email: string },
  meta: { ip: string | null; via: "link" | "portal"; userId?: string },
): Promise<ConfirmResult> {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const row = await tx.pendingEnquiry.findFirst({ where, select: PENDING_SELECT });
    if (!isLive(row, now)) return { ok: false, reason: "invalid" } as const;
    const claimed = await tx.pendingEnquiry.updateMany({
      where: { id: row.id, confirmedAt: null, discardedAt: null },
      data: { confirmedAt: now },
    });
    if (claimed.count !== 1) return { ok: false, reason: "invalid" } as const;
    const data = JSON.parse(row.payload) as EnquiryData;
    const files = JSON.parse(row.files) as StoredFile[];
    const existing = await tx.user.findUnique({
      where: { email: row.email },
      select: { id: true, role: true, active: true },
    });
    if (existing && (!isPatient(existing) || !existing.active)) {
      return { ok: false, reason: "inactive" } as const;
    }
    if (meta.userId && existing?.id !== meta.userId)
      return { ok: false, reason: "invalid" } as const;
    const attached = await attachEnquiry(tx, data, {
      ip: meta.ip,
      files,
      via: meta.via,
    });
    await tx.pendingEnquiry.update({
      where: { id: row.id },
      data: {
        confirmedById: attached.patientId,
        confirmedVia: meta.via,
        caseId: attached.caseId,
        payload: "{}",
        files: "[]",
      },
    });
    return { ok: true, caseId: attached.caseId, userId: attached.patientId } as const;
  });
}

/** From the emailed link: whoever holds it owns the address. */
export function confirmPendingEnquiry(token: string, meta: { ip: string | null }) {
  if (!validToken(token)) return Promise.resolve({ ok: false, reason: "invalid" } as const);
  return confirmRow({ tokenHash: hashToken(token) }, { ...meta, via: "link" });
}

/** From the portal: the signed-in patient confirms one sent with their address. */
export function confirmPendingForPatient(
  user: { id: string; email: string },
  id: string,
  meta: { ip: string | null },
) {
  return confirmRow({ id, email: user.email }, { ...meta, via: "portal", userId: user.id });
}

async function discardRow(where: { tokenHash: string } | { id: string; email: string }) {
  const row = await db.pendingEnquiry.findFirst({ where, select: PENDING_SELECT });
  if (!isLive(row)) return false;
  const { count } = await db.pendingEnquiry.updateMany({
    where: { id: row.id, confirmedAt: null, discardedAt: null },
    data: { discardedAt: new Date(), payload: "{}", files: "[]" },
  });
  if (count === 1) await removeFiles(row.files);
  return count === 1;
}

/** "This was not me": the enquiry and its files are deleted; nothing was ever attached. */
export function discardPendingEnquiry(token: string) {
  if (!validToken(token)) return Promise.resolve(false);
  return discardRow({ tokenHash: hashToken(token) });
}

export function discardPendingForPatient(user: { email: string }, id: string) {
  return discardRow({ id, email: user.email });
}

async function removeFiles(json: string) {
  const files = JSON.parse(json) as StoredFile[];
  await Promise.all(files.map((f) => removeStored(f.storageKey)));
}

/**
 * The worker's sweep: unconfirmed enquiries past their link's life are deleted with their
 * files; confirmed and discarded ones keep only their record (who, when, which case).
 */
export async function deleteExpiredPendingEnquiries(now = new Date()) {
  const rows = await db.pendingEnquiry.findMany({
    where: { confirmedAt: null, discardedAt: null, expiresAt: { lt: now } },
    select: { id: true, files: true },
    take: 500,
  });
  for (const row of rows) {
    const { count } = await db.pendingEnquiry.deleteMany({
      where: { id: row.id, confirmedAt: null, discardedAt: null },
    });
    if (count === 1) await removeFiles(row.files);
  }
  return rows.length;
}

// --- a signed-in patient's own enquiry ----------------------------------------------------

/** The patient is signed in as the address's owner: the enquiry goes to their case now. */
export async function submitOwnEnquiry(
  user: { id: string; email: string },
  data: EnquiryData,
  meta: HoldMeta,
): Promise<{ caseId: string }> {
  return storeCheckedFiles(meta.files, (stored) =>
    db.$transaction(async (tx) => {
      const attached = await attachEnquiry(
        tx,
        { ...data, email: user.email },
        { ip: meta.ip, files: stored, via: "portal" },
      );
      return { caseId: attached.caseId };
    }),
  );
}

// --- attaching a confirmed enquiry --------------------------------------------------------

/**
 * In the caller's transaction: finds or creates the patient of the address, opens the Case
 * in ENQUIRY (which queues the patient's and coordinators' emails) or joins the open one as
 * a new event, and stores the answers, red flags, consent and records. The patient is the
 * actor: they sent it and confirmed it.
 */
async function attachEnquiry(
  tx: Tx,
  data: EnquiryData,
  meta: { ip: string | null; files: StoredFile[]; via: "link" | "portal" },
): Promise<{ caseId: string; patientId: string; outcome: "opened" | "joined" }> {
  let patient = await tx.user.findUnique({
    where: { email: data.email },
    select: { id: true, name: true },
  });
  // An existing patient's details are not changed by a form: they change them in the portal.
  patient ??= await tx.user.create({
    data: {
      email: data.email,
      name: data.name,
      role: ROLE.PATIENT,
      locale: data.language,
      timeZone: data.timeZone,
      phone: data.phone,
      country: data.country,
    },
    select: { id: true, name: true },
  });

  const open = await tx.case.findFirst({
    where: { patientId: patient.id, stage: { notIn: [...CLOSED_STAGES] } },
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
      data: { caseId, type: "ENQUIRY_REPEAT", actorId: patient.id, reason: meta.via },
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
  if (meta.files.length) {
    await createDocumentRows(
      tx,
      { caseId, kind: "MEDICAL_RECORD", uploadedById: patient.id },
      meta.files,
    );
  }
  return { caseId, patientId: patient.id, outcome: open ? "joined" : "opened" };
}

async function queueJoinedEmails(
  tx: Tx,
  kase: { id: string; number: string; language: string; coordinatorId: string | null },
  patient: { name: string; id: string },
) {
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
      link: `${appUrl()}/portal/cases/${kase.id}`,
    },
  });
  await noticeToCoordinators(tx, kase, "enquiryJoinedStaff");
}
