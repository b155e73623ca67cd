/**
 * The session lookup and the audit insert skip Prisma (issue 21 §4, ADR 037): prepared
 * statements on Prisma's own connection (SQLite) or pool (PostgreSQL). They must give exactly
 * what Prisma gave: the same session and user, the same audit row stored in the same form,
 * and an audit inside a transaction still rolls back with it. Run on SQLite here and on
 * PostgreSQL with `node scripts/with-postgres.mjs npx vitest run tests/fast-sql.test.ts`.
 */
import { db, dialect, fastSql } from "~/db.server";
import { audit, cuid } from "~/infra/audit.server";
import { findSession } from "~/infra/session.server";
import { getUser } from "~/models/auth/auth.server";
import { resetDatabase } from "./support/db";
import { createUser } from "./support/factories";
import { cookieFor } from "./support/requests";

/** Every statement Prisma runs while `run` does. */
async function prismaStatements(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  let on = true;
  (db as unknown as { $on(e: "query", cb: (e: { query: string }) => void): void }).$on(
    "query",
    (e) => {
      if (on) seen.push(e.query);
    },
  );
  await run();
  on = false;
  return seen;
}

/** The createdAt column as the database keeps it (its type and text), for comparing forms. */
async function storedCreatedAt(id: string): Promise<{ type: string; text: string }> {
  if (dialect === "postgresql") {
    const [row] = await db.$queryRawUnsafe<{ type: string; text: string }[]>(
      `SELECT pg_typeof("createdAt")::text AS type, "createdAt"::text AS text FROM "AuditLog" WHERE "id" = $1`,
      id,
    );
    return row!;
  }
  const [row] = await db.$queryRawUnsafe<{ type: string; text: string }[]>(
    `SELECT typeof("createdAt") AS type, ("createdAt" || '') AS text FROM "AuditLog" WHERE "id" = ?`,
    id,
  );
  return row!;
}

beforeEach(async () => {
  await resetDatabase();
});

describe("the audit insert", () => {
  it("stores the row Prisma's create would have stored", async () => {
    const actor = await createUser();
    const entry = {
      actorId: actor.id,
      action: "case.view",
      entity: "Case",
      entityId: "case-1",
      caseId: "case-1",
      ip: "10.0.0.9",
      outcome: "success" as const,
      detail: "x".repeat(1200),
    };
    const before = new Date();
    const statements = await prismaStatements(() => audit(entry));
    // Not through Prisma: no statement of its own.
    expect(statements).toEqual([]);
    const viaPrisma = await db.auditLog.create({
      data: { ...entry, action: "case.prisma", detail: entry.detail.slice(0, 1000) },
    });
    const rows = await db.auditLog.findMany({ where: { action: "case.view" } });
    expect(rows).toHaveLength(1);
    const fast = rows[0]!;
    expect(fast).toEqual({
      ...viaPrisma,
      id: fast.id,
      action: "case.view",
      createdAt: fast.createdAt,
    });
    expect(fast.detail).toHaveLength(1000);
    expect(fast.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(viaPrisma.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(fast.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(fast.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    // Stored in the same form (type and shape of the text), so ordering and filters by time
    // treat both alike. PostgreSQL prints a timestamp's fraction without its trailing zeros
    // (.990 as .99, .000 not at all), so the shape leaves the fraction out; the milliseconds
    // themselves are checked above, through Prisma's reading of the row.
    const shape = (s: { type: string; text: string }) => ({
      type: s.type,
      text: s.text.replace(/\.\d+(?=\D|$)/, "").replace(/\d/g, "9"),
    });
    expect(shape(await storedCreatedAt(fast.id))).toEqual(
      shape(await storedCreatedAt(viaPrisma.id)),
    );
  });

  it("keeps nulls as nulls", async () => {
    await audit({ actorId: null, action: "login.failed", entity: "User", outcome: "denied" });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "login.failed" } });
    expect(row).toMatchObject({
      actorId: null,
      entityId: null,
      caseId: null,
      ip: null,
      detail: null,
      outcome: "denied",
    });
  });

  it("inside a transaction is written with the change, and rolled back with it", async () => {
    const actor = await createUser();
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: actor.id }, data: { name: "Changed" } });
        await audit(
          { actorId: actor.id, action: "user.edit", entity: "User", outcome: "success" },
          tx,
        );
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    expect(await db.auditLog.count({ where: { action: "user.edit" } })).toBe(0);
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: actor.id }, data: { name: "Changed" } });
      await audit(
        { actorId: actor.id, action: "user.edit", entity: "User", outcome: "success" },
        tx,
      );
    });
    expect(await db.auditLog.count({ where: { action: "user.edit" } })).toBe(1);
  });

  it("makes distinct ids in a burst", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => cuid()));
    expect(ids.size).toBe(10_000);
  });
});

describe("the session lookup", () => {
  it("finds what Prisma's findUnique found", async () => {
    const user = await createUser({ role: "DOCTOR", locale: "tr", timeZone: "Europe/Berlin" });
    const cookie = await cookieFor(user.id);
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    const viaPrisma = await db.session.findUnique({
      where: { id: session.id },
      select: {
        expiresAt: true,
        lastSeenAt: true,
        user: {
          select: {
            id: true,
            email: true,
            name: true,
            role: true,
            locale: true,
            timeZone: true,
            active: true,
          },
        },
      },
    });
    expect(await findSession(session.id)).toEqual(viaPrisma);
    // With a lastSeenAt, and an inactive user.
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    const later = await db.session.findUnique({
      where: { id: session.id },
      select: { expiresAt: true, lastSeenAt: true, user: { select: { active: true } } },
    });
    const found = await findSession(session.id);
    expect(found?.lastSeenAt).toEqual(later?.lastSeenAt);
    expect(found?.expiresAt).toEqual(later?.expiresAt);
    expect(found?.user.active).toBe(false);
    expect(await findSession("no-such-session")).toBeNull();
    // And a signed-in request reads it without any Prisma statement (lastSeenAt is fresh).
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    const request = new Request("http://localhost:3999/staff", { headers: { Cookie: cookie } });
    let signedIn: Awaited<ReturnType<typeof getUser>> = null;
    const statements = await prismaStatements(async () => (signedIn = await getUser(request)));
    expect(signedIn).toMatchObject({ id: user.id, role: "DOCTOR", locale: "tr" });
    expect(statements).toEqual([]);
  });

  it("refuses an expired session", async () => {
    const user = await createUser();
    const cookie = await cookieFor(user.id);
    await db.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const request = new Request("http://localhost:3999/staff", { headers: { Cookie: cookie } });
    expect(await getUser(request)).toBeNull();
  });
});

describe("the driver handle", () => {
  it("is Prisma's own connection or pool, not another", async () => {
    const user = await createUser();
    const fast = await fastSql();
    if (fast.dialect === "sqlite") {
      // Inside Prisma's open transaction, the handle sees its uncommitted write: one connection.
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: "Uncommitted" } });
        const row = fast.sqlite.prepare(`SELECT "name" FROM "User" WHERE "id" = ?`).get(user.id);
        expect(row).toEqual({ name: "Uncommitted" });
      });
    } else {
      // Prisma's adapter listens for errors on the pool it was given: this one.
      await db.user.findMany();
      expect(fast.pool.listenerCount("error")).toBeGreaterThan(0);
    }
  });

  it("lets Prisma's SQLite adapter reuse each compiled statement", async () => {
    const fast = await fastSql();
    if (fast.dialect !== "sqlite") return;
    const user = await createUser();
    const read = () => db.user.findUnique({ where: { id: user.id }, select: { name: true } });
    await read();
    const prepare = vi.spyOn(fast.sqlite, "prepare");
    // The same query again compiles nothing, and still reads what is there now.
    await db.user.update({ where: { id: user.id }, data: { name: "Renamed" } });
    prepare.mockClear();
    expect(await read()).toEqual({ name: "Renamed" });
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
  });
});
