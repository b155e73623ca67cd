/**
 * The patient's own settings: name, phone, language and time zone, and their consent to
 * the processing of health data, which they can withdraw here.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  control,
  CountryOptions,
  ErrorSummary,
  Field,
  LanguageOptions,
  TimeZoneOptions,
} from "~/components/form";
import { db } from "~/db.server";
import { LOCALES } from "~/i18n/config";
import { detectLocale, getFixedT, localeCookie } from "~/i18n/i18n.server";
import { countryOptions, timeZoneOptions } from "~/lib/countries.server";
import { formatDate } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { requirePatient } from "~/models/auth/auth.server";
import { isCountry, isTimeZone, toE164 } from "~/models/enquiry/enquiry.server";
import { activeConsent, withdrawConsent } from "~/models/cases/portal.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.settings");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  const profile = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { name: true, email: true, phone: true, locale: true, timeZone: true, country: true },
  });
  const phone = profile.phone ? parsePhoneNumberFromString(profile.phone) : undefined;
  return {
    values: {
      name: profile.name,
      phone: phone ? phone.formatNational() : (profile.phone ?? ""),
      phoneCountry: phone?.country ?? profile.country ?? "",
      language: profile.locale,
      timeZone: profile.timeZone,
    },
    email: profile.email,
    saved: new URL(request.url).searchParams.has("saved"),
    consent: await activeConsent(user.id),
    countries: countryOptions(locale),
    timeZones: timeZoneOptions(),
  };
}

const FIELDS = ["name", "phoneCountry", "phone", "language", "timeZone"] as const;

const Profile = z.object({
  name: z.string().trim().min(2, "nameRequired").max(120, "tooLong"),
  phoneCountry: z.string().refine(isCountry, "phoneCountry"),
  phone: z.string().trim().min(1, "phoneRequired").max(30, "phone"),
  language: z.enum(LOCALES, "language"),
  timeZone: z.string().refine(isTimeZone, "timeZone"),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["portal", "enquiry"]);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return data(
      {
        intent: "profile",
        errors: { form: t("enquiry:errors.malformed") },
        values: {},
        saved: false,
      },
      400,
    );
  }
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.slice(0, 500) : "";
  };
  const intent = text("intent");

  if (intent === "withdraw") {
    if (text("confirm") !== "yes") {
      return data(
        { intent, errors: { confirm: t("settings.confirmRequired") }, values: {}, saved: false },
        400,
      );
    }
    await withdrawConsent(user.id);
    return data({ intent, errors: undefined, values: {}, saved: true });
  }

  if (intent !== "profile") {
    return data(
      {
        intent: "profile",
        errors: { form: t("enquiry:errors.malformed") },
        values: {},
        saved: false,
      },
      400,
    );
  }
  const values = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as Record<string, string>;
  const parsed = Profile.safeParse(values);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors[String(issue.path[0])] ??= t(`enquiry:errors.${issue.message}`);
    }
  }
  let e164 = "";
  if (parsed.success) {
    e164 = toE164(parsed.data.phone, parsed.data.phoneCountry) ?? "";
    if (!e164) errors.phone = t("enquiry:errors.phone");
  }
  if (!parsed.success || Object.keys(errors).length) {
    return data({ intent, errors, values, saved: false }, 400);
  }
  const p = parsed.data;
  await db.$transaction([
    db.user.update({
      where: { id: user.id },
      data: { name: p.name, phone: e164, locale: p.language, timeZone: p.timeZone },
    }),
    // Emails about open cases follow the patient's language and time zone from now on.
    db.case.updateMany({
      where: { patientId: user.id, closedAt: null },
      data: { language: p.language, timeZone: p.timeZone },
    }),
  ]);
  // The saved language is also the explicit choice for this browser.
  return redirect("/portal/settings?saved=1", {
    headers: { "Set-Cookie": await localeCookie.serialize(p.language) },
  });
}

export default function Settings() {
  const { t, i18n } = useTranslation("portal");
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const profileErrors = actionData?.intent === "profile" ? actionData.errors : undefined;
  const values =
    actionData?.intent === "profile" && actionData.errors ? actionData.values : loaderData.values;
  const withdrawErrors: Record<string, string> | undefined =
    actionData?.intent === "withdraw" ? actionData.errors : undefined;
  const savedProfile = loaderData.saved && !actionData;
  const labels: Record<string, string> = {
    form: t("settings.profile"),
    name: t("enquiry:fields.name"),
    phoneCountry: t("enquiry:fields.phoneCountry"),
    phone: t("enquiry:fields.phone"),
    language: t("enquiry:fields.language"),
    timeZone: t("enquiry:fields.timeZone"),
  };
  return (
    <div className="portal">
      <section className="card" aria-labelledby="profile-h">
        <h1 id="profile-h">{t("settings.title")}</h1>
        {savedProfile ? (
          <p role="status" className="notice ok">
            {t("settings.saved")}
          </p>
        ) : null}
        <ErrorSummary errors={profileErrors} order={["form", ...FIELDS]} labels={labels} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <p>
            <strong>{t("settings.email")}</strong> <bdi dir="ltr">{loaderData.email}</bdi>
            <br />
            <span className="muted small">{t("settings.emailHelp")}</span>
          </p>
          <Field name="name" label={labels.name!} errors={profileErrors}>
            <input {...control("name", profileErrors, values)} autoComplete="name" />
          </Field>
          <div className="field-row">
            <Field name="phoneCountry" label={labels.phoneCountry!} errors={profileErrors}>
              <select {...control("phoneCountry", profileErrors, values)}>
                <option value="">{t("enquiry:choose")}</option>
                <CountryOptions countries={loaderData.countries} withDial />
              </select>
            </Field>
            <Field name="phone" label={labels.phone!} errors={profileErrors}>
              <input
                {...control("phone", profileErrors, values)}
                type="tel"
                dir="ltr"
                autoComplete="tel"
              />
            </Field>
          </div>
          <Field name="language" label={labels.language!} errors={profileErrors}>
            <select {...control("language", profileErrors, values)}>
              <LanguageOptions />
            </select>
          </Field>
          <Field name="timeZone" label={labels.timeZone!} errors={profileErrors}>
            <select {...control("timeZone", profileErrors, values)}>
              <TimeZoneOptions zones={loaderData.timeZones} />
            </select>
          </Field>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("settings.save")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="consent-h">
        <h2 id="consent-h">{t("settings.consentTitle")}</h2>
        {loaderData.consent ? (
          <>
            <p>
              {t("settings.consentGiven", {
                date: formatDate(
                  loaderData.consent.grantedAt,
                  i18n.language,
                  loaderData.values.timeZone,
                ),
                version: loaderData.consent.version,
              })}
            </p>
            <p className="muted small">{t("settings.withdrawHelp")}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="withdraw" />
              <div className={withdrawErrors?.confirm ? "field has-error" : "field"}>
                <label className="choice">
                  <input
                    type="checkbox"
                    id="confirm"
                    name="confirm"
                    value="yes"
                    aria-invalid={withdrawErrors?.confirm ? true : undefined}
                    aria-describedby={withdrawErrors?.confirm ? "confirm-error" : undefined}
                  />
                  {t("settings.withdrawConfirm")}
                </label>
                {withdrawErrors?.confirm ? (
                  <p id="confirm-error" className="field-error" role="alert">
                    {withdrawErrors.confirm}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="danger">
                {t("settings.withdraw")}
              </button>
            </Form>
          </>
        ) : (
          <p role="status">
            {actionData?.intent === "withdraw" && actionData.saved
              ? t("settings.withdrawn")
              : t("settings.noConsent")}
          </p>
        )}
      </section>
    </div>
  );
}
