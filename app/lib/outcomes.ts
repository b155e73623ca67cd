/**
 * A programme's outcome set as data (ADR 028, kind OUTCOMES): the PROMs asked at each
 * follow-up, the lab markers entered beside them and the follow-up schedule, each measure
 * with its scale, the direction that is worse, its ranges and its worsening threshold.
 * Versions are edited at /staff/catalogue/$programmeId/outcomes; a follow-up keeps the
 * version it was made with (FollowUp.outcomesId). Shared by the server and the pages.
 *
 * The lupus set is the one in app/lib/aftercare.ts, turned into data by `builtInOutcomes`
 * (the seed publishes it as version 1, and a programme with no version reads it), so what
 * patients and clinicians see does not change.
 */
import { Duration } from "luxon";
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { normalizeDigits } from "~/lib/digits";
import {
  against,
  LAB_MARKERS,
  PROMS,
  worseBy,
  type Implausible,
  type Range,
  type Worsening,
} from "~/lib/aftercare";

const E = (key: string) => `aftercare:editor.errors.${key}`;

/** Measures and markers the app has words for (hints, short labels) in every language. */
export const BUILT_IN_PROMS: readonly string[] = PROMS.map((p) => p.key);
export const BUILT_IN_MARKERS: readonly string[] = LAB_MARKERS.map((m) => m.key);
/** PROMs stored in their own FollowUp column; any other key goes to FollowUp.answers. */
export const COLUMN_PROMS = BUILT_IN_PROMS;

export const MAX_PROMS = 30;
export const MAX_MARKERS = 40;
export const MAX_SCHEDULE = 20;

/** A number as the schema takes it: a plain number in content, typed text in the editor. */
type Num = z.ZodType<number, unknown>;
type OptNum = z.ZodType<number | undefined, unknown>;

/** A decimal as typed ("7.5", "7,5", native digits); empty is undefined, garbage an error. */
export function typedNumber(required: true): Num;
export function typedNumber(required: false): OptNum;
export function typedNumber(required: boolean): Num | OptNum {
  return z.preprocess(
    (raw) => {
      if (typeof raw === "number") return raw;
      const s = normalizeDigits(String(raw ?? ""))
        .trim()
        .replace(",", ".");
      if (s === "") return undefined;
      return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
    },
    required
      ? z.number({ error: E("number") }).finite(E("number"))
      : z
          .number({ error: E("number") })
          .finite(E("number"))
          .optional(),
  );
}

const Key = z
  .string({ error: E("key") })
  .trim()
  .regex(/^[a-z][a-zA-Z0-9]{0,39}$/, E("key"));

/** Per-language words; a language left empty falls back (built-in words, then English). */
const Labels = z
  .record(z.string(), z.string().optional())
  .optional()
  .transform((raw, ctx) => {
    const out: Partial<Record<(typeof LOCALES)[number], string>> = {};
    for (const lng of LOCALES) {
      const v = (raw?.[lng] ?? "").trim();
      if (v.length > 120) ctx.addIssue({ code: "custom", message: E("labelLong"), path: [lng] });
      if (v) out[lng] = v;
    }
    return out;
  });

const Worse = z.enum(["up", "down"], { error: E("worse") });

/** One PROM: its scale (min, max, step), the worse end, and its worsening threshold. */
export const promSchema = (num: Num, optional: OptNum) =>
  z
    .object({
      key: Key,
      label: Labels,
      min: num,
      max: num,
      step: num,
      worse: Worse,
      /** Points (in the scale's own units) worse than the baseline that open a task; none: not tracked. */
      threshold: optional,
      /** An answer missing at baseline counts as 0 (flares: none before treatment). */
      zeroBaseline: z.preprocess((v) => v === true || v === "on", z.boolean()).optional(),
    })
    .superRefine((p, ctx) => {
      if (!(p.min < p.max)) ctx.addIssue({ code: "custom", message: E("minMax"), path: ["max"] });
      if (!(p.step > 0) || p.step > p.max - p.min)
        ctx.addIssue({ code: "custom", message: E("step"), path: ["step"] });
      if (p.threshold !== undefined && (!(p.threshold > 0) || p.threshold > p.max - p.min))
        ctx.addIssue({ code: "custom", message: E("threshold"), path: ["threshold"] });
      if (!BUILT_IN_PROMS.includes(p.key) && !p.label.en)
        ctx.addIssue({ code: "custom", message: E("labelEn"), path: ["label", "en"] });
    });

/** One lab marker: unit, direction, bounds, plausible and reference ranges, threshold. */
export const markerSchema = (num: Num, optional: OptNum) =>
  z
    .object({
      key: Key,
      name: Labels,
      unit: z
        .string({ error: E("unit") })
        .trim()
        .min(1, E("unit"))
        .max(20, E("unit")),
      worse: Worse,
      /** The bounds a value must keep to be taken at all. */
      min: num,
      max: num,
      /** Outside it a value is saved only once the person entering it confirms it. */
      plausibleLow: num,
      plausibleHigh: num,
      /** The adult reference range; either end may be open. */
      referenceLow: optional,
      referenceHigh: optional,
      /** Change (in the unit) worse than the baseline that opens a task; none: not tracked. */
      threshold: optional,
    })
    .superRefine((m, ctx) => {
      const issue = (message: string, path: string) =>
        ctx.addIssue({ code: "custom", message: E(message), path: [path] });
      if (!(m.min < m.max)) issue("minMax", "max");
      if (!(m.plausibleLow < m.plausibleHigh)) issue("plausibleOrder", "plausibleHigh");
      if (m.plausibleLow < m.min || m.plausibleHigh > m.max)
        issue("plausibleBounds", "plausibleLow");
      const { referenceLow: lo, referenceHigh: hi } = m;
      if (lo !== undefined && hi !== undefined && !(lo < hi))
        issue("referenceOrder", "referenceHigh");
      const outside = (v: number | undefined) =>
        v !== undefined && (v < m.plausibleLow || v > m.plausibleHigh);
      if (outside(lo)) issue("referencePlausible", "referenceLow");
      if (outside(hi)) issue("referencePlausible", "referenceHigh");
      if (m.threshold !== undefined && !(m.threshold > 0)) issue("threshold", "threshold");
      if (!BUILT_IN_MARKERS.includes(m.key) && !m.name.en)
        ctx.addIssue({ code: "custom", message: E("labelEn"), path: ["name", "en"] });
    });

/** One follow-up of the schedule: an ISO 8601 duration after treatment ("P3M"). */
export const scheduleSchema = z.object({
  duration: z
    .string({ error: E("duration") })
    // "P٣M" typed with Arabic or Persian digits reads as "P3M".
    .transform((s) => normalizeDigits(s).trim().toUpperCase())
    .refine(
      (s) => {
        const d = Duration.fromISO(s);
        return d.isValid && d.toMillis() > 0 && d.as("years") <= 10;
      },
      { message: E("duration"), params: { iso: "ISO 8601", example: "P3M" } },
    ),
  label: Labels,
});

function uniqueKeys(
  list: { key?: string; duration?: string }[],
  field: "key" | "duration",
  at: string,
  ctx: z.core.$RefinementCtx<unknown>,
) {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const k = item[field];
    if (k === undefined) return;
    if (seen.has(k))
      ctx.addIssue({ code: "custom", message: E("duplicate"), path: [at, i, field] });
    seen.add(k);
  });
}

/** The content of an OUTCOMES definition. */
export const OutcomesContent = z
  .object({
    proms: z.array(promSchema(z.number(), z.number().optional())).max(MAX_PROMS),
    markers: z.array(markerSchema(z.number(), z.number().optional())).max(MAX_MARKERS),
    schedule: z.array(scheduleSchema).max(MAX_SCHEDULE),
  })
  .superRefine((c, ctx) => {
    uniqueKeys(c.proms, "key", "proms", ctx);
    uniqueKeys(c.markers, "key", "markers", ctx);
    uniqueKeys(
      c.schedule.map((s) => ({ duration: Duration.fromISO(s.duration).toISO() ?? s.duration })),
      "duration",
      "schedule",
      ctx,
    );
  });

export type Outcomes = z.output<typeof OutcomesContent>;
export type OutcomeProm = Outcomes["proms"][number];
export type OutcomeMarker = Outcomes["markers"][number];

/**
 * The set in app/lib/aftercare.ts as data: each PROM's threshold is `points` on a 0–10 scale
 * in its own units (2 points of pain, 20 of quality of life, 5 mg of steroid, 1 flare), as
 * AFTERCARE_WORSENING_POINTS made it; lab markers open no task. Words come from the
 * translations (labels left empty).
 */
export function builtInOutcomes(points: number, schedule = "P1W,P1M,P3M,P6M,P12M"): Outcomes {
  return {
    proms: PROMS.map((p) => ({
      key: p.key,
      label: {},
      min: p.min,
      max: p.max,
      step: p.step,
      worse: p.worse,
      threshold: p.tracked ? points * p.scale : undefined,
      zeroBaseline: p.key === "flares" ? true : undefined,
    })),
    markers: LAB_MARKERS.map((m) => ({
      key: m.key,
      name: {},
      unit: m.unit,
      worse: m.worse,
      min: m.min,
      max: m.max,
      plausibleLow: m.plausible.low,
      plausibleHigh: m.plausible.high,
      referenceLow: m.reference?.low,
      referenceHigh: m.reference?.high,
      threshold: undefined,
    })),
    schedule: schedule
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((duration) => ({ duration, label: {} })),
  };
}

export const isInteger = (p: Pick<OutcomeProm, "min" | "step">) =>
  Number.isInteger(p.min) && Number.isInteger(p.step);

export const referenceOf = (m: OutcomeMarker): Range | undefined =>
  m.referenceLow === undefined && m.referenceHigh === undefined
    ? undefined
    : { low: m.referenceLow, high: m.referenceHigh };

/** The schedule's durations, in order, valid ones only. */
export function scheduleOf(o: Outcomes): Duration[] {
  return o.schedule
    .map((s) => Duration.fromISO(s.duration))
    .filter((d) => d.isValid && d.toMillis() > 0);
}

/** A value's own words in `lng`, or English when the reader's language has none. */
export function wordsIn(labels: Partial<Record<string, string>>, lng: string): string | undefined {
  return labels[lng] || labels.en || undefined;
}

/** The values outside their marker's plausible range: each must be confirmed to be saved. */
export function implausibleIn(
  o: Outcomes,
  labs: Record<string, number | null | undefined>,
): Implausible[] {
  const out: Implausible[] = [];
  for (const m of o.markers) {
    const value = labs[m.key];
    if (value === null || value === undefined) continue;
    const range = { low: m.plausibleLow, high: m.plausibleHigh };
    if (against(range, value) !== "in") out.push({ key: m.key, value, ...range });
  }
  return out;
}

/**
 * The measures and markers of `current` worse than `baseline` by at least their threshold.
 * A marker's key is written "lab.<key>" (keys never hold a dot). Skipped when missing on
 * either side, except a PROM counted from zero at baseline.
 */
export function worseningsIn(
  o: Outcomes,
  baseline: { proms: Record<string, number | null | undefined>; labs: Record<string, number> },
  current: {
    proms: Record<string, number | null | undefined>;
    labs: Record<string, number | null>;
  },
): Worsening[] {
  const out: Worsening[] = [];
  for (const p of o.proms) {
    if (p.threshold === undefined) continue;
    const b = baseline.proms[p.key] ?? (p.zeroBaseline ? 0 : null);
    const v = current.proms[p.key];
    if (b === null || b === undefined || v === null || v === undefined) continue;
    if (worseBy(p.worse, b, v) >= p.threshold - 1e-9)
      out.push({ key: p.key as Worsening["key"], baseline: b, value: v });
  }
  for (const m of o.markers) {
    if (m.threshold === undefined) continue;
    const b = baseline.labs[m.key];
    const v = current.labs[m.key];
    if (b === undefined || v === null || v === undefined) continue;
    if (worseBy(m.worse, b, v) >= m.threshold - 1e-9)
      out.push({ key: `lab.${m.key}` as Worsening["key"], baseline: b, value: v });
  }
  return out;
}

/**
 * The set the outcome pages draw for a case whose follow-ups were made with several versions:
 * the newest version's measures in its order, then any only older ones had (their answers
 * still show).
 */
export function mergeOutcomes(newestFirst: Outcomes[]): Outcomes {
  const [head, ...rest] = newestFirst;
  if (!head) return { proms: [], markers: [], schedule: [] };
  const proms = [...head.proms];
  const markers = [...head.markers];
  for (const o of rest) {
    for (const p of o.proms) if (!proms.some((x) => x.key === p.key)) proms.push(p);
    for (const m of o.markers) if (!markers.some((x) => x.key === m.key)) markers.push(m);
  }
  return { proms, markers, schedule: head.schedule };
}
