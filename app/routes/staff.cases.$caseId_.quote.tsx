/**
 * A case's quote and payments, for staff. Finance builds the quote (a draft from the price
 * list or from the latest version, edited line by line, then issued), records payments made
 * outside Stripe, refunds, and voids a payment recorded by mistake. Coordinators and admins see the same page read-only. Every view
 * and change is audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DraftEditor } from "~/components/finance/draft-editor";
import { QuoteVersions } from "~/components/finance/quote-versions";
import { StaffPayments } from "~/components/finance/staff-payments";
import type { FormReply } from "~/components/form";
import { QuoteDetails, QuoteDiff } from "~/components/quote";
import { staffFormId, staffQuoteForm, type StaffQuoteInput } from "~/forms/quote";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { clinicSettings } from "~/models/site/clinic-settings.server";
import { patientLanguageWarning } from "~/models/cases/patient-language.server";
import {
  PaymentError,
  AlreadyRecorded,
  recordManualPayment,
  refundExcess,
  refundPayment,
  voidPayment,
} from "~/models/finance/payments.server";
import { staffQuotePage } from "~/models/finance/quote-pages.server";
import { QuoteError, saveDraft, startDraft } from "~/models/finance/quotes.server";
import { BackLink } from "~/components/bidi";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["stages", "enquiry", "portal", "finance"] };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? translatedTitle(matches, "finance:staff.quoteTitle", undefined, {
        caseNumber: data.kase.number,
      })
    : translatedTitle(matches, "finance:staff.openQuote");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "quote:read");
  const wanted = Number(new URL(request.url).searchParams.get("v"));
  const page = await staffQuotePage(user, params.caseId ?? "", wanted, clientIp(context));
  return {
    ...page,
    timeZone: user.timeZone,
    formKey: newFormKey(),
    // The currencies the clinic issues quotes in (its settings, issue 23).
    currencies: clinicSettings().quoteCurrencies,
  };
}

const STATUS = { forbidden: 403, gateway: 502, state: 409 } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "quote:write");
  const caseId = params.caseId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["finance", "common", "enquiry"]);
  const { submission, sent } = await readSubmission(request, staffQuoteForm(locale), t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: staffFormId(submission.payload), ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });

  const input = submission.value;
  const actor = { id: user.id, role: user.role, ip: clientIp(context) };
  const formKey = sent;
  const done = (message?: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done: message });
  // What the patient reads, in a language they do not: not sent without "Send anyway".
  const language = await patientLanguageWarning(caseId, patientTexts(input), submission.payload);
  if (language) return answer(409, { result: submission.reply(), language });
  try {
    switch (input.intent) {
      case "start":
        await startDraft(caseId, actor, formKey);
        return done();
      case "draft":
      case "issue": {
        const saved = await saveDraft(input.quoteId, actor, input.input, {
          caseId,
          formKey,
          issue: input.intent === "issue",
        });
        return done(
          t(saved.issued ? "staff.issued" : saved.switched ? "staff.repriced" : "staff.saved"),
        );
      }
      case "record": {
        const { receiptNumber } = await recordManualPayment(caseId, actor, input, formKey);
        return done(t("staff.recorded", { number: receiptNumber }));
      }
      case "refund":
      case "refundExcess": {
        const options = { caseId, formKey };
        const result =
          input.intent === "refund"
            ? await refundPayment(input.paymentId, actor, input, options)
            : await refundExcess(input.paymentId, actor, t("staff.excessReason"), options);
        return done(t(result.status === "SUCCEEDED" ? "staff.refunded" : "staff.refundPending"));
      }
      case "void": {
        const voided = await voidPayment(input.paymentId, actor, input.reason, { caseId, formKey });
        return done(t("staff.voided", voided));
      }
    }
  } catch (error) {
    if (error instanceof AlreadyRecorded) {
      return done(t("staff.alreadyRecorded", { number: error.receiptNumber }));
    }
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof QuoteError || error instanceof PaymentError) {
      if (error.code === "not_found") notFound();
      const message = [t(error.key, error instanceof PaymentError ? error.vars : undefined)];
      return answer(STATUS[error.code], {
        result: submission.reply(
          error.field ? { fieldErrors: { [error.field]: message } } : { formErrors: message },
        ),
      });
    }
    throw error;
  }
}

/**
 * What of a form the patient reads (PATIENT_TEXT_FORMS): the issued quote's note and the names
 * of lines of finance's own (a price-list line is shown from the catalogue, in their language),
 * and the reason printed on a cancellation note.
 */
function patientTexts(input: StaffQuoteInput): (string | null)[] {
  if (input.intent === "issue") {
    const own = input.input.lines.filter((l) => !l.priceItemId && !l.itemKey);
    return [input.input.note, ...own.map((l) => l.name)];
  }
  return input.intent === "void" ? [input.reason] : [];
}

/**
 * A refusal that may reflect a change made elsewhere (409) or a failed payment provider (502)
 * reloads the page's data: it then shows what is, with a fresh form key.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || actionStatus === 502 || defaultShouldRevalidate;

export default function StaffQuote() {
  const { t } = useTranslation("finance");
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { kase, draft, shown, diff, beforeCurrency, finance, timeZone, formKey } = page;
  return (
    <div className="staff-quote">
      <p>
        <BackLink to={`/staff/cases/${kase.id}`}>{t("staff.backToCase")}</BackLink>
      </p>
      <h1>{t("staff.quoteTitle", { caseNumber: kase.number })}</h1>
      <p className="muted">
        {kase.patient.name} · {kase.programme.name} · {t(`stages:stage.${kase.stage}`)}
      </p>
      {!finance ? <p className="notice">{t("staff.readOnly")}</p> : null}
      <QuoteVersions page={page} timeZone={timeZone} formKey={formKey} reply={reply} />
      {draft && finance ? (
        <DraftEditor
          key={draft.id}
          draft={draft}
          formKey={formKey}
          reply={reply}
          patientLanguage={kase.language}
          untranslated={page.untranslated}
          currencies={page.currencies}
        />
      ) : null}
      {shown && diff && beforeCurrency ? (
        <QuoteDiff diff={diff} beforeCurrency={beforeCurrency} afterCurrency={shown.currency} />
      ) : null}
      {shown ? (
        <section className="card" aria-labelledby="shown-h">
          <h2 id="shown-h">
            {t("quote.version", { version: shown.version })}{" "}
            <span className="badge">{t(`status.${shown.status}`)}</span>
          </h2>
          <QuoteDetails quote={shown} timeZone={timeZone} />
        </section>
      ) : null}
      <StaffPayments
        caseId={kase.id}
        account={page.account}
        finance={finance}
        canVoid={page.canVoid}
        timeZone={timeZone}
        formKey={formKey}
        reply={reply}
      />
    </div>
  );
}
