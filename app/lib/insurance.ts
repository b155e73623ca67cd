/**
 * Insurance on a case (issue 25): which days a policy must cover, and which days the policies
 * on file leave uncovered. Pure and client-safe, shared by the coverage fact the stage guard
 * reads (app/models/travel/insurance.server.ts), the travel pages and the tests.
 *
 * Everything here is calendar days as "YYYY-MM-DD": a policy covers whole days, inclusive at
 * both ends, whatever the hour the patient lands or flies, so the stay is counted in days of
 * the clinic's zone (where the patient is) and a policy's days are compared with them as they
 * are written on the policy.
 */

export const POLICY_KINDS = ["COMPLICATION", "TRAVEL_HEALTH"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export function isPolicyKind(value: string): value is PolicyKind {
  return (POLICY_KINDS as readonly string[]).includes(value);
}

/** The price item (PriceItem.key) of the clinic's own complication cover, sold on the quote. */
export const CLINIC_COVER_ITEM = "complication-cover";

/** The policy form's fields, in the order the form shows them (the file last). */
export const POLICY_FIELDS = [
  "kind",
  "insurer",
  "policyNumber",
  "coversFrom",
  "coversUntil",
  "coveredProcedures",
  "file",
] as const;

/** Calendar days, inclusive at both ends. */
export interface DaySpan {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

// One formatter per zone: making an Intl.DateTimeFormat costs far more than using one, and
// a case page asks for several days (a profile showed 1 % of its CPU here).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in `zone`. */
export function dayInZone(value: Date, zone: string): string {
  let format = dayFormats.get(zone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(zone, format);
  }
  return format.format(value);
}

/** A date-only value as stored (UTC midnight) as its day. */
export function storedDay(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export interface StayInput {
  /** The arrival flight's landing (or take-off when no landing is known), if there is one. */
  arrival: Date | null;
  /** The departure flight's take-off, if there is one. */
  departure: Date | null;
  /** The on-site appointments (remote consultations left out), with the stay their step asks after them. */
  onSite: { startsAt: Date; endsAt: Date; stayAfterMinutes: number | null }[];
  /** The clinic's zone: the stay's days are its calendar days. */
  zone: string;
}

/**
 * The treatment's days: from the first on-site appointment's day to the last one's day plus
 * any stay its step asks for after it. Null while nothing is booked on site.
 */
export function treatmentDays(input: StayInput): DaySpan | null {
  if (!input.onSite.length) return null;
  const first = Math.min(...input.onSite.map((a) => a.startsAt.getTime()));
  const last = Math.max(
    ...input.onSite.map((a) => a.endsAt.getTime() + (a.stayAfterMinutes ?? 0) * 60_000),
  );
  return {
    from: dayInZone(new Date(first), input.zone),
    to: dayInZone(new Date(last), input.zone),
  };
}

/**
 * The days a policy must cover: from the arrival day (or the first on-site appointment's day
 * without an arrival flight) to the departure day (or the last on-site appointment's day plus
 * its stay without a departure flight); always including the treatment's days, should a
 * flight be booked inside them. Null when neither flights nor on-site appointments are known.
 */
export function stayDays(input: StayInput): DaySpan | null {
  const treatment = treatmentDays(input);
  const starts = [
    input.arrival ? dayInZone(input.arrival, input.zone) : null,
    treatment?.from ?? null,
  ].filter((d): d is string => d !== null);
  const ends = [
    input.departure ? dayInZone(input.departure, input.zone) : null,
    treatment?.to ?? null,
  ].filter((d): d is string => d !== null);
  if (!starts.length || !ends.length) return null;
  const from = starts.sort()[0]!;
  const to = ends.sort().reverse()[0]!;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The days of `span` no period covers, in order; several periods may together cover it. */
export function uncoveredDays(span: DaySpan, periods: readonly DaySpan[]): string[] {
  const out: string[] = [];
  for (let n = dayNumber(span.from); n <= dayNumber(span.to); n++) {
    const day = dayOf(n);
    if (!periods.some((p) => p.from <= day && day <= p.to)) out.push(day);
  }
  return out;
}

/** Days in order as runs of consecutive days: ["03-14","03-15","03-20"] → two runs. */
export function dayRuns(days: readonly string[]): DaySpan[] {
  const runs: DaySpan[] = [];
  for (const day of [...days].sort()) {
    const last = runs[runs.length - 1];
    if (last && dayNumber(day) === dayNumber(last.to) + 1) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

export interface PolicyPeriod extends DaySpan {
  kind: string;
}

export interface KindCoverage {
  kind: PolicyKind;
  /** No policy of this kind at all (and, for complication cover, no clinic cover). */
  missing: boolean;
  /** The days of the stay left uncovered, as runs; empty when the kind is covered. */
  gaps: DaySpan[];
}

/**
 * Each kind the programme asks for, and the days of the stay its policies leave uncovered.
 * `clinicCover` is the clinic's own complication cover, bought on the accepted quote: it
 * covers the patient for the treatment and the stay around it, so it meets the complication
 * requirement whatever dates the stay has. Without a known stay nothing can be checked, and
 * a required kind counts as covered only once it has a policy at all.
 */
export function coverage(input: {
  required: readonly PolicyKind[];
  stay: DaySpan | null;
  policies: readonly PolicyPeriod[];
  clinicCover: boolean;
}): KindCoverage[] {
  return input.required.map((kind) => {
    const periods = input.policies.filter((p) => p.kind === kind);
    if (kind === "COMPLICATION" && input.clinicCover) return { kind, missing: false, gaps: [] };
    if (!periods.length) {
      return { kind, missing: true, gaps: input.stay ? [input.stay] : [] };
    }
    if (!input.stay) return { kind, missing: false, gaps: [] };
    return { kind, missing: false, gaps: dayRuns(uncoveredDays(input.stay, periods)) };
  });
}

/** How many required kinds are not covered: the stage guard's fact. */
export function coverageGapCount(result: readonly KindCoverage[]): number {
  return result.filter((k) => k.missing || k.gaps.length > 0).length;
}

const LONG = new Map<string, Intl.DateTimeFormat>();

function longDate(locale: string) {
  let f = LONG.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    LONG.set(locale, f);
  }
  return f;
}

/** A calendar day in the reader's language: "14 March 2027", "١٤ مارس ٢٠٢٧". */
export function formatLongDay(day: string, locale: string): string {
  return longDate(locale).format(new Date(`${day}T00:00:00Z`));
}

/**
 * Runs of days in the reader's language: a single day as itself, a run as its first and last
 * day ("March 14, 2027 – March 16, 2027"), several joined as a list. Not Intl's formatRange:
 * its spacing differs between the server's ICU and the browser's, which would make the page
 * render differently once it runs in the browser.
 */
export function formatRuns(runs: readonly DaySpan[], locale: string): string {
  const parts = runs.map((r) =>
    r.from === r.to
      ? formatLongDay(r.from, locale)
      : `${formatLongDay(r.from, locale)} \u2013 ${formatLongDay(r.to, locale)}`,
  );
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(parts);
}

type Translate = (key: string, vars?: Record<string, unknown>) => string;

/**
 * What each uncovered kind lacks, in the reader's language (travel namespace): "Complication
 * cover: not covered: 14 March 2027". Empty when everything asked for is covered.
 */
export function describeCoverage(
  result: readonly KindCoverage[],
  t: Translate,
  locale: string,
): string[] {
  return result
    .filter((k) => k.missing || k.gaps.length > 0)
    .map((k) => {
      const kind = t(`travel:insurance.kind.${k.kind}`);
      if (k.missing && !k.gaps.length) return t("travel:insurance.gap.missing", { kind });
      const days = formatRuns(k.gaps, locale);
      return t(k.missing ? "travel:insurance.gap.none" : "travel:insurance.gap.days", {
        kind,
        days,
      });
    });
}
