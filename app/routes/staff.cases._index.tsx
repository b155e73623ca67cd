/**
 * The pipeline: every case as a list (filters, search, sorting, pages) or as a board with a
 * column per stage. Filters live in the URL (read with zod, app/lib/pipeline.ts), so a view
 * can be bookmarked and shared, and the form works without JavaScript. getPipeline() selects
 * only what a row or a card shows, keeps health data from finance, and audits the look.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Board } from "~/components/pipeline/board";
import { CaseTable } from "~/components/pipeline/case-table";
import { PipelineFilters } from "~/components/pipeline/filters";
import { clientIp } from "~/infra/request.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { caseListHref, parseCaseListQuery } from "~/lib/pipeline";
import { STAGES } from "~/lib/stages";
import { requirePermission } from "~/models/auth/auth.server";
import { getPipeline } from "~/models/cases/case.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "cases.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:list");
  const url = new URL(request.url);
  const now = new Date();
  const page = await getPipeline(
    user,
    parseCaseListQuery(url),
    { ip: clientIp(context), search: url.search },
    now,
  );
  return { ...page, timeZone: user.timeZone, now: now.toISOString() };
}

export default function Pipeline() {
  const { t } = useTranslation(["common", "stages"]);
  const { result, options, query: q, health, timeZone, now } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  return (
    <section>
      <div className="page-head">
        <h1>{t("cases.title")}</h1>
        <nav aria-label={t("cases.views")} className="view-switch">
          <Link
            to={caseListHref(q, { view: "list", page: 1 })}
            aria-current={q.view === "list" ? "page" : undefined}
          >
            {t("cases.listView")}
          </Link>
          <Link
            to={caseListHref(q, { view: "board", page: 1 })}
            aria-current={q.view === "board" ? "page" : undefined}
          >
            {t("cases.boardView")}
          </Link>
        </nav>
      </div>
      <ul className="stage-counts" aria-label={t("cases.countsLabel")}>
        {STAGES.map((s) => (
          <li key={s}>
            <Link
              to={caseListHref(q, { stage: q.stage === s ? undefined : s, page: 1 })}
              aria-current={q.stage === s ? "true" : undefined}
            >
              <span>{t(`stages:stage.${s}`)}</span>{" "}
              <strong>{formatNumber(result.counts[s], locale)}</strong>
            </Link>
          </li>
        ))}
      </ul>
      <PipelineFilters query={q} options={options} health={health} locale={locale} />
      {result.kind === "list" ? (
        <CaseTable
          rows={result.rows}
          total={result.total}
          pages={result.pages}
          query={q}
          locale={locale}
          timeZone={timeZone}
          now={now}
        />
      ) : (
        <Board
          columns={result.columns}
          counts={result.counts}
          query={q}
          locale={locale}
          now={now}
        />
      )}
    </section>
  );
}
