/**
 * A local load balancer for `npm run soak -- --pg --instances 2`: HAProxy from Debian
 * (/usr/sbin/haproxy, `apt-get install haproxy`), unprivileged on a free loopback port, with
 * its configuration in a temporary folder (docs/decisions/033-bench-anchor-and-balancer.md).
 * Round robin over the app instances, each health-checked on /healthz. Every answer names the
 * instance that served it (X-Served-By, set by HAProxy, so the app is untouched), and the
 * per-instance counts come from HAProxy's own statistics on its admin socket.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface Backend {
  name: string;
  port: number;
}

/** One instance as HAProxy counts it. */
export interface BackendStats {
  name: string;
  status: string;
  /** Requests sent to it, and its answers by class. */
  requests: number;
  hrsp_2xx: number;
  hrsp_3xx: number;
  hrsp_4xx: number;
  hrsp_5xx: number;
  /** Connection and response errors HAProxy saw on its side. */
  econ: number;
  eresp: number;
}

export interface Balancer {
  url: string;
  stats(): Promise<BackendStats[]>;
  stop(): Promise<void>;
}

export function haproxyBinary(): string {
  for (const candidate of ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy"]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  const onPath = spawnSync("sh", ["-c", "command -v haproxy"], { encoding: "utf8" });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim();
  throw new Error(
    "HAProxy not found. Install Debian's package: apt-get install haproxy (then run the soak again).",
  );
}

/** Sends one command to HAProxy's admin socket and returns its whole answer. */
function ask(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.createConnection(socket);
    let out = "";
    c.on("data", (d) => (out += d.toString()));
    c.on("end", () => resolve(out));
    c.on("error", reject);
    c.write(`${command}\n`);
  });
}

/** Starts HAProxy on `port` in front of the backends and waits until every one is UP. */
export async function startBalancer(port: number, backends: Backend[]): Promise<Balancer> {
  const binary = haproxyBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mt-haproxy-"));
  const socket = path.join(dir, "admin.sock");
  const config = [
    "global",
    "  maxconn 4096",
    `  stats socket ${socket} mode 600 level user`,
    "defaults",
    "  mode http",
    "  timeout connect 5s",
    // The soak's saturated requests may queue for a while; autocannon gives up at 10 s.
    "  timeout client 60s",
    "  timeout server 60s",
    "  timeout http-keep-alive 60s",
    "frontend www",
    `  bind 127.0.0.1:${port}`,
    "  default_backend app",
    "backend app",
    "  balance roundrobin",
    "  option httpchk GET /healthz",
    "  http-check expect status 200",
    // A saturated instance answers its health check late, behind the queued pages: only an
    // instance that stays silent for three checks of 10 s each is taken out (the default, a
    // 1 s timeout, took both out under the saturation soak and answered everyone 503).
    "  timeout check 10s",
    // The instance that answered, for the soak's check that a session works on each.
    "  http-response set-header X-Served-By %s",
    ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check inter 2s fall 3 rise 1`),
    "",
  ].join("\n");
  const file = path.join(dir, "haproxy.cfg");
  fs.writeFileSync(file, config);
  const check = spawnSync(binary, ["-c", "-f", file], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`haproxy refused its config:\n${check.stderr}`);
  // -db: stay in the foreground, so the soak owns the process and stops it by its id.
  const child: ChildProcess = spawn(binary, ["-db", "-f", file], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stats = async (): Promise<BackendStats[]> => {
    const csv = await ask(socket, "show stat");
    const [head, ...rows] = csv.trim().split("\n");
    const columns = head!.replace(/^# /, "").split(",");
    const col = (row: string[], name: string) => row[columns.indexOf(name)] ?? "";
    return rows
      .map((r) => r.split(","))
      .filter(
        (r) => col(r, "pxname") === "app" && backends.some((b) => b.name === col(r, "svname")),
      )
      .map((r) => ({
        name: col(r, "svname"),
        status: col(r, "status"),
        requests: Number(col(r, "stot")),
        hrsp_2xx: Number(col(r, "hrsp_2xx")),
        hrsp_3xx: Number(col(r, "hrsp_3xx")),
        hrsp_4xx: Number(col(r, "hrsp_4xx")),
        hrsp_5xx: Number(col(r, "hrsp_5xx")),
        econ: Number(col(r, "econ") || 0),
        eresp: Number(col(r, "eresp") || 0),
      }));
  };
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const s = await stats();
      if (s.length === backends.length && s.every((b) => b.status === "UP")) break;
    } catch {
      // the socket is not there yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error("haproxy did not report every instance UP");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url: `http://127.0.0.1:${port}`, stats, stop };
}
