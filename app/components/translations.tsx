/**
 * Content written once per language (ADR 024), for staff: the marker that says which languages
 * a text has no translation in yet (patients reading those see the English), and the editor's
 * fields for one text in every language. Shared by the catalogue, the price list, the
 * resources, the quote builder and the doctors of the clinic page.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormField, type ControlProps, type FieldMetadata } from "~/components/form";
import { LOCALE_NAMES, LOCALES, dirOf, type Locale } from "~/i18n/config";

/** A language's name in the reader's language ("Arabic", "Arapça", "العربية"). */
export function languageName(lng: string, reader: string): string {
  try {
    return new Intl.DisplayNames([reader], { type: "language" }).of(lng) ?? lng;
  } catch {
    return lng;
  }
}

/** "Arabic or Persian", in the reader's language. */
export function languageList(langs: readonly string[], reader: string): string {
  const names = langs.map((l) => languageName(l, reader));
  try {
    return new Intl.ListFormat(reader, { type: "disjunction" }).format(names);
  } catch {
    return new Intl.ListFormat("en", { type: "disjunction" }).format(names);
  }
}

/**
 * Which languages a text is missing in: "No Arabic or Persian yet — patients reading them see
 * English". Nothing when it is written in every language. `patient` names one patient's
 * language instead (the quote builder: "this patient will read this line in English").
 */
export function MissingLanguages({
  missing,
  patient = false,
  short = false,
  id,
}: {
  missing: readonly string[];
  patient?: boolean;
  /** Only "No Arabic or Persian yet", for a row of a table whose page says the rest. */
  short?: boolean;
  id?: string;
}) {
  const { t, i18n } = useTranslation();
  if (!missing.length) return null;
  const languages = languageList(missing, i18n.language);
  return (
    <span className="missing-langs" id={id}>
      {patient
        ? t("translations.missingForPatient", { language: languages })
        : short
          ? t("translations.missingShort", { languages })
          : t("translations.missing", { count: missing.length, languages })}
    </span>
  );
}

/** "12 texts missing in Persian", one line per language that misses any. */
export function MissingCounts({ counts }: { counts: Partial<Record<Locale, number>> }) {
  const { t, i18n } = useTranslation();
  const rows = LOCALES.filter((l) => (counts[l] ?? 0) > 0);
  if (!rows.length) return <p className="notice ok">{t("translations.allWritten")}</p>;
  return (
    <ul className="missing-counts">
      {rows.map((l) => (
        <li key={l}>
          {t("translations.countMissing", {
            count: counts[l]!,
            language: languageName(l, i18n.language),
          })}
        </li>
      ))}
    </ul>
  );
}

export interface LanguageFieldSpec {
  name: string;
  label: ReactNode;
  max: number;
  multiline?: boolean;
  hint?: ReactNode;
}

/**
 * One fieldset per language, each holding `fields` in that language. Every control carries
 * its language (lang, and dir for Arabic and Persian), so it is typed, spelt and read in it;
 * the labels stay in the reader's language. `metaOf` gives a field's Conform metadata.
 */
export function LanguageFields({
  fields,
  metaOf,
  locales = LOCALES,
  missing = [],
  seen,
}: {
  fields: readonly LanguageFieldSpec[];
  metaOf: (field: string, lng: Locale) => FieldMetadata<unknown>;
  locales?: readonly Locale[];
  missing?: readonly string[];
  /**
   * The texts as this page shows them (the form's defaults), sent back so that a save writes
   * only what this page changed and another tab's edit survives (readSeen, saveTexts).
   */
  seen?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const control =
    (spec: LanguageFieldSpec, lng: Locale) =>
    ({ key, ...rest }: ControlProps & { key: string | undefined }) =>
      spec.multiline ? (
        <textarea key={key} {...rest} rows={3} maxLength={spec.max} lang={lng} dir={dirOf(lng)} />
      ) : (
        <input key={key} {...rest} maxLength={spec.max} lang={lng} dir={dirOf(lng)} />
      );
  return (
    <div className="lang-fields">
      {seen ? <input type="hidden" name="seen" value={JSON.stringify(seen)} /> : null}
      {locales.map((lng) => {
        const own = languageName(lng, i18n.language);
        return (
          <fieldset key={lng} className={missing.includes(lng) ? "lang missing" : "lang"}>
            <legend>
              {own}
              {own !== LOCALE_NAMES[lng] ? (
                <>
                  {" "}
                  <span lang={lng} dir={dirOf(lng)} className="muted">
                    ({LOCALE_NAMES[lng]})
                  </span>
                </>
              ) : null}
              {lng === "en" ? (
                <span className="muted small"> · {t("translations.fallback")}</span>
              ) : missing.includes(lng) ? (
                <span className="badge warn">{t("translations.notYet")}</span>
              ) : null}
            </legend>
            {fields.map((spec) => (
              <FormField
                key={spec.name}
                meta={metaOf(spec.name, lng)}
                label={spec.label}
                hint={spec.hint}
              >
                {control(spec, lng)}
              </FormField>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
