/**
 * A case's tasks (issue 22). The case page shows the same panel (app/components/case/tasks.tsx),
 * whose forms post here: create, complete, reopen and reassign. With JavaScript each form is
 * a fetcher, so the case page updates in place; without it, the answer renders this page (the
 * panel on its own, with a link back to the case). Every write goes through app/models/tasks.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TaskPanel } from "~/components/case/tasks";
import type { FormReply } from "~/components/form";
import { TaskForm, taskFormId } from "~/forms/tasks";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import {
  caseExists,
  caseTasks,
  completeTask,
  createTask,
  reassignTask,
  reopenTask,
  TaskError,
  type TaskActor,
} from "~/models/tasks/tasks.server";
import type { loader as rootLoader } from "~/root";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["aftercare"] };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  translatedTitle(matches, "tasks.caseTitle", data?.kase.number);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "task:use");
  const kase = await caseExists(params.caseId ?? "");
  if (!kase) notFound();
  const tasks = await caseTasks({ ...user, ip: clientIp(context) }, kase.id);
  const formKey = newFormKey();
  return {
    kase,
    formKey,
    tasks: { ...tasks, formKey },
    timeZone: user.timeZone,
    now: new Date().toISOString(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "task:use");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const caseId = params.caseId ?? "";
  const { submission, sent } = await readSubmission(request, TaskForm, t);
  const form = taskFormId(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  const actor: TaskActor = { ...user, ip: clientIp(context) };
  try {
    switch (input.intent) {
      case "create":
        await createTask(caseId, actor, input, sent);
        break;
      case "complete":
        await completeTask(actor, { ...input, caseId }, sent);
        break;
      case "reopen":
        await reopenTask(actor, { ...input, caseId });
        break;
      case "reassign":
        await reassignTask(actor, { ...input, caseId });
        break;
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (!(error instanceof TaskError)) throw error;
    if (error.code === "not_found" && input.intent === "create") notFound();
    if (error.code === "field" && error.field) {
      return answer(400, {
        result: submission.reply({ fieldErrors: { [error.field]: [t(error.key)] } }),
      });
    }
    const status = error.code === "forbidden" ? 403 : error.code === "not_found" ? 404 : 409;
    return answer(status, { result: submission.reply({ formErrors: [t(error.key)] }) });
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t(`tasks.done.${input.intent}`),
  });
}

export default function CaseTasksPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  return (
    <section className="case-tasks-page">
      <p>
        <Link to={`/staff/cases/${d.kase.id}`}>
          {t("tasks.backToCase", { number: d.kase.number })}
        </Link>
      </p>
      <h1>
        {t("tasks.caseTitle")} · {d.kase.number} · <bdi>{d.kase.patient.name}</bdi>
      </h1>
      <TaskPanel
        caseId={d.kase.id}
        tasks={d.tasks}
        locale={locale}
        timeZone={d.timeZone}
        now={d.now}
        reply={reply}
      />
    </section>
  );
}
