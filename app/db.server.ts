/**
 * The one Prisma client. SQLite runs through the better-sqlite3 driver adapter in WAL
 * mode with a busy timeout, so readers never block the writer and a briefly locked
 * database waits instead of failing.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/env.server";

export type Db = PrismaClient;
export type Tx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

const SQLITE_BUSY_TIMEOUT_MS = 5_000;

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error("Only SQLite (file:) DATABASE_URLs are supported by this build.");
  }
  const adapter = new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  // Tests read the SQL each page runs (tests/pipeline.test.ts checks its query plans).
  const log =
    env().NODE_ENV === "test" ? [{ emit: "event" as const, level: "query" as const }] : [];
  return new PrismaClient({ adapter, log });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient; __dbReady?: Promise<void> };

export const db: PrismaClient = (globalForDb.__db ??= createClient());

/** Applies connection pragmas once per process; awaited by the server before it listens. */
export function prepareDatabase(): Promise<void> {
  globalForDb.__dbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return globalForDb.__dbReady;
}
