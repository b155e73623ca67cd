/** Reading cases for staff pages. Queries select only what the pages show. */
import { db } from "~/db.server";
import { DOCUMENT_LIST } from "./documents.server";
import type { Prisma } from "~/generated/prisma/client";
import { isStage, STAGES, type Stage } from "~/lib/stages";
import { overdueWhere } from "./sla.server";

export const PAGE_SIZE = 25;
/** Cards shown per column on the board; the column links to the full list. */
export const BOARD_CARDS = 8;

export const SORTS = ["updated", "created", "number", "due", "name"] as const;
export type Sort = (typeof SORTS)[number];

export interface CaseListQuery {
  stage?: Stage;
  /** A coordinator's id, "none" for unassigned cases, or "me". */
  coordinator?: string;
  programme?: string;
  language?: string;
  country?: string;
  flagged: boolean;
  overdue: boolean;
  q?: string;
  sort: Sort;
  dir: "asc" | "desc";
  page: number;
  view: "list" | "board";
}

const short = (v: string | null, max = 100) => (v ?? "").trim().slice(0, max) || undefined;

/** Reads the filters from the URL; anything unknown is ignored rather than trusted. */
export function parseCaseListQuery(url: URL): CaseListQuery {
  const p = url.searchParams;
  const stage = p.get("stage") ?? "";
  const sort = p.get("sort") ?? "";
  const language = short(p.get("language"), 8);
  const country = short(p.get("country"), 2)?.toUpperCase();
  const page = Math.max(1, Math.min(10_000, Number.parseInt(p.get("page") ?? "1", 10) || 1));
  return {
    stage: isStage(stage) ? stage : undefined,
    coordinator: short(p.get("coordinator"), 40),
    programme: short(p.get("programme"), 40),
    language: language && /^[a-z]{2,3}$/.test(language) ? language : undefined,
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    flagged: p.get("flagged") === "1",
    overdue: p.get("overdue") === "1",
    q: short(p.get("q")),
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : "updated",
    dir: p.get("dir") === "asc" ? "asc" : "desc",
    page,
    view: p.get("view") === "board" ? "board" : "list",
  };
}

/** The query as URL parameters, with `change` applied: for links that keep the filters. */
export function caseListHref(query: CaseListQuery, change: Partial<CaseListQuery> = {}): string {
  const q = { ...query, ...change };
  const p = new URLSearchParams();
  if (q.view === "board") p.set("view", "board");
  if (q.q) p.set("q", q.q);
  if (q.stage) p.set("stage", q.stage);
  if (q.coordinator) p.set("coordinator", q.coordinator);
  if (q.programme) p.set("programme", q.programme);
  if (q.language) p.set("language", q.language);
  if (q.country) p.set("country", q.country);
  if (q.flagged) p.set("flagged", "1");
  if (q.overdue) p.set("overdue", "1");
  if (q.sort !== "updated") p.set("sort", q.sort);
  if (q.dir !== "desc") p.set("dir", q.dir);
  if (q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return s ? `?${s}` : "?";
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
  if (query.q) {
    const q = query.q;
    if (CASE_NUMBER.test(q)) {
      const [, year, n] = q.toUpperCase().split("-");
      and.push({ number: `MT-${year}-${n!.padStart(6, "0")}` });
    } else if (q.includes("@")) {
      and.push({ patient: { email: { startsWith: q.toLowerCase() } } });
    } else {
      and.push({
        OR: [
          { number: { contains: q.toUpperCase() } },
          { patient: { name: { contains: q } } },
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
} as const satisfies Prisma.CaseSelect;

export type CaseRow = Prisma.CaseGetPayload<{ select: typeof CASE_ROW }>;

export function isOverdue(
  row: Pick<CaseRow, "stage" | "firstRespondedAt" | "slaPausedAt" | "firstResponseDueAt">,
  now = new Date(),
) {
  return (
    row.stage === "ENQUIRY" &&
    !row.firstRespondedAt &&
    !row.slaPausedAt &&
    row.firstResponseDueAt !== null &&
    new Date(row.firstResponseDueAt) < now
  );
}

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
