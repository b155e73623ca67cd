/**
 * The audit log of staff access to health data: who, what, when, from where, and the outcome.
 */
import crypto from "node:crypto";
import os from "node:os";
import type Database from "better-sqlite3";
import { db, fastSql, type Tx } from "~/db.server";

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

/**
 * Writes one entry. Inside a transaction (`tx`) it is written with the change it records,
 * through Prisma, and stands or falls with it. On its own (a staff member viewed a case, a
 * refused attempt) it is one prepared INSERT on Prisma's own connection or pool: the same
 * row, synchronous and durable like before, at a fraction of the CPU
 * (docs/decisions/037-fixed-request-cost.md).
 */
export async function audit(entry: AuditEntry, tx?: Tx) {
  const data = {
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    caseId: entry.caseId ?? null,
    ip: entry.ip ?? null,
    outcome: entry.outcome,
    detail: entry.detail?.slice(0, 1000) ?? null,
  };
  if (tx && tx !== db) {
    await tx.auditLog.create({ data });
    return;
  }
  // The id and time Prisma's defaults would have given (@default(cuid()), @default(now())).
  await insertAudit({ id: cuid(), ...data, createdAt: new Date() });
}

type AuditRow = {
  id: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  caseId: string | null;
  ip: string | null;
  outcome: string;
  detail: string | null;
  createdAt: Date;
};

const COLUMNS = `"id", "actorId", "action", "entity", "entityId", "caseId", "ip", "outcome", "detail", "createdAt"`;

async function insertAudit(row: AuditRow) {
  const values = [
    row.id,
    row.actorId,
    row.action,
    row.entity,
    row.entityId,
    row.caseId,
    row.ip,
    row.outcome,
    row.detail,
  ];
  const fast = await fastSql();
  if (fast.dialect === "postgresql") {
    await fast.pool.query({
      name: "audit-insert",
      text: `INSERT INTO "AuditLog" (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      // TIMESTAMP(3) without zone holds UTC, written as Prisma's adapter writes it.
      values: [...values, row.createdAt.toISOString().replace("T", " ").replace("Z", "")],
    });
    return;
  }
  // Prisma's adapter stores a SQLite DateTime as ISO text with "+00:00".
  insertStatement(fast.sqlite).run(...values, row.createdAt.toISOString().replace("Z", "+00:00"));
}

const statements = new WeakMap<Database.Database, Database.Statement>();
function insertStatement(sqlite: Database.Database): Database.Statement {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(
      `INSERT INTO "AuditLog" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    statements.set(sqlite, statement);
  }
  return statement;
}

// A CUID (version 1), the id Prisma's @default(cuid()) makes: "c", the time, a counter, this
// process's fingerprint and random blocks, 25 characters in all.
const BLOCK = 36 ** 4;
let counter = crypto.randomInt(BLOCK);
const fingerprint =
  (process.pid % 36 ** 2).toString(36).padStart(2, "0") +
  (
    [...os.hostname()].reduce((sum, c) => sum + c.charCodeAt(0), os.hostname().length + 36) %
    36 ** 2
  )
    .toString(36)
    .padStart(2, "0");
const block = (n: number) => n.toString(36).padStart(4, "0");

export function cuid(): string {
  counter = (counter + 1) % BLOCK;
  return `c${Date.now().toString(36)}${block(counter)}${fingerprint}${block(crypto.randomInt(BLOCK))}${block(crypto.randomInt(BLOCK))}`;
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
