/**
 * Quote and receipt PDFs in every language: a real PDF each time, with the right fonts
 * embedded (Noto Sans Arabic for Arabic and Persian, Noto Sans for the rest), and, where
 * poppler's pdftotext is installed (CI installs it), the words a reader needs. The pages are
 * also rendered to tmp/pdf/*.png with pdftoppm, to be looked at.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { LOCALES } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { formatMoney } from "~/lib/format";
import { quotePdf, receiptPdf, type QuoteForPdf } from "~/models/finance/finance-pdf.server";

const has = (cmd: string) => spawnSync("which", [cmd]).status === 0;
const OUT = path.resolve("tmp/pdf");

const line = (over: Partial<QuoteForPdf["lines"][number]>) => ({
  category: "INFUSION",
  name: "Intravenous MSC infusion",
  unit: "ITEM",
  included: true,
  quantity: 3,
  unitPriceMinor: 1_684_00,
  discountBp: 0,
  taxRule: "EXEMPT",
  taxMinor: 0,
  totalMinor: 5_052_00,
  ...over,
});

const QUOTE: QuoteForPdf = {
  version: 2,
  status: "ISSUED",
  currency: "GBP",
  baseCurrency: "EUR",
  fxRate: "0.8420",
  grossMinor: 7_456_75 - 81_24 + 1_000,
  discountMinor: 1_000,
  taxMinor: 81_24,
  totalMinor: 7_456_75,
  depositBp: 2000,
  depositMinor: 1_491_35,
  balanceDueDays: 14,
  termsVersion: "2026-11",
  note: "Two hotel nights fewer than version 1, as discussed.",
  validUntil: new Date("2026-12-24T12:00:00Z"),
  issuedAt: new Date("2026-11-24T09:30:00Z"),
  acceptedAt: null,
  lines: [
    line({
      category: "WORKUP",
      name: "Comprehensive workup and tests (SLEDAI-2K)",
      quantity: 1,
      unitPriceMinor: 1_515_60,
      totalMinor: 1_515_60,
    }),
    line({}),
    line({
      category: "HOTEL",
      name: "Hotel night near the clinic",
      unit: "NIGHT",
      quantity: 8,
      unitPriceMinor: 101_04,
      discountBp: 125,
      taxRule: "VAT_10",
      taxMinor: 81_24,
      totalMinor: 889_15,
    }),
    line({
      category: "COMPANION",
      name: "Companion (room share, meals, transfers)",
      included: false,
      quantity: 1,
      unitPriceMinor: 757_80,
      totalMinor: 757_80,
    }),
  ],
};
const CASE = {
  number: "MT-2026-000042",
  patientName: "Leyla Ahmadi / لیلا احمدی / Лейла",
  programmeName: "MSC therapy for lupus (SLE)",
};

beforeAll(() => fs.mkdirSync(OUT, { recursive: true }));

describe.each(LOCALES)("PDFs in %s", (locale) => {
  it("renders the quote with every section and the right fonts", async () => {
    const pdf = await quotePdf(QUOTE, CASE, locale, "Europe/Istanbul");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const raw = pdf.toString("latin1");
    const rtl = locale === "ar" || locale === "fa";
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    // Arabic script (the labels, or here the patient's name) is set in Noto Sans Arabic.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-Regular/);
    const file = path.join(OUT, `quote-${locale}.pdf`);
    fs.writeFileSync(file, pdf);
    if (has("pdftoppm"))
      execFileSync("pdftoppm", ["-r", "60", "-png", file, file.replace(/\.pdf$/, "")]);
    if (!has("pdftotext") || rtl) return;
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    const t = getFixedT(locale, "finance");
    for (const key of ["quote.included", "quote.notIncluded", "quote.schedule", "category.HOTEL"]) {
      expect(text).toContain(t(key));
    }
    expect(text).toContain(t("terms.title", { version: "2026-11" }));
    // Money in the reader's own format (Intl), spaces normalised the way pdftotext prints them.
    const norm = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, " ");
    expect(norm(text)).toContain(norm(formatMoney(QUOTE.totalMinor, "GBP", locale)));
  });

  it("renders a receipt", async () => {
    const pdf = await receiptPdf(
      {
        receiptNumber: "RC-2026-000007",
        kind: "DEPOSIT",
        method: "STRIPE",
        amountMinor: 1_491_35,
        currency: "GBP",
        reference: null,
        paidAt: new Date("2026-11-25T10:00:00Z"),
        refundOf: null,
      },
      {
        quoteVersion: 2,
        totalMinor: 7_456_75,
        paidMinor: 1_491_35,
        refundedMinor: 0,
        outstandingMinor: 5_965_40,
      },
      CASE,
      locale,
      "Europe/Istanbul",
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(OUT, `receipt-${locale}.pdf`);
    fs.writeFileSync(file, pdf);
    if (has("pdftoppm"))
      execFileSync("pdftoppm", ["-r", "60", "-png", file, file.replace(/\.pdf$/, "")]);
    if (has("pdftotext")) {
      expect(execFileSync("pdftotext", [file, "-"]).toString()).toContain("RC-2026-000007");
    }
  });
});
