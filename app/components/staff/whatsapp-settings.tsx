/**
 * The WhatsApp block of the staff notification settings (issue 24, section 6): one's number
 * with its country, a code to prove it, and the first-reply reminder on WhatsApp, which can be
 * ticked only once the number is proved. Each is its own small form, so an error shows beside
 * its field and what was typed elsewhere stays.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CountryOptions,
  FieldErrors,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  controlProps,
  useAppForm,
  useBusy,
  type FormReply,
} from "~/components/form";

export interface StaffWhatsappBlockProps {
  values: { phone: string; phoneCountry: string; enabled: boolean };
  hasPhone: boolean;
  proved: boolean;
  codePending: boolean;
  countries: readonly { code: string; name: string; dial: string }[];
  codeKey: string;
  confirmKey: string;
  reply: FormReply | null | undefined;
}

export function StaffWhatsappBlock(p: StaffWhatsappBlockProps) {
  const { t } = useTranslation();
  const busy = useBusy();
  const phone = useAppForm<{ phone: string; phoneCountry: string }>("staff-phone", p.reply, {
    phone: p.values.phone,
    phoneCountry: p.values.phoneCountry,
  });
  const send = useAppForm<Record<string, string>>("send-code", p.reply);
  const confirm = useAppForm<{ code: string }>("confirm-code", p.reply);
  const toggle = useAppForm<{ enabled: boolean }>("staff-whatsapp", p.reply, {
    enabled: p.values.enabled ? "on" : undefined,
  });
  const enabled = toggle.fields.enabled;
  const enabledInvalid = Boolean(enabled.errors?.length);
  return (
    <section className="card whatsapp-settings" aria-labelledby="whatsapp-h">
      <h2 id="whatsapp-h">{t("notifications.whatsapp.heading")}</h2>
      <p className="hint">{t("notifications.whatsapp.intro")}</p>

      <Form method="post" {...phone.props}>
        <FormErrors form={phone.form} />
        <FormDone message={phone.done} focus />
        <input type="hidden" name="intent" value="phone" />
        <div className="field-row">
          <FormField
            meta={phone.fields.phoneCountry}
            label={t("notifications.whatsapp.phoneCountry")}
          >
            {(props) => (
              <select {...props}>
                <option value="">{t("notifications.whatsapp.choose")}</option>
                <CountryOptions countries={p.countries} withDial />
              </select>
            )}
          </FormField>
          <FormField meta={phone.fields.phone} label={t("notifications.whatsapp.phone")}>
            {(props) => <input {...props} type="tel" dir="ltr" autoComplete="tel" />}
          </FormField>
        </div>
        <button type="submit" disabled={busy}>
          {t("notifications.whatsapp.savePhone")}
        </button>
      </Form>

      {p.hasPhone ? (
        <p role="status" className={p.proved ? "notice ok" : "hint"}>
          {p.proved ? t("notifications.whatsapp.proved") : t("notifications.whatsapp.notProved")}
        </p>
      ) : null}

      {p.hasPhone && !p.proved ? (
        <>
          <Form method="post" {...send.props}>
            <FormErrors form={send.form} />
            <FormDone message={send.done} focus />
            <FormKey value={p.codeKey} />
            <input type="hidden" name="intent" value="sendCode" />
            <button type="submit" disabled={busy}>
              {p.codePending
                ? t("notifications.whatsapp.sendAgain")
                : t("notifications.whatsapp.sendCode")}
            </button>
          </Form>
          {p.codePending ? (
            <Form method="post" {...confirm.props}>
              <FormErrors form={confirm.form} />
              <FormDone message={confirm.done} focus />
              <FormKey value={p.confirmKey} />
              <input type="hidden" name="intent" value="confirmCode" />
              <FormField
                meta={confirm.fields.code}
                label={t("notifications.whatsapp.code")}
                hint={t("notifications.whatsapp.codeHint")}
              >
                {(props) => (
                  <input
                    {...props}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    dir="ltr"
                    maxLength={12}
                  />
                )}
              </FormField>
              <button type="submit" disabled={busy}>
                {t("notifications.whatsapp.confirm")}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}

      <Form method="post" {...toggle.props}>
        <FormErrors form={toggle.form} />
        <FormDone message={toggle.done} focus />
        <input type="hidden" name="intent" value="whatsapp" />
        <div className={["field", enabledInvalid ? "has-error" : ""].join(" ").trim()}>
          <label className="choice">
            <input
              {...controlProps(enabled, { hint: true })}
              key={enabled.key}
              type="checkbox"
              value="on"
              defaultValue={undefined}
              defaultChecked={p.values.enabled}
              disabled={!p.proved}
            />
            {t("notifications.whatsapp.enabled")}
          </label>
          <p id={enabled.descriptionId} className="hint">
            {t("notifications.whatsapp.enabledHint")}
          </p>
          <FieldErrors meta={enabled} />
        </div>
        <button type="submit" disabled={busy || !p.proved}>
          {t("notifications.whatsapp.saveToggle")}
        </button>
      </Form>
    </section>
  );
}
