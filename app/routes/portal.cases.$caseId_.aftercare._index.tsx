/**
 * The patient's aftercare: the baseline questionnaire before treatment and the follow-ups
 * after it, each with its due date in the patient's zone and whether it is done, due or
 * overdue; then their own answers and lab results as charts against the baseline, in their
 * language (right to left in Arabic and Persian). Another patient's case answers 404.
 *
 * In aftercare, the discharge and handover pack (issue 25): the PDF and the FHIR summary to
 * download, and the links the patient gives their home doctor (made, listed and revoked here),
 * with the lab values the doctor entered through one.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowUpTitle, followUpState } from "~/components/aftercare";
import { OutcomeCharts } from "~/components/aftercare/outcomes";
import { env } from "~/env.server";
import { opensAt } from "~/lib/aftercare";
import { formatDate } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { getPatientAftercare } from "~/models/aftercare/aftercare.server";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { BackLink, ltr } from "~/components/bidi";
import type { FormReply } from "~/components/form";
import { HomeDoctorLabs } from "~/components/aftercare/handover";
import { ShareLinks } from "~/components/aftercare/handover-share";
import { ShareForm } from "~/forms/handover";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { handoverView } from "~/models/handover/handover.server";
import {
  createShareLink,
  listShareLinks,
  revokeShareLink,
  ShareError,
} from "~/models/handover/share.server";
import { requirePatientCase } from "~/models/cases/portal.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal", "aftercare", "handover"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.aftercare");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "aftercare");
  const kase = await getPatientAftercare(user.id, params.caseId ?? "");
  const { locale } = await detectLocale(request, user.locale);
  const handover = await handoverView(kase.id, locale);
  return {
    kase,
    handover,
    links: handover ? await listShareLinks(user.id, kase.id) : [],
    formKey: newFormKey(),
    timeZone: user.timeZone,
    now: new Date().toISOString(),
    overdueDays: env().FOLLOW_UP_OVERDUE_DAYS,
  };
}

/** The share link just made: shown once (only its hash is kept). */
export type ShareReply = FormReply & { url?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  // Another patient's case is not found, before anything is read from the form.
  const kase = await requirePatientCase(user.id, params.caseId ?? "");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["handover", "common"]);
  const { submission, sent } = await readSubmission(request, ShareForm, t);
  const form = submission.payload.intent === "revoke" ? "revoke" : "share";
  const answer = (status: number, reply: Omit<ShareReply, "form">) =>
    data<ShareReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  if (input.intent === "revoke") {
    await revokeShareLink(user.id, kase.id, input.linkId);
    return answer(200, { result: submission.reply(), done: t("portal.revokedDone") });
  }
  try {
    const link = await createShareLink({
      patientId: user.id,
      caseId: kase.id,
      label: input.label,
      days: input.days,
      formKey: sent,
    });
    const origin = new URL(request.url).origin;
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("portal.created"),
      url: `${origin}/share/${link.token}`,
    });
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (!(error instanceof ShareError)) throw error;
    return answer(409, {
      result: submission.reply({ formErrors: [t("handover:errors.notYet")] }),
    });
  }
}

export default function PatientAftercare() {
  const { t, i18n } = useTranslation("aftercare");
  const { kase, timeZone, now, overdueDays, handover, links, formKey } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const lng = i18n.language;
  const today = new Date(now);
  return (
    <div className="portal">
      <p>
        <BackLink to={`/portal/cases/${kase.id}`}>
          {t("portal.back", { number: ltr(kase.number) })}
        </BackLink>
      </p>
      <section className="card" aria-labelledby="aftercare-title">
        <h1 id="aftercare-title">{t("portal.title")}</h1>
        <p>{t("portal.intro")}</p>
        {kase.followUps.length === 0 ? (
          <p className="muted">{t("portal.none")}</p>
        ) : (
          <ul className="followup-list">
            {kase.followUps.map((f) => {
              const state = followUpState(f, today, overdueDays);
              const open = f.status === "SCHEDULED" && opensAt(f.dueAt) <= today;
              return (
                <li key={f.id} className={`followup ${state}`}>
                  <div>
                    <strong>
                      <FollowUpTitle label={f.label} />
                    </strong>
                    <br />
                    <span className="muted small">
                      {f.completedAt
                        ? t("portal.completedOn", {
                            date: formatDate(f.completedAt, lng, timeZone),
                          })
                        : t("portal.dueOn", { date: formatDate(f.dueAt, lng, timeZone) })}
                    </span>{" "}
                    <span className={`badge state-${state}`}>{t(`state.${state}`)}</span>
                  </div>
                  {open ? (
                    <Link className="button" to={f.id}>
                      {t("portal.start")}
                    </Link>
                  ) : f.status === "COMPLETED" ? (
                    <Link to={f.id}>{t("portal.view")}</Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {kase.followUps.some((f) => f.status === "COMPLETED" || f.labs.length) ? (
        <OutcomeCharts
          followUps={kase.followUps}
          outcomes={kase.outcomes}
          timeZone={timeZone}
          audience="patient"
        />
      ) : null}
      {handover ? (
        <HomeDoctorLabs
          labs={handover.homeDoctorLabs}
          outcomes={kase.outcomes}
          timeZone={timeZone}
          audience="patient"
        />
      ) : null}
      <ShareLinks
        caseId={kase.id}
        ready={Boolean(handover)}
        links={links}
        formKey={formKey}
        timeZone={timeZone}
        now={now}
        reply={reply}
      />
    </div>
  );
}
