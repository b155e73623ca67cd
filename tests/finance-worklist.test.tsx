/**
 * Finance's worklist (issue 22, ADR 029): each section's rules (quotes to issue, quotes expiring
 * and lapsed, deposits and balances due with their overdue boundaries in the clinic's zone,
 * payments to reconcile), that the page finance reads carries no health data, and that the
 * number of statements does not grow with the rows.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { clientResources } from "~/i18n/i18n.server";
import {
  balanceDueAt,
  DEPOSIT_DUE_DAYS,
  depositDueAt,
  isOverdue,
  quotePosition,
  WORKLIST_PAGE_SIZE,
} from "~/lib/finance-worklist";
import { recordManualPayment } from "~/models/finance/payments.server";
import { issueQuote, startDraft } from "~/models/finance/quotes.server";
import { financeWorklist, worklistRows } from "~/models/finance/worklist.server";
import FinancePage, { loader } from "~/routes/staff.finance._index";
import { resetDatabase } from "./support/db";
import { acceptedCase, eligibleCase } from "./support/finance";
import { call, cookieFor } from "./support/requests";

beforeEach(resetDatabase);

const ZONE = "Europe/Istanbul"; // the clinic's zone in the tests (UTC+3, no summer time)
const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe("due dates, in the clinic's days", () => {
  it("makes the deposit due at the end of the day DEPOSIT_DUE_DAYS after acceptance, in the clinic's zone", () => {
    expect(DEPOSIT_DUE_DAYS).toBe(7);
    // Accepted at 23:59 on 10 January in Istanbul (20:59 UTC): due by the end of 17 January there.
    const late = depositDueAt(at("2027-01-10T20:59:00Z"), ZONE);
    expect(late.toISOString()).toBe("2027-01-17T21:00:00.000Z");
    // One minute later it is 11 January in Istanbul, though still the 10th in UTC: a day later.
    const next = depositDueAt(at("2027-01-10T21:00:00Z"), ZONE);
    expect(next.toISOString()).toBe("2027-01-18T21:00:00.000Z");
    // Overdue from the clinic's midnight on, not a second before.
    expect(isOverdue(late, new Date(late.getTime() - 1))).toBe(false);
    expect(isOverdue(late, late)).toBe(true);
    expect(isOverdue(null, at("2099-01-01T00:00:00Z"))).toBe(false);
  });

  it("makes the balance due the quote's days before the first treatment day, in the clinic's zone", () => {
    // 09:00 on 1 March in Istanbul; 14 days before is 15 February, overdue from its end there.
    expect(balanceDueAt(at("2027-03-01T06:00:00Z"), 14, ZONE)!.toISOString()).toBe(
      "2027-02-15T21:00:00.000Z",
    );
    // 01:30 on 1 March in Istanbul is still 28 February in UTC: the clinic's day counts.
    expect(balanceDueAt(at("2027-02-28T22:30:00Z"), 14, ZONE)!.toISOString()).toBe(
      "2027-02-15T21:00:00.000Z",
    );
    expect(balanceDueAt(null, 14, ZONE)).toBeNull();
  });

  it("places a case by its quote versions", () => {
    const now = at("2027-01-10T12:00:00Z");
    const v = (version: number, status: string, validUntil: string | null = null) => ({
      version,
      status,
      validUntil: validUntil ? at(validUntil) : null,
    });
    expect(quotePosition([], now)).toEqual({ section: "quotes", state: "none" });
    expect(quotePosition([v(1, "DRAFT")], now)).toEqual({ section: "quotes", state: "draft" });
    expect(quotePosition([v(1, "DECLINED", "2027-02-01T23:59:59Z")], now)).toEqual({
      section: "quotes",
      state: "declined",
    });
    expect(quotePosition([v(1, "ISSUED", "2027-02-01T23:59:59Z")], now)).toBeNull();
    expect(quotePosition([v(1, "ISSUED", "2027-01-16T23:59:59Z")], now)).toMatchObject({
      section: "expiring",
      state: "expiring",
    });
    expect(quotePosition([v(1, "ISSUED", "2027-01-09T23:59:59Z")], now)).toMatchObject({
      section: "expiring",
      state: "expired",
    });
    // An older lapsed version behind a declined one: the declined one is what is out.
    expect(
      quotePosition(
        [v(1, "EXPIRED", "2027-01-01T23:59:59Z"), v(2, "DECLINED", "2027-02-01T23:59:59Z")],
        now,
      ),
    ).toEqual({ section: "quotes", state: "declined" });
    expect(quotePosition([v(1, "ACCEPTED", "2027-01-01T23:59:59Z")], now)).toBeNull();
  });
});

describe("the sections", () => {
  it("lists an eligible case as 'quote needed' until a quote is issued, then as expiring near its date", async () => {
    const made = await eligibleCase();
    let rows = await worklistRows();
    expect(rows.quotes).toMatchObject([{ caseId: made.kase.id, state: "none", currency: "GBP" }]);
    const draft = await startDraft(made.kase.id, made.finance);
    rows = await worklistRows();
    expect(rows.quotes).toMatchObject([{ caseId: made.kase.id, state: "draft" }]);
    await issueQuote(draft.id, made.finance);
    rows = await worklistRows();
    expect(rows.quotes).toEqual([]);
    expect(rows.expiring).toEqual([]);
    const quote = await db.quote.findUniqueOrThrow({ where: { id: draft.id } });
    const validUntil = quote.validUntil!;
    // Three days before its last valid second: expiring; a minute after it: lapsed.
    rows = await worklistRows(new Date(validUntil.getTime() - 3 * DAY));
    expect(rows.expiring).toMatchObject([
      { caseId: made.kase.id, state: "expiring", version: 1, totalMinor: quote.totalMinor },
    ]);
    rows = await worklistRows(new Date(validUntil.getTime() + 60_000));
    expect(rows.expiring).toMatchObject([{ caseId: made.kase.id, state: "expired" }]);
    expect(rows.quotes).toEqual([]);
  });

  it("shows the deposit due from acceptance, overdue after its day, then the balance once it is paid", async () => {
    const made = await acceptedCase();
    const accepted = made.quote.acceptedAt!;
    const dueAt = depositDueAt(accepted, ZONE);
    let rows = await worklistRows(accepted);
    expect(rows.due).toMatchObject([
      {
        caseId: made.kase.id,
        kind: "DEPOSIT",
        amountMinor: made.quote.depositMinor,
        currency: "GBP",
        dueAt,
        overdue: false,
      },
    ]);
    rows = await worklistRows(new Date(dueAt.getTime() - 1));
    expect(rows.due[0]!.overdue).toBe(false);
    rows = await worklistRows(dueAt);
    expect(rows.due[0]!.overdue).toBe(true);

    await recordManualPayment(made.kase.id, made.finance, {
      kind: "DEPOSIT",
      method: "BANK_TRANSFER",
      amountMinor: made.quote.depositMinor,
      reference: "BANK-1",
    });
    rows = await worklistRows();
    // The balance has no date until treatment is booked.
    expect(rows.due).toMatchObject([
      {
        kind: "BALANCE",
        amountMinor: made.quote.totalMinor - made.quote.depositMinor,
        dueAt: null,
        overdue: false,
      },
    ]);
    const first = at("2027-03-01T06:00:00Z");
    await db.appointment.createMany({
      data: [
        // The consultation and a cancelled step do not count as the first treatment day.
        {
          caseId: made.kase.id,
          kind: "CONSULTATION",
          title: "Video",
          startsAt: at("2027-02-01T06:00:00Z"),
          endsAt: at("2027-02-01T06:30:00Z"),
        },
        {
          caseId: made.kase.id,
          title: "Cancelled",
          status: "CANCELLED",
          startsAt: at("2027-02-10T06:00:00Z"),
          endsAt: at("2027-02-10T07:00:00Z"),
        },
        {
          caseId: made.kase.id,
          title: "Workup",
          startsAt: first,
          endsAt: at("2027-03-01T08:00:00Z"),
        },
      ],
    });
    rows = await worklistRows(at("2027-02-15T20:59:59Z"));
    expect(rows.due).toMatchObject([
      {
        kind: "BALANCE",
        dueAt: balanceDueAt(first, made.quote.balanceDueDays, ZONE),
        overdue: false,
      },
    ]);
    rows = await worklistRows(at("2027-02-15T21:00:00Z"));
    expect(rows.due[0]!.overdue).toBe(true);

    await recordManualPayment(made.kase.id, made.finance, {
      kind: "BALANCE",
      method: "BANK_TRANSFER",
      amountMinor: made.quote.totalMinor - made.quote.depositMinor,
      reference: "BANK-2",
    });
    expect((await worklistRows()).due).toEqual([]);
  });

  it("lists payments to reconcile: excess until refunded, a failed refund until another is made, a cancelled case holding money", async () => {
    const made = await acceptedCase();
    await db.payment.create({
      data: {
        caseId: made.kase.id,
        kind: "DEPOSIT",
        status: "SUCCEEDED",
        method: "STRIPE",
        amountMinor: 500_00,
        currency: "GBP",
        excessMinor: 500_00,
        receiptNumber: "RC-2026-000009",
        paidAt: new Date(),
      },
    });
    const paid = await db.payment.findFirstOrThrow({ where: { receiptNumber: "RC-2026-000009" } });
    let rows = await worklistRows();
    expect(rows.reconcile).toMatchObject([
      { kind: "excess", amountMinor: 500_00, receiptNumber: "RC-2026-000009" },
    ]);
    // A failed refund of the excess: the excess is still open, and the failure is listed too.
    const failed = await db.payment.create({
      data: {
        caseId: made.kase.id,
        kind: "REFUND",
        status: "FAILED",
        method: "STRIPE",
        amountMinor: 500_00,
        currency: "GBP",
        refundOfId: paid.id,
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    rows = await worklistRows();
    expect(rows.reconcile.map((r) => r.kind).sort()).toEqual(["excess", "refundFailed"]);
    // A later refund that went through settles both.
    await db.payment.create({
      data: {
        caseId: made.kase.id,
        kind: "REFUND",
        status: "SUCCEEDED",
        method: "STRIPE",
        amountMinor: 500_00,
        currency: "GBP",
        refundOfId: paid.id,
        receiptNumber: "CN-2026-000001",
        paidAt: new Date(),
      },
    });
    rows = await worklistRows();
    expect(rows.reconcile).toEqual([]);
    expect(failed.id).toBeTruthy();

    // A refund pending for longer than its days.
    await db.payment.create({
      data: {
        caseId: made.kase.id,
        kind: "REFUND",
        status: "PENDING",
        method: "STRIPE",
        amountMinor: 10_00,
        currency: "GBP",
        refundOfId: paid.id,
        createdAt: new Date(Date.now() - 11 * DAY),
      },
    });
    expect((await worklistRows()).reconcile).toMatchObject([
      { kind: "refundPending", amountMinor: 10_00 },
    ]);
  });

  it("lists a cancelled case holding money with no refund made", async () => {
    const made = await acceptedCase();
    await recordManualPayment(made.kase.id, made.finance, {
      kind: "DEPOSIT",
      method: "CASH",
      amountMinor: made.quote.depositMinor,
      reference: "CASH-1",
    });
    await db.case.update({
      where: { id: made.kase.id },
      data: { stage: "CANCELLED", stageChangedAt: new Date() },
    });
    const rows = await worklistRows();
    expect(rows.due).toEqual([]);
    expect(rows.reconcile).toMatchObject([
      { kind: "cancelledHeld", caseId: made.kase.id, amountMinor: made.quote.depositMinor },
    ]);
  });
});

/** Cases eligible for a quote, written straight to the tables. */
async function manyEligible(n: number, programmeId: string) {
  await db.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `wp${i}`,
      email: `wp${i}@example.com`,
      name: `Patient ${i}`,
      role: "PATIENT",
    })),
  });
  await db.case.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `wc${i}`,
      number: `MT-2026-9${String(i).padStart(5, "0")}`,
      stage: "MEDICAL_REVIEW",
      eligibility: "ELIGIBLE",
      patientId: `wp${i}`,
      programmeId,
      language: "en",
      timeZone: "Europe/Berlin",
    })),
  });
}

it("pages each section and counts all of it", async () => {
  const made = await eligibleCase();
  await manyEligible(WORKLIST_PAGE_SIZE + 3, made.programme.id);
  const first = await financeWorklist();
  expect(first.counts.quotes).toBe(WORKLIST_PAGE_SIZE + 4);
  expect(first.quotes.rows).toHaveLength(WORKLIST_PAGE_SIZE);
  expect(first.quotes.pages).toBe(2);
  const second = await financeWorklist({ quotes: 2 });
  expect(second.quotes.rows).toHaveLength(4);
  // A page past the end shows the last one.
  expect((await financeWorklist({ quotes: 99 })).quotes.page).toBe(2);
});

it("runs the same number of statements for one row as for many (no N+1)", async () => {
  interface Seen {
    sql: string;
  }
  const capture = async (run: () => Promise<unknown>) => {
    const seen: Seen[] = [];
    let on = true;
    (db as unknown as { $on(e: "query", cb: (e: { query: string }) => void): void }).$on(
      "query",
      (e) => {
        if (on) seen.push({ sql: e.query });
      },
    );
    await run();
    on = false;
    return seen;
  };
  const made = await acceptedCase();
  await recordManualPayment(made.kase.id, made.finance, {
    kind: "DEPOSIT",
    method: "CASH",
    amountMinor: made.quote.depositMinor,
    reference: "CASH-1",
  });
  // One row in each section's query, then many: Prisma skips a relation's statement when its
  // parent read found nothing, so both counts are taken with rows present.
  await manyEligible(1, made.programme.id);
  await db.payment.create({
    data: {
      caseId: made.kase.id,
      kind: "BALANCE",
      status: "SUCCEEDED",
      method: "STRIPE",
      amountMinor: 1_00,
      currency: "GBP",
      excessMinor: 1_00,
      paidAt: new Date(),
    },
  });
  const few = await capture(() => financeWorklist());
  expect((await financeWorklist()).counts).toMatchObject({ quotes: 1, due: 1, reconcile: 1 });
  await db.case.deleteMany({ where: { id: "wc0" } });
  await db.user.deleteMany({ where: { id: "wp0" } });
  await manyEligible(40, made.programme.id);
  const more = await acceptedCase("EUR");
  await db.payment.create({
    data: {
      caseId: more.kase.id,
      kind: "DEPOSIT",
      status: "SUCCEEDED",
      method: "STRIPE",
      amountMinor: 100_00,
      currency: "EUR",
      excessMinor: 100_00,
      paidAt: new Date(),
    },
  });
  const many = await capture(() => financeWorklist());
  const sizes = await financeWorklist();
  expect(sizes.counts.quotes).toBe(40);
  expect(sizes.counts.due).toBe(2);
  expect(sizes.counts.reconcile).toBe(2);
  expect(many.length).toBe(few.length);
  expect(few.length).toBeGreaterThan(5);
  expect(few.length).toBeLessThan(30);
});

describe("the page finance reads", () => {
  async function renderPage(userId: string) {
    const cookie = await cookieFor(userId);
    const res = await call(loader, { path: "/staff/finance", cookie });
    expect(res.status).toBe(200);
    // As Remix sends it: JSON.
    const data = JSON.parse(JSON.stringify(res.data)) as Record<string, unknown>;
    const handler = createStaticHandler([
      { id: "finance", path: "/staff/finance", loader: () => data, Component: FinancePage },
    ]);
    const context = await handler.query(new Request("http://localhost/staff/finance"));
    if (context instanceof Response) throw new Error("unexpected response");
    const router = createStaticRouter(handler.dataRoutes, context);
    const i18n = createClientI18n("en", clientResources("en"));
    return {
      data: JSON.stringify(data),
      html: renderToStaticMarkup(
        <I18nextProvider i18n={i18n}>
          <StaticRouterProvider router={router} context={context} hydrate={false} />
        </I18nextProvider>,
      ),
    };
  }

  it("shows the counts and each section's rows, with no health data of the cases listed", async () => {
    const made = await eligibleCase();
    await db.case.update({
      where: { id: made.kase.id },
      data: {
        redFlagCount: 2,
        conditionSummary: "Lupus nephritis class IV HEALTHMARK",
        eligibilityReason: "Clinician's reasoning HEALTHMARK",
      },
    });
    const enquiry = await db.enquiry.create({
      data: {
        caseId: made.kase.id,
        programmeId: made.programme.id,
        locale: "ru",
        diagnosis: "SLE diagnosed HEALTHMARK",
        medication: "Hydroxychloroquine HEALTHMARK",
      },
    });
    await db.enquiryAnswer.create({
      data: {
        enquiryId: enquiry.id,
        questionId: "activeInfection",
        value: "yes HEALTHMARK",
        redFlag: true,
      },
    });
    const accepted = await acceptedCase();
    const { html, data } = await renderPage(made.staff.finance.id);
    expect(html).toContain("Quotes to issue");
    expect(html).toContain(made.kase.number);
    expect(html).toContain(accepted.kase.number);
    expect(html).toContain(`/staff/cases/${made.kase.id}/quote`);
    expect(html).toContain("No quote yet");
    // The deposit, in the quote's currency (pounds), with its due date.
    expect(html).toMatch(/£[\d,]+\.\d\d/);
    expect(html).toContain("<time");
    for (const text of [html, data]) {
      expect(text).not.toContain("HEALTHMARK");
      expect(text).not.toContain("Lupus nephritis");
      expect(text).not.toContain("Hydroxychloroquine");
    }
    // Every read of the worklist is audited.
    expect(
      await db.auditLog.count({
        where: { actorId: made.staff.finance.id, action: "finance.dashboard" },
      }),
    ).toBe(1);
  });
});
