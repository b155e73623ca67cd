/**
 * The fields of a per-language editor (ADR 024), shared by every form that writes content in
 * each language: the catalogue (programmes, pathway steps), price item and resource names, a
 * doctor's words. A field's control in one language is named `<field>_<locale>` ("name_ar");
 * every one is optional, since a missing translation falls back to English and is marked.
 */
import { z } from "zod";
import { LOCALES, type Locale } from "~/i18n/config";
import type { Texts } from "~/lib/translated";
import { cleanLine, cleanText } from "~/lib/text";

/** The name of one language's control: `title_ar`, `description_fa`. */
export const textField = (field: string, lng: string) => `${field}_${lng}`;

/** Every language but English, whose text lives in the row's own columns. */
export const OTHER_LOCALES = LOCALES.filter((l) => l !== "en") as Exclude<Locale, "en">[];

/** An optional text of at most `max` characters: one line, or (`multiline`) paragraphs. */
export const optionalText = (max: number, tooLong: string, multiline = false) =>
  z
    .string()
    .optional()
    // An empty control arrives as nothing (Conform reads "" as absent): it is an empty text.
    .transform((value) => (multiline ? cleanText : cleanLine)(value ?? ""))
    .refine((value) => value.length <= max, { message: tooLong, params: { max } });

export interface TextSpec {
  max: number;
  multiline?: boolean;
}

/** The zod shape of `fields` in each of `locales`: `{ name_tr: …, name_ar: …, … }`. */
export function textsShape(
  fields: Record<string, TextSpec>,
  tooLong: string,
  locales: readonly Locale[] = OTHER_LOCALES,
) {
  return Object.fromEntries(
    locales.flatMap((lng) =>
      Object.entries(fields).map(([f, spec]) => [
        textField(f, lng),
        optionalText(spec.max, tooLong, spec.multiline),
      ]),
    ),
  ) as Record<string, ReturnType<typeof optionalText>>;
}

/** The per-language texts a parsed form holds, by language and field (empty ones left out). */
export function textsOf<F extends string>(
  input: Record<string, unknown>,
  fields: readonly F[],
  locales: readonly Locale[] = OTHER_LOCALES,
): Texts<F> {
  const out: Texts<F> = {};
  for (const lng of locales) {
    const entry: Partial<Record<F, string>> = {};
    for (const f of fields) {
      const v = input[textField(f, lng)];
      if (typeof v === "string" && v.trim()) entry[f] = v.trim();
    }
    if (Object.keys(entry).length) out[lng] = entry;
  }
  return out;
}

/** The form's defaults for `texts`: `{ name_tr: "…", … }`. */
export function textDefaults<F extends string>(
  texts: Texts<F>,
  fields: readonly F[],
  locales: readonly Locale[] = OTHER_LOCALES,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lng of locales) for (const f of fields) out[textField(f, lng)] = texts[lng]?.[f] ?? "";
  return out;
}
