/** The patient's data (data.json) and their documents, decrypted, as one ZIP archive. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { audit } from "~/infra/audit.server";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { exportArchive } from "~/models/privacy/data-rights.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const zip = await exportArchive(user.id);
  if (!zip) notFound();
  await audit({
    actorId: user.id,
    action: "data.export",
    entity: "User",
    entityId: user.id,
    ip: clientIp(context),
    outcome: "success",
    detail: "zip",
  });
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(zip.length),
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.zip"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
