/**
 * What `npm run bench` and `npm run soak` share: a fresh database per scale (SQLite file, or a
 * database on the throwaway PostgreSQL cluster named by TEST_DATABASE_URL) seeded with the demo
 * and synthetic cases, sessions for a coordinator and a patient, and the production server on
 * a free loopback port with the background worker off.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { fillPg, fillSqlite } from "./scale-fill";
import { freePort } from "./free-port.mjs";

export const DIR = path.resolve("tmp/bench");
const server = process.env.TEST_DATABASE_URL;

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** A fresh database for one scale: a SQLite file, or a PostgreSQL database on the cluster. */
async function freshDatabase(scale: number): Promise<string> {
  if (server) {
    const name = `mt_bench_${scale}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  }
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `bench-${scale}.db`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return `file:${file}`;
}

function run(cmd: string[], env: NodeJS.ProcessEnv) {
  execFileSync(cmd[0]!, cmd.slice(1), { env, stdio: ["ignore", "pipe", "inherit"] });
}

async function prepare(scale: number, env: NodeJS.ProcessEnv) {
  const started = Date.now();
  run([process.execPath, "scripts/prisma.mjs", "migrate", "deploy"], env);
  run([process.execPath, "--import", "tsx", "prisma/seed.ts"], env);
  const synthetic = scale - 30;
  // A number series the demo seed never uses: its oldest cases (in aftercare) date from last
  // year, so they are numbered MT-<last year>-….
  const prefix = `MT-${new Date().getUTCFullYear() - 3}-`;
  if (server) await fillPg(env.DATABASE_URL!, synthetic, prefix);
  else fillSqlite(env.DATABASE_URL!.slice("file:".length), synthetic, prefix);
  log(
    `  database: ${scale.toLocaleString("en")} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * The production server on a free loopback port. Its APP_URL is its own address, or `appUrl`
 * when it runs behind a balancer (the address the browser sees).
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  { appUrl }: { appUrl?: string } = {},
): Promise<{ url: string; port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: appUrl ?? `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, child };
}

export function buildApp() {
  fs.mkdirSync(DIR, { recursive: true });
  log(`Building the app (production)…`);
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

export interface BenchIds {
  coordinator: string;
  patient: string;
  caseId: string;
}

/** A seeded database of `scale` cases, the server's environment for it, and signed-in cookies. */
export async function benchDatabase(
  scale: number,
): Promise<{ env: NodeJS.ProcessEnv; ids: BenchIds }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: await freshDatabase(scale),
    SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    DOCUMENT_KEY: crypto.randomBytes(32).toString("base64"),
    UPLOAD_DIR: path.join(DIR, `uploads-${scale}`),
    MAIL_DIR: path.join(DIR, `mail-${scale}`),
    WORKER_ENABLED: "false",
    TRUST_PROXY: "true",
  };
  await prepare(scale, env);
  const ids = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "scripts/bench-session.ts"], {
      env,
      encoding: "utf8",
    }),
  ) as BenchIds;
  return { env, ids };
}
