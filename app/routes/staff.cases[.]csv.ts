/**
 * The pipeline's current view as CSV: the same filters and order as the page (its query
 * string), every matching case, streamed in batches (exportPipeline). Names, stages, dates and
 * deadlines; no health data. Each cell goes through the CSV helper (app/lib/csv.ts), which
 * makes formula-like text inert. Coordinators and admins (cases:export); audited.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { clientIp } from "~/infra/request.server";
import { csvCell } from "~/lib/csv";
import { parseCaseListQuery } from "~/lib/pipeline";
import { dayIn } from "~/lib/schedule";
import { requirePermission } from "~/models/auth/auth.server";
import { exportPipeline, type CaseRow } from "~/models/cases/case.server";

const iso = (d: Date | null) => (d ? d.toISOString() : "");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:export");
  const url = new URL(request.url);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common", "stages"]);
  const header = [
    t("cases.number"),
    t("cases.patient"),
    t("cases.programme"),
    t("cases.stage"),
    t("cases.coordinator"),
    t("cases.country"),
    t("cases.language"),
    t("cases.export.created"),
    t("cases.updated"),
    t("cases.firstReplyDue"),
    t("cases.export.firstReplied"),
    t("cases.export.reviewDue"),
  ];
  const line = (c: CaseRow) =>
    [
      c.number,
      c.patient.name,
      c.programme.name,
      t(`stages:stage.${c.stage}`),
      c.coordinator?.name ?? "",
      c.country ?? "",
      c.language,
      iso(c.createdAt),
      iso(c.updatedAt),
      iso(c.firstResponseDueAt),
      iso(c.firstRespondedAt),
      iso(c.reviewDueAt),
    ]
      .map(csvCell)
      .join(",") + "\r\n";
  const batches = exportPipeline(user, parseCaseListQuery(url), {
    ip: clientIp(context),
    search: url.search,
  });
  // The audit row is written before the first byte: a refused or failed read writes nothing.
  const first = await batches.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${header.map(csvCell).join(",")}\r\n`));
      if (!first.done) controller.enqueue(encoder.encode(first.value.map(line).join("")));
      if (first.done) controller.close();
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(line).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  // Named by the reader's own day, as the page shows dates (the cells stay ISO 8601 in UTC).
  const day = dayIn(new Date(), user.timeZone);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cases-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
