/**
 * `npm run soak`: a 60-second mixed workload of 100 concurrent virtual users against the
 * production server on a 50,000-case database, reporting errors, latency and the server's
 * memory over time.
 *
 *   npm run soak                 # SQLite, 60 s
 *   npm run soak -- --seconds 20
 *   npm run soak -- --pg         # on a throwaway PostgreSQL 15 cluster
 *   npm run soak -- --think 2    # each user waits 2 s between requests (a paced load)
 *
 * 60 users are patients: the landing page, the enquiry form, their portal page, and an enquiry
 * submitted (each a new case). 40 are staff working the pipeline: the list, the board and a
 * case page. The server's resident memory is sampled every second; "flat after warm-up" is
 * judged by comparing the first and last thirds after the first 10 seconds. A measurement,
 * not a test: it prints figures and one line of JSON starting {"soak":.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";
import { lupusEnquiry } from "../tests/support/enquiry-form";
import { benchDatabase, buildApp, log, startServer } from "./bench-support";

const args = process.argv.slice(2);
if (args.includes("--pg") && !process.env.TEST_DATABASE_URL) {
  const r = spawnSync(
    process.execPath,
    ["scripts/with-postgres.mjs", process.execPath, "--import", "tsx", "scripts/soak.ts", ...args],
    { stdio: "inherit" },
  );
  process.exit(r.status ?? 1);
}
const secondsArg = args.indexOf("--seconds");
const SECONDS = secondsArg >= 0 ? Number(args[secondsArg + 1]) : 60;
/** Seconds each user waits between requests (0: none, a saturation test). */
const thinkArg = args.indexOf("--think");
const THINK = thinkArg >= 0 ? Number(args[thinkArg + 1]) : 0;
const WARMUP = 10;
const CASES = 50_000;

const rss = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
const pct = (xs: number[], p: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : 0;
const median = (xs: number[]) =>
  pct(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

buildApp();
log(
  `\n${CASES.toLocaleString("en")} cases, ${SECONDS} s, 100 users, ${THINK ? `${THINK} s think time` : "no think time"}`,
);
const { env, ids } = await benchDatabase(CASES);
const { url, child } = await startServer(env);

interface Group {
  name: string;
  connections: number;
  requests: autocannon.Request[];
  expected: Record<string, number>;
}
let n = 0;
const groups: Group[] = [
  {
    name: "patients",
    connections: 60,
    expected: { GET: 200, POST: 302 },
    requests: [
      { method: "GET", path: "/" },
      { method: "GET", path: "/enquire" },
      { method: "GET", path: `/portal/cases/${ids.caseId}`, headers: { cookie: ids.patient } },
      {
        method: "POST",
        path: "/enquire",
        setupRequest: (req) => {
          n++;
          const email = `soak-${process.pid}-${n}-${crypto.randomBytes(3).toString("hex")}@example.com`;
          return {
            ...req,
            body: lupusEnquiry(`Soak Patient ${n}`, email).toString(),
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              origin: url,
              "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            },
          };
        },
      },
    ],
  },
  {
    name: "staff",
    connections: 40,
    expected: { GET: 200 },
    requests: [
      { method: "GET", path: "/staff/cases", headers: { cookie: ids.coordinator } },
      { method: "GET", path: "/staff/cases?view=board", headers: { cookie: ids.coordinator } },
      { method: "GET", path: `/staff/cases/${ids.caseId}`, headers: { cookie: ids.coordinator } },
    ],
  },
];

const memory: number[] = [];
const sampler = setInterval(() => memory.push(rss(child.pid!)), 1000);
const runs = groups.map((g) => {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url,
    connections: g.connections,
    duration: SECONDS,
    // With think time the group sends, in all, one request per user every THINK seconds
    // (autocannon paces a group, not below one request per second per connection).
    ...(THINK > 0 ? { overallRate: Math.max(1, Math.round(g.connections / THINK)) } : {}),
    headers: { "accept-language": "en" },
    requests: g.requests,
  }) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  instance.on("response", (_c: unknown, status: number, _b: number, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  return instance.then((result) => ({ g, result, times, statuses }));
});
let done: Awaited<(typeof runs)[number]>[];
try {
  done = await Promise.all(runs);
} finally {
  // Never leave the server running, even when the load generator fails.
  clearInterval(sampler);
  child.kill("SIGTERM");
}

const expectedStatuses = new Set([200, 302]);
const groupSummaries = done.map(({ g, result, times, statuses }) => {
  times.sort((a, b) => a - b);
  const unexpected =
    Object.entries(statuses)
      .filter(([s]) => !expectedStatuses.has(Number(s)))
      .reduce((a, [, c]) => a + c, 0) +
    result.errors +
    result.timeouts;
  return {
    group: g.name,
    users: g.connections,
    requests: times.length,
    rps: Math.round(result.requests.average),
    p50_ms: Number(pct(times, 0.5).toFixed(1)),
    p95_ms: Number(pct(times, 0.95).toFixed(1)),
    p99_ms: Number(pct(times, 0.99).toFixed(1)),
    unexpected,
    statuses,
  };
});
const after = memory.slice(WARMUP);
const third = Math.max(1, Math.floor(after.length / 3));
const early = median(after.slice(0, third));
const late = median(after.slice(-third));
const summary = {
  database: process.env.TEST_DATABASE_URL ? "postgresql" : "sqlite",
  cases: CASES,
  seconds: SECONDS,
  think_s: THINK,
  users: 100,
  groups: groupSummaries,
  rss_mb: {
    start: Math.round(memory[0] ?? 0),
    after_warmup: Math.round(early),
    end: Math.round(late),
    max: Math.round(Math.max(...memory)),
    growth_after_warmup_pct: Number((((late - early) / early) * 100).toFixed(1)),
  },
  samples_mb: memory.map((m) => Math.round(m)),
};
for (const s of groupSummaries) {
  console.log(
    `${s.group.padEnd(9)} ${String(s.users).padStart(3)} users ${String(s.requests).padStart(7)} requests ${String(s.rps).padStart(5)} req/s  p50 ${s.p50_ms} ms  p95 ${s.p95_ms} ms  p99 ${s.p99_ms} ms  unexpected ${s.unexpected}`,
  );
}
console.log(
  `server memory (RSS): ${summary.rss_mb.start} MB at start, ${summary.rss_mb.after_warmup} MB after warm-up, ${summary.rss_mb.end} MB at the end (${summary.rss_mb.growth_after_warmup_pct} %), peak ${summary.rss_mb.max} MB`,
);
console.log(JSON.stringify({ soak: summary }));
