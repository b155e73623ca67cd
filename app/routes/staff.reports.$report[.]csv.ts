/** One management report as CSV, with the same period and grouping as the page. Admins and finance. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { exportReport } from "~/models/reports/reports.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:read");
  const report = await exportReport(
    user,
    params.report ?? "",
    new URL(request.url),
    clientIp(context),
  );
  if (!report) notFound();
  return new Response(`\uFEFF${report.csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${report.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
