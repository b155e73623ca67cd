/**
 * Management reports, each computed by the database with aggregates (GROUP BY, COUNT,
 * SUM, window functions), never by loading every case. The SQL is the same on SQLite and
 * PostgreSQL except for two expressions, a calendar month and a difference in seconds,
 * which `dialect` picks. Months are calendar months in UTC.
 *
 * - funnel: cases that reached each stage (from the timeline's stage changes), overall or
 *   by programme, country or language;
 * - stage time: the median time spent in each stage, over stays that have ended;
 * - first response: the SLA met, breached and pending, by month the enquiry came in;
 * - revenue: quoted (issued versions still standing), accepted, and paid net of refunds,
 *   by month and currency, in minor units;
 * - follow-ups: of those already due, how many were completed, by follow-up of the plan.
 */
import { Prisma } from "~/generated/prisma/client";
import { db, dialect } from "~/db.server";
import { toCsv } from "~/lib/csv";
import { minorToInput } from "~/lib/money";
import { HAPPY_PATH, type Stage } from "~/lib/stages";
import { z } from "zod";
import { audit } from "~/infra/audit.server";
import type { Role } from "~/lib/permissions";
import { firstValues } from "~/lib/pipeline";
import { assertCan } from "~/models/auth/auth.server";

import { DIMENSIONS, REPORTS, type Dimension, type ReportName } from "~/lib/reports";

export { DIMENSIONS, REPORTS, type Dimension, type ReportName };

export interface ReportRange {
  /** Cases (or money, for revenue) from this instant, inclusive. */
  from: Date;
  /** …to this instant, exclusive. */
  to: Date;
}

const num = (v: unknown): number =>
  typeof v === "bigint" ? Number(v) : v === null || v === undefined ? 0 : Number(v);

function month(column: Prisma.Sql): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')`
    : Prisma.sql`strftime('%Y-%m', ${column})`;
}

function secondsBetween(later: Prisma.Sql, earlier: Prisma.Sql): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`EXTRACT(EPOCH FROM (${later} - ${earlier}))`
    : Prisma.sql`((julianday(${later}) - julianday(${earlier})) * 86400.0)`;
}

const DIMENSION_SQL: Record<Exclude<Dimension, "all">, Prisma.Sql> = {
  programme: Prisma.sql`p."slug"`,
  country: Prisma.sql`COALESCE(c."country", '')`,
  language: Prisma.sql`c."language"`,
};

export interface FunnelRow {
  group: string;
  stage: Stage;
  cases: number;
}

/** Cases created in the range that ever reached each stage, per group. */
export async function funnel(range: ReportRange, by: Dimension): Promise<FunnelRow[]> {
  const group = by === "all" ? Prisma.sql`''` : DIMENSION_SQL[by];
  const rows = await db.$queryRaw<{ grp: string; stage: string; n: unknown }[]>(Prisma.sql`
    SELECT ${group} AS grp, e."toStage" AS stage, COUNT(DISTINCT e."caseId") AS n
    FROM "CaseEvent" e
    JOIN "Case" c ON c."id" = e."caseId"
    JOIN "Programme" p ON p."id" = c."programmeId"
    WHERE e."type" = 'STAGE_CHANGE' AND e."toStage" IS NOT NULL
      AND c."createdAt" >= ${range.from} AND c."createdAt" < ${range.to}
    GROUP BY 1, 2
  `);
  return rows
    .map((r) => ({ group: r.grp ?? "", stage: r.stage as Stage, cases: num(r.n) }))
    .sort((a, b) => a.group.localeCompare(b.group) || stageOrder(a.stage) - stageOrder(b.stage));
}

function stageOrder(stage: string): number {
  const i = (HAPPY_PATH as readonly string[]).indexOf(stage);
  return i === -1 ? 100 + stage.length : i;
}

export interface StageTimeRow {
  stage: Stage;
  /** Median seconds spent in the stage, over stays that ended. */
  medianSeconds: number;
  stays: number;
}

/**
 * The median stay in each stage. Each stage change ends a stay in its fromStage, which
 * began at the case's previous stage change (LAG over the case's timeline). The median is
 * the middle row, or the mean of the two middle rows, by ROW_NUMBER within the stage.
 */
export async function stageTime(range: ReportRange): Promise<StageTimeRow[]> {
  const secs = secondsBetween(Prisma.sql`s."leftAt"`, Prisma.sql`s."enteredAt"`);
  const rows = await db.$queryRaw<{ stage: string; median: unknown; n: unknown }[]>(Prisma.sql`
    WITH s AS (
      SELECT e."fromStage" AS stage, e."createdAt" AS "leftAt",
        LAG(e."createdAt") OVER (PARTITION BY e."caseId" ORDER BY e."createdAt", e."id") AS "enteredAt"
      FROM "CaseEvent" e
      JOIN "Case" c ON c."id" = e."caseId"
      WHERE e."type" = 'STAGE_CHANGE'
        AND c."createdAt" >= ${range.from} AND c."createdAt" < ${range.to}
    ),
    d AS (
      SELECT stage, ${secs} AS secs FROM s
      WHERE stage IS NOT NULL AND s."enteredAt" IS NOT NULL
    ),
    r AS (
      SELECT stage, secs,
        ROW_NUMBER() OVER (PARTITION BY stage ORDER BY secs) AS rn,
        COUNT(*) OVER (PARTITION BY stage) AS n
      FROM d
    )
    SELECT stage, AVG(secs) AS median, MAX(n) AS n FROM r
    WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
    GROUP BY stage
  `);
  return rows
    .map((r) => ({
      stage: r.stage as Stage,
      medianSeconds: Math.round(num(r.median)),
      stays: num(r.n),
    }))
    .sort((a, b) => stageOrder(a.stage) - stageOrder(b.stage));
}

export interface FirstResponseRow {
  month: string;
  enquiries: number;
  met: number;
  breached: number;
  pending: number;
}

/** The first-response SLA by month of enquiry: met, breached (late or still unanswered past the deadline), pending. */
export async function firstResponse(
  range: ReportRange,
  now = new Date(),
): Promise<FirstResponseRow[]> {
  const m = month(Prisma.sql`c."createdAt"`);
  const rows = await db.$queryRaw<
    { month: string; total: unknown; met: unknown; breached: unknown }[]
  >(Prisma.sql`
    SELECT ${m} AS month, COUNT(*) AS total,
      SUM(CASE WHEN c."firstRespondedAt" IS NOT NULL
               AND c."firstRespondedAt" <= c."firstResponseDueAt" THEN 1 ELSE 0 END) AS met,
      SUM(CASE WHEN (c."firstRespondedAt" IS NOT NULL AND c."firstRespondedAt" > c."firstResponseDueAt")
                 OR (c."firstRespondedAt" IS NULL AND c."slaPausedAt" IS NULL
                     AND c."firstResponseDueAt" < ${now}) THEN 1 ELSE 0 END) AS breached
    FROM "Case" c
    WHERE c."firstResponseDueAt" IS NOT NULL
      AND c."createdAt" >= ${range.from} AND c."createdAt" < ${range.to}
    GROUP BY ${m}
    ORDER BY ${m}
  `);
  return rows.map((r) => {
    const enquiries = num(r.total);
    const met = num(r.met);
    const breached = num(r.breached);
    return { month: r.month, enquiries, met, breached, pending: enquiries - met - breached };
  });
}

export type RevenueMeasure = "quoted" | "accepted" | "paid";

export interface RevenueRow {
  month: string;
  currency: string;
  measure: RevenueMeasure;
  minor: number;
}

/**
 * Money by month and currency: quoted (issued versions not superseded, by issue date),
 * accepted (by acceptance date) and paid (succeeded deposits and balances less refunds,
 * by payment date).
 */
export async function revenue(range: ReportRange): Promise<RevenueRow[]> {
  const issued = month(Prisma.sql`q."issuedAt"`);
  const accepted = month(Prisma.sql`q."acceptedAt"`);
  const paid = month(Prisma.sql`y."paidAt"`);
  const rows = await db.$queryRaw<
    { month: string; currency: string; measure: string; minor: unknown }[]
  >(Prisma.sql`
    SELECT ${issued} AS month, q."currency" AS currency, 'quoted' AS measure, SUM(q."totalMinor") AS minor
    FROM "Quote" q
    WHERE q."issuedAt" IS NOT NULL AND q."status" <> 'SUPERSEDED'
      AND q."issuedAt" >= ${range.from} AND q."issuedAt" < ${range.to}
    GROUP BY ${issued}, q."currency"
    UNION ALL
    SELECT ${accepted} AS month, q."currency" AS currency, 'accepted' AS measure, SUM(q."totalMinor") AS minor
    FROM "Quote" q
    WHERE q."status" = 'ACCEPTED' AND q."acceptedAt" IS NOT NULL
      AND q."acceptedAt" >= ${range.from} AND q."acceptedAt" < ${range.to}
    GROUP BY ${accepted}, q."currency"
    UNION ALL
    SELECT ${paid} AS month, y."currency" AS currency, 'paid' AS measure,
      SUM(CASE WHEN y."kind" = 'REFUND' THEN -y."amountMinor" ELSE y."amountMinor" END) AS minor
    FROM "Payment" y
    WHERE y."status" = 'SUCCEEDED' AND y."paidAt" IS NOT NULL
      AND y."paidAt" >= ${range.from} AND y."paidAt" < ${range.to}
    GROUP BY ${paid}, y."currency"
  `);
  const order: RevenueMeasure[] = ["quoted", "accepted", "paid"];
  return rows
    .map((r) => ({
      month: r.month,
      currency: r.currency,
      measure: r.measure as RevenueMeasure,
      minor: num(r.minor),
    }))
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        a.currency.localeCompare(b.currency) ||
        order.indexOf(a.measure) - order.indexOf(b.measure),
    );
}

export interface FollowUpRow {
  label: string;
  due: number;
  completed: number;
}

/** Follow-ups after treatment that were due by `now`, and how many of them were completed. */
export async function followUpCompletion(
  range: ReportRange,
  now = new Date(),
): Promise<FollowUpRow[]> {
  const rows = await db.$queryRaw<{ label: string; due: unknown; completed: unknown }[]>(Prisma.sql`
    SELECT f."label" AS label, COUNT(*) AS due,
      SUM(CASE WHEN f."status" = 'COMPLETED' THEN 1 ELSE 0 END) AS completed
    FROM "FollowUp" f
    WHERE f."kind" = 'FOLLOW_UP' AND f."dueAt" <= ${now}
      AND f."dueAt" >= ${range.from} AND f."dueAt" < ${range.to}
    GROUP BY f."label"
  `);
  return rows
    .map((r) => ({ label: r.label, due: num(r.due), completed: num(r.completed) }))
    .sort((a, b) => labelDays(a.label) - labelDays(b.label));
}

function labelDays(label: string): number {
  const m = /^P(\d+)([DWMY])$/.exec(label);
  if (!m) return 1e9;
  return Number(m[1]) * ({ D: 1, W: 7, M: 30, Y: 365 } as const)[m[2] as "D" | "W" | "M" | "Y"];
}

/** A month as the filter form sends it (YYYY-MM, 2000–2100), as its first instant in UTC. */
const Month = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .transform((s) => ({ y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)) }))
  .refine(({ y, m }) => y >= 2000 && y <= 2100 && m >= 1 && m <= 12)
  .transform(({ y, m }) => new Date(Date.UTC(y, m - 1, 1)));

/** The reports' filter form, a plain GET form: anything it cannot read falls back to the default. */
export const ReportSearch = z.object({
  from: Month.optional().catch(undefined),
  to: Month.optional().catch(undefined),
  by: z.enum(DIMENSIONS).catch("all"),
});

/** Reads ?from=YYYY-MM&to=YYYY-MM (months, inclusive) and ?by=; defaults to the last 12 months. */
export function parseReportQuery(url: URL, now = new Date()) {
  const p = ReportSearch.parse(firstValues(url.searchParams));
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const defaultFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  let from = p.from ?? defaultFrom;
  const toMonth = p.to ?? thisMonth;
  let to = new Date(Date.UTC(toMonth.getUTCFullYear(), toMonth.getUTCMonth() + 1, 1));
  if (from >= to)
    [from, to] = [
      new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1)),
      new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1)),
    ];
  const ym = (d: Date) => d.toISOString().slice(0, 7);
  return {
    range: { from, to },
    by: p.by,
    fromMonth: ym(from),
    toMonth: ym(new Date(to.getTime() - 1)),
  };
}

/** Every report the page shows, for the period and grouping of its URL. */
export async function reportsPage(user: { role: Role }, url: URL) {
  assertCan(user, "reports:read");
  const { range, by, fromMonth, toMonth } = parseReportQuery(url);
  const [funnelRows, stageRows, slaRows, revenueRows, followUpRows] = await Promise.all([
    funnel(range, by),
    stageTime(range),
    firstResponse(range),
    revenue(range),
    followUpCompletion(range),
  ]);
  // The funnel's programme groups are slugs; the page names them in the reader's language.
  const programmes = await db.programme.findMany({
    select: { slug: true, name: true, translations: true },
  });
  return {
    by,
    fromMonth,
    toMonth,
    funnelRows,
    stageRows,
    slaRows,
    revenueRows,
    followUpRows,
    programmes,
  };
}

/**
 * One report as a CSV file, with the page's period and grouping: audited, since it leaves
 * the platform. Null for a report that does not exist.
 */
export async function exportReport(
  user: { id: string; role: Role },
  name: string,
  url: URL,
  ip: string | null,
) {
  assertCan(user, "reports:read");
  if (!(REPORTS as readonly string[]).includes(name)) return null;
  const { range, by, fromMonth, toMonth } = parseReportQuery(url);
  const csv = await reportCsv(name as ReportName, range, by);
  await audit({
    actorId: user.id,
    action: "reports.export",
    entity: "Report",
    entityId: name,
    ip,
    outcome: "success",
    detail: `${fromMonth}..${toMonth} by ${by}`,
  });
  return { csv, fileName: `${name}-${fromMonth}-${toMonth}.csv` };
}

/**
 * Each report as CSV, for spreadsheets: plain codes and numbers; money as a decimal amount in
 * its currency's digits ("500.50"), with the currency in its own column.
 */
export async function reportCsv(name: ReportName, range: ReportRange, by: Dimension) {
  switch (name) {
    case "funnel": {
      const rows = await funnel(range, by);
      return toCsv(
        ["group_by", "group", "stage", "cases"],
        rows.map((r) => [by, r.group, r.stage, r.cases]),
      );
    }
    case "stage-time": {
      const rows = await stageTime(range);
      return toCsv(
        ["stage", "median_hours", "stays"],
        rows.map((r) => [r.stage, (r.medianSeconds / 3600).toFixed(2), r.stays]),
      );
    }
    case "first-response": {
      const rows = await firstResponse(range);
      return toCsv(
        ["month", "enquiries", "met", "breached", "pending", "compliance_pct"],
        rows.map((r) => [
          r.month,
          r.enquiries,
          r.met,
          r.breached,
          r.pending,
          r.met + r.breached ? ((100 * r.met) / (r.met + r.breached)).toFixed(1) : "",
        ]),
      );
    }
    case "revenue": {
      const rows = await revenue(range);
      // A decimal amount in its currency's own digits (JPY 0, KWD 3), its currency beside it.
      return toCsv(
        ["month", "currency", "measure", "amount"],
        rows.map((r) => [r.month, r.currency, r.measure, minorToInput(r.minor, r.currency)]),
      );
    }
    case "follow-ups": {
      const rows = await followUpCompletion(range);
      return toCsv(
        ["follow_up", "due", "completed", "completion_pct"],
        rows.map((r) => [
          r.label,
          r.due,
          r.completed,
          r.due ? ((100 * r.completed) / r.due).toFixed(1) : "",
        ]),
      );
    }
  }
}
