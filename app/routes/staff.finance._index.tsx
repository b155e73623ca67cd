/**
 * Finance's home (issue 22): the worklist first (quotes to issue, quotes expiring, deposits and
 * balances due and overdue, payments to reconcile; app/components/finance/worklist.tsx), then
 * the overview: quotes by status, money received and refunded per currency, the latest
 * payments and the CSV export. Finance and admins; no health data (ADR 016, ADR 029).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatMoney } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { Worklist } from "~/components/finance/worklist";
import { pageOf, WORKLIST_SECTIONS } from "~/lib/finance-worklist";
import { auditFinanceRead, financeDashboard } from "~/models/finance/finance.server";
import { financeWorklist } from "~/models/finance/worklist.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["finance"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "finance:staff.dashboardTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "finance:read");
  await auditFinanceRead(
    { id: user.id, ip: clientIp(context) },
    "finance.dashboard",
    "Payment",
    null,
    null,
  );
  const url = new URL(request.url);
  const pages = Object.fromEntries(WORKLIST_SECTIONS.map((s) => [s, pageOf(url, s)]));
  const [worklist, dashboard] = await Promise.all([financeWorklist(pages), financeDashboard()]);
  return { ...dashboard, worklist, timeZone: user.timeZone };
}

export default function FinanceDashboard() {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const { quotesByStatus, received, refunds, recent, worklist, timeZone } =
    useLoaderData<typeof loader>();
  const money = (m: number, c: string) => formatMoney(m, c, lng);
  return (
    <div>
      <h1>{t("staff.dashboardTitle")}</h1>
      <p className="muted">{t("worklist.intro")}</p>
      <Worklist data={worklist} timeZone={timeZone} />
      <h2 id="overview-h">{t("worklist.overview")}</h2>
      <p className="muted">{t("staff.dashboardIntro")}</p>
      <p>
        <a href="/staff/finance/payments.csv" download>
          {t("staff.exportCsv")}
        </a>
      </p>
      <div className="grid-3">
        <section className="card" aria-labelledby="qs-h">
          <h3 id="qs-h">{t("staff.quotesByStatus")}</h3>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col" className="num">
                  {t("staff.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {quotesByStatus.map((s) => (
                <tr key={s.status}>
                  <th scope="row">{t(`status.${s.status}`)}</th>
                  <td className="num">{new Intl.NumberFormat(lng).format(s.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <PerCurrency id="in-h" title={t("staff.received")} sums={received} money={money} />
        <PerCurrency id="out-h" title={t("staff.refundsTotal")} sums={refunds} money={money} />
      </div>
      <section className="card" aria-labelledby="recent-h">
        <h3 id="recent-h">{t("staff.recentTitle")}</h3>
        {recent.length === 0 ? (
          <p className="muted">{t("staff.noRecent")}</p>
        ) : (
          <table className="table stack-table">
            <thead>
              <tr>
                <th scope="col">{t("staff.date")}</th>
                <th scope="col">{t("staff.case")}</th>
                <th scope="col">{t("staff.kind")}</th>
                <th scope="col">{t("staff.method")}</th>
                <th scope="col" className="num">
                  {t("staff.amount")}
                </th>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col">{t("staff.receipt")}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((p) => (
                <tr key={p.id}>
                  <td data-label={t("staff.date")}>
                    {formatDateTime(p.paidAt ?? p.createdAt, lng, timeZone, "short")}
                  </td>
                  <td data-label={t("staff.case")}>
                    <Link to={`/staff/cases/${p.case.id}/quote`}>{p.case.number}</Link>
                  </td>
                  <td data-label={t("staff.kind")}>{t(`kind.${p.kind}`)}</td>
                  <td data-label={t("staff.method")}>{t(`method.${p.method}`)}</td>
                  <td className="num" data-label={t("staff.amount")}>
                    {money(p.amountMinor, p.currency)}
                  </td>
                  <td data-label={t("staff.status")}>{t(`paymentStatus.${p.status}`)}</td>
                  <td data-label={t("staff.receipt")}>{p.receiptNumber ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** A card listing an amount and a count per currency (money received, refunds made). */
function PerCurrency({
  id,
  title,
  sums,
  money,
}: {
  id: string;
  title: string;
  sums: { currency: string; amountMinor: number; count: number }[];
  money: (minor: number, currency: string) => string;
}) {
  const { t } = useTranslation("finance");
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {sums.length === 0 ? <p className="muted">—</p> : null}
      <ul>
        {sums.map((s) => (
          <li key={s.currency}>
            {t("staff.perCurrency", { amount: money(s.amountMinor, s.currency), count: s.count })}
          </li>
        ))}
      </ul>
    </section>
  );
}
