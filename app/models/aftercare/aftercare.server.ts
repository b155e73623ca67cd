import { ownCase } from "~/models/cases/portal.server";
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
  opensAt,
  type Implausible,
  PROMS,
  scheduleLabel,
  worseningDetail,
  type PromKey,
} from "~/lib/aftercare";
import {
  COLUMN_PROMS,
  implausibleIn,
  mergeOutcomes,
  scheduleOf,
  worseningsIn,
  type Outcomes,
} from "~/lib/outcomes";
import {
  currentOutcomes,
  outcomesOfCase,
  outcomesOfFollowUp,
  promAnswersOf,
} from "~/models/aftercare/outcomes.server";
import { formatDate } from "~/lib/format";
import { MANUAL_TASK } from "~/lib/tasks";
import { audit } from "~/infra/audit.server";
import {
  checkFiles,
  createDocumentRows,
  storeCheckedFiles,
  type IncomingFile,
} from "~/infra/document-store.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { notFound, notThePatients } from "~/models/auth/auth.server";
import { noticeToPatient, noticeToStaff } from "~/models/cases/notices.server";
import { recordInboxItem } from "~/models/inbox/inbox.server";

export const BASELINE = "BASELINE";

/** Stages in which follow-ups are open to the patient and reminders go out. */

/** The baseline questionnaire, due now, if the case has none yet. Called on the way to treatment. */
export async function ensureBaseline(tx: Tx, caseId: string, now = new Date()) {
  const existing = await tx.followUp.findUnique({
    where: { caseId_label: { caseId, label: BASELINE } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { programmeId: true },
  });
  const outcomes = await currentOutcomes(kase.programmeId, tx);
  const row = await tx.followUp.create({
    data: { caseId, kind: "BASELINE", label: BASELINE, dueAt: now, outcomesId: outcomes.id },
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
    select: { timeZone: true, programmeId: true },
  });
  // The schedule and the measures of the version published now; each follow-up keeps it.
  const outcomes = await currentOutcomes(kase.programmeId, tx);
  const schedule = scheduleOf(outcomes.content);
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
      data: {
        caseId,
        kind: "FOLLOW_UP",
        label,
        dueAt: due.toJSDate(),
        outcomesId: outcomes.id,
      },
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
  proms: Partial<Record<PromKey, number | null>> & Record<string, number | null>;
  labs: LabValues;
}

export class FollowUpError extends Error {
  constructor(public readonly code: "not_found" | "closed" | "done") {
    super(`Follow-up refused: ${code}`);
    this.name = "FollowUpError";
  }
}

const PROM_SELECT = {
  ...(Object.fromEntries(PROMS.map((p) => [p.key, true])) as Record<PromKey, true>),
  answers: true,
  outcomesId: true,
} as const;

/** The answers as stored: the lupus measures in their columns, any other in `answers`. */
function promData(o: Outcomes, proms: Record<string, number | null | undefined>) {
  const columns: Partial<Record<PromKey, number | null>> = {};
  const extra: Record<string, number | null> = {};
  for (const p of o.proms) {
    const v = proms[p.key] ?? null;
    if (COLUMN_PROMS.includes(p.key)) columns[p.key as PromKey] = v;
    else extra[p.key] = v;
  }
  return { ...columns, answers: Object.keys(extra).length ? JSON.stringify(extra) : null };
}

/**
 * Lab values outside their marker's plausible range, entered without "I have checked this
 * value": nothing was saved. The page names each one with its plausible range.
 */
export class LabCheckError extends Error {
  constructor(public readonly values: Implausible[]) {
    super(`Lab values to check: ${values.map((v) => v.key).join(", ")}`);
    this.name = "LabCheckError";
  }
}

/**
 * Writes the lab values given (null clears one); markers not named are left as they are.
 * A value outside its plausible range carries when it was checked (`checkedAt`).
 */
async function writeLabs(
  tx: Tx,
  outcomes: Outcomes,
  followUpId: string,
  labs: LabValues,
  actorId: string | null,
  checkedAt: Date | null = null,
  confirmed: ReadonlyMap<string, { value: number; checkedAt: Date }> = new Map(),
) {
  const doubtful = new Set(implausibleIn(outcomes, labs).map((v) => v.key));
  for (const marker of outcomes.markers) {
    if (!(marker.key in labs)) continue;
    const value = labs[marker.key];
    if (value === null || value === undefined) {
      await tx.labResult.deleteMany({ where: { followUpId, marker: marker.key } });
      continue;
    }
    // A value confirmed before and sent again unchanged keeps when it was checked.
    const before = confirmed.get(marker.key);
    const checked = !doubtful.has(marker.key)
      ? null
      : before?.value === value
        ? before.checkedAt
        : checkedAt;
    await tx.labResult.upsert({
      where: { followUpId_marker: { followUpId, marker: marker.key } },
      create: { followUpId, marker: marker.key, value, enteredById: actorId, checkedAt: checked },
      update: { value, enteredById: actorId, checkedAt: checked },
    });
  }
}

export interface CompleteInput {
  caseId: string;
  followUpId: string;
  answers: FollowUpAnswers;
  actorId: string;
  /** The patient answered themselves (their answers open an inbox item). */
  fromPatient?: boolean;
  /** Run inside the same transaction (e.g. storing an uploaded lab report). */
  alsoInTransaction?: (tx: Tx) => Promise<unknown>;
}

/**
 * Records a completed follow-up (by the patient, or staff on their behalf), its lab values,
 * and, for a follow-up after treatment, compares it with the completed baseline: a
 * worsening beyond the threshold opens a task for the clinicians and emails them. All of it
 * is one transaction; a follow-up is completed once.
 */
export async function completeFollowUp(input: CompleteInput) {
  return db.$transaction((tx) => completeFollowUpIn(tx, input));
}

async function completeFollowUpIn(tx: Tx, input: CompleteInput) {
  const now = new Date();
  const f = await tx.followUp.findFirst({
    where: { id: input.followUpId, caseId: input.caseId },
    select: {
      id: true,
      kind: true,
      status: true,
      outcomesId: true,
      case: {
        select: { id: true, number: true, coordinatorId: true, stage: true, programmeId: true },
      },
    },
  });
  if (!f) throw new FollowUpError("not_found");
  // The version the follow-up was made with: its measures, markers and thresholds.
  const outcomes = (
    await outcomesOfFollowUp({ outcomesId: f.outcomesId, programmeId: f.case.programmeId }, tx)
  ).content;
  if (!canAnswerFollowUp(f.case.stage)) {
    throw new FollowUpError("closed");
  }
  const { count } = await tx.followUp.updateMany({
    where: { id: f.id, status: "SCHEDULED" },
    data: {
      ...promData(outcomes, input.answers.proms),
      status: "COMPLETED",
      completedAt: now,
      completedById: input.actorId,
    },
  });
  if (count !== 1) throw new FollowUpError("done");
  await writeLabs(tx, outcomes, f.id, input.answers.labs, input.actorId);
  const event = await tx.caseEvent.create({
    data: { caseId: f.case.id, type: "FOLLOW_UP_COMPLETED", actorId: input.actorId },
    select: { id: true },
  });
  // The patient's own answers land in the staff inbox; staff entering them on their behalf do not.
  if (input.fromPatient) {
    await recordInboxItem(tx, { caseId: f.case.id, kind: "ANSWERS", eventId: event.id });
  }
  await input.alsoInTransaction?.(tx);
  if (f.kind === "BASELINE") return { worsened: [] };

  const baseline = await tx.followUp.findFirst({
    where: { caseId: f.case.id, kind: "BASELINE", status: "COMPLETED" },
    select: { ...PROM_SELECT, labs: { select: { marker: true, value: true } } },
  });
  if (!baseline) return { worsened: [] };
  const { labs: baselineLabs, ...baselineProms } = baseline;
  const worsened = worseningsIn(
    outcomes,
    {
      proms: promAnswersOf(baselineProms),
      labs: Object.fromEntries(baselineLabs.map((l) => [l.marker, l.value])),
    },
    { proms: input.answers.proms, labs: input.answers.labs },
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
}

/**
 * The patient answers their follow-up, with their lab report if they have one: the report is
 * checked by content and stored encrypted with the answers, all or nothing. The form's key is
 * spent first, so the same answers sent twice are recorded once.
 */
export async function answerFollowUp(input: {
  patientId: string;
  caseId: string;
  followUpId: string;
  answers: FollowUpAnswers;
  reports: IncomingFile[];
  formKey: SentForm;
}) {
  const files = await checkFiles(input.reports);
  return storeCheckedFiles(files, (stored) =>
    db.$transaction(async (tx) => {
      await spendFormKey(tx, input.formKey, input.patientId);
      return completeFollowUpIn(tx, {
        caseId: input.caseId,
        followUpId: input.followUpId,
        answers: input.answers,
        actorId: input.patientId,
        fromPatient: true,
        alsoInTransaction: (tx) =>
          stored.length
            ? createDocumentRows(
                tx,
                { caseId: input.caseId, kind: "LAB_REPORT", uploadedById: input.patientId },
                stored,
              )
            : Promise.resolve(),
      });
    }),
  );
}

interface StaffActor {
  actorId: string;
  ip: string | null;
}

/**
 * Staff enter or correct lab values of any follow-up of the case; the write is audited. The
 * form's key is spent first: sent twice, the values are entered (and put on the timeline) once.
 */
export async function saveLabs(
  input: StaffActor & {
    caseId: string;
    followUpId: string;
    labs: LabValues;
    /** The person ticked "I have checked this value" for values outside the plausible range. */
    checked?: boolean;
    /** The form's single-use key. */
    formKey: SentForm;
  },
) {
  // A value no living patient has (a unit or typing error, most likely) is not saved silently.
  // One that was confirmed already (the same value, checked when it was entered) is not asked
  // about again when the form is saved with other changes. The plausible ranges are those
  // of the version the follow-up was made with.
  const checkedAt = new Date();
  let toCheck: Implausible[] = [];
  await db.$transaction(async (tx) => {
    await spendFormKey(tx, input.formKey, input.actorId);
    const f = await tx.followUp.findFirst({
      where: { id: input.followUpId, caseId: input.caseId },
      select: { id: true, outcomesId: true, case: { select: { programmeId: true } } },
    });
    if (!f) throw new FollowUpError("not_found");
    const outcomes = (
      await outcomesOfFollowUp({ outcomesId: f.outcomesId, programmeId: f.case.programmeId }, tx)
    ).content;
    const units = new Map(outcomes.markers.map((m) => [m.key, m.unit]));
    const doubtful = implausibleIn(outcomes, input.labs).map((v) => ({
      ...v,
      unit: units.get(v.key),
    }));
    const stored = doubtful.length
      ? await tx.labResult.findMany({
          where: { followUpId: f.id, checkedAt: { not: null } },
          select: { marker: true, value: true, checkedAt: true },
        })
      : [];
    const confirmed = new Map(
      stored.map((r) => [r.marker, { value: r.value, checkedAt: r.checkedAt! }] as const),
    );
    toCheck = doubtful.filter((v) => confirmed.get(v.key)?.value !== v.value);
    if (toCheck.length && !input.checked) throw new LabCheckError(toCheck);
    await writeLabs(tx, outcomes, f.id, input.labs, input.actorId, checkedAt, confirmed);
    await tx.caseEvent.create({
      data: { caseId: input.caseId, type: "LABS_ENTERED", actorId: input.actorId, internal: true },
    });
  });
  await audit({
    actorId: input.actorId,
    action: "aftercare.labs.write",
    entity: "FollowUp",
    entityId: input.followUpId,
    caseId: input.caseId,
    ip: input.ip,
    outcome: "success",
    // Which values were confirmed outside their plausible range.
    ...(toCheck.length ? { detail: `checked:${toCheck.map((v) => v.key).join(",")}` } : {}),
  });
}

/**
 * A clinician closes an open aftercare task with a note; false when it is already closed (or
 * gone). The same close as "My tasks" and the case's task panel do (app/models/tasks): one
 * transaction with its internal timeline event and its audit row.
 */
export async function closeTask(
  input: StaffActor & { caseId: string; taskId: string; note: string },
) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.clinicalTask.updateMany({
      where: {
        id: input.taskId,
        caseId: input.caseId,
        resolvedAt: null,
        kind: { not: MANUAL_TASK },
      },
      data: {
        resolvedAt: new Date(),
        resolvedById: input.actorId,
        resolutionNote: input.note || null,
      },
    });
    if (count === 1) {
      await tx.caseEvent.create({
        data: {
          caseId: input.caseId,
          type: "TASK_COMPLETED",
          actorId: input.actorId,
          internal: true,
        },
      });
    }
    await audit(
      {
        actorId: input.actorId,
        action: "aftercare.task.resolve",
        entity: "ClinicalTask",
        entityId: input.taskId,
        caseId: input.caseId,
        ip: input.ip,
        outcome: count === 1 ? "success" : "refused",
      },
      tx,
    );
    return count === 1;
  });
}

/** A follow-up row with its PROM answers in one record (`proms`), fixed columns and generic. */
function withProms<T extends Record<PromKey, number | null> & { answers: string | null }>(row: T) {
  const columns = Object.fromEntries(PROMS.map((p) => [p.key, row[p.key]]));
  return { ...row, proms: promAnswersOf({ ...columns, answers: row.answers }) };
}

/**
 * The outcome set a case's pages draw: the versions its follow-ups were made with, merged
 * (the newest first), or the programme's current one when it has none yet.
 */
export async function caseOutcomes(caseId: string): Promise<Outcomes> {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    select: { programmeId: true, followUps: { select: { outcomesId: true } } },
  });
  if (!kase) return { proms: [], markers: [], schedule: [] };
  const sets = kase.followUps.length
    ? await outcomesOfCase(kase.programmeId, kase.followUps)
    : [await currentOutcomes(kase.programmeId)];
  return mergeOutcomes(sets.map((s) => s.content));
}

/** Everything the outcome pages show: follow-ups in order with answers and labs. */
export async function outcomesOf(caseId: string) {
  const rows = await db.followUp.findMany({
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
  return rows.map(withProms);
}

export type Outcome = Awaited<ReturnType<typeof outcomesOf>>[number];

// --- the pages ---------------------------------------------------------------------------

/** The care team's outcomes page: the case, its tasks and follow-ups. Reading is audited. */
export async function getOutcomes(input: StaffActor & { caseId: string }) {
  const kase = await db.case.findUnique({
    where: { id: input.caseId },
    select: {
      id: true,
      number: true,
      stage: true,
      patient: { select: { name: true, timeZone: true } },
      tasks: {
        // The aftercare tasks; hand-made ones live in the case's task panel (app/models/tasks).
        where: { kind: { not: MANUAL_TASK } },
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          kind: true,
          detail: true,
          createdAt: true,
          resolvedAt: true,
          resolutionNote: true,
          followUp: { select: { label: true } },
        },
      },
    },
  });
  if (!kase) notFound();
  await audit({
    actorId: input.actorId,
    action: "aftercare.read",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: input.ip,
    outcome: "success",
  });
  return { kase, followUps: await outcomesOf(kase.id), outcomes: await caseOutcomes(kase.id) };
}

/** The patient's own follow-up plan: each follow-up, due or done. */
export async function getPatientAftercare(patientId: string, caseId: string) {
  const kase = await ownCase(patientId, caseId, {
    id: true,
    number: true,
    stage: true,
    followUps: {
      orderBy: { dueAt: "asc" },
      select: {
        id: true,
        kind: true,
        label: true,
        dueAt: true,
        status: true,
        completedAt: true,
        // The patient's own answers and results, drawn as charts on their aftercare page.
        ...PROM_SELECT,
        labs: { select: { marker: true, value: true } },
      },
    },
  });
  return {
    ...kase,
    followUps: kase.followUps.map(withProms),
    outcomes: await caseOutcomes(kase.id),
  };
}

/**
 * One of the patient's own follow-ups: whether it can be answered now, and what was sent
 * (as the form's values, "prom.<key>" and "lab.<marker>").
 */
export async function getPatientFollowUp(
  patientId: string,
  caseId: string,
  followUpId: string,
  now = new Date(),
) {
  const f = await db.followUp.findFirst({
    where: { id: followUpId, caseId, case: { patientId } },
    select: {
      id: true,
      label: true,
      dueAt: true,
      status: true,
      completedAt: true,
      ...PROM_SELECT,
      labs: { select: { marker: true, value: true } },
      case: {
        select: { id: true, number: true, consentWithdrawnAt: true, programmeId: true },
      },
    },
  });
  if (!f) return notThePatients(patientId, "FollowUp", followUpId);
  const opens = opensAt(f.dueAt);
  // The form of the version the follow-up was made with.
  const outcomes = (
    await outcomesOfFollowUp({ outcomesId: f.outcomesId, programmeId: f.case.programmeId })
  ).content;
  const answered = withProms(f).proms;
  const prom: Record<string, string> = {};
  for (const m of outcomes.proms) {
    const v = answered[m.key];
    if (v !== null && v !== undefined) prom[m.key] = String(v);
  }
  const lab = Object.fromEntries(f.labs.map((l) => [l.marker, String(l.value)]));
  return {
    followUp: {
      id: f.id,
      label: f.label,
      dueAt: f.dueAt,
      status: f.status,
      completedAt: f.completedAt,
    },
    kase: f.case,
    outcomes,
    values: { prom, lab },
    open: f.status === "SCHEDULED" && opens <= now,
    opensAt: opens,
  };
}
