/**
 * The portal shows what is true at the case's stage, and nothing else: every stage with the
 * facts a real case has there (what each card and prompt is), then every stage with every
 * combination of facts (nothing the page says contradicts the stage or the facts).
 */
import { getFixedT } from "~/i18n/i18n.server";
import {
  PORTAL_CARDS,
  portalView,
  type PortalCard,
  type PortalFacts,
  type PortalPrompts,
} from "./portal-view";
import { HAPPY_PATH, STAGES, type Stage } from "./stages";

const none: Omit<PortalFacts, "stage" | "eligibility"> = {
  quotes: 0,
  depositSettled: false,
  treatmentBooked: 0,
  appointments: 0,
  itinerary: 0,
  followUps: 0,
  planSteps: 0,
};

type Expected = {
  facts: Partial<PortalFacts>;
  /** Shown cards: null when it lists entries, else the key of what the empty card says. */
  cards: Partial<Record<PortalCard, string | null>>;
  prompts: (keyof PortalPrompts)[];
};

const eligible = { eligibility: "ELIGIBLE", planSteps: 3 };
const trip = { quotes: 1, depositSettled: true, treatmentBooked: 2, appointments: 3 };

/** Each stage with the facts a case has there, and what its pages must show. */
const TABLE: Record<Stage, Expected> = {
  ENQUIRY: {
    facts: {},
    cards: { quote: "sections.quoteEmpty" },
    prompts: [],
  },
  MEDICAL_REVIEW: {
    facts: {},
    cards: { quote: "sections.quoteEmpty" },
    prompts: [],
  },
  NOT_ELIGIBLE: {
    facts: { eligibility: "NOT_ELIGIBLE" },
    cards: {},
    prompts: [],
  },
  QUOTED: {
    facts: { ...eligible, quotes: 1 },
    cards: { plan: null, quote: null, appointments: "sections.appointmentsConsult" },
    prompts: ["bookConsultation", "pickWindow", "answerQuote"],
  },
  QUOTE_ACCEPTED: {
    facts: { ...eligible, quotes: 1 },
    cards: { plan: null, quote: null, appointments: "sections.appointmentsEmpty" },
    prompts: ["bookConsultation", "pickWindow", "payDeposit", "uploadPassport"],
  },
  DEPOSIT_PAID: {
    facts: { ...eligible, quotes: 1, depositSettled: true },
    cards: {
      plan: null,
      quote: null,
      appointments: "sections.appointmentsBooking",
      itinerary: "sections.itineraryEmpty",
    },
    prompts: ["bookConsultation", "pickWindow", "uploadPassport"],
  },
  SCHEDULED: {
    facts: { ...eligible, ...trip },
    cards: {
      plan: null,
      quote: null,
      appointments: null,
      itinerary: "sections.itineraryEmpty",
      followUps: "sections.followUpsEmpty",
    },
    prompts: ["bookConsultation", "uploadPassport", "answerFollowUps"],
  },
  TRAVEL_READY: {
    facts: { ...eligible, ...trip, itinerary: 4, followUps: 1 },
    cards: { plan: null, quote: null, appointments: null, itinerary: null, followUps: null },
    prompts: ["bookConsultation", "uploadPassport", "answerFollowUps"],
  },
  IN_TREATMENT: {
    facts: { ...eligible, ...trip, itinerary: 4, followUps: 1 },
    cards: { plan: null, quote: null, appointments: null, itinerary: null, followUps: null },
    prompts: ["uploadPassport", "answerFollowUps"],
  },
  AFTERCARE: {
    facts: { ...eligible, ...trip, itinerary: 4, followUps: 6 },
    cards: { plan: null, quote: null, appointments: null, itinerary: null, followUps: null },
    prompts: ["answerFollowUps"],
  },
  CLOSED: {
    facts: { ...eligible, ...trip, itinerary: 4, followUps: 6 },
    cards: { plan: null, quote: null, appointments: null, itinerary: null, followUps: null },
    prompts: [],
  },
  // Cancelled after accepting the quote, before paying.
  CANCELLED: {
    facts: { ...eligible, quotes: 1 },
    cards: { plan: null, quote: null },
    prompts: [],
  },
};

const facts = (stage: Stage, extra: Partial<PortalFacts>): PortalFacts => ({
  stage,
  eligibility: "PENDING",
  ...none,
  ...extra,
});

describe("the portal's view of each stage", () => {
  it.each(STAGES.map((s) => [s]))("%s shows its cards and prompts, and no others", (stage) => {
    const expected = TABLE[stage];
    const view = portalView(facts(stage, expected.facts));
    expect(view.stage).toBe(stage);
    const cards = Object.fromEntries(
      PORTAL_CARDS.filter((c) => view.cards[c].shown).map((c) => {
        const card = view.cards[c];
        return [c, card.shown ? card.empty : null];
      }),
    );
    expect(cards).toEqual(expected.cards);
    const prompts = (Object.keys(view.prompts) as (keyof PortalPrompts)[]).filter(
      (p) => view.prompts[p],
    );
    expect(prompts.sort()).toEqual([...expected.prompts].sort());
  });

  it("says what happens next in words every language has", () => {
    const t = getFixedT("en", "portal");
    for (const stage of STAGES) {
      for (const depositSettled of [false, true]) {
        const { next } = portalView(facts(stage, { depositSettled }));
        expect(t(next), `${stage} ${next}`).not.toBe(next);
      }
    }
    // Accepted with the deposit settled (a waiver) no longer asks for the deposit.
    expect(portalView(facts("QUOTE_ACCEPTED", { depositSettled: true })).next).not.toBe(
      portalView(facts("QUOTE_ACCEPTED", {})).next,
    );
  });
});

/** Where each sentence of an empty card is true. */
const TRUE_AT: Record<string, readonly Stage[]> = {
  "sections.quoteEmpty": ["ENQUIRY", "MEDICAL_REVIEW"],
  "sections.appointmentsConsult": ["QUOTED"],
  "sections.appointmentsEmpty": ["QUOTE_ACCEPTED"],
  "sections.appointmentsBooking": [
    "QUOTE_ACCEPTED",
    "DEPOSIT_PAID",
    "SCHEDULED",
    "TRAVEL_READY",
    "IN_TREATMENT",
  ],
  "sections.itineraryEmpty": ["DEPOSIT_PAID", "SCHEDULED", "TRAVEL_READY", "IN_TREATMENT"],
  "sections.followUpsEmpty": ["SCHEDULED", "TRAVEL_READY", "IN_TREATMENT"],
};

/** Every combination of the facts, at every stage. */
function* everyCase(): Generator<PortalFacts> {
  for (const stage of STAGES)
    for (const eligibility of ["PENDING", "ELIGIBLE", "NOT_ELIGIBLE"])
      for (const depositSettled of [false, true])
        for (const n of [0, 1])
          for (const booked of [0, 1])
            yield {
              stage,
              eligibility,
              quotes: n,
              depositSettled,
              treatmentBooked: booked,
              appointments: booked || n,
              itinerary: n,
              followUps: n,
              planSteps: n,
            };
}

describe("nothing on the portal contradicts the stage", () => {
  const afterScheduling = HAPPY_PATH.slice(HAPPY_PATH.indexOf("SCHEDULED"));

  it("an empty card says only what is true at the stage", () => {
    for (const f of everyCase()) {
      const view = portalView(f);
      for (const c of PORTAL_CARDS) {
        const card = view.cards[c];
        if (!card.shown || !card.empty) continue;
        expect(TRUE_AT[card.empty], `${f.stage} ${c} ${card.empty}`).toContain(f.stage);
        // "Once your deposit is paid" is never said to someone whose deposit is settled.
        if (f.depositSettled) expect(card.empty).not.toBe("sections.appointmentsEmpty");
      }
    }
  });

  it("no prompt asks for what is already done or no longer possible", () => {
    for (const f of everyCase()) {
      const { prompts } = portalView(f);
      const where = JSON.stringify(f);
      if (f.depositSettled) expect(prompts.payDeposit, where).toBe(false);
      // Once treatment is booked (or scheduled), nobody is asked when it should start.
      if (f.treatmentBooked > 0 || afterScheduling.includes(f.stage as Stage)) {
        expect(prompts.pickWindow, where).toBe(false);
      }
      if (f.eligibility !== "ELIGIBLE") {
        expect(prompts.bookConsultation, where).toBe(false);
        expect(prompts.pickWindow, where).toBe(false);
      }
    }
  });

  it("a case that did not go ahead, or is over, offers nothing to book, pay or answer", () => {
    for (const f of everyCase()) {
      if (!["NOT_ELIGIBLE", "CLOSED", "CANCELLED"].includes(f.stage)) continue;
      const view = portalView(f);
      expect(Object.values(view.prompts).some(Boolean), JSON.stringify(f)).toBe(false);
      for (const c of PORTAL_CARDS) {
        const card = view.cards[c];
        // A record of what happened may stay; a promise of what comes next may not.
        if (card.shown) expect(card.empty, `${f.stage} ${c}`).toBeNull();
      }
      if (f.stage === "NOT_ELIGIBLE") {
        for (const c of ["plan", "quote", "appointments", "itinerary"] as const) {
          expect(view.cards[c].shown, `NOT_ELIGIBLE ${c}`).toBe(false);
        }
      }
    }
  });
});
