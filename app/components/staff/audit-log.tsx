/** The audit log's filters and table (app/routes/staff.audit.tsx). */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AUDIT_KIND_NAMES, auditActionLabel, auditDetailText } from "~/lib/audit-view";
import { formatDateTime } from "~/lib/format";
import type { AuditQuery, readAuditLog } from "~/models/reports/audit-log.server";

type Row = Awaited<ReturnType<typeof readAuditLog>>["rows"][number];

/** A plain GET form: it changes nothing; the URL is read with zod (AuditSearch). */
export function AuditFilters({ filters }: { filters: AuditQuery }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filters" role="search" aria-label={t("audit.filters")}>
      <div className="field">
        <label htmlFor="case">{t("audit.case")}</label>
        <input
          id="case"
          name="case"
          defaultValue={filters.case}
          placeholder="MT-2026"
          aria-describedby="case-hint"
          dir="ltr"
        />
        <p id="case-hint" className="hint small">
          {t("audit.caseHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="user">{t("audit.user")}</label>
        <input
          id="user"
          name="user"
          type="text"
          defaultValue={filters.user}
          aria-describedby="user-hint"
        />
        <p id="user-hint" className="hint small">
          {t("audit.userHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="action">{t("audit.action")}</label>
        <input
          id="action"
          name="action"
          defaultValue={filters.action}
          placeholder="quote"
          aria-describedby="action-hint"
          dir="ltr"
        />
        <p id="action-hint" className="hint small">
          {t("audit.actionHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="kind">{t("audit.kind")}</label>
        <select id="kind" name="kind" defaultValue={filters.kind}>
          <option value="">{t("audit.kinds.all")}</option>
          {AUDIT_KIND_NAMES.map((k) => (
            <option key={k} value={k}>
              {t(`audit.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t("cases.filter")}</button>
      <Link to="?">{t("cases.clear")}</Link>
    </Form>
  );
}

export function AuditTable({
  rows,
  locale,
  timeZone,
}: {
  rows: Row[];
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation(["common", "stages", "finance", "portal"]);
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">{t("audit.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.case")}</th>
            <th scope="col">{t("audit.ip")}</th>
            <th scope="col">{t("audit.outcome")}</th>
            <th scope="col">{t("audit.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.createdAt, locale, timeZone, "short")}</td>
              <td>
                {r.actor ? (
                  <Link to={`?user=${encodeURIComponent(r.actor.email)}`}>
                    <bdi>{r.actor.name}</bdi>
                  </Link>
                ) : (
                  "—"
                )}
                {r.actor ? (
                  <span className="muted small"> · {t(`roles.${r.actor.role}`)}</span>
                ) : null}
              </td>
              <td>
                {auditActionLabel(t, r.action)}{" "}
                <code className="muted small" dir="ltr">
                  {r.action}
                </code>
              </td>
              <td>
                {r.caseNumber ? <Link to={`?case=${r.caseNumber}`}>{r.caseNumber}</Link> : "—"}
              </td>
              <td dir="ltr">{r.ip ?? "—"}</td>
              <td>
                <span className={`badge outcome-${r.outcome}`}>
                  {t(`audit.outcomes.${r.outcome}`, { defaultValue: r.outcome })}
                </span>
              </td>
              <td className="small">
                {r.subject ? (
                  <>
                    <bdi>{r.subject.name}</bdi>
                    {" · "}
                  </>
                ) : null}
                <bdi title={r.detail ?? undefined}>
                  {auditDetailText(t, r.action, r.detail, locale)}
                </bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
