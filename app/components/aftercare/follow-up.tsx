/**
 * The patient's follow-up questionnaire (form "followup"): the PROMs (every one required),
 * the lab values they have and their lab report as a file (both optional). A refusal lists
 * the problems at the top, moves focus to the first, and keeps everything typed. Once sent,
 * or before it opens, the answers show read-only.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LabFields, markerWords, PromFields, promWords } from "~/components/aftercare";
import {
  FileField,
  FormErrors,
  FormKey,
  type FormReply,
  ProblemList,
  useAppForm,
} from "~/components/form";
import type { FollowUpInput } from "~/forms/aftercare";
import type { Outcomes } from "~/lib/outcomes";

export function FollowUpQuestionnaire({
  outcomes,
  values,
  editable,
  completed,
  maxMb,
  formKey,
  reply,
  busy,
}: {
  /** The version the follow-up was made with: its measures and markers. */
  outcomes: Outcomes;
  /** What was sent before (a completed follow-up shows it). */
  values: { prom: Record<string, string>; lab: Record<string, string> };
  editable: boolean;
  completed: boolean;
  maxMb: number;
  formKey: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("aftercare");
  const lng = i18n.language;
  const { form, fields, props } = useAppForm<FollowUpInput & { labReport?: unknown }>(
    "followup",
    reply,
    values,
  );
  const labels: Record<string, string> = {
    ...Object.fromEntries(
      outcomes.proms.map((m) => [`prom.${m.key}`, promWords(t, m, lng, "label")]),
    ),
    ...Object.fromEntries(outcomes.markers.map((m) => [`lab.${m.key}`, markerWords(t, m, lng)])),
    labReport: t("portal.labReport"),
  };
  return (
    <>
      <FormErrors form={form} />
      <ProblemList form={form} fields={Object.keys(labels)} labels={labels} />
      <Form method="post" encType="multipart/form-data" className="followup-form" {...props}>
        <FormKey value={formKey} />
        <fieldset className="group" disabled={!editable}>
          <legend>{t("portal.formTitle")}</legend>
          <p className="hint">{t("portal.formIntro")}</p>
          <PromFields group={fields.prom} proms={outcomes.proms} />
        </fieldset>
        <fieldset className="group" disabled={!editable}>
          <legend>{t("portal.labsTitle")}</legend>
          <p className="hint">{t("portal.labsIntro")}</p>
          <LabFields group={fields.lab} markers={outcomes.markers} />
          {!completed ? (
            <FileField
              meta={fields.labReport}
              label={t("portal.labReport")}
              hint={t("portal.labReportHint", { max: maxMb })}
            />
          ) : null}
        </fieldset>
        {editable ? (
          <button type="submit" disabled={busy}>
            {t("portal.submit")}
          </button>
        ) : null}
      </Form>
    </>
  );
}
