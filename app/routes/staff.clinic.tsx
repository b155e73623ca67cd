/**
 * How the clinic runs, for admins (issue 23): its time zone, the currency of its price list
 * and the currencies a quote may be issued in, the bank account patients pay into, and the
 * letterhead logo. Every page, email and PDF reads them (app/models/site/clinic-settings.server);
 * the environment variables only seed them on a first run. Every save is audited with what
 * changed, before and after. The clinic's name, address, phone and email are its public facts,
 * edited at /staff/site. Below them, in their own form, how many hours before each kind of
 * appointment the patient is reminded (issue 24), audited the same way.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  ChoiceField,
  FormDone,
  FormErrors,
  FormField,
  TimeZoneOptions,
  useAppForm,
  type FormReply,
} from "~/components/form";
import {
  ClinicPageForm,
  ClinicSettingsForm,
  LOGO_MAX_BYTES,
  ReminderRulesForm,
} from "~/forms/clinic-settings";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { timeZoneOptions } from "~/lib/countries.server";
import { translatedTitle } from "~/lib/meta";
import { QUOTE_CURRENCIES } from "~/lib/money";
import { APPOINTMENT_KINDS, hoursText } from "~/lib/reminder-rules";
import { requirePermission } from "~/models/auth/auth.server";
import {
  checkLogo,
  clinicSettingsPage,
  ClinicSettingsError,
  saveClinicSettings,
  type LogoUpload,
} from "~/models/site/clinic-settings.server";
import { reminderRules, saveReminderRules } from "~/models/travel/reminders.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "finance"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "site:settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "clinic:edit");
  const { locale } = await detectLocale(request, user.locale);
  const rules = await reminderRules();
  return {
    settings: await clinicSettingsPage(),
    zones: timeZoneOptions(locale),
    reminders: Object.fromEntries(APPOINTMENT_KINDS.map((k) => [k, hoursText(rules[k])])),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "clinic:edit");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["site", "common"]);
  const { submission, form } = await readSubmission(request, ClinicPageForm, t, {
    maxFileBytes: LOGO_MAX_BYTES,
    maxFiles: 1,
  });
  // Each form's answer names it, so the other keeps what it shows.
  const formId = form.fields.get("intent")?.[0] === "reminders" ? "reminders" : "settings";
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: formId, ...reply }, { status });
  const fieldError = (field: string, message: string) =>
    answer(400, { result: submission.reply({ fieldErrors: { [field]: [message] } }) });
  // A file over the limit was dropped by the reader: say so rather than save without it.
  if (form.oversized.length || form.tooManyFiles)
    return fieldError(
      "logo",
      t("settings.errors.logoTooLarge", { max: Math.round(LOGO_MAX_BYTES / 1024) }),
    );
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  const actor = { id: user.id, ip: (context as { ip?: string }).ip ?? null };
  if (input.intent === "reminders") {
    const changed = await saveReminderRules(input, actor);
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t(changed.length ? "settings.reminders.saved" : "settings.unchanged"),
    });
  }
  try {
    const file = form.files.find((f) => f.bytes.byteLength > 0);
    let logo: LogoUpload | "remove" | undefined;
    if (file) logo = await checkLogo(file, LOGO_MAX_BYTES);
    else if (input.removeLogo) logo = "remove";
    const changed = await saveClinicSettings(
      {
        timeZone: input.timeZone,
        baseCurrency: input.baseCurrency,
        quoteCurrencies: input.quoteCurrencies,
        bankName: input.bankName,
        bankAccountName: input.bankAccountName,
        bankIban: input.bankIban,
        bankBic: input.bankBic,
        logo,
      },
      actor,
    );
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t(changed.length ? "settings.saved" : "settings.unchanged"),
    });
  } catch (error) {
    if (error instanceof ClinicSettingsError)
      return fieldError(error.field, t(error.key, error.values));
    throw error;
  }
}

export default function ClinicSettingsPage() {
  const { t, i18n } = useTranslation("site");
  const { settings, zones, reminders } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { form, fields, props, done } = useAppForm<z.input<typeof ClinicSettingsForm>>(
    "settings",
    reply,
    {
      timeZone: settings.timeZone,
      baseCurrency: settings.baseCurrency,
      quoteCurrencies: settings.quoteCurrencies,
      bankName: settings.bankName,
      bankAccountName: settings.bankAccountName,
      bankIban: settings.bankIban,
      bankBic: settings.bankBic,
    },
  );
  const rules = useAppForm<z.input<typeof ReminderRulesForm>>("reminders", reply, reminders);
  const currencyName = (code: string) => {
    const name = new Intl.DisplayNames([i18n.language], { type: "currency" }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  };
  const options = QUOTE_CURRENCIES.map((c) => ({ value: c, label: currencyName(c) }));
  return (
    <article className="site-admin">
      <h1>{t("settings.title")}</h1>
      <p className="muted">
        {t("settings.intro")} <Link to="/staff/site">{t("settings.factsLink")}</Link>
      </p>
      {settings.savedInApp ? null : <p className="notice">{t("settings.fromEnvironment")}</p>}
      <Form method="post" encType="multipart/form-data" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="settings" />
        <section aria-labelledby="settings-time-h" className="card">
          <h2 id="settings-time-h">{t("settings.section.time")}</h2>
          <FormField
            meta={fields.timeZone}
            label={t("settings.field.timeZone")}
            hint={t("settings.hint.timeZone")}
          >
            {(control) => (
              <select {...control}>
                <TimeZoneOptions zones={zones} />
              </select>
            )}
          </FormField>
        </section>
        <section aria-labelledby="settings-money-h" className="card">
          <h2 id="settings-money-h">{t("settings.section.money")}</h2>
          <FormField
            meta={fields.baseCurrency}
            label={t("settings.field.baseCurrency")}
            hint={
              settings.priceItems > 0
                ? t("settings.hint.baseLocked")
                : t("settings.hint.baseCurrency")
            }
          >
            {(control) => (
              <select {...control}>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <ChoiceField
            meta={fields.quoteCurrencies}
            legend={t("settings.field.quoteCurrencies")}
            hint={t("settings.hint.quoteCurrencies")}
            type="checkbox"
            options={options}
          />
        </section>
        <section aria-labelledby="settings-bank-h" className="card">
          <h2 id="settings-bank-h">{t("settings.section.bank")}</h2>
          <p className="muted">{t("settings.hint.bank")}</p>
          <div className="grid-2">
            <FormField meta={fields.bankAccountName} label={t("settings.field.bankAccountName")}>
              {(control) => <input {...control} maxLength={140} />}
            </FormField>
            <FormField meta={fields.bankName} label={t("settings.field.bankName")}>
              {(control) => <input {...control} maxLength={120} />}
            </FormField>
            <FormField
              meta={fields.bankIban}
              label={t("settings.field.bankIban")}
              hint={t("settings.hint.iban")}
            >
              {(control) => (
                <input
                  {...control}
                  dir="ltr"
                  maxLength={42}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </FormField>
            <FormField meta={fields.bankBic} label={t("settings.field.bankBic")}>
              {(control) => (
                <input
                  {...control}
                  dir="ltr"
                  maxLength={11}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </FormField>
          </div>
        </section>
        <section aria-labelledby="settings-logo-h" className="card">
          <h2 id="settings-logo-h">{t("settings.section.logo")}</h2>
          {settings.logo ? (
            <p>
              <img
                src={`/clinic-logo?v=${settings.logo.version}`}
                alt={t("settings.logoAlt")}
                className="letterhead-logo"
                height={48}
              />
            </p>
          ) : (
            <p className="muted">{t("settings.noLogo")}</p>
          )}
          <FormField
            meta={fields.logo}
            label={t("settings.field.logo")}
            hint={t("settings.hint.logo", { max: Math.round(LOGO_MAX_BYTES / 1024) })}
          >
            {({ key, defaultValue: _none, ...control }) => (
              <input
                key={key}
                {...control}
                type="file"
                accept="image/png,image/jpeg,.png,.jpg,.jpeg"
              />
            )}
          </FormField>
          {settings.logo ? (
            <label className="choice">
              <input type="checkbox" name="removeLogo" form="settings" />
              {t("settings.field.removeLogo")}
            </label>
          ) : null}
        </section>
        <button type="submit" disabled={busy}>
          {t("settings.save")}
        </button>
      </Form>
      <Form method="post" {...rules.props}>
        <FormErrors form={rules.form} />
        <FormDone message={rules.done} />
        <input type="hidden" name="intent" value="reminders" />
        <section aria-labelledby="settings-reminders-h" className="card">
          <h2 id="settings-reminders-h">{t("settings.reminders.title")}</h2>
          <p className="muted">{t("settings.reminders.intro")}</p>
          <div className="grid-2">
            {APPOINTMENT_KINDS.map((kind) => (
              <FormField
                key={kind}
                meta={rules.fields[kind]}
                label={t(`settings.reminders.field.${kind}`)}
                hint={t("settings.reminders.hint")}
              >
                {(control) => (
                  <input {...control} inputMode="decimal" maxLength={40} autoComplete="off" />
                )}
              </FormField>
            ))}
          </div>
        </section>
        <button type="submit" disabled={busy}>
          {t("settings.reminders.save")}
        </button>
      </Form>
    </article>
  );
}
