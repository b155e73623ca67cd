/**
 * The pipeline's filters: their shape, how they are read from the URL (a zod schema, like
 * every form; a GET filter changes nothing, so it carries no form state), and how a link
 * keeps them. Shared by the server (app/models/cases/case.server.ts) and the page, so it
 * holds no server code.
 */
import { z } from "zod";
import { STAGES, type Stage } from "./stages";

export const PAGE_SIZE = 25;
/** Cards shown per column on the board; the column links to the full list. */
export const BOARD_CARDS = 8;

/**
 * "attention", the default: what needs someone first. Overdue first replies, then unassigned
 * cases, then the first replies due soonest, then the newest (app/models/cases/case.server.ts).
 */
export const SORTS = ["attention", "updated", "created", "number", "due", "name"] as const;
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

/** Typed text from the URL: trimmed, cut to `max`, and absent when empty. */
const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, max) || undefined);
const flag = z
  .string()
  .optional()
  .transform((v) => v === "1");

/**
 * The filters' URL parameters. Anything unknown is ignored rather than trusted: a stage,
 * sort, language or country that is not one falls back to none (or the default order).
 */
export const CaseListSearch = z.object({
  stage: z.enum(STAGES).optional().catch(undefined),
  coordinator: text(40),
  programme: text(40),
  language: text(8)
    .pipe(
      z
        .string()
        .regex(/^[a-z]{2,3}$/)
        .optional(),
    )
    .catch(undefined),
  country: text(2)
    .transform((c) => c?.toUpperCase())
    .pipe(
      z
        .string()
        .regex(/^[A-Z]{2}$/)
        .optional(),
    )
    .catch(undefined),
  flagged: flag,
  overdue: flag,
  tasks: flag,
  q: text(100),
  sort: z.enum(SORTS).catch("attention"),
  dir: z
    .string()
    .optional()
    .transform((v): "asc" | "desc" => (v === "asc" ? "asc" : "desc")),
  page: z
    .string()
    .optional()
    .transform((v) => Math.max(1, Math.min(10_000, Number.parseInt(v ?? "1", 10) || 1))),
  view: z
    .string()
    .optional()
    .transform((v): "list" | "board" => (v === "board" ? "board" : "list")),
}) satisfies z.ZodType<CaseListQuery, unknown>;

/** A URL's parameters, each with its first value (as URLSearchParams.get reads them). */
export function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) if (!(name in out)) out[name] = value;
  return out;
}

/** Reads the filters from the URL; anything unknown is ignored rather than trusted. */
export function parseCaseListQuery(url: URL): CaseListQuery {
  return CaseListSearch.parse(firstValues(url.searchParams));
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
  if (q.sort !== "attention") p.set("sort", q.sort);
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
