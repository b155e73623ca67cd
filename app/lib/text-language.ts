/**
 * Which of the platform's languages a piece of free text is written in (ADR 025), so a note or
 * message a patient cannot read is flagged before it is sent. Client-safe: the same detector
 * runs in the action (the check that counts) and, as a hint, in the browser.
 *
 * Two steps. The Unicode script decides first: Cyrillic can only be Russian here, Arabic script
 * is Arabic or Persian, Latin is English, Turkish, German or French. Within a script, franc-min's
 * trigram model (restricted with `only` to the platform's languages of that script) chooses, and
 * its choice counts only when it is clearly ahead of the runner-up. Text that is too short, mostly
 * numbers, names, addresses or links, or of mixed scripts is "unknown" and never flagged.
 * Arabic and Persian share a script and many words: one is named only when the model is clearly
 * sure or letters only one of them uses decide it; otherwise both are candidates.
 */
import { francAll } from "franc-min";
import type { Locale } from "~/i18n/config";

/** ISO 639-3 (franc) to the platform's locales. */
const CODES = {
  eng: "en",
  tur: "tr",
  deu: "de",
  fra: "fr",
  rus: "ru",
  arb: "ar",
  pes: "fa",
} as const satisfies Record<string, Locale>;
type Code = keyof typeof CODES;

const LATIN: Code[] = ["eng", "tur", "deu", "fra"];

/**
 * Common words only one of the Latin-script languages uses (words two of them share, such as
 * "de", "in", "an", "die", "was", are left out). A trigram model alone is easily swayed on one
 * short sentence ("Please send us your latest results before Monday" scores as French), so
 * its choice counts only where these words do not say otherwise.
 */
const FUNCTION_WORDS: Record<"en" | "tr" | "de" | "fr", ReadonlySet<string>> = {
  en: new Set(
    "the and of to is are you your we our us please will with for have has be this that it not before after from at on can would could should about if been was were they them their".split(
      " ",
    ),
  ),
  tr: new Set(
    "ve bir bu için ile lütfen size sizin sizi biz bizim değil olarak daha çok gibi kadar sonra önce ama veya her olan şu ne mi mı mu mü da ki var yok teşekkürler merhaba".split(
      " ",
    ),
  ),
  de: new Set(
    "der das und ist nicht sie ihr ihre ihren ihnen wir uns bitte mit für vor nach von zu zum zur auf dem den des ein eine einen sind wird werden haben hat auch noch schon".split(
      " ",
    ),
  ),
  fr: new Set(
    "le la les et vous votre vos nous notre est sont pour avec des du au aux une un merci avant après sur dans pas qui que ce cette être avons avez sera très".split(
      " ",
    ),
  ),
};

/** The Latin-script language whose common words the text uses clearly most, or null. */
function byFunctionWords(words: string): { lang: Locale | null; hits: number } {
  const tokens = words
    .toLocaleLowerCase("und")
    .replace(/i\u0307/gu, "i")
    .split(" ");
  const hits = (Object.keys(FUNCTION_WORDS) as (keyof typeof FUNCTION_WORDS)[])
    .map((lang) => ({ lang, n: tokens.filter((w) => FUNCTION_WORDS[lang].has(w)).length }))
    .sort((a, b) => b.n - a.n);
  const [best, second] = hits;
  if (best!.n >= 2 && best!.n >= 2 * second!.n) return { lang: best!.lang, hits: best!.n };
  return { lang: null, hits: best!.n };
}
const ARABIC: Code[] = ["arb", "pes"];

/** Fewer letters than this (after links, numbers and addresses are taken out) is unknown. */
export const MIN_LETTERS = 20;
/** Fewer words than this is unknown: a name, a place, a drug, a flight. */
export const MIN_WORDS = 3;

/** Letters of each script; everything else (digits, signs, spaces) is not counted. */
const SCRIPT = {
  Latin: /\p{Script=Latin}/gu,
  Cyrillic: /\p{Script=Cyrillic}/gu,
  Arabic: /\p{Script=Arabic}/gu,
} as const;
type Script = keyof typeof SCRIPT;

/** Letters only Persian uses (پ چ ژ گ), and Arabic's own (ة and the two-dotted final ي). */
const PERSIAN_ONLY = /[\u067E\u0686\u0698\u06AF]/gu;
const ARABIC_ONLY = /[\u0629\u0649]|\u064A(?=\s|$|[.,،؛!?؟])/gu;

export interface TextLanguage {
  /** The languages the text may be in: one when sure, two (ar, fa) when only the script is. */
  candidates: Locale[];
  script: Script | null;
}

const UNKNOWN: TextLanguage = { candidates: [], script: null };

/** The text with what says nothing about its language taken out: links, addresses, numbers. */
function wordsOnly(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\b(?:https?:\/\/|www\.)\S+/giu, " ")
    .replace(/\S+@\S+\.\S+/gu, " ")
    .replace(/[\p{N}]+/gu, " ")
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** How far ahead franc's best must be of the runner-up (its scores are 1 for the best). */
function margin(letters: number): number {
  // Short text needs a clearer lead than a paragraph does.
  return letters < 60 ? 0.12 : letters < 150 ? 0.07 : 0.04;
}

/** A lead of franc's best this large is trusted on its own. */
const STRONG_LEAD = 0.25;

function rank(text: string, only: Code[]): { best: Code; lead: number } | null {
  const all = francAll(text, { only, minLength: MIN_LETTERS }).filter(
    ([code]) => code !== "und",
  ) as [Code, number][];
  if (!all.length) return null;
  const [best, second] = all;
  return { best: best![0], lead: best![1] - (second?.[1] ?? 0) };
}

/** The language(s) `text` is written in, or none when it cannot be told. */
export function detectTextLanguage(text: string): TextLanguage {
  const words = wordsOnly(text ?? "");
  const wordCount = words ? words.split(" ").filter((w) => /\p{L}{2,}/u.test(w)).length : 0;
  const counts = Object.fromEntries(
    (Object.keys(SCRIPT) as Script[]).map((s) => [s, count(words, SCRIPT[s])]),
  ) as Record<Script, number>;
  const letters = count(words, /\p{L}/gu);
  if (letters < MIN_LETTERS || wordCount < MIN_WORDS) return UNKNOWN;
  // The original had few letters among its characters: mostly numbers, codes or links.
  const original = (text ?? "").replace(/\s+/gu, "");
  if (letters < original.length * 0.5) return UNKNOWN;
  const script = (Object.keys(counts) as Script[]).sort((a, b) => counts[b] - counts[a])[0]!;
  // Mixed scripts (a Persian sentence with English terms, a quotation): not sure of either.
  if (counts[script] < letters * 0.85) return UNKNOWN;

  if (script === "Cyrillic") return { candidates: ["ru"], script };
  if (script === "Arabic") {
    const persian = count(words, PERSIAN_ONLY);
    const arabic = count(words, ARABIC_ONLY);
    const ranked = rank(words, ARABIC);
    const byLetters =
      persian > arabic * 2 && persian >= 2
        ? "fa"
        : arabic > persian * 2 && arabic >= 2
          ? "ar"
          : null;
    const byModel = ranked && ranked.lead >= margin(letters) * 2 ? CODES[ranked.best] : null;
    // Named only when the two agree, or one is sure and the other has no say.
    if (byLetters && (byModel === byLetters || byModel === null)) {
      return { candidates: [byLetters], script };
    }
    if (byModel && byLetters === null) return { candidates: [byModel], script };
    return { candidates: ["ar", "fa"], script };
  }
  const ranked = rank(words, LATIN);
  const model = ranked && ranked.lead >= margin(letters) ? CODES[ranked.best] : null;
  const lexicon = byFunctionWords(words).lang;
  // The model and the common words agree; or one has no say and the other is clearly sure.
  if (model && model === lexicon) return { candidates: [model], script };
  if (lexicon && (!ranked || ranked.lead < STRONG_LEAD || CODES[ranked.best] === lexicon)) {
    return { candidates: [lexicon], script };
  }
  if (model && !lexicon && ranked!.lead >= STRONG_LEAD) return { candidates: [model], script };
  return UNKNOWN;
}

/**
 * Whether text is confidently in a language the reader does not read: the languages it reads as
 * (to name in the warning), or null when it matches, or cannot be told.
 */
export function languageMismatch(text: string, reader: string): Locale[] | null {
  const { candidates } = detectTextLanguage(text);
  if (!candidates.length || candidates.includes(reader as Locale)) return null;
  return candidates;
}
