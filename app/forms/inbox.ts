/**
 * The staff inbox's forms (/staff/inbox): a reply to the patient, handing an item to someone,
 * done / open again, and unread again. One discriminated union on `intent`; every form names
 * the item it acts on. Messages are translation keys with their namespace.
 */
import { z } from "zod";
import { TEXT_MAX } from "~/lib/review";
import { cleanText } from "~/lib/text";

const INVALID = "common:inbox.errors.invalid";
/** An id is looked up as it is (an unknown one is "not found"); only its length is bounded. */
const itemId = z.string({ error: INVALID }).min(1, INVALID).max(40, INVALID);

export const InboxReplyForm = z.object({
  intent: z.literal("reply"),
  item: itemId,
  body: z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ""))
    .refine((s) => s.length > 0 && s.length <= TEXT_MAX, {
      error: "common:work.errors.textRequired",
      params: { max: TEXT_MAX },
    }),
});

export const InboxAssignForm = z.object({
  intent: z.literal("assign"),
  item: itemId,
  /** "" is nobody (unassigned). */
  assignee: z.string().max(40, INVALID).optional().default(""),
});

export const InboxDoneForm = z.object({
  intent: z.enum(["done", "reopen", "unread"], { error: INVALID }),
  item: itemId,
});

export const InboxForm = z.discriminatedUnion("intent", [
  InboxReplyForm,
  InboxAssignForm,
  InboxDoneForm.extend({ intent: z.literal("done") }),
  InboxDoneForm.extend({ intent: z.literal("reopen") }),
  InboxDoneForm.extend({ intent: z.literal("unread") }),
]);
export type InboxInput = z.output<typeof InboxForm>;

/** The form's id on the page: each intent is its own form. */
export function inboxFormId(payload: Record<string, unknown>): string {
  const intent = typeof payload.intent === "string" ? payload.intent : "";
  return ["reply", "assign", "done", "reopen", "unread"].includes(intent) ? intent : "reply";
}
