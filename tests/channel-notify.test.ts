/**
 * The patient's channels beside the patient's email (issue 24): a stage change of a patient
 * who opted in to WhatsApp and proved the number queues the email and the WhatsApp message in
 * one transaction (a rollback leaves neither); without the opt-in, with an unproved number or
 * a withdrawn consent only the email goes; inside WhatsApp's 24-hour window the message is
 * free text, outside it a template; SMS is always text. Notices go the same way, once each,
 * and a booking batch sends one message however often it is rewritten.
 */
import { db } from "~/db.server";
import { env } from "~/env.server";
import {
  CHANNEL_CONSENT_PURPOSE,
  CHANNEL_CONSENT_VERSION,
  WHATSAPP_WINDOW_MS,
  type Channel,
} from "~/lib/message-templates";
import { batchNoticeToPatient, noticeToPatient } from "~/models/cases/notices.server";
import { changeStage, changeStageIn } from "~/models/cases/stage.server";
import {
  bookingBatchKey,
  bookPlanStep,
  cancelAppointment,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { createCase, createUser } from "./support/factories";
import { acceptedCase } from "./support/finance";

const PHONE = "+905321234567";

const APP = () => env().APP_URL.replace(/\/$/, "");

beforeEach(async () => {
  await resetDatabase();
});

/** A new enquiry (its ENQUIRY emails cleared) of a patient with a number, opted in to `channels`. */
async function patientCase(
  options: { channels?: Channel[]; proved?: boolean; lastInbound?: Date | null } = {},
) {
  const made = await createCase({ locale: "fa" });
  await db.user.update({
    where: { id: made.patient.id },
    data: {
      phone: PHONE,
      phoneVerifiedAt: options.proved === false ? null : new Date(),
      whatsappLastInboundAt: options.lastInbound ?? null,
    },
  });
  for (const channel of options.channels ?? []) {
    await db.consent.create({
      data: {
        userId: made.patient.id,
        purpose: CHANNEL_CONSENT_PURPOSE[channel],
        version: CHANNEL_CONSENT_VERSION,
        locale: "fa",
      },
    });
  }
  await db.outboxEmail.deleteMany({});
  await db.outboxMessage.deleteMany({});
  const coordinator = await createUser({ role: "COORDINATOR" });
  return { ...made, coordinator };
}

const toReview = (caseId: string, actorId: string) =>
  changeStage({ caseId, to: "MEDICAL_REVIEW", actor: { id: actorId, role: "COORDINATOR" } });

const patientEmails = (email: string) => db.outboxEmail.findMany({ where: { toEmail: email } });

describe("a stage change on the patient's channels", () => {
  it("queues the email and the WhatsApp message together, in the case's language, with a portal link", async () => {
    const { kase, patient, coordinator } = await patientCase({ channels: ["WHATSAPP"] });
    await toReview(kase.id, coordinator.id);

    expect(await patientEmails(patient.email)).toHaveLength(1);
    const messages = await db.outboxMessage.findMany();
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m).toMatchObject({
      channel: "WHATSAPP",
      kind: "TEMPLATE",
      toPhone: PHONE,
      locale: "fa",
      template: "case_update",
      caseId: kase.id,
      userId: patient.id,
      status: "PENDING",
    });
    expect(JSON.parse(m!.params)).toEqual({
      caseNumber: kase.number,
      link: `${APP()}/portal/cases/${kase.id}`,
    });
    expect(m!.text).toContain(kase.number);
  });

  it("leaves neither the email nor the message when the transaction rolls back", async () => {
    const { kase, patient, coordinator } = await patientCase({ channels: ["WHATSAPP", "SMS"] });
    await expect(
      db.$transaction(async (tx) => {
        await changeStageIn(tx, {
          caseId: kase.id,
          to: "MEDICAL_REVIEW",
          actor: { id: coordinator.id, role: "COORDINATOR" },
        });
        // Inside the transaction both are there.
        expect(await tx.outboxMessage.count()).toBe(2);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await patientEmails(patient.email)).toHaveLength(0);
    expect(await db.outboxMessage.count()).toBe(0);
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe("ENQUIRY");
  });

  it("sends the email only without an opt-in, with an unproved number, or after a withdrawal", async () => {
    const plain = await patientCase();
    await toReview(plain.kase.id, plain.coordinator.id);
    expect(await patientEmails(plain.patient.email)).toHaveLength(1);
    expect(await db.outboxMessage.count()).toBe(0);

    const unproved = await patientCase({ channels: ["WHATSAPP"], proved: false });
    await toReview(unproved.kase.id, unproved.coordinator.id);
    expect(await patientEmails(unproved.patient.email)).toHaveLength(1);
    expect(await db.outboxMessage.count()).toBe(0);

    const withdrawn = await patientCase({ channels: ["WHATSAPP"] });
    await db.consent.updateMany({
      where: { userId: withdrawn.patient.id },
      data: { withdrawnAt: new Date() },
    });
    await toReview(withdrawn.kase.id, withdrawn.coordinator.id);
    expect(await patientEmails(withdrawn.patient.email)).toHaveLength(1);
    expect(await db.outboxMessage.count()).toBe(0);
  });

  it("sends free text inside WhatsApp's 24-hour window and a template outside; SMS always as text", async () => {
    const inside = await patientCase({
      channels: ["WHATSAPP", "SMS"],
      lastInbound: new Date(Date.now() - 60 * 60_000),
    });
    await toReview(inside.kase.id, inside.coordinator.id);
    const within = await db.outboxMessage.findMany({ where: { caseId: inside.kase.id } });
    expect(Object.fromEntries(within.map((m) => [m.channel, m.kind]))).toEqual({
      WHATSAPP: "TEXT",
      SMS: "TEXT",
    });

    const outside = await patientCase({
      channels: ["WHATSAPP", "SMS"],
      lastInbound: new Date(Date.now() - WHATSAPP_WINDOW_MS - 60_000),
    });
    await toReview(outside.kase.id, outside.coordinator.id);
    const after = await db.outboxMessage.findMany({ where: { caseId: outside.kase.id } });
    expect(Object.fromEntries(after.map((m) => [m.channel, m.kind]))).toEqual({
      WHATSAPP: "TEMPLATE",
      SMS: "TEXT",
    });
  });

  it("sends one message per stage change, and another for the next one", async () => {
    const { kase, coordinator } = await patientCase({ channels: ["WHATSAPP"] });
    await toReview(kase.id, coordinator.id);
    await db.case.update({
      where: { id: kase.id },
      data: { eligibility: "NOT_ELIGIBLE", eligibilityReason: "decided" },
    });
    await changeStage({
      caseId: kase.id,
      to: "NOT_ELIGIBLE",
      actor: { id: coordinator.id, role: "CLINICIAN" },
    });
    const messages = await db.outboxMessage.findMany({ where: { caseId: kase.id } });
    expect(messages).toHaveLength(2);
    expect(new Set(messages.map((m) => m.dedupeKey)).size).toBe(2);
  });
});

describe("notices on the patient's channels", () => {
  it("sends appointment notices as appointment_booked and others as case_update, once per notice", async () => {
    const { kase } = await patientCase({ channels: ["WHATSAPP"] });
    await db.$transaction((tx) => noticeToPatient(tx, kase.id, "messageWaiting"));
    await db.$transaction((tx) => noticeToPatient(tx, kase.id, "messageWaiting"));
    await db.$transaction((tx) =>
      noticeToPatient(tx, kase.id, "appointmentMoved", { path: "/appointments" }),
    );
    await db.$transaction((tx) => noticeToPatient(tx, kase.id, "appointmentCancelled"));
    const messages = await db.outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => m.template)).toEqual([
      "case_update",
      "case_update",
      "appointment_booked",
      "case_update",
    ]);
    expect(JSON.parse(messages[2]!.params).link).toBe(
      `${APP()}/portal/cases/${kase.id}/appointments`,
    );
    expect(await db.outboxEmail.count()).toBe(4);
  });

  it("sends one message for a batch, not again when the batch is rewritten, and waits with its email", async () => {
    const { kase } = await patientCase({ channels: ["WHATSAPP", "SMS"] });
    const key = `booking:${kase.id}`;
    const now = new Date();
    const first = await db.$transaction((tx) =>
      batchNoticeToPatient(tx, kase.id, "appointmentBooked", {}, { key, replace: null, now }),
    );
    expect(first).not.toBeNull();
    const later = new Date(now.getTime() + 30_000);
    const again = await db.$transaction((tx) =>
      batchNoticeToPatient(
        tx,
        kase.id,
        "appointmentsBooked",
        {},
        { key, replace: first!.id, now: later },
      ),
    );
    expect(again).toEqual(first);
    const messages = await db.outboxMessage.findMany();
    expect(messages.map((m) => m.channel).sort()).toEqual(["SMS", "WHATSAPP"]);
    const email = await db.outboxEmail.findUniqueOrThrow({ where: { id: first!.id } });
    for (const m of messages) {
      expect(m.template).toBe("appointment_booked");
      // Pushed out with the rewritten email, so both go once the batch is quiet.
      expect(m.nextAttemptAt.getTime()).toBe(email.nextAttemptAt.getTime());
    }

    // A new batch (the first one went out) is a new event.
    await db.outboxEmail.update({ where: { id: first!.id }, data: { status: "SENT" } });
    await db.$transaction((tx) =>
      batchNoticeToPatient(tx, kase.id, "appointmentBooked", {}, { key, replace: null }),
    );
    expect(await db.outboxMessage.count()).toBe(4);
  });
});

/** An opted-in patient's accepted case with four bookable steps on one chair. */
async function bookable() {
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
  await db.user.update({
    where: { id: made.patient.id },
    data: { phone: PHONE, phoneVerifiedAt: new Date() },
  });
  await db.consent.create({
    data: {
      userId: made.patient.id,
      purpose: CHANNEL_CONSENT_PURPOSE.WHATSAPP,
      version: CHANNEL_CONSENT_VERSION,
      locale: "en",
    },
  });
  await db.outboxMessage.deleteMany({});
  const steps: string[] = [];
  for (const position of [2, 3, 4]) {
    const step = await db.treatmentPlanStep.create({
      data: {
        caseId: made.kase.id,
        position,
        name: `Step ${position}`,
        resourceType: "CHAIR",
        durationMinutes: 60,
      },
    });
    steps.push(step.id);
  }
  const actorId = made.staff.coordinator.id;
  const book = (i: number, startsAt: string) =>
    bookPlanStep({
      caseId: made.kase.id,
      planStepId: steps[i]!,
      resourceId: chair.id,
      startsAt: new Date(startsAt),
      actorId,
      formKey: sentForm(),
    });
  return { made, chair, book, actorId };
}

describe("bookings on the patient's channels", () => {
  it("sends one message for a batch of bookings, none when the batch is all cancelled before it went", async () => {
    const { made, book, actorId } = await bookable();
    const a = await book(0, "2027-03-01T06:00:00Z");
    const b = await book(1, "2027-03-02T06:00:00Z");
    await book(2, "2027-03-03T06:00:00Z").then((c) =>
      cancelAppointment({ caseId: made.kase.id, appointmentId: c.id, actorId }),
    );
    const messages = await db.outboxMessage.findMany({ where: { caseId: made.kase.id } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ template: "appointment_booked", channel: "WHATSAPP" });
    const email = await db.outboxEmail.findFirstOrThrow({
      where: { batchKey: bookingBatchKey(made.kase.id) },
    });
    expect(messages[0]!.dedupeKey).toBe(
      `batch:${bookingBatchKey(made.kase.id)}:${email.id}:WHATSAPP`,
    );
    expect(messages[0]!.nextAttemptAt.getTime()).toBe(email.nextAttemptAt.getTime());

    // Everything of the batch cancelled before it went: neither the email nor the message goes.
    await cancelAppointment({ caseId: made.kase.id, appointmentId: a.id, actorId });
    await cancelAppointment({ caseId: made.kase.id, appointmentId: b.id, actorId });
    expect(await db.outboxEmail.count({ where: { id: email.id } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { caseId: made.kase.id } })).toBe(0);
  });

  it("sends a move after the booking went out as its own appointment_booked message", async () => {
    const { made, chair, book, actorId } = await bookable();
    const a = await book(0, "2027-03-01T06:00:00Z");
    // The batch went out.
    await db.outboxEmail.updateMany({ data: { status: "SENT" } });
    await db.outboxMessage.updateMany({ data: { status: "SENT" } });
    await rescheduleAppointment({
      caseId: made.kase.id,
      appointmentId: a.id,
      resourceId: chair.id,
      startsAt: new Date("2027-03-04T06:00:00Z"),
      actorId,
      formKey: sentForm(),
    });
    await cancelAppointment({ caseId: made.kase.id, appointmentId: a.id, actorId });
    const messages = await db.outboxMessage.findMany({
      where: { caseId: made.kase.id },
      orderBy: { createdAt: "asc" },
    });
    expect(messages.map((m) => [m.status, m.template])).toEqual([
      ["SENT", "appointment_booked"],
      ["PENDING", "appointment_booked"],
      ["PENDING", "case_update"],
    ]);
  });
});
