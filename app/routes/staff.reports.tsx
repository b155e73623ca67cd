/**
 * Reports for managers: the conversion funnel (overall, or by programme, country or
 * language), the median time in each stage, first-response SLA compliance, revenue quoted,
 * accepted and paid by month and currency, and the follow-up completion rate. Each is a
 * chart with its numbers in a table and a CSV export. The period and grouping live in the
 * URL; the form works without JavaScript. Every figure comes from an aggregate query.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportsView } from "~/components/staff/reports";
import { translatedTitle } from "~/lib/meta";
import { requirePermission } from "~/models/auth/auth.server";
import { reportsPage } from "~/models/reports/reports.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["stages", "aftercare"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "aftercare:reports.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:read");
  const url = new URL(request.url);
  return { ...(await reportsPage(user, url)), query: url.search };
}

export default function Reports() {
  return <ReportsView d={useLoaderData<typeof loader>()} />;
}
