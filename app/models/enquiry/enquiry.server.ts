/**
 * The enquiry: validation of the public form, and what happens to it.
 *
 * The form is checked by its schema (app/forms/enquiry.ts); toEnquiry() finds its programme
 * and turns the checked answers into what is stored, red flags included.
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
 *
 * Both carry the form's key (app/infra/forms.server.ts), spent first in the transaction
 * that keeps the enquiry: a second press of the button does not send it twice.
 */
import { CLOSED_STAGES } from "~/lib/stages";
import { isPatient, ROLE } from "~/lib/permissions";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { LOCALES } from "~/i18n/config";
import { answerOf, type EnquiryInput } from "~/forms/enquiry";
import { toE164 } from "~/lib/phone";
import { isRedFlagAnswer, storedValue, type QuestionnaireView } from "~/lib/questionnaire-content";
import { CONSENT_PURPOSE, CONSENT_VERSION } from "~/lib/consent";
import {
  CHANNEL_CONSENT_PURPOSE,
  CHANNEL_CONSENT_VERSION,
  CHANNELS,
  type Channel,
} from "~/lib/message-templates";
import { startPhoneVerification } from "~/models/channels/phone.server";
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
import { questionnaireById } from "~/models/catalogue/questionnaire.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { recordInboxItem } from "~/models/inbox/inbox.server";

/** The enquiry as it is held and attached: checked, with the programme found and the phone in E.164. */
export interface EnquiryData {
  name: string;
  email: string;
  phone: string;
  country: string;
  language: (typeof LOCALES)[number];
  timeZone: string;
  programme: { id: string; slug: string };
  /** The questionnaire version answered (null: the built-in one, no version published). */
  questionnaireId?: string | null;
  diagnosis: string;
  diagnosedYear: number | null;
  medication: string | null;
  steroidDoseMg: number | null;
  organs: string[];
  answers: { questionId: string; value: string; redFlag: boolean }[];
  /**
   * The channels ticked on the form (issue 24), in the form's order. Absent in enquiries held
   * before the opt-in existed: none.
   */
  channels?: Channel[];
}

/**
 * The checked form (app/forms/enquiry.ts) as an enquiry: null when its programme is not one
 * the clinic offers now (the form's list may be older than a change of the catalogue).
 */
export async function toEnquiry(
  input: EnquiryInput,
  questionnaires: ReadonlyMap<string, QuestionnaireView>,
): Promise<EnquiryData | null> {
  const programme = await db.programme.findFirst({
    where: { slug: input.programme, active: true },
    select: { id: true, slug: true },
  });
  const phone = toE164(input.phone, input.phoneCountry);
  const questionnaire = programme ? questionnaires.get(programme.slug) : undefined;
  if (!programme || !phone || !questionnaire) return null;
  return {
    name: input.name,
    email: input.email,
    phone,
    country: input.country,
    language: input.language,
    timeZone: input.timeZone,
    programme,
    questionnaireId: questionnaire.id,
    diagnosis: input.diagnosis,
    diagnosedYear: input.diagnosedYear ?? null,
    medication: input.medication || null,
    steroidDoseMg: input.steroidDose ?? null,
    organs: [...new Set(input.organs)],
    // A question left out (not required) stores no answer.
    answers: questionnaire.content.questions.flatMap((question) => {
      const value = storedValue(question, answerOf(input.q, programme.slug, question.id));
      return value === ""
        ? []
        : [{ questionId: question.id, value, redFlag: isRedFlagAnswer(question, value) }];
    }),
    channels: CHANNELS.filter((c) => input.channels?.includes(c)),
  };
}

const appUrl = () => env().APP_URL.replace(/\/$/, "");

// --- from the public form, signed out: held until the owner of the address confirms -----

export interface HoldMeta {
  ip: string | null;
  files: CheckedFile[];
  /** The form as sent (its FORM_KEY and content): spent once, with the enquiry. */
  key: SentForm;
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
  if (!perAddress.allowed) {
    // Its key is spent all the same: the answer to a form sent twice does not change.
    await db.$transaction((tx) => spendFormKey(tx, meta.key, null));
    return;
  }

  const token = crypto.randomBytes(32).toString("base64url");
  const hours = env().ENQUIRY_CONFIRM_HOURS;
  const link = `${appUrl()}/enquire/confirm?token=${token}`;
  const variant = !owner ? "new" : isPatient(owner) ? "existing" : "staff";
  // A staff address is never a patient: nothing is kept, and the owner is told.
  const files = variant === "staff" ? [] : meta.files;
  await storeCheckedFiles(files, (stored) =>
    db.$transaction(async (tx) => {
      await spendFormKey(tx, meta.key, null);
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
  /** The programme's English name and its translations (ADR 024), for the reader's language. */
  programmeText: { name: string; translations: string };
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
  /** The questionnaire version it answered, to show each answer with its question. */
  questionnaire: QuestionnaireView;
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
    db.programme.findUnique({
      where: { id: data.programme.id },
      select: { slug: true, name: true, translations: true },
    }),
    db.case.findFirst({
      where: { patient: { email: row.email }, stage: { notIn: [...CLOSED_STAGES] } },
      orderBy: { createdAt: "desc" },
      select: { number: true },
    }),
  ]);
  const files = JSON.parse(row.files) as StoredFile[];
  const questionnaire = await questionnaireById(data.questionnaireId, data.programme);
  return {
    id: row.id,
    questionnaire,
    email: row.email,
    programme: programme?.slug ?? data.programme.slug,
    programmeText: programme
      ? { name: programme.name, translations: programme.translations }
      : { name: data.programme.slug, translations: "{}" },
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
 * After the enquiry is committed: a patient who opted in to WhatsApp or SMS and whose number
 * is not proved yet is sent a code on the first channel they chose. It runs after the commit,
 * in its own transaction, so a refusal there (no number, too many codes this hour) never undoes
 * the enquiry; the patient can ask for a code again in the portal's settings.
 */
async function verifyAfterEnquiry(attached: { patientId: string; verifyBy: Channel | null }) {
  if (attached.verifyBy) await startPhoneVerification(attached.patientId, attached.verifyBy);
}

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
  let verifyBy: Channel | null = null;
  const result = await db.$transaction(async (tx) => {
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
    verifyBy = attached.verifyBy;
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
  if (result.ok) await verifyAfterEnquiry({ patientId: result.userId, verifyBy });
  return result;
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
  const attached = await storeCheckedFiles(meta.files, (stored) =>
    db.$transaction(async (tx) => {
      await spendFormKey(tx, meta.key, user.id);
      return attachEnquiry(
        tx,
        { ...data, email: user.email },
        { ip: meta.ip, files: stored, via: "portal" },
      );
    }),
  );
  await verifyAfterEnquiry(attached);
  return { caseId: attached.caseId };
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
): Promise<{
  caseId: string;
  patientId: string;
  outcome: "opened" | "joined";
  verifyBy: Channel | null;
}> {
  let patient = await tx.user.findUnique({
    where: { email: data.email },
    select: { id: true, name: true, phone: true, phoneVerifiedAt: true },
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
    select: { id: true, name: true, phone: true, phoneVerifiedAt: true },
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
    const event = await tx.caseEvent.create({
      data: { caseId, type: "ENQUIRY_REPEAT", actorId: patient.id, reason: meta.via },
      select: { id: true },
    });
    await recordInboxItem(tx, { caseId, kind: "ENQUIRY", eventId: event.id });
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
    const opened = await tx.caseEvent.findFirst({
      where: { caseId, type: "STAGE_CHANGE" },
      select: { id: true },
    });
    await recordInboxItem(tx, { caseId, kind: "ENQUIRY", eventId: opened?.id ?? null });
  }

  await tx.enquiry.create({
    data: {
      caseId,
      programmeId: data.programme.id,
      questionnaireId: data.questionnaireId ?? null,
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
  // The opt-in to news by WhatsApp or SMS (issue 24), one consent per channel ticked, kept
  // like the health-data consent: which wording (its version), in which language, when, from where.
  const channels = data.channels ?? [];
  for (const channel of channels) {
    await tx.consent.create({
      data: {
        userId: patient.id,
        caseId,
        purpose: CHANNEL_CONSENT_PURPOSE[channel],
        version: CHANNEL_CONSENT_VERSION,
        locale: data.language,
        ip: meta.ip,
      },
    });
  }
  if (meta.files.length) {
    await createDocumentRows(
      tx,
      { caseId, kind: "MEDICAL_RECORD", uploadedById: patient.id },
      meta.files,
    );
  }
  // An existing patient's number is the one in their settings (the form does not change it):
  // the code goes there, unless it is proved already.
  const verifyBy = channels[0] && patient.phone && !patient.phoneVerifiedAt ? channels[0] : null;
  return { caseId, patientId: patient.id, outcome: open ? "joined" : "opened", verifyBy };
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
