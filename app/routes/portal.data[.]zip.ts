/** The patient's data (data.json) and their documents, decrypted, as one ZIP archive. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { downloadOwnData } from "~/models/privacy/data-rights.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const copy = await downloadOwnData(user.id, "zip", clientIp(context));
  if (!copy || !("zip" in copy)) notFound();
  return new Response(new Uint8Array(copy.zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(copy.zip.length),
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.zip"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
