/**
 * Staff download of a case document. Coordinators, clinicians and admins may read medical
 * records; finance may not (they need no health data). Every read is audited.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { clientIp } from "~/infra/request.server";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { audit } from "~/infra/audit.server";
import { documentResponse } from "~/infra/document-store.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "document:read");
  const doc = await db.document.findFirst({
    where: { id: params.documentId ?? "", caseId: params.caseId ?? "" },
    select: {
      id: true,
      caseId: true,
      kind: true,
      storageKey: true,
      mimeType: true,
      fileName: true,
    },
  });
  if (!doc?.storageKey) notFound();
  await audit({
    actorId: user.id,
    action: "document.download",
    entity: "Document",
    entityId: doc.id,
    caseId: doc.caseId,
    ip: clientIp(context),
    outcome: "success",
    detail: doc.kind,
  });
  return documentResponse(doc);
}
