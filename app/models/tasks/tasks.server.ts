/**
 * Tasks on a case (issue 22). Any member of staff puts a task on a case: a title, an assignee,
 * a due date and time typed in their own time zone (User.timeZone; stored in UTC) and an
 * optional reminder. The aftercare tasks a worse follow-up opens (app/models/aftercare) are the
 * same rows, of a clinical kind: they show on the case and in "My tasks", and clinicians see
 * the unassigned ones; only those who hold task:close close or hand them on.
 *
 * A title may name health data ("Call about the CRP result"), so:
 * - every write is audited (task.create, task.complete, task.reopen, task.reassign), in the same
 *   transaction as the task and its internal timeline event, as notes are;
 * - a reader who may not read health data (finance, ADR 016) sees on a case only the hand-made
 *   tasks they created or hold, in full; the others' are shown without their title (who holds
 *   them and when they are due), and clinical tasks not at all. Such a task is "not found" for
 *   their writes too;
 * - the reminder emails name the case and link to it, never the title.
 *
 * The background worker sends the reminders (sendTaskReminders): a task past its due time emails
 * its assignee once, and a task with a reminder emails them once at that time, each claimed by a
 * conditional update of overdueEmailedAt or remindedAt in the transaction that queues the email.
 */
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { can, roleCan, STAFF_ROLES, type StaffRole } from "~/lib/permissions";
import {
  bucketOf,
  isClinicalTask,
  MANUAL_TASK,
  orderTasks,
  zonedInstant,
  type TaskBucket,
} from "~/lib/tasks";
import { noticeToStaff } from "~/models/cases/notices.server";

export type TaskErrorCode = "not_found" | "forbidden" | "state" | "field";

/** A refused task write; `key` is a translation key ("common:tasks.errors.*"). */
export class TaskError extends Error {
  constructor(
    public readonly code: TaskErrorCode,
    public readonly key: string,
    /** For "field": the form field the message belongs beside. */
    public readonly field?: string,
  ) {
    super(`Task refused: ${code} (${key})`);
    this.name = "TaskError";
  }
}

const E = (key: string) => `common:tasks.errors.${key}`;

export interface TaskActor {
  id: string;
  role: StaffRole;
  /** The zone the actor types times in (User.timeZone). */
  timeZone: string;
  ip?: string | null;
}

/** Who reads: a signed-in member of staff. */
export interface TaskReader {
  id: string;
  role: string;
}

/** How far back and ahead a due date may be: a typing slip (year 2062) is not a plan. */
const PAST_DAYS = 30;
const AHEAD_DAYS = 3 * 366;

const TASK_SELECT = {
  id: true,
  caseId: true,
  kind: true,
  title: true,
  detail: true,
  dueAt: true,
  remindAt: true,
  createdAt: true,
  resolvedAt: true,
  resolutionNote: true,
  assigneeId: true,
  createdById: true,
  assignee: { select: { id: true, name: true } },
  createdBy: { select: { name: true } },
  resolvedById: true,
  followUp: { select: { label: true } },
} as const satisfies Prisma.ClinicalTaskSelect;

type TaskRow = Prisma.ClinicalTaskGetPayload<{ select: typeof TASK_SELECT }>;

/** May this reader see the task's title and act on it? */
function readable(reader: TaskReader, task: Pick<TaskRow, "kind" | "assigneeId" | "createdById">) {
  if (can(reader, "case.health:read")) return true;
  if (isClinicalTask(task.kind)) return false;
  return task.assigneeId === reader.id || task.createdById === reader.id;
}

/** May this reader complete, reopen or hand on the task? */
function mayAct(reader: TaskReader, task: Pick<TaskRow, "kind" | "assigneeId" | "createdById">) {
  if (!readable(reader, task)) return false;
  return isClinicalTask(task.kind) ? can(reader, "task:close") : can(reader, "task:use");
}

/** What a reader is shown of one task: in full, or (finance, someone else's) without the title. */
export function taskView(reader: TaskReader, task: TaskRow) {
  const full = readable(reader, task);
  return {
    id: task.id,
    caseId: task.caseId,
    kind: task.kind,
    clinical: isClinicalTask(task.kind),
    /** Null when the reader may not read it (withheld: true) or the task has none (aftercare). */
    title: full ? task.title : null,
    /** An aftercare task's measures ("pain:3:7"), for readers of health data. */
    detail: full && isClinicalTask(task.kind) ? task.detail : null,
    followUpLabel: full ? (task.followUp?.label ?? null) : null,
    withheld: !full,
    dueAt: task.dueAt,
    remindAt: task.remindAt,
    createdAt: task.createdAt,
    resolvedAt: task.resolvedAt,
    resolutionNote: full ? task.resolutionNote : null,
    assignee: task.assignee,
    createdBy: task.createdBy?.name ?? null,
    canAct: mayAct(reader, task),
  };
}
export type TaskView = ReturnType<typeof taskView>;

/** The tasks a reader may know exist on a case: no clinical ones without health data. */
function visibleWhere(reader: TaskReader): Prisma.ClinicalTaskWhereInput {
  return can(reader, "case.health:read") ? {} : { kind: MANUAL_TASK };
}

/** Active staff to whom a task may be given: clinical ones only to those who may close them. */
export async function taskAssignees(clinical = false) {
  const roles = STAFF_ROLES.filter((r) =>
    clinical ? roleCan(r, "task:close") : roleCan(r, "task:use") && roleCan(r, "case:read"),
  );
  return db.user.findMany({
    where: { active: true, role: { in: roles } },
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

async function checkAssignee(tx: Tx, assigneeId: string, clinical: boolean) {
  if (!assigneeId) return null;
  const person = await tx.user.findFirst({
    where: { id: assigneeId, active: true },
    select: { id: true, role: true },
  });
  const fits =
    person &&
    (clinical
      ? roleCan(person.role, "task:close")
      : roleCan(person.role, "task:use") && roleCan(person.role, "case:read"));
  if (!fits) throw new TaskError("field", E("assignee"), "assigneeId");
  return person.id;
}

function auditTask(
  tx: Tx,
  actor: { id: string; ip?: string | null },
  action: string,
  task: { id: string; caseId: string },
  detail?: string,
) {
  return audit(
    {
      actorId: actor.id,
      action,
      entity: "ClinicalTask",
      entityId: task.id,
      caseId: task.caseId,
      ip: actor.ip ?? null,
      outcome: "success",
      detail,
    },
    tx,
  );
}

export interface NewTask {
  title: string;
  assigneeId: string;
  /** YYYY-MM-DD and HH:MM in the creator's zone; both empty for a task with no date. */
  dueDate: string;
  dueTime: string;
  /** Minutes before the due time to remind the assignee ("" for no reminder). */
  remind: string;
}

/** Reads the due time in the creator's zone (UTC out), checked to be a plausible date. */
export function readDue(input: Pick<NewTask, "dueDate" | "dueTime">, zone: string, now: Date) {
  if (!input.dueDate.trim() && !input.dueTime.trim()) return null;
  const due = zonedInstant(input.dueDate, input.dueTime, zone);
  if (!due) throw new TaskError("field", E("date"), "dueDate");
  const min = now.getTime() - PAST_DAYS * 86_400_000;
  const max = now.getTime() + AHEAD_DAYS * 86_400_000;
  if (due.getTime() < min || due.getTime() > max) {
    throw new TaskError("field", E("range"), "dueDate");
  }
  return due;
}

/**
 * Puts a task on a case, in one transaction with its form key, its internal timeline event
 * and its audit row. The assignee must be active staff who may read the case.
 */
export async function createTask(
  caseId: string,
  actor: TaskActor,
  input: NewTask,
  sent: SentForm,
  now = new Date(),
) {
  if (!can(actor, "task:use")) throw new TaskError("forbidden", E("forbidden"));
  const dueAt = readDue(input, actor.timeZone, now);
  const offset = input.remind === "" ? null : Number(input.remind);
  const remindAt = dueAt && offset !== null ? new Date(dueAt.getTime() - offset * 60_000) : null;
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, sent, actor.id);
    const kase = await tx.case.findUnique({ where: { id: caseId }, select: { id: true } });
    if (!kase) throw new TaskError("not_found", E("notFound"));
    const assigneeId = await checkAssignee(tx, input.assigneeId, false);
    const task = await tx.clinicalTask.create({
      data: {
        caseId,
        kind: MANUAL_TASK,
        detail: "",
        title: input.title,
        assigneeId,
        createdById: actor.id,
        dueAt,
        remindAt,
        createdAt: now,
      },
      select: { id: true, caseId: true },
    });
    await tx.caseEvent.create({
      data: { caseId, type: "TASK_CREATED", actorId: actor.id, internal: true, createdAt: now },
    });
    await auditTask(tx, actor, "task.create", task, `assignee=${assigneeId ?? "-"}`);
    return task;
  });
}

/** The task, for a write by `actor`: "not found" when it is not theirs to see or act on. */
async function taskFor(tx: Tx, actor: TaskActor, taskId: string, caseId?: string) {
  const task = await tx.clinicalTask.findFirst({
    where: { id: taskId, ...(caseId ? { caseId } : {}) },
    select: TASK_SELECT,
  });
  if (!task || !readable(actor, task)) throw new TaskError("not_found", E("notFound"));
  if (!mayAct(actor, task)) throw new TaskError("forbidden", E("forbidden"));
  return task;
}

/**
 * Marks a task done (with an optional note). A hand-made task: anyone with task:use who can see
 * it; a clinical one: task:close. The form's key is spent first; repeats are allowed (done,
 * reopened, done again is real), and a task already done is refused by its state.
 */
export async function completeTask(
  actor: TaskActor,
  input: { taskId: string; caseId?: string; note?: string },
  sent: SentForm | null,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    if (sent) await spendFormKey(tx, sent, actor.id, { repeats: "allowed" });
    const task = await taskFor(tx, actor, input.taskId, input.caseId);
    const { count } = await tx.clinicalTask.updateMany({
      where: { id: task.id, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: actor.id, resolutionNote: input.note || null },
    });
    if (count !== 1) throw new TaskError("state", E("alreadyDone"));
    await tx.caseEvent.create({
      data: {
        caseId: task.caseId,
        type: "TASK_COMPLETED",
        actorId: actor.id,
        internal: true,
        createdAt: now,
      },
    });
    await auditTask(tx, actor, "task.complete", task, task.kind);
    return task;
  });
}

/** Opens a done task again; refused when it is open already. */
export async function reopenTask(
  actor: TaskActor,
  input: { taskId: string; caseId?: string },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const task = await taskFor(tx, actor, input.taskId, input.caseId);
    const { count } = await tx.clinicalTask.updateMany({
      where: { id: task.id, resolvedAt: { not: null } },
      // Reopened past its due time, it is overdue again: its assignee hears of it once more.
      data: { resolvedAt: null, resolvedById: null, resolutionNote: null, overdueEmailedAt: null },
    });
    if (count !== 1) throw new TaskError("state", E("alreadyOpen"));
    await tx.caseEvent.create({
      data: {
        caseId: task.caseId,
        type: "TASK_REOPENED",
        actorId: actor.id,
        internal: true,
        createdAt: now,
      },
    });
    await auditTask(tx, actor, "task.reopen", task, task.kind);
    return task;
  });
}

/**
 * Hands a task to someone else ("" for nobody). `was` is who the page showed: when someone
 * else changed it since, the change is refused rather than silently undone. The new assignee
 * is emailed (without the title) unless they took it themselves.
 */
export async function reassignTask(
  actor: TaskActor,
  input: { taskId: string; caseId?: string; assigneeId: string; was?: string },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const task = await taskFor(tx, actor, input.taskId, input.caseId);
    if (input.was !== undefined && (task.assigneeId ?? "") !== input.was) {
      throw new TaskError("state", E("stale"));
    }
    const assigneeId = await checkAssignee(tx, input.assigneeId, isClinicalTask(task.kind));
    if ((task.assigneeId ?? null) === assigneeId) return { changed: false };
    await tx.clinicalTask.update({
      where: { id: task.id },
      // A new holder of an overdue task is told once, as the first was.
      data: { assigneeId, overdueEmailedAt: null, remindedAt: null },
    });
    await tx.caseEvent.create({
      data: {
        caseId: task.caseId,
        type: "TASK_REASSIGNED",
        actorId: actor.id,
        internal: true,
        createdAt: now,
      },
    });
    await auditTask(tx, actor, "task.reassign", task, `assignee=${assigneeId ?? "-"}`);
    return { changed: true };
  });
}

/**
 * A case's task panel: the tasks this reader may know of (open first, in due order; then the
 * done ones, the latest first), who tasks may be given to, and what the reader may do. The
 * read is audited with the case's other health data.
 */
export async function caseTasks(reader: TaskReader & { ip?: string | null }, caseId: string) {
  const rows = await db.clinicalTask.findMany({
    where: { caseId, ...visibleWhere(reader) },
    select: TASK_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const views = rows.map((r) => taskView(reader, r));
  const open = orderTasks(views.filter((v) => !v.resolvedAt));
  const done = views
    .filter((v) => v.resolvedAt)
    .sort((a, b) => new Date(b.resolvedAt!).getTime() - new Date(a.resolvedAt!).getTime());
  if (views.some((v) => !v.withheld)) {
    await audit({
      actorId: reader.id,
      action: "task.read",
      entity: "Case",
      entityId: caseId,
      caseId,
      ip: reader.ip ?? null,
      outcome: "success",
      detail: `${views.length} tasks`,
    });
  }
  return {
    open,
    done,
    assignees: can(reader, "task:use") ? await taskAssignees() : [],
    clinicalAssignees: can(reader, "task:close") ? await taskAssignees(true) : [],
    canCreate: can(reader, "task:use"),
    me: reader.id,
  };
}

/** A case's tasks, for a route: the case must exist (else 404 by the caller). */
export async function caseExists(caseId: string) {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    select: { id: true, number: true, patient: { select: { name: true } } },
  });
  return kase;
}

/** What is "mine": assigned to me, and (for those who close them) unassigned clinical tasks. */
function mineWhere(user: TaskReader): Prisma.ClinicalTaskWhereInput {
  return can(user, "task:close")
    ? { OR: [{ assigneeId: user.id }, { assigneeId: null, kind: { not: MANUAL_TASK } }] }
    : { assigneeId: user.id };
}

const MY_TASK_SELECT = {
  ...TASK_SELECT,
  case: { select: { id: true, number: true, patient: { select: { name: true } } } },
} as const satisfies Prisma.ClinicalTaskSelect;

/**
 * "My tasks": open tasks in sections (overdue first, then due today in the reader's zone,
 * then later, then no date) and those done in the last 7 days. Audited: titles are health data.
 */
export async function listMyTasks(
  user: TaskReader & { timeZone: string; ip?: string | null },
  now = new Date(),
  limit = 200,
) {
  const mine = mineWhere(user);
  const [open, done] = await Promise.all([
    db.clinicalTask.findMany({
      where: { AND: [mine, { resolvedAt: null }] },
      select: MY_TASK_SELECT,
      orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      take: limit,
    }),
    db.clinicalTask.findMany({
      where: {
        AND: [
          { OR: [mine, { resolvedById: user.id }] },
          { resolvedAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } },
        ],
      },
      select: MY_TASK_SELECT,
      orderBy: [{ resolvedAt: "desc" }],
      take: 20,
    }),
  ]);
  const row = (r: (typeof open)[number]) => ({
    ...taskView(user, r),
    caseNumber: r.case.number,
    patientName: r.case.patient.name,
  });
  const sections: Record<TaskBucket, ReturnType<typeof row>[]> = {
    overdue: [],
    today: [],
    upcoming: [],
    noDate: [],
    done: [],
  };
  for (const r of orderTasks(open.map(row))) sections[bucketOf(r, now, user.timeZone)].push(r);
  sections.done = done.map(row);
  await audit({
    actorId: user.id,
    action: "task.list",
    entity: "ClinicalTask",
    ip: user.ip ?? null,
    outcome: "success",
    detail: `open=${open.length}`,
  });
  return sections;
}

/** The navigation's count: my open tasks past their due time. */
export async function countMyOverdue(user: TaskReader, now = new Date()) {
  return db.clinicalTask.count({
    where: { AND: [mineWhere(user), { resolvedAt: null, dueAt: { lt: now } }] },
  });
}

/**
 * The clinician's review queue also holds their open clinical work: aftercare tasks (assigned
 * to them or to nobody) and tasks assigned to them, overdue first. Audited as a task list.
 */
export async function openClinicalTasks(user: TaskReader & { ip?: string | null }, limit = 50) {
  if (!can(user, "task:close")) return [];
  const rows = await db.clinicalTask.findMany({
    where: { AND: [mineWhere(user), { resolvedAt: null }] },
    select: MY_TASK_SELECT,
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: limit,
  });
  if (rows.length) {
    await audit({
      actorId: user.id,
      action: "task.list",
      entity: "ClinicalTask",
      ip: user.ip ?? null,
      outcome: "success",
      detail: `review open=${rows.length}`,
    });
  }
  return orderTasks(
    rows.map((r) => ({
      ...taskView(user, r),
      caseNumber: r.case.number,
      patientName: r.case.patient.name,
    })),
  );
}

// --- the worker --------------------------------------------------------------------------

const DUE_SELECT = {
  id: true,
  assigneeId: true,
  dueAt: true,
  case: { select: { id: true, number: true, coordinatorId: true } },
} as const satisfies Prisma.ClinicalTaskSelect;

/**
 * The worker's tick: each open task past its due time emails its assignee once
 * (overdueEmailedAt), and each open task whose reminder time has come emails them once
 * (remindedAt). Each is claimed by a conditional update in the transaction that queues the
 * email, so two workers, or two ticks at once, send it once. The email names the case and links
 * to it; the title stays behind sign-in. Tasks with nobody assigned email nobody.
 */
export async function sendTaskReminders(now = new Date(), limit = 100) {
  let overdue = 0;
  let reminded = 0;
  const late = await db.clinicalTask.findMany({
    where: {
      resolvedAt: null,
      overdueEmailedAt: null,
      assigneeId: { not: null },
      dueAt: { lt: now },
    },
    orderBy: { dueAt: "asc" },
    take: limit,
    select: DUE_SELECT,
  });
  for (const task of late) {
    const sent = await db.$transaction(async (tx) => {
      const { count } = await tx.clinicalTask.updateMany({
        where: {
          id: task.id,
          overdueEmailedAt: null,
          resolvedAt: null,
          assigneeId: task.assigneeId,
        },
        data: { overdueEmailedAt: now },
      });
      if (count !== 1) return false;
      await noticeToStaff(tx, task.case, "taskOverdueStaff", { userId: task.assigneeId! });
      return true;
    });
    if (sent) overdue++;
  }
  const due = await db.clinicalTask.findMany({
    where: {
      resolvedAt: null,
      remindedAt: null,
      assigneeId: { not: null },
      remindAt: { lte: now },
    },
    orderBy: { remindAt: "asc" },
    take: limit,
    select: DUE_SELECT,
  });
  for (const task of due) {
    const sent = await db.$transaction(async (tx) => {
      const { count } = await tx.clinicalTask.updateMany({
        where: { id: task.id, remindedAt: null, resolvedAt: null, assigneeId: task.assigneeId },
        data: { remindedAt: now },
      });
      if (count !== 1) return false;
      // Past its due time already, the overdue email says it all: no second one.
      if (task.dueAt && task.dueAt.getTime() < now.getTime()) return false;
      await noticeToStaff(
        tx,
        task.case,
        "taskReminderStaff",
        { userId: task.assigneeId! },
        {
          dueAt: task.dueAt ?? undefined,
        },
      );
      return true;
    });
    if (sent) reminded++;
  }
  return { overdue, reminded };
}
