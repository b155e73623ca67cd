/**
 * Bulk work from the pipeline: assign a coordinator to, or move the stage of, several cases.
 * Nothing is done in bulk: each case goes through the one writer of its own (changeStage,
 * assignCoordinator), in its own transaction with its own timeline event, emails and audit
 * row, and is checked by the stage machine and the actor's permissions as if the case page had
 * sent it. A refusal leaves that case as it was and is recorded (audit, outcome "refused"); the
 * others go on. The answer says how many were done and, for each refused case, why.
 */
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import type { StaffRole } from "~/lib/permissions";
import type { Stage } from "~/lib/stages";
import { changeStage, StageChangeError } from "~/models/cases/stage.server";
import { assignCoordinator, WorkError } from "~/models/cases/workspace.server";

/** At most this many cases in one bulk action (a page of the list holds 25). */
export const BULK_MAX = 100;

export interface BulkActor {
  id: string;
  role: StaffRole;
  ip: string | null;
}

/** Why a case was refused: the stage machine's code and failing guards, or a work error's key. */
export type BulkRefusal =
  | { number: string; kind: "stage"; code: StageChangeError["code"]; failures: string[] }
  | { number: string; kind: "work"; key: string };

export interface BulkSummary {
  done: number;
  /** Already as asked (at that stage, or with that coordinator): nothing to do. */
  already: number;
  refused: BulkRefusal[];
}

/** The cases asked for that exist, in the order their numbers sort (the summary's order). */
async function casesOf(ids: readonly string[]) {
  return db.case.findMany({
    where: { id: { in: [...new Set(ids)].slice(0, BULK_MAX) } },
    orderBy: { number: "asc" },
    select: { id: true, number: true, stage: true, coordinatorId: true },
  });
}

function refusedAudit(actor: BulkActor, action: string, caseId: string, detail: string) {
  return audit({
    actorId: actor.id,
    action,
    entity: "Case",
    entityId: caseId,
    caseId,
    ip: actor.ip,
    outcome: "refused",
    detail: `bulk: ${detail}`,
  });
}

export async function bulkMove(
  actor: BulkActor,
  ids: readonly string[],
  to: Stage,
  reason: string | null,
): Promise<BulkSummary> {
  const summary: BulkSummary = { done: 0, already: 0, refused: [] };
  for (const kase of await casesOf(ids)) {
    if (kase.stage === to) {
      summary.already++;
      continue;
    }
    try {
      await changeStage({ caseId: kase.id, to, actor, reason });
      summary.done++;
    } catch (error) {
      if (!(error instanceof StageChangeError)) throw error;
      summary.refused.push({
        number: kase.number,
        kind: "stage",
        code: error.code,
        failures: error.failures,
      });
      await refusedAudit(
        actor,
        "case.stage_change",
        kase.id,
        `${kase.stage} -> ${to}: ${error.code} ${error.failures.join(",")}`,
      );
    }
  }
  return summary;
}

export async function bulkAssign(
  actor: BulkActor,
  ids: readonly string[],
  coordinatorId: string,
): Promise<BulkSummary> {
  const summary: BulkSummary = { done: 0, already: 0, refused: [] };
  for (const kase of await casesOf(ids)) {
    try {
      const { changed } = await assignCoordinator(kase.id, actor, coordinatorId);
      if (changed) summary.done++;
      else summary.already++;
    } catch (error) {
      if (!(error instanceof WorkError)) throw error;
      summary.refused.push({ number: kase.number, kind: "work", key: error.key });
      await refusedAudit(actor, "case.assign", kase.id, error.key);
    }
  }
  return summary;
}
