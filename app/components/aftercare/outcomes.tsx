/**
 * The care team's outcomes page in parts: the clinicians' tasks (each closed with a note),
 * the PROM and lab charts against the baseline, the follow-up plan with its reminders, and
 * the lab results entered from a report.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  FollowUpTitle,
  followUpState,
  followUpTitle,
  LabFields,
  markerWords,
  OutcomeChart,
  promWords,
} from "~/components/aftercare";
import {
  ChoiceField,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  ProblemList,
  useAppForm,
  type FormReply,
} from "~/components/form";
import type { LabsInput, ResolveForm } from "~/forms/aftercare";
import { parseWorseningDetail } from "~/lib/aftercare";
import { builtInOutcomes, referenceOf, type Outcomes } from "~/lib/outcomes";

const BUILT_IN = builtInOutcomes(2);
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { TEXT_MAX } from "~/lib/review";

export type FollowUpView = {
  id: string;
  kind: string;
  label: string;
  dueAt: Date | string;
  status: string;
  completedAt: Date | string | null;
  dueReminderAt: Date | string | null;
  overdueReminderAt: Date | string | null;
  labs: { marker: string; value: number }[];
  /** The PROM answers by key (fixed columns and the programme's own measures). */
  proms: Record<string, number | null>;
};

interface TaskView {
  id: string;
  kind: string;
  detail: string;
  createdAt: Date | string;
  resolvedAt: Date | string | null;
  resolutionNote: string | null;
  followUp: { label: string } | null;
}

interface Common {
  reply: FormReply | null | undefined;
  busy: boolean;
}

/** The worsening tasks; a clinician closes one with what was done (form "task-<id>"). */
export function TaskList({
  tasks,
  outcomes,
  canClose,
  timeZone,
  reply,
  busy,
}: Common & { tasks: TaskView[]; outcomes: Outcomes; canClose: boolean; timeZone: string }) {
  const { t, i18n } = useTranslation("aftercare");
  const lng = i18n.language;
  // A closed task leaves the list of open ones: its answer shows above the list.
  const mine = reply?.form.startsWith("task-") ? { ...reply, form: "tasks" } : null;
  const answer = useAppForm("tasks", mine);
  const open = tasks.filter((task) => !task.resolvedAt);
  // "pain" or "lab.crp": the measure's or the marker's words in this version.
  const measureOf = (key: string) => {
    const lab = key.startsWith("lab.") ? key.slice(4) : null;
    const m = lab ? outcomes.markers.find((x) => x.key === lab) : undefined;
    if (m) return markerWords(t, m, lng);
    const p = outcomes.proms.find((x) => x.key === key);
    return p ? promWords(t, p, lng, "short") : (lab ?? key);
  };
  return (
    <section className="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t("staff.tasks", { count: open.length })}</h2>
      <FormDone message={answer.done} />
      <FormErrors form={answer.form} />
      {tasks.length === 0 ? <p className="muted">{t("staff.noTasks")}</p> : null}
      <ul className="task-list">
        {tasks.map((task) => (
          <li key={task.id} className={task.resolvedAt ? "task done" : "task open"}>
            <strong>{t(`task.${task.kind}`, { defaultValue: task.kind })}</strong>
            {task.followUp ? (
              <>
                {" "}
                · <FollowUpTitle label={task.followUp.label} />
              </>
            ) : null}{" "}
            <span className="muted small">{formatDateTime(task.createdAt, lng, timeZone)}</span>
            <ul>
              {parseWorseningDetail(task.detail).map((w) => (
                <li key={w.key}>
                  {t("task.change", {
                    measure: measureOf(w.key),
                    baseline: formatNumber(w.baseline, lng),
                    value: formatNumber(w.value, lng),
                  })}
                </li>
              ))}
            </ul>
            {task.resolvedAt ? (
              <p className="muted small">
                {t("staff.resolvedOn", { date: formatDateTime(task.resolvedAt, lng, timeZone) })}
                {task.resolutionNote ? ` — ${task.resolutionNote}` : ""}
              </p>
            ) : canClose ? (
              <CloseTask taskId={task.id} reply={reply} busy={busy} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CloseTask({ taskId, reply, busy }: Common & { taskId: string }) {
  const { t } = useTranslation("aftercare");
  const { fields, props } = useAppForm<z.input<typeof ResolveForm>>(`task-${taskId}`, reply);
  return (
    <Form method="post" className="inline-form" {...props}>
      <input type="hidden" name="intent" value="resolve" />
      <input type="hidden" name="taskId" value={taskId} />
      <FormField meta={fields.note} label={t("staff.resolutionNote")}>
        {(control) => <input {...control} maxLength={TEXT_MAX} />}
      </FormField>
      <button type="submit" disabled={busy}>
        {t("staff.closeTask")}
      </button>
    </Form>
  );
}

/** The charts' follow-ups: what they need of each (no task, no reminder). */
export type ChartFollowUp = Pick<
  FollowUpView,
  "kind" | "status" | "completedAt" | "dueAt" | "labs" | "proms"
>;

/**
 * Each PROM and lab marker over time, the baseline drawn as its own line. The care team's
 * page and the patient's own aftercare page draw the same charts; `audience` picks the words
 * (`staff.*` or `portal.charts.*`).
 */
export function OutcomeCharts({
  followUps,
  outcomes = BUILT_IN,
  timeZone,
  audience = "staff",
}: {
  followUps: ChartFollowUp[];
  /** The versions the follow-ups were made with, merged (newest first); the lupus set by default. */
  outcomes?: Outcomes;
  timeZone: string;
  audience?: "staff" | "patient";
}) {
  const { t, i18n } = useTranslation("aftercare");
  const lng = i18n.language;
  const words = audience === "staff" ? "staff" : "portal.charts";
  const done = followUps.filter((f) => f.status === "COMPLETED");
  const baseline = done.find((f) => f.kind === "BASELINE");
  const ordered = baseline ? [baseline, ...done.filter((f) => f !== baseline)] : done;
  return (
    <section className="card" aria-labelledby="charts-title">
      <h2 id="charts-title">{t(`${words}.proms`)}</h2>
      {audience === "patient" ? <p>{t("portal.charts.intro")}</p> : null}
      {!baseline ? <p className="notice">{t(`${words}.noBaseline`)}</p> : null}
      {done.length === 0 ? (
        <p className="muted">{t(`${words}.noAnswers`)}</p>
      ) : (
        <div className="chart-grid">
          {outcomes.proms.map((m) => {
            const points = ordered
              .filter((f) => f.proms[m.key] !== null && f.proms[m.key] !== undefined)
              .map((f) => ({
                at: f.completedAt ?? f.dueAt,
                value: f.proms[m.key] as number,
                baseline: f.kind === "BASELINE",
              }));
            return points.length ? (
              <OutcomeChart
                key={m.key}
                title={promWords(t, m, lng, "short")}
                points={points}
                min={m.min}
                // Open-ended counts and doses scale to their values, not to their bound.
                max={m.max - m.min > 10 && m.max !== 100 ? 0 : m.max}
                locale={lng}
                timeZone={timeZone}
                worse={m.worse}
              />
            ) : null;
          })}
        </div>
      )}
      <h2>{t(`${words}.labs`)}</h2>
      <div className="chart-grid">
        {outcomes.markers.map((m) => {
          const points = followUps
            .filter((f) => f.labs.some((l) => l.marker === m.key))
            .map((f) => ({
              at: f.completedAt ?? f.dueAt,
              value: f.labs.find((l) => l.marker === m.key)!.value,
              baseline: f.kind === "BASELINE",
            }));
          return points.length ? (
            <OutcomeChart
              key={m.key}
              title={`${markerWords(t, m, lng)} (${m.unit})`}
              points={points}
              min={0}
              max={0}
              locale={lng}
              timeZone={timeZone}
              worse={m.worse}
              reference={referenceOf(m)}
            />
          ) : null;
        })}
      </div>
    </section>
  );
}

/** The follow-up plan: each follow-up's due date, state, reminders sent and answers. */
export function FollowUpPlan({
  followUps,
  outcomes,
  timeZone,
  now,
  overdueDays,
}: {
  followUps: FollowUpView[];
  outcomes: Outcomes;
  timeZone: string;
  now: string;
  overdueDays: number;
}) {
  const { t, i18n } = useTranslation("aftercare");
  const lng = i18n.language;
  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">{t("staff.plan")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("staff.followUp")}</th>
              <th scope="col">{t("staff.due")}</th>
              <th scope="col">{t("staff.state")}</th>
              <th scope="col">{t("staff.reminders")}</th>
              {outcomes.proms.map((m) => (
                <th key={m.key} scope="col">
                  {promWords(t, m, lng, "short")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {followUps.map((f) => {
              const state = followUpState(f, new Date(now), overdueDays);
              return (
                <tr key={f.id}>
                  <th scope="row">
                    <FollowUpTitle label={f.label} />
                  </th>
                  <td>{formatDate(f.dueAt, lng, timeZone)}</td>
                  <td>
                    <span className={`badge state-${state}`}>{t(`state.${state}`)}</span>
                  </td>
                  <td className="small">
                    {f.dueReminderAt ? t("staff.reminderDue") : ""}
                    {f.overdueReminderAt ? ` ${t("staff.reminderOverdue")}` : ""}
                  </td>
                  {outcomes.proms.map((m) => (
                    <td key={m.key}>
                      {f.proms[m.key] === null || f.proms[m.key] === undefined
                        ? "–"
                        : formatNumber(f.proms[m.key] as number, lng)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Lab results entered from a report, for the follow-up chosen (form "labs-<id>"): the one
 * asked for, else the one just saved, else the first answered without labs, else the first.
 * The form carries the page's key: saved once, however often it is sent.
 */
export function LabEntry({
  followUps,
  outcomes,
  picked,
  formKey,
  reply,
  busy,
}: Common & { followUps: FollowUpView[]; outcomes: Outcomes; picked: string; formKey: string }) {
  const { t, i18n } = useTranslation("aftercare");
  const lng = i18n.language;
  const known = (id: string | undefined) => followUps.find((f) => f.id === id)?.id;
  const saved = reply?.form.startsWith("labs-") ? reply.form.slice("labs-".length) : undefined;
  const selected =
    known(saved) ??
    known(picked) ??
    followUps.find((f) => f.status === "COMPLETED" && f.labs.length === 0)?.id ??
    followUps[0]!.id;
  const current = followUps.find((f) => f.id === selected)!;
  const values = { lab: Object.fromEntries(current.labs.map((l) => [l.marker, String(l.value)])) };
  const { form, fields, props, done } = useAppForm<LabsInput>(`labs-${selected}`, reply, values);
  const labels = {
    ...Object.fromEntries(outcomes.markers.map((m) => [`lab.${m.key}`, markerWords(t, m, lng)])),
    checked: t("staff.checkLegend"),
  };
  return (
    <section className="card" aria-labelledby="labs-title">
      <h2 id="labs-title">{t("staff.enterLabs")}</h2>
      <FormDone message={done} />
      <nav aria-label={t("staff.pickFollowUp")} className="view-switch">
        {followUps.map((f) => (
          <Link
            key={f.id}
            to={`?f=${f.id}`}
            preventScrollReset
            aria-current={f.id === selected ? "page" : undefined}
          >
            {followUpTitle(t, f.label, lng)}
          </Link>
        ))}
      </nav>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <ProblemList form={form} fields={Object.keys(labels)} labels={labels} />
        <input type="hidden" name="intent" value="labs" />
        <input type="hidden" name="followUpId" value={selected} />
        <FormKey value={formKey} />
        <p>
          <strong>{followUpTitle(t, current.label, lng)}</strong>
        </p>
        <LabFields group={fields.lab} markers={outcomes.markers} />
        {/* Asked for once a value lay outside its plausible range (the action says which). */}
        {fields.checked.errors?.length || fields.checked.initialValue === "on" ? (
          <ChoiceField
            meta={fields.checked}
            legend={t("staff.checkLegend")}
            type="checkbox"
            options={[{ value: "on", label: t("staff.checkedValue") }]}
          />
        ) : null}
        <button type="submit" disabled={busy}>
          {t("staff.saveLabs")}
        </button>
      </Form>
    </section>
  );
}
