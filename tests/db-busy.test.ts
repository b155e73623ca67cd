/**
 * The database stays locked by another writer for longer than DATABASE_BUSY_TIMEOUT_MS:
 * requests are answered 503 with Retry-After and a message in the reader's language, never
 * 500, and nothing is half written; once the lock is gone the same request succeeds and the
 * database is intact. SQLite: another connection holds an exclusive transaction (readers in
 * WAL mode still read). PostgreSQL (npm run test:pg): another session holds ACCESS EXCLUSIVE
 * locks on the tables.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { vi } from "vitest";

vi.hoisted(() => {
  process.env.DATABASE_BUSY_TIMEOUT_MS = "400";
});

import { db, dialect, prepareDatabase } from "~/db.server";
import { answerBusy, isDatabaseBusy, RETRY_AFTER_S } from "~/infra/busy.server";
import { action as enquire } from "~/routes/enquire";
import { loader as landing } from "~/routes/_index";
import { lupusEnquiry } from "./support/enquiry-form";
import { resetDatabase } from "./support/db";
import { createProgramme } from "./support/factories";
import { call } from "./support/requests";

/** Holds the write lock (and on PostgreSQL every lock) until release() is called. */
async function lockDatabase() {
  const url = process.env.DATABASE_URL!;
  if (dialect === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("BEGIN");
    await client.query(
      `LOCK TABLE "Case", "User", "Counter", "OutboxEmail", "Programme" IN ACCESS EXCLUSIVE MODE`,
    );
    return async () => {
      await client.query("ROLLBACK");
      await client.end();
    };
  }
  const conn = new Database(url.replace(/^file:/, ""));
  conn.exec("BEGIN EXCLUSIVE");
  conn.prepare(`INSERT INTO "Counter" ("name", "value") VALUES ('lock', 1)`).run();
  return async () => {
    conn.exec("ROLLBACK");
    conn.close();
  };
}

async function snapshot() {
  const [cases, users, emails, enquiries, held] = await Promise.all([
    db.case.count(),
    db.user.count(),
    db.outboxEmail.count(),
    db.enquiry.count(),
    db.pendingEnquiry.count(),
  ]);
  return { cases, users, emails, enquiries, held };
}

beforeAll(async () => {
  // As the server does before it listens: on SQLite, WAL mode (readers never wait for a writer).
  await prepareDatabase();
  await resetDatabase();
  const programme = await createProgramme();
  await db.programme.update({ where: { id: programme.id }, data: { slug: "lupus-msc" } });
});

describe("a busy database", () => {
  it("answers 503 with Retry-After in the reader's language, writes nothing, then works", async () => {
    const handler = answerBusy(enquire);
    const before = await snapshot();
    const release = await lockDatabase();
    let busy;
    try {
      busy = await call(handler, {
        path: "/enquire",
        form: lupusEnquiry("Busy Patient", "busy.patient@example.com"),
        lang: "de",
        ip: "10.9.9.9",
      });
    } finally {
      await release();
    }
    expect(busy.status).toBe(503);
    expect(busy.response!.headers.get("Retry-After")).toBe(String(RETRY_AFTER_S));
    expect(await busy.response!.text()).toContain(
      "Bitte versuchen Sie es in einigen Sekunden erneut",
    );
    expect(await snapshot()).toEqual(before);

    const ok = await call(handler, {
      path: "/enquire",
      form: lupusEnquiry("Busy Patient", "busy.patient@example.com"),
      lang: "de",
      ip: "10.9.9.10",
    });
    expect([200, 302]).toContain(ok.status);
    const after = await snapshot();
    // Held for the address to confirm, with its confirmation email.
    expect(after.held).toBe(before.held + 1);
    expect(after.emails).toBe(before.emails + 1);
    if (dialect === "sqlite") {
      const [check] =
        await db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
      expect(check!.integrity_check).toBe("ok");
    }
  });

  it("still serves reads while a writer holds the lock (SQLite WAL), or answers 503 (PostgreSQL)", async () => {
    // The catalogue: a page that only reads. (Staff pages also write their audit trail, so
    // they answer 503 like any write.)
    const release = await lockDatabase();
    try {
      const out = await call(answerBusy(landing), { path: "/" });
      expect(out.status).toBe(dialect === "sqlite" ? 200 : 503);
    } finally {
      await release();
    }
  });

  it("tells busy errors from others", () => {
    expect(isDatabaseBusy({ code: "P1008" })).toBe(true);
    expect(
      isDatabaseBusy({
        code: "P2010",
        meta: { driverAdapterError: { cause: { originalCode: "55P03" } } },
      }),
    ).toBe(true);
    expect(isDatabaseBusy({ code: "P2002" })).toBe(false);
    expect(isDatabaseBusy(new Error("boom"))).toBe(false);
  });
});
