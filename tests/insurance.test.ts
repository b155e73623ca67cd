/**
 * Insurance on a case (issue 25), on the database: the stay's days each kind the programme
 * asks for must cover, the refusal of TRAVEL_READY naming the day not covered, policies that
 * cover the stay together, the clinic's own complication cover on the accepted quote (and not
 * on a declined or superseded one), the policy document checked by content and stored
 * encrypted, the patient's upload of their own case only, and staff reads of the document
 * audited.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { parseItem as readItem, type ItemValues } from "~/forms/itinerary";
import { env } from "~/env.server";
import { coverage, dayRuns, formatRuns, stayDays, uncoveredDays } from "~/lib/insurance";
import { changeStage, readFacts, StageChangeError } from "~/models/cases/stage.server";
import { bookPlanStep } from "~/models/travel/booking.server";
import { reviewPassport, saveItem, uploadPassport } from "~/models/travel/travel.server";
import {
  insuranceFacts,
  insuranceGapLines,
  savePolicy,
  InsuranceError,
} from "~/models/travel/insurance.server";
import { action as staffCase } from "~/routes/staff.cases.$caseId";
import { action as catalogue } from "~/routes/staff.catalogue";
import {
  action as staffTravel,
  loader as staffTravelPage,
} from "~/routes/staff.cases.$caseId_.travel";
import {
  action as patientTravel,
  loader as patientTravelPage,
} from "~/routes/portal.cases.$caseId_.travel";
import { loader as staffDocument } from "~/routes/staff.cases.$caseId.documents.$documentId";
import { loader as patientDocument } from "~/routes/portal.cases.$caseId.documents.$documentId";
import { demoPdf } from "../prisma/demo-pdf";
import { resetDatabase } from "./support/db";
import { png, storedFiles } from "./support/files";
import { acceptedCase } from "./support/finance";
import { createCase } from "./support/factories";
import { sentForm } from "./support/enquiry-form";
import { call, cookieFor, formReply } from "./support/requests";

/**
 * The uncovered kinds, read both ways: on its own (the travel page, the stage form's detail)
 * and inside the stage guards' facts, which hand on the case, the programme's requirements and
 * the trip they have already read. Both must agree in every case below.
 */
async function gapsOf(caseId: string) {
  const alone = (await insuranceFacts(db, caseId)).gaps;
  const inFacts = (await readFacts(db, caseId)).facts.insuranceGaps;
  expect(inFacts, "the stage guards' facts").toBe(alone);
  return alone;
}

beforeEach(resetDatabase);

const parseItem = (values: Partial<ItemValues>) =>
  readItem(
    {
      kind: "ARRIVAL_FLIGHT",
      start: "",
      startZone: "",
      end: "",
      endZone: "",
      reference: "",
      fromPlace: "",
      toPlace: "",
      contactName: "",
      contactPhone: "",
      note: "",
      ...values,
    },
    { clinicZone: env().CLINIC_TIME_ZONE },
  );

/** A small real PDF: what the store accepts as one by its bytes. */
const PDF = demoPdf("DEMO INSURANCE POLICY");

/**
 * A case at SCHEDULED with everything else TRAVEL_READY asks for: two infusions on 2 and 3
 * March 2027, the arrival on 1 March and the departure on 5 March (Istanbul), an approved
 * passport. Its programme asks for complication cover.
 */
async function scheduledTrip(options: { travelInsurance?: boolean } = {}) {
  const made = await acceptedCase();
  await db.programme.update({
    where: { id: made.programme.id },
    data: {
      requiresComplicationCover: true,
      requiresTravelInsurance: options.travelInsurance ?? false,
    },
  });
  const coordinator = made.staff.coordinator.id;
  const chair = await db.resource.create({
    data: {
      name: "Chair 1",
      type: "CHAIR",
      hours: {
        create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 1080 })),
      },
    },
  });
  const step = await db.treatmentPlanStep.create({
    data: {
      caseId: made.kase.id,
      position: 2,
      name: "Infusion",
      resourceType: "CHAIR",
      durationMinutes: 180,
    },
  });
  for (const day of ["2027-03-02", "2027-03-03"]) {
    await bookPlanStep({
      caseId: made.kase.id,
      planStepId: step.id,
      resourceId: chair.id,
      startsAt: new Date(`${day}T06:00:00Z`),
      actorId: coordinator,
      formKey: sentForm(),
      now: new Date("2027-02-01T00:00:00Z"),
    });
  }
  for (const values of [
    {
      reference: "SU2136",
      fromPlace: "SVO",
      toPlace: "IST",
      start: "2027-03-01T09:00",
      end: "2027-03-01T12:30",
    },
    {
      kind: "DEPARTURE_FLIGHT",
      reference: "SU2137",
      fromPlace: "IST",
      toPlace: "SVO",
      start: "2027-03-05T14:00",
      end: "2027-03-05T17:40",
    },
  ]) {
    const parsed = parseItem(values);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await saveItem(made.kase.id, coordinator, parsed.item, { formKey: sentForm() });
  }
  await db.case.update({
    where: { id: made.kase.id },
    data: { stage: "DEPOSIT_PAID", depositWaivedAt: new Date() },
  });
  const actor = { id: coordinator, role: "COORDINATOR" as const };
  await changeStage({ caseId: made.kase.id, to: "SCHEDULED", actor });
  const passport = await uploadPassport({
    patientId: made.patient.id,
    caseId: made.kase.id,
    kind: "PASSPORT",
    file: { name: "p.png", bytes: png() },
    data: {
      holderName: "OLGA IVANOVA",
      nationality: "RU",
      documentNumber: "754812345",
      birthDate: new Date("1981-04-12T00:00:00Z"),
      expiresOn: new Date("2031-06-30T00:00:00Z"),
    },
    formKey: sentForm(),
  });
  await reviewPassport({
    caseId: made.kase.id,
    documentId: passport,
    actorId: coordinator,
    ip: null,
    review: { decision: "approve" },
  });
  return { ...made, coordinator, actor };
}

const day = (d: string) => new Date(`${d}T00:00:00Z`);
/** Intl's thin spaces around a range's dash, read as plain ones. */
const plain = (text: string) => text.replace(/[\u2009\u202f]/g, " ");

function addPolicy(
  made: { kase: { id: string }; coordinator: string },
  kind: "COMPLICATION" | "TRAVEL_HEALTH",
  from: string,
  until: string,
) {
  return savePolicy({
    caseId: made.kase.id,
    actorId: made.coordinator,
    by: "staff",
    data: {
      kind,
      insurer: "Anadolu Sigorta",
      policyNumber: `P-${from}-${until}`,
      coversFrom: day(from),
      coversUntil: day(until),
      coveredProcedures: "Intravenous MSC infusion",
    },
    file: { name: "policy.pdf", bytes: PDF },
    formKey: sentForm(),
  });
}

async function refusal(made: Awaited<ReturnType<typeof scheduledTrip>>) {
  return changeStage({ caseId: made.kase.id, to: "TRAVEL_READY", actor: made.actor }).then(
    () => null,
    (e: unknown) => e as StageChangeError,
  );
}

/** A staff travel page form, as the browser posts it (multipart, with the page's key). */
function policyForm(values: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const form = new FormData();
  form.set(FORM_KEY, newFormKey());
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  if (file) form.set("file", new File([new Uint8Array(file.bytes)], file.name));
  return form;
}

describe("the coverage check (pure)", () => {
  it("counts the stay from the arrival day to the departure day, in the clinic's zone", () => {
    const stay = stayDays({
      // Lands 23:30 UTC on 28 Feb: already 1 March in Istanbul.
      arrival: new Date("2027-02-28T23:30:00Z"),
      departure: new Date("2027-03-05T11:00:00Z"),
      onSite: [
        {
          startsAt: new Date("2027-03-02T06:00:00Z"),
          endsAt: new Date("2027-03-02T09:00:00Z"),
          stayAfterMinutes: null,
        },
      ],
      zone: "Europe/Istanbul",
    });
    expect(stay).toEqual({ from: "2027-03-01", to: "2027-03-05" });
    // Without flights: the first appointment's day to the last one's, plus its stay.
    expect(
      stayDays({
        arrival: null,
        departure: null,
        onSite: [
          {
            startsAt: new Date("2027-03-02T06:00:00Z"),
            endsAt: new Date("2027-03-02T09:00:00Z"),
            stayAfterMinutes: 2 * 24 * 60,
          },
        ],
        zone: "Europe/Istanbul",
      }),
    ).toEqual({ from: "2027-03-02", to: "2027-03-04" });
  });

  it("names runs of uncovered days as ranges, in every language", () => {
    const span = { from: "2027-03-10", to: "2027-03-20" };
    const gaps = dayRuns(uncoveredDays(span, [{ from: "2027-03-12", to: "2027-03-17" }]));
    expect(gaps).toEqual([
      { from: "2027-03-10", to: "2027-03-11" },
      { from: "2027-03-18", to: "2027-03-20" },
    ]);
    expect(formatRuns([{ from: "2027-03-14", to: "2027-03-14" }], "en")).toBe("March 14, 2027");
    expect(plain(formatRuns(gaps, "en"))).toBe(
      "March 10, 2027 – March 11, 2027 and March 18, 2027 – March 20, 2027",
    );
    expect(formatRuns(gaps, "tr")).toBe(
      "10 Mart 2027 – 11 Mart 2027 ve 18 Mart 2027 – 20 Mart 2027",
    );
    expect(formatRuns(gaps, "fa")).toMatch(/[۰-۹]/);
    expect(formatRuns(gaps, "de")).toContain("März");
    // Travel insurance is checked only when the programme asks for it.
    expect(
      coverage({ required: ["COMPLICATION"], stay: span, policies: [], clinicCover: true }),
    ).toEqual([{ kind: "COMPLICATION", missing: false, gaps: [] }]);
  });
});

describe("TRAVEL_READY asks for the insurance the programme names", () => {
  it("refuses a policy ending a day before departure, naming the uncovered day, on the stage form too", async () => {
    const made = await scheduledTrip();
    // No policy at all: refused, not overridable.
    expect((await refusal(made))?.failures).toEqual(["guard.insuranceMissing"]);
    await addPolicy(made, "COMPLICATION", "2027-03-01", "2027-03-04");
    const refused = await refusal(made);
    expect(refused).toBeInstanceOf(StageChangeError);
    expect(refused!.failures).toEqual(["guard.insuranceMissing"]);
    const t = getFixedT("en", ["travel"]);
    expect(await insuranceGapLines(made.kase.id, t, "en")).toEqual([
      "Complication insurance: not covered: March 5, 2027.",
    ]);
    // Through the case page, in German: the refusal names the day, and no reason overrides it.
    const form = new FormData();
    form.set("intent", "stage");
    form.set("from", "SCHEDULED");
    form.set("to", "TRAVEL_READY");
    form.set("override", "The patient will buy cover at the airport.");
    const outcome = await call(staffCase, {
      path: `/staff/cases/${made.kase.id}?lng=de`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.coordinator),
      form,
    });
    expect(outcome.status).toBe(409);
    const message = formReply(outcome).errors[""]!;
    expect(message).toContain(getFixedT("de", "stages")("guard.insuranceMissing"));
    expect(message).toContain("nicht abgedeckt: 5. März 2027");
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "SCHEDULED",
    );
  });

  it("passes with two policies of one kind that together cover the stay", async () => {
    const made = await scheduledTrip();
    await addPolicy(made, "COMPLICATION", "2027-02-25", "2027-03-02");
    await addPolicy(made, "COMPLICATION", "2027-03-03", "2027-03-10");
    expect(await gapsOf(made.kase.id)).toBe(0);
    await changeStage({ caseId: made.kase.id, to: "TRAVEL_READY", actor: made.actor });
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "TRAVEL_READY",
    );
  });

  it("asks for travel insurance only when the programme says so", async () => {
    const made = await scheduledTrip({ travelInsurance: true });
    await addPolicy(made, "COMPLICATION", "2027-03-01", "2027-03-05");
    const t = getFixedT("en", ["travel"]);
    expect((await insuranceGapLines(made.kase.id, t, "en")).map(plain)).toEqual([
      "Travel health insurance: no policy on file; not covered: March 1, 2027 – March 5, 2027.",
    ]);
    await db.programme.update({
      where: { id: made.programme.id },
      data: { requiresTravelInsurance: false },
    });
    expect(await gapsOf(made.kase.id)).toBe(0);
    // And a programme that asks for nothing holds nothing back.
    await db.programme.update({
      where: { id: made.programme.id },
      data: { requiresComplicationCover: false },
    });
    await db.insurancePolicy.updateMany({ data: { removedAt: new Date() } });
    expect(await gapsOf(made.kase.id)).toBe(0);
  });

  it("counts the clinic's cover on the accepted quote, not on a declined or superseded one", async () => {
    const made = await scheduledTrip();
    const addCoverLine = (quoteId: string) =>
      db.quoteLine.create({
        data: {
          quoteId,
          position: 9,
          itemKey: "complication-cover",
          category: "INSURANCE",
          name: "Complication cover",
          quantity: 1,
          unitPriceBaseMinor: 350_00,
          unitPriceMinor: 295_00,
          grossMinor: 295_00,
          discountMinor: 0,
          taxMinor: 0,
          totalMinor: 295_00,
        },
      });
    await addCoverLine(made.quote.id);
    expect(await gapsOf(made.kase.id)).toBe(0);
    // Listed as the clinic's cover on the coordinator's page.
    const page = await call(staffTravelPage, {
      path: `/staff/cases/${made.kase.id}/travel`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.coordinator),
    });
    expect((page.data as { insurance: { clinicCover: unknown } }).insurance.clinicCover).toEqual({
      quoteVersion: made.quote.version,
    });
    for (const status of ["DECLINED", "SUPERSEDED"]) {
      await db.quote.update({ where: { id: made.quote.id }, data: { status } });
      expect(await gapsOf(made.kase.id)).toBe(1);
    }
    // A line left out of the accepted quote does not count either.
    await db.quote.update({ where: { id: made.quote.id }, data: { status: "ACCEPTED" } });
    await db.quoteLine.updateMany({
      where: { quoteId: made.quote.id, itemKey: "complication-cover" },
      data: { included: false },
    });
    expect(await gapsOf(made.kase.id)).toBe(1);
  });
});

describe("the policy document", () => {
  it("is checked by content: a .pdf that is really text is refused beside the file, nothing typed lost, nothing stored", async () => {
    const made = await scheduledTrip();
    const before = storedFiles().length;
    const cookie = await cookieFor(made.coordinator);
    const post = (form: FormData) =>
      call(staffTravel, {
        path: `/staff/cases/${made.kase.id}/travel?lng=en`,
        params: { caseId: made.kase.id },
        cookie,
        form,
      });
    const values = {
      intent: "savePolicy",
      kind: "COMPLICATION",
      insurer: "Anadolu Sigorta",
      policyNumber: "AS-2027-0042",
      coversFrom: "٢٠٢٧-٠٣-٠١",
      coversUntil: "2027-03-05",
      coveredProcedures: "Bone-marrow harvest",
    };
    const text = await post(
      policyForm(values, { name: "policy.pdf", bytes: Buffer.from("not a pdf at all") }),
    );
    expect(text.status).toBe(400);
    const reply = formReply(text);
    expect(reply.form).toBe("policy");
    expect(reply.errors.file).toBeTruthy();
    expect(reply.values.insurer).toBe("Anadolu Sigorta");
    expect(storedFiles().length).toBe(before);
    expect(await db.insurancePolicy.count()).toBe(0);

    // "Until" before "from": said beside "until".
    const backwards = formReply(
      await post(
        policyForm({ ...values, coversUntil: "2027-02-20" }, { name: "p.pdf", bytes: PDF }),
      ),
    );
    expect(backwards.errors.coversUntil).toBe(
      getFixedT("en", "travel")("insurance.errors.untilBeforeFrom"),
    );
    // Missing fields: each named.
    const missing = formReply(
      await post(policyForm({ intent: "savePolicy", kind: "COMPLICATION" })),
    );
    expect(Object.keys(missing.errors)).toEqual(
      expect.arrayContaining(["insurer", "policyNumber", "coversFrom", "coversUntil"]),
    );

    // A real PDF, native digits in the date: stored encrypted; the same form again does nothing.
    const good = policyForm(values, { name: "policy.pdf", bytes: PDF });
    const saved = await post(good);
    expect(saved.status).toBe(200);
    const again = await post(good);
    expect(again.status).toBe(409);
    const policies = await db.insurancePolicy.findMany({ include: { document: true } });
    expect(policies).toHaveLength(1);
    expect(policies[0]!.coversFrom.toISOString().slice(0, 10)).toBe("2027-03-01");
    expect(policies[0]!.document).toMatchObject({
      kind: "INSURANCE_POLICY",
      mimeType: "application/pdf",
    });
    const files = storedFiles();
    expect(files.length).toBe(before + 1);
    await changeStage({ caseId: made.kase.id, to: "TRAVEL_READY", actor: made.actor });
  });

  it("is read by staff with insurance:read, audited; a patient reaches their own and never another's", async () => {
    const made = await scheduledTrip({ travelInsurance: true });
    const patientCookie = await cookieFor(made.patient.id);
    const upload = (caseId: string, cookie: string) =>
      call(patientTravel, {
        path: `/portal/cases/${caseId}/travel?insurance`,
        params: { caseId },
        cookie,
        form: policyForm(
          {
            intent: "insurance",
            kind: "TRAVEL_HEALTH",
            insurer: "Allianz Travel",
            policyNumber: "AT-55-1234",
            coversFrom: "2027-02-28",
            coversUntil: "2027-03-06",
          },
          { name: "travel.png", bytes: png() },
        ),
      });
    expect((await upload(made.kase.id, patientCookie)).status).toBe(200);
    const policy = await db.insurancePolicy.findFirstOrThrow({
      where: { caseId: made.kase.id, kind: "TRAVEL_HEALTH" },
    });
    expect(policy.documentId).toBeTruthy();

    // Another patient: their upload to this case and their look at this document are "not found".
    const other = await createCase();
    const otherCookie = await cookieFor(other.patient.id);
    expect((await upload(made.kase.id, otherCookie)).status).toBe(404);
    await expect(
      savePolicy({
        caseId: made.kase.id,
        actorId: other.patient.id,
        by: { patientId: other.patient.id },
        data: {
          kind: "TRAVEL_HEALTH",
          insurer: "X Insurance",
          policyNumber: "X-1",
          coversFrom: day("2027-03-01"),
          coversUntil: day("2027-03-05"),
          coveredProcedures: "",
        },
        file: { name: "x.png", bytes: png() },
        formKey: sentForm(),
      }),
    ).rejects.toBeInstanceOf(InsuranceError);
    const docPath = `/portal/cases/${made.kase.id}/documents/${policy.documentId}`;
    const params = { caseId: made.kase.id, documentId: policy.documentId! };
    expect(
      (await call(patientDocument, { path: docPath, params, cookie: otherCookie })).status,
    ).toBe(404);
    expect(
      (
        await call(patientTravelPage, {
          path: `/portal/cases/${made.kase.id}/travel`,
          params: { caseId: made.kase.id },
          cookie: otherCookie,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(patientDocument, { path: docPath, params, cookie: patientCookie })).status,
    ).toBe(200);

    // Staff who read insurance open it, audited as a download.
    const staffPath = `/staff/cases/${made.kase.id}/documents/${policy.documentId}`;
    const read = await call(staffDocument, {
      path: staffPath,
      params,
      cookie: await cookieFor(made.coordinator),
    });
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.response!.arrayBuffer()).equals(Buffer.from(png()))).toBe(true);
    const audits = await db.auditLog.findMany({
      where: { entityId: policy.documentId!, action: "document.download" },
    });
    expect(audits).toEqual([
      expect.objectContaining({
        actorId: made.coordinator,
        outcome: "success",
        detail: "INSURANCE_POLICY",
      }),
    ]);
    // The policy itself was audited when the patient added it.
    expect(
      await db.auditLog.count({ where: { entityId: policy.id, action: "insurance.add" } }),
    ).toBe(1);
  });
});

describe("the programme's settings", () => {
  it("are set by an admin in the catalogue editor, audited, and refused to a coordinator", async () => {
    const made = await scheduledTrip();
    const post = async (userId: string, boxes: Record<string, string>) =>
      call(catalogue, {
        path: "/staff/catalogue?lng=en",
        cookie: await cookieFor(userId),
        form: new URLSearchParams({
          intent: "programmeInsurance",
          programmeId: made.programme.id,
          ...boxes,
        }),
      });
    expect((await post(made.staff.coordinator.id, {})).status).toBe(403);
    const saved = await post(made.staff.admin.id, { requiresTravelInsurance: "on" });
    expect(saved.status).toBe(200);
    expect(formReply(saved).form).toBe(`insurance-${made.programme.id}`);
    expect(
      await db.programme.findUniqueOrThrow({
        where: { id: made.programme.id },
        select: { requiresComplicationCover: true, requiresTravelInsurance: true },
      }),
    ).toEqual({ requiresComplicationCover: false, requiresTravelInsurance: true });
    const audited = await db.auditLog.findFirstOrThrow({
      where: { action: "catalogue.programme.insurance", entityId: made.programme.id },
    });
    expect(audited.actorId).toBe(made.staff.admin.id);
    // Now the case waits for travel health insurance instead of complication cover.
    const t = getFixedT("en", ["travel"]);
    expect((await insuranceGapLines(made.kase.id, t, "en")).map(plain)).toEqual([
      "Travel health insurance: no policy on file; not covered: March 1, 2027 – March 5, 2027.",
    ]);
  });
});
