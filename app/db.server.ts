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
import Database from "better-sqlite3";
import pg from "pg";
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

/**
 * The connection as Prisma's SQLite adapter sees it, except that `prepare` keeps each SQL
 * text's compiled statement and reuses it. The adapter prepares every query afresh
 * (`client.prepare(sql).bind(args)`), and SQLite's compiling took 4 % of a case page's CPU.
 * better-sqlite3 lets a statement be bound only once, so what the adapter gets back binds
 * nothing: it hands the arguments to the cached statement on each use. Bounded, so queries
 * whose text varies (lists of ids) cannot grow it without end.
 */
function withStatementCache(sqlite: Database.Database, size = 500): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    const cached = statement;
    return {
      reader: cached.reader,
      run: (...args: unknown[]) => cached.run(...args),
      bind: (args: unknown[]) => ({
        reader: cached.reader,
        columns: () => cached.columns(),
        raw: () => ({ all: () => cached.raw(true).all(...args) }),
        run: () => cached.run(...args),
      }),
    };
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const globalForDb = globalThis as unknown as {
  __db?: PrismaClient;
  __dbReady?: Promise<void>;
  __pgPool?: pg.Pool;
  __sqliteFast?: Database.Database;
};

function createPool(): pg.Pool {
  return new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().DATABASE_POOL_SIZE,
    // A statement waiting this long for a lock fails (and is answered 503) instead of hanging.
    options: `-c lock_timeout=${env().DATABASE_BUSY_TIMEOUT_MS}`,
  });
}

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  // Tests read the SQL each page runs (tests/pipeline.test.ts checks its query plans).
  const log =
    env().NODE_ENV === "test" ? [{ emit: "event" as const, level: "query" as const }] : [];
  if (dialect === "postgresql") {
    // The pool is the app's, handed to Prisma, so that the few hot statements that skip
    // Prisma (fastSql below) share its connections instead of opening more.
    const adapter = new PrismaPg((globalForDb.__pgPool ??= createPool()), {
      // $disconnect still closes it, as when Prisma made it.
      disposeExternalPool: true,
    });
    // Same models, same API: the PostgreSQL client is used through the SQLite client's types.
    return new PgClient({ adapter, log }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSQLite3({ url, timeout: env().DATABASE_BUSY_TIMEOUT_MS });
  // Keep the better-sqlite3 connection the adapter opens, for fastSql() (the adapter keeps
  // it as `client`; tests/fast-sql.test.ts fails if a new adapter version moves it).
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connection = (await connect()) as Awaited<ReturnType<typeof connect>> & {
      client: Database.Database;
    };
    globalForDb.__sqliteFast = connection.client;
    connection.client = withStatementCache(connection.client);
    return connection;
  };
  return new PrismaClient({ adapter, log });
}

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

/**
 * The driver itself, for the two statements every signed-in request runs (the session
 * lookup and the audit of a staff view): through Prisma each costs about 1.3 ms of CPU,
 * most of it compiling the query again; as a prepared statement 0.01–0.05 ms
 * (docs/decisions/037-fixed-request-cost.md). Everything else stays on Prisma.
 *
 * It is the very connection (SQLite) or pool (PostgreSQL) Prisma uses, not a second one:
 * - SQLite: a second connection that writes would break Prisma's read-then-write
 *   transactions in this process (a write committed from elsewhere after such a
 *   transaction's first read fails its first write with SQLITE_BUSY, without waiting). On
 *   the one connection a statement behaves exactly as Prisma's own non-transaction queries
 *   do, busy timeout included.
 * - PostgreSQL: a named statement is prepared once on each pooled connection and reused.
 */
export type FastSql =
  { dialect: "postgresql"; pool: pg.Pool } | { dialect: "sqlite"; sqlite: Database.Database };

export async function fastSql(): Promise<FastSql> {
  if (dialect === "postgresql") return { dialect, pool: (globalForDb.__pgPool ??= createPool()) };
  // Prisma opens its connection on first use.
  if (!globalForDb.__sqliteFast) await db.$connect();
  if (!globalForDb.__sqliteFast) throw new Error("The SQLite driver adapter gave no connection");
  return { dialect: "sqlite", sqlite: globalForDb.__sqliteFast };
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
