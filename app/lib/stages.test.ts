import { PERMISSIONS } from "./permissions";
import {
  availableTransitions,
  canMeet,
  checkTransition,
  HAPPY_PATH,
  nextStep,
  OPEN_STAGES,
  STAGES,
  TRANSITIONS,
  type Actor,
  type CaseFacts,
  type Stage,
} from "./stages";

/** Facts under which every guard passes. */
const ALL_MET: CaseFacts = {
  eligibility: "ELIGIBLE",
  hasEligibilityReason: true,
  hasIssuedQuote: true,
  hasAcceptedQuote: true,
  depositPaid: true,
  depositWaived: false,
  bookedAppointments: 3,
  passportApproved: true,
  hasArrival: true,
  followUpsPlanned: 5,
  openConflicts: 0,
  travelRuleBreaches: 0,
  fitToFlyMissing: 0,
  insuranceGaps: 0,
  consentMissing: false,
};
const NONE_MET: CaseFacts = {
  eligibility: "PENDING",
  hasEligibilityReason: false,
  hasIssuedQuote: false,
  hasAcceptedQuote: false,
  depositPaid: false,
  depositWaived: false,
  bookedAppointments: 0,
  passportApproved: false,
  hasArrival: false,
  followUpsPlanned: 0,
  openConflicts: 3,
  travelRuleBreaches: 1,
  fitToFlyMissing: 1,
  insuranceGaps: 1,
  consentMissing: true,
};

describe("every allowed transition", () => {
  for (const t of TRANSITIONS) {
    for (const role of PERMISSIONS[t.permission]) {
      it(`${t.from} -> ${t.to} by ${role}`, () => {
        const facts =
          t.to === "NOT_ELIGIBLE" ? { ...ALL_MET, eligibility: "NOT_ELIGIBLE" as const } : ALL_MET;
        expect(checkTransition(t.from, t.to, role, facts, "a reason")).toMatchObject({ ok: true });
      });
    }
  }

  it("covers the whole happy path in order", () => {
    for (let i = 1; i < HAPPY_PATH.length; i++) {
      expect(TRANSITIONS.some((t) => t.from === HAPPY_PATH[i - 1] && t.to === HAPPY_PATH[i])).toBe(
        true,
      );
    }
  });

  it("allows CANCELLED from every open stage and from no closed one", () => {
    for (const s of STAGES) {
      const allowed = TRANSITIONS.some((t) => t.from === s && t.to === "CANCELLED");
      expect(allowed, s).toBe(OPEN_STAGES.includes(s));
    }
  });
});

describe("refused transitions", () => {
  const notAllowed: [Stage, Stage][] = [
    ["ENQUIRY", "QUOTED"],
    ["ENQUIRY", "DEPOSIT_PAID"],
    ["MEDICAL_REVIEW", "SCHEDULED"],
    ["QUOTED", "DEPOSIT_PAID"],
    ["CLOSED", "ENQUIRY"],
    ["CANCELLED", "ENQUIRY"],
    ["CANCELLED", "MEDICAL_REVIEW"],
    ["AFTERCARE", "IN_TREATMENT"],
    ["ENQUIRY", "ENQUIRY"],
  ];
  it.each(notAllowed)("%s -> %s is not a transition", (from, to) => {
    expect(checkTransition(from, to, "ADMIN", ALL_MET, "r")).toEqual({
      ok: false,
      code: "not_allowed",
      failures: [],
    });
  });

  it("only a clinician decides not eligible", () => {
    const facts = { ...ALL_MET, eligibility: "NOT_ELIGIBLE" as const };
    for (const role of ["COORDINATOR", "FINANCE", "ADMIN", "PATIENT", "SYSTEM"] as const) {
      expect(checkTransition("MEDICAL_REVIEW", "NOT_ELIGIBLE", role, facts)).toMatchObject({
        ok: false,
        code: "forbidden",
      });
    }
  });

  it("a patient cannot move their own case to medical review", () => {
    expect(checkTransition("ENQUIRY", "MEDICAL_REVIEW", "PATIENT", ALL_MET)).toMatchObject({
      code: "forbidden",
    });
  });

  const guarded: [Stage, Stage, string, Partial<CaseFacts>, string][] = [
    [
      "MEDICAL_REVIEW",
      "NOT_ELIGIBLE",
      "CLINICIAN",
      { eligibility: "PENDING" },
      "guard.notEligibleDecisionMissing",
    ],
    [
      "MEDICAL_REVIEW",
      "NOT_ELIGIBLE",
      "CLINICIAN",
      { eligibility: "NOT_ELIGIBLE", hasEligibilityReason: false },
      "guard.notEligibleDecisionMissing",
    ],
    [
      "MEDICAL_REVIEW",
      "QUOTED",
      "FINANCE",
      { eligibility: "PENDING" },
      "guard.eligibleDecisionMissing",
    ],
    ["MEDICAL_REVIEW", "QUOTED", "FINANCE", { hasIssuedQuote: false }, "guard.quoteNotIssued"],
    ["QUOTED", "QUOTE_ACCEPTED", "PATIENT", { hasAcceptedQuote: false }, "guard.quoteNotAccepted"],
    ["QUOTE_ACCEPTED", "DEPOSIT_PAID", "SYSTEM", { depositPaid: false }, "guard.depositNotPaid"],
    ["DEPOSIT_PAID", "SCHEDULED", "COORDINATOR", { bookedAppointments: 0 }, "guard.noAppointments"],
    [
      "QUOTE_ACCEPTED",
      "SCHEDULED",
      "COORDINATOR",
      { depositPaid: false },
      "guard.depositNotPaidOrWaived",
    ],
    [
      "SCHEDULED",
      "TRAVEL_READY",
      "COORDINATOR",
      { passportApproved: false },
      "guard.passportNotApproved",
    ],
    ["SCHEDULED", "TRAVEL_READY", "COORDINATOR", { hasArrival: false }, "guard.noArrival"],
    ["SCHEDULED", "TRAVEL_READY", "COORDINATOR", { openConflicts: 1 }, "guard.openConflicts"],
    ["IN_TREATMENT", "AFTERCARE", "CLINICIAN", { followUpsPlanned: 0 }, "guard.noFollowUpPlan"],
  ];
  it.each(guarded)(
    "%s -> %s by %s is blocked when %o (%s)",
    (from, to, role, override, failure) => {
      const base =
        to === "NOT_ELIGIBLE" ? { ...ALL_MET, eligibility: "NOT_ELIGIBLE" as const } : ALL_MET;
      const result = checkTransition(from, to, role as never, { ...base, ...override }, "r");
      expect(result).toMatchObject({ ok: false, code: "guard" });
      expect(!result.ok && result.failures).toContain(failure);
    },
  );

  it("a deposit waiver recorded by finance stands in for the payment", () => {
    const facts = { ...ALL_MET, depositPaid: false, depositWaived: true };
    expect(checkTransition("QUOTE_ACCEPTED", "SCHEDULED", "COORDINATOR", facts)).toMatchObject({
      ok: true,
    });
  });

  it("cancelling needs a reason", () => {
    expect(checkTransition("QUOTED", "CANCELLED", "COORDINATOR", ALL_MET, "  ")).toMatchObject({
      ok: false,
      failures: ["guard.reasonRequired"],
    });
  });

  it("lists every unmet guard at once", () => {
    const result = checkTransition("SCHEDULED", "TRAVEL_READY", "COORDINATOR", NONE_MET);
    expect(!result.ok && result.failures).toEqual([
      "guard.passportNotApproved",
      "guard.noAppointments",
      "guard.noArrival",
      "guard.openConflicts",
      "guard.travelRules",
      "guard.insuranceMissing",
    ]);
  });
});

describe("availableTransitions (what the stage form offers)", () => {
  it("offers every way out of the stage, with the guards that block each", () => {
    const offered = availableTransitions("SCHEDULED", "COORDINATOR", {
      ...ALL_MET,
      passportApproved: false,
    });
    expect(offered).toEqual([
      {
        to: "TRAVEL_READY",
        reasonRequired: false,
        allowed: false,
        blockedBy: ["guard.passportNotApproved"],
        overridable: false,
      },
      { to: "CANCELLED", reasonRequired: true, allowed: true, blockedBy: [], overridable: false },
    ]);
  });

  it("offers no move of another role, nor one waiting on what only another role can do", () => {
    // A clinician cannot move to QUOTED (finance's move), nor can finance before the
    // clinician's decision: neither is offered, though both stay refused by the server.
    const clinician = availableTransitions("MEDICAL_REVIEW", "CLINICIAN", NONE_MET);
    expect(clinician.map((o) => o.to)).toEqual(["NOT_ELIGIBLE"]);
    expect(clinician[0]).toMatchObject({
      allowed: false,
      blockedBy: ["guard.notEligibleDecisionMissing"],
    });
    expect(availableTransitions("MEDICAL_REVIEW", "FINANCE", NONE_MET)).toEqual([]);
    // Once the clinician has decided, finance is offered QUOTED, waiting on its own quote.
    const decided = { ...NONE_MET, eligibility: "ELIGIBLE" as const };
    expect(availableTransitions("MEDICAL_REVIEW", "FINANCE", decided)).toEqual([
      {
        to: "QUOTED",
        reasonRequired: false,
        allowed: false,
        blockedBy: ["guard.quoteNotIssued"],
        overridable: false,
      },
    ]);
    // The patient's acceptance is nobody's move on the staff side.
    expect(
      availableTransitions("QUOTED", "FINANCE", NONE_MET).find((o) => o.to === "QUOTE_ACCEPTED"),
    ).toBeUndefined();
    // The coordinator cancels, with a reason, not counted as a block.
    expect(
      availableTransitions("MEDICAL_REVIEW", "COORDINATOR", NONE_MET).find(
        (o) => o.to === "CANCELLED",
      ),
    ).toMatchObject({ reasonRequired: true, allowed: true, blockedBy: [] });
  });

  it("offers each role only moves whose missing steps it can take itself", () => {
    for (const from of STAGES) {
      for (const role of ["COORDINATOR", "CLINICIAN", "FINANCE", "ADMIN"] as const) {
        for (const move of availableTransitions(from, role, NONE_MET)) {
          const t = TRANSITIONS.find((x) => x.from === from && x.to === move.to)!;
          expect(PERMISSIONS[t.permission] as readonly string[], `${from}>${move.to}`).toContain(
            role,
          );
          for (const failure of move.blockedBy) {
            expect(canMeet(role, failure), `${role} ${from}>${move.to} ${failure}`).toBe(true);
          }
        }
      }
    }
  });

  it("offers an override for open conflicts alone, and nothing else can be overridden", () => {
    const conflicts = { ...ALL_MET, openConflicts: 2 };
    expect(availableTransitions("SCHEDULED", "COORDINATOR", conflicts)[0]).toMatchObject({
      to: "TRAVEL_READY",
      allowed: false,
      blockedBy: ["guard.openConflicts"],
      overridable: true,
    });
    expect(checkTransition("SCHEDULED", "TRAVEL_READY", "COORDINATOR", conflicts)).toMatchObject({
      ok: false,
      failures: ["guard.openConflicts"],
    });
    expect(
      checkTransition("SCHEDULED", "TRAVEL_READY", "COORDINATOR", conflicts, null, "  "),
    ).toMatchObject({ ok: false });
    expect(
      checkTransition("SCHEDULED", "TRAVEL_READY", "COORDINATOR", conflicts, null, "known"),
    ).toMatchObject({ ok: true, overridden: ["guard.openConflicts"] });
    // A missing passport is no conflict: an override does not let it through.
    const both = { ...conflicts, passportApproved: false };
    expect(availableTransitions("SCHEDULED", "COORDINATOR", both)[0]?.overridable).toBe(false);
    expect(
      checkTransition("SCHEDULED", "TRAVEL_READY", "COORDINATOR", both, null, "known"),
    ).toMatchObject({ ok: false, failures: ["guard.passportNotApproved", "guard.openConflicts"] });
    // Nor may a role that cannot make the move override anything.
    expect(
      checkTransition("SCHEDULED", "TRAVEL_READY", "FINANCE", conflicts, null, "known"),
    ).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("offers nothing from a closed case", () => {
    expect(availableTransitions("CLOSED", "ADMIN", ALL_MET)).toEqual([]);
    expect(availableTransitions("CANCELLED", "ADMIN", ALL_MET)).toEqual([]);
  });
});

describe("the case page header's next step (nextStep)", () => {
  const next = (from: Stage, role: Actor, facts: CaseFacts) =>
    nextStep(from, facts, availableTransitions(from, role, facts));

  it("offers the main line's move, never cancelling, when it can be made", () => {
    expect(next("ENQUIRY", "COORDINATOR", NONE_MET)).toMatchObject({
      kind: "move",
      move: { to: "MEDICAL_REVIEW", allowed: true },
    });
    expect(
      next("TRAVEL_READY", "COORDINATOR", { ...NONE_MET, consentMissing: false }),
    ).toMatchObject({
      kind: "move",
      move: { to: "IN_TREATMENT", allowed: true },
    });
  });

  it("shows a blocked main-line move with the guard's reasons", () => {
    expect(next("DEPOSIT_PAID", "COORDINATOR", { ...ALL_MET, bookedAppointments: 0 })).toEqual({
      kind: "move",
      move: expect.objectContaining({
        to: "SCHEDULED",
        allowed: false,
        blockedBy: ["guard.noAppointments"],
      }),
    });
  });

  it("prefers 'not eligible' only once the decision allows it; before, says what review waits for", () => {
    // Before the decision: the clinician's only move (not eligible) is blocked, so the header
    // says what the main line waits for instead of suggesting it.
    expect(next("MEDICAL_REVIEW", "CLINICIAN", NONE_MET)).toEqual({
      kind: "waiting",
      to: "QUOTED",
      blockedBy: ["guard.eligibleDecisionMissing", "guard.quoteNotIssued"],
    });
    const decided = {
      ...NONE_MET,
      eligibility: "NOT_ELIGIBLE" as const,
      hasEligibilityReason: true,
    };
    expect(next("MEDICAL_REVIEW", "CLINICIAN", decided)).toMatchObject({
      kind: "move",
      move: { to: "NOT_ELIGIBLE", allowed: true },
    });
  });

  it("says the move belongs to another role when nothing is missing, and nothing after the end", () => {
    expect(next("QUOTE_ACCEPTED", "CLINICIAN", ALL_MET)).toEqual({
      kind: "waiting",
      to: "DEPOSIT_PAID",
      blockedBy: [],
    });
    expect(next("CLOSED", "ADMIN", ALL_MET)).toBeNull();
    expect(next("CANCELLED", "ADMIN", ALL_MET)).toBeNull();
  });
});
