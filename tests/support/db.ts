import { db, dialect } from "~/db.server";
import { forgetClinicSettings } from "~/models/site/clinic-settings.server";

/** Empties every table of this test file's database (the schema stays). */
export async function resetDatabase() {
  forgetClinicSettings();
  if (dialect === "postgresql") {
    const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    await db.$executeRawUnsafe(
      `TRUNCATE TABLE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`,
    );
    return;
  }
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  await db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  for (const { name } of tables) await db.$executeRawUnsafe(`DELETE FROM "${name}"`);
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}
