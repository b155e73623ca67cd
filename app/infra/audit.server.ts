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

/** A value as the audit keeps it: long text cut, so one entry stays within its column. */
function auditValue(value: unknown, max = 80): unknown {
  if (typeof value === "string") return value.length > max ? `${value.slice(0, max)}…` : value;
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/**
 * An administrative change's detail: `{"before":{…},"after":{…}}` with only the fields that
 * differ (a creation has `before: null`, a deletion `after: null`). Machine text, read by
 * the audit page and tests; null when nothing changed.
 */
export function changeDetail(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string | null {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changed = keys.filter(
    (k) => JSON.stringify(auditValue(before?.[k])) !== JSON.stringify(auditValue(after?.[k])),
  );
  if (!changed.length) return null;
  // Within the column (1000 characters): shorter texts first, then only which fields changed.
  for (const max of [80, 24]) {
    const pick = (row: Record<string, unknown> | null) =>
      row ? Object.fromEntries(changed.map((k) => [k, auditValue(row[k], max)])) : null;
    const json = JSON.stringify({ before: pick(before), after: pick(after) });
    if (json.length <= 1000) return json;
  }
  return JSON.stringify({ changed }).slice(0, 1000);
}
