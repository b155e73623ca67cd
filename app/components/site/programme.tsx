/**
 * A programme's public details (ADR 023): what the indicative price includes and what may be
 * added (from the price list's categories and default quantities), the typical timeline (the
 * pathway's steps with their usual length) and the follow-ups after going home, every number
 * and duration written by Intl in the reader's language.
 */
import { useTranslation } from "react-i18next";
import { RowText } from "~/components/translated";
import { formatList, formatNumber } from "~/lib/format";

interface CoverageItem {
  key: string;
  category: string;
  unit: string;
  quantity: number;
}

export function Coverage({
  included,
  optional,
}: {
  included: CoverageItem[];
  optional: CoverageItem[];
}) {
  const { t, i18n } = useTranslation(["site", "finance"]);
  const label = (item: CoverageItem) => {
    const name = t(`finance:category.${item.category}`, { defaultValue: item.category });
    return item.quantity > 1
      ? t("site:programme.quantity", {
          item: name,
          quantity: formatNumber(item.quantity, i18n.language),
        })
      : name;
  };
  return (
    <div className="coverage">
      <h3>{t("site:programme.included")}</h3>
      <ul className="checklist">
        {included.map((item) => (
          <li key={item.key}>{label(item)}</li>
        ))}
      </ul>
      {optional.length ? (
        <>
          <h3>{t("site:programme.optional")}</h3>
          <ul className="plain-list">
            {optional.map((item) => (
              <li key={item.key}>{label(item)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted small">{t("site:programme.notIncluded")}</p>
    </div>
  );
}

/** "2 hours", "90 minutes" in the reader's language. */
export function formatMinutes(minutes: number, locale: string): string {
  const hours = minutes % 60 === 0;
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: hours ? "hour" : "minute",
    unitDisplay: "long",
  }).format(hours ? minutes / 60 : minutes);
}

const PERIOD_UNITS = { D: "day", W: "week", M: "month", Y: "year" } as const;

/** An ISO 8601 period of the follow-up template ("P3M") as words ("3 months"); null if odd. */
export function formatPeriod(period: string, locale: string): string | null {
  const m = /^P(\d+)([DWMY])$/.exec(period);
  if (!m) return null;
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: PERIOD_UNITS[m[2] as keyof typeof PERIOD_UNITS],
    unitDisplay: "long",
  }).format(Number(m[1]));
}

interface Step {
  key: string;
  name: string;
  description: string;
  translations: string;
  durationMinutes: number | null;
}

export function Timeline({ steps, followUps }: { steps: Step[]; followUps: string[] }) {
  const { t, i18n } = useTranslation("site");
  const lng = i18n.language;
  const periods = followUps.map((p) => formatPeriod(p, lng)).filter((p): p is string => !!p);
  return (
    <>
      <ol className="pathway timeline">
        <li>
          <strong>{t("site:programme.timelineReview")}</strong>
          <span>{t("site:programme.timelineReviewBody")}</span>
        </li>
        {steps.map((s) => (
          <li key={s.key}>
            <strong>
              <RowText row={s} field="name" />
            </strong>
            <span>
              <RowText row={s} field="description" />
            </span>
            {s.durationMinutes ? (
              <span className="muted small">
                {t("site:programme.stepDuration", {
                  duration: formatMinutes(s.durationMinutes, lng),
                })}
              </span>
            ) : null}
          </li>
        ))}
        {periods.length ? (
          <li>
            <strong>{t("site:programme.timelineFollowUp")}</strong>
            <span>{t("site:programme.followUps", { list: formatList(periods, lng) })}</span>
          </li>
        ) : null}
      </ol>
    </>
  );
}
