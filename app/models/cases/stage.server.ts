/**
 * The one way a Case changes stage. changeStage() runs in one transaction: it re-reads
 * the case and the facts its guards need, checks the transition, writes the new stage,
 * appends the timeline event and queues the emails for every party (and the patient's
 * WhatsApp and SMS messages). If any part fails,
 * none of it happened. openCase() is the same for a new case entering ENQUIRY.
 */
import { audit } from "~/infra/audit.server";
import { AUDIENCE_ROLES, roleCan, type StaffAudience } from "~/lib/permissions";
import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { env } from "~/env.server";
import { scheduleOf } from "~/lib/outcomes";
import { currentOutcomes } from "~/models/aftercare/outcomes.server";
import { isTravelRule, type DescribedConflict } from "~/lib/itinerary";
import { STAGE_AUDIENCES } from "~/lib/notifications";
import {
  checkTransition,
  findTransition,
  isStage,
  type Actor,
  type CaseFacts,
  type GuardFailure,
  type Stage,
} from "~/lib/stages";
import { ensureBaseline, planFollowUps } from "~/models/aftercare/aftercare.server";
import { enqueueEmail } from "~/infra/outbox.server";
import { stageKind } from "~/lib/notification-kinds";
import { notifyStaff } from "~/models/notifications/notify.server";
import { notifyPatientChannels } from "~/models/channels/reach.server";
import { tripOf } from "~/models/travel/travel.server";
import { travelRuleFacts } from "~/models/travel/travel-rules.server";
import { insuranceFacts } from "~/models/travel/insurance.server";
import { consentFacts } from "~/models/consent/consent.server";
import { ensureHandover } from "~/models/handover/handover.server";
import type { Audience } from "../../../emails/stage-change";

export class StageChangeError extends Error {
  constructor(
    public readonly code: "not_found" | "not_allowed" | "forbidden" | "guard" | "stale",
    public readonly failures: GuardFailure[] = [],
    message?: string,
    /** The trip's open conflicts, when they are what refused the change. */
    public readonly conflicts: DescribedConflict[] = [],
  ) {
    super(
      message ??
        `Stage change refused: ${code}${failures.length ? ` (${failures.join(", ")})` : ""}`,
    );
    this.name = "StageChangeError";
  }
}

export async function loadCaseFacts(tx: Tx | typeof db, caseId: string): Promise<CaseFacts> {
  return (await readFacts(tx, caseId)).facts;
}

/** The guards' facts, and the trip's conflicts they count (to name them in a refusal). */
export async function readFacts(
  tx: Tx | typeof db,
  caseId: string,
): Promise<{ facts: CaseFacts; conflicts: DescribedConflict[] }> {
  // The case's own facts and the eight counts the guards need, in one statement (issue 21):
  // each count is a scalar subquery on its table's caseId index.
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT c."eligibility", c."eligibilityReason", c."depositWaivedAt", c."programmeId", c."number",
      g."requiresComplicationCover", g."requiresTravelInsurance",
      (SELECT COUNT(*) FROM "Quote" q
        WHERE q."caseId" = c."id" AND q."status" IN ('ISSUED', 'ACCEPTED')) AS "issuedQuotes",
      (SELECT COUNT(*) FROM "Quote" q
        WHERE q."caseId" = c."id" AND q."status" = 'ACCEPTED') AS "acceptedQuotes",
      (SELECT COUNT(*) FROM "Payment" y
        WHERE y."caseId" = c."id" AND y."kind" = 'DEPOSIT' AND y."status" = 'SUCCEEDED') AS "deposits",
      (SELECT COUNT(*) FROM "Appointment" a
        WHERE a."caseId" = c."id" AND a."status" = 'BOOKED' AND a."kind" = 'TREATMENT') AS "appointments",
      (SELECT COUNT(*) FROM "Document" d
        WHERE d."caseId" = c."id" AND d."kind" = 'PASSPORT' AND d."status" = 'APPROVED') AS "passports",
      (SELECT COUNT(*) FROM "ItineraryItem" i
        WHERE i."caseId" = c."id" AND i."kind" = 'ARRIVAL_FLIGHT') AS "arrivals",
      (SELECT COUNT(*) FROM "FollowUp" f
        WHERE f."caseId" = c."id" AND f."kind" = 'FOLLOW_UP') AS "followUps"
    FROM "Case" c JOIN "Programme" g ON g."id" = c."programmeId" WHERE c."id" = ${caseId}`);
  // A case that is not there fails as Prisma's own lookup would (callers check first).
  if (!row) await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { id: true } });
  const kase = {
    eligibility: row!.eligibility as string,
    eligibilityReason: row!.eligibilityReason as string | null,
    depositWaivedAt: row!.depositWaivedAt ?? null,
    programmeId: row!.programmeId as string,
  };
  // COUNT(*) is a bigint on PostgreSQL.
  const count = (k: string) => Number(row![k]);
  const issuedQuotes = count("issuedQuotes");
  const acceptedQuotes = count("acceptedQuotes");
  const deposits = count("deposits");
  const appointments = count("appointments");
  const passports = count("passports");
  const arrivals = count("arrivals");
  const followUps = count("followUps");
  const trip = await tripOf(tx, caseId);
  const { conflicts } = trip;
  // Issue 25: the treatment's travel rules, the insurance and the procedure consent.
  const rules = await travelRuleFacts(tx, caseId, trip);
  // What this statement and the trip hold is handed on, so that neither reads it again.
  const cover = await insuranceFacts(tx, caseId, {
    number: row!.number as string,
    // SQLite gives a boolean as 0 or 1, PostgreSQL as a boolean.
    requiresComplicationCover: Boolean(Number(row!.requiresComplicationCover)),
    requiresTravelInsurance: Boolean(Number(row!.requiresTravelInsurance)),
    items: trip.items,
    appointments: trip.appointments,
  });
  const consent = await consentFacts(tx, caseId, kase.programmeId);
  const eligibility = kase.eligibility;
  const facts: CaseFacts = {
    eligibility:
      eligibility === "ELIGIBLE" || eligibility === "NOT_ELIGIBLE" ? eligibility : "PENDING",
    hasEligibilityReason: Boolean(kase.eligibilityReason?.trim()),
    hasIssuedQuote: issuedQuotes > 0,
    hasAcceptedQuote: acceptedQuotes > 0,
    depositPaid: deposits > 0,
    depositWaived: kase.depositWaivedAt !== null,
    bookedAppointments: appointments,
    passportApproved: passports > 0,
    hasArrival: arrivals > 0,
    // The plan is made on entering AFTERCARE, so before that the template stands for it.
    // The template is the published outcome set's schedule (ADR 028).
    followUpsPlanned:
      followUps || scheduleOf((await currentOutcomes(kase.programmeId, tx)).content).length,
    // A travel rule's breach is counted by guard.travelRules, which no one overrides.
    openConflicts: conflicts.filter((c) => !isTravelRule(c)).length,
    travelRuleBreaches: rules.breaches,
    fitToFlyMissing: rules.fitToFlyMissing,
    insuranceGaps: cover.gaps,
    consentMissing: consent.missing,
  };
  return { facts, conflicts };
}

export interface ChangeStageInput {
  caseId: string;
  to: Stage;
  /** The acting user, or null for the platform itself (actor "SYSTEM"). */
  actor: { id: string; role: string; ip?: string | null } | null;
  reason?: string | null;
  /**
   * The actor's reason for going on despite what a guard may let be overridden (open trip
   * conflicts before TRAVEL_READY). Recorded on the timeline (internal) and in the audit log.
   */
  override?: string | null;
  /** If given, the change is refused when the case has moved on since the form was shown. */
  expectedFrom?: Stage;
  /**
   * The staff stage form: the same move sent again once it was made (a second press, the
   * Back button, a second tab) finds the case at `to` rather than at `expectedFrom`. With
   * this set, and the actor one who may make that move, it is answered as done ("already")
   * with nothing changed, recorded or sent; without it, it is refused as stale.
   */
  sameMoveIsDone?: boolean;
}

export interface StageChangeResult {
  from: Stage;
  to: Stage;
  /** The timeline event written; null when the case was already at `to` (`already`). */
  eventId: string | null;
  /** The ids of the emails queued. */
  emails: string[];
  already: boolean;
}

export async function changeStage(input: ChangeStageInput): Promise<StageChangeResult> {
  return db.$transaction((tx) => changeStageIn(tx, input));
}

/** changeStage() inside a transaction the caller holds, so a decision and its move are one. */
export async function changeStageIn(tx: Tx, input: ChangeStageInput): Promise<StageChangeResult> {
  const kase = await tx.case.findUnique({
    where: { id: input.caseId },
    select: { id: true, stage: true, firstRespondedAt: true },
  });
  if (!kase || !isStage(kase.stage)) throw new StageChangeError("not_found");
  const from = kase.stage;
  const actor = (input.actor?.role ?? "SYSTEM") as Actor;
  if (input.expectedFrom && input.expectedFrom !== from) {
    const move = findTransition(input.expectedFrom, input.to);
    if (input.sameMoveIsDone && from === input.to && move && roleCan(actor, move.permission)) {
      return { from: input.expectedFrom, to: input.to, eventId: null, emails: [], already: true };
    }
    throw new StageChangeError("stale");
  }
  // Entering aftercare makes the follow-up plan from the programme's template; the guard
  // then finds it (or refuses, for a programme without one), and a refusal rolls it back.
  if (input.to === "AFTERCARE") await planFollowUps(tx, kase.id);
  const { facts, conflicts } = await readFacts(tx, kase.id);
  const check = checkTransition(from, input.to, actor, facts, input.reason, input.override);
  if (!check.ok) {
    // Each refusal names what it is about: the open conflicts, the travel rules broken.
    const named = conflicts.filter((c) =>
      check.failures.includes(isTravelRule(c) ? "guard.travelRules" : "guard.openConflicts"),
    );
    throw new StageChangeError(check.code, check.failures, undefined, named);
  }

  const now = new Date();
  // Conditional on the stage we read, so two concurrent changes cannot both win.
  const { count } = await tx.case.updateMany({
    where: { id: kase.id, stage: from },
    data: {
      stage: input.to,
      stageChangedAt: now,
      closedAt: input.to === "CLOSED" || input.to === "CANCELLED" ? now : null,
      // Moving a new enquiry on is a reply to it: the first-response clock stops.
      ...(from === "ENQUIRY" && !kase.firstRespondedAt ? { firstRespondedAt: now } : {}),
      // Entering review starts the clinician's clock; leaving it clears any pause.
      ...(input.to === "MEDICAL_REVIEW"
        ? { reviewDueAt: new Date(now.getTime() + env().REVIEW_SLA_HOURS * 3_600_000) }
        : {}),
      ...(input.to !== "MEDICAL_REVIEW" && input.to !== "ENQUIRY" ? { slaPausedAt: null } : {}),
    },
  });
  if (count !== 1) throw new StageChangeError("stale");
  // The baseline questionnaire is asked before treatment, once travel is settled.
  if (input.to === "TRAVEL_READY" || input.to === "IN_TREATMENT") await ensureBaseline(tx, kase.id);
  // Entering aftercare makes the discharge and handover pack for the home doctor (issue 25).
  if (input.to === "AFTERCARE") await ensureHandover(tx, kase.id);
  const event = await tx.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "STAGE_CHANGE",
      actorId: input.actor?.id ?? null,
      fromStage: from,
      toStage: input.to,
      reason: input.reason?.trim() || null,
    },
  });
  const override = input.override?.trim();
  if (check.overridden?.length && override) {
    // What was let through, and why: staff-only on the timeline, and in the audit log.
    const codes = [...new Set(conflicts.map((c) => c.code))].join(",");
    await tx.caseEvent.create({
      data: {
        caseId: kase.id,
        type: "CONFLICTS_OVERRIDDEN",
        actorId: input.actor?.id ?? null,
        internal: true,
        fromStage: from,
        toStage: input.to,
        reason: override,
        body: codes,
      },
    });
    await audit(
      {
        actorId: input.actor?.id ?? null,
        action: "case.stage_override",
        entity: "Case",
        entityId: kase.id,
        caseId: kase.id,
        ip: input.actor?.ip ?? null,
        outcome: "success",
        detail: `${from} -> ${input.to}: ${conflicts.length} open (${codes}); ${override}`.slice(
          0,
          1000,
        ),
      },
      tx,
    );
  }
  const emails = await queueStageEmails(tx, kase.id, input.to);
  // The audit row commits with the change, or not at all.
  await audit(
    {
      actorId: input.actor?.id ?? null,
      action: "case.stage_change",
      entity: "Case",
      entityId: kase.id,
      caseId: kase.id,
      ip: input.actor?.ip ?? null,
      outcome: "success",
      detail: `${from} -> ${input.to}`,
    },
    tx,
  );
  return { from, to: input.to, eventId: event.id, emails, already: false };
}

export interface OpenCaseInput {
  patientId: string;
  programmeId: string;
  language: string;
  timeZone: string;
  country?: string | null;
  currency?: string;
  conditionSummary?: string | null;
  redFlagCount?: number;
  coordinatorId?: string | null;
}

/** Creates a case in ENQUIRY with its first timeline event and the ENQUIRY emails. */
export async function openCase(tx: Tx, input: OpenCaseInput) {
  const now = new Date();
  const number = await nextCaseNumber(tx, now);
  const kase = await tx.case.create({
    data: {
      number,
      stage: "ENQUIRY",
      stageChangedAt: now,
      patientId: input.patientId,
      programmeId: input.programmeId,
      coordinatorId: input.coordinatorId ?? null,
      language: input.language,
      timeZone: input.timeZone,
      country: input.country ?? null,
      currency: input.currency ?? "EUR",
      conditionSummary: input.conditionSummary ?? null,
      redFlagCount: input.redFlagCount ?? 0,
      firstResponseDueAt: new Date(now.getTime() + env().FIRST_RESPONSE_HOURS * 3_600_000),
    },
  });
  await tx.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "STAGE_CHANGE",
      actorId: input.patientId,
      fromStage: null,
      toStage: "ENQUIRY",
    },
  });
  await queueStageEmails(tx, kase.id, "ENQUIRY");
  return kase;
}

/** Human-readable, gap-free per year: MT-2026-000042. */
export async function nextCaseNumber(tx: Tx, now = new Date()): Promise<string> {
  const year = now.getUTCFullYear();
  const counter = await tx.counter.upsert({
    where: { name: `case:${year}` },
    create: { name: `case:${year}`, value: 1 },
    update: { value: { increment: 1 } },
  });
  return `MT-${year}-${String(counter.value).padStart(6, "0")}`;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: string;
}

async function staffOf(tx: Tx, audience: StaffAudience): Promise<Recipient[]> {
  return tx.user.findMany({
    where: { role: AUDIENCE_ROLES[audience], active: true },
    select: { id: true, email: true, name: true, locale: true },
    orderBy: { email: "asc" },
  });
}

/**
 * Resolves each audience of the stage to people and queues one email per person (staff: by
 * email, in the app or both, as each chose for the stage, through notifyStaff). The
 * reason for a change is never put in an email: it may hold health detail; nor is anything
 * else of the case but its number (the itinerary, whose appointments name the treatment
 * steps, is read in the portal).
 */
export async function queueStageEmails(tx: Tx, caseId: string, stage: Stage) {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      number: true,
      language: true,
      patient: { select: { email: true, name: true } },
      coordinator: { select: { id: true, email: true, name: true, locale: true, active: true } },
    },
  });
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const staffFor = async (audience: Exclude<Audience, "patient">): Promise<Recipient[]> => {
    switch (audience) {
      case "coordinator":
        // The assigned coordinator, or every coordinator while the case has none.
        return kase.coordinator?.active ? [kase.coordinator] : staffOf(tx, "coordinator");
      case "clinician":
        return staffOf(tx, "clinician");
      case "finance":
        return staffOf(tx, "finance");
    }
  };
  const queued: string[] = [];
  for (const audience of STAGE_AUDIENCES[stage]) {
    if (audience === "patient") {
      const row = await enqueueEmail(tx, {
        caseId,
        to: { email: kase.patient.email, name: kase.patient.name, locale: kase.language },
        template: "stage-change",
        data: {
          audience,
          stage,
          caseNumber: kase.number,
          recipientName: kase.patient.name,
          link: `${appUrl}/portal/cases/${caseId}`,
        },
      });
      queued.push(row.id);
      // The same news on the patient's WhatsApp and SMS (when they opted in), in this
      // transaction: the case number and the portal link only. The email's row names the
      // event, so each stage change sends one message per channel.
      await notifyPatientChannels(
        tx,
        caseId,
        "case_update",
        () => ({ caseNumber: kase.number, link: `${appUrl}/portal/cases/${caseId}` }),
        `stage:${caseId}:${stage}:${row.id}`,
      );
      continue;
    }
    const { emails } = await notifyStaff(tx, {
      kind: stageKind(stage),
      caseId,
      recipients: await staffFor(audience),
      params: { caseNumber: kase.number, audience },
      email: (person) => ({
        template: "stage-change",
        data: {
          audience,
          stage,
          caseNumber: kase.number,
          recipientName: person.name,
          link: `${appUrl}/staff/cases/${caseId}`,
        },
      }),
    });
    queued.push(...emails);
  }
  return queued;
}
