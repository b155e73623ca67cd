/**
 * The admin's outbox form (staff.outbox._index): put a failed email back in the queue. Its
 * only control is the button; the email's id rides along hidden.
 */
import { z } from "zod";

export const RetryForm = z.object({
  intent: z.literal("retry", { error: "common:form.malformed" }),
  id: z.string({ error: "common:form.malformed" }).max(64, "common:form.malformed"),
});
