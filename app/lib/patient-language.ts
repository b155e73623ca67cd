/**
 * The language check on what staff write for a patient to read (ADR 025), the parts both the
 * server and the browser need: the field that says "send anyway", what a warning carries, and
 * the register of every staff form whose free text reaches the patient.
 */
import type { Locale } from "~/i18n/config";

/** Posted by "Send anyway": the token of the exact text the warning was about. */
export const LANGUAGE_CONFIRM = "languageConfirmed";

/** What an action answers instead of sending: the text reads as `detected`, not `reader`. */
export interface LanguageWarning {
  /** The language(s) the text reads as (two only for Arabic or Persian, not told apart). */
  detected: Locale[];
  /** The patient's language (their account's locale, the one their emails are written in). */
  reader: Locale;
  /** The patient's name, to say whose language it is. */
  patient: string;
  /** Sent back with "Send anyway"; it covers this text only, so an edited text is checked again. */
  confirm: string;
}

/**
 * Every staff form (route file # intent) whose free text the patient reads, and the fields
 * checked (`rows[].field` for each row of a list). The class test
 * (tests/patient-language.test.ts) walks every staff route's intents: each is here or is
 * listed there as staff-only with the reason, so a new form cannot skip the check unnoticed.
 */
export const PATIENT_TEXT_FORMS = {
  // The portal's conversation and the email that says a message is waiting.
  "staff.cases.$caseId.tsx#message": ["body"],
  // Shown in the portal's conversation beside the kinds of information asked for.
  "staff.cases.$caseId.tsx#requestInfo": ["body"],
  // The treatment plan in the portal: a step's notes, and the name of a step of one's own.
  "staff.cases.$caseId.tsx#plan": ["steps[].name", "steps[].notes"],
  // The issued quote (portal and PDF): finance's note and the names of lines of one's own.
  "staff.cases.$caseId_.quote.tsx#issue": ["note", "lines[].name", "new.name"],
  // The cancellation note (a PDF the patient downloads) prints the reason.
  "staff.cases.$caseId_.quote.tsx#void": ["reason"],
  // The itinerary in the portal and its PDF: an entry's note.
  "staff.cases.$caseId_.travel.tsx#item": ["note"],
  // The passport's review in the portal, and the email asking for a new one.
  "staff.cases.$caseId_.travel.tsx#reject": ["note"],
  // The inbox's reply (issue 22): the same message as the case page's.
  "staff.inbox.tsx#reply": ["body"],
} as const satisfies Record<string, readonly string[]>;

export type PatientTextForm = keyof typeof PATIENT_TEXT_FORMS;
