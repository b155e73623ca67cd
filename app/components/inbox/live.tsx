/**
 * The inbox, live (issue 22): while the page is visible, asks /staff/inbox/changes every few
 * seconds for { unread, latest }. The navigation's count follows the answer; when it changes
 * and the inbox itself is on screen, its data is reloaded in place (useRevalidator), with no
 * full page load. Several instances behind a load balancer answer alike: the state is the
 * database's. Without JavaScript the count is the one the page was rendered with.
 */
import { NavLink, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/format";

export const POLL_MS = 5000;

interface Changes {
  unread: number;
  latest: string | null;
}

export function useInboxLive(rendered: number, enabled: boolean) {
  // The last answer, for the count the page was rendered with: a reload of the page's data
  // brings its own count, and an answer about an older one is not shown over it.
  const [polled, setPolled] = useState<{ rendered: number; unread: number } | null>(null);
  const seen = useRef<Changes | null>(null);
  const { revalidate } = useRevalidator();
  const { pathname } = useLocation();
  const onInbox = pathname === "/staff/inbox";
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (document.visibilityState === "visible") {
        try {
          const res = await fetch("/staff/inbox/changes", {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
          });
          if (res.ok) {
            const next = (await res.json()) as Changes;
            // Something new arrived (a newer item, or more unread than before): reload the
            // inbox's data. Fewer unread is this reader reading, already on screen.
            const before = seen.current ?? { unread: rendered, latest: next.latest };
            const arrived = next.latest !== before.latest || next.unread > before.unread;
            seen.current = next;
            if (arrived && onInbox) void revalidate();
            if (!stopped) setPolled({ rendered, unread: next.unread });
          }
        } catch {
          // Offline for a moment: the next round asks again.
        }
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    const visible = () => {
      if (document.visibilityState === "visible") {
        clearTimeout(timer);
        void poll();
      }
    };
    timer = setTimeout(poll, POLL_MS);
    document.addEventListener("visibilitychange", visible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [enabled, onInbox, rendered, revalidate]);
  return polled && polled.rendered === rendered ? polled.unread : rendered;
}

/** The navigation's "Inbox" link with its live unread count. */
export function InboxNavLink({ rendered }: { rendered: number }) {
  const { t, i18n } = useTranslation();
  const unread = useInboxLive(rendered, true);
  return (
    <NavLink to="/staff/inbox">
      {t("inbox.nav")}
      {unread > 0 ? (
        <>
          {" "}
          <span className="badge unread-badge" aria-hidden="true">
            {formatNumber(unread, i18n.language)}
          </span>
          <span className="visually-hidden"> ({t("inbox.unreadCount", { count: unread })})</span>
        </>
      ) : null}
    </NavLink>
  );
}
