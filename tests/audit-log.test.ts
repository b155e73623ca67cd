/**
 * The audit log's filters match what an admin types (issue 19 §5): a user by part of their
 * email or name in any case, a case by the start of its number, an action by part of its
 * name, and (issue 23) the kind of change its action's prefix names. Run on SQLite here and on PostgreSQL in CI (npm run test:pg).
 */
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { parseAuditQuery, readAuditLog } from "~/models/reports/audit-log.server";
import { loader } from "~/routes/staff.audit";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { call, cookieFor } from "./support/requests";

let admin: { id: string; role: "ADMIN" };
let finance: { id: string };
let coordinator: { id: string };
let cases: { id: string; number: string }[];

beforeAll(async () => {
  await resetDatabase();
  admin = { id: (await createUser({ role: "ADMIN", name: "Ada Admin" })).id, role: "ADMIN" };
  finance = await createUser({
    role: "FINANCE",
    email: "finance.desk@demo.clinic",
    name: "Şule Kasa",
  });
  coordinator = await createUser({
    role: "COORDINATOR",
    email: "elif@demo.clinic",
    name: "Elif Kaplan",
  });
  cases = [];
  for (let i = 0; i < 3; i++) cases.push((await createCase()).kase);
  const write = (actorId: string, action: string, caseId: string | null) =>
    audit({ actorId, action, entity: "Case", caseId, outcome: "success" });
  await write(finance.id, "quote.issue", cases[0]!.id);
  await write(finance.id, "payment.record", cases[1]!.id);
  await write(coordinator.id, "case.view", cases[0]!.id);
  await write(coordinator.id, "case.info_request", cases[2]!.id);
  await write(coordinator.id, "cases.list", null);
});

const read = (search: string) =>
  readAuditLog(admin, parseAuditQuery(new URL(`http://x/staff/audit${search}`)), {
    ip: null,
    search,
  });
const actions = (rows: { action: string }[]) => rows.map((r) => r.action).sort();

describe("user", () => {
  it("matches part of the email, whatever the case typed", async () => {
    for (const typed of ["finance", "FINANCE.desk", "desk@demo"]) {
      const log = await read(`?user=${encodeURIComponent(typed)}`);
      expect(actions(log.rows), typed).toEqual(["payment.record", "quote.issue"]);
      expect(log.unknown).toBe(false);
    }
  });

  it("matches part of the name, whatever the case typed", async () => {
    const log = await read("?user=KAPL");
    expect(actions(log.rows)).toEqual(["case.info_request", "case.view", "cases.list"]);
  });

  it("matches everyone it names, and says so when it names nobody", async () => {
    expect((await read("?user=demo.clinic")).total).toBe(5);
    const none = await read("?user=nobody-here");
    expect(none).toMatchObject({ total: 0, unknown: true, rows: [] });
  });

  it("takes a % or _ as itself, not as a wildcard", async () => {
    expect((await read("?user=%25")).total).toBe(0);
    expect((await read("?user=_")).total).toBe(0);
  });
});

describe("case", () => {
  it("matches the start of a case number: MT-2026 finds every case of the year", async () => {
    const year = cases[0]!.number.slice(0, 7);
    const log = await read(`?case=${year}`);
    expect(log.total).toBe(4);
    expect(new Set(log.rows.map((r) => r.caseNumber))).toEqual(new Set(cases.map((c) => c.number)));
    // In lower case, and a longer prefix narrows it down to one case.
    const one = await read(`?case=${cases[1]!.number.toLowerCase()}`);
    expect(actions(one.rows)).toEqual(["payment.record"]);
    const byId = await read(`?case=${cases[2]!.id}`);
    expect(actions(byId.rows)).toEqual(["case.info_request"]);
  });

  it("says so when no case starts that way", async () => {
    expect(await read("?case=MT-1999")).toMatchObject({ total: 0, unknown: true });
    expect(await read("?case=%25")).toMatchObject({ total: 0, unknown: true });
  });
});

describe("action", () => {
  it("matches part of the action's name", async () => {
    expect(actions((await read("?action=quote")).rows)).toEqual(["quote.issue"]);
    expect(actions((await read("?action=Case.")).rows)).toEqual(["case.info_request", "case.view"]);
    expect(actions((await read("?action=info_req")).rows)).toEqual(["case.info_request"]);
  });

  it("combines with the other filters", async () => {
    const log = await read(`?user=elif&action=case&case=${cases[0]!.number.slice(0, 7)}`);
    expect(actions(log.rows)).toEqual(["case.info_request", "case.view"]);
  });
});

describe("kind of change", () => {
  it("finds each action under the kind its prefix names, case.view under health reads", async () => {
    expect(actions((await read("?kind=health")).rows)).toEqual(["case.view", "cases.list"]);
    expect(actions((await read("?kind=money")).rows)).toEqual(["payment.record", "quote.issue"]);
    expect(actions((await read("?kind=cases")).rows)).toEqual(["case.info_request"]);
    expect(actions((await read("?kind=admin")).rows)).toEqual([]);
  });

  it("combines with the other filters, and an unknown kind is no filter", async () => {
    expect(actions((await read("?kind=health&user=elif&action=view")).rows)).toEqual(["case.view"]);
    // Each look is itself logged: the unfiltered count a moment later is one more.
    const all = (await read("")).total;
    expect((await read("?kind=%27%20OR%201=1--")).total).toBe(all + 1);
  });
});

it("the page pages through the filtered log newest first, and the look is audited", async () => {
  const start = Date.now() - 3_600_000;
  await db.auditLog.createMany({
    data: Array.from({ length: 55 }, (_, i) => ({
      actorId: finance.id,
      action: "payment.view",
      entity: "Payment",
      caseId: cases[1]!.id,
      outcome: "success",
      detail: String(i),
      createdAt: new Date(start + i * 1000),
    })),
  });
  const cookie = await cookieFor(admin.id);
  const first = await call(loader, { path: "/staff/audit?user=finance&action=view", cookie });
  const data = first.data as { rows: { detail: string }[]; total: number; pages: number };
  expect(data.total).toBe(55);
  expect(data.pages).toBe(2);
  expect(data.rows[0]!.detail).toBe("54");
  const second = await call(loader, {
    path: "/staff/audit?user=finance&action=view&page=2",
    cookie,
  });
  expect((second.data as { rows: { detail: string }[] }).rows.map((r) => r.detail)).toEqual([
    "4",
    "3",
    "2",
    "1",
    "0",
  ]);
  const looked = await db.auditLog.findFirst({
    where: { actorId: admin.id, action: "audit.view" },
    orderBy: { createdAt: "desc" },
  });
  expect(looked?.detail).toContain("user=finance");
});
