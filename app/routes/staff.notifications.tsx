/**
 * The bell's page (issue 22, item 8): one's own notifications, newest first, each the staff
 * email's own sentence, its case and its time in one's language and zone; unread ones marked.
 * Opening one marks it read and goes to its case; "mark all read". Someone else's
 * notification is not found. Works without JavaScript; with it, the bell's poll refreshes it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, type FormReply } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { NotificationList } from "~/components/staff/notifications";
import { NotificationsForm } from "~/forms/notifications";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { requirePermission } from "~/models/auth/auth.server";
import {
  listNotifications,
  markAllNotificationsRead,
  openNotification,
} from "~/models/notifications/notifications.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "notifications:use");
  const { locale } = await detectLocale(request, user.locale);
  const page = Math.max(
    1,
    Math.min(1000, Number(new URL(request.url).searchParams.get("page")) || 1),
  );
  const list = await listNotifications(
    { id: user.id, locale, timeZone: user.timeZone },
    getFixedT(locale, ["emails"]),
    page,
  );
  return { ...list, page, locale, timeZone: user.timeZone };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "notifications:use");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission } = await readSubmission(request, NotificationsForm, t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: "notifications", ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  if (submission.value.intent === "readAll") {
    const count = await markAllNotificationsRead(user.id);
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("notifications.allRead", { n: formatNumber(count, locale) }),
    });
  }
  const opened = await openNotification(user.id, submission.value.notification);
  if (!opened) {
    return answer(404, { result: submission.reply({ formErrors: [t("notifications.gone")] }) });
  }
  return redirect(opened.caseId ? `/staff/cases/${opened.caseId}` : "/staff/notifications");
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <article className="notifications-page">
      <header className="page-head">
        <h1>{t("notifications.heading")}</h1>
        <p className="muted" role="status">
          {d.unread > 0
            ? t("notifications.unreadCount", { n: formatNumber(d.unread, d.locale) })
            : t("notifications.allCaughtUp")}
        </p>
        <Link to="/staff/notifications/settings">{t("notifications.settingsLink")}</Link>
      </header>
      <FormDone message={reply?.done} />
      <NotificationList
        items={d.items}
        unread={d.unread}
        reply={reply}
        locale={d.locale}
        timeZone={d.timeZone}
      />
      {d.pages > 1 ? (
        <Pagination
          page={d.page}
          pages={d.pages}
          locale={d.locale}
          href={(p) => `/staff/notifications?page=${p}`}
        />
      ) : null}
    </article>
  );
}
