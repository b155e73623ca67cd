/**
 * The pipeline (list and board): filters, search, sorting, pagination and counts, and the
 * promise that it stays fast at 50,000 cases. Speed is not timed here (see scripts/
 * pipeline-scale.ts for figures); instead the tests read the SQL each view runs and check
 * that the number of statements does not grow with the rows shown (no N+1) and that no
 * statement reads the Case table without an index.
 */
import Database from "better-sqlite3";
import { db, dialect } from "~/db.server";
import { env } from "~/env.server";
import { boardCases, getPipeline, listCases } from "~/models/cases/case.server";
import { BOARD_CARDS, caseListHref, PAGE_SIZE, parseCaseListQuery } from "~/lib/pipeline";
import { loader as pipelineLoader } from "~/routes/staff.cases._index";
import { resetDatabase } from "./support/db";
import { createProgramme, createUser } from "./support/factories";
import { call, cookieFor } from "./support/requests";

beforeEach(resetDatabase);

const HOUR = 3_600_000;
const q = (search: string) => parseCaseListQuery(new URL(`http://x/staff/cases?${search}`));

/** Cases written straight to the tables: many, quickly, with known properties. */
async function seed(n: number) {
  const programme = await createProgramme();
  const other = await createProgramme();
  const coordinator = await createUser({ role: "COORDINATOR", name: "Elif" });
  const now = Date.now();
  const langs = ["de", "ar", "ru", "fa"];
  const countries = ["DE", "SA", "RU", "IR"];
  await db.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `p${i}`,
      email: `patient${i}@example.com`,
      name: i === 7 ? "Leyla Ahmadi" : `Patient ${i}`,
      role: "PATIENT",
    })),
  });
  await db.case.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      number: `MT-2026-${String(i + 1).padStart(6, "0")}`,
      stage: i % 3 === 0 ? "ENQUIRY" : i % 3 === 1 ? "MEDICAL_REVIEW" : "QUOTED",
      patientId: `p${i}`,
      programmeId: i % 5 === 0 ? other.id : programme.id,
      coordinatorId: i % 2 === 0 ? coordinator.id : null,
      language: langs[i % 4]!,
      timeZone: "Europe/Berlin",
      country: countries[i % 4]!,
      redFlagCount: i % 10 === 0 ? 2 : 0,
      // Every third case is a new enquiry; half of those are past their first-reply deadline.
      firstResponseDueAt: new Date(now + (i % 6 === 0 ? -HOUR : 20 * HOUR)),
      createdAt: new Date(now - i * 60_000),
      updatedAt: new Date(now - i * 60_000),
    })),
  });
  return { programme, other, coordinator };
}

describe("filters, search, sorting and pages", () => {
  it("filters by stage, coordinator, programme, language, country, red flags and overdue first reply", async () => {
    const { coordinator, other } = await seed(60);
    const ids = async (search: string) =>
      (await listCases({ ...q(search) }, coordinator.id)).rows.map((r) => Number(r.id.slice(1)));
    const all = Array.from({ length: 60 }, (_, i) => i);
    const expectSet = async (search: string, pred: (i: number) => boolean) => {
      const want = all.filter(pred);
      const res = await listCases({ ...q(search) }, coordinator.id);
      expect(res.total, search).toBe(want.length);
      if (want.length <= PAGE_SIZE) expect((await ids(search)).sort((a, b) => a - b)).toEqual(want);
    };
    await expectSet("stage=MEDICAL_REVIEW", (i) => i % 3 === 1);
    await expectSet("coordinator=none", (i) => i % 2 === 1);
    await expectSet("coordinator=me", (i) => i % 2 === 0);
    await expectSet(`coordinator=${coordinator.id}&stage=ENQUIRY`, (i) => i % 6 === 0);
    await expectSet(`programme=${other.id}`, (i) => i % 5 === 0);
    await expectSet("language=ar", (i) => i % 4 === 1);
    await expectSet("country=ir", (i) => i % 4 === 3);
    await expectSet("flagged=1", (i) => i % 10 === 0);
    await expectSet("overdue=1", (i) => i % 6 === 0);
    await expectSet(
      "flagged=1&language=de&overdue=1",
      (i) => i % 10 === 0 && i % 4 === 0 && i % 6 === 0,
    );
  });

  it("finds a case by number, by email and by name", async () => {
    const { coordinator } = await seed(30);
    const find = async (s: string) =>
      (await listCases(q(`q=${encodeURIComponent(s)}`), coordinator.id)).rows.map((r) => r.number);
    expect(await find("MT-2026-000012")).toEqual(["MT-2026-000012"]);
    expect(await find("mt-2026-12")).toEqual(["MT-2026-000012"]);
    expect(await find("Patient12@example.com")).toEqual(["MT-2026-000013"]);
    expect(await find("Leyla")).toEqual(["MT-2026-000008"]);
    expect(await find("nobody-like-this")).toEqual([]);
  });

  it("matches what was typed literally: % and _ are not wildcards", async () => {
    const { coordinator } = await seed(12);
    await db.user.update({ where: { id: "p3" }, data: { name: "Ana 100% Sure_Name" } });
    const find = async (s: string) =>
      (await listCases(q(`q=${encodeURIComponent(s)}`), coordinator.id)).rows.map((r) => r.number);
    // Before, q=% matched every case and q=_ every name.
    expect(await find("%")).toEqual(["MT-2026-000004"]);
    expect(await find("_")).toEqual(["MT-2026-000004"]);
    expect(await find("100%")).toEqual(["MT-2026-000004"]);
    expect(await find("sure_name")).toEqual(["MT-2026-000004"]);
    expect(await find("t_1")).toEqual([]);
    expect(await find("%@example.com")).toEqual([]);
    expect(await find("\\")).toEqual([]);
  });

  it("sorts and pages on the server, and counts per stage under the same filters", async () => {
    const { coordinator } = await seed(60);
    const first = await listCases(q("sort=number&dir=asc"), coordinator.id);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]!.number).toBe("MT-2026-000001");
    expect(first.pages).toBe(3);
    const third = await listCases(q("sort=number&dir=asc&page=3"), coordinator.id);
    expect(third.rows.map((r) => r.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => `MT-2026-${String(51 + i).padStart(6, "0")}`),
    );
    const newest = await listCases(q("sort=updated"), coordinator.id);
    expect(newest.rows[0]!.number).toBe("MT-2026-000001");
    expect(newest.counts).toMatchObject({ ENQUIRY: 20, MEDICAL_REVIEW: 20, QUOTED: 20 });
    const flagged = await listCases(q("flagged=1&stage=ENQUIRY"), coordinator.id);
    // Counts ignore the stage filter (they are the tabs) but keep the others.
    expect(flagged.counts).toMatchObject({ ENQUIRY: 2, MEDICAL_REVIEW: 2, QUOTED: 2 });
  });

  it("puts what needs attention first by default: overdue, unassigned, due soonest, newest", async () => {
    const { coordinator } = await seed(60);
    // The oldest case of all, an unanswered enquiry past its deadline: by last update it is
    // on the last page; the default order shows it first.
    const now = Date.now();
    await db.case.update({
      where: { id: "c59" },
      data: {
        stage: "ENQUIRY",
        coordinatorId: null,
        firstResponseDueAt: new Date(now - 30 * HOUR),
        updatedAt: new Date(now - 90 * 86_400_000),
        createdAt: new Date(now - 90 * 86_400_000),
      },
    });
    const byUpdate = await listCases(q("sort=updated"), coordinator.id);
    expect(byUpdate.rows.map((r) => r.id)).not.toContain("c59");

    const rank = (r: {
      id: string;
      stage: string;
      firstRespondedAt: Date | null;
      slaPausedAt: Date | null;
      firstResponseDueAt: Date | null;
      createdAt: Date;
    }) => {
      const c = all.get(r.id)!;
      const awaiting = c.stage === "ENQUIRY" && !c.firstRespondedAt && !c.slaPausedAt;
      const due = awaiting ? (c.firstResponseDueAt?.getTime() ?? null) : null;
      return [
        due !== null && due < now ? 0 : 1,
        c.coordinatorId ? 1 : 0,
        due ?? Number.POSITIVE_INFINITY,
        -c.createdAt.getTime(),
      ];
    };
    const all = new Map((await db.case.findMany()).map((c) => [c.id, c]));
    const compare = (a: number[], b: number[]) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return 0;
    };
    const pages: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await listCases(q(page > 1 ? `page=${page}` : ""), coordinator.id, new Date(now));
      expect(res.total).toBe(60);
      pages.push(...res.rows.map((r) => r.id));
    }
    // Every case once, in the attention order throughout, pages included.
    expect(new Set(pages).size).toBe(60);
    expect(pages[0]).toBe("c59");
    const keys = pages.map((id) => rank({ ...all.get(id)! }));
    for (let i = 1; i < keys.length; i++) {
      expect(
        compare(keys[i - 1]!, keys[i]!),
        `${pages[i - 1]} before ${pages[i]}`,
      ).toBeLessThanOrEqual(0);
    }
    // All eleven overdue enquiries are on the first page.
    const overdue = (await listCases(q("overdue=1"), coordinator.id, new Date(now))).total;
    expect(overdue).toBe(11);
    const first = await listCases(q(""), coordinator.id, new Date(now));
    expect(first.rows.slice(0, overdue).every((r) => rank(r)[0] === 0)).toBe(true);
    // The link back to the default order carries no sort.
    expect(caseListHref(q(""), { page: 2 })).toBe("?page=2");
  });

  it("shows the board as a column per stage, with the first cards and the full count", async () => {
    const { coordinator } = await seed(60);
    const board = await boardCases(q("view=board"), coordinator.id);
    const enquiry = board.columns.find((c) => c.stage === "ENQUIRY")!;
    expect(enquiry.cards).toHaveLength(BOARD_CARDS);
    expect(board.counts.ENQUIRY).toBe(20);
    expect(board.columns.find((c) => c.stage === "CLOSED")!.cards).toEqual([]);
  });

  it("keeps unknown filter values out of the query", () => {
    const parsed = q("stage=DROP&language=xx'--&country=123&sort=evil&page=-4&view=kanban");
    expect(parsed).toMatchObject({
      stage: undefined,
      language: undefined,
      country: undefined,
      sort: "attention",
      page: 1,
      view: "list",
    });
  });

  it("is audited, because it shows patients' names", async () => {
    await seed(5);
    const staff = await createUser({ role: "CLINICIAN" });
    const res = await call(pipelineLoader, {
      path: "/staff/cases?flagged=1",
      cookie: await cookieFor(staff.id),
    });
    expect(res.status).toBe(200);
    const row = await db.auditLog.findFirstOrThrow({
      where: { actorId: staff.id, action: "cases.list" },
    });
    expect(row).toMatchObject({ outcome: "success", detail: "?flagged=1", ip: "10.0.0.1" });
  });
});

describe("at scale", () => {
  interface Statement {
    sql: string;
    params: unknown[];
  }
  async function capture(run: () => Promise<unknown>): Promise<Statement[]> {
    const seen: Statement[] = [];
    const client = db as unknown as {
      $on(event: "query", cb: (e: { query: string; params: string }) => void): void;
    };
    let on = true;
    client.$on("query", (e) => {
      if (on) seen.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] });
    });
    await run();
    on = false;
    return seen;
  }

  function plans(statements: Statement[]) {
    const file = env().DATABASE_URL.replace(/^file:/, "");
    const raw = new Database(file, { readonly: true });
    try {
      return statements
        .filter((s) => /^\s*SELECT/i.test(s.sql))
        .map((s) => {
          const params = s.params.map((p) =>
            typeof p === "boolean" ? Number(p) : p instanceof Object ? JSON.stringify(p) : p,
          );
          const rows = raw.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...params) as {
            detail: string;
          }[];
          return { sql: s.sql, plan: rows.map((r) => r.detail) };
        });
    } finally {
      raw.close();
    }
  }

  it("runs the same number of statements for 3 rows as for a full page (no N+1)", async () => {
    const { coordinator } = await seed(60);
    // Both with filters the tallies do not keep (ADR 035), so both count through indexes.
    const small = await capture(() =>
      listCases(q("flagged=1&language=de&sort=updated"), coordinator.id),
    );
    const full = await capture(() => listCases(q("coordinator=me&sort=updated"), coordinator.id));
    expect((await listCases(q("coordinator=me"), coordinator.id)).rows).toHaveLength(PAGE_SIZE);
    expect((await listCases(q("flagged=1&language=de"), coordinator.id)).rows.length).toBeLessThan(
      5,
    );
    expect(small.length).toBe(full.length);
    // The default order reads its slices (app/models/cases/case.server.ts attentionPage): four
    // counts, at most six reads (each its statements for the related rows) and the per-stage
    // counts, for 3 rows as for a full page.
    const perRead = full.length - 2;
    for (const search of ["flagged=1&language=de", "", "page=2"]) {
      const statements = await capture(() => listCases(q(search), coordinator.id));
      expect(statements.length, search).toBeLessThanOrEqual(4 + 6 * perRead + 1);
    }
    // The board: a few statements per column, never one per card.
    const fewCards = await capture(() =>
      boardCases(q("view=board&flagged=1&language=de"), coordinator.id),
    );
    const fullBoard = await capture(() =>
      boardCases(q("view=board&coordinator=me"), coordinator.id),
    );
    expect(fewCards.length).toBe(fullBoard.length);
  });

  it("adds each row's unread count and open tasks in a fixed number of statements (no N+1)", async () => {
    const { coordinator } = await seed(60);
    // Unread inbox items on many cases, some read by the coordinator; open tasks on some.
    await db.inboxItem.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        id: `ii${i}`,
        caseId: `c${i}`,
        kind: "MESSAGE",
      })),
    });
    await db.inboxRead.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        itemId: `ii${i * 3}`,
        userId: coordinator.id,
      })),
    });
    await db.clinicalTask.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        caseId: `c${i * 2}`,
        kind: "REVIEW",
        detail: "Worsening",
      })),
    });
    const reader = { id: coordinator.id, role: "COORDINATOR" as const };
    const seen = { ip: null, search: "" };
    const page = (search: string) => getPipeline(reader, q(search), seen);
    const full = await page("sort=updated");
    expect(full.result.kind === "list" && full.result.rows).toHaveLength(PAGE_SIZE);
    // The counts are right: read items are not counted, and each row carries its own.
    for (const row of full.result.kind === "list" ? full.result.rows : []) {
      const i = Number(row.id.slice(1));
      expect(full.unread[row.id] ?? 0, row.id).toBe(i % 3 === 0 ? 0 : 1);
      expect(row._count.tasks, row.id).toBe(i % 2 === 0 && i < 20 ? 1 : 0);
    }
    const few = await capture(() => page("sort=updated&flagged=1&language=de"));
    const many = await capture(() => page("sort=updated&coordinator=me"));
    expect(few.length).toBe(many.length);
    // The unread counts are one grouped statement for the page (SQLite names the table main.,
    // PostgreSQL "public".).
    expect(many.filter((s) => /FROM [`"]?(\w+[`"]?\.[`"]?)?InboxItem\b/.test(s.sql))).toHaveLength(
      1,
    );
    const fewCards = await capture(() => page("view=board&flagged=1&language=de"));
    const allCards = await capture(() => page("view=board&coordinator=me"));
    expect(fewCards.length).toBe(allCards.length);
  });

  // SQLite's plans; PostgreSQL chooses by statistics, and seq-scans tables this small anyway.
  it.runIf(dialect === "sqlite")(
    "reads the Case table only through indexes for every filter and sort the pipeline offers",
    async () => {
      const { coordinator, programme } = await seed(40);
      const searches = [
        "",
        "stage=ENQUIRY",
        "coordinator=none",
        "coordinator=me&stage=MEDICAL_REVIEW",
        `programme=${programme.id}`,
        "language=ar",
        "country=DE",
        "flagged=1",
        "overdue=1",
        "sort=created&dir=asc",
        "sort=number",
        "sort=due",
        "sort=updated",
        "page=2",
        "coordinator=none&page=3",
        "q=MT-2026-000004",
        "q=patient1@example.com",
      ];
      for (const search of searches) {
        const statements = await capture(() => listCases(q(search), coordinator.id));
        for (const { sql, plan } of plans(statements)) {
          const fullScan = plan.filter(
            (line) =>
              /^SCAN (main\.)?"?Case"?$/.test(line) ||
              (/^SCAN t\d+$/.test(line) && /FROM `?main`?\.`?Case`?/.test(sql)),
          );
          expect(fullScan, `${search}: ${sql}\n${plan.join("\n")}`).toEqual([]);
        }
      }
    },
  );
});
