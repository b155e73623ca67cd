/**
 * Aftercare: the baseline before treatment, the follow-up plan made from the programme's
 * template when a case enters AFTERCARE, the reminders the worker sends (each exactly once),
 * the patient's answers, the lab results, and the clinician's tasks when a follow-up is
 * worse than the baseline by more than AFTERCARE_WORSENING_POINTS.
 */
import type { Prisma } from "~/generated/prisma/client";
import { canAnswerFollowUp, FOLLOW_UP_STAGES } from "~/lib/stages";
import { DateTime } from "luxon";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import {
  labField,
  LAB_MARKERS,
  promField,
  PROMS,
  parseSchedule,
  scheduleLabel,
  worseningDetail,
  worsenings,
  type PromKey,
  type PromValues,
} from "~/lib/aftercare";
import { formatDate } from "~/lib/format";
import { noticeToPatient, noticeToStaff } from "~/models/cases/notices.server";

export const BASELINE = "BASELINE";

/** Stages in which follow-ups are open to the patient and reminders go out. */

/** The baseline questionnaire, due now, if the case has none yet. Called on the way to treatment. */
export async function ensureBaseline(tx: Tx, caseId: string, now = new Date()) {
  const existing = await tx.followUp.findUnique({
    where: { caseId_label: { caseId, label: BASELINE } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const row = await tx.followUp.create({
    data: { caseId, kind: "BASELINE", label: BASELINE, dueAt: now },
    select: { id: true },
  });
  return row.id;
}

/**
 * The follow-up plan from the programme's template, counted from the end of the last
 * treatment appointment (or now). Existing follow-ups are kept, so entering AFTERCARE
 * again adds nothing twice. Returns how many follow-ups the case now has.
 */
export async function planFollowUps(tx: Tx, caseId: string, now = new Date()) {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { timeZone: true, programme: { select: { followUpSchedule: true } } },
  });
  const schedule = parseSchedule(kase.programme.followUpSchedule);
  if (schedule.length === 0) return 0;
  await ensureBaseline(tx, caseId, now);
  const last = await tx.appointment.findFirst({
    where: { caseId, kind: "TREATMENT", status: "BOOKED" },
    orderBy: { endsAt: "desc" },
    select: { endsAt: true },
  });
  const anchor = DateTime.fromJSDate(last && last.endsAt < now ? last.endsAt : now, {
    zone: kase.timeZone,
  });
  const have = new Set(
    (await tx.followUp.findMany({ where: { caseId }, select: { label: true } })).map(
      (f) => f.label,
    ),
  );
  for (const offset of schedule) {
    const label = scheduleLabel(offset);
    if (have.has(label)) continue;
    // Due at 09:00 in the patient's own zone, on the day the offset lands.
    const due = anchor.plus(offset).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await tx.followUp.create({
      data: { caseId, kind: "FOLLOW_UP", label, dueAt: due.toJSDate() },
    });
  }
  return tx.followUp.count({ where: { caseId, kind: "FOLLOW_UP" } });
}

/**
 * Queues the due and overdue reminders. Each is claimed by a conditional update of its
 * timestamp in the transaction that queues the email, so a second worker or a second tick
 * finds nothing to send. A follow-up already overdue when first seen gets only the overdue
 * reminder.
 */
export async function sendFollowUpReminders(now = new Date(), limit = 200) {
  const overdueBefore = new Date(now.getTime() - env().FOLLOW_UP_OVERDUE_DAYS * 86_400_000);
  const open: Prisma.FollowUpWhereInput = {
    status: "SCHEDULED",
    case: { stage: { in: [...FOLLOW_UP_STAGES] }, anonymisedAt: null },
  };
  const select = {
    id: true,
    caseId: true,
    dueAt: true,
    label: true,
    case: { select: { id: true, number: true, coordinatorId: true } },
  } as const;
  let sent = 0;

  const overdue = await db.followUp.findMany({
    where: { ...open, overdueReminderAt: null, dueAt: { lte: overdueBefore } },
    orderBy: { dueAt: "asc" },
    take: limit,
    select,
  });
  for (const f of overdue) {
    const claimed = await db.$transaction(async (tx) => {
      const { count } = await tx.followUp.updateMany({
        where: { id: f.id, overdueReminderAt: null, status: "SCHEDULED" },
        data: { overdueReminderAt: now },
      });
      if (count !== 1) return false;
      await tx.followUp.updateMany({
        where: { id: f.id, dueReminderAt: null },
        data: { dueReminderAt: now },
      });
      await noticeToPatient(tx, f.caseId, "followUpOverdue", {
        path: `/aftercare/${f.id}`,
        vars: (lng, zone) => ({ due: formatDate(f.dueAt, lng, zone) }),
      });
      await noticeToStaff(tx, f.case, "followUpOverdueStaff", "coordinator", { dueAt: f.dueAt });
      await tx.caseEvent.create({
        data: { caseId: f.caseId, type: "FOLLOW_UP_REMINDER", internal: true, reason: "overdue" },
      });
      return true;
    });
    if (claimed) sent++;
  }

  const due = await db.followUp.findMany({
    where: { ...open, dueReminderAt: null, dueAt: { lte: now } },
    orderBy: { dueAt: "asc" },
    take: limit,
    select,
  });
  for (const f of due) {
    const claimed = await db.$transaction(async (tx) => {
      const { count } = await tx.followUp.updateMany({
        where: { id: f.id, dueReminderAt: null, status: "SCHEDULED" },
        data: { dueReminderAt: now },
      });
      if (count !== 1) return false;
      await noticeToPatient(tx, f.caseId, f.label === BASELINE ? "baselineDue" : "followUpDue", {
        path: `/aftercare/${f.id}`,
        vars: (lng, zone) => ({ due: formatDate(f.dueAt, lng, zone) }),
      });
      await tx.caseEvent.create({
        data: { caseId: f.caseId, type: "FOLLOW_UP_REMINDER", internal: true, reason: "due" },
      });
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}

// --- answers --------------------------------------------------------------------------

export type LabValues = Record<string, number | null>;

export interface FollowUpAnswers {
  proms: Record<PromKey, number | null>;
  labs: LabValues;
}

export class FollowUpError extends Error {
  constructor(public readonly code: "not_found" | "closed" | "done") {
    super(`Follow-up refused: ${code}`);
    this.name = "FollowUpError";
  }
}

const PROM_SELECT = Object.fromEntries(PROMS.map((p) => [p.key, true])) as Record<PromKey, true>;

/** Writes the lab values given (null clears one); markers not named are left as they are. */
async function writeLabs(tx: Tx, followUpId: string, labs: LabValues, actorId: string | null) {
  for (const marker of LAB_MARKERS) {
    if (!(marker.key in labs)) continue;
    const value = labs[marker.key];
    if (value === null || value === undefined) {
      await tx.labResult.deleteMany({ where: { followUpId, marker: marker.key } });
      continue;
    }
    await tx.labResult.upsert({
      where: { followUpId_marker: { followUpId, marker: marker.key } },
      create: { followUpId, marker: marker.key, value, enteredById: actorId },
      update: { value, enteredById: actorId },
    });
  }
}

/**
 * Records a completed follow-up (by the patient, or staff on their behalf), its lab values,
 * and, for a follow-up after treatment, compares it with the completed baseline: a
 * worsening beyond the threshold opens a task for the clinicians and emails them. All of it
 * is one transaction; a follow-up is completed once.
 */
export async function completeFollowUp(input: {
  caseId: string;
  followUpId: string;
  answers: FollowUpAnswers;
  actorId: string;
  /** Run inside the same transaction (e.g. storing an uploaded lab report). */
  alsoInTransaction?: (tx: Tx) => Promise<unknown>;
}) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const f = await tx.followUp.findFirst({
      where: { id: input.followUpId, caseId: input.caseId },
      select: {
        id: true,
        kind: true,
        status: true,
        case: { select: { id: true, number: true, coordinatorId: true, stage: true } },
      },
    });
    if (!f) throw new FollowUpError("not_found");
    if (!canAnswerFollowUp(f.case.stage)) {
      throw new FollowUpError("closed");
    }
    const { count } = await tx.followUp.updateMany({
      where: { id: f.id, status: "SCHEDULED" },
      data: {
        ...input.answers.proms,
        status: "COMPLETED",
        completedAt: now,
        completedById: input.actorId,
      },
    });
    if (count !== 1) throw new FollowUpError("done");
    await writeLabs(tx, f.id, input.answers.labs, input.actorId);
    await tx.caseEvent.create({
      data: { caseId: f.case.id, type: "FOLLOW_UP_COMPLETED", actorId: input.actorId },
    });
    await input.alsoInTransaction?.(tx);
    if (f.kind === "BASELINE") return { worsened: [] };

    const baseline = await tx.followUp.findFirst({
      where: { caseId: f.case.id, kind: "BASELINE", status: "COMPLETED" },
      select: PROM_SELECT,
    });
    if (!baseline) return { worsened: [] };
    const worsened = worsenings(
      baseline as PromValues,
      input.answers.proms,
      env().AFTERCARE_WORSENING_POINTS,
    );
    if (worsened.length) {
      await tx.clinicalTask.create({
        data: {
          caseId: f.case.id,
          followUpId: f.id,
          kind: "WORSENING",
          detail: worseningDetail(worsened),
        },
      });
      await tx.caseEvent.create({
        data: { caseId: f.case.id, type: "WORSENING", internal: true },
      });
      await noticeToStaff(tx, f.case, "worseningStaff", "clinician");
    }
    return { worsened };
  });
}

/** Staff enter or correct lab values of any follow-up of the case. */
export async function saveLabs(
  caseId: string,
  followUpId: string,
  labs: LabValues,
  actorId: string,
) {
  return db.$transaction(async (tx) => {
    const f = await tx.followUp.findFirst({
      where: { id: followUpId, caseId },
      select: { id: true },
    });
    if (!f) throw new FollowUpError("not_found");
    await writeLabs(tx, f.id, labs, actorId);
    await tx.caseEvent.create({
      data: { caseId, type: "LABS_ENTERED", actorId, internal: true },
    });
  });
}

export async function resolveTask(caseId: string, taskId: string, actorId: string, note: string) {
  const { count } = await db.clinicalTask.updateMany({
    where: { id: taskId, caseId, resolvedAt: null },
    data: { resolvedAt: new Date(), resolvedById: actorId, resolutionNote: note || null },
  });
  return count === 1;
}

/** Everything the outcome pages show: follow-ups in order with answers and labs. */
export async function outcomesOf(caseId: string) {
  return db.followUp.findMany({
    where: { caseId },
    orderBy: [{ dueAt: "asc" }],
    select: {
      id: true,
      kind: true,
      label: true,
      dueAt: true,
      status: true,
      completedAt: true,
      dueReminderAt: true,
      overdueReminderAt: true,
      ...PROM_SELECT,
      labs: { select: { marker: true, value: true } },
    },
  });
}

export type Outcome = Awaited<ReturnType<typeof outcomesOf>>[number];

// --- the form -------------------------------------------------------------------------

export { labField, promField };

export type AnswerProblem = "required" | "range" | "number";

/** A decimal as people type it: "1.5" or "1,5". Empty is null; anything else is NaN. */
function decimal(raw: string): number | null {
  const s = raw.trim().replace(",", ".");
  if (s === "") return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * Reads the follow-up form. Every PROM answer is required (a partial questionnaire cannot
 * be compared with the baseline); lab values are optional. Problems are keyed by field name.
 */
export function parseAnswers(get: (name: string) => string, options: { labsOnly?: boolean } = {}) {
  const problems: Record<string, AnswerProblem> = {};
  const proms = {} as Record<PromKey, number | null>;
  if (!options.labsOnly) {
    for (const m of PROMS) {
      const name = promField(m.key);
      const value = decimal(get(name));
      if (value === null) problems[name] = "required";
      else if (Number.isNaN(value) || (m.integer && !Number.isInteger(value)))
        problems[name] = "number";
      else if (value < m.min || value > m.max) problems[name] = "range";
      else proms[m.key] = value;
    }
  }
  const labs: LabValues = {};
  for (const marker of LAB_MARKERS) {
    const name = labField(marker.key);
    const value = decimal(get(name));
    if (value === null) {
      labs[marker.key] = null;
      continue;
    }
    if (Number.isNaN(value)) problems[name] = "number";
    else if (value < marker.min || value > marker.max) problems[name] = "range";
    else labs[marker.key] = value;
  }
  return { problems, answers: { proms, labs } as FollowUpAnswers };
}

/** The names of every field of the form, for echoing what was typed after an error. */
export const ANSWER_FIELDS = [
  ...PROMS.map((m) => promField(m.key)),
  ...LAB_MARKERS.map((m) => labField(m.key)),
];
