/**
 * The patient's trip: the timeline of appointments, flights, hotel and transfers in their
 * zone and the clinic's, the itinerary PDF, passport uploads (theirs and a companion's) with
 * the six-month validity check, and the visa invitation letter once it can be produced.
 * Another patient's case answers 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { control, CountryOptions, ErrorSummary, Field } from "~/components/form";
import { PassportCard, TripTimeline } from "~/components/trip";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { countryOptions } from "~/lib/countries.server";
import { field, readForm } from "~/infra/form-data.server";
import { PASSPORT_FIELDS, PASSPORT_KINDS, type PassportKind } from "~/lib/itinerary";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { UploadError } from "~/infra/document-store.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import {
  parsePassport,
  passportsOf,
  timelineOf,
  TravelError,
  tripOf,
  uploadPassport,
  visaLetterProblem,
} from "~/models/travel/travel.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "travel:portal.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await db.case.findFirst({
    where: { id: params.caseId ?? "", patientId: user.id },
    select: {
      id: true,
      number: true,
      stage: true,
      language: true,
      consentWithdrawnAt: true,
      programme: { select: { slug: true } },
    },
  });
  if (!kase) notFound();
  const { locale } = await detectLocale(request, user.locale);
  const trip = await tripOf(db, kase.id);
  const passports = await passportsOf(kase.id, trip.returnDate);
  return {
    kase,
    entries: timelineOf(trip),
    conflicts: trip.conflicts.length,
    returnDate: trip.returnDate,
    passports,
    visaProblem: visaLetterProblem(trip, passports),
    countries: countryOptions(locale),
    timeZone: user.timeZone,
    clinicZone: env().CLINIC_TIME_ZONE,
    maxMb: Math.floor(env().UPLOAD_MAX_BYTES / (1024 * 1024)),
    languageName: LOCALE_NAMES[kase.language as Locale] ?? kase.language,
  };
}

const FIELDS = ["kind", ...PASSPORT_FIELDS, "file"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  const kase = await db.case.findFirst({
    where: { id: caseId, patientId: user.id },
    select: { id: true, consentWithdrawnAt: true },
  });
  if (!kase) notFound();
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "enquiry"]);
  const { UPLOAD_MAX_BYTES } = env();
  const maxMb = Math.floor(UPLOAD_MAX_BYTES / (1024 * 1024));
  const limit = await hit(`upload:user:${user.id}`, LIMITS.uploadPerUser);
  const refuse = (errors: Record<string, string>, values: Record<string, string>, status = 400) =>
    data({ errors, values }, { status });
  if (!limit.allowed) return refuse({ file: t("travel:errors.rateLimited") }, {}, 429);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return refuse({ file: t("travel:passport.errors.file") }, {});
  }
  const form = await readForm(request, { maxFileBytes: UPLOAD_MAX_BYTES, maxFiles: 1 });
  const values = Object.fromEntries(
    ["kind", ...PASSPORT_FIELDS].map((f) => [f, field(form, f).slice(0, 200)]),
  ) as Record<(typeof FIELDS)[number], string>;
  if (form.malformed) return refuse({ file: t("enquiry:errors.malformed") }, values);
  if (form.tooManyFiles)
    return refuse({ file: t("enquiry:errors.file.tooMany", { max: 1 }) }, values);
  if (form.oversized.length) {
    return refuse(
      { file: t("enquiry:errors.file.tooLarge", { name: form.oversized[0], max: maxMb }) },
      values,
    );
  }
  const errors: Record<string, string> = {};
  if (!(PASSPORT_KINDS as readonly string[]).includes(values.kind)) {
    errors.kind = t("travel:passport.errors.kind");
  }
  const details = parsePassport(values);
  if (!details.ok) {
    for (const [k, v] of Object.entries(details.errors)) errors[k] = t(`travel:${v}`);
  }
  const file = form.files[0];
  if (!file) errors.file = t("travel:passport.errors.file");
  if (kase.consentWithdrawnAt) errors.file = t("travel:errors.consentWithdrawn");
  if (Object.keys(errors).length || !details.ok || !file) return refuse(errors, values);
  try {
    await uploadPassport({
      patientId: user.id,
      caseId,
      kind: values.kind as PassportKind,
      file,
      data: details.data,
    });
  } catch (error) {
    if (error instanceof UploadError) {
      return refuse(
        { file: t(`enquiry:errors.file.${error.problem}`, { name: error.fileName, max: maxMb }) },
        values,
      );
    }
    if (error instanceof TravelError) {
      if (error.code === "not_found") notFound();
      const day = (v?: string) =>
        v
          ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
              new Date(v),
            )
          : "";
      return refuse(
        {
          expiresOn: t(`travel:${error.key}`, {
            date: day(error.vars.validUntil),
            back: day(error.vars.returnDate),
          }),
        },
        values,
        409,
      );
    }
    throw error;
  }
  return redirect(`/portal/cases/${caseId}/travel?done=uploaded#passports`);
}

export default function PatientTravel() {
  const { t } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const errors = result?.errors;
  const values = result?.values;
  const labels = {
    kind: t("passport.kindLabel"),
    holderName: t("passport.holderName"),
    nationality: t("passport.nationality"),
    documentNumber: t("passport.documentNumber"),
    birthDate: t("passport.birthDate"),
    expiresOn: t("passport.expiresOn"),
    file: t("passport.file"),
  } as const;
  const base = `/portal/cases/${d.kase.id}`;
  return (
    <article className="travel">
      <p>
        <Link to={base}>← {t("backToCase", { caseNumber: d.kase.number })}</Link>
      </p>
      <h1>{t("portal.heading")}</h1>
      {params.get("done") === "uploaded" ? (
        <p className="notice ok" role="status">
          {t("passport.uploaded")}
        </p>
      ) : null}

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t("downloads.heading")}</h2>
        <ul className="downloads">
          <li>
            <a href={`${base}/itinerary.pdf`}>{t("downloads.itinerary")}</a>
          </li>
          {d.visaProblem ? (
            <li className="muted">{t(`visa.notReady.${d.visaProblem}`)}</li>
          ) : (
            <>
              <li>
                <a href={`${base}/visa-letter.pdf?lang=en`}>{t("downloads.visaLetterEnglish")}</a>
              </li>
              {d.kase.language !== "en" ? (
                <li>
                  <a href={`${base}/visa-letter.pdf`}>
                    {t("downloads.visaLetterOwn", { language: d.languageName })}
                  </a>
                </li>
              ) : null}
            </>
          )}
        </ul>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("timeline.heading")}</h2>
        {d.conflicts ? <p className="notice warn">{t("timeline.conflictsPatient")}</p> : null}
        <TripTimeline
          entries={d.entries}
          programme={d.kase.programme.slug}
          timeZone={d.timeZone}
          clinicZone={d.clinicZone}
          yourLabel={t("zoneYours")}
        />
        <p>
          <Link to={`${base}/appointments`}>{t("portal.appointmentsLink")}</Link>
        </p>
      </section>

      <section id="passports" aria-labelledby="passports-heading">
        <h2 id="passports-heading">{t("passport.heading")}</h2>
        <p>{t("passport.intro", { months: 6 })}</p>
        {d.passports.length ? (
          <ul className="passports">
            {d.passports.map((p) => (
              <PassportCard key={p.id} passport={p} downloadUrl={`${base}/documents/${p.id}`} />
            ))}
          </ul>
        ) : null}
        <h3>{t("passport.uploadHeading")}</h3>
        <Form method="post" encType="multipart/form-data" noValidate className="upload-form">
          <ErrorSummary errors={errors} order={FIELDS} labels={labels} />
          <Field name="kind" label={labels.kind} errors={errors}>
            <select {...control("kind", errors, values)}>
              {PASSPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`passport.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="holderName"
            label={labels.holderName}
            hint={t("passport.hintName")}
            errors={errors}
          >
            <input {...control("holderName", errors, values, true)} autoComplete="name" />
          </Field>
          <Field name="nationality" label={labels.nationality} errors={errors}>
            <select {...control("nationality", errors, values)}>
              <option value="">{t("passport.chooseCountry")}</option>
              <CountryOptions countries={d.countries} />
            </select>
          </Field>
          <Field name="documentNumber" label={labels.documentNumber} errors={errors}>
            <input dir="ltr" {...control("documentNumber", errors, values)} autoComplete="off" />
          </Field>
          <div className="grid-2">
            <Field name="birthDate" label={labels.birthDate} errors={errors}>
              <input type="date" {...control("birthDate", errors, values)} autoComplete="bday" />
            </Field>
            <Field
              name="expiresOn"
              label={labels.expiresOn}
              hint={t("passport.hintExpiry", { months: 6 })}
              errors={errors}
            >
              <input type="date" {...control("expiresOn", errors, values, true)} />
            </Field>
          </div>
          <Field
            name="file"
            label={labels.file}
            hint={t("passport.hintFile", { max: d.maxMb })}
            errors={errors}
          >
            <input
              type="file"
              id="file"
              name="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-invalid={errors?.file ? true : undefined}
              aria-describedby={errors?.file ? "file-hint file-error" : "file-hint"}
            />
          </Field>
          <button type="submit" disabled={busy}>
            {t("passport.upload")}
          </button>
        </Form>
      </section>
    </article>
  );
}
