/**
 * No WhatsApp or SMS message carries health data (issue 24, THE RULE): a message says that
 * something is waiting; the content stays behind sign-in.
 *
 * 1. Every registered template in every language: its words hold each declared variable and no
 *    other placeholder, and, rendered with realistic values, none of the catalogue's words (a
 *    programme's name, condition or summary, a step's name or description, in every language),
 *    none of the questionnaire's wording, none of the demo patients' conditions, and no word of
 *    the kind "lupus", "SLE", "stem cell" or "infusion" in any of the seven languages.
 * 2. checkMessageParams refuses a variable the template does not declare and a value that is
 *    not of its variable's shape (a message's words where a date belongs, a diagnosis where a
 *    case number belongs).
 * 3. The whole flow: an opted-in patient's case, its health data all marked, is taken through
 *    messages both ways, a request for information, stage changes with reasons, bookings, a move
 *    and a cancellation; every queued message is checked for the marks and for the case's own
 *    words.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { LOCALES } from "~/i18n/config";
import { renderMessage } from "~/infra/messages.server";
import { formatDateTime } from "~/lib/format";
import {
  CHANNEL_CONSENT_PURPOSE,
  CHANNEL_CONSENT_VERSION,
  checkMessageParams,
  MESSAGE_TEMPLATES,
  type MessageTemplate,
} from "~/lib/message-templates";
import { sendPatientMessage } from "~/models/cases/portal.server";
import { changeStage } from "~/models/cases/stage.server";
import { messagePatient, requestMoreInfo } from "~/models/cases/workspace.server";
import {
  bookPlanStep,
  cancelAppointment,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import { PATIENTS, PROGRAMMES } from "../prisma/seed-data";
import { PROGRAMME_TEXTS } from "../prisma/catalogue/texts";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { createCase, createStaff } from "./support/factories";
import { acceptedCase } from "./support/finance";

const TEMPLATES = Object.keys(MESSAGE_TEMPLATES) as MessageTemplate[];
const APP = () => env().APP_URL.replace(/\/$/, "");

function localeFile(lng: string, ns: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(path.join(process.cwd(), "locales", lng, `${ns}.json`), "utf8"),
  ) as Record<string, unknown>;
}

/** Every string anywhere under `value`. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * Phrases of the catalogue and the questionnaire, in every language. Short ones (an answer
 * such as "1" or "Yes") say nothing of health on their own and would match anything.
 */
const HEALTH_PHRASES = [
  ...PROGRAMMES.flatMap((p) => [
    p.name,
    p.condition,
    p.summary,
    ...p.steps.flatMap((s) => [s.name, s.description]),
  ]),
  ...Object.values(PROGRAMME_TEXTS).flatMap((file) => stringsIn(file)),
  ...PATIENTS.map((p) => p.condition),
  ...LOCALES.flatMap((lng) => stringsIn(localeFile(lng, "enquiry").questions)),
].filter((phrase) => phrase.trim().length >= 8);

/**
 * Words of conditions and treatments in the seven languages. Latin and Cyrillic ones are
 * matched at the start of a word (so "Infusionen" and "волчанке" count); Arabic and Persian
 * ones anywhere, as their words take joined prefixes (للذئبة). The abbreviations are matched
 * as capitals only: "les" is an ordinary French word, "LES" is lupus.
 */
const HEALTH_WORDS = [
  // en
  "lupus",
  "stem cell",
  "infusion",
  "mesenchymal",
  "arthritis",
  "osteoarthritis",
  "diagnos",
  "injection",
  "prednisolone",
  "nephritis",
  // tr
  "kök hücre",
  "infüzyon",
  "mezenkimal",
  "artrit",
  "tanı",
  "enjeksiyon",
  // de
  "stammzell",
  "infusion",
  "mesenchymal",
  "arthrose",
  "diagnose",
  "injektion",
  // ru
  "волчан",
  "стволов",
  "инфузи",
  "мезенхимал",
  "артрит",
  "артроз",
  "диагноз",
  "инъекци",
  // fr
  "cellules souches",
  "perfusion",
  "mésenchymat",
  "arthrite",
  "diagnostic",
  // ar
  "الذئبة",
  "ذئبة",
  "الجذعية",
  "تسريب",
  "التهاب المفاصل",
  "تشخيص",
  "حقن",
  // fa
  "لوپوس",
  "بنیادی",
  "تزریق",
  "مزانشیمی",
  "آرتریت",
  "آرتروز",
  "تشخیص",
];
const HEALTH_ABBREVIATIONS = ["SLE", "MSC", "LES", "CSM", "СКВ", "МСК", "RA", "OA"];

/** What of health data `text` holds, by the lists above (empty when none). */
function healthIn(text: string): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const phrase of HEALTH_PHRASES) {
    if (lower.includes(phrase.toLowerCase())) found.push(phrase);
  }
  for (const word of HEALTH_WORDS) {
    const w = word.toLowerCase();
    const joined = /[\u0600-\u06FF]/.test(w);
    const at = joined
      ? lower.includes(w)
      : new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").test(lower);
    if (at) found.push(word);
  }
  for (const abbr of HEALTH_ABBREVIATIONS) {
    if (new RegExp(`(^|[^\\p{L}])${abbr}($|[^\\p{L}])`, "u").test(text)) found.push(abbr);
  }
  return found;
}

/** Realistic values for a template's variables, as the code that sends it makes them. */
function valuesFor(template: MessageTemplate, lng: string): Record<string, string> {
  const at = new Date("2027-03-01T06:30:00Z");
  const all: Record<string, string> = {
    caseNumber: "MT-2026-000042",
    link: `${APP()}/portal/cases/cm0abcdefghijklmnop1234/appointments`,
    when: formatDateTime(at, lng, "Asia/Tehran"),
    clinicWhen: ` (${formatDateTime(at, lng, "Europe/Istanbul")})`,
    code: "482913",
  };
  return Object.fromEntries(MESSAGE_TEMPLATES[template].map((v) => [v, all[v]!]));
}

describe("every message template in every language", () => {
  it("has words in every locale's emails.json (messages.<template>)", () => {
    for (const lng of LOCALES) {
      const messages = localeFile(lng, "emails").messages as Record<string, unknown>;
      for (const template of TEMPLATES) {
        expect(typeof messages?.[template], `${lng}: messages.${template}`).toBe("string");
      }
    }
  });

  it.each(TEMPLATES)("%s: holds every declared variable and no other placeholder", (template) => {
    const declared = MESSAGE_TEMPLATES[template] as readonly string[];
    for (const lng of LOCALES) {
      const raw = (localeFile(lng, "emails").messages as Record<string, string>)[template]!;
      const used = [...raw.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]);
      for (const v of declared) expect(used, `${lng}: {{${v}}} in ${template}`).toContain(v);
      for (const v of used) expect(declared, `${lng}: undeclared {{${v}}}`).toContain(v);
      // Nothing but i18next's own interpolation: no $t() nesting that could pull in other words.
      expect(raw).not.toMatch(/\$t\(/);
    }
  });

  it.each(TEMPLATES)(
    "%s: rendered with realistic values, holds them and no health data",
    (template) => {
      for (const lng of LOCALES) {
        const values = valuesFor(template, lng);
        const text = renderMessage(template, lng, values as never);
        expect(text, `${lng} ${template}`).not.toMatch(/\{\{|\}\}/);
        // Every value as given (not escaped, not lost); then the words around them are checked.
        let words = text;
        for (const [key, value] of Object.entries(values)) {
          expect(text, `${lng} ${template}: ${key}`).toContain(value);
          words = words.replace(value, " ");
        }
        expect(healthIn(words), `${lng} ${template}: ${text}`).toEqual([]);
      }
    },
  );

  it("the checks see health data where it is (they are not blind)", () => {
    expect(healthIn("Ihre Infusionen beginnen")).toEqual(["infusion", "infusion"]);
    expect(healthIn("درمان لوپوس")).toContain("لوپوس");
    expect(healthIn("للذئبة الحمامية")).toContain("ذئبة");
    expect(healthIn("при волчанке")).toContain("волчан");
    expect(healthIn("pour le lupus (LES)")).toEqual(["lupus", "LES"]);
    expect(healthIn("Comprehensive workup booked")).toContain("Comprehensive workup");
    expect(healthIn("Do you need dialysis?")).toContain("Do you need dialysis?");
    // Ordinary words that merely contain the letters are not flagged.
    expect(healthIn("les rendez-vous; sleep; classes")).toEqual([]);
  });
});

describe("checkMessageParams", () => {
  it("refuses a variable the template does not declare", () => {
    expect(() =>
      checkMessageParams("case_update", {
        caseNumber: "MT-2026-000042",
        link: `${APP()}/portal/cases/x`,
        body: "How are you feeling after the infusion?",
      }),
    ).toThrow(/undeclared variable body/);
    expect(() =>
      checkMessageParams("appointment_booked", {
        caseNumber: "MT-2026-000042",
        link: `${APP()}/portal/cases/x`,
        step: "Intravenous infusions",
      }),
    ).toThrow(/undeclared/);
  });

  it("refuses a value that is not of its variable's shape", () => {
    const link = `${APP()}/portal/cases/x`;
    // A message's words where a date belongs.
    const body =
      "Dear patient,\nyour lupus flared again; please bring your kidney results to the infusion.";
    expect(() =>
      checkMessageParams("appointment_reminder", { when: body, clinicWhen: "", link }),
    ).toThrow(/when has an unexpected shape/);
    expect(() =>
      checkMessageParams("appointment_reminder", { when: "x".repeat(81), clinicWhen: "", link }),
    ).toThrow(/when has an unexpected shape/);
    // A diagnosis where a case number belongs, words where a link belongs, a code with words.
    expect(() =>
      checkMessageParams("case_update", { caseNumber: "Lupus nephritis class III", link }),
    ).toThrow(/caseNumber has an unexpected shape/);
    expect(() =>
      checkMessageParams("case_update", { caseNumber: "MT-2026-000042", link: "see your SLE" }),
    ).toThrow(/link has an unexpected shape/);
    expect(() => checkMessageParams("phone_code", { code: "12345 infusion" })).toThrow(
      /code has an unexpected shape/,
    );
    // A missing one too; and renderMessage checks the same before anything is written.
    expect(() => checkMessageParams("case_update", { caseNumber: "MT-2026-000042" })).toThrow(
      /missing variable link/,
    );
    expect(() =>
      renderMessage("case_update", "en", { caseNumber: "MT-2026-000042", link: body }),
    ).toThrow(/unexpected shape/);
  });
});

// --- the whole flow ------------------------------------------------------------------------

const MARK = "ZQXMARK";

beforeEach(async () => {
  await resetDatabase();
});

/** The patient opted in to WhatsApp and SMS with a proved number. */
async function optIn(patientId: string, locale: string) {
  await db.user.update({
    where: { id: patientId },
    data: { phone: "+905321234567", phoneVerifiedAt: new Date() },
  });
  for (const purpose of Object.values(CHANNEL_CONSENT_PURPOSE)) {
    await db.consent.create({
      data: { userId: patientId, purpose, version: CHANNEL_CONSENT_VERSION, locale },
    });
  }
}

/** Health data of the case, each marked: the programme, the enquiry, the condition summary. */
async function markHealth(kase: { id: string; programmeId: string }) {
  await db.programme.update({
    where: { id: kase.programmeId },
    data: {
      name: `${MARK} Mesenchymal stem cell therapy for lupus`,
      condition: `${MARK} SLE`,
      summary: `${MARK} summary`,
    },
  });
  await db.case.update({
    where: { id: kase.id },
    data: { conditionSummary: `${MARK} lupus nephritis class III, prednisolone 10 mg` },
  });
  await db.enquiry.create({
    data: {
      caseId: kase.id,
      programmeId: kase.programmeId,
      locale: "en",
      diagnosis: `${MARK} diagnosis`,
      medication: `${MARK} medication`,
    },
  });
}

/** What no message may hold: the marks, and every health word of the case as written. */
async function assertNoHealthInMessages(caseId: string, written: string[]) {
  const messages = await db.outboxMessage.findMany({ where: { caseId } });
  for (const m of messages) {
    for (const stored of [m.text, m.params]) {
      expect(stored).not.toContain(MARK);
      for (const w of written) expect(stored).not.toContain(w);
    }
    const params = JSON.parse(m.params) as Record<string, string>;
    expect(Object.keys(params).sort()).toEqual(
      [...MESSAGE_TEMPLATES[m.template as MessageTemplate]].sort(),
    );
    // The link goes into the portal, behind sign-in.
    if (params.link) expect(params.link.startsWith(`${APP()}/portal/cases/${caseId}`)).toBe(true);
    let words = m.text;
    for (const value of Object.values(params)) words = words.replace(value, " ");
    expect(healthIn(words), m.text).toEqual([]);
  }
  return messages;
}

describe("the whole flow of an opted-in patient", () => {
  it("an enquiry through messages, a request for information and stage changes: no health data in any message", async () => {
    const staff = await createStaff();
    const { kase, patient } = await createCase({ locale: "fa" });
    await optIn(patient.id, "fa");
    await markHealth(kase);
    const coordinator = { id: staff.coordinator.id, role: "COORDINATOR" as const };
    const written = [
      `${MARK} request: please send your latest kidney biopsy`,
      `${MARK} patient: my lupus flared again after the steroid taper`,
      `${MARK} staff: your infusion dose will be adjusted`,
      `${MARK} reason: creatinine too high`,
      `${MARK} reopen: new biopsy results`,
    ];
    await requestMoreInfo(kase.id, coordinator, ["RECORDS"], written[0]!, sentForm());
    await sendPatientMessage(patient.id, kase.id, written[1]!, sentForm());
    await messagePatient(kase.id, coordinator, written[2]!, sentForm());
    await changeStage({ caseId: kase.id, to: "MEDICAL_REVIEW", actor: coordinator });
    await db.case.update({
      where: { id: kase.id },
      data: { eligibility: "NOT_ELIGIBLE", eligibilityReason: written[3] },
    });
    const clinician = { id: staff.clinician.id, role: "CLINICIAN" as const };
    await changeStage({
      caseId: kase.id,
      to: "NOT_ELIGIBLE",
      actor: clinician,
      reason: written[3],
    });
    await changeStage({
      caseId: kase.id,
      to: "MEDICAL_REVIEW",
      actor: clinician,
      reason: written[4],
    });

    const messages = await assertNoHealthInMessages(kase.id, written);
    // Both channels for: the request, the staff message, and three stage changes.
    expect(messages).toHaveLength(2 * 5);
    expect(new Set(messages.map((m) => m.template))).toEqual(new Set(["case_update"]));
    expect(new Set(messages.map((m) => m.locale))).toEqual(new Set(["fa"]));
  });

  it("bookings, a move, a cancellation and the case cancelled: no health data in any message", async () => {
    const made = await acceptedCase();
    await optIn(made.patient.id, "ru");
    await markHealth(made.kase);
    const chair = await db.resource.create({
      data: {
        name: "Chair 1",
        type: "CHAIR",
        hours: {
          create: [1, 2, 3, 4, 5].map((weekday) => ({
            weekday,
            startMinute: 480,
            endMinute: 1080,
          })),
        },
      },
    });
    const stepNames = [`${MARK} Intravenous infusion 1`, `${MARK} Intravenous infusion 2`];
    const steps: { id: string }[] = [];
    for (const [i, name] of stepNames.entries()) {
      steps.push(
        await db.treatmentPlanStep.create({
          data: {
            caseId: made.kase.id,
            position: i + 2,
            name,
            notes: `${MARK} notes`,
            resourceType: "CHAIR",
            durationMinutes: 60,
          },
        }),
      );
    }
    const actorId = made.staff.coordinator.id;
    const book = (i: number, startsAt: string) =>
      bookPlanStep({
        caseId: made.kase.id,
        planStepId: steps[i]!.id,
        resourceId: chair.id,
        startsAt: new Date(startsAt),
        actorId,
        formKey: sentForm(),
      });
    const a = await book(0, "2027-03-01T06:00:00Z");
    await book(1, "2027-03-02T06:00:00Z");
    // The batch went out; then a move and a cancellation each send their own.
    await db.outboxEmail.updateMany({ data: { status: "SENT" } });
    await rescheduleAppointment({
      caseId: made.kase.id,
      appointmentId: a.id,
      resourceId: chair.id,
      startsAt: new Date("2027-03-04T06:00:00Z"),
      actorId,
      formKey: sentForm(),
    });
    await cancelAppointment({ caseId: made.kase.id, appointmentId: a.id, actorId });
    const reason = `${MARK} cancelled: the patient's SLE flared`;
    await changeStage({
      caseId: made.kase.id,
      to: "CANCELLED",
      actor: { id: actorId, role: "COORDINATOR" },
      reason,
    });

    const messages = await assertNoHealthInMessages(made.kase.id, [...stepNames, reason]);
    const templates = messages.map((m) => m.template);
    // Per channel: the batch and the move (appointments), the cancellation and the stage.
    expect(templates.filter((t) => t === "appointment_booked")).toHaveLength(2 * 2);
    expect(templates.filter((t) => t === "case_update")).toHaveLength(2 * 2);
  });
});
