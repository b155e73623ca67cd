/**
 * Once per `vitest run`: migrate a template SQLite database with the committed migrations.
 * Each test file then gets its own copy (setup-test-env.ts), so files never share state.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TEMPLATE_DB = path.resolve("tmp/test/template.db");

export default function setup() {
  fs.rmSync(path.dirname(TEMPLATE_DB), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  process.env.TEST_TEMPLATE_DB = TEMPLATE_DB;
}
