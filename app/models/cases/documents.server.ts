/**
 * A case's documents as staff reach them. Medical records need "document:read"; passports are
 * travel documents and need "travel:read" (the coordinators' work), so a clinician who reads
 * records does not download passports. Every read is audited, refusals too: a download as
 * "document.download", a look in the page's viewer as "document.view" (the same rules).
 * Insurance policy documents need "insurance:read" (issue 25).
 */
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { PASSPORT_KINDS } from "~/lib/itinerary";
import { can, type Permission } from "~/lib/permissions";
import { notFound } from "~/models/auth/auth.server";

const TRAVEL_KINDS = new Set<string>(PASSPORT_KINDS);

export function permissionForDocument(kind: string): Permission {
  // An insurance policy's document (issue 25): for the staff who read insurance.
  if (kind === "INSURANCE_POLICY") return "insurance:read";
  return TRAVEL_KINDS.has(kind) ? "travel:read" : "document:read";
}

export async function getStaffDocument(
  user: { id: string; role: string },
  caseId: string,
  documentId: string,
  ip: string | null,
  /** Saved as a file, or opened in the page's viewer: audited as such, with the same rules. */
  purpose: "download" | "view" = "download",
) {
  const doc = await db.document.findFirst({
    where: { id: documentId, caseId },
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
  const allowed = can(user, permissionForDocument(doc.kind));
  await audit({
    actorId: user.id,
    action: `document.${purpose}`,
    entity: "Document",
    entityId: doc.id,
    caseId: doc.caseId,
    ip,
    outcome: allowed ? "success" : "denied",
    detail: doc.kind,
  });
  // Not this role's kind of document: as if it were not there.
  if (!allowed) notFound();
  return doc;
}
