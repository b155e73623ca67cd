/**
 * The journey of a Case as a state machine: the stages, the transitions allowed between
 * them, who may make each one, and the guard each must pass. This module is pure data
 * and functions so the UI (to explain a disabled action) and the server (to refuse one)
 * read the same rules. The only code that writes a stage is changeStage() in
 * app/models/cases/stage.server.ts, which evaluates these guards inside its transaction.
 */
import { roleCan, type Actor, type Permission } from "./permissions";

export const STAGES = [
  "ENQUIRY",
  "MEDICAL_REVIEW",
  "NOT_ELIGIBLE",
  "QUOTED",
  "QUOTE_ACCEPTED",
  "DEPOSIT_PAID",
  "SCHEDULED",
  "TRAVEL_READY",
  "IN_TREATMENT",
  "AFTERCARE",
  "CLOSED",
  "CANCELLED",
] as const;

export type Stage = (typeof STAGES)[number];

/** The main line of a journey, in order; NOT_ELIGIBLE and CANCELLED branch off it. */
export const HAPPY_PATH: readonly Stage[] = [
  "ENQUIRY",
  "MEDICAL_REVIEW",
  "QUOTED",
  "QUOTE_ACCEPTED",
  "DEPOSIT_PAID",
  "SCHEDULED",
  "TRAVEL_READY",
  "IN_TREATMENT",
  "AFTERCARE",
  "CLOSED",
];

export const TERMINAL_STAGES: readonly Stage[] = ["CLOSED", "CANCELLED"];
export const OPEN_STAGES: readonly Stage[] = STAGES.filter(
  (s) => !TERMINAL_STAGES.includes(s) && s !== "NOT_ELIGIBLE",
);

/** Stages in which a quote can be issued or revised. */
export const QUOTABLE_STAGES: readonly Stage[] = ["MEDICAL_REVIEW", "QUOTED"];

/** Stages a case no longer continues from: a new enquiry opens a case instead of joining. */
export const CLOSED_STAGES: readonly Stage[] = ["NOT_ELIGIBLE", "CLOSED", "CANCELLED"];

/** Stages in which the coordinator books treatment. */
export const TREATMENT_BOOKING_STAGES: readonly Stage[] = [
  "QUOTE_ACCEPTED",
  "DEPOSIT_PAID",
  "SCHEDULED",
  "TRAVEL_READY",
  "IN_TREATMENT",
];

/** Stages in which the patient books their pre-travel consultation and start window. */
export const CONSULTATION_STAGES: readonly Stage[] = [
  "QUOTED",
  "QUOTE_ACCEPTED",
  "DEPOSIT_PAID",
  "SCHEDULED",
  "TRAVEL_READY",
];

/** Stages in which follow-up questionnaires are asked and reminded (the baseline from SCHEDULED). */
export const FOLLOW_UP_STAGES: readonly Stage[] = ["TRAVEL_READY", "IN_TREATMENT", "AFTERCARE"];

/** Stages of a case that did not go ahead: nothing paid, no treatment (retention applies). */
export const NOT_GONE_AHEAD_STAGES: readonly Stage[] = [
  "ENQUIRY",
  "MEDICAL_REVIEW",
  "QUOTED",
  "QUOTE_ACCEPTED",
  "NOT_ELIGIBLE",
  "CANCELLED",
];

const within = (list: readonly Stage[]) => (stage: string) =>
  (list as readonly string[]).includes(stage);

export const isClosedStage = within(CLOSED_STAGES);
/** The patient accepted a quote and the journey went on from there. */
export const isQuoteSettled = (stage: string) =>
  isStage(stage) && HAPPY_PATH.indexOf(stage) >= HAPPY_PATH.indexOf("QUOTE_ACCEPTED");
export const canBookTreatment = within(TREATMENT_BOOKING_STAGES);
export const canBookConsultation = within(CONSULTATION_STAGES);
/** A follow-up can be answered: its stage asks for them, or the baseline before travel. */
export const canAnswerFollowUp = (stage: string) =>
  within(FOLLOW_UP_STAGES)(stage) || stage === "SCHEDULED";

/** A quote may go out: a clinician has marked the case eligible, and it is in a quotable stage. */
export function canQuote(kase: { stage: string; eligibility: string }): boolean {
  return (
    kase.eligibility === "ELIGIBLE" && (QUOTABLE_STAGES as readonly string[]).includes(kase.stage)
  );
}

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/**
 * What the guards need to know about a case. Loaded from the database by
 * loadCaseFacts() in the same transaction as the change.
 */
export interface CaseFacts {
  eligibility: "PENDING" | "ELIGIBLE" | "NOT_ELIGIBLE";
  hasEligibilityReason: boolean;
  hasIssuedQuote: boolean;
  hasAcceptedQuote: boolean;
  depositPaid: boolean;
  depositWaived: boolean;
  bookedAppointments: number;
  passportApproved: boolean;
  hasArrival: boolean;
  followUpsPlanned: number;
  /** Conflicts the trip's checks find (app/lib/itinerary.ts findConflicts). */
  openConflicts: number;
  /**
   * Issue 25. Breaches of the plan's travel rules (flying gap, stay after the last step):
   * unlike other conflicts these are medical, and no one overrides them.
   */
  travelRuleBreaches: number;
  /** Steps that ask for a fit-to-fly sign-off and have none after them. */
  fitToFlyMissing: number;
  /** Insurance the programme asks for that is missing or does not cover the whole stay. */
  insuranceGaps: number;
  /** The programme has a procedure consent, and the patient has not signed its current version. */
  consentMissing: boolean;
}

/** A guard's failure, as an i18n key (namespace "stages") the UI and errors can show. */
export type GuardFailure =
  | "guard.notEligibleDecisionMissing"
  | "guard.eligibleDecisionMissing"
  | "guard.quoteNotIssued"
  | "guard.quoteNotAccepted"
  | "guard.depositNotPaid"
  | "guard.depositNotPaidOrWaived"
  | "guard.noAppointments"
  | "guard.passportNotApproved"
  | "guard.noArrival"
  | "guard.noFollowUpPlan"
  | "guard.openConflicts"
  | "guard.travelRules"
  | "guard.fitToFlyMissing"
  | "guard.insuranceMissing"
  | "guard.consentNotSigned"
  | "guard.reasonRequired";

type Guard = (facts: CaseFacts) => GuardFailure[];

export type { Actor };

export interface Transition {
  from: Stage;
  to: Stage;
  /** The permission that makes this change (app/lib/permissions.ts says who holds it). */
  permission: Permission;
  guard?: Guard;
  /** The change must carry a reason (shown to the patient where relevant). */
  reasonRequired?: boolean;
  /**
   * Failures the actor may override by giving a reason for it (recorded on the timeline
   * and in the audit log); every other failure still refuses the change.
   */
  overridable?: readonly GuardFailure[];
}

const need = (ok: boolean, failure: GuardFailure): GuardFailure[] => (ok ? [] : [failure]);

const depositSettled: Guard = (f) =>
  need(f.depositPaid || f.depositWaived, "guard.depositNotPaidOrWaived");

const T = (
  from: Stage,
  to: Stage,
  permission: Permission,
  extra: Pick<Transition, "guard" | "reasonRequired" | "overridable"> = {},
): Transition => ({ from, to, permission, ...extra });

export const TRANSITIONS: readonly Transition[] = [
  T("ENQUIRY", "MEDICAL_REVIEW", "stage:review"),
  // Only a clinician decides eligibility, and the decision is recorded before the move.
  T("MEDICAL_REVIEW", "NOT_ELIGIBLE", "stage:not-eligible", {
    guard: (f) =>
      need(
        f.eligibility === "NOT_ELIGIBLE" && f.hasEligibilityReason,
        "guard.notEligibleDecisionMissing",
      ),
  }),
  // A quote goes out only after a clinician has marked the case eligible.
  T("MEDICAL_REVIEW", "QUOTED", "stage:quote", {
    guard: (f) => [
      ...need(f.eligibility === "ELIGIBLE", "guard.eligibleDecisionMissing"),
      ...need(f.hasIssuedQuote, "guard.quoteNotIssued"),
    ],
  }),
  // New records can reopen a negative decision.
  T("NOT_ELIGIBLE", "MEDICAL_REVIEW", "stage:reopen", { reasonRequired: true }),
  T("QUOTED", "QUOTE_ACCEPTED", "stage:accept-quote", {
    guard: (f) => need(f.hasAcceptedQuote, "guard.quoteNotAccepted"),
  }),
  T("QUOTE_ACCEPTED", "DEPOSIT_PAID", "stage:deposit", {
    guard: (f) => need(f.depositPaid, "guard.depositNotPaid"),
  }),
  // SCHEDULED needs a paid deposit, or a waiver recorded by finance, and booked appointments.
  T("DEPOSIT_PAID", "SCHEDULED", "stage:schedule", {
    guard: (f) => [...depositSettled(f), ...need(f.bookedAppointments > 0, "guard.noAppointments")],
  }),
  T("QUOTE_ACCEPTED", "SCHEDULED", "stage:schedule", {
    guard: (f) => [...depositSettled(f), ...need(f.bookedAppointments > 0, "guard.noAppointments")],
  }),
  // TRAVEL_READY needs an approved passport, booked appointments and an arrival, and a trip
  // without conflicts, unless the coordinator overrides them with a reason.
  T("SCHEDULED", "TRAVEL_READY", "stage:travel-ready", {
    guard: (f) => [
      ...need(f.passportApproved, "guard.passportNotApproved"),
      ...need(f.bookedAppointments > 0, "guard.noAppointments"),
      ...need(f.hasArrival, "guard.noArrival"),
      ...need(f.openConflicts === 0, "guard.openConflicts"),
      // Issue 25: the treatment's travel rules and the insurance the programme asks for.
      ...need(f.travelRuleBreaches === 0, "guard.travelRules"),
      ...need(f.insuranceGaps === 0, "guard.insuranceMissing"),
    ],
    overridable: ["guard.openConflicts"],
  }),
  // Treatment starts only with the procedure consent signed in its current version.
  T("TRAVEL_READY", "IN_TREATMENT", "stage:treat", {
    guard: (f) => need(!f.consentMissing, "guard.consentNotSigned"),
  }),
  // AFTERCARE needs a follow-up plan, and the fit-to-fly sign-off the steps ask for (the
  // patient flies home from here).
  T("IN_TREATMENT", "AFTERCARE", "stage:aftercare", {
    guard: (f) => [
      ...need(f.followUpsPlanned > 0, "guard.noFollowUpPlan"),
      ...need(f.fitToFlyMissing === 0, "guard.fitToFlyMissing"),
    ],
  }),
  T("AFTERCARE", "CLOSED", "stage:close"),
  T("NOT_ELIGIBLE", "CLOSED", "stage:close-not-eligible"),
  // CANCELLED from any open stage, always with a reason.
  ...OPEN_STAGES.map((from) => T(from, "CANCELLED", "stage:cancel", { reasonRequired: true })),
];

export function findTransition(from: Stage, to: Stage): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function transitionsFrom(from: Stage): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from);
}

export type TransitionCheck =
  | {
      ok: true;
      transition: Transition;
      /** Failures let through by the actor's override (its reason is recorded). */
      overridden?: GuardFailure[];
    }
  | {
      ok: false;
      code: "not_allowed" | "forbidden" | "guard";
      failures: GuardFailure[];
    };

/** Role and guards only: what must hold before the actor is even asked for a reason. */
function checkRoleAndGuards(
  transition: Transition,
  actor: Actor,
  facts: CaseFacts,
): TransitionCheck {
  if (!roleCan(actor, transition.permission)) return { ok: false, code: "forbidden", failures: [] };
  const failures = transition.guard?.(facts) ?? [];
  if (failures.length > 0) return { ok: false, code: "guard", failures };
  return { ok: true, transition };
}

/** True when every failure is one the transition lets an actor override with a reason. */
function onlyOverridable(transition: Transition, failures: readonly GuardFailure[]): boolean {
  return failures.length > 0 && failures.every((f) => transition.overridable?.includes(f));
}

/**
 * Decides whether `actor` may move a case from `from` to `to` given `facts` and `reason`.
 * With `override` (the actor's reason for going on regardless), failures the transition
 * lets be overridden pass; they come back as `overridden`, for the record.
 */
export function checkTransition(
  from: Stage,
  to: Stage,
  actor: Actor,
  facts: CaseFacts,
  reason?: string | null,
  override?: string | null,
): TransitionCheck {
  const transition = findTransition(from, to);
  if (!transition) return { ok: false, code: "not_allowed", failures: [] };
  let check = checkRoleAndGuards(transition, actor, facts);
  if (
    !check.ok &&
    check.code === "guard" &&
    override?.trim() &&
    onlyOverridable(transition, check.failures)
  ) {
    check = { ok: true, transition, overridden: check.failures };
  }
  if (!check.ok) return check;
  if (transition.reasonRequired && !reason?.trim()) {
    return { ok: false, code: "guard", failures: ["guard.reasonRequired"] };
  }
  return check;
}

/**
 * Who can meet each guard: the permission whose holder does what the guard waits for. A move is
 * offered only to a role that may make it and can itself meet what is still missing; waiting on
 * someone else (the clinician's decision, finance's quote, the patient's acceptance) is not a
 * move this role can make, so it is not offered. `null`: the move or its form meets it itself
 * (the follow-up plan is made from the programme's template on entering AFTERCARE; the form asks
 * for the reason).
 */
export const GUARD_MET_BY: Record<GuardFailure, Permission | null> = {
  "guard.notEligibleDecisionMissing": "case.eligibility:decide",
  "guard.eligibleDecisionMissing": "case.eligibility:decide",
  "guard.quoteNotIssued": "quote:write",
  "guard.quoteNotAccepted": "portal:use",
  "guard.depositNotPaid": "payment:write",
  "guard.depositNotPaidOrWaived": "payment:write",
  "guard.noAppointments": "schedule:write",
  "guard.passportNotApproved": "travel:write",
  "guard.noArrival": "travel:write",
  "guard.openConflicts": "travel:write",
  "guard.travelRules": "travel:write",
  "guard.fitToFlyMissing": "fit-to-fly:sign",
  "guard.insuranceMissing": "insurance:write",
  "guard.consentNotSigned": "portal:use",
  "guard.noFollowUpPlan": null,
  "guard.reasonRequired": null,
};

/** Can this actor itself do what the failed guard waits for? */
export function canMeet(actor: Actor, failure: GuardFailure): boolean {
  const by = GUARD_MET_BY[failure];
  return by === null || roleCan(actor, by);
}

export interface AvailableTransition {
  to: Stage;
  /** The form must ask for a reason. */
  reasonRequired: boolean;
  allowed: boolean;
  /** Why it is not allowed now (steps this actor can take), as "stages" i18n keys. */
  blockedBy: GuardFailure[];
  /** Not allowed now, but the actor may go on by giving a reason for overriding blockedBy. */
  overridable: boolean;
}

/**
 * The moves out of `from` that `actor` may make, now or once it has done what is still missing:
 * what a stage form offers. Moves of another role, and moves waiting on something only another
 * role can do, are not offered (changeStage() refuses them all the same).
 */
export function availableTransitions(
  from: Stage,
  actor: Actor,
  facts: CaseFacts,
): AvailableTransition[] {
  return transitionsFrom(from).flatMap((t) => {
    if (!roleCan(actor, t.permission)) return [];
    const failures = t.guard?.(facts) ?? [];
    if (!failures.every((f) => canMeet(actor, f))) return [];
    return [
      {
        to: t.to,
        reasonRequired: Boolean(t.reasonRequired),
        allowed: failures.length === 0,
        overridable: onlyOverridable(t, failures),
        blockedBy: failures,
      },
    ];
  });
}

/**
 * The case's next step, for the page's header: the move this actor would make next, or, when
 * the next move is not theirs (another role's, or waiting on what only another role can do),
 * the stage the case waits for and what it still needs. Cancelling is never "next".
 * - `move`: one of `available` (availableTransitions): a move that can be made now comes
 *   first, then the one along the journey's main line; a blocked one carries its reasons
 *   (a blocked move off the main line, such as "not eligible" before the decision, is not
 *   next);
 * - `waiting`: the main line's next stage, with what its guard still misses (none: it is
 *   simply another role's move);
 * - null: nothing follows (a closed case).
 */
export type NextStep =
  | { kind: "move"; move: AvailableTransition }
  | { kind: "waiting"; to: Stage; blockedBy: GuardFailure[] }
  | null;

export function nextStep(
  from: Stage,
  facts: CaseFacts,
  available: readonly AvailableTransition[],
): NextStep {
  const rank = (s: Stage) => {
    const i = HAPPY_PATH.indexOf(s);
    return i < 0 ? HAPPY_PATH.length : i;
  };
  // A move off the main line (not eligible) is next only once it can be made; until then the
  // main line's next stage says what the case waits for.
  const moves = available
    .filter((a) => a.to !== "CANCELLED" && (a.allowed || HAPPY_PATH.includes(a.to)))
    .sort((a, b) => Number(b.allowed) - Number(a.allowed) || rank(a.to) - rank(b.to));
  if (moves[0]) return { kind: "move", move: moves[0] };
  const along = HAPPY_PATH.indexOf(from);
  const to = along >= 0 ? HAPPY_PATH[along + 1] : transitionsFrom(from)[0]?.to;
  const transition = to ? findTransition(from, to) : undefined;
  if (!transition || transition.to === "CANCELLED") return null;
  return { kind: "waiting", to: transition.to, blockedBy: transition.guard?.(facts) ?? [] };
}
