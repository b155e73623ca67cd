/**
 * Payments end to end below the browser: the real `stripe` SDK against the local stand-in
 * (Checkout Session with metadata and an idempotency key; refunds), signed webhooks through
 * the route (forged refused, replays do nothing, events out of order), manual payments,
 * refunds, a consistent balance and gap-free receipt numbers.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "~/db.server";
import { financeDashboard, receiptPdfResponse } from "~/models/finance/finance.server";
import { action as quoteAction } from "~/routes/staff.cases.$caseId_.quote";
import { call, cookieFor, formReply } from "./support/requests";
import { getFixedT } from "~/i18n/i18n.server";
import { newFormKey } from "~/infra/forms.server";
import { resetEnvCache } from "~/env.server";
import { balanceOf } from "~/lib/ledger";
import {
  accountOf,
  handleStripeEvent,
  recordManualPayment,
  refundPayment,
  startDepositCheckout,
} from "~/models/finance/payments.server";
import { action as webhook } from "~/routes/webhooks.stripe";
import { resetDatabase } from "./support/db";
import { acceptedCase } from "./support/finance";
import { startStripeStub, type StripeStub } from "./support/stripe-stub";

let stripe: StripeStub;

beforeAll(async () => {
  stripe = await startStripeStub();
});
afterAll(() => stripe.close());

beforeEach(async () => {
  await resetDatabase();
  stripe.requests.length = 0;
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: stripe.url,
  });
  resetEnvCache();
});
afterEach(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_URL;
  resetEnvCache();
});

function post(body: string, signature: string | null) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (signature) headers["Stripe-Signature"] = signature;
  return webhook({
    request: new Request("http://localhost/webhooks/stripe", { method: "POST", headers, body }),
    params: {},
    context: {},
  });
}

async function snapshot(caseId: string) {
  const [kase, payments, emails, events, counters, stripeEvents] = await Promise.all([
    db.case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true } }),
    db.payment.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } }),
    db.outboxEmail.count(),
    db.caseEvent.count({ where: { caseId } }),
    db.counter.findMany({ orderBy: { name: "asc" } }),
    db.stripeEvent.count(),
  ]);
  return { kase, payments, emails, events, counters, stripeEvents };
}

describe("deposit by Stripe Checkout", () => {
  it("creates the session with the accepted version's deposit, metadata and an idempotency key", async () => {
    const { kase, patient, quote } = await acceptedCase();
    const url = await startDepositCheckout(patient.id, kase.id, "ru");
    const [request] = stripe.requests;
    const payment = await db.payment.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(url).toBe(`${stripe.url}/pay/${payment.stripeSessionId}`);
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1/checkout/sessions",
      idempotencyKey: `checkout-${payment.id}`,
      body: {
        mode: "payment",
        client_reference_id: kase.id,
        metadata: { caseId: kase.id, quoteId: quote.id, paymentId: payment.id },
        line_items: [
          {
            quantity: "1",
            price_data: { currency: "gbp", unit_amount: String(quote.depositMinor) },
          },
        ],
      },
    });
    // The product name is in the patient's language.
    const name = (
      request!.body.line_items as { price_data: { product_data: { name: string } } }[]
    )[0]!.price_data.product_data.name;
    expect(name).toMatch(/[а-я]/i);
    expect(payment).toMatchObject({
      status: "PENDING",
      amountMinor: quote.depositMinor,
      currency: "GBP",
    });
  });

  it("moves the case to DEPOSIT_PAID on the signed webhook, emails the receipt, and ignores ten replays", async () => {
    const { kase, patient, staff } = await acceptedCase();
    await startDepositCheckout(patient.id, kase.id, "ru");
    const payment = await db.payment.findFirstOrThrow({ where: { caseId: kase.id } });
    const event = stripe.complete(payment.stripeSessionId!);

    const first = await post(event.body, event.signature);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "processed" });
    const after = await snapshot(kase.id);
    expect(after.kase.stage).toBe("DEPOSIT_PAID");
    const year = new Date().getUTCFullYear();
    expect(after.payments[0]).toMatchObject({
      status: "SUCCEEDED",
      receiptNumber: `RC-${year}-000001`,
    });
    expect(after.payments[0]!.stripePaymentIntentId).toMatch(/^pi_/);
    const stageEvent = await db.caseEvent.findFirstOrThrow({
      where: { caseId: kase.id, toStage: "DEPOSIT_PAID" },
    });
    expect(stageEvent.actorId).toBeNull(); // SYSTEM
    const mails = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    const to = mails.map((m) => m.toEmail).sort();
    expect(to).toEqual(expect.arrayContaining([patient.email, staff.finance.email]));
    expect(mails.find((m) => m.toEmail === patient.email)?.locale).toBe("ru");

    for (let i = 0; i < 10; i++) {
      const replay = await post(event.body, event.signature);
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    }
    expect(await snapshot(kase.id)).toEqual(after);
  });

  it("refuses a forged, a missing and a stale signature, and changes nothing", async () => {
    const { kase, patient } = await acceptedCase();
    await startDepositCheckout(patient.id, kase.id, "en");
    const payment = await db.payment.findFirstOrThrow({ where: { caseId: kase.id } });
    const event = stripe.complete(payment.stripeSessionId!);
    const before = await snapshot(kase.id);

    const forged = event.signature.replace(
      /v1=([0-9a-f])/,
      (_, c: string) => `v1=${c === "0" ? "1" : "0"}`,
    );
    expect((await post(event.body, forged)).status).toBe(400);
    expect((await post(event.body, null)).status).toBe(400);
    // A body changed after signing.
    expect((await post(event.body.replace('"paid"', '"unpaid"'), event.signature)).status).toBe(
      400,
    );
    // Signed with a timestamp older than the five-minute tolerance.
    const Stripe = (await import("stripe")).default;
    const stale = new Stripe(stripe.secretKey).webhooks.generateTestHeaderString({
      payload: event.body,
      secret: stripe.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect((await post(event.body, stale)).status).toBe(400);
    expect(await snapshot(kase.id)).toEqual(before);
  });

  it("handles events out of order: an expiry after payment changes nothing; a refund before its payment is retried", async () => {
    const { kase, patient } = await acceptedCase();
    await startDepositCheckout(patient.id, kase.id, "en");
    const payment = await db.payment.findFirstOrThrow({ where: { caseId: kase.id } });
    const session = stripe.sessions.get(payment.stripeSessionId!)!;
    const completed = stripe.complete(payment.stripeSessionId!);
    // Stripe sends a refund made in its dashboard before we saw the payment succeed.
    const refund = stripe.signedEvent("refund.updated", {
      id: "re_test_dashboard",
      object: "refund",
      amount: 100_00,
      currency: "gbp",
      payment_intent: session.payment_intent,
      status: "succeeded",
      metadata: {},
    });
    await expect(post(refund.body, refund.signature)).rejects.toThrow(/unknown payment/);
    expect(await db.stripeEvent.count()).toBe(0); // not recorded, so Stripe's retry is acted on

    expect((await post(completed.body, completed.signature)).status).toBe(200);
    const expired = stripe.signedEvent("checkout.session.expired", {
      ...session,
      status: "expired",
    });
    expect(await (await post(expired.body, expired.signature)).json()).toMatchObject({
      outcome: "processed",
    });
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "SUCCEEDED",
    );

    // Stripe retries the refund event: now it is recorded against the payment.
    expect((await post(refund.body, refund.signature)).status).toBe(200);
    const { balance, quote } = await accountOf(db, kase.id);
    expect(balance.refundedMinor).toBe(100_00);
    expect(balance.netMinor).toBe(quote!.depositMinor - 100_00);
    const year = new Date().getUTCFullYear();
    expect(
      (await db.payment.findFirstOrThrow({ where: { stripeRefundId: "re_test_dashboard" } }))
        .receiptNumber,
    ).toBe(`CN-${year}-000001`);
  });

  it("ignores event types it does not act on, once", async () => {
    const event = stripe.signedEvent("customer.created", { id: "cus_1", object: "customer" });
    expect(await (await post(event.body, event.signature)).json()).toMatchObject({
      outcome: "ignored",
    });
    expect(await handleStripeEvent(JSON.parse(event.body))).toBe("duplicate");
  });
});

describe("manual payments, refunds and the balance", () => {
  it("records a bank transfer with its reference; the deposit moves the case; receipt numbers have no gaps", async () => {
    const { kase, quote, finance, staff } = await acceptedCase();
    const actor = { ...finance, ip: "10.1.1.1" };
    await expect(
      recordManualPayment(
        kase.id,
        { id: staff.coordinator.id, role: "COORDINATOR" },
        {
          kind: "DEPOSIT",
          method: "BANK_TRANSFER",
          amountMinor: 1,
          reference: "X",
        },
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    // Too much is refused, and the refused attempt takes no number.
    await expect(
      recordManualPayment(kase.id, actor, {
        kind: "BALANCE",
        method: "CASH",
        amountMinor: quote.totalMinor + 1,
        reference: "too much",
      }),
    ).rejects.toMatchObject({ key: "errors.overpay" });
    const part = await recordManualPayment(kase.id, actor, {
      kind: "DEPOSIT",
      method: "BANK_TRANSFER",
      amountMinor: quote.depositMinor - 100,
      reference: "TR-BANK-1",
    });
    // Not yet the whole deposit: the case stays where it is.
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe(
      "QUOTE_ACCEPTED",
    );
    const rest = await recordManualPayment(kase.id, actor, {
      kind: "DEPOSIT",
      method: "CASH",
      amountMinor: 100,
      reference: "CASH-7",
    });
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe(
      "DEPOSIT_PAID",
    );
    const year = new Date().getUTCFullYear();
    expect([part.receiptNumber, rest.receiptNumber]).toEqual([
      `RC-${year}-000001`,
      `RC-${year}-000002`,
    ]);
    const audits = await db.auditLog.count({
      where: { action: "payment.record", caseId: kase.id },
    });
    expect(audits).toBe(2);
  });

  it("records a payment through the quote page, and says what is wrong with each field it refuses", async () => {
    const { kase, quote, staff } = await acceptedCase();
    const t = getFixedT("de", ["finance", "enquiry"]); // finance reads German
    const record = async (fields: Record<string, string>) =>
      call(quoteAction, {
        path: `/staff/cases/${kase.id}/quote`,
        params: { caseId: kase.id },
        cookie: await cookieFor(staff.finance.id),
        form: new URLSearchParams({
          intent: "record",
          _key: newFormKey(),
          currency: "GBP",
          kind: "DEPOSIT",
          method: "BANK_TRANSFER",
          amount: "100.00",
          reference: "TR-1",
          ...fields,
        }),
      });
    // A bad amount is the amount's problem, not the reference's (it used to say "reference required").
    const badAmount = await record({ amount: "12.345" });
    expect(badAmount.status).toBe(400);
    expect(formReply(badAmount).errors).toEqual({ amount: t("errors.amountFormat") });
    const both = await record({ amount: "zero", reference: "  " });
    expect(formReply(both).errors).toEqual({
      amount: t("errors.amountFormat"),
      reference: t("errors.referenceRequired"),
    });
    const nothing = await record({ amount: "0" });
    expect(formReply(nothing).errors).toEqual({ amount: t("errors.amount") });
    const longNote = await record({ note: "x".repeat(1001) });
    expect(formReply(longNote).errors).toEqual({ note: t("enquiry:errors.tooLong") });
    const tooMuch = await record({ amount: String(quote.totalMinor) });
    expect(tooMuch.status).toBe(409);
    expect(formReply(tooMuch).errors).toEqual({ amount: t("errors.overpay") });
    // What was typed comes back with the refusal, so nothing is lost.
    expect(formReply(tooMuch).values).toMatchObject({ reference: "TR-1" });
    expect(await db.payment.count({ where: { caseId: kase.id } })).toBe(0);

    const key = newFormKey();
    const ok = await record({ _key: key, reference: "TR-OK" });
    expect(ok.status).toBe(200);
    const year = new Date().getUTCFullYear();
    expect(formReply(ok).done).toBe(t("staff.recorded", { number: `RC-${year}-000001` }));
    expect(formReply(ok).values).toEqual({}); // the form empties
    // Sent again (a double click, a reload that posts again): refused, and recorded once.
    const replay = await record({ _key: key, reference: "TR-OK" });
    expect(replay.status).toBe(409);
    expect(await db.payment.count({ where: { caseId: kase.id } })).toBe(1);
  });

  it("refuses a reference already recorded for the case's manual payments, naming its receipt and keeping what was typed", async () => {
    const { kase, staff } = await acceptedCase();
    const record = async (caseId: string, fields: Record<string, string>, lang?: string) =>
      call(quoteAction, {
        path: `/staff/cases/${caseId}/quote${lang ? `?lng=${lang}` : ""}`,
        params: { caseId },
        cookie: await cookieFor(staff.finance.id),
        form: new URLSearchParams({
          intent: "record",
          _key: newFormKey(),
          currency: "GBP",
          kind: "DEPOSIT",
          method: "BANK_TRANSFER",
          amount: "10.00",
          ...fields,
        }),
      });
    const first = await record(kase.id, { reference: "TR-2026-77" });
    expect(first.status).toBe(200);
    const receipt = (await db.payment.findFirstOrThrow({ where: { caseId: kase.id } }))
      .receiptNumber!;
    const t = getFixedT("de", "finance"); // finance reads German
    // The same reference, trimmed and in another case, by bank or in cash: refused.
    for (const [reference, method] of [
      ["TR-2026-77", "BANK_TRANSFER"],
      ["  tr-2026-77 ", "BANK_TRANSFER"],
      ["Tr-2026-77", "CASH"],
    ] as const) {
      const again = await record(kase.id, { reference, method, note: "second try" });
      expect(again.status).toBe(409);
      expect(formReply(again).errors).toEqual({
        reference: t("errors.referenceRecorded", { receipt }),
      });
      expect(formReply(again).values).toMatchObject({
        reference,
        note: "second try",
        amount: "10.00",
      });
    }
    // In the reader's language.
    const ar = await record(kase.id, { reference: "tr-2026-77" }, "ar");
    expect(formReply(ar).errors.reference).toBe(
      getFixedT("ar", "finance")("errors.referenceRecorded", { receipt }),
    );
    expect(await db.payment.count({ where: { caseId: kase.id } })).toBe(1);
    // Another reference is recorded.
    expect((await record(kase.id, { reference: "TR-2026-78" })).status).toBe(200);
  });

  it("refunds part of a card payment through Stripe's API and the rest by hand, never more than was paid", async () => {
    const { kase, patient, quote, finance } = await acceptedCase();
    await startDepositCheckout(patient.id, kase.id, "en");
    const card = await db.payment.findFirstOrThrow({ where: { caseId: kase.id } });
    const done = stripe.complete(card.stripeSessionId!);
    await post(done.body, done.signature);

    const partial = await refundPayment(card.id, finance, {
      amountMinor: 250_00,
      reason: "Hotel nights not used",
    });
    expect(partial.status).toBe("SUCCEEDED");
    const call = stripe.requests.find((r) => r.path === "/v1/refunds")!;
    expect(call).toMatchObject({
      idempotencyKey: `refund-${partial.id}`,
      body: { amount: "25000", metadata: { refundId: partial.id, caseId: kase.id } },
    });
    // The webhook for that refund arrives afterwards and changes nothing.
    const row = await db.payment.findUniqueOrThrow({ where: { id: partial.id } });
    const echo = stripe.signedEvent("refund.updated", {
      id: row.stripeRefundId,
      object: "refund",
      amount: 250_00,
      currency: "gbp",
      payment_intent:
        card.stripePaymentIntentId ?? stripe.sessions.get(card.stripeSessionId!)!.payment_intent,
      status: "succeeded",
      metadata: { refundId: partial.id },
    });
    const before = await snapshot(kase.id);
    await post(echo.body, echo.signature);
    expect((await snapshot(kase.id)).payments).toEqual(before.payments);

    await expect(
      refundPayment(card.id, finance, { amountMinor: quote.depositMinor, reason: "too much" }),
    ).rejects.toMatchObject({ key: "errors.refundAmount" });

    const bank = await recordManualPayment(kase.id, finance, {
      kind: "BALANCE",
      method: "BANK_TRANSFER",
      amountMinor: 1_000_00,
      reference: "TR-BANK-2",
    });
    await expect(
      refundPayment(bank.id, finance, { amountMinor: 10_00, reason: "Goodwill" }),
    ).rejects.toMatchObject({ key: "errors.reference" });
    await refundPayment(bank.id, finance, {
      amountMinor: 10_00,
      reason: "Goodwill",
      reference: "TR-OUT-1",
    });

    const { quote: accepted, payments, balance } = await accountOf(db, kase.id);
    expect(balance).toEqual(balanceOf(accepted, payments));
    expect(balance.paidMinor).toBe(quote.depositMinor + 1_000_00);
    expect(balance.refundedMinor).toBe(250_00 + 10_00);
    expect(balance.outstandingMinor).toBe(quote.totalMinor - balance.netMinor);
    const year = new Date().getUTCFullYear();
    const numbers = payments.map((p) => p.receiptNumber).sort();
    expect(numbers).toEqual([
      `CN-${year}-000001`,
      `CN-${year}-000002`,
      `RC-${year}-000001`,
      `RC-${year}-000002`,
    ]);
  });

  it("hides card payment when Stripe is not configured", async () => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    resetEnvCache();
    const { kase, patient } = await acceptedCase();
    await expect(startDepositCheckout(patient.id, kase.id, "en")).rejects.toMatchObject({
      key: "errors.cardOff",
    });
    const event = stripe.signedEvent("checkout.session.completed", { id: "cs_x" });
    expect((await post(event.body, event.signature)).status).toBe(400);
  });
});

describe("paying twice (issue 17.6)", () => {
  const sessionCreations = () =>
    stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");

  it("gives two tabs and a second click the one open Checkout session for the amount due", async () => {
    const { kase, patient } = await acceptedCase();
    const [a, b] = await Promise.all([
      startDepositCheckout(patient.id, kase.id, "en"),
      startDepositCheckout(patient.id, kase.id, "en"),
    ]);
    const c = await startDepositCheckout(patient.id, kase.id, "en");
    expect(new Set([a, b, c]).size).toBe(1);
    expect(sessionCreations()).toHaveLength(1);
    expect(await db.payment.count({ where: { caseId: kase.id } })).toBe(1);
  });

  it("expires the open session of an old amount before it opens one for the new amount", async () => {
    const { kase, patient, quote, finance } = await acceptedCase();
    const first = await startDepositCheckout(patient.id, kase.id, "en");
    // Part of the deposit arrives by bank transfer: the amount due changes.
    await recordManualPayment(kase.id, finance, {
      kind: "DEPOSIT",
      method: "BANK_TRANSFER",
      amountMinor: 100_00,
      reference: "TRX-1",
    });
    const second = await startDepositCheckout(patient.id, kase.id, "en");
    expect(second).not.toBe(first);
    const old = [...stripe.sessions.values()].find((s) => `${stripe.url}/pay/${s.id}` === first)!;
    expect(old.status).toBe("expired");
    const rows = await db.payment.findMany({
      where: { caseId: kase.id, method: "STRIPE" },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.status, r.amountMinor])).toEqual([
      ["FAILED", quote.depositMinor],
      ["PENDING", quote.depositMinor - 100_00],
    ]);
  });

  it("flags a payment beyond what was due to finance, and refunds it in one click", async () => {
    const { kase, patient, quote, staff } = await acceptedCase();
    // Two sessions that were both open (as before this fix): one is paid, then the other.
    await startDepositCheckout(patient.id, kase.id, "en");
    await db.payment.updateMany({ where: { caseId: kase.id }, data: { checkoutKey: null } });
    await startDepositCheckout(patient.id, kase.id, "en");
    const [one, two] = await db.payment.findMany({
      where: { caseId: kase.id },
      orderBy: { createdAt: "asc" },
    });
    for (const p of [one!, two!]) {
      const event = stripe.complete(p.stripeSessionId!);
      expect((await post(event.body, event.signature)).status).toBe(200);
    }
    const paid = await db.payment.findMany({
      where: { caseId: kase.id },
      orderBy: { paidAt: "asc" },
    });
    expect(paid.map((p) => [p.status, p.excessMinor])).toEqual([
      ["SUCCEEDED", null],
      ["SUCCEEDED", quote.depositMinor],
    ]);
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "PAYMENT_EXCESS" } })).toBe(
      1,
    );
    const told = await db.outboxEmail.findMany({
      where: { caseId: kase.id, toEmail: staff.finance.email, template: "notice" },
    });
    expect(told.some((m) => m.subject.includes(kase.number) && /due|fällig/i.test(m.subject))).toBe(
      true,
    );
    const dashboard = await financeDashboard();
    expect(dashboard.excess).toMatchObject([{ caseId: kase.id, openMinor: quote.depositMinor }]);

    // Finance's one click, through the case's quote page.
    const click = (key: string) =>
      cookieFor(staff.finance.id).then((cookie) =>
        call(quoteAction, {
          path: `/staff/cases/${kase.id}/quote`,
          params: { caseId: kase.id },
          cookie,
          form: new URLSearchParams({ intent: "refundExcess", paymentId: paid[1]!.id, _key: key }),
        }),
      );
    const key = newFormKey();
    const res = await click(key);
    expect(res.status).toBe(200);
    expect(formReply(res).done).toBe(getFixedT("de", "finance")("staff.refunded"));
    const refund = stripe.requests.find((r) => r.path === "/v1/refunds")!;
    expect(refund.body).toMatchObject({ amount: String(quote.depositMinor) });
    expect((await financeDashboard()).excess).toEqual([]);
    const { balance } = await accountOf(db, kase.id);
    expect(balance.netMinor).toBe(quote.depositMinor);
    // A second click (of the same button, or from a page loaded since) finds nothing left to
    // refund, and nothing more is refunded.
    const resolved = getFixedT("de", "finance")("errors.excessResolved");
    for (const again of [await click(key), await click(newFormKey())]) {
      expect(again.status).toBe(409);
      expect(formReply(again).errors[""]).toBe(resolved);
    }
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1);
  });

  it("takes back a credit note whose refund failed after it succeeded: refund.failed", async () => {
    const { kase, patient, finance } = await acceptedCase();
    await startDepositCheckout(patient.id, kase.id, "en");
    const payment = await db.payment.findFirstOrThrow({ where: { caseId: kase.id } });
    const paidEvent = stripe.complete(payment.stripeSessionId!);
    await post(paidEvent.body, paidEvent.signature);
    await refundPayment(payment.id, finance, { amountMinor: 50_00, reason: "goodwill" });
    const refund = await db.payment.findFirstOrThrow({ where: { kind: "REFUND" } });
    expect(refund).toMatchObject({ status: "SUCCEEDED" });
    expect(refund.receiptNumber).toMatch(/^CN-/);
    // The credit note as issued, downloaded before the bank sends the money back.
    const issued = Buffer.from(
      await (await receiptPdfResponse({ caseId: kase.id }, refund.id, "en")).arrayBuffer(),
    );
    expect((await accountOf(db, kase.id)).balance.refundedMinor).toBe(50_00);
    await db.outboxEmail.deleteMany({});

    const failed = stripe.signedEvent("refund.failed", {
      id: refund.stripeRefundId,
      object: "refund",
      amount: 50_00,
      currency: "gbp",
      payment_intent: payment.stripePaymentIntentId,
      status: "failed",
      failure_reason: "lost_or_stolen_card",
      metadata: { refundId: refund.id },
    });
    expect((await post(failed.body, failed.signature)).status).toBe(200);
    const after = await db.payment.findUniqueOrThrow({ where: { id: refund.id } });
    // The credit note keeps its number (no gaps) and its bytes (ADR 020); a cancellation note,
    // numbered in the same sequence, takes it back; the money counts as kept.
    expect(after).toMatchObject({ status: "FAILED", receiptNumber: refund.receiptNumber });
    expect(after.voidNumber).toMatch(/^CN-\d{4}-000002$/);
    expect((await accountOf(db, kase.id)).balance.refundedMinor).toBe(0);
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "REFUND_FAILED" } })).toBe(1);
    const mails = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    expect(mails.map((m) => m.toEmail)).toEqual(expect.arrayContaining([patient.email]));
    expect(mails.length).toBeGreaterThanOrEqual(2);
    const same = await receiptPdfResponse({ caseId: kase.id }, refund.id, "en");
    expect(Buffer.from(await same.arrayBuffer()).equals(issued)).toBe(true);
    const pdf = await receiptPdfResponse({ caseId: kase.id }, refund.id, "en", "cancellation");
    const file = path.join(os.tmpdir(), `cn-${refund.id}.pdf`);
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync("pdftotext", [file, "-"]).toString().replace(/\s+/g, " ");
    expect(text).toContain(`Cancellation note ${after.voidNumber}`);
    expect(text).toContain(refund.receiptNumber!);
    expect(text).toContain("the refund failed at the bank");
  });
});
