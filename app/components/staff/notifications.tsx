/**
 * The bell (staff navigation), the list of one's notifications and the choice per kind
 * (issue 22, item 8). The bell is a link to /staff/notifications, so it works without
 * JavaScript; with it, it polls its tiny JSON route every few seconds while the page is
 * visible, and refreshes the list when the count changes there.
 */
import { Form, Link, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ChoiceField,
  FormErrors,
  FormKey,
  useAppForm,
  useBusy,
  type FormReply,
} from "~/components/form";
import { formatDateTime, formatNumber } from "~/lib/format";
import { CHANNELS, KIND_GROUPS, kindLabelKey, type KindGroup } from "~/lib/notification-kinds";

export const NOTIFICATIONS_POLL_MS = 8_000;
const PAGE = "/staff/notifications";

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The bell: an icon link with the unread count, named "Notifications, 3 unread". */
export function NotificationBell({ unread }: { unread: number }) {
  const { t, i18n } = useTranslation();
  // What the poll last heard, against the page and the loader's count it was heard over: after
  // a navigation (and its reloaded data) the loader's count wins until the next poll, which is
  // asked at once.
  const location = useLocation();
  const base = `${location.key}:${unread}`;
  const [polled, setPolled] = useState<{ base: string; value: number } | null>(null);
  const count = polled && polled.base === base ? polled.value : unread;
  const revalidator = useRevalidator();
  const here = useRef({ onPage: false, base, revalidate: () => {}, poll: async () => {} });
  useEffect(() => {
    here.current = {
      onPage: location.pathname === PAGE,
      base,
      revalidate: () => void revalidator.revalidate(),
      poll: here.current.poll,
    };
  });
  useEffect(() => {
    void here.current.poll();
  }, [location.key]);
  useEffect(() => {
    let last: number | null = null;
    let stopped = false;
    const poll = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(`${PAGE}/changes`, {
          headers: { Accept: "application/json" },
        });
        if (!response.ok || stopped) return;
        const { unread: now } = (await response.json()) as { unread: number };
        if (typeof now !== "number") return;
        setPolled({ base: here.current.base, value: now });
        if (last !== null && now !== last && here.current.onPage) here.current.revalidate();
        last = now;
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    };
    here.current.poll = poll;
    const timer = window.setInterval(poll, NOTIFICATIONS_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    void poll();
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  const label =
    count > 0
      ? t("notifications.bellUnread", { n: formatNumber(count, i18n.language) })
      : t("notifications.bell");
  return (
    <Link to={PAGE} className="bell" aria-label={label} title={label}>
      <BellIcon />
      {count > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {count > 99 ? `${formatNumber(99, i18n.language)}+` : formatNumber(count, i18n.language)}
        </span>
      ) : null}
    </Link>
  );
}

export interface NotificationItem {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  sentence: string;
  read: boolean;
  createdAt: string;
}

export function NotificationList({
  items,
  unread,
  reply,
  locale,
  timeZone,
}: {
  items: NotificationItem[];
  unread: number;
  reply: FormReply | null | undefined;
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const busy = useBusy();
  const page = useAppForm("notifications", reply);
  return (
    <section aria-labelledby="notifications-list">
      <h2 id="notifications-list" className="visually-hidden">
        {t("notifications.list")}
      </h2>
      <FormErrors form={page.form} />
      {unread > 0 ? (
        <Form method="post" className="notifications-actions">
          <input type="hidden" name="intent" value="readAll" />
          <button type="submit" disabled={busy}>
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="muted">{t("notifications.empty")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "notification" : "notification unread"}>
              <Form method="post">
                <input type="hidden" name="intent" value="open" />
                <input type="hidden" name="notification" value={n.id} />
                <button type="submit" className="notification-open" disabled={busy}>
                  {n.read ? null : <span className="badge warn">{t("notifications.unread")}</span>}{" "}
                  <span className="notification-sentence">{n.sentence}</span>
                </button>
              </Form>
              <p className="notification-meta muted small">
                <time dateTime={n.createdAt}>
                  {formatDateTime(n.createdAt, locale, timeZone, "short")}
                </time>
                {n.caseId && n.caseNumber ? (
                  <>
                    {" · "}
                    <Link to={`/staff/cases/${n.caseId}`}>
                      <bdi dir="ltr">{n.caseNumber}</bdi>
                    </Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One radio group per kind, grouped under headings; one save for all. */
export function NotificationChoices({
  kinds,
  values,
  formKey,
  reply,
}: {
  kinds: { kind: string; group: KindGroup }[];
  values: Record<string, string>;
  formKey: string;
  reply: FormReply | null | undefined;
}) {
  const { t } = useTranslation();
  const busy = useBusy();
  const form = useAppForm<Record<string, string>>("notification-choices", reply, values);
  return (
    <Form method="post" {...form.props} className="notification-choices">
      <FormErrors form={form.form} />
      <FormKey value={formKey} />
      <input type="hidden" name="intent" value="choices" />
      {KIND_GROUPS.filter((g) => kinds.some((k) => k.group === g)).map((group) => (
        <section key={group} className="card" aria-labelledby={`kinds-${group}`}>
          <h2 id={`kinds-${group}`}>{t(`notifications.groups.${group}`)}</h2>
          {kinds
            .filter((k) => k.group === group)
            .map(({ kind }) => (
              <ChoiceField
                key={kind}
                meta={form.fields[kind]!}
                legend={t(kindLabelKey(kind))}
                type="radio"
                className="channel-choice"
                options={CHANNELS.map((c) => ({
                  value: c,
                  label: t(`notifications.channels.${c}`),
                }))}
              />
            ))}
        </section>
      ))}
      <button type="submit" disabled={busy}>
        {t("notifications.settings.save")}
      </button>
    </Form>
  );
}
