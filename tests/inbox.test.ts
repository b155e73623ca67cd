/**
 * The staff inbox (issue 22): the views, read state per member of staff, assigning, done and
 * reopen, unread again, the reply, the live poll's endpoint, the audit of what staff read,
 * and the unread counts elsewhere (navigation, review queue, case page).
 * Which patient forms open an item is walked in tests/security/submit-twice.test.ts.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY } from "~/infra/forms.server";
import { action, loader } from "~/routes/staff.inbox";
import { loader as changesLoader } from "~/routes/staff.inbox_.changes";
import { loader as reviewLoader } from "~/routes/staff.review";
import { loader as layoutLoader } from "~/routes/staff";
import { getStaffCase } from "~/models/cases/case.server";
import { sendPatientMessage } from "~/models/cases/portal.server";
import { changeStage } from "~/models/cases/stage.server";
import { countUnread, inboxChanges, unreadByCase } from "~/models/inbox/inbox.server";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { createCase, createStaff, createUser } from "./support/factories";
import { call, cookieFor, formReply, refusedStatus } from "./support/requests";

beforeEach(resetDatabase);

type Page = Awaited<ReturnType<typeof loader>>;

async function setup() {
  const staff = await createStaff();
  const second = await createUser({ role: "COORDINATOR", name: "Second Coordinator" });
  // One case is the coordinator's, one has nobody yet.
  const mine = await createCase({ coordinatorId: staff.coordinator.id, patientName: "Leyla A" });
  const nobodys = await createCase({ patientName: "Omar B" });
  await sendPatientMessage(mine.patient.id, mine.kase.id, "Is the hotel near?", sentForm());
  await sendPatientMessage(nobodys.patient.id, nobodys.kase.id, "When do I fly?", sentForm());
  const itemOf = async (caseId: string) =>
    (await db.inboxItem.findFirstOrThrow({ where: { caseId } })).id;
  const cookies = {
    coordinator: await cookieFor(staff.coordinator.id),
    second: await cookieFor(second.id),
    clinician: await cookieFor(staff.clinician.id),
    finance: await cookieFor(staff.finance.id),
    admin: await cookieFor(staff.admin.id),
    patient: await cookieFor(mine.patient.id),
  };
  return {
    staff,
    second,
    mine,
    nobodys,
    mineItem: await itemOf(mine.kase.id),
    nobodysItem: await itemOf(nobodys.kase.id),
    cookies,
  };
}

async function inbox(cookie: string, query = "") {
  const out = await call(loader, { path: `/staff/inbox${query}`, cookie });
  expect(out.status).toBe(200);
  return out.data as Page;
}

function post(cookie: string, fields: Record<string, string>, query = "") {
  return call(action, { path: `/staff/inbox${query}`, cookie, form: new URLSearchParams(fields) });
}

describe("the views", () => {
  it("shows mine (assigned to me), unassigned and all, newest first, with a preview", async () => {
    const s = await setup();
    const mine = await inbox(s.cookies.coordinator);
    expect(mine.items.map((i) => i.id)).toEqual([s.mineItem]);
    expect(mine.items[0]).toMatchObject({
      kind: "MESSAGE",
      channel: "PORTAL",
      unread: true,
      preview: "Is the hotel near?",
      case: { number: s.mine.kase.number, patient: { name: "Leyla A" } },
    });
    const unassigned = await inbox(s.cookies.coordinator, "?view=unassigned");
    expect(unassigned.items.map((i) => i.id)).toEqual([s.nobodysItem]);
    const all = await inbox(s.cookies.coordinator, "?view=all");
    expect(all.items.map((i) => i.id)).toEqual([s.nobodysItem, s.mineItem]);
    expect(all.unread).toEqual({ mine: 1, unassigned: 1, all: 2 });
    // The second coordinator has nothing of their own.
    expect((await inbox(s.cookies.second)).items).toEqual([]);
  });

  it("reads anything odd in the address as the default view, never a 500", async () => {
    const s = await setup();
    for (const q of ["?view=evil", "?status=%00", "?before=yesterday", "?unread=yes&view="]) {
      const page = await inbox(s.cookies.coordinator, q);
      expect(page.query.view, q).toMatch(/^(mine|unassigned|all)$/);
    }
    const unknown = await call(loader, {
      path: "/staff/inbox?item=nosuchitem",
      cookie: s.cookies.coordinator,
    });
    expect(unknown.status).toBe(404);
  });
});

describe("read state, per member of staff", () => {
  it("opening an item reads it for that reader only, and audits the read", async () => {
    const s = await setup();
    expect(await countUnread(s.staff.coordinator.id)).toBe(2);
    expect(await countUnread(s.second.id)).toBe(2);

    const opened = await inbox(s.cookies.coordinator, `?item=${s.mineItem}`);
    expect(opened.open?.item.id).toBe(s.mineItem);
    expect(opened.open?.thread.map((e) => [e.body, e.fromPatient])).toEqual([
      ["Is the hotel near?", true],
    ]);
    // The list rendered with it already shows it read.
    expect(opened.items.find((i) => i.id === s.mineItem)?.unread).toBe(false);

    expect(await countUnread(s.staff.coordinator.id)).toBe(1);
    expect(await countUnread(s.second.id)).toBe(2);
    const other = await inbox(s.cookies.second, "?view=all");
    expect(other.items.find((i) => i.id === s.mineItem)?.unread).toBe(true);

    const audits = await db.auditLog.findMany({
      where: { actorId: s.staff.coordinator.id, action: "inbox.view" },
    });
    expect(audits).toMatchObject([
      { entity: "InboxItem", entityId: s.mineItem, caseId: s.mine.kase.id, outcome: "success" },
    ]);
    expect(await db.auditLog.count({ where: { actorId: s.second.id, action: "inbox.list" } })).toBe(
      1,
    );
  });

  it("marks an item unread again for this reader, back on the list", async () => {
    const s = await setup();
    await inbox(s.cookies.coordinator, `?item=${s.mineItem}`);
    await inbox(s.cookies.second, `?item=${s.mineItem}`);
    const out = await post(
      s.cookies.coordinator,
      { intent: "unread", item: s.mineItem },
      `?item=${s.mineItem}&view=all`,
    );
    expect(out.status).toBe(302);
    expect(out.response?.headers.get("Location")).toBe("/staff/inbox?view=all");
    expect(await countUnread(s.staff.coordinator.id)).toBe(2);
    // The other reader's mark stays.
    expect(await countUnread(s.second.id)).toBe(1);
  });

  it("the unread-only view leaves out what this reader has read", async () => {
    const s = await setup();
    await inbox(s.cookies.coordinator, `?item=${s.nobodysItem}`);
    const unread = await inbox(s.cookies.coordinator, "?view=all&unread=1");
    expect(unread.items.map((i) => i.id)).toEqual([s.mineItem]);
    const theirs = await inbox(s.cookies.second, "?view=all&unread=1");
    expect(theirs.items).toHaveLength(2);
  });

  it("opening the case page reads its items for the reader, not for anyone else", async () => {
    const s = await setup();
    await getStaffCase({ id: s.staff.clinician.id, role: "CLINICIAN" }, s.mine.kase.id, null);
    expect(await unreadByCase(s.staff.clinician.id, [s.mine.kase.id, s.nobodys.kase.id])).toEqual({
      [s.nobodys.kase.id]: 1,
    });
    expect(await unreadByCase(s.staff.coordinator.id, [s.mine.kase.id])).toEqual({
      [s.mine.kase.id]: 1,
    });
    // Finance does not read the inbox: its look at the case marks nothing.
    await getStaffCase({ id: s.staff.finance.id, role: "FINANCE" }, s.mine.kase.id, null);
    expect(await db.inboxRead.count({ where: { userId: s.staff.finance.id } })).toBe(0);
  });
});

describe("handling an item", () => {
  it("assigns to me, to a chosen member of staff who reads the inbox, and to nobody", async () => {
    const s = await setup();
    const t = getFixedT("en", "common");
    const toMe = await post(s.cookies.second, {
      intent: "assign",
      item: s.nobodysItem,
      assignee: "me",
    });
    expect(formReply(toMe).done).toBe(t("inbox.done.assign"));
    expect((await inbox(s.cookies.second)).items.map((i) => i.id)).toEqual([s.nobodysItem]);

    const toClinician = await post(s.cookies.second, {
      intent: "assign",
      item: s.nobodysItem,
      assignee: s.staff.clinician.id,
    });
    expect(toClinician.status).toBe(200);
    expect((await inbox(s.cookies.clinician)).items.map((i) => i.id)).toEqual([s.nobodysItem]);

    // Finance does not read the inbox: not a choice.
    const toFinance = await post(s.cookies.second, {
      intent: "assign",
      item: s.nobodysItem,
      assignee: s.staff.finance.id,
    });
    expect(toFinance.status).toBe(400);
    expect(formReply(toFinance).errors[""]).toBe(t("inbox.errors.assignee"));
    const item = await db.inboxItem.findUniqueOrThrow({ where: { id: s.nobodysItem } });
    expect(item.assigneeId).toBe(s.staff.clinician.id);

    await post(s.cookies.second, { intent: "assign", item: s.nobodysItem, assignee: "" });
    expect((await inbox(s.cookies.second, "?view=unassigned")).items).toHaveLength(1);
  });

  it("marks done (out of the open views and the unread count) and reopens", async () => {
    const s = await setup();
    const done = await post(s.cookies.coordinator, { intent: "done", item: s.mineItem });
    expect(done.status).toBe(200);
    expect((await inbox(s.cookies.coordinator)).items).toEqual([]);
    expect((await inbox(s.cookies.coordinator, "?status=done")).items.map((i) => i.id)).toEqual([
      s.mineItem,
    ]);
    expect(await countUnread(s.staff.coordinator.id)).toBe(1);
    const first = await db.inboxItem.findUniqueOrThrow({ where: { id: s.mineItem } });
    expect(first.doneById).toBe(s.staff.coordinator.id);
    // Done again from a second tab keeps who and when.
    await post(s.cookies.second, { intent: "done", item: s.mineItem });
    expect(await db.inboxItem.findUniqueOrThrow({ where: { id: s.mineItem } })).toMatchObject({
      doneAt: first.doneAt,
      doneById: s.staff.coordinator.id,
    });

    await post(s.cookies.coordinator, { intent: "reopen", item: s.mineItem });
    expect((await inbox(s.cookies.coordinator)).items.map((i) => i.id)).toEqual([s.mineItem]);
    expect(await countUnread(s.staff.coordinator.id)).toBe(2);
  });

  it("replies to the patient through the case's message, once per form key", async () => {
    const s = await setup();
    const page = await inbox(s.cookies.coordinator, `?item=${s.mineItem}`);
    const fields = {
      intent: "reply",
      item: s.mineItem,
      body: "Yes, ten minutes on foot.",
      [FORM_KEY]: page.formKey,
    };
    const first = await post(s.cookies.coordinator, fields, `?item=${s.mineItem}`);
    expect(first.status, JSON.stringify(first.data)).toBe(200);
    const again = await post(s.cookies.coordinator, fields, `?item=${s.mineItem}`);
    expect(again.status).toBe(409);
    const messages = await db.caseEvent.findMany({
      where: { caseId: s.mine.kase.id, type: "MESSAGE", fromPatient: false },
    });
    expect(messages.map((m) => [m.body, m.actorId])).toEqual([
      ["Yes, ten minutes on foot.", s.staff.coordinator.id],
    ]);
    // The thread shows both ways, oldest first.
    const thread = (await inbox(s.cookies.coordinator, `?item=${s.mineItem}`)).open!.thread;
    expect(thread.map((e) => e.fromPatient)).toEqual([true, false]);
    // A staff reply opens no inbox item.
    expect(await db.inboxItem.count()).toBe(2);
  });

  it("refuses bad input and unknown items without a 500", async () => {
    const s = await setup();
    expect((await post(s.cookies.coordinator, {})).status).toBe(400);
    expect((await post(s.cookies.coordinator, { intent: "done" })).status).toBe(400);
    expect(
      (await post(s.cookies.coordinator, { intent: "done", item: "x".repeat(500) })).status,
    ).toBe(400);
    expect((await post(s.cookies.coordinator, { intent: "done", item: "nosuch" })).status).toBe(
      404,
    );
    expect(
      (await post(s.cookies.coordinator, { intent: "reply", item: "nosuch", body: "Hello" }))
        .status,
    ).toBe(404);
  });
});

describe("one conversation per case", () => {
  /** The coordinator's case with a second message after the first: two open items. */
  async function twoItems() {
    const s = await setup();
    await new Promise((r) => setTimeout(r, 5));
    await sendPatientMessage(s.mine.patient.id, s.mine.kase.id, "And the airport?", sentForm());
    const items = await db.inboxItem.findMany({
      where: { caseId: s.mine.kase.id },
      orderBy: { createdAt: "asc" },
    });
    expect(items).toHaveLength(2);
    return { ...s, firstItem: items[0]!.id, newestItem: items[1]!.id };
  }

  it("lists one row per case: its newest item, with the items and unread in it", async () => {
    const s = await twoItems();
    const all = await inbox(s.cookies.coordinator, "?view=all");
    expect(all.items.map((i) => [i.id, i.count, i.unreadItems, i.preview])).toEqual([
      [s.newestItem, 2, 2, "And the airport?"],
      [s.nobodysItem, 1, 1, "When do I fly?"],
    ]);
    // A new item joins the conversation's assignee.
    expect((await db.inboxItem.findUniqueOrThrow({ where: { id: s.newestItem } })).assigneeId).toBe(
      s.staff.coordinator.id,
    );
  });

  it("opening either item reads the whole conversation, for this reader only", async () => {
    const s = await twoItems();
    const opened = await inbox(s.cookies.coordinator, `?item=${s.firstItem}&view=all`);
    expect(opened.open?.thread.map((e) => e.body)).toEqual([
      "Is the hotel near?",
      "And the airport?",
    ]);
    const row = opened.items.find((i) => i.case.id === s.mine.kase.id)!;
    expect([row.unread, row.unreadItems]).toEqual([false, 0]);
    expect(await countUnread(s.staff.coordinator.id)).toBe(1);
    expect(await countUnread(s.second.id)).toBe(3);
  });

  it("assigning one item moves the whole open conversation", async () => {
    const s = await twoItems();
    const out = await post(s.cookies.coordinator, {
      intent: "assign",
      item: s.firstItem,
      assignee: s.second.id,
    });
    expect(out.status).toBe(200);
    const items = await db.inboxItem.findMany({ where: { caseId: s.mine.kase.id } });
    expect(items.map((i) => i.assigneeId)).toEqual([s.second.id, s.second.id]);
    expect((await inbox(s.cookies.coordinator)).items).toEqual([]);
    expect((await inbox(s.cookies.second)).items.map((i) => i.id)).toEqual([s.newestItem]);
  });

  it("done on one item closes the conversation; reopen brings it back as one row", async () => {
    const s = await twoItems();
    await post(s.cookies.coordinator, { intent: "done", item: s.firstItem });
    const items = await db.inboxItem.findMany({ where: { caseId: s.mine.kase.id } });
    expect(items.every((i) => i.doneAt && i.doneById === s.staff.coordinator.id)).toBe(true);
    expect((await inbox(s.cookies.coordinator)).items).toEqual([]);
    const done = await inbox(s.cookies.coordinator, "?status=done");
    expect(done.items.map((i) => [i.id, i.count])).toEqual([[s.newestItem, 2]]);

    await post(s.cookies.coordinator, { intent: "reopen", item: s.newestItem });
    expect((await inbox(s.cookies.coordinator)).items.map((i) => i.id)).toEqual([s.newestItem]);
    // Open again: no longer among the finished conversations.
    expect((await inbox(s.cookies.coordinator, "?status=done")).items).toEqual([]);
  });
});

describe("live updates", () => {
  it("answers { unread, latest } for the reader, and changes when something arrives", async () => {
    const s = await setup();
    const first = await call(changesLoader, {
      path: "/staff/inbox/changes",
      cookie: s.cookies.coordinator,
    });
    expect(first.status).toBe(200);
    const before = (await first.response!.json()) as { unread: number; latest: string };
    expect(before.unread).toBe(2);
    expect(before).toEqual(await inboxChanges(s.staff.coordinator.id));

    await new Promise((r) => setTimeout(r, 5));
    await sendPatientMessage(s.mine.patient.id, s.mine.kase.id, "One more thing", sentForm());
    const after = await inboxChanges(s.staff.coordinator.id);
    expect(after.unread).toBe(3);
    expect(after.latest! > before.latest).toBe(true);
    // Another reader's reading changes nothing for this one.
    await inbox(s.cookies.second, `?item=${s.mineItem}`);
    expect(await inboxChanges(s.staff.coordinator.id)).toEqual(after);
  });

  it("is refused to those who do not read the inbox: finance 403, patients 404", async () => {
    const s = await setup();
    for (const [who, cookie] of [
      ["FINANCE", s.cookies.finance],
      ["PATIENT", s.cookies.patient],
    ] as const) {
      const out = await call(changesLoader, { path: "/staff/inbox/changes", cookie });
      expect(out.status, who).toBe(refusedStatus(who));
    }
    expect(refusedStatus("PATIENT")).toBe(404);
    const page = await call(loader, { path: "/staff/inbox", cookie: s.cookies.finance });
    expect(page.status).toBe(403);
  });

  it("puts the reader's unread count on the navigation", async () => {
    const s = await setup();
    await inbox(s.cookies.coordinator, `?item=${s.mineItem}`);
    const nav = (await call(layoutLoader, { path: "/staff/cases", cookie: s.cookies.coordinator }))
      .data as { inboxUnread: number };
    expect(nav.inboxUnread).toBe(1);
    const finance = (await call(layoutLoader, { path: "/staff/cases", cookie: s.cookies.finance }))
      .data as { inboxUnread: number };
    expect(finance.inboxUnread).toBe(0);
  });
});

describe("the review queue", () => {
  it("shows each row's unread items for the reader", async () => {
    const s = await setup();
    for (const made of [s.mine, s.nobodys]) {
      await changeStage({
        caseId: made.kase.id,
        to: "MEDICAL_REVIEW",
        actor: { id: s.staff.coordinator.id, role: "COORDINATOR" },
      });
    }
    await sendPatientMessage(s.mine.patient.id, s.mine.kase.id, "Labs attached", sentForm());
    await inbox(s.cookies.clinician, `?item=${s.nobodysItem}`);
    const out = await call(reviewLoader, { path: "/staff/review", cookie: s.cookies.clinician });
    const rows = (out.data as { rows: { id: string; unread: number }[] }).rows;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.unread]))).toEqual({
      [s.mine.kase.id]: 2,
      [s.nobodys.kase.id]: 0,
    });
  });
});
