/**
 * The one server check on staff text a patient will read (ADR 025). An action calls it with the
 * case and the cleaned texts of the form just before the model does the work: when a text is
 * confidently in a language the patient does not read (their account's locale, the one their
 * emails are written in), it answers a LanguageWarning and the action sends nothing, returning
 * the form with everything typed kept. "Send anyway" posts the same form again with
 * LANGUAGE_CONFIRM set to the warning's token, which covers exactly these texts.
 */
import { createHash } from "node:crypto";
import { db } from "~/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { LANGUAGE_CONFIRM, type LanguageWarning } from "~/lib/patient-language";
import { languageMismatch } from "~/lib/text-language";

/** The token "Send anyway" posts back: the texts it was shown for, and nothing else. */
export function confirmToken(caseId: string, texts: readonly string[]): string {
  return createHash("sha256")
    .update([caseId, ...texts].join("\u0000"))
    .digest("base64url")
    .slice(0, 22);
}

/**
 * The warning for `texts` (empty ones skipped) on the case `caseId`, or null when each reads
 * as the patient's language, cannot be told, or was confirmed with "Send anyway". A case that
 * does not exist is the model's to refuse: null.
 */
export async function patientLanguageWarning(
  caseId: string,
  texts: readonly (string | null | undefined)[],
  payload: Record<string, unknown>,
): Promise<LanguageWarning | null> {
  const written = texts.filter((t): t is string => Boolean(t?.trim()));
  if (!written.length) return null;
  const kase = await db.case.findUnique({
    where: { id: caseId },
    select: { patient: { select: { name: true, locale: true } } },
  });
  if (!kase) return null;
  const reader = isLocale(kase.patient.locale) ? kase.patient.locale : DEFAULT_LOCALE;
  // One text judged at a time: a note in one language and a line name in another both count.
  const detected = written.map((t) => languageMismatch(t, reader)).find(Boolean);
  if (!detected) return null;
  const confirm = confirmToken(caseId, written);
  if (payload[LANGUAGE_CONFIRM] === confirm) return null;
  return { detected, reader, patient: kase.patient.name, confirm };
}
