/**
 * Appointment reminders (issue 24 §4), on the real sweep (sendAppointmentReminders):
 * - the 24-hour reminder goes exactly once when three workers sweep at once: one email and
 *   one WhatsApp message; the 2-hour one later, once;
 * - none for a cancelled appointment; a moved one at its new time, not at its old;
 * - none whose moment came before the booking (booked 3 hours ahead: only the 2-hour one);
 * - each kind's rule is honoured;
 * - the time in the case's language and the patient's zone, the clinic's first for an
 *   in-clinic appointment, the patient's alone for the video consultation;
 * - a move through the real booking code (rescheduleAppointment) is reminded at its new time;
 * - the clinic settings page's reminder form refuses bad input beside the field, reads
 *   Arabic-Indic digits, and audits a change once.
 */
import { db } from "~/db.server";
import { env, resetEnvCache } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { renderMessage } from "~/infra/messages.server";
import { formatDateTime } from "~/lib/format";
import { CHANNEL_CONSENT_PURPOSE, CHANNEL_CONSENT_VERSION } from "~/lib/message-templates";
import { forgetClinicSettings } from "~/models/site/clinic-settings.server";
import { bookPlanStep, rescheduleAppointment } from "~/models/travel/booking.server";
import { reminderRules, sendAppointmentReminders } from "~/models/travel/reminders.server";
import { action as clinicAction, loader as clinicLoader } from "~/routes/staff.clinic";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { acceptedCase } from "./support/finance";
import { createCase, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Wednesday 3 February 2027, 08:00 UTC: 11:00 in Istanbul, 09:00 in Berlin. */
const T = new Date("2027-02-03T08:00:00Z");
const at = (ms: number) => new Date(T.getTime() + ms);

beforeEach(async () => {
  await resetDatabase();
  delete process.env.CLINIC_TIME_ZONE;
  resetEnvCache();
  forgetClinicSettings();
});

/** A patient (Berlin, the case in `locale`) opted in to WhatsApp with a proved number. */
async function optedInCase(locale = "en") {
  const made = await createCase({ locale });
  await db.user.update({
    where: { id: made.patient.id },
    data: {
      timeZone: "Europe/Berlin",
      phone: "+4915112345678",
      phoneVerifiedAt: new Date("2027-01-01T00:00:00Z"),
    },
  });
  await db.consent.create({
    data: {
      userId: made.patient.id,
      purpose: CHANNEL_CONSENT_PURPOSE.WHATSAPP,
      version: CHANNEL_CONSENT_VERSION,
      locale,
    },
  });
  return made;
}

/** A booked appointment at `startsAt`, booked at `bookedAt` (a week before unless said). */
async function appointment(
  caseId: string,
  options: { kind?: string; startsAt?: Date; bookedAt?: Date } = {},
) {
  const startsAt = options.startsAt ?? T;
  const bookedAt = options.bookedAt ?? new Date(startsAt.getTime() - 7 * 24 * HOUR);
  return db.appointment.create({
    data: {
      caseId,
      kind: options.kind ?? "TREATMENT",
      title: "Infusion",
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      createdAt: bookedAt,
      updatedAt: bookedAt,
    },
  });
}

const reminderEmails = (caseId: string) =>
  db.outboxEmail.findMany({
    where: { caseId, template: "notice", subject: { contains: "Reminder" } },
    orderBy: { createdAt: "asc" },
  });
const reminderMessages = (caseId: string) =>
  db.outboxMessage.findMany({
    where: { caseId, template: "appointment_reminder" },
    orderBy: { createdAt: "asc" },
  });

describe("the sweep", () => {
  it("sends the 24-hour reminder exactly once with three workers at once, and the 2-hour one later", async () => {
    const { kase } = await optedInCase();
    const a = await appointment(kase.id);
    // Not yet: a minute before the 24-hour moment.
    expect(await sendAppointmentReminders(at(-24 * HOUR - MINUTE))).toBe(0);

    const now = at(-24 * HOUR + MINUTE);
    const counts = await Promise.all([
      sendAppointmentReminders(now),
      sendAppointmentReminders(now),
      sendAppointmentReminders(now),
    ]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await reminderEmails(kase.id)).toHaveLength(1);
    const messages = await reminderMessages(kase.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      channel: "WHATSAPP",
      toPhone: "+4915112345678",
      dedupeKey: `reminder:${a.id}:1440:${T.getTime()}:WHATSAPP`,
    });
    // Swept again an hour later: nothing new.
    expect(await sendAppointmentReminders(at(-23 * HOUR))).toBe(0);

    // The 2-hour one, once.
    const later = at(-2 * HOUR + MINUTE);
    const again = await Promise.all([
      sendAppointmentReminders(later),
      sendAppointmentReminders(later),
      sendAppointmentReminders(later),
    ]);
    expect(again.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await reminderEmails(kase.id)).toHaveLength(2);
    expect(await reminderMessages(kase.id)).toHaveLength(2);
    expect(
      (await db.appointmentReminder.findMany({ orderBy: { offsetMinutes: "desc" } })).map(
        (r) => r.offsetMinutes,
      ),
    ).toEqual([1440, 120]);
    // Nothing once it has started.
    expect(await sendAppointmentReminders(at(MINUTE))).toBe(0);
  });

  it("sends nothing for a cancelled appointment", async () => {
    const { kase } = await optedInCase();
    const a = await appointment(kase.id);
    await db.appointment.update({
      where: { id: a.id },
      data: { status: "CANCELLED", cancelledAt: at(-30 * HOUR), sequence: 1 },
    });
    expect(await sendAppointmentReminders(at(-24 * HOUR + MINUTE))).toBe(0);
    expect(await sendAppointmentReminders(at(-2 * HOUR + MINUTE))).toBe(0);
    expect(await reminderEmails(kase.id)).toHaveLength(0);
    expect(await reminderMessages(kase.id)).toHaveLength(0);
  });

  it("reminds a moved appointment at its new time and not at its old", async () => {
    const { kase } = await optedInCase();
    // Booked well before; moved (now, by the wall clock) two days later.
    const old = new Date(Date.now() + 3 * 24 * HOUR);
    const moved = new Date(old.getTime() + 2 * 24 * HOUR);
    const a = await appointment(kase.id, {
      startsAt: old,
      bookedAt: new Date(Date.now() - 7 * 24 * HOUR),
    });
    await db.appointment.update({
      where: { id: a.id },
      data: { startsAt: moved, endsAt: new Date(moved.getTime() + HOUR), sequence: 1 },
    });
    expect(await sendAppointmentReminders(new Date(old.getTime() - 24 * HOUR + MINUTE))).toBe(0);
    expect(await sendAppointmentReminders(new Date(old.getTime() - 2 * HOUR + MINUTE))).toBe(0);
    expect(await sendAppointmentReminders(new Date(moved.getTime() - 24 * HOUR + MINUTE))).toBe(1);
    const [message] = await reminderMessages(kase.id);
    expect(message!.text).toContain(formatDateTime(moved, "en", "Europe/Berlin", "long"));
    expect(message!.text).not.toContain(formatDateTime(old, "en", "Europe/Berlin", "long"));
    expect(await db.appointmentReminder.findMany()).toEqual([
      expect.objectContaining({ appointmentId: a.id, offsetMinutes: 1440, startsAt: moved }),
    ]);
  });

  it("through the real booking and move: reminded at the new time only", async () => {
    const made = await acceptedCase();
    await db.user.update({
      where: { id: made.patient.id },
      data: { timeZone: "Europe/Berlin" },
    });
    const step = await db.treatmentPlanStep.create({
      data: {
        caseId: made.kase.id,
        position: 2,
        name: "Infusion",
        resourceType: "CHAIR",
        durationMinutes: 60,
      },
    });
    const chair = await db.resource.create({
      data: {
        name: "Chair 1",
        type: "CHAIR",
        hours: {
          create: [1, 2, 3, 4, 5].map((weekday) => ({
            weekday,
            startMinute: 480,
            endMinute: 1080,
          })),
        },
      },
    });
    // Monday 1 March 2027, 10:00 in Istanbul; moved to Tuesday at the same time.
    const old = new Date("2027-03-01T07:00:00Z");
    const moved = new Date("2027-03-02T07:00:00Z");
    const bookedAt = new Date("2027-02-20T09:00:00Z");
    const booked = await bookPlanStep({
      caseId: made.kase.id,
      planStepId: step.id,
      resourceId: chair.id,
      startsAt: old,
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now: bookedAt,
    });
    await rescheduleAppointment({
      caseId: made.kase.id,
      appointmentId: booked.id,
      resourceId: chair.id,
      startsAt: moved,
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now: bookedAt,
    });
    expect(await sendAppointmentReminders(new Date(old.getTime() - 24 * HOUR + MINUTE))).toBe(0);
    expect(await sendAppointmentReminders(new Date(old.getTime() - 2 * HOUR + MINUTE))).toBe(0);
    expect(await sendAppointmentReminders(new Date(moved.getTime() - 24 * HOUR + MINUTE))).toBe(1);
    // The last email of the case is the reminder, in the case's language, at the new time.
    const email = await db.outboxEmail.findFirstOrThrow({
      where: { caseId: made.kase.id },
      orderBy: { createdAt: "desc" },
    });
    const language = made.kase.language;
    expect(email.subject).toBe(
      getFixedT(language, "emails")("notice.appointmentReminder.subject", {
        caseNumber: made.kase.number,
      }),
    );
    expect(email.text.replace(/\s+/g, " ")).toContain(
      formatDateTime(moved, language, "Europe/Istanbul", "full"),
    );
    expect(email.text).not.toContain(formatDateTime(old, language, "Europe/Istanbul", "full"));
    expect(email.text).not.toContain("Infusion");
  });

  it("sends no reminder whose moment came before the booking: booked 3 hours ahead, only the 2-hour one", async () => {
    const { kase } = await optedInCase();
    await appointment(kase.id, { bookedAt: at(-3 * HOUR) });
    expect(await sendAppointmentReminders(at(-3 * HOUR + MINUTE))).toBe(0);
    expect(await sendAppointmentReminders(at(-2 * HOUR + MINUTE))).toBe(1);
    expect((await db.appointmentReminder.findMany()).map((r) => r.offsetMinutes)).toEqual([120]);
  });

  it("after the worker was down, sends only the latest reminder that has come", async () => {
    const { kase } = await optedInCase();
    await appointment(kase.id);
    expect(await sendAppointmentReminders(at(-HOUR))).toBe(1);
    expect(await reminderMessages(kase.id)).toHaveLength(1);
    expect((await db.appointmentReminder.findMany()).map((r) => r.offsetMinutes)).toEqual([120]);
  });

  it("honours each kind's rule", async () => {
    const { kase } = await optedInCase();
    await db.reminderRule.create({ data: { kind: "CONSULTATION", offsets: "60" } });
    const consultation = await appointment(kase.id, { kind: "CONSULTATION" });
    const treatment = await appointment(kase.id, { startsAt: at(30 * MINUTE) });
    // The treatment keeps the default; the consultation has only its one-hour reminder.
    expect(await sendAppointmentReminders(at(-24 * HOUR + 31 * MINUTE))).toBe(1);
    expect(await sendAppointmentReminders(at(-2 * HOUR + 31 * MINUTE))).toBe(1);
    expect(await sendAppointmentReminders(at(-HOUR + MINUTE))).toBe(1);
    const sent = await db.appointmentReminder.findMany({ orderBy: { sentAt: "asc" } });
    expect(sent.map((r) => [r.appointmentId, r.offsetMinutes])).toEqual([
      [treatment.id, 1440],
      [treatment.id, 120],
      [consultation.id, 60],
    ]);
  });
});

describe("the time it shows", () => {
  it("is in the case's language and the patient's zone, the clinic's first for an in-clinic appointment", async () => {
    const { kase } = await optedInCase("de");
    await appointment(kase.id);
    expect(await sendAppointmentReminders(at(-24 * HOUR + MINUTE))).toBe(1);
    const [message] = await reminderMessages(kase.id);
    const clinic = formatDateTime(T, "de", "Europe/Istanbul", "long");
    const own = formatDateTime(T, "de", "Europe/Berlin", "long");
    expect(clinic).toContain("11:00");
    expect(own).toContain("09:00");
    expect(message!.locale).toBe("de");
    expect(message!.text).toBe(
      renderMessage("appointment_reminder", "de", {
        clinicWhen: `${clinic} Ortszeit Istanbul (GMT+3), das ist `,
        when: `${own} Ihrer Zeit in Berlin (GMT+1)`,
        link: `${env().APP_URL.replace(/\/$/, "")}/portal/cases/${kase.id}/appointments`,
      }),
    );
    expect(message!.text.indexOf(clinic)).toBeLessThan(message!.text.indexOf(own));
    // The email says the same, in German, the clinic's time first.
    const [email] = await db.outboxEmail.findMany({
      where: { caseId: kase.id, subject: { startsWith: "Erinnerung" } },
    });
    expect(email!.locale).toBe("de");
    expect(email!.subject).toContain("Erinnerung");
    const text = email!.text.replace(/\s+/g, " ");
    expect(text).toContain(formatDateTime(T, "de", "Europe/Istanbul", "full"));
    expect(text.indexOf("Istanbul")).toBeLessThan(text.indexOf("Berlin"));
    // Nothing about what the appointment is for.
    expect(message!.text).not.toContain("Infusion");
    expect(email!.text).not.toContain("Infusion");
  });

  it("is the patient's own time alone for the video consultation", async () => {
    const { kase } = await optedInCase("fa");
    await appointment(kase.id, { kind: "CONSULTATION" });
    expect(await sendAppointmentReminders(at(-2 * HOUR + MINUTE))).toBe(1);
    const [message] = await reminderMessages(kase.id);
    expect(message!.locale).toBe("fa");
    expect(message!.text).toContain(formatDateTime(T, "fa", "Europe/Berlin", "long"));
    expect(message!.text).toContain("برلین");
    expect(message!.text).not.toContain("استانبول");
    expect(message!.text).not.toContain(formatDateTime(T, "fa", "Europe/Istanbul", "long"));
  });
});

describe("the rules on the clinic settings page", () => {
  async function admin() {
    const user = await createUser({ role: "ADMIN" });
    return { user, cookie: await cookieFor(user.id) };
  }
  const post = (cookie: string, hours: Record<string, string>) => {
    const form = new FormData();
    form.append("intent", "reminders");
    for (const [k, v] of Object.entries(hours)) form.append(k, v);
    return call(clinicAction, { path: "/staff/clinic", cookie, form });
  };

  it("shows the defaults, refuses bad input beside the field and keeps what was typed", async () => {
    const { cookie } = await admin();
    const page = await call(clinicLoader, { path: "/staff/clinic", cookie });
    expect((page.data as { reminders: Record<string, string> }).reminders).toEqual({
      CONSULTATION: "24, 2",
      TREATMENT: "24, 2",
    });
    for (const [typed, message] of [
      ["", /at least one/],
      ["soon", /numbers of hours/],
      ["0.1", /between 0.25 hours .* and 336 hours/],
      ["400", /between 0.25 hours/],
      ["48, 24, 2, 1", /At most 3/],
    ] as const) {
      const bad = await post(cookie, { CONSULTATION: typed, TREATMENT: "24, 2" });
      expect(bad.status, typed).toBe(400);
      const reply = formReply(bad);
      expect(reply.form).toBe("reminders");
      expect(Object.keys(reply.errors)).toEqual(["CONSULTATION"]);
      expect(reply.errors.CONSULTATION).toMatch(message);
      if (typed) expect(reply.values.CONSULTATION).toBe(typed);
    }
    expect(await db.reminderRule.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: "clinic.reminders.edit" } })).toBe(0);
  });

  it("reads Arabic-Indic digits and the Arabic comma, saves and audits a change once", async () => {
    const { user, cookie } = await admin();
    const saved = await post(cookie, { CONSULTATION: "٤٨، ١٫٥", TREATMENT: "24, 2" });
    expect(saved.status).toBe(200);
    expect(formReply(saved).done).toMatch(/Reminder times saved/);
    expect(await reminderRules()).toEqual({ CONSULTATION: [2880, 90], TREATMENT: [1440, 120] });
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "clinic.reminders.edit" } });
    expect(log.actorId).toBe(user.id);
    expect(JSON.parse(log.detail!)).toEqual({
      before: { CONSULTATION: "1440,120" },
      after: { CONSULTATION: "2880,90" },
    });
    // The same again changes nothing and is not audited twice.
    const again = await post(cookie, { CONSULTATION: "48, 1.5", TREATMENT: "2, 24" });
    expect(formReply(again).done).toMatch(/Nothing had changed/);
    expect(await db.auditLog.count({ where: { action: "clinic.reminders.edit" } })).toBe(1);
    const page = await call(clinicLoader, { path: "/staff/clinic", cookie });
    expect((page.data as { reminders: Record<string, string> }).reminders.CONSULTATION).toBe(
      "48, 1.5",
    );
  });

  it("is for clinic:edit holders only", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const refused = await post(await cookieFor(coordinator.id), {
      CONSULTATION: "12",
      TREATMENT: "12",
    });
    expect(refused.status).toBe(403);
    expect(await db.reminderRule.count()).toBe(0);
  });
});
