/**
 * "My tasks" (issue 22): the tasks assigned to me (and, for clinicians, the unassigned aftercare
 * tasks), overdue first, then due today, then later, then with no date, and those done in the
 * last week. Each row completes (or reopens) in place; without JavaScript this page's action
 * answers and the page renders again.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/form";
import { MyTasks } from "~/components/staff/my-tasks";
import { MyTaskForm, taskFormId } from "~/forms/tasks";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { requirePermission } from "~/models/auth/auth.server";
import {
  completeTask,
  listMyTasks,
  reopenTask,
  TaskError,
  type TaskActor,
} from "~/models/tasks/tasks.server";
import type { loader as rootLoader } from "~/root";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["aftercare"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "tasks.mine");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "task:use");
  const now = new Date();
  const sections = await listMyTasks({ ...user, ip: clientIp(context) }, now);
  return { sections, formKey: newFormKey(), timeZone: user.timeZone, now: now.toISOString() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "task:use");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission, sent } = await readSubmission(request, MyTaskForm, t);
  const form = taskFormId(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  const actor: TaskActor = { ...user, ip: clientIp(context) };
  try {
    if (input.intent === "complete") await completeTask(actor, input, sent);
    else await reopenTask(actor, input);
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (!(error instanceof TaskError)) throw error;
    const status = error.code === "forbidden" ? 403 : error.code === "not_found" ? 404 : 409;
    return answer(status, { result: submission.reply({ formErrors: [t(error.key)] }) });
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t(`tasks.done.${input.intent}`),
  });
}

export default function MyTasksPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  return (
    <section className="my-tasks">
      <h1>{t("tasks.mine")}</h1>
      <MyTasks
        sections={d.sections}
        formKey={d.formKey}
        locale={locale}
        timeZone={d.timeZone}
        now={d.now}
        reply={reply}
      />
    </section>
  );
}
