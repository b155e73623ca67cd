/** The admin's outbox table (app/routes/staff.outbox._index.tsx), with a retry for each failed email. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "~/lib/format";
import type { listOutbox } from "~/infra/outbox.server";

type Email = Awaited<ReturnType<typeof listOutbox>>["emails"][number];

export function OutboxTable({
  emails,
  locale,
  timeZone,
}: {
  emails: Email[];
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("outbox.created")}</th>
            <th scope="col">{t("outbox.to")}</th>
            <th scope="col">{t("outbox.subject")}</th>
            <th scope="col">{t("outbox.case")}</th>
            <th scope="col">{t("outbox.status")}</th>
            <th scope="col">{t("outbox.attempts")}</th>
          </tr>
        </thead>
        <tbody>
          {emails.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.createdAt, locale, timeZone, "short")}</td>
              <td>
                <bdi>{m.toEmail}</bdi>
              </td>
              <td>
                <Link to={`/staff/outbox/${m.id}`}>
                  <bdi>{m.subject}</bdi>
                </Link>
              </td>
              <td>{m.case?.number ?? "—"}</td>
              <td>
                <span className={`badge mail-${m.status}`}>{t(`mailStatus.${m.status}`)}</span>
                {m.lastError ? <div className="small muted">{m.lastError}</div> : null}
              </td>
              <td>
                {formatNumber(m.attempts, locale)}
                {m.status === "FAILED" ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={m.id} />
                    <button type="submit" name="intent" value="retry">
                      {t("outbox.retry")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
