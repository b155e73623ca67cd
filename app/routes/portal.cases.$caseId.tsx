/**
 * One case, as the patient sees it: where it stands, what is needed from them next, the
 * conversation with the care team, the timeline, their documents (with upload), their own
 * answers, and the places later parts of the journey fill in (quote, appointments,
 * itinerary and follow-ups) as far as the case's stage makes them true. The message and the upload each carry a key: sent once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply, SubmissionResult } from "~/components/form";
import { EnquiryAnswers } from "~/components/portal/answers";
import { CaseSummary, CaseTimeline, TreatmentPlan } from "~/components/portal/case-summary";
import { Documents } from "~/components/portal/documents";
import { JourneyCards } from "~/components/portal/journey";
import { Messages } from "~/components/portal/messages";
import { RowText } from "~/components/translated";
import { clinicZone } from "~/models/site/clinic-settings.server";
import { PatientCaseForm } from "~/forms/portal-case";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { MAX_FILES_PER_UPLOAD, UploadError } from "~/infra/document-store.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { translatedTitle } from "~/lib/meta";
import { requirePatient } from "~/models/auth/auth.server";
import { consentOnCasePage } from "~/models/consent/consent.server";
import {
  getPatientCase,
  requirePatientCase,
  sendPatientMessage,
  uploadPatientRecords,
} from "~/models/cases/portal.server";
import {
  checkUploads,
  maxUploadMb,
  uploadLimits,
  uploadProblem,
} from "~/models/enquiry/uploads.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = {
  i18n: ["stages", "enquiry", "portal", "finance", "travel", "aftercare"],
};

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:case.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await getPatientCase(user.id, params.caseId ?? "");
  return {
    kase,
    consent: await consentOnCasePage(kase.id),
    timeZone: user.timeZone,
    clinicTimeZone: clinicZone(),
    maxMb: maxUploadMb(),
    maxFiles: MAX_FILES_PER_UPLOAD,
    formKeys: { message: newFormKey(), upload: newFormKey() },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await requirePatientCase(user.id, params.caseId ?? "");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["portal", "enquiry", "common"]);
  const { submission, form, sent } = await readSubmission(
    request,
    PatientCaseForm,
    t,
    uploadLimits(),
  );
  const id = submission.payload.intent === "upload" ? "upload" : "message";
  const answer = (status: number, result: SubmissionResult<string[]>, done?: string) =>
    data<FormReply>({ form: id, result, done }, { status });
  const refuse = (status: number, field: "body" | "files", message: string) =>
    answer(status, submission.reply({ fieldErrors: { [field]: [message] } }));
  if (submission.status !== "success") return answer(400, submission.reply());

  try {
    if (submission.value.intent === "message") {
      const limit = await hit(`message:user:${user.id}`, LIMITS.messagePerUser);
      if (!limit.allowed) {
        const minutes = Math.ceil(limit.retryAfterS / 60);
        return refuse(429, "body", t("messages.rateLimited", { minutes }));
      }
      await sendPatientMessage(user.id, kase.id, submission.value.body, sent);
      return answer(200, submission.reply({ resetForm: true }), t("messages.sent"));
    }

    if (kase.consentWithdrawnAt) return refuse(409, "files", t("documents.consentWithdrawn"));
    const limit = await hit(`upload:user:${user.id}`, LIMITS.uploadPerUser);
    if (!limit.allowed) {
      const minutes = Math.ceil(limit.retryAfterS / 60);
      return refuse(429, "files", t("documents.rateLimited", { minutes }));
    }
    const upload = await checkUploads(form, true);
    if (upload.problem) return refuse(400, "files", t(upload.problem.key, upload.problem.values));
    const ids = await uploadPatientRecords(user.id, kase.id, upload.files, sent);
    const done = t("documents.uploaded", { count: ids.length });
    return answer(200, submission.reply({ resetForm: true }), done);
  } catch (error) {
    if (error instanceof FormReplay) return answer(409, replayReply(submission, error, t));
    if (!(error instanceof UploadError)) throw error;
    // The case holds as many documents as it may.
    const problem = uploadProblem(error);
    return refuse(400, "files", t(problem.key, problem.values));
  }
}

export default function PatientCase() {
  const { t } = useTranslation("portal");
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { kase, timeZone } = page;
  // What this stage shows, and nothing else (app/lib/portal-view.ts).
  const { stage, cards } = kase.view;
  const programmeName = <RowText row={kase.programme} field="name" />;
  // After an enquiry was confirmed (from the emailed link or the portal) or sent signed in.
  const enquiryNotice = useSearchParams()[0].get("enquiry");
  return (
    <div className="portal">
      {enquiryNotice === "confirmed" || enquiryNotice === "added" ? (
        <p className="notice ok" role="status">
          {t("pending.added")}
        </p>
      ) : null}
      <CaseSummary
        kase={kase}
        stage={stage}
        programmeName={programmeName}
        timeZone={timeZone}
        consent={page.consent}
      />
      <Messages kase={kase} timeZone={timeZone} reply={reply} formKey={page.formKeys.message} />
      {cards.plan.shown ? <TreatmentPlan kase={kase} /> : null}
      <div className="portal-grid">
        <CaseTimeline kase={kase} timeZone={timeZone} />
        <Documents
          kase={kase}
          timeZone={timeZone}
          reply={reply}
          formKey={page.formKeys.upload}
          maxMb={page.maxMb}
          maxFiles={page.maxFiles}
        />
        <JourneyCards kase={kase} timeZone={timeZone} clinicTimeZone={page.clinicTimeZone} />
      </div>
      <EnquiryAnswers kase={kase} timeZone={timeZone} />
    </div>
  );
}
