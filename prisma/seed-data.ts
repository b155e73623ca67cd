/** Demo content, drawn from ../shared/brief (MSC therapy for lupus in Turkey). */

export const DEMO_PASSWORD = "demo-clinic-2026";

/**
 * The demo staff accounts' authenticator secret (base32), the same for all of them, seeded
 * only here (ADR 027). `npm run -s demo:totp` prints the current code; or add the secret to an
 * authenticator app. A real account enrols its own secret when it accepts its invitation.
 */
export const DEMO_TOTP_SECRET = "DEMOCLINICSTAFFTWOFACTORSECRETAA";

export const STAFF = [
  { email: "coordinator@demo.clinic", name: "Elif Demir", role: "COORDINATOR", locale: "tr" },
  { email: "coordinator2@demo.clinic", name: "Omar Haddad", role: "COORDINATOR", locale: "ar" },
  { email: "clinician@demo.clinic", name: "Dr. Murat Aydın", role: "CLINICIAN", locale: "en" },
  { email: "finance@demo.clinic", name: "Zeynep Kaya", role: "FINANCE", locale: "en" },
  { email: "admin@demo.clinic", name: "Can Öztürk", role: "ADMIN", locale: "en" },
] as const;

export const PROGRAMMES = [
  {
    slug: "lupus-msc",
    name: "Mesenchymal stem cell (MSC) therapy for lupus (SLE)",
    condition: "Systemic lupus erythematosus (SLE)",
    summary:
      "A structured, clinician-led pathway that uses the immunomodulatory and anti-inflammatory properties of mesenchymal stem cells to help rebalance an overactive immune response. For suitable candidates it aims at fewer flares, less reliance on steroids and better energy. It is not suitable during an uncontrolled infection or a severe active organ crisis.",
    steps: [
      {
        key: "workup",
        name: "Comprehensive workup",
        description:
          "Disease-activity index (SLEDAI-2K), organ function tests, and imaging where indicated.",
        resourceType: "CLINICIAN",
        durationMinutes: 120,
      },
      {
        key: "cell-sourcing",
        name: "Cell sourcing",
        description:
          "Autologous bone-marrow or adipose MSCs, or carefully selected umbilical cord tissue-derived MSCs.",
        resourceType: "ROOM",
        durationMinutes: 90,
        // A bone-marrow or fat harvest: four hours' rest before the patient's next appointment.
        gapMinutes: 240,
      },
      {
        key: "gmp-processing",
        name: "GMP processing",
        description:
          "Expansion and quality control in a GMP-certified laboratory to ensure viability and sterility.",
        resourceType: null,
        durationMinutes: null,
      },
      {
        key: "infusion",
        name: "Intravenous infusions",
        description:
          "Usually intravenous infusions; some protocols add targeted delivery depending on which organs are involved.",
        resourceType: "CHAIR",
        durationMinutes: 180,
      },
      {
        key: "integrated-care",
        name: "Integrated care",
        description:
          "Nutrition, physiotherapy and a flare-prevention plan to consolidate the gains.",
        resourceType: "CLINICIAN",
        durationMinutes: 60,
      },
    ],
  },
  {
    slug: "ra-msc",
    name: "MSC therapy for rheumatoid arthritis",
    condition: "Rheumatoid arthritis (RA)",
    summary:
      "For adults with active rheumatoid arthritis despite conventional treatment. After a rheumatology workup, MSCs are given intravenously to modulate joint inflammation, with physiotherapy and follow-up of inflammatory markers.",
    steps: [
      {
        key: "workup",
        name: "Rheumatology workup",
        description: "DAS28 disease activity, inflammatory markers and joint imaging.",
        resourceType: "CLINICIAN",
        durationMinutes: 90,
      },
      {
        key: "infusion",
        name: "Intravenous MSC infusion",
        description: "Umbilical cord tissue-derived MSCs from a GMP laboratory.",
        resourceType: "CHAIR",
        durationMinutes: 180,
      },
      {
        key: "physio",
        name: "Physiotherapy plan",
        description: "Joint protection and a graded activity programme.",
        resourceType: "CLINICIAN",
        durationMinutes: 60,
      },
    ],
  },
  {
    slug: "knee-oa",
    name: "Regenerative treatment for knee osteoarthritis",
    condition: "Knee osteoarthritis",
    summary:
      "For knee osteoarthritis of Kellgren–Lawrence grade II–III: an orthopaedic assessment, an image-guided injection of the patient's own adipose-derived cells into the joint, and a rehabilitation plan.",
    steps: [
      {
        key: "assessment",
        name: "Orthopaedic assessment",
        description: "Examination, X-ray or MRI review and functional scores.",
        resourceType: "CLINICIAN",
        durationMinutes: 60,
      },
      {
        key: "injection",
        name: "Intra-articular injection",
        description: "Image-guided injection in a procedure room.",
        resourceType: "ROOM",
        durationMinutes: 90,
      },
      {
        key: "rehab",
        name: "Rehabilitation",
        description: "Physiotherapy sessions and a home exercise plan.",
        resourceType: "CLINICIAN",
        durationMinutes: 45,
      },
    ],
  },
] as const;

export interface DemoPatient {
  name: string;
  /** As in the passport's machine-readable zone (Latin capitals). */
  passportName: string;
  email: string;
  locale: string;
  country: string;
  timeZone: string;
  currency: string;
  programme: string;
  condition: string;
  redFlags?: number;
}

export const PATIENTS: DemoPatient[] = [
  {
    name: "لیلا احمدی",
    passportName: "LEILA AHMADI",
    email: "leyla.ahmadi@example.com",
    locale: "fa",
    country: "IR",
    timeZone: "Asia/Tehran",
    currency: "EUR",
    programme: "lupus-msc",
    condition:
      "لوپوس سیستمیک از ۲۰۱۸؛ درگیری کلیه (نفریت کلاس III)، پردنیزولون ۱۰ میلی‌گرم در روز.",
  },
  {
    name: "Julien Moreau",
    passportName: "JULIEN MOREAU",
    email: "julien.moreau@example.com",
    locale: "fr",
    country: "CA",
    timeZone: "America/Montreal",
    currency: "USD",
    programme: "knee-oa",
    condition: "Gonarthrose bilatérale, stade II.",
  },
  {
    name: "Anna Schmidt",
    passportName: "ANNA SCHMIDT",
    email: "anna.schmidt@example.com",
    locale: "de",
    country: "DE",
    timeZone: "Europe/Berlin",
    currency: "EUR",
    programme: "lupus-msc",
    condition:
      "SLE seit 2015, Gelenkschmerzen und Fatigue, Hydroxychloroquin und 5 mg Prednisolon.",
  },
  {
    name: "Ольга Иванова",
    passportName: "OLGA IVANOVA",
    email: "olga.ivanova@example.com",
    locale: "ru",
    country: "RU",
    timeZone: "Europe/Moscow",
    currency: "RUB",
    programme: "lupus-msc",
    condition: "СКВ с 2017 года, волчаночный нефрит, преднизолон 15 мг в сутки, микофенолат.",
    redFlags: 1,
  },
  {
    name: "Camille Dubois",
    passportName: "CAMILLE DUBOIS",
    email: "camille.dubois@example.com",
    locale: "fr",
    country: "FR",
    timeZone: "Europe/Paris",
    currency: "EUR",
    programme: "lupus-msc",
    condition: "Lupus systémique depuis 2019, atteinte cutanée et articulaire, hydroxychloroquine.",
  },
  {
    name: "Ayşe Yılmaz",
    passportName: "AYSE YILMAZ",
    email: "ayse.yilmaz@example.com",
    locale: "tr",
    country: "DE",
    timeZone: "Europe/Berlin",
    currency: "EUR",
    programme: "lupus-msc",
    condition: "2014'ten beri SLE, eklem ağrısı ve yorgunluk, günde 5 mg prednizolon.",
  },
  {
    name: "Mohammed Al-Mansouri",
    passportName: "MOHAMMED AL-MANSOURI",
    email: "mohammed.mansouri@example.com",
    locale: "ar",
    country: "AE",
    timeZone: "Asia/Dubai",
    currency: "AED",
    programme: "ra-msc",
    condition: "التهاب المفاصل الروماتويدي منذ 2012، ميثوتريكسات 15 ملغ أسبوعيًا.",
  },
  {
    name: "Дмитрий Соколов",
    passportName: "DMITRII SOKOLOV",
    email: "dmitry.sokolov@example.com",
    locale: "ru",
    country: "KZ",
    timeZone: "Asia/Almaty",
    currency: "USD",
    programme: "knee-oa",
    condition: "Гонартроз правого колена II–III стадии, боль при ходьбе.",
  },
  {
    name: "Sophie Martin",
    passportName: "SOPHIE MARTIN",
    email: "sophie.martin@example.com",
    locale: "fr",
    country: "BE",
    timeZone: "Europe/Brussels",
    currency: "EUR",
    programme: "ra-msc",
    condition: "Polyarthrite rhumatoïde depuis 2018, méthotrexate et adalimumab.",
  },
  {
    name: "Thomas Müller",
    passportName: "THOMAS MUELLER",
    email: "thomas.mueller@example.com",
    locale: "de",
    country: "AT",
    timeZone: "Europe/Vienna",
    currency: "EUR",
    programme: "knee-oa",
    condition: "Kniearthrose links, Grad II, Schmerzen beim Treppensteigen.",
  },
  {
    name: "مریم رضایی",
    passportName: "MARYAM REZAEI",
    email: "maryam.rezaei@example.com",
    locale: "fa",
    country: "AE",
    timeZone: "Asia/Dubai",
    currency: "AED",
    programme: "lupus-msc",
    condition: "لوپوس از ۱۳۹۸، درد مفاصل و خستگی شدید، هیدروکسی‌کلروکین.",
    redFlags: 1,
  },
  {
    name: "Claire Lefèvre",
    passportName: "CLAIRE LEFEVRE",
    email: "claire.lefevre@example.com",
    locale: "fr",
    country: "CH",
    timeZone: "Europe/Zurich",
    currency: "EUR",
    programme: "lupus-msc",
    condition: "Lupus depuis 2011, fatigue importante, prednisone 5 mg.",
  },
  {
    name: "Emily Clarke",
    passportName: "EMILY CLARKE",
    email: "emily.clarke@example.com",
    locale: "en",
    country: "GB",
    timeZone: "Europe/London",
    currency: "GBP",
    programme: "lupus-msc",
    condition: "SLE since 2013, joint pain, photosensitivity, prednisolone 7.5 mg daily.",
  },
  {
    name: "Mehmet Kara",
    passportName: "MEHMET KARA",
    email: "mehmet.kara@example.com",
    locale: "tr",
    country: "NL",
    timeZone: "Europe/Amsterdam",
    currency: "EUR",
    programme: "knee-oa",
    condition: "Sol dizde kireçlenme, evre III, merdivende ağrı.",
  },
  {
    name: "Hans Becker",
    passportName: "HANS BECKER",
    email: "hans.becker@example.com",
    locale: "de",
    country: "CH",
    timeZone: "Europe/Zurich",
    currency: "EUR",
    programme: "ra-msc",
    condition: "Rheumatoide Arthritis seit 2010, Methotrexat.",
  },
  {
    name: "Елена Кузнецова",
    passportName: "ELENA KUZNETSOVA",
    email: "elena.kuznetsova@example.com",
    locale: "ru",
    country: "RU",
    timeZone: "Asia/Yekaterinburg",
    currency: "RUB",
    programme: "lupus-msc",
    condition: "СКВ с 2019 года, поражение кожи и суставов, гидроксихлорохин.",
  },
  {
    name: "فاطمة الحربي",
    passportName: "FATIMA ALHARBI",
    email: "fatima.alharbi@example.com",
    locale: "ar",
    country: "SA",
    timeZone: "Asia/Riyadh",
    currency: "SAR",
    programme: "lupus-msc",
    condition: "الذئبة الحمراء منذ 2016، آلام المفاصل وطفح جلدي، بريدنيزولون 7.5 ملغ يوميًا.",
  },
  {
    name: "علی کریمی",
    passportName: "ALI KARIMI",
    email: "ali.karimi@example.com",
    locale: "fa",
    country: "IR",
    timeZone: "Asia/Tehran",
    currency: "EUR",
    programme: "lupus-msc",
    condition: "لوپوس اریتماتوز سیستمیک از ۱۳۹۵، هیدروکسی‌کلروکین و پردنیزولون ۷٫۵ میلی‌گرم.",
  },
  {
    name: "خالد العتيبي",
    passportName: "KHALED ALOTAIBI",
    email: "khaled.otaibi@example.com",
    locale: "ar",
    country: "KW",
    timeZone: "Asia/Kuwait",
    currency: "USD",
    programme: "knee-oa",
    condition: "خشونة الركبة اليسرى، الدرجة الثالثة.",
  },
  {
    name: "Zehra Aksoy",
    passportName: "ZEHRA AKSOY",
    email: "zehra.aksoy@example.com",
    locale: "tr",
    country: "AZ",
    timeZone: "Asia/Baku",
    currency: "USD",
    programme: "lupus-msc",
    condition: "2018'den beri lupus, cilt döküntüsü ve eklem ağrısı.",
  },
  {
    name: "Katharina Weber",
    passportName: "KATHARINA WEBER",
    email: "katharina.weber@example.com",
    locale: "de",
    country: "DE",
    timeZone: "Europe/Berlin",
    currency: "EUR",
    programme: "lupus-msc",
    condition: "SLE seit 2012, Lupusnephritis in Remission, Azathioprin.",
    redFlags: 2,
  },
  {
    name: "Игорь Петров",
    passportName: "IGOR PETROV",
    email: "igor.petrov@example.com",
    locale: "ru",
    country: "UZ",
    timeZone: "Asia/Tashkent",
    currency: "USD",
    programme: "ra-msc",
    condition: "Ревматоидный артрит с 2015 года, метотрексат.",
  },
  {
    name: "Noura Al-Qahtani",
    passportName: "NOURA AL-QAHTANI",
    email: "noura.qahtani@example.com",
    locale: "ar",
    country: "SA",
    timeZone: "Asia/Riyadh",
    currency: "SAR",
    programme: "lupus-msc",
    condition: "الذئبة منذ 2020، إرهاق وآلام مفصلية، هيدروكسي كلوروكين.",
  },
  {
    name: "James Wilson",
    passportName: "JAMES WILSON",
    email: "james.wilson@example.com",
    locale: "en",
    country: "US",
    timeZone: "America/New_York",
    currency: "USD",
    programme: "knee-oa",
    condition: "Right knee osteoarthritis, grade III, failed injections.",
  },
  {
    name: "سارا موسوی",
    passportName: "SARA MOUSAVI",
    email: "sara.mousavi@example.com",
    locale: "fa",
    country: "DE",
    timeZone: "Europe/Berlin",
    currency: "EUR",
    programme: "lupus-msc",
    condition: "لوپوس از ۱۴۰۰، درگیری پوستی، هیدروکسی‌کلروکین.",
  },
  {
    name: "ريم الشمري",
    passportName: "REEM ALSHAMMARI",
    email: "reem.shammari@example.com",
    locale: "ar",
    country: "QA",
    timeZone: "Asia/Qatar",
    currency: "USD",
    programme: "ra-msc",
    condition: "التهاب المفاصل الروماتويدي منذ 2019.",
  },
  {
    name: "Burak Şahin",
    passportName: "BURAK SAHIN",
    email: "burak.sahin@example.com",
    locale: "tr",
    country: "GB",
    timeZone: "Europe/London",
    currency: "GBP",
    programme: "knee-oa",
    condition: "Sağ dizde kireçlenme, evre II.",
  },
  {
    name: "Мария Смирнова",
    passportName: "MARIIA SMIRNOVA",
    email: "maria.smirnova@example.com",
    locale: "ru",
    country: "RU",
    timeZone: "Europe/Moscow",
    currency: "RUB",
    programme: "lupus-msc",
    condition: "СКВ с 2016 года, усталость и артралгии, преднизолон 5 мг.",
  },
  {
    name: "Lukas Fischer",
    passportName: "LUKAS FISCHER",
    email: "lukas.fischer@example.com",
    locale: "de",
    country: "DE",
    timeZone: "Europe/Berlin",
    currency: "EUR",
    programme: "knee-oa",
    condition: "Gonarthrose rechts, Grad III.",
  },
  {
    name: "Amélie Bernard",
    passportName: "AMELIE BERNARD",
    email: "amelie.bernard@example.com",
    locale: "fr",
    country: "MA",
    timeZone: "Africa/Casablanca",
    currency: "EUR",
    programme: "lupus-msc",
    condition: "Lupus depuis 2017, atteinte articulaire.",
  },
];

/** How many demo cases stand in each stage (30 in all, every stage represented). */
export const STAGE_PLAN: readonly [string, number][] = [
  ["ENQUIRY", 5],
  ["MEDICAL_REVIEW", 4],
  ["NOT_ELIGIBLE", 2],
  ["QUOTED", 3],
  ["QUOTE_ACCEPTED", 2],
  ["DEPOSIT_PAID", 2],
  ["SCHEDULED", 2],
  ["TRAVEL_READY", 2],
  ["IN_TREATMENT", 2],
  ["AFTERCARE", 3],
  ["CLOSED", 2],
  ["CANCELLED", 1],
];

/**
 * The price lists, in the clinic's base currency (EUR, minor units). Included items make up
 * a new quote; optional ones start under "not included". Demo figures for a realistic quote.
 */
type PriceSeed = {
  key: string;
  name: string;
  category: string;
  unit: "ITEM" | "NIGHT" | "DAY" | "PERSON";
  unitPriceMinor: number;
  defaultQuantity: number;
  includedByDefault: boolean;
  taxRule?: "EXEMPT" | "VAT_10" | "VAT_20";
};
const TRAVEL: PriceSeed[] = [
  {
    key: "hospital-night",
    name: "Hospital night (private room)",
    category: "HOSPITAL",
    unit: "NIGHT",
    unitPriceMinor: 450_00,
    defaultQuantity: 2,
    includedByDefault: true,
  },
  {
    key: "hotel-night",
    name: "Hotel night near the clinic",
    category: "HOTEL",
    unit: "NIGHT",
    unitPriceMinor: 120_00,
    defaultQuantity: 8,
    includedByDefault: true,
    taxRule: "VAT_10",
  },
  {
    key: "airport-transfer",
    name: "Airport transfer",
    category: "TRANSFER",
    unit: "ITEM",
    unitPriceMinor: 60_00,
    defaultQuantity: 2,
    includedByDefault: true,
    taxRule: "VAT_20",
  },
  {
    key: "interpreter-day",
    name: "Medical interpreter",
    category: "INTERPRETER",
    unit: "DAY",
    unitPriceMinor: 150_00,
    defaultQuantity: 4,
    includedByDefault: true,
    taxRule: "VAT_20",
  },
  {
    key: "companion",
    name: "Companion (room share, meals, transfers)",
    category: "COMPANION",
    unit: "PERSON",
    unitPriceMinor: 900_00,
    defaultQuantity: 1,
    includedByDefault: false,
    taxRule: "VAT_10",
  },
];
export const PRICE_LISTS: Record<string, PriceSeed[]> = {
  "lupus-msc": [
    {
      key: "workup",
      name: "Comprehensive workup and tests (SLEDAI-2K, organ function, imaging)",
      category: "WORKUP",
      unit: "ITEM",
      unitPriceMinor: 1_800_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
    {
      key: "cells",
      name: "Cell sourcing and GMP processing",
      category: "CELLS",
      unit: "ITEM",
      unitPriceMinor: 6_500_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
    {
      key: "infusion",
      name: "Intravenous MSC infusion",
      category: "INFUSION",
      unit: "ITEM",
      unitPriceMinor: 2_000_00,
      defaultQuantity: 3,
      includedByDefault: true,
    },
    ...TRAVEL,
    {
      key: "aftercare",
      name: "Aftercare package (12 months of follow-up and lab review)",
      category: "AFTERCARE",
      unit: "ITEM",
      unitPriceMinor: 950_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
  ],
  "ra-msc": [
    {
      key: "workup",
      name: "Rheumatology workup and tests",
      category: "WORKUP",
      unit: "ITEM",
      unitPriceMinor: 1_400_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
    {
      key: "cells",
      name: "Cell sourcing and GMP processing",
      category: "CELLS",
      unit: "ITEM",
      unitPriceMinor: 6_000_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
    {
      key: "infusion",
      name: "Intravenous MSC infusion",
      category: "INFUSION",
      unit: "ITEM",
      unitPriceMinor: 1_900_00,
      defaultQuantity: 2,
      includedByDefault: true,
    },
    ...TRAVEL,
    {
      key: "aftercare",
      name: "Aftercare package (12 months of follow-up and lab review)",
      category: "AFTERCARE",
      unit: "ITEM",
      unitPriceMinor: 800_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
  ],
  "knee-oa": [
    {
      key: "workup",
      name: "Orthopaedic assessment and imaging",
      category: "WORKUP",
      unit: "ITEM",
      unitPriceMinor: 600_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
    {
      key: "cells",
      name: "Cell preparation",
      category: "CELLS",
      unit: "ITEM",
      unitPriceMinor: 3_200_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
    {
      key: "infusion",
      name: "Image-guided intra-articular injection",
      category: "INFUSION",
      unit: "ITEM",
      unitPriceMinor: 900_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
    ...TRAVEL.map((t) => (t.key === "hospital-night" ? { ...t, defaultQuantity: 0 } : t)),
    {
      key: "aftercare",
      name: "Rehabilitation and aftercare package",
      category: "AFTERCARE",
      unit: "ITEM",
      unitPriceMinor: 500_00,
      defaultQuantity: 1,
      includedByDefault: true,
    },
  ],
};

/** Demo exchange rates: units of each currency per 1 EUR. Finance keeps them current. */
export const EXCHANGE_RATES: Record<string, string> = {
  EUR: "1",
  USD: "1.0850",
  GBP: "0.8420",
  TRY: "37.4125",
  SAR: "4.0690",
  AED: "3.9850",
  RUB: "98.5000",
};

/**
 * What can be booked, with weekly hours in the clinic's zone as "HH:MM-HH:MM" spans per
 * weekday (1 = Monday). The first clinician is the demo clinician's own calendar.
 */
export const RESOURCES = [
  {
    name: "Dr. Murat Aydın",
    type: "CLINICIAN",
    staffEmail: "clinician@demo.clinic",
    hours: {
      1: "09:00-12:30, 13:30-17:30",
      2: "09:00-12:30, 13:30-17:30",
      3: "09:00-12:30, 13:30-17:30",
      4: "09:00-12:30, 13:30-17:30",
      5: "09:00-13:00",
    },
  },
  {
    name: "Dr. Selin Arslan",
    type: "CLINICIAN",
    staffEmail: null,
    hours: { 1: "10:00-18:00", 3: "10:00-18:00", 5: "10:00-18:00", 6: "09:00-13:00" },
  },
  {
    name: "Infusion chair 1",
    type: "CHAIR",
    staffEmail: null,
    hours: {
      1: "08:00-18:00",
      2: "08:00-18:00",
      3: "08:00-18:00",
      4: "08:00-18:00",
      5: "08:00-18:00",
      6: "08:00-14:00",
    },
  },
  {
    name: "Infusion chair 2",
    type: "CHAIR",
    staffEmail: null,
    hours: {
      1: "08:00-18:00",
      2: "08:00-18:00",
      3: "08:00-18:00",
      4: "08:00-18:00",
      5: "08:00-18:00",
    },
  },
  {
    name: "Procedure room",
    type: "ROOM",
    staffEmail: null,
    hours: {
      1: "09:00-17:00",
      2: "09:00-17:00",
      3: "09:00-17:00",
      4: "09:00-17:00",
      5: "09:00-17:00",
    },
  },
] as const;

/** Clinic holidays (whole days, inclusive, in the clinic's zone). */
export const HOLIDAYS = [
  { from: "2027-01-01", to: "2027-01-01", note: "New Year's Day" },
  { from: "2027-03-09", to: "2027-03-11", note: "Ramazan Bayramı" },
] as const;

/** Where the demo patients fly from, by country. */
export const HOME_AIRPORTS: Record<string, string> = {
  DE: "FRA",
  SA: "RUH",
  AE: "DXB",
  RU: "SVO",
  IR: "IKA",
  GB: "LHR",
  FR: "CDG",
  TR: "ESB",
  AT: "VIE",
  AZ: "GYD",
  BE: "BRU",
  CA: "YYZ",
  CH: "ZRH",
  KW: "KWI",
  KZ: "ALA",
  MA: "CMN",
  NL: "AMS",
  QA: "DOH",
  US: "JFK",
  UZ: "TAS",
};
