/**
 * The treatment's travel rules in the demo (issue 25): each programme's steps get the rules a
 * clinic would set, the demo cases' plans carry them as the clinician copied them, and the demo
 * trips respect them. A case at TRAVEL_READY or later flies home no sooner than its steps
 * allow, and one in aftercare that needed a fit-to-fly sign-off has one, given after the step.
 *
 * Idempotent, and careful with what is not the demo's: a step whose rules an admin has set is
 * left as it is, and only the demo patients' cases are touched.
 */
import type { Db } from "~/db.server";
import { addDays, dayIn, wallTime } from "~/lib/schedule";
import { PATIENTS } from "./seed-data";

const HOUR = 60;

interface Rules {
  flyGapMinutes?: number;
  stayAfterMinutes?: number;
  fitToFlyRequired?: boolean;
}

/** By programme, then step key. */
export const STEP_RULES: Record<string, Record<string, Rules>> = {
  "lupus-msc": {
    // A bone-marrow or fat harvest under local anaesthesia: three days before flying, a
    // clinician's fit-to-fly check, and three days in the city if it is the last step.
    "cell-sourcing": {
      flyGapMinutes: 72 * HOUR,
      stayAfterMinutes: 72 * HOUR,
      fitToFlyRequired: true,
    },
    // Watched for a day after each infusion (fever, infusion reactions) before flying.
    infusion: { flyGapMinutes: 24 * HOUR },
  },
  "ra-msc": {
    infusion: { flyGapMinutes: 24 * HOUR },
  },
  "knee-oa": {
    // An image-guided injection after a fat harvest: two days before flying and in the city,
    // and a clinician checks the knee (swelling, infection) before the patient flies.
    injection: { flyGapMinutes: 48 * HOUR, stayAfterMinutes: 48 * HOUR, fitToFlyRequired: true },
  },
};

const CLINIC_ZONE = "Europe/Istanbul";

export async function seedTravelRules(db: Db) {
  // 1. The catalogue: a step nobody has given rules yet gets the demo's.
  for (const [slug, steps] of Object.entries(STEP_RULES)) {
    for (const [key, rules] of Object.entries(steps)) {
      await db.pathwayStep.updateMany({
        where: {
          key,
          programme: { slug },
          flyGapMinutes: null,
          stayAfterMinutes: null,
          fitToFlyRequired: false,
        },
        data: rules,
      });
    }
  }

  const cases = await db.case.findMany({
    where: { patient: { email: { in: PATIENTS.map((p) => p.email) } } },
    select: {
      id: true,
      stage: true,
      planSteps: {
        select: {
          id: true,
          flyGapMinutes: true,
          stayAfterMinutes: true,
          fitToFlyRequired: true,
          pathwayStep: {
            select: { flyGapMinutes: true, stayAfterMinutes: true, fitToFlyRequired: true },
          },
        },
      },
    },
  });
  const clinician = await db.user.findUnique({
    where: { email: "clinician@demo.clinic" },
    select: { id: true },
  });

  for (const kase of cases) {
    // 2. The plans: as the clinician copied them from the pathway.
    for (const step of kase.planSteps) {
      const source = step.pathwayStep;
      const unset = !step.flyGapMinutes && !step.stayAfterMinutes && !step.fitToFlyRequired;
      if (source && unset)
        await db.treatmentPlanStep.update({ where: { id: step.id }, data: source });
    }

    // 3. The trips: the departure flight no sooner than the flying gaps and the stay allow.
    const appointments = await db.appointment.findMany({
      where: { caseId: kase.id, status: { in: ["BOOKED", "COMPLETED"] }, kind: "TREATMENT" },
      orderBy: { endsAt: "asc" },
      select: {
        endsAt: true,
        planStep: {
          select: { flyGapMinutes: true, stayAfterMinutes: true, fitToFlyRequired: true },
        },
      },
    });
    const last = appointments.at(-1);
    if (!last) continue;
    const earliest = Math.max(
      ...appointments.map((a) => a.endsAt.getTime() + (a.planStep?.flyGapMinutes ?? 0) * 60_000),
      last.endsAt.getTime() + (last.planStep?.stayAfterMinutes ?? 0) * 60_000,
    );
    const departure = await db.itineraryItem.findFirst({
      where: { caseId: kase.id, kind: "DEPARTURE_FLIGHT" },
      orderBy: { startsAt: "desc" },
    });
    if (departure && departure.startsAt.getTime() < earliest) {
      // The same flight (12:30 Istanbul time) on the first day it is allowed, the hotel
      // kept until that morning.
      let day = dayIn(new Date(earliest), CLINIC_ZONE);
      let takeOff = wallTime(day, 12 * 60 + 30, CLINIC_ZONE);
      if (takeOff.getTime() < earliest) {
        day = addDays(day, 1);
        takeOff = wallTime(day, 12 * 60 + 30, CLINIC_ZONE);
      }
      const length =
        (departure.endsAt?.getTime() ?? departure.startsAt.getTime()) -
        departure.startsAt.getTime();
      await db.itineraryItem.update({
        where: { id: departure.id },
        data: {
          startsAt: takeOff,
          endsAt: departure.endsAt ? new Date(takeOff.getTime() + length) : null,
        },
      });
      await db.itineraryItem.updateMany({
        where: { caseId: kase.id, kind: "HOTEL", endsAt: { lte: takeOff } },
        data: { endsAt: wallTime(day, 9 * 60, CLINIC_ZONE) },
      });
    }

    // 4. Aftercare and after: the patient flew home signed fit to fly, two hours after the
    //    last step that asked for it.
    const needing = appointments.filter((a) => a.planStep?.fitToFlyRequired);
    const flewHome = kase.stage === "AFTERCARE" || kase.stage === "CLOSED";
    if (!flewHome || !needing.length || !clinician) continue;
    if (await db.fitToFly.count({ where: { caseId: kase.id, revokedAt: null } })) continue;
    const signedAt = new Date(needing.at(-1)!.endsAt.getTime() + 2 * 3600_000);
    await db.fitToFly.create({
      data: {
        caseId: kase.id,
        signedById: clinician.id,
        signedAt,
        note: "Wound dry, no swelling or fever. Fit to fly; aisle seat and compression stockings advised.",
      },
    });
    await db.caseEvent.create({
      data: {
        caseId: kase.id,
        type: "FIT_TO_FLY_SIGNED",
        actorId: clinician.id,
        internal: true,
        createdAt: signedAt,
      },
    });
  }
}
