/** Medical review: the eligibility facts, the treatment plan and the clinician's decision. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  ChoiceField,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
} from "~/components/form";
import type { DecideForm } from "~/forms/case";
import { formatDateTime } from "~/lib/format";
import { NOT_ELIGIBLE_REASONS, TEXT_MAX } from "~/lib/review";
import { isClosedStage } from "~/lib/stages";
import type { CaseCtx } from "./context";
import { Busy } from "./parts";
import { PlanEditor } from "./plan";

export function ReviewSection(ctx: CaseCtx) {
  const { kase, can, locale, timeZone, reply } = ctx;
  const { t } = useTranslation();
  const editable = can.plan && !isClosedStage(kase.stage);
  // The decision form goes once the case leaves review: its answer is shown here instead.
  const done = reply?.form === "plan" || reply?.form === "decide" ? reply.done : null;
  return (
    <section className="card" aria-labelledby="review-h" id="review">
      <h2 id="review-h">{t("review.title")}</h2>
      {/* After the decision its form is gone: the focus goes to its answer. */}
      <FormDone message={done} focus={reply?.form === "decide"} />
      <dl className="facts">
        <dt>{t("case.eligibility")}</dt>
        <dd>
          {t(`eligibility.${kase.eligibility}`)}
          {kase.eligibilityAt && kase.eligibilityBy
            ? ` · ${kase.eligibilityBy.name} · ${formatDateTime(kase.eligibilityAt, locale, timeZone, "short")}`
            : null}
        </dd>
        {kase.eligibilityReasonCode ? (
          <>
            <dt>{t("review.reasonCode")}</dt>
            <dd>{t(`review.reason.${kase.eligibilityReasonCode}`)}</dd>
          </>
        ) : null}
        {kase.eligibilityReason ? (
          <>
            <dt>{t("review.explanation")}</dt>
            <dd className="pre">
              <bdi>{kase.eligibilityReason}</bdi>
            </dd>
          </>
        ) : null}
      </dl>

      <h3 id="plan-h">{t("review.plan")}</h3>
      {editable ? (
        <PlanEditor {...ctx} />
      ) : kase.planSteps.length ? (
        <ol>
          {kase.planSteps.map((s) => (
            <li key={s.id}>
              <bdi>{s.name}</bdi>
              {s.notes ? <p className="small pre">{s.notes}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("review.noPlan")}</p>
      )}

      {can.decide && kase.stage === "MEDICAL_REVIEW" ? <Decision {...ctx} /> : null}
    </section>
  );
}

/**
 * The clinician's eligibility decision: not eligible needs a reason and an explanation. It
 * carries the page's form key: a second click records no second decision (nor tells finance
 * and the coordinator twice).
 */
function Decision({ kase, formKey, reply }: CaseCtx) {
  const { t } = useTranslation();
  const { form, fields, props } = useAppForm<z.input<typeof DecideForm>>("decide", reply);
  return (
    <Form method="post" preventScrollReset className="decision-form" {...props}>
      <h3>{t("review.decision")}</h3>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="decide" />
      <FormKey value={formKey} />
      <ChoiceField
        meta={fields.decision}
        legend={t("review.decisionLegend")}
        type="radio"
        options={[
          { value: "ELIGIBLE", label: t("eligibility.ELIGIBLE") },
          { value: "NOT_ELIGIBLE", label: t("eligibility.NOT_ELIGIBLE") },
        ]}
      />
      {kase.planSteps.length === 0 ? <p className="muted small">{t("review.planFirst")}</p> : null}
      <FormField
        meta={fields.reasonCode}
        label={t("review.reasonCode")}
        hint={t("review.reasonHint")}
      >
        {({ key, ...control }) => (
          <select key={key} {...control}>
            <option value="">—</option>
            {NOT_ELIGIBLE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`review.reason.${r}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        meta={fields.text}
        label={t("review.explanation")}
        hint={t("review.explanationHint")}
      >
        {({ key, ...control }) => <textarea key={key} {...control} rows={3} maxLength={TEXT_MAX} />}
      </FormField>
      <Busy>{t("review.record")}</Busy>
    </Form>
  );
}
