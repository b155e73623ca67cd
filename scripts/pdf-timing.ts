/**
 * How long each PDF takes to set, in a fresh process: making the compiler (reading the four
 * Noto fonts), the first document of each kind, and the same document warm (median of ten).
 * Figures for ADR 019. Demo data only: no database.
 *
 *   npm run pdf:timing            en and ar
 *   npm run pdf:timing -- fa      other languages
 */
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";

process.env.DATABASE_URL ??= "file:./tmp/pdf-samples.db";
process.env.SESSION_SECRET ??= "pdf-samples-only-0123456789abcdef0123456789";
process.env.DOCUMENT_KEY ??= crypto.randomBytes(32).toString("base64");

const { isLocale } = await import("~/i18n/config");
const { warmPdfCompiler } = await import("~/infra/pdf.server");
const { quotePdf, receiptPdf } = await import("~/models/finance/finance-pdf.server");
const { itineraryPdf, visaLetterPdf } = await import("~/models/travel/travel-pdf.server");
const fx = await import("../tests/support/pdf-fixtures");

const chosen = process.argv.slice(2).filter(isLocale);
const locales = chosen.length ? chosen : (["en", "ar"] as const);
const zone = "Europe/Istanbul";
const ms = (start: number) => performance.now() - start;

let start = performance.now();
warmPdfCompiler();
console.log(`compiler (fonts read, ${process.version}): ${ms(start).toFixed(0)} ms`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const locale of locales) {
  // Each run sets another patient's document, so that Typst's caches cannot hand back the
  // last one whole: a warm figure is a new document on a warm compiler.
  const name = (i: number) => `${fx.PATIENTS[locale]} ${i}`;
  const documents = {
    quote: (i: number) =>
      quotePdf(fx.quoteFixture(locale), fx.caseFixture(locale, name(i)), locale, zone),
    receipt: (i: number) =>
      receiptPdf(fx.RECEIPT, fx.ACCOUNT, fx.caseFixture(locale, name(i)), locale, zone),
    itinerary: (i: number) => itineraryPdf(fx.tripFixture(locale, name(i))),
    "visa letter": (i: number) =>
      visaLetterPdf(fx.visaFixture(locale, `OLGA IVANOVA ${i}`), locale),
  };
  for (const [kind, make] of Object.entries(documents)) {
    start = performance.now();
    await make(0);
    const first = ms(start);
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) {
      start = performance.now();
      await make(i + 1);
      warm.push(ms(start));
    }
    console.log(
      `${locale} ${kind.padEnd(12)} first ${first.toFixed(0).padStart(4)} ms, warm median ${median(warm).toFixed(0).padStart(3)} ms (max ${Math.max(...warm).toFixed(0)})`,
    );
  }
}
