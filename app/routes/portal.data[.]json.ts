/** Everything held about the signed-in patient, as machine-readable JSON (GDPR Art. 15 and 20). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { downloadOwnData } from "~/models/privacy/data-rights.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const copy = await downloadOwnData(user.id, "json", clientIp(context));
  if (!copy || !("json" in copy)) notFound();
  return new Response(JSON.stringify(copy.json, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
