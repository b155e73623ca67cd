/**
 * The one Prisma client. DATABASE_URL picks the database (docs/decisions/010-postgresql.md):
 * - file: → SQLite through the better-sqlite3 driver adapter, in WAL mode with a busy
 *   timeout, so readers never block the writer and a briefly locked database waits;
 * - postgresql: → PostgreSQL through the node-postgres driver adapter, with a pool.
 * Both clients are generated from the same models (prisma/models.prisma), so the app is
 * typed against one of them; `dialect` names the database where a query must differ.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PgClient } from "~/generated/prisma-pg/client";
import { env } from "~/env.server";

export type Db = PrismaClient;
export type Tx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

export type Dialect = "sqlite" | "postgresql";

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

export const dialect: Dialect = dialectOf(env().DATABASE_URL);

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  // Tests read the SQL each page runs (tests/pipeline.test.ts checks its query plans).
  const log =
    env().NODE_ENV === "test" ? [{ emit: "event" as const, level: "query" as const }] : [];
  if (dialect === "postgresql") {
    const adapter = new PrismaPg({
      connectionString: url,
      max: env().DATABASE_POOL_SIZE,
      // A statement waiting this long for a lock fails (and is answered 503) instead of hanging.
      options: `-c lock_timeout=${env().DATABASE_BUSY_TIMEOUT_MS}`,
    });
    // Same models, same API: the PostgreSQL client is used through the SQLite client's types.
    return new PgClient({ adapter, log }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSQLite3({ url, timeout: env().DATABASE_BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter, log });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient; __dbReady?: Promise<void> };

export const db: PrismaClient = (globalForDb.__db ??= createClient());

/** Applies connection settings once per process; awaited by the server before it listens. */
export function prepareDatabase(): Promise<void> {
  globalForDb.__dbReady ??= (async () => {
    if (dialect === "postgresql") {
      await db.$queryRawUnsafe("SELECT 1");
      return;
    }
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${env().DATABASE_BUSY_TIMEOUT_MS}`);
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return globalForDb.__dbReady;
}

/** True for Prisma's unique-constraint violation (P2002), on either database. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error as { code?: string }).code === "P2002"
  );
}
