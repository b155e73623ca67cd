/**
 * The enquiry, through the route's real action: validation with localized errors that
 * keep what was typed, the questionnaire's red flags, consent with its version, the
 * transactional emails, duplicate enquiries, spam defences, and a fuzz of every field.
 */
import fc from "fast-check";
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { CONSENT_VERSION } from "~/lib/consent";
import { ENQUIRY_FIELDS } from "~/lib/enquiry-fields";
import { newFormKey } from "~/infra/forms.server";
import { openSecret } from "~/infra/outbox.server";
import { action } from "~/routes/enquire";
import { action as confirmAction } from "~/routes/enquire_.confirm";
import { demoPdf } from "../prisma/demo-pdf";
import { resetDatabase } from "./support/db";
import { createStaff } from "./support/factories";
import { storedFiles } from "./support/files";
import { call, formReply, type Outcome } from "./support/requests";

const SLUG = "lupus-msc";
let ip = 0;
const nextIp = () => `10.1.${Math.floor(++ip / 250)}.${ip % 250}`;

beforeEach(async () => {
  await resetDatabase();
  await db.programme.create({
    data: { slug: SLUG, name: "MSC therapy for lupus (SLE)", condition: "SLE", summary: "Demo" },
  });
  await createStaff();
});

function validForm(overrides: Record<string, string | null> = {}) {
  const fields: Record<string, string> = {
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
    medication: "Hydroxychloroquine 200 mg",
    steroidDose: "7,5",
    consent: "yes",
    [`q.${SLUG}.activeInfection`]: "no",
    [`q.${SLUG}.organCrisis`]: "yes",
    [`q.${SLUG}.dialysis`]: "no",
    [`q.${SLUG}.pregnancy`]: "no",
    [`q.${SLUG}.malignancy`]: "no",
    [`q.${SLUG}.recentCytotoxic`]: "no",
    [`q.${SLUG}.thrombosis`]: "no",
    [`q.${SLUG}.flaresLastYear`]: "3",
    [`q.${SLUG}.fitToTravel`]: "yes",
  };
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...fields, ...overrides }))
    if (v !== null) form.append(k, v);
  form.append("organs", "kidneys");
  form.append("organs", "skin");
  // The form's key, as the page renders it: each form sent once.
  form.append("_key", newFormKey());
  return form;
}

const submit = (form: FormData, lang = "en", at = nextIp()) =>
  call(action, { path: "/enquire", form, lang, ip: at });

/** What the refused form shows again, nested as posted (q.<programme>.<question>, organs). */
function typed(res: Outcome) {
  return (res.data as { result: { initialValue: Record<string, unknown> } }).result
    .initialValue as {
    q: Record<string, Record<string, string>>;
    organs: string[];
  };
}

/** The confirmation link the outbox holds (sealed) for the enquiry sent to `email`. */
async function confirmationToken(email: string) {
  const row = await db.outboxEmail.findFirstOrThrow({
    where: { toEmail: email, template: "enquiry-confirm" },
    orderBy: { createdAt: "desc" },
  });
  return new URL(openSecret(row.secret!)).searchParams.get("token")!;
}

const confirm = (token: string, at = nextIp()) =>
  call(confirmAction, {
    path: "/enquire/confirm",
    form: new URLSearchParams({ token, intent: "confirm" }),
    ip: at,
  });

describe("a valid enquiry", () => {
  it("is held until the address confirms it; then opens one case in ENQUIRY with answers, red flags, consent, records and both emails", async () => {
    const form = validForm();
    form.append(
      "files",
      new Blob([new Uint8Array(demoPdf("lab results"))], { type: "application/pdf" }),
      "labs.pdf",
    );
    const res = await submit(form, "ar");
    expect(res.status).toBe(302);
    expect(res.response?.headers.get("Location")).toBe("/enquire/received");
    // Nothing exists yet but the held enquiry and one email, in the form's language.
    expect(await db.user.count({ where: { role: "PATIENT" } })).toBe(0);
    expect(await db.case.count()).toBe(0);
    expect(await db.document.count()).toBe(0);
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { toEmail: "fatima@example.com" },
    });
    expect(mail).toMatchObject({ template: "enquiry-confirm", locale: "ar" });
    expect(mail.subject).toBe(getFixedT("ar", "emails")("enquiryConfirm.new.subject"));
    expect(mail.text).not.toMatch(/token=/);
    expect(mail.text).not.toMatch(/\bSLE\b|Hydroxychloroquine|kidney|lupus/i);

    const confirmed = await confirm(await confirmationToken("fatima@example.com"));
    expect(confirmed.status).toBe(302);
    const kase = await db.case.findFirstOrThrow({
      include: {
        patient: true,
        enquiries: { include: { answers: true } },
        consents: true,
        documents: true,
      },
    });
    expect(confirmed.response?.headers.get("Location")).toBe(
      `/portal/cases/${kase.id}?enquiry=confirmed`,
    );
    expect(confirmed.response?.headers.get("Set-Cookie")).toMatch(/^__session=/);
    expect(kase.stage).toBe("ENQUIRY");
    expect(kase.language).toBe("ar");
    expect(kase.patient).toMatchObject({ role: "PATIENT", phone: "+966501234567", locale: "ar" });
    expect(kase.redFlagCount).toBe(1);
    expect(kase.eligibility).toBe("PENDING"); // a red flag never decides
    const [enquiry] = kase.enquiries;
    expect(enquiry).toMatchObject({
      steroidDoseMg: 7.5,
      diagnosedYear: 2016,
      organs: "kidneys,skin",
    });
    expect(enquiry!.answers.find((a) => a.questionId === "organCrisis")).toMatchObject({
      value: "yes",
      redFlag: true,
    });
    expect(enquiry!.answers.filter((a) => a.redFlag)).toHaveLength(1);
    expect(kase.consents[0]).toMatchObject({
      purpose: "HEALTH_DATA",
      version: CONSENT_VERSION,
      locale: "ar",
      ip: expect.stringMatching(/^10\.1\./),
    });
    expect(kase.documents).toHaveLength(1);
    expect(kase.documents[0]).toMatchObject({
      kind: "MEDICAL_RECORD",
      mimeType: "application/pdf",
      uploadedById: kase.patientId,
    });
    // Who confirmed it, and how, is on record.
    expect(await db.pendingEnquiry.findFirstOrThrow()).toMatchObject({
      confirmedById: kase.patientId,
      confirmedVia: "link",
      caseId: kase.id,
      payload: "{}",
    });

    const emails = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    const toPatient = emails.find((e) => e.toEmail === "fatima@example.com")!;
    expect(toPatient.locale).toBe("ar");
    expect(toPatient.subject).toBe(
      getFixedT("ar", "emails")("stage.patient.ENQUIRY.subject", { caseNumber: kase.number }),
    );
    // No health detail in any email body.
    for (const e of emails) expect(e.text).not.toMatch(/\bSLE\b|Hydroxychloroquine|kidney/i);
    const toStaff = emails.filter((e) => e.toEmail !== "fatima@example.com");
    expect(toStaff.length).toBeGreaterThan(0);
    expect(toStaff.every((e) => e.template === "stage-change")).toBe(true);

    // The link works once.
    expect((await confirm(await confirmationToken("fatima@example.com"))).status).toBe(400);
    expect(await db.enquiry.count()).toBe(1);
  });

  it("joins a second, confirmed enquiry from the same address to the open case and tells the patient", async () => {
    expect((await submit(validForm())).status).toBe(302);
    await confirm(await confirmationToken("fatima@example.com"));
    const again = await submit(
      validForm({ name: "Someone Else", phone: "50 765 4321", [`q.${SLUG}.organCrisis`]: "no" }),
    );
    expect(again.response?.headers.get("Location")).toBe("/enquire/received");
    const held = await db.outboxEmail.findFirstOrThrow({
      where: { template: "enquiry-confirm", toEmail: "fatima@example.com" },
      orderBy: { createdAt: "desc" },
    });
    // To a known address, the email says an enquiry was sent with it, in the account's name.
    expect(held.subject).toBe(getFixedT("ar", "emails")("enquiryConfirm.existing.subject"));
    expect(held.toName).toBe("Fatima Al-Harbi");
    expect(await db.enquiry.count()).toBe(1);
    await confirm(await confirmationToken("fatima@example.com"));
    const cases = await db.case.findMany({
      include: { enquiries: true, events: true, patient: true },
    });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.enquiries).toHaveLength(2);
    expect(cases[0]!.events.map((e) => e.type)).toContain("ENQUIRY_REPEAT");
    // A form never changes an existing patient's details.
    expect(cases[0]!.patient.name).toBe("Fatima Al-Harbi");
    const notice = await db.outboxEmail.findFirstOrThrow({
      where: { template: "notice", toEmail: "fatima@example.com" },
    });
    expect(notice.subject).toContain(cases[0]!.number);
  });
});

describe("the same form sent twice", () => {
  it("holds the enquiry once and answers the second press 409 in the reader's language", async () => {
    const form = validForm();
    expect((await submit(form)).status).toBe(302);
    const again = await submit(form, "de");
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(getFixedT("de", "common")("form.duplicate"));
    expect(await db.pendingEnquiry.count()).toBe(1);
    expect(await db.outboxEmail.count({ where: { template: "enquiry-confirm" } })).toBe(1);
  });

  it("refuses a form without its key, or with a made-up one, and stores nothing", async () => {
    for (const key of [null, "not-a-key"]) {
      const form = validForm();
      form.delete("_key");
      if (key) form.append("_key", key);
      const res = await submit(form);
      expect(res.status).toBe(409);
      expect(formReply(res).errors[""]).toBe(getFixedT("en", "common")("form.stale"));
    }
    expect(await db.pendingEnquiry.count()).toBe(0);
  });
});

describe("bad input", () => {
  it("names the year's bounds in the reader's digits, and reads a year typed in native digits", async () => {
    const fa = formReply(await submit(validForm({ diagnosedYear: "۱۸۰۰" }), "fa"));
    expect(fa.errors.diagnosedYear).toBe("سالی بین ۱۹۴۰ و سال جاری وارد کنید، مثلاً ۲۰۱۵.");
    const en = formReply(await submit(validForm({ diagnosedYear: "1800" }), "en"));
    // A year is never grouped: "1940", not "1,940".
    expect(en.errors.diagnosedYear).toBe(
      "Enter a year between 1940 and this year, for example 2015.",
    );
    const ok = await submit(
      validForm({ diagnosedYear: "٢٠١٩", steroidDose: "۷٫۵", [`q.${SLUG}.flaresLastYear`]: "٤" }),
      "ar",
    );
    expect(ok.status).toBe(302);
    expect(await db.pendingEnquiry.count()).toBe(1);
  });

  it("answers with localized errors beside each field and keeps every typed value", async () => {
    const form = validForm({
      email: "fatima@",
      phone: "12",
      diagnosedYear: "1800",
      consent: null,
      [`q.${SLUG}.pregnancy`]: null,
    });
    const res = await submit(form, "de");
    expect(res.status).toBe(400);
    const { errors, values } = formReply(res);
    const t = getFixedT("de", "enquiry");
    expect(errors).toEqual({
      email: t("errors.email"),
      phone: t("errors.phone"),
      diagnosedYear: t("errors.year", { min: 1940, example: 2015 }),
      consent: t("errors.consent"),
      [`q.${SLUG}.pregnancy`]: t("errors.answerRequired"),
    });
    expect(values.email).toBe("fatima@");
    expect(values.name).toBe("Fatima Al-Harbi");
    expect(values.medication).toBe("Hydroxychloroquine 200 mg");
    expect(typed(res).q[SLUG]!.organCrisis).toBe("yes");
    expect(typed(res).organs).toEqual(["kidneys", "skin"]);
    expect(await db.case.count()).toBe(0);
    expect(await db.user.count({ where: { role: "PATIENT" } })).toBe(0);
  });

  it("limits a name to 120 characters, in the reader's language", async () => {
    const res = await submit(validForm({ name: "ن".repeat(121) }), "ar");
    expect(res.status).toBe(400);
    const message = formReply(res).errors.name;
    expect(message).toBe(getFixedT("ar", "enquiry")("errors.nameTooLong", { max: 120 }));
    expect(message).toMatch(/١٢٠|120/);
    expect((await submit(validForm({ name: "ن".repeat(120) }), "ar")).status).toBe(302);
  });

  it("asks for files again when other fields fail, and refuses a bad file without storing anything", async () => {
    const withPdf = validForm({ name: "" });
    withPdf.append("files", new Blob([new Uint8Array(demoPdf("x"))]), "labs.pdf");
    const res = await submit(withPdf);
    expect(formReply(res).errors.files).toBe(getFixedT("en", "enquiry")("errors.file.chooseAgain"));

    const before = storedFiles();
    const withExe = validForm();
    withExe.append(
      "files",
      new Blob([Buffer.from("MZ\x90\x00\x03\x00\x00\x00PE\x00\x00")]),
      "scan.pdf",
    );
    const refused = await submit(withExe);
    expect(refused.status).toBe(400);
    expect(formReply(refused).errors.files).toContain("scan.pdf");
    expect(await db.case.count()).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it("takes the honeypot's bait as a thank-you and stores nothing", async () => {
    const res = await submit(validForm({ website: "http://spam.example" }));
    expect(res.status).toBe(302);
    expect(await db.case.count()).toBe(0);
    expect(await db.outboxEmail.count()).toBe(0);
  });

  it("limits enquiries per IP address, with a localized 429", async () => {
    const at = "10.9.9.9";
    for (let i = 0; i < 10; i++)
      expect((await submit(validForm({ name: "" }), "en", at)).status).toBe(400);
    const res = await submit(validForm(), "tr", at);
    expect(res.status).toBe(429);
    expect(formReply(res).errors[""]).toMatch(/dakika/);
    expect(await db.case.count()).toBe(0);
  });

  it("never answers a fuzzed submission with a server error", async () => {
    const names = [
      ...ENQUIRY_FIELDS,
      "consent",
      "organs",
      `q.${SLUG}.pregnancy`,
      `q.${SLUG}.flaresLastYear`,
    ];
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom(
        "",
        " ",
        "yes",
        "no",
        "0",
        "-1",
        "1e309",
        "NaN",
        "null",
        "<script>",
        "x".repeat(6000),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), value), async (fields) => {
        const base = validForm();
        const form = new FormData();
        for (const [k, v] of base.entries()) if (!(k in fields)) form.append(k, v);
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        const res = await submit(form, "fa");
        expect([302, 400, 409]).toContain(res.status);
        // Runs that happen to send the same valid form again are refused as a repeat (ADR 021).
        if (res.status === 409) {
          expect(formReply(res).errors[""]).toBe(getFixedT("fa", "common")("form.repeat"));
        }
        if (res.status === 400) {
          const { errors } = formReply(res);
          expect(Object.keys(errors).length).toBeGreaterThan(0);
          // Localized: the Persian messages, never a raw key.
          for (const message of Object.values(errors)) expect(message).not.toMatch(/errors\./);
        }
      }),
      { numRuns: 80 },
    );
  });
});
