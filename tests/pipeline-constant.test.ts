/**
 * The pipeline in constant time (issue 21, ADR 035). The case tallies equal a real count after
 * any mix of writes; the pipeline's page runs the same statements at 10 cases as at 1,000, with
 * and without filters; none of them reads the whole Case table (SQLite's and PostgreSQL's own
 * plans); and the board's cards are one statement.
 */
import Database from "better-sqlite3";
import { db, dialect } from "~/db.server";
import { env } from "~/env.server";
import { getPipeline } from "~/models/cases/case.server";
import { changeStage, readFacts } from "~/models/cases/stage.server";
import { saveProfile } from "~/models/cases/portal.server";
import { applyRetention } from "~/models/privacy/data-rights.server";
import { parseCaseListQuery } from "~/lib/pipeline";
import { resetDatabase } from "./support/db";
import { createCase, createProgramme, createStaff, createUser } from "./support/factories";

beforeEach(resetDatabase);

const HOUR = 3_600_000;
const q = (search: string) => parseCaseListQuery(new URL(`http://x/staff/cases?${search}`));

/** The tallies as stored, and as a real COUNT(*) GROUP BY over the Case table gives them. */
async function talliesAndCounts() {
  const stored = await db.caseTally.findMany({ where: { count: { not: 0 } } });
  const asStored = Object.fromEntries(
    stored.map((t) => [`${t.kind}|${t.value}|${t.stage}`, t.count]),
  );
  const counted: Record<string, number> = {};
  for (const g of await db.case.groupBy({ by: ["stage"], _count: { _all: true } }))
    counted[`stage||${g.stage}`] = g._count._all;
  for (const g of await db.case.groupBy({ by: ["language", "stage"], _count: { _all: true } }))
    counted[`language|${g.language}|${g.stage}`] = g._count._all;
  for (const g of await db.case.groupBy({
    by: ["country", "stage"],
    where: { country: { not: null } },
    _count: { _all: true },
  }))
    counted[`country|${g.country}|${g.stage}`] = g._count._all;
  for (const g of await db.case.groupBy({
    by: ["stage"],
    where: { coordinatorId: null },
    _count: { _all: true },
  }))
    counted[`unassigned||${g.stage}`] = g._count._all;
  return { stored: asStored, counted };
}

/** Cases written straight to the table, as a bulk fill or an import would. */
async function seed(n: number, prefix = "") {
  const programme = await createProgramme();
  const coordinator = await createUser({ role: "COORDINATOR", name: `Coordinator${prefix}` });
  const now = Date.now();
  const langs = ["de", "ar", "ru", "fa"];
  const countries = ["DE", "SA", "RU", null];
  const stages = ["ENQUIRY", "MEDICAL_REVIEW", "QUOTED", "AFTERCARE", "CLOSED"];
  await db.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `${prefix}p${i}`,
      email: `${prefix}patient${i}@example.com`,
      name: `Patient ${i}`,
      role: "PATIENT",
    })),
  });
  await db.case.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `${prefix}c${i}`,
      number: `MT-2025-${String(i + 1).padStart(6, "0")}`,
      stage: stages[i % stages.length]!,
      patientId: `${prefix}p${i}`,
      programmeId: programme.id,
      coordinatorId: i % 2 === 0 ? coordinator.id : null,
      language: langs[i % 4]!,
      timeZone: "Europe/Berlin",
      country: countries[i % 4],
      redFlagCount: i % 10 === 0 ? 2 : 0,
      firstResponseDueAt: new Date(now + (i % 6 === 0 ? -HOUR : 20 * HOUR)),
      createdAt: new Date(now - i * 60_000),
      updatedAt: new Date(now - i * 60_000),
    })),
  });
  return { programme, coordinator };
}

describe("the case tallies", () => {
  it("equal a real count after creates, moves, assignments, language changes, erasures and deletes", async () => {
    const staff = await createStaff();
    await seed(30);
    // Through the app's own writers: a new enquiry, a stage move, a patient's new language.
    const { kase, patient } = await createCase({ locale: "de" });
    const other = await createCase({ locale: "ar", coordinatorId: staff.coordinator.id });
    await changeStage({
      caseId: kase.id,
      to: "MEDICAL_REVIEW",
      actor: { id: staff.coordinator.id, role: "COORDINATOR" },
    });
    await saveProfile(patient.id, {
      name: "New Name",
      phone: "+4915112345678",
      phoneCountry: "DE",
      language: "ru",
      timeZone: "Europe/Berlin",
    } as Parameters<typeof saveProfile>[1]);
    // Assigned, unassigned, moved by any other writer, and a country set afterwards.
    await db.case.update({
      where: { id: other.kase.id },
      data: { coordinatorId: null, country: "TR" },
    });
    await db.case.update({ where: { id: "c3" }, data: { coordinatorId: staff.coordinator.id } });
    await db.case.updateMany({ where: { stage: "QUOTED" }, data: { stage: "CANCELLED" } });
    // The retention job anonymises what never went ahead: the case stays, and stays counted.
    await db.case.updateMany({
      where: { stage: "CANCELLED" },
      data: { updatedAt: new Date("2020-01-01") },
    });
    expect(await applyRetention(new Date(), 100)).toBeGreaterThan(0);
    expect(await db.case.count({ where: { anonymisedAt: { not: null } } })).toBeGreaterThan(0);
    // Cases removed outright (no writer does so today; the tallies follow anyway).
    await db.caseEvent.deleteMany({ where: { caseId: { in: ["c0", "c1"] } } });
    await db.case.deleteMany({ where: { id: { in: ["c0", "c1"] } } });

    const { stored, counted } = await talliesAndCounts();
    expect(stored).toEqual(counted);
    expect(stored["language|ru|MEDICAL_REVIEW"]).toBeGreaterThan(0);
    expect(stored["country|TR|ENQUIRY"]).toBe(1);
  });

  it("move with their transaction: a stage change rolled back leaves them as they were", async () => {
    await seed(5);
    const before = await talliesAndCounts();
    await expect(
      db.$transaction(async (tx) => {
        await tx.case.update({ where: { id: "c0" }, data: { stage: "AFTERCARE" } });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await talliesAndCounts()).toEqual(before);
    expect(before.stored).toEqual(before.counted);
  });

  it("are what the pipeline shows: counts, total and the filters' languages and countries", async () => {
    const { coordinator } = await seed(40);
    const reader = { id: coordinator.id, role: "COORDINATOR" as const };
    const seen = { ip: null, search: "" };
    const page = await getPipeline(reader, q(""), seen);
    expect(page.result.kind === "list" && page.result.total).toBe(40);
    expect(page.result.counts).toMatchObject({
      ENQUIRY: 8,
      MEDICAL_REVIEW: 8,
      QUOTED: 8,
      AFTERCARE: 8,
      CLOSED: 8,
      DEPOSIT_PAID: 0,
    });
    expect(page.options.languages).toEqual(["ar", "de", "fa", "ru"]);
    expect(page.options.countries).toEqual(["DE", "RU", "SA"]);
    // One language: from its tally; unassigned: from its tally, total and the attention slices.
    const de = await getPipeline(reader, q("language=de"), seen);
    expect(de.result.kind === "list" && de.result.total).toBe(10);
    const none = await getPipeline(reader, q("coordinator=none&stage=QUOTED"), seen);
    expect(none.result.kind === "list" && none.result.total).toBe(
      await db.case.count({ where: { coordinatorId: null, stage: "QUOTED" } }),
    );
    expect(none.result.kind === "list" && none.result.rows.map((r) => r.stage)).toEqual(
      Array(4).fill("QUOTED"),
    );
  });
});

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

/** Every view the pipeline offers a user, with and without filters. */
const SEARCHES = [
  "",
  "sort=updated",
  "page=2",
  "stage=ENQUIRY",
  "stage=QUOTED&sort=created",
  "language=ar",
  "country=DE",
  "coordinator=none",
  "coordinator=me",
  "programme=PROGRAMME",
  "language=ar&country=SA",
  "flagged=1",
  "overdue=1",
  "sort=number",
  "sort=name",
  "sort=due&dir=asc",
  "q=MT-2025-000004",
  "q=patient1@example.com",
  "view=board",
  "view=board&sort=updated",
  "view=board&language=de",
  "view=board&coordinator=me",
];

const searchFor = (s: string, programmeId: string) => s.replace("PROGRAMME", programmeId);

/**
 * The statements the pipeline's page runs, for each view: the page's model call as the loader
 * makes it (the saved views and the session are the loader's own fixed statements).
 */
async function statementsPerView(programmeId: string, coordinatorId: string) {
  const reader = { id: coordinatorId, role: "COORDINATOR" as const };
  const out: Record<string, Statement[]> = {};
  for (const s of SEARCHES) {
    out[s] = await capture(() =>
      getPipeline(reader, q(searchFor(s, programmeId)), { ip: null, search: "" }),
    );
  }
  return out;
}

describe("the pipeline's statements", () => {
  it("are as many at 60 cases as at 1,000, for every view, and a stated number by default", async () => {
    const small = await seed(60, "a");
    const few = await statementsPerView(small.programme.id, small.coordinator.id);
    await resetDatabase();
    const large = await seed(1000, "b");
    const many = await statementsPerView(large.programme.id, large.coordinator.id);
    for (const s of SEARCHES) expect(many[s]!.length, s).toBe(few[s]!.length);
    // The default list: the tallies (counts, total, languages, countries), coordinators,
    // programmes, the attention order's two counts of unanswered enquiries and its slices'
    // reads, the unread counts and the audit row.
    expect(Object.fromEntries(SEARCHES.map((s) => [s, many[s]!.length]))).toMatchSnapshot();
    // No view groups or counts the whole Case table any more: no statement on "Case" without
    // a WHERE clause.
    for (const s of SEARCHES) {
      const whole = many[s]!.filter(
        (st) => /FROM [`"]?(\w+[`"]?\.[`"]?)?Case[`"]?\s/.test(st.sql) && !/WHERE/i.test(st.sql),
      );
      expect(
        whole.map((st) => st.sql),
        s,
      ).toEqual([]);
    }
  });

  it("read the board's cards in one statement, whatever the cases", async () => {
    const { coordinator, programme } = await seed(200);
    const reader = { id: coordinator.id, role: "COORDINATOR" as const };
    for (const s of [
      "view=board",
      "view=board&sort=updated",
      `view=board&programme=${programme.id}`,
    ]) {
      const statements = await capture(() => getPipeline(reader, q(s), { ip: null, search: "" }));
      // The statements that read cases to show (the counts aside): the old board's findMany
      // selected Case.number, once per column; the new one is one UNION ALL.
      const cards = statements.filter((st) => /Case[`"]?\.[`"]?number|c\."number"/.test(st.sql));
      expect(
        cards.map((st) => st.sql),
        s,
      ).toHaveLength(1);
    }
  });
});

/** SQLite's plan for a captured statement, read on a second connection to the same file. */
function sqlitePlans(statements: Statement[]) {
  const raw = new Database(env().DATABASE_URL.replace(/^file:/, ""), { readonly: true });
  try {
    return statements
      .filter((s) => /^\s*(SELECT|WITH)/i.test(s.sql))
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

/**
 * PostgreSQL's plan, with sequential scans priced out (enable_seqscan = off): on a test table
 * this small the planner would rightly prefer a scan, so a "Seq Scan on Case" left in the plan
 * means that no index could serve the statement, not that a scan was cheaper.
 */
async function postgresPlans(statements: Statement[]) {
  const out: { sql: string; plan: string[] }[] = [];
  for (const s of statements.filter((st) => /^\s*(SELECT|WITH)/i.test(st.sql))) {
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${s.sql}`, ...s.params);
    });
    out.push({ sql: s.sql, plan: plan.map((r) => r["QUERY PLAN"]) });
  }
  return out;
}

/**
 * A read of the whole Case table: a scan of it, with or without an index. One exception: the
 * rows' statement (case-rows.server.ts readArms) may walk an index in its ORDER BY's order,
 * because every arm has a LIMIT and stops after its rows ("SCAN c USING INDEX", never a bare
 * scan and never a covering-index scan, which is how a count reads everything).
 */
function fullScans(sql: string, plan: string[]) {
  const rows = /"patientName"/.test(sql);
  return plan.filter((line) =>
    dialect === "postgresql"
      ? /Seq Scan on "?Case"?\b/.test(line)
      : (/^SCAN (main\.)?"?Case"?( |$)/.test(line) ||
          (/^SCAN t\d+( |$)/.test(line) && /FROM `?main`?\.`?Case`?/.test(sql)) ||
          (/^SCAN c( |$)/.test(line) && /FROM "Case" c\b/.test(sql))) &&
        !(rows && /^SCAN \S+ USING INDEX /.test(line)),
  );
}

describe("the pipeline's plans", () => {
  it("read the Case table only through index searches, for every view and filter", async () => {
    const { programme, coordinator } = await seed(300);
    // PostgreSQL plans by statistics: give it some, and price scans out (postgresPlans).
    // SQLite without statistics takes an index whenever one fits, so a scan left in its plan
    // means that none does.
    if (dialect === "postgresql") await db.$executeRawUnsafe('ANALYZE "Case"');
    const views = await statementsPerView(programme.id, coordinator.id);
    const scans: string[] = [];
    // Sorting by the patient's name sorts every filtered case, as it did before: there is no
    // index on names across two tables to walk (a known cost, ADR 035).
    // On SQLite the red-flag count per stage walks the (stage, updatedAt) index for its GROUP BY
    // order unless statistics say the (redFlagCount, stage) index is better (a filled database
    // has them: scripts/scale-fill.ts ends with ANALYZE); PostgreSQL's check covers it.
    const skip = ["sort=name", ...(dialect === "sqlite" ? ["flagged=1"] : [])];
    for (const s of SEARCHES.filter((search) => !skip.includes(search))) {
      const plans =
        dialect === "postgresql" ? await postgresPlans(views[s]!) : sqlitePlans(views[s]!);
      for (const { sql, plan } of plans) {
        if (fullScans(sql, plan).length) scans.push(`${s}: ${sql}\n${plan.join("\n")}`);
      }
    }
    expect(scans).toEqual([]);
  });

  it.runIf(dialect === "sqlite")(
    "walk each slice's and column's cases in its order on SQLite, without sorting them all",
    async () => {
      // An index search followed by "USE TEMP B-TREE FOR ORDER BY" inside an arm means that
      // every case the search found is sorted to keep a page's or a column's first few: time
      // that grows with the table. The unassigned cases of the attention order did this through
      // the (coordinatorId, stage) index, 33 ms at 200,000 cases for one board column.
      // The filters by language or country, sorting a stage by creation date, and sorting by
      // the patient's name still sort what they find (no index spans the filter and the order;
      // ADR 035), so they are left out here; PostgreSQL plans by statistics, not checked here.
      const { programme, coordinator } = await seed(300);
      const views = await statementsPerView(programme.id, coordinator.id);
      const sorting = /language=|country=|sort=name|sort=created/;
      const sorted: string[] = [];
      for (const s of SEARCHES.filter((search) => !sorting.test(search))) {
        const rows = views[s]!.filter((statement) => /"patientName"/.test(statement.sql));
        expect(rows.length, s).toBeGreaterThan(0);
        for (const { plan } of sqlitePlans(rows)) {
          // Each arm's inner query is the co-routine "x": its lines run up to "SCAN x".
          let search: string | null = null;
          for (const line of plan) {
            if (line === "CO-ROUTINE x") search = "";
            else if (line === "SCAN x") search = null;
            else if (search !== null && /^(SEARCH|SCAN) c\b/.test(line)) search = line;
            else if (search !== null && line === "USE TEMP B-TREE FOR ORDER BY")
              sorted.push(`${s || "(default)"}: ${search}`);
          }
        }
      }
      expect(sorted).toEqual([]);
    },
  );
});

describe("the case page's facts", () => {
  it("count the guards' eight facts in one statement, and run a fixed number in all", async () => {
    const { kase } = await createCase();
    const many = await createCase();
    // More rows under the second case do not add statements (both have a follow-up plan, so
    // neither reads the programme's template instead).
    await db.followUp.createMany({
      data: Array.from({ length: 6 }, (_, i) => ({
        caseId: i === 0 ? kase.id : many.kase.id,
        kind: "FOLLOW_UP",
        label: `Day ${i}`,
        dueAt: new Date(Date.now() + i * 86_400_000),
      })),
    });
    const one = await capture(() => readFacts(db, kase.id));
    const other = await capture(() => readFacts(db, many.kase.id));
    expect(other.length).toBe(one.length);
    // The counts: one statement, where there were eight (a Prisma count per table).
    expect(one.filter((s) => /"issuedQuotes"/.test(s.sql))).toHaveLength(1);
    const prismaCounts = one.filter(
      (s) =>
        /_count\$_all/.test(s.sql) &&
        /(Quote|Payment|Appointment|Document|ItineraryItem|FollowUp)[`"]?\s/.test(s.sql),
    );
    expect(prismaCounts.map((s) => s.sql)).toEqual([]);
    // The trip, travel rules, insurance and consent are read by their own modules (ADR 035),
    // which are handed what the one statement and the trip have read: besides that statement
    // no statement reads the case, the trip is read once, and a programme that asks for no
    // insurance reads no policies.
    const tables = (statements: Statement[]) =>
      statements
        .filter((s) => !/"issuedQuotes"/.test(s.sql))
        .flatMap((s) => [
          ...new Set(
            [...s.sql.matchAll(/FROM\s+[`"]?(?:(?:main|public)[`"]?\.[`"]?)?(\w+)/g)].map(
              (m) => m[1]!,
            ),
          ),
        ]);
    const times = (statements: Statement[], table: string) =>
      tables(statements).filter((t) => t === table).length;
    expect(times(one, "Case")).toBe(0);
    expect(times(one, "ItineraryItem")).toBe(1);
    expect(times(one, "Appointment")).toBe(1);
    expect(times(one, "InsurancePolicy")).toBe(0);
    expect(one.length).toMatchInlineSnapshot(`8`);
    // One that asks for complication cover reads the policies and the clinic's cover, no more.
    await db.programme.update({
      where: { id: kase.programmeId },
      data: { requiresComplicationCover: true },
    });
    const insured = await capture(() => readFacts(db, kase.id));
    expect(times(insured, "Case")).toBe(0);
    expect(times(insured, "ItineraryItem")).toBe(1);
    expect(times(insured, "Appointment")).toBe(1);
    expect(times(insured, "InsurancePolicy")).toBe(1);
    expect(insured.length).toMatchInlineSnapshot(`11`);
  });
});
