/**
 * A case's account against its accepted quote: what was paid, what was refunded, and what is
 * still owed. Pure, so the staff page, the portal, the dashboard and the tests agree.
 */

/** What finance records by hand: money in outside Stripe. */
export const MANUAL_METHODS = ["BANK_TRANSFER", "CASH"] as const;
export const PAYMENT_KINDS = ["DEPOSIT", "BALANCE"] as const;

export interface LedgerPayment {
  id: string;
  kind: string;
  status: string;
  amountMinor: number;
  refundOfId: string | null;
}

export interface LedgerQuote {
  totalMinor: number;
  depositMinor: number;
}

export interface Balance {
  /** Succeeded payments in (deposit and balance). */
  paidMinor: number;
  /** Succeeded refunds out. */
  refundedMinor: number;
  /** Paid less refunded. */
  netMinor: number;
  /** The accepted total less the net paid; negative when more was paid than owed. */
  outstandingMinor: number;
  /** What is still missing of the deposit (0 once it is covered). */
  depositDueMinor: number;
}

/** Voided payments (status VOIDED) and failed ones count nowhere: only SUCCEEDED is money. */
export function balanceOf(quote: LedgerQuote | null, payments: readonly LedgerPayment[]): Balance {
  let paidMinor = 0;
  let refundedMinor = 0;
  for (const p of payments) {
    if (p.status !== "SUCCEEDED") continue;
    if (p.kind === "REFUND") refundedMinor += p.amountMinor;
    else paidMinor += p.amountMinor;
  }
  const netMinor = paidMinor - refundedMinor;
  const totalMinor = quote?.totalMinor ?? 0;
  return {
    paidMinor,
    refundedMinor,
    netMinor,
    outstandingMinor: totalMinor - netMinor,
    depositDueMinor: Math.max(0, (quote?.depositMinor ?? 0) - netMinor),
  };
}

/** What was returned of one payment: its refunds that succeeded or are on their way. */
export function returnedOf(
  paymentId: string,
  payments: readonly Omit<LedgerPayment, "id">[],
): number {
  return payments
    .filter(
      (r) =>
        r.kind === "REFUND" &&
        r.refundOfId === paymentId &&
        (r.status === "SUCCEEDED" || r.status === "PENDING"),
    )
    .reduce((sum, r) => sum + r.amountMinor, 0);
}

/** What may still be refunded of one payment: its amount less what was returned. */
export function refundableOf(payment: LedgerPayment, payments: readonly LedgerPayment[]): number {
  if (payment.kind === "REFUND" || payment.status !== "SUCCEEDED") return 0;
  return Math.max(0, payment.amountMinor - returnedOf(payment.id, payments));
}

/** What may be voided: a manual payment that succeeded, with no refund made or on its way. */
export function voidableOf(
  payment: LedgerPayment & { method: string },
  payments: readonly LedgerPayment[],
): boolean {
  return (
    payment.kind !== "REFUND" &&
    payment.status === "SUCCEEDED" &&
    (MANUAL_METHODS as readonly string[]).includes(payment.method) &&
    returnedOf(payment.id, payments) === 0
  );
}

/**
 * What of a payment's excess (money beyond what was due when it settled, e.g. a deposit paid
 * twice) is not yet refunded or on its way back.
 */
export function openExcessOf(
  payment: { id: string; excessMinor: number | null },
  payments: readonly Omit<LedgerPayment, "id">[],
): number {
  if (!payment.excessMinor) return 0;
  return Math.max(0, payment.excessMinor - returnedOf(payment.id, payments));
}
