/**
 * Reading a PDF back the way a person's viewer would, with poppler (pdfinfo, pdffonts,
 * pdftotext; CI installs poppler-utils). Without poppler these helpers throw: a PDF test that
 * checked nothing would pass for the wrong reason. poppler notes on stderr that Typst's
 * tagged-PDF /Suspects entry has a type it does not expect; that note is dropped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

if (spawnSync("pdftotext", ["-v"]).error) {
  throw new Error("The PDF tests read PDFs back with poppler: apt-get install poppler-utils");
}

const OUT = path.resolve("tmp/pdf");

/** Writes the PDF to tmp/pdf/<name>.pdf (kept for a look) and returns the path. */
export function save(name: string, pdf: Buffer): string {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ["ignore", "pipe", "ignore"] }).toString();

export function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [file]))?.[1]);
}

/** The embedded fonts' names without their subset prefix: "NotoSansArabic-Bold". */
export function fontNames(file: string): string[] {
  return run("pdffonts", [file])
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""));
}

/** The text layer, all pages or one. */
export function pdfText(file: string, page?: number): string {
  const pages = page ? ["-f", String(page), "-l", String(page)] : [];
  return run("pdftotext", [...pages, file, "-"]);
}

/**
 * The text layer in the order it is drawn (pdftotext -raw), each line's right-to-left runs put
 * back in reading order. Where an Arabic line's dots are drawn as glyphs of their own, the
 * default layout mode can file some of them under the line below and cut a name there in two;
 * this order keeps every line whole.
 */
export function drawnText(file: string): string {
  return run("pdftotext", ["-raw", file, "-"])
    .split("\n")
    .map((line) =>
      line
        .split(/[\u202a-\u202e]/)
        .filter((run) => run.trim())
        .reverse()
        .join(""),
    )
    .join("\n");
}

/** Bidi controls out, every kind of space as one space. */
export const plain = (s: string) =>
  s
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();

/**
 * Latin text as pdftotext reads it back from any page: without brackets and hyphens, which
 * it moves about in right-to-left lines (")(SLEDAI-2K") or drops where a line broke after one
 * ("follow-" "ups" comes back as "followups").
 */
export const bare = (s: string) => plain(s.replace(/[()-]/g, "")).replace(/ +/g, " ");

/** How often `needle` occurs in the text (bidi controls and spacing ignored). */
export const occurrences = (text: string, needle: string) =>
  plain(text).split(plain(needle)).length - 1;

/**
 * For Arabic-script words only. Noto Sans Arabic draws a dotted letter as a dotless form
 * plus its dots, and Typst's text layer maps both glyphs to the letter, so poppler reads
 * "الرقم" as "الرققم" and may cut a word where a glyph is raised. Comparing without spaces
 * and with repeated letters folded still proves the letters are there, in order.
 */
export const loose = (s: string) =>
  plain(s)
    .replace(/[\s\u0640]/g, "")
    .replace(/(.)\1+/gu, "$1");

/**
 * An amount as Intl wrote it. pdftotext keeps a left-to-right run inside a right-to-left
 * line in its visual order, so "‏13,787.14 UK£" may come back as "UK£ 13,787.14".
 */
export function hasAmount(text: string, formatted: string): boolean {
  const haystack = plain(text);
  const amount = plain(formatted);
  return haystack.includes(amount) || haystack.includes(amount.split(" ").reverse().join(" "));
}

interface Word {
  text: string;
  x: number;
  y: number;
}

/** Every word on the page with where it is drawn (pdftotext -bbox). */
function words(file: string): Word[] {
  const xml = run("pdftotext", ["-bbox", file, "-"]);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(
    (m) => ({ x: Number(m[1]), y: Number(m[2]), text: decode(m[3]!) }),
  );
}

/**
 * `value` ("+90 212 555 01 00") as it is drawn: wherever its first word is drawn, that word
 * and the words drawn after it on the same line, left to right, as many as `value` has. A
 * left-to-right identifier inside right-to-left text reads back unchanged; one that the
 * bidirectional algorithm reordered has its first word drawn last, so it never does.
 */
export function drawn(file: string, value: string): string[] {
  const parts = value.split(" ");
  const all = words(file);
  return all
    .filter((w) => w.text === parts[0])
    .map((first) =>
      all
        .filter((w) => Math.abs(w.y - first.y) < 2 && w.x >= first.x)
        .sort((a, b) => a.x - b.x)
        .slice(0, parts.length)
        .map((w) => w.text)
        .join(" "),
    );
}

/**
 * How many glyphs the PDF draws as .notdef (glyph 0, the empty box called tofu): the text
 * shown in every content stream, read as Typst writes it (two-byte glyph ids in literal
 * strings of a TJ array). Typst keeps glyph 0 as .notdef in its font subsets, and, with font
 * fallback off, sets there any character its font lacks.
 */
export function notdefGlyphs(file: string): { notdef: number; glyphs: number } {
  const pdf = fs.readFileSync(file);
  const raw = pdf.toString("latin1");
  let notdef = 0;
  let glyphs = 0;
  const starts = /stream\r?\n/g;
  for (let m = starts.exec(raw); m; m = starts.exec(raw)) {
    const begin = m.index + m[0].length;
    let content: string;
    try {
      content = zlib
        .inflateSync(pdf.subarray(begin, raw.indexOf("endstream", begin)))
        .toString("latin1");
    } catch {
      continue;
    }
    if (!content.includes("BT")) continue;
    for (const bytes of literalStrings(content)) {
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        glyphs++;
        if (bytes[i] === 0 && bytes[i + 1] === 0) notdef++;
      }
    }
  }
  return { notdef, glyphs };
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };

/** The bytes of every literal string `( … )` in a content stream, escapes decoded. */
function* literalStrings(content: string): Generator<number[]> {
  for (let i = 0; i < content.length; i++) {
    if (content[i] === "%") {
      while (i < content.length && content[i] !== "\n") i++;
      continue;
    }
    if (content[i] !== "(") continue;
    const bytes: number[] = [];
    let depth = 1;
    for (i++; i < content.length && depth > 0; i++) {
      const c = content[i]!;
      if (c === "\\") {
        const n = content[++i]!;
        if (/[0-7]/.test(n)) {
          let octal = n;
          while (octal.length < 3 && /[0-7]/.test(content[i + 1] ?? "")) octal += content[++i];
          bytes.push(parseInt(octal, 8));
        } else if (n in ESCAPES) bytes.push(ESCAPES[n]!);
        else if (n !== "\n" && n !== "\r") bytes.push(n.charCodeAt(0));
        continue;
      }
      if (c === "(") depth++;
      if (c === ")" && --depth === 0) break;
      bytes.push(c.charCodeAt(0));
    }
    yield bytes;
  }
}
