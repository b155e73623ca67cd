/**
 * The rows a programme's public outcomes page is computed from (app/lib/outcome-stats.ts), read
 * with indexed queries only: the programme's cases in the stages after aftercare began
 * (Case [programmeId, stage]), their follow-ups (FollowUp [caseId, dueAt]), the lab values of
 * those follow-ups (LabResult [followUpId, marker]) and their platform-opened tasks
 * (ClinicalTask [caseId, resolvedAt]). No names, no free text: numbers, dates and kinds.
 *
 * The page is public, so the figures are cached per programme for CACHE_MS. That is correct
 * because the figures are defined as of the moment they were computed and the page says when
 * that was (computedAt); the cache key also holds the programme's published outcome-set
 * version, so publishing a new set (new measures, new directions) is seen at once.
 */
import { db } from "~/db.server";
import { env } from "~/env.server";
import { mergeOutcomes, type OutcomeMarker, type OutcomeProm } from "~/lib/outcomes";
import {
  FOLLOWED_STAGES,
  publishedOutcomes,
  type OutcomeCaseRow,
  type PublishedOutcomes,
} from "~/lib/outcome-stats";
import { MANUAL_TASK } from "~/lib/tasks";
import { currentOutcomes, outcomesOfCase, promAnswersOf } from "~/models/aftercare/outcomes.server";
import { PROMS, type PromKey } from "~/lib/aftercare";

export const CACHE_MS = 5 * 60_000;

const PROM_COLUMNS = Object.fromEntries(PROMS.map((p) => [p.key, true])) as Record<PromKey, true>;

/** The programme's rows and measures, read now. */
export async function outcomeRows(programmeId: string) {
  const cases = await db.case.findMany({
    where: { programmeId, stage: { in: [...FOLLOWED_STAGES] } },
    select: {
      id: true,
      patientId: true,
      stage: true,
      stageChangedAt: true,
      createdAt: true,
      anonymisedAt: true,
      consentWithdrawnAt: true,
    },
  });
  const caseIds = cases.map((c) => c.id);
  const [followUps, tasks] = await Promise.all([
    db.followUp.findMany({
      where: { caseId: { in: caseIds } },
      select: {
        id: true,
        caseId: true,
        kind: true,
        label: true,
        status: true,
        dueAt: true,
        outcomesId: true,
        answers: true,
        ...PROM_COLUMNS,
      },
    }),
    db.clinicalTask.findMany({
      where: { caseId: { in: caseIds }, kind: { not: MANUAL_TASK } },
      select: { caseId: true, kind: true },
    }),
  ]);
  const labs = await db.labResult.findMany({
    where: { followUpId: { in: followUps.map((f) => f.id) } },
    select: { followUpId: true, marker: true, value: true },
  });
  const labsOf = new Map<string, Record<string, number>>();
  for (const l of labs) {
    const row = labsOf.get(l.followUpId) ?? {};
    row[l.marker] = l.value;
    labsOf.set(l.followUpId, row);
  }
  const rows: OutcomeCaseRow[] = cases.map((c) => ({
    ...c,
    followUps: followUps
      .filter((f) => f.caseId === c.id)
      .map((f) => {
        const { id, caseId: _c, kind, label, status, dueAt, outcomesId: _o, ...answers } = f;
        return {
          kind,
          label,
          status,
          dueAt,
          proms: promAnswersOf(answers),
          labs: labsOf.get(id) ?? {},
        };
      }),
    taskKinds: tasks.filter((t) => t.caseId === c.id).map((t) => t.kind),
  }));
  // The measures: the set published now first, then any only older versions had.
  const current = await currentOutcomes(programmeId);
  const used = await outcomesOfCase(
    programmeId,
    followUps.filter((f) => f.outcomesId && f.outcomesId !== current.id),
  );
  const sets = [current, ...used.filter((s) => s.id !== current.id && s.id !== null)];
  const measures = mergeOutcomes(sets.map((s) => s.content));
  return { rows, measures };
}

export interface ProgrammeOutcomes {
  figures: PublishedOutcomes;
  /** The measures' words, scales and units, for the page. */
  proms: OutcomeProm[];
  markers: OutcomeMarker[];
}

/** The published figures of a programme, computed now (no cache). */
export async function computeProgrammeOutcomes(
  programmeId: string,
  now = new Date(),
): Promise<ProgrammeOutcomes> {
  const { rows, measures } = await outcomeRows(programmeId);
  const figures = publishedOutcomes({
    cases: rows,
    proms: measures.proms,
    markers: measures.markers.map((m) => ({ key: m.key, worse: m.worse })),
    now,
    overdueDays: env().FOLLOW_UP_OVERDUE_DAYS,
  });
  return { figures, proms: measures.proms, markers: measures.markers };
}

const cache = new Map<string, { key: string; at: number; value: ProgrammeOutcomes }>();

/** The published figures, at most CACHE_MS old and for the outcome set published now. */
export async function programmeOutcomes(
  programmeId: string,
  now = new Date(),
): Promise<ProgrammeOutcomes> {
  const current = await currentOutcomes(programmeId);
  const key = `${current.id ?? "built-in"}:${current.version}`;
  const hit = cache.get(programmeId);
  if (hit && hit.key === key && now.getTime() - hit.at < CACHE_MS && now.getTime() >= hit.at)
    return hit.value;
  const value = await computeProgrammeOutcomes(programmeId, now);
  cache.set(programmeId, { key, at: now.getTime(), value });
  return value;
}

/** For tests: forget every cached programme. */
export function clearOutcomesCache() {
  cache.clear();
}

/** The public page's data: an offered programme's name and its published figures, or null. */
export async function outcomesPage(slug: string) {
  const programme = await db.programme.findFirst({
    where: { slug, active: true },
    select: { id: true, slug: true, name: true, condition: true, translations: true },
  });
  if (!programme) return null;
  const { id, ...shown } = programme;
  return { programme: shown, ...(await programmeOutcomes(id)) };
}
