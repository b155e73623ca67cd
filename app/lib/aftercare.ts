/**
 * Aftercare: the patient-reported outcome measures (PROMs) asked at each follow-up, the lab
 * markers entered beside them, the follow-up template, and the rule that flags a worsening
 * against the baseline taken before treatment. Shared by the server and the pages.
 */
import { Duration } from "luxon";

/** Which way a value is worse: "up" when a higher value is worse, "down" when a lower one is. */
export type Worse = "up" | "down";

export interface PromMeasure {
  key: "fatigue" | "pain" | "stiffness" | "flares" | "steroidDoseMg" | "qualityOfLife";
  min: number;
  max: number;
  step: number;
  /** "up" when a higher value is worse (pain), "down" when lower is worse (quality of life). */
  worse: Worse;
  /** How many of the threshold's points make one point on this scale (QoL is 0–100). */
  scale: number;
  /** Whether a change beyond the threshold makes a worsening task. */
  tracked: boolean;
  integer: boolean;
}

/** The PROM questionnaire, in the order it is asked. */
export const PROMS: readonly PromMeasure[] = [
  { key: "fatigue", min: 0, max: 10, step: 1, worse: "up", scale: 1, tracked: true, integer: true },
  { key: "pain", min: 0, max: 10, step: 1, worse: "up", scale: 1, tracked: true, integer: true },
  {
    key: "stiffness",
    min: 0,
    max: 10,
    step: 1,
    worse: "up",
    scale: 1,
    tracked: true,
    integer: true,
  },
  // Half a point per flare: at the default threshold (2), one new flare counts.
  {
    key: "flares",
    min: 0,
    max: 20,
    step: 1,
    worse: "up",
    scale: 0.5,
    tracked: true,
    integer: true,
  },
  {
    key: "steroidDoseMg",
    min: 0,
    max: 200,
    step: 0.5,
    worse: "up",
    scale: 2.5,
    tracked: true,
    integer: false,
  },
  {
    key: "qualityOfLife",
    min: 0,
    max: 100,
    step: 1,
    worse: "down",
    scale: 10,
    tracked: true,
    integer: true,
  },
];

export type PromKey = PromMeasure["key"];
export const PROM_KEYS = PROMS.map((p) => p.key);

/** A range of values; an open end is undefined ("below 5" has no low). */
export interface Range {
  low?: number;
  high?: number;
}

export interface LabMarker {
  key: string;
  unit: string;
  /** The bounds a value must keep to be taken at all (no negative count, no 10 000 g/L). */
  min: number;
  max: number;
  /**
   * The values a living adult patient plausibly has. Outside it a value is most likely a unit
   * or typing error (platelets 0.9 instead of 90 or 900 × 10⁹/L): it is saved only after the
   * person entering it confirms they checked it. Not a reference range.
   */
  plausible: Required<Range>;
  /** The adult reference range, shown beside the field and on the chart; none when no single one applies. */
  reference?: Range;
  /**
   * Which way lupus activity moves it: anti-dsDNA, proteinuria and inflammation rise ("up");
   * complement is consumed and the blood counts and vitamin D fall ("down"), so a fall in C3,
   * C4 or vitamin D is a worsening, never an improvement.
   */
  worse: Worse;
}

/**
 * The lupus follow-up panel (../shared/brief): disease markers and vitamin D.
 *
 * Reference ranges are adult values as commonly reported (Merck Manual Professional, "Normal
 * Laboratory Values", blood tests; the laboratory's own report prevails where it differs):
 * C3 0.9–1.8 g/L, C4 0.1–0.4 g/L, haemoglobin 12–17.5 g/dL (12 is the WHO threshold for
 * anaemia in women, 17.5 the upper limit for men), white cells 4.0–11.0 × 10⁹/L, platelets
 * 150–400 × 10⁹/L, CRP below 5 mg/L, ESR below 20 mm/h (it rises with age and is higher in
 * women). Vitamin D (25-OH) 30–100 ng/mL is sufficiency in the Endocrine Society guideline
 * (Holick et al., J Clin Endocrinol Metab 2011). Anti-dsDNA below 30 IU/mL is the negative
 * cut-off of the common ELISA and depends on the assay. UPCR below 15 mg/mmol is normal to
 * mildly increased protein in KDIGO 2012 (category A1; 150 mg/g); the 30 mg/mmol sometimes
 * quoted is where the albumin ratio (ACR) becomes severely increased, not a protein limit.
 *
 * Plausible ranges are wide on purpose: values seen in very sick patients pass, a value off
 * by a factor of 10 or 1000 from a unit mix-up does not.
 */
export const LAB_MARKERS: readonly LabMarker[] = [
  {
    key: "antiDsDna",
    unit: "IU/mL",
    min: 0,
    max: 10000,
    plausible: { low: 0, high: 3000 },
    reference: { high: 30 },
    worse: "up",
  },
  {
    key: "c3",
    unit: "g/L",
    min: 0,
    max: 10,
    plausible: { low: 0.1, high: 4 },
    reference: { low: 0.9, high: 1.8 },
    worse: "down",
  },
  {
    key: "c4",
    unit: "g/L",
    min: 0,
    max: 5,
    plausible: { low: 0.01, high: 1.5 },
    reference: { low: 0.1, high: 0.4 },
    worse: "down",
  },
  {
    key: "haemoglobin",
    unit: "g/dL",
    min: 0,
    max: 30,
    plausible: { low: 3, high: 25 },
    reference: { low: 12, high: 17.5 },
    worse: "down",
  },
  {
    key: "wbc",
    unit: "10^9/L",
    min: 0,
    max: 200,
    plausible: { low: 0.3, high: 100 },
    reference: { low: 4, high: 11 },
    worse: "down",
  },
  {
    key: "platelets",
    unit: "10^9/L",
    min: 0,
    max: 2000,
    plausible: { low: 5, high: 1500 },
    reference: { low: 150, high: 400 },
    worse: "down",
  },
  {
    key: "upcr",
    unit: "mg/mmol",
    min: 0,
    max: 5000,
    plausible: { low: 0, high: 2000 },
    reference: { high: 15 },
    worse: "up",
  },
  {
    key: "esr",
    unit: "mm/h",
    min: 0,
    max: 200,
    plausible: { low: 0, high: 150 },
    reference: { high: 20 },
    worse: "up",
  },
  {
    key: "crp",
    unit: "mg/L",
    min: 0,
    max: 1000,
    plausible: { low: 0, high: 500 },
    reference: { high: 5 },
    worse: "up",
  },
  {
    key: "vitaminD",
    unit: "ng/mL",
    min: 0,
    max: 300,
    plausible: { low: 2, high: 200 },
    reference: { low: 30, high: 100 },
    worse: "down",
  },
];

export function labMarker(key: string): LabMarker | undefined {
  return LAB_MARKERS.find((m) => m.key === key);
}

/** Where a value lies against a range: below it, within it, or above it. */
export function against(range: Range | undefined, value: number): "low" | "in" | "high" {
  if (range?.low !== undefined && value < range.low) return "low";
  if (range?.high !== undefined && value > range.high) return "high";
  return "in";
}

export interface Implausible {
  key: string;
  value: number;
  low: number;
  high: number;
  unit?: string;
}

/** The values outside their marker's plausible range: each must be confirmed to be saved. */
export function implausibleLabs(labs: Record<string, number | null | undefined>): Implausible[] {
  const out: Implausible[] = [];
  for (const m of LAB_MARKERS) {
    const value = labs[m.key];
    if (value === null || value === undefined) continue;
    if (against(m.plausible, value) !== "in") out.push({ key: m.key, value, ...m.plausible });
  }
  return out;
}

export const LAB_KEYS = LAB_MARKERS.map((m) => m.key);

export function isLabKey(key: string): boolean {
  return LAB_KEYS.includes(key);
}

/**
 * How much worse `value` is than `from` on a measure worse `worse`: positive when it moved the
 * bad way, negative when it improved, 0 when unchanged. The one place the direction is read.
 */
export function worseBy(worse: Worse, from: number, value: number): number {
  return worse === "up" ? value - from : from - value;
}

/** A change against the baseline, in words the pages can show. */
export function changeOf(worse: Worse, from: number, value: number): "worse" | "better" | "same" {
  const d = worseBy(worse, from, value);
  return d > 0 ? "worse" : d < 0 ? "better" : "same";
}

/** The programme's template, e.g. "P1W,P1M,P3M,P6M,P12M": ISO 8601 durations after treatment. */
export function parseSchedule(text: string): Duration[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => Duration.fromISO(s))
    .filter((d) => d.isValid && d.toMillis() > 0);
}

/** The label of the follow-up at this offset: its ISO duration, the key of its title. */
export function scheduleLabel(d: Duration): string {
  return d.toISO() ?? "";
}

/** For the follow-up's title: { count, unit } from its label ("P3M" → 3 months). */
export function labelParts(
  label: string,
): { count: number; unit: "week" | "month" | "day" } | null {
  const d = Duration.fromISO(label);
  if (!d.isValid) return null;
  if (d.months || d.years) return { count: d.months + d.years * 12, unit: "month" };
  if (d.weeks) return { count: d.weeks, unit: "week" };
  return { count: Math.round(d.as("days")), unit: "day" };
}

export type PromValues = Partial<Record<PromKey, number | null>>;

export interface Worsening {
  /** A PROM's key, or "lab.<marker>" for a lab marker (app/lib/outcomes.ts). */
  key: string;
  baseline: number;
  value: number;
}

/**
 * The measures of `current` that are worse than `baseline` by at least `threshold` points
 * (each measure's scale turns the threshold into its own units: 2 points of pain, 20 of
 * quality of life, 5 mg of steroid, 1 flare). Flares count against none at baseline. A measure
 * missing on either side is skipped.
 */
export function worsenings(baseline: PromValues, current: PromValues, threshold: number) {
  const out: Worsening[] = [];
  for (const m of PROMS) {
    if (!m.tracked) continue;
    const b = baseline[m.key] ?? (m.key === "flares" ? 0 : null);
    const v = current[m.key];
    if (b === null || b === undefined || v === null || v === undefined) continue;
    if (worseBy(m.worse, b, v) >= threshold * m.scale)
      out.push({ key: m.key, baseline: b, value: v });
  }
  return out;
}

/** Serialised into ClinicalTask.detail: "pain:3:7,qualityOfLife:70:40". */
export function worseningDetail(list: Worsening[]): string {
  return list.map((w) => `${w.key}:${w.baseline}:${w.value}`).join(",");
}

export function parseWorseningDetail(detail: string): Worsening[] {
  return detail
    .split(",")
    .map((part) => part.split(":"))
    .filter(
      (p): p is [string, string, string] =>
        p.length === 3 && /^(lab\.)?[a-z][a-zA-Z0-9]{0,39}$/.test(p[0]!),
    )
    .map(([key, b, v]) => ({ key, baseline: Number(b), value: Number(v) }));
}

/** A follow-up can be answered from this many days before it is due. */
export const OPEN_EARLY_DAYS = 3;

/** When a follow-up due at `dueAt` opens to the patient. */
export function opensAt(dueAt: Date | string): Date {
  return new Date(new Date(dueAt).getTime() - OPEN_EARLY_DAYS * 86_400_000);
}

/** Form field names: prom.<key> and lab.<key>. */
export const promField = (key: string) => `prom.${key}`;
export const labField = (key: string) => `lab.${key}`;
