/**
 * The patient's quote: every issued version (the latest first), the chosen one in full with
 * what changed since the one before, accept / decline / ask a question, then the deposit by
 * card (Stripe Checkout) or bank transfer, and the receipts. Another patient's case is 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  useActionData,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  AnswerQuote,
  AskQuestion,
  PatientPayments,
  PayDeposit,
  ShownVersion,
  VersionList,
} from "~/components/finance/patient-quote";
import { FormDone, FormErrors, useAppForm, type FormReply } from "~/components/form";
import { QuoteDiff } from "~/components/quote";
import { patientFormId, PatientQuoteForm } from "~/forms/quote";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { cardPaymentsEnabled } from "~/infra/payments-provider.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { clientIp } from "~/infra/request.server";
import { formatDay } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { isClosedStage } from "~/lib/stages";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { PaymentError, startDepositCheckout } from "~/models/finance/payments.server";
import { patientQuotePage } from "~/models/finance/quote-pages.server";
import {
  acceptQuote,
  askAboutQuote,
  declineQuote,
  QuoteError,
} from "~/models/finance/quotes.server";
import { BackLink, Ltr } from "~/components/bidi";
import {
  checkSignaturePng,
  SignatureError,
  signatureBytes,
} from "~/models/consent/signature.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "finance"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "finance:portal.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "quote");
  const wanted = Number(new URL(request.url).searchParams.get("v"));
  return {
    ...(await patientQuotePage(user.id, params.caseId ?? "", wanted)),
    card: cardPaymentsEnabled(),
    timeZone: user.timeZone,
    now: new Date(),
    formKey: newFormKey(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  await openSection(user.id, caseId, "quote");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["finance", "common", "enquiry", "portal"]);
  const { submission, sent } = await readSubmission(request, PatientQuoteForm, t);
  const answer = (status: number, reply: Omit<FormReply, "form">, form?: string) =>
    data<FormReply>({ form: form ?? patientFormId(submission.payload), ...reply }, { status });
  const refuse = (status: number, message: string, form = "page") =>
    answer(status, { result: submission.reply({ formErrors: [message] }) }, form);
  if (submission.status !== "success") return answer(400, { result: submission.reply() });

  const input = submission.value;
  const formKey = sent;
  const done = (message: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done: t(message) });
  try {
    switch (input.intent) {
      case "accept": {
        // Signed (issue 25): the drawn signature is checked by content before anything is done.
        const png =
          input.method === "DRAWN"
            ? checkSignaturePng(signatureBytes(input.signature ?? ""))
            : null;
        await acceptQuote(user.id, caseId, input.quoteId, clientIp(context), new Date(), formKey, {
          typedName: input.typedName,
          method: input.method,
          png,
          ip: clientIp(context),
          userAgent: request.headers.get("user-agent")?.slice(0, 400) ?? null,
          timeZone: user.timeZone,
        });
        return done("portal.acceptedFlash");
      }
      case "decline":
        await declineQuote(user.id, caseId, input.quoteId, input.reason, new Date(), formKey);
        return done("portal.declinedFlash");
      case "question": {
        const limit = await hit(`message:user:${user.id}`, LIMITS.messagePerUser);
        if (!limit.allowed) return refuse(429, t("errors.invalid"), "question");
        await askAboutQuote(user.id, caseId, input.body, formKey);
        return done("portal.asked");
      }
      case "pay":
        return redirect(await startDepositCheckout(user.id, caseId, locale));
    }
  } catch (error) {
    if (error instanceof SignatureError) {
      return answer(
        400,
        {
          result: submission.reply({
            fieldErrors: { signature: [t(`portal:consent.errors.signature.${error.problem}`)] },
          }),
        },
        "accept",
      );
    }
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) }, "page");
    }
    if (error instanceof QuoteError || error instanceof PaymentError) {
      if (error.code === "not_found") notFound();
      return refuse(error.code === "gateway" ? 502 : 409, t(error.key));
    }
    throw error;
  }
}

/** After a refusal that may reflect a change (409) or a failed card provider (502): reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || actionStatus === 502 || defaultShouldRevalidate;

export default function PatientQuote() {
  const { t, i18n } = useTranslation("finance");
  const page = useLoaderData<typeof loader>();
  const { kase, quotes, shown, diff, beforeCurrency, account, timeZone, now, formKey } = page;
  const { prompts } = page;
  const reply = useActionData<typeof action>();
  // Refusals that are not about a field are shown up here (patientFormId).
  const refusal = useAppForm("page", reply);
  const checkout = useSearchParams()[0].get("checkout");
  // A quote is answered, and a deposit paid, only where the case's stage asks for it.
  const open =
    prompts.answerQuote &&
    shown?.status === "ISSUED" &&
    shown.validUntil &&
    new Date(shown.validUntil) > new Date(now);
  return (
    <div className="portal">
      <p>
        <BackLink to={`/portal/cases/${kase.id}`}>
          <Ltr>{kase.number}</Ltr>
        </BackLink>
      </p>
      <section className="card" aria-labelledby="quote-h">
        <h1 id="quote-h">{t("portal.title")}</h1>
        <p>{t("portal.intro")}</p>
        {checkout === "success" && account.balance.depositDueMinor > 0 ? (
          <p className="notice ok" role="status">
            {t("portal.checkoutSuccess")}
          </p>
        ) : null}
        {checkout === "cancelled" ? (
          <p className="notice warn" role="status">
            {t("portal.checkoutCancelled")}
          </p>
        ) : null}
        <FormDone message={reply?.done} />
        <FormErrors form={refusal.form} />
        {quotes.length === 0 ? <p className="muted">{t("portal.none")}</p> : null}
        <VersionList quotes={quotes} shownId={shown?.id} />
      </section>
      {shown && diff && beforeCurrency ? (
        <QuoteDiff diff={diff} beforeCurrency={beforeCurrency} afterCurrency={shown.currency} />
      ) : null}
      {shown ? <ShownVersion caseId={kase.id} shown={shown} timeZone={timeZone} /> : null}
      {shown && open ? <AnswerQuote shown={shown} formKey={formKey} reply={reply} /> : null}
      {shown?.status === "ACCEPTED" ? (
        <PayDeposit
          account={account}
          card={page.card}
          bank={page.bank}
          caseNumber={kase.number}
          payable={prompts.payDeposit}
        />
      ) : null}
      <PatientPayments caseId={kase.id} payments={account.payments} timeZone={timeZone} />
      {quotes.length && !isClosedStage(kase.stage) ? (
        <AskQuestion formKey={formKey} reply={reply} />
      ) : null}
      <p className="small muted">
        {shown?.validUntil && open
          ? t("portal.expiresOn", { date: formatDay(shown.validUntil, i18n.language) })
          : null}
      </p>
    </div>
  );
}
