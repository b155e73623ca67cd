/**
 * Staff download of a case document: medical records for clinical staff, passports for the
 * coordinators; finance reads neither (it needs no health data). Every read is audited.
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
  );
  return documentResponse(doc);
}
