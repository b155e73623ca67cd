/**
 * "Native digits are accepted" in every form: each numeric or date field of every schema in
 * app/forms reads Arabic-Indic (٠–٩) and Persian (۰–۹) digits, with the Arabic decimal "٫" and
 * thousands "٬" separators where amounts are read, exactly as it reads ASCII digits.
 *
 * Two checks. The walk (first) needs no list of fields: it takes every schema app/forms exports
 * (a schema factory with sample arguments), finds every field in it, and tries each field as
 * the form gate parses it (coerceForm, app/infra/forms.server.ts) with typed values in ASCII
 * and in both native systems. A field that takes letters must take native digits; a field that
 * takes no letters but some ASCII number, day or time must read the native one as the same
 * value. So a new numeric field without the normalisation fails here by itself. The table
 * (second) parses whole forms, where fields are read together (a stay's start and end).
 */
import fs from "node:fs";
import path from "node:path";
import { configureCoercion } from "@conform-to/zod/v4/future";
import { z } from "zod";
import { coerceForm } from "~/infra/forms.server";
import { normalizeDigits } from "~/lib/digits";
import { percentBp } from "./quote";
import { QUESTIONNAIRES } from "~/lib/questionnaires";
import * as account from "./account";
import * as aftercare from "./aftercare";
import * as auth from "./auth";
import * as booking from "./booking";
import * as kase from "./case";
import * as catalogue from "./catalogue";
import * as consent from "./consent";
import * as clinicSettings from "./clinic-settings";
import * as dataRights from "./data-rights";
import * as enquiry from "./enquiry";
import * as erasure from "./erasure";
import * as handover from "./handover";
import * as inbox from "./inbox";
import * as inboundLeads from "./inbound-leads";
import * as insurance from "./insurance";
import * as itinerary from "./itinerary";
import * as outbox from "./outbox";
import * as pipeline from "./pipeline";
import * as notifications from "./notifications";
import * as outcomesEditor from "./outcomes-editor";
import * as passport from "./passport";
import * as portalCase from "./portal-case";
import * as prices from "./prices";
import * as questionnaire from "./questionnaire";
import * as quote from "./quote";
import * as resources from "./resources";
import * as settings from "./settings";
import * as site from "./site";
import * as tasks from "./tasks";
import * as team from "./team";
import * as translations from "./translations";

const MODULES: Record<string, Record<string, unknown>> = {
  account,
  aftercare,
  auth,
  booking,
  case: kase,
  catalogue,
  "clinic-settings": clinicSettings,
  // Issue 25: the signing forms and the consent text editor have no number or date field.
  consent,
  "data-rights": dataRights,
  enquiry,
  erasure,
  handover,
  inbox,
  "inbound-leads": inboundLeads,
  insurance,
  itinerary,
  outbox,
  pipeline,
  notifications,
  "outcomes-editor": outcomesEditor,
  passport,
  "portal-case": portalCase,
  prices,
  questionnaire,
  quote,
  resources,
  settings,
  site,
  tasks,
  team,
  translations,
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

const outcomesPayload: Payload = {
  intent: "save",
  proms: [{ key: "pain", min: "0", max: "10", step: "1", worse: "up", threshold: "2" }],
  markers: [
    {
      key: "crp",
      unit: "mg/L",
      worse: "up",
      min: "0",
      max: "1000",
      plausibleLow: "0",
      plausibleHigh: "500",
      referenceHigh: "5",
      threshold: "10",
    },
  ],
  schedule: [{ duration: "P3M" }],
};
const outcomesFields = {
  "proms.0.max": "10",
  "proms.0.threshold": "2.5",
  "markers.0.plausibleHigh": "500",
  "markers.0.referenceHigh": "5",
  "markers.0.threshold": "12.5",
  "schedule.0.duration": "P3M",
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
  "outcomes-editor.SaveOutcomesForm": [
    {
      schema: outcomesEditor.SaveOutcomesForm,
      payload: outcomesPayload,
      fields: outcomesFields,
    },
  ],
  "outcomes-editor.OutcomesEditorForm": [
    {
      schema: outcomesEditor.OutcomesEditorForm,
      payload: outcomesPayload,
      fields: outcomesFields,
    },
  ],
  "booking.AppointmentsForm": [
    {
      schema: booking.AppointmentsForm,
      payload: { intent: "window", week: "2026-12-07" },
      fields: { week: "2026-12-07" },
    },
  ],
  "insurance.StaffPolicyForm": [
    {
      schema: insurance.StaffPolicyForm,
      payload: {
        intent: "savePolicy",
        kind: "COMPLICATION",
        insurer: "Anadolu Sigorta",
        policyNumber: "AS-2027-0042",
        coversFrom: "2027-03-01",
        coversUntil: "2027-03-05",
      },
      fields: { coversFrom: "2027-03-01", coversUntil: "2027-03-05", policyNumber: "AS-2027-0042" },
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
  "questionnaire.SaveQuestionForm": [
    {
      schema: questionnaire.SaveQuestionForm,
      payload: {
        intent: "save",
        id: "crpLevel",
        type: "number",
        label_en: "Your latest CRP",
        min: "0",
        max: "300",
        flagAbove: "100",
        flagBelow: "0",
      },
      fields: { min: "0", max: "300", flagAbove: "100.5", flagBelow: "1" },
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

function setAt(payload: Payload, dotted: string, value: string): Payload {
  const copy = structuredClone(payload);
  const keys = dotted.split(".");
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
}

// ------------------------------------------------------------------ the walk over every field

/** Sample arguments for each schema factory app/forms exports; a new factory needs a row. */
const FACTORIES: Record<string, (factory: (...args: never[]) => unknown) => unknown[]> = {
  "itinerary.itemForm": (f) => [
    f({ clinicZone: "Europe/Istanbul", now: new Date(today) } as never),
  ],
  "itinerary.travelForm": (f) => [
    f({ clinicZone: "Europe/Istanbul", now: new Date(today) } as never),
  ],
  "prices.priceListForm": (f) => ["en", "fa", "tr"].map((l) => f("EUR" as never, l as never)),
  "quote.staffQuoteForm": (f) => ["en", "ar", "fa"].map((l) => f(l as never, today as never)),
};

/** Every schema app/forms exports (a factory once per sample), by "module.Export". */
function allSchemas(): [string, z.ZodType][] {
  return Object.entries(MODULES).flatMap(([mod, exports]) =>
    Object.entries(exports).flatMap(([name, value]): [string, z.ZodType][] => {
      const id = `${mod}.${name}`;
      if (value instanceof z.ZodType) return [[id, value]];
      if (typeof value !== "function" || !/Form$/.test(name)) return [];
      const samples = FACTORIES[id];
      if (!samples) throw new Error(`${id}: a schema factory without sample arguments (FACTORIES)`);
      return samples(value as (...args: never[]) => unknown).map(
        (schema, i): [string, z.ZodType] => {
          if (!(schema instanceof z.ZodType)) throw new Error(`${id} made no schema`);
          return [`${id}#${i}`, schema];
        },
      );
    }),
  );
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "catch",
  "readonly",
  "nonoptional",
]);

/** What a field is read as: the schema under its wrappers, pipes and preprocessing. */
function core(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return core(def.innerType as z.ZodType);
  if (def.type === "lazy") return core((def.getter as () => z.ZodType)());
  if (def.type === "pipe") {
    const input = def.in as z.ZodType;
    // z.preprocess(fn, schema) is a pipe from a transform: the field is what follows it.
    return core(defOf(input).type === "transform" ? (def.out as z.ZodType) : input);
  }
  return schema;
}

const CONTAINERS = new Set(["object", "array", "union", "intersection", "record", "tuple"]);
/** Fields whose values are chosen, never typed: nothing to read digits from. */
const CHOSEN = new Set(["enum", "literal", "boolean", "file", "never", "null", "undefined"]);

interface Field {
  path: string;
  schema: z.ZodType;
}

/** Every field of a schema, by dotted path ("lines.0.quantity"), as the outermost schema there. */
function fieldsOf(schema: z.ZodType, path: string[] = [], out: Field[] = []): Field[] {
  const inner = core(schema);
  const def = defOf(inner);
  if (!CONTAINERS.has(def.type)) {
    if (!CHOSEN.has(def.type)) out.push({ path: path.join("."), schema });
    return out;
  }
  switch (def.type) {
    case "object":
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>))
        fieldsOf(value, [...path, key], out);
      break;
    case "array":
      fieldsOf(def.element as z.ZodType, [...path, "0"], out);
      break;
    case "tuple":
      (def.items as z.ZodType[]).forEach((item, i) => fieldsOf(item, [...path, String(i)], out));
      break;
    case "union":
      for (const option of def.options as z.ZodType[]) fieldsOf(option, path, out);
      break;
    case "intersection":
      fieldsOf(def.left as z.ZodType, path, out);
      fieldsOf(def.right as z.ZodType, path, out);
      break;
    case "record":
      fieldsOf(def.valueType as z.ZodType, [...path, "*"], out);
      break;
  }
  return out;
}

/** What people type into number, amount, day and time fields (ASCII; each is tried natively). */
const PROBES = [
  "0",
  "1",
  "3",
  "7",
  "14",
  "20",
  "65",
  "150",
  "999",
  "1200",
  "2016",
  "0.85",
  "1.0825",
  "7.5",
  "12.5",
  "22.5",
  "1500.50",
  "20%",
  "2026-12-20",
  "2027-01-04",
  "1988-03-21",
  "2031-06-30",
  "2026-07-01T15:00",
  "09:00-17:00",
  "09:30",
  "K12345678",
  "+90 532 123 45 67",
  "912 345 6789",
  "492 817",
  // A bank account (the clinic's settings): an IBAN with its check digits, a BIC with a branch.
  "TR33 0006 1005 1978 6457 8413 26",
  "TGBATRIS001",
  "P3M",
  // A case number (linking a WhatsApp or SMS message to its case).
  "MT-2026-000042",
];

/** Letters, codes and names, which a text or code field takes and a number field does not. */
const LETTERS = ["Clinic", "night", "SA", "EUR", "Europe/Istanbul"];

/**
 * Fields that take neither letters nor any probe, because nobody types them: each is named with
 * what it is. Anything else that refuses both is taken for a number field no probe fits, and
 * fails until a probe is added for it.
 */
const NOT_TYPED: Record<string, string> = {
  "enquiry:email": "an email address",
  "auth:email": "an email address",
  "site:email": "the clinic's email address",
  "team:email": "a colleague's email address",
  "account:session": "a session's reference, from the page's list",
  "booking:slot": "a free slot, picked from the page's list (resource@instant)",
  "notifications:notification": "a notification's id, from the page's list",
  "handover:marker": "a lab marker's key, picked from the page's list",
};

const sameAs = (
  a: { success: boolean; data?: unknown },
  b: { success: boolean; data?: unknown },
) => (a.success && b.success ? b.data : a);

describe("the walk: every field of every form takes native digits", () => {
  const schemas = allSchemas();

  it("finds the forms and their fields", () => {
    const count = schemas.reduce((n, [, schema]) => n + fieldsOf(schema).length, 0);
    expect(schemas.length).toBeGreaterThan(60);
    expect(count).toBeGreaterThan(150);
  });

  for (const [name, schema] of schemas) {
    const fields = fieldsOf(schema);
    if (fields.length === 0) continue;
    it(`${name}: ${[...new Set(fields.map((f) => f.path))].join(", ")}`, () => {
      const problems: string[] = [];
      const seen = new Set<z.ZodType>();
      for (const field of fields) {
        if (seen.has(field.schema)) continue;
        seen.add(field.schema);
        const read = coerceForm(field.schema);
        const textField = LETTERS.some((letters) => read.safeParse(letters).success);
        const taken = PROBES.filter((p) => read.safeParse(p).success);
        const where = `${name.replace(/#\d+$/, "")}:${field.path}`;
        if (!textField && taken.length === 0 && !NOT_TYPED[`${name.split(".")[0]}:${field.path}`]) {
          problems.push(`${where}: takes no letters and no probe; add a probe that fits it`);
        }
        for (const ascii of taken) {
          const plain = read.safeParse(ascii);
          for (const system of ["arab", "persian"] as const) {
            const typed = nativeOf(ascii, system);
            const native = read.safeParse(typed);
            if (!native.success) {
              problems.push(`${where}: "${ascii}" is taken, "${typed}" refused`);
            } else if (!textField) {
              // A number, day or time field reads the native figure as the ASCII one.
              try {
                expect(native.data).toEqual(sameAs(native, plain));
              } catch {
                problems.push(`${where}: "${typed}" reads ${JSON.stringify(native.data)}`);
              }
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("finds a number field the gate reads as z.number(), and reads it natively", () => {
    const read = coerceForm(z.object({ n: z.number(), d: z.date() }));
    expect(read.parse({ n: "٢٠١٩", d: "۲۰۲۶-۱۲-۲۰" })).toEqual({
      n: 2019,
      d: new Date("2026-12-20"),
    });
    // Without the gate's coercion, the same schema refuses them: the walk would see it.
    const { coerceFormValue } = configureCoercion();
    expect(coerceFormValue(z.object({ n: z.number() })).safeParse({ n: "٢٠١٩" }).success).toBe(
      false,
    );
  });

  it("every number question of every programme's questionnaire takes native digits", () => {
    let checked = 0;
    for (const [slug, questions] of Object.entries(QUESTIONNAIRES)) {
      const answers = Object.fromEntries(
        questions.map((q) => [
          q.id,
          q.type === "yesno" ? "no" : q.type === "choice" ? q.options[0]! : String(q.min),
        ]),
      );
      const payload = { ...enquiryPayload, programme: slug, q: { [slug]: answers } };
      const ascii = coerceForm(enquiry.EnquiryForm).safeParse(payload);
      expect(ascii.error?.issues ?? [], slug).toEqual([]);
      for (const q of questions) {
        if (q.type !== "number") continue;
        for (const value of [q.min, q.max, Math.round((q.min + q.max) / 2)]) {
          for (const system of ["arab", "persian"] as const) {
            const typed = nativeOf(String(value), system);
            const native = coerceForm(enquiry.EnquiryForm).safeParse({
              ...payload,
              q: { [slug]: { ...answers, [q.id]: typed } },
            });
            expect(native.error?.issues ?? [], `${slug}.${q.id} ${typed}`).toEqual([]);
            expect(native.data?.q, `${slug}.${q.id} ${typed}`).toEqual({
              [slug]: { ...answers, [q.id]: String(value) },
            });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});

describe("native digits in every form (app/forms)", () => {
  it("imports every module of app/forms", () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(MODULES).sort()).toEqual(files.sort());
  });

  it("has a whole-form example for each listed schema", () => {
    const names = new Set(allSchemas().map(([name]) => name.replace(/#\d+$/, "")));
    expect(Object.keys(NUMERIC).filter((name) => !names.has(name))).toEqual([]);
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
    // What Intl writes in Arabic and Persian, copied back into a field: signs and marks.
    expect(normalizeDigits("٢٠٪")).toBe("20%");
    expect(normalizeDigits("\u200e\u2212۱٬۲۳۴٫۵")).toBe("-1234.5");
    expect(normalizeDigits("\u061c-١٬٢٣٤٫٥")).toBe("-1234.5");
    for (const lng of ["fa", "ar-SA"]) {
      const typed = new Intl.NumberFormat(lng).format(-1234.5);
      expect(Number(normalizeDigits(typed)), `${lng}: ${typed}`).toBe(-1234.5);
    }
  });

  it("reads a percentage with its sign on either side", () => {
    expect(percentBp(normalizeDigits("٢٠٪"))).toBe(2000);
    expect(percentBp("%20")).toBe(2000);
    expect(percentBp("12,5 %")).toBe(1250);
    expect(percentBp("%20%")).toBeNull();
    expect(percentBp("101")).toBeNull();
  });
});
