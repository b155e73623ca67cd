/**
 * Content that staff write once per language (ADR 024): the catalogue (programmes, pathway
 * steps, price items), the clinic's resources, quote lines copied from the price list, and the
 * doctors on the public pages. A row keeps its English in its own columns, which is the
 * fallback, and every other language in one JSON column, `translations`:
 *
 *   { "tr": { "name": "…", "summary": "…" }, "ar": { "name": "…" } }
 *
 * Client-safe and pure: loaders parse the column with `parseTexts` and pages pick a field with
 * `textIn`, which says which language it gave, so a fallback can be marked `lang="en"` for the
 * reader and flagged for staff.
 */
import { LOCALES, type Locale } from "~/i18n/config";

/** Per-language values of some text fields; English lives in the row's own columns. */
export type Texts<F extends string> = Partial<Record<Locale, Partial<Record<F, string>>>>;

/** The `translations` column, read safely: unknown languages, fields and non-strings are dropped. */
export function parseTexts<F extends string>(
  json: string | null | undefined,
  fields: readonly F[],
): Texts<F> {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? "{}");
  } catch {
    return {};
  }
  if (!raw || typeof raw !== "object") return {};
  const out: Texts<F> = {};
  for (const lng of LOCALES) {
    const v = (raw as Record<string, unknown>)[lng];
    if (!v || typeof v !== "object") continue;
    const entry: Partial<Record<F, string>> = {};
    for (const f of fields) {
      const s = (v as Record<string, unknown>)[f];
      if (typeof s === "string" && s.trim()) entry[f] = s.trim();
    }
    if (Object.keys(entry).length) out[lng] = entry;
  }
  return out;
}

/** The column's JSON for `texts`, with empty values left out (so "missing" stays visible). */
export function textsJson<F extends string>(texts: Texts<F>): string {
  const out: Record<string, Record<string, string>> = {};
  for (const lng of LOCALES) {
    const entry = texts[lng];
    if (!entry) continue;
    const kept = Object.entries(entry).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== "",
    );
    if (kept.length) out[lng] = Object.fromEntries(kept.map(([k, v]) => [k, v.trim()]));
  }
  return JSON.stringify(out);
}

/**
 * One field in `locale`: its translation, or the English from the row (`english`), saying
 * which it gave. English readers always get the row's own text.
 */
export function textIn<F extends string>(
  texts: Texts<F>,
  field: F,
  english: string,
  locale: Locale,
): { text: string; lang: Locale; missing: boolean } {
  if (locale === "en") return { text: english, lang: "en", missing: false };
  const own = texts[locale]?.[field];
  if (own) return { text: own, lang: locale, missing: false };
  return { text: english, lang: "en", missing: true };
}

/** The languages (other than English) in which any of `fields` has no text yet. */
export function missingLocales<F extends string>(texts: Texts<F>, fields: readonly F[]): Locale[] {
  return LOCALES.filter((lng) => lng !== "en" && fields.some((f) => !texts[lng]?.[f]));
}

/** The languages a translation is written for: every locale but English, the fallback. */
export const TRANSLATED_LOCALES = LOCALES.filter((l) => l !== "en") as Exclude<Locale, "en">[];
