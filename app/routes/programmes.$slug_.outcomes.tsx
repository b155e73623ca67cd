/**
 * A programme's published outcomes (issue 25 §5), public: patients followed, follow-up
 * completion, the median change from baseline of each PROM and lab marker at 3, 6 and 12
 * months, and complications, all computed from the aftercare rows (app/lib/outcome-stats.ts),
 * every group under 10 patients suppressed, and the method stated beside them.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { markerWords, promWords } from "~/components/aftercare";
import { RowText } from "~/components/translated";
import { rowText } from "~/lib/catalogue-text";
import { formatDateTime, formatNumber, formatZone } from "~/lib/format";
import { metaT } from "~/lib/meta";
import { MIN_GROUP, POINTS, type Cell, type MeasureRow, type Share } from "~/lib/outcome-stats";
import type { OutcomeMarker, OutcomeProm } from "~/lib/outcomes";
import { env } from "~/env.server";
import { notFound } from "~/models/auth/auth.server";
import { outcomesPage } from "~/models/aftercare/published-outcomes.server";
import { clinicZone } from "~/models/site/clinic-settings.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["aftercare"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const t = metaT(matches);
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  if (!t || !data || !root?.locale) return [];
  const programme = rowText(data.programme, "name", root.locale).text;
  return [
    { title: `${t("site:outcomes.title", { programme })} · ${t("brand")}` },
    { name: "description", content: t("site:outcomes.description", { programme }) },
  ];
};

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await outcomesPage(params.slug ?? "");
  if (!page) notFound();
  return { ...page, zone: clinicZone(), overdueDays: env().FOLLOW_UP_OVERDUE_DAYS };
}

/** A signed change ("+1.5", "−2") in the reader's digits, at most two decimals. */
function signed(value: number, lng: string) {
  return new Intl.NumberFormat(lng, { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(
    value,
  );
}

function percent(value: number, lng: string) {
  return new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

function ShareValue({ share, render }: { share: Share; render: (v: number) => string }) {
  const { t } = useTranslation("site");
  return share.shown ? (
    <>{render(share.value)}</>
  ) : (
    <span className="muted">{t("outcomes.notShown", { min: MIN_GROUP })}</span>
  );
}

function CellText({ cell, t, lng }: { cell: Cell; t: TFunction; lng: string }) {
  if (!cell.shown)
    return <span className="muted">{t("site:outcomes.notShown", { min: MIN_GROUP })}</span>;
  return (
    <>
      <strong className="outcome-change">{signed(cell.median, lng)}</strong>{" "}
      <span className="small">{t(`site:outcomes.direction.${cell.direction}`)}</span>
      <br />
      <span className="small muted outcome-whole">
        {t("site:outcomes.patients", { count: cell.n })}
      </span>
    </>
  );
}

function MeasureTable({
  id,
  caption,
  rows,
  words,
  unit,
}: {
  id: string;
  caption: string;
  rows: MeasureRow[];
  words: (key: string) => string;
  /** A lab marker's unit, shown left to right under its name ("10^9/L" is no Arabic text). */
  unit?: (key: string) => string;
}) {
  const { t, i18n } = useTranslation(["site", "aftercare"]);
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{caption}</h2>
      <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("site:outcomes.measure")}</th>
              {POINTS.map((p) => (
                <th scope="col" key={p}>
                  {t(`site:outcomes.at${p}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {words(r.key)}
                  {unit ? (
                    <>
                      {" "}
                      <bdi dir="ltr" className="outcome-whole">
                        {unit(r.key)}
                      </bdi>
                    </>
                  ) : null}
                  <br />
                  <span className="muted small">
                    {t(
                      r.worse === "up" ? "site:outcomes.lowerBetter" : "site:outcomes.higherBetter",
                    )}
                  </span>
                </th>
                {POINTS.map((p) => (
                  <td key={p}>
                    <CellText cell={r.cells[p]} t={t} lng={i18n.language} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function ProgrammeOutcomesPage() {
  const { t, i18n } = useTranslation(["site", "aftercare", "common"]);
  const {
    programme: p,
    figures: f,
    proms,
    markers,
    zone,
    overdueDays,
  } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const min = MIN_GROUP;
  const when = t("site:outcomes.computedAt", {
    date: formatDateTime(f.computedAt, lng, zone, "long"),
    zone: formatZone(zone, lng, f.computedAt),
  });
  const promOf = (key: string) => proms.find((m) => m.key === key) as OutcomeProm;
  const markerOf = (key: string) => markers.find((m) => m.key === key) as OutcomeMarker;
  return (
    <article className="programme-page">
      <p>
        <Link to={`/programmes/${p.slug}`}>{t("site:outcomes.back")}</Link>
      </p>
      <header className="hero site-hero">
        <p className="eyebrow">
          <RowText row={p} field="name" />
        </p>
        <h1>{t("site:outcomes.heading")}</h1>
        <p>{t("site:outcomes.intro")}</p>
        <p className="muted small">{when}</p>
      </header>

      {f.suppressed ? (
        <section aria-labelledby="suppressed-h" className="card" role="note">
          <h2 id="suppressed-h">{t("site:outcomes.suppressedTitle")}</h2>
          <p>{t("site:outcomes.suppressedAll", { min })}</p>
        </section>
      ) : (
        <>
          <section aria-labelledby="summary-h" className="card">
            <h2 id="summary-h">{t("site:outcomes.summary")}</h2>
            <dl className="outcome-figures">
              <div>
                <dt>{t("site:outcomes.followed")}</dt>
                <dd className="price-big">{formatNumber(f.followed ?? 0, lng)}</dd>
              </div>
              <div>
                <dt>{t("site:outcomes.completion")}</dt>
                <dd className="price-big">
                  <ShareValue share={f.completion} render={(v) => percent(v, lng)} />
                </dd>
              </div>
              <div>
                <dt>{t("site:outcomes.complications")}</dt>
                <dd className="price-big">
                  <ShareValue share={f.complications} render={(v) => percent(v, lng)} />
                </dd>
              </div>
              <div>
                <dt>{t("site:outcomes.tasks")}</dt>
                <dd className="price-big">
                  <ShareValue
                    share={f.tasksPer100}
                    render={(v) =>
                      new Intl.NumberFormat(lng, { maximumFractionDigits: 0 }).format(v)
                    }
                  />
                </dd>
              </div>
            </dl>
          </section>
          {f.proms.length ? (
            <MeasureTable
              id="proms-h"
              caption={t("site:outcomes.promsTitle")}
              rows={f.proms}
              words={(key) => promWords(t, promOf(key), lng, "short")}
            />
          ) : null}
          {f.markers.length ? (
            <MeasureTable
              id="labs-h"
              caption={t("site:outcomes.labsTitle")}
              rows={f.markers}
              words={(key) => markerWords(t, markerOf(key), lng)}
              unit={(key) => markerOf(key).unit}
            />
          ) : null}
        </>
      )}

      <section aria-labelledby="method-h" className="card">
        <h2 id="method-h">{t("site:outcomes.method.title")}</h2>
        <p>{t("site:outcomes.method.source")}</p>
        <p>{t("site:outcomes.method.followed")}</p>
        <p>{t("site:outcomes.method.completion", { days: overdueDays })}</p>
        <p>{t("site:outcomes.method.change")}</p>
        <p>{t("site:outcomes.method.complications")}</p>
        <p>{t("site:outcomes.method.suppression", { min })}</p>
        <p>{t("site:outcomes.method.refresh")}</p>
        <p>
          <strong>{t("site:outcomes.method.noPromise")}</strong>
        </p>
      </section>
      <p className="muted">{t("common:landing.disclaimer")}</p>
    </article>
  );
}
