/**
 * The admin's editors for the clinic's public facts, its doctors and the questions patients ask
 * (staff.site, ADR 023).
 * Every control goes through FormField; forms work without JavaScript.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type FormReply,
} from "~/components/form";
import {
  ClinicForm,
  DoctorForm,
  FaqForm,
  NewDoctorForm,
  NewFaqForm,
  textField,
} from "~/forms/site";
import { LanguageFields, MissingLanguages } from "~/components/translations";
import { LOCALES, type Locale } from "~/i18n/config";
import { DOCTOR_FIELDS, FAQ_FIELDS, type DoctorText, type FaqField } from "~/lib/site";
import { missingLocales, type Texts } from "~/lib/translated";

interface Common {
  reply: FormReply | undefined;
  busy: boolean;
}

const CLINIC_FIELDS = [
  ["name", 120],
  ["legalName", 160],
  ["licenceNumber", 60],
  ["authorisationNumber", 60],
  ["street", 160],
  ["district", 80],
  ["city", 80],
  ["postcode", 20],
  ["country", 2],
  ["latitude", 12],
  ["longitude", 12],
  ["phone", 30],
  ["whatsapp", 30],
  ["email", 200],
] as const;

type ClinicRow = Record<(typeof CLINIC_FIELDS)[number][0] | "accreditations", string | number>;

export function ClinicEditor({ clinic, reply, busy }: Common & { clinic: ClinicRow | null }) {
  const { t } = useTranslation("site");
  const { form, fields, props, done } = useAppForm<z.input<typeof ClinicForm>>(
    "clinic",
    reply,
    clinic ? Object.fromEntries(Object.entries(clinic).map(([k, v]) => [k, String(v)])) : {},
  );
  return (
    <section aria-labelledby="clinic-admin-h" className="card">
      <h2 id="clinic-admin-h">{t("admin.clinic")}</h2>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="clinic" />
        <div className="grid-2">
          {CLINIC_FIELDS.map(([name, max]) => (
            <FormField
              key={name}
              meta={fields[name]}
              label={t(`admin.field.${name}`)}
              hint={name === "phone" || name === "whatsapp" ? t("admin.hint.phone") : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  maxLength={max}
                  dir={name === "name" ? undefined : "ltr"}
                  type={
                    name === "email"
                      ? "email"
                      : name === "phone" || name === "whatsapp"
                        ? "tel"
                        : "text"
                  }
                />
              )}
            </FormField>
          ))}
        </div>
        <FormField
          meta={fields.accreditations}
          label={t("admin.field.accreditations")}
          hint={t("admin.hint.accreditations")}
        >
          {(control) => <textarea {...control} rows={4} maxLength={1000} />}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("admin.save")}
        </button>
      </Form>
    </section>
  );
}

interface DoctorRow {
  id: string;
  name: string;
  registration: string;
  programmes: string;
  position: number;
  active: boolean;
  texts: Partial<Record<Locale, DoctorText>>;
}

export function DoctorEditor({ doctor, reply, busy }: Common & { doctor: DoctorRow }) {
  const { t } = useTranslation("site");
  const defaults: Record<string, string> = {
    name: doctor.name,
    registration: doctor.registration,
    programmes: doctor.programmes,
    position: String(doctor.position),
    active: doctor.active ? "on" : "",
  };
  for (const lng of LOCALES)
    for (const f of DOCTOR_FIELDS) defaults[textField(f, lng)] = doctor.texts[lng]?.[f] ?? "";
  const { form, fields, props, done } = useAppForm<z.input<typeof DoctorForm>>(
    `doctor-${doctor.id}`,
    reply,
    defaults,
  );
  const anyField = fields as unknown as Record<string, (typeof fields)["name"]>;
  const missing = missingLocales(doctor.texts, DOCTOR_FIELDS);
  return (
    <details className="card doctor-editor" open={Boolean(done) || Boolean(form.errors?.length)}>
      <summary>
        <bdi>{doctor.name}</bdi>
        {doctor.active ? null : <span className="muted"> · {t("admin.hidden")}</span>}
        <MissingLanguages missing={missing} />
      </summary>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="doctor" />
        <input type="hidden" name="doctorId" value={doctor.id} />
        <div className="grid-2">
          <FormField meta={fields.name} label={t("admin.field.doctorName")}>
            {(control) => <input {...control} maxLength={120} />}
          </FormField>
          <FormField meta={fields.registration} label={t("admin.field.registration")}>
            {(control) => <input {...control} maxLength={60} dir="ltr" />}
          </FormField>
          <FormField
            meta={fields.programmes}
            label={t("admin.field.programmes")}
            hint={t("admin.hint.programmes")}
          >
            {(control) => <input {...control} maxLength={300} dir="ltr" />}
          </FormField>
          <FormField meta={fields.position} label={t("admin.field.position")}>
            {(control) => <input {...control} inputMode="numeric" maxLength={3} />}
          </FormField>
        </div>
        <FormField meta={fields.active} label={t("admin.field.active")}>
          {({ defaultValue: _typed, ...control }) => (
            <input
              {...control}
              type="checkbox"
              defaultChecked={fields.active.initialValue === "on"}
            />
          )}
        </FormField>
        <LanguageFields
          missing={missing}
          metaOf={(f, lng) => anyField[textField(f, lng)]!}
          fields={[
            { name: "title", label: t("admin.field.title"), max: 160 },
            { name: "credentials", label: t("admin.field.credentials"), max: 600, multiline: true },
          ]}
        />
        <button type="submit" disabled={busy}>
          {t("admin.save")}
        </button>
      </Form>
    </details>
  );
}

export function NewDoctor({ formKey, reply, busy }: Common & { formKey: string }) {
  const { t } = useTranslation("site");
  const { form, fields, props, done } = useAppForm<z.input<typeof NewDoctorForm>>(
    "new-doctor",
    reply,
  );
  return (
    <section aria-labelledby="new-doctor-h" className="card">
      <h3 id="new-doctor-h">{t("admin.newDoctor")}</h3>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="newDoctor" />
        <FormKey value={formKey} />
        <FormField meta={fields.name} label={t("admin.field.doctorName")}>
          {(control) => <input {...control} maxLength={120} />}
        </FormField>
        <FormField meta={fields.registration} label={t("admin.field.registration")}>
          {(control) => <input {...control} maxLength={60} dir="ltr" />}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("admin.add")}
        </button>
      </Form>
    </section>
  );
}

interface FaqRow {
  id: string;
  question: string;
  answer: string;
  position: number;
  active: boolean;
  texts: Texts<FaqField>;
}

/** One question: its words in every language (English is the fallback), its place, shown or not. */
export function FaqEditor({ entry, reply, busy }: Common & { entry: FaqRow }) {
  const { t } = useTranslation("site");
  const defaults: Record<string, string> = {
    position: String(entry.position),
    active: entry.active ? "on" : "",
    [textField("question", "en")]: entry.question,
    [textField("answer", "en")]: entry.answer,
  };
  for (const lng of LOCALES)
    if (lng !== "en")
      for (const f of FAQ_FIELDS) defaults[textField(f, lng)] = entry.texts[lng]?.[f] ?? "";
  const { form, fields, props, done } = useAppForm<z.input<typeof FaqForm>>(
    `faq-${entry.id}`,
    reply,
    defaults,
  );
  const anyField = fields as unknown as Record<string, (typeof fields)["position"]>;
  const missing = missingLocales(entry.texts, FAQ_FIELDS);
  return (
    <details className="card faq-editor" open={Boolean(done) || Boolean(form.errors?.length)}>
      <summary>
        <bdi lang="en">{entry.question}</bdi>
        {entry.active ? null : <span className="muted"> · {t("admin.hidden")}</span>}
        <MissingLanguages missing={missing} />
      </summary>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="faq" />
        <input type="hidden" name="faqId" value={entry.id} />
        <div className="grid-2">
          <FormField
            meta={fields.position}
            label={t("admin.field.position")}
            hint={t("admin.hint.faqPosition")}
          >
            {(control) => <input {...control} inputMode="numeric" maxLength={3} />}
          </FormField>
          <FormField meta={fields.active} label={t("admin.field.active")}>
            {({ defaultValue: _typed, ...control }) => (
              <input
                {...control}
                type="checkbox"
                defaultChecked={fields.active.initialValue === "on"}
              />
            )}
          </FormField>
        </div>
        <LanguageFields
          missing={missing}
          metaOf={(f, lng) => anyField[textField(f, lng)]!}
          fields={[
            { name: "question", label: t("admin.field.question"), max: 300 },
            { name: "answer", label: t("admin.field.answer"), max: 2000, multiline: true },
          ]}
        />
        <button type="submit" disabled={busy}>
          {t("admin.save")}
        </button>
      </Form>
    </details>
  );
}

/** A new question, in English; its other languages are then written in its editor. */
export function NewFaq({ formKey, reply, busy }: Common & { formKey: string }) {
  const { t } = useTranslation("site");
  const { form, fields, props, done } = useAppForm<z.input<typeof NewFaqForm>>("new-faq", reply);
  return (
    <section aria-labelledby="new-faq-h" className="card">
      <h3 id="new-faq-h">{t("admin.newFaq")}</h3>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="newFaq" />
        <FormKey value={formKey} />
        <FormField meta={fields.question} label={t("admin.field.question")}>
          {(control) => <input {...control} maxLength={300} lang="en" />}
        </FormField>
        <FormField meta={fields.answer} label={t("admin.field.answer")}>
          {(control) => <textarea {...control} rows={4} maxLength={2000} lang="en" />}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("admin.add")}
        </button>
      </Form>
    </section>
  );
}
