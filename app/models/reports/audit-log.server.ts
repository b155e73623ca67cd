/**
 * The audit log, for admins: every staff read and write of a case, with who, what, when,
 * from where and the outcome, newest first, filtered by case (id or number prefix), by user
 * (id, or part of the email or name, in any case), by part of the action and by kind of change
 * (app/lib/audit-view.ts AUDIT_KINDS: health data reads, administration, money…). Looking at the
 * log is itself logged.
 */
import { z } from "zod";
import { db, dialect } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { audit } from "~/infra/audit.server";
import { AUDIT_KIND_NAMES, AUDIT_KINDS, type AuditKind } from "~/lib/audit-view";
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

/** The filter form's URL: ?case=&user=&action=&kind=&page=. An unknown kind is no filter. */
export const AuditSearch = z.object({
  case: text(40),
  user: text(200, true),
  action: text(60, true),
  kind: z
    .string()
    .optional()
    .transform((v): AuditKind | "" =>
      (AUDIT_KIND_NAMES as readonly string[]).includes(v ?? "") ? (v as AuditKind) : "",
    ),
  page: z
    .string()
    .optional()
    .transform((v) => Math.max(1, Math.min(10_000, Number(v) || 1))),
});
export type AuditQuery = z.output<typeof AuditSearch>;

export function parseAuditQuery(url: URL): AuditQuery {
  return AuditSearch.parse(firstValues(url.searchParams));
}

/**
 * Text that holds `needle` (already lower case), ignoring case on both databases (emails are
 * stored in lower case; SQLite's lower() folds ASCII letters only, PostgreSQL's all).
 */
function holds(column: Prisma.Sql, needle: string): Prisma.Sql {
  // instr/strpos find the text itself: a % or _ typed in a filter is not a wildcard.
  return dialect === "postgresql"
    ? Prisma.sql`strpos(lower(${column}), ${needle}) > 0`
    : Prisma.sql`instr(lower(${column}), ${needle}) > 0`;
}

/**
 * The cases a case filter names: its id, or its number by prefix ("MT-2026" is every case of
 * 2026, "mt-2026-00004" cases 40 to 49). Numbers are upper case; SQLite compares a range (the
 * unique index), PostgreSQL LIKE 'prefix%' (a range under a linguistic collation would not
 * mean "starts with"). Only A-Z, digits and "-" are kept, so nothing is a wildcard.
 */
function casesNamed(text: string): Prisma.Sql {
  const prefix = text.toUpperCase().replace(/[^A-Z0-9-]/g, "");
  const byNumber = !prefix
    ? Prisma.sql`1 = 0`
    : dialect === "postgresql"
      ? Prisma.sql`"number" LIKE ${`${prefix}%`}`
      : Prisma.sql`("number" >= ${prefix} AND "number" < ${`${prefix}\uffff`})`;
  return Prisma.sql`SELECT "id" FROM "Case" WHERE "id" = ${text} OR ${byNumber}`;
}

/** The people a user filter names: by id, or by part of their email or name. */
function usersNamed(text: string): Prisma.Sql {
  return Prisma.sql`SELECT "id" FROM "User" WHERE "id" = ${text} OR ${holds(
    Prisma.sql`"email"`,
    text,
  )} OR ${holds(Prisma.sql`"name"`, text)}`;
}

/** The action starts with one of the prefixes (substr: no character in them is a wildcard). */
function startsWithAny(prefixes: readonly string[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(
    prefixes.map((p) => Prisma.sql`substr("action", 1, ${p.length}) = ${p}`),
    " OR ",
  )})`;
}

/**
 * The actions of a kind, as app/lib/audit-view.ts auditKindOf() reads them: its prefixes and
 * none of an earlier kind's; "other" is none of any kind's.
 */
function kindSql(kind: AuditKind): Prisma.Sql {
  const names = Object.keys(AUDIT_KINDS) as (keyof typeof AUDIT_KINDS)[];
  const at = kind === "other" ? names.length : names.indexOf(kind);
  const earlier = names.slice(0, at).flatMap((k) => AUDIT_KINDS[k]);
  const parts: Prisma.Sql[] = [];
  if (kind !== "other") parts.push(startsWithAny(AUDIT_KINDS[kind]));
  if (earlier.length) parts.push(Prisma.sql`NOT ${startsWithAny(earlier)}`);
  return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}

/**
 * The filters as SQL over "AuditLog", each a subquery, so a broad one (every case of a year)
 * costs no list of ids: case by id or number prefix, user by id or part of their email or
 * name, action by part of its name ("quote" finds quote.issue, quote.draft…), kind by the
 * action's prefix.
 */
function filterSql(query: AuditQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.case) conditions.push(Prisma.sql`"caseId" IN (${casesNamed(query.case)})`);
  if (query.user) conditions.push(Prisma.sql`"actorId" IN (${usersNamed(query.user)})`);
  if (query.action) conditions.push(holds(Prisma.sql`"action"`, query.action));
  if (query.kind) conditions.push(kindSql(query.kind));
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const count = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v ?? 0));

/**
 * One page of the log, with each row's actor and case number. `unknown` when a case or user
 * filter names nothing at all (rather than naming something with no entries).
 */
export async function readAuditLog(
  user: { id: string; role: Role },
  query: AuditQuery,
  seen: { ip: string | null; search: string },
) {
  assertCan(user, "audit:read");
  const where = filterSql(query);
  const [page, counted, cases, actors] = await Promise.all([
    db.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT "id" FROM "AuditLog" ${where}
      ORDER BY "createdAt" DESC, "id" DESC
      LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(query.page - 1) * AUDIT_PAGE_SIZE}
    `),
    db.$queryRaw<{ n: unknown }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM "AuditLog" ${where}`),
    // Whether the case and user filters name anything, and the one case named, if just one.
    query.case
      ? db.$queryRaw<{ id: string }[]>(Prisma.sql`${casesNamed(query.case)} LIMIT 2`)
      : null,
    query.user
      ? db.$queryRaw<{ id: string }[]>(Prisma.sql`${usersNamed(query.user)} LIMIT 1`)
      : null,
  ]);
  const unknown = Boolean((cases && cases.length === 0) || (actors && actors.length === 0));
  const ordered = page.map((r) => r.id);
  const found = await db.auditLog.findMany({ where: { id: { in: ordered } } });
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ordered.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const total = count(counted[0]?.n);
  // Names and case numbers for the page in two queries, not one per row.
  // The people an admin's change was about (entity User) are named too, in the same query.
  const subjectIds = rows.filter((r) => r.entity === "User" && r.entityId).map((r) => r.entityId!);
  const actorIds = [
    ...new Set([...rows.map((r) => r.actorId), ...subjectIds].filter((x): x is string => !!x)),
  ];
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((x): x is string => !!x))];
  const [actorRows, caseRows] = await Promise.all([
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
    caseId: cases?.length === 1 ? cases[0]!.id : null,
    ip: seen.ip,
    outcome: "success",
    detail: seen.search.slice(0, 500) || null,
  });
  const actorById = Object.fromEntries(actorRows.map((a) => [a.id, a]));
  const caseById = Object.fromEntries(caseRows.map((c) => [c.id, c.number]));
  return {
    rows: rows.map((r) => ({
      ...r,
      actor: r.actorId ? (actorById[r.actorId] ?? null) : null,
      subject: r.entity === "User" && r.entityId ? (actorById[r.entityId] ?? null) : null,
      caseNumber: r.caseId ? (caseById[r.caseId] ?? null) : null,
    })),
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    unknown,
  };
}
