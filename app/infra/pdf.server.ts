/**
 * PDF documents (quotes, receipts) in every language the platform speaks, with pdfkit.
 *
 * pdfkit shapes each run through fontkit (Arabic joining forms, ligatures, and right-to-left
 * glyph order within a run), but it neither reorders mixed-direction lines nor picks a font
 * per script. This module does both: a line is wrapped, split into bidi runs (bidi-js, the
 * Unicode Bidirectional Algorithm) and into script runs (Arabic script in Noto Sans Arabic,
 * everything else in Noto Sans, which covers Latin, Turkish and Cyrillic), then the runs are
 * placed in visual order. The fonts come from npm (@expo-google-fonts), so nothing is
 * downloaded at run time; each document embeds only the glyphs it uses.
 */
import { createRequire } from "node:module";
import bidiFactory from "bidi-js";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const FONTS = {
  latin: require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"),
  latinBold: require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"),
  arabic:
    require.resolve("@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf"),
  arabicBold:
    require.resolve("@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf"),
};

const bidi = bidiFactory();
/** Arabic script (with Persian letters), its presentation forms, and ZWNJ, which Persian uses between letters. */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u200C]/;
const NEUTRAL = /[\s\p{P}\p{S}]/u;
/** Bidi controls shape the order, then are dropped: a font has no glyph for them. */
const CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Keeps an identifier (a case number, "2026-11") in left-to-right order inside any text. */
export const ltr = (value: string | number) => `\u2066${value}\u2069`;

/**
 * Any `features` makes pdfkit shape a run as one string; without it, pdfkit lays out each
 * word on its own and loses the order of right-to-left words and the spaces between them.
 */
const SHAPE = { features: [] as PDFKit.Mixins.OpenTypeFeatures[] };

type Weight = "regular" | "bold";

interface Run {
  text: string;
  font: string;
  width: number;
}

export interface TextOptions {
  size?: number;
  weight?: Weight;
  color?: string;
  /** Where the line sits in its box; defaults to the document's reading side. */
  align?: "start" | "end" | "center";
}

export class Pdf {
  readonly doc: PDFKit.PDFDocument;
  readonly rtl: boolean;
  readonly left = 50;
  readonly width: number;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    readonly locale: string,
    meta: { title: string; subject?: string },
  ) {
    this.rtl = locale === "ar" || locale === "fa";
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: 50, bottom: 50, left: 50, right: 50 },
      info: { Title: meta.title, Subject: meta.subject ?? "", Producer: "medtravel" },
      lang: locale,
      displayTitle: true,
      bufferPages: true,
    });
    this.doc.registerFont("latin", FONTS.latin);
    this.doc.registerFont("latinBold", FONTS.latinBold);
    this.doc.registerFont("arabic", FONTS.arabic);
    this.doc.registerFont("arabicBold", FONTS.arabicBold);
    this.width = this.doc.page.width - 100;
    this.done = new Promise((resolve, reject) => {
      this.doc.on("data", (c: Buffer) => this.chunks.push(c));
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
  }

  get y() {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  private fontFor(text: string, weight: Weight) {
    const arabic = ARABIC.test(text);
    if (weight === "bold") return arabic ? "arabicBold" : "latinBold";
    return arabic ? "arabic" : "latin";
  }

  /** The visual runs of one line: bidi order, then one font per script. */
  private runs(raw: string, size: number, weight: Weight): Run[] {
    // Noto Sans has no arrows: "FRA → IST" is set as "FRA – IST", which reads either way.
    const line = raw.replace(/\u2192/g, "\u2013");
    const levels = bidi.getEmbeddingLevels(line, this.rtl ? "rtl" : "ltr");
    // Logical runs of one level and one script.
    const pieces: { text: string; level: number }[] = [];
    let current: { text: string; level: number; arabic: boolean } | null = null;
    for (let i = 0; i < line.length; i++) {
      const ch = line.charAt(i);
      const level = levels.levels[i] ?? 0;
      const arabic = ARABIC.test(ch);
      const neutral = NEUTRAL.test(ch);
      if (
        current &&
        current.level === level &&
        (current.arabic === arabic || (neutral && !/\p{Nd}/u.test(ch)))
      ) {
        current.text += ch;
      } else {
        if (current) pieces.push(current);
        current = { text: ch, level, arabic };
      }
    }
    if (current) pieces.push(current);
    // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of
    // runs at that level or above.
    const maxLevel = Math.max(0, ...pieces.map((p) => p.level));
    const minOdd = Math.min(...pieces.map((p) => p.level).filter((l) => l % 2 === 1), maxLevel + 1);
    for (let level = maxLevel; level >= minOdd; level--) {
      for (let i = 0; i < pieces.length; i++) {
        if (pieces[i]!.level < level) continue;
        let j = i;
        while (j + 1 < pieces.length && pieces[j + 1]!.level >= level) j++;
        pieces.splice(i, j - i + 1, ...pieces.slice(i, j + 1).reverse());
        i = j;
      }
    }
    return pieces
      .filter((p) => p.text.replace(CONTROLS, "") !== "")
      .map((p) => {
        // Inside a right-to-left run, brackets are mirrored (rule L4).
        const rtlRun = p.level % 2 === 1;
        p.text = p.text.replace(CONTROLS, "");
        let text = rtlRun
          ? [...p.text].map((c) => bidi.getMirroredCharacter(c) ?? c).join("")
          : p.text;
        // fontkit lays out any run in Arabic script right to left, and anything else left to
        // right. Where that disagrees with the bidi level (Arabic-Indic digits inside a
        // right-to-left line; punctuation alone at an odd level), hand it the run reversed.
        if (ARABIC.test(text) !== rtlRun) text = [...text].reverse().join("");
        const font = this.fontFor(text, weight);
        this.doc.font(font).fontSize(size);
        return { text, font, width: this.doc.widthOfString(text, SHAPE) };
      });
  }

  private measure(text: string, size: number, weight: Weight) {
    return this.runs(text, size, weight).reduce((w, r) => w + r.width, 0);
  }

  /** Greedy word wrap on the logical text. */
  private wrap(text: string, width: number, size: number, weight: Weight): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split("\n")) {
      const words = paragraph.split(/\s+/).filter(Boolean);
      let line = "";
      for (const word of words) {
        const candidate = line ? `${line} ${word}` : word;
        if (line && this.measure(candidate, size, weight) > width) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * Writes text in a box (x from the page's left edge, in the reading direction's sense:
   * `start` is the right edge for Arabic and Persian). Returns the height used.
   */
  text(
    text: string,
    options: TextOptions & { x?: number; width?: number; y?: number } = {},
  ): number {
    const size = options.size ?? 10;
    const weight = options.weight ?? "regular";
    const width = options.width ?? this.width;
    // Boxes are given in reading order: mirrored for right-to-left documents.
    const offset = options.x ?? 0;
    const boxLeft = this.rtl ? this.left + this.width - offset - width : this.left + offset;
    const lineHeight = size * 1.45;
    let y = options.y ?? this.doc.y;
    const top = y;
    const align = options.align ?? "start";
    for (const line of this.wrap(text, width, size, weight)) {
      if (y + lineHeight > this.doc.page.height - this.doc.page.margins.bottom) {
        this.doc.addPage();
        y = this.doc.y;
      }
      const runs = this.runs(line, size, weight);
      const total = runs.reduce((w, r) => w + r.width, 0);
      const toRight = (align === "start") === this.rtl && align !== "center";
      let x =
        align === "center"
          ? boxLeft + (width - total) / 2
          : toRight
            ? boxLeft + width - total
            : boxLeft;
      this.doc.fillColor(options.color ?? "#111111");
      for (const run of runs) {
        this.doc
          .font(run.font)
          .fontSize(size)
          .text(run.text, x, y, { lineBreak: false, ...SHAPE });
        x += run.width;
      }
      y += lineHeight;
    }
    if (options.y === undefined) this.doc.y = y;
    return y - top;
  }

  /** A row of cells, each a fraction of the width, in reading order. Returns its height. */
  row(
    cells: { text: string; share: number; align?: "start" | "end"; weight?: Weight }[],
    size = 9,
  ) {
    const y = this.doc.y;
    let x = 0;
    let height = 0;
    for (const cell of cells) {
      const width = this.width * cell.share;
      height = Math.max(
        height,
        this.text(cell.text, {
          x: x + 2,
          width: width - 4,
          y,
          size,
          align: cell.align,
          weight: cell.weight,
        }),
      );
      x += width;
    }
    this.doc.y = y + height + 2;
    return height;
  }

  rule(color = "#BBBBBB") {
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();
    this.doc.y = y + 4;
  }

  space(points: number) {
    this.doc.y += points;
  }

  /** Numbers every page ("1 / 3") and ends the document. */
  async finish(pageLabel: (page: number, pages: number) => string): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.text(pageLabel(i + 1, range.count), {
        y: this.doc.page.height - 35,
        size: 8,
        color: "#555555",
        align: "center",
      });
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }
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
