/**
 * What the patient's portal shows for a case: which cards appear on the case page, what an
 * empty card says, and which prompts (book, pick a week, pay, answer) are offered. One pure
 * function of the stage and a few facts, read by the case page and the pages behind it, so
 * that nothing the patient reads contradicts where the case stands: a paid deposit is not
 * asked for, a scheduled patient is not asked when treatment should start, a case that did
 * not go ahead offers no quote, booking or travel. tests/portal-view.test.ts walks every stage.
 */
import { isOverdue } from "./pipeline";
import { canAnswerFollowUp, canBookConsultation, HAPPY_PATH, isStage, type Stage } from "./stages";

/** The facts beside the stage that change what is true on the page. */
export interface PortalFacts {
  stage: string;
  eligibility: string;
  /** Quotes the patient can read: every one but drafts (issued, answered, replaced, expired). */
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
  /** The first reply to the enquiry is late (lateReplyOf): when it was due, when to expect it. */
  lateReply?: LateReply | null;
}

export interface LateReply {
  dueAt: Date;
  expectBy: Date;
}

/**
 * A late first reply, or null: unanswered, not paused for the patient, past its deadline
 * (the staff pipeline's isOverdue). The patient is told when to expect it: the deadline moved
 * on by whole reply windows (FIRST_RESPONSE_HOURS) until it is ahead, so the promise stays
 * the same from one visit to the next and is never in the past.
 */
export function lateReplyOf(
  kase: {
    stage: string;
    firstRespondedAt: Date | null;
    slaPausedAt: Date | null;
    firstResponseDueAt: Date | null;
  },
  windowHours: number,
  now = new Date(),
): LateReply | null {
  const due = kase.firstResponseDueAt;
  if (!due || !isOverdue(kase, now)) return null;
  const window = Math.max(1, windowHours) * 3_600_000;
  const windows = Math.floor((now.getTime() - due.getTime()) / window) + 1;
  return { dueAt: due, expectBy: new Date(due.getTime() + windows * window) };
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

/** The pages behind the case page, each with its documents. */
export type PortalSection = "quote" | "appointments" | "travel" | "aftercare";

export const PORTAL_SECTIONS: readonly PortalSection[] = [
  "quote",
  "appointments",
  "travel",
  "aftercare",
];

export interface PortalView {
  stage: Stage;
  /** The "what happens next" sentence, a key in the portal namespace. */
  next: string;
  cards: Record<PortalCard, CardView>;
  prompts: PortalPrompts;
  /** Which pages behind the case page are open: exactly those the case page leads to. */
  sections: Record<PortalSection, boolean>;
  /** The first reply is late: `next` says so, with these dates. */
  lateReply: LateReply | null;
  /** The treatment plan card's sentence (a portal key): the steps to be booked, booked, or done. */
  planIntro: string;
  /**
   * The visa invitation letter: for the journey to the clinic while it is ahead, and no longer
   * issued once treatment has begun (the travel page says so instead of what it would need).
   */
  visaLetter: "ahead" | "over";
}

/**
 * Whether a page behind the case page (and its documents) may be opened: only when the case
 * page itself leads there, so a URL typed or kept from an email agrees with the case page.
 * Every portal loader and action of a section asks this (openSection() in
 * app/models/cases/portal.server.ts); a closed page sends the patient back to the case page.
 */
export function sectionOpen(view: PortalView, section: PortalSection): boolean {
  return view.sections[section];
}

/** Stages whose case page speaks of the trip: from the deposit until treatment ends. */
const TRIP_STAGES: readonly Stage[] = ["DEPOSIT_PAID", "SCHEDULED", "TRAVEL_READY", "IN_TREATMENT"];
/** Stages in which "after treatment, your follow-up plan will appear here" is true. */
const FOLLOW_UP_SOON_STAGES: readonly Stage[] = ["SCHEDULED", "TRAVEL_READY", "IN_TREATMENT"];
/** Passports are asked for once the quote is accepted (visas take time) until treatment. */
const PASSPORT_STAGES: readonly Stage[] = ["QUOTE_ACCEPTED", ...TRIP_STAGES];
/** Treatment has begun or ended: the journey to the clinic is behind the patient. */
const AFTER_TRAVEL_STAGES: readonly Stage[] = ["IN_TREATMENT", "AFTERCARE", "CLOSED"];
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

  const lateReply = stage === "ENQUIRY" ? (facts.lateReply ?? null) : null;
  const next =
    stage === "QUOTE_ACCEPTED" && facts.depositSettled
      ? "next.QUOTE_ACCEPTED_settled"
      : lateReply
        ? "next.ENQUIRY_late"
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

  // From the accepted quote the travel page asks for the passport, so the card leads there.
  const itinerary = notEligible
    ? hidden
    : card(facts.itinerary, on(PASSPORT_STAGES) ? "sections.itineraryEmpty" : null);

  const followUps = card(
    facts.followUps,
    on(FOLLOW_UP_SOON_STAGES) ? "sections.followUpsEmpty" : null,
  );

  const plan = eligible && !notEligible && facts.planSteps > 0 ? shown(null) : hidden;

  // The case page's links (app/components/portal/journey.tsx): the quote and follow-up cards
  // link once they list something, the appointment and itinerary cards whenever shown.
  const sections: Record<PortalSection, boolean> = {
    quote: quote.shown && facts.quotes > 0,
    appointments: appointments.shown,
    travel: itinerary.shown,
    aftercare: followUps.shown && facts.followUps > 0,
  };

  const planIntro = on(["AFTERCARE", "CLOSED"])
    ? "plan.introDone"
    : facts.treatmentBooked > 0 || stage === "IN_TREATMENT"
      ? "plan.introBooked"
      : "plan.intro";

  return {
    stage,
    next,
    planIntro,
    visaLetter: on(AFTER_TRAVEL_STAGES) ? "over" : "ahead",
    cards: { plan, quote, appointments, itinerary, followUps },
    sections,
    lateReply,
    prompts: {
      bookConsultation: canBookConsultation(stage) && eligible,
      pickWindow: on(WINDOW_STAGES) && eligible && facts.treatmentBooked === 0,
      answerQuote: stage === "QUOTED" && facts.quotes > 0,
      payDeposit: stage === "QUOTE_ACCEPTED" && !facts.depositSettled && facts.quotes > 0,
      uploadPassport: on(PASSPORT_STAGES),
      answerFollowUps: canAnswerFollowUp(stage),
    },
  };
}

/** One step of the case page's progress line. */
export interface ProgressStep {
  stage: Stage;
  /** done: passed; current: where the case is; todo: still ahead; ended: it stopped here. */
  state: "done" | "current" | "todo" | "ended";
}

/**
 * The progress line the case page draws. A case on the main line sees the whole line, with
 * where it stands. A case that left it (not eligible, or cancelled) sees the steps it really
 * went through, from its stage history (`visited`: the stages it reached, oldest first), and
 * then where it stopped: never a line that pretends it is still at a step, or that skips the
 * steps it passed.
 */
export function progressOf(stage: Stage, visited: readonly string[]): ProgressStep[] {
  const onLine = (s: string): s is Stage => isStage(s) && HAPPY_PATH.includes(s);
  if (stage === "NOT_ELIGIBLE" || stage === "CANCELLED") {
    const passed = new Set<Stage>(["ENQUIRY"]);
    for (const s of visited) if (onLine(s)) passed.add(s);
    // A decision is only ever taken at the medical review.
    if (stage === "NOT_ELIGIBLE") passed.add("MEDICAL_REVIEW");
    return [
      ...HAPPY_PATH.filter((s) => passed.has(s)).map((s) => ({ stage: s, state: "done" as const })),
      { stage, state: "ended" },
    ];
  }
  const at = HAPPY_PATH.indexOf(stage);
  return HAPPY_PATH.map((s, i) => ({
    stage: s,
    state: i < at ? "done" : i === at ? "current" : "todo",
  }));
}
