/**
 * The first-response SLA: the reminder before the deadline goes to the right people, in
 * their language, exactly once, even with two workers sweeping at the same moment; a paused
 * or answered case gets none; and every email of it really goes out over SMTP.
 */
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { dispatchDue } from "~/infra/outbox.server";
import { sendFirstResponseReminders } from "~/models/cases/sla.server";
import { messagePatient } from "~/models/cases/workspace.server";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { startSmtp, type TestSmtp } from "./support/smtp";
import { sentForm } from "./support/enquiry-form";

const HOUR = 3_600_000;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await smtp.close();
});
beforeEach(async () => {
  await resetDatabase();
  smtp.messages.length = 0;
});

/** A new enquiry whose first reply is due `hoursLeft` from now, with the ENQUIRY emails cleared. */
async function enquiryDueIn(hoursLeft: number, coordinatorId: string | null = null) {
  const made = await createCase({ coordinatorId });
  await db.case.update({
    where: { id: made.kase.id },
    data: { firstResponseDueAt: new Date(Date.now() + hoursLeft * HOUR) },
  });
  await db.outboxEmail.deleteMany({});
  return made;
}

const reminders = () => db.outboxEmail.findMany({ orderBy: { toEmail: "asc" } });

describe("first-response reminders", () => {
  it("reminds every coordinator of an unassigned case before the deadline, in their language, once", async () => {
    const staff = await createStaff();
    const second = await createUser({ role: "COORDINATOR", locale: "ar", name: "Omar" });
    const { kase } = await enquiryDueIn(3); // inside the default 4-hour lead
    await enquiryDueIn(10); // not yet

    expect(await sendFirstResponseReminders()).toBe(1);
    expect(await sendFirstResponseReminders()).toBe(0);
    const queued = await reminders();
    expect(queued.map((m) => [m.toEmail, m.locale])).toEqual(
      [
        [staff.coordinator.email, "tr"],
        [second.email, "ar"],
      ].sort(),
    );
    for (const m of queued) {
      expect(m.caseId).toBe(kase.id);
      expect(m.text).toContain(`/staff/cases/${kase.id}`);
    }
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "SLA_REMINDER" } })).toBe(1);

    await dispatchDue();
    const got = await smtp.waitFor(2);
    expect(got).toHaveLength(2);
    const turkish = got.find(
      (m) => m.to && JSON.stringify(m.to).includes(staff.coordinator.email),
    )!;
    expect(turkish.subject).toContain(kase.number);
    expect(turkish.text).toBeTruthy();
  });

  it("reminds only the assigned coordinator when there is one", async () => {
    const staff = await createStaff();
    await createUser({ role: "COORDINATOR", name: "Someone else" });
    await enquiryDueIn(1, staff.coordinator.id);
    await sendFirstResponseReminders();
    expect((await reminders()).map((m) => m.toEmail)).toEqual([staff.coordinator.email]);
  });

  it("sends one reminder when two workers sweep at the same moment", async () => {
    await createStaff();
    for (let i = 0; i < 5; i++) await enquiryDueIn(2);
    const [a, b, c] = await Promise.all([
      sendFirstResponseReminders(),
      sendFirstResponseReminders(),
      sendFirstResponseReminders(),
    ]);
    expect(a + b + c).toBe(5);
    expect(await db.outboxEmail.count()).toBe(5);
  });

  it("sends none for a case already answered or waiting on the patient", async () => {
    const staff = await createStaff();
    const answered = await enquiryDueIn(1);
    await messagePatient(
      answered.kase.id,
      { id: staff.coordinator.id, role: "COORDINATOR" },
      "Hello",
      sentForm(),
    );
    const paused = await enquiryDueIn(1);
    await db.case.update({ where: { id: paused.kase.id }, data: { slaPausedAt: new Date() } });
    await db.outboxEmail.deleteMany({});
    expect(await sendFirstResponseReminders()).toBe(0);
    expect(await db.outboxEmail.count()).toBe(0);
  });
});

describe("failed emails", () => {
  it("marks an email FAILED after its retries, shows it on the case timeline and alerts admins", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    await db.outboxEmail.updateMany({
      where: { caseId: kase.id },
      data: { toEmail: "nobody@invalid" },
    });
    process.env.OUTBOX_MAX_ATTEMPTS = "1";
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens on the discard port
    resetEnvCache();
    try {
      const r = await dispatchDue();
      expect(r.failed).toBeGreaterThan(0);
    } finally {
      delete process.env.OUTBOX_MAX_ATTEMPTS;
      process.env.SMTP_URL = smtp.url;
      resetEnvCache();
    }
    const { loader } = await import("~/routes/staff");
    const { call, cookieFor } = await import("./support/requests");
    const admin = await call(loader, { path: "/staff", cookie: await cookieFor(staff.admin.id) });
    expect((admin.data as { failedEmails: number }).failedEmails).toBeGreaterThan(0);
    const coordinator = await call(loader, {
      path: "/staff",
      cookie: await cookieFor(staff.coordinator.id),
    });
    expect((coordinator.data as { failedEmails: number }).failedEmails).toBe(0);
    const { loader: caseLoader } = await import("~/routes/staff.cases.$caseId");
    const page = await call(caseLoader, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: await cookieFor(staff.coordinator.id),
    });
    const emails = (page.data as { kase: { emails: { status: string; lastError: string }[] } }).kase
      .emails;
    expect(emails.some((e) => e.status === "FAILED" && e.lastError)).toBe(true);
  });
});
