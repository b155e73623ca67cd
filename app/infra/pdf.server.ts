/**
 * PDF documents (quotes, receipts, itineraries, visa letters) set by the Typst typesetter
 * (ADR 019), through its Node binding @myriaddreamin/typst-ts-node-compiler.
 *
 * A document is a Typst template (app/infra/pdf/templates.ts) plus its data as JSON in
 * `sys.inputs.data`. The data is never written into the markup: a patient named `#exit()` or
 * `]` is a string that the template places as text. Typst shapes (Arabic joining, Persian
 * ZWNJ), runs the Unicode bidirectional algorithm per paragraph, breaks lines (UAX #14) and
 * pages (table headers repeat, rows do not split, blocks keep together).
 *
 * The fonts come from npm (@expo-google-fonts): Noto Sans (Latin, Turkish, Cyrillic) and
 * Noto Sans Arabic (Arabic, Persian), regular and bold, handed to Typst as bytes. No system
 * font is read (see `fontsOnly`), and the templates turn font fallback off, so the same
 * input gives the same PDF on every machine; each document embeds only the glyphs it uses.
 *
 * One compiler is made per process, on first use, and kept: it holds the parsed fonts and
 * Typst's caches. Compiling is synchronous (tens of milliseconds for a quote).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { TFunction } from "i18next";
import type { NodeCompiler as Compiler } from "@myriaddreamin/typst-ts-node-compiler";
import { dirOf } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { currencyDigits, formatDateTime, formatMoney, formatNumber, zoneParts } from "~/lib/format";
import { TEMPLATES, type TemplateName } from "~/infra/pdf/templates";

const require = createRequire(import.meta.url);

/** Exactly these four files, and no other font. */
export const FONT_FILES = [
  "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  "@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf",
  "@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf",
].map((file) => require.resolve(file));

/**
 * A piece of text the template sets. A string is set as it is (in the document's direction);
 * `ltr` is an identifier (a case number, a phone number, an e-mail address, a time zone) set
 * left to right in a box of its own, which no line break splits and no surrounding
 * right-to-left text reorders; `slot` is filled by the template (the page numbers).
 */
export type Part = string | { ltr: string } | { slot: string };
export type Rich = Part[];

/** Isolates user text (a name, a note) so that its own direction holds inside any sentence. */
export const user = (value: string) => `\u2068${value}\u2069`;

/** Private-use characters that mark where a value goes in a translated sentence. */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARK = new RegExp(`${OPEN}([A-Za-z]+)${CLOSE}`);

/**
 * A translated sentence with its values kept apart, for the template: `rich(t, "visa.closing",
 * { phone: { ltr: phone } })`. i18next places a marker for each value; the sentence is then
 * cut at the markers, so no value is ever part of a string that could be read as markup, and
 * an identifier keeps its left-to-right order inside Arabic or Persian.
 */
export function rich(
  t: TFunction,
  key: string,
  values: Record<string, Part | Rich | number> = {},
): Rich {
  const markers = Object.fromEntries(Object.keys(values).map((k) => [k, `${OPEN}${k}${CLOSE}`]));
  const sentence = t(key, markers);
  const parts: Rich = [];
  const pieces = sentence.split(MARK);
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece) parts.push(piece);
      return;
    }
    const value = values[piece];
    if (value === undefined) return;
    if (Array.isArray(value)) parts.push(...value);
    else parts.push(typeof value === "number" ? String(value) : value);
  });
  return parts;
}

/**
 * A time zone on a document: "Moscow (GMT+3)", "موسكو (غرينتش+3)", "مسکو (‎+۳ گرینویچ)".
 * Never a zone id. The city (in the reader's language, or Latin where the CLDR has no name) is
 * isolated in its own direction and the offset follows in one pair of brackets, isolated in
 * the document's direction, so Intl's left-to-right mark in the Persian offset cannot join it
 * to the city and turn the two round; no line breaks inside the zone.
 */
export function zone(timeZone: string, locale: string, at: Date | string = new Date()): Rich {
  const { city, offset } = zoneParts(timeZone, locale, at);
  const name = `\u2068${city.replace(/ /g, "\u00a0")}\u2069`;
  if (!offset) return [name];
  const open = dirOf(locale) === "rtl" ? "\u2067" : "\u2066";
  return [`${name}\u00a0${open}(${offset.replace(/ /g, "\u00a0")})\u2069`];
}

/**
 * A date and time on a document, always with its zone, in the reader's words for "at this
 * time in that zone" (common:zoneTime.at): "9 Mar 2026, 10:00 in Istanbul (GMT+3)", "… بتوقيت
 * Istanbul (غرينتش+3)". No brackets around the zone's own, which wrapped badly right to left.
 */
export function timeInZone(
  at: Date,
  locale: string,
  timeZone: string,
  style: "short" | "medium" | "long" | "full" = "medium",
): Rich {
  return rich(getFixedT(locale, "common"), "zoneTime.at", {
    when: formatDateTime(at, locale, timeZone, style),
    zone: zone(timeZone, locale, at),
  });
}

const moneyParts = new Map<string, Intl.NumberFormat>();

/**
 * An amount as Intl writes it for the reader. In Arabic and Persian a currency written with
 * Latin letters ("UK£", "US$") is kept in one left-to-right box: left to the bidi algorithm,
 * the "£" after "UK" would take the paragraph's direction and print as "£UK".
 */
export function money(minor: number, currency: string, locale: string): string | Rich {
  const text = formatMoney(minor, currency, locale);
  if (dirOf(locale) === "ltr" || !/[A-Za-z]/.test(text)) return text;
  const key = `${locale}|${currency}`;
  let format = moneyParts.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    moneyParts.set(key, format);
  }
  const parts = format.formatToParts(minor / 10 ** currencyDigits(currency));
  if (parts.map((p) => p.value).join("") !== text) return text;
  const out: Rich = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.type === "currency" && /[A-Za-z]/.test(part.value)) out.push({ ltr: part.value });
    else if (typeof last === "string") out[out.length - 1] = last + part.value;
    else out.push(part.value);
  }
  return out;
}

/** What every template reads besides its own fields. */
export interface DocumentBase {
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  /** The reader's ten digits (Persian uses ۰–۹), for the page numbers Typst counts. */
  digits: string[];
  /** "Page {page} of {pages}", with both as slots. */
  pageLabel: Rich;
}

/** The common fields, in the reader's language. */
export function documentBase(locale: string, title: string, t: TFunction, pageKey = "pdf.page") {
  return {
    lang: locale,
    dir: dirOf(locale),
    title,
    digits: Array.from({ length: 10 }, (_, d) => formatNumber(d, locale)),
    pageLabel: rich(t, pageKey, { page: { slot: "page" }, pages: { slot: "pages" } }),
  } satisfies DocumentBase;
}

/**
 * The system-font search of the binding cannot be switched off by an option: it reads the
 * font directories that fontconfig names. While the compiler is made, FONTCONFIG_FILE points
 * at a configuration naming one empty directory, so that search finds nothing.
 */
function fontsOnly<T>(make: (workspace: string) => T): T {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "medtravel-typst-"));
  const conf = path.join(workspace, "fonts.conf");
  fs.writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig><dir>${workspace}</dir></fontconfig>\n`,
  );
  const before = process.env.FONTCONFIG_FILE;
  process.env.FONTCONFIG_FILE = conf;
  try {
    return make(workspace);
  } finally {
    if (before === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = before;
  }
}

let compiler: Compiler | undefined;
/** The compiler's workspace: a path "/x" in a template is this folder's x. */
let workspaceDir = "";

function getCompiler(): Compiler {
  if (compiler) return compiler;
  const { NodeCompiler } =
    require("@myriaddreamin/typst-ts-node-compiler") as typeof import("@myriaddreamin/typst-ts-node-compiler");
  const fontBlobs = FONT_FILES.map((file) => fs.readFileSync(file));
  compiler = fontsOnly((workspace) => {
    workspaceDir = workspace;
    return NodeCompiler.create({ workspace, fontArgs: [{ fontBlobs }] });
  });
  return compiler;
}

/**
 * Makes the compiler now rather than on the first download (reading and parsing the fonts
 * takes a few hundred milliseconds); for a server's start or a measurement.
 */
export function warmPdfCompiler(): void {
  getCompiler();
}

/** The clinic's letterhead logo (PNG or JPEG, checked by content when it was uploaded). */
export interface LetterheadLogo {
  bytes: Uint8Array;
  type: string;
}

/**
 * Compiles one document: one call per request. Throws with Typst's message on a template error.
 * A logo is handed to Typst as a file of its own virtual workspace (never through the JSON), for
 * the time of this one synchronous compile; the template sets it on the letterhead.
 */
export function renderPdf<Data extends DocumentBase>(
  template: TemplateName,
  data: Data,
  logo: LetterheadLogo | null = null,
): Buffer {
  const typst = getCompiler();
  const logoPath = logo ? `/letterhead.${logo.type === "image/png" ? "png" : "jpg"}` : null;
  const shadow = logoPath ? path.join(workspaceDir, logoPath) : null;
  if (logo && shadow) typst.mapShadow(shadow, Buffer.from(logo.bytes));
  let result: ReturnType<Compiler["compile"]>;
  try {
    result = typst.compile({
      mainFileContent: TEMPLATES[template],
      inputs: { data: JSON.stringify({ ...data, logo: logoPath }) },
    });
  } finally {
    if (shadow) typst.unmapShadow(shadow);
  }
  const document = result.result;
  if (!document || result.hasError()) {
    const error = result.takeError();
    const detail = error ? JSON.stringify(error.shortDiagnostics) : "no document";
    throw new Error(`Typst could not set the ${template} PDF: ${detail}`);
  }
  const pdf = typst.pdf(document);
  // Typst memoises layout across compiles; results unused for ten compiles are dropped.
  typst.evictCache(10);
  return pdf;
}

/** A PDF download: never cached, never sniffed. */
export function pdfResponse(body: Buffer, fileName: string) {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Whether Typst can set this image: a letterhead logo is tried once when it is uploaded, so a
 * file whose first bytes say PNG but whose body is broken never reaches a patient's PDF.
 */
export function logoRenders(logo: LetterheadLogo): boolean {
  const typst = getCompiler();
  const logoPath = `/logo-check.${logo.type === "image/png" ? "png" : "jpg"}`;
  const shadow = path.join(workspaceDir, logoPath);
  typst.mapShadow(shadow, Buffer.from(logo.bytes));
  try {
    const result = typst.compile({
      mainFileContent: `#set page(width: 4cm, height: 4cm)\n#image("${logoPath}", width: 2cm)`,
    });
    const ok = Boolean(result.result) && !result.hasError();
    if (ok && result.result) typst.pdf(result.result);
    return ok;
  } catch {
    return false;
  } finally {
    typst.unmapShadow(shadow);
    typst.evictCache(10);
  }
}
