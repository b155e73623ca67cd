#!/usr/bin/env node
/**
 * Runs a command against a throwaway PostgreSQL cluster:
 *
 *   node scripts/with-postgres.mjs npm test      (this is `npm run test:pg`)
 *
 * initdb into a temporary directory, start the server on 127.0.0.1 at a free port, run the
 * command with TEST_DATABASE_URL and DATABASE_URL pointing at it, then stop the server and
 * delete the directory, whatever the command's outcome. PostgreSQL refuses to run as root,
 * so as root the server runs as the `postgres` user (the Debian package's). Needs the
 * PostgreSQL server binaries (initdb, pg_ctl) on PATH.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port.mjs";

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error("Usage: node scripts/with-postgres.mjs <command> [args...]");
  process.exit(2);
}

const asRoot = process.getuid?.() === 0;

/** initdb and pg_ctl from PATH, or from Debian's versioned directory (postgresql-15). */
function binary(name) {
  const onPath = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  if (onPath.status === 0) return onPath.stdout.trim();
  const debian = "/usr/lib/postgresql";
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).sort().reverse() : [];
  for (const v of versions) {
    const candidate = path.join(debian, v, "bin", name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install PostgreSQL (apt-get install postgresql-15)`);
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function pg(name, args, options = {}) {
  const bin = binary(name);
  const argv = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const r = spawnSync(argv[0], argv[1], { encoding: "utf8", ...options });
  if (r.status !== 0) {
    throw new Error(`${bin} ${args.join(" ")} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mt-pg-"));
if (asRoot) spawnSync("chown", ["-R", "postgres:", dir]);
const data = path.join(dir, "data");
const port = await freePort();
let started = false;
let status = 1;
try {
  pg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  pg("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
    "-w",
    "start",
  ]);
  started = true;
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  console.log(`PostgreSQL ${pg("postgres", ["--version"]).trim()} on ${url}`);
  const r = spawnSync(command[0], command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE_URL: url, DATABASE_URL: url },
  });
  status = r.status ?? 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  const log = path.join(dir, "server.log");
  if (fs.existsSync(log)) console.error(fs.readFileSync(log, "utf8"));
} finally {
  if (started) {
    try {
      pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
