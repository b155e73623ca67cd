/**
 * A catalogue row's text in the reader's language (ADR 024), for loaders, pages, PDFs and
 * calendar files alike: the row's `translations` read by app/lib/translated.ts, its own
 * column the English fallback. Client-safe and pure.
 */
import { isLocale } from "~/i18n/config";
import { parseTexts, textIn } from "~/lib/translated";

/** Text with the language it is in: a fallback shows `lang="en"` on a page in another. */
export type Localized = ReturnType<typeof textIn>;

/** What a loader selects of a row for one field: its English and its translations. */
export type Translatable<F extends string> = { translations?: string | null } & Record<F, string>;

/** One field of a row in `locale`, or the row's English when it has none there. */
export function rowText<F extends string>(
  row: Translatable<F>,
  field: F,
  locale: string,
): Localized {
  return textIn(
    parseTexts(row.translations, [field]),
    field,
    row[field],
    isLocale(locale) ? locale : "en",
  );
}

/**
 * An appointment's name for the patient: their video consultation by its kind, a treatment by
 * its pathway step in their language, anything else as the coordinator typed it.
 */
export function appointmentName(
  a: {
    kind: string;
    title: string;
    planStep?: { pathwayStep: Translatable<"name"> | null } | null;
  },
  locale: string,
  consultation: string,
): Localized | { text: string; lang: null; missing: false } {
  if (a.kind === "CONSULTATION") return { text: consultation, lang: null, missing: false };
  const step = a.planStep?.pathwayStep;
  if (step) return rowText(step, "name", locale);
  return { text: a.title, lang: null, missing: false };
}
