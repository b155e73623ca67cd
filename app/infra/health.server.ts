import { db } from "~/db.server";

/** True when the database answers a trivial query: what /healthz reports. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
