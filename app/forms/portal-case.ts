/**
 * The forms of the patient's case page (portal.cases.$caseId): a message to the care team,
 * and medical records to upload (the files are checked apart, by the document store).
 * Messages are translation keys; the action translates them (app/infra/forms.server.ts).
 */
import { z } from "zod";
import { TEXT_MAX } from "~/lib/review";
import { cleanText } from "~/lib/text";

const required = { message: "portal:messages.required", params: { max: TEXT_MAX } };

export const MessageForm = z.object({
  intent: z.literal("message"),
  body: z
    .string()
    .default("")
    .transform(cleanText)
    .refine((body) => body.length > 0 && body.length <= TEXT_MAX, required),
});

export const UploadForm = z.object({
  intent: z.literal("upload"),
});

export const PatientCaseForm = z.discriminatedUnion("intent", [MessageForm, UploadForm], {
  error: "common:form.malformed",
});
