import { databaseAnswers } from "~/infra/health.server";

/** Liveness and readiness: 200 only when the database answers. Public, and reveals nothing. */
export async function loader() {
  if (await databaseAnswers()) {
    return new Response("ok", {
      headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
    });
  }
  return new Response("database unavailable", {
    status: 503,
    headers: { "Content-Type": "text/plain" },
  });
}
