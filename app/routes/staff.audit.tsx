/**
 * The audit log, for admins: every staff read and write of a case, with who, what, when,
 * from where and the outcome. Filter by case (number) and by user (email); newest first.
 * Looking at the log is itself logged (readAuditLog).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { AuditFilters, AuditTable } from "~/components/staff/audit-log";
import { clientIp } from "~/infra/request.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { requirePermission } from "~/models/auth/auth.server";
import { parseAuditQuery, readAuditLog } from "~/models/reports/audit-log.server";
import type { loader as rootLoader } from "~/root";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["stages", "portal", "finance"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "audit.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "audit:read");
  const url = new URL(request.url);
  const query = parseAuditQuery(url);
  const log = await readAuditLog(user, query, { ip: clientIp(context), search: url.search });
  const { page, ...filters } = query;
  return { ...log, page, filters, timeZone: user.timeZone };
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
    if (filters.kind) q.set("kind", filters.kind);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p className="hint">{t("audit.intro")}</p>
      <AuditFilters filters={{ ...filters, page }} />
      {unknown ? (
        <p role="status" className="notice warn">
          {t("audit.unknown")}
        </p>
      ) : null}
      <p className="muted" aria-live="polite">
        {t("audit.total", { formatted: formatNumber(total, locale) })}
      </p>
      <AuditTable rows={rows} locale={locale} timeZone={timeZone} />
      <Pagination page={page} pages={pages} locale={locale} href={link} />
    </section>
  );
}
