/**
 * The patient's contact and clinical summary (programme, language, country, coordinator and red
 * flags are in the header), and the form that assigns the coordinator.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormDone, FormErrors, FormField, useAppForm } from "~/components/form";
import type { AssignForm } from "~/forms/case";
import { formatDateTime, formatZone, isolate } from "~/lib/format";
import type { CaseCtx } from "./context";
import { Busy } from "./parts";
import { Ltr } from "~/components/bidi";

export function SummarySection(ctx: CaseCtx) {
  const { kase, can, locale, health, now } = ctx;
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="summary-h" id="summary">
      <h2 id="summary-h">{t("case.summary")}</h2>
      <dl className="facts">
        <dt>{t("case.email")}</dt>
        <dd>{kase.patient.email}</dd>
        {kase.patient.phone ? (
          <>
            <dt>{t("case.phone")}</dt>
            <dd>
              <Ltr>{kase.patient.phone}</Ltr>
            </dd>
          </>
        ) : null}
        <dt>{t("case.patientTime")}</dt>
        <dd>
          {t("common:zoneTime.at", {
            // The loader's clock: the page hydrates with the same minute the server wrote.
            when: isolate(formatDateTime(now, locale, kase.timeZone, "short")),
            zone: isolate(formatZone(kase.timeZone, locale)),
          })}
        </dd>
        <dt>{health ? t("case.eligibility") : t("case.quoteReadiness")}</dt>
        <dd>{t(`eligibility.${kase.eligibility}`)}</dd>
        {health ? (
          <>
            <dt>{t("case.condition")}</dt>
            <dd>
              <bdi>{kase.conditionSummary ?? "—"}</bdi>
            </dd>
          </>
        ) : null}
      </dl>
      {can.assign ? <AssignCoordinator {...ctx} /> : null}
    </section>
  );
}

function AssignCoordinator({ kase, coordinators, reply }: CaseCtx) {
  const { t } = useTranslation();
  const { form, fields, done, props } = useAppForm<z.input<typeof AssignForm>>("assign", reply, {
    coordinatorId: kase.coordinatorId ?? "",
  });
  return (
    <Form method="post" preventScrollReset className="inline-form" {...props}>
      <FormErrors form={form} />
      <FormDone message={done} focus />
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="was" value={kase.coordinatorId ?? ""} />
      <FormField meta={fields.coordinatorId} label={t("case.assignTo")}>
        {({ key, ...control }) => (
          <select key={key} {...control} required>
            <option value="" disabled>
              {t("case.chooseCoordinator")}
            </option>
            {coordinators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <Busy>{t("case.assign")}</Busy>
    </Form>
  );
}
