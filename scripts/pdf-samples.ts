/**
 * Writes the quote, receipt, cancellation note, itinerary and visa letter as PDFs in English, Turkish, Russian,
 * Arabic and Persian (plus a 40-line quote) to artifacts/pdf/, renders every page to PNG
 * with poppler's pdftoppm (-r 60) where it is installed, and prints the time each document
 * took to compile. Demo data only: no database.
 *
 *   npm run pdf:samples            ar fa ru tr en
 *   npm run pdf:samples -- de fr   other languages
 */
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

// The documents read the clinic's details from the environment; none of it is a secret.
process.env.DATABASE_URL ??= "file:./tmp/pdf-samples.db";
process.env.SESSION_SECRET ??= "pdf-samples-only-0123456789abcdef0123456789";
process.env.DOCUMENT_KEY ??= crypto.randomBytes(32).toString("base64");

const { isLocale } = await import("~/i18n/config");
const { cancellationPdf, quotePdf, receiptPdf } =
  await import("~/models/finance/finance-pdf.server");
const { itineraryPdf, visaLetterPdf } = await import("~/models/travel/travel-pdf.server");
const fx = await import("../tests/support/pdf-fixtures");

const OUT = path.resolve("artifacts/pdf");
const locales = process.argv.slice(2).filter(isLocale);
const chosen = locales.length ? locales : (["ar", "fa", "ru", "tr", "en"] as const);
const pdftoppm = spawnSync("which", ["pdftoppm"]).status === 0;
const pdfinfo = spawnSync("which", ["pdfinfo"]).status === 0;

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

const zone = "Europe/Istanbul";
const timings: Record<string, number[]> = {};

async function write(name: string, make: () => Promise<Buffer>) {
  const start = performance.now();
  const pdf = await make();
  const ms = performance.now() - start;
  const kind = name.replace(/-[a-z]{2}$/, "");
  (timings[kind] ??= []).push(ms);
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  let pages = "?";
  if (pdfinfo) {
    const info = execFileSync("pdfinfo", [file], { stdio: ["ignore", "pipe", "ignore"] });
    pages = /Pages:\s+(\d+)/.exec(info.toString())?.[1] ?? "?";
  }
  // poppler notes on stderr that Typst's tagged-PDF /Suspects entry is not the type it
  // expects; the pages render all the same.
  if (pdftoppm) {
    execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(OUT, name)], {
      stdio: ["ignore", "ignore", "ignore"],
    });
  }
  console.log(
    `${name.padEnd(18)} ${pages} page(s)  ${(pdf.length / 1024).toFixed(0).padStart(4)} KiB  ${ms.toFixed(0).padStart(4)} ms`,
  );
}

// The first document also pays for making the compiler (loading the fonts).
const first = performance.now();
for (const locale of chosen) {
  await write(`quote-${locale}`, () =>
    quotePdf(fx.quoteFixture(locale), fx.caseFixture(locale), locale, zone),
  );
  await write(`quote40-${locale}`, () =>
    quotePdf(fx.quoteFixture(locale, 40), fx.caseFixture(locale), locale, zone),
  );
  await write(`receipt-${locale}`, () =>
    receiptPdf(fx.RECEIPT, fx.ACCOUNT, fx.caseFixture(locale), locale, zone),
  );
  await write(`cancellation-${locale}`, () =>
    cancellationPdf(fx.CANCELLATION, fx.ACCOUNT, fx.caseFixture(locale), locale, zone),
  );
  await write(`itinerary-${locale}`, () => itineraryPdf(fx.tripFixture(locale)));
  await write(`visa-letter-${locale}`, () => visaLetterPdf(fx.visaFixture(locale), locale));
}
const total = performance.now() - first;

console.log(`\nwritten to ${path.relative(process.cwd(), OUT)}/ in ${total.toFixed(0)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [kind, ms] of Object.entries(timings)) {
  console.log(
    `${kind.padEnd(12)} median ${median(ms).toFixed(0).padStart(4)} ms, max ${Math.max(...ms).toFixed(0)} ms (first includes start-up)`,
  );
}
if (!pdftoppm)
  console.log("pdftoppm is not installed: no PNG pages (apt-get install poppler-utils)");
