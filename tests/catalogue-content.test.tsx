/**
 * Catalogue content in the patient's language (ADR 024): the database is the one source.
 * - A class test: no code in app/ looks up the retired "catalogue" i18n namespace, and the
 *   namespace is gone from the runtime (config, resources, locales/).
 * - Per entity (programme, pathway step, price item → quote line, resource), an Arabic or
 *   Persian reader gets the row's text in their language; a missing translation shows the
 *   English, marked lang="en" and isolated.
 * - A quote line takes its translations from its price item on the server, never from the
 *   editor's form; an issued version is a snapshot (ADR 020): editing the item's translations
 *   later changes neither its lines nor its PDF.
 */
import fs from "node:fs";
import path from "node:path";
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { LinesTable } from "~/components/quote";
import { TripTimeline, type EntryView } from "~/components/trip";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { CLIENT_NAMESPACES, NAMESPACES, type Locale } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import { rowText } from "~/lib/catalogue-text";
import { quotePdfResponse } from "~/models/finance/finance.server";
import { issueQuote, saveDraft, startDraft } from "~/models/finance/quotes.server";
import { BookingError } from "~/models/travel/booking.server";
import ProgrammePage, { loader as programmeLoader } from "~/routes/programmes.$slug";
import { seedSite } from "../prisma/seed-site";
import { resetDatabase } from "./support/db";
import { eligibleCase } from "./support/finance";
import { pdfText, plain, save } from "./support/pdf-text";

// ------------------------------------------------------------------ the retired namespace

/** A lookup in the "catalogue" namespace, in any of the forms i18next takes it. */
const CATALOGUE_LOOKUP = [
  /["'`]catalogue:(?!edit["'`])/, // t("catalogue:lupus-msc.name"), not the permission catalogue:edit
  /useTranslation\(\s*(\[[^\]]*)?["']catalogue["']/, // useTranslation(["site", "catalogue"])
  /getFixedT\([^)]*["']catalogue["']/, // getFixedT(locale, "catalogue")
  /\bns:\s*["']catalogue["']/, // t(key, { ns: "catalogue" })
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

describe("the catalogue namespace is retired", () => {
  it("the check recognises every form of lookup (it can fail)", () => {
    for (const code of [
      "t(`catalogue:${slug}.name`)",
      'useTranslation(["site", "catalogue"])',
      'const c = getFixedT(locale, "catalogue");',
      't("name", { ns: "catalogue" })',
    ]) {
      expect(CATALOGUE_LOOKUP.some((re) => re.test(code))).toBe(true);
    }
    expect(CATALOGUE_LOOKUP.some((re) => re.test("listCatalogue(); // the catalogue"))).toBe(false);
    expect(CATALOGUE_LOOKUP.some((re) => re.test('can(user, "catalogue:edit")'))).toBe(false);
  });

  it("no code in app/ looks text up in it: catalogue text comes from the rows", () => {
    const offenders = sourceFiles("app").flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          CATALOGUE_LOOKUP.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });

  it("is not loaded at runtime: not a namespace, not in the resources, not in locales/", () => {
    expect(NAMESPACES as readonly string[]).not.toContain("catalogue");
    expect(CLIENT_NAMESPACES as readonly string[]).not.toContain("catalogue");
    for (const [lng, bundle] of Object.entries(resources)) {
      expect(Object.keys(bundle), lng).not.toContain("catalogue");
      expect(fs.existsSync(`locales/${lng}/catalogue.json`), lng).toBe(false);
    }
  });
});

// ------------------------------------------------------------------ rendering helpers

function withI18n(lng: Locale, node: React.ReactNode) {
  const i18n = createClientI18n(lng, resources[lng]);
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

async function renderRoute(lng: Locale, url: string, Page: ComponentType, loader: () => unknown) {
  const handler = createStaticHandler([
    { id: "page", path: "*", loader: async () => loader(), Component: Page },
  ]);
  const context = await handler.query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error(`loader answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return withI18n(lng, <StaticRouterProvider router={router} context={context} hydrate={false} />);
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/'/g, "&#x27;");
/** The English fallback, as the page must mark it. */
const markedEnglish = (english: string) => `<bdi lang="en" dir="auto">${escape(english)}</bdi>`;

beforeEach(resetDatabase);

// ------------------------------------------------------------------ programme and steps

describe("a programme and its pathway steps", () => {
  it("read in Persian where translated; English, marked, where not", async () => {
    await seedSite(db);
    const programme = await db.programme.create({
      data: {
        slug: "lupus-test",
        name: "MSC therapy for lupus (SLE)",
        condition: "Systemic lupus erythematosus",
        summary: "A clinician-led pathway.",
        translations: JSON.stringify({
          fa: {
            name: "درمان با سلول‌های بنیادی مزانشیمی برای لوپوس",
            condition: "لوپوس اریتماتوز سیستمیک",
            summary: "مسیری ساختاریافته زیر نظر پزشک.",
          },
        }),
        steps: {
          create: [
            {
              position: 1,
              key: "workup",
              name: "Comprehensive workup",
              description: "Tests and imaging.",
              translations: JSON.stringify({
                fa: { name: "ارزیابی جامع", description: "آزمایش‌ها و تصویربرداری." },
              }),
            },
            // Not translated yet: Persian readers see the English, marked as English.
            { position: 2, key: "infusion", name: "Intravenous infusions", description: "IV." },
          ],
        },
      },
    });
    const page = (lng: Locale) =>
      renderRoute(lng, `/programmes/${programme.slug}`, ProgrammePage, () =>
        programmeLoader({
          params: { slug: programme.slug },
          request: new Request("http://localhost/"),
          context: {},
        }),
      );

    const fa = await page("fa");
    expect(fa).toContain("<h1>درمان با سلول‌های بنیادی مزانشیمی برای لوپوس</h1>");
    expect(fa).toContain("لوپوس اریتماتوز سیستمیک");
    expect(fa).toContain("ارزیابی جامع");
    expect(fa).toContain(markedEnglish("Intravenous infusions"));
    expect(fa).toContain(markedEnglish("IV."));
    expect(fa).not.toContain(markedEnglish("Comprehensive workup"));

    // Arabic has no text for this programme: all of it falls back, marked.
    const ar = await page("ar");
    expect(ar).toContain(`<h1>${markedEnglish("MSC therapy for lupus (SLE)")}</h1>`);
    expect(ar).toContain(markedEnglish("Comprehensive workup"));

    // English readers read the row's own columns, unmarked.
    const en = await page("en");
    expect(en).toContain("<h1>MSC therapy for lupus (SLE)</h1>");
    expect(en).not.toContain('lang="en"');
  });
});

// ------------------------------------------------------------------ quote lines

const LINE = {
  itemKey: "workup",
  category: "WORKUP",
  unit: "ITEM",
  included: true,
  quantity: 1,
  unitPriceMinor: 100_00,
  discountBp: 0,
  taxRule: "EXEMPT",
  totalMinor: 100_00,
};

describe("quote lines", () => {
  it("show the line's name in Arabic; a line without one shows its English, marked", () => {
    const html = withI18n(
      "ar",
      <LinesTable
        caption="Lines"
        currency="EUR"
        lines={[
          {
            ...LINE,
            id: "l1",
            grossMinor: 100_00,
            discountMinor: 0,
            taxMinor: 0,
            name: "Rheumatology workup and tests",
            translations: JSON.stringify({ ar: { name: "تقييم روماتيزمي وفحوصات" } }),
          },
          {
            ...LINE,
            id: "l2",
            grossMinor: 100_00,
            discountMinor: 0,
            taxMinor: 0,
            itemKey: null,
            name: "Extra night",
            translations: "{}",
          },
        ]}
      />,
    );
    expect(html).toContain("تقييم روماتيزمي وفحوصات");
    expect(html).not.toContain("Rheumatology workup and tests");
    expect(html).toContain(markedEnglish("Extra night"));
  });

  it("take their translations from the price item on the server, never from the form", async () => {
    const { kase, finance, programme } = await eligibleCase();
    await db.priceItem.update({
      where: { programmeId_key: { programmeId: programme.id, key: "workup" } },
      data: {
        translations: JSON.stringify({ fa: { name: "ارزیابی" }, ru: { name: "Обследование" } }),
      },
    });
    const draft = await startDraft(kase.id, finance);
    const started = await db.quoteLine.findMany({
      where: { quoteId: draft.id },
      orderBy: { position: "asc" },
    });
    expect(JSON.parse(started[0]!.translations)).toEqual({
      fa: { name: "ارزیابی" },
      ru: { name: "Обследование" },
    });

    // The editor sends the lines back; whatever "translations" a crafted form carries is
    // dropped, the item's are looked up again, and a hand-typed line gets none.
    const sent = started.map((l) => ({
      ...l,
      translations: JSON.stringify({ fa: { name: "FORGED" } }),
    }));
    await saveDraft(draft.id, finance, {
      currency: "GBP",
      depositBp: 2000,
      balanceDueDays: 14,
      validUntil: new Date(Date.now() + 86_400_000),
      note: null,
      lines: [
        ...sent,
        {
          ...LINE,
          name: "Typed by hand",
          unitPriceBaseMinor: 10_00,
          translations: JSON.stringify({ fa: { name: "FORGED" } }),
        },
      ],
    });
    const saved = await db.quoteLine.findMany({
      where: { quoteId: draft.id },
      orderBy: { position: "asc" },
    });
    expect(saved.map((l) => l.translations).join()).not.toContain("FORGED");
    expect(JSON.parse(saved[0]!.translations)).toMatchObject({ fa: { name: "ارزیابی" } });
    expect(saved.at(-1)).toMatchObject({ name: "Typed by hand", translations: "{}" });
  });

  it("of an issued version are a snapshot: a later edit of the item's text changes neither the lines nor the PDF", async () => {
    const { kase, finance, programme, patient } = await eligibleCase();
    const where = { programmeId_key: { programmeId: programme.id, key: "workup" } };
    await db.priceItem.update({
      where,
      data: {
        translations: JSON.stringify({
          fa: { name: "ارزیابی جامع و آزمایش‌ها" },
          ru: { name: "Комплексное обследование" },
        }),
      },
    });
    const draft = await startDraft(kase.id, finance);
    await issueQuote(draft.id, finance);
    const before = await db.quoteLine.findMany({ where: { quoteId: draft.id } });

    // Finance rewrites the item's Persian name after the quote went out.
    await db.priceItem.update({
      where,
      data: {
        translations: JSON.stringify({ fa: { name: "متن تازه" }, ru: { name: "Новый текст" } }),
      },
    });
    const after = await db.quoteLine.findMany({ where: { quoteId: draft.id } });
    expect(after.map((l) => l.translations)).toEqual(before.map((l) => l.translations));
    const workup = after.find((l) => l.itemKey === "workup")!;
    expect(rowText(workup, "name", "fa").text).toBe("ارزیابی جامع و آزمایش‌ها");

    // The Russian PDF, set for the first time only now, prints what was issued. (Russian:
    // pdftotext gives Arabic script back in shaped glyphs, Cyrillic as written.)
    const response = await quotePdfResponse(
      { caseId: kase.id, patientId: patient.id },
      draft.id,
      "ru",
      "Europe/Moscow",
    );
    const text = plain(
      pdfText(save("quote-snapshot-ru", Buffer.from(await response.arrayBuffer()))),
    );
    expect(text).toContain("Комплексное обследование");
    expect(text).not.toContain("Новый текст");
  });
});

// ------------------------------------------------------------------ resources and the trip

const ENTRY: EntryView = {
  id: "a1",
  type: "appointment",
  kind: "TREATMENT",
  title: "Intravenous MSC infusion",
  step: {
    name: "Intravenous MSC infusion",
    translations: JSON.stringify({ fa: { name: "تزریق وریدی سلول‌های بنیادی" } }),
  },
  startsAt: "2027-03-02T07:00:00Z",
  startZone: null,
  endsAt: "2027-03-02T10:00:00Z",
  endZone: null,
  place: {
    name: "Infusion chair 1",
    translations: JSON.stringify({ fa: { name: "صندلی تزریق ۱" } }),
  },
  fromPlace: null,
  toPlace: null,
  contact: null,
  note: null,
  flagged: false,
};

function timeline(lng: Locale, entries: EntryView[], reader: "patient" | "staff" = "patient") {
  return withI18n(
    lng,
    <TripTimeline
      entries={entries}
      timeZone="Asia/Tehran"
      clinicZone="Europe/Istanbul"
      reader={reader}
    />,
  );
}

describe("resources and itinerary entries", () => {
  it("name the appointment's step and its resource in Persian; untranslated ones in English, marked", () => {
    const fa = timeline("fa", [
      ENTRY,
      {
        ...ENTRY,
        id: "a2",
        step: { name: "Integrated care", translations: "{}" },
        place: { name: "Procedure room", translations: "{}" },
      },
    ]);
    expect(fa).toContain("تزریق وریدی سلول‌های بنیادی");
    expect(fa).toContain("صندلی تزریق ۱");
    expect(fa).not.toContain("Infusion chair 1");
    expect(fa).toContain(markedEnglish("Integrated care"));
    expect(fa).toContain(markedEnglish("Procedure room"));
  });

  it("show a patient a transfer or a hotel by its places, not the coordinator's English title", () => {
    const transfer: EntryView = {
      ...ENTRY,
      id: "i1",
      type: "item",
      kind: "TRANSFER",
      title: "IST → Hotel",
      step: null,
      place: null,
      fromPlace: "IST",
      toPlace: "Şişli Park Residence",
      endsAt: null,
    };
    const patient = timeline("ar", [transfer]);
    expect(patient).not.toContain("Hotel<");
    expect(patient).toContain("<bdi>IST</bdi>");
    expect(patient).toContain("<bdi>Şişli Park Residence</bdi>");
    // The kind's label is translated ("نقل" or the like), not the English "Transfer".
    expect(patient).not.toContain(">Transfer<");
    // Staff read the title as it was typed.
    expect(timeline("ar", [transfer], "staff")).toContain("IST → Hotel");
  });

  it("a refusal names the patient's other appointment by its step in their language", () => {
    const error = new BookingError("patientBusy", {
      kind: "TREATMENT",
      title: "Intravenous MSC infusion",
      step: ENTRY.step,
      startsAt: new Date("2027-03-02T07:00:00Z"),
      timeZone: "Asia/Tehran",
    });
    const t = createClientI18n("fa", resources.fa).getFixedT("fa");
    expect(error.describe(t, "fa", "patient")).toContain("تزریق وریدی سلول‌های بنیادی");
  });
});
