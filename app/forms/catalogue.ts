/**
 * The catalogue editor's forms (staff.catalogue, ADR 024): a programme's name, condition and
 * summary, and a pathway step's name and description, each in English (the row's own columns,
 * required: it is what every other language falls back to) and in every other language
 * (optional; a missing one is marked). Messages are translation keys (site namespace).
 */
import { z } from "zod";
import { cleanLine, cleanText } from "~/lib/text";
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

export const CatalogueForm = z.discriminatedUnion("intent", [ProgrammeTextsForm, StepTextsForm]);
