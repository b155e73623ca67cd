/**
 * The one warning shown on every staff form whose text a patient reads (ADR 025), when its
 * action found the text is in a language the patient does not read: "This reads as English;
 * Leyla reads Persian." What was typed stays in the form; "Send anyway" posts it again with the
 * token that confirms exactly this text (LANGUAGE_CONFIRM). Works the same without JavaScript.
 * Languages are named in the reader's own language by Intl.DisplayNames.
 */
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/form";
import { LANGUAGE_CONFIRM, type LanguageWarning } from "~/lib/patient-language";

/** "English", "Arabic or Persian": the languages named in `locale`. */
export function languageNames(languages: readonly string[], locale: string): string {
  const names = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
  return new Intl.ListFormat(locale, { type: "disjunction" }).format(
    languages.map((l) => names.of(l) ?? l),
  );
}

export function LanguageCheck({
  form,
  reply,
  intent,
  label,
}: {
  /** The id of the form the warning belongs to (the reply names it). */
  form: string;
  reply: FormReply | null | undefined;
  /** For a form whose submit buttons carry its intent (the quote's "issue"). */
  intent?: string;
  /** The button's words, where "send" is not the act ("Issue anyway"). */
  label?: string;
}) {
  const { t, i18n } = useTranslation("common");
  const settled = useNavigation().state === "idle";
  const warning: LanguageWarning | undefined =
    settled && reply?.form === form ? reply.language : undefined;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (warning) ref.current?.focus();
  }, [warning]);
  if (!warning) return null;
  const lng = i18n.language;
  return (
    <div
      ref={ref}
      className="notice warn language-check"
      role="alert"
      tabIndex={-1}
      id={`${form}-language`}
    >
      <p>
        {t("language.mismatch", {
          detected: languageNames(warning.detected, lng),
          // Isolated, so a name in another script does not reorder the sentence around it.
          patient: `\u2068${warning.patient}\u2069`,
          reader: languageNames([warning.reader], lng),
        })}{" "}
        {t("language.ask")}
      </p>
      <input type="hidden" name={LANGUAGE_CONFIRM} value={warning.confirm} form={form} />
      <button type="submit" form={form} {...(intent ? { name: "intent", value: intent } : {})}>
        {label ?? t("language.sendAnyway")}
      </button>
    </div>
  );
}
