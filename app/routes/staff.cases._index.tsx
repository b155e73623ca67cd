import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { requireStaff } from "~/models/auth.server";
import { listCases, parseCaseListQuery } from "~/models/case.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { STAGES } from "~/lib/stages";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "cases.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const query = parseCaseListQuery(new URL(request.url));
  const result = await listCases(query);
  return { ...result, query, timeZone: user.timeZone };
}

export default function CaseList() {
  const { t } = useTranslation();
  const { rows, total, counts, pages, query, timeZone } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const pageLink = (page: number) => {
    const p = new URLSearchParams();
    if (query.stage) p.set("stage", query.stage);
    if (query.q) p.set("q", query.q);
    p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <section>
      <h1>{t("cases.title")}</h1>
      <ul className="stage-counts" aria-label={t("cases.countsLabel")}>
        {STAGES.map((s) => (
          <li key={s}>
            <Link to={`?stage=${s}`} aria-current={query.stage === s ? "true" : undefined}>
              <span>{t(`stage.${s}`, { ns: "stages" })}</span>{" "}
              <strong>{formatNumber(counts[s], locale)}</strong>
            </Link>
          </li>
        ))}
      </ul>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">{t("cases.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="stage">{t("cases.stage")}</label>
          <select id="stage" name="stage" defaultValue={query.stage ?? ""}>
            <option value="">{t("cases.allStages")}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`, { ns: "stages" })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("cases.filter")}</button>
      </Form>
      <p className="muted" aria-live="polite">
        {t("cases.total", { count: total, formatted: formatNumber(total, locale) })}
      </p>
      <div className="table-wrap">
        <table className="cases-table">
          <caption className="visually-hidden">{t("cases.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cases.number")}</th>
              <th scope="col">{t("cases.patient")}</th>
              <th scope="col">{t("cases.programme")}</th>
              <th scope="col">{t("cases.stage")}</th>
              <th scope="col">{t("cases.language")}</th>
              <th scope="col">{t("cases.coordinator")}</th>
              <th scope="col">{t("cases.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/staff/cases/${c.id}`}>{c.number}</Link>
                  {c.redFlagCount > 0 ? (
                    <span className="flag" title={t("cases.redFlags", { count: c.redFlagCount })}>
                      {" "}
                      ⚑{" "}
                      <span className="visually-hidden">
                        {t("cases.redFlags", { count: c.redFlagCount })}
                      </span>
                    </span>
                  ) : null}
                </td>
                <td>
                  <bdi>{c.patient.name}</bdi>
                </td>
                <td>{c.programme.name}</td>
                <td>
                  <span className={`badge stage-${c.stage}`}>
                    {t(`stage.${c.stage}`, { ns: "stages" })}
                  </span>
                </td>
                <td>{c.language}</td>
                <td>
                  {c.coordinator?.name ?? <span className="muted">{t("cases.unassigned")}</span>}
                </td>
                <td>{formatDateTime(c.updatedAt, locale, timeZone, "short")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>{t("cases.empty")}</p> : null}
      <nav aria-label={t("cases.pagination")} className="pagination">
        {query.page > 1 ? <Link to={pageLink(query.page - 1)}>{t("cases.previous")}</Link> : null}
        <span>{t("cases.page", { page: query.page, pages })}</span>
        {query.page < pages ? <Link to={pageLink(query.page + 1)}>{t("cases.next")}</Link> : null}
      </nav>
    </section>
  );
}
