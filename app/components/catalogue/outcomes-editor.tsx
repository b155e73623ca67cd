/**
 * The outcome set editor's parts: one form with every PROM, lab marker and follow-up of the
 * draft as rows (each with its words in every language folded away, a "remove" box, and an
 * empty row at the end to add one), the publish and discard buttons that ask first, and the
 * version history. Plain forms: everything works without JavaScript; rows wrap on a phone.
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { followUpTitle } from "~/components/aftercare";
import { ConfirmAction } from "~/components/confirm";
import {
  FieldErrors,
  FormDone,
  FormErrors,
  FormField,
  useAppForm,
  type FieldMetadata,
  type FormReply,
} from "~/components/form";
import { Form } from "@remix-run/react";
import type { EditorValues } from "~/forms/outcomes-editor";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";
import { formatDate } from "~/lib/format";

type Meta = FieldMetadata<unknown>;

/** Codes, written the same in every language. */
const DURATION_EXAMPLES = { iso: "ISO 8601", week: "P1W", months: "P3M", year: "P1Y" };
type Fieldset = Record<string, Meta>;

interface Common {
  reply: FormReply | null | undefined;
  busy: boolean;
}

/** The words of a row in every language, folded away (English first, open on an error). */
function WordsField({ meta, legend }: { meta: Meta; legend: string }) {
  const fields = (meta as FieldMetadata<Record<string, string>>).getFieldset() as Fieldset;
  const invalid = LOCALES.some((l) => fields[l]?.errors?.length);
  return (
    <details className="words" open={invalid || undefined}>
      <summary>{legend}</summary>
      {LOCALES.map((lng) => (
        <FormField key={lng} meta={fields[lng]!} label={LOCALE_NAMES[lng]}>
          {(control) => (
            <input {...control} lang={lng} dir={lng === "ar" || lng === "fa" ? "rtl" : "ltr"} />
          )}
        </FormField>
      ))}
    </details>
  );
}

function NumberField({ meta, label, hint }: { meta: Meta; label: string; hint?: string }) {
  return (
    <FormField meta={meta} label={label} hint={hint}>
      {(control) => <input {...control} inputMode="decimal" className="short" dir="ltr" />}
    </FormField>
  );
}

function WorseField({ meta, t }: { meta: Meta; t: TFunction }) {
  return (
    <FormField meta={meta} label={t("editor.worse")}>
      {(control) => (
        <select {...control}>
          <option value="up">{t("editor.worseUp")}</option>
          <option value="down">{t("editor.worseDown")}</option>
        </select>
      )}
    </FormField>
  );
}

/** The row's "new" marker, or its "remove" box. */
function RowEnd({ meta, isNew, t }: { meta: Meta; isNew: boolean; t: TFunction }) {
  if (isNew) return <input type="hidden" name={`${meta.name}.new`} value="1" />;
  return (
    <label className="choice">
      <input
        type="checkbox"
        name={`${meta.name}.remove`}
        value="on"
        form={meta.formId}
        defaultChecked={
          (meta as FieldMetadata<Record<string, unknown>>).getFieldset().remove?.initialValue ===
          "on"
        }
      />{" "}
      {t("editor.remove")}
    </label>
  );
}

const rowsOf = (meta: Meta) =>
  (meta as FieldMetadata<unknown[]>).getFieldList() as unknown as FieldMetadata<
    Record<string, unknown>
  >[];

export function OutcomesForm({
  values,
  reply,
  busy,
}: Common & {
  values: EditorValues;
}) {
  const { t, i18n } = useTranslation("aftercare");
  const { form, fields, props, done } = useAppForm("outcomes", reply, values);
  const f = fields as unknown as Fieldset;
  const proms = rowsOf(f.proms!);
  const markers = rowsOf(f.markers!);
  const schedule = rowsOf(f.schedule!);
  return (
    <Form method="post" className="outcomes-editor" {...props}>
      <FormDone message={done} />
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="save" />

      <section className="card" aria-labelledby="proms-h">
        <h2 id="proms-h">{t("editor.proms")}</h2>
        <p className="hint">{t("editor.promsIntro")}</p>
        <FieldErrors meta={f.proms!} />
        {proms.map((row, i) => {
          const r = row.getFieldset() as Fieldset;
          const isNew = i === proms.length - 1;
          return (
            <fieldset key={row.key} className="group">
              <legend>
                {isNew ? t("editor.newProm") : t("editor.prom", { key: r.key!.initialValue })}
              </legend>
              <div className="field-row editor-row">
                <FormField meta={r.key!} label={t("editor.key")} hint={t("editor.keyHint")}>
                  {(control) => <input {...control} dir="ltr" autoComplete="off" />}
                </FormField>
                <NumberField meta={r.min!} label={t("editor.min")} />
                <NumberField meta={r.max!} label={t("editor.max")} />
                <NumberField meta={r.step!} label={t("editor.step")} />
                <WorseField meta={r.worse!} t={t} />
                <NumberField
                  meta={r.threshold!}
                  label={t("editor.threshold")}
                  hint={t("editor.thresholdHint")}
                />
              </div>
              <label className="choice">
                <input
                  type="checkbox"
                  name={r.zeroBaseline!.name}
                  value="on"
                  form={r.zeroBaseline!.formId}
                  defaultChecked={r.zeroBaseline!.initialValue === "on"}
                />{" "}
                {t("editor.zeroBaseline")}
              </label>
              <WordsField meta={r.label!} legend={t("editor.labels")} />
              <RowEnd meta={row as Meta} isNew={isNew} t={t} />
            </fieldset>
          );
        })}
      </section>

      <section className="card" aria-labelledby="markers-h">
        <h2 id="markers-h">{t("editor.markers")}</h2>
        <p className="hint">{t("editor.markersIntro")}</p>
        {markers.map((row, i) => {
          const r = row.getFieldset() as Fieldset;
          const isNew = i === markers.length - 1;
          return (
            <fieldset key={row.key} className="group">
              <legend>
                {isNew ? t("editor.newMarker") : t("editor.marker", { key: r.key!.initialValue })}
              </legend>
              <div className="field-row editor-row">
                <FormField meta={r.key!} label={t("editor.key")} hint={t("editor.keyHint")}>
                  {(control) => <input {...control} dir="ltr" autoComplete="off" />}
                </FormField>
                <FormField meta={r.unit!} label={t("editor.unit")}>
                  {(control) => <input {...control} dir="ltr" className="short" />}
                </FormField>
                <WorseField meta={r.worse!} t={t} />
                <NumberField meta={r.min!} label={t("editor.min")} />
                <NumberField meta={r.max!} label={t("editor.max")} />
                <NumberField meta={r.plausibleLow!} label={t("editor.plausibleLow")} />
                <NumberField meta={r.plausibleHigh!} label={t("editor.plausibleHigh")} />
                <NumberField meta={r.referenceLow!} label={t("editor.referenceLow")} />
                <NumberField meta={r.referenceHigh!} label={t("editor.referenceHigh")} />
                <NumberField
                  meta={r.threshold!}
                  label={t("editor.threshold")}
                  hint={t("editor.thresholdHint")}
                />
              </div>
              <WordsField meta={r.name!} legend={t("editor.labels")} />
              <RowEnd meta={row as Meta} isNew={isNew} t={t} />
            </fieldset>
          );
        })}
      </section>

      <section className="card" aria-labelledby="schedule-h">
        <h2 id="schedule-h">{t("editor.schedule")}</h2>
        <p className="hint">{t("editor.scheduleIntro")}</p>
        <FieldErrors meta={f.schedule!} />
        {schedule.map((row, i) => {
          const r = row.getFieldset() as Fieldset;
          const isNew = i === schedule.length - 1;
          const duration = String(r.duration!.initialValue ?? "");
          return (
            <fieldset key={row.key} className="group">
              <legend>
                {isNew ? t("editor.newFollowUp") : followUpTitle(t, duration, i18n.language)}
              </legend>
              <FormField
                meta={r.duration!}
                label={t("editor.duration")}
                hint={t("editor.durationHint", DURATION_EXAMPLES)}
              >
                {(control) => <input {...control} dir="ltr" className="short" autoComplete="off" />}
              </FormField>
              <WordsField meta={r.label!} legend={t("editor.labels")} />
              <RowEnd meta={row as Meta} isNew={isNew} t={t} />
            </fieldset>
          );
        })}
      </section>
      <button type="submit" disabled={busy}>
        {t("editor.save")}
      </button>
    </Form>
  );
}

/** Publish or discard the draft: each asks first. */
export function DraftActions({
  draft,
  reply,
  busy,
}: Common & { draft: { version: number } | null }) {
  const { t } = useTranslation("aftercare");
  const publish = useAppForm("publish", reply);
  const discard = useAppForm("discard", reply);
  return (
    <section className="card" aria-labelledby="draft-h">
      <h2 id="draft-h">{t("editor.draftTitle")}</h2>
      <FormDone message={publish.done ?? discard.done} />
      {draft ? (
        <>
          <p>{t("editor.draftIs", { version: draft.version })}</p>
          <div className="actions">
            <ConfirmAction
              intent="publish"
              fields={{}}
              label={t("editor.publish")}
              question={t("editor.publishQuestion", { version: draft.version })}
              confirm={t("editor.publishConfirm")}
              busy={busy}
              open={reply?.form === "publish" && !reply.done}
              formProps={publish.props}
            >
              <FormErrors form={publish.form} />
            </ConfirmAction>
            <ConfirmAction
              intent="discard"
              fields={{}}
              label={t("editor.discard")}
              question={t("editor.discardQuestion")}
              confirm={t("editor.discardConfirm")}
              busy={busy}
              open={reply?.form === "discard" && !reply.done}
              formProps={discard.props}
            >
              <FormErrors form={discard.form} />
            </ConfirmAction>
          </div>
        </>
      ) : (
        <p className="muted">{t("editor.noDraft")}</p>
      )}
    </section>
  );
}

export function VersionHistory({
  history,
  timeZone,
}: {
  history: { id: string; version: number; status: string; publishedAt: string | Date | null }[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("aftercare");
  return (
    <section className="card" aria-labelledby="history-h">
      <h2 id="history-h">{t("editor.history")}</h2>
      {history.length === 0 ? (
        <p className="muted">{t("editor.noHistory")}</p>
      ) : (
        <ul>
          {history.map((h) => (
            <li key={h.id}>
              {t("editor.versionLine", {
                version: h.version,
                status: t(`editor.status.${h.status}`),
              })}
              {h.publishedAt
                ? ` · ${t("editor.publishedOn", { date: formatDate(h.publishedAt, i18n.language, timeZone) })}`
                : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
