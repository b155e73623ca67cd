/**
 * Which outcome set (app/lib/outcomes.ts) a follow-up reads: the version it was made with
 * (FollowUp.outcomesId); a row made before versioning reads the programme's version 1; a
 * programme with no version at all reads the built-in lupus set with its own schedule.
 */
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { builtInOutcomes, OutcomesContent, type Outcomes } from "~/lib/outcomes";
import { definitionById, publishedDefinition } from "~/models/catalogue/form-definitions.server";

export interface OutcomeSet {
  /** The FormDefinition, or null for the built-in set. */
  id: string | null;
  version: number;
  content: Outcomes;
}

async function builtIn(programmeId: string, tx: Tx): Promise<OutcomeSet> {
  const p = await tx.programme.findUnique({
    where: { id: programmeId },
    select: { followUpSchedule: true },
  });
  return {
    id: null,
    version: 0,
    content: builtInOutcomes(env().AFTERCARE_WORSENING_POINTS, p?.followUpSchedule),
  };
}

/** The set new follow-ups of the programme are made with. */
export async function currentOutcomes(programmeId: string, tx: Tx = db): Promise<OutcomeSet> {
  const d = await publishedDefinition(programmeId, "OUTCOMES", OutcomesContent, tx);
  return d ? { id: d.id, version: d.version, content: d.content } : builtIn(programmeId, tx);
}

/** The set a follow-up was made with (or its programme's version 1 for an older row). */
export async function outcomesOfFollowUp(
  f: { outcomesId: string | null; programmeId: string },
  tx: Tx = db,
): Promise<OutcomeSet> {
  if (f.outcomesId) {
    const d = await definitionById(f.outcomesId, OutcomesContent, tx);
    if (d) return { id: d.id, version: d.version, content: d.content };
  }
  const first = await tx.formDefinition.findFirst({
    where: { programmeId: f.programmeId, kind: "OUTCOMES", status: { not: "DRAFT" } },
    orderBy: { version: "asc" },
    select: { id: true },
  });
  if (first) {
    const d = await definitionById(first.id, OutcomesContent, tx);
    if (d) return { id: d.id, version: d.version, content: d.content };
  }
  return builtIn(f.programmeId, tx);
}

/** Every distinct set a case's follow-ups use, newest version first (for its charts). */
export async function outcomesOfCase(
  programmeId: string,
  followUps: { outcomesId: string | null }[],
  tx: Tx = db,
): Promise<OutcomeSet[]> {
  const ids = [...new Set(followUps.map((f) => f.outcomesId))];
  if (ids.length === 0) ids.push(null);
  const sets = await Promise.all(
    ids.map((outcomesId) => outcomesOfFollowUp({ outcomesId, programmeId }, tx)),
  );
  const unique = sets.filter((s, i) => sets.findIndex((x) => x.id === s.id) === i);
  return unique.sort((a, b) => b.version - a.version);
}

/** A follow-up's PROM answers: its fixed columns and its generic answers. */
export function promAnswersOf(f: Record<string, unknown> & { answers?: string | null }) {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === "number") out[k] = v;
  if (f.answers) {
    try {
      const extra = JSON.parse(f.answers) as Record<string, unknown>;
      for (const [k, v] of Object.entries(extra)) if (typeof v === "number") out[k] = v;
    } catch {
      // A broken cell reads as no extra answers.
    }
  }
  return out;
}
