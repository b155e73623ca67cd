/** The patient's own answers with red flags marked, and their medical records (health data). */
import { useTranslation } from "react-i18next";
import { formatDateTime, formatList, formatNumber } from "~/lib/format";
import { QuestionAnswers } from "~/components/enquiry/question-answers";
import type { CaseCtx } from "./context";

export function HealthSection({ kase, locale, timeZone, questionnaires }: CaseCtx) {
  const { t } = useTranslation(["common", "enquiry"]);
  return (
    <>
      <section className="card" aria-labelledby="answers-h">
        <h2 id="answers-h">{t("case.answers")}</h2>
        {kase.enquiries.length === 0 ? <p className="muted">{t("case.noAnswers")}</p> : null}
        {kase.enquiries.map((e) => (
          <div key={e.id} className="enquiry-answers">
            <h3>
              {t("case.submitted", { date: formatDateTime(e.createdAt, locale, timeZone) })}
              {e.redFlagCount > 0 ? (
                <span className="flag"> · {t("cases.redFlags", { n: e.redFlagCount })}</span>
              ) : null}
            </h3>
            <dl className="facts">
              <dt>{t("enquiry:fields.diagnosis")}</dt>
              <dd>
                <bdi>{e.diagnosis}</bdi>
              </dd>
              <dt>{t("enquiry:fields.diagnosedYear")}</dt>
              <dd>{e.diagnosedYear ?? "—"}</dd>
              <dt>{t("enquiry:fields.medication")}</dt>
              <dd>
                <bdi>{e.medication ?? "—"}</bdi>
              </dd>
              <dt>{t("enquiry:fields.steroidDose")}</dt>
              <dd>
                {e.steroidDoseMg === null ? "—" : `${formatNumber(e.steroidDoseMg, locale)} mg`}
              </dd>
              <dt>{t("enquiry:fields.organs")}</dt>
              <dd>
                {e.organs
                  ? formatList(
                      e.organs.split(",").map((o) => t(`enquiry:organs.${o}`)),
                      locale,
                    )
                  : "—"}
              </dd>
              {questionnaires[e.id] ? (
                <QuestionAnswers
                  questionnaire={questionnaires[e.id]!}
                  answers={e.answers}
                  locale={locale}
                  flags
                />
              ) : null}
            </dl>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="docs-h">
        <h2 id="docs-h">{t("case.documents")}</h2>
        {kase.documents.length === 0 ? <p className="muted">{t("case.noDocuments")}</p> : null}
        <ul className="documents">
          {kase.documents.map((d) => (
            <li key={d.id}>
              <a href={`/staff/cases/${kase.id}/documents/${d.id}`} download>
                <bdi>{d.fileName}</bdi>
              </a>{" "}
              <span className="muted small">
                {t(`documentKind.${d.kind}`, { defaultValue: d.kind })} ·{" "}
                {formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), locale)} KB ·{" "}
                {formatDateTime(d.createdAt, locale, timeZone, "short")}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
