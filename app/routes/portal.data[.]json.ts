/** Everything held about the signed-in patient, as machine-readable JSON (GDPR Art. 15 and 20). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { audit } from "~/infra/audit.server";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { exportPatient } from "~/models/privacy/data-rights.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const data = await exportPatient(user.id);
  if (!data) notFound();
  await audit({
    actorId: user.id,
    action: "data.export",
    entity: "User",
    entityId: user.id,
    ip: clientIp(context),
    outcome: "success",
    detail: "json",
  });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
