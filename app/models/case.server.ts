/** Reading cases for staff pages. Queries select only what the pages show. */
import { db } from "~/db.server";
import { DOCUMENT_LIST } from "./documents.server";
import type { Prisma } from "~/generated/prisma/client";
import { isStage, STAGES, type Stage } from "~/lib/stages";

export const PAGE_SIZE = 25;

export interface CaseListQuery {
  stage?: Stage;
  q?: string;
  page: number;
}

export function parseCaseListQuery(url: URL): CaseListQuery {
  const stage = url.searchParams.get("stage") ?? "";
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = Math.max(
    1,
    Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1),
  );
  return { stage: isStage(stage) ? stage : undefined, q: q || undefined, page };
}

export async function listCases(query: CaseListQuery) {
  const where: Prisma.CaseWhereInput = {
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.q
      ? {
          OR: [
            { number: { contains: query.q } },
            { patient: { name: { contains: query.q } } },
            { patient: { email: { contains: query.q.toLowerCase() } } },
          ],
        }
      : {}),
  };
  const [rows, total, grouped] = await Promise.all([
    db.case.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        number: true,
        stage: true,
        language: true,
        country: true,
        redFlagCount: true,
        updatedAt: true,
        patient: { select: { name: true } },
        programme: { select: { name: true } },
        coordinator: { select: { name: true } },
      },
    }),
    db.case.count({ where }),
    db.case.groupBy({ by: ["stage"], _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const g of grouped) if (isStage(g.stage)) counts[g.stage] = g._count._all;
  return { rows, total, counts, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
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
      conditionSummary: true,
      redFlagCount: true,
      firstResponseDueAt: true,
      consentWithdrawnAt: true,
      createdAt: true,
      patient: { select: { name: true, email: true, phone: true } },
      programme: { select: { name: true, slug: true } },
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
        take: 100,
        select: {
          id: true,
          type: true,
          fromStage: true,
          toStage: true,
          reason: true,
          createdAt: true,
          actor: { select: { name: true, role: true } },
        },
      },
      emails: {
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          toEmail: true,
          subject: true,
          status: true,
          attempts: true,
          createdAt: true,
          sentAt: true,
        },
      },
    },
  });
}
