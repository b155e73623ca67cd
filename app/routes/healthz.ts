import { db } from "~/db.server";

/** Liveness and readiness: 200 only when the database answers. Public, and reveals nothing. */
export async function loader() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return new Response("ok", {
      headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
    });
  } catch {
    return new Response("database unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain" },
    });
  }
}
