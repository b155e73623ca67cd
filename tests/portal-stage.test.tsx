/**
 * The patient's pages say what is true at the case's stage, through the real loaders and
 * actions, and the case page's cards rendered from what its loader returns:
 * - a patient whose deposit is paid is not told appointments come "once the deposit is paid";
 * - a scheduled patient is not asked when treatment should start (and cannot set it);
 * - a not-eligible patient sees no quote, appointment or travel card, and cannot upload a
 *   passport; a cancelled case offers no deposit to pay.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { CaseSummary } from "~/components/portal/case-summary";
import { JourneyCards } from "~/components/portal/journey";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { getFixedT } from "~/i18n/i18n.server";
import { resources } from "~/i18n/resources";
import type { PatientCase } from "~/models/cases/portal.server";
import { loader as caseLoader } from "~/routes/portal.cases.$caseId";
import {
  action as appointmentsAction,
  loader as appointmentsLoader,
} from "~/routes/portal.cases.$caseId_.appointments";
import { loader as quoteLoader } from "~/routes/portal.cases.$caseId_.quote";
import {
  action as travelAction,
  loader as travelLoader,
} from "~/routes/portal.cases.$caseId_.travel";
import { newFormKey } from "~/infra/forms.server";
import { resetDatabase } from "./support/db";
import { createCase } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

beforeEach(async () => {
  await resetDatabase();
});

const t = getFixedT("en", ["portal", "travel", "finance"]);

type Setup = {
  stage: string;
  eligibility?: string;
  quote?: "ISSUED" | "ACCEPTED";
  deposit?: boolean;
  treatment?: boolean;
};

/** A case at `stage` with the facts named, and its patient's cookie. */
async function caseAt(setup: Setup) {
  const made = await createCase();
  const id = made.kase.id;
  await db.case.update({
    where: { id },
    data: { stage: setup.stage, eligibility: setup.eligibility ?? "ELIGIBLE" },
  });
  if (setup.quote) {
    await db.quote.create({
      data: {
        caseId: id,
        version: 1,
        status: setup.quote,
        currency: "EUR",
        totalMinor: 1_000_000,
        validUntil: new Date(Date.now() + 30 * 86_400_000),
      },
    });
  }
  if (setup.deposit) {
    await db.payment.create({
      data: {
        caseId: id,
        kind: "DEPOSIT",
        status: "SUCCEEDED",
        method: "BANK_TRANSFER",
        amountMinor: 200_000,
        currency: "EUR",
      },
    });
  }
  if (setup.treatment) {
    const at = new Date(Date.now() + 20 * 86_400_000);
    await db.appointment.create({
      data: {
        caseId: id,
        kind: "TREATMENT",
        status: "BOOKED",
        title: "Infusion",
        startsAt: at,
        endsAt: new Date(at.getTime() + 3_600_000),
      },
    });
  }
  return { id, cookie: await cookieFor(made.patient.id) };
}

/** The case page's summary and cards, rendered from its loader's data as the page does. */
async function casePage(id: string, cookie: string) {
  const outcome = await call(caseLoader, {
    path: `/portal/cases/${id}`,
    params: { caseId: id },
    cookie,
  });
  expect(outcome.status).toBe(200);
  const { kase } = outcome.data as { kase: PatientCase };
  const i18n = createClientI18n("en", resources.en);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouter location={`/portal/cases/${id}`}>
        <CaseSummary
          kase={kase}
          stage={kase.view.stage}
          programmeName="Programme"
          timeZone="Europe/Berlin"
        />
        <JourneyCards kase={kase} timeZone="Europe/Berlin" clinicTimeZone="Europe/Istanbul" />
      </StaticRouter>
    </I18nextProvider>,
  );
}

/** Text as the HTML renderer escapes it. */
const html = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

describe("the case page follows the stage", () => {
  it("does not tell a patient whose deposit is paid that appointments follow the deposit", async () => {
    const paid = await caseAt({ stage: "DEPOSIT_PAID", quote: "ACCEPTED", deposit: true });
    const page = await casePage(paid.id, paid.cookie);
    expect(page).not.toContain(html(t("sections.appointmentsEmpty")));
    expect(page).toContain(html(t("sections.appointmentsBooking")));
    expect(page).toContain(html(t("next.DEPOSIT_PAID")));

    // Before the deposit the sentence is true, and shown.
    const unpaid = await caseAt({ stage: "QUOTE_ACCEPTED", quote: "ACCEPTED" });
    expect(await casePage(unpaid.id, unpaid.cookie)).toContain(
      html(t("sections.appointmentsEmpty")),
    );
  });

  it("shows a not-eligible patient no quote, appointment or travel card", async () => {
    const refused = await caseAt({ stage: "NOT_ELIGIBLE", eligibility: "NOT_ELIGIBLE" });
    const page = await casePage(refused.id, refused.cookie);
    for (const heading of ["sections.quote", "sections.appointments", "sections.itinerary"]) {
      expect(page, heading).not.toContain(`>${html(t(heading))}</h2>`);
    }
    expect(page).not.toContain(`/portal/cases/${refused.id}/appointments`);
    expect(page).not.toContain(`/portal/cases/${refused.id}/travel`);
    expect(page).toContain(html(t("next.NOT_ELIGIBLE")));

    // The same page of a case on its way shows them.
    const going = await caseAt({ stage: "DEPOSIT_PAID", quote: "ACCEPTED", deposit: true });
    const other = await casePage(going.id, going.cookie);
    for (const heading of ["sections.quote", "sections.appointments", "sections.itinerary"]) {
      expect(other, heading).toContain(`>${html(t(heading))}</h2>`);
    }
  });
});

describe("the pages behind the case page follow the stage", () => {
  const windowForm = (week: string) => new URLSearchParams({ intent: "window", week });
  const nextMonday = () => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7);
    return d.toISOString().slice(0, 10);
  };

  it("does not ask a scheduled patient when treatment should start, nor take an answer", async () => {
    const scheduled = await caseAt({
      stage: "SCHEDULED",
      quote: "ACCEPTED",
      deposit: true,
      treatment: true,
    });
    const args = {
      path: `/portal/cases/${scheduled.id}/appointments`,
      params: { caseId: scheduled.id },
      cookie: scheduled.cookie,
    };
    const page = (await call(appointmentsLoader, args)).data as { canPickWindow: boolean };
    expect(page.canPickWindow).toBe(false);
    const refused = await call(appointmentsAction, { ...args, form: windowForm(nextMonday()) });
    expect(refused.status).toBe(400);
    expect(formReply(refused).errors[""]).toBe(t("travel:errors.stage"));
    const kase = await db.case.findUniqueOrThrow({ where: { id: scheduled.id } });
    expect(kase.treatmentWindowStart).toBeNull();

    // Before treatment is booked, the question is asked and the answer kept.
    const quoted = await caseAt({ stage: "QUOTED", quote: "ISSUED" });
    const quotedArgs = { ...args, params: { caseId: quoted.id }, cookie: quoted.cookie };
    const open = (await call(appointmentsLoader, quotedArgs)).data as { canPickWindow: boolean };
    expect(open.canPickWindow).toBe(true);
    const saved = await call(appointmentsAction, { ...quotedArgs, form: windowForm(nextMonday()) });
    expect(saved.status).toBe(200);
  });

  it("offers a cancelled case no deposit to pay, and an accepted one the deposit", async () => {
    const prompts = async (setup: Setup) => {
      const c = await caseAt(setup);
      const out = await call(quoteLoader, {
        path: `/portal/cases/${c.id}/quote`,
        params: { caseId: c.id },
        cookie: c.cookie,
      });
      return (out.data as { prompts: { payDeposit: boolean; answerQuote: boolean } }).prompts;
    };
    expect((await prompts({ stage: "CANCELLED", quote: "ACCEPTED" })).payDeposit).toBe(false);
    expect((await prompts({ stage: "QUOTE_ACCEPTED", quote: "ACCEPTED" })).payDeposit).toBe(true);
    expect((await prompts({ stage: "CANCELLED", quote: "ISSUED" })).answerQuote).toBe(false);
    expect((await prompts({ stage: "QUOTED", quote: "ISSUED" })).answerQuote).toBe(true);
  });

  it("takes no passport from a not-eligible case", async () => {
    const refused = await caseAt({ stage: "NOT_ELIGIBLE", eligibility: "NOT_ELIGIBLE" });
    const args = {
      path: `/portal/cases/${refused.id}/travel`,
      params: { caseId: refused.id },
      cookie: refused.cookie,
    };
    const page = (await call(travelLoader, args)).data as { prompts: { uploadPassport: boolean } };
    expect(page.prompts.uploadPassport).toBe(false);
    // A complete, valid form: refused for the stage alone.
    const form = new FormData();
    for (const [k, v] of Object.entries({
      kind: "PASSPORT",
      holderName: "IVAN IVANOV",
      nationality: "RU",
      documentNumber: "754812345",
      birthDate: "1980-01-01",
      expiresOn: "2035-01-01",
      _key: newFormKey(),
    }))
      form.set(k, v);
    form.set("file", new File(["scan"], "passport.png", { type: "image/png" }));
    const answer = await call(travelAction, { ...args, form });
    expect(answer.status).toBe(409);
    expect(formReply(answer).errors.file).toBe(t("travel:passport.errors.notNow"));
    expect(await db.document.count({ where: { caseId: refused.id } })).toBe(0);
  });
});
