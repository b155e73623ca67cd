/**
 * A case's task panel (issue 22), on the case page and on its own page
 * (app/routes/staff.cases.$caseId_.tasks.tsx), whose action every form here posts to. With
 * JavaScript each form is a fetcher: the page stays where it is and its data reloads; without
 * it, the answer is that route's page. Titles withheld from a reader (finance, someone else's
 * task) say so instead; aftercare tasks show their kind and measures.
 */
import { useFetcher, useFetchers } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type FormReply,
} from "~/components/form";
import { NONE, type CreateTaskForm } from "~/forms/tasks";
import { formatDateTime, formatNumber, formatZone } from "~/lib/format";
import { bucketOf, REMIND_OFFSETS, TASK_TITLE_MAX } from "~/lib/tasks";

type Dateish = Date | string;

export interface PanelTask {
  id: string;
  kind: string;
  clinical: boolean;
  title: string | null;
  detail: string | null;
  withheld: boolean;
  dueAt: Dateish | null;
  createdAt: Dateish;
  resolvedAt: Dateish | null;
  resolutionNote: string | null;
  assignee: { id: string; name: string } | null;
  createdBy: string | null;
  canAct: boolean;
}

interface Person {
  id: string;
  name: string;
  role: string;
}

export interface PanelData {
  open: PanelTask[];
  done: PanelTask[];
  assignees: Person[];
  clinicalAssignees: Person[];
  canCreate: boolean;
  /** The reader: the create form assigns them by default. */
  me: string;
  formKey: string;
}

interface Common {
  locale: string;
  timeZone: string;
  now: string;
}

/** Busy while any task form of the page is on its way (one key serves the page's forms). */
function useTasksBusy(): boolean {
  return useFetchers().some((f) => f.state !== "idle" && f.formAction?.endsWith("/tasks"));
}

/** The answer for form `id`: its fetcher's, or (without JavaScript) the page's action's. */
function replyFor(id: string, fetched: unknown, page: FormReply | undefined) {
  const mine = fetched as FormReply | undefined;
  if (mine?.form === id) return mine;
  return page?.form === id ? page : undefined;
}

/** What a task is: its title, the aftercare kind, or that its title is withheld. */
export function TaskTitle({ task }: { task: Pick<PanelTask, "kind" | "title" | "withheld"> }) {
  const { t } = useTranslation(["common", "aftercare"]);
  if (task.withheld) return <span className="muted">{t("tasks.withheld")}</span>;
  if (task.title) return <bdi>{task.title}</bdi>;
  return <span>{t(`aftercare:task.${task.kind}`, { defaultValue: task.kind })}</span>;
}

/** When a task is due, in the reader's zone, marked when it is late. */
export function TaskDue({ task, locale, timeZone, now }: Common & { task: PanelTask }) {
  const { t } = useTranslation();
  if (!task.dueAt) return <span className="muted">{t("tasks.noDue")}</span>;
  const late = bucketOf(task, new Date(now), timeZone) === "overdue";
  return (
    <span>
      <time dateTime={new Date(task.dueAt).toISOString()}>
        {formatDateTime(task.dueAt, locale, timeZone, "short")}
      </time>
      {late ? <span className="badge overdue-badge">{t("tasks.overdue")}</span> : null}
    </span>
  );
}

/** One button's form on one task: complete (with its key), reopen. */
export function TaskButton({
  action,
  task,
  intent,
  formKey,
  reply,
  children,
}: {
  action: string;
  task: Pick<PanelTask, "id">;
  intent: "complete" | "reopen";
  formKey?: string;
  reply: FormReply | undefined;
  children: ReactNode;
}) {
  const fetcher = useFetcher<FormReply>();
  const id = `task-${intent}-${task.id}`;
  const { form, props } = useAppForm(id, replyFor(id, fetcher.data, reply));
  const busy = useTasksBusy();
  return (
    <fetcher.Form method="post" action={action} className="task-button" {...props}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="taskId" value={task.id} />
      {formKey ? <FormKey value={formKey} /> : null}
      <button
        type="submit"
        className={intent === "complete" ? "primary" : "secondary"}
        disabled={busy}
      >
        {children}
      </button>
    </fetcher.Form>
  );
}

function Reassign({
  action,
  task,
  people,
  reply,
}: {
  action: string;
  task: PanelTask;
  people: Person[];
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<FormReply>();
  const id = `task-reassign-${task.id}`;
  const { form, props, done } = useAppForm(id, replyFor(id, fetcher.data, reply));
  const busy = useTasksBusy();
  return (
    <details className="task-reassign">
      <summary>{t("tasks.reassign")}</summary>
      <fetcher.Form method="post" action={action} className="inline-form" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="reassign" />
        <input type="hidden" name="taskId" value={task.id} />
        <input type="hidden" name="was" value={task.assignee?.id ?? ""} />
        <label htmlFor={`${id}-assigneeId`}>{t("tasks.assignee")}</label>
        <select id={`${id}-assigneeId`} name="assigneeId" defaultValue={task.assignee?.id ?? ""}>
          <option value="">{t("tasks.nobody")}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} · {t(`roles.${p.role}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary" disabled={busy}>
          {t("tasks.reassignSave")}
        </button>
      </fetcher.Form>
    </details>
  );
}

function TaskRow({
  task,
  action,
  data,
  reply,
  ...common
}: Common & { task: PanelTask; action: string; data: PanelData; reply: FormReply | undefined }) {
  const { t } = useTranslation(["common", "aftercare"]);
  const late =
    !task.resolvedAt && bucketOf(task, new Date(common.now), common.timeZone) === "overdue";
  return (
    <li
      className={["task-row", late ? "overdue" : "", task.resolvedAt ? "done" : ""]
        .join(" ")
        .trim()}
    >
      <div className="task-main">
        <strong className="task-title">
          <TaskTitle task={task} />
        </strong>
        {task.clinical ? <span className="badge task-badge">{t("tasks.clinical")}</span> : null}
        {task.clinical && !task.withheld ? (
          <a className="small" href={action.replace(/\/tasks$/, "/aftercare")}>
            {t("tasks.seeOutcomes")}
          </a>
        ) : null}
        <p className="small muted task-meta">
          <span>
            {t("tasks.assignee")}:{" "}
            {task.assignee ? <bdi>{task.assignee.name}</bdi> : t("tasks.nobody")}
          </span>
          <span>
            {t("tasks.due")}: <TaskDue task={task} {...common} />
          </span>
          {task.resolvedAt ? (
            <span>
              {t("tasks.doneOn", {
                date: formatDateTime(task.resolvedAt, common.locale, common.timeZone, "short"),
              })}
              {task.resolutionNote ? (
                <>
                  {" "}
                  — <bdi>{task.resolutionNote}</bdi>
                </>
              ) : null}
            </span>
          ) : null}
        </p>
      </div>
      {task.canAct ? (
        <div className="task-actions">
          {task.resolvedAt ? (
            <TaskButton action={action} task={task} intent="reopen" reply={reply}>
              {t("tasks.reopen")}
            </TaskButton>
          ) : (
            <>
              <TaskButton
                action={action}
                task={task}
                intent="complete"
                formKey={data.formKey}
                reply={reply}
              >
                {t("tasks.complete")}
              </TaskButton>
              <Reassign
                action={action}
                task={task}
                people={task.clinical ? data.clinicalAssignees : data.assignees}
                reply={reply}
              />
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}

function CreateTask({
  action,
  data,
  reply,
  meId,
  ...common
}: Common & { action: string; data: PanelData; reply: FormReply | undefined; meId?: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<FormReply>();
  const { form, fields, props, done } = useAppForm<z.input<typeof CreateTaskForm>>(
    "task-create",
    replyFor("task-create", fetcher.data, reply),
    { assigneeId: meId || NONE, remind: NONE },
  );
  const busy = useTasksBusy();
  return (
    <details
      className="task-create"
      open={Boolean(form.errors?.length || Object.keys(form.allErrors).length) || undefined}
    >
      <summary>{t("tasks.new")}</summary>
      <fetcher.Form method="post" action={action} {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="create" />
        <FormKey value={data.formKey} />
        <FormField meta={fields.title} label={t("tasks.title")}>
          {({ key, ...control }) => (
            <input key={key} {...control} maxLength={TASK_TITLE_MAX} required autoComplete="off" />
          )}
        </FormField>
        <FormField meta={fields.assigneeId} label={t("tasks.assignee")}>
          {({ key, defaultValue, ...control }) => (
            <select key={key} {...control} defaultValue={defaultValue || NONE}>
              <option value={NONE}>{t("tasks.nobody")}</option>
              {data.assignees.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {t(`roles.${p.role}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <fieldset className="field-row task-due">
          <legend>
            {t("tasks.dueIn", { zone: formatZone(common.timeZone, common.locale, common.now) })}
          </legend>
          <FormField meta={fields.dueDate} label={t("tasks.dueDate")}>
            {({ key, ...control }) => <input key={key} {...control} type="date" />}
          </FormField>
          <FormField meta={fields.dueTime} label={t("tasks.dueTime")}>
            {({ key, ...control }) => <input key={key} {...control} type="time" />}
          </FormField>
        </fieldset>
        <FormField meta={fields.remind} label={t("tasks.remind")} hint={t("tasks.remindHint")}>
          {({ key, defaultValue, ...control }) => (
            <select key={key} {...control} defaultValue={defaultValue || NONE}>
              <option value={NONE}>{t("tasks.remindNone")}</option>
              {REMIND_OFFSETS.map((m) => (
                <option key={m} value={m}>
                  {t(`tasks.remindBefore.${m}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" className="primary" disabled={busy}>
          {t("tasks.create")}
        </button>
      </fetcher.Form>
    </details>
  );
}

/** The panel: open tasks (overdue first), the create form, and the done ones folded away. */
export function TaskPanel({
  caseId,
  tasks,
  reply,
  ...common
}: Common & {
  caseId: string;
  tasks: PanelData;
  /** The page's own action answer (without JavaScript, on the tasks page). */
  reply?: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const action = `/staff/cases/${caseId}/tasks`;
  const pageReply = reply?.form?.startsWith("task-") ? reply : undefined;
  return (
    <section className="card tasks-panel" id="tasks" aria-labelledby="tasks-h">
      <h2 id="tasks-h">
        {t("tasks.panel")}{" "}
        <span className="badge">{formatNumber(tasks.open.length, common.locale)}</span>
      </h2>
      {tasks.open.length === 0 ? <p className="muted">{t("tasks.noneOpen")}</p> : null}
      <ul className="task-rows">
        {tasks.open.map((task) => (
          <TaskRow
            key={task.id}
            task={task}
            action={action}
            data={tasks}
            reply={pageReply}
            {...common}
          />
        ))}
      </ul>
      {tasks.canCreate ? (
        <CreateTask action={action} data={tasks} reply={pageReply} meId={tasks.me} {...common} />
      ) : null}
      {tasks.done.length ? (
        <details className="tasks-done">
          <summary>{t("tasks.doneCount", { count: tasks.done.length })}</summary>
          <ul className="task-rows">
            {tasks.done.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                action={action}
                data={tasks}
                reply={pageReply}
                {...common}
              />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
