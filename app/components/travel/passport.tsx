/**
 * The patient's passport upload (form "passport"): whose passport, the photo page's details
 * and its scan. A refusal lists the problems at the top, each beside its field, and keeps
 * everything typed (the file has to be chosen again: browsers never send it back).
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CountryOptions,
  FileField,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  type FormReply,
  ProblemList,
  useAppForm,
} from "~/components/form";
import type { PassportInput } from "~/forms/passport";
import { PASSPORT_FIELDS, PASSPORT_KINDS } from "~/lib/itinerary";

const FIELDS = ["kind", ...PASSPORT_FIELDS, "file"] as const;

export function PassportUpload({
  countries,
  maxMb,
  formKey,
  reply,
  busy,
}: {
  countries: readonly { code: string; name: string; dial: string }[];
  maxMb: number;
  formKey: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation("travel");
  const { form, fields, props, done } = useAppForm<PassportInput & { file?: unknown }>(
    "passport",
    reply,
    { kind: PASSPORT_KINDS[0] },
  );
  const labels = {
    kind: t("passport.kindLabel"),
    holderName: t("passport.holderName"),
    nativeName: t("passport.nativeName"),
    nationality: t("passport.nationality"),
    documentNumber: t("passport.documentNumber"),
    birthDate: t("passport.birthDate"),
    expiresOn: t("passport.expiresOn"),
    file: t("passport.file"),
  };
  return (
    <>
      <FormDone message={done} />
      <h3>{t("passport.uploadHeading")}</h3>
      {/* Posted to the page itself ("."), never to the address another form left ("?insurance"). */}
      <Form
        method="post"
        action="."
        encType="multipart/form-data"
        className="upload-form"
        {...props}
      >
        <FormKey value={formKey} />
        <FormErrors form={form} />
        <ProblemList form={form} fields={FIELDS} labels={labels} />
        <FormField meta={fields.kind} label={labels.kind}>
          {(control) => (
            <select {...control}>
              {PASSPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`passport.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField meta={fields.holderName} label={labels.holderName} hint={t("passport.hintName")}>
          {(control) => (
            <input
              {...control}
              dir="ltr"
              lang="en"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </FormField>
        <FormField
          meta={fields.nativeName}
          label={labels.nativeName}
          hint={t("passport.hintNativeName")}
        >
          {(control) => <input {...control} autoComplete="name" />}
        </FormField>
        <FormField meta={fields.nationality} label={labels.nationality}>
          {(control) => (
            <select {...control}>
              <option value="">{t("passport.chooseCountry")}</option>
              <CountryOptions countries={countries} />
            </select>
          )}
        </FormField>
        <FormField meta={fields.documentNumber} label={labels.documentNumber}>
          {(control) => <input {...control} dir="ltr" autoComplete="off" />}
        </FormField>
        <div className="grid-2">
          <FormField meta={fields.birthDate} label={labels.birthDate}>
            {(control) => <input {...control} type="date" autoComplete="bday" />}
          </FormField>
          <FormField
            meta={fields.expiresOn}
            label={labels.expiresOn}
            hint={t("passport.hintExpiry", { months: 6 })}
          >
            {(control) => <input {...control} type="date" />}
          </FormField>
        </div>
        <FileField
          meta={fields.file}
          label={labels.file}
          hint={t("passport.hintFile", { max: maxMb })}
        />
        <button type="submit" disabled={busy}>
          {t("passport.upload")}
        </button>
      </Form>
    </>
  );
}
