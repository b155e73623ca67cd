/**
 * Issued finance documents are fixed (ADR 020), and a payment recorded by mistake is voided by
 * a cancellation note: through the staff quote page's action (the form, its key, the
 * permission), the ledger, the timeline, the audit trail, the PDFs (staff and patient) and the
 * patient's payments list.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { newFormKey } from "~/infra/forms.server";
import { paymentsCsv, quotePdfResponse, receiptPdfResponse } from "~/models/finance/finance.server";
import { quotePdf, receiptPdf } from "~/models/finance/finance-pdf.server";
import {
  accountOf,
  recordManualPayment,
  refundPayment,
  voidPayment,
} from "~/models/finance/payments.server";
import { patientQuotePage } from "~/models/finance/quote-pages.server";
import { issueQuote, QUOTE_VIEW, startDraft } from "~/models/finance/quotes.server";
import { loader as portalReceipt } from "~/routes/portal.cases.$caseId_.receipts.$paymentId.pdf";
import { action as quoteAction, loader as quoteLoader } from "~/routes/staff.cases.$caseId_.quote";
import { loader as staffReceipt } from "~/routes/staff.cases.$caseId_.receipts.$paymentId.pdf";
import { auditDetailText } from "~/lib/audit-view";
import { formatMoney } from "~/lib/format";
import { CLINIC } from "../prisma/seed-site";
import { resetDatabase } from "./support/db";
import { parseReportQuery, reportCsv } from "~/models/reports/reports.server";
import { createCase, createUser } from "./support/factories";
import { acceptedCase, eligibleCase } from "./support/finance";
import { pdfText, plain, save } from "./support/pdf-text";
import { call, cookieFor, formReply } from "./support/requests";

beforeEach(async () => {
  await resetDatabase();
});

const year = new Date().getUTCFullYear();
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** An accepted case with a bank transfer of 100.00 GBP recorded by finance. */
async function withTransfer() {
  const made = await acceptedCase();
  const paid = await recordManualPayment(made.kase.id, made.finance, {
    kind: "DEPOSIT",
    method: "BANK_TRANSFER",
    amountMinor: 100_00,
    reference: "TR-100",
  });
  return { ...made, paid };
}

function voidForm(caseId: string, cookie: string, fields: Record<string, string>) {
  return call(quoteAction, {
    path: `/staff/cases/${caseId}/quote`,
    params: { caseId },
    cookie,
    form: new URLSearchParams({ intent: "void", ...fields }),
  });
}

describe("voiding a payment recorded by mistake", () => {
  it("voids through the quote page: a numbered cancellation note, the receipt kept, the balance without it, audited and on the timeline", async () => {
    const { kase, staff, paid, patient } = await withTransfer();
    const t = getFixedT("de", "finance"); // finance reads German
    const before = await accountOf(db, kase.id);
    expect(before.balance.paidMinor).toBe(100_00);
    const emails = await db.outboxEmail.count();
    const cookie = await cookieFor(staff.finance.id);

    // The page offers the void to finance for this transfer.
    const page = await call(quoteLoader, {
      path: `/staff/cases/${kase.id}/quote`,
      params: { caseId: kase.id },
      cookie,
    });
    const shown = page.data as Awaited<ReturnType<typeof quoteLoader>>;
    expect(shown.canVoid).toBe(true);
    expect(shown.account.payments.find((p) => p.id === paid.id)?.voidable).toBe(true);

    // The reason is required, and said so on its field.
    const noReason = await voidForm(kase.id, cookie, {
      _key: newFormKey(),
      paymentId: paid.id,
      reason: "  ",
    });
    expect(noReason.status).toBe(400);
    expect(formReply(noReason).form).toBe(`void-${paid.id}`);
    expect(formReply(noReason).errors.reason).toBe(t("errors.voidReasonRequired"));

    const key = newFormKey();
    const res = await voidForm(kase.id, cookie, {
      _key: key,
      paymentId: paid.id,
      // In the patient's language (Russian): the reason is printed on their cancellation note (ADR 025).
      reason: "Платёж ошибочно записан не на тот случай",
    });
    expect(res.status).toBe(200);
    const voidNumber = `CN-${year}-000001`;
    expect(formReply(res).done).toBe(
      t("staff.voided", { receiptNumber: paid.receiptNumber, voidNumber }),
    );
    const row = await db.payment.findUniqueOrThrow({ where: { id: paid.id } });
    expect(row).toMatchObject({
      status: "VOIDED",
      receiptNumber: paid.receiptNumber, // kept: receipt numbers stay gap-free
      voidNumber,
      voidReason: "Платёж ошибочно записан не на тот случай",
      voidedById: staff.finance.id,
    });
    expect(row.voidedAt).toBeInstanceOf(Date);
    const after = await accountOf(db, kase.id);
    expect(after.balance.paidMinor).toBe(0);
    expect(after.balance.outstandingMinor).toBe(before.balance.outstandingMinor + 100_00);
    expect(
      await db.caseEvent.findFirst({
        where: { caseId: kase.id, type: "PAYMENT_VOIDED" },
        select: { reason: true, actorId: true },
      }),
    ).toEqual({ reason: voidNumber, actorId: staff.finance.id });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "payment.void", entityId: paid.id },
    });
    expect(audit).toMatchObject({ actorId: staff.finance.id, caseId: kase.id });
    expect(audit.detail).toContain(voidNumber);
    // No email: the patient sees it on their payments list.
    expect(await db.outboxEmail.count()).toBe(emails);

    // The same form sent again is refused as a replay; a fresh one finds it already voided.
    const replay = await voidForm(kase.id, cookie, {
      _key: key,
      paymentId: paid.id,
      reason: "again",
    });
    expect(replay.status).toBe(409);
    const again = await voidForm(kase.id, cookie, {
      _key: newFormKey(),
      paymentId: paid.id,
      reason: "again",
    });
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(t("errors.voided"));
    // Nor can it be refunded.
    await expect(
      refundPayment(
        paid.id,
        { id: staff.finance.id, role: "FINANCE" },
        {
          amountMinor: 10_00,
          reason: "x",
          reference: "R-1",
        },
      ),
    ).rejects.toMatchObject({ key: "errors.voided" });
    expect(await db.payment.count({ where: { kind: "REFUND" } })).toBe(0);
    // Its bank reference may be recorded again, on the right payment.
    await expect(
      recordManualPayment(
        kase.id,
        { id: staff.finance.id, role: "FINANCE" },
        {
          kind: "DEPOSIT",
          method: "BANK_TRANSFER",
          amountMinor: 100_00,
          reference: "TR-100",
        },
      ),
    ).resolves.toMatchObject({ receiptNumber: `RC-${year}-000002` });

    // The patient sees it voided, with the cancellation note, in their language.
    const portal = await patientQuotePage(patient.id, kase.id, 0);
    expect(portal.account.payments.find((p) => p.id === paid.id)).toMatchObject({
      status: "VOIDED",
      voidNumber,
      receiptNumber: paid.receiptNumber,
    });
    const patientCookie = await cookieFor(patient.id);
    const note = await call(portalReceipt, {
      path: `/portal/cases/${kase.id}/receipts/${paid.id}/pdf?document=cancellation`,
      params: { caseId: kase.id, paymentId: paid.id },
      cookie: patientCookie,
    });
    expect(note.status).toBe(200);
    const noteBytes = await bytesOf(note.response!);
    const text = plain(pdfText(save("cancellation-ru", noteBytes)));
    const ru = getFixedT("ru", "finance");
    expect(text).toContain(plain(ru("pdf.cancellationTitle", { number: voidNumber })));
    expect(text).toContain(paid.receiptNumber);
    expect(text).toContain("Платёж ошибочно записан не на тот случай");
    // Staff get the very same document.
    const staffNote = await call(staffReceipt, {
      path: `/staff/cases/${kase.id}/receipts/${paid.id}/pdf?document=cancellation`,
      params: { caseId: kase.id, paymentId: paid.id },
      cookie,
    });
    expect((await bytesOf(staffNote.response!)).equals(noteBytes)).toBe(true);
    // Another patient does not reach it.
    const stranger = await createUser({ role: "PATIENT" });
    const theirs = await call(portalReceipt, {
      path: `/portal/cases/${kase.id}/receipts/${paid.id}/pdf?document=cancellation`,
      params: { caseId: kase.id, paymentId: paid.id },
      cookie: await cookieFor(stranger.id),
    });
    expect(theirs.status).toBe(404);
    // A payment that was not voided has no cancellation note.
    const other = await db.payment.findFirstOrThrow({
      where: { receiptNumber: `RC-${year}-000002` },
    });
    await expect(
      receiptPdfResponse({ caseId: kase.id }, other.id, undefined, "cancellation"),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("takes its number from the credit-note sequence, after a refund's", async () => {
    const { kase, finance, paid } = await withTransfer();
    const second = await recordManualPayment(kase.id, finance, {
      kind: "DEPOSIT",
      method: "CASH",
      amountMinor: 50_00,
      reference: "CASH-1",
    });
    await refundPayment(second.id, finance, { amountMinor: 10_00, reason: "r", reference: "B-1" });
    const refund = await db.payment.findFirstOrThrow({ where: { kind: "REFUND" } });
    expect(refund.receiptNumber).toBe(`CN-${year}-000001`);
    const voided = await voidPayment(paid.id, finance, "Typed twice");
    expect(voided).toEqual({ receiptNumber: paid.receiptNumber, voidNumber: `CN-${year}-000002` });
  });

  it("refuses a card payment, a refunded one and anyone without the permission, each with its reason", async () => {
    const { kase, finance, staff, paid } = await withTransfer();
    const t = getFixedT("de", "finance");
    // A Stripe payment is refunded instead.
    const card = await db.payment.create({
      data: {
        caseId: kase.id,
        kind: "BALANCE",
        status: "SUCCEEDED",
        method: "STRIPE",
        amountMinor: 20_00,
        currency: "GBP",
        receiptNumber: `RC-${year}-000099`,
        paidAt: new Date(),
        stripePaymentIntentId: "pi_test",
      },
    });
    const cookie = await cookieFor(staff.finance.id);
    const cardVoid = await voidForm(kase.id, cookie, {
      _key: newFormKey(),
      paymentId: card.id,
      reason: "mistake",
    });
    expect(cardVoid.status).toBe(409);
    expect(formReply(cardVoid).errors[""]).toBe(t("errors.voidCard"));
    // A payment with a refund is corrected by refunds, not voided.
    await refundPayment(paid.id, finance, { amountMinor: 10_00, reason: "r", reference: "B-2" });
    await expect(voidPayment(paid.id, finance, "mistake")).rejects.toMatchObject({
      key: "errors.voidRefunded",
    });
    // The coordinator may look at the page, not void: the action is finance's.
    const coordinator = await voidForm(kase.id, await cookieFor(staff.coordinator.id), {
      _key: newFormKey(),
      paymentId: paid.id,
      reason: "mistake",
    });
    expect(coordinator.status).toBe(403);
    await expect(
      voidPayment(paid.id, { id: staff.admin.id, role: "ADMIN" }, "mistake"),
    ).rejects.toMatchObject({ code: "forbidden" });
    // Another case's payment is not found through this case's page.
    const other = await createCase();
    const elsewhere = await voidForm(other.kase.id, cookie, {
      _key: newFormKey(),
      paymentId: paid.id,
      reason: "mistake",
    });
    expect(elsewhere.status).toBe(404);
    expect(await db.payment.count({ where: { status: "VOIDED" } })).toBe(0);
  });
});

describe("issued documents are fixed", () => {
  it("serves a receipt with the same bytes after a later refund, and with the account as it was when issued", async () => {
    const { kase, finance, paid } = await withTransfer();
    const first = await bytesOf(await receiptPdfResponse({ caseId: kase.id }, paid.id, undefined));
    await refundPayment(paid.id, finance, { amountMinor: 40_00, reason: "r", reference: "B-3" });
    const again = await bytesOf(await receiptPdfResponse({ caseId: kase.id }, paid.id, undefined));
    expect(again.equals(first)).toBe(true);
    // Set afresh from today's account, it would differ: the refund is not on the receipt.
    const row = await db.payment.findUniqueOrThrow({ where: { id: paid.id } });
    const { quote, balance } = await accountOf(db, kase.id);
    const live = await receiptPdf(
      { ...row, receiptNumber: row.receiptNumber!, paidAt: row.paidAt!, refundOf: null },
      {
        quoteVersion: quote!.version,
        totalMinor: quote!.totalMinor,
        paidMinor: balance.paidMinor,
        refundedMinor: balance.refundedMinor,
        outstandingMinor: balance.outstandingMinor,
      },
      { number: kase.number, patientName: "Test Patient", programmeName: "x" },
      "ru",
      "Europe/Berlin",
    );
    expect(live.equals(first)).toBe(false);
  });

  it("freezes a receipt when it is issued, so a first download after a refund still shows the account then", async () => {
    const { kase, finance, paid } = await withTransfer();
    await refundPayment(paid.id, finance, { amountMinor: 40_00, reason: "r", reference: "B-4" });
    const pdf = await receiptPdfResponse({ caseId: kase.id }, paid.id, "en");
    const text = plain(pdfText(save("receipt-frozen-en", await bytesOf(pdf))));
    expect(text).toContain(paid.receiptNumber);
    // Refunded to date: £0.00 on the receipt as issued (the £40.00 came later).
    expect(text).toContain("£0.00");
    expect(text).not.toContain("£40.00");
  });

  it("serves a credit note with the same bytes after a later refund, and keeps it when its refund fails", async () => {
    const { kase, finance, paid } = await withTransfer();
    await refundPayment(paid.id, finance, { amountMinor: 10_00, reason: "r", reference: "B-5" });
    const credit = await db.payment.findFirstOrThrow({ where: { kind: "REFUND" } });
    const first = await bytesOf(
      await receiptPdfResponse({ caseId: kase.id }, credit.id, undefined),
    );
    await refundPayment(paid.id, finance, { amountMinor: 20_00, reason: "r", reference: "B-6" });
    const again = await bytesOf(
      await receiptPdfResponse({ caseId: kase.id }, credit.id, undefined),
    );
    expect(again.equals(first)).toBe(true);
    expect(await db.issuedPdf.count({ where: { document: { subjectId: credit.id } } })).toBe(1);
  });

  it("serves an issued quote with the same bytes after a revision supersedes it and after it expires", async () => {
    const { kase, finance } = await eligibleCase();
    const v1 = await startDraft(kase.id, finance);
    await issueQuote(v1.id, finance);
    const first = await bytesOf(
      await quotePdfResponse({ caseId: kase.id }, v1.id, undefined, "UTC"),
    );
    const v2 = await startDraft(kase.id, finance);
    await issueQuote(v2.id, finance);
    expect(await db.quote.findUniqueOrThrow({ where: { id: v1.id } })).toMatchObject({
      status: "SUPERSEDED",
    });
    const revised = await bytesOf(
      await quotePdfResponse({ caseId: kase.id }, v1.id, undefined, "UTC"),
    );
    expect(revised.equals(first)).toBe(true);
    await db.quote.update({ where: { id: v1.id }, data: { status: "EXPIRED" } });
    const expired = await bytesOf(
      await quotePdfResponse({ caseId: kase.id }, v1.id, undefined, "Asia/Tokyo"),
    );
    expect(expired.equals(first)).toBe(true);
    // Set afresh it would say "expired": the stored copy is what keeps it as issued.
    const now = await db.quote.findUniqueOrThrow({ where: { id: v1.id }, select: QUOTE_VIEW });
    const live = await quotePdf(
      now,
      { number: kase.number, patientName: "Test Patient", programmeName: "x" },
      "ru",
      "Europe/Berlin",
    );
    expect(live.equals(first)).toBe(false);
    // Staff may read it in their own language: set from the same frozen version, then fixed.
    const de1 = await bytesOf(await quotePdfResponse({ caseId: kase.id }, v1.id, "de", "UTC"));
    const de2 = await bytesOf(await quotePdfResponse({ caseId: kase.id }, v1.id, "de", "UTC"));
    expect(de1.equals(de2)).toBe(true);
    expect(de1.equals(first)).toBe(false);
    expect(plain(pdfText(save("quote-frozen-de", de1)))).not.toContain(
      plain(getFixedT("de", "finance")("status.EXPIRED")),
    );
  });
});

describe("documents print the clinic's profile, as it stood when they were issued", () => {
  const profile = (name: string) =>
    db.clinicProfile.upsert({
      where: { id: "clinic" },
      create: { id: "clinic", ...CLINIC, name },
      update: { name },
    });
  const receiptText = async (caseId: string, paymentId: string, lang: string, name: string) =>
    plain(
      pdfText(save(name, await bytesOf(await receiptPdfResponse({ caseId }, paymentId, lang)))),
    );
  const configured = getFixedT("en", "finance")("pdf.clinic");

  it("uses the profile's name, and a reprint after the profile changes is the same document", async () => {
    await profile("Bosphorus Regenerative Medicine Clinic");
    const { kase, finance, paid } = await withTransfer();
    const first = await bytesOf(await receiptPdfResponse({ caseId: kase.id }, paid.id, "en"));
    const text = plain(pdfText(save("receipt-profile-en", first)));
    expect(text).toContain("Bosphorus Regenerative Medicine Clinic");
    expect(text).not.toContain(configured);

    await profile("Renamed Clinic");
    // The same language: the same bytes. Another language, first set now: the name as issued.
    const again = await bytesOf(await receiptPdfResponse({ caseId: kase.id }, paid.id, "en"));
    expect(again.equals(first)).toBe(true);
    const german = await receiptText(kase.id, paid.id, "de", "receipt-profile-de");
    expect(german).toContain("Bosphorus Regenerative Medicine Clinic");
    expect(german).not.toContain("Renamed Clinic");

    // A receipt issued after the change prints the new name.
    const later = await recordManualPayment(kase.id, finance, {
      kind: "BALANCE",
      method: "BANK_TRANSFER",
      amountMinor: 50_00,
      reference: "TR-50",
    });
    expect(await receiptText(kase.id, later.id, "en", "receipt-renamed-en")).toContain(
      "Renamed Clinic",
    );
  });

  it("keeps a receipt issued before there was a profile as it was first printed", async () => {
    const { kase, paid } = await withTransfer();
    expect(await receiptText(kase.id, paid.id, "en", "receipt-no-profile-en")).toContain(
      configured,
    );
    await profile("Bosphorus Regenerative Medicine Clinic");
    // Its first copy in another language, set now, still prints what it was issued with.
    const ru = await receiptText(kase.id, paid.id, "ru", "receipt-no-profile-ru");
    expect(ru).not.toContain("Bosphorus");
    expect(ru).toContain(getFixedT("ru", "finance")("pdf.clinic"));
  });
});

describe("the revenue CSV", () => {
  it("writes money as decimal amounts in each currency's own digits, negatives as numbers, voids left out", async () => {
    const { kase } = await createCase();
    const paidAt = new Date(Date.UTC(2026, 2, 10, 12));
    const pay = (currency: string, amountMinor: number, kind = "BALANCE", status = "SUCCEEDED") =>
      db.payment.create({
        data: { caseId: kase.id, kind, status, method: "CASH", amountMinor, currency, paidAt },
      });
    await pay("JPY", 12_500);
    await pay("KWD", 1_234);
    await pay("GBP", 500_50);
    await pay("GBP", 600_00, "REFUND"); // net of refunds: 500.50 - 600.00 = -99.50
    await pay("GBP", 999_00, "BALANCE", "VOIDED");
    const { range } = parseReportQuery(new URL("http://x/?from=2026-01&to=2026-12"));
    const lines = (await reportCsv("revenue", range, "all")).trim().split("\r\n");
    expect(lines[0]).toBe("month,currency,measure,amount");
    expect(lines.slice(1).sort()).toEqual(
      ["2026-03,GBP,paid,-99.50", "2026-03,JPY,paid,12500", "2026-03,KWD,paid,1.234"].sort(),
    );
  });
});

describe("finance's payments CSV", () => {
  it("writes decimal amounts in each currency's digits, and a voided payment with its cancellation note", async () => {
    const { kase, finance, paid } = await withTransfer();
    const { voidNumber } = await voidPayment(paid.id, finance, "Wrong case");
    await db.payment.create({
      data: {
        caseId: kase.id,
        kind: "BALANCE",
        status: "SUCCEEDED",
        method: "CASH",
        amountMinor: 1_234,
        currency: "KWD",
        reference: "=HYPERLINK(1)",
      },
    });
    const lines = (await paymentsCsv()).trim().split("\r\n");
    const header = lines[0]!.split(",");
    expect(header).toContain("amount");
    expect(header.at(-1)).toBe("cancellation_note");
    const cells = (line: string) =>
      Object.fromEntries(line.split(",").map((v, i) => [header[i], v]));
    const voided = cells(lines.find((l) => l.includes(paid.receiptNumber))!);
    expect(voided).toMatchObject({
      status: "VOIDED",
      amount: "100.00",
      currency: "GBP",
      cancellation_note: voidNumber,
    });
    const kwd = cells(lines.find((l) => l.includes("KWD"))!);
    expect(kwd).toMatchObject({ amount: "1.234", reference: "'=HYPERLINK(1)" });
  });
});

describe("money in what staff read of the audit trail", () => {
  it("shows every amount an audit row holds as money in the reader's language, and a void's reason", async () => {
    const { kase, finance, paid } = await withTransfer();
    const cash = await recordManualPayment(kase.id, finance, {
      kind: "BALANCE",
      method: "CASH",
      amountMinor: 250_50,
      reference: "CASH-2",
    });
    await refundPayment(cash.id, finance, { amountMinor: 12_34, reason: "r", reference: "B-2" });
    await voidPayment(paid.id, finance, "Recorded on the wrong case");
    const rows = await db.auditLog.findMany({ where: { caseId: kase.id } });
    // Each row whose machine text holds an amount in minor units (digits, then a currency).
    const withMoney = rows.filter((r) => r.detail && /\b\d+ [A-Z]{3}\b/.test(r.detail));
    const actions = new Set(withMoney.map((r) => r.action));
    for (const a of ["payment.record", "payment.refund", "payment.void", "quote.issue"]) {
      expect(actions, a).toContain(a);
    }
    for (const lng of ["de", "ar", "en"]) {
      const t = getFixedT(lng, ["common", "stages", "finance", "portal"]);
      for (const r of withMoney) {
        const shown = auditDetailText(t, r.action, r.detail, lng);
        const [, minor, currency] = r.detail!.match(/\b(\d+) ([A-Z]{3})\b/)!;
        expect(shown, `${lng} ${r.action}: ${r.detail}`).toContain(
          formatMoney(Number(minor), currency!, lng),
        );
        expect(shown, `${lng} ${r.action}`).not.toMatch(/\b\d+ [A-Z]{3}\b/);
      }
    }
    const voided = withMoney.find((r) => r.action === "payment.void")!;
    const t = getFixedT("de", ["common"]);
    expect(auditDetailText(t, voided.action, voided.detail, "de")).toContain(
      t("audit.details.reason", { reason: "Recorded on the wrong case" }),
    );
    // A void written before the reason was kept still reads as money.
    expect(auditDetailText(t, "payment.void", "RC-1 by CN-1: 10000 GBP", "de")).toBe(
      t("audit.details.void", {
        receipt: "RC-1",
        note: "CN-1",
        amount: formatMoney(10000, "GBP", "de"),
      }),
    );
  });
});
