/**
 * Bad input that used to answer 500 or be silently changed (issue 17.9), through the real
 * routes: a date far in the future in the address bar, a quote line beyond any real price,
 * an impossible calendar date. Each is answered with a clear message in the reader's
 * language, its bounds shown, and nothing stored.
 * (JSON and text bodies on every action are refused by the request guard, tested over HTTP
 * in tests/e2e/http-attacks.test.ts; a hostile redirectTo in app/lib/safe-redirect.test.ts.)
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formatMoney } from "~/lib/format";
import { newFormKey } from "~/infra/forms.server";
import { startDraft } from "~/models/finance/quotes.server";
import { loader as appointments } from "~/routes/portal.cases.$caseId_.appointments";
import { loader as schedule } from "~/routes/staff.cases.$caseId_.schedule";
import { action as quoteAction } from "~/routes/staff.cases.$caseId_.quote";
import { resetDatabase } from "../support/db";
import { eligibleCase } from "../support/finance";
import { call, cookieFor, formReply } from "../support/requests";

beforeEach(resetDatabase);

describe("dates in the address bar", () => {
  it.each(["9999-12-31", "2026-02-30", "0000-01-01", "-1", "2027-13-01", "x".repeat(500)])(
    "shows slots from a day within the booking horizon for ?from=%s",
    async (from) => {
      const { kase, patient, staff } = await eligibleCase();
      // Quoted: the appointments page is open to the patient (app/lib/portal-view.ts).
      await db.case.update({ where: { id: kase.id }, data: { stage: "QUOTED" } });
      const portal = await call(appointments, {
        path: `/portal/cases/${kase.id}/appointments?from=${encodeURIComponent(from)}`,
        params: { caseId: kase.id },
        cookie: await cookieFor(patient.id),
      });
      expect(portal.status).toBe(200);
      const { fromDay, nextDay } = portal.data as { fromDay: string; nextDay: string };
      expect(fromDay).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(nextDay).toMatch(/^20\d\d-\d\d-\d\d$/);
      const staffPage = await call(schedule, {
        path: `/staff/cases/${kase.id}/schedule?from=${encodeURIComponent(from)}`,
        params: { caseId: kase.id },
        cookie: await cookieFor(staff.coordinator.id),
      });
      expect(staffPage.status).toBe(200);
    },
  );
});

describe("the quote editor", () => {
  let made: Awaited<ReturnType<typeof eligibleCase>>;
  let draft: { id: string };
  beforeEach(async () => {
    made = await eligibleCase("EUR");
    draft = await startDraft(made.kase.id, made.finance);
  });

  async function draftForm(over: Record<string, string>) {
    const form = new URLSearchParams({
      intent: "draft",
      _key: newFormKey(),
      quoteId: draft.id,
      currency: "EUR",
      depositPercent: "30",
      balanceDueDays: "14",
      validUntil: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
      "new.name": "Private nurse",
      "new.quantity": "1",
      "new.unitPrice": "100",
      "new.discount": "0",
      "new.category": "OTHER",
      "new.unit": "ITEM",
      "new.taxRule": "EXEMPT",
      ...over,
    });
    const res = await call(quoteAction, {
      path: `/staff/cases/${made.kase.id}/quote`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.staff.finance.id),
      form,
      lang: "de",
    });
    const lines = await db.quoteLine.count({ where: { quoteId: draft.id, name: "Private nurse" } });
    return { res, lines };
  }

  it("refuses a line of 999 × 999,999,999,999.99 with the largest price it takes, and stores nothing", async () => {
    const { res, lines } = await draftForm({
      "new.quantity": "999",
      "new.unitPrice": "999999999999.99",
    });
    expect(res.status).toBe(400);
    const { errors } = formReply(res);
    expect(errors["new.unitPrice"]).toBe(
      getFixedT("de", "finance")("staff.errors.price", {
        max: formatMoney(1_000_000_00, "EUR", "de"),
      }),
    );
    expect(lines).toBe(0);
  });

  it("refuses 30 February instead of rolling it over to March, and says which days it takes", async () => {
    const { res } = await draftForm({ validUntil: "2026-02-30" });
    expect(res.status).toBe(400);
    const message = formReply(res).errors.validUntil!;
    expect(message).toMatch(/zwischen .+ und .+/);
    for (const bad of ["2027-13-01", "9999-12-31", "2020-01-01", "morgen"]) {
      const again = await draftForm({ validUntil: bad });
      expect(again.res.status, bad).toBe(400);
    }
  });

  it("adds the new line once when the same form is sent twice, and says so the second time", async () => {
    const _key = newFormKey();
    const first = await draftForm({ _key });
    expect(first.res.status).toBe(200);
    expect(formReply(first.res).done).toBe(getFixedT("de", "finance")("staff.saved"));
    const again = await draftForm({ _key });
    expect(again.res.status).toBe(409);
    expect(formReply(again.res).errors[""]).toBe(getFixedT("de", "common")("form.duplicate"));
    expect(again.lines).toBe(1);
  });

  it("takes the largest price it names", async () => {
    const { res, lines } = await draftForm({ "new.unitPrice": "1000000" });
    expect(res.status).toBe(200);
    expect(lines).toBe(1);
  });

  it("refuses amounts the database cannot hold (999 at the largest price), on every database", async () => {
    const { res, lines } = await draftForm({ "new.unitPrice": "1000000", "new.quantity": "999" });
    expect(res.status).toBe(409);
    expect(formReply(res).errors).toEqual({
      "": getFixedT("de", "finance")("quoteErrors.tooLarge"),
    });
    expect(lines).toBe(0);
  });
});
