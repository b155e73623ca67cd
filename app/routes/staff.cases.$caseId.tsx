/**
 * One case, for staff. The loader reads it through getStaffCase() (permission, the view,
 * audited). Each form posts an `intent` (app/forms/case.ts); the action checks it against
 * the actor's permission (and audits a refusal) before the model, which checks again and
 * does the work in one transaction. Every answer is a FormReply for the form that was sent.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { CaseHeader, ConsentNotice } from "~/components/case/header";
import { HealthSection } from "~/components/case/health";
import { MessagesSection } from "~/components/case/messages";
import { NotesSection } from "~/components/case/notes";
import { ReviewSection } from "~/components/case/review";
import { caseSections, JourneySection, SectionNav } from "~/components/case/sections";
import { StageActions } from "~/components/case/stage-actions";
import { SummarySection } from "~/components/case/summary";
import { TaskPanel } from "~/components/case/tasks";
import { Timeline } from "~/components/case/timeline";
import type { FormReply } from "~/components/form";
import { CaseForm, caseFormId, includedSteps, type CaseInput } from "~/forms/case";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/infra/audit.server";
import {
  FormReplay,
  newFormKey,
  readSubmission,
  replayReply,
  type SentForm,
} from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { conflictText } from "~/lib/itinerary";
import { translatedTitle } from "~/lib/meta";
import { can } from "~/lib/permissions";
import { PLAN_MAX_STEPS } from "~/lib/review";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { getStaffCase, listActiveCoordinators } from "~/models/cases/case.server";
import { consentStatus } from "~/models/consent/consent.server";
import { ConsentStatus } from "~/components/consent/consent-status";
import { patientLanguageWarning } from "~/models/cases/patient-language.server";
import { caseTasks } from "~/models/tasks/tasks.server";
import { changeStage, StageChangeError } from "~/models/cases/stage.server";
import { insuranceGapLines } from "~/models/travel/insurance.server";
import {
  addNote,
  assignCoordinator,
  may,
  messagePatient,
  recordDecision,
  requestMoreInfo,
  savePlan,
  WORK_PERMISSIONS,
  WorkError,
  type StaffActor,
  type Work,
} from "~/models/cases/workspace.server";
import {
  caseFitToFly,
  FitToFlyError,
  revokeFitToFly,
  signFitToFly,
} from "~/models/travel/travel-rules.server";
import { FitToFlySection } from "~/components/travel/fit-to-fly";
import type { loader as rootLoader } from "~/root";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = {
  i18n: ["stages", "enquiry", "portal", "privacy", "finance", "travel", "aftercare"],
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  translatedTitle(matches, "cases.number", data?.kase.number);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "case:read");
  const page = await getStaffCase(user, params.caseId ?? "", clientIp(context));
  const works = Object.fromEntries(
    (Object.keys(WORK_PERMISSIONS) as Work[]).map((w) => [w, may(user.role, w)]),
  ) as Record<Work, boolean>;
  return {
    ...page,
    coordinators: works.assign ? await listActiveCoordinators() : [],
    can: works,
    links: {
      quote: can(user, "quote:read"),
      schedule: can(user, "schedule:read"),
      travel: can(user, "travel:read"),
      aftercare: can(user, "aftercare:read"),
    },
    formKey: newFormKey(),
    // The procedure consent (issue 25): its state for everyone on the case, the PDFs for the
    // clinical team.
    signedConsent: { ...(await consentStatus(page.kase.id)), download: can(user, "consent:read") },
    // The clinician's fit-to-fly sign-off (issue 25): health data, for those who read it.
    fitToFly: page.health ? await caseFitToFly(page.kase.id) : null,
    timeZone: user.timeZone,
    now: new Date().toISOString(),
    // The task panel (issue 22): its forms post to staff.cases.$caseId_.tasks.
    tasks: {
      ...(await caseTasks({ ...user, ip: clientIp(context) }, page.kase.id)),
      formKey: newFormKey(),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "case:read");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common", "stages", "travel"]);
  const caseId = params.caseId ?? "";
  const actor: StaffActor = { id: user.id, role: user.role, ip: clientIp(context) };
  const { submission, sent } = await readSubmission(request, CaseForm, t);
  const form = caseFormId(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });

  const input = submission.value;
  const record = (outcome: "denied" | "refused", action: string, detail: string) =>
    audit({
      actorId: user.id,
      action,
      entity: "Case",
      entityId: caseId,
      caseId,
      ip: actor.ip,
      outcome,
      detail,
    });
  const refuse = (status: number, message: string) =>
    answer(status, { result: submission.reply({ formErrors: [message] }) });

  // Every intent but "stage" is named after the work it does (WORK_PERMISSIONS).
  if (input.intent !== "stage" && !may(user.role, input.intent)) {
    await record("denied", `case.${input.intent}`, `role ${user.role}`);
    return refuse(403, t("work.errors.forbidden"));
  }
  // Text for the patient in a language they do not read is not sent without "Send anyway".
  const language = await patientLanguageWarning(caseId, patientTexts(input), submission.payload);
  if (language) return answer(409, { result: submission.reply(), language });
  let done = t(`case.done.${input.intent}`);
  try {
    const result = await doWork(caseId, actor, input, sent);
    // The same move sent again once made (a second press, the Back button): done already.
    if (input.intent === "stage" && result && "already" in result && result.already) {
      done = t("case.done.stageAlready", { stage: t(`stages:stage.${input.to}`) });
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof WorkError) {
      if (error.code === "not_found") notFound();
      await record(
        error.code === "forbidden" ? "denied" : "refused",
        `case.${input.intent}`,
        error.key,
      );
      return refuse(error.code === "forbidden" ? 403 : 409, t(error.key, { max: PLAN_MAX_STEPS }));
    }
    if (error instanceof FitToFlyError) {
      if (error.code === "not_found" && input.intent === "fitToFly") notFound();
      await record(error.code === "forbidden" ? "denied" : "refused", "fit_to_fly", error.code);
      const status = { forbidden: 403, not_found: 404, revoked: 409 }[error.code];
      return refuse(status, t(`travel:${error.key}`));
    }
    if (error instanceof StageChangeError) {
      if (error.code === "not_found") notFound();
      const why = `${error.code} ${error.failures.join(",")}`;
      if (input.intent === "stage") {
        await record("refused", "case.stage_change", `${input.from} -> ${input.to}: ${why}`);
      } else await record("refused", `case.${input.intent}`, why);
      const status = input.intent === "stage" && error.code === "forbidden" ? 403 : 409;
      // The insurance guard names the days not covered (issue 25).
      const gaps = error.failures.includes("guard.insuranceMissing")
        ? await insuranceGapLines(caseId, t, locale)
        : [];
      return refuse(status, [stageMessage(t, error, locale), ...gaps].join(" "));
    }
    throw error;
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done,
  });
}

/** The refusal, with each failing guard and each open conflict it is about. */
function stageMessage(t: TFunction, error: StageChangeError, locale: string) {
  return [
    t(`stages:stageErrors.${error.code}`),
    ...error.failures.map((f) => t(`stages:${f}`)),
    ...error.conflicts.map((c) => conflictText(c, t, locale)),
  ].join(" ");
}

/** What of a form the patient reads (PATIENT_TEXT_FORMS): a message, a request, the plan. */
function patientTexts(input: CaseInput): (string | null)[] {
  if (input.intent === "message" || input.intent === "requestInfo") return [input.body];
  if (input.intent !== "plan") return [];
  // A pathway step's name is shown from the catalogue, in the patient's language.
  return includedSteps(input.steps).flatMap((s) => [s.pathwayStepId ? null : s.name, s.notes]);
}

/** The work a form asks for, through the model that does it (and checks the role again). */
async function doWork(caseId: string, actor: StaffActor, input: CaseInput, key: SentForm) {
  switch (input.intent) {
    case "stage":
      return changeStage({
        caseId,
        to: input.to,
        expectedFrom: input.from,
        actor,
        reason: input.reason || undefined,
        override: input.override || undefined,
        sameMoveIsDone: true,
      });
    case "assign":
      return assignCoordinator(caseId, actor, input.coordinatorId, input.was);
    case "note":
      return addNote(caseId, actor, input.body, key);
    case "message":
      return messagePatient(caseId, actor, input.body, key);
    case "requestInfo":
      return requestMoreInfo(caseId, actor, input.kinds, input.body, key);
    case "decide":
      return recordDecision(
        caseId,
        actor,
        input.decision === "NOT_ELIGIBLE"
          ? { decision: "NOT_ELIGIBLE", reasonCode: input.reasonCode!, text: input.text }
          : { decision: "ELIGIBLE", text: input.text || undefined },
        key,
      );
    case "plan":
      return savePlan(caseId, actor, includedSteps(input.steps), key);
    case "fitToFly":
      return { id: await signFitToFly({ caseId, actor, note: input.note || null, formKey: key }) };
    case "fitToFlyRevoke":
      await revokeFitToFly({ caseId, actor, fitToFlyId: input.fitToFlyId });
      return { changed: true };
  }
}

/**
 * A sticky header (the next step and key facts), the section nav, then two columns on a wide
 * screen: the sections on one side, the message thread and the timeline on the other (one
 * column on a phone). Every form posts in place (preventScrollReset): the page keeps its
 * scroll position; without JavaScript the action renders the page again.
 */
export default function CasePage() {
  const loaderData = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const ctx = { ...loaderData, locale, reply };
  const { health, can } = loaderData;
  return (
    <article className="case case-page">
      <CaseHeader {...ctx} />
      <ConsentNotice {...ctx} />
      <SectionNav sections={caseSections(ctx)} />
      <div className="case-columns">
        <div className="case-main">
          <SummarySection {...ctx} />
          {health ? <HealthSection {...ctx} /> : null}
          {health ? <ReviewSection {...ctx} /> : null}
          <JourneySection {...ctx} />
          <ConsentStatus
            caseId={loaderData.kase.id}
            status={loaderData.signedConsent}
            timeZone={loaderData.timeZone}
          />
          {loaderData.fitToFly ? (
            <FitToFlySection
              state={loaderData.fitToFly}
              canSign={can.fitToFly}
              formKey={loaderData.formKey}
              reply={reply}
              locale={locale}
              timeZone={loaderData.timeZone}
            />
          ) : null}
          <TaskPanel
            caseId={loaderData.kase.id}
            tasks={loaderData.tasks}
            locale={locale}
            timeZone={loaderData.timeZone}
            now={loaderData.now}
          />
          {health && can.note ? <NotesSection {...ctx} /> : null}
          <StageActions {...ctx} />
        </div>
        <div className="case-side">
          {health && (can.message || can.requestInfo) ? <MessagesSection {...ctx} /> : null}
          <Timeline {...ctx} />
        </div>
      </div>
    </article>
  );
}
