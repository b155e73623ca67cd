/**
 * The catalogue editor's forms (staff.catalogue, ADR 024): a programme's name, condition and
 * summary, and a pathway step's name and description, each in English (the row's own columns,
 * required: it is what every other language falls back to) and in every other language
 * (optional; a missing one is marked). Messages are translation keys (site namespace).
 */
import { z } from "zod";
import { cleanLine, cleanText } from "~/lib/text";
import { normalizeDigits } from "~/lib/digits";
import { recordId } from "./quote";
import { textsShape } from "./translations";

const E = {
  required: "site:catalogue.errors.required",
  tooLong: "site:admin.errors.tooLong",
} as const;

/** The limits of each text, shared by the form and the page's controls. */
export const PROGRAMME_TEXTS = {
  name: { max: 160 },
  condition: { max: 160 },
  summary: { max: 2000, multiline: true },
} as const;
export const STEP_TEXTS = {
  name: { max: 160 },
  description: { max: 2000, multiline: true },
} as const;

/** The English text: required, at most `max` characters. */
const english = (max: number, multiline = false) =>
  z
    .string()
    .optional()
    // An empty control arrives as nothing (inside a union zod's own message would show).
    .transform((value) => (multiline ? cleanText : cleanLine)(value ?? ""))
    .pipe(z.string({ error: E.required }).min(1, E.required).max(max, E.tooLong));

export const ProgrammeTextsForm = z.object({
  intent: z.literal("programme"),
  programmeId: recordId,
  name: english(PROGRAMME_TEXTS.name.max),
  condition: english(PROGRAMME_TEXTS.condition.max),
  summary: english(PROGRAMME_TEXTS.summary.max, true),
  ...textsShape(PROGRAMME_TEXTS, E.tooLong),
});

export const StepTextsForm = z.object({
  intent: z.literal("step"),
  stepId: recordId,
  name: english(STEP_TEXTS.name.max),
  description: english(STEP_TEXTS.description.max, true),
  ...textsShape(STEP_TEXTS, E.tooLong),
});

/** A programme's address on the public site: lower-case letters, digits and hyphens. */
export const SLUG_MAX = 60;
const slug = z
  .string()
  .optional()
  .transform((v) =>
    normalizeDigits(v ?? "")
      .trim()
      .toLowerCase(),
  )
  .pipe(
    z
      .string()
      .min(1, E.required)
      .max(SLUG_MAX, E.tooLong)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "site:catalogue.errors.slug"),
  );

export const NewProgrammeForm = z.object({
  intent: z.literal("newProgramme"),
  slug,
  name: english(PROGRAMME_TEXTS.name.max),
  condition: english(PROGRAMME_TEXTS.condition.max),
  summary: english(PROGRAMME_TEXTS.summary.max, true),
  ...textsShape(PROGRAMME_TEXTS, E.tooLong),
});

/** The longest a step may take, or the gap after it: a week, in minutes. */
export const STEP_MINUTES_MAX = 10_080;

/** Minutes, blank for none; digits of any script (Arabic, Persian) are read as digits. */
const minutes = (error: string) =>
  z
    .string()
    .optional()
    .transform((v) => normalizeDigits(v ?? "").trim())
    .refine((v) => v === "" || (/^\d{1,5}$/.test(v) && Number(v) <= STEP_MINUTES_MAX), {
      error,
      params: { max: STEP_MINUTES_MAX },
    })
    .transform((v) => (v === "" ? null : Number(v)));

/**
 * The resource a step books, or none: a type code ("CHAIR"). Whether resources of that type
 * exist is the model's check (resourceTypesInUse), since the types are data.
 */
const resourceType = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim().toUpperCase())
  .refine((v) => v === "" || /^[A-Z][A-Z_]{0,29}$/.test(v), {
    error: "site:catalogue.errors.resourceType",
  })
  .transform((v) => (v === "" ? null : v));

/** The longest flying gap or stay a step may ask for: 30 days, in hours. */
export const RULE_HOURS_MAX = 720;

/**
 * Whole hours, blank for none (admins think of "24 h after an infusion"); any script's digits
 * are read. The output is minutes, as the rules are stored.
 */
const hours = (error: string) =>
  z
    .string()
    .optional()
    .transform((v) => normalizeDigits(v ?? "").trim())
    .refine((v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) <= RULE_HOURS_MAX), {
      error,
      params: { max: RULE_HOURS_MAX },
    })
    .transform((v) => (v === "" || Number(v) === 0 ? null : Number(v) * 60));

/** A ticked checkbox sends "on"; an unticked one sends nothing. */
const ticked = z
  .unknown()
  .optional()
  .transform((v) => v === "on");

const stepSettings = {
  resourceType,
  durationMinutes: minutes("site:catalogue.errors.duration"),
  gapMinutes: minutes("site:catalogue.errors.gap"),
  // The treatment's travel rules (issue 25), copied into each case's plan like the gap.
  flyGapHours: hours("site:catalogue.errors.flyGap"),
  stayAfterHours: hours("site:catalogue.errors.stayAfter"),
  fitToFly: ticked,
};

/** A step's settings as the model stores them: the hours fields hold minutes once parsed. */
export function stepSettingsOf(input: {
  resourceType: string | null;
  durationMinutes: number | null;
  gapMinutes: number | null;
  flyGapHours: number | null;
  stayAfterHours: number | null;
  fitToFly: boolean;
}) {
  return {
    resourceType: input.resourceType,
    durationMinutes: input.durationMinutes,
    gapMinutes: input.gapMinutes,
    flyGapMinutes: input.flyGapHours,
    stayAfterMinutes: input.stayAfterHours,
    fitToFlyRequired: input.fitToFly,
  };
}

export const NewStepForm = z.object({
  intent: z.literal("newStep"),
  programmeId: recordId,
  name: english(STEP_TEXTS.name.max),
  description: english(STEP_TEXTS.description.max, true),
  ...stepSettings,
  ...textsShape(STEP_TEXTS, E.tooLong),
});

export const StepSettingsForm = z.object({
  intent: z.literal("stepSettings"),
  stepId: recordId,
  ...stepSettings,
});

const direction = z.enum(["up", "down"], { error: "site:catalogue.errors.invalid" });
/** The place the page showed the row at: a second click of the same button moves nothing. */
const at = z
  .string({ error: "site:catalogue.errors.invalid" })
  .transform((v) => normalizeDigits(v))
  .pipe(z.string().regex(/^\d{1,4}$/, "site:catalogue.errors.invalid"))
  .transform(Number);
const yesNo = z.enum(["yes", "no"], { error: "site:catalogue.errors.invalid" });

/** A ticked box ("on") or none, as conform reads a boolean field. */
const tickedBox = z
  .boolean()
  .optional()
  .transform((v) => v === true);

/**
 * The insurance a programme asks for (issue 25): complication cover (interventional
 * programmes, Turkey's 2025 health-tourism rules) and travel health insurance.
 */
export const ProgrammeInsuranceForm = z.object({
  intent: z.literal("programmeInsurance"),
  programmeId: recordId,
  requiresComplicationCover: tickedBox,
  requiresTravelInsurance: tickedBox,
});

export const CatalogueForm = z.discriminatedUnion("intent", [
  ProgrammeInsuranceForm,
  ProgrammeTextsForm,
  StepTextsForm,
  NewProgrammeForm,
  NewStepForm,
  StepSettingsForm,
  z.object({ intent: z.literal("programmeActive"), programmeId: recordId, active: yesNo }),
  z.object({ intent: z.literal("moveProgramme"), programmeId: recordId, direction, at }),
  z.object({ intent: z.literal("moveStep"), stepId: recordId, direction, at }),
  z.object({ intent: z.literal("stepRetired"), stepId: recordId, retired: yesNo }),
  z.object({ intent: z.literal("deleteStep"), stepId: recordId }),
]);
