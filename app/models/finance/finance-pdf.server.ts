/**
 * The quote and the receipt as PDFs, in the reader's language (the patient's case language,
 * or a staff member's own), with Intl money and dates in their time zone. The models gather
 * and translate; the Typst templates (app/infra/pdf/templates.ts) lay out (ADR 019).
 */
import type { TFunction } from "i18next";
import { getFixedT } from "~/i18n/i18n.server";
import type { ClinicOnDocuments } from "~/lib/site";
import { formatDate, formatDay, formatNumber, formatRate } from "~/lib/format";
import { percent, TERM_KEYS } from "~/lib/quote-view";
import { clinicSettings } from "~/models/site/clinic-settings.server";
import { rowText } from "~/lib/catalogue-text";
import {
  documentBase,
  money,
  renderPdf,
  rich,
  timeInZone,
  user,
  type Rich,
} from "~/infra/pdf.server";

/** A label and its value in the facts block. */
interface Fact {
  label: string;
  value: string | Rich;
}

/** A label and an amount; `strong` is the total, with a rule above it. */
interface Amount {
  label: string;
  amount: string | Rich;
  strong?: boolean;
}

interface QuoteLineForPdf {
  category: string;
  name: string;
  /** The name in other languages (ADR 024); absent in documents frozen before there were any. */
  translations?: string;
  unit: string;
  included: boolean;
  quantity: number;
  unitPriceMinor: number;
  discountBp: number;
  taxRule: string;
  taxMinor: number;
  totalMinor: number;
}

export interface QuoteForPdf {
  version: number;
  status: string;
  currency: string;
  baseCurrency: string;
  fxRate: string;
  grossMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  depositBp: number;
  depositMinor: number;
  balanceDueDays: number;
  termsVersion: string;
  note: string | null;
  validUntil: Date | null;
  issuedAt: Date | null;
  acceptedAt: Date | null;
  lines: QuoteLineForPdf[];
}

export interface CaseForPdf {
  number: string;
  patientName: string;
  programmeName: string;
  /**
   * The clinic's name and address as they stood when the document was issued (ADR 020).
   * Absent from documents issued before it was frozen with them: those keep the unit's name
   * from the translations, as they were first printed.
   */
  clinic?: ClinicOnDocuments | null;
  /** The programme's translations column (ADR 024); absent in documents frozen before it. */
  programmeTexts?: string;
}

/** The line above a finance document's heading: the clinic, by its profile where it has one. */
function clinicLine(kase: CaseForPdf, t: TFunction): string {
  return kase.clinic
    ? t("pdf.clinicOf", { name: user(kase.clinic.name), city: user(kase.clinic.city) })
    : t("pdf.clinic");
}

/** The programme's name for the reader, English when it has none in their language. */
export function programmeNameIn(kase: CaseForPdf, locale: string): string {
  return rowText({ name: kase.programmeName, translations: kase.programmeTexts }, "name", locale)
    .text;
}

export async function quotePdf(
  quote: QuoteForPdf,
  kase: CaseForPdf,
  locale: string,
  timeZone: string,
): Promise<Buffer> {
  const t = getFixedT(locale, "finance");
  const cash = (minor: number) => money(minor, quote.currency, locale);
  const date = (d: Date | null) => (d ? formatDate(d, locale, timeZone) : "—");
  const heading = rich(t, "pdf.quoteTitle", {
    caseNumber: { ltr: kase.number },
    version: formatNumber(quote.version, locale),
  });
  const facts: Fact[] = [
    { label: t("quote.patient"), value: user(kase.patientName) },
    { label: t("quote.programme"), value: user(programmeNameIn(kase, locale)) },
    { label: t("quote.issued"), value: date(quote.issuedAt) },
    {
      label: t("quote.validUntil"),
      value: quote.validUntil ? formatDay(quote.validUntil, locale) : "—",
    },
    { label: t("quote.currency"), value: [{ ltr: quote.currency }] },
  ];
  if (quote.acceptedAt) {
    facts.push({
      label: t("quote.acceptedOn"),
      value: timeInZone(quote.acceptedAt, locale, timeZone),
    });
  }
  const line = (l: QuoteLineForPdf) => ({
    name: user(rowText(l, "name", locale).text),
    detail: `${t(`category.${l.category}`)} · ${t(`unit.${l.unit}`)}`,
    quantity: formatNumber(l.quantity, locale),
    unitPrice: cash(l.unitPriceMinor),
    discount: l.discountBp ? percent(l.discountBp, locale) : "—",
    tax: cash(l.taxMinor),
    taxRule: t(`tax.${l.taxRule}`),
    total: cash(l.totalMinor),
  });
  const totals: Amount[] = [{ label: t("quote.gross"), amount: cash(quote.grossMinor) }];
  if (quote.discountMinor) {
    totals.push({ label: t("quote.discountTotal"), amount: cash(-quote.discountMinor) });
  }
  totals.push({ label: t("quote.taxTotal"), amount: cash(quote.taxMinor) });
  totals.push({ label: t("quote.total"), amount: cash(quote.totalMinor), strong: true });
  const title = t("pdf.quoteTitle", { caseNumber: kase.number, version: quote.version });
  return renderPdf(
    "quote",
    {
      ...documentBase(locale, title, t),
      clinic: clinicLine(kase, t),
      heading,
      statusNote:
        quote.status === "ISSUED" || quote.status === "ACCEPTED"
          ? null
          : t(`status.${quote.status}`),
      facts,
      rateNote:
        quote.currency === quote.baseCurrency
          ? null
          : rich(t, "quote.rateNote", {
              base: { ltr: quote.baseCurrency },
              // The whole formula in one left-to-right box: "1 EUR = 0.85 USD" in every language.
              formula: {
                ltr: t("quote.rateFormula", {
                  base: quote.baseCurrency,
                  rate: formatRate(quote.fxRate, locale),
                  currency: quote.currency,
                }),
              },
            }),
      columns: [
        t("quote.item"),
        t("quote.quantity"),
        t("quote.unitPrice"),
        t("quote.discount"),
        t("quote.taxTotal"),
        t("quote.lineTotal"),
      ],
      included: quote.lines.filter((l) => l.included).map(line),
      excluded: quote.lines.filter((l) => !l.included).map(line),
      totals,
      alwaysExcluded: (["flights", "visa", "personal"] as const).map((key) =>
        t(`quote.alwaysExcluded.${key}`),
      ),
      schedule: [
        {
          label: t("quote.depositLine", { percent: percent(quote.depositBp, locale) }),
          amount: cash(quote.depositMinor),
        },
        {
          label: t("quote.balanceLine", { days: formatNumber(quote.balanceDueDays, locale) }),
          amount: cash(quote.totalMinor - quote.depositMinor),
        },
      ],
      note: quote.note ? user(quote.note) : null,
      terms: TERM_KEYS.map((key) => t(`terms.${quote.termsVersion}.${key}`)),
      labels: {
        included: t("quote.included"),
        notIncluded: t("quote.notIncluded"),
        notIncludedIntro: t("quote.notIncludedIntro"),
        schedule: t("quote.schedule"),
        note: t("quote.note"),
        terms: rich(t, "terms.title", { version: { ltr: quote.termsVersion } }),
      },
    },
    clinicSettings().logo,
  );
}

export interface ReceiptForPdf {
  receiptNumber: string;
  kind: string;
  method: string;
  amountMinor: number;
  currency: string;
  reference: string | null;
  paidAt: Date;
  refundOf: string | null;
  cancelled?: boolean;
}

export interface AccountForPdf {
  quoteVersion: number | null;
  totalMinor: number;
  paidMinor: number;
  refundedMinor: number;
  outstandingMinor: number;
}

export async function receiptPdf(
  receipt: ReceiptForPdf,
  account: AccountForPdf,
  kase: CaseForPdf,
  locale: string,
  timeZone: string,
): Promise<Buffer> {
  const t = getFixedT(locale, "finance");
  const cash = (minor: number) => money(minor, receipt.currency, locale);
  const refund = receipt.kind === "REFUND";
  const titleKey = refund ? "pdf.creditNoteTitle" : "pdf.receiptTitle";
  const facts: Fact[] = [
    { label: t("receipt.number"), value: [{ ltr: receipt.receiptNumber }] },
    { label: t("receipt.date"), value: timeInZone(receipt.paidAt, locale, timeZone) },
    { label: t("quote.patient"), value: user(kase.patientName) },
    { label: t("receipt.case"), value: [{ ltr: kase.number }] },
    { label: t("quote.programme"), value: user(programmeNameIn(kase, locale)) },
    { label: t("receipt.kind"), value: t(`kind.${receipt.kind}`) },
    { label: t("receipt.method"), value: t(`method.${receipt.method}`) },
  ];
  if (receipt.reference) {
    facts.push({ label: t("receipt.reference"), value: [{ ltr: receipt.reference }] });
  }
  if (receipt.refundOf) {
    facts.push({ label: t("receipt.refundOf"), value: [{ ltr: receipt.refundOf }] });
  }
  if (account.quoteVersion) {
    facts.push({
      label: t("receipt.quote"),
      value: t("receipt.quoteVersion", { version: formatNumber(account.quoteVersion, locale) }),
    });
  }
  return renderPdf(
    "receipt",
    {
      ...documentBase(locale, t(titleKey, { number: receipt.receiptNumber }), t),
      clinic: clinicLine(kase, t),
      heading: rich(t, titleKey, { number: { ltr: receipt.receiptNumber } }),
      statusNote: receipt.cancelled ? t("receipt.cancelled") : null,
      facts,
      amountLabel: t(refund ? "receipt.refunded" : "receipt.received"),
      amount: cash(receipt.amountMinor),
      account: [
        { label: t("receipt.quoteTotal"), amount: cash(account.totalMinor) },
        { label: t("receipt.paidToDate"), amount: cash(account.paidMinor) },
        { label: t("receipt.refundedToDate"), amount: cash(account.refundedMinor) },
        { label: t("receipt.outstanding"), amount: cash(account.outstandingMinor), strong: true },
      ],
      footer: t("receipt.footer", { name: clinicSettings().bankAccountName }),
      labels: { account: t("receipt.account") },
    },
    clinicSettings().logo,
  );
}

export interface CancellationForPdf {
  /** The note's own number (from the credit-note sequence). */
  number: string;
  issuedAt: Date;
  /** What it cancels: a receipt (a payment in) or a credit note (a refund). */
  cancels: string;
  cancelsKind: string;
  method: string;
  amountMinor: number;
  currency: string;
  reference: string | null;
  paidAt: Date;
  /** Finance's reason; null for a refund that failed at the bank (a set sentence then). */
  reason: string | null;
}

/**
 * A cancellation note: the document that takes back a receipt recorded by mistake (or a
 * credit note whose refund failed). The cancelled document keeps its number and its bytes;
 * this one names it, says why, and shows the account as it stands without it.
 */
export async function cancellationPdf(
  note: CancellationForPdf,
  account: AccountForPdf,
  kase: CaseForPdf,
  locale: string,
  timeZone: string,
): Promise<Buffer> {
  const t = getFixedT(locale, "finance");
  const cash = (minor: number) => money(minor, note.currency, locale);
  const refund = note.cancelsKind === "REFUND";
  const facts: Fact[] = [
    { label: t("receipt.number"), value: [{ ltr: note.number }] },
    { label: t("receipt.date"), value: timeInZone(note.issuedAt, locale, timeZone) },
    { label: t("quote.patient"), value: user(kase.patientName) },
    { label: t("receipt.case"), value: [{ ltr: kase.number }] },
    { label: t("quote.programme"), value: user(programmeNameIn(kase, locale)) },
    {
      label: t(refund ? "cancellation.cancelsCreditNote" : "cancellation.cancelsReceipt"),
      value: [{ ltr: note.cancels }],
    },
    { label: t("cancellation.originalDate"), value: timeInZone(note.paidAt, locale, timeZone) },
    { label: t("receipt.kind"), value: t(`kind.${note.cancelsKind}`) },
    { label: t("receipt.method"), value: t(`method.${note.method}`) },
  ];
  if (note.reference) {
    facts.push({ label: t("receipt.reference"), value: [{ ltr: note.reference }] });
  }
  facts.push({
    label: t("cancellation.reason"),
    value: note.reason ? user(note.reason) : t("cancellation.refundFailed"),
  });
  const title = t("pdf.cancellationTitle", { number: note.number });
  return renderPdf(
    "receipt",
    {
      ...documentBase(locale, title, t),
      clinic: clinicLine(kase, t),
      heading: rich(t, "pdf.cancellationTitle", { number: { ltr: note.number } }),
      statusNote: rich(t, refund ? "cancellation.noteCreditNote" : "cancellation.noteReceipt", {
        number: { ltr: note.cancels },
      }),
      facts,
      amountLabel: t("cancellation.amount"),
      amount: cash(note.amountMinor),
      account: [
        { label: t("receipt.quoteTotal"), amount: cash(account.totalMinor) },
        { label: t("receipt.paidToDate"), amount: cash(account.paidMinor) },
        { label: t("receipt.refundedToDate"), amount: cash(account.refundedMinor) },
        { label: t("receipt.outstanding"), amount: cash(account.outstandingMinor), strong: true },
      ],
      footer: t("receipt.footer", { name: clinicSettings().bankAccountName }),
      labels: { account: t("receipt.account") },
    },
    clinicSettings().logo,
  );
}
