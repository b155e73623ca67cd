/**
 * A programme's procedure consent as data (issue 25): the content of a FormDefinition of kind
 * CONSENT, versioned like the questionnaires (app/models/catalogue/form-definitions.server.ts).
 * Per language a title and sections (a heading and its body: what is done, the risks, the
 * alternatives, the costs…). English is required; a patient whose language the text lacks
 * reads English and is told so.
 *
 * What a patient signs is one version in one language. Its canonical bytes (canonicalText) are
 * exactly the words the portal shows, in order, as UTF-8 (Unicode NFC, LF line ends): the
 * title, then each heading and its body, separated by one blank line. The signed record keeps
 * the SHA-256 of those bytes, so anyone holding the version can recompute it.
 *
 * Client-safe and pure: the editor, the portal page and the PDF read the text through here.
 */
import { z } from "zod";
import { isLocale, LOCALES, type Locale } from "~/i18n/config";

/** Limits of the content (and the editor's fields). */
export const CONSENT_LIMITS = {
  title: 200,
  heading: 200,
  body: 6000,
  sections: 30,
  /** The editor's one box for all sections of a language. */
  markup: 60_000,
} as const;

/** Kept as written, with Windows line ends made LF and each line's trailing spaces cut. */
function tidy(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

const Section = z.object({
  heading: z.string().transform(tidy).pipe(z.string().min(1).max(CONSENT_LIMITS.heading)),
  body: z.string().transform(tidy).pipe(z.string().min(1).max(CONSENT_LIMITS.body)),
});
export type ConsentSection = z.infer<typeof Section>;

export const ConsentLanguage = z.object({
  title: z.string().transform(tidy).pipe(z.string().min(1).max(CONSENT_LIMITS.title)),
  sections: z.array(Section).min(1).max(CONSENT_LIMITS.sections),
});
export type ConsentText = z.infer<typeof ConsentLanguage>;

/** The content of a CONSENT definition: English always, the other languages when written. */
export const ConsentContent = z
  .partialRecord(z.enum(LOCALES), ConsentLanguage)
  .refine((v) => Boolean(v.en), "site:consentText.errors.english")
  .transform((v) => v as Partial<Record<Locale, ConsentText>> & { en: ConsentText });
export type ConsentContentT = z.infer<typeof ConsentContent>;

/** The text a reader of `locale` is given: their own, or English when it is not written. */
export function consentIn(
  content: ConsentContentT,
  locale: string,
): { language: Locale; text: ConsentText; fallback: boolean } {
  const own = isLocale(locale) ? content[locale] : undefined;
  if (own) return { language: locale as Locale, text: own, fallback: false };
  return { language: "en", text: content.en, fallback: locale !== "en" };
}

/**
 * The canonical bytes of a text as signed: title, then "heading\n\nbody" per section, joined
 * by one blank line ("\n\n"), NFC, LF line ends, no trailing newline, UTF-8.
 */
export function canonicalText(text: ConsentText): string {
  return [tidy(text.title), ...text.sections.map((s) => `${tidy(s.heading)}\n\n${tidy(s.body)}`)]
    .join("\n\n")
    .normalize("NFC");
}

/** A body's paragraphs (blank-line separated), for the page and the PDF. */
export function paragraphs(body: string): string[] {
  return body
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
}

// --- the editor's markup ---------------------------------------------------------------------

/**
 * The sections of one language as the editor shows them in one box: each section starts with a
 * line "## heading", its body follows. Plain text, so an admin can paste a clinic's document.
 */
export function toMarkup(sections: readonly ConsentSection[]): string {
  return sections.map((s) => `## ${s.heading}\n${s.body}`).join("\n\n");
}

/** The box read back; null (with the reason's key) when text stands before the first heading. */
export function fromMarkup(
  markup: string,
): { ok: true; sections: ConsentSection[] } | { ok: false; error: string } {
  const sections: { heading: string; lines: string[] }[] = [];
  for (const line of markup.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) {
      sections.push({ heading: heading[1]!.trim(), lines: [] });
    } else if (sections.length) {
      sections[sections.length - 1]!.lines.push(line);
    } else if (line.trim()) {
      return { ok: false, error: "site:consentText.errors.noHeading" };
    }
  }
  if (!sections.length) return { ok: false, error: "site:consentText.errors.noSections" };
  if (sections.length > CONSENT_LIMITS.sections) {
    return { ok: false, error: "site:consentText.errors.tooManySections" };
  }
  const out: ConsentSection[] = [];
  for (const s of sections) {
    const body = tidy(s.lines.join("\n"));
    if (!s.heading || !body) return { ok: false, error: "site:consentText.errors.emptySection" };
    if (s.heading.length > CONSENT_LIMITS.heading || body.length > CONSENT_LIMITS.body) {
      return { ok: false, error: "site:consentText.errors.sectionTooLong" };
    }
    out.push({ heading: tidy(s.heading), body });
  }
  return { ok: true, sections: out };
}
