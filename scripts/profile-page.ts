/**
 * `node --import tsx scripts/profile-page.ts [--cases 1000] [--requests 400] [--path pipeline]`:
 * a CPU profile of the production server while it answers N requests for one staff page, and
 * its top functions by self time (the profile is kept in tmp/bench/*.cpuprofile for Chrome's
 * DevTools). Builds nothing: run `npm run build` first. A measurement, never a test.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { benchDatabase, DIR, log } from "./bench-support";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const CASES = Number(arg("--cases", "1000"));
const REQUESTS = Number(arg("--requests", "400"));
const TARGET = arg("--path", "pipeline");

const { env, ids } = await benchDatabase(CASES);
const profileDir = path.join(DIR, `profile-${Date.now()}`);
const port = 3000 + Math.floor(Math.random() * 2000) + 20000;
const url = `http://127.0.0.1:${port}`;
const child = spawn(
  process.execPath,
  ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "server.mjs"],
  {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", APP_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${url}/healthz`)).ok) break;
  } catch {
    if (i > 600) throw new Error("server did not start");
  }
  await new Promise((r) => setTimeout(r, 100));
}
const paths: Record<string, [string, string | undefined]> = {
  bare: ["/bench", undefined],
  pipeline: ["/staff/cases", ids.coordinator],
  case: [`/staff/cases/${ids.caseId}`, ids.coordinator],
  portal: [`/portal/cases/${ids.caseId}`, ids.patient],
};
const [target, cookie] = paths[TARGET]!;
const headers: Record<string, string> = { "accept-language": "en" };
if (cookie) headers.cookie = cookie;
await autocannon({ url: `${url}${target}`, headers, connections: 4, amount: REQUESTS });
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"))!;
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), "utf8")) as {
  nodes: Node[];
};
const self = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  total += hits;
  const where = n.callFrame.url
    .replace(/^.*node_modules\//, "")
    .replace(/^file:\/\/.*\/(build|app)\//, "$1/");
  const key = `${n.callFrame.functionName || "(anonymous)"} ${where}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + hits);
}
const byPackage = new Map<string, number>();
for (const [key, hits] of self) {
  const m = /\s(@?[^/\s:]+(?:\/[^/\s:]+)?)/.exec(key.replace(/ (build|app)\//, " $1/"));
  const pkg = m?.[1]?.startsWith("@") ? m[1] : (m?.[1]?.split("/")[0] ?? "?");
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
}
log(`profile: ${path.join(profileDir, file)}; ${total} samples`);
for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}
log("by package:");
for (const [pkg, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${pkg}`);
}
process.exit(0);
