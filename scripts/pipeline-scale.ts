/**
 * How the pipeline behaves with many cases: builds a throwaway SQLite database with
 * CASES cases (default 50,000) and their patients, then times the staff views' queries
 * in this process and prints the median and the 95th percentile of each.
 *
 *   npm run measure:pipeline            # 50,000 cases
 *   CASES=200000 npm run measure:pipeline
 *
 * A measurement, not a test: nothing here passes or fails. tests/pipeline.test.ts checks
 * the query plans that make these numbers what they are.
 */
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const CASES = Number(process.env.CASES ?? 50_000);
const RUNS = Number(process.env.RUNS ?? 30);
const dir = fs.mkdtempSync(path.join(process.cwd(), "tmp", "scale-"));
const file = path.join(dir, "scale.db");
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: `file:${file}`,
  SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
  DOCUMENT_KEY: crypto.randomBytes(32).toString("base64"),
  WORKER_ENABLED: "false",
});

execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { stdio: "pipe" });

/** Writes the rows straight through SQLite: 50,000 cases take seconds this way. */
function fill() {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  const now = Date.now();
  const stages = ["ENQUIRY", "MEDICAL_REVIEW", "QUOTED", "SCHEDULED", "AFTERCARE", "CLOSED"];
  const langs = ["de", "ar", "ru", "fa", "tr", "fr", "en"];
  const countries = ["DE", "SA", "RU", "IR", "TR", "FR", "GB"];
  const insertUser = raw.prepare(
    `INSERT INTO "User" (id, email, name, role, locale, timeZone, active, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 'en', 'Europe/Berlin', 1, ?, ?)`,
  );
  const insertProgramme = raw.prepare(
    `INSERT INTO "Programme" (id, slug, name, condition, summary, active, position, createdAt, updatedAt)
     VALUES (?, ?, ?, 'SLE', 'demo', 1, 0, ?, ?)`,
  );
  const insertCase = raw.prepare(
    `INSERT INTO "Case" (id, number, stage, stageChangedAt, patientId, coordinatorId, programmeId,
       language, timeZone, country, currency, eligibility, redFlagCount, firstResponseDueAt,
       firstRespondedAt, reviewDueAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Europe/Berlin', ?, 'EUR', 'PENDING', ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = raw.prepare(
    `INSERT INTO "CaseEvent" (id, caseId, type, toStage, fromPatient, internal, createdAt)
     VALUES (?, ?, 'STAGE_CHANGE', ?, 0, 0, ?)`,
  );
  raw.transaction(() => {
    const t = now;
    for (let c = 0; c < 5; c++)
      insertUser.run(`coord${c}`, `coord${c}@clinic`, `Coordinator ${c}`, "COORDINATOR", t, t);
    for (let p = 0; p < 3; p++)
      insertProgramme.run(`prog${p}`, `prog-${p}`, `Programme ${p}`, t, t);
    for (let i = 0; i < CASES; i++) {
      const created = now - i * 60_000;
      const stage = stages[i % stages.length]!;
      insertUser.run(
        `p${i}`,
        `patient${i}@example.com`,
        `Patient ${i} Surname${i % 997}`,
        "PATIENT",
        created,
        created,
      );
      insertCase.run(
        `c${i}`,
        `MT-2026-${String(i + 1).padStart(6, "0")}`,
        stage,
        created,
        `p${i}`,
        i % 4 === 0 ? null : `coord${i % 5}`,
        `prog${i % 3}`,
        langs[i % langs.length],
        countries[i % countries.length],
        i % 25 === 0 ? 1 : 0,
        created + 24 * 3_600_000,
        stage === "ENQUIRY" && i < 600 ? null : created + 3_600_000,
        created + 72 * 3_600_000,
        created,
        created,
      );
      insertEvent.run(`e${i}`, `c${i}`, stage, created);
    }
  })();
  raw.close();
}

const started = Date.now();
fill();
console.log(
  `Built ${CASES.toLocaleString("en")} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (${file})`,
);

const { listCases, boardCases, getCaseForStaff, listFilterOptions } =
  await import("~/models/case.server");
const { parseCaseListQuery } = await import("~/lib/pipeline");
const { db, prepareDatabase } = await import("~/db.server");
await prepareDatabase();

const q = (s: string) => parseCaseListQuery(new URL(`http://x/staff/cases?${s}`));
const cases: [string, () => Promise<unknown>][] = [
  ["list, newest first", () => listCases(q(""), "coord1")],
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
  ["filter options", () => listFilterOptions()],
  ["case page query", () => getCaseForStaff("c31415")],
];

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
console.log(`\n${"view".padEnd(36)} ${"median".padStart(9)} ${"p95".padStart(9)}`);
for (const [name, run] of cases) {
  await run(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(36)} ${pct(times, 0.5).toFixed(1).padStart(7)}ms ${pct(times, 0.95).toFixed(1).padStart(7)}ms`,
  );
}
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
