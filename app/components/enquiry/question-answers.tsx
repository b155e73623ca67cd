/**
 * Answers to a questionnaire, each beside its question as the version it answered words it
 * (in the reader's language, or its English marked lang="en"), red flags marked when asked.
 * Rows of a <dl>: the staff case page, the portal's copy of the enquiry and a pending enquiry.
 */
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { InLanguage } from "~/components/translated";
import { answerDisplay, localize, type QuestionnaireView } from "~/lib/questionnaire-content";

export function QuestionAnswers({
  questionnaire,
  answers,
  locale,
  flags = false,
  rowClass,
}: {
  questionnaire: QuestionnaireView;
  answers: readonly { questionId: string; value: string; redFlag?: boolean }[];
  locale: string;
  /** Mark red flags (staff only: the patient is never told an answer is one). */
  flags?: boolean;
  /** Wrap each row in a div of this class (for a grid of rows). */
  rowClass?: string;
}) {
  const { t } = useTranslation(["common", "enquiry"]);
  return (
    <>
      {questionnaire.content.questions.map((q) => {
        const a = answers.find((x) => x.questionId === q.id);
        if (!a) return null;
        const label = localize(q.label, locale);
        const value = answerDisplay(q, a.value, locale, t);
        // A choice's words fall back to English like the question's; other answers are the
        // patient's own (free text) or formatted in the reader's language.
        const option = q.type === "single" ? q.options?.find((o) => o.key === a.value) : undefined;
        const shown = option ? localize(option.label, locale) : null;
        const flagged = flags && a.redFlag;
        const row = (
          <>
            <dt>
              <InLanguage value={label} />
            </dt>
            <dd className={flagged ? "flag" : undefined}>
              {flagged ? `⚑ ${t("common:case.redFlag")}: ` : ""}
              {shown ? (
                <InLanguage value={shown} />
              ) : q.type === "text" ? (
                <bdi className="pre">{value}</bdi>
              ) : (
                value
              )}
            </dd>
          </>
        );
        return rowClass ? (
          <div key={q.id} className={rowClass}>
            {row}
          </div>
        ) : (
          <Fragment key={q.id}>{row}</Fragment>
        );
      })}
    </>
  );
}
