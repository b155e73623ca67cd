/** One management report as CSV, with the same period and grouping as the page. Admins and finance. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { audit } from "~/infra/audit.server";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import {
  parseReportQuery,
  reportCsv,
  REPORTS,
  type ReportName,
} from "~/models/reports/reports.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:read");
  const name = params.report ?? "";
  if (!(REPORTS as readonly string[]).includes(name)) notFound();
  const { range, by, fromMonth, toMonth } = parseReportQuery(new URL(request.url));
  const csv = await reportCsv(name as ReportName, range, by);
  await audit({
    actorId: user.id,
    action: "reports.export",
    entity: "Report",
    entityId: name,
    ip: clientIp(context),
    outcome: "success",
    detail: `${fromMonth}..${toMonth} by ${by}`,
  });
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${fromMonth}-${toMonth}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
