/** The list view: one page of cases with sortable columns, flags and pages. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/components/bidi";
import { Pagination } from "~/components/pagination";
import { formatDateTime } from "~/lib/format";
import { caseListHref, isOverdue, type CaseListQuery, type Sort } from "~/lib/pipeline";
import type { CaseRow } from "~/models/cases/case.server";

type Row = CaseRow;

/** Unread inbox items of the case for the signed-in member of staff, when there are any. */
export function Unread({ count }: { count: number | undefined }) {
  const { t } = useTranslation();
  if (!count) return null;
  return <span className="badge unread-badge"> {t("cases.unread", { count })}</span>;
}

/** A row's or card's badges: red flags, an overdue first reply, a paused clock, open tasks. */
export function Flags({ row, now, unread }: { row: Row; now: string; unread?: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Unread count={unread} />
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

export function CaseTable({
  rows,
  pages,
  query,
  locale,
  timeZone,
  now,
  unread,
  selectable,
}: {
  rows: Row[];
  pages: number;
  query: CaseListQuery;
  locale: string;
  timeZone: string;
  now: string;
  unread: Record<string, number>;
  selectable: boolean;
}) {
  const { t, i18n } = useTranslation(["common", "stages"]);
  // The patient's language by name in the reader's language ("Persian", "فارسی"), not its code.
  const languageName = new Intl.DisplayNames([i18n.language], { type: "language" });
  const hydrated = useHydrated();
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
      <div className="table-wrap">
        <table className="cases-table">
          <caption className="visually-hidden">{t("cases.title")}</caption>
          <thead>
            <tr>
              {selectable ? (
                <th scope="col" className="select-col">
                  {hydrated ? (
                    <input
                      type="checkbox"
                      aria-label={t("cases.bulk.selectAll")}
                      onChange={(e) => {
                        const boxes = document.querySelectorAll<HTMLInputElement>(
                          'input[form="bulk"][name="ids"]',
                        );
                        for (const box of boxes) box.checked = e.currentTarget.checked;
                      }}
                    />
                  ) : (
                    <span className="visually-hidden">{t("cases.bulk.select")}</span>
                  )}
                </th>
              ) : null}
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
              <tr
                key={c.id}
                data-nav
                className={isOverdue(c, new Date(now)) ? "overdue" : undefined}
              >
                {selectable ? (
                  <td className="select-col">
                    <input
                      type="checkbox"
                      form="bulk"
                      name="ids"
                      value={c.id}
                      aria-label={t("cases.bulk.selectCase", { number: c.number })}
                    />
                  </td>
                ) : null}
                <td>
                  <Link to={`/staff/cases/${c.id}`} data-case-link>
                    {c.number}
                  </Link>
                  <Flags row={c} now={now} unread={unread[c.id]} />
                </td>
                <td>
                  <bdi>{c.patient.name}</bdi>
                </td>
                <td>{c.programme.name}</td>
                <td>
                  <span className={`badge stage-${c.stage}`}>{t(`stages:stage.${c.stage}`)}</span>
                </td>
                <td>{languageName.of(c.language) ?? c.language}</td>
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
