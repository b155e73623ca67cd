/**
 * Quote versions through the model (the finance pages and the portal come next): a draft
 * from the price list, issued with its rate frozen (the case moves to QUOTED), revised as a
 * new version (the old one superseded and read-only), accepted once through the stage
 * function, and refused when superseded or expired.
 */
import { db } from "~/db.server";
import {
  acceptQuote,
  declineQuote,
  issueQuote,
  QuoteError,
  saveDraft,
  startDraft,
} from "~/models/finance/quotes.server";
import { resetDatabase } from "./support/db";
import { createCase } from "./support/factories";
import { eligibleCase } from "./support/finance";

beforeEach(resetDatabase);

describe("quote versions", () => {
  it("drafts from the price list in the patient's currency and issues with the rate frozen", async () => {
    const { kase, patient, finance, staff } = await eligibleCase();
    const draft = await startDraft(kase.id, finance);
    const q = await db.quote.findUniqueOrThrow({
      where: { id: draft.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    expect(q).toMatchObject({ version: 1, status: "DRAFT", currency: "GBP", fxRate: "0.8420" });
    // 1,800.00 € × 0.842 = £1,515.60; 3 × £1,684.00; 8 × £101.04 + 10 % VAT; the companion is listed, not included.
    expect(q.lines.map((l) => [l.itemKey, l.unitPriceMinor, l.totalMinor, l.included])).toEqual([
      ["workup", 1_515_60, 1_515_60, true],
      ["infusion", 1_684_00, 5_052_00, true],
      ["hotel-night", 101_04, 889_15, true],
      ["companion", 757_80, 757_80, false],
    ]);
    expect(q.totalMinor).toBe(1_515_60 + 5_052_00 + 889_15);
    expect(q.depositMinor).toBe(1_491_35); // 20 % of £7,456.75, rounded half up

    await issueQuote(draft.id, finance);
    const kaseAfter = await db.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(kaseAfter.stage).toBe("QUOTED");
    const mails = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    expect(mails.map((m) => [m.toEmail, m.locale]).sort()).toEqual(
      [
        [patient.email, "ru"],
        [staff.finance.email, "de"],
      ].sort(),
    );
    // A later change of the rate does not touch the issued version.
    await db.exchangeRate.update({ where: { currency: "GBP" }, data: { rate: "0.9000" } });
    expect((await db.quote.findUniqueOrThrow({ where: { id: draft.id } })).fxRate).toBe("0.8420");
    await expect(
      saveDraft(draft.id, finance, {
        currency: "GBP",
        depositBp: 2000,
        balanceDueDays: 14,
        validUntil: new Date(Date.now() + 86_400_000),
        note: null,
        lines: [],
      }),
    ).rejects.toThrow(QuoteError);
  });

  it("revises as a new version; the old one is superseded and cannot be accepted; the new one can, once", async () => {
    const { kase, patient, finance } = await eligibleCase();
    const v1 = await startDraft(kase.id, finance);
    await issueQuote(v1.id, finance);
    const v2 = await startDraft(kase.id, finance);
    const draft = await db.quote.findUniqueOrThrow({
      where: { id: v2.id },
      include: { lines: true },
    });
    expect(draft.version).toBe(2);
    await saveDraft(v2.id, finance, {
      currency: "GBP",
      depositBp: 3000,
      balanceDueDays: 7,
      validUntil: new Date(Date.now() + 10 * 86_400_000),
      note: "Fewer hotel nights",
      lines: draft.lines.map((l) => (l.itemKey === "hotel-night" ? { ...l, quantity: 6 } : l)),
    });
    await issueQuote(v2.id, finance);
    expect((await db.quote.findUniqueOrThrow({ where: { id: v1.id } })).status).toBe("SUPERSEDED");
    const revisedMail = await db.outboxEmail.findFirst({
      where: { toEmail: patient.email, template: "notice" },
    });
    expect(revisedMail?.locale).toBe("ru");

    await expect(acceptQuote(patient.id, kase.id, v1.id, "203.0.113.9")).rejects.toMatchObject({
      key: "quoteErrors.superseded",
    });
    await acceptQuote(patient.id, kase.id, v2.id, "203.0.113.9");
    const accepted = await db.quote.findUniqueOrThrow({ where: { id: v2.id } });
    expect(accepted).toMatchObject({
      status: "ACCEPTED",
      acceptedIp: "203.0.113.9",
      acceptedTermsVersion: "2026-11",
    });
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe(
      "QUOTE_ACCEPTED",
    );
    await expect(acceptQuote(patient.id, kase.id, v2.id, null)).rejects.toMatchObject({
      key: "quoteErrors.alreadyAccepted",
    });
  });

  it("refuses an expired version and another patient's quote; records a refusal with its reason", async () => {
    const { kase, patient, finance } = await eligibleCase();
    const v1 = await startDraft(kase.id, finance);
    await issueQuote(v1.id, finance);
    const stranger = await createCase();
    await expect(acceptQuote(stranger.patient.id, kase.id, v1.id, null)).rejects.toMatchObject({
      code: "not_found",
    });
    const later = new Date(Date.now() + 60 * 86_400_000);
    await expect(acceptQuote(patient.id, kase.id, v1.id, null, later)).rejects.toMatchObject({
      key: "quoteErrors.expired",
    });
    expect((await db.quote.findUniqueOrThrow({ where: { id: v1.id } })).status).toBe("EXPIRED");

    const v2 = await startDraft(kase.id, finance);
    await issueQuote(v2.id, finance);
    await declineQuote(patient.id, kase.id, v2.id, "Too expensive for us this year");
    expect(await db.quote.findUniqueOrThrow({ where: { id: v2.id } })).toMatchObject({
      status: "DECLINED",
      declineReason: "Too expensive for us this year",
    });
  });

  it("lets only finance draft, and only for an eligible case", async () => {
    const { kase, staff, finance } = await eligibleCase();
    await expect(
      startDraft(kase.id, { id: staff.coordinator.id, role: "COORDINATOR" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const other = await createCase();
    await expect(startDraft(other.kase.id, finance)).rejects.toMatchObject({
      key: "quoteErrors.notEligible",
    });
  });
});
