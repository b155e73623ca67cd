/**
 * Issue 20 §5: staff text a patient reads, in a language the patient does not read, is flagged
 * before it is sent (ADR 025). A class test over every staff form:
 *  - every (staff route, intent) a POST can ask for is either in PATIENT_TEXT_FORMS (its free
 *    text reaches the patient) or listed below as staff-only, with the reason; a new staff form
 *    that is neither fails the first test;
 *  - for each form and each of its listed fields, text in English for a patient who reads
 *    Persian is not sent: 409, the warning names both languages and the patient, what was typed
 *    comes back, and nothing is stored or emailed. "Send anyway" (the confirm token) sends it.
 *    Persian text for the same patient is sent at once.
 */
import fs from "node:fs";
import type { FormReply } from "~/components/form";
import { db } from "~/db.server";
import { FORM_KEY } from "~/infra/forms.server";
import { LANGUAGE_CONFIRM, PATIENT_TEXT_FORMS, type PatientTextForm } from "~/lib/patient-language";
import { recordManualPayment } from "~/models/finance/payments.server";
import { startDraft } from "~/models/finance/quotes.server";
import { uploadPassport } from "~/models/travel/travel.server";
import { changeStage } from "~/models/cases/stage.server";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { createCase, createStaff } from "./support/factories";
import { png } from "./support/files";
import { acceptedCase, eligibleCase } from "./support/finance";
import { call, cookieFor, type Outcome } from "./support/requests";
import { builtInOutcomes } from "~/lib/outcomes";

type Module = Record<string, unknown>;
type Handler = Parameters<typeof call>[0];

const routeModules = import.meta.glob<Module>("../app/routes/staff*.{ts,tsx}");
const formModules = import.meta.glob<Module>("../app/forms/*.ts");
const SCHEMA_FACTORIES: Record<string, unknown[]> = {
  staffQuoteForm: ["en"],
  priceListForm: ["EUR", "en"],
  travelForm: [{ clinicZone: "Europe/Istanbul" }],
  outcomesFormFor: [builtInOutcomes(2)],
  aftercareFormFor: [builtInOutcomes(2)],
};

/** Every staff (route, intent) a POST may ask for, read from the routes and their schemas. */
async function staffIntents(): Promise<string[]> {
  const found: string[] = [];
  const files = fs.readdirSync("app/routes").filter((f) => /^staff.*\.tsx?$/.test(f));
  for (const file of files.filter((f) => !f.includes(".test."))) {
    const mod = await routeModules[`../app/routes/${file}`]!();
    if (typeof mod.action !== "function") continue;
    const source = fs.readFileSync(`app/routes/${file}`, "utf8");
    // Every form the action reads (a page may have more than one, each with its own intents).
    const reads = [...source.matchAll(/readSubmission\(\s*request,\s*([\w$]+)(\()?/g)];
    if (!reads.length) {
      found.push(`${file}#*`);
      continue;
    }
    for (const read of reads) {
      let name = read[1]!;
      let made = Boolean(read[2]);
      const local = new RegExp(`const ${name}\\s*=\\s*([\\w$]+)\\(`).exec(source);
      if (!made && local) [name, made] = [local[1]!, true];
      const from = [...source.matchAll(/import\s*\{([^}]+)\}\s*from\s*"~\/forms\/([\w-]+)"/g)].find(
        (m) =>
          m[1]!
            .split(",")
            .map((s) => s.replace(/^\s*type\s+/, "").trim())
            .includes(name),
      );
      expect(from, `${file}: where does ${name} come from?`).toBeDefined();
      let schema = (await formModules[`../app/forms/${from![2]}.ts`]!())[name];
      if (made) {
        expect(SCHEMA_FACTORIES[name], `add how to make ${name}()`).toBeDefined();
        schema = (schema as (...a: unknown[]) => unknown)(...SCHEMA_FACTORIES[name]!);
      }
      const values = (schema as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod
        .propValues?.intent;
      const intents = values ? [...values].filter((v): v is string => typeof v === "string") : [];
      if (!intents.length) found.push(`${file}#*`);
      for (const intent of intents) found.push(`${file}#${intent}`);
    }
  }
  return found.sort();
}

/** Staff forms whose free text the patient never reads, and why. */
const STAFF_ONLY: Record<string, string> = {
  "staff.cases.$caseId_.tasks.tsx#create":
    "a task's title is for staff; its emails name only the case (issue 22)",
  "staff.cases.$caseId_.tasks.tsx#complete": "the note on a done task is for staff only",
  "staff.cases.$caseId_.tasks.tsx#reopen": "no free text",
  "staff.cases.$caseId_.tasks.tsx#reassign": "no free text",
  "staff.tasks.tsx#complete": "the note on a done task is for staff only",
  "staff.tasks.tsx#reopen": "no free text",
  "staff.cases.$caseId.tsx#stage":
    "the reason for a stage change stays on the staff timeline; it is never emailed or shown in the portal",
  "staff.cases.$caseId.tsx#assign": "no free text",
  "staff.cases._index.tsx#bulk":
    "a bulk stage move's reason stays on the staff timeline like the case page's; assignment has no free text",
  "staff.cases._index.tsx#saveView": "a saved view's name is the member's own",
  "staff.cases._index.tsx#renameView": "a saved view's name is the member's own",
  "staff.cases._index.tsx#deleteView": "no free text",
  "staff.inbox.tsx#assign": "no free text",
  "staff.cases.$caseId_.travel.tsx#savePolicy":
    "an insurance policy's insurer, number and procedures are as the policy writes them, not words to the patient",
  "staff.cases.$caseId_.travel.tsx#removePolicy": "no free text",
  "staff.catalogue.tsx#programmeInsurance": "no free text",
  "staff.inbox.tsx#done": "no free text",
  "staff.inbox.tsx#reopen": "no free text",
  "staff.inbox.tsx#unread": "no free text",
  "staff.inbox_.leads.tsx#link": "a case number; the text put on the case is the patient's own",
  "staff.inbox_.leads.tsx#dismiss": "no free text",
  "staff.cases.$caseId.tsx#note": "an internal note",
  "staff.cases.$caseId.tsx#fitToFly":
    "the clinician's fit-to-fly note is for the coordinator: no patient page or message shows it",
  "staff.cases.$caseId.tsx#fitToFlyRevoke": "no free text",
  "staff.cases.$caseId.tsx#decide":
    "the patient is shown the structured reason (translated), never the clinician's words",
  "staff.cases.$caseId_.aftercare.tsx#labs": "numbers only",
  "staff.cases.$caseId_.aftercare.tsx#resolve": "the resolution note is staff-only (data rights)",
  "staff.cases.$caseId_.aftercare.tsx#handover":
    "the handover pack is for the home doctor as much as the patient and is always printed in English beside the patient's language, so clinical text in English is expected there (issue 25)",
  "staff.cases.$caseId_.quote.tsx#start": "no free text",
  "staff.cases.$caseId_.quote.tsx#draft":
    "a saved draft is not sent; its note and lines are checked when it is issued",
  "staff.cases.$caseId_.quote.tsx#record": "the payment's note is shown to staff only",
  "staff.cases.$caseId_.quote.tsx#refund":
    "the refund's reason is kept for staff; the credit note prints a set sentence",
  "staff.cases.$caseId_.quote.tsx#refundExcess": "no free text (a set sentence)",
  "staff.cases.$caseId_.schedule.tsx#book": "no free text",
  "staff.cases.$caseId_.schedule.tsx#move": "no free text",
  "staff.cases.$caseId_.schedule.tsx#cancel": "no free text",
  "staff.calendar.tsx#book": "no free text",
  "staff.calendar.tsx#move": "no free text",
  "staff.calendar.tsx#cancel": "no free text",
  "staff.cases.$caseId_.travel.tsx#deleteItem": "no free text",
  "staff.cases.$caseId_.travel.tsx#approve": "no free text",
  "staff.erasure.tsx#fullCopy": "no free text",
  "staff.erasure.tsx#erase": "no free text for a patient",
  "staff.finance.prices.tsx#items":
    "the price list is catalogue content, translated per language (ADR 024), not one patient's",
  "staff.finance.prices.tsx#rates": "numbers only",
  "staff.finance.prices.tsx#names":
    "catalogue content, written in each language in its own field (ADR 024), not one patient's",
  "staff.catalogue_.$programmeId.outcomes.tsx#save":
    "the programme's outcome set: catalogue content with words per language in their own fields (ADR 028), not one patient's",
  "staff.catalogue_.$programmeId.outcomes.tsx#publish": "no free text",
  "staff.catalogue_.$programmeId.outcomes.tsx#discard": "no free text",
  "staff.catalogue.tsx#programme":
    "catalogue content, written in each language in its own field (ADR 024), not one patient's",
  "staff.catalogue.tsx#step":
    "catalogue content, written in each language in its own field (ADR 024), not one patient's",
  "staff.catalogue_.$programmeId.questionnaire.tsx#save":
    "questionnaire content, written in each language in its own field (ADR 024), not one patient's",
  "staff.catalogue_.$programmeId.consent.tsx#save":
    "the consent text, written in each language separately, not one patient's",
  "staff.catalogue_.$programmeId.consent.tsx#remove": "no free text",
  "staff.catalogue_.$programmeId.consent.tsx#publish": "no free text",
  "staff.catalogue_.$programmeId.consent.tsx#discard": "no free text",
  "staff.catalogue_.$programmeId.questionnaire.tsx#move": "no free text",
  "staff.catalogue_.$programmeId.questionnaire.tsx#remove": "no free text",
  "staff.catalogue_.$programmeId.questionnaire.tsx#publish": "no free text",
  "staff.catalogue_.$programmeId.questionnaire.tsx#discard": "no free text",
  "staff.resources.tsx#names":
    "catalogue content, written in each language in its own field (ADR 024), not one patient's",
  "staff.outbox._index.tsx#retry": "no free text",
  "staff.outbox._index.tsx#retryMessage": "no free text",
  "staff_.invite.$token.tsx#*": "a new member of staff choosing their password: no free text",
  "staff.resources.tsx#create": "a resource's name, for staff",
  "staff.resources.tsx#hours": "no free text",
  "staff.resources.tsx#timeOff": "time off is staff-only",
  "staff.resources.tsx#deleteTimeOff": "no free text",
  "staff.resources.tsx#active": "no free text",
  "staff.team.tsx#invite": "a staff invitation: no patient reads it",
  "staff.team.tsx#resendInvite": "a staff invitation: no patient reads it",
  "staff.team.tsx#revokeInvite": "no free text",
  "staff.team.tsx#role": "no free text",
  "staff.team.tsx#deactivate": "no free text",
  "staff.team.tsx#reactivate": "no free text",
  "staff.team.tsx#resetTotp": "no free text; the email goes to a member of staff",
  "staff.account.tsx#endSession": "no free text",
  "staff.account.tsx#endOthers": "no free text",
  "staff.notifications.tsx#open": "no free text",
  "staff.notifications.tsx#readAll": "no free text",
  "staff.notifications_.settings.tsx#choices": "no free text: a choice per kind",
  "staff.notifications_.settings.tsx#phone": "one's own phone number: nothing goes to a patient",
  "staff.notifications_.settings.tsx#sendCode": "no free text: a code to one's own number",
  "staff.notifications_.settings.tsx#confirmCode": "no free text: a six-digit code",
  "staff.notifications_.settings.tsx#whatsapp": "no free text: a toggle",
  "staff.site.tsx#clinic": "public pages, written per language, not for one patient",
  "staff.clinic.tsx#settings":
    "codes, names and numbers (zone, currencies, bank account), no prose",
  "staff.clinic.tsx#reminders": "numbers of hours, no prose",
  "staff.site.tsx#doctor": "public pages, written per language, not for one patient",
  "staff.site.tsx#newDoctor": "public pages, written per language, not for one patient",
  "staff.site.tsx#faq": "public pages, written per language, not for one patient",
  "staff.site.tsx#newFaq": "public pages, written per language, not for one patient",
  "staff.catalogue.tsx#newProgramme":
    "catalogue content, written in each language in its own field (ADR 024), not one patient's",
  "staff.catalogue.tsx#newStep":
    "catalogue content, written in each language in its own field (ADR 024), not one patient's",
  "staff.catalogue.tsx#stepSettings": "no free text",
  "staff.catalogue.tsx#programmeActive": "no free text",
  "staff.catalogue.tsx#stepRetired": "no free text",
  "staff.catalogue.tsx#moveProgramme": "no free text",
  "staff.catalogue.tsx#moveStep": "no free text",
  "staff.catalogue.tsx#deleteStep": "no free text",
};

const ENGLISH = "Please bring your passport and the latest blood test results to the clinic.";
const PERSIAN = "لطفاً گذرنامه و آخرین نتایج آزمایش خون خود را به کلینیک بیاورید.";
const PATIENT = "Leyla Ahmadi";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The patient of `caseId` reads Persian. */
async function readsPersian(caseId: string) {
  const kase = await db.case.findUniqueOrThrow({ where: { id: caseId } });
  await db.user.update({ where: { id: kase.patientId }, data: { locale: "fa", name: PATIENT } });
}

async function formKeyOf(
  loader: Handler,
  path: string,
  params: Record<string, string>,
  cookie: string,
) {
  const page = await call(loader, { path, params, cookie });
  return (page.data as { formKey: string }).formKey;
}

interface Scenario {
  file: string;
  path: string;
  params: Record<string, string>;
  cookie: string;
  /** The form with `text` in `field` (a fresh key each time). */
  body: (field: string, text: string) => Promise<URLSearchParams>;
  /** How many of what the form makes (a message, an issued quote…) hold `text`. */
  made: (text: string) => Promise<number>;
}

const CASE_FILE = "staff.cases.$caseId.tsx";

async function casePage(
  role: "coordinator" | "clinician",
  review = false,
): Promise<Scenario & { caseId: string }> {
  const staff = await createStaff();
  const made = await createCase({ coordinatorId: staff.coordinator.id });
  if (review) {
    await changeStage({
      caseId: made.kase.id,
      to: "MEDICAL_REVIEW",
      actor: { id: staff.coordinator.id, role: "COORDINATOR" },
    });
  }
  await readsPersian(made.kase.id);
  const path = `/staff/cases/${made.kase.id}`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(staff[role].id);
  const route = await import("~/routes/staff.cases.$caseId");
  const key = () => formKeyOf(route.loader as Handler, path, params, cookie);
  return {
    caseId: made.kase.id,
    file: CASE_FILE,
    path,
    params,
    cookie,
    body: async () => new URLSearchParams({ [FORM_KEY]: await key() }),
    made: async () => 0,
  };
}

const SCENARIOS: Record<PatientTextForm, () => Promise<Scenario>> = {
  "staff.inbox.tsx#reply": async () => {
    const c = await casePage("coordinator");
    const item = await db.inboxItem.create({ data: { caseId: c.caseId, kind: "MESSAGE" } });
    const path = `/staff/inbox?item=${item.id}`;
    const route = await import("~/routes/staff.inbox");
    return {
      ...c,
      file: "staff.inbox.tsx",
      path,
      params: {},
      body: async (_f, text) =>
        new URLSearchParams({
          [FORM_KEY]: await formKeyOf(route.loader as Handler, path, {}, c.cookie),
          intent: "reply",
          item: item.id,
          body: text,
        }),
      made: (text) =>
        db.caseEvent.count({ where: { caseId: c.caseId, type: "MESSAGE", body: text } }),
    };
  },
  "staff.cases.$caseId.tsx#message": async () => {
    const c = await casePage("coordinator");
    return {
      ...c,
      body: async (_f, text) => {
        const b = await c.body("", "");
        b.set("intent", "message");
        b.set("body", text);
        return b;
      },
      made: (text) =>
        db.caseEvent.count({ where: { caseId: c.caseId, type: "MESSAGE", body: text } }),
    };
  },
  "staff.cases.$caseId.tsx#requestInfo": async () => {
    const c = await casePage("clinician", true);
    return {
      ...c,
      body: async (_f, text) => {
        const b = await c.body("", "");
        b.set("intent", "requestInfo");
        b.set("kinds", "LABS");
        b.set("body", text);
        return b;
      },
      made: (text) =>
        db.caseEvent.count({ where: { caseId: c.caseId, type: "INFO_REQUESTED", body: text } }),
    };
  },
  "staff.cases.$caseId.tsx#plan": async () => {
    const c = await casePage("clinician", true);
    return {
      ...c,
      body: async (field, text) => {
        const b = await c.body("", "");
        b.set("intent", "plan");
        b.set("steps[0].include", "on");
        b.set("steps[0].name", "Workup");
        b.set("steps[1].include", "on");
        b.set("steps[1].name", "Infusion");
        b.set(field === "steps[].name" ? "steps[1].name" : "steps[0].notes", text);
        return b;
      },
      made: (text) =>
        db.treatmentPlanStep.count({
          where: { caseId: c.caseId, OR: [{ name: text }, { notes: text }] },
        }),
    };
  },
  "staff.cases.$caseId_.quote.tsx#issue": async () => {
    const made = await eligibleCase();
    await readsPersian(made.kase.id);
    const draft = await startDraft(made.kase.id, made.finance);
    const q = await quotePage(made);
    const lines = await db.quoteLine.findMany({
      where: { quoteId: draft.id },
      orderBy: { position: "asc" },
    });
    return {
      ...q,
      body: async (field, text) => {
        const fields: Record<string, string> = {
          intent: "issue",
          [FORM_KEY]: await q.key(),
          quoteId: draft.id,
          currency: "GBP",
          depositPercent: "20",
          balanceDueDays: "14",
          validUntil: inDays(20),
        };
        lines.forEach((l, i) =>
          Object.assign(fields, {
            [`lines[${i}].priceItemId`]: l.priceItemId ?? "",
            [`lines[${i}].itemKey`]: l.itemKey ?? "",
            [`lines[${i}].name`]: l.name,
            [`lines[${i}].included`]: l.included ? "on" : "",
            [`lines[${i}].quantity`]: String(l.quantity),
            [`lines[${i}].unitPrice`]: (l.unitPriceMinor / 100).toFixed(2),
            [`lines[${i}].taxRule`]: l.taxRule,
          }),
        );
        if (field === "note") fields.note = text;
        if (field === "new.name") {
          Object.assign(fields, {
            "new.name": text,
            "new.quantity": "1",
            "new.unitPrice": "40.00",
          });
        }
        if (field === "lines[].name") {
          // A line of finance's own: its name is what the patient reads.
          Object.assign(fields, {
            "lines[0].name": text,
            "lines[0].priceItemId": "",
            "lines[0].itemKey": "",
          });
        }
        return new URLSearchParams(fields);
      },
      made: (text) =>
        db.quote.count({
          where: {
            caseId: made.kase.id,
            status: { not: "DRAFT" },
            OR: [{ note: text }, { lines: { some: { name: text } } }],
          },
        }),
    };
  },
  "staff.cases.$caseId_.quote.tsx#void": async () => {
    const made = await acceptedCase();
    await readsPersian(made.kase.id);
    const paid = await recordManualPayment(made.kase.id, made.finance, {
      kind: "DEPOSIT",
      method: "BANK_TRANSFER",
      amountMinor: 100_00,
      reference: "TR-77",
    });
    const q = await quotePage(made);
    return {
      ...q,
      body: async (_f, text) =>
        new URLSearchParams({
          intent: "void",
          paymentId: paid.id,
          reason: text,
          [FORM_KEY]: await q.key(),
        }),
      made: (text) => db.payment.count({ where: { id: paid.id, voidReason: text } }),
    };
  },
  "staff.cases.$caseId_.travel.tsx#item": async () => {
    const made = await acceptedCase();
    await readsPersian(made.kase.id);
    const t = await travelPage(made);
    return {
      ...t,
      body: async (_f, text) =>
        new URLSearchParams({
          intent: "item",
          kind: "HOTEL",
          fromPlace: "Şişli Park Residence",
          start: `${inDays(20)}T15:00`,
          end: `${inDays(24)}T11:00`,
          note: text,
          [FORM_KEY]: await t.key(),
        }),
      made: (text) => db.itineraryItem.count({ where: { caseId: made.kase.id, note: text } }),
    };
  },
  "staff.cases.$caseId_.travel.tsx#reject": async () => {
    const made = await acceptedCase();
    await readsPersian(made.kase.id);
    const documentId = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "PASSPORT",
      file: { name: "p.png", bytes: png() },
      data: {
        holderName: "LEYLA AHMADI",
        nationality: "IR",
        documentNumber: "K12345678",
        birthDate: new Date("1985-01-01T00:00:00Z"),
        expiresOn: new Date("2036-01-01T00:00:00Z"),
      },
      formKey: sentForm(),
    });
    const t = await travelPage(made);
    return {
      ...t,
      body: async (_f, text) =>
        new URLSearchParams({ intent: "reject", documentId, reason: "UNREADABLE", note: text }),
      made: (text) =>
        db.document.count({ where: { id: documentId, status: "REJECTED", rejectNote: text } }),
    };
  },
};

async function quotePage(made: { kase: { id: string }; staff: { finance: { id: string } } }) {
  const route = await import("~/routes/staff.cases.$caseId_.quote");
  const path = `/staff/cases/${made.kase.id}/quote`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(made.staff.finance.id);
  return {
    file: "staff.cases.$caseId_.quote.tsx",
    path,
    params,
    cookie,
    key: () => formKeyOf(route.loader as Handler, path, params, cookie),
  };
}

async function travelPage(made: { kase: { id: string }; staff: { coordinator: { id: string } } }) {
  const route = await import("~/routes/staff.cases.$caseId_.travel");
  const path = `/staff/cases/${made.kase.id}/travel`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(made.staff.coordinator.id);
  return {
    file: "staff.cases.$caseId_.travel.tsx",
    path,
    params,
    cookie,
    key: () => formKeyOf(route.loader as Handler, path, params, cookie),
  };
}

async function post(s: Scenario, body: URLSearchParams): Promise<Outcome> {
  const mod = await routeModules[`../app/routes/${s.file}`]!();
  return call(mod.action as Handler, {
    path: s.path,
    params: s.params,
    cookie: s.cookie,
    form: body,
  });
}

const warningOf = (o: Outcome) => (o.data as FormReply | null)?.language;

beforeEach(async () => {
  await resetDatabase();
});

describe("every staff form whose text a patient reads checks its language", () => {
  it("knows every staff form: checked, or staff-only with a reason", async () => {
    const intents = await staffIntents();
    const listed = [...Object.keys(PATIENT_TEXT_FORMS), ...Object.keys(STAFF_ONLY)].sort();
    const unknown = intents.filter((i) => !listed.includes(i));
    expect(unknown, "a staff form is neither checked (PATIENT_TEXT_FORMS) nor staff-only").toEqual(
      [],
    );
    expect(
      listed.filter((i) => !intents.includes(i)),
      "listed forms that no longer exist",
    ).toEqual([]);
  });

  for (const [form, fields] of Object.entries(PATIENT_TEXT_FORMS) as [
    PatientTextForm,
    readonly string[],
  ][]) {
    for (const field of fields) {
      it(`${form} (${field}): English for a Persian reader is held; "Send anyway" sends it`, async () => {
        const s = await SCENARIOS[form]();
        const emails = await db.outboxEmail.count();
        const held = await post(s, await s.body(field, ENGLISH));
        expect(held.status).toBe(409);
        expect(warningOf(held)).toMatchObject({ detected: ["en"], reader: "fa", patient: PATIENT });
        // Everything typed comes back.
        expect(JSON.stringify((held.data as FormReply).result.initialValue)).toContain(ENGLISH);
        expect(await s.made(ENGLISH)).toBe(0);
        expect(await db.outboxEmail.count()).toBe(emails);

        const body = await s.body(field, ENGLISH);
        body.set(LANGUAGE_CONFIRM, warningOf(held)!.confirm);
        const sent = await post(s, body);
        expect(warningOf(sent)).toBeUndefined();
        expect(sent.status, JSON.stringify(sent.data)).toBeLessThan(400);
        expect(await s.made(ENGLISH)).toBe(1);
      });

      it(`${form} (${field}): Persian for a Persian reader is sent at once`, async () => {
        const s = await SCENARIOS[form]();
        const sent = await post(s, await s.body(field, PERSIAN));
        expect(warningOf(sent)).toBeUndefined();
        expect(sent.status, JSON.stringify(sent.data)).toBeLessThan(400);
        expect(await s.made(PERSIAN)).toBe(1);
      });
    }
  }
});

describe("the confirmation", () => {
  it("covers exactly the text it was given for: an edited text is checked again", async () => {
    const s = await SCENARIOS["staff.cases.$caseId.tsx#message"]();
    const held = await post(s, await s.body("body", ENGLISH));
    const edited = await s.body("body", `${ENGLISH} See you soon at the clinic in Istanbul.`);
    edited.set(LANGUAGE_CONFIRM, warningOf(held)!.confirm);
    const again = await post(s, edited);
    expect(again.status).toBe(409);
    expect(warningOf(again)?.confirm).not.toBe(warningOf(held)!.confirm);
    const forged = await s.body("body", ENGLISH);
    forged.set(LANGUAGE_CONFIRM, "yes");
    expect((await post(s, forged)).status).toBe(409);
    expect(await db.caseEvent.count({ where: { type: "MESSAGE" } })).toBe(0);
  });

  it("sent anyway twice (the Back button, a fresh key) is a repeat: one message, one email", async () => {
    const s = await SCENARIOS["staff.cases.$caseId.tsx#message"]();
    const held = await post(s, await s.body("body", ENGLISH));
    const confirmed = async () => {
      const b = await s.body("body", ENGLISH);
      b.set(LANGUAGE_CONFIRM, warningOf(held)!.confirm);
      return b;
    };
    expect((await post(s, await confirmed())).status).toBe(200);
    const emails = await db.outboxEmail.count();
    const twice = await post(s, await confirmed());
    expect(twice.status).toBe(409);
    expect(warningOf(twice)).toBeUndefined();
    expect(await s.made(ENGLISH)).toBe(1);
    expect(await db.outboxEmail.count()).toBe(emails);
  });

  it("never holds text it cannot tell, nor a patient's own language", async () => {
    const s = await SCENARIOS["staff.cases.$caseId.tsx#message"]();
    for (const text of [
      "OK, see you",
      "TK 1984 IST 14:30",
      "Leyla Ahmadi",
      "https://clinic.example/a",
    ]) {
      const sent = await post(s, await s.body("body", text));
      expect(sent.status, text).toBe(200);
    }
  });
});
