/** The management reports page's charts and tables (app/routes/staff.reports.tsx). */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { followUpTitle } from "~/components/aftercare";
import { BarChart } from "~/components/bar-chart";
import { rowText } from "~/lib/catalogue-text";
import { formatMoney, formatMonth, formatNumber } from "~/lib/format";
import { DIMENSIONS } from "~/lib/reports";
import { HAPPY_PATH, type Stage } from "~/lib/stages";
import type { reportsPage } from "~/models/reports/reports.server";

export type ReportsData = Awaited<ReturnType<typeof reportsPage>> & { query: string };

const pct = (n: number, d: number, lng: string) =>
  d
    ? new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 1 }).format(n / d)
    : "–";

function hours(seconds: number, lng: string) {
  const h = seconds / 3600;
  return h >= 48
    ? new Intl.NumberFormat(lng, { style: "unit", unit: "day", maximumFractionDigits: 1 }).format(
        h / 24,
      )
    : new Intl.NumberFormat(lng, { style: "unit", unit: "hour", maximumFractionDigits: 1 }).format(
        h,
      );
}

/** The reports page's body: the period form, then each report as a chart with its CSV. */
export function ReportsView({ d }: { d: ReportsData }) {
  const { t, i18n } = useTranslation(["aftercare", "stages", "common"]);
  const lng = i18n.language;
  const csv = (name: string) => `/staff/reports/${name}.csv${d.query}`;
  const region = new Intl.DisplayNames([lng], { type: "region" });
  const language = new Intl.DisplayNames([lng], { type: "language" });
  const groupName = (g: string) => {
    if (d.by === "all") return t("reports.allCases");
    if (!g) return t("reports.unknown");
    if (d.by === "country") return region.of(g) ?? g;
    if (d.by === "language") return language.of(g) ?? g;
    const programme = d.programmes.find((p) => p.slug === g);
    return programme ? rowText(programme, "name", lng).text : g;
  };
  const groups = [...new Set(d.funnelRows.map((r) => r.group))];
  const stagesShown = [...HAPPY_PATH, ...(["NOT_ELIGIBLE", "CANCELLED"] as Stage[])].filter((s) =>
    d.funnelRows.some((r) => r.stage === s),
  );
  const count = (g: string, s: Stage) =>
    d.funnelRows.find((r) => r.group === g && r.stage === s)?.cases ?? 0;
  const currencies = [...new Set(d.revenueRows.map((r) => r.currency))];
  const months = [...new Set(d.revenueRows.map((r) => r.month))];
  const money = (month: string, currency: string, measure: string) =>
    d.revenueRows.find((r) => r.month === month && r.currency === currency && r.measure === measure)
      ?.minor ?? 0;
  const measures = ["quoted", "accepted", "paid"] as const;
  const totalDue = d.followUpRows.reduce((s, r) => s + r.due, 0);
  const totalDone = d.followUpRows.reduce((s, r) => s + r.completed, 0);
  return (
    <section className="reports">
      <h1>{t("reports.title")}</h1>
      {/* A plain GET form: it changes nothing; the URL is read with zod (ReportSearch). */}
      <Form method="get" className="filters" aria-label={t("reports.period")}>
        <div className="field">
          <label htmlFor="from">{t("reports.from")}</label>
          <input id="from" name="from" type="month" defaultValue={d.fromMonth} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("reports.to")}</label>
          <input id="to" name="to" type="month" defaultValue={d.toMonth} />
        </div>
        <div className="field">
          <label htmlFor="by">{t("reports.by")}</label>
          <select id="by" name="by" defaultValue={d.by}>
            {DIMENSIONS.map((x) => (
              <option key={x} value={x}>
                {t(`reports.dimension.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("reports.show")}</button>
      </Form>
      <p className="muted small">{t("reports.note")}</p>

      <section className="card" aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t("reports.funnel.title")}</h2>
        <p className="muted">{t("reports.funnel.intro")}</p>
        {groups.length === 0 ? <p className="muted">{t("reports.empty")}</p> : null}
        {groups.map((g) => {
          const first = count(g, "ENQUIRY");
          return (
            <BarChart
              key={g}
              title={groupName(g)}
              bars={stagesShown.map((s) => ({
                label: t(`stages:stage.${s}`),
                value: count(g, s),
                display: `${formatNumber(count(g, s), lng)} (${pct(count(g, s), first, lng)})`,
                series: HAPPY_PATH.includes(s) ? 0 : 2,
              }))}
            />
          );
        })}
        <p>
          <a href={csv("funnel")} download>
            {t("reports.csv")}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="stage-time-title">
        <h2 id="stage-time-title">{t("reports.stageTime.title")}</h2>
        <p className="muted">{t("reports.stageTime.intro")}</p>
        {d.stageRows.length === 0 ? <p className="muted">{t("reports.empty")}</p> : null}
        <BarChart
          title={t("reports.stageTime.chart")}
          bars={d.stageRows.map((r) => ({
            label: `${t(`stages:stage.${r.stage}`)} (${t("reports.stageTime.stays", { count: r.stays })})`,
            value: r.medianSeconds,
            display: hours(r.medianSeconds, lng),
            series: 1,
          }))}
        />
        <p>
          <a href={csv("stage-time")} download>
            {t("reports.csv")}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="sla-title">
        <h2 id="sla-title">{t("reports.sla.title")}</h2>
        <p className="muted">{t("reports.sla.intro")}</p>
        {d.slaRows.length === 0 ? <p className="muted">{t("reports.empty")}</p> : null}
        <BarChart
          title={t("reports.sla.chart")}
          bars={d.slaRows.map((r) => ({
            label: formatMonth(r.month, lng),
            value: r.met + r.breached ? r.met / (r.met + r.breached) : 0,
            display: `${pct(r.met, r.met + r.breached, lng)} · ${t("reports.sla.counts", {
              met: formatNumber(r.met, lng),
              breached: formatNumber(r.breached, lng),
              pending: formatNumber(r.pending, lng),
            })}`,
          }))}
        />
        <p>
          <a href={csv("first-response")} download>
            {t("reports.csv")}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="revenue-title">
        <h2 id="revenue-title">{t("reports.revenue.title")}</h2>
        <p className="muted">{t("reports.revenue.intro")}</p>
        {currencies.length === 0 ? <p className="muted">{t("reports.empty")}</p> : null}
        {currencies.map((c) => (
          <BarChart
            key={c}
            title={c}
            bars={months
              .filter((m) => measures.some((x) => money(m, c, x) !== 0))
              .flatMap((m) =>
                measures.map((x, i) => ({
                  label: `${formatMonth(m, lng)} · ${t(`reports.revenue.${x}`)}`,
                  value: money(m, c, x),
                  display: formatMoney(money(m, c, x), c, lng),
                  series: i,
                })),
              )}
          />
        ))}
        <p>
          <a href={csv("revenue")} download>
            {t("reports.csv")}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="followups-title">
        <h2 id="followups-title">{t("reports.followUps.title")}</h2>
        <p className="muted">
          {t("reports.followUps.overall", {
            rate: pct(totalDone, totalDue, lng),
            completed: formatNumber(totalDone, lng),
            due: formatNumber(totalDue, lng),
          })}
        </p>
        <BarChart
          title={t("reports.followUps.chart")}
          bars={d.followUpRows.map((r) => ({
            label: followUpTitle(t, r.label, lng),
            value: r.due ? r.completed / r.due : 0,
            display: `${pct(r.completed, r.due, lng)} (${formatNumber(r.completed, lng)}/${formatNumber(r.due, lng)})`,
            series: 1,
          }))}
        />
        <p>
          <a href={csv("follow-ups")} download>
            {t("reports.csv")}
          </a>
        </p>
      </section>
    </section>
  );
}
