import { db, dialect } from "~/db.server";
import { resetDatabase } from "../../../tests/support/db";
import { createCase, createStaff } from "../../../tests/support/factories";
import { changeStage, StageChangeError } from "~/models/cases/stage.server";

beforeEach(resetDatabase);

type Staff = Awaited<ReturnType<typeof createStaff>>;
/** The usual first step of a journey: a coordinator routes the enquiry to medical review. */
const sendToReview = (caseId: string, staff: Staff) =>
  changeStage({
    caseId,
    to: "MEDICAL_REVIEW",
    actor: { id: staff.coordinator.id, role: "COORDINATOR" },
  });

async function snapshot(caseId: string) {
  const [kase, events, emails] = await Promise.all([
    db.case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true } }),
    db.caseEvent.count({ where: { caseId } }),
    db.outboxEmail.count({ where: { caseId } }),
  ]);
  return { stage: kase.stage, events, emails };
}

describe("openCase", () => {
  it("creates a numbered case in ENQUIRY with its event and the enquiry emails in each reader's language", async () => {
    const staff = await createStaff();
    const { kase, patient } = await createCase({ locale: "ar", patientName: "فاطمة الحربي" });
    expect(kase.number).toMatch(/^MT-\d{4}-\d{6}$/);
    expect(kase.stage).toBe("ENQUIRY");
    const emails = await db.outboxEmail.findMany({
      where: { caseId: kase.id },
      orderBy: { toEmail: "asc" },
    });
    // The patient (in Arabic) and, with no coordinator assigned, every coordinator (in theirs).
    expect(emails.map((e) => [e.toEmail, e.locale]).sort()).toEqual(
      [
        [patient.email, "ar"],
        [staff.coordinator.email, "tr"],
      ].sort(),
    );
    const toPatient = emails.find((e) => e.toEmail === patient.email)!;
    expect(toPatient.subject).toContain("لقد استلمنا استفسارك");
    expect(toPatient.html).toContain('dir="rtl"');
    expect(toPatient.text).toContain("http://localhost:3999/portal");
    const toCoordinator = emails.find((e) => e.toEmail === staff.coordinator.email)!;
    expect(toCoordinator.subject).toBe(`Yeni başvuru ${kase.number}`);
    expect(toCoordinator.text).toContain(`/staff/cases/${kase.id}`);
  });

  it("numbers cases without gaps or repeats", async () => {
    const numbers = [];
    for (let i = 0; i < 5; i++) numbers.push((await createCase()).kase.number);
    const seq = numbers.map((n) => Number(n.split("-")[2]));
    expect(new Set(numbers).size).toBe(5);
    for (let i = 1; i < seq.length; i++) expect(seq[i]).toBe(seq[i - 1]! + 1);
  });
});

describe("changeStage", () => {
  it("writes the stage, the timeline event and every party's emails together", async () => {
    const staff = await createStaff();
    const { kase, patient } = await createCase({ locale: "de", coordinatorId: null });
    const before = await snapshot(kase.id);
    const result = await sendToReview(kase.id, staff);
    expect(result).toMatchObject({ from: "ENQUIRY", to: "MEDICAL_REVIEW" });
    const after = await snapshot(kase.id);
    expect(after.stage).toBe("MEDICAL_REVIEW");
    expect(after.events).toBe(before.events + 1);
    const event = await db.caseEvent.findUniqueOrThrow({ where: { id: result.eventId! } });
    expect(event).toMatchObject({
      type: "STAGE_CHANGE",
      fromStage: "ENQUIRY",
      toStage: "MEDICAL_REVIEW",
      actorId: staff.coordinator.id,
    });
    const queued = await db.outboxEmail.findMany({ where: { id: { in: result.emails } } });
    // Who hears what (docs/architecture.md): MEDICAL_REVIEW tells the patient (own language) and the clinicians.
    expect(queued.map((e) => e.toEmail).sort()).toEqual(
      [patient.email, staff.clinician.email].sort(),
    );
    expect(queued.find((e) => e.toEmail === patient.email)?.subject).toBe(
      "Ihr Fall wird ärztlich geprüft",
    );
  });

  it("refuses an illegal transition and writes nothing", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    const before = await snapshot(kase.id);
    await expect(
      changeStage({
        caseId: kase.id,
        to: "DEPOSIT_PAID",
        actor: { id: staff.finance.id, role: "FINANCE" },
      }),
    ).rejects.toMatchObject({ code: "not_allowed" });
    expect(await snapshot(kase.id)).toEqual(before);
  });

  it("refuses a clinician-only decision made by a coordinator, even with the decision recorded", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    await sendToReview(kase.id, staff);
    await db.case.update({
      where: { id: kase.id },
      data: { eligibility: "NOT_ELIGIBLE", eligibilityReason: "Active infection" },
    });
    await expect(
      changeStage({
        caseId: kase.id,
        to: "NOT_ELIGIBLE",
        actor: { id: staff.coordinator.id, role: "COORDINATOR" },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      changeStage({
        caseId: kase.id,
        to: "NOT_ELIGIBLE",
        actor: { id: staff.clinician.id, role: "CLINICIAN" },
      }),
    ).resolves.toMatchObject({ to: "NOT_ELIGIBLE" });
  });

  it("reads guards from the database: no quote goes out before a clinician marks the case eligible", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    await sendToReview(kase.id, staff);
    await db.quote.create({
      data: { caseId: kase.id, version: 1, status: "ISSUED", currency: "EUR", totalMinor: 100 },
    });
    const err = await changeStage({
      caseId: kase.id,
      to: "QUOTED",
      actor: { id: staff.finance.id, role: "FINANCE" },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StageChangeError);
    expect((err as StageChangeError).failures).toEqual(["guard.eligibleDecisionMissing"]);
    await db.case.update({ where: { id: kase.id }, data: { eligibility: "ELIGIBLE" } });
    await expect(
      changeStage({
        caseId: kase.id,
        to: "QUOTED",
        actor: { id: staff.finance.id, role: "FINANCE" },
      }),
    ).resolves.toMatchObject({ to: "QUOTED" });
  });

  it("rolls back the stage and the event when queueing an email fails", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    const before = await snapshot(kase.id);
    // Make the outbox insert fail inside the transaction, as a full disk or broken table would.
    if (dialect === "postgresql") {
      await db.$executeRawUnsafe(
        `CREATE FUNCTION fail_outbox() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$ LANGUAGE plpgsql`,
      );
      await db.$executeRawUnsafe(
        `CREATE TRIGGER fail_outbox BEFORE INSERT ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION fail_outbox()`,
      );
    } else {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER fail_outbox BEFORE INSERT ON OutboxEmail BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`,
      );
    }
    try {
      await expect(
        changeStage({
          caseId: kase.id,
          to: "MEDICAL_REVIEW",
          actor: { id: staff.coordinator.id, role: "COORDINATOR" },
        }),
      ).rejects.toThrow();
    } finally {
      if (dialect === "postgresql") {
        await db.$executeRawUnsafe(`DROP TRIGGER fail_outbox ON "OutboxEmail"`);
        await db.$executeRawUnsafe("DROP FUNCTION fail_outbox");
      } else {
        await db.$executeRawUnsafe("DROP TRIGGER fail_outbox");
      }
    }
    expect(await snapshot(kase.id)).toEqual(before);
  });

  it("lets exactly one of two simultaneous changes win", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    const actor = { id: staff.coordinator.id, role: "COORDINATOR" };
    const results = await Promise.allSettled([
      changeStage({ caseId: kase.id, to: "MEDICAL_REVIEW", actor, expectedFrom: "ENQUIRY" }),
      changeStage({
        caseId: kase.id,
        to: "CANCELLED",
        actor,
        reason: "duplicate",
        expectedFrom: "ENQUIRY",
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StageChangeError);
    const events = await db.caseEvent.count({ where: { caseId: kase.id, fromStage: "ENQUIRY" } });
    expect(events).toBe(1);
  });

  it("answers the same move sent again as done already, with nothing written or sent", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    const actor = { id: staff.coordinator.id, role: "COORDINATOR" };
    const move = {
      caseId: kase.id,
      to: "MEDICAL_REVIEW",
      actor,
      expectedFrom: "ENQUIRY",
      sameMoveIsDone: true,
    } as const;
    expect(await changeStage(move)).toMatchObject({ already: false });
    const before = await snapshot(kase.id);
    const emails = await db.outboxEmail.count();
    expect(await changeStage(move)).toMatchObject({ already: true, eventId: null, emails: [] });
    expect(await snapshot(kase.id)).toEqual(before);
    expect(await db.outboxEmail.count()).toBe(emails);
    // Only for the form that asks, and only for someone who may make that move.
    await expect(changeStage({ ...move, sameMoveIsDone: false })).rejects.toMatchObject({
      code: "stale",
    });
    await expect(
      changeStage({ ...move, actor: { id: staff.finance.id, role: "FINANCE" } }),
    ).rejects.toMatchObject({ code: "stale" });
  });

  it("refuses a change made from a stale form", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    const actor = { id: staff.coordinator.id, role: "COORDINATOR" };
    await changeStage({ caseId: kase.id, to: "MEDICAL_REVIEW", actor });
    await expect(
      changeStage({
        caseId: kase.id,
        to: "CANCELLED",
        actor,
        reason: "x",
        expectedFrom: "ENQUIRY",
      }),
    ).rejects.toMatchObject({ code: "stale" });
  });

  it("answers not_found for an unknown case", async () => {
    await expect(
      changeStage({ caseId: "nope", to: "MEDICAL_REVIEW", actor: null }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("writes the assigned coordinator, not every coordinator, once one is assigned", async () => {
    const staff = await createStaff();
    const { kase, patient } = await createCase({ coordinatorId: staff.coordinator.id });
    await db.user.create({
      data: { email: "other-coord@test.clinic", name: "Other", role: "COORDINATOR" },
    });
    await sendToReview(kase.id, staff);
    const cancelled = await changeStage({
      caseId: kase.id,
      to: "CANCELLED",
      actor: { id: staff.coordinator.id, role: "COORDINATOR" },
      reason: "Patient withdrew",
    });
    const queued = await db.outboxEmail.findMany({ where: { id: { in: cancelled.emails } } });
    // CANCELLED: patient, coordinator (assigned one only), finance.
    expect(queued.map((e) => e.toEmail).sort()).toEqual(
      [patient.email, staff.coordinator.email, staff.finance.email].sort(),
    );
    // The reason may hold health detail, so it is never in an email.
    for (const e of queued) expect(e.text + e.html).not.toContain("Patient withdrew");
  });
});
