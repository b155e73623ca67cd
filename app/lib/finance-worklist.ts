/**
 * Finance's worklist (issue 22, ADR 029): when money is due, as the clinic reckons it, and which
 * section each quote, balance and payment belongs to. Pure, so the page, the model and the tests
 * read one set of rules. Due dates are whole days in the clinic's zone: a payment due on a day
 * may come in until that day ends there; from the next midnight there it is overdue.
 */
import { addDays, dayIn, wallTime } from "./schedule";

/** The deposit is due this many days after the patient accepts the quote (the acceptance day is day 0). */
export const DEPOSIT_DUE_DAYS = 7;
/** An issued quote shows as "expiring" this many days before its last valid day. */
export const QUOTE_EXPIRY_WARNING_DAYS = 7;
/** A refund still on its way after this many days needs a look (Stripe settles most within 5–10 days). */
export const REFUND_PENDING_ATTENTION_DAYS = 10;
/** A cancelled case still holding money, with no refund made, is listed for this long after cancelling. */
export const CANCELLED_REVIEW_DAYS = 60;
/** Rows per section and page. */
export const WORKLIST_PAGE_SIZE = 10;

export const WORKLIST_SECTIONS = ["quotes", "expiring", "due", "reconcile"] as const;
export type WorklistSection = (typeof WORKLIST_SECTIONS)[number];

const DAY_MS = 86_400_000;

/** The first instant after `day` (YYYY-MM-DD) in `zone`: when something due that day is overdue. */
function endOfClinicDay(day: string, zone: string): Date {
  return wallTime(addDays(day, 1), 0, zone);
}

/** When a deposit is overdue: the end of the day DEPOSIT_DUE_DAYS after acceptance, clinic zone. */
export function depositDueAt(acceptedAt: Date, zone: string): Date {
  return endOfClinicDay(addDays(dayIn(acceptedAt, zone), DEPOSIT_DUE_DAYS), zone);
}

/**
 * When the balance is overdue: the end of the day `balanceDueDays` before the first treatment
 * day (the quote's own term, "due N days before your first treatment day"), clinic zone. Null
 * while no treatment is booked: the balance has no date yet.
 */
export function balanceDueAt(
  firstTreatment: Date | null,
  balanceDueDays: number,
  zone: string,
): Date | null {
  if (!firstTreatment) return null;
  return endOfClinicDay(addDays(dayIn(firstTreatment, zone), -balanceDueDays), zone);
}

/** Overdue from the deadline on (the deadline is the first instant after the due day). */
export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && now.getTime() >= dueAt.getTime();
}

/** The last instant of the due day, for showing the day (in the reader's zone) of a deadline. */
export function dueDayOf(dueAt: Date): Date {
  return new Date(dueAt.getTime() - 1000);
}

export interface QuoteVersionFacts {
  version: number;
  status: string;
  validUntil: Date | null;
}

export type QuotePosition =
  | { section: "quotes"; state: "none" | "draft" | "declined" }
  | { section: "expiring"; state: "expiring" | "expired"; version: number; validUntil: Date }
  | null;

/**
 * Where an eligible case in a quotable stage stands for finance, from its quote versions: no
 * quote out (none yet, a draft started, or the last one declined) is "to issue"; the version
 * out expiring within QUOTE_EXPIRY_WARNING_DAYS, or past its date without an answer, is
 * "expiring"; a version out and valid for longer, or accepted, needs nothing.
 */
export function quotePosition(versions: readonly QuoteVersionFacts[], now: Date): QuotePosition {
  const out = versions
    .filter((v) => v.status !== "DRAFT" && v.status !== "SUPERSEDED")
    .sort((a, b) => b.version - a.version)[0];
  const drafting = versions.some((v) => v.status === "DRAFT");
  if (!out) return { section: "quotes", state: drafting ? "draft" : "none" };
  if (out.status === "DECLINED")
    return { section: "quotes", state: drafting ? "draft" : "declined" };
  if (out.status === "ACCEPTED" || !out.validUntil) return null;
  if (out.status === "EXPIRED" || out.validUntil.getTime() < now.getTime()) {
    return {
      section: "expiring",
      state: "expired",
      version: out.version,
      validUntil: out.validUntil,
    };
  }
  if (
    out.status === "ISSUED" &&
    out.validUntil.getTime() < now.getTime() + QUOTE_EXPIRY_WARNING_DAYS * DAY_MS
  ) {
    return {
      section: "expiring",
      state: "expiring",
      version: out.version,
      validUntil: out.validUntil,
    };
  }
  return null;
}

/** A section's page from `?<section>=<n>`: 1 when absent or not a page number. */
export function pageOf(url: URL, section: WorklistSection): number {
  const raw = url.searchParams.get(section);
  const n = raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, n);
}

/** The rows of one page, and how many pages there are (at least one). */
export function slicePage<T>(rows: readonly T[], page: number) {
  const pages = Math.max(1, Math.ceil(rows.length / WORKLIST_PAGE_SIZE));
  const current = Math.min(page, pages);
  const start = (current - 1) * WORKLIST_PAGE_SIZE;
  return {
    rows: rows.slice(start, start + WORKLIST_PAGE_SIZE),
    total: rows.length,
    page: current,
    pages,
  };
}
