/**
 * The clinician's treatment plan editor: the saved plan, then the pathway's steps not in it,
 * then a blank row to add a step. Rows are `steps[i]`: ticked to include, their pathway step,
 * a name and notes for this patient. It creates steps, so it carries the page's form key.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, FormField, FormKey, useAppForm } from "~/components/form";
import { LanguageCheck } from "~/components/language-warning";
import { STEP_NAME_MAX, type PlanForm } from "~/forms/case";
import { rowText } from "~/lib/catalogue-text";
import { PLAN_MAX_STEPS, TEXT_MAX } from "~/lib/review";
import type { CaseCtx } from "./context";
import { Busy } from "./parts";

interface Row {
  id: string;
  pathwayStepId: string | null;
  name: string;
  notes: string | null;
  gapMinutes: number | null;
  flyGapMinutes: number | null;
  stayAfterMinutes: number | null;
  fitToFlyRequired: boolean;
  include: boolean;
}

/**
 * The editor's rows: the saved plan, then pathway steps not in it, then a blank row. The blank
 * row starts ticked: a step typed into it is meant to be added (a row without a name saves
 * nothing, see includedSteps).
 */
export function planRows(
  kase: CaseCtx["kase"],
  stepName: (step: CaseCtx["kase"]["programme"]["steps"][number]) => string,
): Row[] {
  const fromPathway = (p: CaseCtx["kase"]["programme"]["steps"][number], include: boolean) => ({
    id: p.id,
    pathwayStepId: p.id,
    name: stepName(p),
    notes: "",
    gapMinutes: p.gapMinutes,
    flyGapMinutes: p.flyGapMinutes,
    stayAfterMinutes: p.stayAfterMinutes,
    fitToFlyRequired: p.fitToFlyRequired,
    include,
  });
  const linked = new Set(kase.planSteps.map((s) => s.pathwayStepId));
  const rows: Row[] = kase.planSteps.length
    ? [
        ...kase.planSteps.map((s) => ({ ...s, include: true })),
        ...kase.programme.steps.filter((p) => !linked.has(p.id)).map((p) => fromPathway(p, false)),
      ]
    : kase.programme.steps.map((p) => fromPathway(p, true));
  rows.push({
    id: "new",
    pathwayStepId: null,
    name: "",
    notes: "",
    gapMinutes: null,
    flyGapMinutes: null,
    stayAfterMinutes: null,
    fitToFlyRequired: false,
    include: true,
  });
  return rows;
}

/** Stored minutes as the whole hours the editor shows (blank for none). */
const hours = (minutes: number | null) =>
  minutes === null ? "" : String(Math.round(minutes / 60));

export function PlanEditor({ kase, formKey, reply }: CaseCtx) {
  const { t, i18n } = useTranslation("common");
  const rows = planRows(kase, (step) => rowText(step, "name", i18n.language).text);
  const { form, fields, props } = useAppForm<z.input<typeof PlanForm>>("plan", reply, {
    steps: rows.map((r) => ({
      include: r.include ? "on" : undefined,
      pathwayStepId: r.pathwayStepId ?? undefined,
      name: r.name,
      notes: r.notes ?? "",
      gapMinutes: r.gapMinutes === null ? "" : String(r.gapMinutes),
      flyGapHours: hours(r.flyGapMinutes),
      stayAfterHours: hours(r.stayAfterMinutes),
      fitToFly: r.fitToFlyRequired ? "on" : undefined,
    })),
  });
  const list = fields.steps.getFieldList();
  return (
    <Form method="post" preventScrollReset className="plan-form" {...props}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="plan" />
      <FormKey value={formKey} />
      <p className="hint" id="plan-hint">
        {t("review.planHint", { max: PLAN_MAX_STEPS })}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("review.include")}</th>
            <th scope="col">{t("review.step")}</th>
            <th scope="col">{t("review.notes")}</th>
            <th scope="col">{t("review.gapMinutes")}</th>
            <th scope="col">{t("review.flyGapHours")}</th>
            <th scope="col">{t("review.stayAfterHours")}</th>
            <th scope="col">{t("review.fitToFly")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((item, i) => {
            const row = item.getFieldset();
            const n = i + 1;
            const pathwayStepId = row.pathwayStepId.initialValue as string | undefined;
            return (
              <tr key={item.key ?? rows[i]?.id ?? i}>
                <td>
                  <input
                    type="checkbox"
                    id={row.include.id}
                    name={row.include.name}
                    key={row.include.key}
                    defaultChecked={row.include.initialValue === "on"}
                    aria-label={t("review.includeStep", { n })}
                  />
                  {pathwayStepId ? (
                    <input type="hidden" name={row.pathwayStepId.name} value={pathwayStepId} />
                  ) : null}
                </td>
                <td>
                  <FormField
                    meta={row.name}
                    label={<span className="visually-hidden">{t("review.stepName", { n })}</span>}
                  >
                    {({ key, ...control }) => (
                      <input
                        key={key}
                        {...control}
                        maxLength={STEP_NAME_MAX}
                        placeholder={rows[i]?.id === "new" ? t("review.newStep") : undefined}
                      />
                    )}
                  </FormField>
                </td>
                <td>
                  <FormField
                    meta={row.notes}
                    label={<span className="visually-hidden">{t("review.stepNotes", { n })}</span>}
                  >
                    {({ key, ...control }) => (
                      <textarea key={key} {...control} rows={1} maxLength={TEXT_MAX} />
                    )}
                  </FormField>
                </td>
                <td>
                  <FormField
                    meta={row.gapMinutes}
                    label={<span className="visually-hidden">{t("review.stepGap", { n })}</span>}
                  >
                    {({ key, ...control }) => (
                      <input key={key} {...control} inputMode="numeric" size={5} maxLength={4} />
                    )}
                  </FormField>
                </td>
                <td>
                  <FormField
                    meta={row.flyGapHours}
                    label={<span className="visually-hidden">{t("review.stepFlyGap", { n })}</span>}
                  >
                    {({ key, ...control }) => (
                      <input key={key} {...control} inputMode="numeric" size={4} maxLength={3} />
                    )}
                  </FormField>
                </td>
                <td>
                  <FormField
                    meta={row.stayAfterHours}
                    label={<span className="visually-hidden">{t("review.stepStay", { n })}</span>}
                  >
                    {({ key, ...control }) => (
                      <input key={key} {...control} inputMode="numeric" size={4} maxLength={3} />
                    )}
                  </FormField>
                </td>
                <td>
                  <input
                    type="checkbox"
                    id={row.fitToFly.id}
                    name={row.fitToFly.name}
                    key={row.fitToFly.key}
                    defaultChecked={row.fitToFly.initialValue === "on"}
                    aria-label={t("review.stepFitToFly", { n })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <LanguageCheck form="plan" reply={reply} label={t("language.saveAnyway")} />
      <Busy>{t("review.savePlan")}</Busy>
    </Form>
  );
}
