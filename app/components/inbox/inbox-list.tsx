/**
 * The inbox's left pane (app/routes/staff.inbox.tsx): the views with their unread counts, the
 * "unread only" and open / done switches, and one row per conversation (a case's items), newest
 * first. Every control is a link: the page works the same without JavaScript.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { iso } from "~/components/case/context";
import { formatDateTime, formatNumber } from "~/lib/format";
import { INBOX_VIEWS } from "~/lib/inbox";
import type { loader } from "~/routes/staff.inbox";

export type InboxPage = SerializeFrom<typeof loader>;
type Query = InboxPage["query"];

/** The address of the inbox with some of its query changed (the page's state lives there). */
export function inboxHref(q: Query, change: Partial<Query> = {}) {
  const next = { ...q, ...change };
  const p = new URLSearchParams();
  if (next.view !== "mine") p.set("view", next.view);
  if (next.unreadOnly) p.set("unread", "1");
  if (next.status !== "open") p.set("status", next.status);
  if (next.before) p.set("before", next.before);
  if (next.item) p.set("item", next.item);
  const s = p.toString();
  return s ? `/staff/inbox?${s}` : "/staff/inbox";
}

export function InboxFilters({ page, locale }: { page: InboxPage; locale: string }) {
  const { t } = useTranslation();
  const q = page.query;
  return (
    <div className="inbox-filters">
      <h1>{t("inbox.title")}</h1>
      {page.openLeads ? (
        <p className="inbox-leads-link">
          <Link to="/staff/inbox/leads">{t("inbox.leads.count", { n: page.openLeads })}</Link>
        </p>
      ) : null}
      <nav aria-label={t("inbox.views")} className="view-switch">
        {INBOX_VIEWS.map((v) => (
          <Link
            key={v}
            to={inboxHref(q, { view: v, before: null, item: null })}
            aria-current={q.view === v ? "page" : undefined}
          >
            {t(`inbox.view.${v}`)}
            {page.unread[v] ? (
              <>
                {" "}
                <span className="badge unread-badge" aria-hidden="true">
                  {formatNumber(page.unread[v], locale)}
                </span>
                <span className="visually-hidden">
                  {" "}
                  ({t("inbox.unreadCount", { count: page.unread[v] })})
                </span>
              </>
            ) : null}
          </Link>
        ))}
      </nav>
      <nav aria-label={t("inbox.show")} className="inbox-toggles">
        <Link
          to={inboxHref(q, { status: "open", before: null, item: null })}
          aria-current={q.status === "open" ? "page" : undefined}
        >
          {t("inbox.status.open")}
        </Link>
        <Link
          to={inboxHref(q, { status: "done", before: null, item: null })}
          aria-current={q.status === "done" ? "page" : undefined}
        >
          {t("inbox.status.done")}
        </Link>
        {/* A link drawn as a switch: the state lives in the address, so it works without JS. */}
        <Link
          to={inboxHref(q, { unreadOnly: !q.unreadOnly, before: null, item: null })}
          aria-pressed={q.unreadOnly}
          role="button"
          className="switch"
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          {t("inbox.unreadOnly")}
        </Link>
      </nav>
    </div>
  );
}

export function InboxList({ page, locale }: { page: InboxPage; locale: string }) {
  const { t } = useTranslation();
  const q = page.query;
  // One row per conversation: the opened item's case is the current row.
  const openCase = page.open?.item.case.id ?? null;
  if (page.items.length === 0) {
    return <p className="muted inbox-none">{t(`inbox.empty.${q.status}`)}</p>;
  }
  return (
    <>
      <ol className="inbox-items" aria-label={t(`inbox.view.${q.view}`)}>
        {page.items.map((item) => (
          <li key={item.id}>
            <Link
              to={inboxHref(q, { item: item.id })}
              className={item.unread ? "inbox-item unread" : "inbox-item"}
              aria-current={openCase === item.case.id ? "true" : undefined}
              preventScrollReset
            >
              <span className="inbox-item-head">
                <span className="inbox-who">
                  {item.unread ? (
                    <>
                      <span className="unread-dot" aria-hidden="true" />
                      <span className="visually-hidden">{t("inbox.unread")}: </span>
                    </>
                  ) : null}
                  <bdi>{item.case.patient.name}</bdi>
                </span>
                <time dateTime={iso(item.createdAt)}>
                  {formatDateTime(item.createdAt, locale, page.timeZone, "short")}
                </time>
              </span>
              <span className="inbox-item-meta small">
                <span>{item.case.number}</span> ·{" "}
                <span className={`badge kind-${item.kind}`}>{t(`inbox.kind.${item.kind}`)}</span> ·{" "}
                <ChannelBadge channel={item.channel} />
                {item.count > 1 ? (
                  <>
                    {" "}
                    · <span>{t("inbox.items", { count: item.count })}</span>
                  </>
                ) : null}
                {item.unreadItems > 1 ? (
                  <>
                    {" "}
                    · <span>{t("inbox.unreadCount", { count: item.unreadItems })}</span>
                  </>
                ) : null}
                {item.assignee && q.view !== "mine" ? (
                  <>
                    {" "}
                    · <bdi>{item.assignee.name}</bdi>
                  </>
                ) : null}
              </span>
              {item.preview ? (
                <span className="inbox-preview small">
                  <bdi>{item.preview}</bdi>
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ol>
      {page.older ? (
        <p>
          <Link to={inboxHref(q, { before: page.older, item: null })}>{t("inbox.older")}</Link>
        </p>
      ) : null}
    </>
  );
}

/** Where an item came from (the portal, WhatsApp, SMS): a small badge beside its kind. */
export function ChannelBadge({ channel }: { channel: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge channel-badge channel-${channel.toLowerCase()}`}>
      {t(`inbox.channel.${channel}`)}
    </span>
  );
}
