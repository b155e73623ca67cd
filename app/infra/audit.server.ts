/**
 * The audit log of staff access to health data: who, what, when, from where, and the outcome.
 */
import { db, type Tx } from "~/db.server";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  caseId?: string | null;
  ip?: string | null;
  outcome: "success" | "denied" | "refused" | "error";
  detail?: string | null;
}

export async function audit(entry: AuditEntry, tx: Tx = db) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      caseId: entry.caseId ?? null,
      ip: entry.ip ?? null,
      outcome: entry.outcome,
      detail: entry.detail?.slice(0, 1000) ?? null,
    },
  });
}
