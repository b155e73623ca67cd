/**
 * Aftercare parts shared by the patient's and the staff's pages: a follow-up's title, its
 * status, the PROM questionnaire and the lab panel as accessible form controls (0–10 scales
 * as radio groups that wrap on a phone), and an outcome chart drawn as SVG on the server.
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ChoiceField, FormField, type FieldMetadata } from "~/components/form";
import { against, changeOf, labelParts, type Range, type Worse } from "~/lib/aftercare";
import {
  BUILT_IN_MARKERS,
  BUILT_IN_PROMS,
  isInteger,
  referenceOf,
  type OutcomeMarker,
  type OutcomeProm,
} from "~/lib/outcomes";
import { formatDate, formatDayMonth, formatList, formatNumber } from "~/lib/format";

/** "Baseline", "1 week after treatment", "3 months after treatment". */
export function followUpTitle(t: TFunction, label: string, locale: string): string {
  if (label === "BASELINE") return t("aftercare:followUp.baseline");
  const parts = labelParts(label);
  if (!parts) return label;
  // The period in the reader's language, with its plural: "1 week", "3 months", "٣ أشهر".
  const period = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: parts.unit,
    unitDisplay: "long",
  }).format(parts.count);
  return t("aftercare:followUp.after", { period });
}

export function FollowUpTitle({ label }: { label: string }) {
  const { t, i18n } = useTranslation("aftercare");
  return <>{followUpTitle(t, label, i18n.language)}</>;
}

export function followUpState(
  f: { status: string; dueAt: string | Date },
  now: Date,
  overdueDays: number,
): "done" | "overdue" | "due" | "upcoming" {
  if (f.status === "COMPLETED") return "done";
  const due = new Date(f.dueAt).getTime();
  if (due + overdueDays * 86_400_000 <= now.getTime()) return "overdue";
  return due <= now.getTime() ? "due" : "upcoming";
}

/**
 * A measure's words: its own in the reader's language when the version has them, else the
 * app's words for a built-in measure, else its English, else its key.
 */
export function promWords(t: TFunction, p: OutcomeProm, lng: string, form: "label" | "short") {
  if (p.label[lng as "en"]) return p.label[lng as "en"]!;
  if (BUILT_IN_PROMS.includes(p.key)) return t(`aftercare:prom.${p.key}.${form}`);
  return p.label.en || p.key;
}

export function markerWords(t: TFunction, m: OutcomeMarker, lng: string) {
  if (m.name[lng as "en"]) return m.name[lng as "en"]!;
  if (BUILT_IN_MARKERS.includes(m.key)) return t(`aftercare:lab.${m.key}`);
  return m.name.en || m.key;
}

/** A measure's hint: the app's for a built-in one, its scale for a programme's own. */
export function promHint(t: TFunction, p: OutcomeProm, lng: string) {
  if (BUILT_IN_PROMS.includes(p.key) && !p.label[lng as "en"] && !p.label.en)
    return t(`aftercare:prom.${p.key}.hint`);
  return t("aftercare:portal.scaleHint", {
    min: formatNumber(p.min, lng),
    max: formatNumber(p.max, lng),
  });
}

/** The form's "prom" or "lab" group: one field per measure or marker. */
type Group = FieldMetadata<Partial<Record<string, string>> | undefined>;

/**
 * The PROM questionnaire: a 0–10 scale as a radio group that wraps on a phone, a wider one
 * (or a decimal) as a short number box; each with its hint and error.
 */
export function PromFields({ group, proms }: { group: Group; proms: readonly OutcomeProm[] }) {
  const { t, i18n } = useTranslation("aftercare");
  const fields = group.getFieldset() as Record<string, FieldMetadata<unknown>>;
  return (
    <>
      {proms.map((m) => {
        const meta = fields[m.key]!;
        const label = promWords(t, m, i18n.language, "label");
        const hint = promHint(t, m, i18n.language);
        const integer = isInteger(m);
        if (m.max - m.min > 10 || !integer || m.step !== 1) {
          return (
            <FormField key={m.key} meta={meta} label={label} hint={hint}>
              {(control) => (
                <input {...control} inputMode={integer ? "numeric" : "decimal"} className="short" />
              )}
            </FormField>
          );
        }
        return (
          <ChoiceField
            key={m.key}
            meta={meta}
            legend={label}
            hint={hint}
            type="radio"
            className="scale"
            options={Array.from({ length: m.max - m.min + 1 }, (_, i) => {
              // The value posted stays ASCII; the button shows it in the page's digits.
              return { value: String(m.min + i), label: formatNumber(m.min + i, i18n.language) };
            })}
          />
        );
      })}
    </>
  );
}

/** The lab panel: each marker with its unit; every value optional. */
/** "Reference 150–400", "Reference below 5": a marker's adult reference range in words. */
export function referenceText(t: TFunction, range: Range | undefined, locale: string) {
  if (!range || (range.low === undefined && range.high === undefined)) return null;
  const n = (v: number) => formatNumber(v, locale);
  if (range.low !== undefined && range.high !== undefined)
    return t("aftercare:reference.between", { low: n(range.low), high: n(range.high) });
  if (range.high !== undefined) return t("aftercare:reference.below", { high: n(range.high) });
  return t("aftercare:reference.above", { low: n(range.low!) });
}

export function LabFields({ group, markers }: { group: Group; markers: readonly OutcomeMarker[] }) {
  const { t, i18n } = useTranslation("aftercare");
  const fields = group.getFieldset() as Record<string, FieldMetadata<unknown>>;
  return (
    <div className="lab-grid">
      {markers.map((m) => (
        <FormField
          key={m.key}
          meta={fields[m.key]!}
          label={
            <>
              {markerWords(t, m, i18n.language)}{" "}
              <span className="muted small" dir="ltr">
                ({m.unit})
              </span>
            </>
          }
          hint={referenceText(t, referenceOf(m), i18n.language) ?? undefined}
        >
          {(control) => <input {...control} inputMode="decimal" />}
        </FormField>
      ))}
    </div>
  );
}

export interface ChartPoint {
  at: string | Date;
  value: number;
  baseline?: boolean;
}

/** The drawing's width in its own units, and its labels' height in those units. */
const CHART_W = 300;
const TICK = 14;

/**
 * One measure over time: a line through the follow-ups and a dashed line at the baseline.
 * Each later point is marked worse or better than the baseline the way the measure reads
 * (`worse`: a fall in C3 is worse, a fall in pain better). Plain SVG with a text alternative
 * (a table follows it on the page).
 */
export function OutcomeChart({
  title,
  points,
  min,
  max,
  locale,
  timeZone,
  worse,
  reference,
}: {
  title: string;
  points: ChartPoint[];
  min: number;
  max: number;
  locale: string;
  timeZone: string;
  worse: Worse;
  /** A lab marker's reference range: drawn as a band, and values outside it marked. */
  reference?: Range;
}) {
  const { t, i18n } = useTranslation("aftercare");
  // In Arabic and Persian time runs right to left: the first point on the right, the value
  // axis on the right. Every horizontal position goes through `h`.
  const rtl = i18n.dir(locale) === "rtl";
  const bounds = [reference?.low, reference?.high].filter((v): v is number => v !== undefined);
  const top = Math.max(max, ...bounds, ...points.map((p) => p.value));
  const bottom = Math.min(min, ...bounds, ...points.map((p) => p.value));
  // The labels are TICK units high in a W-unit-wide drawing, which a 360 px phone shows about
  // 280 px wide: 13 px (tests/e2e/phone-layout.test.ts fails one under 12 px).
  const W = CHART_W;
  const H = 150;
  // The value axis is as wide as its longer label (Arabic and Persian digits are as wide).
  const yLabel = Math.max(formatNumber(top, locale).length, formatNumber(bottom, locale).length);
  const pad = { l: Math.max(34, Math.ceil(yLabel * TICK * 0.62) + 8), r: 26, t: 12, b: 32 };
  const h = (v: number) => (rtl ? W - v : v);
  const end = rtl ? "start" : "end";
  const span = top - bottom || 1;
  const x = (i: number) =>
    h(
      pad.l +
        (points.length <= 1
          ? (W - pad.l - pad.r) / 2
          : (i * (W - pad.l - pad.r)) / (points.length - 1)),
    );
  const y = (v: number) => pad.t + ((top - v) * (H - pad.t - pad.b)) / span;
  // A date under every point while they have room; under every second (third …) when they
  // would touch. Every point's date is in the summary and the table all the same.
  const gap = points.length > 1 ? (W - pad.l - pad.r) / (points.length - 1) : W;
  const widest = Math.max(0, ...points.map((p) => formatDayMonth(p.at, locale, timeZone).length));
  const labelEvery = Math.max(1, Math.ceil((widest * TICK * 0.58 + 6) / gap));
  const baseline = points.find((p) => p.baseline);
  const path = points
    .map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(" ");
  const versus = (p: ChartPoint) =>
    baseline && !p.baseline ? changeOf(worse, baseline.value, p.value) : "same";
  const outside = (p: ChartPoint) => (reference ? against(reference, p.value) : "in");
  const summary = formatList(
    points.map((p) => {
      const change = versus(p);
      const said = [
        change === "same" ? null : t(`chart.${change}`),
        outside(p) === "in" ? null : t(`chart.${outside(p)}`),
      ].filter(Boolean);
      const note = said.length ? ` (${formatList(said as string[], locale)})` : "";
      return `${formatDate(p.at, locale, timeZone)}: ${formatNumber(p.value, locale)}${note}`;
    }),
    locale,
  );
  const referenceLine = referenceText(t, reference, locale);
  return (
    <figure className="chart">
      <figcaption>
        {title}{" "}
        <span className="muted small">
          {worse === "up" ? t("chart.higherWorse") : t("chart.lowerWorse")}
        </span>
        {referenceLine ? (
          <>
            {" "}
            <span className="muted small reference">{referenceLine}</span>
          </>
        ) : null}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}. ${summary}`}
        className="chart-svg"
        direction="ltr"
        fontSize={TICK}
      >
        {referenceLine ? (
          <rect
            x={rtl ? pad.r : pad.l}
            width={W - pad.l - pad.r}
            y={y(reference?.high ?? top)}
            height={Math.max(0, y(reference?.low ?? bottom) - y(reference?.high ?? top))}
            className="reference-band"
          />
        ) : null}
        <line x1={h(pad.l)} x2={h(W - pad.r)} y1={y(bottom)} y2={y(bottom)} className="axis" />
        <line x1={h(pad.l)} x2={h(pad.l)} y1={pad.t} y2={H - pad.b} className="axis" />
        <text x={h(pad.l - 4)} y={y(top) + 4} textAnchor={end} className="tick">
          {formatNumber(top, locale)}
        </text>
        <text x={h(pad.l - 4)} y={y(bottom) + 4} textAnchor={end} className="tick">
          {formatNumber(bottom, locale)}
        </text>
        {baseline ? (
          <>
            <line
              x1={h(pad.l)}
              x2={h(W - pad.r)}
              y1={y(baseline.value)}
              y2={y(baseline.value)}
              className="baseline"
            />
            <text x={h(W - pad.r)} y={y(baseline.value) - 4} textAnchor={end} className="tick">
              {t("chart.baseline")}
            </text>
          </>
        ) : null}
        {points.length > 1 ? <path d={path} className="series" /> : null}
        {points.map((p, i) => (
          <g key={i}>
            <circle
              cx={x(i)}
              cy={y(p.value)}
              r={outside(p) === "in" ? 3.5 : 5}
              className={[
                p.baseline ? "dot base" : `dot ${versus(p)}`,
                outside(p) === "in" ? "" : "out-of-range",
              ]
                .join(" ")
                .trim()}
            >
              {outside(p) === "in" ? null : <title>{t(`chart.${outside(p)}`)}</title>}
            </circle>
            {i % labelEvery === 0 ? (
              <text x={x(i)} y={H - 9} textAnchor="middle" className="tick">
                {formatDayMonth(p.at, locale, timeZone)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}
