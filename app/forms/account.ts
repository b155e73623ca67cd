/**
 * A member of staff's own sessions (staff.account, issue 23): end one (named by its
 * reference, never its id) or every one but this browser's.
 */
import { z } from "zod";

const MALFORMED = "common:form.malformed";

export const EndSessionForm = z.object({
  intent: z.literal("endSession"),
  session: z.string({ error: MALFORMED }).regex(/^[0-9a-f]{32}$/, MALFORMED),
});

export const EndOthersForm = z.object({ intent: z.literal("endOthers") });

export const AccountForm = z.discriminatedUnion("intent", [EndSessionForm, EndOthersForm], {
  error: MALFORMED,
});
