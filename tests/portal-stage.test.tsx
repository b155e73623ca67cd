/**
 * The patient's pages say what is true at the case's stage, through the real loaders and
 * actions, and the case page's cards rendered from what its loader returns:
 * - a patient whose deposit is paid is not told appointments come "once the deposit is paid";
 * - a scheduled patient is not asked when treatment should start (and cannot set it);
 * - a not-eligible patient sees no quote, appointment or travel card, and cannot upload a
 *   passport; a cancelled case offers no deposit to pay;
 * - every page and document behind the case page opens exactly when the case page leads there:
 *   typed or kept URLs of a closed section go back to the case page (documents: not found);
 * - a cancelled case's progress line shows the steps it went through, then that it stopped.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { CaseSummary, CaseTimeline } from "~/components/portal/case-summary";
import { JourneyCards } from "~/components/portal/journey";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { getFixedT } from "~/i18n/i18n.server";
import { resources } from "~/i18n/resources";
import { formatDateTime, formatZone } from "~/lib/format";
import { PORTAL_SECTIONS, type PortalSection } from "~/lib/portal-view";
import type { PatientCase } from "~/models/cases/portal.server";
import { loader as caseLoader } from "~/routes/portal.cases.$caseId";
import {
  action as followUpAction,
  loader as followUpLoader,
} from "~/routes/portal.cases.$caseId_.aftercare.$followUpId";
import { loader as aftercareLoader } from "~/routes/portal.cases.$caseId_.aftercare._index";
import { loader as itineraryPdfLoader } from "~/routes/portal.cases.$caseId_.itinerary[.]pdf";
import { loader as calendarFileLoader } from "~/routes/portal.cases.$caseId_.appointments_.$appointmentId.calendar[.]ics";
import { loader as joinVideoLoader } from "~/routes/portal.cases.$caseId_.appointments_.$appointmentId.join";
import { action as quoteAction } from "~/routes/portal.cases.$caseId_.quote";
import { loader as quotePdfLoader } from "~/routes/portal.cases.$caseId_.quotes.$quoteId.pdf";
import { loader as receiptPdfLoader } from "~/routes/portal.cases.$caseId_.receipts.$paymentId.pdf";
import { loader as visaLetterLoader } from "~/routes/portal.cases.$caseId_.visa-letter[.]pdf";
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
  itinerary?: boolean;
  followUp?: boolean;
  /** The stages it went through before `stage`, as its timeline records them. */
  history?: string[];
};

let receipts = 0;

/** A case at `stage` with the facts named, and its patient's cookie. */
async function caseAt(setup: Setup) {
  const made = await createCase();
  const id = made.kase.id;
  await db.case.update({
    where: { id },
    data: { stage: setup.stage, eligibility: setup.eligibility ?? "ELIGIBLE" },
  });
  const ids = { quoteId: "none", paymentId: "none", followUpId: "none" };
  for (const toStage of setup.history ?? []) {
    await db.caseEvent.create({ data: { caseId: id, type: "STAGE_CHANGE", toStage } });
  }
  if (setup.quote) {
    ids.quoteId = (
      await db.quote.create({
        data: {
          caseId: id,
          version: 1,
          status: setup.quote,
          currency: "EUR",
          totalMinor: 1_000_000,
          validUntil: new Date(Date.now() + 30 * 86_400_000),
        },
      })
    ).id;
  }
  if (setup.deposit) {
    ids.paymentId = (
      await db.payment.create({
        data: {
          caseId: id,
          kind: "DEPOSIT",
          status: "SUCCEEDED",
          method: "BANK_TRANSFER",
          amountMinor: 200_000,
          currency: "EUR",
          receiptNumber: `RC-2026-${String(++receipts).padStart(6, "0")}`,
          paidAt: new Date(),
        },
      })
    ).id;
  }
  if (setup.itinerary) {
    await db.itineraryItem.create({
      data: {
        caseId: id,
        kind: "HOTEL",
        title: "Hotel",
        startsAt: new Date(Date.now() + 86_400_000),
      },
    });
  }
  if (setup.followUp) {
    ids.followUpId = (
      await db.followUp.create({
        data: { caseId: id, label: "P1M", dueAt: new Date(Date.now() + 30 * 86_400_000) },
      })
    ).id;
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
  return { id, ...ids, cookie: await cookieFor(made.patient.id) };
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

  it("takes no passport once the trip is over, though the travel page stays open", async () => {
    // After treatment the itinerary stays to read; a passport is no longer asked for. (A
    // not-eligible case has no travel page at all: below.)
    const refused = await caseAt({ stage: "AFTERCARE", itinerary: true });
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

type Made = Awaited<ReturnType<typeof caseAt>>;
type Route = (args: Parameters<typeof quoteLoader>[0]) => unknown;

/** Every page (loader and action) and document behind the case page, with its section. */
const SECTION_ROUTES: {
  section: PortalSection;
  name: string;
  fn: Route;
  post?: boolean;
  document?: boolean;
  path: (c: Made) => string;
  params?: (c: Made) => Record<string, string>;
}[] = [
  {
    section: "quote",
    name: "quote page",
    fn: quoteLoader,
    path: (c) => `/portal/cases/${c.id}/quote`,
  },
  {
    section: "quote",
    name: "quote answer",
    fn: quoteAction,
    post: true,
    path: (c) => `/portal/cases/${c.id}/quote`,
  },
  {
    section: "quote",
    name: "quote PDF",
    fn: quotePdfLoader,
    document: true,
    path: (c) => `/portal/cases/${c.id}/quotes/${c.quoteId}/pdf`,
    params: (c) => ({ quoteId: c.quoteId }),
  },
  {
    section: "quote",
    name: "receipt PDF",
    fn: receiptPdfLoader,
    document: true,
    path: (c) => `/portal/cases/${c.id}/receipts/${c.paymentId}/pdf`,
    params: (c) => ({ paymentId: c.paymentId }),
  },
  {
    section: "appointments",
    name: "appointments page",
    fn: appointmentsLoader,
    path: (c) => `/portal/cases/${c.id}/appointments`,
  },
  {
    section: "appointments",
    name: "booking",
    fn: appointmentsAction,
    post: true,
    path: (c) => `/portal/cases/${c.id}/appointments`,
  },
  {
    section: "appointments",
    name: "calendar file",
    fn: calendarFileLoader,
    document: true,
    path: (c) => `/portal/cases/${c.id}/appointments/none/calendar.ics`,
    params: () => ({ appointmentId: "none" }),
  },
  {
    section: "appointments",
    name: "video consultation join",
    fn: joinVideoLoader,
    path: (c) => `/portal/cases/${c.id}/appointments/none/join`,
    params: () => ({ appointmentId: "none" }),
  },
  {
    section: "travel",
    name: "travel page",
    fn: travelLoader,
    path: (c) => `/portal/cases/${c.id}/travel`,
  },
  {
    section: "travel",
    name: "passport upload",
    fn: travelAction,
    post: true,
    path: (c) => `/portal/cases/${c.id}/travel`,
  },
  {
    section: "travel",
    name: "itinerary PDF",
    fn: itineraryPdfLoader,
    document: true,
    path: (c) => `/portal/cases/${c.id}/itinerary.pdf`,
  },
  {
    section: "travel",
    name: "visa letter",
    fn: visaLetterLoader,
    document: true,
    path: (c) => `/portal/cases/${c.id}/visa-letter.pdf`,
  },
  {
    section: "aftercare",
    name: "aftercare page",
    fn: aftercareLoader,
    path: (c) => `/portal/cases/${c.id}/aftercare`,
  },
  {
    section: "aftercare",
    name: "follow-up page",
    fn: followUpLoader,
    path: (c) => `/portal/cases/${c.id}/aftercare/${c.followUpId}`,
    params: (c) => ({ followUpId: c.followUpId }),
  },
  {
    section: "aftercare",
    name: "follow-up answer",
    fn: followUpAction,
    post: true,
    path: (c) => `/portal/cases/${c.id}/aftercare/${c.followUpId}`,
    params: (c) => ({ followUpId: c.followUpId }),
  },
];

async function open(c: Made, r: (typeof SECTION_ROUTES)[number]) {
  return call(r.fn, {
    path: r.path(c),
    params: { caseId: c.id, ...r.params?.(c) },
    cookie: c.cookie,
    form: r.post ? new URLSearchParams({ intent: "nothing" }) : undefined,
  });
}

/** The sections the case page links to. */
async function linkedSections(c: Made) {
  const page = await casePage(c.id, c.cookie);
  return PORTAL_SECTIONS.filter((s) => page.includes(`href="/portal/cases/${c.id}/${s}"`));
}

/** Each route is closed (back to the case page, or 404 for a document) or let through. */
async function expectClosed(c: Made, closed: readonly PortalSection[]) {
  for (const r of SECTION_ROUTES) {
    const out = await open(c, r);
    const what = `${r.name} (${r.section})`;
    if (closed.includes(r.section)) {
      if (r.document) expect(out.status, what).toBe(404);
      else {
        expect(out.status, what).toBe(302);
        expect(out.response?.headers.get("Location"), what).toBe(`/portal/cases/${c.id}`);
      }
    } else if (!Object.values(r.params?.(c) ?? {}).includes("none")) {
      // (A document the case does not have is not found, open or not.)
      expect([302, 404], what).not.toContain(out.status);
    }
  }
}

/** The route files behind the case page that SECTION_ROUTES covers; a new one must join it. */
const COVERED_FILES = [
  "portal.cases.$caseId_.aftercare.$followUpId.tsx",
  "portal.cases.$caseId_.aftercare._index.tsx",
  "portal.cases.$caseId_.appointments.tsx",
  "portal.cases.$caseId_.appointments_.$appointmentId.calendar[.]ics.ts",
  "portal.cases.$caseId_.appointments_.$appointmentId.join.tsx",
  "portal.cases.$caseId_.itinerary[.]pdf.ts",
  "portal.cases.$caseId_.quote.tsx",
  "portal.cases.$caseId_.quotes.$quoteId.pdf.ts",
  "portal.cases.$caseId_.receipts.$paymentId.pdf.ts",
  "portal.cases.$caseId_.travel.tsx",
  "portal.cases.$caseId_.visa-letter[.]pdf.ts",
];

/**
 * Issue 25: the procedure consent has its own rule, not a stage section: its page opens while
 * a version waits to be signed or once something was signed (exactly when the case page leads
 * there), and a signed PDF stays the patient's own record. tests/consent.test.ts walks both.
 */
const OWN_RULE_FILES = [
  "portal.cases.$caseId_.consent.tsx",
  "portal.cases.$caseId_.consents.$consentId.pdf.ts",
  // The handover pack's downloads: found only once the case has a pack (made on entering
  // aftercare), and never for another's case; tests/handover.test.ts walks both.
  "portal.cases.$caseId_.handover[.]json.ts",
  "portal.cases.$caseId_.handover[.]pdf.ts",
];

describe("the pages behind the case page open only where the case page leads", () => {
  it("covers every route file behind the case page", async () => {
    const { readdirSync } = await import("node:fs");
    const files = readdirSync("app/routes").filter((f) => f.startsWith("portal.cases.$caseId_."));
    expect(files.sort()).toEqual([...COVERED_FILES, ...OWN_RULE_FILES].sort());
  });

  it("sends a not-eligible patient from every section's URL back to the case page", async () => {
    // Whatever records it holds, a refused case has no quote, booking or trip to open.
    const refused = await caseAt({
      stage: "NOT_ELIGIBLE",
      eligibility: "NOT_ELIGIBLE",
      quote: "ISSUED",
      deposit: true,
      treatment: true,
      itinerary: true,
    });
    await expectClosed(refused, PORTAL_SECTIONS);
    expect(await linkedSections(refused)).toEqual([]);
    // Nothing was written by the refused posts.
    expect(await db.document.count({ where: { caseId: refused.id } })).toBe(0);
    expect(await db.appointment.count({ where: { caseId: refused.id } })).toBe(1);
  });

  it("keeps a cancelled case's quote and receipts, and nothing that was never there", async () => {
    const empty = await caseAt({ stage: "CANCELLED" });
    await expectClosed(empty, PORTAL_SECTIONS);
    expect(await linkedSections(empty)).toEqual([]);

    const paid = await caseAt({ stage: "CANCELLED", quote: "ACCEPTED", deposit: true });
    await expectClosed(paid, ["appointments", "travel", "aftercare"]);
    expect(await linkedSections(paid)).toEqual(["quote"]);
    const pdf = await open(
      paid,
      SECTION_ROUTES.find((r) => r.name === "receipt PDF")!,
    );
    expect(pdf.status).not.toBe(404);
  });

  it("opens every section of a case on its way, as its case page links them", async () => {
    const ready = await caseAt({
      stage: "TRAVEL_READY",
      quote: "ACCEPTED",
      deposit: true,
      treatment: true,
      itinerary: true,
      followUp: true,
    });
    await expectClosed(ready, []);
    expect(await linkedSections(ready)).toEqual([...PORTAL_SECTIONS]);

    // Asked for a passport, the accepted patient is led to the travel page, and it opens.
    const accepted = await caseAt({ stage: "QUOTE_ACCEPTED", quote: "ACCEPTED" });
    expect(await linkedSections(accepted)).toEqual(["quote", "appointments", "travel"]);
    await expectClosed(accepted, ["aftercare"]);
  });
});

describe("the progress line", () => {
  it("shows a cancelled case the steps it went through and that it was cancelled", async () => {
    const cancelled = await caseAt({
      stage: "CANCELLED",
      quote: "ACCEPTED",
      history: ["MEDICAL_REVIEW", "QUOTED", "QUOTE_ACCEPTED", "CANCELLED"],
    });
    const page = await casePage(cancelled.id, cancelled.cookie);
    const line = page.slice(page.indexOf('<ol class="progress"'));
    const steps = [
      ...line.slice(0, line.indexOf("</ol>")).matchAll(/<li class="([^"]+)"[^>]*>.*?<\/li>/g),
    ];
    const stage = (key: string) => html(t(`stages:stage.${key}`));
    expect(steps.map((m) => m[1])).toEqual(["done", "done", "done", "done", "current ended"]);
    const names = ["ENQUIRY", "MEDICAL_REVIEW", "QUOTED", "QUOTE_ACCEPTED", "CANCELLED"];
    steps.forEach((m, i) => expect(m[0]).toContain(stage(names[i]!)));
    // No step it never reached is on the line, and the current step is where it stopped.
    expect(line).not.toContain(stage("DEPOSIT_PAID"));
    expect(steps.at(-1)![0]).toContain('aria-current="step"');
  });
});

describe("an enquiry whose first reply is late", () => {
  it("tells the patient the clinic is late and when to expect the reply", async () => {
    const late = await caseAt({ stage: "ENQUIRY", eligibility: "PENDING" });
    const due = new Date(Date.now() - 2 * 3_600_000);
    await db.case.update({ where: { id: late.id }, data: { firstResponseDueAt: due } });
    const page = await casePage(late.id, late.cookie);
    expect(page).not.toContain(html(t("next.ENQUIRY")));
    const expectBy = new Date(due.getTime() + 24 * 3_600_000);
    const zone = "Europe/Berlin";
    expect(page).toContain(
      html(
        t("next.ENQUIRY_late", {
          due: formatDateTime(due, "en", zone),
          by: formatDateTime(expectBy, "en", zone),
        }),
      ),
    );

    // On time, the on-time sentence.
    const onTime = await caseAt({ stage: "ENQUIRY", eligibility: "PENDING" });
    await db.case.update({
      where: { id: onTime.id },
      data: { firstResponseDueAt: new Date(Date.now() + 3_600_000) },
    });
    expect(await casePage(onTime.id, onTime.cookie)).toContain(html(t("next.ENQUIRY")));
  });
});

describe("the case timeline", () => {
  it("says once which clock its times are on, in the reader's language", () => {
    const kase = {
      events: [{ id: "e1", type: "ENQUIRY_RECEIVED", toStage: null, createdAt: new Date() }],
    } as unknown as PatientCase;
    const i18n = createClientI18n("ar", resources.ar);
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <CaseTimeline kase={kase} timeZone="Asia/Qatar" />
      </I18nextProvider>,
    );
    const zone = formatZone("Asia/Qatar", "ar");
    expect(zone).not.toMatch(/Qatar|Doha/);
    expect(html).toContain(
      getFixedT("ar", "portal")("case.timelineZone", { zone: `\u2068${zone}\u2069` }),
    );
  });
});
