/**
 * Finance documents are fixed when they are issued (ADR 020). A receipt, a credit note, a
 * cancellation note and an issued quote version each get an IssuedDocument row in the
 * transaction that issues them: the JSON their PDF is set from (the amounts, the account as it
 * stood, the patient's name, the case's time zone), frozen. The first download in a language
 * renders that JSON and stores the bytes (IssuedPdf); every later download in that language
 * gets exactly those bytes, whatever happens to the case after (a refund, a revision, an
 * expiry, a void, a new template).
 *
 * Language: a document is issued in the case's language (the patient's), and that is what a
 * download gets unless it asks for another (staff reading a quote in their own language with
 * ?lang=staff): that language's PDF is set from the same frozen JSON at its first download
 * and is then fixed too. So every language of one document says the same thing.
 *
 * Documents issued before this existed are frozen at their first download (`frozenOrNow`).
 */
import crypto from "node:crypto";
import { db, isUniqueViolation, type Tx } from "~/db.server";
import {
  cancellationPdf,
  quotePdf,
  receiptPdf,
  type AccountForPdf,
  type CancellationForPdf,
  type CaseForPdf,
  type QuoteForPdf,
  type ReceiptForPdf,
} from "~/models/finance/finance-pdf.server";
import { balanceOf } from "~/lib/ledger";
import { QUOTE_VIEW } from "~/models/finance/quotes.server";
import { clinicOnDocuments } from "~/models/site/clinic-documents.server";

export const ISSUED_KINDS = ["RECEIPT", "CREDIT_NOTE", "CANCELLATION_NOTE", "QUOTE"] as const;
export type IssuedKind = (typeof ISSUED_KINDS)[number];

interface Frozen<T> {
  kase: CaseForPdf;
  timeZone: string;
  doc: T;
  account?: AccountForPdf;
}

/** The case's facts a document prints, and its language and time zone. */
async function caseFacts(tx: Tx, caseId: string) {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      number: true,
      language: true,
      timeZone: true,
      patient: { select: { name: true } },
      programme: { select: { name: true, translations: true } },
    },
  });
  return {
    locale: kase.language,
    timeZone: kase.timeZone,
    kase: {
      number: kase.number,
      patientName: kase.patient.name,
      programmeName: kase.programme.name,
      // The clinic as it stands now, frozen with the document (ADR 020).
      clinic: await clinicOnDocuments(tx),
      programmeTexts: kase.programme.translations,
    } satisfies CaseForPdf,
  };
}

/** The account of the case as it stands in `tx`: what a receipt or note prints. */
async function accountNow(tx: Tx, caseId: string): Promise<AccountForPdf> {
  const [quote, payments] = await Promise.all([
    tx.quote.findFirst({
      where: { caseId, status: "ACCEPTED" },
      select: { version: true, totalMinor: true, depositMinor: true },
    }),
    tx.payment.findMany({
      where: { caseId },
      select: { id: true, kind: true, status: true, amountMinor: true, refundOfId: true },
    }),
  ]);
  const balance = balanceOf(quote, payments);
  return {
    quoteVersion: quote?.version ?? null,
    totalMinor: quote?.totalMinor ?? 0,
    paidMinor: balance.paidMinor,
    refundedMinor: balance.refundedMinor,
    outstandingMinor: balance.outstandingMinor,
  };
}

async function store(
  tx: Tx,
  caseId: string,
  kind: IssuedKind,
  subjectId: string,
  number: string | null,
  locale: string,
  data: unknown,
) {
  const existing = await tx.issuedDocument.findUnique({
    where: { kind_subjectId: { kind, subjectId } },
  });
  // Issued once: never written over.
  if (existing) return existing;
  return tx.issuedDocument.create({
    data: { caseId, kind, subjectId, number, locale, data: JSON.stringify(data) },
  });
}

/** Freezes a payment's receipt (money in) or credit note (a refund), as it is now in `tx`. */
export async function freezeReceipt(tx: Tx, paymentId: string) {
  const p = await tx.payment.findUniqueOrThrow({
    where: { id: paymentId },
    include: { refundOf: { select: { receiptNumber: true } } },
  });
  if (!p.receiptNumber || !p.paidAt) throw new Error(`payment ${paymentId} has no receipt`);
  const { locale, timeZone, kase } = await caseFacts(tx, p.caseId);
  const doc: ReceiptForPdf = {
    receiptNumber: p.receiptNumber,
    kind: p.kind,
    method: p.method,
    amountMinor: p.amountMinor,
    currency: p.currency,
    reference: p.reference,
    paidAt: p.paidAt,
    refundOf: p.refundOf?.receiptNumber ?? null,
  };
  const data: Frozen<ReceiptForPdf> = {
    kase,
    timeZone,
    doc,
    account: await accountNow(tx, p.caseId),
  };
  const kind = p.kind === "REFUND" ? "CREDIT_NOTE" : "RECEIPT";
  return store(tx, p.caseId, kind, p.id, p.receiptNumber, locale, data);
}

/** Freezes the cancellation note of a voided payment (or of a refund that failed). */
export async function freezeCancellation(tx: Tx, paymentId: string) {
  const p = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (!p.voidNumber || !p.voidedAt || !p.receiptNumber || !p.paidAt) {
    throw new Error(`payment ${paymentId} has no cancellation note`);
  }
  const { locale, timeZone, kase } = await caseFacts(tx, p.caseId);
  const doc: CancellationForPdf = {
    number: p.voidNumber,
    issuedAt: p.voidedAt,
    cancels: p.receiptNumber,
    cancelsKind: p.kind,
    method: p.method,
    amountMinor: p.amountMinor,
    currency: p.currency,
    reference: p.reference,
    paidAt: p.paidAt,
    reason: p.voidReason,
  };
  const data: Frozen<CancellationForPdf> = {
    kase,
    timeZone,
    doc,
    account: await accountNow(tx, p.caseId),
  };
  return store(tx, p.caseId, "CANCELLATION_NOTE", p.id, p.voidNumber, locale, data);
}

/** Freezes an issued quote version with its lines, as issued. */
export async function freezeQuote(tx: Tx, quoteId: string) {
  const q = await tx.quote.findUniqueOrThrow({
    where: { id: quoteId },
    select: { ...QUOTE_VIEW, caseId: true },
  });
  if (q.status === "DRAFT") throw new Error(`quote ${quoteId} is a draft`);
  const { locale, timeZone, kase } = await caseFacts(tx, q.caseId);
  const { caseId, ...quote } = q;
  const data: Frozen<QuoteForPdf> = { kase, timeZone, doc: quote };
  return store(tx, caseId, "QUOTE", q.id, `v${q.version}`, locale, data);
}

type IssuedRow = Awaited<ReturnType<typeof store>>;

/** JSON turned the dates into strings; the PDF builders want Dates back (these keys only). */
const DATES = new Set(["paidAt", "issuedAt", "validUntil", "acceptedAt", "declinedAt"]);
function revive(json: string): Frozen<unknown> {
  return JSON.parse(json, (key, value: unknown) =>
    typeof value === "string" && DATES.has(key) ? new Date(value) : value,
  ) as Frozen<unknown>;
}

function render(row: IssuedRow, locale: string): Promise<Buffer> {
  const frozen = revive(row.data);
  const { kase, timeZone } = frozen;
  switch (row.kind as IssuedKind) {
    case "RECEIPT":
    case "CREDIT_NOTE":
      return receiptPdf(frozen.doc as ReceiptForPdf, frozen.account!, kase, locale, timeZone);
    case "CANCELLATION_NOTE":
      return cancellationPdf(
        frozen.doc as CancellationForPdf,
        frozen.account!,
        kase,
        locale,
        timeZone,
      );
    case "QUOTE":
      return quotePdf(frozen.doc as QuoteForPdf, kase, locale, timeZone);
  }
}

/**
 * The PDF of an issued document in `locale` (by default the language it was issued in):
 * the stored bytes, or, at the first download in that language, set from the frozen JSON and
 * stored. Two first downloads at once both answer with the bytes that were stored.
 */
export async function issuedPdfBytes(row: IssuedRow, locale?: string) {
  const language = locale ?? row.locale;
  const where = { documentId_locale: { documentId: row.id, locale: language } };
  const stored = await db.issuedPdf.findUnique({ where, select: { bytes: true } });
  if (stored) return { bytes: Buffer.from(stored.bytes), locale: language };
  const bytes = await render(row, language);
  try {
    await db.issuedPdf.create({
      data: {
        documentId: row.id,
        locale: language,
        bytes: new Uint8Array(bytes),
        sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      },
    });
    return { bytes, locale: language };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const first = await db.issuedPdf.findUniqueOrThrow({ where, select: { bytes: true } });
    return { bytes: Buffer.from(first.bytes), locale: language };
  }
}

/**
 * The issued document of `kind` for `subjectId`, or, for one issued before documents were
 * frozen, frozen now (`freeze`) and then fixed like any other.
 */
export async function frozenOrNow(
  kind: IssuedKind,
  subjectId: string,
  freeze: (tx: Tx) => Promise<IssuedRow>,
): Promise<IssuedRow> {
  const found = await db.issuedDocument.findUnique({
    where: { kind_subjectId: { kind, subjectId } },
  });
  if (found) return found;
  try {
    return await db.$transaction(freeze);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.issuedDocument.findUniqueOrThrow({
      where: { kind_subjectId: { kind, subjectId } },
    });
  }
}
