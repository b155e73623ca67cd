/**
 * The clinician's queue: cases in medical review, the most urgent first. "Waiting" are the
 * cases where more information was asked of the patient (their clock is paused);
 * "Decided" are eligible cases waiting for finance to issue the quote.
 */
import { Pagination } from "~/components/pagination";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { audit } from "~/infra/audit.server";
import { requirePermission } from "~/models/auth/auth.server";
import { PAGE_SIZE } from "~/lib/pipeline";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "review.queue");

const TABS = ["pending", "waiting", "decided"] as const;
type Tab = (typeof TABS)[number];

const WHERE: Record<Tab, Prisma.CaseWhereInput> = {
  pending: { stage: "MEDICAL_REVIEW", eligibility: "PENDING", slaPausedAt: null },
  waiting: { stage: "MEDICAL_REVIEW", eligibility: "PENDING", slaPausedAt: { not: null } },
  decided: { stage: "MEDICAL_REVIEW", eligibility: "ELIGIBLE" },
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:read");
  const url = new URL(request.url);
  const tabParam = url.searchParams.get("tab") ?? "";
  const tab: Tab = (TABS as readonly string[]).includes(tabParam) ? (tabParam as Tab) : "pending";
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const [rows, counts] = await Promise.all([
    db.case.findMany({
      where: WHERE[tab],
      orderBy: [{ reviewDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        number: true,
        redFlagCount: true,
        reviewDueAt: true,
        slaPausedAt: true,
        language: true,
        patient: { select: { name: true } },
        programme: { select: { name: true } },
        _count: { select: { documents: true, planSteps: true } },
      },
    }),
    Promise.all(TABS.map((t) => db.case.count({ where: WHERE[t] }))),
  ]);
  await audit({
    actorId: user.id,
    action: "review.list",
    entity: "Case",
    ip: clientIp(context),
    outcome: "success",
    detail: `tab=${tab} page=${page}`,
  });
  return {
    rows,
    tab,
    page,
    counts: Object.fromEntries(TABS.map((t, i) => [t, counts[i]!])) as Record<Tab, number>,
    timeZone: user.timeZone,
    now: new Date().toISOString(),
  };
}

export default function ReviewQueue() {
  const { t } = useTranslation();
  const { rows, tab, page, counts, timeZone, now } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const pages = Math.max(1, Math.ceil(counts[tab] / PAGE_SIZE));
  return (
    <section>
      <h1>{t("review.queue")}</h1>
      <nav aria-label={t("review.tabs")} className="view-switch">
        {TABS.map((x) => (
          <Link key={x} to={`?tab=${x}`} aria-current={tab === x ? "page" : undefined}>
            {t(`review.tab.${x}`)} <strong>{formatNumber(counts[x], locale)}</strong>
          </Link>
        ))}
      </nav>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t(`review.tab.${tab}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cases.number")}</th>
              <th scope="col">{t("cases.patient")}</th>
              <th scope="col">{t("cases.programme")}</th>
              <th scope="col">{t("case.redFlags")}</th>
              <th scope="col">{t("case.documents")}</th>
              <th scope="col">{t("review.due")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const late =
                !c.slaPausedAt && c.reviewDueAt && new Date(c.reviewDueAt) < new Date(now);
              return (
                <tr key={c.id} className={late ? "overdue" : undefined}>
                  <td>
                    <Link to={`/staff/cases/${c.id}`}>{c.number}</Link>
                  </td>
                  <td>
                    <bdi>{c.patient.name}</bdi>
                  </td>
                  <td>{c.programme.name}</td>
                  <td className={c.redFlagCount ? "flag" : undefined}>
                    {c.redFlagCount ? `⚑ ${formatNumber(c.redFlagCount, locale)}` : "—"}
                  </td>
                  <td>{formatNumber(c._count.documents, locale)}</td>
                  <td>
                    {c.slaPausedAt
                      ? t("case.slaPaused", {
                          date: formatDateTime(c.slaPausedAt, locale, timeZone, "short"),
                        })
                      : c.reviewDueAt
                        ? formatDateTime(c.reviewDueAt, locale, timeZone, "short")
                        : "—"}
                    {late ? (
                      <span className="badge overdue-badge"> {t("cases.overdue")}</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>{t("review.empty")}</p> : null}
      <Pagination page={page} pages={pages} locale={locale} href={(p) => `?tab=${tab}&page=${p}`} />
    </section>
  );
}
