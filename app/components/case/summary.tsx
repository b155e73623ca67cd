/** The case's summary facts, and the form that assigns its coordinator. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormDone, FormErrors, FormField, useAppForm } from "~/components/form";
import type { AssignForm } from "~/forms/case";
import { formatDateTime, formatNumber, formatZone, isolate } from "~/lib/format";
import type { CaseCtx } from "./context";
import { Busy } from "./parts";
import { Ltr } from "~/components/bidi";

export function SummarySection(ctx: CaseCtx) {
  const { kase, can, locale, health } = ctx;
  const { t } = useTranslation();
  const languageName = new Intl.DisplayNames([locale], { type: "language" });
  const regionName = new Intl.DisplayNames([locale], { type: "region" });
  return (
    <section className="card" aria-labelledby="summary-h" id="summary">
      <h2 id="summary-h">{t("case.summary")}</h2>
      <dl className="facts">
        <dt>{t("case.programme")}</dt>
        <dd>{kase.programme.name}</dd>
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
        <dt>{t("case.language")}</dt>
        <dd>{languageName.of(kase.language) ?? kase.language}</dd>
        <dt>{t("case.country")}</dt>
        <dd>{kase.country ? (regionName.of(kase.country) ?? kase.country) : "—"}</dd>
        <dt>{t("case.patientTime")}</dt>
        <dd>
          {t("common:zoneTime.at", {
            when: isolate(formatDateTime(new Date(), locale, kase.timeZone, "short")),
            zone: isolate(formatZone(kase.timeZone, locale)),
          })}
        </dd>
        <dt>{t("case.coordinator")}</dt>
        <dd>{kase.coordinator?.name ?? t("cases.unassigned")}</dd>
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
        {kase.redFlagCount > 0 ? (
          <>
            <dt>{t("case.redFlags")}</dt>
            <dd className="flag">⚑ {formatNumber(kase.redFlagCount, locale)}</dd>
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
      <FormDone message={done} />
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
