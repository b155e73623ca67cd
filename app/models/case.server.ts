/**
 * Reading cases for staff pages. Queries select only what the pages show. The filters'
 * shape and their URL form are in app/lib/pipeline.ts, which the browser also loads.
 */
import { db, dialect } from "~/db.server";
import { DOCUMENT_LIST } from "./documents.server";
import type { Prisma } from "~/generated/prisma/client";
import { isStage, STAGES, type Stage } from "~/lib/stages";
import { BOARD_CARDS, PAGE_SIZE, type CaseListQuery } from "~/lib/pipeline";
import { overdueWhere } from "./sla.server";

/**
 * "Contains", ignoring case, on both databases: SQLite's LIKE already ignores ASCII case;
 * PostgreSQL needs ILIKE, which Prisma writes for mode "insensitive" (a PostgreSQL-only
 * option, so the SQLite client's types do not know it).
 */
function containsText(q: string): Prisma.StringFilter {
  return dialect === "postgresql"
    ? ({ contains: q, mode: "insensitive" } as Prisma.StringFilter)
    : { contains: q };
}

const CASE_NUMBER = /^MT-\d{4}-\d{1,6}$/i;

/**
 * The filters as a Prisma where clause, without the stage (the per-stage counts and the
 * board's columns apply that themselves). A case number is matched exactly; an email by
 * prefix; otherwise the name or email contains the words.
 */
function filterWhere(query: CaseListQuery, userId: string, now: Date): Prisma.CaseWhereInput {
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
              ? { startsWith: prefix }
              : { gte: prefix, lt: `${prefix}\uffff` },
        },
      });
    } else {
      and.push({
        OR: [
          { number: { contains: q.toUpperCase() } },
          { patient: { name: containsText(q) } },
          { patient: { email: { contains: q.toLowerCase() } } },
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
  const base = filterWhere(query, userId, now);
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
  const base = filterWhere(query, userId, now);
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
      where: { role: "COORDINATOR", active: true },
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
