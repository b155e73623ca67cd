/**
 * `node --import tsx scripts/fixed-cost.ts [--cases 1000] [--requests 300]`: the server's CPU
 * per request (utime + stime of the server process, read from /proc around a run of N
 * requests) and the bytes on the wire, for the bare page, the pipeline list, a case page and
 * the patient portal, without and with compression (brotli, gzip). Builds nothing: run
 * `npm run build` first. A measurement, never a test (docs/decisions/037-fixed-request-cost.md).
 */
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { benchDatabase, log, startServer } from "./bench-support";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CASES = arg("--cases", 1000);
const REQUESTS = arg("--requests", 300);
const TICK_MS = 1000 / 100; // USER_HZ

function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The body as sent (undecoded). */
function body(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks)));
      })
      .on("error", reject);
  });
}

const { env, ids } = await benchDatabase(CASES);
const { url, child } = await startServer(env);
const pid = child.pid!;
const targets = [
  { key: "bare", path: "/bench" },
  { key: "pipeline", path: "/staff/cases", cookie: ids.coordinator },
  { key: "case", path: `/staff/cases/${ids.caseId}`, cookie: ids.coordinator },
  { key: "portal", path: `/portal/cases/${ids.caseId}`, cookie: ids.patient },
];
const encodings = ["identity", "br", "gzip"];
const results: Record<string, Record<string, { cpuMsPerRequest: number; bytes: number }>> = {};
/** The plain body compressed in one piece: the best the streamed compression could do. */
const whole: Record<string, { br: number; gzip: number }> = {};
for (const t of targets) {
  results[t.key] = {};
  for (const enc of encodings) {
    const headers: Record<string, string> = { "accept-language": "en" };
    if (t.cookie) headers.cookie = t.cookie;
    if (enc !== "identity") headers["accept-encoding"] = enc;
    // Warm-up, then the measured run.
    await autocannon({ url: `${url}${t.path}`, headers, connections: 4, amount: 30 });
    const before = cpuMs(pid);
    const run = await autocannon({
      url: `${url}${t.path}`,
      headers,
      connections: 4,
      amount: REQUESTS,
    });
    const used = cpuMs(pid) - before;
    const ok = run["2xx"];
    if (ok !== REQUESTS) log(`${t.key} ${enc}: only ${ok} of ${REQUESTS} answered 2xx`);
    const sent = await body(`${url}${t.path}`, headers);
    results[t.key]![enc] = {
      cpuMsPerRequest: Math.round((used / REQUESTS) * 100) / 100,
      bytes: sent.length,
    };
    if (enc === "identity") {
      const br = zlib.brotliCompressSync(sent, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 },
      });
      whole[t.key] = { br: br.length, gzip: zlib.gzipSync(sent).length };
      log(`${t.key.padEnd(9)} whole    ${JSON.stringify(whole[t.key])}`);
    }
    log(`${t.key.padEnd(9)} ${enc.padEnd(8)} ${JSON.stringify(results[t.key]![enc])}`);
  }
}
child.kill("SIGTERM");
console.log(JSON.stringify({ fixedCost: results, whole, cases: CASES, requests: REQUESTS }));
process.exit(0);
