/**
 * Who hears what when a case reaches a stage (the table in docs/architecture.md). Each audience has an email
 * template entry per stage in locales/<lng>/emails.json under stage.<audience>.<STAGE>.
 */
import type { Audience } from "../../emails/stage-change";
import type { Stage } from "./stages";

export const STAGE_AUDIENCES: Record<Stage, readonly Audience[]> = {
  ENQUIRY: ["patient", "coordinator"],
  MEDICAL_REVIEW: ["patient", "clinician"],
  NOT_ELIGIBLE: ["patient", "coordinator"],
  QUOTED: ["patient", "finance"],
  QUOTE_ACCEPTED: ["patient", "coordinator", "finance"],
  DEPOSIT_PAID: ["patient", "coordinator", "finance"],
  SCHEDULED: ["patient", "clinician"],
  TRAVEL_READY: ["patient"],
  IN_TREATMENT: ["patient", "clinician"],
  AFTERCARE: ["patient", "clinician"],
  CLOSED: ["patient"],
  CANCELLED: ["patient", "coordinator", "finance"],
};
