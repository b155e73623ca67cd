/**
 * Payments against a case's accepted quote: the deposit by Stripe Checkout (the real SDK),
 * Stripe's signed webhooks, manual payments (bank transfer, cash at the clinic), refunds
 * through Stripe's refund API or recorded by hand, and gap-free receipt numbers.
 *
 * Each Stripe event id is written to StripeEvent (unique) in the same transaction that acts on
 * it, so a replay does nothing and a failure lets Stripe's retry try again. Events may come in
 * any order: a payment that succeeded never goes back to pending or failed, and a refund that
 * names a payment not yet recorded is refused (500) so Stripe sends it again later.
 */
import { roleCan } from "~/lib/permissions";
import type Stripe from "stripe";
import { db, isUniqueViolation, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { balanceOf, MANUAL_METHODS, openExcessOf, PAYMENT_KINDS, refundableOf } from "~/lib/ledger";
import { audit } from "~/infra/audit.server";
import { FormReplay, spendFormKey, type SentForm } from "~/infra/forms.server";
import { FORM_REPEAT_MINUTES } from "~/lib/forms";
import { freezeCancellation, freezeReceipt } from "~/models/finance/issued.server";
import { noticeToPatient, noticeToStaff } from "~/models/cases/notices.server";
import { changeStageIn } from "~/models/cases/stage.server";
import { stripeClient } from "~/infra/payments-provider.server";

/**
 * A refused payment operation; `key` is an i18n key in the finance namespace (or one naming
 * its own), and `field` the form field it concerns, if one does.
 */
/**
 * The same payment sent again with a fresh key (a second tab, the Back button) within the repeat
 * window of ADR 021, when it is recorded already: not an error to the sender, who is told it is
 * paid and given its receipt. Thrown so the transaction keeps nothing of the second send.
 */
export class AlreadyRecorded extends Error {
  constructor(public readonly receiptNumber: string) {
    super(`Payment already recorded as ${receiptNumber}`);
    this.name = "AlreadyRecorded";
  }
}

export class PaymentError extends Error {
  constructor(
    public readonly code: "not_found" | "forbidden" | "state" | "gateway",
    public readonly key: string,
    public readonly field?: string,
    /** Values the message names (the receipt a reference is already on). */
    public readonly vars?: Record<string, string>,
  ) {
    super(`Payment refused: ${code} (${key})`);
    this.name = "PaymentError";
  }
}

export { MANUAL_METHODS, openExcessOf, PAYMENT_KINDS };

interface Actor {
  id: string;
  role: string;
  ip?: string | null;
}

const appUrl = () => env().APP_URL.replace(/\/$/, "");

export const PAYMENT_VIEW = {
  id: true,
  quoteId: true,
  kind: true,
  status: true,
  method: true,
  amountMinor: true,
  currency: true,
  reference: true,
  note: true,
  receiptNumber: true,
  refundOfId: true,
  stripeSessionId: true,
  excessMinor: true,
  paidAt: true,
  voidNumber: true,
  voidedAt: true,
  voidReason: true,
  createdAt: true,
} as const;

/** The case's accepted quote, its payments and the balance between them. */
export async function accountOf(tx: Tx, caseId: string) {
  const [quote, payments] = await Promise.all([
    tx.quote.findFirst({
      where: { caseId, status: "ACCEPTED" },
      select: {
        id: true,
        version: true,
        currency: true,
        totalMinor: true,
        depositMinor: true,
        balanceDueDays: true,
        acceptedAt: true,
      },
    }),
    tx.payment.findMany({ where: { caseId }, orderBy: { createdAt: "asc" }, select: PAYMENT_VIEW }),
  ]);
  return { quote, payments, balance: balanceOf(quote, payments) };
}

/** What a notice to the case's staff needs to know of it. */
function caseRef(tx: Tx, caseId: string) {
  return tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { id: true, number: true, coordinatorId: true },
  });
}

/**
 * RC-2026-000001 for receipts, CN-2026-000001 for credit notes (refunds) and cancellation notes
 * (voids), which share one sequence: one sequence each per year, gap-free because it is taken
 * in the payment's own transaction.
 */
export async function nextDocumentNumber(tx: Tx, prefix: "RC" | "CN", now: Date) {
  const year = now.getUTCFullYear();
  const name = `${prefix}:${year}`;
  const counter = await tx.counter.upsert({
    where: { name },
    create: { name, value: 1 },
    update: { value: { increment: 1 } },
  });
  return `${prefix}-${year}-${String(counter.value).padStart(6, "0")}`;
}

/**
 * After money came in: a receipt number, and either the move to DEPOSIT_PAID (once the net paid
 * covers the deposit, through the one stage function, which emails the receipt notice to the
 * patient and tells finance and the coordinator) or a payment notice.
 */
async function afterPaymentIn(
  tx: Tx,
  paymentId: string,
  actor: { id: string; role: string } | null,
  now: Date,
) {
  const receiptNumber = await nextDocumentNumber(tx, "RC", now);
  const payment = await tx.payment.update({
    where: { id: paymentId },
    data: { status: "SUCCEEDED", receiptNumber, paidAt: now },
  });
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: payment.caseId },
    select: { id: true, number: true, stage: true, coordinatorId: true },
  });
  const { balance } = await accountOf(tx, kase.id);
  if (kase.stage === "QUOTE_ACCEPTED" && balance.depositDueMinor === 0) {
    await changeStageIn(tx, {
      caseId: kase.id,
      to: "DEPOSIT_PAID",
      expectedFrom: "QUOTE_ACCEPTED",
      actor,
      reason: receiptNumber,
    });
  } else {
    await noticeToPatient(tx, kase.id, "paymentReceived");
    await noticeToStaff(tx, kase, "paymentReceivedStaff", "finance");
  }
  await tx.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "PAYMENT",
      actorId: actor?.id ?? null,
      reason: receiptNumber,
      body: `${payment.kind} ${payment.method} ${payment.amountMinor} ${payment.currency}`,
    },
  });
  // The receipt as issued: the account as it stands with this payment, frozen (ADR 020).
  await freezeReceipt(tx, payment.id);
  return receiptNumber;
}

/**
 * The patient starts paying the deposit: a pending payment row, then a Checkout Session for the
 * deposit of the accepted version (its amount and currency), with the case, quote and payment
 * ids as metadata and the payment id as the idempotency key. Returns Stripe's hosted page.
 */
export async function startDepositCheckout(
  patientId: string,
  caseId: string,
  locale: string,
): Promise<string> {
  const stripe = stripeClient();
  if (!stripe) throw new PaymentError("state", "errors.cardOff");
  const kase = await db.case.findFirst({
    where: { id: caseId, patientId },
    select: { id: true, number: true, stage: true, patient: { select: { email: true } } },
  });
  if (!kase) throw new PaymentError("not_found", "errors.notFound");
  const { quote, balance } = await accountOf(db, caseId);
  if (!quote || kase.stage !== "QUOTE_ACCEPTED")
    throw new PaymentError("state", "errors.noDeposit");
  if (balance.depositDueMinor <= 0) throw new PaymentError("state", "errors.depositPaid");

  // One open Checkout Session per amount due: a second click, or a second tab, gets the
  // session the first one opened. Sessions for another amount (the quote changed) are
  // expired first, so no two can both be paid.
  const checkoutKey = `${quote.id}:DEPOSIT:${balance.depositDueMinor}`;
  const reused = await openSessionUrl(stripe, checkoutKey);
  if (reused) return reused;
  await expireOtherSessions(stripe, caseId, checkoutKey);
  let payment;
  try {
    payment = await db.payment.create({
      data: {
        caseId,
        quoteId: quote.id,
        kind: "DEPOSIT",
        status: "PENDING",
        method: "STRIPE",
        amountMinor: balance.depositDueMinor,
        currency: quote.currency,
        checkoutKey,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another request is opening the session for this amount right now: use it.
    for (let i = 0; i < 50; i++) {
      const url = await openSessionUrl(stripe, checkoutKey);
      if (url) return url;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new PaymentError("state", "errors.checkoutBusy");
  }
  const t = getFixedT(locale, "finance");
  const metadata = { caseId, quoteId: quote.id, paymentId: payment.id };
  const back = `${appUrl()}/portal/cases/${caseId}/quote`;
  try {
    const session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: caseId,
        customer_email: kase.patient.email,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: quote.currency.toLowerCase(),
              unit_amount: balance.depositDueMinor,
              product_data: {
                name: t("checkout.item", { caseNumber: kase.number, version: quote.version }),
              },
            },
          },
        ],
        metadata,
        payment_intent_data: { metadata },
        success_url: `${back}?checkout=success`,
        cancel_url: `${back}?checkout=cancelled`,
      },
      { idempotencyKey: `checkout-${payment.id}` },
    );
    if (!session.url) throw new Error("Checkout Session without a url");
    await db.payment.update({ where: { id: payment.id }, data: { stripeSessionId: session.id } });
    return session.url;
  } catch (error) {
    await db.payment.update({
      where: { id: payment.id },
      data: {
        status: "FAILED",
        checkoutKey: null,
        note: String((error as Error).message).slice(0, 500),
      },
    });
    console.error("[stripe] checkout session failed", error);
    throw new PaymentError("gateway", "errors.gateway");
  }
}

/** The url of the still-open session held under `checkoutKey`, or null (it is then released). */
async function openSessionUrl(stripe: Stripe, checkoutKey: string): Promise<string | null> {
  const held = await db.payment.findUnique({
    where: { checkoutKey },
    select: { id: true, status: true, stripeSessionId: true, createdAt: true },
  });
  if (!held) return null;
  if (!held.stripeSessionId) {
    // Its request is still talking to Stripe; one that never got a session is released.
    if (Date.now() - held.createdAt.getTime() < 60_000) return null;
    await release(held.id, "no session");
    return null;
  }
  const session = await stripe.checkout.sessions.retrieve(held.stripeSessionId);
  if (session.status === "open" && session.url) return session.url;
  // Completed sessions are settled by their webhook; expired ones are done with.
  if (session.status === "expired") await release(held.id, "checkout.session.expired");
  return null;
}

/** Pending sessions of the case for another amount are expired at Stripe, then released. */
async function expireOtherSessions(stripe: Stripe, caseId: string, keep: string) {
  const others = await db.payment.findMany({
    where: { caseId, status: "PENDING", method: "STRIPE", checkoutKey: { not: keep } },
    select: { id: true, stripeSessionId: true, checkoutKey: true },
  });
  for (const other of others) {
    if (!other.checkoutKey) continue;
    if (other.stripeSessionId) {
      const session = await stripe.checkout.sessions.retrieve(other.stripeSessionId);
      if (session.status === "complete") continue; // its webhook settles it
      if (session.status === "open") await stripe.checkout.sessions.expire(other.stripeSessionId);
    }
    await release(other.id, "replaced by a session for the current amount");
  }
}

async function release(paymentId: string, note: string) {
  await db.payment.updateMany({
    where: { id: paymentId, status: "PENDING" },
    data: { status: "FAILED", checkoutKey: null, note },
  });
}

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

const HANDLED = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "refund.created",
  "refund.updated",
  "refund.failed",
]);

/** Acts on one verified Stripe event, once. */
export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  if (await db.stripeEvent.findUnique({ where: { id: event.id } })) return "duplicate";
  try {
    await db.$transaction(async (tx) => {
      await tx.stripeEvent.create({ data: { id: event.id, type: event.type } });
      switch (event.type) {
        case "checkout.session.completed":
        case "checkout.session.async_payment_succeeded":
          if (event.data.object.payment_status !== "unpaid") {
            await settleCheckout(tx, event.data.object);
          }
          break;
        case "checkout.session.async_payment_failed":
        case "checkout.session.expired":
          await tx.payment.updateMany({
            where: { stripeSessionId: event.data.object.id, status: "PENDING" },
            data: { status: "FAILED", note: event.type, checkoutKey: null },
          });
          break;
        case "refund.created":
        case "refund.updated":
        case "refund.failed":
          await reconcileRefund(tx, event.data.object);
          break;
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
  return HANDLED.has(event.type) ? "processed" : "ignored";
}

async function settleCheckout(tx: Tx, session: Stripe.Checkout.Session) {
  const paymentId = session.metadata?.paymentId;
  const payment =
    (await tx.payment.findUnique({ where: { stripeSessionId: session.id } })) ??
    (paymentId ? await tx.payment.findUnique({ where: { id: paymentId } }) : null);
  if (!payment) {
    // Not a session this platform made: nothing to match it to.
    console.warn(`[stripe] ${session.id} matches no payment; ignored`);
    return;
  }
  if (payment.status === "SUCCEEDED") return;
  const intent =
    typeof session.payment_intent === "string"
      ? session.payment_intent
      : (session.payment_intent?.id ?? null);
  const amountMinor = session.amount_total ?? payment.amountMinor;
  // What was still due when this money came in: a deposit paid twice (two tabs, a session
  // that escaped expiry) is beyond it, and finance is told with a one-click refund.
  const { balance } = await accountOf(tx, payment.caseId);
  const due = payment.kind === "DEPOSIT" ? balance.depositDueMinor : balance.outstandingMinor;
  const excessMinor = Math.max(0, amountMinor - Math.max(0, due));
  await tx.payment.update({
    where: { id: payment.id },
    data: {
      stripeSessionId: session.id,
      stripePaymentIntentId: intent,
      // Stripe's figures are what was charged.
      amountMinor,
      currency: (session.currency ?? payment.currency).toUpperCase(),
      checkoutKey: null,
      excessMinor: excessMinor > 0 ? excessMinor : null,
    },
  });
  const receipt = await afterPaymentIn(tx, payment.id, null, new Date());
  if (excessMinor > 0) {
    const kase = await caseRef(tx, payment.caseId);
    await tx.caseEvent.create({
      data: {
        caseId: kase.id,
        type: "PAYMENT_EXCESS",
        internal: true,
        reason: receipt,
        body: `${excessMinor} ${payment.currency}`,
      },
    });
    await noticeToStaff(tx, kase, "paymentExcessStaff", "finance");
  }
  await audit(
    {
      actorId: null,
      action: "payment.stripe",
      entity: "Payment",
      entityId: payment.id,
      caseId: payment.caseId,
      outcome: "success",
      detail: `${receipt} ${session.id}`,
    },
    tx,
  );
}

const REFUND_STATUS: Record<string, string> = {
  succeeded: "SUCCEEDED",
  pending: "PENDING",
  requires_action: "PENDING",
  failed: "FAILED",
  canceled: "FAILED",
};

async function reconcileRefund(tx: Tx, refund: Stripe.Refund) {
  const status = REFUND_STATUS[refund.status ?? "pending"] ?? "PENDING";
  const ownId = refund.metadata?.refundId;
  let row =
    (await tx.payment.findUnique({ where: { stripeRefundId: refund.id } })) ??
    (ownId ? await tx.payment.findUnique({ where: { id: ownId } }) : null);
  if (!row) {
    // A refund made in Stripe's dashboard: record it against the payment it returns.
    const intent =
      typeof refund.payment_intent === "string"
        ? refund.payment_intent
        : (refund.payment_intent?.id ?? null);
    const original = intent
      ? await tx.payment.findFirst({
          where: { stripePaymentIntentId: intent, kind: { not: "REFUND" } },
        })
      : null;
    // The payment's own event has not been handled yet: refuse, and Stripe will retry.
    if (!original) throw new Error(`[stripe] refund ${refund.id} for an unknown payment`);
    row = await tx.payment.create({
      data: {
        caseId: original.caseId,
        quoteId: original.quoteId,
        kind: "REFUND",
        status: "PENDING",
        method: "STRIPE",
        amountMinor: refund.amount,
        currency: refund.currency.toUpperCase(),
        refundOfId: original.id,
        stripeRefundId: refund.id,
      },
    });
  }
  if (row.status === status) return;
  if (row.status === "SUCCEEDED") {
    // A refund that succeeded and then failed (the bank sent it back): Stripe says
    // refund.failed after refund.succeeded. Its credit note keeps its number, since numbers
    // stay gap-free, and is shown cancelled; the balance counts the money as not returned.
    if (status === "FAILED") await refundFailedAfterSuccess(tx, row.id, refund);
    return;
  }
  await tx.payment.update({ where: { id: row.id }, data: { stripeRefundId: refund.id } });
  if (status === "SUCCEEDED") await afterRefund(tx, row.id, null, new Date());
  else await tx.payment.update({ where: { id: row.id }, data: { status } });
}

async function refundFailedAfterSuccess(tx: Tx, refundId: string, refund: Stripe.Refund) {
  // Its credit note stays as issued; a cancellation note (ADR 020) takes it back.
  const now = new Date();
  const voidNumber = await nextDocumentNumber(tx, "CN", now);
  const row = await tx.payment.update({
    where: { id: refundId },
    data: {
      status: "FAILED",
      note: `refund.failed after success${refund.failure_reason ? `: ${refund.failure_reason}` : ""}`,
      voidNumber,
      voidedAt: now,
    },
  });
  await freezeCancellation(tx, row.id);
  const kase = await caseRef(tx, row.caseId);
  await tx.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "REFUND_FAILED",
      reason: row.receiptNumber,
      body: `${row.method} ${row.amountMinor} ${row.currency} ${voidNumber}`,
    },
  });
  await noticeToStaff(tx, kase, "refundFailedStaff", "finance");
  await noticeToPatient(tx, kase.id, "refundFailed");
  await audit(
    {
      actorId: null,
      action: "payment.refund-failed",
      entity: "Payment",
      entityId: row.id,
      caseId: kase.id,
      outcome: "success",
      detail: `${row.receiptNumber ?? ""} ${refund.id} ${voidNumber}`,
    },
    tx,
  );
}

async function afterRefund(tx: Tx, refundId: string, actor: Actor | null, now: Date) {
  const number = await nextDocumentNumber(tx, "CN", now);
  const row = await tx.payment.update({
    where: { id: refundId },
    data: { status: "SUCCEEDED", receiptNumber: number, paidAt: now },
  });
  await tx.caseEvent.create({
    data: {
      caseId: row.caseId,
      type: "REFUND",
      actorId: actor?.id ?? null,
      reason: number,
      body: `${row.method} ${row.amountMinor} ${row.currency}`,
    },
  });
  await freezeReceipt(tx, row.id);
  await noticeToPatient(tx, row.caseId, "refundIssued");
  return number;
}

/** Finance records payments and refunds ("payment:write"); others may only look. */
function requireFinance(actor: Actor) {
  if (!roleCan(actor.role, "payment:write")) {
    throw new PaymentError("forbidden", "errors.forbidden");
  }
}

export interface ManualPaymentInput {
  kind: (typeof PAYMENT_KINDS)[number];
  method: (typeof MANUAL_METHODS)[number];
  amountMinor: number;
  /** The currency the amount was typed in (the page's); refused if it is not the quote's. */
  currency?: string;
  reference: string;
  note?: string | null;
}

/** A page that showed another currency than the money's is out of date: reload it. */
function sameCurrency(typed: string | undefined, actual: string) {
  if (typed !== undefined && typed !== actual) {
    throw new PaymentError("state", "common:form.stale");
  }
}

/** A bank or cash reference as compared: trimmed, case-insensitive. */
function referenceKey(reference: string): string {
  return reference.trim().toLocaleLowerCase("en-US");
}

/**
 * One bank or cash reference is one payment: a reference already recorded for one of the case's
 * manual payments (trimmed, case-insensitive) is refused, naming the receipt it is on.
 */
async function refuseRecordedReference(tx: Tx, caseId: string, reference: string) {
  const key = referenceKey(reference);
  if (!key) return;
  const recorded = await tx.payment.findMany({
    where: {
      caseId,
      kind: { not: "REFUND" },
      // A voided payment was recorded by mistake: its reference may be recorded again.
      status: { not: "VOIDED" },
      method: { in: [...MANUAL_METHODS] },
      reference: { not: null },
    },
    select: { reference: true, receiptNumber: true },
    orderBy: { createdAt: "asc" },
  });
  const same = recorded.find((p) => p.reference !== null && referenceKey(p.reference) === key);
  if (same) {
    throw new PaymentError("state", "errors.referenceRecorded", "reference", {
      receipt: same.receiptNumber ?? "—",
    });
  }
}

/**
 * Finance records money that came in outside Stripe, against the accepted quote. `formKey`
 * is the key of the form that asked (spent with the payment; callers without a form pass none).
 */
export async function recordManualPayment(
  caseId: string,
  actor: Actor,
  input: ManualPaymentInput,
  formKey?: SentForm,
) {
  requireFinance(actor);
  return db.$transaction(async (tx) => {
    if (formKey !== undefined) {
      try {
        await spendFormKey(tx, formKey, actor.id);
      } catch (error) {
        // The same payment from a second tab: say it is recorded, with its receipt.
        if (error instanceof FormReplay && error.reason === "repeat") {
          const same = await tx.payment.findFirst({
            where: {
              caseId,
              kind: input.kind,
              method: input.method,
              amountMinor: input.amountMinor,
              reference: input.reference,
              recordedById: actor.id,
              status: { not: "VOIDED" },
              receiptNumber: { not: null },
              createdAt: { gte: new Date(Date.now() - FORM_REPEAT_MINUTES * 60_000) },
            },
            orderBy: { createdAt: "desc" },
            select: { receiptNumber: true },
          });
          if (same?.receiptNumber) throw new AlreadyRecorded(same.receiptNumber);
        }
        throw error;
      }
    }
    const exists = await tx.case.findUnique({ where: { id: caseId }, select: { id: true } });
    if (!exists) throw new PaymentError("not_found", "errors.notFound");
    // Touching the case first serialises concurrent payments on it.
    await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() } });
    const { quote, balance } = await accountOf(tx, caseId);
    if (!quote) throw new PaymentError("state", "errors.noAcceptedQuote");
    sameCurrency(input.currency, quote.currency);
    if (input.amountMinor <= 0) throw new PaymentError("state", "errors.amount", "amount");
    if (input.amountMinor > balance.outstandingMinor) {
      throw new PaymentError("state", "errors.overpay", "amount");
    }
    await refuseRecordedReference(tx, caseId, input.reference);
    const payment = await tx.payment.create({
      data: {
        caseId,
        quoteId: quote.id,
        kind: input.kind,
        status: "PENDING",
        method: input.method,
        amountMinor: input.amountMinor,
        currency: quote.currency,
        reference: input.reference,
        note: input.note ?? null,
        recordedById: actor.id,
      },
    });
    const receipt = await afterPaymentIn(tx, payment.id, actor, new Date());
    await audit(
      {
        actorId: actor.id,
        action: "payment.record",
        entity: "Payment",
        entityId: payment.id,
        caseId,
        ip: actor.ip,
        outcome: "success",
        detail: `${receipt} ${input.method} ${input.amountMinor} ${quote.currency}`,
      },
      tx,
    );
    return { id: payment.id, receiptNumber: receipt };
  });
}

export interface RefundOptions {
  /** The case the payment must belong to (the page's); another case's payment is not found. */
  caseId?: string;
  /** The refund form's key, spent with the refund. */
  formKey?: SentForm;
}

/** Finance's one click: refund what a payment brought in beyond what was due. */
export async function refundExcess(
  paymentId: string,
  actor: Actor,
  reason: string,
  options: RefundOptions = {},
) {
  requireFinance(actor);
  const payment = await db.payment.findFirst({
    where: { id: paymentId, ...(options.caseId !== undefined ? { caseId: options.caseId } : {}) },
    select: PAYMENT_VIEW,
  });
  if (!payment || payment.kind === "REFUND") throw new PaymentError("not_found", "errors.notFound");
  const siblings = await db.payment.findMany({
    where: { refundOfId: paymentId },
    select: PAYMENT_VIEW,
  });
  const amountMinor = openExcessOf(payment, siblings);
  if (amountMinor <= 0) throw new PaymentError("state", "errors.excessResolved");
  return refundPayment(paymentId, actor, { amountMinor, reason, reference: null }, options);
}

export interface RefundInput {
  amountMinor: number;
  /** The currency the amount was typed in (the page's); refused if it is not the payment's. */
  currency?: string;
  reason: string;
  /** For a refund made outside Stripe (or of a manual payment): the bank reference. */
  reference?: string | null;
}

/**
 * A full or partial refund of one payment. A card payment is refunded through Stripe's refund
 * API (idempotency key: the refund row's id); anything else is recorded as paid out by hand.
 */
export async function refundPayment(
  paymentId: string,
  actor: Actor,
  input: RefundInput,
  options: RefundOptions = {},
) {
  requireFinance(actor);
  const stripe = stripeClient();
  const row = await db.$transaction(async (tx) => {
    if (options.formKey !== undefined) await spendFormKey(tx, options.formKey, actor.id);
    const original = await tx.payment.findFirst({
      where: { id: paymentId, ...(options.caseId !== undefined ? { caseId: options.caseId } : {}) },
    });
    if (!original || original.kind === "REFUND") {
      throw new PaymentError("not_found", "errors.notFound");
    }
    if (original.status === "VOIDED") throw new PaymentError("state", "errors.voided");
    sameCurrency(input.currency, original.currency);
    // Take the row's lock before adding up what was already returned.
    await tx.payment.update({ where: { id: paymentId }, data: { updatedAt: new Date() } });
    const siblings = await tx.payment.findMany({
      where: { OR: [{ id: paymentId }, { refundOfId: paymentId }] },
      select: PAYMENT_VIEW,
    });
    const refundable = refundableOf(original, siblings);
    if (input.amountMinor <= 0 || input.amountMinor > refundable) {
      throw new PaymentError("state", "errors.refundAmount", "amount");
    }
    const viaStripe = original.method === "STRIPE" && Boolean(original.stripePaymentIntentId);
    if (viaStripe && !stripe) throw new PaymentError("state", "errors.cardOff");
    if (!viaStripe && !input.reference) {
      throw new PaymentError("state", "errors.reference", "reference");
    }
    const refund = await tx.payment.create({
      data: {
        caseId: original.caseId,
        quoteId: original.quoteId,
        kind: "REFUND",
        status: "PENDING",
        method: viaStripe ? "STRIPE" : original.method,
        amountMinor: input.amountMinor,
        currency: original.currency,
        reference: input.reference ?? null,
        note: input.reason,
        refundOfId: original.id,
        recordedById: actor.id,
      },
    });
    await audit(
      {
        actorId: actor.id,
        action: "payment.refund",
        entity: "Payment",
        entityId: refund.id,
        caseId: original.caseId,
        ip: actor.ip,
        outcome: "success",
        detail: `${input.amountMinor} ${original.currency} of ${original.receiptNumber ?? original.id}`,
      },
      tx,
    );
    if (!viaStripe) await afterRefund(tx, refund.id, actor, new Date());
    return { refund, intent: viaStripe ? original.stripePaymentIntentId : null };
  });
  if (!row.intent || !stripe) return { id: row.refund.id, status: "SUCCEEDED" };

  try {
    const result = await stripe.refunds.create(
      {
        payment_intent: row.intent,
        amount: input.amountMinor,
        reason: "requested_by_customer",
        metadata: { refundId: row.refund.id, caseId: row.refund.caseId },
      },
      { idempotencyKey: `refund-${row.refund.id}` },
    );
    const status = REFUND_STATUS[result.status ?? "pending"] ?? "PENDING";
    await db.$transaction(async (tx) => {
      const current = await tx.payment.findUniqueOrThrow({ where: { id: row.refund.id } });
      await tx.payment.update({ where: { id: current.id }, data: { stripeRefundId: result.id } });
      // The webhook may already have settled it.
      if (current.status !== "PENDING") return;
      if (status === "SUCCEEDED") await afterRefund(tx, current.id, actor, new Date());
      else if (status === "FAILED") {
        await tx.payment.update({ where: { id: current.id }, data: { status } });
      }
    });
    return { id: row.refund.id, status };
  } catch (error) {
    await db.payment.updateMany({
      where: { id: row.refund.id, status: "PENDING" },
      data: {
        status: "FAILED",
        note: `${input.reason} (${String((error as Error).message).slice(0, 300)})`,
      },
    });
    console.error("[stripe] refund failed", error);
    throw new PaymentError("gateway", "errors.gateway");
  }
}

export interface VoidOptions {
  /** The case the payment must belong to (the page's); another case's payment is not found. */
  caseId?: string;
  /** The void form's key, spent with the void. */
  formKey?: SentForm;
  now?: Date;
}

/**
 * Finance voids a manual payment recorded by mistake ("payment:void"), with a reason. Nothing
 * is deleted and the receipt keeps its number (receipt numbers stay gap-free): the payment
 * becomes VOIDED, so no balance counts it, and a cancellation note with its own number from
 * the credit-note sequence names the receipt it cancels (frozen, ADR 020). Audited, on the
 * case's timeline; no email (the patient sees it on their payments list). A card payment is
 * refunded instead, and a payment with a refund, or one already voided, cannot be voided.
 */
export async function voidPayment(
  paymentId: string,
  actor: Actor,
  reason: string,
  options: VoidOptions = {},
) {
  if (!roleCan(actor.role, "payment:void")) {
    throw new PaymentError("forbidden", "errors.forbidden");
  }
  return db.$transaction(async (tx) => {
    if (options.formKey !== undefined) await spendFormKey(tx, options.formKey, actor.id);
    const found = await tx.payment.findFirst({
      where: { id: paymentId, ...(options.caseId !== undefined ? { caseId: options.caseId } : {}) },
      select: { id: true, kind: true },
    });
    if (!found || found.kind === "REFUND") throw new PaymentError("not_found", "errors.notFound");
    // Take the row's lock before reading its state: two voids (or a void and a refund) queue.
    const payment = await tx.payment.update({
      where: { id: paymentId },
      data: { updatedAt: new Date() },
    });
    if (payment.status === "VOIDED") throw new PaymentError("state", "errors.voided");
    if (payment.method === "STRIPE") throw new PaymentError("state", "errors.voidCard");
    if (payment.status !== "SUCCEEDED" || !payment.receiptNumber) {
      throw new PaymentError("state", "errors.voidState");
    }
    const refunds = await tx.payment.count({
      where: { refundOfId: paymentId, status: { in: ["SUCCEEDED", "PENDING"] } },
    });
    if (refunds > 0) throw new PaymentError("state", "errors.voidRefunded");
    const now = options.now ?? new Date();
    const voidNumber = await nextDocumentNumber(tx, "CN", now);
    await tx.payment.update({
      where: { id: paymentId },
      data: {
        status: "VOIDED",
        voidNumber,
        voidedAt: now,
        voidedById: actor.id,
        voidReason: reason,
      },
    });
    await tx.caseEvent.create({
      data: {
        caseId: payment.caseId,
        type: "PAYMENT_VOIDED",
        actorId: actor.id,
        reason: voidNumber,
        body: `${payment.receiptNumber} ${payment.method} ${payment.amountMinor} ${payment.currency}`,
      },
    });
    await freezeCancellation(tx, paymentId);
    await audit(
      {
        actorId: actor.id,
        action: "payment.void",
        entity: "Payment",
        entityId: paymentId,
        caseId: payment.caseId,
        ip: actor.ip,
        outcome: "success",
        // The reason last: free text, shown to the reader as written (app/lib/audit-view.ts).
        detail: `${payment.receiptNumber} by ${voidNumber}: ${payment.amountMinor} ${payment.currency} | ${reason}`,
      },
      tx,
    );
    return { receiptNumber: payment.receiptNumber, voidNumber };
  });
}
