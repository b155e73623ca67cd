/**
 * `npm run soak`: a 60-second mixed workload of 100 concurrent virtual users against the
 * production server on a 50,000-case database, reporting errors, latency and the server's
 * memory over time.
 *
 *   npm run soak                 # SQLite, 60 s
 *   npm run soak -- --seconds 20
 *   npm run soak -- --pg         # on a throwaway PostgreSQL 15 cluster
 *   npm run soak -- --think 2    # each user waits 2 s between requests (a paced load)
 *   npm run soak -- --pg --instances 2   # two instances behind HAProxy, both with the worker
 *
 * 60 users are patients: the landing page, the enquiry form, their portal page, and an enquiry
 * submitted (each a new case). 40 are staff working the pipeline: the list, the board and a
 * case page. The server's resident memory is sampled every second; "flat after warm-up" is
 * judged by comparing the first and last thirds after the first 10 seconds. Every signed-in
 * request (staff pages, the patient's portal) must answer 200: a redirect would mean the
 * session was lost. A measurement, not a test: it prints figures and one line of JSON
 * starting {"soak":.
 *
 * With --instances N (PostgreSQL only: one database for all), N production servers run with
 * their background worker on, behind HAProxy (scripts/balancer.ts, round robin, health-checked),
 * all sending email to one SMTP stand-in (tests/support/smtp.ts). Appointments planned to fall
 * due for a reminder during the soak, and the enquiries it posts, make the workers send email;
 * afterwards the soak waits for the outbox to drain and checks that every message arrived
 * exactly once (scripts/soak-delivery.ts). It reports which instance served the signed-in
 * requests (HAProxy's X-Served-By), HAProxy's per-instance counts, and each instance's memory
 * and CPU time.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import autocannon from "autocannon";
import { lupusEnquiry } from "../tests/support/enquiry-form";
import { startSmtp, type TestSmtp } from "../tests/support/smtp";
import { freePort } from "./free-port.mjs";
import { haproxyBinary, startBalancer, type Balancer, type BackendStats } from "./balancer";
import { benchDatabase, buildApp, log, startServer } from "./bench-support";
import {
  checkDelivery,
  planReminders,
  waitForDrain,
  type DeliveryReport,
  type PlannedReminders,
} from "./soak-delivery";

const args = process.argv.slice(2);
const instancesArg = args.indexOf("--instances");
const INSTANCES = instancesArg >= 0 ? Number(args[instancesArg + 1]) : 1;
if (!Number.isInteger(INSTANCES) || INSTANCES < 1) {
  console.error("--instances: a whole number of app processes, e.g. 2");
  process.exit(2);
}
if (INSTANCES > 1 && !args.includes("--pg")) {
  // Several processes share one database: the deployment this models is PostgreSQL's.
  console.error("--instances above 1 needs --pg (all instances share one PostgreSQL database)");
  process.exit(2);
}
if (INSTANCES > 1) {
  // Before anything is built: say how to install the balancer when it is missing.
  try {
    haproxyBinary();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
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
/** Appointments whose reminders fall due during a multi-instance soak. */
const REMINDERS = 40;

const rss = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
/** The process's CPU time so far (utime + stime from /proc/<pid>/stat), in seconds. */
const cpuSeconds = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
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
  `\n${CASES.toLocaleString("en")} cases, ${SECONDS} s, 100 users, ${THINK ? `${THINK} s think time` : "no think time"}${INSTANCES > 1 ? `, ${INSTANCES} instances behind HAProxy` : ""}`,
);
const { env, ids } = await benchDatabase(CASES);

let url: string;
const children: ChildProcess[] = [];
let balancer: Balancer | null = null;
let smtp: TestSmtp | null = null;
let planned: PlannedReminders | null = null;
const soakStart = new Date();
const stopAll = async () => {
  await balancer?.stop();
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }
  await smtp?.close();
};
if (INSTANCES === 1) {
  const one = await startServer(env);
  children.push(one.child);
  url = one.url;
} else {
  try {
    smtp = await startSmtp();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    planned = await planReminders(env.DATABASE_URL!, REMINDERS, new Date(), SECONDS);
    // Both instances as deployed: the worker on (outbox, reminders), email over SMTP, and the
    // balancer's address as theirs. A short poll makes the reminder sweep (every 15 polls)
    // come round several times within the soak.
    const shared = {
      ...env,
      WORKER_ENABLED: "true",
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: "250",
    };
    const backends = [];
    // One after the other: each prepares the database before it listens.
    for (let i = 1; i <= INSTANCES; i++) {
      const s = await startServer(shared, { appUrl: url });
      children.push(s.child);
      backends.push({ name: `app${i}`, port: s.port });
    }
    balancer = await startBalancer(port, backends);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Signed-in requests by the instance that served them (HAProxy's X-Served-By). */
const signedIn: Record<string, { ok: number; other: Record<string, number> }> = {};
const tallySignedIn = (status: number, headers: IncomingHttpHeaders) => {
  const served = Object.entries(headers).find(([k]) => k.toLowerCase() === "x-served-by")?.[1];
  const instance = String(served ?? "app");
  const t = (signedIn[instance] ??= { ok: 0, other: {} });
  if (status === 200) t.ok++;
  else t.other[status] = (t.other[status] ?? 0) + 1;
};
const onSignedIn = {
  onResponse: (status: number, _body: string, _ctx: object, headers?: IncomingHttpHeaders) =>
    tallySignedIn(status, headers ?? {}),
};

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
      {
        method: "GET",
        path: `/portal/cases/${ids.caseId}`,
        headers: { cookie: ids.patient },
        ...onSignedIn,
      },
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
      { method: "GET", path: "/staff/cases", headers: { cookie: ids.coordinator }, ...onSignedIn },
      {
        method: "GET",
        path: "/staff/cases?view=board",
        headers: { cookie: ids.coordinator },
        ...onSignedIn,
      },
      {
        method: "GET",
        path: `/staff/cases/${ids.caseId}`,
        headers: { cookie: ids.coordinator },
        ...onSignedIn,
      },
    ],
  },
];

const pids = children.map((c) => c.pid!);
const memory: number[][] = pids.map(() => []);
const cpuBefore = pids.map(cpuSeconds);
const sampler = setInterval(() => pids.forEach((pid, i) => memory[i]!.push(rss(pid))), 1000);
const loadStarted = performance.now();
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
let backendStats: BackendStats[] = [];
let drain: { drained: boolean; seconds: number } | null = null;
let delivery: DeliveryReport | null = null;
const cpuAfter: number[] = [];
let loadSeconds = SECONDS;
try {
  done = await Promise.all(runs);
  loadSeconds = (performance.now() - loadStarted) / 1000;
  pids.forEach((pid) => cpuAfter.push(cpuSeconds(pid)));
  if (balancer && smtp && planned) {
    backendStats = await balancer.stats();
    log("Waiting for the outboxes to drain and every reminder to be sent…");
    drain = await waitForDrain(env.DATABASE_URL!, planned, 120_000);
    delivery = await checkDelivery(env.DATABASE_URL!, smtp, planned, soakStart);
  }
} finally {
  // Never leave a server running, even when the load generator fails.
  clearInterval(sampler);
  await stopAll();
}

const groupSummaries = done.map(({ g, result, times, statuses }) => {
  times.sort((a, b) => a - b);
  const expectedStatuses = new Set(Object.values(g.expected));
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
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  };
});
const memorySummary = (samples: number[]) => {
  // A run shorter than the warm-up (--seconds 10) judges all it has.
  const after = samples.length > WARMUP ? samples.slice(WARMUP) : samples;
  const third = Math.max(1, Math.floor(after.length / 3));
  const early = median(after.slice(0, third));
  const late = median(after.slice(-third));
  return {
    start: Math.round(samples[0] ?? 0),
    after_warmup: Math.round(early),
    end: Math.round(late),
    max: Math.round(Math.max(...samples)),
    growth_after_warmup_pct: Number((((late - early) / early) * 100).toFixed(1)),
  };
};
const totalRequests = groupSummaries.reduce((a, g) => a + g.requests, 0);
const signedInTotal = Object.values(signedIn).reduce(
  (a, t) => a + t.ok + Object.values(t.other).reduce((x, y) => x + y, 0),
  0,
);
const signedInFailed = Object.values(signedIn).reduce(
  (a, t) => a + Object.values(t.other).reduce((x, y) => x + y, 0),
  0,
);
const summary = {
  database: process.env.TEST_DATABASE_URL ? "postgresql" : "sqlite",
  cases: CASES,
  seconds: SECONDS,
  think_s: THINK,
  users: 100,
  instances: INSTANCES,
  groups: groupSummaries,
  combined_rps: Math.round(totalRequests / loadSeconds),
  errors: groupSummaries.reduce((a, g) => a + g.errors, 0),
  timeouts: groupSummaries.reduce((a, g) => a + g.timeouts, 0),
  unexpected: groupSummaries.reduce((a, g) => a + g.unexpected, 0),
  // Every signed-in request should be a 200: a redirect here is a lost session.
  signed_in: { requests: signedInTotal, not_200: signedInFailed, by_instance: signedIn },
  // The first instance's memory, under the key the single-instance soak always had.
  rss_mb: memorySummary(memory[0]!),
  per_instance: pids.map((_, i) => ({
    instance: INSTANCES > 1 ? `app${i + 1}` : "app",
    rss_mb: memorySummary(memory[i]!),
    cpu_s: Number(((cpuAfter[i] ?? 0) - cpuBefore[i]!).toFixed(1)),
    ...(backendStats.length
      ? { haproxy: backendStats.find((b) => b.name === `app${i + 1}`) ?? null }
      : {}),
  })),
  ...(drain ? { drain } : {}),
  ...(delivery ? { delivery } : {}),
  samples_mb:
    memory.length === 1 ? memory[0]!.map(Math.round) : memory.map((m) => m.map(Math.round)),
};
for (const s of groupSummaries) {
  console.log(
    `${s.group.padEnd(9)} ${String(s.users).padStart(3)} users ${String(s.requests).padStart(7)} requests ${String(s.rps).padStart(5)} req/s  p50 ${s.p50_ms} ms  p95 ${s.p95_ms} ms  p99 ${s.p99_ms} ms  unexpected ${s.unexpected} (errors ${s.errors}, timeouts ${s.timeouts})`,
  );
}
console.log(
  `combined: ${summary.combined_rps} req/s over ${INSTANCES} instance${INSTANCES > 1 ? "s" : ""}; signed-in requests ${signedInTotal}, not 200: ${signedInFailed}${
    INSTANCES > 1
      ? ` (served by ${Object.entries(signedIn)
          .map(([k, t]) => `${k}: ${t.ok} ok`)
          .join(", ")})`
      : ""
  }`,
);
for (const p of summary.per_instance) {
  const h = "haproxy" in p && p.haproxy ? p.haproxy : null;
  console.log(
    `${p.instance}: memory (RSS) ${p.rss_mb.start} MB at start, ${p.rss_mb.after_warmup} MB after warm-up, ${p.rss_mb.end} MB at the end (${p.rss_mb.growth_after_warmup_pct} %), peak ${p.rss_mb.max} MB; CPU ${p.cpu_s} s${h ? `; HAProxy: ${h.requests} requests, 2xx ${h.hrsp_2xx}, 3xx ${h.hrsp_3xx}, 4xx ${h.hrsp_4xx}, 5xx ${h.hrsp_5xx}, ${h.status}` : ""}`,
  );
}
if (delivery && drain) {
  console.log(
    `email: ${delivery.received} received for ${delivery.outbox_rows} outbox rows (${delivery.sent} sent, ${delivery.pending} pending, ${delivery.failed} failed) after ${drain.seconds} s of draining; duplicates ${delivery.duplicates}, missing ${delivery.missing}, unknown ${delivery.unknown}; ${delivery.enquiry_confirmations} enquiry confirmations; reminders ${delivery.reminders_claimed}/${delivery.reminders_planned} claimed, ${delivery.reminder_emails_received} emails, ${delivery.reminders_not_once} not exactly once → ${delivery.exactly_once ? "each delivered exactly once" : "NOT exactly once"}`,
  );
}
console.log(JSON.stringify({ soak: summary }));
