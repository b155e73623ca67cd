/**
 * What the patient's portal shows for a case: which cards appear on the case page, what an
 * empty card says, and which prompts (book, pick a week, pay, answer) are offered. One pure
 * function of the stage and a few facts, read by the case page and the pages behind it, so
 * that nothing the patient reads contradicts where the case stands: a paid deposit is not
 * asked for, a scheduled patient is not asked when treatment should start, a case that did
 * not go ahead offers no quote, booking or travel. tests/portal-view.test.ts walks every stage.
 */
import { canAnswerFollowUp, canBookConsultation, isStage, type Stage } from "./stages";

/** The facts beside the stage that change what is true on the page. */
export interface PortalFacts {
  stage: string;
  eligibility: string;
  /** Issued or accepted quotes the patient can read. */
  quotes: number;
  /** A deposit has been paid, or finance waived it. */
  depositSettled: boolean;
  /** Treatment appointments booked (the video consultation does not count). */
  treatmentBooked: number;
  /** Appointments of any kind the patient can see (not cancelled). */
  appointments: number;
  itinerary: number;
  followUps: number;
  planSteps: number;
}

export type PortalCard = "plan" | "quote" | "appointments" | "itinerary" | "followUps";

export const PORTAL_CARDS: readonly PortalCard[] = [
  "plan",
  "quote",
  "appointments",
  "itinerary",
  "followUps",
];

/** A card on the case page: hidden, or shown with its entries or, while empty, a sentence. */
export type CardView = { shown: false } | { shown: true; empty: string | null };

/** What the patient may do now, on the case page and the pages behind it. */
export interface PortalPrompts {
  /** Book the video consultation (appointments page). */
  bookConsultation: boolean;
  /** Say which week treatment should start (appointments page). */
  pickWindow: boolean;
  /** Accept, decline or ask about the quote (quote page). */
  answerQuote: boolean;
  /** Pay the deposit (quote page). */
  payDeposit: boolean;
  /** Upload a passport for the trip (travel page). */
  uploadPassport: boolean;
  /** Answer a follow-up questionnaire (aftercare pages). */
  answerFollowUps: boolean;
}

export interface PortalView {
  stage: Stage;
  /** The "what happens next" sentence, a key in the portal namespace. */
  next: string;
  cards: Record<PortalCard, CardView>;
  prompts: PortalPrompts;
}

/** Stages whose case page speaks of the trip: from the deposit until treatment ends. */
const TRIP_STAGES: readonly Stage[] = ["DEPOSIT_PAID", "SCHEDULED", "TRAVEL_READY", "IN_TREATMENT"];
/** Stages in which "after treatment, your follow-up plan will appear here" is true. */
const FOLLOW_UP_SOON_STAGES: readonly Stage[] = ["SCHEDULED", "TRAVEL_READY", "IN_TREATMENT"];
/** Passports are asked for once the quote is accepted (visas take time) until treatment. */
const PASSPORT_STAGES: readonly Stage[] = ["QUOTE_ACCEPTED", ...TRIP_STAGES];
/** Before treatment is booked, the patient may still say when they would like it to start. */
const WINDOW_STAGES: readonly Stage[] = ["QUOTED", "QUOTE_ACCEPTED", "DEPOSIT_PAID"];

const hidden: CardView = { shown: false };
const shown = (empty: string | null): CardView => ({ shown: true, empty });
/** A card with entries is shown as a record; an empty one only with a true sentence. */
const card = (entries: number, empty: string | null): CardView =>
  entries > 0 ? shown(null) : empty ? shown(empty) : hidden;

export function portalView(facts: PortalFacts): PortalView {
  const stage: Stage = isStage(facts.stage) ? facts.stage : "ENQUIRY";
  const eligible = facts.eligibility === "ELIGIBLE";
  const notEligible = stage === "NOT_ELIGIBLE";
  const on = (list: readonly Stage[]) => list.includes(stage);

  const next =
    stage === "QUOTE_ACCEPTED" && facts.depositSettled
      ? "next.QUOTE_ACCEPTED_settled"
      : `next.${stage}`;

  const quote = notEligible
    ? hidden
    : card(
        facts.quotes,
        stage === "ENQUIRY" || stage === "MEDICAL_REVIEW" ? "sections.quoteEmpty" : null,
      );

  let appointmentsEmpty: string | null = null;
  if (stage === "QUOTED") appointmentsEmpty = "sections.appointmentsConsult";
  else if (stage === "QUOTE_ACCEPTED")
    appointmentsEmpty = facts.depositSettled
      ? "sections.appointmentsBooking"
      : "sections.appointmentsEmpty";
  else if (on(TRIP_STAGES)) appointmentsEmpty = "sections.appointmentsBooking";
  const appointments = notEligible ? hidden : card(facts.appointments, appointmentsEmpty);

  const itinerary = notEligible
    ? hidden
    : card(facts.itinerary, on(TRIP_STAGES) ? "sections.itineraryEmpty" : null);

  const followUps = card(
    facts.followUps,
    on(FOLLOW_UP_SOON_STAGES) ? "sections.followUpsEmpty" : null,
  );

  const plan = eligible && !notEligible && facts.planSteps > 0 ? shown(null) : hidden;

  return {
    stage,
    next,
    cards: { plan, quote, appointments, itinerary, followUps },
    prompts: {
      bookConsultation: canBookConsultation(stage) && eligible,
      pickWindow: on(WINDOW_STAGES) && eligible && facts.treatmentBooked === 0,
      answerQuote: stage === "QUOTED" && facts.quotes > 0,
      payDeposit: stage === "QUOTE_ACCEPTED" && !facts.depositSettled,
      uploadPassport: on(PASSPORT_STAGES),
      answerFollowUps: canAnswerFollowUp(stage),
    },
  };
}
