/**
 * The pipeline's work beyond reading (issue 22): saved views per user, bulk assignment and
 * stage moves (each case through its own writer, with a summary of what was refused and why),
 * the CSV export of the current view, and unread counts on rows and cards.
 */
import { db } from "~/db.server";
import { action as pipelineAction, loader as pipelineLoader } from "~/routes/staff.cases._index";
import { loader as csvLoader } from "~/routes/staff.cases[.]csv";
import { resetDatabase } from "./support/db";
import { formKey } from "./support/enquiry-form";
import { createCase, createStaff as createTeam, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

beforeEach(resetDatabase);

/** The staff team, the coordinator reading English (the factory's reads Turkish). */
async function createStaff() {
  const team = await createTeam();
  await db.user.update({ where: { id: team.coordinator.id }, data: { locale: "en" } });
  return team;
}

const PATH = "/staff/cases?index";

function post(cookie: string, fields: [string, string][], lang = "en", path = PATH) {
  return call(pipelineAction, { path, cookie, form: new URLSearchParams(fields), lang });
}

interface BulkData {
  form: string;
  bulk?: { done: string; already: string | null; refused: { number: string; reason: string }[] };
}

describe("saved views", () => {
  it("saves the current filters under a name per user, lists, renames and deletes them", async () => {
    const { coordinator, clinician } = await createStaff();
    const me = await cookieFor(coordinator.id);
    const saved = await post(me, [
      ["intent", "saveView"],
      ["name", "  My overdue  "],
      ["query", "?overdue=1&page=3&bogus=1&stage=ENQUIRY"],
      ["_key", formKey()],
    ]);
    expect(saved.status).toBe(200);
    expect(formReply(saved)).toMatchObject({ form: "saveView", done: "View saved." });
    const view = await db.savedView.findFirstOrThrow({ where: { userId: coordinator.id } });
    // The name is cleaned; the query is the pipeline's own (known filters, no page).
    expect(view).toMatchObject({ name: "My overdue", query: "?stage=ENQUIRY&overdue=1" });

    // Listed on the page for its owner only.
    const page = await call(pipelineLoader, { path: "/staff/cases", cookie: me });
    expect((page.data as { savedViews: { name: string }[] }).savedViews).toEqual([
      { id: view.id, name: "My overdue", query: "?stage=ENQUIRY&overdue=1" },
    ]);
    const theirs = await call(pipelineLoader, {
      path: "/staff/cases",
      cookie: await cookieFor(clinician.id),
    });
    expect((theirs.data as { savedViews: unknown[] }).savedViews).toEqual([]);

    // A second view of the same name: refused beside the field, in the reader's language.
    await db.user.update({ where: { id: coordinator.id }, data: { locale: "de" } });
    const again = await post(
      me,
      [
        ["intent", "saveView"],
        ["name", "my overdue".replace("my", "My")],
        ["query", ""],
        ["_key", formKey()],
      ],
      "de",
    );
    expect(again.status).toBe(409);
    expect(formReply(again).errors.name).toBe(
      "Sie haben bereits eine Ansicht mit diesem Namen. Wählen Sie einen anderen.",
    );
    await db.user.update({ where: { id: coordinator.id }, data: { locale: "en" } });
    // Another user may use the same name.
    const other = await post(await cookieFor(clinician.id), [
      ["intent", "saveView"],
      ["name", "My overdue"],
      ["query", "?flagged=1"],
      ["_key", formKey()],
    ]);
    expect(other.status).toBe(200);
    expect(await db.savedView.count()).toBe(2);

    // Rename: to a taken name refused, to a free one done; an empty name refused.
    await post(me, [
      ["intent", "saveView"],
      ["name", "Unassigned"],
      ["query", "?coordinator=none"],
      ["_key", formKey()],
    ]);
    const clash = await post(me, [
      ["intent", "renameView"],
      ["id", view.id],
      ["name", "Unassigned"],
    ]);
    expect(clash.status).toBe(409);
    expect(formReply(clash)).toMatchObject({
      form: `renameView-${view.id}`,
      errors: { name: "You already have a view with this name. Choose another name." },
    });
    const empty = await post(me, [
      ["intent", "renameView"],
      ["id", view.id],
      ["name", "   "],
    ]);
    expect(empty.status).toBe(400);
    expect(formReply(empty).errors.name).toBe("Give the view a name.");
    const renamed = await post(me, [
      ["intent", "renameView"],
      ["id", view.id],
      ["name", "Late replies"],
    ]);
    expect(formReply(renamed).done).toBe("View renamed.");
    expect((await db.savedView.findUniqueOrThrow({ where: { id: view.id } })).name).toBe(
      "Late replies",
    );

    // Someone else's view is not found, and stays.
    const theirView = await db.savedView.findFirstOrThrow({ where: { userId: clinician.id } });
    const foreign = await post(me, [
      ["intent", "deleteView"],
      ["id", theirView.id],
    ]);
    expect(foreign.status).toBe(404);
    expect(await db.savedView.count({ where: { id: theirView.id } })).toBe(1);

    const deleted = await post(me, [
      ["intent", "deleteView"],
      ["id", view.id],
    ]);
    expect(formReply(deleted).done).toBe("View deleted.");
    expect(await db.savedView.count({ where: { id: view.id } })).toBe(0);
  });

  it("does not save the same form twice (its key)", async () => {
    const { coordinator } = await createStaff();
    const me = await cookieFor(coordinator.id);
    const key = formKey();
    const fields: [string, string][] = [
      ["intent", "saveView"],
      ["name", "Twice"],
      ["query", ""],
      ["_key", key],
    ];
    expect((await post(me, fields)).status).toBe(200);
    expect((await post(me, fields)).status).toBe(409);
    expect(await db.savedView.count()).toBe(1);
  });
});

describe("bulk actions", () => {
  async function cases() {
    const { coordinator, clinician, admin } = await createStaff();
    const a = (await createCase({ patientName: "Anna A" })).kase;
    const b = (await createCase({ patientName: "Bilal B" })).kase;
    const closed = (await createCase({ patientName: "Closed C" })).kase;
    const inReview = (await createCase({ patientName: "Review R" })).kase;
    await db.case.update({ where: { id: closed.id }, data: { stage: "CLOSED" } });
    await db.case.update({ where: { id: inReview.id }, data: { stage: "MEDICAL_REVIEW" } });
    return { coordinator, clinician, admin, a, b, closed, inReview };
  }

  it("moves each case through the stage machine and sums up what was done and refused", async () => {
    const { coordinator, a, b, closed, inReview } = await cases();
    const before = {
      events: await db.caseEvent.count({ where: { caseId: closed.id } }),
      emails: await db.outboxEmail.count({ where: { caseId: closed.id } }),
    };
    const res = await post(await cookieFor(coordinator.id), [
      ["intent", "bulk"],
      ["op", "move"],
      ["to", "MEDICAL_REVIEW"],
      ["ids", a.id],
      ["ids", b.id],
      ["ids", closed.id],
      ["ids", inReview.id],
    ]);
    expect(res.status).toBe(200);
    const reply = res.data as BulkData;
    expect(reply.bulk).toEqual({
      done: "Cases changed: 2.",
      already: "Already as asked: 1.",
      refused: [
        {
          number: closed.number,
          reason: "This stage change is not allowed from the current stage.",
        },
      ],
    });
    // The moved ones: each its own stage event and audit row, and their emails.
    for (const kase of [a, b]) {
      expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe(
        "MEDICAL_REVIEW",
      );
      expect(
        await db.caseEvent.count({
          where: { caseId: kase.id, type: "STAGE_CHANGE", toStage: "MEDICAL_REVIEW" },
        }),
      ).toBe(1);
      expect(
        await db.auditLog.count({
          where: { caseId: kase.id, action: "case.stage_change", outcome: "success" },
        }),
      ).toBe(1);
    }
    // The refused one: untouched, nothing written but the refusal's audit row.
    expect((await db.case.findUniqueOrThrow({ where: { id: closed.id } })).stage).toBe("CLOSED");
    expect(await db.caseEvent.count({ where: { caseId: closed.id } })).toBe(before.events);
    expect(await db.outboxEmail.count({ where: { caseId: closed.id } })).toBe(before.emails);
    expect(
      await db.auditLog.findFirstOrThrow({
        where: { caseId: closed.id, action: "case.stage_change" },
      }),
    ).toMatchObject({ outcome: "refused" });
  });

  it("names each failing guard, in the reader's language, and moves the cases it allows", async () => {
    const { coordinator, a, b } = await cases();
    await db.user.update({ where: { id: coordinator.id }, data: { locale: "de" } });
    const cookie = await cookieFor(coordinator.id);
    // Cancelling needs a reason: without one every case is refused and none is cancelled.
    const none = await post(
      cookie,
      [
        ["intent", "bulk"],
        ["op", "move"],
        ["to", "CANCELLED"],
        ["ids", a.id],
        ["ids", b.id],
      ],
      "de",
    );
    const refused = (none.data as BulkData).bulk!;
    expect(refused.done).toBe("Geänderte Fälle: 0.");
    expect(refused.refused.map((r) => r.number).sort()).toEqual([a.number, b.number].sort());
    expect(refused.refused[0]!.reason).toMatch(/Begründung|Grund/);
    expect(await db.case.count({ where: { stage: "CANCELLED" } })).toBe(0);
    await db.user.update({ where: { id: coordinator.id }, data: { locale: "en" } });
    const withReason = await post(cookie, [
      ["intent", "bulk"],
      ["op", "move"],
      ["to", "CANCELLED"],
      ["reason", "Duplicate enquiries"],
      ["ids", a.id],
      ["ids", b.id],
    ]);
    expect((withReason.data as BulkData).bulk).toMatchObject({
      done: "Cases changed: 2.",
      refused: [],
    });
  });

  it("assigns each case on its own, and refuses a coordinator who is not one", async () => {
    const { coordinator, admin, a, b } = await cases();
    const other = await createUser({ role: "COORDINATOR", name: "Omar Coordinator" });
    const cookie = await cookieFor(admin.id);
    const res = await post(cookie, [
      ["intent", "bulk"],
      ["op", "assign"],
      ["coordinator", other.id],
      ["ids", a.id],
      ["ids", b.id],
    ]);
    expect((res.data as BulkData).bulk).toMatchObject({ done: "Cases changed: 2.", refused: [] });
    for (const kase of [a, b]) {
      expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).coordinatorId).toBe(
        other.id,
      );
      expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "ASSIGNED" } })).toBe(1);
      expect(await db.auditLog.count({ where: { caseId: kase.id, action: "case.assign" } })).toBe(
        1,
      );
    }
    const wrong = await post(cookie, [
      ["intent", "bulk"],
      ["op", "assign"],
      // Not an id of anyone (changing a cuid's last character could give back the same id).
      ["coordinator", `${coordinator.id}-gone`],
      ["ids", a.id],
    ]);
    expect((wrong.data as BulkData).bulk!.refused).toEqual([
      { number: a.number, reason: "Choose an active coordinator." },
    ]);
  });

  it("is refused to a role without cases:bulk, and asks for a case and a target", async () => {
    const { clinician, coordinator, a } = await cases();
    const denied = await post(await cookieFor(clinician.id), [
      ["intent", "bulk"],
      ["op", "move"],
      ["to", "MEDICAL_REVIEW"],
      ["ids", a.id],
    ]);
    expect(denied.status).toBe(403);
    expect((await db.case.findUniqueOrThrow({ where: { id: a.id } })).stage).toBe("ENQUIRY");
    const empty = await post(await cookieFor(coordinator.id), [
      ["intent", "bulk"],
      ["op", "move"],
    ]);
    expect(empty.status).toBe(400);
    expect(formReply(empty).errors).toMatchObject({
      ids: "Tick at least one case in the list.",
      to: "Choose the stage to move to.",
    });
  });
});

describe("CSV export", () => {
  async function csv(cookie: string, search = "") {
    const res = await call(csvLoader, { path: `/staff/cases.csv${search}`, cookie });
    return { status: res.status, text: res.response ? await res.response.text() : "" };
  }

  it("exports the current view without health data, formula-safe, and audited", async () => {
    const { coordinator } = await createStaff();
    const evil = await createCase({ patientName: '=HYPERLINK("http://x","y")' });
    const plain = await createCase({ patientName: "Plain, Patient" });
    await db.case.update({
      where: { id: evil.kase.id },
      data: { redFlagCount: 3, conditionSummary: "Lupus nephritis QX7" },
    });
    await db.case.update({ where: { id: plain.kase.id }, data: { stage: "MEDICAL_REVIEW" } });
    const cookie = await cookieFor(coordinator.id);

    const all = await csv(cookie, "?sort=number&dir=asc");
    expect(all.status).toBe(200);
    const lines = all.text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Case,Patient,Programme,Stage,Coordinator,Country,Language,Created,Last update,First reply due,First replied,Review due",
    );
    expect(lines).toHaveLength(3);
    // A formula is made inert; a comma is quoted; no red flags or answers.
    expect(lines[1]).toContain(`'=HYPERLINK(""http://x"",""y"")`);
    expect(lines[2]).toContain('"Plain, Patient"');
    expect(lines[2]).toContain("Medical review");
    expect(all.text).not.toMatch(/QX7|flag/i);

    // The same filters as the page.
    const review = await csv(cookie, "?stage=MEDICAL_REVIEW");
    expect(review.text.trimEnd().split("\r\n")).toHaveLength(2);
    expect(review.text).toContain(plain.kase.number);
    expect(review.text).not.toContain(evil.kase.number);

    const audits = await db.auditLog.findMany({
      where: { actorId: coordinator.id, action: "cases.export" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.detail)).toEqual(["?sort=number&dir=asc", "?stage=MEDICAL_REVIEW"]);
  });

  it("streams every matching row, past one batch", async () => {
    const { coordinator } = await createStaff();
    const { programme } = await createCase();
    const patients = Array.from({ length: 520 }, (_, i) => ({
      id: `bulkp${i}`,
      email: `bulk${i}@example.com`,
      name: `Bulk ${i}`,
      role: "PATIENT",
    }));
    await db.user.createMany({ data: patients });
    await db.case.createMany({
      data: patients.map((p, i) => ({
        id: `bulkc${i}`,
        number: `MT-2025-${String(i + 1).padStart(6, "0")}`,
        stage: "QUOTED",
        patientId: p.id,
        programmeId: programme.id,
        language: "de",
        timeZone: "Europe/Berlin",
      })),
    });
    const out = await csv(await cookieFor(coordinator.id), "?stage=QUOTED");
    const lines = out.text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(521);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(520);
  });

  it("is refused to roles without cases:export", async () => {
    const { finance, clinician } = await createStaff();
    for (const user of [finance, clinician]) {
      expect((await csv(await cookieFor(user.id))).status).toBe(403);
    }
    expect(await db.auditLog.count({ where: { action: "cases.export" } })).toBe(0);
  });
});

describe("unread counts", () => {
  it("shows the signed-in member's unread inbox items per row", async () => {
    const { coordinator, clinician } = await createStaff();
    const { kase } = await createCase();
    const quiet = await createCase();
    const [first] = await Promise.all([
      db.inboxItem.create({ data: { caseId: kase.id, kind: "MESSAGE" } }),
      db.inboxItem.create({ data: { caseId: kase.id, kind: "UPLOAD" } }),
    ]);
    await db.inboxRead.create({ data: { itemId: first.id, userId: coordinator.id } });
    const unread = async (userId: string, search = "") =>
      (
        (
          await call(pipelineLoader, {
            path: `/staff/cases${search}`,
            cookie: await cookieFor(userId),
          })
        ).data as { unread: Record<string, number> }
      ).unread;
    expect(await unread(coordinator.id)).toEqual({ [kase.id]: 1 });
    expect(await unread(clinician.id)).toEqual({ [kase.id]: 2 });
    expect(await unread(clinician.id, "?view=board")).toEqual({ [kase.id]: 2 });
    expect((await unread(clinician.id))[quiet.kase.id]).toBeUndefined();
  });
});
