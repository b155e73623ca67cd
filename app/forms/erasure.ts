/**
 * The admins' data-rights forms (staff.erasure): the full copy of a patient's data for an
 * access request, and carrying out an erasure request after ticking the confirmation. An
 * erasure form is `erase-<request id>` (one per request on the page).
 */
import { z } from "zod";

export const FullCopyForm = z.object({
  intent: z.literal("fullCopy"),
  email: z
    .string({ error: "enquiry:errors.email" })
    .transform((v) => v.trim().toLowerCase().slice(0, 254)),
});

export const EraseForm = z.object({
  // The erasure form is the page's first: a post without an intent is one.
  intent: z.literal("erase").optional(),
  requestId: z
    .string({ error: "aftercare:erasure.errors.not_found" })
    .max(64, "aftercare:erasure.errors.not_found"),
  confirm: z.literal("yes", { error: "aftercare:erasure.confirmRequired" }),
});

export const ErasureForm = z.discriminatedUnion("intent", [FullCopyForm, EraseForm], {
  error: "common:form.malformed",
});

/** The id of the form a submission came from. */
export function erasureFormId(payload: Record<string, unknown>): string {
  if (payload.intent === "fullCopy") return "fullCopy";
  const id = typeof payload.requestId === "string" ? payload.requestId : "";
  return /^[\w-]{1,64}$/.test(id) ? `erase-${id}` : "erase";
}
