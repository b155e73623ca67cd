/**
 * The portal shows what is true at the case's stage, and nothing else: every stage with the
 * facts a real case has there (what each card and prompt is), then every stage with every
 * combination of facts (nothing the page says contradicts the stage or the facts).
 */
import { getFixedT } from "~/i18n/i18n.server";
import {
  lateReplyOf,
  PORTAL_CARDS,
  PORTAL_SECTIONS,
  portalView,
  progressOf,
  sectionOpen,
  type PortalCard,
  type PortalFacts,
  type PortalPrompts,
  type PortalSection,
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
    cards: {
      plan: null,
      quote: null,
      appointments: "sections.appointmentsEmpty",
      // The travel page asks for the passport from here on.
      itinerary: "sections.itineraryEmpty",
    },
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
  "sections.itineraryEmpty": [
    "QUOTE_ACCEPTED",
    "DEPOSIT_PAID",
    "SCHEDULED",
    "TRAVEL_READY",
    "IN_TREATMENT",
  ],
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

  it("the plan's and the visa letter's words follow the stage, in every language", () => {
    const after = ["IN_TREATMENT", "AFTERCARE", "CLOSED"];
    const t = getFixedT("en", "portal");
    for (const f of everyCase()) {
      const view = portalView(f);
      const where = JSON.stringify(f);
      expect(t(view.planIntro), where).not.toBe(view.planIntro);
      // "Your coordinator will book them" only while nothing is booked and treatment is ahead.
      if (f.treatmentBooked > 0 || after.includes(f.stage)) {
        expect(view.planIntro, where).not.toBe("plan.intro");
      }
      if (["AFTERCARE", "CLOSED"].includes(f.stage)) expect(view.planIntro).toBe("plan.introDone");
      // The letter is for the journey there: once treatment has begun it is not asked about.
      expect(view.visaLetter, where).toBe(after.includes(f.stage) ? "over" : "ahead");
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

/** Each stage (with the facts TABLE gives it): the pages behind the case page that open. */
const OPEN_AT: Record<Stage, PortalSection[]> = {
  ENQUIRY: [],
  MEDICAL_REVIEW: [],
  NOT_ELIGIBLE: [],
  QUOTED: ["quote", "appointments"],
  QUOTE_ACCEPTED: ["quote", "appointments", "travel"],
  DEPOSIT_PAID: ["quote", "appointments", "travel"],
  SCHEDULED: ["quote", "appointments", "travel"],
  TRAVEL_READY: ["quote", "appointments", "travel", "aftercare"],
  IN_TREATMENT: ["quote", "appointments", "travel", "aftercare"],
  AFTERCARE: ["quote", "appointments", "travel", "aftercare"],
  CLOSED: ["quote", "appointments", "travel", "aftercare"],
  CANCELLED: ["quote"],
};

describe("the pages behind the case page open only where the case page leads", () => {
  it.each(STAGES.map((s) => [s]))("%s opens its sections and no others", (stage) => {
    const view = portalView(facts(stage, TABLE[stage].facts));
    expect(PORTAL_SECTIONS.filter((s) => sectionOpen(view, s))).toEqual(OPEN_AT[stage]);
  });

  it("a page is open whenever the case page asks for something done there", () => {
    for (const f of everyCase()) {
      const view = portalView(f);
      const where = JSON.stringify(f);
      const { prompts } = view;
      if (prompts.bookConsultation || prompts.pickWindow) {
        expect(sectionOpen(view, "appointments"), where).toBe(true);
      }
      if (prompts.answerQuote || prompts.payDeposit) {
        expect(sectionOpen(view, "quote"), where).toBe(true);
      }
      if (prompts.uploadPassport) expect(sectionOpen(view, "travel"), where).toBe(true);
      if (prompts.answerFollowUps && f.followUps > 0) {
        expect(sectionOpen(view, "aftercare"), where).toBe(true);
      }
    }
  });

  it("a case that was refused, or cancelled with nothing to keep, opens no quote, booking or trip", () => {
    for (const f of everyCase()) {
      const view = portalView(f);
      const where = JSON.stringify(f);
      if (f.stage === "NOT_ELIGIBLE") {
        for (const s of ["quote", "appointments", "travel"] as const) {
          expect(sectionOpen(view, s), `${where} ${s}`).toBe(false);
        }
      }
      if (f.stage === "CANCELLED" && f.quotes === 0 && f.appointments === 0 && f.itinerary === 0) {
        expect(
          PORTAL_SECTIONS.filter((s) => sectionOpen(view, s)),
          where,
        ).toEqual([]);
      }
      // A page with nothing in it is never a page the case page has no card for.
      for (const s of PORTAL_SECTIONS) {
        if (!sectionOpen(view, s)) continue;
        const c: PortalCard = s === "travel" ? "itinerary" : s === "aftercare" ? "followUps" : s;
        expect(view.cards[c].shown, `${where} ${s}`).toBe(true);
      }
    }
  });
});

describe("the progress line", () => {
  const states = (stage: Stage, visited: string[]) =>
    progressOf(stage, visited).map((p) => `${p.stage}:${p.state}`);

  it("shows a cancelled case the steps it went through and that it was cancelled", () => {
    // Cancelled at the medical review: two steps passed, then the end.
    expect(states("CANCELLED", ["ENQUIRY", "MEDICAL_REVIEW", "CANCELLED"])).toEqual([
      "ENQUIRY:done",
      "MEDICAL_REVIEW:done",
      "CANCELLED:ended",
    ]);
    // Cancelled after paying the deposit.
    expect(
      states("CANCELLED", [
        "ENQUIRY",
        "MEDICAL_REVIEW",
        "QUOTED",
        "QUOTE_ACCEPTED",
        "DEPOSIT_PAID",
        "CANCELLED",
      ]),
    ).toEqual([
      "ENQUIRY:done",
      "MEDICAL_REVIEW:done",
      "QUOTED:done",
      "QUOTE_ACCEPTED:done",
      "DEPOSIT_PAID:done",
      "CANCELLED:ended",
    ]);
    // Cancelled straight from the enquiry.
    expect(states("CANCELLED", ["ENQUIRY", "CANCELLED"])).toEqual([
      "ENQUIRY:done",
      "CANCELLED:ended",
    ]);
  });

  it("never shows a case that stopped as current at, or headed for, a step of the main line", () => {
    for (const stage of ["CANCELLED", "NOT_ELIGIBLE"] as const) {
      for (let n = 0; n <= HAPPY_PATH.length; n++) {
        const visited = [...HAPPY_PATH.slice(0, n), stage];
        const line = progressOf(stage, visited);
        expect(line.at(-1)).toEqual({ stage, state: "ended" });
        expect(line.slice(0, -1).every((p) => p.state === "done")).toBe(true);
        // Only steps it reached are marked passed.
        for (const p of line.slice(0, -1)) {
          expect(
            p.stage === "ENQUIRY" || p.stage === "MEDICAL_REVIEW" || visited.includes(p.stage),
          ).toBe(true);
        }
      }
    }
    expect(states("NOT_ELIGIBLE", ["ENQUIRY", "MEDICAL_REVIEW", "NOT_ELIGIBLE"])).toEqual([
      "ENQUIRY:done",
      "MEDICAL_REVIEW:done",
      "NOT_ELIGIBLE:ended",
    ]);
  });

  it("shows an open case the whole line with where it stands", () => {
    expect(states("QUOTED", ["ENQUIRY", "MEDICAL_REVIEW", "QUOTED"]).slice(0, 4)).toEqual([
      "ENQUIRY:done",
      "MEDICAL_REVIEW:done",
      "QUOTED:current",
      "QUOTE_ACCEPTED:todo",
    ]);
    expect(progressOf("ENQUIRY", [])).toHaveLength(HAPPY_PATH.length);
  });
});

describe("a late first reply", () => {
  const hour = 3_600_000;
  const now = new Date("2026-05-12T10:00:00Z");
  const enquiry = (dueInHours: number, extra: object = {}) => ({
    stage: "ENQUIRY",
    firstRespondedAt: null,
    slaPausedAt: null,
    firstResponseDueAt: new Date(now.getTime() + dueInHours * hour),
    ...extra,
  });

  it("is late only when unanswered, not waiting for the patient, and past its deadline", () => {
    expect(lateReplyOf(enquiry(3), 24, now)).toBeNull();
    expect(lateReplyOf(enquiry(-1, { firstRespondedAt: now }), 24, now)).toBeNull();
    expect(lateReplyOf(enquiry(-1, { slaPausedAt: now }), 24, now)).toBeNull();
    expect(lateReplyOf(enquiry(-1, { stage: "MEDICAL_REVIEW" }), 24, now)).toBeNull();
    expect(lateReplyOf(enquiry(-1), 24, now)).not.toBeNull();
  });

  it("promises a reply at a time still ahead, the same on every visit within a window", () => {
    const late = lateReplyOf(enquiry(-2), 24, now)!;
    expect(late.dueAt).toEqual(new Date(now.getTime() - 2 * hour));
    expect(late.expectBy).toEqual(new Date(now.getTime() + 22 * hour));
    // An hour later the promise has not moved.
    const later = lateReplyOf(enquiry(-2), 24, new Date(now.getTime() + hour))!;
    expect(later.expectBy).toEqual(late.expectBy);
    // Later than a whole window: the next window's end, never a time gone by.
    for (const hoursLate of [1, 23, 24, 25, 50, 200]) {
      const r = lateReplyOf(enquiry(-hoursLate), 24, now)!;
      expect(r.expectBy.getTime(), `${hoursLate}h`).toBeGreaterThan(now.getTime());
      expect(r.expectBy.getTime() - now.getTime(), `${hoursLate}h`).toBeLessThanOrEqual(24 * hour);
    }
  });

  it("makes the enquiry's next step say the reply is late, and only then", () => {
    const lateReply = lateReplyOf(enquiry(-2), 24, now);
    const late = portalView(facts("ENQUIRY", { lateReply }));
    expect(late.next).toBe("next.ENQUIRY_late");
    expect(late.lateReply).toEqual(lateReply);
    expect(portalView(facts("ENQUIRY", {})).next).toBe("next.ENQUIRY");
    // Once the case moved on, the enquiry's lateness is no longer what happens next.
    const moved = portalView(facts("MEDICAL_REVIEW", { lateReply }));
    expect(moved.next).toBe("next.MEDICAL_REVIEW");
    expect(moved.lateReply).toBeNull();
    const t = getFixedT("en", "portal");
    const text = t("next.ENQUIRY_late", { due: "DUE", by: "BY" });
    expect(text).toContain("DUE");
    expect(text).toContain("BY");
    expect(text).not.toBe(t("next.ENQUIRY"));
  });
});
