/**
 * A programme's published outcomes (issue 25 §5), computed from its aftercare rows and nothing
 * else. Pure: the model (app/models/aftercare/published-outcomes.server.ts) reads the rows, this
 * turns them into the figures the public page shows, with every group smaller than
 * MIN_GROUP patients suppressed. The definitions below are the ones the page states.
 *
 * - Followed: a case whose follow-up plan was made (the plan is made when it enters AFTERCARE,
 *   so it has at least one FOLLOW_UP), now in AFTERCARE or having left it (CLOSED, CANCELLED),
 *   not anonymised and with the patient's consent to health-data processing not withdrawn.
 *   One patient counts once: their most recent such case.
 * - Completion: of the follow-ups that were due, the share completed. A follow-up is due when
 *   it was completed, or when its answer window (due date + the overdue period) has passed
 *   and it fell due while the case was still followed (a case closed or cancelled is not
 *   asked afterwards). The baseline is not a follow-up.
 * - Change: a measure at a time point minus the same measure at the baseline (the BASELINE
 *   follow-up). PROMs come from completed follow-ups only (a measure counted from zero at
 *   baseline, flares, is 0 when left empty there); lab markers from values entered on those
 *   two follow-ups. The 3, 6 and 12 month points are the plan's follow-ups labelled P3M, P6M
 *   and P12M (or P1Y).
 * - Direction: the outcome set says which way each measure is worse; the page says whether
 *   the median moved the better or the worse way.
 * - Complication: a followed patient with at least one WORSENING task (opened when a follow-up
 *   was worse than the baseline by a measure's threshold). Clinical tasks: every task the
 *   platform opened (not hand-made MANUAL ones), per 100 followed patients.
 */
import { Duration } from "luxon";
import { worseBy, type Worse } from "~/lib/aftercare";
import { isClinicalTask } from "~/lib/tasks";

/** The smallest group of patients a published figure may describe. */
export const MIN_GROUP = 10;
/** The time points published, in months after treatment. */
export const POINTS = [3, 6, 12] as const;
export type Point = (typeof POINTS)[number];
/** The stages of a case that entered aftercare: still in it, or having left it. */
export const FOLLOWED_STAGES = ["AFTERCARE", "CLOSED", "CANCELLED"] as const;
/** The task kind a worsening opens: the platform's complication signal. */
export const COMPLICATION_KIND = "WORSENING";

export interface OutcomeFollowUpRow {
  kind: string;
  label: string;
  status: string;
  dueAt: Date;
  /** PROM answers by key (columns and generic answers), null when left empty. */
  proms: Record<string, number | null>;
  /** Lab values entered on this follow-up, by marker key. */
  labs: Record<string, number>;
}

export interface OutcomeCaseRow {
  id: string;
  patientId: string;
  stage: string;
  stageChangedAt: Date;
  createdAt: Date;
  anonymisedAt: Date | null;
  consentWithdrawnAt: Date | null;
  followUps: OutcomeFollowUpRow[];
  taskKinds: string[];
}

export interface OutcomeMeasure {
  key: string;
  worse: Worse;
  /** A PROM left empty at baseline counts as 0 (flares). */
  zeroBaseline?: boolean;
}

/** A published cell: the median and its n, or suppressed (fewer than MIN_GROUP). */
export type Cell =
  | { shown: true; n: number; median: number; direction: "better" | "worse" | "same" }
  | { shown: false };

export interface MeasureRow {
  key: string;
  worse: Worse;
  cells: Record<Point, Cell>;
}

export type Share = { shown: true; value: number } | { shown: false };

export interface PublishedOutcomes {
  computedAt: string;
  /** Fewer than MIN_GROUP followed patients: nothing but the method and the notice. */
  suppressed: boolean;
  followed: number | null;
  /** Completed ÷ due follow-ups (0–1). */
  completion: Share;
  /** Followed patients with a worsening task ÷ followed patients (0–1). */
  complications: Share;
  /** Clinical tasks per 100 followed patients. */
  tasksPer100: Share;
  proms: MeasureRow[];
  markers: MeasureRow[];
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The month a plan label stands for when it is one of the published points (P3M, P1Y…). */
export function pointOf(label: string): Point | null {
  const d = Duration.fromISO(label);
  if (!d.isValid || d.weeks || d.days || d.hours || d.minutes) return null;
  const months = d.months + d.years * 12;
  return (POINTS as readonly number[]).includes(months) ? (months as Point) : null;
}

/** The followed cases, one per patient (the most recent), by the definition above. */
export function followedCases(cases: readonly OutcomeCaseRow[]): OutcomeCaseRow[] {
  const latest = new Map<string, OutcomeCaseRow>();
  for (const c of cases) {
    if (!(FOLLOWED_STAGES as readonly string[]).includes(c.stage)) continue;
    if (c.anonymisedAt || c.consentWithdrawnAt) continue;
    if (!c.followUps.some((f) => f.kind === "FOLLOW_UP")) continue;
    const before = latest.get(c.patientId);
    if (!before || before.createdAt < c.createdAt) latest.set(c.patientId, c);
  }
  return [...latest.values()];
}

/** Whether a follow-up counts in the completion rate's denominator at `now`. */
export function isDue(c: OutcomeCaseRow, f: OutcomeFollowUpRow, now: Date, overdueDays: number) {
  if (f.kind !== "FOLLOW_UP") return false;
  if (f.status === "COMPLETED") return true;
  const windowEnd = f.dueAt.getTime() + overdueDays * 86_400_000;
  if (windowEnd > now.getTime()) return false;
  return c.stage === "AFTERCARE" || f.dueAt.getTime() <= c.stageChangedAt.getTime();
}

const share = (part: number, whole: number, scale = 1): Share =>
  whole >= MIN_GROUP ? { shown: true, value: (part / whole) * scale } : { shown: false };

function cell(changes: number[], worse: Worse): Cell {
  if (changes.length < MIN_GROUP) return { shown: false };
  const m = median(changes)!;
  const d = worseBy(worse, 0, m);
  return {
    shown: true,
    n: changes.length,
    median: m,
    direction: d > 1e-9 ? "worse" : d < -1e-9 ? "better" : "same",
  };
}

/** The changes from baseline of one measure at one point, one per patient who has both. */
export function changesAt(
  followed: readonly OutcomeCaseRow[],
  point: Point,
  read: (f: OutcomeFollowUpRow, atBaseline: boolean) => number | null | undefined,
): number[] {
  const out: number[] = [];
  for (const c of followed) {
    const baseline = c.followUps.find((f) => f.kind === "BASELINE");
    const at = c.followUps.find((f) => f.kind === "FOLLOW_UP" && pointOf(f.label) === point);
    if (!baseline || !at) continue;
    const b = read(baseline, true);
    const v = read(at, false);
    if (b === null || b === undefined || v === null || v === undefined) continue;
    out.push(v - b);
  }
  return out;
}

export function promReader(m: OutcomeMeasure) {
  return (f: OutcomeFollowUpRow, atBaseline: boolean) => {
    if (f.status !== "COMPLETED") return null;
    const v = f.proms[m.key];
    if (v === null || v === undefined) return atBaseline && m.zeroBaseline ? 0 : null;
    return v;
  };
}

export function labReader(m: OutcomeMeasure) {
  return (f: OutcomeFollowUpRow) => f.labs[m.key];
}

const NOTHING: Share = { shown: false };

/**
 * The published figures. A programme with fewer than MIN_GROUP followed patients publishes
 * none. Otherwise every figure is over at least MIN_GROUP patients or is suppressed; no
 * sub-total is published beside a total (the completion rate is overall, not per point), so
 * no suppressed group can be had by subtraction.
 */
export function publishedOutcomes(input: {
  cases: readonly OutcomeCaseRow[];
  proms: readonly OutcomeMeasure[];
  markers: readonly OutcomeMeasure[];
  now: Date;
  overdueDays: number;
}): PublishedOutcomes {
  const followed = followedCases(input.cases);
  const computedAt = input.now.toISOString();
  if (followed.length < MIN_GROUP) {
    return {
      computedAt,
      suppressed: true,
      followed: null,
      completion: NOTHING,
      complications: NOTHING,
      tasksPer100: NOTHING,
      proms: [],
      markers: [],
    };
  }
  let due = 0;
  let completed = 0;
  const withDue = new Set<string>();
  for (const c of followed) {
    for (const f of c.followUps) {
      if (!isDue(c, f, input.now, input.overdueDays)) continue;
      due++;
      withDue.add(c.id);
      if (f.status === "COMPLETED") completed++;
    }
  }
  const complicated = followed.filter((c) => c.taskKinds.includes(COMPLICATION_KIND)).length;
  const tasks = followed.reduce((n, c) => n + c.taskKinds.filter(isClinicalTask).length, 0);
  const row = (m: OutcomeMeasure, read: Parameters<typeof changesAt>[2]): MeasureRow => ({
    key: m.key,
    worse: m.worse,
    cells: Object.fromEntries(
      POINTS.map((p) => [p, cell(changesAt(followed, p, read), m.worse)]),
    ) as Record<Point, Cell>,
  });
  return {
    computedAt,
    suppressed: false,
    followed: followed.length,
    // The group is the patients who had a follow-up due.
    completion: withDue.size >= MIN_GROUP ? share(completed, due) : NOTHING,
    complications: share(complicated, followed.length),
    tasksPer100: share(tasks, followed.length, 100),
    proms: input.proms.map((m) => row(m, promReader(m))),
    markers: input.markers.map((m) => row(m, labReader(m))),
  };
}
