/**
 * The treatment's travel rules on the database (issue 25): a flight too soon after an
 * infusion and a departure before the stay the last step asks for are conflicts that name the
 * rule and the step, in every language; they hold TRAVEL_READY back and no reason overrides
 * them, until the coordinator moves the flight through the travel page. The fit-to-fly
 * sign-off: missing, it holds AFTERCARE back; a clinician signs it on the case page (audited),
 * and no one else may. The admin's rules in hours (native digits read) reach new plans.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { env } from "~/env.server";
import { conflictText, type DescribedConflict } from "~/lib/itinerary";
import { formatDateTime, formatHours } from "~/lib/format";
import { parseItem as readItem, type ItemValues } from "~/forms/itinerary";
import { CatalogueForm, stepSettingsOf } from "~/forms/catalogue";
import { PlanForm, includedSteps } from "~/forms/case";
import { bookPlanStep } from "~/models/travel/booking.server";
import { changeStage, StageChangeError } from "~/models/cases/stage.server";
import { savePlan } from "~/models/cases/workspace.server";
import { saveStepSettings } from "~/models/catalogue/catalogue-admin.server";
import { reviewPassport, saveItem, tripOf } from "~/models/travel/travel.server";
import {
  caseFitToFly,
  FitToFlyError,
  signFitToFly,
  travelRuleFacts,
} from "~/models/travel/travel-rules.server";
import { action as staffCase, loader as staffCasePage } from "~/routes/staff.cases.$caseId";
import {
  action as staffTravel,
  loader as staffTravelPage,
} from "~/routes/staff.cases.$caseId_.travel";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { sentForm } from "./support/enquiry-form";
import { resetDatabase } from "./support/db";
import { png } from "./support/files";
import { acceptedCase } from "./support/finance";
import { call, cookieFor, formReply } from "./support/requests";
import { uploadPassport } from "~/models/travel/travel.server";

const parseItem = (values: ItemValues) => readItem(values, { clinicZone: env().CLINIC_TIME_ZONE });
const blank: ItemValues = {
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
};
const PASSPORT = {
  holderName: "ANNA IVANOVA",
  nationality: "RU",
  documentNumber: "751234567",
  birthDate: new Date("1984-05-06T00:00:00Z"),
  expiresOn: new Date("2035-01-01T00:00:00Z"),
};
const HOUR = 3_600_000;
/** A local time as the form takes it, `hours` later ("2027-03-03T18:00" → "…T22:00"). */
const later = (local: string, hours: number) =>
  new Date(new Date(`${local}Z`).getTime() + hours * HOUR).toISOString().slice(0, 16);

beforeEach(resetDatabase);

/**
 * An accepted case with two IV infusions booked (24 hours before flying after each; the last
 * asks for 48 hours in the city and a fit-to-fly sign-off), its arrival, and a departure
 * leaving `departure` (Istanbul time) on 4 March.
 */
async function lupusTrip(departure = "2027-03-03T18:00", rules = { stay: 0, fitToFly: false }) {
  const made = await acceptedCase();
  const chair = await db.resource.create({
    data: {
      name: "Chair 2",
      type: "CHAIR",
      hours: {
        create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 1080 })),
      },
    },
  });
  const infusion = await db.treatmentPlanStep.create({
    data: {
      caseId: made.kase.id,
      position: 3,
      name: "IV infusion",
      resourceType: "CHAIR",
      durationMinutes: 180,
      flyGapMinutes: 24 * 60,
      stayAfterMinutes: rules.stay || null,
      fitToFlyRequired: rules.fitToFly,
    },
  });
  const booked = [];
  for (const day of ["2027-03-02", "2027-03-03"]) {
    // 06:00 UTC is 09:00 in Istanbul: the infusion ends at 12:00 Istanbul time.
    booked.push(
      await bookPlanStep({
        caseId: made.kase.id,
        planStepId: infusion.id,
        resourceId: chair.id,
        startsAt: new Date(`${day}T06:00:00Z`),
        actorId: made.staff.coordinator.id,
        formKey: sentForm(),
        now: new Date("2027-02-01T00:00:00Z"),
      }),
    );
  }
  const coordinator = made.staff.coordinator.id;
  const add = async (over: Partial<ItemValues>) => {
    const parsed = parseItem({ ...blank, ...over });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return saveItem(made.kase.id, coordinator, parsed.item, { formKey: sentForm() });
  };
  await add({
    reference: "SU2136",
    fromPlace: "SVO",
    toPlace: "IST",
    start: "2027-03-01T09:00",
    end: "2027-03-01T12:30",
  });
  const flight = {
    kind: "DEPARTURE_FLIGHT",
    reference: "SU2137",
    fromPlace: "IST",
    toPlace: "SVO",
    start: departure,
    end: later(departure, 4),
  } as const;
  const departureId = await add(flight);
  return { ...made, coordinator, infusion, booked, chair, departureId, flight };
}

/** The case at SCHEDULED, with its passport approved: only the trip stands before TRAVEL_READY. */
async function scheduled(made: Awaited<ReturnType<typeof lupusTrip>>) {
  const actor = { id: made.coordinator, role: "COORDINATOR" as const };
  await db.case.update({
    where: { id: made.kase.id },
    data: { stage: "DEPOSIT_PAID", depositWaivedAt: new Date() },
  });
  await changeStage({ caseId: made.kase.id, to: "SCHEDULED", actor });
  const id = await uploadPassport({
    patientId: made.patient.id,
    caseId: made.kase.id,
    kind: "PASSPORT",
    file: { name: "p.png", bytes: png() },
    data: PASSPORT,
    formKey: sentForm(),
  });
  await reviewPassport({
    caseId: made.kase.id,
    documentId: id,
    actorId: made.coordinator,
    ip: null,
    review: { decision: "approve" },
  });
  return actor;
}

describe("the flying gap and the stay", () => {
  it("flags a flight 6 hours after an infusion, naming the rule and the step in every language", async () => {
    // The last infusion ends 12:00 Istanbul time; the flight leaves at 18:00.
    const made = await lupusTrip("2027-03-03T18:00");
    const trip = await tripOf(db, made.kase.id);
    const last = made.booked[1]!;
    expect(new Date(trip.items.at(-1)!.startsAt).getTime() - last.endsAt.getTime()).toBe(6 * HOUR);
    const rules = trip.conflicts.filter((c) => c.code === "flyGap");
    // The second infusion ends 6 hours before the flight; the first, 30 hours: it is fine.
    expect(rules.map((c) => c.ids)).toEqual([[last.id, made.departureId]]);
    expect(rules[0]!.minutes).toBe(24 * 60);
    expect(await travelRuleFacts(db, made.kase.id)).toEqual({ breaches: 1, fitToFlyMissing: 0 });
    for (const lng of ["en", "tr", "ar", "de", "ru", "fr", "fa"]) {
      const text = conflictText(rules[0] as DescribedConflict, getFixedT(lng, "travel"), lng);
      // The rule, in the reader's words and digits ("24 hours", "۲۴ ساعت") …
      expect(text, lng).toContain(formatHours(24 * 60, lng));
      // … and the step: its name and when it was, in the clinic's time.
      expect(text, lng).toContain("IV infusion");
      expect(text, lng).toContain(formatDateTime(last.startsAt, lng, "Europe/Istanbul", "medium"));
      expect(text, lng).toContain("SU2137");
    }
    const english = conflictText(rules[0] as DescribedConflict, getFixedT("en", "travel"), "en");
    expect(english.replace(/[\u2068\u2069]/g, "")).toMatch(/24 hours before flying/);
  });

  it("flags a departure before the stay the last step asks for, and not one after it", async () => {
    // 48 hours in the city after the last infusion (ends 4 March 12:00 Istanbul time).
    const early = await lupusTrip("2027-03-04T20:00", { stay: 48 * 60, fitToFly: false });
    const trip = await tripOf(db, early.kase.id);
    expect(trip.conflicts.map((c) => c.code)).toEqual(["stayAfter"]);
    const text = conflictText(trip.conflicts[0]!, getFixedT("de", "travel"), "de");
    expect(text).toContain("48 Stunden");
    expect(text).toContain("IV infusion");

    await resetDatabase();
    const later = await lupusTrip("2027-03-05T12:00", { stay: 48 * 60, fitToFly: false });
    expect((await tripOf(db, later.kase.id)).conflicts).toEqual([]);
  });

  it("holds TRAVEL_READY while a rule is broken, whatever the reason given, until the flight is moved", async () => {
    const made = await lupusTrip("2027-03-03T18:00");
    const actor = await scheduled(made);
    const refusal = await changeStage({
      caseId: made.kase.id,
      to: "TRAVEL_READY",
      actor,
      override: "The patient insists on flying home tonight.",
    }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(StageChangeError);
    // The ordinary conflicts are not counted twice: only the travel rules refuse.
    expect((refusal as StageChangeError).failures).toEqual(["guard.travelRules"]);
    expect((refusal as StageChangeError).conflicts.map((c) => c.code)).toEqual(["flyGap"]);

    // Through the case page's stage form: refused, naming the rule and the step.
    const cookie = await cookieFor(made.coordinator);
    const move = () => {
      const form = new FormData();
      form.set("intent", "stage");
      form.set("from", "SCHEDULED");
      form.set("to", "TRAVEL_READY");
      form.set("override", "Going ahead regardless.");
      return call(staffCase, {
        path: `/staff/cases/${made.kase.id}?lng=de`,
        params: { caseId: made.kase.id },
        cookie,
        form,
      });
    };
    const refused = await move();
    expect(refused.status).toBe(409);
    const message = formReply(refused).errors[""]!;
    expect(message).toContain(getFixedT("de", "stages")("guard.travelRules"));
    expect(message).toContain("24 Stunden");
    expect(message).toContain("IV infusion");
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "SCHEDULED",
    );

    // The coordinator's travel page lists the breach…
    const page = await call(staffTravelPage, {
      path: `/staff/cases/${made.kase.id}/travel`,
      params: { caseId: made.kase.id },
      cookie,
    });
    const shown = page.data as { conflicts: { code: string }[] };
    expect(shown.conflicts.map((c) => c.code)).toContain("flyGap");

    // …and moves the flight to the next day, 25 hours after the last infusion, through its form.
    const edit = new FormData();
    for (const [k, v] of Object.entries({
      ...blank,
      ...made.flight,
      start: "2027-03-04T13:00",
      end: later("2027-03-04T13:00", 4),
    }))
      edit.set(k, v);
    edit.set("intent", "item");
    edit.set("itemId", made.departureId);
    edit.set(FORM_KEY, newFormKey());
    const saved = await call(staffTravel, {
      path: `/staff/cases/${made.kase.id}/travel`,
      params: { caseId: made.kase.id },
      cookie,
      form: edit,
    });
    expect(saved.status, JSON.stringify(saved.data)).toBeLessThan(400);
    expect((await tripOf(db, made.kase.id)).conflicts).toEqual([]);
    const done = await move();
    expect(done.status).toBe(200);
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "TRAVEL_READY",
    );
    // Nothing was overridden: there was no ordinary conflict to override.
    expect(await db.caseEvent.count({ where: { type: "CONFLICTS_OVERRIDDEN" } })).toBe(0);
  });
});

describe("the fit-to-fly sign-off", () => {
  /** In treatment, the last infusion asking for a sign-off; the flight respects the gap. */
  async function inTreatment() {
    const made = await lupusTrip("2027-03-05T12:00", { stay: 0, fitToFly: true });
    await db.case.update({ where: { id: made.kase.id }, data: { stage: "IN_TREATMENT" } });
    return made;
  }
  const sign = (made: Awaited<ReturnType<typeof inTreatment>>, userId: string, note = "") =>
    cookieFor(userId).then((cookie) => {
      const form = new FormData();
      form.set("intent", "fitToFly");
      form.set("note", note);
      form.set(FORM_KEY, newFormKey());
      return call(staffCase, {
        path: `/staff/cases/${made.kase.id}`,
        params: { caseId: made.kase.id },
        cookie,
        form,
      });
    });

  it("holds AFTERCARE back until a clinician signs, audited and shown to the coordinator", async () => {
    const made = await inTreatment();
    const actor = { id: made.coordinator, role: "COORDINATOR" as const };
    expect(await travelRuleFacts(db, made.kase.id)).toEqual({ breaches: 0, fitToFlyMissing: 2 });
    const refusal = await changeStage({ caseId: made.kase.id, to: "AFTERCARE", actor }).catch(
      (e: unknown) => e,
    );
    expect((refusal as StageChangeError).failures).toEqual(["guard.fitToFlyMissing"]);
    const awaiting = await caseFitToFly(made.kase.id);
    expect(awaiting).toMatchObject({ missing: true, signOff: null });

    const note = "Fit to fly; aisle seat, compression stockings.";
    const signed = await sign(made, made.staff.clinician.id, note);
    expect(signed.status).toBe(200);
    const row = await db.fitToFly.findFirstOrThrow({ where: { caseId: made.kase.id } });
    expect(row).toMatchObject({ signedById: made.staff.clinician.id, note, revokedAt: null });
    const audited = await db.auditLog.findFirstOrThrow({
      where: { caseId: made.kase.id, action: "fit_to_fly.sign" },
    });
    expect(audited).toMatchObject({
      actorId: made.staff.clinician.id,
      entityId: row.id,
      outcome: "success",
    });

    // The coordinator's travel page shows who signed, when, and the note.
    const page = await call(staffTravelPage, {
      path: `/staff/cases/${made.kase.id}/travel`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.coordinator),
    });
    const shown = page.data as {
      fitToFly: { signOff: { signedBy: string; note: string }; missing: boolean };
    };
    expect(shown.fitToFly).toMatchObject({
      missing: false,
      signOff: { signedBy: made.staff.clinician.name, note },
    });
    // Signed now, in 2026, before the infusions of March 2027 ended: shown as early, not blocking.
    expect((await caseFitToFly(made.kase.id)).early).toBe(true);

    await changeStage({ caseId: made.kase.id, to: "AFTERCARE", actor });
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "AFTERCARE",
    );
  });

  it("is not the coordinator's or the patient's to sign, and a revoked one counts for nothing", async () => {
    const made = await inTreatment();
    const refused = await sign(made, made.coordinator);
    expect(refused.status).toBe(403);
    await expect(
      signFitToFly({
        caseId: made.kase.id,
        actor: { id: made.patient.id, role: "PATIENT" },
        note: null,
        formKey: sentForm(),
      }),
    ).rejects.toBeInstanceOf(FitToFlyError);
    expect(await db.fitToFly.count()).toBe(0);
    expect(
      await db.auditLog.count({ where: { caseId: made.kase.id, outcome: "denied" } }),
    ).toBeGreaterThan(0);
    // The patient does not reach the staff case page at all.
    const patientView = await call(staffCasePage, {
      path: `/staff/cases/${made.kase.id}`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
    }).catch((e: Response) => e);
    expect([403, 404]).toContain(patientView.status);

    // Signed, then withdrawn: the guard holds again.
    expect((await sign(made, made.staff.clinician.id)).status).toBe(200);
    const row = await db.fitToFly.findFirstOrThrow({ where: { caseId: made.kase.id } });
    const form = new FormData();
    form.set("intent", "fitToFlyRevoke");
    form.set("fitToFlyId", row.id);
    const revoked = await call(staffCase, {
      path: `/staff/cases/${made.kase.id}`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.staff.clinician.id),
      form,
    });
    expect(revoked.status).toBe(200);
    expect(await travelRuleFacts(db, made.kase.id)).toEqual({ breaches: 0, fitToFlyMissing: 2 });
    expect(
      await db.auditLog.count({ where: { caseId: made.kase.id, action: "fit_to_fly.revoke" } }),
    ).toBe(1);
  });
});

describe("the rules as admins and clinicians set them", () => {
  it("reads hours in any script's digits, stores minutes, and copies them into a new plan the clinician may change", async () => {
    const made = await acceptedCase();
    const step = await db.pathwayStep.create({
      data: {
        programmeId: made.kase.programmeId,
        key: "iv-infusion",
        name: "IV infusion",
        description: "",
        position: 9,
      },
    });
    const parsed = CatalogueForm.safeParse({
      intent: "stepSettings",
      stepId: step.id,
      resourceType: "CHAIR",
      durationMinutes: "١٨٠",
      gapMinutes: "",
      flyGapHours: "۲۴",
      stayAfterHours: "٤٨",
      fitToFly: "on",
    });
    expect(parsed.success).toBe(true);
    if (!parsed.success || parsed.data.intent !== "stepSettings") return;
    const admin = { id: made.staff.admin.id, ip: null };
    expect(await saveStepSettings(step.id, stepSettingsOf(parsed.data), admin)).toBeTruthy();
    expect(await db.pathwayStep.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({
      flyGapMinutes: 1440,
      stayAfterMinutes: 2880,
      fitToFlyRequired: true,
    });
    const bad = CatalogueForm.safeParse({
      intent: "stepSettings",
      stepId: step.id,
      flyGapHours: "1.5",
      stayAfterHours: "9999",
    });
    expect(bad.error?.issues.map((i) => i.message).sort()).toEqual([
      "site:catalogue.errors.flyGap",
      "site:catalogue.errors.stayAfter",
    ]);

    // A plan made without saying: the pathway's rules are copied.
    const clinician = { id: made.staff.clinician.id, role: "CLINICIAN" as const };
    await savePlan(
      made.kase.id,
      clinician,
      [{ pathwayStepId: step.id, name: "IV infusion" }],
      sentForm(),
    );
    const copied = await db.treatmentPlanStep.findFirstOrThrow({
      where: { caseId: made.kase.id },
    });
    expect(copied).toMatchObject({ flyGapMinutes: 1440, stayAfterMinutes: 2880 });
    // The clinician's editor changes them for this patient, in place (same step, same id).
    const form = PlanForm.parse({
      intent: "plan",
      steps: [
        {
          include: true,
          pathwayStepId: step.id,
          name: "IV infusion",
          flyGapHours: "٣٦",
          stayAfterHours: "",
        },
      ],
    });
    await savePlan(made.kase.id, clinician, includedSteps(form.steps), sentForm());
    const changed = await db.treatmentPlanStep.findFirstOrThrow({
      where: { caseId: made.kase.id },
    });
    expect(changed).toMatchObject({
      id: copied.id,
      flyGapMinutes: 36 * 60,
      stayAfterMinutes: null,
      fitToFlyRequired: false,
    });
  });
});
