/**
 * The audit log, for admins: every staff read and write of a case, with who, what, when,
 * from where and the outcome. Filter by case (number) and by user (email); newest first.
 * Looking at the log is itself logged.
 */
import { Pagination } from "~/components/pagination";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { audit } from "~/infra/audit.server";
import { requirePermission } from "~/models/auth/auth.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "audit.title");

const PAGE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "audit:read");
  const url = new URL(request.url);
  const caseQ = (url.searchParams.get("case") ?? "").trim().slice(0, 40);
  const userQ = (url.searchParams.get("user") ?? "").trim().toLowerCase().slice(0, 200);
  const actionQ = (url.searchParams.get("action") ?? "").trim().slice(0, 60);
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));

  // Resolve the filters to ids first, so the log query stays on its indexes.
  const [kase, actor] = await Promise.all([
    caseQ
      ? db.case.findFirst({
          where: { OR: [{ id: caseQ }, { number: caseQ.toUpperCase() }] },
          select: { id: true, number: true },
        })
      : null,
    userQ
      ? db.user.findFirst({
          where: { OR: [{ id: userQ }, { email: userQ }] },
          select: { id: true, email: true },
        })
      : null,
  ]);
  const unknown = (caseQ && !kase) || (userQ && !actor);
  const where: Prisma.AuditLogWhereInput = {
    ...(kase ? { caseId: kase.id } : {}),
    ...(actor ? { actorId: actor.id } : {}),
    ...(actionQ ? { action: actionQ } : {}),
  };
  const [rows, total] = unknown
    ? [[], 0]
    : await Promise.all([
        db.auditLog.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: (page - 1) * PAGE,
          take: PAGE,
        }),
        db.auditLog.count({ where }),
      ]);
  // Names and case numbers for the page in two queries, not one per row.
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((x): x is string => !!x))];
  const [actors, cases] = await Promise.all([
    db.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, name: true, email: true, role: true },
    }),
    db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, number: true } }),
  ]);
  await audit({
    actorId: user.id,
    action: "audit.view",
    entity: "AuditLog",
    caseId: kase?.id ?? null,
    ip: clientIp(context),
    outcome: "success",
    detail: url.search.slice(0, 500) || null,
  });
  const actorById = Object.fromEntries(actors.map((a) => [a.id, a]));
  const caseById = Object.fromEntries(cases.map((c) => [c.id, c.number]));
  return {
    rows: rows.map((r) => ({
      ...r,
      actor: r.actorId ? (actorById[r.actorId] ?? null) : null,
      caseNumber: r.caseId ? (caseById[r.caseId] ?? null) : null,
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    filters: { case: caseQ, user: userQ, action: actionQ },
    unknown: Boolean(unknown),
    timeZone: user.timeZone,
  };
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { rows, total, page, pages, filters, unknown, timeZone } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const link = (p: number) => {
    const q = new URLSearchParams();
    if (filters.case) q.set("case", filters.case);
    if (filters.user) q.set("user", filters.user);
    if (filters.action) q.set("action", filters.action);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p className="hint">{t("audit.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="case">{t("audit.case")}</label>
          <input id="case" name="case" defaultValue={filters.case} placeholder="MT-2026-000001" />
        </div>
        <div className="field">
          <label htmlFor="user">{t("audit.user")}</label>
          <input id="user" name="user" type="text" defaultValue={filters.user} />
        </div>
        <div className="field">
          <label htmlFor="action">{t("audit.action")}</label>
          <input id="action" name="action" defaultValue={filters.action} placeholder="case.view" />
        </div>
        <button type="submit">{t("cases.filter")}</button>
        <Link to="?">{t("cases.clear")}</Link>
      </Form>
      {unknown ? (
        <p role="status" className="notice warn">
          {t("audit.unknown")}
        </p>
      ) : null}
      <p className="muted" aria-live="polite">
        {t("audit.total", { formatted: formatNumber(total, locale) })}
      </p>
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
                  <code>{r.action}</code>
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
                  <bdi>{r.detail ?? ""}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pages={pages} locale={locale} href={link} />
    </section>
  );
}
