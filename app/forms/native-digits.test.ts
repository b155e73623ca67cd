/**
 * "Native digits are accepted" in every form: each numeric or date field of every schema in
 * app/forms reads Arabic-Indic (٠–٩) and Persian (۰–۹) digits, with the Arabic decimal "٫" and
 * thousands "٬" separators where amounts are read, exactly as it reads ASCII digits.
 * The table names every schema app/forms exports; a new schema fails here until it is listed.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { normalizeDigits } from "~/lib/digits";
import * as aftercare from "./aftercare";
import * as auth from "./auth";
import * as booking from "./booking";
import * as kase from "./case";
import * as dataRights from "./data-rights";
import * as enquiry from "./enquiry";
import * as erasure from "./erasure";
import * as itinerary from "./itinerary";
import * as outbox from "./outbox";
import * as passport from "./passport";
import * as portalCase from "./portal-case";
import * as prices from "./prices";
import * as quote from "./quote";
import * as resources from "./resources";
import * as settings from "./settings";

const MODULES: Record<string, Record<string, unknown>> = {
  aftercare,
  auth,
  booking,
  case: kase,
  "data-rights": dataRights,
  enquiry,
  erasure,
  itinerary,
  outbox,
  passport,
  "portal-case": portalCase,
  prices,
  quote,
  resources,
  settings,
};

const SYSTEMS = {
  arab: { zero: 0x0660, decimal: "٫", group: "٬" },
  persian: { zero: 0x06f0, decimal: "٫", group: "٬" },
} as const;

/** "1,234.50" in a native system: its digits, "٫" for the point, "٬" for the grouping comma. */
function nativeOf(ascii: string, system: keyof typeof SYSTEMS): string {
  const { zero, decimal, group } = SYSTEMS[system];
  return ascii
    .replace(/[0-9]/g, (d) => String.fromCharCode(zero + Number(d)))
    .replace(/\./g, decimal)
    .replace(/,/g, group);
}

type Payload = Record<string, unknown>;

interface Row {
  schema: z.ZodType;
  /** A valid submission with ASCII digits. */
  payload: Payload;
  /** Each numeric or date field (a path into the payload) and the text typed into it. */
  fields: Record<string, string>;
}

const today = "2026-06-01";
const draft = (intent: "draft" | "issue"): Payload => ({
  intent,
  quoteId: "q1",
  currency: "EUR",
  validUntil: "2026-12-20",
  depositPercent: "20",
  balanceDueDays: "14",
  lines: [{ name: "Treatment", quantity: "2", unitPrice: "1500.50", discount: "12.5" }],
  new: { name: "Transfer", quantity: "1", unitPrice: "80" },
});

const SLUG = "lupus-msc";
const enquiryPayload: Payload = {
  name: "Fatima Al-Harbi",
  email: "fatima@example.com",
  phoneCountry: "SA",
  phone: "50 123 4567",
  country: "SA",
  language: "ar",
  timeZone: "Asia/Riyadh",
  programme: SLUG,
  diagnosis: "SLE since 2016",
  diagnosedYear: "2016",
  steroidDose: "7.5",
  organs: ["kidneys"],
  consent: "yes",
  q: {
    [SLUG]: {
      activeInfection: "no",
      organCrisis: "no",
      dialysis: "no",
      pregnancy: "no",
      malignancy: "no",
      recentCytotoxic: "no",
      thrombosis: "no",
      flaresLastYear: "3",
      fitToTravel: "yes",
    },
  },
};

/** Schemas with numeric or date fields. */
const NUMERIC: Record<string, Row[]> = {
  "aftercare.FollowUpForm": [
    {
      schema: aftercare.FollowUpForm,
      payload: {
        prom: {
          fatigue: "4",
          pain: "3",
          stiffness: "2",
          flares: "1",
          steroidDoseMg: "7.5",
          qualityOfLife: "70",
        },
        lab: { c3: "0.9" },
      },
      fields: { "prom.fatigue": "4", "prom.steroidDoseMg": "7.5", "lab.c3": "0.85" },
    },
  ],
  "aftercare.LabsForm": [
    {
      schema: aftercare.LabsForm,
      payload: { intent: "labs", followUpId: "f1", lab: {} },
      fields: { "lab.antiDsDna": "1200", "lab.vitaminD": "22.5" },
    },
  ],
  "aftercare.OutcomesForm": [
    {
      schema: aftercare.OutcomesForm,
      payload: { intent: "labs", followUpId: "f1", lab: {} },
      fields: { "lab.platelets": "150" },
    },
  ],
  "aftercare.PromAnswers": [
    {
      schema: aftercare.PromAnswers,
      payload: {
        fatigue: "4",
        pain: "3",
        stiffness: "2",
        flares: "1",
        steroidDoseMg: "7.5",
        qualityOfLife: "70",
      },
      fields: { qualityOfLife: "65" },
    },
  ],
  "aftercare.LabValues": [{ schema: aftercare.LabValues, payload: {}, fields: { crp: "12.5" } }],
  "booking.AppointmentsForm": [
    {
      schema: booking.AppointmentsForm,
      payload: { intent: "window", week: "2026-12-07" },
      fields: { week: "2026-12-07" },
    },
  ],
  "itinerary.travelForm": [
    {
      schema: itinerary.travelForm({ clinicZone: "Europe/Istanbul", now: new Date(today) }),
      payload: {
        intent: "item",
        kind: "HOTEL",
        start: "2026-07-01T15:00",
        end: "2026-07-05T11:00",
        fromPlace: "Hotel",
      },
      fields: { start: "2026-07-01T15:00", end: "2026-07-05T11:00" },
    },
  ],
  "itinerary.itemForm": [
    {
      schema: itinerary.itemForm({ clinicZone: "Europe/Istanbul", now: new Date(today) }),
      payload: {
        intent: "item",
        kind: "INTERPRETER",
        start: "2026-07-01T09:00",
        end: "2026-07-01T12:00",
        contactName: "Ayşe",
        contactPhone: "+90 532 000 00 00",
      },
      fields: { start: "2026-07-01T09:00", contactPhone: "+90 532 123 45 67" },
    },
  ],
  "passport.PassportForm": [
    {
      schema: passport.PassportForm,
      payload: {
        kind: "PASSPORT",
        holderName: "Sara Mousavi",
        nationality: "IR",
        documentNumber: "K12345678",
        birthDate: "1988-03-21",
        expiresOn: "2031-06-30",
      },
      fields: { documentNumber: "K12345678", birthDate: "1988-03-21", expiresOn: "2031-06-30" },
    },
  ],
  "resources.ResourcesForm": [
    {
      schema: resources.ResourcesForm,
      payload: { intent: "hours", resourceId: "r1", day1: "09:00-17:00" },
      fields: { day1: "09:30-12:00" },
    },
    {
      schema: resources.ResourcesForm,
      payload: { intent: "timeOff", kind: "HOLIDAY", from: "2026-12-24", to: "2026-12-26" },
      fields: { from: "2026-12-24", to: "2026-12-26" },
    },
  ],
  "resources.HoursForm": [
    {
      schema: resources.HoursForm,
      payload: { intent: "hours", resourceId: "r1" },
      fields: { day3: "08:30-18:00" },
    },
  ],
  "resources.TimeOffForm": [
    {
      schema: resources.TimeOffForm,
      payload: { intent: "timeOff", kind: "HOLIDAY", from: "2026-12-24", to: "2026-12-26" },
      fields: { to: "2026-12-31" },
    },
  ],
  "quote.staffQuoteForm": [
    {
      schema: quote.staffQuoteForm("en", today),
      payload: draft("draft"),
      fields: {
        validUntil: "2026-12-20",
        depositPercent: "20",
        balanceDueDays: "14",
        "lines.0.quantity": "2",
        "lines.0.unitPrice": "1,500.50",
        "lines.0.discount": "12.5",
        "new.quantity": "1",
        "new.unitPrice": "80",
      },
    },
    {
      schema: quote.staffQuoteForm("ar", today),
      payload: draft("issue"),
      fields: { validUntil: "2026-12-20", "lines.0.quantity": "2", "lines.0.unitPrice": "1500" },
    },
    {
      schema: quote.staffQuoteForm("en", today),
      payload: {
        intent: "record",
        currency: "EUR",
        amount: "1",
        kind: "DEPOSIT",
        method: "BANK_TRANSFER",
        reference: "R1",
      },
      fields: { amount: "1,250.75" },
    },
    {
      schema: quote.staffQuoteForm("en", today),
      payload: {
        intent: "refund",
        paymentId: "p1",
        currency: "EUR",
        amount: "1",
        reason: "Cancelled",
      },
      fields: { amount: "99.5" },
    },
  ],
  "quote.RecordForm": [
    {
      schema: quote.RecordForm,
      payload: {
        intent: "record",
        currency: "EUR",
        amount: "1",
        kind: "DEPOSIT",
        method: "BANK_TRANSFER",
        reference: "R1",
      },
      fields: { amount: "12,000.5" },
    },
  ],
  "quote.RefundForm": [
    {
      schema: quote.RefundForm,
      payload: {
        intent: "refund",
        paymentId: "p1",
        currency: "EUR",
        amount: "1",
        reason: "Cancelled",
      },
      fields: { amount: "10.25" },
    },
  ],
  "prices.priceListForm": [
    {
      schema: prices.priceListForm("EUR", "en"),
      payload: {
        intent: "items",
        programmeId: "p1",
        items: [{ id: "i1", name: "Stay", price: "1", quantity: "1" }],
        new: { key: "night", name: "Night", price: "1", quantity: "1" },
      },
      fields: {
        "items.0.price": "1,200.50",
        "items.0.quantity": "3",
        "new.price": "95",
        "new.quantity": "7",
      },
    },
    {
      schema: prices.priceListForm("EUR", "fa"),
      payload: { intent: "rates", rates: [{ currency: "USD", rate: "1" }] },
      fields: { "rates.0.rate": "1.0825" },
    },
  ],
  "enquiry.EnquiryForm": [
    {
      schema: enquiry.EnquiryForm,
      payload: enquiryPayload,
      fields: {
        phone: "50 123 4567",
        diagnosedYear: "2016",
        steroidDose: "7.5",
        [`q.${SLUG}.flaresLastYear`]: "3",
      },
    },
  ],
  "settings.ProfileForm": [
    {
      schema: settings.ProfileForm,
      payload: {
        intent: "profile",
        name: "Ali",
        phoneCountry: "IR",
        phone: "912 345 6789",
        language: "fa",
        timeZone: "Asia/Tehran",
      },
      fields: { phone: "912 345 6789" },
    },
  ],
  "settings.SettingsForm": [
    {
      schema: settings.SettingsForm,
      payload: {
        intent: "profile",
        name: "Ali",
        phoneCountry: "IR",
        phone: "912 345 6789",
        language: "fa",
        timeZone: "Asia/Tehran",
      },
      fields: { phone: "912 345 6789" },
    },
  ],
};

/** Schemas (and schema factories) without a numeric or date field. */
const NO_NUMBERS = new Set([
  "aftercare.ResolveForm",
  "quote.VoidForm",
  "booking.BookStepForm",
  "booking.MoveForm",
  "booking.CancelForm",
  "booking.ScheduleForm",
  "booking.ConsultForm",
  "booking.WindowForm",
  "booking.RescheduleForm",
  "itinerary.DeleteItemForm",
  "itinerary.ApproveForm",
  "itinerary.RejectForm",
  "resources.CreateResourceForm",
  "resources.DeleteTimeOffForm",
  "resources.ActiveForm",
  "auth.LoginForm",
  "auth.MagicLinkForm",
  "auth.SignInLinkForm",
  "case.StageForm",
  "case.AssignForm",
  "case.NoteForm",
  "case.MessageForm",
  "case.RequestInfoForm",
  "case.DecideForm",
  "case.PlanForm",
  "case.CaseForm",
  "data-rights.ErasureForm",
  "enquiry.ConfirmLinkForm",
  "enquiry.PendingChoiceForm",
  "erasure.FullCopyForm",
  "erasure.EraseForm",
  "erasure.ErasureForm",
  "outbox.RetryForm",
  "portal-case.MessageForm",
  "portal-case.UploadForm",
  "portal-case.PatientCaseForm",
  "quote.StartForm",
  "quote.RefundExcessForm",
  "quote.AcceptForm",
  "quote.DeclineForm",
  "quote.QuestionForm",
  "quote.PayForm",
  "quote.PatientQuoteForm",
  "settings.WithdrawForm",
  // Field pieces (covered through the forms above).
  "quote.formKey",
  "quote.recordId",
  "quote.checkbox",
  "quote.lineName",
]);

function setAt(payload: Payload, dotted: string, value: string): Payload {
  const copy = structuredClone(payload);
  const keys = dotted.split(".");
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
}

describe("native digits in every form (app/forms)", () => {
  it("lists every schema app/forms exports", () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(MODULES).sort()).toEqual(files.sort());
    const exported = Object.entries(MODULES).flatMap(([mod, exports]) =>
      Object.entries(exports)
        .filter(
          ([name, value]) =>
            value instanceof z.ZodType || (typeof value === "function" && /Form$/.test(name)),
        )
        .map(([name]) => `${mod}.${name}`),
    );
    const listed = new Set([...Object.keys(NUMERIC), ...NO_NUMBERS]);
    expect(exported.filter((name) => !listed.has(name))).toEqual([]);
  });

  for (const [name, rows] of Object.entries(NUMERIC)) {
    rows.forEach((row, i) => {
      for (const [field, typed] of Object.entries(row.fields)) {
        for (const system of ["arab", "persian"] as const) {
          it(`${name} #${i} ${field}: "${nativeOf(typed, system)}" reads as "${typed.replace(/,/g, "")}"`, () => {
            // ASCII input takes no grouping commas; the native "٬" is read as one.
            const plain = typed.replace(/,/g, "");
            const ascii = row.schema.safeParse(setAt(row.payload, field, plain));
            expect(ascii.error?.issues ?? []).toEqual([]);
            const native = row.schema.safeParse(setAt(row.payload, field, nativeOf(typed, system)));
            expect(native.error?.issues ?? []).toEqual([]);
            expect(native.data).toEqual(ascii.data);
          });
        }
      }
    });
  }
});

describe("normalizeDigits", () => {
  it("reads both native systems and the Arabic separators", () => {
    expect(normalizeDigits("١٬٢٣٤٫٥٠")).toBe("1234.50");
    expect(normalizeDigits("۱۲۳")).toBe("123");
    expect(normalizeDigits("۲۰۲۶-۱۲-۲۰")).toBe("2026-12-20");
    expect(normalizeDigits("abc 12")).toBe("abc 12");
  });
});
