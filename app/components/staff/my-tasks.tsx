/**
 * "My tasks" (app/routes/staff.tasks.tsx): a section per bucket (overdue, today, upcoming, no
 * date, recently done), each row with its title, case and patient, due time in the reader's
 * zone, and its complete (or reopen) button, which posts to this page's own action.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TaskButton, TaskDue, TaskTitle, type PanelTask } from "~/components/case/tasks";
import { FormDone, type FormReply } from "~/components/form";
import { formatNumber } from "~/lib/format";
import { TASK_BUCKETS, type TaskBucket } from "~/lib/tasks";

export type MyTask = PanelTask & { caseId: string; caseNumber: string; patientName: string };

interface Common {
  locale: string;
  timeZone: string;
  now: string;
}

export function MyTaskRows({
  tasks,
  formKey,
  reply,
  action = "/staff/tasks",
  ...common
}: Common & { tasks: MyTask[]; formKey: string; reply?: FormReply; action?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="task-rows">
      {tasks.map((task) => {
        const late = !task.resolvedAt && task.dueAt && new Date(task.dueAt) < new Date(common.now);
        return (
          <li key={task.id} className={["task-row", late ? "overdue" : ""].join(" ").trim()}>
            <div className="task-main">
              <strong className="task-title">
                <TaskTitle task={task} />
              </strong>
              {task.clinical ? (
                <span className="badge task-badge">{t("tasks.clinical")}</span>
              ) : null}
              <p className="small task-meta">
                <span>
                  <Link to={`/staff/cases/${task.caseId}#tasks`}>{task.caseNumber}</Link> ·{" "}
                  <bdi>{task.patientName}</bdi>
                </span>
                <span className="muted">
                  {t("tasks.due")}: <TaskDue task={task} {...common} />
                </span>
              </p>
            </div>
            {task.canAct ? (
              <div className="task-actions">
                {task.resolvedAt ? (
                  <TaskButton action={action} task={task} intent="reopen" reply={reply}>
                    {t("tasks.reopen")}
                  </TaskButton>
                ) : (
                  <TaskButton
                    action={action}
                    task={task}
                    intent="complete"
                    formKey={formKey}
                    reply={reply}
                  >
                    {t("tasks.complete")}
                  </TaskButton>
                )}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function MyTasks({
  sections,
  formKey,
  reply,
  ...common
}: Common & {
  sections: Record<TaskBucket, MyTask[]>;
  formKey: string;
  reply?: FormReply;
}) {
  const { t } = useTranslation();
  const total = TASK_BUCKETS.filter((b) => b !== "done").reduce(
    (n, b) => n + sections[b].length,
    0,
  );
  return (
    <>
      <FormDone message={reply?.done} />
      {total === 0 ? <p className="muted">{t("tasks.noneMine")}</p> : null}
      {TASK_BUCKETS.map((bucket) =>
        sections[bucket].length ? (
          <section
            key={bucket}
            className={`card task-section task-section-${bucket}`}
            aria-labelledby={`tasks-${bucket}`}
          >
            <h2 id={`tasks-${bucket}`}>
              {t(`tasks.bucket.${bucket}`)}{" "}
              <span className={bucket === "overdue" ? "badge overdue-badge" : "badge"}>
                {formatNumber(sections[bucket].length, common.locale)}
              </span>
            </h2>
            <MyTaskRows tasks={sections[bucket]} formKey={formKey} reply={reply} {...common} />
          </section>
        ) : null,
      )}
    </>
  );
}
