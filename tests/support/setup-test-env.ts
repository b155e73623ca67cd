/**
 * Before each test file: its own copy of the migrated database (a SQLite file, or with
 * TEST_DATABASE_URL a PostgreSQL database made from the template), a test environment, and
 * a rule that any console.error fails the test that produced it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, expect, vi } from "vitest";
import { PG_TEMPLATE, withDatabase } from "./global-setup";

const id = crypto.randomBytes(6).toString("hex");

async function databaseForThisFile(): Promise<string> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `mt_test_${id}`;
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`);
    await client.end();
    return withDatabase(server, name);
  }
  const dbFile = path.resolve(`tmp/test/db-${id}.db`);
  fs.copyFileSync(path.resolve("tmp/test/template.db"), dbFile);
  return `file:${dbFile}`;
}

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: await databaseForThisFile(),
  SESSION_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
  APP_URL: "http://localhost:3999",
  MAIL_DIR: path.resolve(`tmp/test/mail-${id}`),
  WORKER_ENABLED: "false",
  DOCUMENT_KEY: crypto.randomBytes(32).toString("base64"),
  UPLOAD_DIR: path.resolve(`tmp/test/uploads-${id}`),
  // The sign-in slow-down is exercised, not waited through.
  LOGIN_SLOWDOWN_MS: "5",
});
delete process.env.SMTP_URL;

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(errors, "console.error was called").toEqual([]);
});
