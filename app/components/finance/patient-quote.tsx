/**
 * The patient's quote page, in parts: the versions, the version shown, accepting it (with the
 * terms) or declining it (with a reason), paying the deposit (by card through Stripe Checkout,
 * or the bank details), the payments with their receipts, and a question to the care team.
 * Accepting, declining and asking create something: their forms carry the page's key.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SignatureField } from "~/components/consent/signature-field";
import { FormErrors, FormField, FormKey, useAppForm, type FormReply } from "~/components/form";
import { QuoteDetails } from "~/components/quote";
import { CopyValue, ltr } from "~/components/bidi";
import { formatDateTime, formatMoney } from "~/lib/format";
import { minorToInput } from "~/lib/money";
import { TEXT_MAX } from "~/lib/review";
import type { patientQuotePage } from "~/models/finance/quote-pages.server";

type Page = SerializeFrom<typeof patientQuotePage>;
type Shown = NonNullable<Page["shown"]>;

interface Forms {
  formKey: string;
  reply: FormReply | undefined;
}

export function VersionList({ quotes, shownId }: { quotes: Page["quotes"]; shownId?: string }) {
  const { t } = useTranslation("finance");
  if (quotes.length < 2) return null;
  return (
    <nav aria-label={t("portal.versions")}>
      <h2 className="h3">{t("portal.versions")}</h2>
      <ul className="inline-list">
        {quotes.map((q) => {
          const text = `${t("quote.version", { version: q.version })} · ${t(`status.${q.status}`)}`;
          return (
            <li key={q.id}>
              {q.id === shownId ? (
                <strong aria-current="true">{text}</strong>
              ) : (
                <Link
                  to={`?v=${q.version}`}
                  aria-label={t("portal.viewVersion", { version: q.version })}
                >
                  {text}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function ShownVersion({
  caseId,
  shown,
  timeZone,
}: {
  caseId: string;
  shown: Shown;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  return (
    <section className="card" aria-labelledby="version-h">
      <h2 id="version-h">
        {t("quote.version", { version: shown.version })}{" "}
        <span className="badge">{t(`status.${shown.status}`)}</span>
      </h2>
      <p>
        <a href={`/portal/cases/${caseId}/quotes/${shown.id}/pdf`} download>
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
  );
}

/** Accept (with the terms ticked) or decline (with a reason) the version shown. */
export function AnswerQuote({ shown, formKey, reply }: Forms & { shown: Shown }) {
  const { t } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const accept = useAppForm<{
    terms: string;
    typedName: string;
    method: string;
    signature: string;
  }>("accept", reply);
  const decline = useAppForm<{ reason: string }>("decline", reply);
  return (
    <>
      <section className="card" aria-labelledby="accept-h">
        <h2 id="accept-h">{t("portal.acceptTitle")}</h2>
        <Form method="post" {...accept.props}>
          <FormErrors form={accept.form} />
          <FormKey value={formKey} />
          <input type="hidden" name="intent" value="accept" />
          <input type="hidden" name="quoteId" value={shown.id} />
          <FormField
            meta={accept.fields.terms}
            label={t("portal.acceptTerms", { version: shown.termsVersion })}
            className="check"
          >
            {({ defaultValue: _typed, ...p }) => <input {...p} type="checkbox" value="yes" />}
          </FormField>
          <SignatureField fields={accept.fields} />
          <button type="submit" className="button primary" disabled={busy}>
            {t("portal.accept", { version: shown.version })}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="decline-h">
        <h2 id="decline-h">{t("portal.declineTitle")}</h2>
        <Form method="post" {...decline.props}>
          <FormErrors form={decline.form} />
          <FormKey value={formKey} />
          <input type="hidden" name="intent" value="decline" />
          <input type="hidden" name="quoteId" value={shown.id} />
          <FormField meta={decline.fields.reason} label={t("portal.declineReason")}>
            {(p) => <textarea {...p} rows={3} maxLength={TEXT_MAX} />}
          </FormField>
          <button type="submit" className="button" disabled={busy}>
            {t("portal.decline")}
          </button>
        </Form>
      </section>
    </>
  );
}

/** The balance of the accepted version and how to pay the deposit. */
export function PayDeposit({
  account,
  card,
  bank,
  caseNumber,
  payable,
}: {
  account: Page["account"];
  card: boolean;
  bank: Page["bank"];
  caseNumber: string;
  /** The case's stage asks for the deposit now; otherwise only the balance shows. */
  payable: boolean;
}) {
  const { t, i18n } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const { balance, quote } = account;
  if (!quote) return null;
  const money = (m: number) => formatMoney(m, quote.currency, i18n.language);
  return (
    <section className="card" aria-labelledby="pay-h">
      <h2 id="pay-h">{t("portal.payTitle")}</h2>
      <p>
        {t("portal.balance", {
          total: money(quote.totalMinor),
          paid: money(balance.paidMinor),
          refunded: money(balance.refundedMinor),
          outstanding: money(balance.outstandingMinor),
        })}
      </p>
      {balance.depositDueMinor <= 0 ? (
        <p className="notice ok">{t("portal.depositDone")}</p>
      ) : !payable ? null : (
        <>
          <p className="lead">
            {t("portal.depositDue", { amount: money(balance.depositDueMinor) })}
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
              {/* Each value whole and copyable: a phone's banking app takes it pasted. */}
              <dl className="facts bank-facts">
                <dt>{t("portal.bankName")}</dt>
                <dd>
                  <CopyValue label={t("portal.bankName")} value={bank.name} dir="auto" />
                </dd>
                {bank.bank ? (
                  <>
                    <dt>{t("portal.bankInstitution")}</dt>
                    <dd>
                      <CopyValue label={t("portal.bankInstitution")} value={bank.bank} dir="auto" />
                    </dd>
                  </>
                ) : null}
                <dt>{t("portal.iban")}</dt>
                <dd>
                  <CopyValue
                    label={t("portal.iban")}
                    value={ibanGroups(bank.iban)}
                    copy={bank.iban.replace(/\s+/g, "")}
                    groups
                  />
                </dd>
                <dt>{t("portal.bic")}</dt>
                <dd>
                  <CopyValue label={t("portal.bic")} value={bank.bic} />
                </dd>
                <dt>{t("portal.bankReference")}</dt>
                <dd>
                  <CopyValue label={t("portal.bankReference")} value={caseNumber} />
                </dd>
                <dt>{t("portal.bankAmount")}</dt>
                <dd>
                  <CopyValue
                    label={t("portal.bankAmount")}
                    value={money(balance.depositDueMinor)}
                    copy={minorToInput(balance.depositDueMinor, quote.currency)}
                    dir="auto"
                  />
                </dd>
              </dl>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** An IBAN in the printed form: blocks of four, as the bank's own papers show it. */
function ibanGroups(iban: string) {
  return iban
    .replace(/\s+/g, "")
    .replace(/(.{4})(?=.)/g, "$1 ")
    .toUpperCase();
}

export function PatientPayments({
  caseId,
  payments,
  timeZone,
}: {
  caseId: string;
  payments: Page["account"]["payments"];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  if (!payments.length) return null;
  return (
    <section className="card" aria-labelledby="payments-h">
      <h2 id="payments-h">{t("portal.paymentsTitle")}</h2>
      <table className="table stack-table">
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
          {payments.map((p) => (
            <tr key={p.id}>
              <td data-label={t("portal.date")}>
                {formatDateTime(p.paidAt ?? p.createdAt, lng, timeZone, "short")}
              </td>
              <td data-label={t("portal.what")}>
                {t(`kind.${p.kind}`)} · {t(`method.${p.method}`)}
              </td>
              <td className="num" data-label={t("portal.amount")}>
                {formatMoney(p.amountMinor, p.currency, lng)}
              </td>
              <td data-label={t("portal.status")}>
                {p.receiptNumber ? (
                  <a href={`/portal/cases/${caseId}/receipts/${p.id}/pdf`} download>
                    {t("portal.receipt", { number: ltr(p.receiptNumber) })}
                  </a>
                ) : (
                  t(`paymentStatus.${p.status}`)
                )}
                {p.voidNumber ? (
                  <>
                    {" · "}
                    <strong>{t("paymentStatus.VOIDED")}</strong>
                    {" · "}
                    <a
                      href={`/portal/cases/${caseId}/receipts/${p.id}/pdf?document=cancellation`}
                      download
                    >
                      {t("portal.cancellationNote", { number: ltr(p.voidNumber) })}
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AskQuestion({ formKey, reply }: Forms) {
  const { t } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const { form, fields, props } = useAppForm<{ body: string }>("question", reply);
  return (
    <section className="card" aria-labelledby="question-h">
      <h2 id="question-h">{t("portal.questionTitle")}</h2>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="question" />
        <FormField meta={fields.body} label={t("portal.question")}>
          {(p) => <textarea {...p} rows={3} maxLength={TEXT_MAX} />}
        </FormField>
        <button type="submit" className="button" disabled={busy}>
          {t("portal.ask")}
        </button>
      </Form>
    </section>
  );
}
