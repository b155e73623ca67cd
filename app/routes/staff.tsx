import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, permissionsOf, type Permission } from "~/lib/permissions";
import { requirePermission } from "~/models/auth/auth.server";
import { countFailedEmails } from "~/infra/outbox.server";
import { countFailedMessages } from "~/infra/messages.server";
import { formatNumber } from "~/lib/format";
import { missingTotal } from "~/models/catalogue/catalogue.server";
import { countMyOverdue } from "~/models/tasks/tasks.server";
import { NotificationBell } from "~/components/staff/notifications";
import { countUnreadNotifications } from "~/models/notifications/notifications.server";
import { InboxNavLink } from "~/components/inbox/live";
import { countUnread } from "~/models/inbox/inbox.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["finance", "travel", "aftercare"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:use");
  // An email, WhatsApp or SMS message that still failed after every retry is an alert on
  // every staff page for admins.
  const failedEmails = can(user, "outbox:read") ? await countFailedEmails() : 0;
  const failedMessages = can(user, "outbox:read") ? await countFailedMessages() : 0;
  // Catalogue texts not yet written in some language, counted on the catalogue's link.
  const missingTexts = can(user, "catalogue:edit") ? await missingTotal() : 0;
  // My open tasks past their due time, counted on the "Tasks" link (issue 22).
  const overdueTasks = can(user, "task:use") ? await countMyOverdue(user) : 0;
  // The bell's unread count (issue 22): one indexed count; the bell then polls it.
  const unreadNotifications = can(user, "notifications:use")
    ? await countUnreadNotifications(user.id)
    : 0;
  // Unread inbox items for this reader, on the inbox's link (kept live by InboxNavLink).
  const inboxUnread = can(user, "inbox:read") ? await countUnread(user.id) : 0;
  return {
    role: user.role,
    name: user.name,
    may: permissionsOf(user),
    failedEmails,
    failedMessages,
    missingTexts,
    overdueTasks,
    unreadNotifications,
    inboxUnread,
  };
}

export default function StaffLayout() {
  const { t, i18n } = useTranslation();
  const {
    role,
    name,
    may,
    failedEmails,
    failedMessages,
    missingTexts,
    overdueTasks,
    unreadNotifications,
    inboxUnread,
  } = useLoaderData<typeof loader>();
  const has = (p: Permission) => may.includes(p);
  // On the inbox, its count after the items it just opened (the loaders ran side by side).
  const inboxPage = useMatches().find((m) => m.id === "routes/staff.inbox")?.data as
    { navUnread?: number } | undefined;
  return (
    <div className="staff">
      <nav aria-label={t("staff.nav")} className="subnav">
        <NavLink to="/staff/cases" end>
          {t("nav.cases")}
        </NavLink>
        {has("review:read") ? <NavLink to="/staff/review">{t("nav.review")}</NavLink> : null}
        {has("task:use") ? (
          <NavLink to="/staff/tasks">
            {t("tasks.nav")}
            {overdueTasks > 0 ? (
              <>
                {" "}
                <span className="badge overdue-badge" aria-hidden="true">
                  {formatNumber(overdueTasks, i18n.language)}
                </span>
                <span className="visually-hidden">
                  {" "}
                  ({t("tasks.navOverdue", { count: overdueTasks })})
                </span>
              </>
            ) : null}
          </NavLink>
        ) : null}
        {has("inbox:read") ? <InboxNavLink rendered={inboxPage?.navUnread ?? inboxUnread} /> : null}
        {has("finance:read") ? (
          <NavLink to="/staff/finance" end>
            {t("finance:staff.nav")}
          </NavLink>
        ) : null}
        {has("finance:read") ? (
          <NavLink to="/staff/finance/prices">{t("finance:staff.navPrices")}</NavLink>
        ) : null}
        {has("schedule:read") ? (
          <NavLink to="/staff/calendar">{t("travel:calendar.nav")}</NavLink>
        ) : null}
        {has("resources:write") ? (
          <NavLink to="/staff/resources">{t("travel:resources.nav")}</NavLink>
        ) : null}
        {has("reports:read") ? (
          <NavLink to="/staff/reports">{t("aftercare:reports.nav")}</NavLink>
        ) : null}
        {has("data-rights:manage") ? (
          <NavLink to="/staff/erasure">{t("aftercare:erasure.nav")}</NavLink>
        ) : null}
        {has("site:edit") ? <NavLink to="/staff/site">{t("site:admin.nav")}</NavLink> : null}
        {has("clinic:edit") ? <NavLink to="/staff/clinic">{t("site:settings.nav")}</NavLink> : null}
        {has("catalogue:edit") ? (
          <NavLink to="/staff/catalogue">
            {t("site:catalogue.nav")}
            {missingTexts > 0 ? (
              <>
                {" "}
                <span className="badge warn" aria-hidden="true">
                  {formatNumber(missingTexts, i18n.language)}
                </span>
                <span className="visually-hidden">
                  {" "}
                  ({t("translations.navMissing", { count: missingTexts })})
                </span>
              </>
            ) : null}
          </NavLink>
        ) : null}
        {has("outbox:read") ? <NavLink to="/staff/outbox">{t("nav.outbox")}</NavLink> : null}
        {has("audit:read") ? <NavLink to="/staff/audit">{t("nav.audit")}</NavLink> : null}
        {has("staff:manage") ? <NavLink to="/staff/team">{t("team.nav")}</NavLink> : null}
        {has("account:use") ? <NavLink to="/staff/account">{t("mySessions.nav")}</NavLink> : null}
        <span className="muted">
          {name} · {t(`roles.${role}`)}
        </span>
        {has("notifications:use") ? <NotificationBell unread={unreadNotifications} /> : null}
      </nav>
      {failedEmails > 0 ? (
        <p className="notice warn" role="status">
          {t("outbox.failedAlert", { count: failedEmails })}{" "}
          <Link to="/staff/outbox?status=FAILED">{t("outbox.review")}</Link>
        </p>
      ) : null}
      {failedMessages > 0 ? (
        <p className="notice warn" role="status">
          {t("outbox.failedMessagesAlert", { count: failedMessages })}{" "}
          <Link to="/staff/outbox?view=messages&status=FAILED">{t("outbox.reviewMessages")}</Link>
        </p>
      ) : null}
      <Outlet />
    </div>
  );
}
