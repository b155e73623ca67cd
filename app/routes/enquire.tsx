/**
 * The public enquiry form with the programme's eligibility questionnaire, consent, and
 * optional medical records. It works without JavaScript: the questionnaire shown follows
 * the chosen programme through CSS :has(), errors come back beside their fields with every
 * typed value kept, and focus moves to the first error when scripts run.
 */
import { isPatient } from "~/lib/permissions";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import {
  CountryOptions,
  LanguageOptions,
  TimeZoneOptions,
  control,
  describedBy,
  ErrorSummary,
  Field,
  FieldError,
  idOf,
  type Errors,
} from "~/components/form";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { CONSENT_VERSION } from "~/lib/consent";
import { countryOptions, regionFromAcceptLanguage, timeZoneOptions } from "~/lib/countries.server";
import { echo, fieldAll, readForm, field } from "~/infra/form-data.server";
import { translatedTitle } from "~/lib/meta";
import { fieldName, ORGANS, QUESTIONNAIRES, type Question } from "~/lib/questionnaires";
import { clientIp } from "~/infra/request.server";
import { getUser } from "~/models/auth/auth.server";
import { checkFiles, MAX_FILES_PER_UPLOAD, UploadError } from "~/infra/document-store.server";
import { ENQUIRY_FIELDS } from "~/lib/enquiry-fields";
import { holdEnquiry, submitOwnEnquiry, validateEnquiry } from "~/models/enquiry/enquiry.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "nav.enquire");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { locale } = await detectLocale(request, user?.locale);
  const programmes = await db.programme.findMany({
    where: { active: true },
    orderBy: { position: "asc" },
    select: { slug: true, name: true },
  });
  const wanted = new URL(request.url).searchParams.get("programme");
  const region = regionFromAcceptLanguage(request.headers.get("Accept-Language"));
  return {
    programmes: programmes.map((p) => ({ ...p, questions: QUESTIONNAIRES[p.slug] ?? [] })),
    countries: countryOptions(locale),
    timeZones: timeZoneOptions(),
    defaults: {
      programme: programmes.some((p) => p.slug === wanted) ? wanted! : (programmes[0]?.slug ?? ""),
      country: region ?? "",
      phoneCountry: region ?? "",
      language: locale,
    },
    maxMb: Math.floor(env().UPLOAD_MAX_BYTES / (1024 * 1024)),
    maxFiles: MAX_FILES_PER_UPLOAD,
    replyHours: env().FIRST_RESPONSE_HOURS,
  };
}

interface ActionData {
  errors: Record<string, string>;
  values: Record<string, string>;
  organs: string[];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const { locale } = await detectLocale(request, user?.locale);
  const t = getFixedT(locale, "enquiry");
  const { UPLOAD_MAX_BYTES } = env();
  const form = await readForm(request, {
    maxFileBytes: UPLOAD_MAX_BYTES,
    maxFiles: MAX_FILES_PER_UPLOAD,
  });
  const questionFields = [...form.fields.keys()].filter((k) => k.startsWith("q.")).slice(0, 60);
  const values = echo(form, [...ENQUIRY_FIELDS, ...questionFields, "consent"]);
  const organs = fieldAll(form, "organs").slice(0, ORGANS.length);
  const fail = (errors: Record<string, string>, status = 400, headers?: HeadersInit) =>
    data<ActionData>({ errors, values, organs }, { status, headers });

  if (form.malformed) return fail({ form: t("errors.malformed") });
  // The honeypot: people never see this field, simple bots fill it. They are told
  // "thank you" and nothing is stored.
  if (field(form, "website")) return redirect("/enquire/received");

  const ip = clientIp(context) ?? "unknown";
  const limit = await hit(`enquiry:ip:${ip}`, LIMITS.enquiryPerIp);
  if (!limit.allowed) {
    return fail(
      { form: t("errors.rateLimited", { minutes: Math.ceil(limit.retryAfterS / 60) }) },
      429,
      { "Retry-After": String(limit.retryAfterS) },
    );
  }

  const result = await validateEnquiry(form);
  const errors: Record<string, string> = {};
  if (!result.ok) {
    for (const [name, key] of Object.entries(result.errors)) errors[name] = t(`errors.${key}`);
  }
  const maxMb = Math.floor(UPLOAD_MAX_BYTES / (1024 * 1024));
  let files: Awaited<ReturnType<typeof checkFiles>> = [];
  if (form.tooManyFiles) {
    errors.files = t("errors.file.tooMany", { max: MAX_FILES_PER_UPLOAD });
  } else if (form.oversized.length) {
    errors.files = t("errors.file.tooLarge", { name: form.oversized[0], max: maxMb });
  } else {
    try {
      files = await checkFiles(form.files);
    } catch (error) {
      if (!(error instanceof UploadError)) throw error;
      errors.files = t(`errors.file.${error.problem}`, { name: error.fileName, max: maxMb });
    }
  }
  // Files cannot be kept across a failed submission; say so when some were sent.
  if (Object.keys(errors).length > 0 && form.files.length > 0 && !errors.files) {
    errors.files = t("errors.file.chooseAgain");
  }
  if (!result.ok || Object.keys(errors).length > 0) return fail(errors);

  // A signed-in patient sending their own address: the owner is here, so it goes straight to
  // their case. Anyone else's enquiry waits for the address's owner to confirm it.
  if (user && isPatient(user) && user.email === result.data.email) {
    const { caseId } = await submitOwnEnquiry(user, result.data, { ip, files });
    return redirect(`/portal/cases/${caseId}?enquiry=added`);
  }
  await holdEnquiry(result.data, { ip, files });
  return redirect("/enquire/received");
}

export default function Enquire() {
  const { t } = useTranslation("enquiry");
  const loaderData = useLoaderData<typeof loader>();
  const { programmes, countries, timeZones, defaults } = loaderData;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Errors = actionData?.errors;
  const values: Record<string, string> = actionData?.values ?? defaults;
  const chosenOrgans = new Set(actionData?.organs ?? []);

  // The time zone: what the visitor chose, else what the browser says (set once the page
  // runs, so server and client render the same), else empty.
  const timeZoneRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const select = timeZoneRef.current;
    if (!select || select.value) return;
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if ([...select.options].some((o) => o.value === detected)) select.value = detected;
  }, []);

  const labels: Record<string, string> = {
    form: t("title"),
    name: t("fields.name"),
    email: t("fields.email"),
    phoneCountry: t("fields.phoneCountry"),
    phone: t("fields.phone"),
    country: t("fields.country"),
    language: t("fields.language"),
    timeZone: t("fields.timeZone"),
    programme: t("fields.programme"),
    diagnosis: t("fields.diagnosis"),
    diagnosedYear: t("fields.diagnosedYear"),
    medication: t("fields.medication"),
    steroidDose: t("fields.steroidDose"),
    organs: t("fields.organs"),
    consent: t("consent.legend"),
    files: t("fields.files"),
  };
  for (const p of programmes) {
    for (const q of p.questions) labels[fieldName(p.slug, q.id)] = t(`questions.${q.id}.label`);
  }
  const order = [
    "form",
    ...ENQUIRY_FIELDS,
    "organs",
    ...programmes.flatMap((p) => p.questions.map((q) => fieldName(p.slug, q.id))),
    "files",
    "consent",
  ];

  // Shows the questionnaire of the selected programme, without scripts (CSS :has()).
  const questionnaireCss = `@supports selector(:has(*)) {
  .enquiry-form .questionnaire { display: none; }
  ${programmes
    .filter((p) => /^[a-z0-9-]+$/.test(p.slug))
    .map(
      (p) =>
        `.enquiry-form:has(#programme option[value="${p.slug}"]:checked) .questionnaire[data-programme="${p.slug}"] { display: block; }`,
    )
    .join("\n  ")}
}`;

  return (
    <section className="card form-page">
      {/* Generated from slugs checked above; set as HTML so quotes survive hydration unescaped. */}
      <style dangerouslySetInnerHTML={{ __html: questionnaireCss }} />
      <h1>{t("title")}</h1>
      <p>{t("intro", { hours: loaderData.replyHours })}</p>
      <p className="muted small">{t("requiredNote")}</p>
      <ErrorSummary errors={errors} order={order} labels={labels} />
      <Form method="post" encType="multipart/form-data" noValidate className="enquiry-form">
        <fieldset>
          <legend>{t("sections.you")}</legend>
          <Field name="name" label={labels.name!} errors={errors}>
            <input {...control("name", errors, values)} autoComplete="name" required />
          </Field>
          <Field name="email" label={labels.email!} hint={t("hints.email")} errors={errors}>
            <input
              {...control("email", errors, values, true)}
              type="email"
              autoComplete="email"
              dir="ltr"
              required
            />
          </Field>
          <div className="field-row">
            <Field name="phoneCountry" label={labels.phoneCountry!} errors={errors}>
              <select {...control("phoneCountry", errors, values)} required>
                <option value="">{t("choose")}</option>
                <CountryOptions countries={countries} withDial />
              </select>
            </Field>
            <Field name="phone" label={labels.phone!} hint={t("hints.phone")} errors={errors}>
              <input
                {...control("phone", errors, values, true)}
                type="tel"
                autoComplete="tel"
                inputMode="tel"
                dir="ltr"
                required
              />
            </Field>
          </div>
          <Field name="country" label={labels.country!} errors={errors}>
            <select {...control("country", errors, values)} autoComplete="country" required>
              <option value="">{t("choose")}</option>
              <CountryOptions countries={countries} />
            </select>
          </Field>
          <Field
            name="language"
            label={labels.language!}
            hint={t("hints.language")}
            errors={errors}
          >
            <select {...control("language", errors, values, true)} required>
              <LanguageOptions />
            </select>
          </Field>
          <Field
            name="timeZone"
            label={labels.timeZone!}
            hint={t("hints.timeZone")}
            errors={errors}
          >
            <select ref={timeZoneRef} {...control("timeZone", errors, values, true)} required>
              <option value="">{t("choose")}</option>
              <TimeZoneOptions zones={timeZones} />
            </select>
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t("sections.condition")}</legend>
          <Field name="programme" label={labels.programme!} errors={errors}>
            <select {...control("programme", errors, values)} required>
              {programmes.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {t(`catalogue:${p.slug}.name`, { defaultValue: p.name })}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="diagnosis"
            label={labels.diagnosis!}
            hint={t("hints.diagnosis")}
            errors={errors}
          >
            <input {...control("diagnosis", errors, values, true)} required maxLength={300} />
          </Field>
          <div className="field-row">
            <Field name="diagnosedYear" label={labels.diagnosedYear!} errors={errors}>
              <input
                {...control("diagnosedYear", errors, values)}
                inputMode="numeric"
                dir="ltr"
                size={6}
              />
            </Field>
            <Field
              name="steroidDose"
              label={labels.steroidDose!}
              hint={t("hints.steroidDose")}
              errors={errors}
            >
              <input
                {...control("steroidDose", errors, values, true)}
                inputMode="decimal"
                dir="ltr"
                size={8}
              />
            </Field>
          </div>
          <Field
            name="medication"
            label={labels.medication!}
            hint={t("hints.medication")}
            errors={errors}
          >
            <textarea {...control("medication", errors, values, true)} rows={3} maxLength={2000} />
          </Field>
          <fieldset className="choices" aria-describedby={describedBy("organs", errors)}>
            <legend>{labels.organs}</legend>
            {ORGANS.map((organ, i) => (
              <label key={organ} className="choice">
                <input
                  type="checkbox"
                  name="organs"
                  value={organ}
                  id={i === 0 ? "organs" : undefined}
                  defaultChecked={chosenOrgans.has(organ)}
                />
                {t(`organs.${organ}`)}
              </label>
            ))}
            <FieldError name="organs" errors={errors} />
          </fieldset>
        </fieldset>

        {programmes.map((p) => (
          <fieldset key={p.slug} className="questionnaire" data-programme={p.slug}>
            <legend>
              {t("sections.questionnaire", {
                programme: t(`catalogue:${p.slug}.name`, { defaultValue: p.name }),
              })}
            </legend>
            <p className="muted small">{t("questionnaireNote")}</p>
            {p.questions.map((q) => (
              <QuestionField
                key={q.id}
                slug={p.slug}
                question={q}
                errors={errors}
                values={values}
              />
            ))}
          </fieldset>
        ))}

        <fieldset>
          <legend>{t("sections.records")}</legend>
          <Field
            name="files"
            label={labels.files!}
            hint={t("hints.files", { max: loaderData.maxMb, count: loaderData.maxFiles })}
            errors={errors}
          >
            <input
              id="files"
              name="files"
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-invalid={errors?.files ? true : undefined}
              aria-describedby={describedBy("files", errors, true)}
            />
          </Field>
        </fieldset>

        <fieldset className={errors?.consent ? "consent has-error" : "consent"}>
          <legend>{t("consent.legend")}</legend>
          <p className="small">{t("privacy:consent.text")}</p>
          <label className="choice">
            <input
              type="checkbox"
              id="consent"
              name="consent"
              value="yes"
              required
              defaultChecked={values.consent === "yes"}
              aria-invalid={errors?.consent ? true : undefined}
              aria-describedby={describedBy("consent", errors)}
            />
            {t("privacy:consent.checkbox", { version: CONSENT_VERSION })}
          </label>
          <p className="small">
            <Link to="/privacy" target="_blank">
              {t("consent.readNotice")}
            </Link>
          </p>
          <FieldError name="consent" errors={errors} />
        </fieldset>

        <div className="hp" aria-hidden="true">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>

        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("submit")}
        </button>
      </Form>
    </section>
  );
}

function QuestionField({
  slug,
  question,
  errors,
  values,
}: {
  slug: string;
  question: Question;
  errors: Errors;
  values: Record<string, string>;
}) {
  const { t } = useTranslation("enquiry");
  const name = fieldName(slug, question.id);
  const id = idOf(name);
  const label = t(`questions.${question.id}.label`);
  if (question.type === "number") {
    return (
      <Field name={name} label={label} errors={errors}>
        <input {...control(name, errors, values)} inputMode="numeric" dir="ltr" size={4} />
      </Field>
    );
  }
  const options =
    question.type === "yesno"
      ? [
          { value: "yes", label: t("yes") },
          { value: "no", label: t("no") },
        ]
      : question.options.map((o) => ({
          value: o,
          label: t(`questions.${question.id}.options.${o}`),
        }));
  return (
    <fieldset
      className={errors?.[name] ? "choices has-error" : "choices"}
      aria-describedby={describedBy(name, errors)}
    >
      <legend>{label}</legend>
      <div className="choice-row">
        {options.map((o, i) => (
          <label key={o.value} className="choice">
            <input
              type="radio"
              name={name}
              value={o.value}
              id={i === 0 ? id : undefined}
              defaultChecked={values[name] === o.value}
              aria-invalid={errors?.[name] ? true : undefined}
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError name={name} errors={errors} />
    </fieldset>
  );
}
