/**
 * The patient's quote: every issued version (the latest first), the chosen one in full with
 * what changed since the one before, accept / decline / ask a question, then the deposit by
 * card (Stripe Checkout) or bank transfer, and the receipts. Another patient's case is 404.
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
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { QuoteDetails, QuoteDiff } from "~/components/quote";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { diffVersions } from "~/lib/quote-view";
import { clientIp } from "~/infra/request.server";
import { TEXT_MAX } from "~/lib/review";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { accountOf, PaymentError, startDepositCheckout } from "~/models/finance/payments.server";
import {
  acceptQuote,
  askAboutQuote,
  declineQuote,
  QUOTE_VIEW,
  QuoteError,
} from "~/models/finance/quotes.server";
import { requirePatientCase } from "~/models/cases/portal.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { cardPaymentsEnabled } from "~/infra/payments-provider.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "finance:portal.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await db.case.findFirst({
    where: { id: params.caseId ?? "", patientId: user.id },
    select: {
      id: true,
      number: true,
      stage: true,
      programme: { select: { slug: true, name: true } },
    },
  });
  if (!kase) notFound();
  const quotes = await db.quote.findMany({
    where: { caseId: kase.id, status: { not: "DRAFT" } },
    orderBy: { version: "desc" },
    select: QUOTE_VIEW,
  });
  const wanted = Number(new URL(request.url).searchParams.get("v"));
  const index = Math.max(
    0,
    quotes.findIndex((q) => q.version === wanted),
  );
  const shown = quotes[index] ?? null;
  const before = quotes[index + 1] ?? null;
  const account = await accountOf(db, kase.id);
  const { BANK_ACCOUNT_NAME, BANK_IBAN, BANK_BIC } = env();
  return {
    kase,
    quotes: quotes.map((q) => ({
      id: q.id,
      version: q.version,
      status: q.status,
      issuedAt: q.issuedAt,
      totalMinor: q.totalMinor,
      currency: q.currency,
    })),
    shown,
    diff: shown && before ? diffVersions(before, shown) : null,
    beforeCurrency: before?.currency ?? null,
    account: {
      quote: account.quote,
      balance: account.balance,
      payments: account.payments
        .filter((p) => p.status !== "FAILED")
        .map((p) => ({
          id: p.id,
          kind: p.kind,
          method: p.method,
          status: p.status,
          amountMinor: p.amountMinor,
          currency: p.currency,
          receiptNumber: p.receiptNumber,
          paidAt: p.paidAt,
          createdAt: p.createdAt,
        })),
    },
    card: cardPaymentsEnabled(),
    bank: { name: BANK_ACCOUNT_NAME, iban: BANK_IBAN, bic: BANK_BIC },
    timeZone: user.timeZone,
    now: new Date(),
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), quoteId: z.string().min(1), terms: z.literal("yes") }),
  z.object({
    intent: z.literal("decline"),
    quoteId: z.string().min(1),
    reason: z.string().trim().min(1).max(TEXT_MAX),
  }),
  z.object({ intent: z.literal("question"), body: z.string().trim().min(1).max(TEXT_MAX) }),
  z.object({ intent: z.literal("pay") }),
]);

type Form = "accept" | "decline" | "question" | "pay";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  await requirePatientCase(user.id, caseId);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "finance");
  const raw = Object.fromEntries(await request.formData());
  const form = (
    ["accept", "decline", "question", "pay"].includes(String(raw.intent)) ? raw.intent : "accept"
  ) as Form;
  const typed = {
    reason: typeof raw.reason === "string" ? raw.reason : "",
    body: typeof raw.body === "string" ? raw.body : "",
  };
  const refuse = (error: string, status = 400) =>
    data({ form, error, done: null as string | null, ...typed }, { status });
  const parsed = Intent.safeParse(raw);
  if (!parsed.success) {
    const key =
      form === "accept"
        ? "errors.termsRequired"
        : form === "decline"
          ? "errors.reasonRequired"
          : form === "question"
            ? "errors.questionRequired"
            : "errors.invalid";
    return refuse(t(key));
  }
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "accept":
        await acceptQuote(user.id, caseId, input.quoteId, clientIp(context));
        return data({ form, error: null, done: t("portal.acceptedFlash"), reason: "", body: "" });
      case "decline":
        await declineQuote(user.id, caseId, input.quoteId, input.reason);
        return data({ form, error: null, done: t("portal.declinedFlash"), reason: "", body: "" });
      case "question": {
        const limit = await hit(`message:user:${user.id}`, LIMITS.messagePerUser);
        if (!limit.allowed) return refuse(t("errors.invalid"), 429);
        await askAboutQuote(user.id, caseId, input.body);
        return data({ form, error: null, done: t("portal.asked"), reason: "", body: "" });
      }
      case "pay": {
        const url = await startDepositCheckout(user.id, caseId, locale);
        return redirect(url);
      }
    }
  } catch (error) {
    if (error instanceof QuoteError || error instanceof PaymentError) {
      if (error.code === "not_found") notFound();
      const key = error instanceof QuoteError ? `${error.key}` : error.key;
      return refuse(t(key), error.code === "gateway" ? 502 : 409);
    }
    throw error;
  }
}

export default function PatientQuote() {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const { kase, quotes, shown, diff, beforeCurrency, account, card, bank, timeZone, now } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [params] = useSearchParams();
  const checkout = params.get("checkout");
  const errorRef = useRef<HTMLParagraphElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result?.error) errorRef.current?.focus();
    else if (result?.done) doneRef.current?.focus();
  }, [result]);
  const money = (m: number, c: string) => formatMoney(m, c, lng);
  const errorFor = (f: Form) =>
    result?.error && result.form === f ? (
      <p className="field-error" role="alert" tabIndex={-1} ref={errorRef} id={`${f}-error`}>
        {result.error}
      </p>
    ) : null;
  const open =
    shown?.status === "ISSUED" && shown.validUntil && new Date(shown.validUntil) > new Date(now);
  const { balance, quote: accepted } = account;

  return (
    <div className="portal">
      <p>
        <Link to={`/portal/cases/${kase.id}`}>← {kase.number}</Link>
      </p>
      <section className="card" aria-labelledby="quote-h">
        <h1 id="quote-h">{t("portal.title")}</h1>
        <p>{t("portal.intro")}</p>
        {checkout === "success" && balance.depositDueMinor > 0 ? (
          <p className="notice ok" role="status">
            {t("portal.checkoutSuccess")}
          </p>
        ) : null}
        {checkout === "cancelled" ? (
          <p className="notice warn" role="status">
            {t("portal.checkoutCancelled")}
          </p>
        ) : null}
        {result?.done ? (
          <p className="notice ok" role="status" tabIndex={-1} ref={doneRef}>
            {result.done}
          </p>
        ) : null}
        {errorFor("pay")}
        {quotes.length === 0 ? <p className="muted">{t("portal.none")}</p> : null}
        {quotes.length > 1 ? (
          <nav aria-label={t("portal.versions")}>
            <h2 className="h3">{t("portal.versions")}</h2>
            <ul className="inline-list">
              {quotes.map((q) => (
                <li key={q.id}>
                  {q.id === shown?.id ? (
                    <strong aria-current="true">
                      {t("quote.version", { version: q.version })} · {t(`status.${q.status}`)}
                    </strong>
                  ) : (
                    <Link
                      to={`?v=${q.version}`}
                      aria-label={t("portal.viewVersion", { version: q.version })}
                    >
                      {t("quote.version", { version: q.version })} · {t(`status.${q.status}`)}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </section>

      {shown && diff && beforeCurrency ? (
        <QuoteDiff diff={diff} beforeCurrency={beforeCurrency} afterCurrency={shown.currency} />
      ) : null}

      {shown ? (
        <section className="card" aria-labelledby="version-h">
          <h2 id="version-h">
            {t("quote.version", { version: shown.version })}{" "}
            <span className="badge">{t(`status.${shown.status}`)}</span>
          </h2>
          <p>
            <a href={`/portal/cases/${kase.id}/quotes/${shown.id}/pdf`} download>
              {t("portal.download")}
            </a>
          </p>
          {shown.acceptedAt ? (
            <p className="notice ok">
              {t("portal.accepted", { date: formatDateTime(shown.acceptedAt, lng, timeZone) })}
            </p>
          ) : null}
          {shown.declinedAt ? (
            <p className="notice warn">
              {t("portal.declined", { date: formatDateTime(shown.declinedAt, lng, timeZone) })}
            </p>
          ) : null}
          <QuoteDetails quote={shown} timeZone={timeZone} />
        </section>
      ) : null}

      {shown && open ? (
        <>
          <section className="card" aria-labelledby="accept-h">
            <h2 id="accept-h">{t("portal.acceptTitle")}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="quoteId" value={shown.id} />
              <p className="check">
                <input
                  type="checkbox"
                  id="terms"
                  name="terms"
                  value="yes"
                  aria-describedby={
                    result?.form === "accept" && result.error ? "accept-error" : undefined
                  }
                />
                <label htmlFor="terms">
                  {t("portal.acceptTerms", { version: shown.termsVersion })}
                </label>
              </p>
              {errorFor("accept")}
              <button type="submit" className="button primary" disabled={busy}>
                {t("portal.accept", { version: shown.version })}
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="decline-h">
            <h2 id="decline-h">{t("portal.declineTitle")}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="decline" />
              <input type="hidden" name="quoteId" value={shown.id} />
              <label htmlFor="reason">{t("portal.declineReason")}</label>
              <textarea
                id="reason"
                name="reason"
                rows={3}
                maxLength={TEXT_MAX}
                defaultValue={result?.form === "decline" ? result.reason : ""}
                aria-describedby={
                  result?.form === "decline" && result.error ? "decline-error" : undefined
                }
              />
              {errorFor("decline")}
              <button type="submit" className="button" disabled={busy}>
                {t("portal.decline")}
              </button>
            </Form>
          </section>
        </>
      ) : null}

      {shown?.status === "ACCEPTED" && accepted ? (
        <section className="card" aria-labelledby="pay-h">
          <h2 id="pay-h">{t("portal.payTitle")}</h2>
          <p>
            {t("portal.balance", {
              total: money(accepted.totalMinor, accepted.currency),
              paid: money(balance.paidMinor, accepted.currency),
              refunded: money(balance.refundedMinor, accepted.currency),
              outstanding: money(balance.outstandingMinor, accepted.currency),
            })}
          </p>
          {balance.depositDueMinor > 0 ? (
            <>
              <p className="lead">
                {t("portal.depositDue", {
                  amount: money(balance.depositDueMinor, accepted.currency),
                })}
              </p>
              {card ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="pay" />
                  <button type="submit" className="button primary" disabled={busy}>
                    {t("portal.payByCard")}
                  </button>
                  <p className="small muted">{t("portal.cardNote")}</p>
                </Form>
              ) : (
                <div className="bank">
                  <h3>{t("portal.bankTitle")}</h3>
                  <p>{t("portal.bankIntro")}</p>
                  <dl className="facts">
                    <dt>{t("portal.bankName")}</dt>
                    <dd>{bank.name}</dd>
                    <dt>{t("portal.iban")}</dt>
                    <dd dir="ltr">{bank.iban}</dd>
                    <dt>{t("portal.bic")}</dt>
                    <dd dir="ltr">{bank.bic}</dd>
                    <dt>{t("portal.bankReference")}</dt>
                    <dd dir="ltr">{kase.number}</dd>
                  </dl>
                </div>
              )}
            </>
          ) : (
            <p className="notice ok">{t("portal.depositDone")}</p>
          )}
        </section>
      ) : null}

      {account.payments.length ? (
        <section className="card" aria-labelledby="payments-h">
          <h2 id="payments-h">{t("portal.paymentsTitle")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("portal.date")}</th>
                <th scope="col">{t("portal.what")}</th>
                <th scope="col" className="num">
                  {t("portal.amount")}
                </th>
                <th scope="col">{t("portal.status")}</th>
              </tr>
            </thead>
            <tbody>
              {account.payments.map((p) => (
                <tr key={p.id}>
                  <td>{formatDateTime(p.paidAt ?? p.createdAt, lng, timeZone, "short")}</td>
                  <td>
                    {t(`kind.${p.kind}`)} · {t(`method.${p.method}`)}
                  </td>
                  <td className="num">{money(p.amountMinor, p.currency)}</td>
                  <td>
                    {p.receiptNumber ? (
                      <a href={`/portal/cases/${kase.id}/receipts/${p.id}/pdf`} download>
                        {t("portal.receipt", { number: p.receiptNumber })}
                      </a>
                    ) : (
                      t(`paymentStatus.${p.status}`)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {quotes.length ? (
        <section className="card" aria-labelledby="question-h">
          <h2 id="question-h">{t("portal.questionTitle")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="question" />
            <label htmlFor="question">{t("portal.question")}</label>
            <textarea
              id="question"
              name="body"
              rows={3}
              maxLength={TEXT_MAX}
              defaultValue={result?.form === "question" ? result.body : ""}
              aria-describedby={
                result?.form === "question" && result.error ? "question-error" : undefined
              }
            />
            {errorFor("question")}
            <button type="submit" className="button" disabled={busy}>
              {t("portal.ask")}
            </button>
          </Form>
        </section>
      ) : null}
      <p className="small muted">
        {shown?.validUntil && open
          ? t("portal.expiresOn", { date: formatDate(shown.validUntil, lng, timeZone) })
          : null}
      </p>
    </div>
  );
}
