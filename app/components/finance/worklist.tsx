/**
 * Finance's worklist (issue 22): counts per section at the top, then each section's page of
 * rows. Every row names the case and the patient, the amount in its currency, a date in the
 * reader's zone, and links to the case's quote and payments. No health data reaches it
 * (app/models/finance/worklist.server.ts selects none).
 */
import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import {
  CANCELLED_REVIEW_DAYS,
  DEPOSIT_DUE_DAYS,
  dueDayOf,
  QUOTE_EXPIRY_WARNING_DAYS,
  REFUND_PENDING_ATTENTION_DAYS,
  type WorklistSection,
} from "~/lib/finance-worklist";
import { formatDate, formatDateTime, formatDay, formatMoney, formatNumber } from "~/lib/format";

type When = Date | string;
interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}
interface CaseRow {
  caseId: string;
  number: string;
  patient: string;
  stage: string;
}
export interface WorklistData {
  counts: Record<"quotes" | "expiring" | "expired" | "due" | "overdue" | "reconcile", number>;
  quotes: Paged<CaseRow & { currency: string; state: string }>;
  expiring: Paged<
    CaseRow & {
      state: string;
      version: number;
      validUntil: When;
      totalMinor: number;
      currency: string;
    }
  >;
  due: Paged<
    CaseRow & {
      kind: string;
      amountMinor: number;
      currency: string;
      dueAt: When | null;
      overdue: boolean;
    }
  >;
  reconcile: Paged<
    CaseRow & {
      kind: string;
      receiptNumber: string | null;
      amountMinor: number;
      currency: string;
      at: When;
    }
  >;
}

const quoteLink = (caseId: string) => `/staff/cases/${caseId}/quote`;

export function Worklist({ data, timeZone }: { data: WorklistData; timeZone: string }) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  const money = (m: number, c: string) => formatMoney(m, c, lng);
  const day = (d: When) => formatDate(d, lng, timeZone);
  const { counts } = data;
  return (
    <>
      <nav aria-label={t("worklist.summary")} className="worklist-counts">
        <a href="#wl-quotes">
          <strong>{n(counts.quotes)}</strong> {t("worklist.quotes.title")}
        </a>
        <a href="#wl-expiring">
          <strong>{n(counts.expiring)}</strong> {t("worklist.expiring.title")}
          {counts.expired ? (
            <span className="badge overdue-badge">
              {t("worklist.expiredCount", { n: n(counts.expired) })}
            </span>
          ) : null}
        </a>
        <a href="#wl-due">
          <strong>{n(counts.due)}</strong> {t("worklist.due.title")}
          {counts.overdue ? (
            <span className="badge overdue-badge">
              {t("worklist.overdueCount", { n: n(counts.overdue) })}
            </span>
          ) : null}
        </a>
        <a href="#wl-reconcile">
          <strong>{n(counts.reconcile)}</strong> {t("worklist.reconcile.title")}
        </a>
      </nav>

      <Section id="quotes" paged={data.quotes} lng={lng}>
        <thead>
          <tr>
            <th scope="col">{t("staff.case")}</th>
            <th scope="col">{t("staff.patient")}</th>
            <th scope="col">{t("worklist.currency")}</th>
            <th scope="col">{t("staff.status")}</th>
          </tr>
        </thead>
        <tbody>
          {data.quotes.rows.map((r) => (
            <tr key={r.caseId}>
              <th scope="row">
                <Link to={quoteLink(r.caseId)}>{r.number}</Link>
              </th>
              <td data-label={t("staff.patient")}>{r.patient}</td>
              <td data-label={t("worklist.currency")}>{r.currency}</td>
              <td data-label={t("staff.status")}>{t(`worklist.quotes.${r.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </Section>

      <Section id="expiring" paged={data.expiring} lng={lng}>
        <thead>
          <tr>
            <th scope="col">{t("staff.case")}</th>
            <th scope="col">{t("staff.patient")}</th>
            <th scope="col" className="num">
              {t("staff.total")}
            </th>
            <th scope="col">{t("staff.validUntil")}</th>
            <th scope="col">{t("staff.status")}</th>
          </tr>
        </thead>
        <tbody>
          {data.expiring.rows.map((r) => (
            <tr key={r.caseId}>
              <th scope="row">
                <Link to={quoteLink(r.caseId)}>{r.number}</Link>
              </th>
              <td data-label={t("staff.patient")}>{r.patient}</td>
              <td className="num" data-label={t("staff.total")}>
                {money(r.totalMinor, r.currency)}
              </td>
              {/* A quote's last valid day is a date, kept as that day (formatDay, UTC). */}
              <td data-label={t("staff.validUntil")}>{formatDay(r.validUntil, lng)}</td>
              <td data-label={t("staff.status")}>
                <span className={r.state === "expired" ? "badge overdue-badge" : "badge warn"}>
                  {t(`worklist.expiring.${r.state}`, { version: n(r.version) })}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </Section>

      <Section id="due" paged={data.due} lng={lng}>
        <thead>
          <tr>
            <th scope="col">{t("staff.case")}</th>
            <th scope="col">{t("staff.patient")}</th>
            <th scope="col">{t("staff.kind")}</th>
            <th scope="col" className="num">
              {t("staff.amount")}
            </th>
            <th scope="col">{t("worklist.dueDate")}</th>
          </tr>
        </thead>
        <tbody>
          {data.due.rows.map((r) => (
            <tr key={`${r.caseId}-${r.kind}`}>
              <th scope="row">
                <Link to={quoteLink(r.caseId)}>{r.number}</Link>
              </th>
              <td data-label={t("staff.patient")}>{r.patient}</td>
              <td data-label={t("staff.kind")}>{t(`kind.${r.kind}`)}</td>
              <td className="num" data-label={t("staff.amount")}>
                {money(r.amountMinor, r.currency)}
              </td>
              <td data-label={t("worklist.dueDate")}>
                {r.dueAt ? (
                  <time
                    dateTime={new Date(dueDayOf(new Date(r.dueAt))).toISOString()}
                    title={formatDateTime(dueDayOf(new Date(r.dueAt)), lng, timeZone)}
                  >
                    {day(dueDayOf(new Date(r.dueAt)))}
                  </time>
                ) : (
                  <span className="muted">{t("worklist.due.noDate")}</span>
                )}{" "}
                {r.overdue ? (
                  <span className="badge overdue-badge">{t("worklist.due.overdue")}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Section>

      <Section id="reconcile" paged={data.reconcile} lng={lng}>
        <thead>
          <tr>
            <th scope="col">{t("staff.case")}</th>
            <th scope="col">{t("staff.patient")}</th>
            <th scope="col">{t("worklist.reconcile.what")}</th>
            <th scope="col" className="num">
              {t("staff.amount")}
            </th>
            <th scope="col">{t("staff.date")}</th>
          </tr>
        </thead>
        <tbody>
          {data.reconcile.rows.map((r) => (
            <tr key={`${r.caseId}-${r.kind}-${r.receiptNumber ?? ""}-${String(r.at)}`}>
              <th scope="row">
                <Link to={quoteLink(r.caseId)}>{r.number}</Link>
              </th>
              <td data-label={t("staff.patient")}>{r.patient}</td>
              <td data-label={t("worklist.reconcile.what")}>
                {t(`worklist.reconcile.${r.kind}`, { receipt: r.receiptNumber ?? "" })}
              </td>
              <td className="num" data-label={t("staff.amount")}>
                {money(r.amountMinor, r.currency)}
              </td>
              <td data-label={t("staff.date")}>{day(r.at)}</td>
            </tr>
          ))}
        </tbody>
      </Section>
    </>
  );
}

/** One section: heading with its count, an empty line or the table, and its pages. */
function Section({
  id,
  paged,
  lng,
  children,
}: {
  id: WorklistSection;
  paged: Paged<unknown>;
  lng: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("finance");
  const location = useLocation();
  const href = (page: number) => {
    const params = new URLSearchParams(location.search);
    if (page <= 1) params.delete(id);
    else params.set(id, String(page));
    const search = params.toString();
    return `${location.pathname}${search ? `?${search}` : ""}#wl-${id}`;
  };
  return (
    <section className="card worklist-section" id={`wl-${id}`} aria-labelledby={`wl-${id}-h`}>
      <h2 id={`wl-${id}-h`}>
        {t(`worklist.${id}.title`)} <span className="badge">{formatNumber(paged.total, lng)}</span>
      </h2>
      <p className="muted">
        {t(`worklist.${id}.intro`, {
          deposit: formatNumber(DEPOSIT_DUE_DAYS, lng),
          expiry: formatNumber(QUOTE_EXPIRY_WARNING_DAYS, lng),
          refund: formatNumber(REFUND_PENDING_ATTENTION_DAYS, lng),
          cancelled: formatNumber(CANCELLED_REVIEW_DAYS, lng),
        })}
      </p>
      {paged.total === 0 ? (
        <p className="muted">{t(`worklist.${id}.empty`)}</p>
      ) : (
        <div className="table-wrap">
          <table className="table stack-table worklist-table">{children}</table>
        </div>
      )}
      {paged.pages > 1 ? (
        <Pagination page={paged.page} pages={paged.pages} href={href} locale={lng} />
      ) : null}
    </section>
  );
}
