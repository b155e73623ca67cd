/**
 * What staff do to a case besides changing its stage: assign a coordinator, write internal
 * notes, message the patient, ask for more information, decide eligibility and set the
 * treatment plan. Each write is one transaction that also appends the timeline event,
 * queues the emails and writes the audit row, so none of them can happen half-way.
 * Each function checks the actor's role itself; the routes check it too. The writes that
 * create something (a note, a message, a request, a plan) take the key of the form that sent
 * them and spend it first in their transaction, so a second press or a replayed post does
 * nothing twice (FormReplay).
 */
import { db, type Tx } from "~/db.server";
import {
  isNotEligibleReason,
  PLAN_MAX_STEPS,
  repeatedStepNames,
  type InfoRequestKind,
} from "~/lib/review";
import { ROLE, roleCan, type Permission, type StaffRole } from "~/lib/permissions";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { noticeToPatient, noticeToStaff } from "~/models/cases/notices.server";
import { changeStageIn } from "~/models/cases/stage.server";
import { recordInboxItem } from "~/models/inbox/inbox.server";
import type { InboxChannel, InboxKind } from "~/lib/inbox";

export type WorkErrorCode = "not_found" | "forbidden" | "state";

/** A refused piece of work; `key` is an i18n key in the "common" namespace (work.errors.*). */
export class WorkError extends Error {
  constructor(
    public readonly code: WorkErrorCode,
    public readonly key: string,
  ) {
    super(`Refused: ${code} (${key})`);
    this.name = "WorkError";
  }
}

export interface StaffActor {
  id: string;
  role: StaffRole;
  ip?: string | null;
}

/** The work done on a case page, and the permission each takes (app/lib/permissions.ts). */
export const WORK_PERMISSIONS = {
  assign: "case:assign",
  note: "case.note:write",
  message: "case.message:write",
  requestInfo: "case.info:request",
  decide: "case.eligibility:decide",
  plan: "case.plan:write",
  // Issue 25: a clinician signs the patient fit to fly, or withdraws it (travel-rules.server).
  fitToFly: "fit-to-fly:sign",
  fitToFlyRevoke: "fit-to-fly:sign",
} as const satisfies Record<string, Permission>;
export type Work = keyof typeof WORK_PERMISSIONS;

export function may(role: StaffRole, work: Work): boolean {
  return roleCan(role, WORK_PERMISSIONS[work]);
}

function requireRole(actor: StaffActor, work: Work) {
  if (!may(actor.role, work)) throw new WorkError("forbidden", "work.errors.forbidden");
}

const CASE_REF = {
  id: true,
  number: true,
  stage: true,
  coordinatorId: true,
  firstRespondedAt: true,
  slaPausedAt: true,
  consentWithdrawnAt: true,
} as const;

async function loadCase(tx: Tx, caseId: string) {
  const kase = await tx.case.findUnique({ where: { id: caseId }, select: CASE_REF });
  if (!kase) throw new WorkError("not_found", "work.errors.notFound");
  return kase;
}

const CLOSED = ["CLOSED", "CANCELLED"];

function auditWrite(tx: Tx, actor: StaffActor, action: string, caseId: string, detail?: string) {
  return audit(
    {
      actorId: actor.id,
      action,
      entity: "Case",
      entityId: caseId,
      caseId,
      ip: actor.ip,
      outcome: "success",
      detail,
    },
    tx,
  );
}

/**
 * Assigns the case's coordinator. `was` is who the form showed as assigned ("" for nobody):
 * when someone else has changed it since, the change is refused rather than silently undone.
 */
export async function assignCoordinator(
  caseId: string,
  actor: StaffActor,
  coordinatorId: string,
  was?: string,
) {
  requireRole(actor, "assign");
  return db.$transaction(async (tx) => {
    const kase = await loadCase(tx, caseId);
    if (was !== undefined && (kase.coordinatorId ?? "") !== was) {
      throw new WorkError("state", "work.errors.assignStale");
    }
    const coordinator = await tx.user.findFirst({
      where: { id: coordinatorId, role: ROLE.COORDINATOR, active: true },
      select: { id: true, name: true },
    });
    if (!coordinator) throw new WorkError("state", "work.errors.noSuchCoordinator");
    if (kase.coordinatorId === coordinator.id) return { changed: false };
    await tx.case.update({ where: { id: caseId }, data: { coordinatorId: coordinator.id } });
    await tx.caseEvent.create({
      data: {
        caseId,
        type: "ASSIGNED",
        actorId: actor.id,
        body: coordinator.name,
        internal: true,
      },
    });
    // Tell the new coordinator, unless they assigned the case to themselves.
    if (coordinator.id !== actor.id) {
      await noticeToStaff(tx, { ...kase, coordinatorId: coordinator.id }, "assignedStaff", {
        userId: coordinator.id,
      });
    }
    await auditWrite(tx, actor, "case.assign", caseId, `coordinator=${coordinator.id}`);
    return { changed: true };
  });
}

export async function addNote(caseId: string, actor: StaffActor, body: string, key: SentForm) {
  requireRole(actor, "note");
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, key, actor.id);
    await loadCase(tx, caseId);
    const event = await tx.caseEvent.create({
      data: { caseId, type: "NOTE", actorId: actor.id, body, internal: true },
      select: { id: true },
    });
    await auditWrite(tx, actor, "case.note", caseId);
    return event;
  });
}

/** A staff reply counts as the first response to a new enquiry. */
function firstResponse(kase: { firstRespondedAt: Date | null }, now: Date) {
  return kase.firstRespondedAt ? {} : { firstRespondedAt: now };
}

export async function messagePatient(
  caseId: string,
  actor: StaffActor,
  body: string,
  key: SentForm,
) {
  requireRole(actor, "message");
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, key, actor.id);
    const kase = await loadCase(tx, caseId);
    const now = new Date();
    await tx.case.update({ where: { id: caseId }, data: { ...firstResponse(kase, now) } });
    const event = await tx.caseEvent.create({
      data: { caseId, type: "MESSAGE", actorId: actor.id, body, createdAt: now },
      select: { id: true },
    });
    // The email says only that a message is waiting: its text stays behind the sign-in.
    await noticeToPatient(tx, caseId, "messageWaiting");
    await auditWrite(tx, actor, "case.message", caseId);
    return event;
  });
}

export async function requestMoreInfo(
  caseId: string,
  actor: StaffActor,
  kinds: readonly InfoRequestKind[],
  body: string,
  key: SentForm,
) {
  requireRole(actor, "requestInfo");
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, key, actor.id);
    const kase = await loadCase(tx, caseId);
    if (kase.stage !== "ENQUIRY" && kase.stage !== "MEDICAL_REVIEW") {
      throw new WorkError("state", "work.errors.infoStage");
    }
    const now = new Date();
    await tx.case.update({
      where: { id: caseId },
      data: { slaPausedAt: kase.slaPausedAt ?? now, ...firstResponse(kase, now) },
    });
    await tx.caseEvent.create({
      data: {
        caseId,
        type: "INFO_REQUESTED",
        actorId: actor.id,
        reason: kinds.join(","),
        body,
        createdAt: now,
      },
    });
    await noticeToPatient(tx, caseId, "infoRequested");
    await auditWrite(tx, actor, "case.info_request", caseId, kinds.join(","));
  });
}

/**
 * The patient answered a request for more information (a message or an upload): the SLA
 * clocks resume, each deadline moved on by the time spent waiting, and the staff who need
 * to act are told. Called inside the patient's own transaction. Does nothing if no request
 * is open.
 */
export async function resumeAfterPatientReply(tx: Tx, caseId: string, now = new Date()) {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      ...CASE_REF,
      reviewDueAt: true,
      firstResponseDueAt: true,
    },
  });
  if (!kase.slaPausedAt) return false;
  const paused = now.getTime() - kase.slaPausedAt.getTime();
  const later = (d: Date | null) => (d ? new Date(d.getTime() + paused) : d);
  const { count } = await tx.case.updateMany({
    where: { id: caseId, slaPausedAt: kase.slaPausedAt },
    data: {
      slaPausedAt: null,
      reviewDueAt: later(kase.reviewDueAt),
      ...(kase.firstRespondedAt ? {} : { firstResponseDueAt: later(kase.firstResponseDueAt) }),
    },
  });
  if (count !== 1) return false;
  await tx.caseEvent.create({ data: { caseId, type: "INFO_RECEIVED", createdAt: now } });
  await noticeToStaff(
    tx,
    kase,
    "infoReceivedStaff",
    kase.stage === "MEDICAL_REVIEW" ? "clinician" : "coordinator",
  );
  return true;
}

/**
 * A message from the patient, inside the caller's transaction: the timeline event and the inbox
 * item (on the channel it came by); when it
 * answers a request for information, the care team's clock restarts and whoever asked is
 * told (resumeAfterPatientReply); otherwise the coordinator is.
 */
export async function recordPatientMessage(
  tx: Tx,
  kase: { id: string; number: string; coordinatorId: string | null },
  patientId: string,
  body: string,
  kind: InboxKind = "MESSAGE",
  /** Where it came from: the portal unless a WhatsApp or SMS reply (issue 24). */
  channel?: InboxChannel,
) {
  const now = new Date();
  const event = await tx.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "MESSAGE",
      actorId: patientId,
      fromPatient: true,
      body,
      createdAt: now,
    },
    select: { id: true },
  });
  await recordInboxItem(tx, {
    caseId: kase.id,
    kind,
    eventId: event.id,
    channel,
    createdAt: now,
  });
  const resumed = await resumeAfterPatientReply(tx, kase.id, now);
  if (!resumed) await noticeToStaff(tx, kase, "patientMessageStaff", "coordinator");
}

export type Decision =
  | { decision: "ELIGIBLE"; text?: string }
  | { decision: "NOT_ELIGIBLE"; reasonCode: string; text: string };

/**
 * A clinician's eligibility decision. ELIGIBLE needs a treatment plan and keeps the case in
 * review until finance issues a quote (finance and the coordinator are told). NOT_ELIGIBLE
 * needs a structured reason and free text, and moves the case to NOT_ELIGIBLE through
 * changeStageIn() in the same transaction. The decision form's key is spent first: sent twice,
 * it is recorded (and told) once.
 */
export async function recordDecision(
  caseId: string,
  actor: StaffActor,
  input: Decision,
  key: SentForm,
) {
  requireRole(actor, "decide");
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, key, actor.id);
    const kase = await loadCase(tx, caseId);
    if (kase.stage !== "MEDICAL_REVIEW") throw new WorkError("state", "work.errors.notInReview");
    const now = new Date();
    if (input.decision === "ELIGIBLE") {
      const steps = await tx.treatmentPlanStep.count({ where: { caseId } });
      if (steps === 0) throw new WorkError("state", "work.errors.planRequired");
      await tx.case.update({
        where: { id: caseId },
        data: {
          eligibility: "ELIGIBLE",
          eligibilityReasonCode: null,
          eligibilityReason: input.text?.trim() || null,
          eligibilityById: actor.id,
          eligibilityAt: now,
          slaPausedAt: null,
        },
      });
      await tx.caseEvent.create({
        data: { caseId, type: "ELIGIBILITY", actorId: actor.id, toStage: "ELIGIBLE" },
      });
      await noticeToStaff(tx, kase, "eligibleStaff", "finance");
      await noticeToStaff(tx, kase, "eligibleStaff", "coordinator");
      await auditWrite(tx, actor, "case.eligibility", caseId, "ELIGIBLE");
      return { stage: kase.stage };
    }
    if (!isNotEligibleReason(input.reasonCode)) {
      throw new WorkError("state", "work.errors.reasonRequired");
    }
    await tx.case.update({
      where: { id: caseId },
      data: {
        eligibility: "NOT_ELIGIBLE",
        eligibilityReasonCode: input.reasonCode,
        eligibilityReason: input.text.trim(),
        eligibilityById: actor.id,
        eligibilityAt: now,
      },
    });
    await tx.caseEvent.create({
      data: {
        caseId,
        type: "ELIGIBILITY",
        actorId: actor.id,
        toStage: "NOT_ELIGIBLE",
        reason: input.reasonCode,
        internal: true,
      },
    });
    await changeStageIn(tx, {
      caseId,
      to: "NOT_ELIGIBLE",
      expectedFrom: "MEDICAL_REVIEW",
      actor,
      reason: input.reasonCode,
    });
    await auditWrite(tx, actor, "case.eligibility", caseId, `NOT_ELIGIBLE ${input.reasonCode}`);
    return { stage: "NOT_ELIGIBLE" };
  });
}

export interface PlanStepInput {
  pathwayStepId?: string | null;
  name: string;
  notes?: string | null;
  /** Minutes the patient needs free after it; null for none. */
  gapMinutes?: number | null;
  /**
   * Its travel rules (issue 25): minutes before flying after it, minutes of stay after it when
   * it is the last step, whether a fit-to-fly sign-off is needed. Left out: the pathway step's.
   */
  flyGapMinutes?: number | null;
  stayAfterMinutes?: number | null;
  fitToFlyRequired?: boolean;
}

/** Replaces the case's treatment plan. Steps from the pathway keep their link to it. */
export async function savePlan(
  caseId: string,
  actor: StaffActor,
  steps: PlanStepInput[],
  key: SentForm,
) {
  requireRole(actor, "plan");
  if (steps.length === 0 || steps.length > PLAN_MAX_STEPS) {
    throw new WorkError("state", "work.errors.planSize");
  }
  if (repeatedStepNames(steps).length) throw new WorkError("state", "work.errors.planRepeats");
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, key, actor.id);
    const kase = await tx.case.findUnique({
      where: { id: caseId },
      select: { ...CASE_REF, programmeId: true },
    });
    if (!kase) throw new WorkError("not_found", "work.errors.notFound");
    if (CLOSED.includes(kase.stage) || kase.stage === "NOT_ELIGIBLE") {
      throw new WorkError("state", "work.errors.planClosed");
    }
    // Only the programme's own steps may be linked; a forged id is dropped, not trusted.
    // A retired step stays linked in a plan that already holds it, and is not linked anew.
    const pathway = await tx.pathwayStep.findMany({
      where: {
        programmeId: kase.programmeId,
        OR: [{ retiredAt: null }, { planSteps: { some: { caseId } } }],
      },
      select: {
        id: true,
        resourceType: true,
        durationMinutes: true,
        flyGapMinutes: true,
        stayAfterMinutes: true,
        fitToFlyRequired: true,
      },
    });
    const byId = new Map(pathway.map((p) => [p.id, p]));
    // A step the plan already holds is changed in place rather than made anew: its booked
    // appointments stay linked to it, so its gap and travel rules (issue 25) still apply to
    // them. A row is the same step when it has the same pathway step, or else the same name.
    const existing = await tx.treatmentPlanStep.findMany({
      where: { caseId },
      select: { id: true, pathwayStepId: true, name: true },
    });
    const kept = new Set<string>();
    const rows = steps.map((s, position) => {
      const source = s.pathwayStepId ? byId.get(s.pathwayStepId) : undefined;
      const pathwayStepId = source ? s.pathwayStepId! : null;
      const name = s.name.trim();
      const same = existing.find(
        (e) =>
          !kept.has(e.id) &&
          (pathwayStepId ? e.pathwayStepId === pathwayStepId : !e.pathwayStepId && e.name === name),
      );
      if (same) kept.add(same.id);
      // A rule not given (a caller other than the editor) is the pathway's; a blank one is none.
      const rule = <K extends "flyGapMinutes" | "stayAfterMinutes">(k: K) =>
        s[k] !== undefined ? s[k] : (source?.[k] ?? null);
      return {
        id: same?.id,
        data: {
          position,
          pathwayStepId,
          name,
          notes: s.notes?.trim() || null,
          resourceType: source?.resourceType ?? null,
          durationMinutes: source?.durationMinutes ?? null,
          gapMinutes: s.gapMinutes ?? null,
          flyGapMinutes: rule("flyGapMinutes"),
          stayAfterMinutes: rule("stayAfterMinutes"),
          fitToFlyRequired: s.fitToFlyRequired ?? source?.fitToFlyRequired ?? false,
        },
      };
    });
    await tx.treatmentPlanStep.deleteMany({ where: { caseId, id: { notIn: [...kept] } } });
    for (const row of rows) {
      if (row.id) await tx.treatmentPlanStep.update({ where: { id: row.id }, data: row.data });
    }
    const fresh = rows.filter((r) => !r.id).map((r) => ({ caseId, ...r.data }));
    if (fresh.length) await tx.treatmentPlanStep.createMany({ data: fresh });
    await tx.caseEvent.create({
      data: { caseId, type: "PLAN_UPDATED", actorId: actor.id, internal: true },
    });
    await auditWrite(tx, actor, "case.plan", caseId, `${steps.length} steps`);
  });
}
