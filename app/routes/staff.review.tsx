/**
 * The clinician's queue: cases in medical review, the most urgent first. "Waiting" are the
 * cases where more information was asked of the patient (their clock is paused);
 * "Decided" are eligible cases waiting for finance to issue the quote. Above them, the
 * clinician's open clinical tasks (aftercare tasks, and tasks assigned to them; issue 22), each
 * completed in place through "My tasks" (app/routes/staff.tasks.tsx).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { ReviewTable } from "~/components/staff/review-queue";
import { MyTaskRows } from "~/components/staff/my-tasks";
import { newFormKey } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { PAGE_SIZE } from "~/lib/pipeline";
import { requirePermission } from "~/models/auth/auth.server";
import { REVIEW_TABS } from "~/lib/review";
import { listReviewQueue, parseReviewQuery } from "~/models/cases/case.server";
import { openClinicalTasks } from "~/models/tasks/tasks.server";
import type { loader as rootLoader } from "~/root";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["aftercare"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "review.queue");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:read");
  const { tab, page } = parseReviewQuery(new URL(request.url));
  const { rows, counts } = await listReviewQueue(user, { tab, page }, clientIp(context));
  const tasks = await openClinicalTasks({ ...user, ip: clientIp(context) });
  const now = new Date().toISOString();
  return { rows, tab, page, counts, tasks, formKey: newFormKey(), timeZone: user.timeZone, now };
}

export default function ReviewQueue() {
  const { t } = useTranslation();
  const { rows, tab, page, counts, tasks, formKey, timeZone, now } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const pages = Math.max(1, Math.ceil(counts[tab] / PAGE_SIZE));
  return (
    <section>
      <h1>{t("review.queue")}</h1>
      {tasks.length ? (
        <section className="card review-tasks" aria-labelledby="review-tasks-h">
          <h2 id="review-tasks-h">
            {t("tasks.clinicalOpen")}{" "}
            <strong className="badge">{formatNumber(tasks.length, locale)}</strong>
          </h2>
          <MyTaskRows
            tasks={tasks}
            formKey={formKey}
            locale={locale}
            timeZone={timeZone}
            now={now}
          />
        </section>
      ) : null}
      <nav aria-label={t("review.tabs")} className="view-switch">
        {REVIEW_TABS.map((x) => (
          <Link key={x} to={`?tab=${x}`} aria-current={tab === x ? "page" : undefined}>
            {t(`review.tab.${x}`)} <strong>{formatNumber(counts[x], locale)}</strong>
          </Link>
        ))}
      </nav>
      <ReviewTable
        rows={rows}
        caption={t(`review.tab.${tab}`)}
        locale={locale}
        timeZone={timeZone}
        now={now}
      />
      {rows.length === 0 ? <p>{t("review.empty")}</p> : null}
      <Pagination page={page} pages={pages} locale={locale} href={(p) => `?tab=${tab}&page=${p}`} />
    </section>
  );
}
