/**
 * Signed informed consent per procedure (issue 25).
 *
 * - Each programme's procedure consent is a FormDefinition of kind CONSENT (content:
 *   app/lib/consent-text.ts), drafted, published and retired by the shared versioning module.
 * - The patient signs the current published version in the language they read it in, with
 *   their typed full name and a drawn signature (or, the keyboard way, the typed name as the
 *   signature). One SignedConsent row per signature: the version, the language, the time, the
 *   IP and browser, the SHA-256 of the exact text signed (canonicalText) and of the signed
 *   PDF, which is stored encrypted in the document store.
 * - consentFacts() tells the stage guard whether the case's programme has a published consent
 *   that this case has not signed in its current version (TRAVEL_READY → IN_TREATMENT).
 * - Accepting a quote is signed the same way: a SignedConsent of kind QUOTE whose hash is the
 *   SHA-256 of the quote as issued (its frozen document, app/models/finance/issued.server.ts).
 *
 * Patients reach only their own case's signatures ("not found" otherwise); clinicians read
 * them with consent:read, and every staff download is audited.
 */
import crypto from "node:crypto";
import type { TFunction } from "i18next";
import { db, type Tx } from "~/db.server";
import { isLocale, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/infra/audit.server";
import { readStored, removeStored, writeEncrypted } from "~/infra/document-store.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import {
  documentBase,
  money,
  renderPdf,
  rich,
  timeInZone,
  user,
  type Rich,
} from "~/infra/pdf.server";
import { rowText } from "~/lib/catalogue-text";
import {
  canonicalText,
  ConsentContent,
  consentIn,
  paragraphs,
  type ConsentContentT,
  type ConsentText,
} from "~/lib/consent-text";
import { formatNumber } from "~/lib/format";
import { notFound, notThePatients } from "~/models/auth/auth.server";
import {
  definitionById,
  definitionHistory,
  discardDraft,
  draftDefinition,
  ensurePublished,
  publishDraft,
  publishedDefinition,
  saveDraft,
} from "~/models/catalogue/form-definitions.server";
import { clinicOnDocuments } from "~/models/site/clinic-documents.server";
import { checkSignaturePng } from "./signature.server";

const KIND = "CONSENT" as const;

/** Stages at which the patient may sign the procedure consent: after the quote, up to treatment. */
export const SIGNABLE_STAGES = [
  "QUOTE_ACCEPTED",
  "DEPOSIT_PAID",
  "SCHEDULED",
  "TRAVEL_READY",
  "IN_TREATMENT",
] as const;

export type SignatureMethod = "DRAWN" | "TYPED";

/** The typed full name: one line, 2 to 120 characters. */
export const TYPED_NAME_MAX = 120;

export class ConsentError extends Error {
  constructor(
    public readonly code: "not_found" | "state" | "changed" | "already",
    public readonly key: string,
  ) {
    super(key);
    this.name = "ConsentError";
  }
}

const sha256 = (bytes: string | Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

/** The SHA-256 of the canonical bytes of a text as signed (app/lib/consent-text.ts). */
export function textSha256(text: ConsentText): string {
  return sha256(Buffer.from(canonicalText(text), "utf8"));
}

// --- the guard -------------------------------------------------------------------------------

export interface ConsentFacts {
  /** The programme has a published procedure consent and its current version is unsigned. */
  missing: boolean;
}

export async function consentFacts(
  tx: Tx | typeof db,
  caseId: string,
  /** The case's programme, when the caller has read it (readFacts). */
  programmeId?: string,
): Promise<ConsentFacts> {
  const kase = programmeId
    ? { programmeId }
    : await tx.case.findUnique({ where: { id: caseId }, select: { programmeId: true } });
  if (!kase) return { missing: false };
  const current = await tx.formDefinition.findFirst({
    where: { programmeId: kase.programmeId, kind: KIND, status: "PUBLISHED" },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (!current) return { missing: false };
  const signed = await tx.signedConsent.findFirst({
    where: { caseId, kind: "PROCEDURE", definitionId: current.id },
    select: { id: true },
  });
  return { missing: !signed };
}

// --- the text, versioned ---------------------------------------------------------------------

export interface ConsentVersion {
  id: string;
  version: number;
  content: ConsentContentT;
}

/** The version patients sign now, or null when the programme has none published. */
export async function currentConsent(programmeId: string, tx: Tx = db) {
  const d = await publishedDefinition(programmeId, KIND, ConsentContent, tx);
  return d ? ({ id: d.id, version: d.version, content: d.content } as ConsentVersion) : null;
}

/** Seed: publish `content` as version 1 when the programme has no consent yet. */
export function ensureConsent(programmeId: string, content: ConsentContentT, tx: Tx = db) {
  return ensurePublished(programmeId, KIND, content, ConsentContent, tx);
}

export interface ConsentEditor {
  /** The draft, or (no draft) the published version, or nothing yet. */
  working: {
    version: number;
    status: "DRAFT" | "PUBLISHED" | "NONE";
    content: Partial<Record<Locale, ConsentText>>;
  };
  published: { version: number } | null;
  history: { id: string; version: number; status: string; publishedAt: Date | null }[];
}

export async function consentEditor(programmeId: string): Promise<ConsentEditor> {
  const [draft, published, history] = await Promise.all([
    draftDefinition(programmeId, KIND, ConsentContent),
    publishedDefinition(programmeId, KIND, ConsentContent),
    definitionHistory(programmeId, KIND),
  ]);
  const working = draft
    ? { version: draft.version, status: "DRAFT" as const, content: draft.content }
    : published
      ? { version: published.version, status: "PUBLISHED" as const, content: published.content }
      : { version: 1, status: "NONE" as const, content: {} };
  return {
    working,
    published: published ? { version: published.version } : null,
    history,
  };
}

interface Who {
  actorId: string;
  ip: string | null;
}

/**
 * Writes one language of the draft (made from the published text on first edit). English
 * comes first: a draft without it is refused, since every other language falls back to it.
 */
export async function saveConsentLanguage(
  programmeId: string,
  locale: Locale,
  text: ConsentText,
  who: Who,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const { working } = await consentEditor(programmeId);
  const content = { ...working.content, [locale]: text };
  if (!content.en) return { ok: false, error: "site:consentText.errors.english" };
  await saveDraft({
    programmeId,
    kind: KIND,
    content: content as ConsentContentT,
    schema: ConsentContent,
    actorId: who.actorId,
    ip: who.ip,
  });
  return { ok: true };
}

/** Removes one language (not English) from the draft. */
export async function removeConsentLanguage(programmeId: string, locale: Locale, who: Who) {
  if (locale === "en") return { ok: false as const, error: "site:consentText.errors.english" };
  const { working } = await consentEditor(programmeId);
  if (!working.content[locale] || !working.content.en) {
    return { ok: false as const, error: "site:consentText.errors.gone" };
  }
  const content = { ...working.content };
  delete content[locale];
  await saveDraft({
    programmeId,
    kind: KIND,
    content: content as ConsentContentT,
    schema: ConsentContent,
    actorId: who.actorId,
    ip: who.ip,
  });
  return { ok: true as const };
}

/** Publishes the draft: every patient must then sign the new version before treatment. */
export function publishConsent(programmeId: string, who: Who) {
  return publishDraft({ programmeId, kind: KIND, schema: ConsentContent, ...who });
}

export function discardConsentDraft(programmeId: string, who: Who) {
  return discardDraft({ programmeId, kind: KIND, ...who });
}

// --- the patient's page ----------------------------------------------------------------------

const SIGNED_LIST = {
  id: true,
  kind: true,
  version: true,
  definitionId: true,
  quoteId: true,
  language: true,
  typedName: true,
  signatureMethod: true,
  signedAt: true,
} as const;

/** What the portal's consent page shows: the text to sign (if any), and what was signed. */
export async function patientConsentPage(patientId: string, caseId: string, locale: string) {
  const kase = await db.case.findFirst({
    where: { id: caseId, patientId },
    select: {
      id: true,
      number: true,
      stage: true,
      programmeId: true,
      programme: { select: { name: true, translations: true } },
      patient: { select: { name: true } },
    },
  });
  if (!kase) return notThePatients(patientId, "Case", caseId);
  const [current, signed] = await Promise.all([
    currentConsent(kase.programmeId),
    // Both kinds: the procedure consents and the signed quote acceptances, each with its PDF.
    db.signedConsent.findMany({
      where: { caseId },
      orderBy: { signedAt: "desc" },
      select: SIGNED_LIST,
    }),
  ]);
  const shown = current ? consentIn(current.content, locale) : null;
  const signedCurrent = current
    ? signed.find((s) => s.kind === "PROCEDURE" && s.definitionId === current.id)
    : undefined;
  return {
    kase: { id: kase.id, number: kase.number, stage: kase.stage },
    patientName: kase.patient.name,
    current: current && shown ? { id: current.id, version: current.version, ...shown } : null,
    signedCurrent: signedCurrent ?? null,
    signed,
    canSign:
      Boolean(current) &&
      !signedCurrent &&
      (SIGNABLE_STAGES as readonly string[]).includes(kase.stage),
  };
}

/** Whether the case page should lead the patient to sign: a current version waits for them. */
export async function consentToSign(caseId: string) {
  const kase = await db.case.findUnique({ where: { id: caseId }, select: { stage: true } });
  if (!kase || !(SIGNABLE_STAGES as readonly string[]).includes(kase.stage)) return false;
  return (await consentFacts(db, caseId)).missing;
}

// --- signing ---------------------------------------------------------------------------------

export interface SignatureInput {
  typedName: string;
  method: SignatureMethod;
  /** The drawn signature as PNG bytes (DRAWN); null when the typed name is the signature. */
  png: Buffer | null;
  ip: string | null;
  userAgent: string | null;
  /** The patient's zone, for the time on the PDF. */
  timeZone: string;
}

export interface SignConsentInput extends SignatureInput {
  patientId: string;
  caseId: string;
  /** The version the page showed; if another has been published since, nothing is signed. */
  definitionId: string;
  /** The language the page showed the text in. */
  language: string;
  sent?: SentForm;
  now?: Date;
}

/**
 * Signs the procedure consent: once per version. A second press of the same form is refused by
 * its key, the same content from a fresh page as a repeat, and a second tab by the signature
 * already there; each signs nothing. The PDF is set and stored before the transaction and
 * removed again if the transaction refuses.
 */
export async function signConsent(input: SignConsentInput) {
  const now = input.now ?? new Date();
  const kase = await db.case.findFirst({
    where: { id: input.caseId, patientId: input.patientId },
    select: caseForPdf,
  });
  if (!kase) return notThePatients(input.patientId, "Case", input.caseId);
  const current = await currentConsent(kase.programmeId);
  if (!current || current.id !== input.definitionId) {
    throw new ConsentError("changed", "portal:consent.errors.changed");
  }
  const text = isLocale(input.language) ? current.content[input.language] : undefined;
  if (!text) throw new ConsentError("changed", "portal:consent.errors.changed");
  if (!(SIGNABLE_STAGES as readonly string[]).includes(kase.stage)) {
    throw new ConsentError("state", "portal:consent.errors.stage");
  }
  if (input.method === "DRAWN") checkSignaturePng(input.png ?? Buffer.alloc(0));
  const record = {
    id: crypto.randomUUID(),
    kind: "PROCEDURE" as const,
    version: current.version,
    language: input.language as Locale,
    typedName: input.typedName,
    method: input.method,
    ip: input.ip,
    userAgent: input.userAgent,
    signedAt: now,
    timeZone: input.timeZone,
    textSha256: textSha256(text),
  };
  const pdf = await consentPdf(kase, record, { kind: "PROCEDURE", text }, input.png);
  const storageKey = await writeEncrypted(pdf);
  try {
    return await db.$transaction(async (tx) => {
      if (input.sent) await spendFormKey(tx, input.sent, input.patientId);
      // Holds the case's row for the rest of the transaction (PostgreSQL), so two tabs signing
      // at once are taken one after the other and the second finds the first's signature.
      const locked = await tx.case.updateMany({
        where: { id: kase.id, patientId: input.patientId },
        data: { updatedAt: kase.updatedAt },
      });
      if (locked.count !== 1) throw new ConsentError("not_found", "portal:consent.errors.changed");
      const still = await tx.formDefinition.findFirst({
        where: { id: current.id, status: "PUBLISHED" },
        select: { id: true },
      });
      if (!still) throw new ConsentError("changed", "portal:consent.errors.changed");
      const twice = await tx.signedConsent.findFirst({
        where: { caseId: kase.id, kind: "PROCEDURE", definitionId: current.id },
        select: { id: true },
      });
      if (twice) throw new ConsentError("already", "portal:consent.errors.already");
      const row = await tx.signedConsent.create({
        data: {
          id: record.id,
          caseId: kase.id,
          kind: "PROCEDURE",
          definitionId: current.id,
          version: current.version,
          language: record.language,
          signerId: input.patientId,
          typedName: input.typedName,
          signatureMethod: input.method,
          textSha256: record.textSha256,
          ip: input.ip,
          userAgent: input.userAgent,
          signedAt: now,
          storageKey,
          pdfSha256: sha256(pdf),
        },
        select: { id: true, version: true },
      });
      await tx.caseEvent.create({
        data: {
          caseId: kase.id,
          type: "CONSENT_SIGNED",
          actorId: input.patientId,
          reason: `v${current.version}`,
        },
      });
      await audit(
        {
          actorId: input.patientId,
          action: "consent.sign",
          entity: "SignedConsent",
          entityId: row.id,
          caseId: kase.id,
          ip: input.ip,
          outcome: "success",
          detail: JSON.stringify({ version: current.version, language: record.language }),
        },
        tx,
      );
      return row;
    });
  } catch (error) {
    await removeStored(storageKey);
    throw error;
  }
}

// --- accepting a quote, signed ---------------------------------------------------------------

/**
 * The signed acceptance of an issued quote version, prepared before the accepting transaction:
 * the hash of the quote as issued (its frozen document's JSON) and the PDF, stored encrypted.
 * `record()` writes the row inside that transaction; `discard()` removes the file if it fails.
 */
export async function prepareQuoteSignature(
  input: SignatureInput & { patientId: string; caseId: string; quoteId: string; now: Date },
) {
  const kase = await db.case.findFirst({
    where: { id: input.caseId, patientId: input.patientId },
    select: caseForPdf,
  });
  const quote = await db.quote.findFirst({
    where: { id: input.quoteId, caseId: input.caseId, case: { patientId: input.patientId } },
    select: {
      id: true,
      version: true,
      currency: true,
      totalMinor: true,
      depositMinor: true,
      termsVersion: true,
    },
  });
  if (!kase || !quote) return null;
  const issued = await db.issuedDocument.findUnique({
    where: { kind_subjectId: { kind: "QUOTE", subjectId: quote.id } },
    select: { data: true },
  });
  if (input.method === "DRAWN") checkSignaturePng(input.png ?? Buffer.alloc(0));
  const language = (isLocale(kase.language) ? kase.language : "en") as Locale;
  // The quote as issued: its frozen JSON (what its PDF is always set from), or, for a version
  // issued before documents were frozen, its own figures.
  const quoteBytes = issued?.data ?? JSON.stringify(quote);
  const record = {
    id: crypto.randomUUID(),
    kind: "QUOTE" as const,
    version: quote.version,
    language,
    typedName: input.typedName,
    method: input.method,
    ip: input.ip,
    userAgent: input.userAgent,
    signedAt: input.now,
    timeZone: input.timeZone,
    textSha256: sha256(Buffer.from(quoteBytes, "utf8")),
  };
  const pdf = await consentPdf(kase, record, { kind: "QUOTE", quote }, input.png);
  const storageKey = await writeEncrypted(pdf);
  return {
    record: (tx: Tx) =>
      tx.signedConsent.create({
        data: {
          id: record.id,
          caseId: kase.id,
          kind: "QUOTE",
          quoteId: quote.id,
          version: quote.version,
          language,
          signerId: input.patientId,
          typedName: input.typedName,
          signatureMethod: input.method,
          textSha256: record.textSha256,
          ip: input.ip,
          userAgent: input.userAgent,
          signedAt: input.now,
          storageKey,
          pdfSha256: sha256(pdf),
        },
      }),
    discard: () => removeStored(storageKey),
  };
}

// --- the PDF ---------------------------------------------------------------------------------

const caseForPdf = {
  id: true,
  number: true,
  stage: true,
  language: true,
  updatedAt: true,
  programmeId: true,
  programme: { select: { name: true, translations: true } },
} as const;

type CaseForPdf = {
  number: string;
  programme: { name: string; translations: string | null };
};

interface RecordForPdf {
  id: string;
  kind: "PROCEDURE" | "QUOTE";
  version: number;
  language: Locale;
  typedName: string;
  method: string;
  ip: string | null;
  userAgent: string | null;
  signedAt: Date;
  timeZone: string;
  textSha256: string;
}

type Subject =
  | { kind: "PROCEDURE"; text: ConsentText }
  | {
      kind: "QUOTE";
      quote: {
        version: number;
        currency: string;
        totalMinor: number;
        depositMinor: number;
        termsVersion: string | null;
      };
    };

const ltr = (value: string) => ({ ltr: value });

/** The signed PDF, in the language signed: the text, the signature and the record. */
async function consentPdf(
  kase: CaseForPdf,
  r: RecordForPdf,
  subject: Subject,
  png: Buffer | null,
): Promise<Buffer> {
  const lng = r.language;
  const t = getFixedT(lng, ["portal", "common"]) as TFunction;
  // Numbers in the reader's digits (Persian ۰–۹).
  const version = formatNumber(r.version, lng);
  const clinic = await clinicOnDocuments();
  const programme = rowText(kase.programme, "name", lng).text;
  const languageName = new Intl.DisplayNames([lng], { type: "language" }).of(lng) ?? lng;
  const heading =
    subject.kind === "PROCEDURE" ? t("consent.pdf.title") : t("consent.pdf.quoteTitle");
  const body =
    subject.kind === "PROCEDURE"
      ? {
          textTitle: subject.text.title,
          sections: subject.text.sections.map((s) => ({
            heading: s.heading,
            paragraphs: paragraphs(s.body),
          })),
          statement: rich(t, "consent.pdf.statement", { name: user(r.typedName) }),
        }
      : {
          textTitle: t("consent.pdf.quoteHeading", { version }),
          sections: [
            {
              heading: t("consent.pdf.quoteSummary"),
              paragraphs: [
                // Amounts through the PDF's money(): a Latin currency sign stays in one
                // left-to-right box inside Arabic or Persian.
                rich(t, "consent.pdf.quoteTotal", {
                  total: money(subject.quote.totalMinor, subject.quote.currency, lng),
                  deposit: money(subject.quote.depositMinor, subject.quote.currency, lng),
                }),
                t("consent.pdf.quoteTerms", { terms: subject.quote.termsVersion ?? "—" }),
              ],
            },
          ],
          statement: rich(t, "consent.pdf.quoteStatement", {
            name: user(r.typedName),
            version,
          }),
        };
  const record: { label: string; value: string | Rich }[] = [
    { label: t("consent.pdf.case"), value: [ltr(kase.number)] },
    { label: t("consent.pdf.version"), value: version },
    { label: t("consent.pdf.language"), value: languageName },
    { label: t("consent.pdf.signedAt"), value: timeInZone(r.signedAt, lng, r.timeZone, "long") },
    { label: t("consent.pdf.utc"), value: [ltr(r.signedAt.toISOString())] },
    { label: t("consent.pdf.method"), value: t(`consent.pdf.methods.${r.method}`) },
    { label: t("consent.pdf.ip"), value: [ltr(r.ip ?? "—")] },
    { label: t("consent.pdf.userAgent"), value: user(r.userAgent ?? "—") },
    {
      label: subject.kind === "PROCEDURE" ? t("consent.pdf.textHash") : t("consent.pdf.quoteHash"),
      value: [ltr(r.textSha256)],
    },
    { label: t("consent.pdf.recordId"), value: [ltr(r.id)] },
  ];
  return renderPdf(
    "consent",
    {
      ...documentBase(lng, heading, t, "consent.pdf.page"),
      clinic: clinic ? user(clinic.name) : t("consent.pdf.clinic"),
      heading,
      subtitle: rich(t, "consent.pdf.subtitle", {
        programme: user(programme),
        version,
      }),
      notice: null,
      ...body,
      typedName: r.typedName,
      signedBy: rich(t, "consent.pdf.signedBy", { name: user(r.typedName) }),
      labels: { signature: t("consent.pdf.signature") },
      record,
    },
    // The drawn signature is the document's one mapped image.
    png ? { bytes: png, type: "image/png" } : null,
  );
}

// --- downloads -------------------------------------------------------------------------------

type SignedRow = {
  id: string;
  caseId: string;
  kind: string;
  definitionId: string | null;
  quoteId: string | null;
  version: number;
  language: string;
  typedName: string;
  signatureMethod: string;
  textSha256: string;
  ip: string | null;
  userAgent: string | null;
  signedAt: Date;
  storageKey: string | null;
};

/** The stored PDF, or null when it is gone (erased with the patient's data). */
async function pdfOf(row: SignedRow): Promise<Buffer | null> {
  return row.storageKey ? readStored(row.storageKey) : null;
}

/**
 * Seed and fixtures: sets and stores the PDF of a procedure signature recorded without one
 * (the demo seed signs by typed name), from the version signed, and keeps its hash. A download
 * never writes: a signature without its PDF is "not found" there. Idempotent.
 */
export async function ensureSignedPdf(id: string, tx: Tx = db): Promise<void> {
  const row = await tx.signedConsent.findUniqueOrThrow({ where: { id }, select: SIGNED_ROW });
  if (row.storageKey || !row.typedName || row.kind !== "PROCEDURE" || !row.definitionId) return;
  const def = await definitionById(row.definitionId, ConsentContent, tx);
  const text = def && isLocale(row.language) ? def.content[row.language] : undefined;
  if (!text) return;
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: row.caseId },
    select: { ...caseForPdf, timeZone: true },
  });
  const pdf = await consentPdf(
    kase,
    {
      id: row.id,
      kind: "PROCEDURE",
      version: row.version,
      language: row.language as Locale,
      typedName: row.typedName,
      method: row.signatureMethod,
      ip: row.ip,
      userAgent: row.userAgent,
      signedAt: row.signedAt,
      timeZone: kase.timeZone,
      textSha256: row.textSha256,
    },
    { kind: "PROCEDURE", text },
    null,
  );
  const storageKey = await writeEncrypted(pdf);
  const { count } = await tx.signedConsent.updateMany({
    where: { id: row.id, storageKey: null },
    data: { storageKey, pdfSha256: sha256(pdf) },
  });
  if (count !== 1) await removeStored(storageKey);
}

const SIGNED_ROW = {
  id: true,
  caseId: true,
  kind: true,
  definitionId: true,
  quoteId: true,
  version: true,
  language: true,
  typedName: true,
  signatureMethod: true,
  textSha256: true,
  ip: true,
  userAgent: true,
  signedAt: true,
  storageKey: true,
} as const;

/** The patient's own signed PDF; anyone else's, or none, is "not found". */
export async function patientConsentPdf(patientId: string, caseId: string, consentId: string) {
  const row = await db.signedConsent.findFirst({
    where: { id: consentId.slice(0, 64), caseId, case: { patientId } },
    select: SIGNED_ROW,
  });
  if (!row) return notThePatients(patientId, "SignedConsent", consentId);
  const pdf = await pdfOf(row);
  if (!pdf) notFound();
  return { pdf, row };
}

/** A clinician's download (consent:read, checked by the route), audited as a read. */
export async function staffConsentPdf(
  actor: { id: string; ip: string | null },
  caseId: string,
  consentId: string,
) {
  const row = await db.signedConsent.findFirst({
    where: { id: consentId.slice(0, 64), caseId },
    select: SIGNED_ROW,
  });
  if (!row) notFound();
  const pdf = await pdfOf(row);
  if (!pdf) notFound();
  await audit({
    actorId: actor.id,
    action: "consent.read",
    entity: "SignedConsent",
    entityId: row.id,
    caseId,
    ip: actor.ip,
    outcome: "success",
    detail: JSON.stringify({ kind: row.kind, version: row.version }),
  });
  return { pdf, row };
}

/** The staff case page's line: signed the current version, an older one, or not at all. */
export async function consentStatus(caseId: string) {
  const { programmeId } = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { programmeId: true },
  });
  const [current, signed] = await Promise.all([
    db.formDefinition.findFirst({
      where: { programmeId, kind: KIND, status: "PUBLISHED" },
      orderBy: { version: "desc" },
      select: { id: true, version: true },
    }),
    db.signedConsent.findMany({
      where: { caseId },
      orderBy: { signedAt: "desc" },
      select: {
        id: true,
        kind: true,
        version: true,
        definitionId: true,
        typedName: true,
        signedAt: true,
        language: true,
      },
    }),
  ]);
  const procedure = signed.filter((s) => s.kind === "PROCEDURE");
  const latest = procedure[0] ?? null;
  const state: "none" | "signed" | "older" | "unsigned" = !current
    ? "none"
    : procedure.some((s) => s.definitionId === current.id)
      ? "signed"
      : latest
        ? "older"
        : "unsigned";
  return {
    state,
    currentVersion: current?.version ?? null,
    latest: procedure.find((s) => s.definitionId === current?.id) ?? latest,
    signatures: signed,
  };
}

/** The download's file name: ASCII only, the kind and version. */
export function consentFileName(row: { kind: string; version: number }) {
  return row.kind === "QUOTE"
    ? `quote-acceptance-v${row.version}.pdf`
    : `procedure-consent-v${row.version}.pdf`;
}

/** The case page's lead to the consent: a version to sign now, and how many were signed. */
export async function consentOnCasePage(caseId: string) {
  const [due, signed] = await Promise.all([
    consentToSign(caseId),
    db.signedConsent.count({ where: { caseId, kind: "PROCEDURE" } }),
  ]);
  return { due, signed };
}
