/**
 * The pipeline's forms (staff.cases._index): save, rename and delete a saved view, and the
 * bulk actions on the ticked rows (assign a coordinator, move the stage). One discriminated
 * union on `intent`; each form's id is its intent (a rename or delete form's is
 * `<intent>-<view id>`). Messages are translation keys.
 */
import { z } from "zod";
import { STAGES } from "~/lib/stages";
import { cleanLine, cleanText } from "~/lib/text";

const MALFORMED = "common:form.malformed";
export const VIEW_NAME_MAX = 60;
export const BULK_REASON_MAX = 1000;

const viewName = z
  .string({ error: "common:cases.saved.errors.nameRequired" })
  .transform((v) => cleanLine(v))
  .refine((s) => s.length > 0, { error: "common:cases.saved.errors.nameRequired" })
  .refine((s) => s.length <= VIEW_NAME_MAX, {
    error: "common:cases.saved.errors.nameLong",
    params: { max: VIEW_NAME_MAX },
  });

const id = z.string({ error: MALFORMED }).min(1, MALFORMED).max(64, MALFORMED);

export const SaveViewForm = z.object({
  intent: z.literal("saveView"),
  name: viewName,
  /** The filters shown when the form was sent (the page's query string). */
  query: z.string().max(2000, MALFORMED).default(""),
});

export const RenameViewForm = z.object({ intent: z.literal("renameView"), id, name: viewName });

export const DeleteViewForm = z.object({ intent: z.literal("deleteView"), id });

const caseIds = z
  .array(id, { error: "common:cases.bulk.errors.noneSelected" })
  .min(1, "common:cases.bulk.errors.noneSelected")
  .max(100, MALFORMED);

export const BulkForm = z
  .object({
    intent: z.literal("bulk"),
    op: z.enum(["assign", "move"], { error: MALFORMED }),
    ids: caseIds,
    coordinator: z.string().max(64, MALFORMED).optional(),
    to: z.enum(STAGES, { error: "common:cases.bulk.errors.stageRequired" }).optional(),
    reason: z
      .string()
      .optional()
      .transform((v) => cleanText(v ?? ""))
      .refine((s) => s.length <= BULK_REASON_MAX, {
        error: "common:work.errors.textRequired",
        params: { max: BULK_REASON_MAX },
      }),
  })
  .superRefine((v, ctx) => {
    if (v.op === "assign" && !v.coordinator) {
      ctx.addIssue({
        code: "custom",
        path: ["coordinator"],
        message: "common:cases.bulk.errors.coordinatorRequired",
      });
    }
    if (v.op === "move" && !v.to) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "common:cases.bulk.errors.stageRequired",
      });
    }
  });

export const PipelineForm = z.discriminatedUnion("intent", [
  SaveViewForm,
  RenameViewForm,
  DeleteViewForm,
  BulkForm,
]);
export type PipelineInput = z.output<typeof PipelineForm>;
