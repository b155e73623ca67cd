/**
 * Realistic documents for the PDF tests and `npm run pdf:samples`: a quote of any length, a
 * receipt, a trip (with a conflict the staff see, which must never be printed) and the facts
 * of a visa letter. Plain data: no database.
 */
import type { Locale } from "~/i18n/config";
import type { QuoteForPdf } from "~/models/finance/finance-pdf.server";
import type { ItineraryPdfInput } from "~/models/travel/travel-pdf.server";
import type { VisaLetterFacts } from "~/models/travel/travel.server";
import {
  nameTranslations,
  PRICE_ITEM_TEXTS,
  programmeTranslations,
  stepTranslations,
} from "../../prisma/catalogue/texts";
import { PROGRAMMES } from "../../prisma/seed-data";

const LUPUS = PROGRAMMES.find((p) => p.slug === "lupus-msc")!;

export const CASE_NUMBER = "MT-2026-000042";
export const HOSTILE_NAME = "#exit() ] $ ` */";

/** A patient as their clinic would write them, per language. */
export const PATIENTS: Record<Locale, string> = {
  en: "Olivia Bennett",
  tr: "Ayşe Yılmaz Öztürk",
  ar: "ليلى الحسيني",
  de: "Jürgen Weiß",
  ru: "Ольга Иванова",
  fr: "Élodie Lefèvre",
  fa: "لیلا احمدی",
};

const NOTES: Record<Locale, string> = {
  en: "Two hotel nights fewer than version 1, as discussed on the phone.",
  tr: "Telefonda konuştuğumuz gibi, 1. sürüme göre iki otel gecesi daha az.",
  ar: "ليلتان أقل في الفندق مقارنة بالنسخة 1، كما اتفقنا هاتفيًا.",
  de: "Zwei Hotelnächte weniger als in Version 1, wie telefonisch besprochen.",
  ru: "На две ночи в отеле меньше, чем в версии 1, как мы обсудили по телефону.",
  fr: "Deux nuits d’hôtel de moins que dans la version 1, comme convenu au téléphone.",
  fa: "همان‌طور که تلفنی صحبت کردیم، دو شب هتل کمتر از نسخهٔ ۱.",
};

type Line = QuoteForPdf["lines"][number];

/** The lines a lupus programme's quote is made of; longer quotes repeat them. */
const CATALOGUE: Omit<Line, "totalMinor" | "taxMinor">[] = [
  {
    category: "WORKUP",
    name: "Comprehensive workup and tests (SLEDAI-2K)",
    unit: "ITEM",
    included: true,
    quantity: 1,
    unitPriceMinor: 1_515_60,
    discountBp: 0,
    taxRule: "EXEMPT",
  },
  {
    category: "CELLS",
    name: "Umbilical cord MSC sourcing",
    unit: "ITEM",
    included: true,
    quantity: 1,
    unitPriceMinor: 2_400_00,
    discountBp: 0,
    taxRule: "EXEMPT",
  },
  {
    category: "CELLS",
    name: "GMP expansion and release testing",
    unit: "ITEM",
    included: true,
    quantity: 1,
    unitPriceMinor: 1_850_00,
    discountBp: 500,
    taxRule: "EXEMPT",
  },
  {
    category: "INFUSION",
    name: "Intravenous MSC infusion",
    unit: "ITEM",
    included: true,
    quantity: 3,
    unitPriceMinor: 1_684_00,
    discountBp: 0,
    taxRule: "EXEMPT",
  },
  {
    category: "HOSPITAL",
    name: "Day-ward bed with monitoring",
    unit: "DAY",
    included: true,
    quantity: 3,
    unitPriceMinor: 320_00,
    discountBp: 0,
    taxRule: "EXEMPT",
  },
  {
    category: "HOTEL",
    name: "Hotel night near the clinic",
    unit: "NIGHT",
    included: true,
    quantity: 8,
    unitPriceMinor: 101_04,
    discountBp: 125,
    taxRule: "VAT_10",
  },
  {
    category: "TRANSFER",
    name: "Airport transfer, both ways",
    unit: "ITEM",
    included: true,
    quantity: 2,
    unitPriceMinor: 45_00,
    discountBp: 0,
    taxRule: "VAT_20",
  },
  {
    category: "INTERPRETER",
    name: "Medical interpreter (Arabic, Persian, Russian)",
    unit: "DAY",
    included: true,
    quantity: 4,
    unitPriceMinor: 90_00,
    discountBp: 0,
    taxRule: "VAT_20",
  },
  {
    category: "AFTERCARE",
    name: "Twelve-month aftercare with video follow-ups",
    unit: "ITEM",
    included: true,
    quantity: 1,
    unitPriceMinor: 600_00,
    discountBp: 1000,
    taxRule: "EXEMPT",
  },
  {
    category: "OTHER",
    name: "Medical report translated for your doctor",
    unit: "ITEM",
    included: true,
    quantity: 1,
    unitPriceMinor: 120_00,
    discountBp: 0,
    taxRule: "VAT_20",
  },
  {
    category: "COMPANION",
    name: "Companion (room share, meals, transfers)",
    unit: "PERSON",
    included: false,
    quantity: 1,
    unitPriceMinor: 757_80,
    discountBp: 0,
    taxRule: "VAT_10",
  },
  {
    category: "HOTEL",
    name: "Extra hotel night before the flight home",
    unit: "NIGHT",
    included: false,
    quantity: 1,
    unitPriceMinor: 101_04,
    discountBp: 0,
    taxRule: "VAT_10",
  },
];

const TAX_BP: Record<string, number> = { EXEMPT: 0, VAT_10: 1000, VAT_20: 2000 };

/** A quote of `count` lines (12 is a standard one), with its totals worked out. */
export function quoteFixture(locale: Locale, count = 12): QuoteForPdf {
  const lines: Line[] = Array.from({ length: count }, (_, i) => {
    const base = CATALOGUE[i % CATALOGUE.length]!;
    const round = Math.floor(i / CATALOGUE.length);
    const gross = base.quantity * base.unitPriceMinor;
    const net = gross - Math.round((gross * base.discountBp) / 10_000);
    const taxMinor = Math.round((net * TAX_BP[base.taxRule]!) / 10_000);
    return {
      ...base,
      name: round ? `${base.name} (${round + 1})` : base.name,
      // The demo's price list in other languages (ADR 024); a repeat is a line typed by hand.
      translations: round ? "{}" : nameTranslations(PRICE_ITEM_TEXTS, base.name),
      taxMinor,
      totalMinor: net + taxMinor,
    };
  });
  const included = lines.filter((l) => l.included);
  const grossMinor = included.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0);
  const totalMinor = included.reduce((s, l) => s + l.totalMinor, 0);
  const taxMinor = included.reduce((s, l) => s + l.taxMinor, 0);
  const discountMinor = grossMinor + taxMinor - totalMinor;
  const depositMinor = Math.round(totalMinor * 0.2);
  return {
    version: 2,
    status: "ISSUED",
    currency: "GBP",
    baseCurrency: "EUR",
    fxRate: "0.8420",
    grossMinor,
    discountMinor,
    taxMinor,
    totalMinor,
    depositBp: 2000,
    depositMinor,
    balanceDueDays: 14,
    termsVersion: "2026-11",
    note: NOTES[locale],
    validUntil: new Date("2026-12-24T12:00:00Z"),
    issuedAt: new Date("2026-11-24T09:30:00Z"),
    acceptedAt: null,
    lines,
  };
}

export const caseFixture = (locale: Locale, patientName = PATIENTS[locale]) => ({
  number: CASE_NUMBER,
  patientName,
  programmeName: LUPUS.name,
  programmeTexts: programmeTranslations(LUPUS.slug),
});

export const RECEIPT = {
  receiptNumber: "RC-2026-000007",
  kind: "DEPOSIT",
  method: "STRIPE",
  amountMinor: 3_312_44,
  currency: "GBP",
  reference: "pi_3QxY7d2eZvKYlo2C",
  paidAt: new Date("2026-11-25T10:00:00Z"),
  refundOf: null,
};

export const ACCOUNT = {
  quoteVersion: 2,
  totalMinor: 16_562_19,
  paidMinor: 3_312_44,
  refundedMinor: 0,
  outstandingMinor: 13_249_75,
};

/** A cancellation note taking back RECEIPT, recorded by mistake. */
export const CANCELLATION = {
  number: "RC-2026-000011",
  issuedAt: new Date("2026-11-26T15:45:00Z"),
  cancels: RECEIPT.receiptNumber,
  cancelsKind: RECEIPT.kind,
  method: RECEIPT.method,
  amountMinor: RECEIPT.amountMinor,
  currency: RECEIPT.currency,
  reference: RECEIPT.reference,
  paidAt: RECEIPT.paidAt,
  reason: "Recorded twice",
};

const at = (iso: string) => new Date(iso);
const step = (key: string) => ({
  id: `step-${key}`,
  position: 1,
  gapMinutes: null,
  flyGapMinutes: null,
  stayAfterMinutes: null,
  fitToFlyRequired: false,
  pathwayStep: {
    key,
    name: LUPUS.steps.find((s) => s.key === key)?.name ?? key,
    translations: stepTranslations(LUPUS.slug, key),
  },
});

/** A lupus trip: flights, hotel, transfer, interpreter, five appointments, and a conflict. */
export function tripFixture(
  locale: Locale,
  patientName = PATIENTS[locale],
  timeZone = "Europe/Moscow",
): ItineraryPdfInput {
  const appointment = (
    id: string,
    key: string | null,
    kind: string,
    start: string,
    end: string,
  ) => ({
    id,
    kind,
    title: key ?? "Video consultation",
    status: "BOOKED",
    startsAt: at(start),
    endsAt: at(end),
    sequence: 0,
    rescheduleRequestedAt: null,
    rescheduleNote: null,
    resource: { name: "Dr. Demir", type: "CLINICIAN", translations: "{}" },
    planStep: key ? step(key) : null,
  });
  const item = (over: Partial<ItineraryPdfInput["trip"]["items"][number]>) => ({
    id: "item",
    kind: "HOTEL",
    title: "",
    startsAt: at("2027-03-01T12:00:00Z"),
    startZone: "Europe/Istanbul",
    endsAt: null,
    endZone: null,
    reference: null,
    fromPlace: null,
    toPlace: null,
    contactName: null,
    contactPhone: null,
    note: null,
    ...over,
  });
  return {
    caseNumber: CASE_NUMBER,
    patientName,
    programme: {
      slug: LUPUS.slug,
      name: LUPUS.name,
      translations: programmeTranslations(LUPUS.slug),
    },
    locale,
    timeZone,
    trip: {
      appointments: [
        appointment("a0", null, "CONSULTATION", "2027-02-10T09:00:00Z", "2027-02-10T09:30:00Z"),
        {
          ...appointment(
            "a1",
            "workup",
            "TREATMENT",
            "2027-03-02T06:00:00Z",
            "2027-03-02T08:00:00Z",
          ),
          rescheduleRequestedAt: at("2027-02-20T10:00:00Z"),
          // The staff's note: clinical, never on the patient's printed itinerary.
          rescheduleNote: "Flare with proteinuria, nephrologist review first",
        },
        appointment(
          "a2",
          "cell-sourcing",
          "TREATMENT",
          "2027-03-02T11:00:00Z",
          "2027-03-02T12:30:00Z",
        ),
        appointment("a3", "infusion", "TREATMENT", "2027-03-03T07:00:00Z", "2027-03-03T10:00:00Z"),
        appointment(
          "a4",
          "integrated-care",
          "TREATMENT",
          "2027-03-04T08:00:00Z",
          "2027-03-04T09:00:00Z",
        ),
      ],
      items: [
        item({
          id: "i1",
          kind: "ARRIVAL_FLIGHT",
          title: "SU2136 SVO → IST",
          startsAt: at("2027-03-01T07:05:00Z"),
          startZone: "Europe/Moscow",
          endsAt: at("2027-03-01T10:35:00Z"),
          endZone: "Europe/Istanbul",
          reference: "SU2136",
          fromPlace: "SVO",
          toPlace: "IST",
        }),
        item({
          id: "i2",
          kind: "TRANSFER",
          title: "IST → Şişli Park Residence",
          fromPlace: "IST",
          toPlace: "Şişli Park Residence",
          startsAt: at("2027-03-01T11:30:00Z"),
          contactName: "Mehmet Kaya",
          contactPhone: "+90 532 555 01 02",
        }),
        item({
          id: "i3",
          kind: "HOTEL",
          title: "Şişli Park Residence",
          fromPlace: "Şişli Park Residence",
          startsAt: at("2027-03-01T12:00:00Z"),
          endsAt: at("2027-03-05T09:00:00Z"),
          endZone: "Europe/Istanbul",
        }),
        item({
          id: "i4",
          kind: "INTERPRETER",
          title: "Yelena Sokolova",
          startsAt: at("2027-03-02T05:45:00Z"),
          endsAt: at("2027-03-04T10:00:00Z"),
          endZone: "Europe/Istanbul",
          contactName: "Yelena Sokolova",
          contactPhone: "+90 533 555 77 10",
        }),
        item({
          id: "i5",
          kind: "DEPARTURE_FLIGHT",
          title: "SU2137 IST → SVO",
          startsAt: at("2027-03-05T12:50:00Z"),
          startZone: "Europe/Istanbul",
          endsAt: at("2027-03-05T16:25:00Z"),
          endZone: "Europe/Moscow",
          reference: "SU2137",
          fromPlace: "IST",
          toPlace: "SVO",
        }),
      ],
      // The staff's check found something: the patient's document must not say so.
      conflicts: [
        { code: "transferAfterCheckIn", ids: ["i2", "i3"], entries: [] },
        { code: "stepsOutOfOrder", ids: ["a2", "a3"], entries: [] },
      ],
      returnDate: at("2027-03-05T12:50:00Z"),
    },
  };
}

/** The facts of an invitation letter: an approved passport, a companion, booked treatment. */
export function visaFixture(locale: Locale, holderName = "OLGA IVANOVA"): VisaLetterFacts {
  const passport = (over: Partial<VisaLetterFacts["passport"]>) => ({
    id: "p1",
    kind: "PASSPORT",
    status: "APPROVED",
    holderName,
    nationality: "RU",
    documentNumber: "754812345",
    birthDate: at("1981-04-12T00:00:00Z"),
    expiresOn: at("2031-06-30T00:00:00Z"),
    reviewedAt: at("2027-01-20T10:00:00Z"),
    ...over,
  });
  return {
    kase: {
      id: "case-1",
      number: CASE_NUMBER,
      language: locale,
      programme: {
        slug: LUPUS.slug,
        name: LUPUS.name,
        translations: programmeTranslations(LUPUS.slug),
      },
      patient: { name: holderName },
      coordinator: { name: "Zeynep Arslan" },
    },
    passport: passport({}),
    companion: passport({
      id: "p2",
      kind: "COMPANION_PASSPORT",
      holderName: "IVAN IVANOV",
      documentNumber: "754899871",
      birthDate: at("1978-09-03T00:00:00Z"),
    }),
    firstAppointment: at("2027-03-02T06:00:00Z"),
    lastAppointment: at("2027-03-04T09:00:00Z"),
    arrival: at("2027-03-01T10:35:00Z"),
    departure: at("2027-03-05T12:50:00Z"),
  } as VisaLetterFacts;
}
