/**
 * The public enquiry form with the programme's eligibility questionnaire, consent, and
 * optional medical records. It works without JavaScript: the questionnaire shown follows
 * the chosen programme through CSS :has(), errors come back beside their fields (and listed
 * at the top) with every typed value kept, and focus moves to the first error when scripts
 * run. Files are never kept after a refusal: the visitor is asked to choose them again.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  AboutYou,
  ChannelOptIn,
  Condition,
  Consent,
  enquiryLabels,
  Honeypot,
  QuestionnaireStyle,
  Questionnaires,
  Records,
} from "~/components/enquiry/enquiry-form";
import {
  FormErrors,
  FormKey,
  ProblemList,
  useAppForm,
  type FormReply,
  type SubmissionResult,
  useBusy,
} from "~/components/form";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { env } from "~/env.server";
import { ENQUIRY_FORM, type EnquiryForm, enquiryFormFor } from "~/forms/enquiry";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { MAX_FILES_PER_UPLOAD, UploadError } from "~/infra/document-store.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { clientIp } from "~/infra/request.server";
import { countryOptions, regionFromAcceptLanguage, timeZoneOptions } from "~/lib/countries.server";
import { translatedTitle } from "~/lib/meta";
import { isPatient } from "~/lib/permissions";
import { getUser } from "~/models/auth/auth.server";
import { enquiryQuestionnaires, listEnquiryProgrammes } from "~/models/enquiry/catalogue.server";
import { holdEnquiry, submitOwnEnquiry, toEnquiry } from "~/models/enquiry/enquiry.server";
import {
  checkUploads,
  maxUploadMb,
  uploadLimits,
  uploadProblem,
} from "~/models/enquiry/uploads.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "privacy"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "nav.enquire");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { locale } = await detectLocale(request, user?.locale);
  const programmes = await listEnquiryProgrammes();
  const wanted = new URL(request.url).searchParams.get("programme");
  const region = regionFromAcceptLanguage(request.headers.get("Accept-Language"));
  // A coordinator starting an enquiry from a WhatsApp or SMS lead (/staff/inbox/leads) passes
  // the sender's number; anything that is not a valid number is ignored.
  const asked = new URL(request.url).searchParams.get("phone");
  const phone = asked ? parsePhoneNumberFromString(asked) : undefined;
  const prefill = phone?.isValid() && phone.country ? phone : undefined;
  return {
    programmes,
    countries: countryOptions(locale),
    timeZones: timeZoneOptions(locale),
    defaults: {
      programme: programmes.some((p) => p.slug === wanted) ? wanted! : (programmes[0]?.slug ?? ""),
      country: region ?? "",
      phoneCountry: prefill?.country ?? region ?? "",
      ...(prefill ? { phone: prefill.formatNational() } : {}),
      language: locale,
    },
    maxMb: maxUploadMb(),
    maxFiles: MAX_FILES_PER_UPLOAD,
    replyHours: env().FIRST_RESPONSE_HOURS,
    formKey: newFormKey(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const { locale } = await detectLocale(request, user?.locale);
  const t = getFixedT(locale, ["enquiry", "common"]);
  // Answers are checked against the questionnaire version each programme asks now.
  const questionnaires = await enquiryQuestionnaires();
  const schema = enquiryFormFor((slug) => questionnaires.get(slug)?.content);
  const { submission, form, sent } = await readSubmission(request, schema, t, uploadLimits());
  const answer = (status: number, result: SubmissionResult<string[]>, headers?: HeadersInit) =>
    data<FormReply>({ form: ENQUIRY_FORM, result }, { status, headers });

  if (form.malformed) return answer(400, submission.reply());
  // The honeypot: simple bots fill it. They are told "thank you" and nothing is stored.
  if (form.fields.get("website")?.[0]) return redirect("/enquire/received");

  const ip = clientIp(context) ?? "unknown";
  const limit = await hit(`enquiry:ip:${ip}`, LIMITS.enquiryPerIp);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterS / 60);
    return answer(429, submission.reply({ formErrors: [t("errors.rateLimited", { minutes })] }), {
      "Retry-After": String(limit.retryAfterS),
    });
  }

  const upload = await checkUploads(form);
  const enquiry =
    submission.status === "success" ? await toEnquiry(submission.value, questionnaires) : null;
  if (!enquiry || upload.problem) {
    // Files cannot be kept across a refusal: a bad file is named, good ones are asked again.
    const files = upload.problem
      ? t(upload.problem.key, upload.problem.values)
      : form.files.length
        ? t("errors.file.chooseAgain")
        : null;
    const offered = submission.status !== "success" || enquiry;
    return answer(
      400,
      submission.reply({
        fieldErrors: {
          ...(files ? { files: [files] } : {}),
          ...(offered ? {} : { programme: [t("errors.programme")] }),
        },
      }),
    );
  }

  const meta = { ip, files: upload.files, key: sent };
  try {
    // A signed-in patient sending their own address: the owner is here, so it goes straight
    // to their case. Anyone else's enquiry waits for the address's owner to confirm it.
    if (user && isPatient(user) && user.email === enquiry.email) {
      const { caseId } = await submitOwnEnquiry(user, enquiry, meta);
      return redirect(`/portal/cases/${caseId}?enquiry=added`);
    }
    await holdEnquiry(enquiry, meta);
    return redirect("/enquire/received");
  } catch (error) {
    if (error instanceof FormReplay) return answer(409, replayReply(submission, error, t));
    if (!(error instanceof UploadError)) throw error;
    // The case already holds as many documents as it may.
    const problem = uploadProblem(error);
    return answer(
      400,
      submission.reply({ fieldErrors: { files: [t(problem.key, problem.values)] } }),
    );
  }
}

export default function Enquire() {
  const { t, i18n } = useTranslation("enquiry");
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof EnquiryForm>>(
    ENQUIRY_FORM,
    reply,
    page.defaults,
  );
  const labels = enquiryLabels(t, page.programmes, i18n.language);
  return (
    <section className="card form-page">
      <QuestionnaireStyle programmes={page.programmes} />
      <h1>{t("title")}</h1>
      <p>{t("intro", { hours: page.replyHours })}</p>
      <p className="muted small">{t("requiredNote")}</p>
      <FormErrors form={form} />
      <ProblemList form={form} fields={Object.keys(labels)} labels={labels} />
      <Form method="post" encType="multipart/form-data" className="enquiry-form" {...props}>
        <FormKey value={page.formKey} />
        <AboutYou fields={fields} countries={page.countries} timeZones={page.timeZones} />
        <Condition fields={fields} programmes={page.programmes} />
        <Questionnaires fields={fields} programmes={page.programmes} />
        <Records fields={fields} maxMb={page.maxMb} maxFiles={page.maxFiles} reply={reply} />
        <Consent fields={fields} />
        <ChannelOptIn fields={fields} />
        <Honeypot />
        <button type="submit" className="primary" disabled={busy}>
          {t("submit")}
        </button>
      </Form>
    </section>
  );
}
