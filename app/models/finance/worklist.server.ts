/**
 * Finance's worklist (issue 22, ADR 029): quotes to issue, quotes expiring or lapsed, deposits
 * and balances due and overdue, and payments to reconcile. Finance reads it without health data
 * (ADR 016): what is selected here is the case's number, stage and currency, the patient's name,
 * and money; never answers, condition, red flags or the clinician's decision beyond canQuote().
 * A fixed number of statements whatever the number of rows (tests/finance-worklist.test.ts);
 * each section is paged.
 */
import { db } from "~/db.server";
import { balanceOf, openExcessOf } from "~/lib/ledger";
import {
  balanceDueAt,
  CANCELLED_REVIEW_DAYS,
  depositDueAt,
  isOverdue,
  quotePosition,
  REFUND_PENDING_ATTENTION_DAYS,
  slicePage,
  type WorklistSection,
} from "~/lib/finance-worklist";
import { QUOTABLE_STAGES } from "~/lib/stages";
import { clinicZone } from "~/models/site/clinic-settings.server";

const DAY_MS = 86_400_000;

const CASE_REF = {
  id: true,
  number: true,
  stage: true,
  currency: true,
  patient: { select: { name: true } },
} as const;

export interface WorklistCase {
  caseId: string;
  number: string;
  patient: string;
  stage: string;
}

export interface QuoteToIssue extends WorklistCase {
  currency: string;
  state: "none" | "draft" | "declined";
}

export interface QuoteExpiring extends WorklistCase {
  state: "expiring" | "expired";
  version: number;
  validUntil: Date;
  totalMinor: number;
  currency: string;
}

export interface MoneyDue extends WorklistCase {
  kind: "DEPOSIT" | "BALANCE";
  amountMinor: number;
  currency: string;
  /** The first instant it is overdue (the end of its due day in the clinic's zone); null: no date yet. */
  dueAt: Date | null;
  overdue: boolean;
}

export interface ToReconcile extends WorklistCase {
  kind: "excess" | "refundFailed" | "refundPending" | "cancelledHeld";
  paymentId: string | null;
  receiptNumber: string | null;
  amountMinor: number;
  currency: string;
  at: Date;
}

const caseOf = (c: {
  id: string;
  number: string;
  stage: string;
  patient: { name: string };
}): WorklistCase => ({ caseId: c.id, number: c.number, patient: c.patient.name, stage: c.stage });

/** Every row of every section, in its order, at `now`. */
export async function worklistRows(now = new Date()) {
  const zone = clinicZone();
  const [eligible, accepted, excess, failedRefunds, pendingRefunds, cancelled] = await Promise.all([
    // Eligible and quotable (canQuote()): the quotes to issue and the quotes out.
    db.case.findMany({
      where: { eligibility: "ELIGIBLE", stage: { in: [...QUOTABLE_STAGES] } },
      orderBy: { createdAt: "asc" },
      select: {
        ...CASE_REF,
        quotes: {
          where: { status: { not: "SUPERSEDED" } },
          select: {
            version: true,
            status: true,
            validUntil: true,
            totalMinor: true,
            currency: true,
          },
        },
      },
    }),
    // Accepted quotes of cases going ahead: the deposit, then the balance.
    db.quote.findMany({
      where: { status: "ACCEPTED", case: { stage: { not: "CANCELLED" } } },
      select: {
        currency: true,
        totalMinor: true,
        depositMinor: true,
        balanceDueDays: true,
        acceptedAt: true,
        case: {
          select: {
            ...CASE_REF,
            depositWaivedAt: true,
            payments: {
              select: { id: true, kind: true, status: true, amountMinor: true, refundOfId: true },
            },
            appointments: {
              where: { kind: { not: "CONSULTATION" }, status: { not: "CANCELLED" } },
              orderBy: { startsAt: "asc" },
              take: 1,
              select: { startsAt: true },
            },
          },
        },
      },
    }),
    // Money beyond what was due, until refunded.
    db.payment.findMany({
      where: { excessMinor: { not: null }, status: "SUCCEEDED" },
      select: {
        id: true,
        excessMinor: true,
        currency: true,
        receiptNumber: true,
        paidAt: true,
        createdAt: true,
        case: { select: CASE_REF },
        refunds: { select: { kind: true, status: true, amountMinor: true, refundOfId: true } },
      },
    }),
    // Refunds that failed, until a later refund of the same payment is made.
    db.payment.findMany({
      where: { kind: "REFUND", status: "FAILED" },
      select: {
        id: true,
        amountMinor: true,
        currency: true,
        receiptNumber: true,
        createdAt: true,
        updatedAt: true,
        case: { select: CASE_REF },
        refundOf: {
          select: { refunds: { select: { id: true, status: true, createdAt: true } } },
        },
      },
    }),
    // Refunds still on their way long after they were asked for.
    db.payment.findMany({
      where: {
        kind: "REFUND",
        status: "PENDING",
        createdAt: { lt: new Date(now.getTime() - REFUND_PENDING_ATTENTION_DAYS * DAY_MS) },
      },
      select: {
        id: true,
        amountMinor: true,
        currency: true,
        createdAt: true,
        case: { select: CASE_REF },
      },
    }),
    // Cancelled lately, money held, no refund made: refund it, or keep it by the terms.
    db.case.findMany({
      where: {
        stage: "CANCELLED",
        stageChangedAt: { gte: new Date(now.getTime() - CANCELLED_REVIEW_DAYS * DAY_MS) },
        payments: { some: { status: "SUCCEEDED", kind: { not: "REFUND" } } },
      },
      select: {
        ...CASE_REF,
        stageChangedAt: true,
        payments: {
          select: {
            id: true,
            kind: true,
            status: true,
            amountMinor: true,
            refundOfId: true,
            currency: true,
          },
        },
      },
    }),
  ]);

  const quotes: QuoteToIssue[] = [];
  const expiring: QuoteExpiring[] = [];
  for (const c of eligible) {
    const position = quotePosition(c.quotes, now);
    if (!position) continue;
    if (position.section === "quotes") {
      quotes.push({ ...caseOf(c), currency: c.currency, state: position.state });
    } else {
      const out = c.quotes.find((q) => q.version === position.version)!;
      expiring.push({
        ...caseOf(c),
        state: position.state,
        version: position.version,
        validUntil: position.validUntil,
        totalMinor: out.totalMinor,
        currency: out.currency,
      });
    }
  }
  // Lapsed first (oldest first), then the soonest to lapse.
  expiring.sort((a, b) => a.validUntil.getTime() - b.validUntil.getTime());

  const due: MoneyDue[] = [];
  for (const q of accepted) {
    const balance = balanceOf(q, q.case.payments);
    const ref = caseOf(q.case);
    if (q.case.stage === "QUOTE_ACCEPTED" && !q.case.depositWaivedAt) {
      if (balance.depositDueMinor <= 0) continue;
      const dueAt = q.acceptedAt ? depositDueAt(q.acceptedAt, zone) : null;
      due.push({
        ...ref,
        kind: "DEPOSIT",
        amountMinor: balance.depositDueMinor,
        currency: q.currency,
        dueAt,
        overdue: isOverdue(dueAt, now),
      });
    } else if (balance.outstandingMinor > 0) {
      const first = q.case.appointments[0]?.startsAt ?? null;
      const dueAt = balanceDueAt(first, q.balanceDueDays, zone);
      due.push({
        ...ref,
        kind: "BALANCE",
        amountMinor: balance.outstandingMinor,
        currency: q.currency,
        dueAt,
        overdue: isOverdue(dueAt, now),
      });
    }
  }
  // Soonest due first (overdue ones are the soonest); undated balances last, by case number.
  due.sort(
    (a, b) =>
      (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) ||
      a.number.localeCompare(b.number),
  );

  const reconcile: ToReconcile[] = [];
  for (const p of excess) {
    const open = openExcessOf(p, p.refunds);
    if (open <= 0) continue;
    reconcile.push({
      ...caseOf(p.case),
      kind: "excess",
      paymentId: p.id,
      receiptNumber: p.receiptNumber,
      amountMinor: open,
      currency: p.currency,
      at: p.paidAt ?? p.createdAt,
    });
  }
  for (const r of failedRefunds) {
    const later = r.refundOf?.refunds.some(
      (o) =>
        o.id !== r.id &&
        o.createdAt.getTime() > r.createdAt.getTime() &&
        (o.status === "SUCCEEDED" || o.status === "PENDING"),
    );
    if (later) continue;
    reconcile.push({
      ...caseOf(r.case),
      kind: "refundFailed",
      paymentId: r.id,
      receiptNumber: r.receiptNumber,
      amountMinor: r.amountMinor,
      currency: r.currency,
      at: r.updatedAt,
    });
  }
  for (const r of pendingRefunds) {
    reconcile.push({
      ...caseOf(r.case),
      kind: "refundPending",
      paymentId: r.id,
      receiptNumber: null,
      amountMinor: r.amountMinor,
      currency: r.currency,
      at: r.createdAt,
    });
  }
  for (const c of cancelled) {
    if (c.payments.some((p) => p.kind === "REFUND" && p.status !== "FAILED")) continue;
    const held = balanceOf(null, c.payments).netMinor;
    if (held <= 0) continue;
    reconcile.push({
      ...caseOf(c),
      kind: "cancelledHeld",
      paymentId: null,
      receiptNumber: null,
      amountMinor: held,
      currency: c.payments.find((p) => p.kind !== "REFUND")?.currency ?? c.currency,
      at: c.stageChangedAt,
    });
  }
  reconcile.sort((a, b) => a.at.getTime() - b.at.getTime());

  return { quotes, expiring, due, reconcile };
}

/** The worklist as the page shows it: counts per section, then one page of each. */
export async function financeWorklist(
  pages: Partial<Record<WorklistSection, number>> = {},
  now = new Date(),
) {
  const all = await worklistRows(now);
  return {
    counts: {
      quotes: all.quotes.length,
      expiring: all.expiring.length,
      expired: all.expiring.filter((r) => r.state === "expired").length,
      due: all.due.length,
      overdue: all.due.filter((r) => r.overdue).length,
      reconcile: all.reconcile.length,
    },
    quotes: slicePage(all.quotes, pages.quotes ?? 1),
    expiring: slicePage(all.expiring, pages.expiring ?? 1),
    due: slicePage(all.due, pages.due ?? 1),
    reconcile: slicePage(all.reconcile, pages.reconcile ?? 1),
  };
}
