/**
 * The admin's outbox: every email the platform queued, by status, newest first, with a retry
 * for those that failed after every attempt. Every read of it is audited (listOutbox).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { OutboxTable } from "~/components/staff/outbox";
import { env } from "~/env.server";
import { RetryForm } from "~/forms/outbox";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { listOutbox, OUTBOX_STATUSES, retryEmail } from "~/infra/outbox.server";
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
  const { emails, counts, pages } = await listOutbox(
    { id: user.id, ip: clientIp(context) },
    filter,
    page,
  );
  return {
    emails,
    counts,
    filter,
    page,
    pages,
    timeZone: user.timeZone,
    smtp: Boolean(env().SMTP_URL),
  };
}

/** A retry: the failed email goes back in the queue. Whatever was sent, the list of failures is next. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "outbox:retry");
  const { locale } = await detectLocale(request, user.locale);
  const { submission } = await readSubmission(request, RetryForm, getFixedT(locale, "common"));
  if (submission.status === "success") await retryEmail(submission.value.id);
  return redirect("/staff/outbox?status=FAILED");
}

export default function Outbox() {
  const { t } = useTranslation();
  const { emails, counts, filter, page, pages, timeZone, smtp } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <p className="muted">{smtp ? t("outbox.viaSmtp") : t("outbox.viaFiles")}</p>
      {(counts.FAILED ?? 0) > 0 ? (
        <p role="alert" className="error-summary">
          {t("outbox.failedAlert", { count: counts.FAILED })}
        </p>
      ) : null}
      <ul className="stage-counts">
        <li>
          <Link to="?">{t("outbox.all")}</Link>
        </li>
        {Object.entries(counts).map(([s, n]) => (
          <li key={s}>
            <Link to={`?status=${s}`}>
              {t(`mailStatus.${s}`)} <strong>{formatNumber(n, locale)}</strong>
            </Link>
          </li>
        ))}
      </ul>
      <OutboxTable emails={emails} locale={locale} timeZone={timeZone} />
      <Pagination
        page={page}
        pages={pages}
        locale={locale}
        href={(p) => `?${filter ? `status=${filter}&` : ""}page=${p}`}
      />
    </section>
  );
}
