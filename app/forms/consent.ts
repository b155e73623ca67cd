/**
 * The signing forms (issue 25): the procedure consent on the portal's consent page, and the
 * same signature on accepting a quote. The typed full name is always required; the signature
 * is drawn (a PNG data URL from the canvas, checked by content on the server) or, the keyboard
 * way, the typed name itself. Messages are translation keys; the action translates them.
 */
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { CONSENT_LIMITS } from "~/lib/consent-text";
import { FORM_KEY } from "~/lib/forms";
import { cleanLine } from "~/lib/text";

export const TYPED_NAME_MIN = 2;
export const TYPED_NAME_MAX = 120;
/** The data URL of the canvas: the server caps the PNG itself (signature.server.ts). */
const SIGNATURE_FIELD_MAX = 450_000;

const E = {
  name: "portal:consent.errors.name",
  nameLength: "portal:consent.errors.nameLength",
  draw: "portal:consent.errors.draw",
  invalid: "common:form.malformed",
  read: "portal:consent.errors.read",
} as const;

/** The fields every signed form carries. */
export const signatureFields = {
  typedName: z
    .string({ error: E.name })
    .transform(cleanLine)
    .pipe(
      z
        .string({ error: E.name })
        .min(1, E.name)
        .min(TYPED_NAME_MIN, E.nameLength)
        .max(TYPED_NAME_MAX, E.nameLength),
    ),
  method: z.enum(["DRAWN", "TYPED"], { error: E.draw }),
  signature: z.string().max(SIGNATURE_FIELD_MAX).optional(),
};

/** A drawn signature needs the drawing. */
function needsDrawing(
  value: { method: "DRAWN" | "TYPED"; signature?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.method === "DRAWN" && !value.signature) {
    ctx.addIssue({ code: "custom", path: ["signature"], message: E.draw });
  }
}

export const SignConsentForm = z
  .object({
    intent: z.literal("sign"),
    [FORM_KEY]: z.string().max(100).optional(),
    definitionId: z.string().min(1, E.invalid).max(64, E.invalid),
    language: z.string().min(2, E.invalid).max(5, E.invalid),
    read: z.literal("yes", { error: E.read }),
    ...signatureFields,
  })
  .superRefine(needsDrawing);

export { needsDrawing };

// ---------------------------------------------------------------- the admin's editor

/** One language of the consent text: its title, and its sections in one box ("## heading"). */
export const ConsentSaveForm = z.object({
  intent: z.literal("save"),
  language: z.enum(LOCALES, { error: E.invalid }),
  title: z
    .string({ error: "site:consentText.errors.title" })
    .transform(cleanLine)
    .pipe(
      z
        .string({ error: "site:consentText.errors.title" })
        .min(1, "site:consentText.errors.title")
        .max(CONSENT_LIMITS.title, "site:consentText.errors.tooLong"),
    ),
  markup: z
    .string({ error: "site:consentText.errors.noSections" })
    .max(CONSENT_LIMITS.markup, "site:consentText.errors.tooLong"),
});

export const ConsentEditForm = z.discriminatedUnion(
  "intent",
  [
    ConsentSaveForm,
    z.object({ intent: z.literal("remove"), language: z.enum(LOCALES, { error: E.invalid }) }),
    z.object({ intent: z.literal("publish") }),
    z.object({ intent: z.literal("discard") }),
  ],
  { error: E.invalid },
);
