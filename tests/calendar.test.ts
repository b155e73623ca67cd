/**
 * The staff calendar (issue 22): appointments placed in the clinic's zone, a fixed-offset zone
 * and one that changes its clocks inside the week; booking from an empty slot through the
 * schedule page's checks (a patient's own conflict is refused, naming it); moving and
 * cancelling an appointment from its panel; and who may look and who may change.
 */
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { slotValue } from "~/components/slots";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { formatDateTime } from "~/lib/format";
import { addDays, dayIn, mondayOf, wallTime } from "~/lib/schedule";
import { bookPlanStep } from "~/models/travel/booking.server";
import { getCalendar } from "~/models/travel/calendar.server";
import { action, loader } from "~/routes/staff.calendar";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { acceptedCase } from "./support/finance";
import { call, cookieFor, formReply } from "./support/requests";

const IST = "Europe/Istanbul";
const NOW = new Date("2027-02-20T09:00:00Z");

async function resources(days = [1, 2, 3, 4, 5]) {
  const hours = days.map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 }));
  const clinician = await db.resource.create({
    data: { name: "Dr. Test", type: "CLINICIAN", hours: { create: hours } },
  });
  const chair = await db.resource.create({
    data: { name: "Chair 1", type: "CHAIR", hours: { create: hours } },
  });
  return { clinician, chair };
}

async function planned() {
  const made = await acceptedCase();
  const infusion = await db.treatmentPlanStep.create({
    data: {
      caseId: made.kase.id,
      position: 2,
      name: "Infusion",
      resourceType: "CHAIR",
      durationMinutes: 120,
    },
  });
  const review = await db.treatmentPlanStep.create({
    data: {
      caseId: made.kase.id,
      position: 3,
      name: "Clinical review",
      resourceType: "CLINICIAN",
      durationMinutes: 60,
    },
  });
  return { ...made, infusion, review };
}

beforeEach(async () => {
  await resetDatabase();
  delete process.env.CLINIC_TIME_ZONE;
  resetEnvCache();
});

const query = (over: Partial<Parameters<typeof getCalendar>[0]>) =>
  getCalendar({
    actorId: "x",
    ip: null,
    view: "week",
    by: "resource",
    date: null,
    resource: null,
    book: null,
    appointment: null,
    q: null,
    now: NOW,
    ...over,
  });

describe("placing appointments", () => {
  it("puts them at the clinic's wall-clock time, with its hours open and the rest closed", async () => {
    const { chair, clinician } = await resources();
    const made = await planned();
    // Istanbul is UTC+3 all year: 06:00Z on Monday 1 March is 09:00 there.
    const a = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: made.infusion.id,
      resourceId: chair.id,
      startsAt: new Date("2027-03-01T06:00:00Z"),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now: NOW,
    });
    const week = await query({ date: "2027-03-03" });
    expect(week.days).toEqual([
      "2027-03-01",
      "2027-03-02",
      "2027-03-03",
      "2027-03-04",
      "2027-03-05",
      "2027-03-06",
      "2027-03-07",
    ]);
    expect(week.appointments).toEqual([
      expect.objectContaining({
        id: a.id,
        day: "2027-03-01",
        start: 540,
        end: 660,
        resourceId: chair.id,
        caseNumber: made.kase.number,
        title: "Infusion",
      }),
    ]);
    expect(week.appointments[0]!.patientName).toBeTruthy();
    // 09:00 to 17:00 each weekday, nothing at the weekend; the grid spans the open hours.
    expect(week.open.filter((o) => o.resourceId === chair.id)).toHaveLength(5);
    expect(week.open.every((o) => o.start === 540 && o.end === 1020)).toBe(true);
    expect([week.startMinute, week.endMinute]).toEqual([540, 1020]);
    expect(week.previous).toBe("2027-02-24");
    expect(week.next).toBe("2027-03-10");

    // A holiday shades the whole day: no open time on Tuesday.
    await db.resourceException.create({
      data: {
        kind: "HOLIDAY",
        startsAt: wallTime("2027-03-02", 0, IST),
        endsAt: wallTime("2027-03-03", 0, IST),
      },
    });
    const day = await query({ view: "day", date: "2027-03-02" });
    expect(day.days).toEqual(["2027-03-02"]);
    expect(day.open).toEqual([]);
    // By clinician: only clinician resources.
    const byClinician = await query({ by: "clinician", date: "2027-03-01" });
    expect(byClinician.shown).toEqual([clinician.id]);
    expect(byClinician.appointments).toEqual([]);
  });

  it("follows the clinic's offset when its clocks change inside the week", async () => {
    process.env.CLINIC_TIME_ZONE = "America/New_York";
    resetEnvCache();
    const { chair } = await resources([1, 2, 3, 4, 5, 6, 7]);
    const made = await planned();
    // New York springs forward on Sunday 14 March 2027: 09:00 is 14:00Z before, 13:00Z after.
    const before = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: made.infusion.id,
      resourceId: chair.id,
      startsAt: new Date("2027-03-13T14:00:00Z"),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now: NOW,
    });
    const after = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: made.review.id,
      resourceId: (await db.resource.findFirstOrThrow({ where: { type: "CLINICIAN" } })).id,
      startsAt: new Date("2027-03-15T13:00:00Z"),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now: NOW,
    });
    const week = await query({ date: "2027-03-14" });
    expect(week.days[0]).toBe("2027-03-08");
    const placed = (id: string) => week.appointments.find((x) => x.id === id);
    expect(placed(before.id)).toMatchObject({ day: "2027-03-13", start: 540, end: 660 });
    // The Monday after is the next week; that week shows it at 09:00 too.
    expect(placed(after.id)).toBeUndefined();
    const next = await query({ date: week.next });
    expect(next.appointments.find((x) => x.id === after.id)).toMatchObject({
      day: "2027-03-15",
      start: 540,
      end: 600,
    });
    // On the day the clocks change, the open hours are still 09:00-17:00 wall time, and the
    // slot links' instants follow the new offset.
    const sunday = await query({ view: "day", date: "2027-03-14" });
    expect(sunday.open.filter((o) => o.resourceId === chair.id)).toEqual([
      { resourceId: chair.id, day: "2027-03-14", start: 540, end: 1020 },
    ]);
    expect(sunday.instants["2027-03-14"]![sunday.times.indexOf(540)]).toBe(
      "2027-03-14T13:00:00.000Z",
    );
    const saturday = await query({ view: "day", date: "2027-03-13" });
    expect(saturday.instants["2027-03-13"]![saturday.times.indexOf(540)]).toBe(
      "2027-03-13T14:00:00.000Z",
    );
  });

  it("answers every bad address with a calendar, never an error", async () => {
    await resources();
    for (const date of ["nonsense", "2027-02-30", "9999-01-01", ""]) {
      const d = await query({ date, view: "month", by: "x", resource: "nope", book: "zz" });
      expect(d.view).toBe("week");
      expect(d.booking).toBeNull();
      expect(d.days).toHaveLength(7);
    }
  });
});

describe("changing from the calendar", () => {
  /** A working Monday three weeks on, at `hour` in Istanbul (the loader books in real time). */
  const at = (hour: number) =>
    wallTime(addDays(mondayOf(dayIn(new Date(), IST)), 21), hour * 60, IST);

  const post = (cookie: string, fields: Record<string, string>, lang = "en") => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set(FORM_KEY, newFormKey());
    return call(action, { path: `/staff/calendar?view=day&lng=${lang}`, cookie, form, lang });
  };

  it("books a step from an empty slot, and refuses the patient's own conflict by name", async () => {
    const { chair, clinician } = await resources();
    const made = await planned();
    const cookie = await cookieFor(made.staff.coordinator.id);
    const monday = dayIn(at(9), IST);
    // The slot's panel lists the case and its steps that fit a chair, found by number.
    const page = await call(loader, {
      path: `/staff/calendar?view=day&date=${monday}&book=${encodeURIComponent(
        slotValue({ resourceId: chair.id, startsAt: at(9) }),
      )}&q=${encodeURIComponent(made.kase.number)}`,
      cookie,
    });
    expect(page.status).toBe(200);
    const panel = (page.data as { booking: { cases: { id: string; steps: { id: string }[] }[] } })
      .booking;
    expect(panel.cases.map((c) => c.id)).toEqual([made.kase.id]);
    expect(panel.cases[0]!.steps.map((s) => s.id)).toEqual([made.infusion.id]);

    const booked = await post(cookie, {
      intent: "book",
      planStepId: made.infusion.id,
      slot: slotValue({ resourceId: chair.id, startsAt: at(9) }),
    });
    expect(booked.status).toBe(302);
    expect(booked.response?.headers.get("Location")).toContain("done=book");
    // The clinician step at 10:00 runs into the patient's infusion (09:00-11:00).
    const refused = await post(cookie, {
      intent: "book",
      planStepId: made.review.id,
      slot: slotValue({ resourceId: clinician.id, startsAt: at(10) }),
    });
    expect(refused.status).toBe(409);
    const message = formReply(refused).errors[""]!;
    expect(message).toContain("Infusion");
    expect(message).toContain(formatDateTime(at(9), "en", IST, "full"));
    // Outside the hours is refused too, and nothing more was booked.
    const closed = await post(cookie, {
      intent: "book",
      planStepId: made.review.id,
      slot: slotValue({ resourceId: clinician.id, startsAt: at(18) }),
    });
    expect(closed.status).toBe(400);
    expect(await db.appointment.count()).toBe(1);
  });

  it("moves and cancels an appointment from its panel", async () => {
    const { chair } = await resources();
    const made = await planned();
    const cookie = await cookieFor(made.staff.coordinator.id);
    const a = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: made.infusion.id,
      resourceId: chair.id,
      startsAt: at(9),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
    });
    const page = await call(loader, {
      path: `/staff/calendar?view=day&date=${dayIn(at(9), IST)}&appointment=${a.id}`,
      cookie,
    });
    const selected = (page.data as { selected: { id: string; slots: unknown[] } }).selected;
    expect(selected.id).toBe(a.id);
    expect(selected.slots.length).toBeGreaterThan(0);

    const moved = await post(cookie, {
      intent: "move",
      appointmentId: a.id,
      slot: slotValue({ resourceId: chair.id, startsAt: at(13) }),
    });
    expect(moved.status).toBe(302);
    expect(await db.appointment.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      startsAt: at(13),
      sequence: 1,
    });
    const cancelled = await post(cookie, { intent: "cancel", appointmentId: a.id });
    expect(cancelled.status).toBe(302);
    expect(await db.appointment.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "CANCELLED",
    });
    expect(await db.appointmentSlot.count()).toBe(0);
    // A second cancel finds nothing to cancel.
    expect((await post(cookie, { intent: "cancel", appointmentId: a.id })).status).toBe(404);
  });

  it("lets a clinician look but not change, and audits the look", async () => {
    const { chair } = await resources();
    const made = await planned();
    const cookie = await cookieFor(made.staff.clinician.id);
    const page = await call(loader, {
      path: `/staff/calendar?book=${encodeURIComponent(
        slotValue({ resourceId: chair.id, startsAt: at(9) }),
      )}`,
      cookie,
    });
    expect(page.status).toBe(200);
    // No booking panel for a reader who may not book.
    expect((page.data as { booking: unknown }).booking).toBeNull();
    const refused = await post(cookie, {
      intent: "book",
      planStepId: made.infusion.id,
      slot: slotValue({ resourceId: chair.id, startsAt: at(9) }),
    });
    expect(refused.status).toBe(403);
    expect(await db.appointment.count()).toBe(0);
    expect(
      await db.auditLog.count({
        where: { actorId: made.staff.clinician.id, action: "calendar.read" },
      }),
    ).toBe(1);
  });
});
