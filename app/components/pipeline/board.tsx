/** The board: a column per stage with its first cards, and a link to the full list. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/format";
import { caseListHref, isOverdue, type CaseListQuery } from "~/lib/pipeline";
import type { Stage } from "~/lib/stages";
import type { CaseRow } from "~/models/cases/case.server";
import { Flags } from "./case-table";

export function Board({
  columns,
  counts,
  query: q,
  locale,
  now,
  unread,
}: {
  columns: { stage: Stage; cards: CaseRow[] }[];
  counts: Record<Stage, number>;
  query: CaseListQuery;
  locale: string;
  now: string;
  unread: Record<string, number>;
}) {
  const { t } = useTranslation(["common", "stages"]);
  return (
    <>
      <p className="muted small board-hint" id="board-hint">
        <span aria-hidden="true">⇆ </span>
        {t("cases.boardHint", { count: columns.length })}
      </p>
      <nav className="board-jump" aria-label={t("cases.boardJump")}>
        <ul>
          {columns.map((col) => (
            <li key={col.stage}>
              <a href={`#col-${col.stage}`}>
                {t(`stages:stage.${col.stage}`)}{" "}
                <span className="count">{formatNumber(counts[col.stage], locale)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <BoardColumns
        columns={columns}
        counts={counts}
        query={q}
        locale={locale}
        now={now}
        unread={unread}
      />
    </>
  );
}

/**
 * The columns side by side in one box that scrolls sideways (and down, within the screen's
 * height), each column's header sticky at its top. The box takes the focus (arrow keys scroll
 * it) and is a labelled region; a column's header is also reached from the jump links above.
 */
function BoardColumns({
  columns,
  counts,
  query: q,
  locale,
  now,
  unread,
}: {
  columns: { stage: Stage; cards: CaseRow[] }[];
  counts: Record<Stage, number>;
  query: CaseListQuery;
  locale: string;
  now: string;
  unread: Record<string, number>;
}) {
  const { t } = useTranslation(["common", "stages"]);
  return (
    <div
      className="board"
      role="region"
      aria-label={t("cases.boardView")}
      aria-describedby="board-hint"
      // A scrolling box is reachable by keyboard even where a column holds no link.
      tabIndex={0}
    >
      {columns.map((col) => (
        <section key={col.stage} className="board-col" aria-labelledby={`col-${col.stage}`}>
          <h2 id={`col-${col.stage}`} tabIndex={-1}>
            <span>{t(`stages:stage.${col.stage}`)}</span>{" "}
            <span className="count">{formatNumber(counts[col.stage], locale)}</span>
          </h2>
          <ul>
            {col.cards.map((c) => (
              <li
                key={c.id}
                data-nav
                className={`card-mini${isOverdue(c, new Date(now)) ? " overdue" : ""}`}
              >
                <Link to={`/staff/cases/${c.id}`} data-case-link>
                  {c.number}
                </Link>
                <Flags row={c} now={now} unread={unread[c.id]} />
                <div>
                  <bdi>{c.patient.name}</bdi>
                </div>
                <div className="muted small">
                  {c.programme.name} · {c.coordinator?.name ?? t("cases.unassigned")}
                </div>
              </li>
            ))}
          </ul>
          {counts[col.stage] > col.cards.length ? (
            <Link to={caseListHref(q, { view: "list", stage: col.stage, page: 1 })}>
              {t("cases.seeAll", {
                formatted: formatNumber(counts[col.stage], locale),
              })}
            </Link>
          ) : null}
        </section>
      ))}
    </div>
  );
}
