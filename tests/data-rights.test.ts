/**
 * Patients' data rights, checked against the schema itself (prisma/models.prisma):
 * - the export plan names every model, and every model that links to a patient's user,
 *   case, quote, enquiry or follow-up is exported;
 * - an export holds every row that links to the patient, found here by walking those
 *   links generically from the schema, and the ZIP carries data.json and the documents;
 * - after an erasure, no personal value of the patient is left in any text column of any
 *   table (every column is scanned), while the records kept by law remain;
 * - the retention job anonymises enquiries that never went ahead, and only those.
 */
import fs from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { db, dialect } from "~/db.server";
import {
  EXPORT_PLAN,
  applyRetention,
  carryOutErasure,
  exportArchive,
  exportPatient,
  requestErasure,
} from "~/models/privacy/data-rights.server";
import { completeFollowUp } from "~/models/aftercare/aftercare.server";
import { checkFile, saveDocuments, writeEncrypted } from "~/infra/document-store.server";
import { getFixedT } from "~/i18n/i18n.server";
import { action as dataAction, loader as dataLoader } from "~/routes/portal.data";
import { loader as dataJson } from "~/routes/portal.data[.]json";
import { action as erasureAction } from "~/routes/staff.erasure";
import { demoPdf } from "../prisma/demo-pdf";
import { resetDatabase } from "./support/db";
import { storedFiles } from "./support/files";
import { acceptedCase } from "./support/finance";
import { createCase, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

interface Field {
  name: string;
  type: string;
  relation: boolean;
  list: boolean;
}

/** The models and their fields, read from the schema's source. */
function schemaModels(): Map<string, Field[]> {
  const text = fs.readFileSync("prisma/models.prisma", "utf8");
  const models = new Map<string, Field[]>();
  for (const m of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields: Field[] = [];
    for (const line of m[2]!.split("\n")) {
      const f = /^\s+(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!f || line.trim().startsWith("//") || line.trim().startsWith("@@")) continue;
      fields.push({ name: f[1]!, type: f[2]!, list: Boolean(f[3]), relation: false });
    }
    models.set(m[1]!, fields);
  }
  for (const fields of models.values()) for (const f of fields) f.relation = models.has(f.type);
  return models;
}

const MODELS = schemaModels();
/** The models whose rows belong to one patient; a model pointing at one of these is theirs too. */
const OWNERS = ["User", "Case", "Quote", "Enquiry", "FollowUp"];

const MARK = {
  name: "Zelda Quillfeather",
  email: "zelda.quillfeather@example.org",
  phone: "+905321119988",
  ip: "203.0.113.77",
  text: "QUILLMARK",
};

/** Every text column of every table whose value contains a marker: "Table.column". */
async function columnsHolding(markers: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const [model, fields] of MODELS) {
    for (const f of fields.filter((x) => x.type === "String" && !x.relation)) {
      for (const m of markers) {
        const rows = await db.$queryRawUnsafe<unknown[]>(
          `SELECT 1 FROM "${model}" WHERE "${f.name}" LIKE $1 LIMIT 1`.replace(
            "$1",
            dialect === "postgresql" ? "$1" : "?",
          ),
          `%${m}%`,
        );
        if (rows.length) hits.push(`${model}.${f.name}`);
      }
    }
  }
  return [...new Set(hits)].sort();
}

/** A patient with rows in every table a journey touches, each carrying the markers. */
async function markedPatient() {
  const { kase, patient, quote } = await acceptedCase("EUR");
  await db.user.update({
    where: { id: patient.id },
    data: { name: MARK.name, email: MARK.email, phone: MARK.phone },
  });
  const staff = await createUser({ role: "CLINICIAN" });
  await db.case.update({
    where: { id: kase.id },
    data: { stage: "IN_TREATMENT", conditionSummary: `SLE since 2015 ${MARK.text}` },
  });
  await db.session.create({
    data: {
      id: `s-${MARK.text}`,
      userId: patient.id,
      expiresAt: new Date(Date.now() + 86_400_000),
      ip: MARK.ip,
      userAgent: `UA ${MARK.text}`,
    },
  });
  await db.loginToken.create({
    data: { userId: patient.id, tokenHash: `hash-${MARK.text}`, expiresAt: new Date() },
  });
  await db.rateLimit.create({
    data: { key: `magic:email:${MARK.email}`, windowStart: new Date(), count: 1 },
  });
  await db.consent.create({
    data: {
      userId: patient.id,
      caseId: kase.id,
      purpose: "health-data",
      version: "1",
      locale: "en",
      ip: MARK.ip,
    },
  });
  const message = await db.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "MESSAGE",
      actorId: patient.id,
      body: `Hello from ${MARK.name} ${MARK.text}`,
      fromPatient: true,
    },
  });
  // The staff inbox's row for it (issue 22).
  await db.inboxItem.create({ data: { caseId: kase.id, kind: "MESSAGE", eventId: message.id } });
  await db.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "STAGE_CHANGE",
      actorId: staff.id,
      fromStage: "SCHEDULED",
      toStage: "IN_TREATMENT",
      reason: `called ${MARK.phone}`,
    },
  });
  await db.outboxEmail.create({
    data: {
      caseId: kase.id,
      toEmail: MARK.email,
      toName: MARK.name,
      locale: "en",
      template: "notice",
      subject: `Dear ${MARK.name}`,
      html: `<p>${MARK.text}</p>`,
      text: MARK.text,
    },
  });
  await db.auditLog.create({
    data: {
      actorId: staff.id,
      action: "case.read",
      entity: "Case",
      entityId: kase.id,
      caseId: kase.id,
      ip: MARK.ip,
      outcome: "success",
      detail: MARK.email,
    },
  });
  await db.quote.update({
    where: { id: quote.id },
    data: { note: `For ${MARK.name}`, acceptedIp: MARK.ip },
  });
  await db.payment.create({
    data: {
      caseId: kase.id,
      quoteId: quote.id,
      kind: "DEPOSIT",
      status: "SUCCEEDED",
      method: "BANK_TRANSFER",
      amountMinor: quote.depositMinor,
      currency: quote.currency,
      reference: `Transfer ${MARK.name}`,
      paidAt: new Date(),
    },
  });
  const step = await db.treatmentPlanStep.create({
    data: { caseId: kase.id, position: 1, name: "Infusion", notes: `note ${MARK.text}` },
  });
  const appointment = await db.appointment.create({
    data: {
      caseId: kase.id,
      title: "Infusion",
      planStepId: step.id,
      startsAt: new Date("2026-12-01T07:00:00Z"),
      endsAt: new Date("2026-12-01T10:00:00Z"),
      rescheduleNote: `please ${MARK.text}`,
    },
  });
  // Issue 24's channels: a WhatsApp message to the patient's number, a code sent to it, a
  // message from the number a coordinator linked to the case, and a reminder sent.
  await db.outboxMessage.create({
    data: {
      caseId: kase.id,
      userId: patient.id,
      channel: "WHATSAPP",
      toPhone: MARK.phone,
      locale: "en",
      template: "case_update",
      text: "news",
    },
  });
  await db.phoneVerification.create({
    data: {
      userId: patient.id,
      phone: MARK.phone,
      channel: "SMS",
      codeHash: "x",
      expiresAt: new Date(),
    },
  });
  await db.inboundLead.create({
    data: {
      channel: "SMS",
      fromPhone: MARK.phone,
      text: MARK.text,
      providerId: `SM${MARK.text}`,
      status: "LINKED",
      caseId: kase.id,
    },
  });
  await db.appointmentReminder.create({
    data: { appointmentId: appointment.id, offsetMinutes: 120, startsAt: appointment.startsAt },
  });
  await db.itineraryItem.create({
    data: {
      caseId: kase.id,
      kind: "HOTEL",
      title: "Hotel",
      startsAt: new Date(),
      contactName: MARK.name,
      contactPhone: MARK.phone,
      note: MARK.text,
    },
  });
  const [docId] = await saveDocuments({
    caseId: kase.id,
    kind: "PASSPORT",
    uploadedById: patient.id,
    files: [await checkFile({ name: `${MARK.text}.pdf`, bytes: demoPdf(MARK.text) })],
  });
  await db.document.update({
    where: { id: docId! },
    data: { holderName: MARK.name, documentNumber: `P${MARK.text}`, rejectNote: MARK.text },
  });
  const enquiry = await db.enquiry.create({
    data: {
      caseId: kase.id,
      programmeId: kase.programmeId,
      locale: "en",
      diagnosis: `SLE ${MARK.text}`,
      medication: MARK.text,
    },
  });
  await db.enquiryAnswer.create({
    data: { enquiryId: enquiry.id, questionId: "q1", value: MARK.text },
  });
  const followUp = await db.followUp.create({
    data: { caseId: kase.id, kind: "BASELINE", label: "BASELINE", dueAt: new Date() },
  });
  await completeFollowUp({
    caseId: kase.id,
    followUpId: followUp.id,
    actorId: patient.id,
    answers: {
      proms: { fatigue: 5, pain: 5, stiffness: 5, flares: 1, steroidDoseMg: 5, qualityOfLife: 50 },
      labs: { c3: 0.7 },
    },
  });
  await db.clinicalTask.create({
    data: {
      caseId: kase.id,
      followUpId: followUp.id,
      kind: "WORSENING",
      detail: "pain:1:5",
      resolutionNote: MARK.text,
    },
  });
  // Issue 25's records: a fit-to-fly sign-off, an insurance policy, a signed consent, the
  // handover pack and a share link for the home doctor.
  await db.fitToFly.create({ data: { caseId: kase.id, signedById: staff.id, note: MARK.text } });
  await db.insurancePolicy.create({
    data: {
      caseId: kase.id,
      kind: "COMPLICATION",
      insurer: `Insurer ${MARK.text}`,
      policyNumber: `POL-${MARK.text}`,
      coversFrom: new Date(Date.UTC(2026, 0, 1)),
      coversUntil: new Date(Date.UTC(2026, 11, 31)),
    },
  });
  await db.signedConsent.create({
    data: {
      caseId: kase.id,
      kind: "PROCEDURE",
      version: 1,
      language: "en",
      signerId: patient.id,
      typedName: MARK.name,
      signatureMethod: "TYPED",
      textSha256: "0".repeat(64),
    },
  });
  await db.handoverPack.create({ data: { caseId: kase.id, followUpPlan: MARK.text } });
  await db.shareLink.create({
    data: {
      caseId: kase.id,
      tokenHash: `hash-${MARK.text}`,
      createdById: patient.id,
      label: MARK.text,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  // Staff-only text: an internal note and the clinician's own explanation.
  await db.caseEvent.create({
    data: {
      caseId: kase.id,
      type: "NOTE",
      actorId: staff.id,
      body: `internal ${MARK.text} STAFFONLY`,
      internal: true,
    },
  });
  await db.case.update({
    where: { id: kase.id },
    data: { eligibilityReason: `clinician STAFFONLY ${MARK.text}` },
  });
  // Enquiries sent from the public form with the address: one confirmed, one waiting.
  // The waiting one holds a file of its own, stored encrypted but in no case yet.
  const heldKey = await writeEncrypted(Buffer.from(demoPdf("held")));
  await db.pendingEnquiry.create({
    data: {
      email: MARK.email,
      tokenHash: `pending-${MARK.text}-1`,
      payload: JSON.stringify({ name: MARK.name, diagnosis: MARK.text, phone: MARK.phone }),
      files: JSON.stringify([{ storageKey: heldKey, fileName: "held.pdf" }]),
      locale: "en",
      ip: MARK.ip,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await db.pendingEnquiry.create({
    data: {
      email: MARK.email,
      tokenHash: `pending-${MARK.text}-2`,
      payload: "{}",
      locale: "en",
      ip: MARK.ip,
      expiresAt: new Date(),
      confirmedAt: new Date(),
      confirmedById: patient.id,
      confirmedVia: "link",
      caseId: kase.id,
    },
  });
  await requestErasure(patient.id);
  return { kase, patient, quote };
}

beforeEach(async () => {
  await resetDatabase();
});

describe("the export plan", () => {
  it("names every model of the schema, and exports every model linked to a patient", () => {
    expect(Object.keys(EXPORT_PLAN).sort()).toEqual([...MODELS.keys()].sort());
    const linked = [...MODELS]
      .filter(([, fields]) => fields.some((f) => f.relation && !f.list && OWNERS.includes(f.type)))
      .map(([name]) => name);
    expect(linked.length).toBeGreaterThan(12);
    const excludedButLinked = linked.filter((m) => {
      const plan = EXPORT_PLAN[m as keyof typeof EXPORT_PLAN];
      return "excluded" in plan && !plan.notForPatients;
    });
    expect(excludedButLinked).toEqual([]);
  });
});

describe("export", () => {
  it("holds every row linked to the patient, found by walking the schema's links", async () => {
    const { patient } = await markedPatient();
    // Someone else's rows must not leak in.
    const other = await createCase();
    await db.caseEvent.create({
      data: { caseId: other.kase.id, type: "MESSAGE", body: "not yours" },
    });

    const data = (await exportPatient(patient.id))!;
    // Ids of the patient's rows per owning model, then every model pointing at them.
    const owned = new Map<string, Set<string>>([["User", new Set([patient.id])]]);
    const order = ["Case", "Quote", "Enquiry", "FollowUp"];
    const parentOf: Record<string, [string, string]> = {
      Case: ["User", "patientId"],
      Quote: ["Case", "caseId"],
      Enquiry: ["Case", "caseId"],
      FollowUp: ["Case", "caseId"],
    };
    for (const model of order) {
      const [parent, column] = parentOf[model]!;
      const rows = await db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT "id" FROM "${model}" WHERE "${column}" IN (${[...owned.get(parent)!].map((id) => `'${id}'`).join(",")})`,
      );
      owned.set(model, new Set(rows.map((r) => r.id)));
    }
    let checked = 0;
    for (const [model, fields] of MODELS) {
      const plan = EXPORT_PLAN[model as keyof typeof EXPORT_PLAN];
      if ("excluded" in plan) continue;
      const links = fields.filter((f) => f.relation && !f.list && OWNERS.includes(f.type));
      const idField = fields.find((f) => f.name === "id");
      const ownSet = owned.get(model);
      const conditions = links
        .map((link) => {
          const fk = fields.find((f) => f.name === `${link.name}Id`);
          const ids = owned.get(link.type);
          return fk && ids?.size
            ? `"${fk.name}" IN (${[...ids].map((id) => `'${id}'`).join(",")})`
            : null;
        })
        .filter(Boolean);
      if (ownSet?.size)
        conditions.push(`"id" IN (${[...ownSet].map((id) => `'${id}'`).join(",")})`);
      if (!conditions.length || !idField) continue;
      const expected = await db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT "id" FROM "${model}" WHERE ${conditions.join(" OR ")}`,
      );
      const exported = new Set(
        ((data.records[model as keyof typeof data.records] ?? []) as { id?: string }[]).map(
          (r) => r.id,
        ),
      );
      expect(expected.length, `${model} has rows for the test`).toBeGreaterThan(0);
      // Session ids are sign-in secrets: left out of the export, so count the rows instead.
      if (plan.omit?.includes("id")) {
        expect((data.records[model as keyof typeof data.records] ?? []).length, model).toBe(
          expected.length,
        );
      } else {
        for (const row of expected) expect(exported.has(row.id), `${model} ${row.id}`).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(data)).not.toContain("not yours");
    // Staff-only text is left out of the self-service copy, and counted (ADR 015)...
    expect(data.copy).toBe("self-service");
    expect(JSON.stringify(data.records)).not.toContain("STAFFONLY");
    expect(data.withheld).toMatchObject({ "CaseEvent.body": 1, "Case.eligibilityReason": 1 });
    expect(JSON.stringify(data.records.PendingEnquiry)).not.toContain("pending-");
    // ...and is in the full copy an admin releases after review.
    const full = (await exportPatient(patient.id, "full"))!;
    expect(JSON.stringify(full.records)).toContain("internal QUILLMARK STAFFONLY");
    expect(JSON.stringify(full.records)).toContain("clinician STAFFONLY");
    expect(full.withheld).toEqual({});
    // Secrets stay out.
    const user = data.records.User![0] as Record<string, unknown>;
    expect(user).not.toHaveProperty("passwordHash");
    expect(JSON.stringify(data.records.LoginToken)).not.toContain("hash-");
    expect(JSON.stringify(data.records.Document)).not.toContain("storageKey");

    const zip = unzipSync((await exportArchive(patient.id))!);
    expect(JSON.parse(strFromU8(zip["data.json"]!)).format).toBe("medtravel-export/1");
    const docs = Object.keys(zip).filter((n) => n.startsWith("documents/"));
    expect(docs).toHaveLength(1);
    expect(strFromU8(zip[docs[0]!]!)).toContain("%PDF");

    const viaRoute = await call(dataJson, {
      path: "/portal/data.json",
      cookie: await cookieFor(patient.id),
    });
    expect(viaRoute.status).toBe(200);
    expect(viaRoute.response!.headers.get("Content-Disposition")).toContain("attachment");
    expect(await db.auditLog.count({ where: { action: "data.export", actorId: patient.id } })).toBe(
      1,
    );
  });
});

describe("erasure", () => {
  it("lets a patient ask once, after ticking the box, in their language", async () => {
    const patient = await createUser({ role: "PATIENT", locale: "de" });
    const cookie = await cookieFor(patient.id);
    const t = getFixedT("de", "aftercare");
    const ask = (form: Record<string, string>) =>
      call(dataAction, { path: "/portal/data", cookie, form: new URLSearchParams(form) });

    const unticked = await ask({});
    expect(unticked.status).toBe(400);
    expect(formReply(unticked)).toMatchObject({
      form: "erasure",
      errors: { confirm: t("rights.confirmRequired") },
    });
    expect(await db.erasureRequest.count({ where: { userId: patient.id } })).toBe(0);

    const asked = await ask({ confirm: "yes" });
    expect(asked.status).toBe(200);
    expect(formReply(asked).done).toBe(t("rights.requested"));
    // Asking again while one is open is answered, never recorded twice.
    const again = await ask({ confirm: "yes" });
    expect(again.status).toBe(409);
    expect(formReply(again).errors).toEqual({ "": t("rights.alreadyRequested") });
    expect(await db.erasureRequest.count({ where: { userId: patient.id } })).toBe(1);

    const page = await call(dataLoader, { path: "/portal/data", cookie });
    expect((page.data as { requests: { status: string }[] }).requests).toMatchObject([
      { status: "REQUESTED" },
    ]);
  });

  it("leaves no personal value of the patient in any column of any table, and keeps the records the law needs", async () => {
    const { patient, kase, quote } = await markedPatient();
    const markers = [MARK.name, MARK.email, MARK.phone, MARK.ip, MARK.text];
    const before = await columnsHolding(markers);
    // The markers are really spread over the tables, so the scan below can fail.
    expect(before.length).toBeGreaterThanOrEqual(25);
    const filesBefore = storedFiles().length;
    expect(filesBefore).toBeGreaterThan(0);

    const admin = await createUser({ role: "ADMIN" });
    const request = await db.erasureRequest.findFirstOrThrow({ where: { userId: patient.id } });
    const refused = await call(erasureAction, {
      path: "/staff/erasure",
      cookie: await cookieFor(admin.id),
      form: new URLSearchParams({ requestId: request.id }),
    });
    expect(refused.status).toBe(400);
    const done = await call(erasureAction, {
      path: "/staff/erasure",
      cookie: await cookieFor(admin.id),
      form: new URLSearchParams({ requestId: request.id, confirm: "yes" }),
    });
    expect(done.status).toBe(200);

    expect(await columnsHolding(markers)).toEqual([]);
    // The passport, and the file held with the unconfirmed enquiry.
    expect(storedFiles().length).toBe(filesBefore - 2);
    // Kept, anonymised: the case and its stage history, the quote and its payments, consent.
    expect(await db.case.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({
      stage: "IN_TREATMENT",
      conditionSummary: null,
    });
    expect((await db.quote.findUniqueOrThrow({ where: { id: quote.id } })).totalMinor).toBe(
      quote.totalMinor,
    );
    expect(await db.payment.count({ where: { caseId: kase.id } })).toBeGreaterThan(0);
    expect(await db.consent.count({ where: { userId: patient.id } })).toBeGreaterThan(0);
    expect(
      await db.caseEvent.count({ where: { caseId: kase.id, type: "STAGE_CHANGE" } }),
    ).toBeGreaterThan(0);
    // Deleted: health data, messages, documents, itinerary, sessions.
    expect(await db.followUp.count({ where: { caseId: kase.id } })).toBe(0);
    expect(await db.enquiry.count({ where: { caseId: kase.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: patient.id } })).toBe(0);
    // What was erased is recorded on the request and in the audit trail.
    const after = await db.erasureRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after.status).toBe("DONE");
    expect(JSON.parse(after.summary!)).toMatchObject({
      Document: { deleted: 1 },
      FollowUp: { deleted: 1 },
      PendingEnquiry: { deleted: 1, anonymised: 1 },
      User: { anonymised: 1 },
      Quote: { anonymised: 1 },
    });
    expect(
      await db.auditLog.count({ where: { action: "erasure.carry-out", actorId: admin.id } }),
    ).toBe(1);
    // Twice is refused.
    await expect(carryOutErasure(request.id, admin.id, null)).rejects.toThrow(/done/);
  });
});

describe("retention", () => {
  it("anonymises enquiries that never went ahead once RETENTION_MONTHS have passed, and nothing else", async () => {
    const stale = await createCase({ patientName: MARK.name });
    await db.case.update({ where: { id: stale.kase.id }, data: { conditionSummary: MARK.text } });
    const recent = await createCase();
    await db.case.update({ where: { id: recent.kase.id }, data: { conditionSummary: "recent" } });
    const paid = await acceptedCase("EUR");
    await db.payment.create({
      data: {
        caseId: paid.kase.id,
        kind: "DEPOSIT",
        status: "SUCCEEDED",
        method: "CASH",
        amountMinor: 100,
        currency: "EUR",
        paidAt: new Date(),
      },
    });
    await db.case.update({ where: { id: paid.kase.id }, data: { conditionSummary: "paid" } });
    // Two years and a day ago (RETENTION_MONTHS defaults to 24).
    const old = new Date(Date.now() - (731 + 1) * 86_400_000);
    for (const id of [stale.kase.id, paid.kase.id]) {
      await db.$executeRawUnsafe(
        `UPDATE "Case" SET "updatedAt" = ${dialect === "postgresql" ? "$1" : "?"} WHERE "id" = ${dialect === "postgresql" ? "$2" : "?"}`,
        old,
        id,
      );
    }
    expect(await applyRetention()).toBe(1);
    expect(await applyRetention()).toBe(0);
    expect(await db.case.findUniqueOrThrow({ where: { id: stale.kase.id } })).toMatchObject({
      conditionSummary: null,
      anonymisedAt: expect.any(Date),
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: stale.patient.id } })).name).toBe(
      "[erased]",
    );
    expect(
      (await db.case.findUniqueOrThrow({ where: { id: recent.kase.id } })).conditionSummary,
    ).toBe("recent");
    expect(
      (await db.case.findUniqueOrThrow({ where: { id: paid.kase.id } })).conditionSummary,
    ).toBe("paid");
    expect(await columnsHolding([MARK.name, MARK.text])).toEqual([]);
    expect(await db.auditLog.count({ where: { action: "retention.anonymise" } })).toBe(1);
  });
});
