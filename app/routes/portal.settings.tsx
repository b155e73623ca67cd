/**
 * The patient's own settings: name, phone, language and time zone, their consent to the
 * processing of health data, which they can withdraw here, and messages on their phone
 * (issue 24): each channel turned on or off, and the number proved by a code. Every form is a
 * plain POST answered in place; the phone's forms carry a key, so sent twice they act once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CountryOptions,
  FormErrors,
  FormField,
  LanguageOptions,
  TimeZoneOptions,
  useAppForm,
  type FormReply,
} from "~/components/form";
import { NAME_MAX } from "~/forms/enquiry";
import { ProfileForm, SettingsForm, WithdrawForm } from "~/forms/settings";
import { detectLocale, getFixedT, localeCookie } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { countryOptions, timeZoneOptions } from "~/lib/countries.server";
import { formatDate } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { requirePatient } from "~/models/auth/auth.server";
import { getPatientSettings, saveProfile, withdrawConsent } from "~/models/cases/portal.server";
import {
  channelSettings,
  checkPhoneCode,
  sendPhoneCode,
  setChannelConsent,
} from "~/models/channels/channel-consent.server";
import { CODE_MINUTES } from "~/models/channels/phone.server";
import { PhoneChannels, phoneFormId } from "~/components/portal/phone-channels";
import { displayPhone } from "~/lib/phone";
import type { z } from "zod";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "privacy"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.settings");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  return {
    ...(await getPatientSettings(user.id)),
    phoneChannels: await phoneChannelsOf(user.id),
    // The key of the phone section's forms (each acts once).
    formKey: newFormKey(),
    saved: new URL(request.url).searchParams.has("saved"),
    countries: countryOptions(locale),
    timeZones: timeZoneOptions(locale),
  };
}

/** The phone section's state, with the number as people write it and a key for its forms. */
async function phoneChannelsOf(userId: string) {
  const settings = await channelSettings(userId);
  return {
    ...settings,
    phone: settings.phone ? displayPhone(settings.phone) : null,
    codeMinutes: CODE_MINUTES,
  };
}

/**
 * A code form spends its key even when refused (a wrong code counts as a try), so after any
 * answer to the phone section the page fetches a fresh key: the next try is checked, not
 * taken for the same form sent twice.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionResult,
  defaultShouldRevalidate,
}) => defaultShouldRevalidate || (actionResult as { form?: string } | undefined)?.form === "code";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["portal", "enquiry", "privacy", "common"]);
  const { submission, sent } = await readSubmission(request, SettingsForm, t);
  const form = phoneFormId(submission.payload) ?? String(submission.payload.intent ?? "profile");
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });

  const input = submission.value;
  const ip = clientIp(context);
  const codeError = (key: string) =>
    answer(400, { result: submission.reply({ fieldErrors: { code: [t(key)] } }) });
  try {
    if (input.intent === "channel") {
      const on = input.choice === "on";
      await setChannelConsent(user.id, input.channel, on, { ip, locale, key: sent });
      // Already on (or off) answers as if it had just been done: the state is the one asked for.
      const channel = t(`privacy:channels.name.${input.channel}`);
      return answer(200, {
        result: submission.reply({ resetForm: true }),
        done: t(on ? "privacy:channels.settings.turnedOn" : "privacy:channels.settings.turnedOff", {
          channel,
        }),
      });
    }
    if (input.intent === "sendCode") {
      const started = await sendPhoneCode(user.id, input.channel, sent);
      if (!started.ok) {
        if (started.error === "noPhone") {
          return answer(400, {
            result: submission.reply({ formErrors: [t("privacy:channels.errors.noPhone")] }),
          });
        }
        return codeError(
          started.error === "wait"
            ? "privacy:channels.errors.wait"
            : "privacy:channels.errors.tooManyCodes",
        );
      }
      return answer(200, {
        result: submission.reply({ resetForm: true }),
        done: t("privacy:channels.settings.codeSent", { phone: displayPhone(started.phone) }),
      });
    }
    if (input.intent === "confirmCode") {
      const checked = await checkPhoneCode(user.id, input.code, sent);
      if (!checked.ok) return codeError(`privacy:channels.errors.${checked.error}`);
      return answer(200, {
        result: submission.reply({ resetForm: true }),
        done: t("privacy:channels.settings.provedDone"),
      });
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    throw error;
  }
  if (input.intent === "withdraw") {
    await withdrawConsent(user.id);
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("settings.withdrawn"),
    });
  }
  const saved = await saveProfile(user.id, input);
  if (!saved) {
    return answer(400, {
      result: submission.reply({ fieldErrors: { phone: [t("enquiry:errors.phone")] } }),
    });
  }
  // The saved language is also the explicit choice for this browser.
  return redirect("/portal/settings?saved=1", {
    headers: { "Set-Cookie": await localeCookie.serialize(saved.language) },
  });
}

export default function Settings() {
  const { t, i18n } = useTranslation("portal");
  const { values, email, consent, saved, countries, timeZones, phoneChannels, formKey } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const profile = useAppForm<z.input<typeof ProfileForm>>("profile", reply, values);
  const withdraw = useAppForm<z.input<typeof WithdrawForm>>("withdraw", reply);
  const f = profile.fields;
  return (
    <div className="portal">
      <section className="card" aria-labelledby="profile-h">
        <h1 id="profile-h">{t("settings.title")}</h1>
        {saved && !reply ? (
          <p role="status" className="notice ok">
            {t("settings.saved")}
          </p>
        ) : null}
        <Form method="post" {...profile.props}>
          <FormErrors form={profile.form} />
          <input type="hidden" name="intent" value="profile" />
          <p>
            <strong>{t("settings.email")}</strong> <bdi dir="ltr">{email}</bdi>
            <br />
            <span className="muted small">{t("settings.emailHelp")}</span>
          </p>
          <FormField
            meta={f.name}
            label={t("enquiry:fields.name")}
            hint={t("enquiry:hints.name", { max: NAME_MAX })}
          >
            {(props) => <input {...props} autoComplete="name" maxLength={NAME_MAX} />}
          </FormField>
          <div className="field-row">
            <FormField meta={f.phoneCountry} label={t("enquiry:fields.phoneCountry")}>
              {(props) => (
                <select {...props}>
                  <option value="">{t("enquiry:choose")}</option>
                  <CountryOptions countries={countries} withDial />
                </select>
              )}
            </FormField>
            <FormField meta={f.phone} label={t("enquiry:fields.phone")}>
              {(props) => <input {...props} type="tel" dir="ltr" autoComplete="tel" />}
            </FormField>
          </div>
          <FormField meta={f.language} label={t("enquiry:fields.language")}>
            {(props) => (
              <select {...props}>
                <LanguageOptions />
              </select>
            )}
          </FormField>
          <FormField meta={f.timeZone} label={t("enquiry:fields.timeZone")}>
            {(props) => (
              <select {...props}>
                <TimeZoneOptions zones={timeZones} />
              </select>
            )}
          </FormField>
          <button type="submit" className="primary" disabled={busy}>
            {t("settings.save")}
          </button>
        </Form>
      </section>

      <PhoneChannels
        {...phoneChannels}
        formKey={formKey}
        timeZone={values.timeZone}
        reply={reply}
        busy={busy}
      />

      <section className="card" aria-labelledby="consent-h">
        <h2 id="consent-h">{t("settings.consentTitle")}</h2>
        {consent ? (
          <>
            <p>
              {t("settings.consentGiven", {
                date: formatDate(consent.grantedAt, i18n.language, values.timeZone),
                version: consent.version,
              })}
            </p>
            <p className="muted small">{t("settings.withdrawHelp")}</p>
            <Form method="post" {...withdraw.props}>
              <input type="hidden" name="intent" value="withdraw" />
              <FormField
                meta={withdraw.fields.confirm}
                label={t("settings.withdrawConfirm")}
                className="checkbox"
              >
                {({ defaultValue: _unused, ...props }) => (
                  <input {...props} type="checkbox" value="yes" />
                )}
              </FormField>
              <button type="submit" className="danger" disabled={busy}>
                {t("settings.withdraw")}
              </button>
            </Form>
          </>
        ) : (
          <p role="status">{withdraw.done ?? t("settings.noConsent")}</p>
        )}
      </section>
    </div>
  );
}
