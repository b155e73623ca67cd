/**
 * The pipeline's rows and cards in one statement (issue 21, ADR 035). Each "arm" is one slice
 * of the filtered cases in an order of its own, read through an index with LIMIT: a column of
 * the board, a slice of the "needs attention" order, or a page of the list. All arms are one
 * UNION ALL, each arm already joined to the names a row shows and its open clinician's tasks,
 * so a board of twelve columns costs one statement (it cost four per column: the cases, then
 * the patients, programmes and coordinators each in a query of their own).
 *
 * Why not ROW_NUMBER() OVER (PARTITION BY stage …) <= N over the filtered cases: a window is
 * computed over every row it partitions, so it reads every filtered case (the whole table when
 * no filter is set) to keep eight per column. A LIMIT per arm stops after its rows on the
 * (stage, updatedAt) index. ROW_NUMBER() is still used, over each arm's few rows, to carry
 * each arm's own order out of the union.
 *
 * The SQL is portable: double-quoted names, parameters through Prisma.sql, and dates compared
 * and returned as each driver gives them (normalised in rowOf).
 */
import { Prisma } from "~/generated/prisma/client";
import { db, dialect } from "~/db.server";
import type { CaseListQuery } from "~/lib/pipeline";
import { MANUAL_TASK } from "~/lib/tasks";

/** What one row or card shows (the same as case.server.ts CASE_ROW selects). */
export interface CaseRowData {
  id: string;
  number: string;
  stage: string;
  language: string;
  country: string | null;
  redFlagCount: number;
  updatedAt: Date;
  createdAt: Date;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  reviewDueAt: Date | null;
  slaPausedAt: Date | null;
  patient: { name: string };
  programme: { name: string };
  coordinator: { name: string } | null;
  _count: { tasks: number };
}

/** One order key: the column as the arm's inner query names it, and as its result names it. */
export interface OrderKey {
  inner: Prisma.Sql;
  outer: string;
  dir: "asc" | "desc";
}

export interface Arm {
  where: Prisma.Sql;
  order: OrderKey[];
  skip: number;
  take: number;
}

const key = (column: string, dir: "asc" | "desc"): OrderKey => ({
  inner: Prisma.raw(`c."${column}"`),
  outer: column,
  dir,
});

/** The list's and the board's orders (case.server.ts orderOf), as SQL. */
export function orderSql(query: CaseListQuery): OrderKey[] {
  const dir = query.dir;
  switch (query.sort) {
    case "created":
      return [key("createdAt", dir), key("id", "asc")];
    case "number":
      return [key("number", dir)];
    case "due":
      return [key("firstResponseDueAt", dir), key("id", "asc")];
    case "name":
      return [{ inner: Prisma.sql`p."name"`, outer: "patientName", dir }, key("id", "asc")];
    case "attention":
      return [key("updatedAt", "desc"), key("id", "asc")];
    default:
      return [key("updatedAt", dir), key("id", "asc")];
  }
}

export const BY_DUE = [
  key("firstResponseDueAt", "asc"),
  key("createdAt", "desc"),
  key("id", "asc"),
];
export const NEWEST = [key("createdAt", "desc"), key("id", "asc")];

const and = (parts: Prisma.Sql[]) =>
  parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`;

/** Unanswered new enquiries (case.server.ts attentionSlices). */
// The stage is compared as an expression (`|| ''`) so that no stage index can serve it: the
// slices are read through the first-reply index (awaiting) or in the newest-first order, and a
// stage index would make the database sort every new enquiry to find a column's first cards.
const AWAITING = Prisma.sql`c."firstRespondedAt" IS NULL AND c."slaPausedAt" IS NULL AND c."stage" || '' = 'ENQUIRY'`;

export const sliceSql = {
  overdue: (now: Date) => Prisma.sql`(${AWAITING} AND c."firstResponseDueAt" < ${now})`,
  dueLater: (now: Date) => Prisma.sql`(${AWAITING} AND c."firstResponseDueAt" >= ${now})`,
  notAwaiting: Prisma.sql`NOT (${AWAITING} AND c."firstResponseDueAt" IS NOT NULL)`,
  unassigned: Prisma.sql`c."coordinatorId" IS NULL`,
  // Written so that no index on coordinatorId can serve it: "assigned" is most cases, and
  // walking them through that index to sort them found the board's first cards in time that
  // grew with the table; the slice's own order (first-reply due, or newest) is the index to walk.
  assigned: Prisma.sql`COALESCE(c."coordinatorId", '') <> ''`,
};

export const stageSql = (stage: string) => Prisma.sql`c."stage" = ${stage}`;

/**
 * The filters as SQL over `c` (the case) and `p` (its patient): the same conditions as
 * case.server.ts filterWhere, which builds them for Prisma's counts. `matched` is the patients a
 * wildcard search found on SQLite (filterWhere reads them once for both).
 */
export function filterSql(
  query: CaseListQuery,
  userId: string,
  now: Date,
  search:
    | { kind: "number"; number: string }
    | { kind: "email"; prefix: string }
    | {
        kind: "ids";
        ids: string[];
      }
    | { kind: "words"; q: string }
    | null,
): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (query.coordinator === "none") parts.push(Prisma.sql`c."coordinatorId" IS NULL`);
  else if (query.coordinator === "me") parts.push(Prisma.sql`c."coordinatorId" = ${userId}`);
  else if (query.coordinator) parts.push(Prisma.sql`c."coordinatorId" = ${query.coordinator}`);
  if (query.programme) parts.push(Prisma.sql`c."programmeId" = ${query.programme}`);
  if (query.language) parts.push(Prisma.sql`c."language" = ${query.language}`);
  if (query.country) parts.push(Prisma.sql`c."country" = ${query.country}`);
  if (query.flagged) parts.push(Prisma.sql`c."redFlagCount" > 0`);
  if (query.overdue) parts.push(sliceSql.overdue(now));
  if (query.tasks) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ClinicalTask" t WHERE t."caseId" = c."id" AND t."resolvedAt" IS NULL AND t."kind" <> ${MANUAL_TASK})`,
    );
  }
  if (search?.kind === "number") parts.push(Prisma.sql`c."number" = ${search.number}`);
  else if (search?.kind === "email") {
    parts.push(
      dialect === "postgresql"
        ? Prisma.sql`p."email" LIKE ${`${escapeLike(search.prefix)}%`}`
        : Prisma.sql`p."email" >= ${search.prefix} AND p."email" < ${`${search.prefix}\uffff`}`,
    );
  } else if (search?.kind === "ids") {
    parts.push(
      search.ids.length
        ? Prisma.sql`c."patientId" IN (${Prisma.join(search.ids)})`
        : Prisma.sql`1 = 0`,
    );
  } else if (search?.kind === "words") {
    const q = search.q;
    const like = (text: string) => `%${dialect === "postgresql" ? escapeLike(text) : text}%`;
    parts.push(
      dialect === "postgresql"
        ? Prisma.sql`(c."number" LIKE ${like(q.toUpperCase())} OR p."name" ILIKE ${like(q)} OR p."email" LIKE ${like(q.toLowerCase())})`
        : Prisma.sql`(c."number" LIKE ${like(q.toUpperCase())} OR p."name" LIKE ${like(q)} OR p."email" LIKE ${like(q.toLowerCase())})`,
    );
  }
  return and(parts);
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, "\\$&");
}

const orderBy = (keys: OrderKey[], outer: boolean) =>
  Prisma.join(
    keys.map((k) =>
      outer
        ? Prisma.raw(`x."${k.outer}" ${k.dir === "asc" ? "ASC" : "DESC"}`)
        : Prisma.sql`${k.inner} ${Prisma.raw(k.dir === "asc" ? "ASC" : "DESC")}`,
    ),
    ", ",
  );

/**
 * Reads every arm's rows in one statement, each arm's in its own order, arm after arm.
 * Each row says which arm it came from.
 */
export async function readArms(arms: Arm[]): Promise<(CaseRowData & { arm: number })[]> {
  const live = arms.map((a, i) => ({ ...a, i })).filter((a) => a.take > 0);
  if (live.length === 0) return [];
  const selects = live.map(
    (a) => Prisma.sql`SELECT * FROM (
      SELECT ${a.i} AS "arm", ROW_NUMBER() OVER (ORDER BY ${orderBy(a.order, true)}) AS "pos", x.*,
        g."name" AS "programmeName", o."name" AS "coordinatorName",
        (SELECT COUNT(*) FROM "ClinicalTask" t
          WHERE t."caseId" = x."id" AND t."resolvedAt" IS NULL AND t."kind" <> ${MANUAL_TASK}) AS "tasks"
      FROM (
        SELECT c."id", c."number", c."stage", c."language", c."country", c."redFlagCount",
          c."updatedAt", c."createdAt", c."firstResponseDueAt", c."firstRespondedAt",
          c."reviewDueAt", c."slaPausedAt", c."programmeId", c."coordinatorId",
          p."name" AS "patientName"
        FROM "Case" c JOIN "User" p ON p."id" = c."patientId"
        WHERE ${a.where}
        ORDER BY ${orderBy(a.order, false)}
        LIMIT ${a.take} OFFSET ${a.skip}
      ) x
      JOIN "Programme" g ON g."id" = x."programmeId"
      LEFT JOIN "User" o ON o."id" = x."coordinatorId"
    ) ${Prisma.raw(`a${a.i}`)}`,
  );
  const rows = await db.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`${Prisma.join(selects, " UNION ALL ")} ORDER BY 1, 2`,
  );
  return rows.map(rowOf);
}

const date = (v: unknown): Date | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v
      : typeof v === "bigint"
        ? new Date(Number(v))
        : typeof v === "number"
          ? new Date(v)
          : new Date(/^\d+$/.test(String(v)) ? Number(v) : String(v));

function rowOf(r: Record<string, unknown>): CaseRowData & { arm: number } {
  return {
    arm: Number(r.arm),
    id: r.id as string,
    number: r.number as string,
    stage: r.stage as string,
    language: r.language as string,
    country: (r.country as string | null) ?? null,
    redFlagCount: Number(r.redFlagCount),
    updatedAt: date(r.updatedAt)!,
    createdAt: date(r.createdAt)!,
    firstResponseDueAt: date(r.firstResponseDueAt),
    firstRespondedAt: date(r.firstRespondedAt),
    reviewDueAt: date(r.reviewDueAt),
    slaPausedAt: date(r.slaPausedAt),
    patient: { name: r.patientName as string },
    programme: { name: r.programmeName as string },
    coordinator: r.coordinatorName == null ? null : { name: r.coordinatorName as string },
    _count: { tasks: Number(r.tasks) },
  };
}
