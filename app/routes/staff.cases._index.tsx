/**
 * The pipeline: every case as a list (filters, search, sorting, pages) or as a board with a
 * column per stage. Filters live in the URL (read with zod, app/lib/pipeline.ts), so a view
 * can be bookmarked, saved under a name and shared, and the form works without JavaScript.
 * getPipeline() selects only what a row or a card shows, keeps health data from finance,
 * counts the signed-in member's unread inbox items per case, and audits the look. The list's
 * ticked rows can be assigned or moved in bulk (each case through its own writer), and the
 * view exported as CSV (staff.cases[.]csv.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/form";
import { Board } from "~/components/pipeline/board";
import { BulkBar, type BulkReply } from "~/components/pipeline/bulk";
import { CaseTable } from "~/components/pipeline/case-table";
import { PipelineFilters } from "~/components/pipeline/filters";
import { KeyboardHint, usePipelineKeys } from "~/components/pipeline/keyboard";
import { SavedViews } from "~/components/pipeline/saved-views";
import { PipelineForm } from "~/forms/pipeline";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { can } from "~/lib/permissions";
import { caseListHref, parseCaseListQuery } from "~/lib/pipeline";
import { assertCan, requirePermission } from "~/models/auth/auth.server";
import { getPipeline } from "~/models/cases/case.server";
import { bulkAssign, bulkMove, type BulkSummary } from "~/models/pipeline/bulk.server";
import {
  deleteView,
  listSavedViews,
  renameView,
  SavedViewRefused,
  saveView,
} from "~/models/pipeline/saved-views.server";
import type { loader as rootLoader } from "~/root";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["stages"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "cases.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:list");
  const url = new URL(request.url);
  const now = new Date();
  const [page, savedViews] = await Promise.all([
    getPipeline(user, parseCaseListQuery(url), { ip: clientIp(context), search: url.search }, now),
    listSavedViews(user.id),
  ]);
  return {
    ...page,
    savedViews,
    search: url.search,
    can: { bulk: can(user, "cases:bulk"), export: can(user, "cases:export") },
    formKey: newFormKey(),
    timeZone: user.timeZone,
    now: now.toISOString(),
  };
}

/** The summary of a bulk action: how many were done, and each refused case with its reason. */
function bulkReply(t: TFunction, summary: BulkSummary): BulkReply["bulk"] {
  return {
    done: t("cases.bulk.done", { count: summary.done }),
    already: summary.already ? t("cases.bulk.already", { count: summary.already }) : null,
    refused: summary.refused.map((r) => ({
      number: r.number,
      reason:
        r.kind === "work"
          ? t(r.key)
          : [t(`stages:stageErrors.${r.code}`), ...r.failures.map((f) => t(`stages:${f}`))].join(
              " ",
            ),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:list");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common", "stages"]);
  const { submission, sent } = await readSubmission(request, PipelineForm, t);
  const payload = submission.payload as { intent?: string; id?: string };
  const form = ["renameView", "deleteView"].includes(payload.intent ?? "")
    ? `${payload.intent}-${payload.id}`
    : (payload.intent ?? "pipeline");
  if (payload.intent === "bulk") assertCan(user, "cases:bulk");
  const answer = (status: number, reply: Omit<BulkReply, "form">) =>
    data<BulkReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  try {
    switch (input.intent) {
      case "saveView":
        await saveView(user.id, input.name, input.query, sent);
        break;
      case "renameView":
        await renameView(user.id, input.id, input.name);
        break;
      case "deleteView":
        await deleteView(user.id, input.id);
        break;
      case "bulk": {
        const actor = { id: user.id, role: user.role, ip: clientIp(context) };
        const summary =
          input.op === "assign"
            ? await bulkAssign(actor, input.ids, input.coordinator!)
            : await bulkMove(actor, input.ids, input.to!, input.reason || null);
        return answer(200, { result: submission.reply(), bulk: bulkReply(t, summary) });
      }
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof SavedViewRefused) {
      const message = t(`cases.saved.errors.${error.reason}`);
      return answer(error.reason === "notFound" ? 404 : 409, {
        result:
          error.reason === "nameTaken"
            ? submission.reply({ fieldErrors: { name: [message] } })
            : submission.reply({ formErrors: [message] }),
      });
    }
    throw error;
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t(`cases.saved.done.${input.intent}`),
  });
}

export default function Pipeline() {
  const { t } = useTranslation(["common", "stages"]);
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as BulkReply | FormReply | undefined;
  const { result, options, query: q, health, timeZone, now, unread } = loaded;
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  usePipelineKeys();
  return (
    <section className="pipeline">
      <div className="page-head">
        <h1>{t("cases.title")}</h1>
        {result.kind === "list" ? (
          <p className="muted total" aria-live="polite">
            {t("cases.total", {
              count: result.total,
              formatted: formatNumber(result.total, locale),
            })}
          </p>
        ) : null}
        <SavedViews
          views={loaded.savedViews}
          search={loaded.search}
          formKey={loaded.formKey}
          reply={reply}
        />
        <nav aria-label={t("cases.views")} className="view-switch">
          <Link
            to={caseListHref(q, { view: "list", page: 1 })}
            aria-current={q.view === "list" ? "page" : undefined}
          >
            {t("cases.listView")}
          </Link>
          <Link
            to={caseListHref(q, { view: "board", page: 1 })}
            aria-current={q.view === "board" ? "page" : undefined}
          >
            {t("cases.boardView")}
          </Link>
          {loaded.can.export ? (
            <a href={`/staff/cases.csv${caseListHref(q, { page: 1 })}`} download>
              {t("cases.export.link")}
            </a>
          ) : null}
        </nav>
      </div>
      <PipelineFilters
        query={q}
        options={options}
        health={health}
        locale={locale}
        counts={result.counts}
      >
        <KeyboardHint />
      </PipelineFilters>
      {result.kind === "list" ? (
        <>
          <CaseTable
            rows={result.rows}
            pages={result.pages}
            query={q}
            locale={locale}
            timeZone={timeZone}
            now={now}
            unread={unread}
            selectable={loaded.can.bulk}
          />
          {/* After the table, kept at the screen's foot while the table is in view. */}
          {loaded.can.bulk ? (
            <BulkBar coordinators={options.coordinators} reply={reply} search={loaded.search} />
          ) : null}
        </>
      ) : (
        <Board
          columns={result.columns}
          counts={result.counts}
          query={q}
          locale={locale}
          now={now}
          unread={unread}
        />
      )}
    </section>
  );
}
