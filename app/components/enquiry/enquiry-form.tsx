/**
 * The parts of the public enquiry form (routes/enquire.tsx), each control through FormField or
 * ChoiceField with the form's ids (`enquiry-<field>`). Every questionnaire is on the page; CSS
 * :has() shows the chosen programme's, so the form works without scripts.
 */
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { z } from "zod";
import {
  ChoiceField,
  CountryOptions,
  type FieldMetadata,
  FileField,
  FormField,
  LanguageOptions,
  TimeZoneOptions,
  useAppForm,
} from "~/components/form";
import { InLanguage, useRowText } from "~/components/translated";
import { NAME_MAX, type EnquiryForm } from "~/forms/enquiry";
import { CONSENT_VERSION } from "~/lib/consent";
import { CHANNELS } from "~/lib/message-templates";
import { ENQUIRY_FIELDS } from "~/lib/enquiry-fields";
import { localize, type QuestionDef, type QuestionnaireView } from "~/lib/questionnaire-content";
import { fieldName, ORGANS } from "~/lib/questionnaires";

export type EnquiryFields = ReturnType<typeof useAppForm<z.input<typeof EnquiryForm>>>["fields"];

export interface ProgrammeView {
  slug: string;
  name: string;
  translations: string;
  /** The questionnaire version the form asks now. */
  questionnaire: QuestionnaireView;
}

interface Country {
  code: string;
  name: string;
  dial: string;
}

/** A field by its full name, nested ones (q.<programme>.<question>) included. */
function metaOf(fields: EnquiryFields, name: string): FieldMetadata<unknown> {
  return (fields as unknown as Record<string, FieldMetadata<unknown>>)[name]!;
}

/** Each field's label, in the order the fields come: the problem list at the top follows it. */
export function enquiryLabels(t: TFunction, programmes: readonly ProgrammeView[], locale: string) {
  const labels: Record<string, string> = {};
  for (const name of ENQUIRY_FIELDS) labels[name] = t(`enquiry:fields.${name}`);
  labels.organs = t("enquiry:fields.organs");
  for (const p of programmes) {
    for (const q of p.questionnaire.content.questions) {
      labels[fieldName(p.slug, q.id)] = localize(q.label, locale).text;
    }
  }
  labels.files = t("enquiry:fields.files");
  labels.consent = t("enquiry:consent.legend");
  return labels;
}

/** Shows the questionnaire of the selected programme, without scripts. */
export function QuestionnaireStyle({ programmes }: { programmes: readonly ProgrammeView[] }) {
  const css = `@supports selector(:has(*)) {
  .enquiry-form .questionnaire { display: none; }
  ${programmes
    .filter((p) => /^[a-z0-9-]+$/.test(p.slug))
    .map(
      (p) =>
        `.enquiry-form:has(#enquiry-programme option[value="${p.slug}"]:checked) .questionnaire[data-programme="${p.slug}"] { display: block; }`,
    )
    .join("\n  ")}
}`;
  // Generated from slugs checked above; set as HTML so quotes survive hydration unescaped.
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

export function AboutYou({
  fields,
  countries,
  timeZones,
}: {
  fields: EnquiryFields;
  countries: readonly Country[];
  timeZones: readonly { value: string; label: string }[];
}) {
  const { t } = useTranslation("enquiry");
  // The time zone: what the visitor chose, else what the browser says (set once the page
  // runs, so server and client render the same), else empty.
  const timeZoneRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const select = timeZoneRef.current;
    if (!select || select.value) return;
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if ([...select.options].some((o) => o.value === detected)) select.value = detected;
  }, []);
  return (
    <fieldset>
      <legend>{t("sections.you")}</legend>
      <FormField
        meta={fields.name}
        label={t("fields.name")}
        hint={t("hints.name", { max: NAME_MAX })}
      >
        {(props) => <input {...props} autoComplete="name" maxLength={NAME_MAX} required />}
      </FormField>
      <FormField meta={fields.email} label={t("fields.email")} hint={t("hints.email")}>
        {(props) => <input {...props} type="email" autoComplete="email" dir="ltr" required />}
      </FormField>
      <div className="field-row">
        <FormField meta={fields.phoneCountry} label={t("fields.phoneCountry")}>
          {(props) => (
            <select {...props} required>
              <option value="">{t("choose")}</option>
              <CountryOptions countries={countries} withDial />
            </select>
          )}
        </FormField>
        <FormField meta={fields.phone} label={t("fields.phone")} hint={t("hints.phone")}>
          {(props) => (
            <input {...props} type="tel" autoComplete="tel" inputMode="tel" dir="ltr" required />
          )}
        </FormField>
      </div>
      <FormField meta={fields.country} label={t("fields.country")}>
        {(props) => (
          <select {...props} autoComplete="country" required>
            <option value="">{t("choose")}</option>
            <CountryOptions countries={countries} />
          </select>
        )}
      </FormField>
      <FormField meta={fields.language} label={t("fields.language")} hint={t("hints.language")}>
        {(props) => (
          <select {...props} required>
            <LanguageOptions />
          </select>
        )}
      </FormField>
      <FormField meta={fields.timeZone} label={t("fields.timeZone")} hint={t("hints.timeZone")}>
        {(props) => (
          <select ref={timeZoneRef} {...props} required>
            <option value="">{t("choose")}</option>
            <TimeZoneOptions zones={timeZones} />
          </select>
        )}
      </FormField>
    </fieldset>
  );
}

export function Condition({
  fields,
  programmes,
}: {
  fields: EnquiryFields;
  programmes: readonly ProgrammeView[];
}) {
  const { t } = useTranslation("enquiry");
  const nameOf = useRowText();
  return (
    <fieldset>
      <legend>{t("sections.condition")}</legend>
      <FormField meta={fields.programme} label={t("fields.programme")}>
        {(props) => (
          <select {...props} required>
            {programmes.map((p) => (
              <option key={p.slug} value={p.slug}>
                {nameOf(p, "name")}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField meta={fields.diagnosis} label={t("fields.diagnosis")} hint={t("hints.diagnosis")}>
        {(props) => <input {...props} required maxLength={300} />}
      </FormField>
      <div className="field-row">
        <FormField meta={fields.diagnosedYear} label={t("fields.diagnosedYear")}>
          {(props) => <input {...props} inputMode="numeric" dir="ltr" size={6} />}
        </FormField>
        <FormField
          meta={fields.steroidDose}
          label={t("fields.steroidDose")}
          hint={t("hints.steroidDose")}
        >
          {(props) => <input {...props} inputMode="decimal" dir="ltr" size={8} />}
        </FormField>
      </div>
      <FormField
        meta={fields.medication}
        label={t("fields.medication")}
        hint={t("hints.medication")}
      >
        {(props) => <textarea {...props} rows={3} maxLength={2000} />}
      </FormField>
      <ChoiceField
        meta={fields.organs}
        legend={t("fields.organs")}
        type="checkbox"
        options={ORGANS.map((organ) => ({ value: organ, label: t(`organs.${organ}`) }))}
      />
    </fieldset>
  );
}

/** Every programme's questionnaire; only the chosen one shows (QuestionnaireStyle). */
export function Questionnaires({
  fields,
  programmes,
}: {
  fields: EnquiryFields;
  programmes: readonly ProgrammeView[];
}) {
  const { t } = useTranslation("enquiry");
  const nameOf = useRowText();
  return (
    <>
      {programmes.map((p) => (
        <fieldset key={p.slug} className="questionnaire" data-programme={p.slug}>
          <legend>{t("sections.questionnaire", { programme: nameOf(p, "name") })}</legend>
          <p className="muted small">{t("questionnaireNote")}</p>
          {p.questionnaire.content.questions.map((q) => (
            <QuestionField key={q.id} meta={metaOf(fields, fieldName(p.slug, q.id))} question={q} />
          ))}
        </fieldset>
      ))}
    </>
  );
}

/** One question as its version words it, in the visitor's language (or marked English). */
export function QuestionField({
  meta,
  question,
}: {
  meta: FieldMetadata<unknown>;
  question: QuestionDef;
}) {
  const { t, i18n } = useTranslation("enquiry");
  const lng = i18n.language;
  const label = <InLanguage value={localize(question.label, lng)} />;
  const helpText = question.help ? localize(question.help, lng) : null;
  const hint = helpText?.text ? <InLanguage value={helpText} /> : undefined;
  switch (question.type) {
    case "number": {
      const unit = question.unit ? localize(question.unit, lng) : null;
      return (
        <FormField meta={meta} label={label} hint={hint}>
          {(props) => {
            const input = (
              <input
                {...props}
                inputMode={question.decimals ? "decimal" : "numeric"}
                dir="ltr"
                size={4}
              />
            );
            return unit?.text ? (
              <span className="with-unit">
                {input} <InLanguage value={unit} />
              </span>
            ) : (
              input
            );
          }}
        </FormField>
      );
    }
    case "date":
      return (
        <FormField meta={meta} label={label} hint={hint ?? t("hints.date")}>
          {(props) => <input {...props} type="date" dir="ltr" />}
        </FormField>
      );
    case "text":
      return (
        <FormField meta={meta} label={label} hint={hint}>
          {(props) => <textarea {...props} rows={3} maxLength={2000} />}
        </FormField>
      );
    default: {
      const options =
        question.type === "yesno"
          ? [
              { value: "yes", label: t("yes") },
              { value: "no", label: t("no") },
            ]
          : (question.options ?? []).map((o) => ({
              value: o.key,
              label: <InLanguage value={localize(o.label, lng)} />,
            }));
      return (
        <ChoiceField
          meta={meta}
          legend={label}
          hint={hint}
          type={question.type === "multiple" ? "checkbox" : "radio"}
          options={options}
        />
      );
    }
  }
}

/**
 * The records to send. Files are never kept after a refusal (the page says so beside the
 * field): the visitor chooses them again, so each refusal (`reply`) empties the file input,
 * which a page updated by script would otherwise leave showing the files it no longer has.
 */
export function Records({
  fields,
  maxMb,
  maxFiles,
  reply,
}: {
  fields: EnquiryFields;
  maxMb: number;
  maxFiles: number;
  reply: unknown;
}) {
  const { t } = useTranslation("enquiry");
  return (
    <fieldset>
      <legend>{t("sections.records")}</legend>
      <FileField
        meta={metaOf(fields, "files")}
        label={t("fields.files")}
        hint={t("hints.files", { max: maxMb, count: maxFiles })}
        multiple
        clearOn={reply}
      />
    </fieldset>
  );
}

export function Consent({ fields }: { fields: EnquiryFields }) {
  const { t } = useTranslation("enquiry");
  return (
    <fieldset className="consent">
      <legend>{t("consent.legend")}</legend>
      <p className="small">{t("privacy:consent.text")}</p>
      <FormField
        meta={fields.consent}
        label={t("privacy:consent.checkbox", { version: CONSENT_VERSION })}
        className="checkbox"
      >
        {({ defaultValue, ...props }) => (
          <input
            {...props}
            type="checkbox"
            value="yes"
            required
            defaultChecked={defaultValue === "yes"}
          />
        )}
      </FormField>
      <p className="small">
        <Link to="/privacy" target="_blank">
          {t("consent.readNotice")}
        </Link>
      </p>
    </fieldset>
  );
}

/**
 * The opt-in to news by WhatsApp or SMS (issue 24): optional, both boxes unticked, each with
 * the wording its consent records (CHANNEL_CONSENT_VERSION). Ticking one sends a code to the
 * number given above once the enquiry is confirmed.
 */
export function ChannelOptIn({ fields }: { fields: EnquiryFields }) {
  const { t } = useTranslation("privacy");
  return (
    <ChoiceField
      meta={fields.channels}
      legend={t("channels.legend")}
      hint={t("channels.optInHint")}
      type="checkbox"
      className="consent"
      options={CHANNELS.map((channel) => ({
        value: channel,
        label: t(`channels.optIn.${channel}`),
      }))}
    />
  );
}

/** The honeypot: people never see this field, simple bots fill it. */
export function Honeypot() {
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor="website">Website</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
