/**
 * The patient's trip: the timeline of appointments, flights, hotel and transfers in their
 * zone and the clinic's, the itinerary PDF, passport uploads (theirs and a companion's) with
 * the six-month validity check, and the visa invitation letter once it can be produced.
 * The patient can also upload their travel health insurance policy (issue 25; form
 * "insurance", posted to "?insurance"). Another patient's case answers 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/form";
import { PassportCard, TripTimeline } from "~/components/trip";
import { PassportUpload } from "~/components/travel/passport";
import { env } from "~/env.server";
import { PassportForm } from "~/forms/passport";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { UploadError } from "~/infra/document-store.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { clientIp } from "~/infra/request.server";
import { countryOptions } from "~/lib/countries.server";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { openSection, requirePatientCase } from "~/models/cases/portal.server";
import { getPatientTravel, TravelError, uploadPassport } from "~/models/travel/travel.server";
import { BackLink, ltr } from "~/components/bidi";
import { CoverageSummary, PolicyForm, PolicyList } from "~/components/travel/insurance";
import { PatientPolicyForm } from "~/forms/insurance";
import { InsuranceError, patientInsurance, savePolicy } from "~/models/travel/insurance.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "travel"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "travel:portal.title");

const maxMb = () => Math.floor(env().UPLOAD_MAX_BYTES / (1024 * 1024));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const view = await openSection(user.id, params.caseId ?? "", "travel");
  const { locale } = await detectLocale(request, user.locale);
  const travel = await getPatientTravel(user.id, params.caseId ?? "");
  return {
    ...travel,
    visaLetter: view.visaLetter,
    insurance: await patientInsurance(user.id, travel.kase.id),
    countries: countryOptions(locale),
    timeZone: user.timeZone,
    maxMb: maxMb(),
    languageName: LOCALE_NAMES[travel.kase.language as Locale] ?? travel.kase.language,
    formKey: newFormKey(),
  };
}

export async function action(args: ActionFunctionArgs) {
  if (new URL(args.request.url).searchParams.has("insurance")) return insuranceAction(args);
  return passportAction(args);
}

/**
 * The patient's travel health insurance: their own case only (another's is "not found"), the
 * document checked by content; a refusal names the field and keeps what was typed.
 */
async function insuranceAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  const kase = await requirePatientCase(user.id, caseId);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "enquiry", "common"]);
  const max = maxMb();
  const limit = await hit(`upload:user:${user.id}`, LIMITS.uploadPerUser);
  const { submission, form, sent } = await readSubmission(request, PatientPolicyForm, t, {
    maxFileBytes: env().UPLOAD_MAX_BYTES,
    maxFiles: 1,
  });
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: "insurance", ...reply }, { status });
  const refuseFile = (status: number, message: string) =>
    answer(status, { result: submission.reply({ fieldErrors: { file: [message] } }) });
  if (!limit.allowed) return refuseFile(429, t("errors.rateLimited"));
  const file = form.files[0];
  const fileProblem = form.tooManyFiles
    ? t("enquiry:errors.file.tooMany", { max: 1 })
    : form.oversized.length
      ? t("enquiry:errors.file.tooLarge", { name: form.oversized[0], max })
      : kase.consentWithdrawnAt
        ? t("errors.consentWithdrawn")
        : !file
          ? t("insurance.errors.file")
          : null;
  if (submission.status !== "success" || fileProblem || !file) {
    const fieldErrors = fileProblem ? { file: [fileProblem] } : undefined;
    return answer(400, { result: submission.reply(fieldErrors ? { fieldErrors } : undefined) });
  }
  const { intent: _intent, ...details } = submission.value;
  try {
    await savePolicy({
      caseId: kase.id,
      actorId: user.id,
      by: { patientId: user.id },
      // The patient uploads their travel health insurance; complication cover is the clinic's.
      data: { ...details, kind: "TRAVEL_HEALTH" },
      file,
      formKey: sent,
      ip: clientIp(context),
    });
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof UploadError) {
      return refuseFile(
        400,
        t(`enquiry:errors.file.${error.problem}`, { name: error.fileName, max }),
      );
    }
    if (error instanceof InsuranceError && error.code === "not_found") notFound();
    throw error;
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t("insurance.portal.uploaded"),
  });
}

async function passportAction({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  const view = await openSection(user.id, caseId, "travel");
  const kase = await requirePatientCase(user.id, caseId);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "enquiry", "common"]);
  const max = maxMb();
  const limit = await hit(`upload:user:${user.id}`, LIMITS.uploadPerUser);
  const { submission, form, sent } = await readSubmission(request, PassportForm, t, {
    maxFileBytes: env().UPLOAD_MAX_BYTES,
    maxFiles: 1,
  });
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: "passport", ...reply }, { status });
  const refuseFile = (status: number, message: string) =>
    answer(status, { result: submission.reply({ fieldErrors: { file: [message] } }) });
  if (!limit.allowed) return refuseFile(429, t("errors.rateLimited"));
  // The scan: one file, not too big, and only while the patient's consent stands.
  const file = form.files[0];
  const fileProblem = form.tooManyFiles
    ? t("enquiry:errors.file.tooMany", { max: 1 })
    : form.oversized.length
      ? t("enquiry:errors.file.tooLarge", { name: form.oversized[0], max })
      : kase.consentWithdrawnAt
        ? t("errors.consentWithdrawn")
        : !file
          ? t("passport.errors.file")
          : null;
  if (submission.status !== "success" || fileProblem || !file) {
    const fieldErrors = fileProblem ? { file: [fileProblem] } : undefined;
    return answer(400, { result: submission.reply(fieldErrors ? { fieldErrors } : undefined) });
  }
  // A passport is asked for only while the trip is being prepared.
  if (!view.prompts.uploadPassport) {
    return refuseFile(409, t("passport.errors.notNow"));
  }
  const { kind, ...details } = submission.value;
  try {
    await uploadPassport({
      patientId: user.id,
      caseId,
      kind,
      file,
      data: details,
      formKey: sent,
    });
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof UploadError) {
      const name = error.fileName;
      return refuseFile(400, t(`enquiry:errors.file.${error.problem}`, { name, max }));
    }
    if (!(error instanceof TravelError)) throw error;
    if (error.code === "not_found") notFound();
    return answer(409, {
      result: submission.reply({ fieldErrors: { expiresOn: [error.describe(t, locale)] } }),
    });
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t("passport.uploaded"),
  });
}

export default function PatientTravel() {
  const { t } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const base = `/portal/cases/${d.kase.id}`;
  return (
    <article className="travel">
      <p>
        <BackLink to={base}>{t("backToCase", { caseNumber: ltr(d.kase.number) })}</BackLink>
      </p>
      <h1>{t("portal.heading")}</h1>
      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t("downloads.heading")}</h2>
        <ul className="downloads">
          <li>
            <a href={`${base}/itinerary.pdf`}>{t("downloads.itinerary")}</a>
          </li>
          {d.visaLetter === "over" ? (
            <li className="muted">{t("visa.over")}</li>
          ) : d.visaProblem ? (
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
          timeZone={d.timeZone}
          clinicZone={d.clinicZone}
          reader="patient"
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
              <PassportCard
                key={p.id}
                passport={p}
                downloadUrl={`${base}/documents/${p.id}`}
                reader="patient"
              />
            ))}
          </ul>
        ) : null}
        {d.prompts.uploadPassport ? (
          <PassportUpload
            countries={d.countries}
            maxMb={d.maxMb}
            formKey={d.formKey}
            reply={reply}
            busy={busy}
          />
        ) : (
          <p className="muted">{t("passport.notNow")}</p>
        )}
      </section>
      <section id="insurance" aria-labelledby="insurance-heading">
        <h2 id="insurance-heading">{t("insurance.heading")}</h2>
        <p>
          {t(
            d.insurance.required.includes("TRAVEL_HEALTH")
              ? "insurance.portal.intro"
              : "insurance.portal.introOptional",
          )}
        </p>
        {d.insurance.required.length ? <CoverageSummary view={d.insurance} /> : null}
        <PolicyList
          view={d.insurance}
          caseNumber={d.kase.number}
          documentUrl={(id) => `${base}/documents/${id}`}
        />
        <PolicyForm
          reader="patient"
          editing={null}
          formKey={d.formKey}
          maxMb={d.maxMb}
          reply={reply}
          busy={busy}
        />
      </section>
    </article>
  );
}
