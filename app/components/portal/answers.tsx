/** The patient's own enquiries on their case page: what they told the clinic, as they gave it. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatList, formatNumber, formatYear } from "~/lib/format";
import { QuestionAnswers } from "~/components/enquiry/question-answers";
import type { PatientCase } from "~/models/cases/portal.server";

export function EnquiryAnswers({ kase, timeZone }: { kase: PatientCase; timeZone: string }) {
  const { t, i18n } = useTranslation("portal");
  const lng = i18n.language;
  return (
    <section className="card" aria-labelledby="answers-title">
      <h2 id="answers-title">{t("answers.title")}</h2>
      {kase.enquiries.map((e) => (
        <div key={e.id} className="enquiry-answers">
          <h3>{t("answers.submitted", { date: formatDateTime(e.createdAt, lng, timeZone) })}</h3>
          <dl className="facts">
            <dt>{t("enquiry:fields.diagnosis")}</dt>
            <dd>{e.diagnosis}</dd>
            {e.diagnosedYear ? (
              <>
                <dt>{t("enquiry:fields.diagnosedYear")}</dt>
                <dd>{formatYear(e.diagnosedYear, lng)}</dd>
              </>
            ) : null}
            {e.medication ? (
              <>
                <dt>{t("enquiry:fields.medication")}</dt>
                <dd>{e.medication}</dd>
              </>
            ) : null}
            {e.steroidDoseMg !== null ? (
              <>
                <dt>{t("enquiry:fields.steroidDose")}</dt>
                <dd>{formatNumber(e.steroidDoseMg, lng)} mg</dd>
              </>
            ) : null}
            {e.organs ? (
              <>
                <dt>{t("enquiry:fields.organs")}</dt>
                <dd>
                  {formatList(
                    e.organs.split(",").map((o) => t(`enquiry:organs.${o}`)),
                    lng,
                  )}
                </dd>
              </>
            ) : null}
            {kase.questionnaires[e.id] ? (
              <QuestionAnswers
                questionnaire={kase.questionnaires[e.id]!}
                answers={e.answers}
                locale={lng}
              />
            ) : null}
          </dl>
        </div>
      ))}
      <p className="muted small">
        {t("answers.change")} <Link to="/portal/settings">{t("nav.settings")}</Link>
      </p>
    </section>
  );
}
