/**
 * The pipeline's filters: a plain GET form (it changes nothing), so a view can be bookmarked
 * and shared and works without JavaScript. The URL is read with zod (app/lib/pipeline.ts).
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import { formatNumber } from "~/lib/format";
import { SORTS, type CaseListQuery } from "~/lib/pipeline";
import { STAGES, type Stage } from "~/lib/stages";

export interface FilterOptions {
  coordinators: { id: string; name: string }[];
  programmes: { id: string; name: string }[];
  languages: string[];
  countries: string[];
}

export function PipelineFilters({
  query: q,
  options,
  health,
  locale,
  counts,
  children,
}: {
  query: CaseListQuery;
  options: FilterOptions;
  health: boolean;
  locale: string;
  counts: Record<Stage, number>;
  /** What ends the row (the keyboard shortcuts' hint). */
  children?: ReactNode;
}) {
  const { t } = useTranslation(["common", "stages"]);
  const languageName = new Intl.DisplayNames([locale], { type: "language" });
  const regionName = new Intl.DisplayNames([locale], { type: "region" });
  // How many of the folded filters are set: shown on the disclosure, so none is forgotten.
  const more = [
    q.programme,
    q.language,
    q.country,
    q.flagged,
    q.tasks,
    q.sort !== "attention",
    q.dir !== "desc",
  ].filter(Boolean).length;
  const active = more > 0 || Boolean(q.q || q.stage || q.coordinator || q.overdue);
  return (
    <Form method="get" className="filters" role="search" aria-label={t("cases.filters")}>
      {q.view === "board" ? <input type="hidden" name="view" value="board" /> : null}
      <div className="filters-row">
        <div className="field search-field">
          <label htmlFor="q">{t("cases.searchShort")}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q.q ?? ""}
            placeholder={t("cases.search")}
            aria-keyshortcuts="/"
          />
        </div>
        <div className="field">
          <label htmlFor="stage">{t("cases.stage")}</label>
          <select id="stage" name="stage" defaultValue={q.stage ?? ""}>
            <option value="">{t("cases.allStages")}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t("cases.stageWithCount", {
                  stage: t(`stages:stage.${s}`),
                  formatted: formatNumber(counts[s], locale),
                })}
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
        <Check name="overdue" checked={q.overdue} label={t("cases.overdueOnly")} />
        <div className="filters-actions">
          <button type="submit">{t("cases.filter")}</button>
          {/* Only when there is something to clear. */}
          {active ? (
            <Link to={q.view === "board" ? "?view=board" : "?"}>{t("cases.clear")}</Link>
          ) : null}
        </div>
        <details className="more-filters popover">
          <summary>
            {t("cases.moreFilters")}
            {more ? <span className="badge">{formatNumber(more, locale)}</span> : null}
          </summary>
          <div className="popover-panel filters-row">
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
            {health ? (
              <Check name="flagged" checked={q.flagged} label={t("cases.flaggedOnly")} />
            ) : null}
            {health ? <Check name="tasks" checked={q.tasks} label={t("cases.tasksOnly")} /> : null}
            <button type="submit">{t("cases.filter")}</button>
          </div>
        </details>
        {children}
      </div>
    </Form>
  );
}

/** A filter's checkbox: the box beside its label, both inside one label (a 44 px row). */
function Check({ name, checked, label }: { name: string; checked: boolean; label: string }) {
  return (
    <label className="filter-check" htmlFor={name}>
      <input id={name} name={name} type="checkbox" value="1" defaultChecked={checked} />
      <span>{label}</span>
    </label>
  );
}
