/**
 * An enquiry sent from the public form, waiting for the address's owner: what was sent, what
 * confirming does, and the two choices. The emailed link's page and the portal both show it;
 * `hidden` carries what identifies it to the action (the link's token, or its id).
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CONSENT_VERSION } from "~/lib/consent";
import { formatDateTime, formatList, formatNumber, formatYear } from "~/lib/format";
import type { QuestionnaireView } from "~/lib/questionnaire-content";
import { QuestionAnswers } from "~/components/enquiry/question-answers";
import { ltr } from "~/components/bidi";
import { RowText } from "~/components/translated";

export interface PendingView {
  email: string;
  programme: string;
  /** The programme's English name and translations (ADR 024). */
  programmeText: { name: string; translations: string };
  name: string;
  createdAt: string;
  fileCount: number;
  fileNames: string[];
  joinsCase: string | null;
  questionnaire: QuestionnaireView;
  details: {
    diagnosis: string;
    diagnosedYear: number | null;
    medication: string | null;
    steroidDoseMg: number | null;
    organs: string[];
    answers: { questionId: string; value: string }[];
  };
}

export function PendingEnquiry({
  pending,
  hidden,
  locale,
  timeZone,
  busy,
}: {
  pending: PendingView;
  hidden: { name: string; value: string };
  locale: string;
  timeZone: string;
  busy: boolean;
}) {
  const { t } = useTranslation("enquiry");
  const d = pending.details;
  return (
    <>
      <dl className="facts">
        <dt>{t("confirmPage.for")}</dt>
        <dd>
          <bdi dir="ltr">{pending.email}</bdi>
        </dd>
        <dt>{t("confirmPage.sent")}</dt>
        <dd>{formatDateTime(pending.createdAt, locale, timeZone)}</dd>
      </dl>
      <h3>{t("confirmPage.whatWasSent")}</h3>
      <dl className="facts answers">
        <dt>{t("confirmPage.name")}</dt>
        <dd>
          <bdi>{pending.name}</bdi>
        </dd>
        <dt>{t("fields.programme")}</dt>
        <dd>
          <RowText row={pending.programmeText} field="name" />
        </dd>
        <dt>{t("fields.diagnosis")}</dt>
        <dd className="pre">
          <bdi>{d.diagnosis}</bdi>
        </dd>
        {d.diagnosedYear !== null ? (
          <>
            <dt>{t("fields.diagnosedYear")}</dt>
            <dd>{formatYear(d.diagnosedYear, locale)}</dd>
          </>
        ) : null}
        {d.medication ? (
          <>
            <dt>{t("fields.medication")}</dt>
            <dd className="pre">
              <bdi>{d.medication}</bdi>
            </dd>
          </>
        ) : null}
        {d.steroidDoseMg !== null ? (
          <>
            <dt>{t("fields.steroidDose")}</dt>
            <dd>{formatNumber(d.steroidDoseMg, locale)}</dd>
          </>
        ) : null}
        {d.organs.length ? (
          <>
            <dt>{t("fields.organs")}</dt>
            <dd>
              {formatList(
                d.organs.map((o) => t(`organs.${o}`)),
                locale,
              )}
            </dd>
          </>
        ) : null}
        <QuestionAnswers
          questionnaire={pending.questionnaire}
          answers={d.answers}
          locale={locale}
          rowClass="answer-row"
        />
        <dt>{t("confirmPage.fileNames")}</dt>
        <dd>
          {pending.fileNames.length ? (
            <ul className="plain">
              {pending.fileNames.map((name, i) => (
                <li key={i}>
                  <bdi>{name}</bdi>
                </li>
              ))}
            </ul>
          ) : (
            formatNumber(0, locale)
          )}
        </dd>
      </dl>
      <p>
        {pending.joinsCase
          ? t("confirmPage.joins", { caseNumber: ltr(pending.joinsCase) })
          : t("confirmPage.opens")}
      </p>
      <p className="muted small">{t("confirmPage.consent", { version: CONSENT_VERSION })}</p>
      <div className="actions">
        {(["confirm", "discard"] as const).map((intent) => (
          <Form method="post" key={intent}>
            <input type="hidden" name={hidden.name} value={hidden.value} />
            <button
              type="submit"
              name="intent"
              value={intent}
              className={intent === "confirm" ? "primary" : undefined}
              disabled={busy}
            >
              {t(`confirmPage.${intent}`)}
            </button>
          </Form>
        ))}
      </div>
    </>
  );
}
