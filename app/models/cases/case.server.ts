/**
 * Reading cases for staff pages. Queries select only what the pages show. The filters'
 * shape and their URL form are in app/lib/pipeline.ts, which the browser also loads.
 */
import { ROLE } from "~/lib/permissions";
import { db, dialect } from "~/db.server";
import { DOCUMENT_LIST } from "~/infra/document-store.server";
import type { Prisma } from "~/generated/prisma/client";
import { isStage, STAGES, type Stage } from "~/lib/stages";
import { BOARD_CARDS, PAGE_SIZE, type CaseListQuery } from "~/lib/pipeline";
import { overdueWhere } from "~/models/cases/sla.server";

/**
 * Typed text is matched literally. Prisma passes `contains` to LIKE as `%text%` without
 * escaping, so `%` or `_` in a search would be wildcards (`q=%` matched every case).
 * PostgreSQL's LIKE escapes with a backslash by default, so they are escaped there. SQLite's
 * LIKE has no escape character unless the SQL names one, so a search holding one is matched
 * with instr() instead (see patientsMatching).
 */
const WILDCARD = /[%_\\]/;

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, "\\$&");
}

/** "Contains", ignoring case: SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE. */
function containsText(q: string): Prisma.StringFilter {
  return dialect === "postgresql"
    ? ({ contains: escapeLike(q), mode: "insensitive" } as Prisma.StringFilter)
    : { contains: q };
}

function containsExact(q: string): Prisma.StringFilter {
  return { contains: dialect === "postgresql" ? escapeLike(q) : q };
}

/** SQLite, for a search holding a LIKE wildcard: the patients whose name or email holds it. */
async function patientsMatching(q: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "User" WHERE "role" = ? AND (instr(lower("name"), lower(?)) > 0 OR instr("email", lower(?)) > 0) LIMIT 1000`,
    ROLE.PATIENT,
    q,
    q,
  );
  return rows.map((r) => r.id);
}

const CASE_NUMBER = /^MT-\d{4}-\d{1,6}$/i;

/**
 * The filters as a Prisma where clause, without the stage (the per-stage counts and the
 * board's columns apply that themselves). A case number is matched exactly; an email by
 * prefix; otherwise the name or email contains the words.
 */
async function filterWhere(
  query: CaseListQuery,
  userId: string,
  now: Date,
): Promise<Prisma.CaseWhereInput> {
  const and: Prisma.CaseWhereInput[] = [];
  if (query.coordinator === "none") and.push({ coordinatorId: null });
  else if (query.coordinator === "me") and.push({ coordinatorId: userId });
  else if (query.coordinator) and.push({ coordinatorId: query.coordinator });
  if (query.programme) and.push({ programmeId: query.programme });
  if (query.language) and.push({ language: query.language });
  if (query.country) and.push({ country: query.country });
  if (query.flagged) and.push({ redFlagCount: { gt: 0 } });
  if (query.overdue) and.push(overdueWhere(now));
  if (query.tasks) and.push({ tasks: { some: { resolvedAt: null } } });
  if (query.q) {
    const q = query.q;
    if (CASE_NUMBER.test(q)) {
      const [, year, n] = q.toUpperCase().split("-");
      and.push({ number: `MT-${year}-${n!.padStart(6, "0")}` });
    } else if (q.includes("@")) {
      // Emails are stored in lower case. SQLite: a range rather than LIKE, so it can use the
      // unique index. PostgreSQL: LIKE 'prefix%' (a range under a linguistic collation
      // would not mean "starts with").
      const prefix = q.toLowerCase();
      and.push({
        patient: {
          email:
            dialect === "postgresql"
              ? { startsWith: escapeLike(prefix) }
              : { gte: prefix, lt: `${prefix}\uffff` },
        },
      });
    } else if (dialect === "sqlite" && WILDCARD.test(q)) {
      and.push({ patientId: { in: await patientsMatching(q) } });
    } else {
      and.push({
        OR: [
          { number: containsExact(q.toUpperCase()) },
          { patient: { name: containsText(q) } },
          { patient: { email: containsExact(q.toLowerCase()) } },
        ],
      });
    }
  }
  return and.length ? { AND: and } : {};
}

function orderOf(query: CaseListQuery): Prisma.CaseOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "created":
      return [{ createdAt: dir }, { id: "asc" }];
    case "number":
      return [{ number: dir }];
    case "due":
      return [{ firstResponseDueAt: dir }, { id: "asc" }];
    case "name":
      return [{ patient: { name: dir } }, { id: "asc" }];
    default:
      return [{ updatedAt: dir }, { id: "asc" }];
  }
}

/** What one row or card shows, and nothing more. */
const CASE_ROW = {
  id: true,
  number: true,
  stage: true,
  language: true,
  country: true,
  redFlagCount: true,
  updatedAt: true,
  createdAt: true,
  firstResponseDueAt: true,
  firstRespondedAt: true,
  slaPausedAt: true,
  patient: { select: { name: true } },
  programme: { select: { name: true } },
  coordinator: { select: { name: true } },
  // Open clinician's tasks (a worsening after treatment), shown as a badge.
  _count: { select: { tasks: { where: { resolvedAt: null } } } },
} as const satisfies Prisma.CaseSelect;

export type CaseRow = Prisma.CaseGetPayload<{ select: typeof CASE_ROW }>;

async function countsPerStage(where: Prisma.CaseWhereInput) {
  const grouped = await db.case.groupBy({ by: ["stage"], where, _count: { _all: true } });
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const g of grouped) if (isStage(g.stage)) counts[g.stage] = g._count._all;
  return counts;
}

/** The list view: one page of rows, the total, and the counts per stage under the same filters. */
export async function listCases(query: CaseListQuery, userId: string, now = new Date()) {
  const base = await filterWhere(query, userId, now);
  const where = query.stage ? { AND: [base, { stage: query.stage }] } : base;
  const [rows, total, counts] = await Promise.all([
    db.case.findMany({
      where,
      orderBy: orderOf(query),
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: CASE_ROW,
    }),
    db.case.count({ where }),
    countsPerStage(base),
  ]);
  return { rows, total, counts, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** The board: per stage, the first cards under the filters (one small indexed query each). */
export async function boardCases(query: CaseListQuery, userId: string, now = new Date()) {
  const base = await filterWhere(query, userId, now);
  const stages = query.stage ? [query.stage] : STAGES;
  const [columns, counts] = await Promise.all([
    Promise.all(
      stages.map(async (stage) => ({
        stage,
        cards: await db.case.findMany({
          where: { AND: [base, { stage }] },
          orderBy: orderOf(query),
          take: BOARD_CARDS,
          select: CASE_ROW,
        }),
      })),
    ),
    countsPerStage(base),
  ]);
  return { columns, counts };
}

/** The choices the filters offer: coordinators, programmes, and the languages and countries in use. */
export async function listFilterOptions() {
  const [coordinators, programmes, languages, countries] = await Promise.all([
    db.user.findMany({
      where: { role: ROLE.COORDINATOR, active: true },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.programme.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true } }),
    db.case.groupBy({ by: ["language"], orderBy: { language: "asc" } }),
    db.case.groupBy({ by: ["country"], orderBy: { country: "asc" } }),
  ]);
  return {
    coordinators,
    programmes,
    languages: languages.map((l) => l.language),
    countries: countries.map((c) => c.country).filter((c): c is string => Boolean(c)),
  };
}

export async function getCaseForStaff(id: string) {
  return db.case.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      stage: true,
      stageChangedAt: true,
      language: true,
      timeZone: true,
      country: true,
      currency: true,
      eligibility: true,
      eligibilityReason: true,
      eligibilityReasonCode: true,
      eligibilityAt: true,
      eligibilityBy: { select: { name: true } },
      conditionSummary: true,
      redFlagCount: true,
      firstResponseDueAt: true,
      firstRespondedAt: true,
      reviewDueAt: true,
      slaPausedAt: true,
      consentWithdrawnAt: true,
      createdAt: true,
      coordinatorId: true,
      patient: { select: { name: true, email: true, phone: true } },
      programme: {
        select: {
          name: true,
          slug: true,
          steps: {
            orderBy: { position: "asc" },
            select: { id: true, key: true, name: true, description: true },
          },
        },
      },
      planSteps: {
        orderBy: { position: "asc" },
        select: { id: true, pathwayStepId: true, name: true, notes: true },
      },
      enquiries: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          createdAt: true,
          locale: true,
          diagnosis: true,
          diagnosedYear: true,
          medication: true,
          steroidDoseMg: true,
          organs: true,
          redFlagCount: true,
          answers: { select: { questionId: true, value: true, redFlag: true } },
        },
      },
      documents: DOCUMENT_LIST,
      coordinator: { select: { name: true } },
      events: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: {
          id: true,
          type: true,
          fromStage: true,
          toStage: true,
          reason: true,
          body: true,
          fromPatient: true,
          internal: true,
          createdAt: true,
          actor: { select: { name: true, role: true } },
        },
      },
      emails: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: {
          id: true,
          toEmail: true,
          subject: true,
          template: true,
          status: true,
          attempts: true,
          lastError: true,
          createdAt: true,
          sentAt: true,
        },
      },
    },
  });
}
