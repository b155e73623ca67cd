/**
 * The pipeline: every case as a list (filters, search, sorting, pages) or as a board with a
 * column per stage. Filters live in the URL, so a view can be bookmarked and shared, and the
 * form works without JavaScript. Queries select only what a row or a card shows.
 */
import { can } from "~/lib/permissions";
import { Pagination } from "~/components/pagination";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { audit } from "~/infra/audit.server";
import { requirePermission } from "~/models/auth/auth.server";
import { boardCases, listCases, listFilterOptions } from "~/models/cases/case.server";
import {
  caseListHref,
  isOverdue,
  parseCaseListQuery,
  SORTS,
  type CaseListQuery,
  type Sort,
} from "~/lib/pipeline";
import { formatDateTime, formatNumber } from "~/lib/format";
import { clientIp } from "~/infra/request.server";
import { STAGES } from "~/lib/stages";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "cases.title");

/** A row without health data, for finance (ADR 016): no red flags, no clinician's tasks. */
function withoutHealth<R extends { redFlagCount: number; _count: { tasks: number } }>(row: R): R {
  return { ...row, redFlagCount: 0, _count: { ...row._count, tasks: 0 } };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:list");
  const url = new URL(request.url);
  // Finance works on money, not health: red flags and clinicians' tasks are neither shown
  // to it nor usable as filters, which would reveal them as well.
  const health = can(user, "case.health:read");
  const parsed = parseCaseListQuery(url);
  const query = health ? parsed : { ...parsed, flagged: false, tasks: false };
  const now = new Date();
  const [found, options] = await Promise.all([
    query.view === "board"
      ? boardCases(query, user.id, now).then((b) => ({ kind: "board" as const, ...b }))
      : listCases(query, user.id, now).then((l) => ({ kind: "list" as const, ...l })),
    listFilterOptions(),
  ]);
  const result = health
    ? found
    : found.kind === "board"
      ? {
          ...found,
          columns: found.columns.map((c) => ({ ...c, cards: c.cards.map(withoutHealth) })),
        }
      : { ...found, rows: found.rows.map(withoutHealth) };
  // The pipeline shows patients' names: who looked, and with which filters, is recorded.
  await audit({
    actorId: user.id,
    action: "cases.list",
    entity: "Case",
    ip: clientIp(context),
    outcome: "success",
    detail: url.search.slice(0, 500) || null,
  });
  return { result, options, query, health, timeZone: user.timeZone, now: now.toISOString() };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Extract<Data["result"], { kind: "list" }>["rows"][number];

export default function Pipeline() {
  const { t } = useTranslation(["common", "stages"]);
  const { result, options, query, health, timeZone, now } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const q = query as CaseListQuery;
  const languageName = new Intl.DisplayNames([locale], { type: "language" });
  const regionName = new Intl.DisplayNames([locale], { type: "region" });
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
      <Form method="get" className="filters" role="search" aria-label={t("cases.filters")}>
        {q.view === "board" ? <input type="hidden" name="view" value="board" /> : null}
        <div className="field">
          <label htmlFor="q">{t("cases.search")}</label>
          <input id="q" name="q" type="search" defaultValue={q.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="stage">{t("cases.stage")}</label>
          <select id="stage" name="stage" defaultValue={q.stage ?? ""}>
            <option value="">{t("cases.allStages")}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stages:stage.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="coordinator">{t("cases.coordinator")}</label>
          <select id="coordinator" name="coordinator" defaultValue={q.coordinator ?? ""}>
            <option value="">{t("cases.anyone")}</option>
            <option value="me">{t("cases.mine")}</option>
            <option value="none">{t("cases.unassigned")}</option>
            {options.coordinators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="programme">{t("cases.programme")}</label>
          <select id="programme" name="programme" defaultValue={q.programme ?? ""}>
            <option value="">{t("cases.all")}</option>
            {options.programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="language">{t("cases.language")}</label>
          <select id="language" name="language" defaultValue={q.language ?? ""}>
            <option value="">{t("cases.all")}</option>
            {options.languages.map((l) => (
              <option key={l} value={l}>
                {languageName.of(l) ?? l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="country">{t("cases.country")}</label>
          <select id="country" name="country" defaultValue={q.country ?? ""}>
            <option value="">{t("cases.all")}</option>
            {options.countries.map((c) => (
              <option key={c} value={c}>
                {regionName.of(c) ?? c}
              </option>
            ))}
          </select>
        </div>
        {health ? (
          <div className="field checkbox">
            <input
              id="flagged"
              name="flagged"
              type="checkbox"
              value="1"
              defaultChecked={q.flagged}
            />
            <label htmlFor="flagged">{t("cases.flaggedOnly")}</label>
          </div>
        ) : null}
        <div className="field checkbox">
          <input id="overdue" name="overdue" type="checkbox" value="1" defaultChecked={q.overdue} />
          <label htmlFor="overdue">{t("cases.overdueOnly")}</label>
        </div>
        {health ? (
          <div className="field checkbox">
            <input id="tasks" name="tasks" type="checkbox" value="1" defaultChecked={q.tasks} />
            <label htmlFor="tasks">{t("cases.tasksOnly")}</label>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="sort">{t("cases.sortBy")}</label>
          <select id="sort" name="sort" defaultValue={q.sort}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`cases.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dir">{t("cases.direction")}</label>
          <select id="dir" name="dir" defaultValue={q.dir}>
            <option value="desc">{t("cases.desc")}</option>
            <option value="asc">{t("cases.asc")}</option>
          </select>
        </div>
        <button type="submit">{t("cases.filter")}</button>
        <Link to={q.view === "board" ? "?view=board" : "?"}>{t("cases.clear")}</Link>
      </Form>

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
        <div className="board" aria-label={t("cases.boardView")}>
          {result.columns.map((col) => (
            <section key={col.stage} className="board-col" aria-labelledby={`col-${col.stage}`}>
              <h2 id={`col-${col.stage}`}>
                {t(`stages:stage.${col.stage}`)}{" "}
                <span className="count">{formatNumber(result.counts[col.stage], locale)}</span>
              </h2>
              <ul>
                {col.cards.map((c) => (
                  <li
                    key={c.id}
                    className={`card-mini${isOverdue(c, new Date(now)) ? " overdue" : ""}`}
                  >
                    <Link to={`/staff/cases/${c.id}`}>{c.number}</Link>
                    <Flags row={c} now={now} />
                    <div>
                      <bdi>{c.patient.name}</bdi>
                    </div>
                    <div className="muted small">
                      {c.programme.name} · {c.coordinator?.name ?? t("cases.unassigned")}
                    </div>
                  </li>
                ))}
              </ul>
              {result.counts[col.stage] > col.cards.length ? (
                <Link to={caseListHref(q, { view: "list", stage: col.stage, page: 1 })}>
                  {t("cases.seeAll", {
                    formatted: formatNumber(result.counts[col.stage], locale),
                  })}
                </Link>
              ) : null}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function Flags({ row, now }: { row: Row; now: string }) {
  const { t } = useTranslation();
  return (
    <>
      {row.redFlagCount > 0 ? (
        <span className="flag">
          {" "}
          <span aria-hidden="true">⚑</span> {t("cases.redFlags", { n: row.redFlagCount })}
        </span>
      ) : null}
      {isOverdue(row, new Date(now)) ? (
        <span className="badge overdue-badge"> {t("cases.overdue")}</span>
      ) : null}
      {row.slaPausedAt ? <span className="badge"> {t("cases.waitingOnPatient")}</span> : null}
      {row._count.tasks > 0 ? (
        <span className="badge task-badge">
          {" "}
          {t("cases.openTasks", { count: row._count.tasks })}
        </span>
      ) : null}
    </>
  );
}

function CaseTable({
  rows,
  total,
  pages,
  query,
  locale,
  timeZone,
  now,
}: {
  rows: Row[];
  total: number;
  pages: number;
  query: CaseListQuery;
  locale: string;
  timeZone: string;
  now: string;
}) {
  const { t } = useTranslation(["common", "stages"]);
  const sortHeader = (sort: Sort, label: string) => {
    const active = query.sort === sort;
    const dir = active && query.dir === "desc" ? "asc" : "desc";
    return (
      <th
        scope="col"
        aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
      >
        <Link to={caseListHref(query, { sort, dir, page: 1 })}>
          {label}
          {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      </th>
    );
  };
  return (
    <>
      <p className="muted" aria-live="polite">
        {t("cases.total", { count: total, formatted: formatNumber(total, locale) })}
      </p>
      <div className="table-wrap">
        <table className="cases-table">
          <caption className="visually-hidden">{t("cases.title")}</caption>
          <thead>
            <tr>
              {sortHeader("number", t("cases.number"))}
              {sortHeader("name", t("cases.patient"))}
              <th scope="col">{t("cases.programme")}</th>
              <th scope="col">{t("cases.stage")}</th>
              <th scope="col">{t("cases.language")}</th>
              <th scope="col">{t("cases.coordinator")}</th>
              {sortHeader("due", t("cases.firstReplyDue"))}
              {sortHeader("updated", t("cases.updated"))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className={isOverdue(c, new Date(now)) ? "overdue" : undefined}>
                <td>
                  <Link to={`/staff/cases/${c.id}`}>{c.number}</Link>
                  <Flags row={c} now={now} />
                </td>
                <td>
                  <bdi>{c.patient.name}</bdi>
                </td>
                <td>{c.programme.name}</td>
                <td>
                  <span className={`badge stage-${c.stage}`}>{t(`stages:stage.${c.stage}`)}</span>
                </td>
                <td>{c.language}</td>
                <td>
                  {c.coordinator?.name ?? <span className="muted">{t("cases.unassigned")}</span>}
                </td>
                <td>
                  {c.firstRespondedAt ? (
                    <span className="muted">{t("cases.replied")}</span>
                  ) : c.firstResponseDueAt ? (
                    formatDateTime(c.firstResponseDueAt, locale, timeZone, "short")
                  ) : (
                    "—"
                  )}
                </td>
                <td>{formatDateTime(c.updatedAt, locale, timeZone, "short")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>{t("cases.empty")}</p> : null}
      <Pagination
        page={query.page}
        pages={pages}
        locale={locale}
        href={(page) => caseListHref(query, { page })}
      />
    </>
  );
}
