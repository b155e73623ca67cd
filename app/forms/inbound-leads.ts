/**
 * The leads page's forms (/staff/inbox/leads, issue 24): link a message from an unknown number
 * to a case by its number, or dismiss it. One discriminated union on `intent`; every form names
 * the lead it acts on. Messages are translation keys with their namespace.
 */
import { z } from "zod";
import { nativeDigits } from "~/lib/digits";

const INVALID = "common:inbox.errors.invalid";
const leadId = z.string({ error: INVALID }).min(1, INVALID).max(40, INVALID);

/** A case number as staff see it (MT-2026-000042), typed in any case and in native digits. */
export const CASE_NUMBER = /^MT-\d{4}-\d{6}$/;

export const LeadLinkForm = z.object({
  intent: z.literal("link"),
  lead: leadId,
  caseNumber: nativeDigits(
    z
      .string({ error: "common:inbox.leads.errors.caseNumber" })
      .transform((v) => v.trim().toUpperCase().replace(/\s+/g, ""))
      .refine((v) => CASE_NUMBER.test(v), { error: "common:inbox.leads.errors.caseNumber" }),
  ),
});

export const LeadDismissForm = z.object({
  intent: z.literal("dismiss"),
  lead: leadId,
});

export const LeadForm = z.discriminatedUnion("intent", [LeadLinkForm, LeadDismissForm]);
export type LeadInput = z.output<typeof LeadForm>;

/** The form's id on the page: one per lead and intent, so an answer shows beside its lead. */
export function leadFormId(payload: Record<string, unknown>): string {
  const intent = payload.intent === "dismiss" ? "dismiss" : "link";
  const lead = typeof payload.lead === "string" ? payload.lead.slice(0, 40) : "";
  return `${intent}-${lead}`;
}
