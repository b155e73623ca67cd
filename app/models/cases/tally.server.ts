/**
 * The case tallies (issue 21, ADR 035): how many cases there are per stage, in all and per
 * language, country and "unassigned", kept by database triggers on "Case" in the same
 * transaction as every write (prisma/<provider>/migrations/*_case_tally). The pipeline reads
 * its counts, totals and filter choices from here in one small statement, instead of counting
 * or grouping the whole Case table on every view.
 */
import { db } from "~/db.server";
import { isStage, STAGES, type Stage } from "~/lib/stages";
import type { CaseListQuery } from "~/lib/pipeline";

export type TallyKind = "stage" | "unassigned" | "language" | "country";

export interface Tallies {
  /** Cases per stage under one tally key, or all of them ("stage", ""). */
  perStage(kind: TallyKind, value?: string): Record<Stage, number>;
  /** Every case under a key, whatever its stage (also stages no longer known, as COUNT did). */
  total(kind: TallyKind, value?: string, stage?: Stage): number;
  /** The languages and countries that some case has, in order. */
  languages: string[];
  countries: string[];
}

/** Reads every tally in one statement: a few hundred rows at most, whatever the cases. */
export async function readTallies(): Promise<Tallies> {
  const rows = await db.caseTally.findMany({
    where: { count: { gt: 0 } },
    select: { kind: true, value: true, stage: true, count: true },
  });
  const of = (kind: TallyKind, value: string) =>
    rows.filter((r) => r.kind === kind && r.value === value);
  const values = (kind: TallyKind) =>
    [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.value))].sort();
  return {
    perStage(kind, value = "") {
      const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
      for (const r of of(kind, value)) if (isStage(r.stage)) counts[r.stage] = r.count;
      return counts;
    },
    total(kind, value = "", stage) {
      return of(kind, value)
        .filter((r) => !stage || r.stage === stage)
        .reduce((sum, r) => sum + r.count, 0);
    },
    languages: values("language"),
    countries: values("country"),
  };
}

/** Reads the tallies at most once, and only if something asks. */
export function lazyTallies(): () => Promise<Tallies> {
  let read: Promise<Tallies> | null = null;
  return () => (read ??= readTallies());
}

/**
 * The tally that counts exactly the cases under the query's filters (the stage aside), or
 * null when the filters are not one the tallies keep (then the counts are indexed queries).
 */
export function tallyKeyOf(query: CaseListQuery): { kind: TallyKind; value: string } | null {
  const set = [
    query.coordinator,
    query.programme,
    query.language,
    query.country,
    query.q,
    query.flagged || undefined,
    query.overdue || undefined,
    query.tasks || undefined,
  ].filter((v) => v !== undefined);
  if (set.length === 0) return { kind: "stage", value: "" };
  if (set.length > 1) return null;
  if (query.language) return { kind: "language", value: query.language };
  if (query.country) return { kind: "country", value: query.country };
  if (query.coordinator === "none") return { kind: "unassigned", value: "" };
  return null;
}
