/**
 * Quote versions through the model, then through the finance pages and the portal: a draft
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
import { getFixedT } from "~/i18n/i18n.server";
import { newFormKey } from "~/infra/forms.server";
import { FORM_REPEAT_MINUTES } from "~/lib/forms";
import { formatMoney } from "~/lib/format";
import { action as patientQuote } from "~/routes/portal.cases.$caseId_.quote";
import {
  action as staffQuote,
  loader as staffQuoteLoader,
} from "~/routes/staff.cases.$caseId_.quote";
import { action as pricesAction } from "~/routes/staff.finance.prices";
import { resetDatabase } from "./support/db";
import { call, cookieFor, formReply } from "./support/requests";
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

describe("the quote pages", () => {
  const de = getFixedT("de", ["finance", "common"]);
  const ru = getFixedT("ru", ["finance", "common"]);

  async function staffPost(
    made: Awaited<ReturnType<typeof eligibleCase>>,
    fields: Record<string, string>,
    userId = made.staff.finance.id,
  ) {
    return call(staffQuote, {
      path: `/staff/cases/${made.kase.id}/quote`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(userId),
      form: new URLSearchParams(fields),
    });
  }

  it("issues through the editor in one step, and a refused issue keeps nothing of the edit", async () => {
    const made = await eligibleCase();
    const start = await staffPost(made, { intent: "start", _key: newFormKey() });
    expect(start.status).toBe(200);
    const draft = await db.quote.findFirstOrThrow({
      where: { caseId: made.kase.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    const editor = (over: Record<string, string>) => {
      const fields: Record<string, string> = {
        _key: newFormKey(),
        quoteId: draft.id,
        currency: "GBP",
        depositPercent: "20",
        balanceDueDays: "14",
        validUntil: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
      };
      draft.lines.forEach((l, i) => {
        Object.assign(fields, {
          [`lines[${i}].name`]: l.name,
          [`lines[${i}].quantity`]: String(l.quantity),
          [`lines[${i}].unitPrice`]: (l.unitPriceMinor / 100).toFixed(2),
          [`lines[${i}].taxRule`]: l.taxRule,
        });
      });
      return staffPost(made, { ...fields, ...over });
    };
    // No line included: the issue is refused, and the note typed with it is not kept either.
    const empty = await editor({ intent: "issue", note: "Not kept" });
    expect(empty.status).toBe(409);
    expect(formReply(empty)).toMatchObject({
      form: "draft",
      errors: { "": de("quoteErrors.empty") },
    });
    expect(await db.quote.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: "DRAFT",
      note: null,
    });
    // A coordinator may look, not write.
    const looking = await staffPost(made, { intent: "start" }, made.staff.coordinator.id);
    expect(looking.status).toBe(403);

    const issued = await editor({ intent: "issue", "lines[0].included": "on", note: "Kept" });
    expect(issued.status).toBe(200);
    expect(formReply(issued).done).toBe(de("staff.issued"));
    expect(await db.quote.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: "ISSUED",
      note: "Kept",
    });
    const page = await call(staffQuoteLoader, {
      path: `/staff/cases/${made.kase.id}/quote`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.staff.finance.id),
    });
    expect(page.data).toMatchObject({ draft: null, versions: [{ version: 1, status: "ISSUED" }] });
    expect((page.data as { formKey: string }).formKey).toMatch(/^[0-9a-z]+-/);
  });

  it("lets the patient accept once with the terms, and ask a question once however often it is sent", async () => {
    const made = await eligibleCase();
    const draft = await startDraft(made.kase.id, made.finance);
    await issueQuote(draft.id, made.finance);
    const post = async (fields: Record<string, string>) =>
      call(patientQuote, {
        path: `/portal/cases/${made.kase.id}/quote`,
        params: { caseId: made.kase.id },
        cookie: await cookieFor(made.patient.id),
        form: new URLSearchParams(fields),
      });
    const noTerms = await post({ intent: "accept", _key: newFormKey(), quoteId: draft.id });
    expect(noTerms.status).toBe(400);
    expect(formReply(noTerms)).toMatchObject({
      form: "accept",
      errors: { terms: ru("errors.termsRequired") },
    });
    const noReason = await post({
      intent: "decline",
      _key: newFormKey(),
      quoteId: draft.id,
      reason: " \n ",
    });
    expect(formReply(noReason).errors).toEqual({ reason: ru("errors.reasonRequired") });

    // Accepting is signed (issue 25): the typed full name is required…
    const unsigned = await post({
      intent: "accept",
      _key: newFormKey(),
      quoteId: draft.id,
      terms: "yes",
      method: "TYPED",
    });
    expect(formReply(unsigned).errors).toEqual({ typedName: ru("portal:consent.errors.name") });
    const signed = { typedName: "Ivan Petrov", method: "TYPED" };
    const key = newFormKey();
    const accepted = await post({
      intent: "accept",
      _key: key,
      quoteId: draft.id,
      terms: "yes",
      ...signed,
    });
    expect(accepted.status).toBe(200);
    expect(formReply(accepted).done).toBe(ru("portal.acceptedFlash"));
    // …and the signed acceptance is kept once, with its PDF.
    const signatures = await db.signedConsent.findMany({ where: { caseId: made.kase.id } });
    expect(signatures).toMatchObject([
      { kind: "QUOTE", quoteId: draft.id, typedName: "Ivan Petrov" },
    ]);
    const twice = await post({
      intent: "accept",
      _key: key,
      quoteId: draft.id,
      terms: "yes",
      ...signed,
    });
    expect(twice.status).toBe(409);
    // Said at the top of the page: the form itself is gone once the quote is accepted.
    expect(formReply(twice)).toMatchObject({
      form: "page",
      errors: { "": ru("common:form.duplicate") },
    });
    // The page opened again (a fresh key) and the same sent: a repeat (ADR 021)…
    const accept = () =>
      post({ intent: "accept", _key: newFormKey(), quoteId: draft.id, terms: "yes", ...signed });
    const again = await accept();
    expect(again.status).toBe(409);
    expect(formReply(again)).toMatchObject({
      form: "page",
      errors: { "": ru("common:form.repeat") },
    });
    // …and later on, the quote's own state: accepted already.
    await db.formSubmission.updateMany({
      data: { createdAt: new Date(Date.now() - (FORM_REPEAT_MINUTES + 1) * 60_000) },
    });
    expect(formReply(await accept())).toMatchObject({
      form: "page",
      errors: { "": ru("quoteErrors.alreadyAccepted") },
    });
    // Nothing signed twice, and no file left behind by the refused ones.
    expect(await db.signedConsent.count({ where: { caseId: made.kase.id } })).toBe(1);

    const asked = { intent: "question", _key: newFormKey(), body: "Is the hotel near the clinic?" };
    expect((await post(asked)).status).toBe(200);
    expect((await post(asked)).status).toBe(409);
    const questions = await db.caseEvent.count({
      where: { caseId: made.kase.id, type: "MESSAGE", body: asked.body },
    });
    expect(questions).toBe(1);
    const told = await db.outboxEmail.count({ where: { toEmail: made.staff.finance.email } });
    expect(told).toBeGreaterThan(0);
  });
});

describe("the price list page", () => {
  it("adds an item once, refuses a key in use beside the field, and shows the largest price", async () => {
    const made = await eligibleCase();
    const cookie = await cookieFor(made.staff.finance.id);
    const items = await db.priceItem.findMany({
      where: { programmeId: made.programme.id },
      orderBy: { position: "asc" },
    });
    const post = (over: Record<string, string>) => {
      const fields: Record<string, string> = {
        intent: "items",
        programmeId: made.programme.id,
        "new.key": "nurse",
        "new.name": "Private nurse",
        "new.price": "80",
      };
      items.forEach((item, i) => {
        Object.assign(fields, {
          [`items[${i}].id`]: item.id,
          [`items[${i}].name`]: item.name,
          [`items[${i}].price`]: (item.unitPriceMinor / 100).toFixed(2),
          [`items[${i}].quantity`]: String(item.defaultQuantity),
          [`items[${i}].active`]: "on",
        });
      });
      return call(pricesAction, {
        path: "/staff/finance/prices",
        cookie,
        form: new URLSearchParams({ ...fields, ...over }),
      });
    };
    const t = getFixedT("de", ["finance", "common"]);
    const tooDear = await post({ _key: newFormKey(), "new.price": "1000000.01" });
    expect(formReply(tooDear).errors).toEqual({
      "new.price": t("staff.errors.price", { max: formatMoney(1_000_000_00, "EUR", "de") }),
    });
    const key = newFormKey();
    const added = await post({ _key: key, "items[1].name": "Infusion (day unit)" });
    expect(added.status).toBe(200);
    expect(formReply(added).done).toBe(t("staff.itemSaved"));
    expect((await post({ _key: key })).status).toBe(409);
    const taken = await post({ _key: newFormKey() });
    expect(taken.status).toBe(409);
    expect(formReply(taken).errors).toEqual({ "new.key": t("staff.errors.key") });
    const after = await db.priceItem.findMany({ where: { programmeId: made.programme.id } });
    expect(after.filter((i) => i.key === "nurse")).toHaveLength(1);
    expect(after.find((i) => i.id === items[1]!.id)?.name).toBe("Infusion (day unit)");
  });
});
