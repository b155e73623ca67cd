import { db, prepareDatabase } from "~/db.server";

describe("SQLite connection", () => {
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
