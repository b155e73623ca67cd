/**
 * What every section of the staff case page (app/routes/staff.cases.$caseId.tsx) is given:
 * the case as getStaffCase() read it (health data blanked for finance), the stage moves
 * offered, what this user may do, the page's form key and the action's last answer.
 */
import type { KindCoverage } from "~/lib/insurance";
import type { FormReply } from "~/components/form";
import type { DescribedConflict } from "~/lib/itinerary";
import type { Channel } from "~/lib/message-templates";
import type { AvailableTransition, NextStep } from "~/lib/stages";
import type { QuestionnaireView } from "~/lib/questionnaire-content";
import type { StaffCase } from "~/models/cases/case.server";
import type { Work } from "~/models/cases/workspace.server";

/** The case as the loader selects it (getStaffCase), health data blanked for finance. */
export type CaseView = StaffCase;
export type CaseEvent = CaseView["events"][number];

/** Dates arrive as Date objects (single fetch) or ISO strings; both format the same. */
export type Dateish = Date | string;

export interface CaseCtx {
  kase: CaseView;
  actions: AvailableTransition[];
  /** The header's next step (nextStep in app/lib/stages.ts). */
  next: NextStep;
  /** Where the journey stands: quote, deposit, bookings, travel, aftercare (no health data). */
  journey: {
    hasIssuedQuote: boolean;
    hasAcceptedQuote: boolean;
    depositPaid: boolean;
    depositWaived: boolean;
    bookedAppointments: number;
    passportApproved: boolean;
    hasArrival: boolean;
    followUpsPlanned: number;
    nextAppointment: { startsAt: Dateish; kind: string; meetingUrl?: string | null } | null;
  };
  /**
   * The channels besides email the patient opted in to (issue 24): proved ones reach them,
   * the others wait for the number to be proved.
   */
  reach: { channel: Channel; proved: boolean }[];
  /** The case's other pages this user may open. */
  links: { quote: boolean; schedule: boolean; travel: boolean; aftercare: boolean };
  /** The trip's open conflicts (for readers of health data), named by the stage form. */
  openConflicts: DescribedConflict[];
  /** Issue 25: what the insurance the programme asks for leaves uncovered, per kind. */
  insuranceGaps: KindCoverage[];
  coordinators: { id: string; name: string }[];
  can: Record<Work, boolean>;
  health: boolean;
  /** The questionnaire version each enquiry answered, by enquiry id. */
  questionnaires: Record<string, QuestionnaireView>;
  locale: string;
  timeZone: string;
  now: string;
  /** The key of the page's creating forms (note, message, request, plan). */
  formKey: string;
  /** The action's answer, for whichever form sent it. */
  reply: FormReply | undefined;
}

export const iso = (d: Dateish) => new Date(d).toISOString();
