/**
 * One email for bookings made together (issue 22): the coordinator's bookings of a case's
 * steps within the quiet period are one outbox row, rewritten as a summary with one VEVENT per
 * appointment; a booking after the batch went out starts a new one; and a worker claiming the
 * row as it is rewritten never loses or repeats an appointment.
 */
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { appointmentIdsIn } from "~/infra/calendar.server";
import { batchQuietMs, dispatchDue } from "~/infra/outbox.server";
import {
  bookingBatchKey,
  bookPlanStep,
  cancelAppointment,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import { sentForm } from "./support/enquiry-form";
import { resetDatabase } from "./support/db";
import { acceptedCase } from "./support/finance";

const NOW = new Date("2027-02-20T09:00:00Z");

async function setUp() {
  const chair = await db.resource.create({
    data: {
      name: "Chair 1",
      type: "CHAIR",
      hours: {
        create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 1080 })),
      },
    },
  });
  const made = await acceptedCase();
  const steps: { id: string }[] = [];
  for (const position of [2, 3, 4, 5]) {
    steps.push(
      await db.treatmentPlanStep.create({
        data: {
          caseId: made.kase.id,
          position,
          name: `Infusion ${position}`,
          resourceType: "CHAIR",
          durationMinutes: 60,
        },
      }),
    );
  }
  const book = (i: number, startsAt: string, now = NOW) =>
    bookPlanStep({
      caseId: made.kase.id,
      planStepId: steps[i]!.id,
      resourceId: chair.id,
      startsAt: new Date(startsAt),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now,
    });
  return { made, book, chair };
}

const patientMail = (caseId: string) =>
  db.outboxEmail.findMany({
    where: { caseId, batchKey: bookingBatchKey(caseId) },
    orderBy: { createdAt: "asc" },
  });

beforeEach(async () => {
  await resetDatabase();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

describe("one email for a batch of bookings", () => {
  it("gives three bookings within the quiet period one email with three events", async () => {
    const { made, book } = await setUp();
    const a = await book(0, "2027-03-01T06:00:00Z");
    const b = await book(1, "2027-03-02T06:00:00Z");
    const c = await book(2, "2027-03-03T06:00:00Z");
    const rows = await patientMail(made.kase.id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.status).toBe("PENDING");
    expect(appointmentIdsIn(row.calendar).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(row.calendar!.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(row.calendar).toMatch(/^METHOD:REQUEST/m);
    // Each event keeps its own UID and SEQUENCE, as its own invites do.
    expect(row.calendar!.match(/^SEQUENCE:0/gm)).toHaveLength(3);
    // The summary in the case's language (Russian) names every time.
    expect(row.subject).toMatch(/[А-Яа-я]/);
    for (const day of ["1 марта", "2 марта", "3 марта"]) expect(row.text).toContain(day);
    // It waits the quiet period after the last booking: not due before it.
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(Date.now() + batchQuietMs() - 5_000);
    expect(await dispatchDue({ now: new Date() })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    // No other email went to the patient about these bookings.
    expect(
      await db.outboxEmail.count({ where: { caseId: made.kase.id, calendar: { not: null } } }),
    ).toBe(1);
  });

  it("folds a move or a cancellation before the email goes out into it, and no other email", async () => {
    const { made, book, chair } = await setUp();
    const a = await book(0, "2027-03-01T06:00:00Z");
    const b = await book(1, "2027-03-02T06:00:00Z");
    const actorId = made.staff.coordinator.id;
    await rescheduleAppointment({
      caseId: made.kase.id,
      appointmentId: a.id,
      resourceId: chair.id,
      startsAt: new Date("2027-03-04T06:00:00Z"),
      actorId,
      formKey: sentForm(),
      now: NOW,
    });
    let rows = await patientMail(made.kase.id);
    expect(rows).toHaveLength(1);
    expect(appointmentIdsIn(rows[0]!.calendar).sort()).toEqual([a.id, b.id].sort());
    // The moved one at its new time, with its raised SEQUENCE; the old time is gone.
    expect(rows[0]!.calendar).toContain("DTSTART:20270304T060000Z");
    expect(rows[0]!.calendar).not.toContain("DTSTART:20270301T060000Z");
    expect(rows[0]!.calendar).toMatch(/^SEQUENCE:1/m);
    await cancelAppointment({ caseId: made.kase.id, appointmentId: b.id, actorId });
    rows = await patientMail(made.kase.id);
    expect(rows.map((r) => appointmentIdsIn(r.calendar))).toEqual([[a.id]]);
    expect(rows[0]!.calendar).not.toContain("CANCEL");
    // Nothing else to the patient: no move or cancellation email of its own.
    expect(
      await db.outboxEmail.count({ where: { caseId: made.kase.id, calendar: { not: null } } }),
    ).toBe(1);
    // The last one cancelled too: the patient hears nothing of bookings that no longer hold.
    await cancelAppointment({ caseId: made.kase.id, appointmentId: a.id, actorId });
    expect(
      await db.outboxEmail.count({ where: { caseId: made.kase.id, calendar: { not: null } } }),
    ).toBe(0);
    // The timeline still says what happened.
    expect(
      await db.caseEvent.count({
        where: { caseId: made.kase.id, type: { startsWith: "APPOINTMENT_" } },
      }),
    ).toBe(5);
  });

  it("starts a new batch for a booking after the batch went out", async () => {
    const { made, book } = await setUp();
    const a = await book(0, "2027-03-01T06:00:00Z");
    const later = new Date(Date.now() + batchQuietMs() + 1_000);
    expect((await dispatchDue({ now: later })).sent).toBe(1);
    const b = await book(1, "2027-03-02T06:00:00Z");
    const rows = await patientMail(made.kase.id);
    expect(rows.map((r) => r.status)).toEqual(["SENT", "PENDING"]);
    expect(appointmentIdsIn(rows[0]!.calendar)).toEqual([a.id]);
    expect(appointmentIdsIn(rows[1]!.calendar)).toEqual([b.id]);
  });

  it("starts a new batch when a worker holds the row's lease", async () => {
    const { made, book } = await setUp();
    const a = await book(0, "2027-03-01T06:00:00Z");
    // A worker's claim, as claimDue makes it.
    await db.outboxEmail.updateMany({
      where: { batchKey: bookingBatchKey(made.kase.id) },
      data: { leaseOwner: "worker-x", leaseUntil: new Date(Date.now() + 60_000) },
    });
    const b = await book(1, "2027-03-02T06:00:00Z");
    const rows = await patientMail(made.kase.id);
    expect(rows.map((r) => appointmentIdsIn(r.calendar))).toEqual([[a.id], [b.id]]);
  });

  it("loses and repeats nothing when a worker claims the batch while bookings come in", async () => {
    const { made, book } = await setUp();
    const ids: string[] = [];
    const later = () => new Date(Date.now() + batchQuietMs() + 1_000);
    ids.push((await book(0, "2027-03-01T06:00:00Z")).id);
    // Bookings and a worker (due: it looks past the quiet period) at the same moment.
    const [b, , c] = await Promise.all([
      book(1, "2027-03-02T06:00:00Z"),
      dispatchDue({ now: later(), owner: "worker-a" }),
      book(2, "2027-03-03T06:00:00Z"),
      dispatchDue({ now: later(), owner: "worker-b" }),
    ]);
    ids.push(b.id, c.id);
    await dispatchDue({ now: new Date(Date.now() + 3 * batchQuietMs()) });
    const rows = await patientMail(made.kase.id);
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    // Each appointment was announced by the last email that held it, and every one is held.
    const held = rows.flatMap((r) => appointmentIdsIn(r.calendar));
    expect([...new Set(held)].sort()).toEqual([...ids].sort());
    // No row is a subset that was replaced after sending: one row per claim, none empty.
    for (const r of rows) expect(appointmentIdsIn(r.calendar).length).toBeGreaterThan(0);
  });
});
