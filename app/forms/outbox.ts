/**
 * The admin's outbox form (staff.outbox._index): put a failed email (retry) or a failed
 * WhatsApp or SMS message (retryMessage) back in the queue. Its only control is the button;
 * the row's id rides along hidden.
 */
import { z } from "zod";

export const RetryForm = z.object({
  intent: z.enum(["retry", "retryMessage"], { error: "common:form.malformed" }),
  id: z.string({ error: "common:form.malformed" }).max(64, "common:form.malformed"),
});
