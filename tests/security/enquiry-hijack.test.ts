/**
 * The public enquiry form, attacked as an outsider would (issue 17, faults 1 and 2), through
 * the real route actions:
 * - an anonymous post with an existing patient's address attaches nothing to their case: no
 *   enquiry, answers, red flags, consent or documents; a withdrawn consent stays withdrawn;
 *   fifteen posts do not fill the case's document limit;
 * - every address gets the same answer and the same work (one held enquiry, one email), so
 *   the form does not say who is a patient; only the email does;
 * - the owner attaches it from the emailed link or, signed in, from the portal, and who
 *   confirmed it is recorded; "this was not me" and expiry delete it with its files; nobody
 *   else can confirm it.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { deleteExpiredPendingEnquiries } from "~/models/enquiry/enquiry.server";
import { openSecret } from "~/infra/outbox.server";
import { openCase } from "~/models/cases/stage.server";
import { action as enquire } from "~/routes/enquire";
import { action as confirmAction, loader as confirmLoader } from "~/routes/enquire_.confirm";
import {
  action as portalCaseAction,
  loader as portalCaseLoader,
} from "~/routes/portal.cases.$caseId";
import { action as pendingAction, loader as pendingLoader } from "~/routes/portal.enquiries";
import { loader as portalLayoutLoader } from "~/routes/portal";
import { demoPdf } from "../../prisma/demo-pdf";
import { resetDatabase } from "../support/db";
import { formKey, lupusEnquiry } from "../support/enquiry-form";
import { createStaff, createUser } from "../support/factories";
import { storedFiles } from "../support/files";
import { call, cookieFor } from "../support/requests";

let ipSeq = 0;
const nextIp = () => `10.77.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

function attackForm(email: string, files = 2, diagnosis = "FORGED: terminal illness, no SLE") {
  const form = new FormData();
  for (const [k, v] of lupusEnquiry("Mallory Attacker", email)) {
    form.append(k, k === "diagnosis" ? diagnosis : v);
  }
  // A red flag the real patient never reported.
  form.set("q.lupus-msc.organCrisis", "yes");
  for (let i = 0; i < files; i++) {
    form.append(
      "files",
      new Blob([new Uint8Array(demoPdf(`forged ${i}`))], { type: "application/pdf" }),
      `forged-${i}.pdf`,
    );
  }
  return form;
}

const post = (form: FormData, extra: { cookie?: string; ip?: string } = {}) =>
  call(enquire, { path: "/enquire", form, ip: extra.ip ?? nextIp(), cookie: extra.cookie });

async function victim() {
  const programme = await db.programme.findUniqueOrThrow({ where: { slug: "lupus-msc" } });
  const patient = await createUser({ role: "PATIENT", email: "leyla@example.com", name: "Leyla" });
  const kase = await db.$transaction((tx) =>
    openCase(tx, {
      patientId: patient.id,
      programmeId: programme.id,
      language: "fa",
      timeZone: "Asia/Tehran",
      conditionSummary: "SLE since 2015",
    }),
  );
  await db.consent.create({
    data: {
      userId: patient.id,
      caseId: kase.id,
      purpose: "HEALTH_DATA",
      version: "1",
      locale: "fa",
    },
  });
  return { patient, kase };
}

/** Everything an enquiry could add to a case, to compare before and after. */
async function footprint(caseId: string, userId: string) {
  const kase = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { redFlagCount: true, conditionSummary: true, consentWithdrawnAt: true },
  });
  return {
    kase,
    enquiries: await db.enquiry.count({ where: { caseId } }),
    answers: await db.enquiryAnswer.count({ where: { enquiry: { caseId } } }),
    documents: await db.document.count({ where: { caseId } }),
    events: await db.caseEvent.count({ where: { caseId } }),
    consents: await db.consent.findMany({
      where: { userId },
      select: { id: true, withdrawnAt: true },
      orderBy: { grantedAt: "asc" },
    }),
  };
}

async function linkFor(email: string) {
  const row = await db.outboxEmail.findFirstOrThrow({
    where: { toEmail: email, template: "enquiry-confirm" },
    orderBy: { createdAt: "desc" },
  });
  expect(row.text, "the stored email holds no usable link").not.toMatch(/token=/);
  return new URL(openSecret(row.secret!)).searchParams.get("token")!;
}

beforeEach(async () => {
  await resetDatabase();
  await db.programme.create({
    data: { slug: "lupus-msc", name: "MSC therapy for lupus", condition: "SLE", summary: "Demo" },
  });
  await createStaff();
});

describe("an anonymous enquiry with an existing patient's address", () => {
  it("attaches nothing to their case: no enquiry, answers, red flags, consent or documents", async () => {
    const { patient, kase } = await victim();
    const before = await footprint(kase.id, patient.id);
    const res = await post(attackForm(patient.email));
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("Location")).toBe("/enquire/received");
    expect(await footprint(kase.id, patient.id)).toEqual(before);
    // The forged diagnosis reaches neither the patient's portal nor the clinician.
    const page = await call(portalCaseLoader, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: await cookieFor(patient.id),
    });
    expect(JSON.stringify(page.data)).not.toContain("FORGED");
    // It waits, with its files held encrypted, for the owner's word.
    expect(await db.pendingEnquiry.count({ where: { email: patient.email } })).toBe(1);
  });

  it("does not give a patient who withdrew consent an active consent again", async () => {
    const { patient, kase } = await victim();
    const now = new Date();
    await db.consent.updateMany({ where: { userId: patient.id }, data: { withdrawnAt: now } });
    await db.case.update({ where: { id: kase.id }, data: { consentWithdrawnAt: now } });
    await post(attackForm(patient.email));
    const consents = await db.consent.findMany({ where: { userId: patient.id } });
    expect(consents.every((c) => c.withdrawnAt !== null)).toBe(true);
    expect(
      (await db.case.findUniqueOrThrow({ where: { id: kase.id } })).consentWithdrawnAt,
    ).toEqual(now);
  });

  it("cannot fill the case's document limit: fifteen posts later the patient still uploads", async () => {
    const { patient, kase } = await victim();
    // Each post a little different: the same content again would be refused as a repeat
    // (ADR 021) before the address's own limit is reached.
    for (let i = 0; i < 15; i++) {
      const form = attackForm(patient.email, 2, `FORGED ${i}: terminal illness, no SLE`);
      expect((await post(form)).status).toBe(302);
    }
    expect(await db.document.count({ where: { caseId: kase.id } })).toBe(0);
    // The address is sent at most its daily share of confirmation emails.
    expect(
      await db.outboxEmail.count({
        where: { toEmail: patient.email, template: "enquiry-confirm" },
      }),
    ).toBe(5);
    const upload = new FormData();
    upload.append("intent", "upload");
    upload.append("_key", formKey());
    upload.append(
      "files",
      new Blob([new Uint8Array(demoPdf("real"))], { type: "application/pdf" }),
      "real.pdf",
    );
    const res = await call(portalCaseAction, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: await cookieFor(patient.id),
      form: upload,
    });
    expect(res.status).toBe(200);
    expect(await db.document.count({ where: { caseId: kase.id } })).toBe(1);
  });
});

describe("the form does not tell a stranger who is a patient", () => {
  it("answers a known, an unknown and a staff address alike, doing the same work for each", async () => {
    const { patient } = await victim();
    const staff = await db.user.findFirstOrThrow({ where: { role: "COORDINATOR" } });
    const answers = [];
    for (const email of [patient.email, "nobody-yet@example.com", staff.email]) {
      const emailsBefore = await db.outboxEmail.count();
      const res = await post(attackForm(email, 0));
      answers.push({
        status: res.status,
        location: res.response!.headers.get("Location"),
        body: await res.response!.text(),
      });
      // One email each, to that address and nobody else, written in the same transaction.
      expect(await db.outboxEmail.count()).toBe(emailsBefore + 1);
      expect(
        await db.outboxEmail.count({ where: { toEmail: email, template: "enquiry-confirm" } }),
      ).toBe(1);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // Only the email says what happened, each in its own words.
    const subjects = await db.outboxEmail.findMany({
      where: { template: "enquiry-confirm" },
      orderBy: { createdAt: "asc" },
      select: { subject: true, secret: true },
    });
    const t = getFixedT("en", "emails");
    expect(subjects.map((s) => s.subject)).toEqual([
      t("enquiryConfirm.existing.subject"),
      getFixedT("de", "emails")("enquiryConfirm.new.subject"),
      getFixedT("tr", "emails")("enquiryConfirm.staff.subject"),
    ]);
    // A staff address keeps nothing and gets no link.
    expect(subjects[2]!.secret).toBeNull();
    expect(await db.pendingEnquiry.count({ where: { email: staff.email } })).toBe(0);
    expect(await db.user.count({ where: { email: "nobody-yet@example.com" } })).toBe(0);
  });
});

describe("the owner of the address decides", () => {
  it("confirms from the link: attached to their case, signed in, who confirmed recorded", async () => {
    const { patient, kase } = await victim();
    await post(attackForm(patient.email, 1, "Flare in March, new rash"));
    const token = await linkFor(patient.email);
    // Opening the link changes nothing (mail scanners open links too).
    const page = await call(confirmLoader, { path: `/enquire/confirm?token=${token}` });
    expect(page.data).toMatchObject({ pending: { joinsCase: kase.number, fileCount: 1 } });
    expect(await db.enquiry.count({ where: { caseId: kase.id } })).toBe(0);

    const res = await call(confirmAction, {
      path: "/enquire/confirm",
      form: new URLSearchParams({ token, intent: "confirm" }),
      ip: "10.5.5.5",
    });
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("Location")).toBe(
      `/portal/cases/${kase.id}?enquiry=confirmed`,
    );
    expect(await db.enquiry.count({ where: { caseId: kase.id } })).toBe(1);
    expect(await db.document.count({ where: { caseId: kase.id } })).toBe(1);
    const consent = await db.consent.findFirstOrThrow({
      where: { userId: patient.id },
      orderBy: { grantedAt: "desc" },
    });
    expect(consent.ip).toBe("10.5.5.5");
    expect(await db.pendingEnquiry.findFirstOrThrow()).toMatchObject({
      confirmedById: patient.id,
      confirmedVia: "link",
      caseId: kase.id,
    });
    const event = await db.caseEvent.findFirstOrThrow({
      where: { caseId: kase.id, type: "ENQUIRY_REPEAT" },
    });
    expect(event).toMatchObject({ actorId: patient.id, reason: "link" });
  });

  it("confirms once when the link is used twice at the same moment", async () => {
    const { patient, kase } = await victim();
    await post(attackForm(patient.email, 0));
    const token = await linkFor(patient.email);
    const form = () => new URLSearchParams({ token, intent: "confirm" });
    const results = await Promise.all([
      call(confirmAction, { path: "/enquire/confirm", form: form() }),
      call(confirmAction, { path: "/enquire/confirm", form: form() }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(await db.enquiry.count({ where: { caseId: kase.id } })).toBe(1);
  });

  it("'this was not me' deletes the enquiry and its files; nothing is attached", async () => {
    const { patient, kase } = await victim();
    const before = storedFiles();
    await post(attackForm(patient.email, 2));
    expect(storedFiles().length).toBe(before.length + 2);
    const token = await linkFor(patient.email);
    const res = await call(confirmAction, {
      path: "/enquire/confirm",
      form: new URLSearchParams({ token, intent: "discard" }),
    });
    expect(res.status).toBe(200);
    expect(storedFiles()).toEqual(before);
    expect(await db.enquiry.count({ where: { caseId: kase.id } })).toBe(0);
    const row = await db.pendingEnquiry.findFirstOrThrow();
    expect(row).toMatchObject({ payload: "{}", files: "[]", confirmedAt: null });
    expect(row.discardedAt).not.toBeNull();
    // And the link cannot confirm it afterwards.
    const late = await call(confirmAction, {
      path: "/enquire/confirm",
      form: new URLSearchParams({ token, intent: "confirm" }),
    });
    expect(late.status).toBe(400);
  });

  it("deletes unconfirmed enquiries and their files once the link has expired", async () => {
    const { patient } = await victim();
    const before = storedFiles();
    await post(attackForm(patient.email, 1));
    await post(attackForm("someone-new@example.com", 1));
    expect(await deleteExpiredPendingEnquiries()).toBe(0);
    expect(await deleteExpiredPendingEnquiries(new Date(Date.now() + 73 * 3_600_000))).toBe(2);
    expect(await db.pendingEnquiry.count()).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it("confirms from the portal when signed in, and nobody else can", async () => {
    const { patient, kase } = await victim();
    const other = await createUser({ role: "PATIENT", email: "other@example.com" });
    await post(attackForm(patient.email, 0));
    const pending = await db.pendingEnquiry.findFirstOrThrow();
    const cookie = await cookieFor(patient.id);
    const layout = await call(portalLayoutLoader, { path: "/portal", cookie });
    expect(layout.data).toEqual({ pendingEnquiries: 1 });
    const list = await call(pendingLoader, { path: "/portal/enquiries", cookie });
    expect((list.data as { pending: unknown[] }).pending).toHaveLength(1);

    // Another patient sees none and cannot confirm or discard it by its id.
    const otherCookie = await cookieFor(other.id);
    const seen = await call(pendingLoader, { path: "/portal/enquiries", cookie: otherCookie });
    expect((seen.data as { pending: unknown[] }).pending).toHaveLength(0);
    for (const intent of ["confirm", "discard"]) {
      const res = await call(pendingAction, {
        path: "/portal/enquiries",
        cookie: otherCookie,
        form: new URLSearchParams({ id: pending.id, intent }),
      });
      expect(res.status).toBe(400);
    }
    expect(await db.pendingEnquiry.findFirstOrThrow()).toMatchObject({
      confirmedAt: null,
      discardedAt: null,
    });

    const res = await call(pendingAction, {
      path: "/portal/enquiries",
      cookie,
      form: new URLSearchParams({ id: pending.id, intent: "confirm" }),
    });
    expect(res.status).toBe(302);
    expect(await db.enquiry.count({ where: { caseId: kase.id } })).toBe(1);
    expect(await db.pendingEnquiry.findFirstOrThrow()).toMatchObject({
      confirmedById: patient.id,
      confirmedVia: "portal",
    });
  });

  it("attaches a signed-in patient's own enquiry at once", async () => {
    const { patient, kase } = await victim();
    const res = await post(attackForm(patient.email, 1, "New symptoms since May"), {
      cookie: await cookieFor(patient.id),
    });
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("Location")).toBe(`/portal/cases/${kase.id}?enquiry=added`);
    expect(await db.enquiry.count({ where: { caseId: kase.id } })).toBe(1);
    expect(await db.pendingEnquiry.count()).toBe(0);
  });
});
