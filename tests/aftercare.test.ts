/**
 * Aftercare on the database: the plan made from the programme's template on entering
 * AFTERCARE (and refused, with nothing left behind, for a programme without one), the
 * baseline asked before treatment, reminders sent exactly once by concurrent workers in the
 * patient's language, the patient's answers through the portal route (bad input kept and
 * answered in their language), and the worsening task with its email to the clinicians.
 */
import type { FormReply } from "~/components/form";
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { changeOf, LAB_MARKERS, worseBy, worsenings } from "~/lib/aftercare";
import {
  completeFollowUp,
  FollowUpError,
  sendFollowUpReminders,
} from "~/models/aftercare/aftercare.server";
import { changeStage, StageChangeError } from "~/models/cases/stage.server";
import { action as followUpAction } from "~/routes/portal.cases.$caseId_.aftercare.$followUpId";
import {
  action as staffAftercareAction,
  loader as staffAftercare,
} from "~/routes/staff.cases.$caseId_.aftercare";
import { resetDatabase } from "./support/db";
import { createCase, createStaff } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

const DAY = 86_400_000;

async function inTreatment(locale = "ar", schedule?: string) {
  const staff = await createStaff();
  const { kase, patient, programme } = await createCase({ locale });
  if (schedule !== undefined) {
    await db.programme.update({
      where: { id: programme.id },
      data: { followUpSchedule: schedule },
    });
  }
  await db.case.update({ where: { id: kase.id }, data: { stage: "IN_TREATMENT" } });
  await db.outboxEmail.deleteMany({});
  return { kase, patient, staff };
}

const answers = (over: Partial<Record<string, number>> = {}) => ({
  proms: {
    fatigue: 4,
    pain: 3,
    stiffness: 3,
    flares: 0,
    steroidDoseMg: 5,
    qualityOfLife: 60,
    ...over,
  } as Record<
    "fatigue" | "pain" | "stiffness" | "flares" | "steroidDoseMg" | "qualityOfLife",
    number
  >,
  labs: { c3: 0.8, antiDsDna: 45 },
});

beforeEach(async () => {
  await resetDatabase();
});

describe("the follow-up plan", () => {
  it("is made from the programme's template when the case enters AFTERCARE, with a baseline", async () => {
    const { kase, staff } = await inTreatment("en");
    const before = Date.now();
    await changeStage({
      caseId: kase.id,
      to: "AFTERCARE",
      actor: { id: staff.clinician.id, role: "CLINICIAN" },
    });
    const plan = await db.followUp.findMany({
      where: { caseId: kase.id },
      orderBy: { dueAt: "asc" },
    });
    expect(plan.map((f) => f.label)).toEqual(["BASELINE", "P1W", "P1M", "P3M", "P6M", "P12M"]);
    // One week after treatment ended (now), at 09:00 in the patient's zone (Europe/Berlin).
    const week = plan[1]!.dueAt.getTime();
    expect(week - before).toBeGreaterThan(6 * DAY);
    expect(week - before).toBeLessThan(8 * DAY);
    expect(
      new Intl.DateTimeFormat("en", {
        hour: "2-digit",
        hour12: false,
        timeZone: "Europe/Berlin",
      }).format(plan[1]!.dueAt),
    ).toBe("09");
  });

  it("is refused for a programme without a template, and leaves nothing behind", async () => {
    const { kase, staff } = await inTreatment("en", "");
    await expect(
      changeStage({
        caseId: kase.id,
        to: "AFTERCARE",
        actor: { id: staff.clinician.id, role: "CLINICIAN" },
      }),
    ).rejects.toBeInstanceOf(StageChangeError);
    expect(await db.followUp.count({ where: { caseId: kase.id } })).toBe(0);
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe(
      "IN_TREATMENT",
    );
  });
});

describe("reminders", () => {
  it("go out once each, in the patient's language, even with two workers at once", async () => {
    const { kase, staff } = await inTreatment("ar");
    await changeStage({
      caseId: kase.id,
      to: "AFTERCARE",
      actor: { id: staff.clinician.id, role: "CLINICIAN" },
    });
    await db.outboxEmail.deleteMany({});
    const week = await db.followUp.findFirstOrThrow({ where: { caseId: kase.id, label: "P1W" } });
    // The baseline was answered; the week's follow-up is due now.
    await db.followUp.updateMany({
      where: { caseId: kase.id, label: "BASELINE" },
      data: { status: "COMPLETED", completedAt: new Date() },
    });
    const due = new Date(week.dueAt.getTime() + 3600_000);
    const [a, b] = await Promise.all([sendFollowUpReminders(due), sendFollowUpReminders(due)]);
    expect(a + b).toBe(1);
    expect(await sendFollowUpReminders(due)).toBe(0);
    const sent = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.locale).toBe("ar");
    expect(sent[0]!.subject).toContain("حان موعد استبيان المتابعة");
    expect(sent[0]!.text).toContain(`/portal/cases/${kase.id}/aftercare/${week.id}`);

    // Eight days later it is overdue: one more to the patient, one to the coordinator(s).
    const late = new Date(week.dueAt.getTime() + 8 * DAY);
    const [c, d] = await Promise.all([sendFollowUpReminders(late), sendFollowUpReminders(late)]);
    expect(c + d).toBe(1);
    expect(await sendFollowUpReminders(late)).toBe(0);
    const all = await db.outboxEmail.findMany({
      where: { caseId: kase.id },
      orderBy: { createdAt: "asc" },
    });
    expect(all.map((e) => e.toEmail)).toContain(staff.coordinator.email);
    const patientMails = all.filter(
      (e) => e.locale === "ar" && e.toEmail !== staff.coordinator.email,
    );
    expect(patientMails.map((e) => e.subject)).toEqual([
      expect.stringContaining("حان موعد"),
      expect.stringContaining("تذكير"),
    ]);
  });

  it("are not sent for a completed follow-up or a closed case", async () => {
    const { kase, staff } = await inTreatment("en");
    await changeStage({
      caseId: kase.id,
      to: "AFTERCARE",
      actor: { id: staff.clinician.id, role: "CLINICIAN" },
    });
    await db.outboxEmail.deleteMany({});
    await db.followUp.updateMany({ where: { caseId: kase.id }, data: { status: "COMPLETED" } });
    expect(await sendFollowUpReminders(new Date(Date.now() + 400 * DAY))).toBe(0);
    await db.followUp.updateMany({ where: { caseId: kase.id }, data: { status: "SCHEDULED" } });
    await db.case.update({ where: { id: kase.id }, data: { stage: "CLOSED" } });
    expect(await sendFollowUpReminders(new Date(Date.now() + 400 * DAY))).toBe(0);
    expect(await db.outboxEmail.count()).toBe(0);
  });
});

describe("answers and worsening", () => {
  it("compares a follow-up with the baseline and opens a task beyond the threshold", async () => {
    const { kase, patient, staff } = await inTreatment("en");
    await changeStage({
      caseId: kase.id,
      to: "AFTERCARE",
      actor: { id: staff.clinician.id, role: "CLINICIAN" },
    });
    const [baseline, week, month] = await db.followUp.findMany({
      where: { caseId: kase.id },
      orderBy: { dueAt: "asc" },
    });
    await completeFollowUp({
      caseId: kase.id,
      followUpId: baseline!.id,
      answers: answers(),
      actorId: patient.id,
    });
    await db.outboxEmail.deleteMany({});
    // Pain up by one point: within the threshold (2); no task.
    const mild = await completeFollowUp({
      caseId: kase.id,
      followUpId: week!.id,
      answers: answers({ pain: 4 }),
      actorId: patient.id,
    });
    expect(mild.worsened).toEqual([]);
    expect(await db.clinicalTask.count()).toBe(0);
    // Pain up by four, quality of life down by 30: a task, and the clinician is emailed.
    const worse = await completeFollowUp({
      caseId: kase.id,
      followUpId: month!.id,
      answers: answers({ pain: 7, qualityOfLife: 30 }),
      actorId: patient.id,
    });
    expect(worse.worsened.map((w) => w.key)).toEqual(["pain", "qualityOfLife"]);
    const task = await db.clinicalTask.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(task).toMatchObject({ kind: "WORSENING", followUpId: month!.id, resolvedAt: null });
    expect(task.detail).toBe("pain:3:7,qualityOfLife:60:30");
    const mails = await db.outboxEmail.findMany({ where: { toEmail: staff.clinician.email } });
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining("Worse than baseline")]);
    // The labs were stored with the answers, and a follow-up is answered once.
    expect(await db.labResult.count({ where: { followUpId: month!.id } })).toBe(2);
    await expect(
      completeFollowUp({
        caseId: kase.id,
        followUpId: month!.id,
        answers: answers(),
        actorId: patient.id,
      }),
    ).rejects.toBeInstanceOf(FollowUpError);
    // The clinician's page shows the task (and reading it is audited).
    const page = await call(staffAftercare, {
      path: `/staff/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie: await cookieFor(staff.clinician.id),
    });
    expect(page.status).toBe(200);
    expect(await db.auditLog.count({ where: { action: "aftercare.read", caseId: kase.id } })).toBe(
      1,
    );
  });

  it("counts one new flare, 5 mg more steroid or 20 points of quality of life as worse", () => {
    const base = {
      fatigue: 3,
      pain: 3,
      stiffness: 3,
      flares: 0,
      steroidDoseMg: 5,
      qualityOfLife: 70,
    };
    expect(worsenings(base, { ...base, flares: 1 }, 2).map((w) => w.key)).toEqual(["flares"]);
    expect(worsenings(base, { ...base, steroidDoseMg: 10 }, 2).map((w) => w.key)).toEqual([
      "steroidDoseMg",
    ]);
    expect(worsenings(base, { ...base, steroidDoseMg: 9.5 }, 2)).toEqual([]);
    expect(worsenings(base, { ...base, qualityOfLife: 50 }, 2).map((w) => w.key)).toEqual([
      "qualityOfLife",
    ]);
    expect(worsenings(base, { ...base, qualityOfLife: 51, fatigue: 1 }, 2)).toEqual([]);
  });

  it("reads each lab marker its own way: a fall in C3, C4 or vitamin D is worse, not better", () => {
    const marker = (key: string) => LAB_MARKERS.find((m) => m.key === key)!;
    for (const key of ["c3", "c4", "vitaminD", "haemoglobin", "platelets", "wbc"]) {
      expect(marker(key).worse).toBe("down");
    }
    for (const key of ["antiDsDna", "upcr", "esr", "crp"]) expect(marker(key).worse).toBe("up");
    // Complement consumed (C3 0.9 → 0.6 g/L), vitamin D down (30 → 18): worse.
    expect(changeOf(marker("c3").worse, 0.9, 0.6)).toBe("worse");
    expect(changeOf(marker("c4").worse, 0.2, 0.1)).toBe("worse");
    expect(changeOf(marker("vitaminD").worse, 30, 18)).toBe("worse");
    expect(changeOf(marker("c3").worse, 0.6, 0.9)).toBe("better");
    // Inflammation down (CRP 14 → 3): better; anti-dsDNA up: worse.
    expect(changeOf(marker("crp").worse, 14, 3)).toBe("better");
    expect(changeOf(marker("antiDsDna").worse, 40, 120)).toBe("worse");
    expect(changeOf(marker("esr").worse, 20, 20)).toBe("same");
    // The amount: positive the bad way, for both directions.
    expect(worseBy("down", 30, 18)).toBe(12);
    expect(worseBy("up", 30, 18)).toBe(-12);
  });

  it("answers a bad questionnaire in the patient's language, keeping what they typed", async () => {
    const { kase, patient, staff } = await inTreatment("tr");
    await changeStage({
      caseId: kase.id,
      to: "AFTERCARE",
      actor: { id: staff.clinician.id, role: "CLINICIAN" },
    });
    const baseline = await db.followUp.findFirstOrThrow({
      where: { caseId: kase.id, label: "BASELINE" },
    });
    const form = new URLSearchParams({
      "prom.fatigue": "4",
      "prom.pain": "11",
      "prom.stiffness": "abc",
      "prom.flares": "0",
      "prom.steroidDoseMg": "7,5",
      "lab.c3": "0,9",
      [FORM_KEY]: newFormKey(),
    });
    const out = await call(followUpAction, {
      path: `/portal/cases/${kase.id}/aftercare/${baseline.id}`,
      params: { caseId: kase.id, followUpId: baseline.id },
      cookie: await cookieFor(patient.id),
      form,
      lang: "tr",
    });
    expect(out.status).toBe(400);
    const { form: answered, errors } = formReply(out);
    expect(answered).toBe("followup");
    expect(errors["prom.pain"]).toBe("Lütfen 0 ile 10 arasında bir sayı girin.");
    expect(errors["prom.stiffness"]).toContain("Lütfen bir sayı girin");
    expect(errors["prom.qualityOfLife"]).toBe("Lütfen bu soruyu yanıtlayın.");
    expect(errors["prom.steroidDoseMg"]).toBeUndefined();
    // What was typed comes back, grouped as the form names it ("prom.pain" is prom → pain).
    expect((out.data as FormReply).result.initialValue).toMatchObject({
      prom: { pain: "11", stiffness: "abc" },
      lab: { c3: "0,9" },
    });
    expect((await db.followUp.findUniqueOrThrow({ where: { id: baseline.id } })).status).toBe(
      "SCHEDULED",
    );

    form.set("prom.pain", "5");
    form.set("prom.stiffness", "2");
    form.set("prom.qualityOfLife", "65");
    const ok = await call(followUpAction, {
      path: `/portal/cases/${kase.id}/aftercare/${baseline.id}`,
      params: { caseId: kase.id, followUpId: baseline.id },
      cookie: await cookieFor(patient.id),
      form,
      lang: "tr",
    });
    expect(ok.status).toBe(200);
    expect(formReply(ok).done).toBe(getFixedT("tr", "aftercare")("portal.thanks"));
    const stored = await db.followUp.findUniqueOrThrow({
      where: { id: baseline.id },
      include: { labs: true },
    });
    expect(stored).toMatchObject({
      status: "COMPLETED",
      pain: 5,
      steroidDoseMg: 7.5,
      qualityOfLife: 65,
    });
    expect(stored.labs.map((l) => [l.marker, l.value])).toEqual([["c3", 0.9]]);

    // The same form sent again (a second press, a reload): refused, nothing written twice.
    const again = await call(followUpAction, {
      path: `/portal/cases/${kase.id}/aftercare/${baseline.id}`,
      params: { caseId: kase.id, followUpId: baseline.id },
      cookie: await cookieFor(patient.id),
      form,
      lang: "tr",
    });
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(getFixedT("tr", "common")("form.duplicate"));
    expect(await db.caseEvent.count({ where: { type: "FOLLOW_UP_COMPLETED" } })).toBe(1);
  });

  it("lets the care team enter lab values (checked, audited) and close a task with a note", async () => {
    const { kase, patient, staff } = await inTreatment("en");
    await changeStage({
      caseId: kase.id,
      to: "AFTERCARE",
      actor: { id: staff.clinician.id, role: "CLINICIAN" },
    });
    const [baseline, week] = await db.followUp.findMany({
      where: { caseId: kase.id },
      orderBy: { dueAt: "asc" },
    });
    await completeFollowUp({
      caseId: kase.id,
      followUpId: baseline!.id,
      answers: answers(),
      actorId: patient.id,
    });
    const en = getFixedT("en", "aftercare");
    const post = async (fields: Record<string, string>) =>
      call(staffAftercareAction, {
        path: `/staff/cases/${kase.id}/aftercare`,
        params: { caseId: kase.id },
        cookie: await cookieFor(staff.clinician.id),
        // Each post from a page just rendered: its own form key.
        form: new URLSearchParams({ [FORM_KEY]: newFormKey(), ...fields }),
      });
    // A value out of its marker's range: answered beside it with the bounds; nothing saved.
    const bad = await post({
      intent: "labs",
      followUpId: baseline!.id,
      "lab.c3": "12",
      "lab.crp": "x",
    });
    expect(bad.status).toBe(400);
    expect(formReply(bad)).toMatchObject({
      form: `labs-${baseline!.id}`,
      errors: {
        "lab.c3": en("errors.range", { min: 0, max: 10 }),
        "lab.crp": en("errors.number"),
      },
    });
    expect(
      await db.labResult.findFirst({ where: { followUpId: baseline!.id, marker: "c3" } }),
    ).toMatchObject({ value: 0.8 });
    // Corrected, and one cleared: saved and audited.
    const ok = await post({ intent: "labs", followUpId: baseline!.id, "lab.c3": "0,7" });
    expect(ok.status).toBe(200);
    expect(formReply(ok).done).toBe(en("staff.labsSaved"));
    const labs = await db.labResult.findMany({ where: { followUpId: baseline!.id } });
    expect(labs.map((l) => [l.marker, l.value])).toEqual([["c3", 0.7]]);
    expect(await db.auditLog.count({ where: { action: "aftercare.labs.write" } })).toBe(1);
    // Another case's follow-up is not found.
    const other = await createCase();
    const foreign = await db.followUp.create({
      data: { caseId: other.kase.id, kind: "BASELINE", label: "BASELINE", dueAt: new Date() },
    });
    const refused = await post({ intent: "labs", followUpId: foreign.id, "lab.c3": "1" });
    expect(refused.status).toBe(404);
    expect(await db.labResult.count({ where: { followUpId: foreign.id } })).toBe(0);

    // A worse follow-up opens a task; the clinician closes it once.
    await completeFollowUp({
      caseId: kase.id,
      followUpId: week!.id,
      answers: answers({ pain: 9 }),
      actorId: patient.id,
    });
    const task = await db.clinicalTask.findFirstOrThrow({ where: { caseId: kase.id } });
    const closed = await post({ intent: "resolve", taskId: task.id, note: "  Phoned;  treated " });
    expect(closed.status).toBe(200);
    expect(formReply(closed)).toMatchObject({
      form: `task-${task.id}`,
      done: en("staff.taskClosed"),
    });
    expect(await db.clinicalTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      resolutionNote: "Phoned; treated",
      resolvedById: staff.clinician.id,
    });
    const twice = await post({ intent: "resolve", taskId: task.id, note: "" });
    expect(twice.status).toBe(409);
    expect(formReply(twice).errors[""]).toBe(en("errors.taskGone"));
  });

  it("answers another patient's follow-up with 404", async () => {
    const { kase, staff } = await inTreatment("en");
    await changeStage({
      caseId: kase.id,
      to: "AFTERCARE",
      actor: { id: staff.clinician.id, role: "CLINICIAN" },
    });
    const f = await db.followUp.findFirstOrThrow({ where: { caseId: kase.id } });
    const other = await createCase();
    const out = await call(followUpAction, {
      path: `/portal/cases/${kase.id}/aftercare/${f.id}`,
      params: { caseId: kase.id, followUpId: f.id },
      cookie: await cookieFor(other.patient.id),
      form: new URLSearchParams({ "prom.fatigue": "1" }),
    });
    expect(out.status).toBe(404);
  });
});
