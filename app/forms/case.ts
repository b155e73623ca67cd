/**
 * The staff case page's forms (staff.cases.$caseId): a stage change, the coordinator's
 * assignment, an internal note, a message to the patient, a request for more information,
 * the clinician's eligibility decision and the treatment plan. One discriminated union on
 * `intent`; each form's id is its intent (a stage form's is `stage-<to>`, one per move).
 * Messages are translation keys; the action translates them (app/infra/forms.server.ts).
 */
import { z } from "zod";
import {
  INFO_REQUEST_KINDS,
  NOT_ELIGIBLE_REASONS,
  PLAN_MAX_STEPS,
  repeatedStepNames,
  TEXT_MAX,
} from "~/lib/review";
import { normalizeDigits } from "~/lib/digits";
import { GAP_MAX_MINUTES } from "~/lib/schedule";
import { RULE_HOURS_MAX } from "./catalogue";
import { STAGES } from "~/lib/stages";
import { cleanLine, cleanText } from "~/lib/text";

const INVALID = "stages:stageErrors.invalid";
const TEXT_REQUIRED = "common:work.errors.textRequired";

/** Required free text: cleaned, then between 1 and `max` characters (the message shows max). */
function requiredText(max = TEXT_MAX) {
  return z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ""))
    .refine((s) => s.length > 0 && s.length <= max, { error: TEXT_REQUIRED, params: { max } });
}

/** Optional free text, cleaned; too long is refused with the same message. */
function optionalText(max = TEXT_MAX) {
  return z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ""))
    .refine((s) => s.length <= max, { error: TEXT_REQUIRED, params: { max } });
}

/** The longest reason given for a stage change. */
export const STAGE_REASON_MAX = 2000;

export const StageForm = z.object({
  intent: z.literal("stage"),
  from: z.enum(STAGES, { error: INVALID }),
  to: z.enum(STAGES, { error: INVALID }),
  reason: optionalText(STAGE_REASON_MAX),
  /** Why the move goes ahead despite open trip conflicts (the model decides if it may). */
  override: optionalText(STAGE_REASON_MAX),
});

export const AssignForm = z.object({
  intent: z.literal("assign"),
  coordinatorId: z
    .string({ error: "common:work.errors.noSuchCoordinator" })
    .max(40, "common:work.errors.noSuchCoordinator"),
  /** Who was assigned when the page was rendered ("" for nobody): a stale form is refused. */
  was: z.string().max(40, INVALID).default(""),
});

export const NoteForm = z.object({ intent: z.literal("note"), body: requiredText() });

export const MessageForm = z.object({ intent: z.literal("message"), body: requiredText() });

export const RequestInfoForm = z.object({
  intent: z.literal("requestInfo"),
  kinds: z
    .array(z.enum(INFO_REQUEST_KINDS, { error: "common:work.errors.kindsRequired" }), {
      error: "common:work.errors.kindsRequired",
    })
    .min(1, "common:work.errors.kindsRequired"),
  body: requiredText(),
});

/** Not eligible needs a structured reason and the clinician's words; eligible needs neither. */
export const DecideForm = z
  .object({
    intent: z.literal("decide"),
    decision: z.enum(["ELIGIBLE", "NOT_ELIGIBLE"], { error: INVALID }),
    reasonCode: z.enum(NOT_ELIGIBLE_REASONS, { error: INVALID }).optional(),
    text: optionalText(),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "NOT_ELIGIBLE") return;
    if (!v.reasonCode) {
      ctx.addIssue({
        code: "custom",
        path: ["reasonCode"],
        message: "common:work.errors.reasonRequired",
      });
    } else if (!v.text) {
      ctx.addIssue({
        code: "custom",
        path: ["text"],
        message: "common:work.errors.explanationRequired",
      });
    }
  });

/** The longest name of a plan step. */
export const STEP_NAME_MAX = 200;
/** The editor shows the pathway's steps and one blank row; more rows than this are forged. */
const PLAN_MAX_ROWS = PLAN_MAX_STEPS + 40;

/** A travel rule's hours (the catalogue's limit), read in any script's digits; minutes out. */
const ruleHours = z
  .string()
  .optional()
  .transform((v) => normalizeDigits(v ?? "").trim())
  .refine((v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) <= RULE_HOURS_MAX), {
    error: "common:work.errors.ruleHours",
    params: { max: RULE_HOURS_MAX },
  })
  .transform((v) => (v === "" || Number(v) === 0 ? null : Number(v) * 60));

/** One row of the plan editor: ticked to include it, its pathway step, its name and notes. */
const PlanRow = z.object({
  include: z.boolean().optional(),
  pathwayStepId: z.string().max(40).optional(),
  // Longer than the inputs allow is cut, as before: only a forged form sends it.
  name: z
    .string()
    .optional()
    .transform((v) => cleanLine(v ?? "").slice(0, STEP_NAME_MAX)),
  notes: z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? "").slice(0, TEXT_MAX)),
  /** Minutes the patient needs free after the step (recovery, travel); blank for none. */
  gapMinutes: z
    .string()
    .optional()
    .transform((v) => normalizeDigits(v ?? "").trim())
    .refine((v) => v === "" || (/^\d{1,4}$/.test(v) && Number(v) <= GAP_MAX_MINUTES), {
      error: "common:work.errors.gapMinutes",
      params: { max: GAP_MAX_MINUTES },
    })
    .transform((v) => (v === "" ? null : Number(v))),
  /** The travel rules (issue 25), in whole hours as the catalogue sets them; blank for none. */
  flyGapHours: ruleHours,
  stayAfterHours: ruleHours,
  fitToFly: z.boolean().optional(),
});

/** A plan step as saved: the rows ticked and named, in their order. */
export function includedSteps(rows: readonly (z.output<typeof PlanRow> | undefined)[]) {
  return rows
    .filter((r): r is z.output<typeof PlanRow> => Boolean(r?.include && r.name))
    .map((r) => ({
      pathwayStepId: r.pathwayStepId || null,
      name: r.name,
      notes: r.notes,
      gapMinutes: r.gapMinutes,
      flyGapMinutes: r.flyGapHours,
      stayAfterMinutes: r.stayAfterHours,
      fitToFlyRequired: r.fitToFly ?? false,
    }));
}

export const PlanForm = z
  .object({
    intent: z.literal("plan"),
    steps: z.array(PlanRow.optional()),
  })
  .superRefine((v, ctx) => {
    const n = includedSteps(v.steps).length;
    if (n === 0 || n > PLAN_MAX_STEPS || v.steps.length > PLAN_MAX_ROWS) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "common:work.errors.planSize",
        params: { max: PLAN_MAX_STEPS },
      });
    }
    // The same name twice: said on the row that repeats it.
    const rows = v.steps.flatMap((r, i) => (r?.include && r.name ? [{ name: r.name, i }] : []));
    for (const at of repeatedStepNames(rows)) {
      ctx.addIssue({
        code: "custom",
        path: ["steps", rows[at]!.i, "name"],
        message: "common:work.errors.planDuplicate",
        params: { name: rows[at]!.name },
      });
    }
  });

/** The longest note on a fit-to-fly sign-off. */
export const FIT_TO_FLY_NOTE_MAX = 1000;

/** A clinician signs the patient fit to fly (issue 25), with an optional note. */
export const FitToFlyForm = z.object({
  intent: z.literal("fitToFly"),
  note: optionalText(FIT_TO_FLY_NOTE_MAX),
});

/** A clinician withdraws a sign-off given on the case. */
export const FitToFlyRevokeForm = z.object({
  intent: z.literal("fitToFlyRevoke"),
  fitToFlyId: z.string({ error: INVALID }).min(1, INVALID).max(64, INVALID),
});

export const CaseForm = z.discriminatedUnion(
  "intent",
  [
    StageForm,
    AssignForm,
    NoteForm,
    MessageForm,
    RequestInfoForm,
    DecideForm,
    PlanForm,
    FitToFlyForm,
    FitToFlyRevokeForm,
  ],
  { error: INVALID },
);
export type CaseInput = z.output<typeof CaseForm>;
export type CaseIntent = CaseInput["intent"];

/** The id of the form a submission came from: its intent, or `stage-<to>` for a stage move. */
export function caseFormId(payload: Record<string, unknown>): string {
  const intent = typeof payload.intent === "string" ? payload.intent.slice(0, 20) : "";
  if (intent !== "stage") return intent;
  const to = typeof payload.to === "string" ? payload.to : "";
  return (STAGES as readonly string[]).includes(to) ? `stage-${to}` : "stage";
}
