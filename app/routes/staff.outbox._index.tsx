/**
 * The admin's outbox: every email the platform queued, by status, newest first, with a retry
 * for those that failed after every attempt; beside it (?view=messages) the WhatsApp and SMS
 * messages the same way. Every read of either list is audited (listOutbox,
 * listOutboxMessages).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { MessagesTable, OutboxTable } from "~/components/staff/outbox";
import { env } from "~/env.server";
import { RetryForm } from "~/forms/outbox";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { listOutbox, OUTBOX_STATUSES, retryEmail } from "~/infra/outbox.server";
import { channelConfigured } from "~/infra/channels/deliver.server";
import { listOutboxMessages, retryMessage } from "~/infra/messages.server";
import { clientIp } from "~/infra/request.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { requirePermission } from "~/models/auth/auth.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "outbox.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "outbox:read");
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const filter = OUTBOX_STATUSES.find((s) => s === status) ?? null;
  const wanted = Number(url.searchParams.get("page"));
  const page = Number.isInteger(wanted) && wanted >= 1 && wanted <= 10_000 ? wanted : 1;
  const actor = { id: user.id, ip: clientIp(context) };
  const shared = {
    filter,
    page,
    timeZone: user.timeZone,
    smtp: Boolean(env().SMTP_URL),
    whatsapp: channelConfigured("WHATSAPP"),
    sms: channelConfigured("SMS"),
  };
  if (url.searchParams.get("view") === "messages") {
    const { messages, counts, pages } = await listOutboxMessages(actor, filter, page);
    return { ...shared, view: "messages" as const, emails: [], messages, counts, pages };
  }
  const { emails, counts, pages } = await listOutbox(actor, filter, page);
  return { ...shared, view: "emails" as const, emails, messages: [], counts, pages };
}

/**
 * A retry: the failed email or message goes back in the queue. Whatever was sent, the list
 * of failures it came from is next.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "outbox:retry");
  const { locale } = await detectLocale(request, user.locale);
  const { submission } = await readSubmission(request, RetryForm, getFixedT(locale, "common"));
  if (submission.status === "success" && submission.value.intent === "retryMessage") {
    await retryMessage(submission.value.id);
    return redirect("/staff/outbox?view=messages&status=FAILED");
  }
  if (submission.status === "success") await retryEmail(submission.value.id);
  return redirect("/staff/outbox?status=FAILED");
}

export default function Outbox() {
  const { t } = useTranslation();
  const { view, emails, messages, counts, filter, page, pages, timeZone, smtp, whatsapp, sms } =
    useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const onMessages = view === "messages";
  const base = onMessages ? "view=messages&" : "";
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <nav aria-label={t("outbox.sections")} className="view-switch">
        <Link to="?" aria-current={onMessages ? undefined : "page"}>
          {t("outbox.tabEmails")}
        </Link>
        <Link to="?view=messages" aria-current={onMessages ? "page" : undefined}>
          {t("outbox.tabMessages")}
        </Link>
      </nav>
      {onMessages ? (
        <>
          <h2>{t("outbox.messagesHeading")}</h2>
          <p className="muted">
            {whatsapp ? t("outbox.whatsappViaApi") : t("outbox.whatsappViaFiles")}{" "}
            {sms ? t("outbox.smsViaApi") : t("outbox.smsViaFiles")}
          </p>
        </>
      ) : (
        <p className="muted">{smtp ? t("outbox.viaSmtp") : t("outbox.viaFiles")}</p>
      )}
      {(counts.FAILED ?? 0) > 0 ? (
        <p role="alert" className="error-summary">
          {onMessages
            ? t("outbox.failedMessagesAlert", { count: counts.FAILED })
            : t("outbox.failedAlert", { count: counts.FAILED })}
        </p>
      ) : null}
      <ul className="stage-counts">
        <li>
          <Link to={onMessages ? "?view=messages" : "?"}>{t("outbox.all")}</Link>
        </li>
        {Object.entries(counts).map(([s, n]) => (
          <li key={s}>
            <Link to={`?${base}status=${s}`}>
              {t(`mailStatus.${s}`)} <strong>{formatNumber(n, locale)}</strong>
            </Link>
          </li>
        ))}
      </ul>
      {onMessages ? (
        <MessagesTable messages={messages} locale={locale} timeZone={timeZone} />
      ) : (
        <OutboxTable emails={emails} locale={locale} timeZone={timeZone} />
      )}
      <Pagination
        page={page}
        pages={pages}
        locale={locale}
        href={(p) => `?${base}${filter ? `status=${filter}&` : ""}page=${p}`}
      />
    </section>
  );
}
