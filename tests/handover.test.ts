/**
 * The discharge and handover pack (issue 25), on the database: made on entering AFTERCARE;
 * its FHIR R4 IPS bundle valid against the official R4 JSON schema (and a broken one not);
 * the patient's share link (404 once expired, revoked or unknown, alike; every opening
 * counted and audited; nobody else's case); and the home doctor's lab value through the link,
 * stored with its source and shown on the staff aftercare page.
 */
import JSONSchemaValidator from "@asymmetrik/fhir-json-schema-validator";
import type { Bundle, Composition } from "fhir/r4";
import { db } from "~/db.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { referencesIn } from "~/lib/fhir-ips";
import { changeStage } from "~/models/cases/stage.server";
import { handoverBundle, handoverPdf } from "~/models/handover/handover-docs.server";
import { packFactsOf } from "~/models/handover/handover.server";
import { createShareLink, followUpFor } from "~/models/handover/share.server";
import {
  action as portalAftercareAction,
  loader as portalAftercare,
} from "~/routes/portal.cases.$caseId_.aftercare._index";
import { SHARE_LAB_LIMIT } from "~/models/handover/share.server";
import { action as shareAction, loader as shareLoader } from "~/routes/share.$token";
import { loader as sharePdf } from "~/routes/share.$token_.handover[.]pdf";
import {
  action as staffAftercareAction,
  loader as staffAftercare,
} from "~/routes/staff.cases.$caseId_.aftercare";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

const DAY = 86_400_000;
const validator = new JSONSchemaValidator();

/** A case treated yesterday (one infusion, from its plan step), then moved to AFTERCARE. */
async function inAftercare(locale = "ar") {
  const staff = await createStaff();
  const { kase, patient, programme } = await createCase({
    locale,
    coordinatorId: staff.coordinator.id,
  });
  const step = await db.treatmentPlanStep.create({
    data: { caseId: kase.id, position: 1, name: "Intravenous infusions", durationMinutes: 180 },
  });
  const start = new Date(Date.now() - 2 * DAY);
  await db.appointment.create({
    data: {
      caseId: kase.id,
      kind: "TREATMENT",
      title: "Intravenous infusions",
      planStepId: step.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3_600_000),
    },
  });
  await db.case.update({ where: { id: kase.id }, data: { stage: "IN_TREATMENT" } });
  await changeStage({
    caseId: kase.id,
    to: "AFTERCARE",
    actor: { id: staff.clinician.id, role: "CLINICIAN" },
  });
  return { kase, patient, programme, staff };
}

const sent = () => ({ key: newFormKey(), content: crypto.randomUUID() });

async function shareLink(patientId: string, caseId: string, days: 7 | 30 | 90 = 30) {
  return createShareLink({ patientId, caseId, label: "Dr Haddad", days, formKey: sent() });
}

function form(fields: Record<string, string>) {
  const body = new FormData();
  body.set(FORM_KEY, newFormKey());
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return body;
}

beforeEach(async () => {
  await resetDatabase();
});

describe("the pack", () => {
  it("is made when the case enters AFTERCARE, empty but for the defaults", async () => {
    const { kase } = await inAftercare();
    const pack = await db.handoverPack.findUniqueOrThrow({ where: { caseId: kase.id } });
    expect(pack.medication).toBe("[]");
    expect(pack.warningSigns).toBe("");
    // The staff page shows the programme's default warning signs in the reader's language.
    const clinician = await db.user.findFirstOrThrow({ where: { role: "CLINICIAN" } });
    const page = await call(staffAftercare, {
      path: `/staff/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie: await cookieFor(clinician.id),
    });
    const d = page.data as { handover: { warningSigns: string } };
    expect(d.handover.warningSigns).toMatch(/38 °C/);
  });

  it("is written by the clinician (audited), and the PDF sets both languages", async () => {
    const { kase, staff } = await inAftercare("ar");
    const out = await call(staffAftercareAction, {
      path: `/staff/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie: await cookieFor(staff.clinician.id),
      form: form({
        intent: "handover",
        "med[0].name": "Hydroxychloroquine",
        "med[0].dose": "200 mg",
        "med[0].frequency": "twice a day",
        "med[1].dose": "5 mg",
        followUpPlan: "Blood count and C3/C4 at 4 weeks.",
        warningSigns: "",
      }),
    });
    // A row with a dose but no name is refused, and what was typed comes back.
    expect(out.status).toBe(400);
    const r = formReply(out);
    expect(r.errors["med[1].name"]).toMatch(/name/i);
    const typed = (out.data as { result: { initialValue: { med: { name?: string }[] } } }).result
      .initialValue;
    expect(typed.med[0]!.name).toBe("Hydroxychloroquine");

    const ok = await call(staffAftercareAction, {
      path: `/staff/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie: await cookieFor(staff.clinician.id),
      form: form({
        intent: "handover",
        "med[0].name": "Hydroxychloroquine",
        "med[0].dose": "200 mg",
        "med[0].frequency": "twice a day",
        "med[0].until": "٢٠٢٧-٠١-٣١",
        followUpPlan: "Blood count and C3/C4 at 4 weeks.",
      }),
    });
    expect(ok.status).toBe(200);
    const pack = await db.handoverPack.findUniqueOrThrow({ where: { caseId: kase.id } });
    expect(JSON.parse(pack.medication)).toEqual([
      { name: "Hydroxychloroquine", dose: "200 mg", frequency: "twice a day", until: "2027-01-31" },
    ]);
    expect(pack.version).toBe(2);
    expect(await db.auditLog.count({ where: { action: "handover.write", caseId: kase.id } })).toBe(
      1,
    );

    // A coordinator reads the page but does not write the pack.
    const refused = await call(staffAftercareAction, {
      path: `/staff/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie: await cookieFor(staff.coordinator.id),
      form: form({ intent: "handover", "med[0].name": "Prednisolone" }),
    });
    expect(refused.status).toBe(403);

    const pdf = await handoverPdf((await packFactsOf(kase.id))!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("the FHIR R4 International Patient Summary", () => {
  async function bundleOf() {
    const { kase, staff } = await inAftercare("ar");
    await db.handoverPack.update({
      where: { caseId: kase.id },
      data: {
        medication: JSON.stringify([
          { name: "Hydroxychloroquine", dose: "200 mg", frequency: "twice a day", until: null },
          { name: "Prednisolone", dose: "5 mg", frequency: "once a day", until: "2027-02-01" },
        ]),
        followUpPlan: "Blood count at 4 weeks.",
      },
    });
    const week = await db.followUp.findFirstOrThrow({ where: { caseId: kase.id, label: "P1W" } });
    await db.labResult.create({
      data: { followUpId: week.id, marker: "crp", value: 3.2, enteredById: staff.clinician.id },
    });
    return handoverBundle((await packFactsOf(kase.id))!);
  }

  it("validates against the official R4 JSON schema, Composition first, references resolved", async () => {
    const bundle = await bundleOf();
    expect(validator.validate(bundle, true)).toEqual([]);
    expect(bundle.type).toBe("document");
    const entries = bundle.entry!;
    const composition = entries[0]!.resource as Composition;
    expect(composition.resourceType).toBe("Composition");
    expect(composition.type.coding?.[0]).toMatchObject({
      system: "http://loinc.org",
      code: "60591-5",
    });
    const codes = composition.section!.map((s) => s.code?.coding?.[0]?.code);
    expect(codes).toEqual(
      expect.arrayContaining(["10160-0", "11450-4", "47519-4", "18776-5", "30954-2"]),
    );
    const types = entries.map((e) => e.resource!.resourceType);
    for (const type of [
      "Patient",
      "Organization",
      "MedicationStatement",
      "Procedure",
      "Condition",
      "CarePlan",
      "Observation",
    ]) {
      expect(types).toContain(type);
    }
    expect(types.filter((t) => t === "MedicationStatement")).toHaveLength(2);
    const fullUrls = new Set(entries.map((e) => e.fullUrl));
    const refs = referencesIn(entries);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(fullUrls.has(ref)).toBe(true);
    // Nothing but the pack: no email of the patient, no passport, no other case.
    expect(JSON.stringify(bundle)).not.toMatch(/@test\.clinic/);
  });

  it("a broken bundle does not validate", async () => {
    const bundle = await bundleOf();
    const broken = structuredClone(bundle) as Bundle & Record<string, unknown>;
    (broken as { type: string }).type = "summary-of-sorts";
    expect(validator.validate(broken, true).length).toBeGreaterThan(0);
    const badEntry = structuredClone(bundle);
    const med = badEntry.entry!.find((e) => e.resource!.resourceType === "MedicationStatement")!;
    // A MedicationStatement without its patient: the schema requires `subject`.
    delete (med.resource as unknown as Record<string, unknown>).subject;
    expect(validator.validate(badEntry, true).length).toBeGreaterThan(0);
  });
});

describe("the share link", () => {
  it("opens for the home doctor, each opening counted and audited", async () => {
    const { kase, patient } = await inAftercare("ar");
    const { token, id } = await shareLink(patient.id, kase.id);
    const stored = await db.shareLink.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const page = await call(shareLoader, { path: `/share/${token}`, params: { token } });
    expect(page.status).toBe(200);
    const d = page.data as { lang: string; pack: { facts: { value: string }[] } };
    expect(d.lang).toBe("en");
    const pdf = await call(sharePdf, { path: `/share/${token}/handover.pdf`, params: { token } });
    expect(pdf.status).toBe(200);
    expect(pdf.response!.headers.get("Referrer-Policy")).toBe("no-referrer");
    const ar = await call(shareLoader, { path: `/share/${token}?lng=ar`, params: { token } });
    expect((ar.data as { dir: string }).dir).toBe("rtl");

    const after = await db.shareLink.findUniqueOrThrow({ where: { id } });
    expect(after.openCount).toBe(3);
    expect(after.lastOpenedAt).not.toBeNull();
    const audits = await db.auditLog.findMany({
      where: { action: "handover.share.open", entityId: id },
    });
    expect(audits.map((a) => a.detail).sort()).toEqual(["page", "page", "pdf"]);
    expect(audits.every((a) => a.caseId === kase.id && a.ip === "10.0.0.1")).toBe(true);
  });

  it("answers 404 with the same page once expired, revoked, or for an unknown token", async () => {
    const { kase, patient } = await inAftercare("en");
    const expired = await shareLink(patient.id, kase.id, 7);
    await db.shareLink.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await shareLink(patient.id, kase.id, 30);
    const cookie = await cookieFor(patient.id);
    const revoke = await call(portalAftercareAction, {
      path: `/portal/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie,
      form: form({ intent: "revoke", linkId: revoked.id }),
    });
    expect(revoke.status).toBe(200);

    const pages = [];
    for (const token of [expired.token, revoked.token, "not-a-token"]) {
      const page = await call(shareLoader, { path: `/share/${token}`, params: { token } });
      expect(page.status).toBe(404);
      pages.push(JSON.stringify(page.data));
      const pdf = await call(sharePdf, { path: `/share/${token}/handover.pdf`, params: { token } });
      expect(pdf.status).toBe(404);
    }
    expect(new Set(pages).size).toBe(1);
    expect(await db.auditLog.count({ where: { action: "handover.share.open" } })).toBe(0);

    // The patient's list says which is which; the doctor's page does not.
    const list = await call(portalAftercare, {
      path: `/portal/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie,
    });
    const links = (list.data as { links: { id: string; revokedAt: unknown }[] }).links;
    expect(links).toHaveLength(2);
    expect(links.find((l) => l.id === revoked.id)!.revokedAt).not.toBeNull();
  });

  it("is made by the patient for their own case only, once per press", async () => {
    const { kase, patient } = await inAftercare("en");
    const other = await createUser({ role: "PATIENT" });
    const body = form({ intent: "share", label: "Dr Haddad", days: "30" });
    const refused = await call(portalAftercareAction, {
      path: `/portal/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie: await cookieFor(other.id),
      form: body,
    });
    expect(refused.status).toBe(404);
    expect(await db.shareLink.count()).toBe(0);
    await expect(shareLink(other.id, kase.id)).rejects.toMatchObject({ status: 404 });

    const cookie = await cookieFor(patient.id);
    const made = await call(portalAftercareAction, {
      path: `/portal/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie,
      form: body,
    });
    expect(made.status).toBe(200);
    expect((made.data as { url: string }).url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    const again = await call(portalAftercareAction, {
      path: `/portal/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie,
      form: body,
    });
    expect(again.status).toBe(409);
    expect(await db.shareLink.count()).toBe(1);
  });
});

describe("lab values from the home doctor", () => {
  it("are stored with their source on the nearest follow-up and show on the staff page", async () => {
    const { kase, patient, staff } = await inAftercare("ar");
    const { token, id } = await shareLink(patient.id, kase.id);
    const today = new Date().toISOString().slice(0, 10);
    const path = `/share/${token}`;

    // Bad input: the messages come back in the page's language and what was typed stays.
    const bad = await call(shareAction, {
      path,
      params: { token },
      form: form({ marker: "crp", value: "abc", takenOn: today, doctorName: "Dr Haddad" }),
    });
    expect(bad.status).toBe(400);
    expect(formReply(bad).errors.value).toMatch(/number/i);
    expect(formReply(bad).values.doctorName).toBe("Dr Haddad");

    // Implausible: asked to confirm, nothing stored.
    const doubtful = await call(shareAction, {
      path,
      params: { token },
      form: form({ marker: "crp", value: "900", takenOn: today, doctorName: "Dr Haddad" }),
    });
    expect(doubtful.status).toBe(400);
    expect(formReply(doubtful).errors.checked).toBeTruthy();
    expect(await db.labResult.count()).toBe(0);

    // A future date is refused beside the field.
    const future = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    const later = await call(shareAction, {
      path,
      params: { token },
      form: form({ marker: "crp", value: "4", takenOn: future, doctorName: "Dr Haddad" }),
    });
    expect(later.status).toBe(409);
    expect(formReply(later).errors.takenOn).toBeTruthy();

    // Native digits are read; sent twice, it is stored once.
    const body = form({ marker: "crp", value: "٤٫٥", takenOn: today, doctorName: "Dr Haddad" });
    const ok = await call(shareAction, { path, params: { token }, form: body });
    expect(ok.status).toBe(200);
    const twice = await call(shareAction, { path, params: { token }, form: body });
    expect(twice.status).toBe(409);
    const labs = await db.labResult.findMany({ include: { followUp: true } });
    expect(labs).toHaveLength(1);
    expect(labs[0]).toMatchObject({
      value: 4.5,
      marker: "crp",
      source: "HOME_DOCTOR",
      sourceName: "Dr Haddad",
      shareLinkId: id,
    });
    // Taken today, two days after treatment: the follow-up due nearest is the first week's.
    expect(labs[0]!.followUp.label).toBe("P1W");
    expect(
      await db.auditLog.count({ where: { action: "handover.share.labs", caseId: kase.id } }),
    ).toBe(1);

    const page = await call(staffAftercare, {
      path: `/staff/cases/${kase.id}/aftercare`,
      params: { caseId: kase.id },
      cookie: await cookieFor(staff.clinician.id),
    });
    const d = page.data as {
      handover: { homeDoctorLabs: { marker: string; value: number; sourceName: string }[] };
    };
    expect(d.handover.homeDoctorLabs).toEqual([
      expect.objectContaining({ marker: "crp", value: 4.5, sourceName: "Dr Haddad" }),
    ]);
    // And in the bundle, as an Observation that says where it came from.
    const bundle = await handoverBundle((await packFactsOf(kase.id))!);
    expect(JSON.stringify(bundle)).toContain("From Dr Haddad, via the patient");
  });

  it("does not overwrite a value the clinic entered for that follow-up", async () => {
    const { kase, patient, staff } = await inAftercare("en");
    const { token } = await shareLink(patient.id, kase.id);
    const week = await db.followUp.findFirstOrThrow({ where: { caseId: kase.id, label: "P1W" } });
    await db.labResult.create({
      data: { followUpId: week.id, marker: "crp", value: 2, enteredById: staff.clinician.id },
    });
    const today = new Date().toISOString().slice(0, 10);
    const out = await call(shareAction, {
      path: `/share/${token}`,
      params: { token },
      form: form({ marker: "crp", value: "7", takenOn: today, doctorName: "Dr Haddad" }),
    });
    expect(out.status).toBe(409);
    const lab = await db.labResult.findFirstOrThrow({ where: { followUpId: week.id } });
    expect(lab).toMatchObject({ value: 2, source: "CLINIC" });
  });

  it("past the hourly limit, are refused on the form in the doctor's language, nothing typed lost", async () => {
    const { kase, patient } = await inAftercare("en");
    const { token } = await shareLink(patient.id, kase.id);
    const path = `/share/${token}?lng=ar`;
    const typed = { marker: "crp", value: "abc", takenOn: "2026-01-01", doctorName: "Dr Haddad" };
    for (let i = 0; i < SHARE_LAB_LIMIT.max; i++) {
      const out = await call(shareAction, { path, params: { token }, form: form(typed) });
      expect(out.status).toBe(400);
    }
    // A thrown 429 showed the generic error page and lost the form (the walk-through's finding).
    const limited = await call(shareAction, { path, params: { token }, form: form(typed) });
    expect(limited.status).toBe(429);
    const reply = formReply(limited);
    expect(reply.values.doctorName).toBe("Dr Haddad");
    expect(reply.errors[""]).toMatch(/[\u0600-\u06FF]/);
  });

  it("go to the follow-up due nearest the day they were taken", () => {
    const f = (id: string, iso: string) => ({ id, dueAt: new Date(iso) });
    const plan = [
      f("w1", "2026-03-08T08:00:00Z"),
      f("m1", "2026-04-01T07:00:00Z"),
      f("m3", "2026-06-01T07:00:00Z"),
    ];
    expect(followUpFor(plan, "2026-03-03", "Europe/Berlin")?.id).toBe("w1");
    expect(followUpFor(plan, "2026-03-25", "Europe/Berlin")?.id).toBe("m1");
    expect(followUpFor(plan, "2026-05-10", "Europe/Berlin")?.id).toBe("m3");
    expect(followUpFor([], "2026-05-10", "Europe/Berlin")).toBeNull();
  });
});
