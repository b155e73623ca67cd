/**
 * The outbox delivers through a real SMTP server started in this process. These tests cover
 * delivery, SMTP being down and coming back (nothing lost, nothing sent twice), giving up
 * after the maximum attempts, and two dispatchers competing for the same rows.
 */
import fs from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { closeMailer } from "~/infra/mailer.server";
import { backoffMs, dispatchDue, retryEmail } from "~/infra/outbox.server";
import { changeStage } from "~/models/cases/stage.server";
import { resetDatabase } from "./support/db";
import { createCase, createStaff } from "./support/factories";
import { startSmtp, type TestSmtp } from "./support/smtp";

let smtp: TestSmtp | undefined;

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  process.env.OUTBOX_BACKOFF_MS = "1000";
  process.env.OUTBOX_MAX_ATTEMPTS = "4";
  resetEnvCache();
  closeMailer();
}

beforeEach(resetDatabase);
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  useSmtp(undefined);
});

const later = (ms: number) => new Date(Date.now() + ms);

describe("delivery over SMTP", () => {
  it("sends each queued email once, with HTML and text parts, in the recipient's language", async () => {
    smtp = await startSmtp();
    useSmtp(smtp.url);
    await createStaff();
    const { kase, patient } = await createCase({
      locale: "ar",
      patientName: "فاطمة <b>الحربي</b>",
    });
    const queued = await db.outboxEmail.count({ where: { caseId: kase.id } });
    expect(queued).toBe(2);

    const result = await dispatchDue();
    expect(result).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const messages = await smtp.waitFor(2);
    expect(messages).toHaveLength(2);
    const toPatient = messages.find(
      (m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === patient.email,
    )!;
    expect(toPatient.subject).toBe(`لقد استلمنا استفسارك (${kase.number})`);
    expect(toPatient.text).toContain("http://localhost:3999/portal");
    expect(toPatient.html).toContain('dir="rtl"');
    // User content is escaped in the HTML part.
    expect(toPatient.html).toContain("فاطمة &lt;b&gt;الحربي&lt;/b&gt;");
    expect(toPatient.messageId).toMatch(/@outbox\.medtravel>$/);

    const rows = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1 && r.sentAt)).toBe(true);
    // Nothing is due any more: a second pass sends nothing.
    expect(await dispatchDue({ now: later(3_600_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(smtp.messages).toHaveLength(2);
  });

  it("keeps emails while SMTP is down and delivers each exactly once when it returns", async () => {
    // Find a free port, then leave nothing listening on it: SMTP is down.
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    useSmtp(`smtp://127.0.0.1:${port}`);

    const staff = await createStaff();
    const { kase } = await createCase({ locale: "ru" });
    await changeStage({
      caseId: kase.id,
      to: "MEDICAL_REVIEW",
      actor: { id: staff.coordinator.id, role: "COORDINATOR" },
    });
    const total = await db.outboxEmail.count();
    expect(total).toBe(4); // ENQUIRY: patient + coordinator; MEDICAL_REVIEW: patient + clinician

    const down = await dispatchDue();
    expect(down).toEqual({ sent: 0, retrying: total, failed: 0 });
    const waiting = await db.outboxEmail.findMany();
    for (const row of waiting) {
      expect(row.status).toBe("PENDING");
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBeTruthy();
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    }
    // Not due yet: an immediate second pass leaves them alone (backoff).
    expect(await dispatchDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    smtp = await startSmtp(port);
    const back = await dispatchDue({ now: later(backoffMs(1, 1000) + 100) });
    expect(back).toEqual({ sent: total, retrying: 0, failed: 0 });
    await smtp.waitFor(total);
    // Run the dispatcher again and again: nothing more is sent.
    await dispatchDue({ now: later(3_600_000) });
    await dispatchDue({ now: later(7_200_000) });
    expect(smtp.messages).toHaveLength(total);
    const ids = new Set(smtp.messages.map((m) => m.messageId));
    expect(ids.size).toBe(total);
    expect(await db.outboxEmail.count({ where: { status: "SENT" } })).toBe(total);
  });

  it("doubles the delay between attempts and marks the email FAILED after the maximum", async () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(40, 1000)).toBe(3_600_000);

    const probe = await startSmtp();
    await probe.close();
    useSmtp(`smtp://127.0.0.1:${probe.port}`);
    await createCase(); // one email: the patient's (no coordinators exist)
    let now = Date.now();
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      now += 3_600_000;
      outcomes.push(await dispatchDue({ now: new Date(now) }));
    }
    expect(outcomes.map((o) => o.failed)).toEqual([0, 0, 0, 1]);
    const row = await db.outboxEmail.findFirstOrThrow();
    expect(row).toMatchObject({ status: "FAILED", attempts: 4 });
    // A failed email is not retried by itself…
    expect(await dispatchDue({ now: new Date(now + 3_600_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    // …until an admin puts it back, and then it goes out once SMTP works.
    smtp = await startSmtp();
    useSmtp(smtp.url);
    expect(await retryEmail(row.id)).toBe(true);
    expect(await dispatchDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await smtp.waitFor(1)).toHaveLength(1);
  });

  it("never sends one row twice when two dispatchers run at once", async () => {
    smtp = await startSmtp();
    useSmtp(smtp.url);
    await createStaff();
    for (let i = 0; i < 6; i++) await createCase();
    const total = await db.outboxEmail.count();
    expect(total).toBe(12);
    const [a, b] = await Promise.all([
      dispatchDue({ owner: "worker-a", limit: 50 }),
      dispatchDue({ owner: "worker-b", limit: 50 }),
    ]);
    expect(a.sent + b.sent).toBe(total);
    await smtp.waitFor(total);
    expect(smtp.messages).toHaveLength(total);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(total);
  });
});

describe("delivery without SMTP", () => {
  it("writes each email as an .eml file for admins to read", async () => {
    useSmtp(undefined);
    const { kase } = await createCase({ locale: "tr" });
    expect(await dispatchDue()).toMatchObject({ sent: 1 });
    const row = await db.outboxEmail.findFirstOrThrow({ where: { caseId: kase.id } });
    const file = path.join(process.env.MAIL_DIR!, `${row.id}.eml`);
    const raw = fs.readFileSync(file, "utf8");
    expect(raw).toMatch(/^Subject: /m);
    expect(raw).toContain(`Message-ID: <${row.id}@outbox.medtravel>`);
  });
});
