/**
 * The audit log, for admins: every staff read and write of a case, with who, what, when,
 * from where and the outcome, newest first, filtered by case (id or number), by user (id or
 * email) and by action. Looking at the log is itself logged.
 */
import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/infra/audit.server";
import type { Role } from "~/lib/permissions";
import { firstValues } from "~/lib/pipeline";
import { assertCan } from "~/models/auth/auth.server";

export const AUDIT_PAGE_SIZE = 50;

const text = (max: number, lower = false) =>
  z
    .string()
    .optional()
    .transform((v) => {
      const s = (v ?? "").trim();
      return (lower ? s.toLowerCase() : s).slice(0, max);
    });

/** The filter form's URL: ?case=&user=&action=&page=. */
export const AuditSearch = z.object({
  case: text(40),
  user: text(200, true),
  action: text(60),
  page: z
    .string()
    .optional()
    .transform((v) => Math.max(1, Math.min(10_000, Number(v) || 1))),
});
export type AuditQuery = z.output<typeof AuditSearch>;

export function parseAuditQuery(url: URL): AuditQuery {
  return AuditSearch.parse(firstValues(url.searchParams));
}

/** One page of the log, with each row's actor and case number; `unknown` when a filter names nothing. */
export async function readAuditLog(
  user: { id: string; role: Role },
  query: AuditQuery,
  seen: { ip: string | null; search: string },
) {
  assertCan(user, "audit:read");
  // Resolve the filters to ids first, so the log query stays on its indexes.
  const [kase, actor] = await Promise.all([
    query.case
      ? db.case.findFirst({
          where: { OR: [{ id: query.case }, { number: query.case.toUpperCase() }] },
          select: { id: true, number: true },
        })
      : null,
    query.user
      ? db.user.findFirst({
          where: { OR: [{ id: query.user }, { email: query.user }] },
          select: { id: true, email: true },
        })
      : null,
  ]);
  const unknown = Boolean((query.case && !kase) || (query.user && !actor));
  const where: Prisma.AuditLogWhereInput = {
    ...(kase ? { caseId: kase.id } : {}),
    ...(actor ? { actorId: actor.id } : {}),
    ...(query.action ? { action: query.action } : {}),
  };
  const [rows, total] = unknown
    ? [[], 0]
    : await Promise.all([
        db.auditLog.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: (query.page - 1) * AUDIT_PAGE_SIZE,
          take: AUDIT_PAGE_SIZE,
        }),
        db.auditLog.count({ where }),
      ]);
  // Names and case numbers for the page in two queries, not one per row.
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((x): x is string => !!x))];
  const [actors, cases] = await Promise.all([
    db.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, name: true, email: true, role: true },
    }),
    db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, number: true } }),
  ]);
  await audit({
    actorId: user.id,
    action: "audit.view",
    entity: "AuditLog",
    caseId: kase?.id ?? null,
    ip: seen.ip,
    outcome: "success",
    detail: seen.search.slice(0, 500) || null,
  });
  const actorById = Object.fromEntries(actors.map((a) => [a.id, a]));
  const caseById = Object.fromEntries(cases.map((c) => [c.id, c.number]));
  return {
    rows: rows.map((r) => ({
      ...r,
      actor: r.actorId ? (actorById[r.actorId] ?? null) : null,
      caseNumber: r.caseId ? (caseById[r.caseId] ?? null) : null,
    })),
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    unknown,
  };
}
