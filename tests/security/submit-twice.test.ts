/**
 * Nothing happens twice (issue 19 §1). Every form that creates something is found from the
 * route files themselves: each route's action, the form schema it reads (app/forms) and the
 * intents that schema allows. Each intent is either a twice-case below or listed as not
 * creating, with the reason; a new route or intent that is neither fails the first test.
 *
 * A twice-case posts the same body twice, with the same form key, as a double click, a reload
 * that posts again or a second tab does: the first is done and empties its form (or moves on
 * to another page), the second is refused (409, or a translated refusal; never a 500), and
 * the stored data, the outbox and the document store hold the first one's effect only.
 */
import fs from "node:fs";
import type { FormReply } from "~/components/form";
import { db, dialect } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { LOCALES } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { createShareLink } from "~/models/handover/share.server";
import { messageForDelivery } from "~/infra/messages.server";
import { openSecret } from "~/infra/outbox.server";
import { startPhoneVerification } from "~/models/channels/phone.server";
import { addDays, dayIn, mondayOf } from "~/lib/schedule";
import { changeStage } from "~/models/cases/stage.server";
import { savePlan } from "~/models/cases/workspace.server";
import { recordManualPayment, startDepositCheckout } from "~/models/finance/payments.server";
import { issueQuote, startDraft } from "~/models/finance/quotes.server";
import { requestErasure } from "~/models/privacy/data-rights.server";
import { inviteStaff } from "~/models/staff/team.server";
import { bookConsultation, bookPlanStep, freeSlots } from "~/models/travel/booking.server";
import { uploadPassport } from "~/models/travel/travel.server";
import { slotValue } from "~/forms/booking";
import { demoPdf } from "../../prisma/demo-pdf";
import { resetDatabase } from "../support/db";
import { formKey as pageKey, lupusEnquiry, sentForm } from "../support/enquiry-form";
import { createCase, createStaff, createUser } from "../support/factories";
import { png, storedFiles } from "../support/files";
import { acceptedCase, eligibleCase } from "../support/finance";
import { call, cookieFor, formReply, type Outcome } from "../support/requests";
import { startStripeStub, type StripeStub } from "../support/stripe-stub";
import { builtInOutcomes } from "~/lib/outcomes";
import { currentConsent, ensureConsent } from "~/models/consent/consent.server";
import type { InboxKind } from "~/lib/inbox";

type Module = Record<string, unknown>;
type Handler = Parameters<typeof call>[0];

const routeFiles = fs
  .readdirSync("app/routes")
  .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."));
const routeModules = import.meta.glob<Module>("../../app/routes/*.{ts,tsx}");
const formModules = import.meta.glob<Module>("../../app/forms/*.ts");

// ------------------------------------------------------------------ the route list

/**
 * Form schemas made per request (their messages show bounds in the reader's language): how
 * to make one here. A route reading a new one fails until it is added.
 */
const SCHEMA_FACTORIES: Record<string, unknown[]> = {
  staffQuoteForm: ["en"],
  priceListForm: ["EUR", "en"],
  travelForm: [{ clinicZone: "Europe/Istanbul" }],
  // The enquiry form, checking answers against the questionnaire each programme asks now.
  enquiryFormFor: [() => undefined],
  followUpFormFor: [builtInOutcomes(2)],
  outcomesFormFor: [builtInOutcomes(2)],
  aftercareFormFor: [builtInOutcomes(2)],
  shareLabFormFor: [[{ key: "crp", min: 0, max: 1000 }]],
};

/** "*" stands for a route whose form has no intent (one form), or whose action reads none. */
const ONE_FORM = "*";

/**
 * Every (route, intent) a POST can ask for: the action's `readSubmission(request, Schema…)`,
 * the schema found where the route imports it from (app/forms), and the values its `intent`
 * may take (a discriminated union's, read from zod itself).
 */
async function routeIntents(): Promise<string[]> {
  const found: string[] = [];
  for (const file of routeFiles) {
    const mod = await routeModules[`../../app/routes/${file}`]!();
    if (typeof mod.action !== "function") continue;
    const source = fs.readFileSync(`app/routes/${file}`, "utf8");
    // Every form the action reads (a page may have more than one, each with its own intents).
    const reads = [...source.matchAll(/readSubmission\(\s*request,\s*([\w$]+)(\()?/g)];
    if (!reads.length) {
      found.push(`${file}#${ONE_FORM}`);
      continue;
    }
    for (const read of reads) {
      let name = read[1]!;
      let made = Boolean(read[2]);
      // `const schema = travelForm({...})` read a line above.
      const local = new RegExp(`const ${name}\\s*=\\s*([\\w$]+)\\(`).exec(source);
      if (!made && local) {
        name = local[1]!;
        made = true;
      }
      const from = [...source.matchAll(/import\s*\{([^}]+)\}\s*from\s*"~\/forms\/([\w-]+)"/g)].find(
        (m) =>
          m[1]!
            .split(",")
            .map((s) => s.replace(/^\s*type\s+/, "").trim())
            .includes(name),
      );
      expect(from, `${file}: where does ${name} come from?`).toBeDefined();
      const forms = await formModules[`../../app/forms/${from![2]}.ts`]!();
      let schema = forms[name];
      if (made) {
        const args = SCHEMA_FACTORIES[name];
        expect(args, `${file}: add how to make ${name}() to SCHEMA_FACTORIES`).toBeDefined();
        schema = (schema as (...a: unknown[]) => unknown)(...args!);
      }
      const values = (schema as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod
        .propValues?.intent;
      const intents = values ? [...values].filter((v): v is string => typeof v === "string") : [];
      if (intents.length === 0) found.push(`${file}#${ONE_FORM}`);
      for (const intent of intents) found.push(`${file}#${intent}`);
    }
  }
  return found.sort();
}

/** What a POST may ask for that creates nothing someone would be harmed by twice, and why. */
const NOT_CREATING: Record<string, string> = {
  "portal.cases.$caseId_.aftercare._index.tsx#revoke":
    "revokes one of the patient's share links; a second finds it revoked already",
  "login.tsx#*": "signs a member of staff in: each sign-in is its own session",
  "logout.tsx#*": "ends the session; a second finds none to end",
  "login_.code.tsx#*":
    "the second step of staff sign-in: a code's time step is taken once (replay guard), a recovery code is spent",
  "login_.enrol.tsx#*":
    "confirms the authenticator app once; a second finds it confirmed and is sent to the code step",
  "login_.forgot.tsx#*":
    "asks for a password-reset link: the newest voids the earlier ones; limited per address and per IP, answered alike for unknown addresses",
  "login_.reset.$token.tsx#*": "sets a new password from a link spent by the first use",
  "staff_.invite.$token.tsx#*":
    "creates the account from an invitation link spent by the first use; a second finds it used",
  "portal_.auth.tsx#*": "signs in with an emailed link, which is spent by the first use",
  "portal_.login.tsx#*":
    "asks for a sign-in link: each request is meant to send the newest link; limited per address and per IP, and answered alike for unknown addresses",
  "enquire_.confirm.tsx#discard":
    "deletes the held enquiry and its files; the link then confirms nothing",
  "portal.enquiries.tsx#discard": "deletes the held enquiry; a second finds it gone",
  "portal.settings.tsx#profile": "overwrites the patient's own profile in place",
  "staff.notifications_.settings.tsx#phone":
    "overwrites one's own phone number in place (a different one is unproved again)",
  "staff.notifications_.settings.tsx#whatsapp":
    "turns one's own first-reply reminder on WhatsApp on or off in place",
  "portal.cases.$caseId_.appointments.tsx#window":
    "sets the week the patient would like to start: the same week twice is the same state, and nobody is told",
  "staff.cases.$caseId_.schedule.tsx#cancel":
    "cancels a booked appointment; a second finds it cancelled (not found)",
  "staff.calendar.tsx#cancel":
    "cancels a booked appointment from the calendar; a second finds it cancelled (not found)",
  "staff.cases.$caseId_.travel.tsx#deleteItem": "deletes an itinerary entry",
  "staff.cases.$caseId_.travel.tsx#removePolicy":
    "marks an insurance policy removed; a second finds none on file (not found)",
  "staff.erasure.tsx#fullCopy": "downloads a copy of a patient's data; stores nothing",
  "staff.finance.prices.tsx#rates": "overwrites the exchange rates in place (one row a currency)",
  "staff.outbox._index.tsx#retry":
    "puts a failed email back in the queue; only a failed one is, so a second click finds none",
  "staff.outbox._index.tsx#retryMessage":
    "puts a failed WhatsApp or SMS message back in the queue; only a failed one is, so a second click finds none",
  "staff.resources.tsx#hours": "replaces a resource's weekly hours",
  "staff.resources.tsx#deleteTimeOff": "deletes time off",
  "staff.cases._index.tsx#renameView":
    "renames the member's own saved view in place; the same name again is the same state",
  "staff.cases._index.tsx#deleteView": "deletes a saved view; a second finds it gone (not found)",
  "staff.cases._index.tsx#bulk":
    "each case goes through its own writer: a stage move again finds the case at that stage (already), an assignment again finds it assigned; nothing is created twice",
  "staff.resources.tsx#active": "makes a resource bookable or not (a flag)",
  "staff.site.tsx#clinic": "overwrites the clinic's one record of public facts in place",
  "staff.clinic.tsx#settings": "overwrites the clinic's one row of settings in place",
  "staff.clinic.tsx#reminders":
    "overwrites each appointment kind's reminder times in place; the same times again change nothing",
  "staff.site.tsx#doctor": "overwrites a doctor's record and words in place",
  "staff.site.tsx#faq":
    "overwrites a public question's words, place and visibility in place; the same form again writes nothing (tests/site.test.tsx)",
  "staff.catalogue.tsx#programme":
    "overwrites a programme's words in place; the same words again write nothing (tests/catalogue.test.tsx)",
  "staff.catalogue.tsx#programmeInsurance":
    "overwrites a programme's two insurance flags in place; the same boxes again write nothing",
  "staff.catalogue.tsx#step":
    "overwrites a pathway step's words in place; the same words again write nothing",
  "staff.catalogue_.$programmeId.consent.tsx#save":
    "overwrites one language of the consent draft in place; the same text again leaves the same draft",
  "staff.catalogue_.$programmeId.consent.tsx#remove":
    "removes a language from the consent draft; a second finds it gone (409)",
  "staff.catalogue_.$programmeId.consent.tsx#publish":
    "publishes the one consent draft; a second finds no draft (409)",
  "staff.catalogue_.$programmeId.consent.tsx#discard":
    "deletes the one consent draft; a second finds none (409)",
  "staff.catalogue_.$programmeId.questionnaire.tsx#save":
    "writes one question into the draft by its key: a new key twice is refused the second time (duplicate), an edit overwrites in place",
  "staff.catalogue_.$programmeId.questionnaire.tsx#move":
    "moves a question one place in the draft; a double click moves it twice, which the list shows and one click undoes, and only the draft changes",
  "staff.catalogue_.$programmeId.questionnaire.tsx#remove":
    "removes a question from the draft; a second finds it gone",
  "staff.catalogue_.$programmeId.questionnaire.tsx#publish":
    "publishes the one draft; a second finds no draft (409)",
  "staff.catalogue_.$programmeId.questionnaire.tsx#discard":
    "deletes the one draft; a second finds none (409)",
  "staff.finance.prices.tsx#names":
    "overwrites a price item's names in place; the same names again write nothing",
  "staff.catalogue.tsx#stepSettings":
    "overwrites a step's resource type, duration and gap in place; the same again writes nothing",
  "staff.catalogue.tsx#programmeActive":
    "sets a programme offered or retired (a flag); the same again writes nothing",
  "staff.catalogue.tsx#stepRetired":
    "retires a step or brings it back (a flag); the same again writes nothing",
  "staff.catalogue.tsx#moveProgramme":
    "moves a programme from the place the page showed it at; a second click finds it moved and moves nothing (tests/catalogue-admin.test.ts)",
  "staff.catalogue.tsx#moveStep":
    "moves a step from the place the page showed it at; a second click finds it moved and moves nothing",
  "staff.catalogue.tsx#deleteStep": "deletes a step no plan holds; a second finds it gone",
  "staff.cases.$caseId.tsx#fitToFlyRevoke":
    "withdraws a fit-to-fly sign-off (a flag); a second finds it withdrawn (409)",
  "staff.resources.tsx#names":
    "overwrites a resource's names in place; the same names again write nothing",
  "staff.team.tsx#role":
    "overwrites a person's role in place; the same role again writes nothing (tests/staff-team.test.ts)",
  "staff.team.tsx#deactivate": "a flag: a second finds the account deactivated and writes nothing",
  "staff.team.tsx#reactivate": "a flag: a second finds the account active and writes nothing",
  "staff.team.tsx#resetTotp":
    "clears the second factor; a second finds nothing to reset, is refused and sends nothing",
  "staff.team.tsx#revokeInvite": "withdraws an invitation; a second finds none (not found)",
  "staff.account.tsx#endSession": "ends one of one's sessions; a second finds it gone",
  "staff.account.tsx#endOthers": "ends one's other sessions; a second finds none to end",
  "staff.notifications.tsx#open":
    "marks one's own notification read and goes to its case; a second finds it read",
  "staff.notifications.tsx#readAll": "marks one's unread notifications read; a second finds none",
  "staff.catalogue_.$programmeId.outcomes.tsx#save":
    "overwrites the programme's one draft outcome set in place; the same rows again write the same draft",
  "staff.catalogue_.$programmeId.outcomes.tsx#publish":
    "publishes the one draft; a second finds no draft and is refused (tests/outcomes-versions.test.ts)",
  "staff.catalogue_.$programmeId.outcomes.tsx#discard":
    "deletes the draft; a second finds none and is refused (tests/outcomes-versions.test.ts)",
  "staff.cases.$caseId_.tasks.tsx#reopen":
    "opens a done task again; a second finds it open and is refused (tests/tasks.test.ts)",
  "staff.cases.$caseId_.tasks.tsx#reassign":
    "hands a task to someone, from the holder the page showed; a second finds it handed over and changes nothing",
  "staff.tasks.tsx#reopen": "opens a done task again; a second finds it open and is refused",
  "staff.inbox.tsx#assign": "hands an item to someone in place; a second writes the same",
  "staff.inbox.tsx#done": "a flag on the item: a second finds it done and writes nothing",
  "staff.inbox.tsx#reopen": "clears the done flag: a second finds it open and writes nothing",
  "staff.inbox.tsx#unread": "deletes this reader's read mark; a second finds none to delete",
  "webhooks.stripe.ts#*":
    "Stripe's signed events: each is recorded by its id and handled once (tests/payments.test.ts)",
  "webhooks.whatsapp.ts#*":
    "Meta's signed webhooks: each message is recorded by its wamid and handled once (tests/channel-inbound.test.ts)",
  "webhooks.sms.ts#*":
    "Twilio's signed webhooks: each message is recorded by its sid and handled once (tests/channel-inbound.test.ts)",
  "staff.inbox_.leads.tsx#dismiss":
    "sets a lead aside: a second finds it handled (and its form key spent) and writes nothing",
};

// ------------------------------------------------------------------ the twice-cases

/** How a form is posted: by whom, where, with what body, and what its first post adds. */
interface Twice {
  cookie?: string;
  path: string;
  params?: Record<string, string>;
  body: URLSearchParams | FormData;
  /** Rows the first post adds, by table (at least these; the second adds none anywhere). */
  adds: Record<string, number>;
  /**
   * What the second post gets: refused as sent already (the default; by its form key, or by
   * the state the first left when the form has none), refused by that state before the key is
   * looked at ("state"), or, for a form that is idempotent by itself, the same answer as the
   * first ("same"). Never a 500, and never anything stored or sent again.
   */
  again?: "refused" | "state" | "same";
  /**
   * For a form whose second send finds its work done already (a stage move): the second is
   * answered as done, with this message (in the sender's language), not as an error.
   */
  doneAgain?: string;
  /**
   * What the same content sent again under a fresh key gets (the Back button, or the page
   * opened again): refused as a repeat (the default: "You sent exactly this a moment ago"),
   * or, where sending the same again is a meaningful new act and the form lets a repeat
   * through (ADR 021), refused by the state the first left ("state").
   */
  repeat?: "repeat" | "state";
  /**
   * For a form whose same content under a fresh key finds its work recorded already (a payment
   * from a second tab): answered as done with this message (the receipt), not as a repeat.
   */
  repeatDone?: () => Promise<string>;
}

type Case = () => Promise<Twice>;

let stripe: StripeStub;

/** A route's loader data, as the page is rendered for `cookie`. */
async function page(file: string, path: string, params: Record<string, string>, cookie?: string) {
  const mod = await routeModules[`../../app/routes/${file}`]!();
  const out = await call(mod.loader as Handler, { path, params, cookie });
  expect(out.status, `GET ${path}`).toBe(200);
  return out.data as Record<string, unknown>;
}

/** The form key the page renders (its loader's `formKey`, or `formKeys[name]`). */
async function keyOf(
  file: string,
  path: string,
  params: Record<string, string>,
  cookie?: string,
  name?: string,
): Promise<string> {
  const data = await page(file, path, params, cookie);
  const key = name ? (data.formKeys as Record<string, string>)[name] : data.formKey;
  expect(key, `${file} renders a form key`).toMatch(/^[0-9a-z]+-/);
  return key as string;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

function multipart(fields: Record<string, string>, files: Record<string, File>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [k, v] of Object.entries(files)) body.append(k, v);
  return body;
}

const pdf = (name: string) =>
  new File([new Uint8Array(demoPdf(name))], `${name}.pdf`, { type: "application/pdf" });

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A programme the public enquiry form offers. */
async function lupusProgramme() {
  return (
    (await db.programme.findUnique({ where: { slug: "lupus-msc" } })) ??
    db.programme.create({
      data: { slug: "lupus-msc", name: "MSC therapy for lupus", condition: "SLE", summary: "Demo" },
    })
  );
}

/** A held enquiry for `email` from an anonymous visitor: the emailed link's token. */
async function heldEnquiry(email: string) {
  await lupusProgramme();
  const { action } = await import("~/routes/enquire");
  const sent = await call(action as Handler, {
    path: "/enquire",
    form: lupusEnquiry("Anna Test", email),
    ip: "10.19.0.1",
  });
  expect(sent.status).toBe(302);
  const mail = await db.outboxEmail.findFirstOrThrow({
    where: { toEmail: email, template: "enquiry-confirm" },
    orderBy: { createdAt: "desc" },
  });
  return new URL(openSecret(mail.secret!)).searchParams.get("token")!;
}

/** Staff case page: a case in medical review with its plan, and a signed-in role. */
async function staffCase(role: "coordinator" | "clinician" | "admin", stage = "ENQUIRY") {
  const staff = await createStaff();
  const made = await createCase({ coordinatorId: staff.coordinator.id });
  if (stage === "MEDICAL_REVIEW") {
    await changeStage({
      caseId: made.kase.id,
      to: "MEDICAL_REVIEW",
      actor: { id: staff.coordinator.id, role: "COORDINATOR" },
    });
    await savePlan(
      made.kase.id,
      { id: staff.clinician.id, role: "CLINICIAN" },
      [{ name: "Workup" }],
      sentForm(),
    );
  }
  await db.outboxEmail.deleteMany({});
  const file = "staff.cases.$caseId.tsx";
  const path = `/staff/cases/${made.kase.id}`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(staff[role].id);
  return {
    ...made,
    staff,
    file,
    path,
    params,
    cookie,
    key: () => keyOf(file, path, params, cookie),
  };
}

/** The patient's case page, signed in as its patient. */
async function patientCase() {
  const staff = await createStaff();
  const made = await createCase({ coordinatorId: staff.coordinator.id });
  const file = "portal.cases.$caseId.tsx";
  const path = `/portal/cases/${made.kase.id}`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(made.patient.id);
  return { ...made, file, path, params, cookie };
}

/** The staff quote page of `made`, signed in as finance. */
async function staffQuote(made: { kase: { id: string }; staff: { finance: { id: string } } }) {
  const file = "staff.cases.$caseId_.quote.tsx";
  const path = `/staff/cases/${made.kase.id}/quote`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(made.staff.finance.id);
  return { file, path, params, cookie, key: () => keyOf(file, path, params, cookie) };
}

/** An issued quote, as the patient sees it. */
async function patientQuote() {
  const made = await eligibleCase();
  const draft = await startDraft(made.kase.id, made.finance);
  await issueQuote(draft.id, made.finance);
  await db.outboxEmail.deleteMany({});
  const file = "portal.cases.$caseId_.quote.tsx";
  const path = `/portal/cases/${made.kase.id}/quote`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(made.patient.id);
  const key = await keyOf(file, path, params, cookie);
  return { ...made, quoteId: draft.id, path, params, cookie, key };
}

/** A clinician chair and a clinician's diary, open on weekdays. */
async function resources() {
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    startMinute: 480,
    endMinute: 1080,
  }));
  const chair = await db.resource.create({
    data: { name: "Chair 1", type: "CHAIR", hours: { create: weekdays } },
  });
  const doctor = await db.resource.create({
    data: { name: "Dr. Test", type: "CLINICIAN", hours: { create: weekdays } },
  });
  return { chair, doctor };
}

/** Free slots three weeks on, for `minutes` on a resource of `type`. */
async function slots(type: "CHAIR" | "CLINICIAN", minutes: number) {
  const monday = addDays(mondayOf(dayIn(new Date(), "Europe/Istanbul")), 21);
  const free = await freeSlots({
    resourceType: type,
    durationMinutes: minutes,
    fromDay: monday,
    days: 5,
  });
  expect(free.length).toBeGreaterThan(2);
  return free;
}

/** A quoted patient's video consultation three weeks on, and their appointments page's key. */
async function bookedConsultation() {
  await resources();
  const made = await eligibleCase();
  await db.case.update({ where: { id: made.kase.id }, data: { stage: "QUOTED" } });
  const free = await slots("CLINICIAN", 30);
  const booked = await bookConsultation({
    patientId: made.patient.id,
    caseId: made.kase.id,
    resourceId: free[0]!.resourceId,
    startsAt: free[0]!.startsAt,
    formKey: sentForm(),
  });
  await db.outboxEmail.deleteMany({});
  const file = "portal.cases.$caseId_.appointments.tsx";
  const path = `/portal/cases/${made.kase.id}/appointments`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(made.patient.id);
  const key = await keyOf(file, path, params, cookie);
  return { free, booked, key, page: { path, params, cookie } };
}

/** An accepted case whose plan has an infusion on a chair, and the coordinator's schedule page. */
async function schedule() {
  await resources();
  const made = await acceptedCase();
  const step = await db.treatmentPlanStep.create({
    data: {
      caseId: made.kase.id,
      position: 2,
      name: "Infusion",
      resourceType: "CHAIR",
      durationMinutes: 180,
    },
  });
  const file = "staff.cases.$caseId_.schedule.tsx";
  const path = `/staff/cases/${made.kase.id}/schedule`;
  const params = { caseId: made.kase.id };
  const cookie = await cookieFor(made.staff.coordinator.id);
  return { ...made, step, file, path, params, cookie };
}

/** A case in aftercare: its follow-ups, the first (baseline) open now. */
async function aftercare() {
  const staff = await createStaff();
  const made = await createCase({ coordinatorId: staff.coordinator.id });
  await db.case.update({ where: { id: made.kase.id }, data: { stage: "IN_TREATMENT" } });
  await changeStage({
    caseId: made.kase.id,
    to: "AFTERCARE",
    actor: { id: staff.clinician.id, role: "CLINICIAN" },
  });
  await db.outboxEmail.deleteMany({});
  const baseline = await db.followUp.findFirstOrThrow({
    where: { caseId: made.kase.id, label: "BASELINE" },
  });
  return { ...made, staff, baseline };
}

const PASSPORT = {
  holderName: "IVAN IVANOV",
  nationality: "RU",
  documentNumber: "754812345",
  birthDate: "1980-01-01",
  expiresOn: "2036-01-01",
};

/** A passport waiting for the coordinator's review, and the staff travel page. */
async function passportToReview() {
  const made = await acceptedCase();
  const documentId = await uploadPassport({
    patientId: made.patient.id,
    caseId: made.kase.id,
    kind: "PASSPORT",
    file: { name: "p.png", bytes: png() },
    data: {
      ...PASSPORT,
      birthDate: new Date("1980-01-01T00:00:00Z"),
      expiresOn: new Date("2036-01-01T00:00:00Z"),
    },
    formKey: sentForm(),
  });
  await db.outboxEmail.deleteMany({});
  return {
    documentId,
    path: `/staff/cases/${made.kase.id}/travel`,
    params: { caseId: made.kase.id },
    cookie: await cookieFor(made.staff.coordinator.id),
  };
}

/** A card payment beyond what was due (two Checkout sessions both paid), for finance's one click. */
async function excessPayment() {
  const made = await acceptedCase();
  const { action: webhook } = await import("~/routes/webhooks.stripe");
  await startDepositCheckout(made.patient.id, made.kase.id, "en");
  await db.payment.updateMany({ where: { caseId: made.kase.id }, data: { checkoutKey: null } });
  await startDepositCheckout(made.patient.id, made.kase.id, "en");
  for (const p of await db.payment.findMany({ where: { caseId: made.kase.id } })) {
    const event = stripe.complete(p.stripeSessionId!);
    const res = await (webhook as Handler)({
      request: new Request("http://localhost/webhooks/stripe", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": event.signature },
        body: event.body,
      }),
      params: {},
      context: {},
    });
    expect((res as Response).status).toBe(200);
  }
  const excess = await db.payment.findFirstOrThrow({
    where: { caseId: made.kase.id, excessMinor: { gt: 0 } },
  });
  await db.outboxEmail.deleteMany({});
  return { ...made, excess };
}

/** The draft editor's body for `quoteId`, its lines as stored. */
async function editorBody(quoteId: string, intent: "draft" | "issue", key: string) {
  const lines = await db.quoteLine.findMany({
    where: { quoteId },
    orderBy: { position: "asc" },
  });
  const fields: Record<string, string> = {
    intent,
    [FORM_KEY]: key,
    quoteId,
    currency: "GBP",
    depositPercent: "20",
    balanceDueDays: "14",
    validUntil: inDays(20),
    "new.name": "Airport transfer",
    "new.quantity": "1",
    "new.unitPrice": "40.00",
  };
  lines.forEach((l, i) => {
    Object.assign(fields, {
      [`lines[${i}].name`]: l.name,
      [`lines[${i}].included`]: l.included ? "on" : "",
      [`lines[${i}].quantity`]: String(l.quantity),
      [`lines[${i}].unitPrice`]: (l.unitPriceMinor / 100).toFixed(2),
      [`lines[${i}].taxRule`]: l.taxRule,
    });
  });
  return form(fields);
}

/**
 * What a patient sends lands in the staff inbox (issue 22): each of these forms opens exactly
 * one inbox item of this kind, in its own transaction; every other form opens none, and no
 * form opens a second one when sent again.
 */
const INBOX_ITEMS: Record<string, InboxKind> = {
  "enquire_.confirm.tsx#confirm": "ENQUIRY",
  "portal.enquiries.tsx#confirm": "ENQUIRY",
  "portal.cases.$caseId.tsx#message": "MESSAGE",
  "portal.cases.$caseId.tsx#upload": "UPLOAD",
  "portal.cases.$caseId_.quote.tsx#question": "QUOTE_QUESTION",
  "portal.cases.$caseId_.appointments.tsx#reschedule": "RESCHEDULE",
  "portal.cases.$caseId_.travel.tsx#*": "UPLOAD",
  "portal.cases.$caseId_.aftercare.$followUpId.tsx#*": "ANSWERS",
  "portal.settings.tsx#withdraw": "CONSENT",
};

const TWICE: Record<string, Case> = {
  // ---- the public enquiry and its confirmation
  "enquire.tsx#*": async () => {
    await lupusProgramme();
    const body = lupusEnquiry("Anna Test", "anna.twice@example.com");
    body.set(FORM_KEY, await keyOf("enquire.tsx", "/enquire", {}));
    return {
      path: "/enquire",
      body,
      adds: { PendingEnquiry: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },
  "enquire_.confirm.tsx#confirm": async () => {
    const token = await heldEnquiry("new.patient@example.com");
    return {
      path: "/enquire/confirm",
      body: form({ token, intent: "confirm" }),
      adds: { User: 1, Case: 1, Enquiry: 1 },
    };
  },
  "portal.enquiries.tsx#confirm": async () => {
    const made = await createCase();
    await heldEnquiry(made.patient.email);
    const pending = await db.pendingEnquiry.findFirstOrThrow();
    return {
      path: "/portal/enquiries",
      cookie: await cookieFor(made.patient.id),
      body: form({ intent: "confirm", id: pending.id }),
      adds: { Enquiry: 1 },
    };
  },

  // ---- the patient's case, quote, appointments, travel, aftercare and data
  "portal.cases.$caseId.tsx#message": async () => {
    const p = await patientCase();
    const key = await keyOf(p.file, p.path, p.params, p.cookie, "message");
    return {
      ...p,
      body: form({ intent: "message", body: "Is the hotel close?", [FORM_KEY]: key }),
      adds: { CaseEvent: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId.tsx#upload": async () => {
    const p = await patientCase();
    const key = await keyOf(p.file, p.path, p.params, p.cookie, "upload");
    return {
      ...p,
      body: multipart({ intent: "upload", [FORM_KEY]: key }, { files: pdf("labs") }),
      adds: { Document: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.quote.tsx#accept": async () => {
    const q = await patientQuote();
    return {
      ...q,
      body: form({
        intent: "accept",
        quoteId: q.quoteId,
        terms: "yes",
        typedName: "Test Patient",
        method: "TYPED",
        [FORM_KEY]: q.key,
      }),
      adds: { CaseEvent: 1, FormSubmission: 1, SignedConsent: 1 },
    };
  },
  "portal.cases.$caseId_.consent.tsx#sign": async () => {
    const made = await createCase();
    const text = { title: "Consent", sections: [{ heading: "Risks", body: "Fever." }] };
    await ensureConsent(made.programme.id, { en: text });
    await db.case.update({ where: { id: made.kase.id }, data: { stage: "SCHEDULED" } });
    const consent = (await currentConsent(made.programme.id))!;
    const file = "portal.cases.$caseId_.consent.tsx";
    const path = `/portal/cases/${made.kase.id}/consent`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf(file, path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: form({
        intent: "sign",
        definitionId: consent.id,
        language: "en",
        read: "yes",
        typedName: "Test Patient",
        method: "TYPED",
        [FORM_KEY]: key,
      }),
      adds: { SignedConsent: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.quote.tsx#decline": async () => {
    const q = await patientQuote();
    return {
      ...q,
      body: form({ intent: "decline", quoteId: q.quoteId, reason: "Too far", [FORM_KEY]: q.key }),
      adds: { CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.quote.tsx#question": async () => {
    const q = await patientQuote();
    return {
      ...q,
      body: form({ intent: "question", body: "Is the hotel included?", [FORM_KEY]: q.key }),
      adds: { CaseEvent: 1, FormSubmission: 1 },
    };
  },
  // The deposit by card has no key: one open Checkout session per amount due is given again.
  "portal.cases.$caseId_.quote.tsx#pay": async () => {
    const made = await acceptedCase();
    return {
      path: `/portal/cases/${made.kase.id}/quote`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
      body: form({ intent: "pay" }),
      adds: { Payment: 1 },
      again: "same",
    };
  },
  "portal.cases.$caseId_.appointments.tsx#consult": async () => {
    await resources();
    const made = await eligibleCase();
    await db.case.update({ where: { id: made.kase.id }, data: { stage: "QUOTED" } });
    const [slot] = await slots("CLINICIAN", 30);
    const path = `/portal/cases/${made.kase.id}/appointments`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf("portal.cases.$caseId_.appointments.tsx", path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: form({ intent: "consult", slot: slotValue(slot!), [FORM_KEY]: key }),
      adds: { Appointment: 1, AppointmentSlot: 2, FormSubmission: 1 },
      // Booking again moves it, even back to a time it held a moment ago (ADR 021): to the
      // time it holds now, it is refused as unchanged.
      repeat: "state",
    };
  },
  "portal.cases.$caseId_.appointments.tsx#move": async () => {
    const c = await bookedConsultation();
    const later = c.free.find((f) => f.startsAt.getTime() >= c.booked.endsAt.getTime())!;
    return {
      ...c.page,
      body: form({
        intent: "move",
        appointmentId: c.booked.id,
        slot: slotValue(later),
        [FORM_KEY]: c.key,
      }),
      // The patient's updated invite and the coordinator's notice; the timeline's entry.
      adds: { CaseEvent: 1, OutboxEmail: 2, FormSubmission: 1 },
      // Moving back to where it was a moment ago is meant (ADR 021): to where it is now, it is
      // refused as unchanged.
      repeat: "state",
    };
  },
  "portal.cases.$caseId_.appointments.tsx#cancel": async () => {
    const c = await bookedConsultation();
    return {
      ...c.page,
      body: form({ intent: "cancel", appointmentId: c.booked.id, [FORM_KEY]: c.key }),
      adds: { CaseEvent: 1, OutboxEmail: 2, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.appointments.tsx#reschedule": async () => {
    await resources();
    const made = await eligibleCase();
    await db.case.update({ where: { id: made.kase.id }, data: { stage: "QUOTED" } });
    const [slot] = await slots("CLINICIAN", 30);
    const booked = await bookConsultation({
      patientId: made.patient.id,
      caseId: made.kase.id,
      resourceId: slot!.resourceId,
      startsAt: slot!.startsAt,
      formKey: sentForm(),
    });
    await db.outboxEmail.deleteMany({});
    const path = `/portal/cases/${made.kase.id}/appointments`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf("portal.cases.$caseId_.appointments.tsx", path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: form({
        intent: "reschedule",
        appointmentId: booked.id,
        note: "Mornings please",
        [FORM_KEY]: key,
      }),
      adds: { CaseEvent: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.travel.tsx#*": async () => {
    const made = await acceptedCase();
    const path = `/portal/cases/${made.kase.id}/travel`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf("portal.cases.$caseId_.travel.tsx", path, params, cookie);
    const scan = new File([new Uint8Array(png())], "passport.png", { type: "image/png" });
    return {
      path,
      params,
      cookie,
      body: multipart({ kind: "PASSPORT", ...PASSPORT, [FORM_KEY]: key }, { file: scan }),
      adds: { Document: 1, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.travel.tsx#insurance": async () => {
    const made = await acceptedCase();
    const path = `/portal/cases/${made.kase.id}/travel?insurance`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf("portal.cases.$caseId_.travel.tsx", path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: multipart(
        {
          intent: "insurance",
          ...{
            kind: "TRAVEL_HEALTH",
            insurer: "Allianz Travel",
            policyNumber: "AT-55-1234",
            coversFrom: inDays(20),
            coversUntil: inDays(30),
            [FORM_KEY]: key,
          },
        },
        { file: pdf("travel-policy") },
      ),
      adds: { InsurancePolicy: 1, Document: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.aftercare.$followUpId.tsx#*": async () => {
    const made = await aftercare();
    const path = `/portal/cases/${made.kase.id}/aftercare/${made.baseline.id}`;
    const params = { caseId: made.kase.id, followUpId: made.baseline.id };
    const cookie = await cookieFor(made.patient.id);
    const file = "portal.cases.$caseId_.aftercare.$followUpId.tsx";
    const key = await keyOf(file, path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: multipart(
        {
          "prom.fatigue": "4",
          "prom.pain": "3",
          "prom.stiffness": "3",
          "prom.flares": "0",
          "prom.steroidDoseMg": "5",
          "prom.qualityOfLife": "60",
          "lab.c3": "0.8",
          [FORM_KEY]: key,
        },
        { labReport: pdf("report") },
      ),
      adds: { LabResult: 1, Document: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "portal.settings.tsx#withdraw": async () => {
    const made = await createCase();
    await db.consent.create({
      data: {
        userId: made.patient.id,
        caseId: made.kase.id,
        purpose: "HEALTH_DATA",
        version: "1",
        locale: "en",
      },
    });
    return {
      path: "/portal/settings",
      cookie: await cookieFor(made.patient.id),
      body: form({ intent: "withdraw", confirm: "yes" }),
      adds: { CaseEvent: 1 },
      // Withdrawn already: the answer is the same, and nothing is recorded or sent again.
      again: "same",
    };
  },
  // ---- messages on the patient's phone (issue 24)
  "portal.settings.tsx#channel": async () => {
    const made = await createCase();
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf("portal.settings.tsx", "/portal/settings", {}, cookie);
    return {
      path: "/portal/settings",
      cookie,
      body: form({ intent: "channel", channel: "WHATSAPP", choice: "on", [FORM_KEY]: key }),
      adds: { Consent: 1, FormSubmission: 1 },
      // On already: answered as done, and no second consent is written.
      doneAgain: getFixedT("en", "privacy")("channels.settings.turnedOn", { channel: "WhatsApp" }),
      repeatDone: async () =>
        getFixedT("en", "privacy")("channels.settings.turnedOn", { channel: "WhatsApp" }),
    };
  },
  "portal.settings.tsx#sendCode": async () => {
    const made = await createCase();
    await db.user.update({ where: { id: made.patient.id }, data: { phone: "+905321234567" } });
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf("portal.settings.tsx", "/portal/settings", {}, cookie);
    return {
      path: "/portal/settings",
      cookie,
      body: form({ intent: "sendCode", channel: "SMS", [FORM_KEY]: key }),
      adds: { PhoneVerification: 1, OutboxMessage: 1, FormSubmission: 1 },
      // The code just sent is on its way: a second press within a minute sends none.
      again: "state",
      repeat: "state",
    };
  },
  "portal.settings.tsx#confirmCode": async () => {
    const made = await createCase();
    await db.user.update({ where: { id: made.patient.id }, data: { phone: "+905321234567" } });
    await startPhoneVerification(made.patient.id, "SMS");
    const sent = await db.outboxMessage.findFirstOrThrow({
      where: { userId: made.patient.id, template: "phone_code" },
    });
    const cookie = await cookieFor(made.patient.id);
    const key = await keyOf("portal.settings.tsx", "/portal/settings", {}, cookie);
    return {
      path: "/portal/settings",
      cookie,
      body: form({
        intent: "confirmCode",
        code: messageForDelivery(sent).params.code!,
        [FORM_KEY]: key,
      }),
      adds: { FormSubmission: 1 },
    };
  },
  "portal.data.tsx#*": async () => {
    const made = await createCase();
    return {
      path: "/portal/data",
      cookie: await cookieFor(made.patient.id),
      body: form({ confirm: "yes" }),
      adds: { ErasureRequest: 1 },
    };
  },

  // ---- the staff case page
  "staff.cases.$caseId.tsx#stage": async () => {
    const c = await staffCase("coordinator");
    return {
      ...c,
      body: form({ intent: "stage", from: "ENQUIRY", to: "MEDICAL_REVIEW" }),
      adds: { CaseEvent: 1 },
      // Sent again (a second press, the Back button, a second tab), the move is done already:
      // the coordinator is told so, and nothing is recorded or emailed again.
      doneAgain: getFixedT(c.staff.coordinator.locale, ["common", "stages"])(
        "common:case.done.stageAlready",
        { stage: getFixedT(c.staff.coordinator.locale, "stages")("stage.MEDICAL_REVIEW") },
      ),
    };
  },
  "staff.cases.$caseId.tsx#assign": async () => {
    const c = await staffCase("admin");
    await db.case.update({ where: { id: c.kase.id }, data: { coordinatorId: null } });
    return {
      ...c,
      body: form({ intent: "assign", coordinatorId: c.staff.coordinator.id, was: "" }),
      adds: { CaseEvent: 1, OutboxEmail: 1 },
    };
  },
  "staff.cases.$caseId.tsx#note": async () => {
    const c = await staffCase("coordinator");
    return {
      ...c,
      body: form({ intent: "note", body: "Called the patient", [FORM_KEY]: await c.key() }),
      adds: { CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId.tsx#message": async () => {
    const c = await staffCase("coordinator");
    return {
      ...c,
      body: form({ intent: "message", body: "Your records arrived", [FORM_KEY]: await c.key() }),
      adds: { CaseEvent: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId.tsx#requestInfo": async () => {
    const c = await staffCase("clinician", "MEDICAL_REVIEW");
    return {
      ...c,
      body: form({
        intent: "requestInfo",
        kinds: "LABS",
        body: "Please send your latest C3",
        [FORM_KEY]: await c.key(),
      }),
      adds: { CaseEvent: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId.tsx#plan": async () => {
    const c = await staffCase("clinician", "MEDICAL_REVIEW");
    await db.treatmentPlanStep.deleteMany({ where: { caseId: c.kase.id } });
    return {
      ...c,
      body: form({
        intent: "plan",
        "steps[0].include": "on",
        "steps[0].name": "Workup",
        "steps[1].include": "on",
        "steps[1].name": "Infusion",
        [FORM_KEY]: await c.key(),
      }),
      adds: { TreatmentPlanStep: 2, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId.tsx#fitToFly": async () => {
    const c = await staffCase("clinician");
    return {
      ...c,
      body: form({ intent: "fitToFly", note: "Fit to fly", [FORM_KEY]: await c.key() }),
      adds: { FitToFly: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId.tsx#decide": async () => {
    const c = await staffCase("clinician", "MEDICAL_REVIEW");
    return {
      ...c,
      body: form({ intent: "decide", decision: "ELIGIBLE", [FORM_KEY]: await c.key() }),
      // Finance and the coordinator are told.
      adds: { CaseEvent: 1, OutboxEmail: 2, FormSubmission: 1 },
    };
  },

  // ---- aftercare, for the care team
  "staff.cases.$caseId_.aftercare.tsx#labs": async () => {
    const made = await aftercare();
    const path = `/staff/cases/${made.kase.id}/aftercare`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.staff.clinician.id);
    const key = await keyOf("staff.cases.$caseId_.aftercare.tsx", path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: form({
        intent: "labs",
        followUpId: made.baseline.id,
        "lab.c3": "0.8",
        [FORM_KEY]: key,
      }),
      adds: { LabResult: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  // ---- the handover pack (issue 25)
  "staff.cases.$caseId_.aftercare.tsx#handover": async () => {
    const made = await aftercare();
    const path = `/staff/cases/${made.kase.id}/aftercare`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.staff.clinician.id);
    const key = await keyOf("staff.cases.$caseId_.aftercare.tsx", path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: form({
        intent: "handover",
        "med[0].name": "Hydroxychloroquine",
        "med[0].dose": "200 mg",
        "med[0].frequency": "twice a day",
        [FORM_KEY]: key,
      }),
      adds: { FormSubmission: 1 },
    };
  },
  "portal.cases.$caseId_.aftercare._index.tsx#share": async () => {
    const made = await aftercare();
    const file = "portal.cases.$caseId_.aftercare._index.tsx";
    const path = `/portal/cases/${made.kase.id}/aftercare`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.patient.id);
    return {
      path,
      params,
      cookie,
      body: form({
        intent: "share",
        label: "Dr Haddad",
        days: "30",
        [FORM_KEY]: await keyOf(file, path, params, cookie),
      }),
      adds: { ShareLink: 1, FormSubmission: 1 },
    };
  },
  "share.$token.tsx#*": async () => {
    const made = await aftercare();
    const { token } = await createShareLink({
      patientId: made.patient.id,
      caseId: made.kase.id,
      label: "Dr Haddad",
      days: 30,
      formKey: { key: newFormKey(), content: "setup" },
    });
    const path = `/share/${token}`;
    const params = { token };
    return {
      path,
      params,
      body: form({
        marker: "crp",
        value: "4.5",
        takenOn: new Date().toISOString().slice(0, 10),
        doctorName: "Dr Haddad",
        [FORM_KEY]: await keyOf("share.$token.tsx", path, params),
      }),
      adds: { LabResult: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  // ---- tasks (issue 22)
  "staff.cases.$caseId_.tasks.tsx#create": async () => {
    const made = await staffCase("coordinator");
    const path = `/staff/cases/${made.kase.id}/tasks`;
    const file = "staff.cases.$caseId_.tasks.tsx";
    return {
      path,
      params: made.params,
      cookie: made.cookie,
      body: form({
        intent: "create",
        title: "Call the patient back",
        assigneeId: made.staff.clinician.id,
        dueDate: inDays(3),
        dueTime: "10:30",
        remind: "60",
        [FORM_KEY]: await keyOf(file, path, made.params, made.cookie),
      }),
      adds: { ClinicalTask: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.tasks.tsx#complete": async () => {
    const made = await staffCase("coordinator");
    const task = await db.clinicalTask.create({
      data: {
        caseId: made.kase.id,
        kind: "MANUAL",
        detail: "",
        title: "Call",
        assigneeId: made.staff.coordinator.id,
      },
    });
    const path = `/staff/cases/${made.kase.id}/tasks`;
    const file = "staff.cases.$caseId_.tasks.tsx";
    return {
      path,
      params: made.params,
      cookie: made.cookie,
      body: form({
        intent: "complete",
        taskId: task.id,
        [FORM_KEY]: await keyOf(file, path, made.params, made.cookie),
      }),
      adds: { CaseEvent: 1, FormSubmission: 1 },
      // Done, reopened and done again is real: a fresh key passes, and the task's state refuses.
      repeat: "state",
    };
  },
  "staff.tasks.tsx#complete": async () => {
    const made = await staffCase("clinician");
    const task = await db.clinicalTask.create({
      data: { caseId: made.kase.id, kind: "WORSENING", detail: "pain:3:7" },
    });
    return {
      path: "/staff/tasks",
      cookie: made.cookie,
      body: form({
        intent: "complete",
        taskId: task.id,
        note: "Phoned; fine",
        [FORM_KEY]: await keyOf("staff.tasks.tsx", "/staff/tasks", {}, made.cookie),
      }),
      adds: { CaseEvent: 1, FormSubmission: 1 },
      repeat: "state",
    };
  },
  "staff.cases.$caseId_.aftercare.tsx#resolve": async () => {
    const made = await aftercare();
    const task = await db.clinicalTask.create({
      data: { caseId: made.kase.id, kind: "WORSENING", detail: "c3" },
    });
    return {
      path: `/staff/cases/${made.kase.id}/aftercare`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.staff.clinician.id),
      body: form({ intent: "resolve", taskId: task.id, note: "Called; fine" }),
      adds: {},
    };
  },

  // ---- the quote, payments and refunds, for finance
  "staff.cases.$caseId_.quote.tsx#start": async () => {
    const made = await eligibleCase();
    const q = await staffQuote(made);
    return {
      ...q,
      body: form({ intent: "start", version: "1", [FORM_KEY]: await q.key() }),
      adds: { Quote: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.quote.tsx#draft": async () => {
    const made = await eligibleCase();
    const draft = await startDraft(made.kase.id, made.finance);
    const q = await staffQuote(made);
    return {
      ...q,
      body: await editorBody(draft.id, "draft", await q.key()),
      adds: { QuoteLine: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.quote.tsx#issue": async () => {
    const made = await eligibleCase();
    const draft = await startDraft(made.kase.id, made.finance);
    const q = await staffQuote(made);
    return {
      ...q,
      body: await editorBody(draft.id, "issue", await q.key()),
      // The patient is sent the quote, and the coordinator told.
      adds: { QuoteLine: 1, CaseEvent: 1, OutboxEmail: 2, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.quote.tsx#record": async () => {
    const made = await acceptedCase();
    const q = await staffQuote(made);
    return {
      ...q,
      body: form({
        intent: "record",
        currency: "GBP",
        kind: "DEPOSIT",
        method: "BANK_TRANSFER",
        amount: "100.00",
        reference: "TR-19",
        [FORM_KEY]: await q.key(),
      }),
      adds: { Payment: 1, FormSubmission: 1 },
      // From a second tab: already paid, and which receipt, in the reader's language.
      repeatDone: async () => {
        const paid = await db.payment.findFirstOrThrow({ where: { caseId: made.kase.id } });
        const reader = await db.user.findUniqueOrThrow({ where: { id: made.staff.finance.id } });
        return getFixedT(reader.locale, "finance")("staff.alreadyRecorded", {
          number: paid.receiptNumber,
        });
      },
    };
  },
  "staff.cases.$caseId_.quote.tsx#refund": async () => {
    const made = await acceptedCase();
    const paid = await recordManualPayment(made.kase.id, made.finance, {
      kind: "DEPOSIT",
      method: "BANK_TRANSFER",
      amountMinor: 100_00,
      reference: "TR-20",
    });
    await db.outboxEmail.deleteMany({});
    const q = await staffQuote(made);
    return {
      ...q,
      body: form({
        intent: "refund",
        paymentId: paid.id,
        currency: "GBP",
        amount: "40.00",
        reason: "Companion cancelled",
        reference: "OUT-1",
        [FORM_KEY]: await q.key(),
      }),
      adds: { Payment: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.quote.tsx#void": async () => {
    const made = await acceptedCase();
    const paid = await recordManualPayment(made.kase.id, made.finance, {
      kind: "DEPOSIT",
      method: "BANK_TRANSFER",
      amountMinor: 100_00,
      reference: "TR-21",
    });
    await db.outboxEmail.deleteMany({});
    const q = await staffQuote(made);
    return {
      ...q,
      body: form({
        intent: "void",
        paymentId: paid.id,
        reason: "Платёж ошибочно записан не на тот случай",
        [FORM_KEY]: await q.key(),
      }),
      // The cancellation note's snapshot and the timeline entry; the payment is marked void.
      adds: { IssuedDocument: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.quote.tsx#refundExcess": async () => {
    const made = await excessPayment();
    const q = await staffQuote(made);
    return {
      ...q,
      body: form({ intent: "refundExcess", paymentId: made.excess.id, [FORM_KEY]: await q.key() }),
      adds: { Payment: 1, FormSubmission: 1 },
      // The excess is looked at before the key: the second finds nothing left to refund.
      again: "state",
    };
  },
  "staff.finance.prices.tsx#items": async () => {
    const made = await eligibleCase();
    const cookie = await cookieFor(made.staff.finance.id);
    const path = "/staff/finance/prices";
    const key = await keyOf("staff.finance.prices.tsx", path, {}, cookie);
    return {
      path,
      cookie,
      body: form({
        intent: "items",
        programmeId: made.programme.id,
        "new.key": "nurse",
        "new.name": "Private nurse",
        "new.price": "80",
        [FORM_KEY]: key,
      }),
      adds: { PriceItem: 1, FormSubmission: 1 },
    };
  },

  // ---- booking, travel and resources, for coordinators
  "staff.cases.$caseId_.schedule.tsx#book": async () => {
    const s = await schedule();
    const [slot] = await slots("CHAIR", 180);
    const key = await keyOf(s.file, s.path, s.params, s.cookie);
    return {
      ...s,
      body: form({
        intent: "book",
        planStepId: s.step.id,
        slot: slotValue(slot!),
        [FORM_KEY]: key,
      }),
      adds: { Appointment: 1, AppointmentSlot: 12, OutboxEmail: 1, FormSubmission: 1 },
      // The same slot again after a cancellation is meant (ADR 021): the slot held refuses it.
      repeat: "state",
    };
  },
  "staff.cases.$caseId_.schedule.tsx#move": async () => {
    const s = await schedule();
    const free = await slots("CHAIR", 180);
    const booked = await bookPlanStep({
      caseId: s.kase.id,
      planStepId: s.step.id,
      resourceId: free[0]!.resourceId,
      startsAt: free[0]!.startsAt,
      actorId: s.staff.coordinator.id,
      formKey: sentForm(),
    });
    await db.outboxEmail.deleteMany({});
    const later = free.find((f) => f.startsAt.getTime() >= booked.endsAt.getTime())!;
    const key = await keyOf(s.file, s.path, s.params, s.cookie);
    return {
      ...s,
      body: form({
        intent: "move",
        appointmentId: booked.id,
        slot: slotValue(later),
        [FORM_KEY]: key,
      }),
      adds: { CaseEvent: 1, OutboxEmail: 1, FormSubmission: 1 },
      // Moving back to where it was a moment ago is meant (ADR 021): to where it is now, it is
      // refused as unchanged.
      repeat: "state",
    };
  },
  "staff.calendar.tsx#book": async () => {
    const s = await schedule();
    const [slot] = await slots("CHAIR", 180);
    const path = "/staff/calendar";
    const key = await keyOf("staff.calendar.tsx", path, {}, s.cookie);
    return {
      path,
      params: {},
      cookie: s.cookie,
      body: form({
        intent: "book",
        planStepId: s.step.id,
        slot: slotValue(slot!),
        [FORM_KEY]: key,
      }),
      adds: { Appointment: 1, AppointmentSlot: 12, OutboxEmail: 1, FormSubmission: 1 },
      // The same slot again after a cancellation is meant (ADR 021): the slot held refuses it.
      repeat: "state",
    };
  },
  "staff.calendar.tsx#move": async () => {
    const s = await schedule();
    const free = await slots("CHAIR", 180);
    const booked = await bookPlanStep({
      caseId: s.kase.id,
      planStepId: s.step.id,
      resourceId: free[0]!.resourceId,
      startsAt: free[0]!.startsAt,
      actorId: s.staff.coordinator.id,
      formKey: sentForm(),
    });
    await db.outboxEmail.deleteMany({});
    const later = free.find((f) => f.startsAt.getTime() >= booked.endsAt.getTime())!;
    const path = "/staff/calendar";
    const key = await keyOf("staff.calendar.tsx", path, {}, s.cookie);
    return {
      path,
      params: {},
      cookie: s.cookie,
      body: form({
        intent: "move",
        appointmentId: booked.id,
        slot: slotValue(later),
        [FORM_KEY]: key,
      }),
      adds: { CaseEvent: 1, OutboxEmail: 1, FormSubmission: 1 },
      // Moving back to where it was a moment ago is meant (ADR 021): to where it is now, it is
      // refused as unchanged.
      repeat: "state",
    };
  },
  "staff.cases.$caseId_.travel.tsx#item": async () => {
    const made = await acceptedCase();
    const path = `/staff/cases/${made.kase.id}/travel`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.staff.coordinator.id);
    const key = await keyOf("staff.cases.$caseId_.travel.tsx", path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: form({
        intent: "item",
        kind: "HOTEL",
        fromPlace: "Şişli Park Residence",
        start: `${inDays(20)}T15:00`,
        end: `${inDays(24)}T11:00`,
        [FORM_KEY]: key,
      }),
      adds: { ItineraryItem: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.travel.tsx#savePolicy": async () => {
    const made = await acceptedCase();
    const path = `/staff/cases/${made.kase.id}/travel`;
    const params = { caseId: made.kase.id };
    const cookie = await cookieFor(made.staff.coordinator.id);
    const key = await keyOf("staff.cases.$caseId_.travel.tsx", path, params, cookie);
    return {
      path,
      params,
      cookie,
      body: multipart(
        {
          intent: "savePolicy",
          ...{
            kind: "TRAVEL_HEALTH",
            insurer: "Allianz Travel",
            policyNumber: "AT-55-1234",
            coversFrom: inDays(20),
            coversUntil: inDays(30),
            [FORM_KEY]: key,
          },
        },
        { file: pdf("complication-policy") },
      ),
      adds: { InsurancePolicy: 1, Document: 1, CaseEvent: 1, FormSubmission: 1 },
    };
  },
  "staff.cases.$caseId_.travel.tsx#approve": async () => {
    const p = await passportToReview();
    return {
      ...p,
      body: form({ intent: "approve", documentId: p.documentId }),
      adds: { CaseEvent: 1 },
    };
  },
  "staff.cases.$caseId_.travel.tsx#reject": async () => {
    const p = await passportToReview();
    return {
      ...p,
      body: form({ intent: "reject", documentId: p.documentId, reason: "UNREADABLE" }),
      adds: { CaseEvent: 1, OutboxEmail: 1 },
    };
  },
  "staff.resources.tsx#create": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.coordinator.id);
    const key = await keyOf("staff.resources.tsx", "/staff/resources", {}, cookie);
    return {
      path: "/staff/resources",
      cookie,
      body: form({ intent: "create", name: "Chair 9", type: "CHAIR", [FORM_KEY]: key }),
      adds: { Resource: 1, FormSubmission: 1 },
    };
  },
  "staff.site.tsx#newDoctor": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    const key = await keyOf("staff.site.tsx", "/staff/site", {}, cookie);
    return {
      path: "/staff/site",
      cookie,
      body: form({
        intent: "newDoctor",
        name: "Dr. Ayşe Kaya",
        registration: "TTB 120001",
        [FORM_KEY]: key,
      }),
      adds: { Doctor: 1, FormSubmission: 1 },
    };
  },
  "staff.catalogue.tsx#newProgramme": async () => {
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    const key = await keyOf("staff.catalogue.tsx", "/staff/catalogue", {}, cookie);
    return {
      path: "/staff/catalogue",
      cookie,
      body: form({
        intent: "newProgramme",
        slug: "knee-osteoarthritis",
        name: "Knee osteoarthritis",
        condition: "Osteoarthritis of the knee",
        summary: "Cell therapy for the knee.",
        [FORM_KEY]: key,
      }),
      adds: { Programme: 1, FormSubmission: 1 },
    };
  },
  "staff.catalogue.tsx#newStep": async () => {
    const { programme } = await createCase();
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    const key = await keyOf("staff.catalogue.tsx", "/staff/catalogue", {}, cookie);
    return {
      path: "/staff/catalogue",
      cookie,
      body: form({
        intent: "newStep",
        programmeId: programme.id,
        name: "Follow-up call",
        description: "A call a week after going home.",
        durationMinutes: "30",
        [FORM_KEY]: key,
      }),
      adds: { PathwayStep: 1, FormSubmission: 1 },
    };
  },
  "staff.site.tsx#newFaq": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    const key = await keyOf("staff.site.tsx", "/staff/site", {}, cookie);
    return {
      path: "/staff/site",
      cookie,
      body: form({
        intent: "newFaq",
        question: "Can my family visit?",
        answer: "Yes, at any time.",
        [FORM_KEY]: key,
      }),
      adds: { FaqEntry: 1, FormSubmission: 1 },
    };
  },
  "staff.cases._index.tsx#saveView": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.coordinator.id);
    const key = await keyOf("staff.cases._index.tsx", "/staff/cases", {}, cookie);
    return {
      path: "/staff/cases",
      cookie,
      body: form({ intent: "saveView", name: "Overdue", query: "?overdue=1", [FORM_KEY]: key }),
      adds: { SavedView: 1, FormSubmission: 1 },
    };
  },
  "staff.resources.tsx#timeOff": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.coordinator.id);
    const key = await keyOf("staff.resources.tsx", "/staff/resources", {}, cookie);
    return {
      path: "/staff/resources",
      cookie,
      body: form({
        intent: "timeOff",
        kind: "HOLIDAY",
        from: inDays(30),
        to: inDays(31),
        note: "Bayram",
        [FORM_KEY]: key,
      }),
      adds: { ResourceException: 1, FormSubmission: 1 },
    };
  },

  // ---- one's choice of email, in-app or both per kind (issue 22)
  "staff.notifications_.settings.tsx#choices": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.finance.id);
    const key = await keyOf(
      "staff.notifications_.settings.tsx",
      "/staff/notifications/settings",
      {},
      cookie,
    );
    return {
      path: "/staff/notifications/settings",
      cookie,
      body: form({
        intent: "choices",
        "stage-QUOTED": "IN_APP",
        paymentReceivedStaff: "EMAIL",
        [FORM_KEY]: key,
      }),
      adds: { NotificationPreference: 2, FormSubmission: 1 },
      // Sent again, the choices are found saved: nothing is written, and it says so (German).
      doneAgain: getFixedT("de", "common")("notifications.settings.saved"),
      repeatDone: async () => getFixedT("de", "common")("notifications.settings.saved"),
    };
  },

  // A code to prove one's number for the first-reply reminder on WhatsApp (issue 24).
  "staff.notifications_.settings.tsx#sendCode": async () => {
    const staff = await createStaff();
    await db.user.update({
      where: { id: staff.coordinator.id },
      data: { phone: "+905321234567" },
    });
    const cookie = await cookieFor(staff.coordinator.id);
    const data = await page(
      "staff.notifications_.settings.tsx",
      "/staff/notifications/settings",
      {},
      cookie,
    );
    const key = (data.whatsapp as { codeKey: string }).codeKey;
    return {
      path: "/staff/notifications/settings",
      cookie,
      body: form({ intent: "sendCode", [FORM_KEY]: key }),
      adds: { PhoneVerification: 1, OutboxMessage: 1, FormSubmission: 1 },
      // The code just sent is on its way: a second press within a minute sends none.
      again: "state",
      repeat: "state",
    };
  },
  "staff.notifications_.settings.tsx#confirmCode": async () => {
    const staff = await createStaff();
    await db.user.update({
      where: { id: staff.coordinator.id },
      data: { phone: "+905321234567" },
    });
    await startPhoneVerification(staff.coordinator.id, "WHATSAPP");
    const sent = await db.outboxMessage.findFirstOrThrow({
      where: { userId: staff.coordinator.id, template: "phone_code" },
    });
    const cookie = await cookieFor(staff.coordinator.id);
    const data = await page(
      "staff.notifications_.settings.tsx",
      "/staff/notifications/settings",
      {},
      cookie,
    );
    return {
      path: "/staff/notifications/settings",
      cookie,
      body: form({
        intent: "confirmCode",
        code: messageForDelivery(sent).params.code!,
        [FORM_KEY]: (data.whatsapp as { confirmKey: string }).confirmKey,
      }),
      adds: { FormSubmission: 1 },
    };
  },

  // ---- staff accounts, for admins (issue 23)
  "staff.team.tsx#invite": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    const key = await keyOf("staff.team.tsx", "/staff/team", {}, cookie);
    return {
      path: "/staff/team",
      cookie,
      body: form({
        intent: "invite",
        name: "Deniz Kaya",
        email: "deniz@clinic.test",
        role: "COORDINATOR",
        locale: "tr",
        [FORM_KEY]: key,
      }),
      adds: { StaffToken: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },
  "staff.team.tsx#resendInvite": async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    await inviteStaff(
      { name: "Deniz Kaya", email: "deniz@clinic.test", role: "COORDINATOR", locale: "tr" },
      { key: newFormKey(), content: "first invitation" },
      { id: staff.admin.id, name: staff.admin.name },
    );
    const invite = await db.staffToken.findFirstOrThrow();
    const key = await keyOf("staff.team.tsx", "/staff/team", {}, cookie);
    return {
      path: "/staff/team",
      cookie,
      body: form({ intent: "resendInvite", inviteId: invite.id, locale: "en", [FORM_KEY]: key }),
      adds: { StaffToken: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },

  // ---- data rights, for admins
  "staff.erasure.tsx#erase": async () => {
    const made = await createCase();
    const requestId = await requestErasure(made.patient.id);
    const admin = await createUser({ role: "ADMIN" });
    return {
      path: "/staff/erasure",
      cookie: await cookieFor(admin.id),
      body: form({ intent: "erase", requestId, confirm: "yes" }),
      adds: {},
    };
  },
  // The inbox's reply (issue 22): a message to the patient through messagePatient.
  "staff.inbox.tsx#reply": async () => {
    const staff = await createStaff();
    const made = await createCase({ coordinatorId: staff.coordinator.id });
    const item = await db.inboxItem.create({ data: { caseId: made.kase.id, kind: "MESSAGE" } });
    await db.outboxEmail.deleteMany({});
    const path = `/staff/inbox?item=${item.id}`;
    const cookie = await cookieFor(staff.coordinator.id);
    return {
      path,
      cookie,
      body: form({
        intent: "reply",
        item: item.id,
        body: "Your records arrived",
        [FORM_KEY]: await keyOf("staff.inbox.tsx", path, {}, cookie),
      }),
      adds: { CaseEvent: 1, OutboxEmail: 1, FormSubmission: 1 },
    };
  },
  "staff.inbox_.leads.tsx#link": async () => {
    const staff = await createStaff();
    const made = await createCase({ coordinatorId: staff.coordinator.id });
    const lead = await db.inboundLead.create({
      data: { channel: "SMS", fromPhone: "+905550001122", text: "Hello", providerId: "SMtwice" },
    });
    const path = "/staff/inbox/leads";
    const cookie = await cookieFor(staff.coordinator.id);
    return {
      path,
      cookie,
      body: form({
        intent: "link",
        lead: lead.id,
        caseNumber: made.kase.number,
        [FORM_KEY]: await keyOf("staff.inbox_.leads.tsx", path, {}, cookie),
      }),
      // An internal note by the coordinator who linked it (nobody proved the number is the
      // patient's); staff handled it, so no inbox item asks anyone to read it again.
      adds: { CaseEvent: 1, FormSubmission: 1 },
    };
  },
};

// ------------------------------------------------------------------ what is stored

/** Tables written on every request, answered or refused: reads audited, sessions, limits. */
const SIDE_TABLES = new Set(["AuditLog", "Session", "RateLimit", "_prisma_migrations"]);

async function tables(): Promise<string[]> {
  const rows =
    dialect === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
        );
  return rows.map((r) => r.name).filter((t) => !SIDE_TABLES.has(t));
}

/** Every stored row (but the side tables'), the rows per table, and the stored files. */
async function stored() {
  const rows: Record<string, unknown[]> = {};
  for (const table of await tables()) {
    rows[table] = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}" ORDER BY 1`);
  }
  const counts = Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.length]));
  const text = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return { text, counts, files: storedFiles() };
}

function added(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.keys(after)
      .filter((t) => after[t] !== before[t])
      .map((t) => [t, after[t]! - (before[t] ?? 0)]),
  );
}

/** A form-level or field message of a refusal: translated, not a key. */
function refusalMessage(outcome: Outcome): string {
  const reply = outcome.data as FormReply | null;
  expect(reply?.result, "the refusal is a form's answer").toBeDefined();
  const messages = Object.values(formReply(outcome).errors);
  expect(messages.length, "the refusal says why").toBeGreaterThan(0);
  for (const m of messages) expect(m).not.toMatch(/^[\w-]+:[\w.]+$/);
  return messages[0]!;
}

// ------------------------------------------------------------------ the tests

beforeAll(async () => {
  stripe = await startStripeStub();
});
afterAll(() => stripe.close());

beforeEach(async () => {
  await resetDatabase();
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: stripe.url,
  });
  resetEnvCache();
});
afterEach(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_URL;
  resetEnvCache();
});

it("covers every intent of every route's action: posted twice, or listed as creating nothing", async () => {
  const found = await routeIntents();
  const known = [...Object.keys(TWICE), ...Object.keys(NOT_CREATING)];
  expect(
    found.filter((k) => !known.includes(k)),
    "route intents that are neither posted twice here nor listed as creating nothing",
  ).toEqual([]);
  expect(
    known.filter((k) => !found.includes(k)),
    "cases for a route or intent that does not exist",
  ).toEqual([]);
  expect(Object.keys(TWICE).filter((k) => k in NOT_CREATING)).toEqual([]);
  expect(
    Object.keys(INBOX_ITEMS).filter((k) => !(k in TWICE)),
    "inbox items of no form",
  ).toEqual([]);
  for (const reason of Object.values(NOT_CREATING)) expect(reason.length).toBeGreaterThan(10);
});

/** Posts `twice` as the first send, then `second`; what each answered and what was stored. */
async function sendThenAgain(file: string, twice: Twice, second: Twice["body"]) {
  const mod = await routeModules[`../../app/routes/${file}`]!();
  const action = mod.action as Handler;
  const post = (body: Twice["body"]) =>
    call(action, {
      path: twice.path,
      params: twice.params,
      cookie: twice.cookie,
      form: body,
      ip: "10.19.1.1",
    });
  const before = await stored();
  const first = await post(twice.body);
  const afterFirst = await stored();
  const again = await post(second);
  const afterSecond = await stored();

  // The first is done: the page moves on, or its form is emptied.
  if (first.response) {
    expect(first.status, "the first post redirects").toBe(302);
  } else {
    expect(first.status, JSON.stringify(first.data)).toBe(200);
    const reply = first.data as FormReply;
    expect(reply.result.error ?? {}).toEqual({});
    // Conform's reset: `submission.reply({ resetForm: true })` answers with no values.
    expect(reply.result, "the form is emptied after success").toEqual({ initialValue: null });
  }
  const adds = added(before.counts, afterFirst.counts);
  expect(adds, "what the first post stored").toMatchObject(twice.adds);
  expect(
    Object.values(adds).some((n) => n > 0) || afterFirst.text !== before.text,
    "the first post did something",
  ).toBe(true);

  /** Nothing stored, sent or filed by the second. */
  const nothingAgain = () => {
    expect(added(afterFirst.counts, afterSecond.counts), "rows the second post added").toEqual({});
    expect(afterSecond.counts.OutboxEmail).toBe(afterFirst.counts.OutboxEmail);
    expect(afterSecond.files).toEqual(afterFirst.files);
    expect(afterSecond.text === afterFirst.text, "the second post changed stored data").toBe(true);
  };
  return { first, second: again, nothingAgain };
}

/** `body` with a fresh form key in place of its own: the same form rendered again. */
function withFreshKey(body: Twice["body"]): Twice["body"] {
  const fresh = pageKey();
  expect(fresh).not.toBe(body.get(FORM_KEY));
  if (body instanceof URLSearchParams) {
    const again = new URLSearchParams(body);
    again.set(FORM_KEY, fresh);
    return again;
  }
  const again = new FormData();
  for (const [name, value] of body.entries()) again.append(name, name === FORM_KEY ? fresh : value);
  return again;
}

describe("every creating form, sent twice, does its work once", () => {
  const DUPLICATE = LOCALES.map((lng) => getFixedT(lng, "common")("form.duplicate"));
  for (const [name, make] of Object.entries(TWICE)) {
    const file = name.split("#")[0]!;
    it(name, async () => {
      const twice = await make();
      const items = await db.inboxItem.count();
      const { first, second, nothingAgain } = await sendThenAgain(file, twice, twice.body);
      // A patient's send opens one inbox item, linked to its timeline event; staff forms none.
      const opened = await db.inboxItem.findMany({
        orderBy: { createdAt: "desc" },
        select: { kind: true, eventId: true },
      });
      expect(opened.length - items, "inbox items opened").toBe(INBOX_ITEMS[name] ? 1 : 0);
      if (INBOX_ITEMS[name]) {
        expect(opened[0]!.kind).toBe(INBOX_ITEMS[name]);
        expect(opened[0]!.eventId, "the item points at its timeline event").toBeTruthy();
      }

      // The second is refused (or, idempotent by itself, answered the same), never a 500.
      if (twice.doneAgain !== undefined) {
        expect(second.status, JSON.stringify(second.data)).toBe(200);
        const reply = second.data as FormReply;
        expect(reply.result.error ?? {}).toEqual({});
        expect(reply.done).toBe(twice.doneAgain);
      } else if (twice.again === "same") {
        expect(second.status).toBe(first.status);
        expect(second.response?.headers.get("Location")).toBe(
          first.response?.headers.get("Location"),
        );
      } else {
        expect([400, 409], JSON.stringify(second.data)).toContain(second.status);
        const message = refusalMessage(second);
        // A form with a key is refused by its key: "this was already sent", in the reader's
        // language.
        if (twice.body.has(FORM_KEY) && twice.again !== "state") {
          expect(second.status).toBe(409);
          expect(DUPLICATE).toContain(message);
        }
      }
      nothingAgain();
    });
  }
});

/**
 * The Back button (issue 19, a real user's walk): after sending, the patient or the member of
 * staff goes back, or opens the page again, which renders a fresh key, and sends the very same
 * content. That is refused as a repeat (ADR 021), in the reader's language, and nothing is
 * stored or sent again. A form without a key has no fresh key to send: sending it again is
 * the case above, so it is skipped here.
 */
describe("every creating form, sent again with the same content from a fresh page, does its work once", () => {
  const REPEAT = LOCALES.map((lng) => getFixedT(lng, "common")("form.repeat"));
  for (const [name, make] of Object.entries(TWICE)) {
    const file = name.split("#")[0]!;
    it(name, async (ctx) => {
      const twice = await make();
      if (!twice.body.has(FORM_KEY)) {
        ctx.skip("no form key: sent again, it is the same post as above");
        return;
      }
      const { second, nothingAgain } = await sendThenAgain(file, twice, withFreshKey(twice.body));
      if (twice.repeatDone) {
        expect(second.status, JSON.stringify(second.data)).toBe(200);
        const reply = second.data as FormReply;
        expect(reply.result.error ?? {}).toEqual({});
        expect(reply.done).toBe(await twice.repeatDone());
        nothingAgain();
        return;
      }
      expect([400, 409], JSON.stringify(second.data)).toContain(second.status);
      const message = refusalMessage(second);
      if (twice.repeat !== "state" && twice.again !== "state") {
        expect(second.status).toBe(409);
        expect(REPEAT).toContain(message);
      }
      nothingAgain();
    });
  }
});
