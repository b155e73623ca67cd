/**
 * The quote and the receipt as PDFs, in the reader's language (the patient's case language,
 * or a staff member's own), with Intl money and dates in their time zone.
 */
import { getFixedT } from "~/i18n/i18n.server";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { percent, TERM_KEYS } from "~/lib/quote-view";
import { env } from "~/env.server";
import { ltr, Pdf } from "~/infra/pdf.server";

interface QuoteLineForPdf {
  category: string;
  name: string;
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
}

export async function quotePdf(
  quote: QuoteForPdf,
  kase: CaseForPdf,
  locale: string,
  timeZone: string,
): Promise<Buffer> {
  const t = getFixedT(locale, "finance");
  const money = (minor: number) => formatMoney(minor, quote.currency, locale);
  const pdf = new Pdf(locale, {
    title: t("pdf.quoteTitle", { caseNumber: ltr(kase.number), version: quote.version }),
    subject: kase.programmeName,
  });
  pdf.text(t("pdf.clinic"), { size: 9, color: "#555555" });
  pdf.text(t("pdf.quoteTitle", { caseNumber: ltr(kase.number), version: quote.version }), {
    size: 17,
    weight: "bold",
  });
  if (quote.status !== "ISSUED" && quote.status !== "ACCEPTED") {
    pdf.text(t(`status.${quote.status}`), { size: 11, weight: "bold", color: "#A11A1A" });
  }
  pdf.space(4);
  const facts: [string, string][] = [
    [t("quote.patient"), kase.patientName],
    [t("quote.programme"), kase.programmeName],
    [t("quote.issued"), quote.issuedAt ? formatDate(quote.issuedAt, locale, timeZone) : "—"],
    [
      t("quote.validUntil"),
      quote.validUntil ? formatDate(quote.validUntil, locale, timeZone) : "—",
    ],
    [t("quote.currency"), quote.currency],
  ];
  if (quote.acceptedAt) {
    facts.push([t("quote.acceptedOn"), formatDateTime(quote.acceptedAt, locale, timeZone)]);
  }
  for (const [label, value] of facts) {
    pdf.row(
      [
        { text: label, share: 0.3, weight: "bold" },
        { text: value, share: 0.7 },
      ],
      10,
    );
  }
  if (quote.currency !== quote.baseCurrency) {
    pdf.text(
      t("quote.rateNote", {
        base: quote.baseCurrency,
        rate: ltr(quote.fxRate),
        currency: quote.currency,
      }),
      { size: 8.5, color: "#444444" },
    );
  }

  const header = () => {
    pdf.row(
      [
        { text: t("quote.item"), share: 0.42, weight: "bold" },
        { text: t("quote.quantity"), share: 0.1, align: "end", weight: "bold" },
        { text: t("quote.unitPrice"), share: 0.17, align: "end", weight: "bold" },
        { text: t("quote.discount"), share: 0.11, align: "end", weight: "bold" },
        { text: t("quote.lineTotal"), share: 0.2, align: "end", weight: "bold" },
      ],
      8.5,
    );
    pdf.rule();
  };
  const line = (l: QuoteLineForPdf) => {
    pdf.row(
      [
        {
          text: `${t(`category.${l.category}`)}\n${l.name} · ${t(`unit.${l.unit}`)} · ${t(`tax.${l.taxRule}`)}`,
          share: 0.42,
        },
        { text: String(l.quantity), share: 0.1, align: "end" },
        { text: money(l.unitPriceMinor), share: 0.17, align: "end" },
        { text: l.discountBp ? percent(l.discountBp, locale) : "—", share: 0.11, align: "end" },
        { text: money(l.totalMinor), share: 0.2, align: "end" },
      ],
      8.5,
    );
  };

  pdf.space(8);
  pdf.text(t("quote.included"), { size: 12, weight: "bold" });
  header();
  for (const l of quote.lines.filter((x) => x.included)) line(l);
  pdf.rule("#333333");
  const totals: [string, number][] = [[t("quote.gross"), quote.grossMinor]];
  if (quote.discountMinor) totals.push([t("quote.discountTotal"), -quote.discountMinor]);
  totals.push([t("quote.taxTotal"), quote.taxMinor]);
  for (const [label, value] of totals) {
    pdf.row([
      { text: label, share: 0.8, align: "end" },
      { text: money(value), share: 0.2, align: "end" },
    ]);
  }
  pdf.row(
    [
      { text: t("quote.total"), share: 0.8, align: "end", weight: "bold" },
      { text: money(quote.totalMinor), share: 0.2, align: "end", weight: "bold" },
    ],
    11,
  );

  const excluded = quote.lines.filter((x) => !x.included);
  pdf.space(8);
  pdf.text(t("quote.notIncluded"), { size: 12, weight: "bold" });
  pdf.text(t("quote.notIncludedIntro"), { size: 8.5, color: "#444444" });
  if (excluded.length) {
    header();
    for (const l of excluded) line(l);
  }
  for (const key of ["flights", "visa", "personal"] as const) {
    pdf.text(`• ${t(`quote.alwaysExcluded.${key}`)}`, { size: 9 });
  }

  pdf.space(8);
  pdf.text(t("quote.schedule"), { size: 12, weight: "bold" });
  pdf.row([
    { text: t("quote.depositLine", { percent: percent(quote.depositBp, locale) }), share: 0.8 },
    { text: money(quote.depositMinor), share: 0.2, align: "end" },
  ]);
  pdf.row([
    { text: t("quote.balanceLine", { days: quote.balanceDueDays }), share: 0.8 },
    { text: money(quote.totalMinor - quote.depositMinor), share: 0.2, align: "end" },
  ]);
  if (quote.note) {
    pdf.space(6);
    pdf.text(t("quote.note"), { size: 10, weight: "bold" });
    pdf.text(quote.note, { size: 9 });
  }

  pdf.space(8);
  pdf.text(t("terms.title", { version: ltr(quote.termsVersion) }), { size: 12, weight: "bold" });
  for (const key of TERM_KEYS) {
    pdf.text(`• ${t(`terms.${quote.termsVersion}.${key}`)}`, { size: 8.5 });
  }
  return pdf.finish((page, pages) => t("pdf.page", { page, pages }));
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
  const money = (minor: number) => formatMoney(minor, receipt.currency, locale);
  const refund = receipt.kind === "REFUND";
  const title = t(refund ? "pdf.creditNoteTitle" : "pdf.receiptTitle", {
    number: ltr(receipt.receiptNumber),
  });
  const pdf = new Pdf(locale, { title });
  pdf.text(t("pdf.clinic"), { size: 9, color: "#555555" });
  pdf.text(title, { size: 17, weight: "bold" });
  if (receipt.cancelled) {
    pdf.text(t("receipt.cancelled"), { size: 11, weight: "bold", color: "#A11A1A" });
  }
  pdf.space(6);
  const rows: [string, string][] = [
    [t("receipt.number"), ltr(receipt.receiptNumber)],
    [t("receipt.date"), formatDateTime(receipt.paidAt, locale, timeZone)],
    [t("quote.patient"), kase.patientName],
    [t("receipt.case"), ltr(kase.number)],
    [t("quote.programme"), kase.programmeName],
    [t("receipt.kind"), t(`kind.${receipt.kind}`)],
    [t("receipt.method"), t(`method.${receipt.method}`)],
  ];
  if (receipt.reference) rows.push([t("receipt.reference"), receipt.reference]);
  if (receipt.refundOf) rows.push([t("receipt.refundOf"), receipt.refundOf]);
  if (account.quoteVersion) {
    rows.push([t("receipt.quote"), t("receipt.quoteVersion", { version: account.quoteVersion })]);
  }
  for (const [label, value] of rows) {
    pdf.row([
      { text: label, share: 0.35, weight: "bold" },
      { text: value, share: 0.65 },
    ]);
  }
  pdf.space(6);
  pdf.rule("#333333");
  pdf.row(
    [
      { text: t(refund ? "receipt.refunded" : "receipt.received"), share: 0.65, weight: "bold" },
      { text: money(receipt.amountMinor), share: 0.35, align: "end", weight: "bold" },
    ],
    13,
  );
  pdf.rule("#333333");
  pdf.space(6);
  pdf.text(t("receipt.account"), { size: 11, weight: "bold" });
  const account_: [string, number][] = [
    [t("receipt.quoteTotal"), account.totalMinor],
    [t("receipt.paidToDate"), account.paidMinor],
    [t("receipt.refundedToDate"), account.refundedMinor],
    [t("receipt.outstanding"), account.outstandingMinor],
  ];
  for (const [label, value] of account_) {
    pdf.row([
      { text: label, share: 0.65 },
      { text: money(value), share: 0.35, align: "end" },
    ]);
  }
  pdf.space(10);
  pdf.text(t("receipt.footer", { name: env().BANK_ACCOUNT_NAME }), { size: 8.5, color: "#444444" });
  return pdf.finish((page, pages) => t("pdf.page", { page, pages }));
}
