/**
 * `npm run bench`: how fast our pages are, measured against a bare page in the same run.
 *
 *   npm run bench                          # SQLite, 1,000 and 50,000 cases, 3 × 5 s per target
 *   npm run bench -- --quick               # the same in a few minutes (2 × 2 s per target)
 *   npm run bench -- --pg                  # on a throwaway PostgreSQL 15 cluster (scripts/with-postgres.mjs)
 *   npm run bench -- --cases 1000,200000   # other scales (growth is from the first to the last)
 *
 * For each scale it builds a separate database (the demo seed: 30 full cases with quotes,
 * payments, appointments and itineraries, plus synthetic cases up to the scale, spread over
 * stages, languages, countries and programmes), starts the production server on loopback with
 * the background worker off, signs a coordinator and a patient in, and drives each target with
 * autocannon (10 connections): the bare page (`/bench`, the app's own ceiling), the pipeline
 * list and board, a case page, the patient's portal page, and an enquiry POST (each a new case;
 * client addresses vary through X-Forwarded-For, as behind a proxy, so the per-IP limit is not
 * what is measured).
 *
 * Beside it runs the anchor (scripts/bench-anchor.ts): a truly bare Remix app, one route with a
 * tiny JSON loader, built from the same installed packages and served the same way. Every
 * target is measured in slices, each right after a slice of the anchor (A B A B …), so its
 * ratio to the anchor (`<target>_vs_true`) compares figures taken seconds apart on the same
 * machine. Around every slice the server's CPU time is read from /proc (`<target>_cpu_ms`, per
 * request), which a busy shared machine disturbs far less than requests per second; its
 * resident memory after the load is `rss_mb`.
 *
 * It prints requests/s, p50/p95/p99, each target's ratio to the app's bare page and to the
 * anchor, its CPU per request and the growth of its mean time from the smaller scale to the
 * larger, then one line of JSON that starts with {"bench": for tools. A measurement, never a
 * test: nothing here fails on a figure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { lupusEnquiry } from "../tests/support/enquiry-form";
import { buildAnchor, startAnchor } from "./bench-anchor";
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

/** `--cases 1000,200000`: the scales to measure, smallest first (default 1,000 and 50,000). */
const casesArg = args.indexOf("--cases");
const SCALES =
  casesArg >= 0
    ? args[casesArg + 1]!.split(",")
        .map((x) => Number(x.replace(/_/g, "")))
        .sort((a, b) => a - b)
    : [1_000, 50_000];
if (!SCALES.length || SCALES.some((s) => !Number.isInteger(s) || s < 31)) {
  console.error("--cases: a comma-separated list of case counts of at least 31, e.g. 1000,200000");
  process.exit(2);
}
/**
 * Each target is measured in ROUNDS slices, each right after a slice of the anchor (A B A B …),
 * so a ratio to the anchor compares two figures taken seconds apart on the same machine.
 */
const ROUNDS = QUICK ? 2 : 3;
const SLICE_SECONDS = QUICK ? 2 : 5;
const SECONDS = ROUNDS * SLICE_SECONDS;
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

/** One slice of load against one server: the responses, and the server's CPU time it cost. */
interface Slice {
  times: number[];
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
  cpuMs: number;
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
  /** The server's CPU time (user + system) per request, in milliseconds. */
  cpuMs: number;
}

let enquiries = 0;
function enquiryBody(): string {
  const n = ++enquiries;
  const email = `bench-${process.pid}-${n}-${crypto.randomBytes(3).toString("hex")}@example.com`;
  return lupusEnquiry(`Bench Patient ${n}`, email).toString();
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
/**
 * The process's CPU time so far (utime + stime from /proc/<pid>/stat, all its threads), in ms.
 * Far steadier than requests per second on a shared machine: it counts only what this server
 * spent, not the time it waited for a core.
 */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after "pid (comm) ": state is field 3, utime 14 and stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

function options(url: string, target: Target, cookies: BenchIds, duration: number) {
  const headers: Record<string, string> = { "accept-language": "en" };
  if (target.cookie) headers.cookie = cookies[target.cookie]!;
  return {
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
              setupRequest: (req: autocannon.Request) => ({
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
  } as autocannon.Options;
}

async function slice(url: string, pid: number, target: Target, cookies: BenchIds) {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  const instance = autocannon(
    options(url, target, cookies, SLICE_SECONDS),
  ) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const s: Slice = {
    times,
    statuses,
    errors: result.errors + result.timeouts,
    seconds: (performance.now() - started) / 1000,
    cpuMs: cpuMs(pid) - cpuBefore,
  };
  return s;
}

function figures(slices: Slice[], expected: number): Figures {
  const times = slices.flatMap((s) => s.times).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of slices)
    for (const [k, v] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const seconds = slices.reduce((a, s) => a + s.seconds, 0);
  const cpu = slices.reduce((a, s) => a + s.cpuMs, 0);
  return {
    rps: times.length / seconds,
    meanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    p50: pct(times, 0.5),
    p95: pct(times, 0.95),
    p99: pct(times, 0.99),
    requests: times.length,
    errors: times.length - (statuses[expected] ?? 0) + slices.reduce((a, s) => a + s.errors, 0),
    statuses,
    cpuMs: cpu / Math.max(1, times.length),
  };
}

interface Server {
  url: string;
  pid: number;
}

/** A target's slices, each after one of the anchor's: its figures and the anchor's beside it. */
async function measure(app: Server, anchor: Server, target: Target, cookies: BenchIds) {
  await autocannon(options(app.url, target, cookies, WARMUP_SECONDS));
  const own: Slice[] = [];
  const bare: Slice[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await slice(anchor.url, anchor.pid, ANCHOR, cookies));
    own.push(await slice(app.url, app.pid, target, cookies));
  }
  return { figures: figures(own, target.enquiry ? 302 : 200), anchor: bare };
}

const ANCHOR: Target = { key: "true_bare", name: "true bare (anchor)", path: "/" };
const TARGETS = (caseId: string): Target[] => [
  { key: "bare", name: "bare page (ceiling)", path: "/bench" },
  { key: "pipeline", name: "pipeline list", path: "/staff/cases", cookie: "coordinator" },
  { key: "board", name: "pipeline board", path: "/staff/cases?view=board", cookie: "coordinator" },
  { key: "case", name: "case page", path: `/staff/cases/${caseId}`, cookie: "coordinator" },
  { key: "portal", name: "patient portal", path: `/portal/cases/${caseId}`, cookie: "patient" },
  { key: "enquiry", name: "enquiry POST", method: "POST", path: "/enquire", enquiry: true },
];

buildApp();
log("Building the anchor (a bare Remix app from the same packages)…");
const anchorDir = buildAnchor();

const results: Record<number, Record<string, Figures>> = {};
/** Per scale, the anchor's figures over all its slices, and its memory after load. */
const anchors: Record<number, Figures & { rssMb: number }> = {};
/** Per scale and target, the anchor's figures over the slices interleaved with that target. */
const anchorBeside: Record<number, Record<string, Figures>> = {};
const rss: Record<number, number> = {};
try {
  for (const scale of SCALES) {
    log(`\n${scale.toLocaleString("en")} cases on ${server ? "PostgreSQL" : "SQLite"}`);
    const { env, ids } = await benchDatabase(scale);
    const app = await startServer(env);
    const anchor = await startAnchor(anchorDir);
    results[scale] = {};
    anchorBeside[scale] = {};
    const servers = {
      app: { url: app.url, pid: app.child.pid! },
      anchor: { url: anchor.url, pid: anchor.child.pid! },
    };
    const allAnchor: Slice[] = [];
    try {
      await autocannon(options(anchor.url, ANCHOR, ids, WARMUP_SECONDS));
      for (const target of TARGETS(ids.caseId)) {
        const m = await measure(servers.app, servers.anchor, target, ids);
        const f = m.figures;
        const beside = figures(m.anchor, 200);
        allAnchor.push(...m.anchor);
        results[scale][target.key] = f;
        anchorBeside[scale][target.key] = beside;
        log(
          `  ${target.name.padEnd(22)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  ${f.cpuMs.toFixed(2)} CPU ms/req  × true bare ${(f.rps / beside.rps).toFixed(2)} (anchor ${beside.rps.toFixed(0)} req/s)${f.errors ? `  (${f.errors} unexpected: ${JSON.stringify(f.statuses)})` : ""}`,
        );
      }
      rss[scale] = rssMb(servers.app.pid);
      anchors[scale] = { ...figures(allAnchor, 200), rssMb: rssMb(servers.anchor.pid) };
    } finally {
      for (const child of [app.child, anchor.child]) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
  }
} finally {
  fs.rmSync(anchorDir, { recursive: true, force: true });
}

const small = SCALES[0]!;
const large = SCALES[SCALES.length - 1]!;
const at = (scale: number, key: string) => results[scale]![key]!;
const ratio = (key: string, scale = large) => at(scale, key).rps / at(scale, "bare").rps;
const vsTrue = (key: string, scale = large) => at(scale, key).rps / anchorBeside[scale]![key]!.rps;
// Growth needs two scales; with one (--cases 200000) there is none to report.
const growth = (key: string) =>
  small === large ? null : at(large, key).meanMs / at(small, key).meanMs;
const cpuGrowth = (key: string) =>
  small === large ? null : at(large, key).cpuMs / at(small, key).cpuMs;

console.log(
  `\nnpm run bench${QUICK ? " -- --quick" : ""} · ${server ? "PostgreSQL 15" : "SQLite (WAL)"} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"} · ${CONNECTIONS} connections · ${ROUNDS} × ${SLICE_SECONDS} s per target, each slice after one of the anchor`,
);
const header = `${"target".padEnd(22)} ${"cases".padStart(7)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"× bare".padStart(7)} ${"× true".padStart(7)} ${"CPU ms".padStart(7)} ${"growth".padStart(7)}`;
console.log(header);
console.log("-".repeat(header.length));
const fmt = (x: number | null, digits = 2) => (x === null ? "" : x.toFixed(digits)).padStart(7);
for (const scale of SCALES) {
  const a = anchors[scale]!;
  console.log(
    `${ANCHOR.name.padEnd(22)} ${scale.toLocaleString("en").padStart(7)} ${fmt(a.rps, 0)} ${fmt(a.p50, 1)} ${fmt(a.p95, 1)} ${fmt(a.p99, 1)} ${fmt(null)} ${fmt(1)} ${fmt(a.cpuMs)} ${fmt(null)}`,
  );
}
for (const target of TARGETS("")) {
  for (const scale of SCALES) {
    const f = at(scale, target.key);
    console.log(
      `${target.name.padEnd(22)} ${scale.toLocaleString("en").padStart(7)} ${fmt(f.rps, 0)} ${fmt(f.p50, 1)} ${fmt(f.p95, 1)} ${fmt(f.p99, 1)} ${fmt(ratio(target.key, scale))} ${fmt(vsTrue(target.key, scale))} ${fmt(f.cpuMs)} ${scale === large ? fmt(growth(target.key)) : fmt(null)}`,
    );
  }
}
for (const scale of SCALES) {
  console.log(
    `server memory after load at ${scale.toLocaleString("en")} cases: app ${rss[scale]!.toFixed(0)} MB, anchor ${anchors[scale]!.rssMb.toFixed(0)} MB`,
  );
}
const errors = SCALES.flatMap((s) => Object.values(results[s]!)).reduce((a, f) => a + f.errors, 0);
const round = (x: number | null, digits = 2) => (x === null ? null : Number(x.toFixed(digits)));
const perTarget = (suffix: string, value: (key: string) => number) =>
  Object.fromEntries(TARGETS("").map((t) => [`${t.key}${suffix}`, round(value(t.key))]));
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
  // The anchor (issue 21): a bare Remix route served the same way, alternated with each target.
  true_bare_rps: round(anchors[large]!.rps, 0),
  ...perTarget("_vs_true", (key) => vsTrue(key)),
  true_bare_cpu_ms: round(anchors[large]!.cpuMs),
  ...perTarget("_cpu_ms", (key) => at(large, key).cpuMs),
  pipeline_cpu_growth: round(cpuGrowth("pipeline")),
  case_cpu_growth: round(cpuGrowth("case")),
  rss_mb: round(rss[large]!, 0),
};
fs.writeFileSync(
  path.join(DIR, `last-${summary.database}.json`),
  JSON.stringify({ summary, results, anchors, anchorBeside, rss }, null, 2),
);
console.log(JSON.stringify({ bench: summary }));
