/**
 * Quote and receipt PDFs in every language, set by Typst: a real PDF each time, on the
 * expected number of pages (a standard 12-line quote on one A4 page; a 40-line one over
 * several, none of them nearly empty), with exactly the Noto fonts from npm embedded, and
 * the words a reader needs in the text layer (the patient, the case, Intl's amounts). A
 * hostile patient name prints as typed. The PDFs are left in tmp/pdf; `npm run pdf:samples`
 * renders them as images to look at.
 */
import { LOCALES, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { rowText } from "~/lib/catalogue-text";
import { formatMoney, zoneCity, zoneParts } from "~/lib/format";
import { cancellationPdf, quotePdf, receiptPdf } from "~/models/finance/finance-pdf.server";
import {
  ACCOUNT,
  CANCELLATION,
  CASE_NUMBER,
  HOSTILE_NAME,
  PATIENTS,
  RECEIPT,
  caseFixture,
  quoteFixture,
} from "./support/pdf-fixtures";
import {
  bare,
  drawnText,
  fontNames,
  hasAmount,
  loose,
  notdefGlyphs,
  pageCount,
  pdfText,
  plain,
  save,
} from "./support/pdf-text";

const ZONE = "Europe/Istanbul";
const rtl = (locale: Locale) => locale === "ar" || locale === "fa";
const NOTO = ["NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansArabic-Bold"];

/** The patient's name is in the text: exactly, or loosely for Arabic script (see `loose`). */
function expectName(text: string, name: string) {
  if (/[\u0600-\u06ff]/.test(name)) expect(loose(text)).toContain(loose(name));
  else expect(plain(text)).toContain(plain(name));
}

describe.each(LOCALES)("PDFs in %s", (locale) => {
  it("sets a standard 12-line quote on one A4 page with the case, patient and amounts", async () => {
    const quote = quoteFixture(locale);
    expect(quote.lines).toHaveLength(12);
    const pdf = await quotePdf(quote, caseFixture(locale), locale, ZONE);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = save(`quote-${locale}`, pdf);
    expect(pageCount(file)).toBe(1);
    // Only the npm fonts, never a system one.
    const fonts = fontNames(file);
    for (const font of fonts) expect(NOTO).toContain(font);
    expect(fonts).toContain("NotoSans-Regular");
    if (rtl(locale)) expect(fonts).toContain("NotoSansArabic-Regular");

    const { notdef, glyphs } = notdefGlyphs(file);
    expect(glyphs).toBeGreaterThan(1000);
    expect(notdef, "glyphs drawn as empty boxes").toBe(0);

    const text = pdfText(file);
    // Identifiers in logical order, also inside Arabic and Persian lines.
    expect(text).toContain(CASE_NUMBER);
    expect(text).not.toContain("240000-6202-TM");
    expectName(text, PATIENTS[locale]);
    const money = (minor: number) => formatMoney(minor, "GBP", locale);
    // Every priced line, included or not: its name in the reader's language where the price
    // list has one (ADR 024), else its English, and its amount in the reader's format.
    for (const line of quote.lines) {
      const name = rowText(line, "name", locale);
      if (locale !== "en" && line.translations !== "{}") expect(name.lang).toBe(locale);
      // pdftotext cannot give a long Arabic-script name back whole from a wrapped cell: there,
      // the English it replaces must be gone (the patient's name above is checked loosely).
      if (/[\u0600-\u06ff]/.test(name.text)) expect(bare(text)).not.toContain(bare(line.name));
      else expect(bare(text)).toContain(bare(name.text));
      expect(hasAmount(text, money(line.totalMinor)), money(line.totalMinor)).toBe(true);
    }
    const balance = quote.totalMinor - quote.depositMinor;
    for (const minor of [
      quote.grossMinor,
      -quote.discountMinor,
      quote.taxMinor,
      quote.totalMinor,
    ]) {
      expect(hasAmount(text, money(minor)), money(minor)).toBe(true);
    }
    for (const minor of [quote.depositMinor, balance]) {
      expect(hasAmount(text, money(minor)), money(minor)).toBe(true);
    }
    // In the reader's digits: Persian amounts in ۰–۹, never the Latin digits.
    const latin = formatMoney(quote.totalMinor, "GBP", "en").replace(/[^\d.,]/g, "");
    if (locale === "fa") {
      expect(money(quote.totalMinor)).toMatch(/[۰-۹]/);
      expect(plain(text)).not.toContain(latin);
    }
    // The headings in the reader's language. poppler reads Arabic-script words back in
    // pieces (see \`loose\`), so there the check is that the text layer is in that script,
    // with no glyph drawn as an empty box (checked above).
    const t = getFixedT(locale, "finance");
    if (rtl(locale)) {
      expect(text.match(/[\u0600-\u06ff]/g)!.length).toBeGreaterThan(500);
    } else {
      for (const key of ["quote.included", "quote.notIncluded", "quote.schedule", "quote.total"]) {
        expect(plain(text)).toContain(plain(t(key)));
      }
      expect(plain(text)).toContain(plain(t("terms.title", { version: "2026-11" })));
    }
  });

  it("spreads a 40-line quote over pages that are all well filled, the table header on each", async () => {
    const pdf = await quotePdf(quoteFixture(locale, 40), caseFixture(locale), locale, ZONE);
    const file = save(`quote40-${locale}`, pdf);
    const pages = pageCount(file);
    expect(pages).toBeGreaterThan(1);
    const t = getFixedT(locale, "finance");
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(file, page);
      const lines = text.split("\n").filter((l) => l.trim());
      expect(lines.length, `page ${page} of ${pages}`).toBeGreaterThanOrEqual(15);
      // The rows run on under a repeated header (the last page may start after the table).
      // Checked where the text layer reads back exactly: poppler splits some Persian words.
      if (page < pages && !rtl(locale)) expect(plain(text)).toContain(plain(t("quote.unitPrice")));
    }
  });

  it("prints a hostile patient name as typed", async () => {
    const pdf = await quotePdf(
      quoteFixture(locale),
      caseFixture(locale, HOSTILE_NAME),
      locale,
      ZONE,
    );
    const file = save(`quote-hostile-${locale}`, pdf);
    expect(pageCount(file)).toBe(1);
    expect(plain(pdfText(file))).toContain(HOSTILE_NAME);
  });

  it("sets a receipt on one page with its number, the case, the patient and the amount", async () => {
    const pdf = await receiptPdf(RECEIPT, ACCOUNT, caseFixture(locale), locale, ZONE);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = save(`receipt-${locale}`, pdf);
    expect(pageCount(file)).toBe(1);
    const text = pdfText(file);
    expect(text).toContain("RC-2026-000007");
    expect(text).toContain(CASE_NUMBER);
    // (The date above the name ends in Arabic words in "ar": read each line whole.)
    expectName(drawnText(file), PATIENTS[locale]);
    for (const minor of [RECEIPT.amountMinor, ACCOUNT.outstandingMinor]) {
      const amount = formatMoney(minor, "GBP", locale);
      expect(hasAmount(text, amount), amount).toBe(true);
    }
    const t = getFixedT(locale, "finance");
    if (rtl(locale)) expect(text.match(/[\u0600-\u06ff]/g)!.length).toBeGreaterThan(100);
    else expect(plain(text)).toContain(plain(t("receipt.received")));
    expect(notdefGlyphs(file).notdef).toBe(0);
    // A receipt says what was paid, not what for: no line of the quote is on it.
    expect(plain(text)).not.toContain("MSC infusion");
  });

  it("names the zone of every time it prints: receipt, cancellation note, accepted quote", async () => {
    // A zone named nowhere else on the documents (the clinic is in Istanbul).
    const zone = "America/Sao_Paulo";
    const accepted = { ...quoteFixture(locale), acceptedAt: new Date("2026-11-25T08:15:00Z") };
    const docs = {
      receipt: await receiptPdf(RECEIPT, ACCOUNT, caseFixture(locale), locale, zone),
      cancellation: await cancellationPdf(CANCELLATION, ACCOUNT, caseFixture(locale), locale, zone),
      quote: await quotePdf(accepted, caseFixture(locale), locale, zone),
    };
    const expected = { receipt: 1, cancellation: 2, quote: 1 };
    for (const [kind, pdf] of Object.entries(docs)) {
      const file = save(`${kind}-zone-${locale}`, pdf);
      const text = plain(pdfText(file));
      // A clock time in any digits ("13:00", "١٣:٠٠", "۱۳:۰۰"), and the zone named with it, its
      // city in the reader's language (read line by line in Arabic script, see drawnText).
      const times = text.match(
        /[0-9\u0660-\u0669\u06f0-\u06f9]{1,2}:[0-9\u0660-\u0669\u06f0-\u06f9]{2}/g,
      );
      expect(times, `${kind}: times`).toHaveLength(expected[kind as keyof typeof expected]);
      const city = zoneCity(zone, locale);
      // (A narrow column may break "Сан-Паулу" at its hyphen: spaces and hyphens ignored.)
      const squash = (s: string) => plain(s).replace(/[\s-]/g, "");
      const named = /[\u0600-\u06ff]/.test(city)
        ? loose(drawnText(file)).split(loose(city)).length - 1
        : squash(text).split(squash(city)).length - 1;
      expect(named, `${kind}: zones named`).toBe(times!.length);
      // Its offset in the reader's words and digits (GMT-3, غرينتش-3, ‎-۳ گرینویچ), in one
      // pair of brackets: never "(São Paulo (GMT-3))".
      const offset = zoneParts(zone, locale, RECEIPT.paidAt).offset!;
      const digits = offset.replace(/[^0-9\u0660-\u0669\u06f0-\u06f9]/g, "");
      expect(digits).not.toBe("");
      if (!rtl(locale)) expect(squash(text)).toContain(squash(`${city} (${offset})`));
      else expect(text).toContain(digits);
      expect(text).not.toMatch(/\(\s*\(|\)\s*\)/);
      expect(notdefGlyphs(file).notdef).toBe(0);
    }
  });
});

it("marks a draft quote and a cancelled refund, and sets a refund as a refund note", async () => {
  const t = getFixedT("en", "finance");
  const draft = await quotePdf(
    { ...quoteFixture("en"), status: "DRAFT" },
    caseFixture("en"),
    "en",
    ZONE,
  );
  const refund = await receiptPdf(
    {
      ...RECEIPT,
      kind: "REFUND",
      refundOf: "RC-2026-000007",
      receiptNumber: "RC-2026-000009",
      cancelled: true,
    },
    ACCOUNT,
    caseFixture("en"),
    "en",
    ZONE,
  );
  expect(plain(pdfText(save("quote-draft-en", draft)))).toContain(t("status.DRAFT"));
  const text = plain(pdfText(save("refund-en", refund)));
  expect(text).toContain(plain(t("pdf.creditNoteTitle", { number: "RC-2026-000009" })));
  expect(text).toContain(plain(t("receipt.cancelled")));
});
