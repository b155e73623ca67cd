/**
 * `npm run bench`: how fast our pages are, measured against a bare page in the same run.
 *
 *   npm run bench                 # SQLite, 1,000 and 50,000 cases, 15 s per target
 *   npm run bench -- --quick      # the same in under 3 minutes (4 s per target)
 *   npm run bench -- --pg         # on a throwaway PostgreSQL 15 cluster (scripts/with-postgres.mjs)
 *
 * For each scale it builds a separate database (the demo seed: 30 full cases with quotes,
 * payments, appointments and itineraries, plus synthetic cases up to the scale, spread over
 * stages, languages, countries and programmes), starts the production server on loopback with
 * the background worker off, signs a coordinator and a patient in, and drives each target with
 * autocannon (10 connections): the bare page (`/bench`, the ceiling), the pipeline list and
 * board, a case page, the patient's portal page, and an enquiry POST (each a new case; client
 * addresses vary through X-Forwarded-For, as behind a proxy, so the per-IP limit is not what is
 * measured). It prints requests/s, p50/p95/p99, each target's ratio to the bare page and the
 * growth of its mean time from the smaller scale to the larger, then one line of JSON that
 * starts with {"bench": for tools. A measurement, never a test: nothing here fails on a figure.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { lupusEnquiry } from "../tests/support/enquiry-form";
import { benchDatabase, buildApp, DIR, log, startServer, type BenchIds } from "./bench-support";

const args = process.argv.slice(2);
const QUICK = args.includes("--quick");
const PG = args.includes("--pg");

if (PG && !process.env.TEST_DATABASE_URL) {
  // Re-run this script inside a throwaway PostgreSQL cluster.
  const r = spawnSync(
    process.execPath,
    ["scripts/with-postgres.mjs", process.execPath, "--import", "tsx", "scripts/bench.ts", ...args],
    { stdio: "inherit" },
  );
  process.exit(r.status ?? 1);
}

const SCALES = [1_000, 50_000];
const SECONDS = QUICK ? 4 : 15;
const WARMUP_SECONDS = QUICK ? 1 : 3;
const CONNECTIONS = 10;
const server = process.env.TEST_DATABASE_URL;

interface Target {
  key: string;
  name: string;
  method?: "GET" | "POST";
  path: string;
  cookie?: "coordinator" | "patient";
  /** For the enquiry: a fresh body and client address per request. */
  enquiry?: boolean;
}

interface Figures {
  rps: number;
  meanMs: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
}

let enquiries = 0;
function enquiryBody(): string {
  const n = ++enquiries;
  const email = `bench-${process.pid}-${n}-${crypto.randomBytes(3).toString("hex")}@example.com`;
  return lupusEnquiry(`Bench Patient ${n}`, email).toString();
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;

async function measure(url: string, target: Target, cookies: BenchIds) {
  const headers: Record<string, string> = { "accept-language": "en" };
  if (target.cookie) headers.cookie = cookies[target.cookie]!;
  const options = (duration: number): autocannon.Options => ({
    url: `${url}${target.path}`,
    connections: CONNECTIONS,
    duration,
    method: target.method ?? "GET",
    headers,
    ...(target.enquiry
      ? {
          // A browser posting the app's own form sends its origin (the server refuses others).
          headers: {
            ...headers,
            "content-type": "application/x-www-form-urlencoded",
            origin: url,
          },
          requests: [
            {
              method: "POST",
              setupRequest: (req) => ({
                ...req,
                body: enquiryBody(),
                headers: {
                  ...req.headers,
                  "x-forwarded-for": `10.${(enquiries >> 16) & 255}.${(enquiries >> 8) & 255}.${enquiries & 255}`,
                },
              }),
            },
          ],
        }
      : {}),
  });
  await autocannon(options(WARMUP_SECONDS));
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon(options(SECONDS)) as unknown as Promise<autocannon.Result> &
    NodeJS.EventEmitter;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const expected = target.enquiry ? 302 : 200;
  const figures: Figures = {
    rps: result.requests.average,
    meanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    p50: pct(times, 0.5),
    p95: pct(times, 0.95),
    p99: pct(times, 0.99),
    requests: times.length,
    errors: times.length - (statuses[expected] ?? 0) + result.errors + result.timeouts,
    statuses,
  };
  return figures;
}

const TARGETS = (caseId: string): Target[] => [
  { key: "bare", name: "bare page (ceiling)", path: "/bench" },
  { key: "pipeline", name: "pipeline list", path: "/staff/cases", cookie: "coordinator" },
  { key: "board", name: "pipeline board", path: "/staff/cases?view=board", cookie: "coordinator" },
  { key: "case", name: "case page", path: `/staff/cases/${caseId}`, cookie: "coordinator" },
  { key: "portal", name: "patient portal", path: `/portal/cases/${caseId}`, cookie: "patient" },
  { key: "enquiry", name: "enquiry POST", method: "POST", path: "/enquire", enquiry: true },
];

buildApp();

const results: Record<number, Record<string, Figures>> = {};
for (const scale of SCALES) {
  log(`\n${scale.toLocaleString("en")} cases on ${server ? "PostgreSQL" : "SQLite"}`);
  const { env, ids } = await benchDatabase(scale);
  const { url, child } = await startServer(env);
  results[scale] = {};
  try {
    for (const target of TARGETS(ids.caseId)) {
      const f = await measure(url, target, ids);
      results[scale][target.key] = f;
      log(
        `  ${target.name.padEnd(22)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms${f.errors ? `  (${f.errors} unexpected: ${JSON.stringify(f.statuses)})` : ""}`,
      );
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

const [small, large] = SCALES as [number, number];
const at = (scale: number, key: string) => results[scale]![key]!;
const ratio = (key: string, scale = large) => at(scale, key).rps / at(scale, "bare").rps;
const growth = (key: string) => at(large, key).meanMs / at(small, key).meanMs;

console.log(
  `\nnpm run bench${QUICK ? " -- --quick" : ""} · ${server ? "PostgreSQL 15" : "SQLite (WAL)"} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"} · ${CONNECTIONS} connections · ${SECONDS} s per target`,
);
const header = `${"target".padEnd(22)} ${"cases".padStart(7)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"× bare".padStart(7)} ${"growth".padStart(7)}`;
console.log(header);
console.log("-".repeat(header.length));
for (const target of TARGETS("")) {
  for (const scale of SCALES) {
    const f = at(scale, target.key);
    console.log(
      `${target.name.padEnd(22)} ${scale.toLocaleString("en").padStart(7)} ${f.rps.toFixed(0).padStart(7)} ${f.p50.toFixed(1).padStart(7)} ${f.p95.toFixed(1).padStart(7)} ${f.p99.toFixed(1).padStart(7)} ${ratio(target.key, scale).toFixed(2).padStart(7)} ${scale === large ? growth(target.key).toFixed(2).padStart(7) : "".padStart(7)}`,
    );
  }
}
const errors = SCALES.flatMap((s) => Object.values(results[s]!)).reduce((a, f) => a + f.errors, 0);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const summary = {
  database: server ? "postgresql" : "sqlite",
  quick: QUICK,
  cases: SCALES,
  connections: CONNECTIONS,
  seconds: SECONDS,
  bare_rps: round(at(large, "bare").rps, 0),
  pipeline_ratio: round(ratio("pipeline")),
  pipeline_p95_ms: round(at(large, "pipeline").p95, 1),
  board_ratio: round(ratio("board")),
  case_ratio: round(ratio("case")),
  portal_ratio: round(ratio("portal")),
  enquiry_ratio: round(ratio("enquiry")),
  pipeline_growth: round(growth("pipeline")),
  case_growth: round(growth("case")),
  unexpected_responses: errors,
};
fs.writeFileSync(
  path.join(DIR, `last-${summary.database}.json`),
  JSON.stringify({ summary, results }, null, 2),
);
console.log(JSON.stringify({ bench: summary }));
