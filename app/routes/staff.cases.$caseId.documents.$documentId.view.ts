/**
 * A case document opened in the staff page's viewer (beside the answers, beside a passport's
 * typed details): the same permission, rules and audit as the download (as "document.view"),
 * answered inline with its stored type, checked again by content (anything else: 415), never
 * sniffed. This route alone may be framed, and only by the app's own pages (server.mjs).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentResponse } from "~/infra/document-store.server";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { getStaffDocument } from "~/models/cases/documents.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "document:read");
  const doc = await getStaffDocument(
    user,
    params.caseId ?? "",
    params.documentId ?? "",
    clientIp(context),
    "view",
  );
  return documentResponse(doc, { inline: true });
}
