/**
 * Catalogue text on a page (ADR 024): the row's text in the reader's language, or its English
 * marked `lang="en"` and isolated (`dir="auto"`, as app/components/bidi.tsx does for other
 * text) so a screen reader pronounces it as English and it does not reorder the sentence.
 */
import { useTranslation } from "react-i18next";
import { rowText, type Translatable } from "~/lib/catalogue-text";

/** Text whose language may not be the page's; `lang: null` is free text of unknown language. */
export function InLanguage({ value }: { value: { text: string; lang: string | null } }) {
  const { i18n } = useTranslation();
  if (value.lang === i18n.language) return <>{value.text}</>;
  return (
    <bdi lang={value.lang ?? undefined} dir="auto">
      {value.text}
    </bdi>
  );
}

/** One field of a catalogue row, in the reader's language or marked as English. */
export function RowText<F extends string>({ row, field }: { row: Translatable<F>; field: F }) {
  const { i18n } = useTranslation();
  return <InLanguage value={rowText(row, field, i18n.language)} />;
}

/** The same as a plain string (a title attribute, a value passed to t()). */
export function useRowText() {
  const { i18n } = useTranslation();
  return <F extends string>(row: Translatable<F>, field: F) =>
    rowText(row, field, i18n.language).text;
}
