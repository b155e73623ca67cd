/**
 * Tasks on a case (issue 22): created through the case's task route with the creator's zone,
 * bad input answered beside its field in the reader's language with nothing typed lost, "My
 * tasks" overdue first, the overdue email and the reminder once each (even with two worker
 * sweeps at once), who sees and closes what (finance never a clinical task or a colleague's
 * title), and the aftercare tasks in the same lists.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY } from "~/infra/forms.server";
import { addDays, dayIn } from "~/lib/schedule";
import { orderTasks } from "~/lib/tasks";
import {
  caseTasks,
  completeTask,
  countMyOverdue,
  createTask,
  listMyTasks,
  openClinicalTasks,
  sendTaskReminders,
  TaskError,
} from "~/models/tasks/tasks.server";
import { resetDatabase } from "./support/db";
import { formKey, sentForm } from "./support/enquiry-form";
import { createCase, createStaff, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

type Handler = Parameters<typeof call>[0];
const HOUR = 3_600_000;

beforeEach(async () => {
  await resetDatabase();
});

async function setup() {
  const staff = await createStaff();
  const made = await createCase({ coordinatorId: staff.coordinator.id });
  await db.outboxEmail.deleteMany({});
  return { staff, ...made };
}

const actorOf = (u: { id: string; role: string; timeZone: string }) =>
  ({ id: u.id, role: u.role, timeZone: u.timeZone }) as Parameters<typeof createTask>[1];

/** A hand-made task, due `hours` from now (null: no date), written straight to the table. */
async function taskDue(
  caseId: string,
  assigneeId: string | null,
  hours: number | null,
  title = "T",
) {
  return db.clinicalTask.create({
    data: {
      caseId,
      kind: "MANUAL",
      detail: "",
      title,
      assigneeId,
      dueAt: hours === null ? null : new Date(Date.now() + hours * HOUR),
    },
  });
}

async function postCaseTasks(
  caseId: string,
  userId: string,
  fields: Record<string, string>,
  lang = "en",
) {
  const { action } = await import("~/routes/staff.cases.$caseId_.tasks");
  return call(action as Handler, {
    path: `/staff/cases/${caseId}/tasks`,
    params: { caseId },
    cookie: await cookieFor(userId),
    form: new URLSearchParams(fields),
    lang,
  });
}

describe("creating a task", () => {
  it("reads the due date and time in the creator's zone and stores UTC, native digits too", async () => {
    const { staff, kase } = await setup();
    const creator = await db.user.update({
      where: { id: staff.coordinator.id },
      data: { timeZone: "America/New_York" },
    });
    const day = addDays(dayIn(new Date(), "America/New_York"), 10);
    const out = await postCaseTasks(kase.id, creator.id, {
      intent: "create",
      title: "  Call the  patient’s GP ",
      assigneeId: staff.clinician.id,
      // Persian digits for the time, as a Persian keyboard types them.
      dueDate: day,
      dueTime: "۰۹:۳۰",
      remind: "60",
      [FORM_KEY]: formKey(),
    });
    expect(out.status, JSON.stringify(out.data)).toBe(200);
    // In the creator's own language (Turkish), whatever the browser says.
    expect(formReply(out).done).toBe(getFixedT("tr", "common")("tasks.done.create"));
    const task = await db.clinicalTask.findFirstOrThrow({ where: { caseId: kase.id } });
    // 09:30 in New York that day, whatever its offset (-4 or -5), as an instant.
    const expected = new Date(
      new Date(`${day}T09:30:00Z`).getTime() -
        // The zone's offset that day, from Intl, independently of the app's helper.
        offsetMinutes(`${day}T09:30:00Z`, "America/New_York") * 60_000,
    );
    expect(task).toMatchObject({
      kind: "MANUAL",
      title: "Call the patient’s GP",
      assigneeId: staff.clinician.id,
      createdById: creator.id,
      dueAt: expected,
      remindAt: new Date(expected.getTime() - HOUR),
      resolvedAt: null,
    });
    // One timeline event (internal) and one audit row, in the same transaction.
    expect(
      await db.caseEvent.count({
        where: { caseId: kase.id, type: "TASK_CREATED", internal: true },
      }),
    ).toBe(1);
    expect(await db.auditLog.count({ where: { action: "task.create", caseId: kase.id } })).toBe(1);
  });

  it("answers bad input beside its field, in the reader's language, keeping what was typed", async () => {
    const { staff, kase } = await setup();
    const tr = getFixedT("tr", "common");
    const sent = {
      intent: "create",
      title: "   ",
      assigneeId: staff.clinician.id,
      dueDate: "2026-02-30",
      dueTime: "",
      remind: "60",
      [FORM_KEY]: formKey(),
    };
    const out = await postCaseTasks(kase.id, staff.coordinator.id, sent, "tr");
    expect(out.status).toBe(400);
    const reply = formReply(out);
    expect(reply.form).toBe("task-create");
    expect(reply.errors.title).toBe(tr("tasks.errors.titleRequired"));
    expect(reply.errors.dueTime).toBe(tr("tasks.errors.timeForDate"));
    expect(reply.values).toMatchObject({
      assigneeId: staff.clinician.id,
      dueDate: "2026-02-30",
      remind: "60",
    });
    // A date that does not exist, a time of day that is none, a nobody assignee: each refused.
    const impossible = await postCaseTasks(
      kase.id,
      staff.coordinator.id,
      { ...sent, title: "Book MRI", dueTime: "10:00", [FORM_KEY]: formKey() },
      "tr",
    );
    expect(impossible.status).toBe(400);
    expect(formReply(impossible).errors.dueDate).toBe(tr("tasks.errors.date"));
    expect(formReply(impossible).values.title).toBe("Book MRI");
    const badTime = await postCaseTasks(
      kase.id,
      staff.coordinator.id,
      {
        ...sent,
        title: "Book MRI",
        dueDate: addDays(dayIn(new Date(), "UTC"), 3),
        dueTime: "25:00",
        [FORM_KEY]: formKey(),
      },
      "tr",
    );
    expect(formReply(badTime).errors.dueTime ?? formReply(badTime).errors.dueDate).toBeTruthy();
    const patient = await createUser({ role: "PATIENT" });
    const nobody = await postCaseTasks(
      kase.id,
      staff.coordinator.id,
      { intent: "create", title: "Book MRI", assigneeId: patient.id, [FORM_KEY]: formKey() },
      "tr",
    );
    expect(nobody.status).toBe(400);
    expect(formReply(nobody).errors.assigneeId).toBe(tr("tasks.errors.assignee"));
    expect(formReply(nobody).values.title).toBe("Book MRI");
    // Year 2062 is a typing slip.
    const far = await postCaseTasks(
      kase.id,
      staff.coordinator.id,
      {
        intent: "create",
        title: "Book MRI",
        dueDate: "2062-01-01",
        dueTime: "10:00",
        [FORM_KEY]: formKey(),
      },
      "tr",
    );
    expect(formReply(far).errors.dueDate).toBe(tr("tasks.errors.range"));
    expect(await db.clinicalTask.count()).toBe(0);
    expect(await db.formSubmission.count()).toBe(0);
  });

  it("is not found on a case that does not exist, and patients are not told the route exists", async () => {
    const { staff, patient, kase } = await setup();
    const missing = await postCaseTasks("nope", staff.coordinator.id, {
      intent: "create",
      title: "x",
      [FORM_KEY]: formKey(),
    });
    expect(missing.status).toBe(404);
    const asPatient = await postCaseTasks(kase.id, patient.id, {
      intent: "create",
      title: "x",
      [FORM_KEY]: formKey(),
    });
    expect(asPatient.status).toBe(404);
    const { loader } = await import("~/routes/staff.tasks");
    const page = await call(loader as Handler, {
      path: "/staff/tasks",
      cookie: await cookieFor(patient.id),
    });
    expect(page.status).toBe(404);
    expect(await db.clinicalTask.count()).toBe(0);
  });
});

/** The offset of `zone` at an instant, in minutes (New York in summer: -240). */
function offsetMinutes(at: string, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"));
  return (local - new Date(at).getTime()) / 60_000;
}

describe("My tasks", () => {
  it("lists overdue first, then today, then later, then no date, and counts the overdue", async () => {
    const { staff, kase } = await setup();
    const me = await db.user.update({
      where: { id: staff.coordinator.id },
      data: { timeZone: "UTC" },
    });
    // Built at a fixed noon (UTC) so "today" has hours on both sides.
    const now = new Date();
    now.setUTCHours(12, 0, 0, 0);
    const at = (h: number) => new Date(now.getTime() + h * HOUR);
    const make = (title: string, due: Date | null, assigneeId: string | null = me.id) =>
      db.clinicalTask.create({
        data: { caseId: kase.id, kind: "MANUAL", detail: "", title, assigneeId, dueAt: due },
      });
    await make("none", null);
    await make("later", at(48));
    await make("today", at(3));
    await make("late-1h", at(-1));
    await make("late-2d", at(-48));
    await make("someone else's", at(-5), staff.admin.id);
    const done = await make("done", at(-2));
    await db.clinicalTask.update({
      where: { id: done.id },
      data: { resolvedAt: at(-1), resolvedById: me.id },
    });
    const s = await listMyTasks(me, now);
    const titles = (b: keyof typeof s) => s[b].map((x) => x.title);
    expect(titles("overdue")).toEqual(["late-2d", "late-1h"]);
    expect(titles("today")).toEqual(["today"]);
    expect(titles("upcoming")).toEqual(["later"]);
    expect(titles("noDate")).toEqual(["none"]);
    expect(titles("done")).toEqual(["done"]);
    expect(s.overdue[0]).toMatchObject({ caseNumber: kase.number, patientName: "Test Patient" });
    expect(await countMyOverdue(me, now)).toBe(2);
    expect(await db.auditLog.count({ where: { action: "task.list", actorId: me.id } })).toBe(1);
    // The pure order agrees.
    expect(orderTasks([...s.upcoming, ...s.noDate, ...s.overdue]).map((x) => x.title)).toEqual([
      "late-2d",
      "late-1h",
      "later",
      "none",
    ]);
  });

  it("holds the aftercare tasks: unassigned ones for clinicians, closed only by them", async () => {
    const { staff, kase } = await setup();
    const aftercare = await db.clinicalTask.create({
      data: { caseId: kase.id, kind: "WORSENING", detail: "pain:3:7" },
    });
    const asClinician = await listMyTasks(staff.clinician);
    expect(asClinician.noDate.map((t) => t.id)).toEqual([aftercare.id]);
    expect(asClinician.noDate[0]).toMatchObject({ clinical: true, canAct: true });
    expect((await openClinicalTasks(staff.clinician)).map((t) => t.id)).toEqual([aftercare.id]);
    // Not the coordinator's, not finance's.
    expect((await listMyTasks(staff.coordinator)).noDate).toEqual([]);
    expect(await openClinicalTasks(staff.coordinator)).toEqual([]);
    // A coordinator (who may read health data) sees it on the case but cannot close it.
    const panel = await caseTasks(staff.coordinator, kase.id);
    expect(panel.open.map((t) => [t.id, t.canAct])).toEqual([[aftercare.id, false]]);
    await expect(
      completeTask(actorOf(staff.coordinator), { taskId: aftercare.id }, null),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await completeTask(actorOf(staff.clinician), { taskId: aftercare.id, note: "Phoned" }, null);
    expect(await db.clinicalTask.findUniqueOrThrow({ where: { id: aftercare.id } })).toMatchObject({
      resolvedById: staff.clinician.id,
      resolutionNote: "Phoned",
    });
    await expect(
      completeTask(actorOf(staff.clinician), { taskId: aftercare.id }, null),
    ).rejects.toMatchObject({ code: "state" });
  });
});

describe("finance and health data", () => {
  it("never sees a clinical task or a colleague's title, and cannot act on them", async () => {
    const { staff, kase } = await setup();
    const clinical = await db.clinicalTask.create({
      data: { caseId: kase.id, kind: "WORSENING", detail: "pain:3:7" },
    });
    const theirs = await taskDue(kase.id, staff.coordinator.id, 5, "Ask about the lupus flare");
    const mine = await taskDue(kase.id, staff.finance.id, 5, "Chase the deposit");
    const panel = await caseTasks(staff.finance, kase.id);
    expect(panel.open.map((t) => t.id).sort()).toEqual([theirs.id, mine.id].sort());
    const shown = Object.fromEntries(panel.open.map((t) => [t.id, t]));
    expect(shown[theirs.id]).toMatchObject({ title: null, withheld: true, canAct: false });
    expect(shown[mine.id]).toMatchObject({
      title: "Chase the deposit",
      withheld: false,
      canAct: true,
    });
    expect(JSON.stringify(panel)).not.toContain("lupus");
    expect(JSON.stringify(panel)).not.toContain(clinical.id);
    // Acting on them is "not found", through the route too.
    const fin = actorOf(staff.finance);
    for (const id of [clinical.id, theirs.id]) {
      await expect(completeTask(fin, { taskId: id }, null)).rejects.toBeInstanceOf(TaskError);
      const out = await postCaseTasks(kase.id, staff.finance.id, {
        intent: "complete",
        taskId: id,
        [FORM_KEY]: formKey(),
      });
      expect(out.status).toBe(404);
    }
    expect(await db.clinicalTask.count({ where: { resolvedAt: { not: null } } })).toBe(0);
    // Their own: done.
    const own = await postCaseTasks(kase.id, staff.finance.id, {
      intent: "complete",
      taskId: mine.id,
      [FORM_KEY]: formKey(),
    });
    expect(own.status, JSON.stringify(own.data)).toBe(200);
    // The case page's loader carries no clinical task or withheld title for finance either.
    const { loader } = await import("~/routes/staff.cases.$caseId");
    const page = await call(loader as Handler, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: await cookieFor(staff.finance.id),
    });
    expect(page.status).toBe(200);
    expect(JSON.stringify((page.data as { tasks: unknown }).tasks)).not.toContain("lupus");
  });
});

describe("the worker's emails", () => {
  it("emails an overdue task's assignee exactly once, even with two sweeps at once, without the title", async () => {
    const { staff, kase } = await setup();
    const ar = await createUser({ role: "COORDINATOR", locale: "ar", name: "منسق" });
    await taskDue(kase.id, ar.id, -2, "Ask about the lupus flare");
    await taskDue(kase.id, staff.clinician.id, -1, "Check CRP");
    await taskDue(kase.id, null, -1, "Nobody's");
    await taskDue(kase.id, staff.coordinator.id, 3, "Not yet");
    const [a, b] = await Promise.all([sendTaskReminders(), sendTaskReminders()]);
    expect(a.overdue + b.overdue).toBe(2);
    const again = await sendTaskReminders();
    expect(again.overdue).toBe(0);
    const mails = await db.outboxEmail.findMany({ orderBy: { toEmail: "asc" } });
    expect(mails.map((m) => m.toEmail).sort()).toEqual([ar.email, staff.clinician.email].sort());
    const arMail = mails.find((m) => m.toEmail === ar.email)!;
    expect(arMail.locale).toBe("ar");
    expect(arMail.subject).toBe(
      getFixedT("ar", "emails")("notice.taskOverdueStaff.subject", { caseNumber: kase.number }),
    );
    expect(arMail.text).toContain(`/staff/cases/${kase.id}`);
    for (const m of mails) {
      expect(`${m.subject} ${m.text} ${m.html}`).not.toMatch(/lupus|CRP/);
    }
  });

  it("sends a reminder once at its time, and none for a task done first", async () => {
    const { staff, kase } = await setup();
    const soon = await db.clinicalTask.create({
      data: {
        caseId: kase.id,
        kind: "MANUAL",
        detail: "",
        title: "Call",
        assigneeId: staff.coordinator.id,
        dueAt: new Date(Date.now() + 2 * HOUR),
        remindAt: new Date(Date.now() - 60_000),
      },
    });
    const doneFirst = await db.clinicalTask.create({
      data: {
        caseId: kase.id,
        kind: "MANUAL",
        detail: "",
        title: "Done",
        assigneeId: staff.coordinator.id,
        dueAt: new Date(Date.now() + 2 * HOUR),
        remindAt: new Date(Date.now() - 60_000),
        resolvedAt: new Date(),
      },
    });
    const later = await db.clinicalTask.create({
      data: {
        caseId: kase.id,
        kind: "MANUAL",
        detail: "",
        title: "Later",
        assigneeId: staff.coordinator.id,
        dueAt: new Date(Date.now() + 48 * HOUR),
        remindAt: new Date(Date.now() + 24 * HOUR),
      },
    });
    const [a, b] = await Promise.all([sendTaskReminders(), sendTaskReminders()]);
    expect(a.reminded + b.reminded).toBe(1);
    expect((await sendTaskReminders()).reminded).toBe(0);
    const mails = await db.outboxEmail.findMany();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toEmail).toBe(staff.coordinator.email);
    expect(mails[0]!.locale).toBe("tr");
    expect(
      (await db.clinicalTask.findUniqueOrThrow({ where: { id: soon.id } })).remindedAt,
    ).not.toBeNull();
    expect(
      (await db.clinicalTask.findUniqueOrThrow({ where: { id: doneFirst.id } })).remindedAt,
    ).toBeNull();
    expect(
      (await db.clinicalTask.findUniqueOrThrow({ where: { id: later.id } })).remindedAt,
    ).toBeNull();
    // A day on, the first is overdue and the later one is reminded; two days on, it is overdue.
    const dayOn = new Date(Date.now() + 25 * HOUR);
    expect(await sendTaskReminders(dayOn)).toEqual({ overdue: 1, reminded: 1 });
    const twoDaysOn = new Date(Date.now() + 49 * HOUR);
    expect(await sendTaskReminders(twoDaysOn)).toEqual({ overdue: 1, reminded: 0 });
    expect(await db.outboxEmail.count()).toBe(4);
  });

  it("a task created through the model with a key is created once", async () => {
    const { staff, kase } = await setup();
    const key = sentForm();
    const input = { title: "Call", assigneeId: "", dueDate: "", dueTime: "", remind: "" };
    await createTask(kase.id, actorOf(staff.coordinator), input, key);
    await expect(createTask(kase.id, actorOf(staff.coordinator), input, key)).rejects.toThrow();
    expect(await db.clinicalTask.count()).toBe(1);
  });
});
