/**
 * The admin's outbox: its tables (app/routes/staff.outbox._index.tsx) of emails and of
 * WhatsApp and SMS messages, with a retry for each failed one, and one email as its reader
 * sees it.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isLocale, LOCALE_NAMES } from "~/i18n/config";
import { formatDateTime, formatNumber } from "~/lib/format";
import { withheld } from "~/lib/secret-link";
import type { listOutbox } from "~/infra/outbox.server";
import type { listOutboxMessages } from "~/infra/messages.server";

type Email = Awaited<ReturnType<typeof listOutbox>>["emails"][number];
type ChannelMessage = Awaited<ReturnType<typeof listOutboxMessages>>["messages"][number];

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

/**
 * The WhatsApp and SMS messages: the number masked to its last three digits, the registered
 * template they were made from (never their words: those stay in the database and the
 * provider), their status and the provider's last error, with a retry for a failed one.
 */
export function MessagesTable({
  messages,
  locale,
  timeZone,
}: {
  messages: ChannelMessage[];
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  if (messages.length === 0) return <p className="muted">{t("outbox.noMessages")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("outbox.created")}</th>
            <th scope="col">{t("outbox.channelColumn")}</th>
            <th scope="col">{t("outbox.to")}</th>
            <th scope="col">{t("outbox.templateColumn")}</th>
            <th scope="col">{t("outbox.case")}</th>
            <th scope="col">{t("outbox.status")}</th>
            <th scope="col">{t("outbox.attempts")}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.createdAt, locale, timeZone, "short")}</td>
              <td>{t(`outbox.channel.${m.channel}`, { defaultValue: m.channel })}</td>
              <td dir="ltr">
                <bdi>{m.to}</bdi>
              </td>
              <td>
                {t(`outbox.template.${m.template}`, { defaultValue: m.template })}
                <div className="small muted">
                  {t(`outbox.kind.${m.kind}`, { defaultValue: m.kind })}
                </div>
              </td>
              <td>{m.case?.number ?? "—"}</td>
              <td>
                <span className={`badge mail-${m.status}`}>{t(`mailStatus.${m.status}`)}</span>
                {m.toFile ? <div className="small muted">{t("outbox.savedToFile")}</div> : null}
                {m.lastError ? (
                  <div className="small muted">
                    <bdi>{m.lastError}</bdi>
                  </div>
                ) : null}
              </td>
              <td>
                {formatNumber(m.attempts, locale)}
                {m.status === "FAILED" ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={m.id} />
                    <button type="submit" name="intent" value="retryMessage">
                      {t("outbox.retryMessage")}
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

/** Makes text safe inside HTML, attribute values included. */
function escapeHtml(text: string) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

interface MessageProps {
  email: {
    id: string;
    toEmail: string;
    toName: string | null;
    subject: string;
    html: string;
    text: string;
    calendar: string | null;
    status: string;
    locale: string;
  };
  from: string;
  date: string | Date;
  hasRaw: boolean;
  locale: string;
  timeZone: string;
}

/**
 * One email as its reader sees it (app/routes/staff.outbox.$emailId.tsx). The HTML part is
 * shown in an iframe with `sandbox=""` and `srcdoc`: it runs no script, submits no form,
 * opens nothing and has an origin of its own, so the email's markup can reach nothing of the
 * staff page. Credential links read as withheld.
 */
export function OutboxMessage({ email, from, date, hasRaw, locale, timeZone }: MessageProps) {
  const { t } = useTranslation();
  const note = t("outbox.linkWithheld");
  const to = email.toName ? `${email.toName} <${email.toEmail}>` : email.toEmail;
  const language = isLocale(email.locale) ? LOCALE_NAMES[email.locale] : email.locale;
  return (
    <article>
      <p>
        <Link to="/staff/outbox">{t("outbox.back")}</Link>
      </p>
      <h1>
        <bdi>{email.subject}</bdi>
      </h1>
      <p>
        <span className={`badge mail-${email.status}`}>{t(`mailStatus.${email.status}`)}</span>
      </p>
      <dl className="mail-headers">
        <dt>{t("outbox.from")}</dt>
        <dd dir="ltr">
          <bdi>{from}</bdi>
        </dd>
        <dt>{t("outbox.to")}</dt>
        <dd dir="ltr">
          <bdi>{to}</bdi>
        </dd>
        <dt>{t("outbox.subject")}</dt>
        <dd>
          <bdi>{email.subject}</bdi>
        </dd>
        <dt>{t("outbox.date")}</dt>
        <dd>{formatDateTime(date, locale, timeZone, "long")}</dd>
        <dt>{t("outbox.language")}</dt>
        <dd>
          <bdi lang={email.locale}>{language}</bdi>
        </dd>
        {email.calendar ? (
          <>
            <dt>{t("outbox.attachments")}</dt>
            <dd dir="ltr">invite.ics</dd>
          </>
        ) : null}
      </dl>
      <p className="mail-source">
        {hasRaw ? (
          // A document load, not a client navigation: the raw view is a page of its own. It sits
          // above the sandboxed frame, where mail clients put "show original".
          <a href={`/staff/outbox/${email.id}?raw=1`}>{t("outbox.showRaw")}</a>
        ) : (
          <span className="muted">{t("outbox.noRaw")}</span>
        )}
      </p>
      <section className="card">
        <h2>{t("outbox.htmlPart")}</h2>
        <iframe
          className="mail-html"
          title={t("outbox.htmlPartFrame", { subject: email.subject })}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={withheld(email.html, escapeHtml(note))}
        />
      </section>
      <section className="card" lang={email.locale}>
        <h2>{t("outbox.textPart")}</h2>
        <pre className="mail-text">{withheld(email.text, note)}</pre>
      </section>
    </article>
  );
}

/** The saved .eml as it was written, for checking encodings and headers. */
export function OutboxRawSource({
  id,
  subject,
  raw,
}: {
  id: string;
  subject: string;
  raw: string | null;
}) {
  const { t } = useTranslation();
  return (
    <article>
      <p>
        <Link to={`/staff/outbox/${id}`}>{t("outbox.backToMessage")}</Link>
      </p>
      <h1>
        <bdi>{subject}</bdi>
      </h1>
      <section className="card">
        <h2>{t("outbox.rawFile")}</h2>
        {raw ? (
          <pre className="mail-raw" dir="ltr">
            {raw}
          </pre>
        ) : (
          <p className="muted">{t("outbox.noRaw")}</p>
        )}
      </section>
    </article>
  );
}
