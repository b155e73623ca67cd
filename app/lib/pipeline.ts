/**
 * The pipeline's filters: their shape, how they are read from the URL, and how a link keeps
 * them. Shared by the server (app/models/cases/case.server.ts) and the page, so it holds no server
 * code.
 */
import { isStage, type Stage } from "./stages";

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
  /** Only cases with an open clinician's task (a worsening in aftercare). */
  tasks: boolean;
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
    tasks: p.get("tasks") === "1",
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
  if (q.tasks) p.set("tasks", "1");
  if (q.sort !== "updated") p.set("sort", q.sort);
  if (q.dir !== "desc") p.set("dir", q.dir);
  if (q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return s ? `?${s}` : "?";
}

/** The first reply to a new enquiry is late: not answered, not paused, past its deadline. */
export function isOverdue(
  row: {
    stage: string;
    firstRespondedAt: Date | string | null;
    slaPausedAt: Date | string | null;
    firstResponseDueAt: Date | string | null;
  },
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
