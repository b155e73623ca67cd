/**
 * The finance dashboard: quotes by status, money received and refunded per currency, the
 * cases with an accepted quote still owing, and the latest payments. Finance and admins.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatMoney } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { auditFinanceRead, financeDashboard } from "~/models/finance/finance.server";

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
  return { ...(await financeDashboard()), timeZone: user.timeZone };
}

export default function FinanceDashboard() {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const { quotesByStatus, received, refunds, outstanding, recent, excess, timeZone } =
    useLoaderData<typeof loader>();
  const money = (m: number, c: string) => formatMoney(m, c, lng);
  return (
    <div>
      <h1>{t("staff.dashboardTitle")}</h1>
      <p className="muted">{t("staff.dashboardIntro")}</p>
      <p>
        <a href="/staff/finance/payments.csv" download>
          {t("staff.exportCsv")}
        </a>
      </p>
      <div className="grid-3">
        <section className="card" aria-labelledby="qs-h">
          <h2 id="qs-h">{t("staff.quotesByStatus")}</h2>
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
      {excess.length ? (
        <section className="card" aria-labelledby="excess-h">
          <h2 id="excess-h">{t("staff.excessTitle")}</h2>
          <ul>
            {excess.map((e) => (
              <li key={e.paymentId}>
                <Link to={`/staff/cases/${e.caseId}/quote`}>{e.number}</Link>:{" "}
                {t("staff.excess", {
                  receipt: e.receiptNumber ?? "",
                  amount: money(e.openMinor, e.currency),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="owed-h">
        <h2 id="owed-h">{t("staff.outstandingTitle")}</h2>
        {outstanding.length === 0 ? (
          <p className="muted">{t("staff.noOutstanding")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staff.case")}</th>
                <th scope="col">{t("staff.patient")}</th>
                <th scope="col">{t("staff.stage")}</th>
                <th scope="col" className="num">
                  {t("staff.total")}
                </th>
                <th scope="col" className="num">
                  {t("staff.paid")}
                </th>
                <th scope="col" className="num">
                  {t("staff.outstanding")}
                </th>
              </tr>
            </thead>
            <tbody>
              {outstanding.map((r) => (
                <tr key={r.caseId}>
                  <th scope="row">
                    <Link to={`/staff/cases/${r.caseId}/quote`}>{r.number}</Link>
                  </th>
                  <td>{r.patient}</td>
                  <td>{t(`stages:stage.${r.stage}`)}</td>
                  <td className="num">{money(r.totalMinor, r.currency)}</td>
                  <td className="num">{money(r.netMinor, r.currency)}</td>
                  <td className="num">{money(r.outstandingMinor, r.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="recent-h">
        <h2 id="recent-h">{t("staff.recentTitle")}</h2>
        {recent.length === 0 ? (
          <p className="muted">{t("staff.noRecent")}</p>
        ) : (
          <table className="table">
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
                  <td>{formatDateTime(p.paidAt ?? p.createdAt, lng, timeZone, "short")}</td>
                  <td>
                    <Link to={`/staff/cases/${p.case.id}/quote`}>{p.case.number}</Link>
                  </td>
                  <td>{t(`kind.${p.kind}`)}</td>
                  <td>{t(`method.${p.method}`)}</td>
                  <td className="num">{money(p.amountMinor, p.currency)}</td>
                  <td>{t(`paymentStatus.${p.status}`)}</td>
                  <td>{p.receiptNumber ?? ""}</td>
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
      <h2 id={id}>{title}</h2>
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
