/**
 * A case's account on the staff quote page: what the accepted quote asks and what was paid and
 * refunded, every payment with its receipt, and for finance the forms that create money
 * movements, each with the page's key: refund a payment (by Stripe's API or by hand), void a
 * manual payment recorded by mistake (with a cancellation note), refund
 * what a payment brought in beyond what was due (one click), record money that came in
 * outside Stripe.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageCheck } from "~/components/language-warning";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type FormReply,
} from "~/components/form";
import { Options } from "~/components/quote";
import { NOTE_MAX, paymentFormId, REFERENCE_MAX } from "~/forms/quote";
import { formatDateTime, formatMoney } from "~/lib/format";
import { MANUAL_METHODS, PAYMENT_KINDS } from "~/lib/ledger";
import { minorToInput } from "~/lib/money";
import type { staffQuotePage } from "~/models/finance/quote-pages.server";

type Account = SerializeFrom<typeof staffQuotePage>["account"];
type Payment = Account["payments"][number];

interface Forms {
  formKey: string;
  reply: FormReply | undefined;
}

export function StaffPayments({
  caseId,
  account,
  finance,
  canVoid,
  timeZone,
  ...forms
}: Forms & {
  caseId: string;
  account: Account;
  finance: boolean;
  canVoid: boolean;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const { quote, balance } = account;
  const money = (m: number, c: string) => formatMoney(m, c, lng);
  const overpaid = account.payments.filter((p) => p.excessOpen > 0);
  // A refund's form may be gone once it is done (nothing left to refund): say so up here, and
  // why an excess was not refunded (its notice is gone once someone else refunded it).
  const refunded =
    forms.reply?.form.startsWith("refund") || forms.reply?.form.startsWith("void-")
      ? forms.reply.done
      : null;
  const excessId = forms.reply?.form.startsWith("refundExcess-")
    ? forms.reply.form
    : "refundExcess";
  const excess = useAppForm(excessId, forms.reply);
  return (
    <section className="card" aria-labelledby="pay-h">
      <h2 id="pay-h">{t("staff.account")}</h2>
      {quote ? (
        <p>
          {t("staff.accountLine", {
            total: money(quote.totalMinor, quote.currency),
            paid: money(balance.paidMinor, quote.currency),
            refunded: money(balance.refundedMinor, quote.currency),
            outstanding: money(balance.outstandingMinor, quote.currency),
            depositDue: money(balance.depositDueMinor, quote.currency),
          })}
        </p>
      ) : (
        <p className="muted">{t("staff.noAccepted")}</p>
      )}
      <FormDone message={refunded} />
      <FormErrors form={excess.form} />
      {overpaid.map((p) => (
        <div key={p.id} className="notice warn" role="alert">
          <p>
            {t("staff.excess", {
              receipt: p.receiptNumber ?? "",
              amount: money(p.excessOpen, p.currency),
            })}
          </p>
          {finance ? <ExcessRefund payment={p} {...forms} /> : null}
        </div>
      ))}
      {account.payments.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t("staff.payments")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.date")}</th>
                <th scope="col">{t("staff.kind")}</th>
                <th scope="col">{t("staff.method")}</th>
                <th scope="col" className="num">
                  {t("staff.amount")}
                </th>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col">{t("staff.reference")}</th>
                <th scope="col">{t("staff.receipt")}</th>
                {finance ? <th scope="col">{t("staff.refundTitle")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {account.payments.map((p) => (
                <tr key={p.id}>
                  <td>{formatDateTime(p.paidAt ?? p.createdAt, lng, timeZone, "short")}</td>
                  <td>{t(`kind.${p.kind}`)}</td>
                  <td>{t(`method.${p.method}`)}</td>
                  <td className="num">{money(p.amountMinor, p.currency)}</td>
                  <td>
                    {t(`paymentStatus.${p.status}`)}
                    {p.voidNumber ? (
                      <>
                        {" · "}
                        <a
                          href={`/staff/cases/${caseId}/receipts/${p.id}/pdf?document=cancellation`}
                        >
                          {t("staff.cancellationNote", { number: p.voidNumber })}
                        </a>
                        {p.voidReason ? <span className="muted"> · {p.voidReason}</span> : null}
                      </>
                    ) : null}
                  </td>
                  <td>{p.reference ?? p.note ?? ""}</td>
                  <td>
                    {p.receiptNumber ? (
                      <a href={`/staff/cases/${caseId}/receipts/${p.id}/pdf`}>{p.receiptNumber}</a>
                    ) : null}
                  </td>
                  {finance ? (
                    <td>
                      {p.refundable > 0 ? <RefundPayment payment={p} {...forms} /> : null}
                      {canVoid && p.voidable ? <VoidPayment payment={p} {...forms} /> : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {finance && quote ? (
        <RecordPayment
          currency={quote.currency}
          suggested={
            balance.depositDueMinor > 0
              ? balance.depositDueMinor
              : Math.max(0, balance.outstandingMinor)
          }
          deposit={balance.depositDueMinor > 0}
          {...forms}
        />
      ) : null}
    </section>
  );
}

/** One click; what it answers is shown at the top of the account (StaffPayments). */
function ExcessRefund({ payment, formKey }: Forms & { payment: Payment }) {
  const { t, i18n } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" id={paymentFormId("refundExcess", payment.id)}>
      <FormKey value={formKey} />
      <input type="hidden" name="intent" value="refundExcess" />
      <input type="hidden" name="paymentId" value={payment.id} />
      <button type="submit" className="button" disabled={busy}>
        {t("staff.refundExcess", {
          amount: formatMoney(payment.excessOpen, payment.currency, i18n.language),
        })}
      </button>
    </Form>
  );
}

interface RefundValues extends Record<string, unknown> {
  amount: string;
  reason: string;
  reference: string;
}

function RefundPayment({ payment, formKey, reply }: Forms & { payment: Payment }) {
  const { t, i18n } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const { form, fields, props } = useAppForm<RefundValues>(
    paymentFormId("refund", payment.id),
    reply,
    { amount: minorToInput(payment.refundable, payment.currency) },
  );
  const refused = Object.keys(form.allErrors).length > 0;
  return (
    <details open={refused || undefined}>
      <summary>{t("staff.refund")}</summary>
      <Form method="post" {...props} className="stack">
        <FormErrors form={form} />
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="refund" />
        <input type="hidden" name="paymentId" value={payment.id} />
        <input type="hidden" name="currency" value={payment.currency} />
        <FormField
          meta={fields.amount}
          label={t("staff.refundAmount", {
            max: formatMoney(payment.refundable, payment.currency, i18n.language),
          })}
        >
          {(p) => <input {...p} inputMode="decimal" />}
        </FormField>
        <FormField meta={fields.reason} label={t("staff.refundReason")}>
          {(p) => <input {...p} maxLength={NOTE_MAX} />}
        </FormField>
        <FormField
          meta={fields.reference}
          label={t("staff.refundReference")}
          hint={t("staff.refundReferenceHint")}
        >
          {(p) => <input {...p} maxLength={REFERENCE_MAX} />}
        </FormField>
        <button type="submit" className="button" disabled={busy}>
          {t("staff.refund")}
        </button>
      </Form>
    </details>
  );
}

/**
 * Void a manual payment recorded by mistake: its receipt keeps its number, and a cancellation
 * note (numbered) takes it back. The reason is required; what it answers is shown at the top.
 */
function VoidPayment({ payment, formKey, reply }: Forms & { payment: Payment }) {
  const { t } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const { form, fields, props } = useAppForm<{ reason: string }>(
    paymentFormId("void", payment.id),
    reply,
  );
  const refused = Object.keys(form.allErrors).length > 0;
  return (
    <details open={refused || undefined}>
      <summary>{t("staff.void")}</summary>
      <Form method="post" {...props} className="stack">
        <p className="muted">{t("staff.voidHint", { receipt: payment.receiptNumber ?? "" })}</p>
        <FormErrors form={form} />
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="void" />
        <input type="hidden" name="paymentId" value={payment.id} />
        <FormField meta={fields.reason} label={t("staff.voidReason")}>
          {(p) => <input {...p} maxLength={NOTE_MAX} required />}
        </FormField>
        <LanguageCheck
          form={paymentFormId("void", payment.id)}
          reply={reply}
          label={t("common:language.voidAnyway")}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("staff.void")}
        </button>
      </Form>
    </details>
  );
}

interface RecordValues extends Record<string, unknown> {
  kind: string;
  method: string;
  amount: string;
  reference: string;
  note: string;
}

/** Money that came in outside Stripe: each field answers for itself when it is wrong. */
function RecordPayment({
  currency,
  suggested,
  deposit,
  formKey,
  reply,
}: Forms & { currency: string; suggested: number; deposit: boolean }) {
  const { t } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const { form, fields, done, props } = useAppForm<RecordValues>("record", reply, {
    kind: deposit ? "DEPOSIT" : "BALANCE",
    method: "BANK_TRANSFER",
    amount: minorToInput(suggested, currency),
  });
  return (
    <Form method="post" {...props} className="stack">
      <h3>{t("staff.recordTitle")}</h3>
      <FormDone message={done} />
      <FormErrors form={form} />
      <FormKey value={formKey} />
      <input type="hidden" name="intent" value="record" />
      <input type="hidden" name="currency" value={currency} />
      <div className="grid-4">
        <FormField meta={fields.kind} label={t("staff.recordKind")}>
          {(p) => (
            <select {...p}>
              <Options values={PAYMENT_KINDS} labels="kind" />
            </select>
          )}
        </FormField>
        <FormField meta={fields.method} label={t("staff.recordMethod")}>
          {(p) => (
            <select {...p}>
              <Options values={MANUAL_METHODS} labels="method" />
            </select>
          )}
        </FormField>
        <FormField meta={fields.amount} label={t("staff.recordAmount", { currency })}>
          {(p) => <input {...p} inputMode="decimal" />}
        </FormField>
        <FormField meta={fields.reference} label={t("staff.recordReference")}>
          {(p) => <input {...p} maxLength={REFERENCE_MAX} />}
        </FormField>
      </div>
      <FormField meta={fields.note} label={t("staff.recordNote")}>
        {(p) => <input {...p} maxLength={NOTE_MAX} />}
      </FormField>
      <button type="submit" className="button" disabled={busy}>
        {t("staff.record")}
      </button>
    </Form>
  );
}
