/** The review queue's table (app/routes/staff.review.tsx): number, patient, flags, records, due. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "~/lib/format";
import type { listReviewQueue } from "~/models/cases/case.server";
import { UnreadBadge } from "~/components/inbox/unread-badge";

type Row = Awaited<ReturnType<typeof listReviewQueue>>["rows"][number];

export function ReviewTable({
  rows,
  caption,
  locale,
  timeZone,
  now,
}: {
  rows: Row[];
  caption: string;
  locale: string;
  timeZone: string;
  now: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
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
            const late = !c.slaPausedAt && c.reviewDueAt && new Date(c.reviewDueAt) < new Date(now);
            return (
              <tr key={c.id} className={late ? "overdue" : undefined}>
                <td>
                  <Link to={`/staff/cases/${c.id}`}>{c.number}</Link>
                  <UnreadBadge count={c.unread} locale={locale} />
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
                  {late ? <span className="badge overdue-badge"> {t("cases.overdue")}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
