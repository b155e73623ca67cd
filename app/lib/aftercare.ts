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

export interface LabMarker {
  key: string;
  unit: string;
  /** A plausible range for input checking, not a reference range. */
  min: number;
  max: number;
  /**
   * Which way lupus activity moves it: anti-dsDNA, proteinuria and inflammation rise ("up");
   * complement is consumed and the blood counts and vitamin D fall ("down"), so a fall in C3,
   * C4 or vitamin D is a worsening, never an improvement.
   */
  worse: Worse;
}

/** The lupus follow-up panel (../shared/brief): disease markers and vitamin D. */
export const LAB_MARKERS: readonly LabMarker[] = [
  { key: "antiDsDna", unit: "IU/mL", min: 0, max: 10000, worse: "up" },
  { key: "c3", unit: "g/L", min: 0, max: 10, worse: "down" },
  { key: "c4", unit: "g/L", min: 0, max: 5, worse: "down" },
  { key: "haemoglobin", unit: "g/dL", min: 0, max: 30, worse: "down" },
  { key: "wbc", unit: "10^9/L", min: 0, max: 200, worse: "down" },
  { key: "platelets", unit: "10^9/L", min: 0, max: 2000, worse: "down" },
  { key: "upcr", unit: "mg/mmol", min: 0, max: 5000, worse: "up" },
  { key: "esr", unit: "mm/h", min: 0, max: 200, worse: "up" },
  { key: "crp", unit: "mg/L", min: 0, max: 1000, worse: "up" },
  { key: "vitaminD", unit: "ng/mL", min: 0, max: 300, worse: "down" },
];

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
  key: PromKey;
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
      (p): p is [PromKey, string, string] => p.length === 3 && PROM_KEYS.includes(p[0] as PromKey),
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
