/**
 * The discharge and handover pack on the aftercare pages (issue 25): the clinician's editor
 * (medication rows, follow-up instructions, warning signs) with the PDF and FHIR downloads,
 * and the lab values the home doctor entered through the patient's share link, each marked
 * with who gave it.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { markerWords, followUpTitle } from "~/components/aftercare";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  ProblemList,
  useAppForm,
  type FieldMetadata,
  type FormReply,
} from "~/components/form";
import { MEDICATION_ROWS_SHOWN, type HandoverInput } from "~/forms/handover";
import { formatDate, formatNumber } from "~/lib/format";
import type { Outcomes } from "~/lib/outcomes";

interface MedicationRow {
  name: string;
  dose: string;
  frequency: string;
  until: string | null;
}

export interface HandoverViewData {
  medication: MedicationRow[];
  followUpPlan: string;
  warningSigns: string;
  version: number;
  updatedAt: string | Date;
  homeDoctorLabs: HomeDoctorLab[];
}

export interface HomeDoctorLab {
  id: string;
  followUpLabel: string;
  marker: string;
  value: number;
  sourceName: string;
  enteredAt: string | Date;
}

/** The downloads of a case's pack (staff: /staff/cases/:id/handover.*; patient: /portal/…). */
export function HandoverDownloads({ base }: { base: string }) {
  const { t } = useTranslation("handover");
  return (
    <p className="actions">
      <a className="button" href={`${base}/handover.pdf`} download>
        {t("download.pdf")}
      </a>{" "}
      <a className="button" href={`${base}/handover.json`} download>
        {t("download.json")}
      </a>
    </p>
  );
}

export function HandoverEditor({
  caseId,
  handover,
  canWrite,
  formKey,
  timeZone,
  reply,
  busy,
}: {
  caseId: string;
  handover: HandoverViewData | null;
  canWrite: boolean;
  formKey: string;
  timeZone: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("handover");
  const lng = i18n.language;
  const rows = Math.max(MEDICATION_ROWS_SHOWN, (handover?.medication.length ?? 0) + 2);
  const defaults = handover
    ? {
        med: Array.from({ length: rows }, (_, i) => {
          const m = handover.medication[i];
          return {
            name: m?.name ?? "",
            dose: m?.dose ?? "",
            frequency: m?.frequency ?? "",
            until: m?.until ?? "",
          };
        }),
        followUpPlan: handover.followUpPlan,
        warningSigns: handover.warningSigns,
      }
    : undefined;
  const { form, fields, props, done } = useAppForm<HandoverInput>("handover", reply, defaults);
  const list = fields.med.getFieldList();
  const labels: Record<string, string> = {
    followUpPlan: t("staff.instructions"),
    warningSigns: t("pack.warnings"),
  };
  for (let i = 0; i < rows; i++) {
    labels[`med[${i}].name`] =
      `${t("staff.row", { n: formatNumber(i + 1, lng) })}: ${t("field.name")}`;
    labels[`med[${i}].until`] =
      `${t("staff.row", { n: formatNumber(i + 1, lng) })}: ${t("field.until")}`;
  }
  return (
    <section className="card" aria-labelledby="handover-title">
      <h2 id="handover-title">{t("staff.title")}</h2>
      {!handover ? (
        <p className="muted">{t("staff.notYet")}</p>
      ) : (
        <>
          <p className="muted">{t("staff.intro")}</p>
          <p className="small muted">
            {t("staff.version", {
              version: formatNumber(handover.version, lng),
              date: formatDate(handover.updatedAt, lng, timeZone),
            })}
          </p>
          <HandoverDownloads base={`/staff/cases/${caseId}`} />
          {canWrite ? (
            <Form method="post" {...props}>
              <FormDone message={done} />
              <FormErrors form={form} />
              <ProblemList form={form} fields={Object.keys(labels)} labels={labels} />
              <input type="hidden" name="intent" value="handover" />
              <FormKey value={formKey} />
              <fieldset>
                <legend>{t("pack.medication")}</legend>
                <p className="hint">{t("staff.medicationHint")}</p>
                {Array.from({ length: rows }, (_, i) => (
                  <MedicationFields
                    key={i}
                    index={i}
                    formId={form.id}
                    formKey={form.key}
                    row={list[i]?.getFieldset() as RowFields | undefined}
                  />
                ))}
              </fieldset>
              <FormField
                meta={fields.followUpPlan}
                label={t("staff.instructions")}
                hint={t("staff.instructionsHint")}
              >
                {({ key, ...p }) => <textarea key={key} rows={4} {...p} />}
              </FormField>
              <FormField
                meta={fields.warningSigns}
                label={t("pack.warnings")}
                hint={t("staff.warningsHint")}
              >
                {({ key, ...p }) => <textarea key={key} rows={6} {...p} />}
              </FormField>
              <button type="submit" className="primary" disabled={busy}>
                {t("staff.save")}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}

type RowFields = Partial<Record<"name" | "dose" | "frequency" | "until", FieldMetadata<unknown>>>;

/**
 * One medication row. The form always offers the same number of rows, but Conform knows only
 * the rows that were sent with something in them, so a row is wired by hand: its field names
 * (`med[i].name`…), what was typed (from Conform where it has the row) and its errors.
 */
function MedicationFields({
  index,
  formId,
  formKey,
  row,
}: {
  index: number;
  formId: string;
  formKey: string | undefined;
  row: RowFields | undefined;
}) {
  const { t, i18n } = useTranslation("handover");
  const n = formatNumber(index + 1, i18n.language);
  const field = (name: "name" | "dose" | "frequency" | "until", label: string) => {
    const meta = row?.[name];
    const id = `${formId}-med-${index}-${name}`;
    const error = meta?.errors?.[0];
    return (
      <div className={`field${error ? " has-error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        <input
          key={`${formKey ?? ""}-${meta?.key ?? ""}`}
          id={id}
          name={`med[${index}].${name}`}
          form={formId}
          type={name === "until" ? "date" : "text"}
          defaultValue={(meta?.initialValue as string | undefined) ?? ""}
          {...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <fieldset className="medication-row">
      <legend>{t("staff.row", { n })}</legend>
      {field("name", t("field.name"))}
      {field("dose", t("field.dose"))}
      {field("frequency", t("field.frequency"))}
      {field("until", t("field.until"))}
    </fieldset>
  );
}

/** The home doctor's lab values, each with who gave it and where it went. */
export function HomeDoctorLabs({
  labs,
  outcomes,
  timeZone,
  audience = "staff",
}: {
  labs: HomeDoctorLab[];
  outcomes: Outcomes;
  timeZone: string;
  audience?: "staff" | "patient";
}) {
  const { t, i18n } = useTranslation(["handover", "aftercare"]);
  const lng = i18n.language;
  if (!labs.length) return null;
  return (
    <section className="card" aria-labelledby="home-doctor-labs">
      <h2 id="home-doctor-labs">
        {audience === "staff" ? t("staff.fromHomeDoctor") : t("portal.fromDoctor")}
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("pack.col.followUp")}</th>
            <th scope="col">{t("pack.col.marker")}</th>
            <th scope="col">{t("pack.col.value")}</th>
            <th scope="col">{t("pack.col.source")}</th>
          </tr>
        </thead>
        <tbody>
          {labs.map((l) => {
            const m = outcomes.markers.find((x) => x.key === l.marker);
            return (
              <tr key={l.id}>
                <td>{followUpTitle(t, l.followUpLabel, lng)}</td>
                <td>{m ? markerWords(t, m, lng) : l.marker}</td>
                <td>
                  {formatNumber(l.value, lng)} {m?.unit ?? ""}
                </td>
                <td>
                  <span dir="auto">{t("source.HOME_DOCTOR", { name: l.sourceName })}</span>
                  <br />
                  <span className="small muted">{formatDate(l.enteredAt, lng, timeZone)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
