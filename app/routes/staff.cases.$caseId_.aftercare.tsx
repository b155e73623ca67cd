/**
 * Outcomes for the care team: each PROM and lab marker over time against the baseline
 * (server-rendered SVG with the numbers in a table beside it), the follow-up plan with the
 * reminders sent, lab values entered from a report, and the clinicians' worsening tasks.
 * Clinicians, coordinators and admins read it (audited: it is health data); clinicians and
 * admins close tasks; any of them may enter lab values (audited).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { can } from "~/lib/permissions";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  FollowUpTitle,
  followUpState,
  followUpTitle,
  LabFields,
  OutcomeChart,
} from "~/components/aftercare";
import { ErrorSummary } from "~/components/form";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { labField, LAB_MARKERS, parseWorseningDetail, PROMS } from "~/lib/aftercare";
import { field, readForm } from "~/infra/form-data.server";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { TEXT_MAX } from "~/lib/review";
import { clientIp } from "~/infra/request.server";
import {
  ANSWER_FIELDS,
  FollowUpError,
  outcomesOf,
  parseAnswers,
  resolveTask,
  saveLabs,
} from "~/models/aftercare/aftercare.server";
import { audit } from "~/infra/audit.server";
import { assertCan, notFound, requirePermission } from "~/models/auth/auth.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "aftercare:staff.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "aftercare:read");
  const kase = await db.case.findUnique({
    where: { id: params.caseId ?? "" },
    select: {
      id: true,
      number: true,
      stage: true,
      patient: { select: { name: true, timeZone: true } },
      tasks: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          kind: true,
          detail: true,
          createdAt: true,
          resolvedAt: true,
          resolutionNote: true,
          followUp: { select: { label: true } },
        },
      },
    },
  });
  if (!kase) notFound();
  await audit({
    actorId: user.id,
    action: "aftercare.read",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: clientIp(context),
    outcome: "success",
  });
  const followUps = await outcomesOf(kase.id);
  return {
    kase,
    followUps,
    canCloseTasks: can(user, "task:close"),
    picked: new URL(request.url).searchParams.get("f") ?? "",
    timeZone: user.timeZone,
    now: new Date().toISOString(),
    overdueDays: env().FOLLOW_UP_OVERDUE_DAYS,
    threshold: env().AFTERCARE_WORSENING_POINTS,
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("labs"), followUpId: z.string().min(1) }),
  z.object({
    intent: z.literal("resolve"),
    taskId: z.string().min(1),
    note: z.string().trim().max(TEXT_MAX),
  }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "aftercare:read");
  const kase = await db.case.findUnique({
    where: { id: params.caseId ?? "" },
    select: { id: true },
  });
  if (!kase) notFound();
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["aftercare", "enquiry"]);
  const form = await readForm(request, { maxFileBytes: 1, maxFiles: 0 });
  const raw = Object.fromEntries([...form.fields].map(([k, v]) => [k, v[0] ?? ""]));
  const values = Object.fromEntries(ANSWER_FIELDS.map((n) => [n, field(form, n).slice(0, 100)]));
  const intent = raw.intent === "resolve" ? "resolve" : "labs";
  const refuse = (errors: Record<string, string>, status = 400) =>
    data({ intent, errors, values, followUpId: raw.followUpId ?? "", saved: false }, { status });
  const none: Record<string, string> = {};
  if (form.malformed) return refuse({ form: t("enquiry:errors.malformed") });
  const parsed = Intent.safeParse(raw);
  if (!parsed.success) {
    return refuse({
      form: t(
        intent === "resolve" ? "aftercare:errors.noteTooLong" : "aftercare:errors.pickFollowUp",
        {
          max: TEXT_MAX,
        },
      ),
    });
  }
  const input = parsed.data;
  if (input.intent === "resolve") {
    assertCan(user, "task:close");
    const done = await resolveTask(kase.id, input.taskId, user.id, input.note);
    await audit({
      actorId: user.id,
      action: "aftercare.task.resolve",
      entity: "ClinicalTask",
      entityId: input.taskId,
      caseId: kase.id,
      ip: clientIp(context),
      outcome: done ? "success" : "refused",
    });
    if (!done) return refuse({ form: t("aftercare:errors.taskGone") }, 409);
    return data({ intent, errors: none, values: none, followUpId: "", saved: true });
  }
  const { problems, answers } = parseAnswers((name) => field(form, name), { labsOnly: true });
  if (Object.keys(problems).length) {
    const errors: Record<string, string> = {};
    for (const [name, problem] of Object.entries(problems)) {
      const m = LAB_MARKERS.find((l) => labField(l.key) === name);
      errors[name] = t(`aftercare:errors.${problem}`, { min: m?.min, max: m?.max });
    }
    return refuse(errors);
  }
  try {
    await saveLabs(kase.id, input.followUpId, answers.labs, user.id);
  } catch (error) {
    if (error instanceof FollowUpError)
      return refuse({ form: t("aftercare:errors.not_found") }, 404);
    throw error;
  }
  await audit({
    actorId: user.id,
    action: "aftercare.labs.write",
    entity: "FollowUp",
    entityId: input.followUpId,
    caseId: kase.id,
    ip: clientIp(context),
    outcome: "success",
  });
  return data({ intent, errors: none, values: none, followUpId: input.followUpId, saved: true });
}

export default function StaffAftercare() {
  const { t } = useTranslation(["aftercare", "common"]);
  const { kase, followUps, canCloseTasks, picked, timeZone, now, overdueDays, threshold } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { i18n } = useTranslation();
  const lng = i18n.language;
  const done = followUps.filter((f) => f.status === "COMPLETED");
  const baseline = done.find((f) => f.kind === "BASELINE");
  const ordered = baseline ? [baseline, ...done.filter((f) => f !== baseline)] : done;
  const openTasks = kase.tasks.filter((task) => !task.resolvedAt);
  const labErrors =
    actionData?.intent === "labs" && !actionData.saved ? actionData.errors : undefined;
  const selected =
    (actionData?.intent === "labs" && actionData.followUpId) ||
    (followUps.some((f) => f.id === picked) ? picked : "") ||
    followUps.find((f) => f.status === "COMPLETED" && f.labs.length === 0)?.id ||
    followUps[0]?.id ||
    "";
  const current = followUps.find((f) => f.id === selected);
  const labValues =
    labErrors && actionData
      ? actionData.values
      : Object.fromEntries((current?.labs ?? []).map((l) => [labField(l.marker), String(l.value)]));
  const labLabels = Object.fromEntries(
    LAB_MARKERS.map((m) => [labField(m.key), t(`lab.${m.key}`)]),
  );
  return (
    <section className="aftercare-staff">
      <p>
        <Link to={`/staff/cases/${kase.id}`}>{t("staff.back", { number: kase.number })}</Link>
      </p>
      <h1>
        {t("staff.title")} · <span dir="auto">{kase.patient.name}</span>
      </h1>
      <p className="muted">{t("staff.intro", { threshold: formatNumber(threshold, lng) })}</p>

      <section className="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t("staff.tasks", { count: openTasks.length })}</h2>
        {actionData?.intent === "resolve" && actionData.saved ? (
          <p role="status" className="notice ok">
            {t("staff.taskClosed")}
          </p>
        ) : null}
        {actionData?.intent === "resolve" && !actionData.saved ? (
          <p role="alert" className="field-error">
            {actionData.errors.form}
          </p>
        ) : null}
        {kase.tasks.length === 0 ? <p className="muted">{t("staff.noTasks")}</p> : null}
        <ul className="task-list">
          {kase.tasks.map((task) => (
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
                      measure: t(`prom.${w.key}.short`),
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
              ) : canCloseTasks ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="resolve" />
                  <input type="hidden" name="taskId" value={task.id} />
                  <label htmlFor={`note-${task.id}`}>{t("staff.resolutionNote")}</label>
                  <input id={`note-${task.id}`} name="note" maxLength={TEXT_MAX} />
                  <button type="submit" disabled={navigation.state === "submitting"}>
                    {t("staff.closeTask")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="charts-title">
        <h2 id="charts-title">{t("staff.proms")}</h2>
        {!baseline ? <p className="notice">{t("staff.noBaseline")}</p> : null}
        {done.length === 0 ? (
          <p className="muted">{t("staff.noAnswers")}</p>
        ) : (
          <div className="chart-grid">
            {PROMS.map((m) => {
              const points = ordered
                .filter((f) => f[m.key] !== null)
                .map((f) => ({
                  at: f.completedAt ?? f.dueAt,
                  value: f[m.key] as number,
                  baseline: f.kind === "BASELINE",
                }));
              return points.length ? (
                <OutcomeChart
                  key={m.key}
                  title={t(`prom.${m.key}.short`)}
                  points={points}
                  min={m.min}
                  max={m.key === "flares" || m.key === "steroidDoseMg" ? 0 : m.max}
                  locale={lng}
                  timeZone={timeZone}
                  worseUp={m.worse === "up"}
                />
              ) : null;
            })}
          </div>
        )}
        <h2>{t("staff.labs")}</h2>
        <div className="chart-grid">
          {LAB_MARKERS.map((m) => {
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
                title={`${t(`lab.${m.key}`)} (${m.unit})`}
                points={points}
                min={0}
                max={0}
                locale={lng}
                timeZone={timeZone}
                worseUp
              />
            ) : null;
          })}
        </div>
      </section>

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
                {PROMS.map((m) => (
                  <th key={m.key} scope="col">
                    {t(`prom.${m.key}.short`)}
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
                    {PROMS.map((m) => (
                      <td key={m.key}>
                        {f[m.key] === null ? "–" : formatNumber(f[m.key] as number, lng)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {followUps.length ? (
        <section className="card" aria-labelledby="labs-title">
          <h2 id="labs-title">{t("staff.enterLabs")}</h2>
          {actionData?.intent === "labs" && actionData.saved ? (
            <p role="status" className="notice ok">
              {t("staff.labsSaved")}
            </p>
          ) : null}
          <ErrorSummary errors={labErrors} order={Object.keys(labLabels)} labels={labLabels} />
          {labErrors?.form ? (
            <p role="alert" className="field-error">
              {labErrors.form}
            </p>
          ) : null}
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
          <Form method="post" key={selected}>
            <input type="hidden" name="intent" value="labs" />
            <input type="hidden" name="followUpId" value={selected} />
            <p>
              <strong>{current ? followUpTitle(t, current.label, lng) : ""}</strong>
            </p>
            <LabFields errors={labErrors} values={labValues} />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("staff.saveLabs")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
