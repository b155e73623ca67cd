/**
 * Past patients whose year of follow-up is over (issue 25 §5): enough for the lupus
 * programme's published outcomes page to show real figures, and too few for knee-oa, whose
 * page shows the suppression notice. Each is written as the app would have left it: the
 * baseline before treatment, the plan made on entering aftercare (P1W … P12M, due at 09:00 on
 * the day), answers and lab values as completed, a few follow-ups missed (their reminders
 * already sent), a worsening task where a follow-up was worse than the baseline by the outcome
 * set's threshold (resolved by the clinician), then CLOSED after the 12-month follow-up, so
 * none of them is in a coordinator's active pipeline. Idempotent: a patient already there is
 * skipped.
 */
import type { Db } from "~/db.server";
import { CONSENT_PURPOSE, CONSENT_VERSION } from "~/lib/consent";
import { worseningDetail } from "~/lib/aftercare";
import { OutcomesContent, worseningsIn } from "~/lib/outcomes";
import { HAPPY_PATH } from "~/lib/stages";
import { publishedDefinition } from "~/models/catalogue/form-definitions.server";
import { nextCaseNumber } from "~/models/cases/stage.server";

const DAY = 86_400_000;
const LABELS = ["P1W", "P1M", "P3M", "P6M", "P12M"] as const;
const OFFSET_DAYS = [7, 30, 91, 182, 365];

/** Who they are: initials only, from the places the clinic's patients come from. */
const PEOPLE = [
  ["A. K.", "tr", "TR", "Europe/Istanbul"],
  ["M. H.", "ar", "SA", "Asia/Riyadh"],
  ["S. B.", "de", "DE", "Europe/Berlin"],
  ["N. R.", "fa", "IR", "Asia/Tehran"],
  ["E. V.", "ru", "KZ", "Asia/Almaty"],
  ["C. L.", "fr", "FR", "Europe/Paris"],
  ["J. W.", "en", "GB", "Europe/London"],
  ["F. A.", "ar", "AE", "Asia/Dubai"],
  ["D. Y.", "tr", "AZ", "Asia/Baku"],
  ["L. M.", "de", "AT", "Europe/Vienna"],
  ["O. P.", "ru", "RU", "Europe/Moscow"],
  ["R. S.", "en", "US", "America/New_York"],
  ["Z. T.", "fa", "DE", "Europe/Berlin"],
  ["K. D.", "fr", "BE", "Europe/Brussels"],
] as const;

/** How a patient fared: most improved, some a little, some not, one in ten got worse first. */
type Course = "strong" | "moderate" | "none" | "worse";
const COURSES: Course[] = [
  "strong",
  "moderate",
  "strong",
  "worse",
  "strong",
  "none",
  "moderate",
  "strong",
  "moderate",
  "strong",
  "none",
  "strong",
  "worse",
  "moderate",
];

/** A small deterministic generator, so the demo is the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, step: number) => Math.round(v / step) * step;

interface Cohort {
  slug: string;
  count: number;
  /** The first patient's treatment, in days before now; each next one a little earlier. */
  treatedDaysAgo: number;
}

const COHORTS: Cohort[] = [
  { slug: "lupus-msc", count: 14, treatedDaysAgo: 400 },
  // Fewer than 10 followed patients: the published page shows only the method and the notice.
  { slug: "knee-oa", count: 5, treatedDaysAgo: 420 },
];

/** How many past patients (and cases) the demo gets from here. */
export const OUTCOME_PATIENTS = COHORTS.reduce((n, c) => n + c.count, 0);

export async function seedOutcomes(
  db: Db,
  staff: { coordinators: string[]; clinicianId: string },
): Promise<number> {
  let created = 0;
  for (const cohort of COHORTS) {
    const programme = await db.programme.findUnique({
      where: { slug: cohort.slug },
      select: { id: true },
    });
    if (!programme) continue;
    const outcomes = await publishedDefinition(programme.id, "OUTCOMES", OutcomesContent, db);
    if (!outcomes) continue;
    for (let k = 0; k < cohort.count; k++) {
      const email = `outcomes.${cohort.slug}.${String(k + 1).padStart(2, "0")}@example.org`;
      if (await db.user.findUnique({ where: { email }, select: { id: true } })) continue;
      await seedPatient(db, { ...cohort, k, email, programmeId: programme.id, outcomes, staff });
      created++;
    }
  }
  return created;
}

async function seedPatient(
  db: Db,
  input: Cohort & {
    k: number;
    email: string;
    programmeId: string;
    outcomes: { id: string; content: ReturnType<typeof OutcomesContent.parse> };
    staff: { coordinators: string[]; clinicianId: string };
  },
) {
  const { k, outcomes, staff } = input;
  const rnd = random(k * 7919 + input.slug.length);
  const [name, locale, country, timeZone] = PEOPLE[k % PEOPLE.length]!;
  const course = COURSES[k % COURSES.length]!;
  const coordinatorId = staff.coordinators[k % staff.coordinators.length]!;
  const treated = new Date(Date.now() - (input.treatedDaysAgo + k * 11) * DAY);
  treated.setUTCHours(12, 0, 0, 0);
  // The stages before treatment, a week or so apart, ending on the day of treatment.
  const before = HAPPY_PATH.slice(0, HAPPY_PATH.indexOf("IN_TREATMENT") + 1);
  const stageAt = (i: number) => new Date(treated.getTime() - (before.length - 1 - i) * 9 * DAY);
  const start = stageAt(0);
  const due = LABELS.map((_, n) => {
    const d = new Date(treated.getTime() + OFFSET_DAYS[n]! * DAY);
    d.setUTCHours(7, 0, 0, 0);
    return d;
  });
  const closedAt = new Date(due[4]!.getTime() + (10 + (k % 5)) * DAY);
  // One follow-up missed by most patients (at a different point each), none by a few.
  const missed = (k * 3) % 7;

  const base = {
    fatigue: 5 + Math.floor(rnd() * 4),
    pain: 4 + Math.floor(rnd() * 5),
    stiffness: 4 + Math.floor(rnd() * 4),
    flares: 1 + Math.floor(rnd() * 3),
    steroidDoseMg: round(7.5 + rnd() * 7.5, 2.5),
    qualityOfLife: 35 + Math.floor(rnd() * 20),
  };
  const baseLabs: Record<string, number> = {
    antiDsDna: Math.round(120 + rnd() * 180),
    c3: round(0.5 + rnd() * 0.3, 0.01),
    c4: round(0.06 + rnd() * 0.06, 0.01),
    haemoglobin: round(10.5 + rnd() * 2, 0.1),
    crp: round(6 + rnd() * 14, 0.1),
    esr: Math.round(30 + rnd() * 25),
    upcr: Math.round(20 + rnd() * 60),
  };
  // Only some had vitamin D measured, and mostly at the end of the year.
  if (k % 2 === 0) baseLabs.vitaminD = Math.round(12 + rnd() * 12);

  /** How far along the improvement is at follow-up n (0–1), by course. */
  const gain = (n: number) => {
    const full = { strong: 1, moderate: 0.5, none: 0.05, worse: 0.2 }[course];
    return full * [0.15, 0.35, 0.6, 0.85, 1][n]! * (0.85 + rnd() * 0.3);
  };
  const valuesAt = (n: number) => {
    const g = gain(n);
    // A patient who got worse did so at one month (a flare), then settled.
    const flare = course === "worse" && n === 1;
    return {
      fatigue: clamp(Math.round(base.fatigue * (1 - 0.6 * g) + (flare ? 2 : 0)), 0, 10),
      pain: clamp(Math.round(base.pain * (1 - 0.65 * g) + (flare ? 3 : 0)), 0, 10),
      stiffness: clamp(Math.round(base.stiffness * (1 - 0.6 * g)), 0, 10),
      flares: flare ? 2 : g > 0.5 ? 0 : Math.round(rnd() * 1.2),
      steroidDoseMg: clamp(round(base.steroidDoseMg * (1 - 0.7 * g), 2.5), 0, 200),
      qualityOfLife: clamp(
        Math.round(base.qualityOfLife + 35 * g - (flare ? 22 : 0) + (rnd() - 0.5) * 6),
        0,
        100,
      ),
    };
  };
  const labsAt = (n: number) => {
    const g = gain(n);
    const out: Record<string, number> = {};
    for (const [marker, value] of Object.entries(baseLabs)) {
      if (marker === "vitaminD" && n < 4) continue;
      // Complement, haemoglobin and vitamin D rise as lupus settles; the rest fall.
      const rises = ["c3", "c4", "haemoglobin", "vitaminD"].includes(marker);
      const change = rises ? 1 + 0.45 * g : 1 - 0.6 * g;
      const step = value < 1 ? 0.01 : value < 30 ? 0.1 : 1;
      out[marker] = round(value * change * (0.95 + rnd() * 0.1), step);
    }
    return out;
  };

  await db.$transaction(async (tx) => {
    const patient = await tx.user.create({
      data: { email: input.email, name, role: "PATIENT", locale, timeZone, country },
    });
    const kase = await tx.case.create({
      data: {
        number: await nextCaseNumber(tx, start),
        stage: "CLOSED",
        stageChangedAt: closedAt,
        closedAt,
        patientId: patient.id,
        programmeId: input.programmeId,
        coordinatorId,
        language: locale,
        timeZone,
        country,
        currency: "EUR",
        eligibility: "ELIGIBLE",
        eligibilityById: staff.clinicianId,
        eligibilityAt: stageAt(1),
        firstResponseDueAt: new Date(start.getTime() + DAY),
        firstResponseReminderAt: new Date(start.getTime() + DAY - 4 * 3600_000),
        firstRespondedAt: new Date(start.getTime() + 5 * 3600_000),
        reviewDueAt: new Date(stageAt(1).getTime() + 3 * DAY),
        createdAt: start,
      },
    });
    await tx.consent.create({
      data: {
        userId: patient.id,
        caseId: kase.id,
        purpose: CONSENT_PURPOSE,
        version: CONSENT_VERSION,
        locale,
        grantedAt: start,
      },
    });
    const path = [...before, "AFTERCARE", "CLOSED"];
    const at = (i: number) =>
      i < before.length ? stageAt(i) : i === before.length ? treated : closedAt;
    for (const [i, stage] of path.entries()) {
      await tx.caseEvent.create({
        data: {
          caseId: kase.id,
          type: "STAGE_CHANGE",
          actorId: i === 0 ? patient.id : coordinatorId,
          fromStage: i === 0 ? null : path[i - 1]!,
          toStage: stage,
          createdAt: new Date(at(i).getTime() + (i === before.length ? 6 * 3600_000 : 0)),
        },
      });
    }

    const baselineAt = stageAt(before.indexOf("TRAVEL_READY"));
    const baseline = await tx.followUp.create({
      data: {
        caseId: kase.id,
        kind: "BASELINE",
        label: "BASELINE",
        dueAt: baselineAt,
        dueReminderAt: baselineAt,
        status: "COMPLETED",
        completedAt: new Date(baselineAt.getTime() + DAY),
        completedById: patient.id,
        outcomesId: outcomes.id,
        ...base,
      },
    });
    await tx.labResult.createMany({
      data: Object.entries(baseLabs).map(([marker, value]) => ({
        followUpId: baseline.id,
        marker,
        value,
        enteredById: staff.clinicianId,
      })),
    });

    for (const [n, label] of LABELS.entries()) {
      const dueAt = due[n]!;
      const answered = n !== missed;
      const values = valuesAt(n);
      const completedAt = new Date(dueAt.getTime() + (1 + (k % 3)) * DAY);
      const followUp = await tx.followUp.create({
        data: {
          caseId: kase.id,
          kind: "FOLLOW_UP",
          label,
          dueAt,
          outcomesId: outcomes.id,
          dueReminderAt: dueAt,
          ...(answered
            ? { status: "COMPLETED", completedAt, completedById: patient.id, ...values }
            : { overdueReminderAt: new Date(dueAt.getTime() + 7 * DAY) }),
        },
      });
      if (!answered) continue;
      // Labs at the 3, 6 and 12 month visits (one in seven skipped the 6-month tests).
      const labs = n >= 2 && !(n === 3 && k % 7 === 6) ? labsAt(n) : {};
      if (Object.keys(labs).length) {
        await tx.labResult.createMany({
          data: Object.entries(labs).map(([marker, value]) => ({
            followUpId: followUp.id,
            marker,
            value,
            enteredById: staff.clinicianId,
          })),
        });
      }
      // As the app does on completing a follow-up: worse than the baseline by a threshold.
      const worse = worseningsIn(
        outcomes.content,
        { proms: base, labs: baseLabs },
        { proms: values, labs },
      );
      if (worse.length) {
        await tx.clinicalTask.create({
          data: {
            caseId: kase.id,
            followUpId: followUp.id,
            kind: "WORSENING",
            detail: worseningDetail(worse),
            createdAt: completedAt,
            resolvedAt: new Date(completedAt.getTime() + 2 * DAY),
            resolvedById: staff.clinicianId,
          },
        });
        await tx.caseEvent.create({
          data: { caseId: kase.id, type: "WORSENING", internal: true, createdAt: completedAt },
        });
      }
    }
  });
}
