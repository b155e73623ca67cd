/**
 * How the pipeline behaves with many cases: builds a throwaway database with CASES cases
 * (default 50,000) and their patients, then times the staff views' queries in this process
 * and prints the median and the 95th percentile of each.
 *
 *   npm run measure:pipeline            # SQLite, 50,000 cases
 *   npm run measure:pipeline:pg         # the same on a throwaway PostgreSQL 15 cluster
 *   CASES=200000 npm run measure:pipeline
 *
 * A measurement, not a test: nothing here passes or fails. tests/pipeline.test.ts checks
 * the query plans that make these numbers what they are.
 */
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { fillPg, fillSqlite } from "./scale-fill";

const CASES = Number(process.env.CASES ?? 50_000);
const RUNS = Number(process.env.RUNS ?? 30);
const dir = fs.mkdtempSync(path.join(process.cwd(), "tmp", "scale-"));
const file = path.join(dir, "scale.db");
// Under scripts/with-postgres.mjs, TEST_DATABASE_URL names a throwaway cluster.
const server = process.env.TEST_DATABASE_URL;
const pgUrl = server ? Object.assign(new URL(server), { pathname: "/mt_scale" }).toString() : null;
if (server) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS mt_scale WITH (FORCE)");
  await admin.query("CREATE DATABASE mt_scale");
  await admin.end();
}
Object.assign(process.env, {
  // "test" turns on Prisma's query events (app/db.server.ts), to count each view's statements.
  NODE_ENV: "test",
  DATABASE_URL: pgUrl ?? `file:${file}`,
  SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
  DOCUMENT_KEY: crypto.randomBytes(32).toString("base64"),
  WORKER_ENABLED: "false",
});

execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { stdio: "pipe" });

const started = Date.now();
if (pgUrl) await fillPg(pgUrl, CASES);
else fillSqlite(file, CASES);
console.log(
  `Built ${CASES.toLocaleString("en")} cases in ${((Date.now() - started) / 1000).toFixed(1)} s on ${pgUrl ? "PostgreSQL" : "SQLite"}`,
);

const { listCases, boardCases, readStaffCase, listFilterOptions, getPipeline } =
  await import("~/models/cases/case.server");
const { parseCaseListQuery } = await import("~/lib/pipeline");
const { db, prepareDatabase } = await import("~/db.server");
await prepareDatabase();

const q = (s: string) => parseCaseListQuery(new URL(`http://x/staff/cases?${s}`));
const cases: [string, () => Promise<unknown>][] = [
  ["list, needs attention first (default)", () => listCases(q(""), "coord1")],
  ["list, last updated first", () => listCases(q("sort=updated"), "coord1")],
  ["list, page 400", () => listCases(q("page=400"), "coord1")],
  ["list, stage=ENQUIRY", () => listCases(q("stage=ENQUIRY"), "coord1")],
  ["list, coordinator=me", () => listCases(q("coordinator=me"), "coord1")],
  ["list, unassigned", () => listCases(q("coordinator=none"), "coord1")],
  ["list, programme", () => listCases(q("programme=prog1"), "coord1")],
  ["list, language=ar + country=SA", () => listCases(q("language=ar&country=SA"), "coord1")],
  ["list, red-flagged", () => listCases(q("flagged=1"), "coord1")],
  ["list, overdue first reply", () => listCases(q("overdue=1"), "coord1")],
  ["list, sorted by first-reply due", () => listCases(q("sort=due&dir=asc"), "coord1")],
  ["list, sorted by patient name", () => listCases(q("sort=name"), "coord1")],
  ["search, case number", () => listCases(q("q=MT-2026-031415"), "coord1")],
  ["search, email prefix", () => listCases(q("q=patient31415@"), "coord1")],
  ["search, name words", () => listCases(q("q=Surname42"), "coord1")],
  ["board, 12 columns", () => boardCases(q("view=board"), "coord1")],
  [
    "pipeline page, list (all of it)",
    () => getPipeline({ id: "coord1", role: "COORDINATOR" }, q(""), { ip: null, search: "" }),
  ],
  [
    "pipeline page, board (all of it)",
    () =>
      getPipeline({ id: "coord1", role: "COORDINATOR" }, q("view=board"), { ip: null, search: "" }),
  ],
  ["filter options", () => listFilterOptions()],
  ["case page query", () => readStaffCase("c31415")],
];

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
let statements = 0;
(db as unknown as { $on(e: "query", cb: () => void): void }).$on("query", () => statements++);
console.log(
  `\n${"view".padEnd(36)} ${"median".padStart(9)} ${"p95".padStart(9)} ${"statements".padStart(10)}`,
);
for (const [name, run] of cases) {
  statements = 0;
  await run(); // warm, and count its statements
  const count = statements;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(36)} ${pct(times, 0.5).toFixed(1).padStart(7)}ms ${pct(times, 0.95).toFixed(1).padStart(7)}ms ${String(count).padStart(10)}`,
  );
}
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
