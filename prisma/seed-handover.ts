/**
 * The demo's discharge and handover packs (issue 25): every case that reached AFTERCARE (or was
 * closed after it) has the pack a clinician completed on discharge, with the medication a
 * patient of its programme would go home with and the clinician's follow-up instructions.
 * The warning signs are left to the programme's default (in every language). Written when the
 * last treatment appointment ended; a case that has a pack keeps it.
 */
import type { Db } from "~/db.server";

const DAY = 86_400_000;
const dayAfter = (d: Date, days: number) =>
  new Date(d.getTime() + days * DAY).toISOString().slice(0, 10);

/** What each programme's patients go home with (until: days after discharge, or ongoing). */
const DISCHARGE: Record<
  string,
  {
    medication: { name: string; dose: string; frequency: string; days: number | null }[];
    plan: string;
  }
> = {
  "lupus-msc": {
    medication: [
      {
        name: "Hydroxychloroquine",
        dose: "200 mg",
        frequency: "twice a day, with food",
        days: null,
      },
      {
        name: "Prednisolone",
        dose: "7.5 mg",
        frequency: "once a day, in the morning; taper as instructed",
        days: 42,
      },
      {
        name: "Calcium carbonate + colecalciferol",
        dose: "1000 mg / 800 IU",
        frequency: "once a day, while on prednisolone",
        days: 42,
      },
      {
        name: "Paracetamol",
        dose: "500–1000 mg",
        frequency: "up to 4 times a day if needed",
        days: 7,
      },
    ],
    plan:
      "Full blood count, creatinine, urine protein/creatinine ratio, C3, C4 and anti-dsDNA at 4 weeks, then at 3, 6 and 12 months. " +
      "If there is no flare, lower prednisolone by 2.5 mg every 2 weeks to 5 mg. Blood pressure at every visit.",
  },
  "ra-msc": {
    medication: [
      {
        name: "Methotrexate",
        dose: "15 mg",
        frequency: "once a week, on the same day",
        days: null,
      },
      {
        name: "Folic acid",
        dose: "5 mg",
        frequency: "once a week, the day after methotrexate",
        days: null,
      },
      { name: "Paracetamol", dose: "1 g", frequency: "up to 3 times a day if needed", days: 7 },
    ],
    plan: "DAS28 with CRP and ESR at 4 weeks and 3 months. Full blood count and liver enzymes every 4 to 6 weeks while on methotrexate.",
  },
  "knee-oa": {
    medication: [
      { name: "Paracetamol", dose: "1 g", frequency: "up to 3 times a day if needed", days: 14 },
      {
        name: "Tramadol",
        dose: "50 mg",
        frequency: "up to twice a day if paracetamol is not enough",
        days: 5,
      },
    ],
    plan:
      "Review of the knee at 6 weeks (KOOS, range of movement). Physiotherapy twice a week for 6 weeks; no running or jumping for 6 weeks. " +
      "No anti-inflammatory painkillers (NSAIDs) for 2 weeks after the injection.",
  },
};

export async function seedHandover(db: Db) {
  const cases = await db.case.findMany({
    where: { stage: { in: ["AFTERCARE", "CLOSED"] }, handover: null },
    select: {
      id: true,
      stageChangedAt: true,
      programme: { select: { slug: true } },
      appointments: {
        where: { kind: "TREATMENT" },
        orderBy: { endsAt: "desc" },
        take: 1,
        select: { endsAt: true },
      },
      // A closed case that never reached aftercare (no follow-up plan) gets no pack.
      _count: { select: { followUps: true } },
    },
  });
  for (const kase of cases) {
    if (kase._count.followUps === 0) continue;
    const discharged = kase.appointments[0]?.endsAt ?? kase.stageChangedAt;
    const d = DISCHARGE[kase.programme.slug] ?? DISCHARGE["lupus-msc"]!;
    await db.handoverPack.create({
      data: {
        caseId: kase.id,
        medication: JSON.stringify(
          d.medication.map((m) => ({
            name: m.name,
            dose: m.dose,
            frequency: m.frequency,
            until: m.days === null ? null : dayAfter(discharged, m.days),
          })),
        ),
        followUpPlan: d.plan,
        version: 2,
        createdAt: discharged,
        updatedAt: new Date(discharged.getTime() + 3_600_000),
      },
    });
  }
}
