/**
 * Fault test against the production server: another process holds SQLite's write lock for
 * longer than DATABASE_BUSY_TIMEOUT_MS. An enquiry is answered 503 with Retry-After and a
 * message in the visitor's language (never 500), pages that only read still load (WAL), no
 * half record is left, and once the lock is released the same enquiry goes through and the
 * database passes its integrity check.
 */
import Database from "better-sqlite3";
import path from "node:path";
import { lupusEnquiry } from "../support/enquiry-form";
import { buildApp, startApp, type App } from "./harness";
import { strings } from "./journey";

let app: App;

beforeAll(async () => {
  buildApp();
  app = await startApp({
    TRUST_PROXY: "true",
    DATABASE_BUSY_TIMEOUT_MS: "300",
    WORKER_ENABLED: "false",
  });
});
afterAll(async () => {
  await app?.stop();
});

const file = () => path.join(app.dir, "app.db");
const count = (table: string) => {
  const db = new Database(file(), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const post = (ip: string) =>
  fetch(`${app.url}/enquire`, {
    method: "POST",
    body: lupusEnquiry("Locked Out", "locked.out@example.com"),
    redirect: "manual",
    headers: { "x-forwarded-for": ip, "Accept-Language": "tr", Origin: app.url },
  });

it("answers 503 and writes nothing while the database is locked, then works", async () => {
  const before = {
    cases: count("Case"),
    users: count("User"),
    emails: count("OutboxEmail"),
    held: count("PendingEnquiry"),
  };
  const locker = new Database(file());
  locker.exec("BEGIN IMMEDIATE");
  locker.prepare(`UPDATE "Counter" SET "value" = "value" WHERE 1 = 0`).run();
  try {
    const busy = await post("10.88.0.1");
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("5");
    // The page in the visitor's language says so (the error page, not a stack trace).
    const html = await busy.text();
    expect(html).toContain(`<h1>${strings("tr")("common:errors.busy.title")}</h1>`);
    expect(html).toContain(`<p>${strings("tr")("common:errors.busy.body")}</p>`);
    // Reading pages still load: WAL readers do not wait for the writer.
    const page = await fetch(`${app.url}/?lng=en`);
    expect(page.status).toBe(200);
  } finally {
    locker.exec("ROLLBACK");
    locker.close();
  }
  expect({
    cases: count("Case"),
    users: count("User"),
    emails: count("OutboxEmail"),
    held: count("PendingEnquiry"),
  }).toEqual(before);

  const ok = await post("10.88.0.2");
  expect(ok.status).toBe(302);
  // Held for its address to confirm: no case until then.
  expect(count("PendingEnquiry")).toBe(before.held + 1);
  expect(count("Case")).toBe(before.cases);
  const db = new Database(file(), { readonly: true });
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  db.close();
});
