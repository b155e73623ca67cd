/**
 * The procedure consent, for the patient (issue 25): the current version of the programme's
 * consent in their language (English, said so, where it is not written in theirs), signed with
 * the typed full name and a drawn or typed signature; then the signed PDFs to download. Signed
 * once per version: a second press or a second tab signs nothing. Another patient's case is
 * "not found" (patientConsentPage).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink, Ltr } from "~/components/bidi";
import { ConsentTextView, SignConsent, SignedList } from "~/components/consent/consent-page";
import type { FormReply } from "~/components/form";
import { SignConsentForm } from "~/forms/consent";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { requirePatient } from "~/models/auth/auth.server";
import { requirePatientCase } from "~/models/cases/portal.server";
import { ConsentError, patientConsentPage, signConsent } from "~/models/consent/consent.server";
import {
  checkSignaturePng,
  SignatureError,
  signatureBytes,
} from "~/models/consent/signature.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:consent.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  const page = await patientConsentPage(user.id, params.caseId ?? "", locale);
  // Open exactly when the case page leads here: a version to sign now, or signatures to keep.
  if (!page.canSign && page.signed.length === 0) throw redirect(`/portal/cases/${page.kase.id}`);
  const signed = new URL(request.url).searchParams.get("signed") === "1";
  return { ...page, timeZone: user.timeZone, formKey: newFormKey(), justSigned: signed };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  // Someone else's case is "not found" before anything sent is read.
  await requirePatientCase(user.id, caseId);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["portal", "common"]);
  const { submission, sent } = await readSubmission(request, SignConsentForm, t);
  const answer = (status: number, result: FormReply["result"]) =>
    data<FormReply>({ form: "sign", result }, { status });
  if (submission.status !== "success") return answer(400, submission.reply());
  const input = submission.value;
  try {
    const png =
      input.method === "DRAWN" ? checkSignaturePng(signatureBytes(input.signature ?? "")) : null;
    await signConsent({
      patientId: user.id,
      caseId,
      definitionId: input.definitionId,
      language: input.language,
      typedName: input.typedName,
      method: input.method,
      png,
      ip: clientIp(context),
      userAgent: request.headers.get("user-agent")?.slice(0, 400) ?? null,
      timeZone: user.timeZone,
      sent,
    });
  } catch (error) {
    if (error instanceof SignatureError) {
      return answer(
        400,
        submission.reply({
          fieldErrors: { signature: [t(`portal:consent.errors.signature.${error.problem}`)] },
        }),
      );
    }
    if (error instanceof FormReplay) return answer(409, replayReply(submission, error, t));
    if (error instanceof ConsentError) {
      return answer(409, submission.reply({ formErrors: [t(error.key)] }));
    }
    throw error;
  }
  return redirect(`/portal/cases/${caseId}/consent?signed=1`);
}

/** After a refusal that reflects a change (a new version, already signed): reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || defaultShouldRevalidate;

export default function PatientConsent() {
  const { t } = useTranslation("portal");
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { kase, current } = page;
  return (
    <div className="portal consent-page">
      <p>
        <BackLink to={`/portal/cases/${kase.id}`}>
          <Ltr>{kase.number}</Ltr>
        </BackLink>
      </p>
      <section className="card" aria-labelledby="consent-h">
        <h1 id="consent-h">{t("consent.title")}</h1>
        {page.justSigned && page.signedCurrent ? (
          <p className="notice ok" role="status">
            {t("consent.signedFlash", { version: page.signedCurrent.version })}
          </p>
        ) : null}
        {!current ? <p className="muted">{t("consent.none")}</p> : null}
        {current && page.signedCurrent && !page.justSigned ? (
          <p className="notice ok">{t("consent.alreadySigned", { version: current.version })}</p>
        ) : null}
        {current && !page.signedCurrent && !page.canSign ? (
          <p className="muted">{t("consent.notYet")}</p>
        ) : null}
      </section>
      {current ? <ConsentTextView current={current} /> : null}
      {current && page.canSign ? (
        <SignConsent current={current} formKey={page.formKey} reply={reply} />
      ) : null}
      <SignedList caseId={kase.id} signed={page.signed} timeZone={page.timeZone} />
    </div>
  );
}
