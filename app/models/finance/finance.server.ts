/**
 * Finance reads: the quote, receipt and cancellation-note PDFs (scoped to the patient, or to
 * staff; issued ones served as frozen, ADR 020), the
 * dashboard (quotes by status, money in and out per currency, outstanding balances), the CSV
 * export of payments, and the price list with its exchange rates.
 */
import { csvCell as cell } from "~/lib/csv";
import { db } from "~/db.server";
import { baseCurrency, clinicSettings } from "~/models/site/clinic-settings.server";
import { balanceOf } from "~/lib/ledger";
import { isRate, isTaxRule, minorToInput } from "~/lib/money";
import { audit, changeDetail } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { notFound } from "~/models/auth/auth.server";
import { quotePdf } from "~/models/finance/finance-pdf.server";
import {
  freezeCancellation,
  freezeQuote,
  freezeReceipt,
  frozenOrNow,
  issuedPdfBytes,
} from "~/models/finance/issued.server";
import { openExcessOf } from "~/models/finance/payments.server";
import { pdfResponse } from "~/infra/pdf.server";
import { QUOTE_VIEW } from "~/models/finance/quotes.server";
import { clinicOnDocuments } from "~/models/site/clinic-documents.server";

type Scope = { caseId: string; patientId?: string };

async function caseFor(scope: Scope) {
  const kase = await db.case.findFirst({
    where: { id: scope.caseId, ...(scope.patientId ? { patientId: scope.patientId } : {}) },
    select: {
      id: true,
      number: true,
      language: true,
      patient: { select: { name: true } },
      programme: { select: { name: true, translations: true } },
    },
  });
  if (!kase) notFound();
  return kase;
}

/**
 * A quote version as a PDF, in `locale` or, without one, in the language it was issued in
 * (the case's: what the patient reads). An issued version is served as frozen when it was
 * issued, the same bytes every time (ADR 020); only a draft (staff only) is set afresh. A
 * patient's scope never reaches a draft or another patient's case.
 */
export async function quotePdfResponse(
  scope: Scope,
  quoteId: string,
  locale: string | undefined,
  timeZone: string,
) {
  const kase = await caseFor(scope);
  const quote = await db.quote.findFirst({
    // A patient never sees a draft.
    where: {
      id: quoteId,
      caseId: kase.id,
      ...(scope.patientId ? { status: { not: "DRAFT" } } : {}),
    },
    select: QUOTE_VIEW,
  });
  if (!quote) notFound();
  if (quote.status === "DRAFT") {
    const language = locale ?? kase.language;
    const body = await quotePdf(
      quote,
      {
        number: kase.number,
        patientName: kase.patient.name,
        programmeName: kase.programme.name,
        clinic: await clinicOnDocuments(),
        programmeTexts: kase.programme.translations,
      },
      language,
      timeZone,
    );
    return pdfResponse(body, `${kase.number}-quote-v${quote.version}-draft-${language}.pdf`);
  }
  const issued = await frozenOrNow("QUOTE", quote.id, (tx) => freezeQuote(tx, quote.id));
  const pdf = await issuedPdfBytes(issued, locale);
  return pdfResponse(pdf.bytes, `${kase.number}-quote-v${quote.version}-${pdf.locale}.pdf`);
}

/**
 * A receipt or credit note as a PDF (or, with `document: "cancellation"`, the cancellation
 * note of a voided one), in `locale` or, without one, in the language it was issued in:
 * the bytes stored when it was first served, set from what was frozen at issue (ADR 020).
 */
export async function receiptPdfResponse(
  scope: Scope,
  paymentId: string,
  locale: string | undefined,
  document: "receipt" | "cancellation" = "receipt",
) {
  const kase = await caseFor(scope);
  const payment = await db.payment.findFirst({
    where: { id: paymentId, caseId: kase.id, receiptNumber: { not: null } },
    select: { id: true, kind: true, receiptNumber: true, paidAt: true, voidNumber: true },
  });
  if (!payment?.receiptNumber || !payment.paidAt) notFound();
  if (document === "cancellation") {
    if (!payment.voidNumber) notFound();
    const issued = await frozenOrNow("CANCELLATION_NOTE", payment.id, (tx) =>
      freezeCancellation(tx, payment.id),
    );
    const pdf = await issuedPdfBytes(issued, locale);
    return pdfResponse(pdf.bytes, `${payment.voidNumber}-${pdf.locale}.pdf`);
  }
  const kind = payment.kind === "REFUND" ? "CREDIT_NOTE" : "RECEIPT";
  const issued = await frozenOrNow(kind, payment.id, (tx) => freezeReceipt(tx, payment.id));
  const pdf = await issuedPdfBytes(issued, locale);
  return pdfResponse(pdf.bytes, `${payment.receiptNumber}-${pdf.locale}.pdf`);
}

export async function auditFinanceRead(
  actor: { id: string; ip?: string | null },
  action: string,
  entity: string,
  entityId: string | null,
  caseId: string | null,
) {
  await audit({
    actorId: actor.id,
    action,
    entity,
    entityId,
    caseId,
    ip: actor.ip,
    outcome: "success",
  });
}

interface Sum {
  currency: string;
  amountMinor: number;
  count: number;
}

function sums(rows: { currency: string; amountMinor: number }[]): Sum[] {
  const by = new Map<string, Sum>();
  for (const r of rows) {
    const s = by.get(r.currency) ?? { currency: r.currency, amountMinor: 0, count: 0 };
    s.amountMinor += r.amountMinor;
    s.count += 1;
    by.set(r.currency, s);
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export async function financeDashboard() {
  const [byStatus, succeeded, accepted, recent, overpaid] = await Promise.all([
    db.quote.groupBy({ by: ["status"], _count: { _all: true } }),
    db.payment.findMany({
      where: { status: "SUCCEEDED" },
      select: { kind: true, currency: true, amountMinor: true },
    }),
    db.quote.findMany({
      where: { status: "ACCEPTED", case: { stage: { notIn: ["CANCELLED"] } } },
      select: {
        totalMinor: true,
        depositMinor: true,
        currency: true,
        case: {
          select: {
            id: true,
            number: true,
            stage: true,
            patient: { select: { name: true } },
            payments: {
              select: { id: true, kind: true, status: true, amountMinor: true, refundOfId: true },
            },
          },
        },
      },
    }),
    db.payment.findMany({
      where: { status: { in: ["SUCCEEDED", "PENDING"] } },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        kind: true,
        method: true,
        status: true,
        amountMinor: true,
        currency: true,
        receiptNumber: true,
        paidAt: true,
        createdAt: true,
        case: { select: { id: true, number: true } },
      },
    }),
    // Money beyond what was due (e.g. a deposit paid twice), until it is refunded.
    db.payment.findMany({
      where: { excessMinor: { not: null }, status: "SUCCEEDED" },
      orderBy: { paidAt: "desc" },
      take: 50,
      select: {
        id: true,
        excessMinor: true,
        currency: true,
        receiptNumber: true,
        case: { select: { id: true, number: true } },
        refunds: { select: { kind: true, status: true, amountMinor: true, refundOfId: true } },
      },
    }),
  ]);
  const excess = overpaid
    .map((p) => ({
      paymentId: p.id,
      caseId: p.case.id,
      number: p.case.number,
      receiptNumber: p.receiptNumber,
      currency: p.currency,
      openMinor: openExcessOf(p, p.refunds),
    }))
    .filter((p) => p.openMinor > 0);
  const outstanding = accepted
    .map((q) => ({
      caseId: q.case.id,
      number: q.case.number,
      patient: q.case.patient.name,
      stage: q.case.stage,
      currency: q.currency,
      totalMinor: q.totalMinor,
      ...balanceOf(q, q.case.payments),
    }))
    .filter((r) => r.outstandingMinor > 0)
    .sort((a, b) => a.number.localeCompare(b.number));
  return {
    quotesByStatus: byStatus
      .map((s) => ({ status: s.status, count: s._count._all }))
      .sort((a, b) => a.status.localeCompare(b.status)),
    received: sums(succeeded.filter((p) => p.kind !== "REFUND")),
    refunds: sums(succeeded.filter((p) => p.kind === "REFUND")),
    outstanding,
    recent,
    excess,
  };
}

/**
 * Every payment and refund, oldest first, amounts as decimals in their currency's digits; a
 * voided payment with its status and its cancellation note's number.
 */
export async function paymentsCsv(): Promise<string> {
  const rows = await db.payment.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      createdAt: true,
      paidAt: true,
      receiptNumber: true,
      kind: true,
      method: true,
      status: true,
      amountMinor: true,
      currency: true,
      reference: true,
      stripeSessionId: true,
      stripeRefundId: true,
      voidNumber: true,
      refundOf: { select: { receiptNumber: true } },
      case: { select: { number: true, patient: { select: { name: true } } } },
    },
  });
  const header = [
    "created_at",
    "paid_at",
    "receipt_number",
    "case_number",
    "patient",
    "kind",
    "method",
    "status",
    "amount",
    "currency",
    "reference",
    "refund_of",
    "stripe_id",
    "cancellation_note",
  ];
  const lines = rows.map((r) =>
    [
      r.createdAt.toISOString(),
      r.paidAt?.toISOString() ?? "",
      r.receiptNumber,
      r.case.number,
      r.case.patient.name,
      r.kind,
      r.method,
      r.status,
      minorToInput(r.amountMinor, r.currency),
      r.currency,
      r.reference,
      r.refundOf?.receiptNumber,
      r.stripeRefundId ?? r.stripeSessionId,
      r.voidNumber,
    ]
      .map(cell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}

export async function priceListPage(programmeId: string | null) {
  const programmes = await db.programme.findMany({
    orderBy: { position: "asc" },
    select: { id: true, name: true, slug: true, translations: true },
  });
  const chosen = programmes.find((p) => p.id === programmeId) ?? programmes[0] ?? null;
  const [items, rates] = await Promise.all([
    chosen
      ? db.priceItem.findMany({ where: { programmeId: chosen.id }, orderBy: { position: "asc" } })
      : [],
    db.exchangeRate.findMany({ orderBy: { currency: "asc" } }),
  ]);
  const base = baseCurrency();
  return {
    programmes,
    chosen,
    items,
    base,
    rates: clinicSettings()
      .quoteCurrencies.filter((c) => c !== base)
      .map((c) => {
        const row = rates.find((r) => r.currency === c);
        return { currency: c, rate: row?.rate ?? "", updatedAt: row?.updatedAt ?? null };
      }),
  };
}

/** A refused price-list change; `key` is an i18n key (finance), `field` the field it concerns. */
export class PriceListError extends Error {
  constructor(
    public readonly code: "not_found" | "state",
    public readonly key: string,
    public readonly field?: string,
  ) {
    super(`Price list refused: ${code} (${key})`);
    this.name = "PriceListError";
  }
}

export interface PriceItemInput {
  id: string;
  name: string;
  unitPriceMinor: number;
  taxRule: string;
  defaultQuantity: number;
  includedByDefault: boolean;
  active: boolean;
}

export type NewPriceItemInput = Omit<PriceItemInput, "id"> & {
  key: string;
  category: string;
  unit: string;
};

/**
 * Saves the price list of a programme, and adds the new item if one was typed (its key must be
 * new to the programme). Items of other programmes are left alone. `formKey` is the key of the
 * form that asked, spent with the change. Issued quotes keep their own copies of every price,
 * so nothing they say changes.
 */
export async function savePriceItems(
  programmeId: string,
  items: PriceItemInput[],
  added: NewPriceItemInput | null,
  actor: { id: string; ip?: string | null },
  formKey?: SentForm,
) {
  await db.$transaction(async (tx) => {
    if (formKey !== undefined) await spendFormKey(tx, formKey, actor.id);
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { id: true },
    });
    if (!programme) throw new PriceListError("not_found", "errors.notFound");
    if (added) {
      const taken = await tx.priceItem.findFirst({
        where: { programmeId, key: added.key },
        select: { id: true },
      });
      if (taken) throw new PriceListError("state", "staff.errors.key", "new.key");
    }
    const stored = new Map(
      (
        await tx.priceItem.findMany({
          where: { programmeId, id: { in: items.map((i) => i.id) } },
          select: {
            id: true,
            name: true,
            unitPriceMinor: true,
            taxRule: true,
            defaultQuantity: true,
            includedByDefault: true,
            active: true,
          },
        })
      ).map(({ id, ...row }) => [id, row]),
    );
    for (const item of items) {
      const before = stored.get(item.id);
      if (!before || !isTaxRule(item.taxRule)) continue;
      const after = {
        name: item.name,
        unitPriceMinor: item.unitPriceMinor,
        taxRule: item.taxRule,
        defaultQuantity: item.defaultQuantity,
        includedByDefault: item.includedByDefault,
        active: item.active,
      };
      // Each item changed is its own audit entry, with before and after; unchanged ones none.
      const detail = changeDetail(before, after);
      if (detail === null) continue;
      await tx.priceItem.update({ where: { id: item.id }, data: after });
      await audit(
        {
          actorId: actor.id,
          action: before.active && !after.active ? "price.item.retire" : "price.item.edit",
          entity: "PriceItem",
          entityId: item.id,
          ip: actor.ip,
          outcome: "success",
          detail,
        },
        tx,
      );
    }
    if (added) {
      const last = await tx.priceItem.findFirst({
        where: { programmeId },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      const row = await tx.priceItem.create({
        data: {
          programmeId,
          key: added.key,
          name: added.name,
          category: added.category,
          unit: added.unit,
          unitPriceMinor: added.unitPriceMinor,
          currency: baseCurrency(),
          taxRule: added.taxRule,
          defaultQuantity: added.defaultQuantity,
          includedByDefault: added.includedByDefault,
          active: added.active,
          position: (last?.position ?? 0) + 1,
        },
      });
      await audit(
        {
          actorId: actor.id,
          action: "price.item.create",
          entity: "PriceItem",
          entityId: row.id,
          ip: actor.ip,
          outcome: "success",
          detail: changeDetail(null, { programmeId, ...added }),
        },
        tx,
      );
    }
  });
}

export async function saveRates(
  rates: { currency: string; rate: string }[],
  actor: { id: string; ip?: string | null },
) {
  await db.$transaction(async (tx) => {
    for (const r of rates) {
      if (!isRate(r.rate)) continue;
      await tx.exchangeRate.upsert({
        where: { currency: r.currency },
        create: { currency: r.currency, rate: r.rate, updatedById: actor.id },
        update: { rate: r.rate, updatedById: actor.id },
      });
    }
    await audit(
      {
        actorId: actor.id,
        action: "rate.edit",
        entity: "ExchangeRate",
        ip: actor.ip,
        outcome: "success",
        detail: rates.map((r) => `${r.currency}=${r.rate}`).join(" "),
      },
      tx,
    );
  });
}

/** The currency the price list is kept in (the clinic's settings). */
export { baseCurrency };
