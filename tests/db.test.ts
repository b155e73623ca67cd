import { db, dialect, prepareDatabase } from "~/db.server";

describe.runIf(dialect === "sqlite")("SQLite connection", () => {
  it("runs in WAL mode with a busy timeout and foreign keys on", async () => {
    await prepareDatabase();
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [timeout] =
      await db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
    const [fk] =
      await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(mode?.journal_mode).toBe("wal");
    expect(Number(timeout?.timeout)).toBe(5000);
    expect(Number(fk?.foreign_keys)).toBe(1);
  });
});

describe.runIf(dialect === "postgresql")("PostgreSQL connection", () => {
  it("talks to PostgreSQL 15 or later in UTF-8, through a pool", async () => {
    await prepareDatabase();
    const [v] =
      await db.$queryRawUnsafe<{ server_version_num: string }[]>("SHOW server_version_num");
    const [enc] = await db.$queryRawUnsafe<{ server_encoding: string }[]>("SHOW server_encoding");
    expect(Number(v?.server_version_num)).toBeGreaterThanOrEqual(150000);
    expect(enc?.server_encoding).toBe("UTF8");
    // Several queries at once run on several connections.
    const pids = await Promise.all(
      Array.from({ length: 4 }, () =>
        db.$queryRawUnsafe<{ pid: number }[]>(
          "SELECT pg_backend_pid() AS pid FROM (SELECT pg_sleep(0.05)) AS pause",
        ),
      ),
    );
    expect(new Set(pids.map((r) => r[0]!.pid)).size).toBeGreaterThan(1);
  });
});
