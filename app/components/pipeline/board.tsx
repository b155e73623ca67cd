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
}: {
  columns: { stage: Stage; cards: CaseRow[] }[];
  counts: Record<Stage, number>;
  query: CaseListQuery;
  locale: string;
  now: string;
}) {
  const { t } = useTranslation(["common", "stages"]);
  return (
    <div className="board" aria-label={t("cases.boardView")}>
      {columns.map((col) => (
        <section key={col.stage} className="board-col" aria-labelledby={`col-${col.stage}`}>
          <h2 id={`col-${col.stage}`}>
            {t(`stages:stage.${col.stage}`)}{" "}
            <span className="count">{formatNumber(counts[col.stage], locale)}</span>
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
