/**
 * The patient's passport upload (portal.cases.$caseId_.travel): whose passport it is and the
 * photo page's details. The scan itself comes with the form as a file; the action checks it
 * (app/infra/document-store.server.ts). Messages are translation keys (travel namespace).
 */
import { z } from "zod";
import { normalizeDigits } from "~/lib/digits";
import { PASSPORT_KINDS } from "~/lib/itinerary";
import { parseDay } from "~/lib/schedule";
import { cleanLine } from "~/lib/text";

const E = (field: string) => `travel:passport.errors.${field}`;

/** A calendar day (YYYY-MM-DD) as UTC midnight. */
const day = (message: string, valid: (d: Date) => boolean = () => true) =>
  z.string({ error: message }).transform((value, ctx) => {
    // Native digits read as ASCII (the one normalisation of app/lib/digits).
    const parsed = parseDay(normalizeDigits(value).trim());
    if (!parsed || !valid(parsed)) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return parsed;
  });

/**
 * The name as the passport's machine-readable zone prints it (ICAO 9303): Latin capitals,
 * with spaces, hyphens and apostrophes between parts. Lower case is raised; a typographic
 * apostrophe is read as a plain one. Anything else (Cyrillic, Arabic script, Ü, Ş) is refused:
 * the consulate compares the letter with the passport's MRZ.
 */
export const MRZ_NAME = /^[A-Z]+(?:[ '-][A-Z]+)*$/;

export function mrzName(value: string): string {
  return cleanLine(value)
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .toUpperCase();
}

export const PassportForm = z.object({
  kind: z.enum(PASSPORT_KINDS, { error: E("kind") }),
  holderName: z
    .string({ error: E("holderName") })
    .transform(mrzName)
    .pipe(
      z
        .string()
        .min(2, E("holderName"))
        .max(120, E("holderName"))
        .regex(MRZ_NAME, E("holderNameLatin")),
    ),
  // Optional: the name in the holder's own script, for their own documents.
  nativeName: z
    .string()
    .optional()
    .transform((value) => (value ? cleanLine(value) : "") || null)
    .refine((value) => value === null || value.length <= 120, E("nativeName")),
  nationality: z
    .string({ error: E("nationality") })
    .trim()
    .regex(/^[A-Z]{2}$/, E("nationality")),
  documentNumber: z
    .string({ error: E("documentNumber") })
    .transform((value) => normalizeDigits(value).trim())
    .pipe(z.string().regex(/^[A-Za-z0-9]{5,20}$/, E("documentNumber")))
    .transform((value) => value.toUpperCase()),
  // Born before today, and not before 1900.
  birthDate: day(E("birthDate"), (d) => d < new Date() && d.getUTCFullYear() >= 1900),
  expiresOn: day(E("expiresOn")),
});

/** The upload's fields (the file aside), for the page. */
export type PassportInput = z.input<typeof PassportForm>;
