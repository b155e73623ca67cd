/**
 * One follow-up for the patient: the PROM questionnaire (every answer required), the lab
 * values they have (optional), and their lab report as a file (checked by content and
 * stored encrypted). Once sent, the answers are shown read-only. A bad answer comes back
 * with a localized message beside its field, focus on the first, and everything typed kept.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowUpTitle } from "~/components/aftercare";
import { FollowUpQuestionnaire } from "~/components/aftercare/follow-up";
import { FormDone, type FormReply } from "~/components/form";
import { env } from "~/env.server";
import { followUpFormFor } from "~/forms/aftercare";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { UploadError } from "~/infra/document-store.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { formatDate } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import {
  answerFollowUp,
  FollowUpError,
  getPatientFollowUp,
} from "~/models/aftercare/aftercare.server";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { BackLink, ltr } from "~/components/bidi";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "aftercare"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.aftercare");

const maxMb = () => Math.floor(env().UPLOAD_MAX_BYTES / 1024 / 1024);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "aftercare");
  const f = await getPatientFollowUp(user.id, params.caseId ?? "", params.followUpId ?? "");
  return { ...f, timeZone: user.timeZone, maxMb: maxMb(), formKey: newFormKey() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "aftercare");
  const f = await getPatientFollowUp(user.id, params.caseId ?? "", params.followUpId ?? "");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["aftercare", "enquiry", "common"]);
  const max = maxMb();
  // The form of the version the follow-up was made with.
  const schema = followUpFormFor(f.outcomes);
  const { submission, form, sent } = await readSubmission(request, schema, t, {
    maxFileBytes: env().UPLOAD_MAX_BYTES,
    maxFiles: 1,
  });
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: "followup", ...reply }, { status });
  const refused = (status: number, message: string) =>
    answer(status, { result: submission.reply({ formErrors: [message] }) });
  if (f.kase.consentWithdrawnAt) return refused(409, t("errors.consentWithdrawn"));
  if (new Date(f.opensAt).getTime() > Date.now()) return refused(409, t("errors.notYet"));
  const limit = await hit(`followup:user:${user.id}`, LIMITS.messagePerUser);
  if (!limit.allowed) {
    return refused(429, t("errors.rateLimited", { minutes: Math.ceil(limit.retryAfterS / 60) }));
  }
  // The lab report: at most one file, within the size limit.
  const fileProblem = form.tooManyFiles
    ? t("enquiry:errors.file.tooMany", { max: 1 })
    : form.oversized.length
      ? t("enquiry:errors.file.tooLarge", { name: form.oversized[0], max })
      : null;
  if (submission.status !== "success" || fileProblem) {
    const fieldErrors = fileProblem ? { labReport: [fileProblem] } : undefined;
    return answer(400, { result: submission.reply(fieldErrors ? { fieldErrors } : undefined) });
  }
  try {
    await answerFollowUp({
      patientId: user.id,
      caseId: f.kase.id,
      followUpId: f.followUp.id,
      answers: { proms: submission.value.prom, labs: submission.value.lab },
      reports: form.files,
      formKey: sent,
    });
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof UploadError) {
      const message = t(`enquiry:errors.file.${error.problem}`, { name: error.fileName, max });
      return answer(400, { result: submission.reply({ fieldErrors: { labReport: [message] } }) });
    }
    if (error instanceof FollowUpError) return refused(409, t(`errors.${error.code}`));
    throw error;
  }
  return answer(200, { result: submission.reply({ resetForm: true }), done: t("portal.thanks") });
}

export default function FollowUpPage() {
  const { t, i18n } = useTranslation("aftercare");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const lng = i18n.language;
  const { followUp, kase } = d;
  const completed = followUp.status === "COMPLETED";
  return (
    <div className="portal">
      <p>
        <BackLink to={`/portal/cases/${kase.id}/aftercare`}>{t("portal.backToList")}</BackLink>
      </p>
      <section className="card" aria-labelledby="followup-title">
        <h1 id="followup-title">
          <FollowUpTitle label={followUp.label} />
        </h1>
        <p className="muted">
          {t("portal.dueOn", { date: formatDate(followUp.dueAt, lng, d.timeZone) })} ·{" "}
          {t("portal.caseNumber", { number: ltr(kase.number) })}
        </p>
        <FormDone message={reply?.done} />
        {completed && !reply?.done ? (
          <p className="notice">
            {t("portal.completedOn", {
              date: formatDate(followUp.completedAt ?? followUp.dueAt, lng, d.timeZone),
            })}
          </p>
        ) : null}
        {!completed && !d.open ? (
          <p className="notice">
            {t("portal.opensOn", { date: formatDate(d.opensAt, lng, d.timeZone) })}
          </p>
        ) : null}
        <FollowUpQuestionnaire
          outcomes={d.outcomes}
          values={d.values}
          editable={d.open && !completed}
          completed={completed}
          maxMb={d.maxMb}
          formKey={d.formKey}
          reply={reply}
          busy={busy}
        />
      </section>
    </div>
  );
}
