/**
 * Outcomes for the care team: each PROM and lab marker over time against the baseline
 * (server-rendered SVG with the numbers in a table beside it), the follow-up plan with the
 * reminders sent, lab values entered from a report, and the clinicians' worsening tasks.
 * Clinicians, coordinators and admins read it (audited: it is health data); clinicians and
 * admins close tasks; any of them may enter lab values (audited). Clinicians complete the
 * discharge and handover pack (issue 25; "handover:write", audited), and everyone reading the
 * page sees the lab values the home doctor entered through the patient's share link.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { markerWords } from "~/components/aftercare";
import { HandoverEditor, HomeDoctorLabs } from "~/components/aftercare/handover";
import { FollowUpPlan, LabEntry, OutcomeCharts, TaskList } from "~/components/aftercare/outcomes";
import type { FormReply } from "~/components/form";
import { env } from "~/env.server";
import { aftercareFormFor } from "~/forms/handover";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { can } from "~/lib/permissions";
import {
  caseOutcomes,
  closeTask,
  FollowUpError,
  getOutcomes,
  LabCheckError,
  saveLabs,
} from "~/models/aftercare/aftercare.server";
import { assertCan, requirePermission } from "~/models/auth/auth.server";
import { handoverView, HandoverError, saveHandover } from "~/models/handover/handover.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["aftercare", "handover"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "aftercare:staff.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "aftercare:read");
  const outcomes = await getOutcomes({
    caseId: params.caseId ?? "",
    actorId: user.id,
    ip: clientIp(context),
  });
  const { locale } = await detectLocale(request, user.locale);
  return {
    ...outcomes,
    handover: await handoverView(outcomes.kase.id, locale),
    canWriteHandover: can(user, "handover:write"),
    canCloseTasks: can(user, "task:close"),
    picked: new URL(request.url).searchParams.get("f") ?? "",
    timeZone: user.timeZone,
    now: new Date().toISOString(),
    formKey: newFormKey(),
    overdueDays: env().FOLLOW_UP_OVERDUE_DAYS,
  };
}

/** The form an answer belongs to: each task and each follow-up's labs are their own. */
function formOf(payload: Record<string, unknown>) {
  const id = (name: string) => (typeof payload[name] === "string" ? payload[name] : "");
  if (payload.intent === "handover") return "handover";
  return payload.intent === "resolve" ? `task-${id("taskId")}` : `labs-${id("followUpId")}`;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "aftercare:read");
  const caseId = params.caseId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["aftercare", "handover", "common"]);
  // The markers of the versions the case's follow-ups were made with.
  const outcomes = await caseOutcomes(caseId);
  const { submission, sent } = await readSubmission(request, aftercareFormFor(outcomes), t);
  const form = formOf(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  const actor = { actorId: user.id, ip: clientIp(context) };
  const refused = (status: number, message: string) =>
    answer(status, { result: submission.reply({ formErrors: [t(message)] }) });
  if (input.intent === "handover") {
    assertCan(user, "handover:write");
    try {
      await saveHandover({
        ...actor,
        caseId,
        locale,
        medication: input.med,
        followUpPlan: input.followUpPlan,
        warningSigns: input.warningSigns,
        formKey: sent,
      });
    } catch (error) {
      if (error instanceof FormReplay) {
        return answer(409, { result: replayReply(submission, error, t) });
      }
      if (!(error instanceof HandoverError)) throw error;
      if (error.code === "not_found") return refused(404, "errors.not_found");
      return refused(409, "handover:errors.notYet");
    }
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("handover:staff.saved"),
    });
  }
  if (input.intent === "resolve") {
    assertCan(user, "task:close");
    const closed = await closeTask({ ...actor, caseId, taskId: input.taskId, note: input.note });
    if (!closed) return refused(409, "errors.taskGone");
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("staff.taskClosed"),
    });
  }
  assertCan(user, "labs:write");
  try {
    await saveLabs({
      ...actor,
      caseId,
      followUpId: input.followUpId,
      labs: input.lab,
      checked: input.checked,
      formKey: sent,
    });
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof FollowUpError) return refused(404, "errors.not_found");
    if (!(error instanceof LabCheckError)) throw error;
    // Nothing saved: each doubtful value is named with its plausible range, what was typed
    // stays, and the form asks for "I have checked this value".
    const lng = locale;
    const markerName = (key: string) => {
      const m = outcomes.markers.find((x) => x.key === key);
      return m ? markerWords(t, m, lng) : key;
    };
    const fieldErrors: Record<string, string[]> = Object.fromEntries(
      error.values.map((v) => [
        `lab.${v.key}`,
        [
          t("errors.implausible", {
            marker: markerName(v.key),
            value: formatNumber(v.value, lng),
            low: formatNumber(v.low, lng),
            high: formatNumber(v.high, lng),
            unit: v.unit ?? "",
          }),
        ],
      ]),
    );
    fieldErrors.checked = [t("errors.checkImplausible")];
    return answer(400, { result: submission.reply({ fieldErrors }) });
  }
  return answer(200, { result: submission.reply({ resetForm: true }), done: t("staff.labsSaved") });
}

export default function StaffAftercare() {
  const { t } = useTranslation("aftercare");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="aftercare-staff">
      <p>
        <Link to={`/staff/cases/${d.kase.id}`}>{t("staff.back", { number: d.kase.number })}</Link>
      </p>
      <h1>
        {t("staff.title")} · <span dir="auto">{d.kase.patient.name}</span>
      </h1>
      <p className="muted">{t("staff.introData")}</p>
      <TaskList
        tasks={d.kase.tasks}
        outcomes={d.outcomes}
        canClose={d.canCloseTasks}
        timeZone={d.timeZone}
        reply={reply}
        busy={busy}
      />
      <OutcomeCharts followUps={d.followUps} outcomes={d.outcomes} timeZone={d.timeZone} />
      <FollowUpPlan
        followUps={d.followUps}
        outcomes={d.outcomes}
        timeZone={d.timeZone}
        now={d.now}
        overdueDays={d.overdueDays}
      />
      <HomeDoctorLabs
        labs={d.handover?.homeDoctorLabs ?? []}
        outcomes={d.outcomes}
        timeZone={d.timeZone}
      />
      {d.followUps.length ? (
        <LabEntry
          followUps={d.followUps}
          outcomes={d.outcomes}
          picked={d.picked}
          formKey={d.formKey}
          reply={reply}
          busy={busy}
        />
      ) : null}
      <HandoverEditor
        caseId={d.kase.id}
        handover={d.handover}
        canWrite={d.canWriteHandover}
        formKey={d.formKey}
        timeZone={d.timeZone}
        reply={reply}
        busy={busy}
      />
    </section>
  );
}
