/**
 * The coordinator's and clinician's work on a case, through the staff case page's action
 * (and the portal's for the patient's side): assignment, notes, messages, requests for more
 * information with the paused clock, the treatment plan and the eligibility decision.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { action as staffAction, loader as staffLoader } from "~/routes/staff.cases.$caseId";
import { action as portalAction, loader as portalLoader } from "~/routes/portal.cases.$caseId";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { formKey } from "./support/enquiry-form";
import { call, cookieFor, formReply } from "./support/requests";
import { newFormKey } from "~/infra/forms.server";
import { changeStage } from "~/models/cases/stage.server";
import { getPatientCase } from "~/models/cases/portal.server";
import { checkFile } from "~/infra/document-store.server";
import { demoPdf } from "../prisma/demo-pdf";

beforeEach(resetDatabase);

type Staff = Awaited<ReturnType<typeof createStaff>>;

async function setup(locale = "de") {
  const staff = await createStaff();
  const made = await createCase({ locale, patientName: "Anna Schmidt" });
  await db.pathwayStep.createMany({
    data: [
      {
        programmeId: made.programme.id,
        position: 1,
        key: "workup",
        name: "Comprehensive workup",
        description: "SLEDAI-2K",
        resourceType: "CLINICIAN",
        durationMinutes: 90,
      },
      {
        programmeId: made.programme.id,
        position: 2,
        key: "infusion",
        name: "Intravenous infusions",
        description: "IV",
        resourceType: "INFUSION_CHAIR",
        durationMinutes: 120,
      },
    ],
  });
  const cookies = {
    coordinator: await cookieFor(staff.coordinator.id),
    clinician: await cookieFor(staff.clinician.id),
    finance: await cookieFor(staff.finance.id),
    admin: await cookieFor(staff.admin.id),
    patient: await cookieFor(made.patient.id),
  };
  // The ENQUIRY emails are not what these tests are about.
  await db.outboxEmail.deleteMany({});
  return { staff, ...made, cookies };
}

/** Posts a form of the case page, with a fresh form key unless one is given. */
function post(caseId: string, cookie: string, fields: Record<string, string | string[]>) {
  const form = new URLSearchParams();
  if (!("_key" in fields)) form.append("_key", newFormKey());
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  }
  return call(staffAction, { path: `/staff/cases/${caseId}`, params: { caseId }, cookie, form });
}

const toReview = (caseId: string, staff: Staff) =>
  changeStage({
    caseId,
    to: "MEDICAL_REVIEW",
    actor: { id: staff.coordinator.id, role: "COORDINATOR" },
  });

async function emailsTo(email: string) {
  return db.outboxEmail.findMany({ where: { toEmail: email }, orderBy: { createdAt: "asc" } });
}

describe("assigning a coordinator", () => {
  it("assigns, records an internal event, emails the new coordinator in their language, and audits it", async () => {
    const { staff, kase, cookies } = await setup();
    const other = await createUser({ role: "COORDINATOR", locale: "ru", name: "Olga Coordinator" });
    const res = await post(kase.id, cookies.coordinator, {
      intent: "assign",
      coordinatorId: other.id,
    });
    expect(res.status).toBe(200);
    // In the coordinator's own language (Turkish), whatever the browser asks for.
    expect(formReply(res)).toMatchObject({ form: "assign", done: "Koordinatör atandı." });
    const after = await db.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(after.coordinatorId).toBe(other.id);
    const event = await db.caseEvent.findFirstOrThrow({
      where: { caseId: kase.id, type: "ASSIGNED" },
    });
    expect(event.internal).toBe(true);
    const [mail] = await emailsTo(other.email);
    expect(mail!.locale).toBe("ru");
    expect(mail!.subject).toContain(kase.number);
    expect(mail!.text).toContain(`/staff/cases/${kase.id}`);
    expect(
      await db.auditLog.count({
        where: {
          caseId: kase.id,
          action: "case.assign",
          actorId: staff.coordinator.id,
          outcome: "success",
        },
      }),
    ).toBe(1);
  });

  it("refuses finance and clinicians on the server, and audits the refusal", async () => {
    const { staff, kase, cookies } = await setup();
    for (const [who, cookie] of [
      ["finance", cookies.finance],
      ["clinician", cookies.clinician],
    ] as const) {
      const res = await post(kase.id, cookie, {
        intent: "assign",
        coordinatorId: staff.coordinator.id,
      });
      expect(res.status, who).toBe(403);
    }
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).coordinatorId).toBeNull();
    expect(
      await db.auditLog.count({
        where: { caseId: kase.id, action: "case.assign", outcome: "denied" },
      }),
    ).toBe(2);
  });

  it("refuses a user who is not an active coordinator, keeping the choice", async () => {
    const { staff, kase, cookies } = await setup();
    const res = await post(kase.id, cookies.admin, {
      intent: "assign",
      coordinatorId: staff.finance.id,
    });
    expect(res.status).toBe(409);
    expect(formReply(res)).toMatchObject({
      form: "assign",
      errors: { "": "Choose an active coordinator." },
      values: { coordinatorId: staff.finance.id },
    });
  });
});

describe("two staff members assigning one case at once", () => {
  it("refuses the assignment made from a page that showed someone else, and keeps the first", async () => {
    const { kase, cookies } = await setup();
    const omar = await createUser({ role: "COORDINATOR", locale: "en", name: "Omar Haddad" });
    const elif = await createUser({ role: "COORDINATOR", locale: "en", name: "Elif Demir" });
    // Both pages were rendered while nobody was assigned (was = "").
    const first = await post(kase.id, cookies.coordinator, {
      intent: "assign",
      coordinatorId: omar.id,
      was: "",
    });
    expect(first.status).toBe(200);
    const second = await post(kase.id, cookies.admin, {
      intent: "assign",
      coordinatorId: elif.id,
      was: "",
    });
    expect(second.status).toBe(409);
    expect(formReply(second)).toMatchObject({
      form: "assign",
      errors: {
        "": "Someone changed this case's coordinator while you had the page open. Check who is assigned now and choose again.",
      },
      values: { coordinatorId: elif.id },
    });
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).coordinatorId).toBe(
      omar.id,
    );
    // From a page that shows Omar, the change goes through.
    const third = await post(kase.id, cookies.admin, {
      intent: "assign",
      coordinatorId: elif.id,
      was: omar.id,
    });
    expect(third.status).toBe(200);
  });
});

describe("notes and messages", () => {
  it("keeps internal notes from the patient and from finance", async () => {
    const { kase, patient, cookies } = await setup();
    expect(
      (await post(kase.id, cookies.clinician, { intent: "note", body: "Check anti-dsDNA trend" }))
        .status,
    ).toBe(200);
    const patientView = await getPatientCase(patient.id, kase.id);
    expect(JSON.stringify(patientView)).not.toContain("anti-dsDNA");
    const finance = await call(staffLoader, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.finance,
    });
    expect(JSON.stringify(finance.data)).not.toContain("anti-dsDNA");
    const coord = await call(staffLoader, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.coordinator,
    });
    expect(JSON.stringify(coord.data)).toContain("anti-dsDNA");
  });

  it("answers an empty note with a localized 400 and no event", async () => {
    const { kase, cookies } = await setup();
    const res = await call(staffAction, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.coordinator,
      lang: "de",
      form: new URLSearchParams({ intent: "note", body: "   ", _key: newFormKey() }),
    });
    expect(res.status).toBe(400);
    // The coordinator's saved language (Turkish) wins over the browser's.
    // The limit is a number in the sentence, so it is written the Turkish way: 4.000.
    expect(formReply(res).errors.body).toBe("Bir metin yazın (en fazla 4.000 karakter).");
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "NOTE" } })).toBe(0);
  });

  it("saves a note once, empties the box, and does nothing twice for the same form", async () => {
    const { kase, cookies } = await setup();
    const _key = newFormKey();
    const first = await post(kase.id, cookies.coordinator, { intent: "note", body: "Once", _key });
    expect(first.status).toBe(200);
    // The form comes back empty (Conform's reset), with the success message.
    expect(formReply(first)).toMatchObject({
      form: "note",
      values: {},
      errors: {},
      done: "Notunuz kaydedildi.",
    });
    // A second press, or a reload that posts again, with the same key.
    const again = await post(kase.id, cookies.coordinator, { intent: "note", body: "Once", _key });
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toMatch(/zaten gönderildi/);
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "NOTE" } })).toBe(1);
    // A form without its key is refused too: nothing is written from it.
    const keyless = await call(staffAction, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.coordinator,
      form: new URLSearchParams({ intent: "message", body: "No key" }),
    });
    expect(keyless.status).toBe(409);
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "MESSAGE" } })).toBe(0);
  });

  it("sends a message the patient reads in the portal; the email only says one is waiting, in the patient's language", async () => {
    const { staff, kase, patient, cookies } = await setup("de");
    const body = "Bitte senden Sie Ihre letzten Laborwerte (Anti-dsDNA, C3/C4).";
    const sent = await post(kase.id, cookies.coordinator, { intent: "message", body });
    expect(sent.status).toBe(200);
    // The box is empty again once the message is sent.
    expect(formReply(sent)).toMatchObject({ form: "message", values: {} });
    expect(formReply(sent).done).toMatch(/^Mesajınız gönderildi/);
    const [mail] = await emailsTo(patient.email);
    expect(mail!.locale).toBe("de");
    expect(mail!.template).toBe("notice");
    expect(mail!.text).toContain(`/portal/cases/${kase.id}`);
    expect(mail!.text).not.toContain("dsDNA");
    expect(mail!.html).not.toContain("dsDNA");
    // A staff message is the first response to a new enquiry.
    expect(
      (await db.case.findUniqueOrThrow({ where: { id: kase.id } })).firstRespondedAt,
    ).not.toBeNull();
    const portal = await call(portalLoader, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.patient,
    });
    const view = portal.data as { kase: { messages: { body: string; fromPatient: boolean }[] } };
    expect(view.kase.messages).toMatchObject([{ body, fromPatient: false }]);

    // The patient replies through the portal; their coordinators hear of it.
    const reply = await call(portalAction, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.patient,
      form: new URLSearchParams({ intent: "message", body: "Anbei, danke.", _key: formKey() }),
    });
    expect(reply.status).toBe(200);
    expect(formReply(reply).done).toBe(getFixedT("de", "portal")("messages.sent"));
    const toStaff = await emailsTo(staff.coordinator.email);
    expect(toStaff.map((m) => m.locale)).toEqual(["tr"]);
    expect(toStaff[0]!.text).not.toContain("Anbei");
  });

  it("answers an empty patient message in the patient's language and keeps nothing half-done", async () => {
    const { kase, cookies } = await setup("de");
    const res = await call(portalAction, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.patient,
      lang: "de",
      form: new URLSearchParams({ intent: "message", body: "", _key: formKey() }),
    });
    expect(res.status).toBe(400);
    expect(formReply(res).errors.body).toMatch(/Nachricht/);
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "MESSAGE" } })).toBe(0);
  });

  it("gives another patient's case 404 for messages too", async () => {
    const { kase } = await setup();
    const stranger = await createCase();
    const res = await call(portalAction, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: await cookieFor(stranger.patient.id),
      form: new URLSearchParams({ intent: "message", body: "hello", _key: formKey() }),
    });
    expect(res.status).toBe(404);
  });
});

describe("requesting more information", () => {
  it("pauses the clock, asks the patient, and resumes with the deadline moved on when records arrive", async () => {
    const { staff, kase, patient, cookies } = await setup("ar");
    await toReview(kase.id, staff);
    const before = await db.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(before.reviewDueAt).not.toBeNull();
    await db.outboxEmail.deleteMany({});
    const res = await post(kase.id, cookies.clinician, {
      intent: "requestInfo",
      kinds: ["RECORDS", "LABS"],
      body: "Please upload your last kidney biopsy report.",
    });
    expect(res.status).toBe(200);
    const paused = await db.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(paused.slaPausedAt).not.toBeNull();
    const [ask] = await emailsTo(patient.email);
    expect(ask!.locale).toBe("ar");
    expect(ask!.html).toContain('dir="rtl"');
    expect(ask!.text).not.toContain("biopsy");

    // Pretend the patient took two hours to answer.
    const pausedAt = new Date(Date.now() - 2 * 3_600_000);
    await db.case.update({ where: { id: kase.id }, data: { slaPausedAt: pausedAt } });
    const pdf = await demoPdf("biopsy");
    const form = new FormData();
    form.append("intent", "upload");
    form.append("_key", formKey());
    form.append(
      "files",
      new Blob([new Uint8Array(pdf)], { type: "application/pdf" }),
      "biopsy.pdf",
    );
    expect((await checkFile({ name: "biopsy.pdf", bytes: pdf })).mimeType).toBe("application/pdf");
    const up = await call(portalAction, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.patient,
      form,
    });
    expect(up.status).toBe(200);
    const resumed = await db.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(resumed.slaPausedAt).toBeNull();
    const moved = resumed.reviewDueAt!.getTime() - before.reviewDueAt!.getTime();
    expect(moved).toBeGreaterThanOrEqual(2 * 3_600_000 - 1000);
    expect(moved).toBeLessThan(2 * 3_600_000 + 60_000);
    // In review, the clinicians are told the answer is in.
    const told = await emailsTo(staff.clinician.email);
    expect(told.map((m) => m.subject).join()).toContain(kase.number);
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "INFO_RECEIVED" } })).toBe(1);
  });

  it("asks for at least one kind of information, keeping the text", async () => {
    const { kase, cookies } = await setup();
    const res = await post(kase.id, cookies.coordinator, {
      intent: "requestInfo",
      body: "Need more",
    });
    expect(res.status).toBe(400);
    expect(formReply(res)).toMatchObject({
      form: "requestInfo",
      errors: { kinds: "Gereken en az bir şeyi işaretleyin." },
      values: { body: "Need more" },
    });
  });

  it("is refused to finance", async () => {
    const { kase, cookies } = await setup();
    const res = await post(kase.id, cookies.finance, {
      intent: "requestInfo",
      kinds: "RECORDS",
      body: "x",
    });
    expect(res.status).toBe(403);
  });
});

describe("the treatment plan and the eligibility decision", () => {
  async function inReview() {
    const s = await setup("fa");
    await toReview(s.kase.id, s.staff);
    await db.outboxEmail.deleteMany({});
    const steps = await db.pathwayStep.findMany({
      where: { programmeId: s.programme.id },
      orderBy: { position: "asc" },
    });
    return { ...s, steps };
  }

  it("lets only a clinician decide: coordinator, finance, admin and patient are refused on the server", async () => {
    const { kase, cookies } = await inReview();
    for (const cookie of [cookies.coordinator, cookies.finance, cookies.admin]) {
      const res = await post(kase.id, cookie, { intent: "decide", decision: "ELIGIBLE" });
      expect(res.status).toBe(403);
    }
    const patient = await call(staffAction, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie: cookies.patient,
      form: new URLSearchParams({ intent: "decide", decision: "ELIGIBLE" }),
    });
    expect(patient.status).toBe(404);
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).eligibility).toBe(
      "PENDING",
    );
    expect(
      await db.auditLog.count({
        where: { caseId: kase.id, action: "case.decide", outcome: "denied" },
      }),
    ).toBe(3);
  });

  it("needs a plan before an eligible decision; the plan comes from the pathway and is editable", async () => {
    const { staff, kase, cookies, steps } = await inReview();
    const early = await post(kase.id, cookies.clinician, {
      intent: "decide",
      decision: "ELIGIBLE",
    });
    expect(early.status).toBe(409);
    expect(formReply(early).errors[""]).toBe(
      "Save a treatment plan before marking the patient eligible.",
    );

    const plan = await post(kase.id, cookies.clinician, {
      intent: "plan",
      "steps[0].include": "on",
      "steps[0].pathwayStepId": steps[0]!.id,
      "steps[0].name": "Workup with SLEDAI-2K",
      "steps[0].notes": "Add renal ultrasound",
      // Step 1 left out (not ticked); a custom step added in the last row.
      "steps[1].pathwayStepId": steps[1]!.id,
      "steps[1].name": steps[1]!.name,
      "steps[2].include": "on",
      "steps[2].name": "Nutrition consultation",
      // A forged pathway id is not trusted.
      "steps[2].pathwayStepId": "forged",
    });
    expect(plan.status).toBe(200);
    const saved = await db.treatmentPlanStep.findMany({
      where: { caseId: kase.id },
      orderBy: { position: "asc" },
    });
    expect(saved.map((s) => [s.name, s.pathwayStepId, s.resourceType])).toEqual([
      ["Workup with SLEDAI-2K", steps[0]!.id, "CLINICIAN"],
      ["Nutrition consultation", null, null],
    ]);

    expect(
      (
        await post(kase.id, cookies.coordinator, {
          intent: "plan",
          "steps[0].include": "on",
          "steps[0].name": "x",
        })
      ).status,
    ).toBe(403);

    const res = await post(kase.id, cookies.clinician, { intent: "decide", decision: "ELIGIBLE" });
    expect(res.status).toBe(200);
    const after = await db.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(after).toMatchObject({
      eligibility: "ELIGIBLE",
      eligibilityById: staff.clinician.id,
      stage: "MEDICAL_REVIEW",
    });
    // Finance (to quote) and the coordinator(s) are told; the patient's next email is the quote.
    const to = (await db.outboxEmail.findMany({ where: { caseId: kase.id } }))
      .map((m) => [m.toEmail, m.locale])
      .sort();
    expect(to).toEqual(
      [
        [staff.coordinator.email, "tr"],
        [staff.finance.email, "de"],
      ].sort(),
    );
  });

  it("records not eligible with a structured reason and text, moves the stage, and tells patient and coordinator", async () => {
    const { staff, kase, patient, cookies } = await inReview();
    const missing = await post(kase.id, cookies.clinician, {
      intent: "decide",
      decision: "NOT_ELIGIBLE",
      text: "Active lupus nephritis class IV",
    });
    expect(missing.status).toBe(400);
    expect(formReply(missing)).toMatchObject({
      form: "decide",
      errors: { reasonCode: "Choose the reason the patient is not eligible." },
      values: { text: "Active lupus nephritis class IV" },
    });

    const res = await post(kase.id, cookies.clinician, {
      intent: "decide",
      decision: "NOT_ELIGIBLE",
      reasonCode: "ORGAN_CRISIS",
      text: "Active lupus nephritis class IV",
    });
    expect(res.status).toBe(200);
    const after = await db.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(after).toMatchObject({
      stage: "NOT_ELIGIBLE",
      eligibility: "NOT_ELIGIBLE",
      eligibilityReasonCode: "ORGAN_CRISIS",
    });
    const mails = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    expect(mails.map((m) => [m.toEmail, m.locale]).sort()).toEqual(
      [
        [patient.email, "fa"],
        [staff.coordinator.email, "tr"],
      ].sort(),
    );
    for (const m of mails) {
      expect(m.text).not.toContain("nephritis");
      expect(m.html).not.toContain("nephritis");
    }
    // The patient's portal gives the structured reason in their language, never the clinician's text.
    const view = await getPatientCase(patient.id, kase.id);
    expect(view.eligibilityReasonCode).toBe("ORGAN_CRISIS");
    expect(JSON.stringify(view)).not.toContain("nephritis");
  });

  it("refuses a forged stage change whose guard fails, even from the right role", async () => {
    const { kase, cookies } = await inReview();
    // Finance may issue quotes, but not before a clinician's eligible decision and an issued quote.
    const res = await post(kase.id, cookies.finance, {
      intent: "stage",
      from: "MEDICAL_REVIEW",
      to: "QUOTED",
    });
    expect(res.status).toBe(409);
    // A clinician cannot jump to NOT_ELIGIBLE without recording the decision.
    const jump = await post(kase.id, cookies.clinician, {
      intent: "stage",
      from: "MEDICAL_REVIEW",
      to: "NOT_ELIGIBLE",
    });
    expect(jump.status).toBe(409);
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe(
      "MEDICAL_REVIEW",
    );
    expect(
      await db.auditLog.count({
        where: { caseId: kase.id, action: "case.stage_change", outcome: "refused" },
      }),
    ).toBe(2);
  });
});
