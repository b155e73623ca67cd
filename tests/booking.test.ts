/**
 * Booking against the database: free slots from hours, leave, holidays and what is held;
 * invites with a stable UID and a rising SEQUENCE; and the double-booking guard under
 * concurrency, through the same action a patient's browser posts to. Runs on SQLite and,
 * with `npm run test:pg`, on PostgreSQL.
 */
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { slotValue } from "~/components/slots";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { sentForm } from "./support/enquiry-form";
import {
  action as patientAppointments,
  loader as patientAppointmentsPage,
} from "~/routes/portal.cases.$caseId_.appointments";
import { loader as appointmentIcs } from "~/routes/portal.cases.$caseId_.appointments_.$appointmentId.calendar[.]ics";
import { appointmentUid } from "~/infra/calendar.server";
import { dispatchDue } from "~/infra/outbox.server";
import { action as staffSchedule } from "~/routes/staff.cases.$caseId_.schedule";
import {
  bookConsultation,
  bookPlanStep,
  BookingError,
  cancelAppointment,
  cancelOwnAppointment,
  freeSlots,
  requestReschedule,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import { formatDateTime, formatZone } from "~/lib/format";
import { addDays, dayIn, mondayOf, wallTime } from "~/lib/schedule";
import { loadCaseFacts } from "~/models/cases/stage.server";
import { resetDatabase } from "./support/db";
import { acceptedCase } from "./support/finance";
import { createCase, createStaff } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";
import { includedSteps, PlanForm } from "~/forms/case";
import { savePlan } from "~/models/cases/workspace.server";

const NOW = new Date("2027-02-20T09:00:00Z");
const IST = "Europe/Istanbul";

async function resources() {
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    startMinute: 540,
    endMinute: 1020,
  }));
  const clinician = await db.resource.create({
    data: { name: "Dr. Test", type: "CLINICIAN", hours: { create: weekdays } },
  });
  const chair = await db.resource.create({
    data: {
      name: "Chair 1",
      type: "CHAIR",
      hours: {
        create: [1, 2, 3, 4, 5, 6].map((weekday) => ({
          weekday,
          startMinute: 480,
          endMinute: 1080,
        })),
      },
    },
  });
  return { clinician, chair };
}

/** An accepted case whose plan has an infusion step on a chair (180 minutes). */
async function caseWithInfusion() {
  const made = await acceptedCase();
  const step = await db.treatmentPlanStep.create({
    data: {
      caseId: made.kase.id,
      position: 2,
      name: "Infusion",
      resourceType: "CHAIR",
      durationMinutes: 180,
    },
  });
  return { ...made, step };
}

const invites = async (caseId: string) =>
  (
    await db.outboxEmail.findMany({
      where: { caseId, calendar: { not: null } },
      orderBy: { createdAt: "asc" },
      select: { calendar: true, template: true, locale: true, subject: true, text: true },
    })
  ).map((e) => ({ ...e, calendar: e.calendar ?? "" }));

beforeEach(async () => {
  await resetDatabase();
  delete process.env.CLINIC_TIME_ZONE;
  resetEnvCache();
});

describe("free slots", () => {
  it("follow the weekly hours in the clinic's zone, minus leave, holidays and held time", async () => {
    const { clinician } = await resources();
    // Monday 1 March 2027: 09:00-17:00 Istanbul is 06:00-14:00 UTC, 16 half-hour starts.
    let slots = await freeSlots({
      resourceType: "CLINICIAN",
      durationMinutes: 30,
      fromDay: "2027-03-01",
      days: 3,
      now: NOW,
    });
    const perDay = (day: string) =>
      slots.filter((s) => s.startsAt.toISOString().startsWith(day)).length;
    expect(perDay("2027-03-01")).toBe(16);
    expect(slots[0]!.startsAt.toISOString()).toBe("2027-03-01T06:00:00.000Z");
    expect(slots.at(-1)!.endsAt.toISOString()).toBe("2027-03-03T14:00:00.000Z");

    // Leave on Tuesday and a clinic holiday on Wednesday take both days out.
    await db.resourceException.create({
      data: {
        resourceId: clinician.id,
        kind: "LEAVE",
        startsAt: wallTime("2027-03-02", 0, IST),
        endsAt: wallTime("2027-03-03", 0, IST),
      },
    });
    await db.resourceException.create({
      data: {
        kind: "HOLIDAY",
        startsAt: wallTime("2027-03-03", 0, IST),
        endsAt: wallTime("2027-03-04", 0, IST),
      },
    });
    slots = await freeSlots({
      resourceType: "CLINICIAN",
      durationMinutes: 30,
      fromDay: "2027-03-01",
      days: 3,
      now: NOW,
    });
    expect(perDay("2027-03-02")).toBe(0);
    expect(perDay("2027-03-03")).toBe(0);

    // A booked hour removes the starts that would overlap it.
    const made = await createCase();
    const appointment = await db.appointment.create({
      data: {
        caseId: made.kase.id,
        title: "Held",
        resourceId: clinician.id,
        startsAt: new Date("2027-03-01T08:00:00Z"),
        endsAt: new Date("2027-03-01T09:00:00Z"),
      },
    });
    await db.appointmentSlot.createMany({
      data: [0, 15, 30, 45].map((m) => ({
        resourceId: clinician.id,
        appointmentId: appointment.id,
        slotStart: new Date(Date.UTC(2027, 2, 1, 8, m)),
      })),
    });
    slots = await freeSlots({
      resourceType: "CLINICIAN",
      durationMinutes: 30,
      fromDay: "2027-03-01",
      days: 1,
      now: NOW,
    });
    const starts = slots.map((s) => s.startsAt.toISOString().slice(11, 16));
    expect(starts).not.toContain("08:00");
    expect(starts).not.toContain("08:30");
    expect(starts).toContain("07:30");
    expect(starts).toContain("09:00");
    expect(slots).toHaveLength(14);
  });
});

describe("booking a plan step", () => {
  it("books, moves and cancels with one invite UID, a rising SEQUENCE and METHOD:CANCEL", async () => {
    await resources();
    const made = await caseWithInfusion();
    const coordinator = made.staff.coordinator.id;
    const booked = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: made.step.id,
      resourceId: (await db.resource.findFirstOrThrow({ where: { type: "CHAIR" } })).id,
      startsAt: new Date("2027-03-01T06:00:00Z"),
      actorId: coordinator,
      formKey: sentForm(),
      now: NOW,
    });
    expect(booked.endsAt.toISOString()).toBe("2027-03-01T09:00:00.000Z");
    expect(await db.appointmentSlot.count({ where: { appointmentId: booked.id } })).toBe(12);
    // The booking's email goes out after its quiet period (a move before it would rewrite it).
    expect((await dispatchDue({ now: new Date(Date.now() + 3_600_000) })).sent).toBe(1);

    const chairId = (await db.resource.findFirstOrThrow({ where: { type: "CHAIR" } })).id;
    await rescheduleAppointment({
      caseId: made.kase.id,
      appointmentId: booked.id,
      resourceId: chairId,
      // Overlapping its own old time is fine: it frees its cells first.
      startsAt: new Date("2027-03-01T07:00:00Z"),
      actorId: coordinator,
      formKey: sentForm(),
      now: NOW,
    });
    await cancelAppointment({
      caseId: made.kase.id,
      appointmentId: booked.id,
      actorId: coordinator,
    });
    expect(await db.appointmentSlot.count()).toBe(0);

    const sent = await invites(made.kase.id);
    expect(sent.map((e) => e.locale)).toEqual(["ru", "ru", "ru"]);
    const uid = /^UID:(.+)$/m.exec(sent[0]!.calendar)?.[1];
    expect(uid).toBe(`${booked.id}@localhost`);
    for (const e of sent) expect(e.calendar).toContain(`UID:${uid}`);
    expect(sent.map((e) => /^SEQUENCE:(\d+)/m.exec(e.calendar)?.[1])).toEqual(["0", "1", "2"]);
    expect(sent.map((e) => /^METHOD:(\w+)/m.exec(e.calendar)?.[1])).toEqual([
      "REQUEST",
      "REQUEST",
      "CANCEL",
    ]);
    expect(sent[0]!.calendar).toContain("DTSTART:20270301T060000Z");
    expect(sent[1]!.calendar).toContain("DTSTART:20270301T070000Z");
    expect(sent[2]!.calendar).toContain("STATUS:CANCELLED");
    // The email itself is in Russian, with the time in the patient's zone and the clinic's.
    expect(sent[0]!.subject).toMatch(/[А-Яа-я]/);
    // The zone is named by its city and offset, never by its id; at the clinic, its time leads.
    const text = sent[0]!.text;
    expect(text).toContain("в 09:00, Стамбул (GMT+3)");
    expect(text).not.toContain("Europe/");
    expect(text).not.toContain("понедельник г.");
    const events = await db.caseEvent.findMany({
      where: { caseId: made.kase.id, type: { startsWith: "APPOINTMENT_" } },
    });
    expect(events.map((e) => e.type).sort()).toEqual([
      "APPOINTMENT_BOOKED",
      "APPOINTMENT_CANCELLED",
      "APPOINTMENT_RESCHEDULED",
    ]);
  });

  it("refuses a time off the grid, too soon, outside the hours or on leave, and an overlap as taken", async () => {
    const { chair } = await resources();
    const made = await caseWithInfusion();
    const attempt = (startsAt: string) =>
      bookPlanStep({
        caseId: made.kase.id,
        planStepId: made.step.id,
        resourceId: chair.id,
        startsAt: new Date(startsAt),
        actorId: made.staff.coordinator.id,
        formKey: sentForm(),
        now: NOW,
      }).then(
        () => "ok",
        (e: unknown) => (e instanceof BookingError ? e.code : String(e)),
      );
    expect(await attempt("2027-03-01T06:10:00Z")).toBe("unavailable");
    expect(await attempt("2027-02-20T09:30:00Z")).toBe("past");
    expect(await attempt("2027-03-01T13:30:00Z")).toBe("unavailable"); // would end 19:30 local
    expect(await attempt("2027-03-07T06:00:00Z")).toBe("unavailable"); // Sunday
    await db.resourceException.create({
      data: {
        resourceId: chair.id,
        kind: "LEAVE",
        startsAt: wallTime("2027-03-02", 0, IST),
        endsAt: wallTime("2027-03-03", 0, IST),
      },
    });
    expect(await attempt("2027-03-02T06:00:00Z")).toBe("unavailable");
    expect(await attempt("2027-03-01T06:00:00Z")).toBe("ok");
    expect(await attempt("2027-03-01T08:30:00Z")).toBe("taken");
    expect(await db.appointment.count({ where: { status: "BOOKED" } })).toBe(1);
  });

  it("lets exactly one of 30 simultaneous overlapping bookings of one chair through", async () => {
    const { chair } = await resources();
    const made = await caseWithInfusion();
    // Six different starts, 08:00 to 10:30 local, each 3 hours long: every pair overlaps.
    const starts = [0, 30, 60, 90, 120, 150].map((m) => new Date(Date.UTC(2027, 2, 1, 5, m)));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        bookPlanStep({
          caseId: made.kase.id,
          planStepId: made.step.id,
          resourceId: chair.id,
          startsAt: starts[i % starts.length]!,
          actorId: made.staff.coordinator.id,
          formKey: sentForm(),
          now: NOW,
        }).then(
          () => "ok",
          (e: unknown) => (e instanceof BookingError ? e.code : `unexpected: ${String(e)}`),
        ),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "taken")).toHaveLength(29);
    expect(await db.appointment.count()).toBe(1);
    expect(await db.appointmentSlot.count()).toBe(12);
    expect(await invites(made.kase.id)).toHaveLength(1);
  });
});

describe("one patient, one place", () => {
  /** The infusion case plus a cell-sourcing step (90 minutes on a clinician, 60 to recover). */
  async function caseWithSourcing() {
    const made = await caseWithInfusion();
    const sourcing = await db.treatmentPlanStep.create({
      data: {
        caseId: made.kase.id,
        position: 1,
        name: "Cell sourcing",
        resourceType: "CLINICIAN",
        durationMinutes: 90,
        gapMinutes: 60,
      },
    });
    return { ...made, sourcing };
  }
  const book = (
    made: Awaited<ReturnType<typeof caseWithSourcing>>,
    stepId: string,
    resourceId: string,
    startsAt: string,
  ) =>
    bookPlanStep({
      caseId: made.kase.id,
      planStepId: stepId,
      resourceId,
      startsAt: new Date(startsAt),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now: NOW,
    }).then(
      (a) => a.id,
      (e: unknown) => (e instanceof BookingError ? e.code : `unexpected: ${String(e)}`),
    );
  const firstStart = (slots: { startsAt: Date }[], day: string) =>
    slots.find((x) => x.startsAt.toISOString().startsWith(day))?.startsAt.toISOString();

  it("offers no time when the patient is busy elsewhere, nor in a step's gap either way", async () => {
    const { clinician, chair } = await resources();
    const made = await caseWithSourcing();
    const patient = { id: made.patient.id };
    // Cell sourcing Monday 06:00-07:30Z; the patient recovers until 08:30Z.
    expect(await book(made, made.sourcing.id, clinician.id, "2027-03-01T06:00:00Z")).toMatch(/^c/);
    const infusion = { resourceType: "CHAIR", durationMinutes: 180, days: 1, now: NOW };
    // The chair itself is free from 05:00Z (08:00 local), but not the patient.
    const chairOnly = await freeSlots({ ...infusion, fromDay: "2027-03-01" });
    expect(firstStart(chairOnly, "2027-03-01")).toBe("2027-03-01T05:00:00.000Z");
    const forPatient = await freeSlots({ ...infusion, fromDay: "2027-03-01", patient });
    expect(firstStart(forPatient, "2027-03-01")).toBe("2027-03-01T08:30:00.000Z");
    expect(forPatient.every((x) => x.startsAt >= new Date("2027-03-01T08:30:00Z"))).toBe(true);

    // The other way: an infusion Tuesday 10:00-13:00Z leaves cell sourcing (90 + 60 minutes)
    // only starts that end their gap by 10:00Z, and none after (the clinic closes at 14:00Z).
    expect(await book(made, made.step.id, chair.id, "2027-03-02T10:00:00Z")).toMatch(/^c/);
    const sourcing = await freeSlots({
      resourceType: "CLINICIAN",
      durationMinutes: 90,
      fromDay: "2027-03-02",
      days: 1,
      now: NOW,
      patient: { id: made.patient.id, gapMinutes: 60 },
    });
    expect(sourcing.map((x) => x.startsAt.toISOString().slice(11, 16))).toEqual([
      "06:00",
      "06:30",
      "07:00",
      "07:30",
    ]);
    // A booking posted into the gap anyway is refused, on any resource.
    expect(await book(made, made.step.id, chair.id, "2027-03-01T08:00:00Z")).toBe("patientBusy");
    expect(await book(made, made.sourcing.id, clinician.id, "2027-03-02T08:00:00Z")).toBe(
      "patientBusy",
    );
    expect(await db.appointment.count()).toBe(2);
  });

  it("lets exactly one of two simultaneous bookings of one patient in two resources through", async () => {
    const { clinician, chair } = await resources();
    const made = await caseWithSourcing();
    for (let round = 0; round < 3; round++) {
      const day = `2027-03-0${round + 1}`;
      const results = await Promise.all([
        book(made, made.step.id, chair.id, `${day}T06:00:00Z`),
        book(made, made.sourcing.id, clinician.id, `${day}T06:00:00Z`),
      ]);
      expect(results.filter((r) => r.startsWith("c"))).toHaveLength(1);
      expect(results.filter((r) => r === "patientBusy")).toHaveLength(1);
    }
    expect(await db.appointment.count()).toBe(3);
    // Each booked appointment holds the patient's cells to the end of its gap, no more.
    const cells = await db.patientSlot.count({ where: { patientId: made.patient.id } });
    const appointments = await db.appointment.findMany({ include: { planStep: true } });
    const expected = appointments.reduce(
      (n, a) =>
        n +
        ((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000 + (a.planStep?.gapMinutes ?? 0)) / 15,
      0,
    );
    expect(cells).toBe(expected);
  });

  it("keeps the guard in the database: a second holder of a patient's cell is refused", async () => {
    const { chair } = await resources();
    const made = await caseWithSourcing();
    const id = await book(made, made.step.id, chair.id, "2027-03-01T06:00:00Z");
    const other = await db.appointment.create({
      data: {
        caseId: made.kase.id,
        title: "Forged",
        startsAt: new Date("2027-03-01T07:00:00Z"),
        endsAt: new Date("2027-03-01T07:15:00Z"),
      },
    });
    expect(await db.patientSlot.count({ where: { appointmentId: id } })).toBe(12);
    await expect(
      db.patientSlot.create({
        data: {
          patientId: made.patient.id,
          slotStart: new Date("2027-03-01T07:00:00Z"),
          appointmentId: other.id,
        },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("frees the patient's cells when an appointment moves or is cancelled", async () => {
    const { clinician, chair } = await resources();
    const made = await caseWithSourcing();
    const infusion = await book(made, made.step.id, chair.id, "2027-03-01T06:00:00Z");
    expect(await book(made, made.sourcing.id, clinician.id, "2027-03-01T07:00:00Z")).toBe(
      "patientBusy",
    );
    // Moved later the same day: its own cells do not stand in its way, the old ones are freed.
    await rescheduleAppointment({
      caseId: made.kase.id,
      appointmentId: infusion,
      resourceId: chair.id,
      startsAt: new Date("2027-03-01T09:00:00Z"),
      actorId: made.staff.coordinator.id,
      now: NOW,
      formKey: sentForm(),
    });
    const sourcing = await book(made, made.sourcing.id, clinician.id, "2027-03-01T06:00:00Z");
    expect(sourcing).toMatch(/^c/);
    // The sourcing's gap (to 08:30Z) now stands before a 08:00Z move of the infusion.
    await expect(
      rescheduleAppointment({
        caseId: made.kase.id,
        appointmentId: infusion,
        resourceId: chair.id,
        startsAt: new Date("2027-03-01T08:00:00Z"),
        actorId: made.staff.coordinator.id,
        now: NOW,
        formKey: sentForm(),
      }),
    ).rejects.toMatchObject({ code: "patientBusy" });
    await cancelAppointment({
      caseId: made.kase.id,
      appointmentId: sourcing,
      actorId: made.staff.coordinator.id,
    });
    expect(await db.patientSlot.count({ where: { appointmentId: sourcing } })).toBe(0);
    expect(await book(made, made.step.id, chair.id, "2027-03-02T06:00:00Z")).toMatch(/^c/);
  });

  it("takes each step's gap from the clinician's plan editor (any digits), and refuses a bad one", async () => {
    const made = await caseWithSourcing();
    const row = (gapMinutes: string, name = "Cell sourcing") => ({
      include: true,
      name,
      gapMinutes,
    });
    const parsed = PlanForm.safeParse({
      intent: "plan",
      steps: [row("٢٤٠"), row("", "Cell sourcing, second harvest")],
    });
    expect(parsed.success).toBe(true);
    const steps = includedSteps(parsed.data!.steps);
    expect(steps.map((s) => s.gapMinutes)).toEqual([240, null]);
    for (const bad of ["-5", "90.5", "1441", "soon"]) {
      const refused = PlanForm.safeParse({ intent: "plan", steps: [row(bad)] });
      expect(refused.error?.issues[0]?.message, bad).toBe("common:work.errors.gapMinutes");
    }
    await savePlan(
      made.kase.id,
      { id: made.staff.clinician.id, role: "CLINICIAN" },
      steps,
      sentForm(),
    );
    const saved = await db.treatmentPlanStep.findMany({
      where: { caseId: made.kase.id },
      orderBy: { position: "asc" },
    });
    expect(saved.map((s) => s.gapMinutes)).toEqual([240, null]);
    // The model refuses the same name twice too, whoever calls it, and keeps the plan as it was.
    await expect(
      savePlan(
        made.kase.id,
        { id: made.staff.clinician.id, role: "CLINICIAN" },
        [steps[0]!, { ...steps[1]!, name: "  cell   SOURCING " }],
        sentForm(),
      ),
    ).rejects.toMatchObject({ key: "work.errors.planRepeats" });
    expect(await db.treatmentPlanStep.count({ where: { caseId: made.kase.id } })).toBe(2);
  });

  it("answers a forced post of the patient's busy time on the coordinator's page with a clear 409", async () => {
    const { clinician, chair } = await resources();
    const made = await caseWithSourcing();
    const cookie = await cookieFor(made.staff.coordinator.id);
    const post = (stepId: string, resourceId: string, iso: string, lang: string) => {
      const form = new FormData();
      form.set("intent", "book");
      form.set("planStepId", stepId);
      form.set("slot", slotValue({ resourceId, startsAt: new Date(iso) }));
      form.set(FORM_KEY, newFormKey());
      return call(staffSchedule, {
        path: `/staff/cases/${made.kase.id}/schedule?lng=${lang}`,
        params: { caseId: made.kase.id },
        cookie,
        form,
      });
    };
    // Real times: a working Monday three weeks on, 09:00 and 10:00 in Istanbul.
    const monday = addDays(mondayOf(dayIn(new Date(), IST)), 21);
    const nine = wallTime(monday, 9 * 60, IST).toISOString();
    const ten = wallTime(monday, 10 * 60, IST).toISOString();
    expect((await post(made.step.id, chair.id, nine, "en")).status).toBe(302);
    const refused = await post(made.sourcing.id, clinician.id, ten, "fr");
    expect(refused.status).toBe(409);
    // The refusal names the appointment the patient already has, at its time in the clinic's
    // zone (staff book in it), the zone named as readers see zones, never as an id.
    const held = await db.appointment.findFirstOrThrow({ where: { caseId: made.kase.id } });
    const message = formReply(refused).errors[""]!;
    expect(message).not.toBe(getFixedT("fr", "travel")("errors.patientBusy"));
    expect(message).toContain(`\u2068${held.title}\u2069`);
    expect(message).toContain(`\u2068${formatDateTime(held.startsAt, "fr", IST, "full")}\u2069`);
    expect(message).toContain(`\u2068${formatZone(IST, "fr", held.startsAt)}\u2069`);
    expect(message).not.toContain("Europe/");
    expect(await db.appointment.count()).toBe(1);
  });

  it("tells a patient refused a consultation which of their appointments is then", async () => {
    const { clinician } = await resources();
    const made = await createCase({ locale: "ar" });
    await db.case.update({
      where: { id: made.kase.id },
      data: { stage: "QUOTED", eligibility: "ELIGIBLE" },
    });
    await db.user.update({ where: { id: made.patient.id }, data: { timeZone: "Asia/Riyadh" } });
    // A working Monday three weeks on, 10:00 in Istanbul: the patient has their workup then.
    const monday = addDays(mondayOf(dayIn(new Date(), IST)), 21);
    const ten = wallTime(monday, 10 * 60, IST);
    await db.appointment.create({
      data: {
        caseId: made.kase.id,
        kind: "TREATMENT",
        status: "BOOKED",
        title: "Workup",
        startsAt: ten,
        endsAt: new Date(ten.getTime() + 3_600_000),
      },
    });
    const form = new FormData();
    form.set("intent", "consult");
    form.set("slot", slotValue({ resourceId: clinician.id, startsAt: ten }));
    form.set(FORM_KEY, newFormKey());
    const refused = await call(patientAppointments, {
      path: `/portal/cases/${made.kase.id}/appointments?lng=ar`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
      form,
      lang: "ar",
    });
    expect(refused.status).toBe(409);
    const ar = getFixedT("ar", "travel");
    expect(formReply(refused).errors[""]).toBe(
      ar("errors.patientBusyWith", {
        title: "\u2068Workup\u2069",
        time: `\u2068${formatDateTime(ten, "ar", "Asia/Riyadh", "full")}\u2069`,
        zone: "\u2068Asia/Riyadh\u2069",
      }),
    );
    expect(await db.appointment.count({ where: { kind: "CONSULTATION" } })).toBe(0);
  });
});

describe("patients booking their own consultation", () => {
  /** `n` eligible patients whose cases are quoted, each signed in. */
  async function quotedPatients(n: number) {
    const staff = await createStaff();
    const out: { caseId: string; cookie: string; patientId: string }[] = [];
    for (let i = 0; i < n; i++) {
      const made = await createCase({ locale: i % 2 ? "ar" : "de" });
      await db.case.update({
        where: { id: made.kase.id },
        data: { stage: "QUOTED", eligibility: "ELIGIBLE", coordinatorId: staff.coordinator.id },
      });
      out.push({
        caseId: made.kase.id,
        patientId: made.patient.id,
        cookie: await cookieFor(made.patient.id),
      });
    }
    await db.outboxEmail.deleteMany({});
    return out;
  }

  it("answers 50 simultaneous requests for one slot with one booking and 49 clear 409s", async () => {
    await resources();
    const patients = await quotedPatients(50);
    // A working Monday three weeks on: within what patients can book.
    const monday = addDays(mondayOf(dayIn(new Date(), "Europe/Istanbul")), 21);
    const [slot] = await freeSlots({
      resourceType: "CLINICIAN",
      durationMinutes: 30,
      fromDay: monday,
      days: 1,
    });
    expect(slot).toBeDefined();
    const outcomes = await Promise.all(
      patients.map((p) => {
        const form = new FormData();
        form.set("intent", "consult");
        form.set("slot", slotValue(slot!));
        // Each patient's own page, with its own form key.
        form.set(FORM_KEY, newFormKey());
        return call(patientAppointments, {
          path: `/portal/cases/${p.caseId}/appointments`,
          params: { caseId: p.caseId },
          cookie: p.cookie,
          form,
        });
      }),
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const won = outcomes.find((o) => o.status === 200)!;
    expect(formReply(won).done).toBeTruthy();
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const o of outcomes.filter((x) => x.status === 409)) {
      expect(formReply(o).errors[""]).toMatch(
        /no longer available|لم يعد متاح|nicht mehr verfügbar/,
      );
    }
    expect(await db.appointment.count()).toBe(1);
    expect(await db.appointmentSlot.count()).toBe(2);
    // The one winner got one invite; nobody else got email about the slot.
    expect(await db.outboxEmail.count({ where: { calendar: { not: null } } })).toBe(1);
  });

  it("books once when the same form is sent twice, and says so", async () => {
    await resources();
    const [p] = await quotedPatients(1);
    const monday = addDays(mondayOf(dayIn(new Date(), "Europe/Istanbul")), 21);
    const [slot, later] = await freeSlots({
      resourceType: "CLINICIAN",
      durationMinutes: 30,
      fromDay: monday,
      days: 1,
    });
    const key = newFormKey();
    const send = (s: typeof slot) => {
      const form = new FormData();
      form.set("intent", "consult");
      form.set("slot", slotValue(s!));
      form.set(FORM_KEY, key);
      return call(patientAppointments, {
        path: `/portal/cases/${p!.caseId}/appointments`,
        params: { caseId: p!.caseId },
        cookie: p!.cookie,
        form,
        lang: "de",
      });
    };
    const first = await send(slot);
    expect(first.status).toBe(200);
    expect(formReply(first)).toMatchObject({
      form: "consultation",
      done: getFixedT("de", "travel")("appointments.done.consult"),
    });
    // A second press, or a reload that posts again, even for another time: nothing more.
    const again = await send(later);
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(getFixedT("de", "common")("form.duplicate"));
    expect(await db.appointment.count()).toBe(1);
    expect(await db.outboxEmail.count({ where: { calendar: { not: null } } })).toBe(1);
  });

  it("moves the patient's one consultation when they book again, and passes on a reschedule request", async () => {
    await resources();
    const [p] = await quotedPatients(1);
    const clinician = await db.resource.findFirstOrThrow({ where: { type: "CLINICIAN" } });
    const first = await bookConsultation({
      patientId: p!.patientId,
      caseId: p!.caseId,
      resourceId: clinician.id,
      startsAt: new Date("2027-03-01T07:00:00Z"),
      formKey: sentForm(),
      now: NOW,
    });
    const again = await bookConsultation({
      patientId: p!.patientId,
      caseId: p!.caseId,
      resourceId: clinician.id,
      startsAt: new Date("2027-03-01T07:30:00Z"),
      formKey: sentForm(),
      now: NOW,
    });
    expect(again.id).toBe(first.id);
    expect(again.sequence).toBe(1);
    // A video consultation is not treatment: it does not count towards SCHEDULED.
    expect((await loadCaseFacts(db, p!.caseId)).bookedAppointments).toBe(0);
    expect(await db.appointmentSlot.count()).toBe(2);
    // Another patient cannot book on this case.
    const other = await createCase();
    await expect(
      bookConsultation({
        patientId: other.patient.id,
        caseId: p!.caseId,
        resourceId: clinician.id,
        startsAt: new Date("2027-03-01T09:00:00Z"),
        formKey: sentForm(),
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "not_found" });

    await requestReschedule({
      patientId: p!.patientId,
      caseId: p!.caseId,
      appointmentId: first.id,
      note: "Mornings after 10 please",
      formKey: sentForm(),
    });
    const row = await db.appointment.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.rescheduleNote).toBe("Mornings after 10 please");
    const staffMail = await db.outboxEmail.findMany({
      where: { template: "notice", calendar: null },
    });
    // The case's coordinator reads Turkish.
    expect(
      staffMail.some((m) => m.locale === "tr" && m.subject.includes("taşınmasını istiyor")),
    ).toBe(true);
  });
});

describe("patients moving and cancelling their own appointments (ADR 022)", () => {
  /** A quoted patient (Arabic) with a video consultation booked three weeks on, signed in. */
  async function withConsultation() {
    await resources();
    const staff = await createStaff();
    const made = await createCase({ locale: "ar" });
    await db.case.update({
      where: { id: made.kase.id },
      data: { stage: "QUOTED", eligibility: "ELIGIBLE", coordinatorId: staff.coordinator.id },
    });
    const monday = addDays(mondayOf(dayIn(new Date(), IST)), 21);
    const free = await freeSlots({
      resourceType: "CLINICIAN",
      durationMinutes: 30,
      fromDay: monday,
      days: 1,
    });
    const booked = await bookConsultation({
      patientId: made.patient.id,
      caseId: made.kase.id,
      resourceId: free[0]!.resourceId,
      startsAt: free[0]!.startsAt,
      formKey: sentForm(),
    });
    await db.outboxEmail.deleteMany({});
    const cookie = await cookieFor(made.patient.id);
    const post = (fields: Record<string, string>, lang = "ar", caseId = made.kase.id) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set(FORM_KEY, newFormKey());
      return call(patientAppointments, {
        path: `/portal/cases/${caseId}/appointments`,
        params: { caseId },
        cookie,
        form,
        lang,
      });
    };
    return { ...made, staff, free, booked, cookie, post };
  }

  /** Moves the consultation's start `hours` from now, as if booked long ago. */
  const startsIn = (id: string, hours: number) =>
    db.appointment.update({
      where: { id },
      data: {
        startsAt: new Date(Date.now() + hours * 3_600_000),
        endsAt: new Date(Date.now() + hours * 3_600_000 + 30 * 60_000),
      },
    });

  it("moves the consultation to another free time: cells, invite, timeline, audit and the coordinator's email", async () => {
    const c = await withConsultation();
    const later = c.free.find(
      (f) => f.startsAt.getTime() >= c.booked.endsAt.getTime() + 3_600_000,
    )!;
    const moved = await c.post({
      intent: "move",
      appointmentId: c.booked.id,
      slot: slotValue(later),
    });
    expect(moved.status).toBe(200);
    expect(formReply(moved)).toMatchObject({
      form: "consultation",
      done: getFixedT("ar", "travel")("appointments.done.move"),
    });
    const row = await db.appointment.findUniqueOrThrow({ where: { id: c.booked.id } });
    expect(row.startsAt).toEqual(later.startsAt);
    expect(row.sequence).toBe(1);
    expect(row.status).toBe("BOOKED");
    // One consultation, holding only its new cells, for its clinician and its patient.
    expect(await db.appointment.count()).toBe(1);
    const cells = await db.appointmentSlot.findMany({ orderBy: { slotStart: "asc" } });
    expect(cells.map((x) => x.slotStart)).toEqual([
      later.startsAt,
      new Date(later.startsAt.getTime() + 15 * 60_000),
    ]);
    expect(await db.patientSlot.count({ where: { slotStart: c.booked.startsAt } })).toBe(0);
    const event = await db.caseEvent.findFirstOrThrow({
      where: { caseId: c.kase.id, type: "APPOINTMENT_RESCHEDULED" },
    });
    expect(event.actorId).toBe(c.patient.id);
    expect(
      await db.auditLog.count({
        where: { action: "appointment.patient_move", entityId: c.booked.id, actorId: c.patient.id },
      }),
    ).toBe(1);
    // The patient's updated invite (same UID, SEQUENCE 1) and the coordinator's notice in Turkish.
    const [invite] = await invites(c.kase.id);
    expect(invite!.calendar).toContain(`UID:${appointmentUid(c.booked.id)}`);
    expect(invite!.calendar).toMatch(/^SEQUENCE:1/m);
    expect(invite!.calendar).toMatch(/^METHOD:REQUEST/m);
    const staffMail = await db.outboxEmail.findFirstOrThrow({
      where: { caseId: c.kase.id, toEmail: c.staff.coordinator.email },
    });
    expect(staffMail.locale).toBe("tr");
    expect(staffMail.subject).toBe(
      getFixedT("tr", "emails")("notice.appointmentMovedByPatientStaff.subject", {
        caseNumber: c.kase.number,
      }),
    );
    expect(staffMail.calendar).toBeNull();
  });

  it("refuses a move or a cancellation inside the notice period, in the patient's language", async () => {
    const c = await withConsultation();
    await startsIn(c.booked.id, 30);
    const before = await db.appointment.findUniqueOrThrow({ where: { id: c.booked.id } });
    const later = c.free.at(-1)!;
    const move = await c.post({
      intent: "move",
      appointmentId: c.booked.id,
      slot: slotValue(later),
    });
    expect(move.status).toBe(400);
    expect(formReply(move).errors[""]).toBe(getFixedT("ar", "travel")("errors.tooLate"));
    // The patient's own language (Arabic) answers, whatever the browser asks for.
    const cancel = await c.post({ intent: "cancel", appointmentId: c.booked.id }, "fa");
    expect(cancel.status).toBe(400);
    expect(formReply(cancel)).toMatchObject({ form: `cancel-${c.booked.id}` });
    expect(formReply(cancel).errors[""]).toBe(getFixedT("ar", "travel")("errors.tooLate"));
    // Booking the consultation again would move it: refused alike.
    const again = await c.post({ intent: "consult", slot: slotValue(later) });
    expect(again.status).toBe(400);
    expect(formReply(again).errors[""]).toBe(getFixedT("ar", "travel")("errors.tooLate"));
    expect(await db.appointment.findUniqueOrThrow({ where: { id: c.booked.id } })).toEqual(before);
    expect(await db.outboxEmail.count()).toBe(0);
    // The page says so, and offers the request instead of the picker.
    const page = await call(patientAppointmentsPage, {
      path: `/portal/cases/${c.kase.id}/appointments`,
      params: { caseId: c.kase.id },
      cookie: c.cookie,
    });
    const data = page.data as Awaited<ReturnType<typeof patientAppointmentsPage>>;
    expect(data.consultMode).toBe("locked");
    expect(data.slots).toEqual([]);
    expect(data.appointments[0]!.selfService).toMatchObject({ allowed: false, block: "notice" });

    // The notice period is the clinic's setting: at 24 hours, 30 hours ahead is still the patient's.
    process.env.PATIENT_CHANGE_NOTICE_HOURS = "24";
    resetEnvCache();
    try {
      const ok = await c.post({ intent: "cancel", appointmentId: c.booked.id });
      expect(ok.status).toBe(200);
    } finally {
      delete process.env.PATIENT_CHANGE_NOTICE_HOURS;
      resetEnvCache();
    }
  });

  it("cancels after asking: cells freed, the invite withdrawn, the coordinator told, and booking open again", async () => {
    const c = await withConsultation();
    const done = await c.post({ intent: "cancel", appointmentId: c.booked.id });
    expect(done.status).toBe(200);
    expect(formReply(done).done).toBe(getFixedT("ar", "travel")("appointments.done.cancel"));
    const row = await db.appointment.findUniqueOrThrow({ where: { id: c.booked.id } });
    expect(row.status).toBe("CANCELLED");
    expect(row.sequence).toBe(1);
    expect(await db.appointmentSlot.count()).toBe(0);
    expect(await db.patientSlot.count()).toBe(0);
    const [invite] = await invites(c.kase.id);
    expect(invite!.calendar).toMatch(/^METHOD:CANCEL/m);
    expect(invite!.subject).toBe(
      getFixedT("ar", "emails")("notice.appointmentCancelledByPatient.subject", {
        caseNumber: c.kase.number,
      }),
    );
    expect(
      await db.outboxEmail.count({
        where: { toEmail: c.staff.coordinator.email, calendar: null },
      }),
    ).toBe(1);
    expect(
      await db.caseEvent.count({ where: { caseId: c.kase.id, type: "APPOINTMENT_CANCELLED" } }),
    ).toBe(1);
    expect(await db.auditLog.count({ where: { action: "appointment.patient_cancel" } })).toBe(1);
    // A second cancel (another tab) is the same content sent again: refused as a repeat (ADR
    // 021), and nothing more is cancelled or sent.
    const twice = await c.post({ intent: "cancel", appointmentId: c.booked.id });
    expect(twice.status).toBe(409);
    expect(await db.auditLog.count({ where: { action: "appointment.patient_cancel" } })).toBe(1);
    // The page offers to book a consultation again, and the freed time is free again.
    const page = await call(patientAppointmentsPage, {
      path: `/portal/cases/${c.kase.id}/appointments?from=${dayIn(c.booked.startsAt, IST)}`,
      params: { caseId: c.kase.id },
      cookie: c.cookie,
    });
    const data = page.data as Awaited<ReturnType<typeof patientAppointmentsPage>>;
    expect(data.consultMode).toBe("book");
    expect(data.slots.some((x) => x.startsAt.getTime() === c.booked.startsAt.getTime())).toBe(true);
  });

  it("answers not found for another patient's appointment: move, cancel and its calendar file", async () => {
    const c = await withConsultation();
    const other = await createCase();
    // Their own case is where the appointments page is open (a closed page sends them back).
    await db.case.update({
      where: { id: other.kase.id },
      data: { stage: "QUOTED", eligibility: "ELIGIBLE" },
    });
    const otherCookie = await cookieFor(other.patient.id);
    const later = c.free.at(-1)!;
    // The other patient, on their own case, names this appointment; and on this case.
    for (const caseId of [other.kase.id, c.kase.id]) {
      for (const fields of [
        { intent: "move", appointmentId: c.booked.id, slot: slotValue(later) },
        { intent: "cancel", appointmentId: c.booked.id },
      ]) {
        const form = new FormData();
        for (const [k, v] of Object.entries(fields)) form.set(k, v);
        form.set(FORM_KEY, newFormKey());
        const out = await call(patientAppointments, {
          path: `/portal/cases/${caseId}/appointments`,
          params: { caseId },
          cookie: otherCookie,
          form,
        });
        expect(out.status, `${fields.intent} on ${caseId === c.kase.id ? "theirs" : "own"}`).toBe(
          404,
        );
      }
      const ics = await call(appointmentIcs, {
        path: `/portal/cases/${caseId}/appointments/${c.booked.id}/calendar.ics`,
        params: { caseId, appointmentId: c.booked.id },
        cookie: otherCookie,
      });
      expect(ics.status).toBe(404);
    }
    const row = await db.appointment.findUniqueOrThrow({ where: { id: c.booked.id } });
    expect(row).toMatchObject({ status: "BOOKED", sequence: 0, startsAt: c.booked.startsAt });
    expect(await db.outboxEmail.count({ where: { caseId: c.kase.id } })).toBe(0);
  });

  it("leaves treatment steps to the coordinator: the patient asks instead", async () => {
    await resources();
    const made = await caseWithInfusion();
    const chair = await db.resource.findFirstOrThrow({ where: { type: "CHAIR" } });
    const monday = addDays(mondayOf(dayIn(new Date(), IST)), 21);
    const [slot, , , later] = await freeSlots({
      resourceType: "CHAIR",
      durationMinutes: 180,
      fromDay: monday,
      days: 1,
    });
    const infusion = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: made.step.id,
      resourceId: chair.id,
      startsAt: slot!.startsAt,
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
    });
    const form = new FormData();
    form.set("intent", "move");
    form.set("appointmentId", infusion.id);
    form.set("slot", slotValue(later ?? slot!));
    form.set(FORM_KEY, newFormKey());
    const out = await call(patientAppointments, {
      path: `/portal/cases/${made.kase.id}/appointments`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
      form,
      lang: "ru",
    });
    expect(out.status).toBe(400);
    expect(formReply(out).errors[""]).toBe(getFixedT("ru", "travel")("errors.askToMove"));
    await expect(
      cancelOwnAppointment({
        patientId: made.patient.id,
        caseId: made.kase.id,
        appointmentId: infusion.id,
        formKey: sentForm(),
      }),
    ).rejects.toMatchObject({ code: "askToMove" });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: infusion.id } })).status).toBe(
      "BOOKED",
    );
    // Its calendar file: the clinic's address, the same UID as the invite, to import.
    const ics = await call(appointmentIcs, {
      path: `/portal/cases/${made.kase.id}/appointments/${infusion.id}/calendar.ics`,
      params: { caseId: made.kase.id, appointmentId: infusion.id },
      cookie: await cookieFor(made.patient.id),
    });
    expect(ics.status).toBe(200);
    expect(ics.response!.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    expect(ics.response!.headers.get("Content-Disposition")).toMatch(
      /attachment; filename=".+\.ics"/,
    );
    const text = await ics.response!.text();
    expect(text).toMatch(/^METHOD:PUBLISH/m);
    expect(text).toContain(`UID:${appointmentUid(infusion.id)}`);
    expect(text.replace(/\r?\n[ \t]/g, "")).toContain("LOCATION:Demo Clinic");
    expect(text).not.toContain("ATTENDEE");
    // The page explains the rule and offers the request.
    const page = await call(patientAppointmentsPage, {
      path: `/portal/cases/${made.kase.id}/appointments`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
    });
    const data = page.data as Awaited<ReturnType<typeof patientAppointmentsPage>>;
    expect(data.appointments[0]!.selfService).toMatchObject({ allowed: false, block: "kind" });
    expect(data.clinicAddress).toContain("Demo Clinic");
  });
});

describe("daylight saving in the clinic's zone", () => {
  it("books 09:00 local as 08:00Z before the spring change and 07:00Z after it", async () => {
    process.env.CLINIC_TIME_ZONE = "Europe/Berlin";
    resetEnvCache();
    const every = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startMinute: 540,
      endMinute: 1020,
    }));
    await db.resource.create({
      data: { name: "Chair B", type: "CHAIR", hours: { create: every } },
    });
    const made = await caseWithInfusion();
    // Europe/Berlin springs forward on Sunday 28 March 2027.
    const slots = await freeSlots({
      resourceType: "CHAIR",
      durationMinutes: 180,
      fromDay: "2027-03-27",
      days: 2,
      now: NOW,
    });
    const firstOf = (day: string) => slots.find((s) => s.startsAt.toISOString().startsWith(day))!;
    expect(firstOf("2027-03-27").startsAt.toISOString()).toBe("2027-03-27T08:00:00.000Z");
    expect(firstOf("2027-03-28").startsAt.toISOString()).toBe("2027-03-28T07:00:00.000Z");
    // Both days offer the same local times: 09:00 to 14:00, eleven starts.
    expect(slots.filter((s) => s.startsAt.toISOString().startsWith("2027-03-27"))).toHaveLength(11);
    expect(slots.filter((s) => s.startsAt.toISOString().startsWith("2027-03-28"))).toHaveLength(11);
    const chair = firstOf("2027-03-28").resourceId;
    const sunday = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: made.step.id,
      resourceId: chair,
      startsAt: new Date("2027-03-28T07:00:00Z"),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now: NOW,
    });
    expect(sunday.startsAt.toISOString()).toBe("2027-03-28T07:00:00.000Z");
    // 08:00Z on the Sunday would be 10:00 local: fine; 06:00Z would be 08:00 local: closed.
    await expect(
      bookPlanStep({
        caseId: made.kase.id,
        planStepId: made.step.id,
        resourceId: chair,
        startsAt: new Date("2027-03-28T06:00:00Z"),
        actorId: made.staff.coordinator.id,
        formKey: sentForm(),
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "unavailable" });
    const [invite] = await invites(made.kase.id);
    expect(invite!.calendar).toContain("DTSTART:20270328T070000Z");
    expect(invite!.calendar).toContain("DTEND:20270328T100000Z");
  });
});
