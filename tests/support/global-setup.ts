/**
 * Once per `vitest run`: migrate a template database with the committed migrations. Each
 * test file then gets its own copy (setup-test-env.ts), so files never share state.
 * - SQLite (the default): a template file, copied per file.
 * - PostgreSQL (TEST_DATABASE_URL set, as by `npm run test:pg`): a template database,
 *   from which each file's database is created with CREATE DATABASE … TEMPLATE.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const TEMPLATE_DB = path.resolve("tmp/test/template.db");
export const PG_TEMPLATE = "mt_test_template";

function migrate(url: string) {
  execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

export default async function setup() {
  fs.rmSync(path.dirname(TEMPLATE_DB), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    // Earlier runs' databases go first, so the cluster holds one run at a time.
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'mt_test_%'",
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${PG_TEMPLATE}"`);
    await client.end();
    migrate(withDatabase(server, PG_TEMPLATE));
    return;
  }
  migrate(`file:${TEMPLATE_DB}`);
}

/** The same server URL with another database name. */
export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
