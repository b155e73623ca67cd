/**
 * The outcome set editor (ADR 028, kind OUTCOMES): a programme's PROMs, lab markers and
 * follow-up schedule, edited as a draft and published as a new version. New follow-ups are
 * made with the published version; those made before keep theirs
 * (app/models/aftercare/outcomes.server.ts). Every write is audited with before and after
 * (app/models/catalogue/form-definitions.server.ts).
 */
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { OutcomesContent, type Outcomes } from "~/lib/outcomes";
import { notFound } from "~/models/auth/auth.server";
import { currentOutcomes } from "~/models/aftercare/outcomes.server";
import {
  definitionHistory,
  discardDraft,
  draftDefinition,
  publishDraft,
  saveDraft,
} from "~/models/catalogue/form-definitions.server";

interface Actor {
  actorId: string;
  ip: string | null;
}

/** The editor's page: the programme, the content being edited, and every version. */
export async function outcomesEditor(programmeId: string) {
  const programme = await db.programme.findUnique({
    where: { id: programmeId },
    select: { id: true, name: true, translations: true },
  });
  if (!programme) notFound();
  const [draft, published, history] = await Promise.all([
    draftDefinition(programmeId, "OUTCOMES", OutcomesContent),
    currentOutcomes(programmeId),
    definitionHistory(programmeId, "OUTCOMES"),
  ]);
  return {
    programme,
    draft: draft ? { version: draft.version } : null,
    /** What the form starts from: the draft, else the version published now. */
    content: draft?.content ?? published.content,
    published: published.id ? { version: published.version } : null,
    history: history.map((h) => ({
      id: h.id,
      version: h.version,
      status: h.status,
      publishedAt: h.publishedAt,
    })),
  };
}

async function requireProgramme(programmeId: string) {
  const p = await db.programme.findUnique({ where: { id: programmeId }, select: { id: true } });
  if (!p) notFound();
}

/**
 * What changed between two sets, small enough for the audit log (whose detail is cut at
 * 1000 characters, so the full before/after that saveDraft records is not enough on its own
 * for a set this size): each measure, marker or follow-up added or removed, and each field
 * changed as [before, after].
 */
export function outcomesDiff(before: Outcomes, after: Outcomes) {
  const list = <T extends Record<string, unknown>>(a: T[], b: T[], id: (x: T) => string) => {
    const was = new Map(a.map((x) => [id(x), x]));
    const now = new Map(b.map((x) => [id(x), x]));
    const changed: Record<string, Record<string, [unknown, unknown]>> = {};
    for (const [k, x] of now) {
      const y = was.get(k);
      if (!y) continue;
      for (const f of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (JSON.stringify(x[f]) !== JSON.stringify(y[f]))
          (changed[k] ??= {})[f] = [y[f] ?? null, x[f] ?? null];
      }
    }
    return {
      added: [...now.keys()].filter((k) => !was.has(k)),
      removed: [...was.keys()].filter((k) => !now.has(k)),
      changed,
    };
  };
  return {
    proms: list(before.proms, after.proms, (p) => p.key),
    markers: list(before.markers, after.markers, (m) => m.key),
    schedule: list(before.schedule, after.schedule, (s) => s.duration),
  };
}

export async function saveOutcomesDraft(programmeId: string, content: Outcomes, actor: Actor) {
  await requireProgramme(programmeId);
  return db.$transaction(async (tx) => {
    const before =
      (await draftDefinition(programmeId, "OUTCOMES", OutcomesContent, tx))?.content ??
      (await currentOutcomes(programmeId, tx)).content;
    const draft = await saveDraft(
      {
        programmeId,
        kind: "OUTCOMES",
        content,
        schema: OutcomesContent,
        actorId: actor.actorId,
        ip: actor.ip,
      },
      tx,
    );
    await audit(
      {
        actorId: actor.actorId,
        action: "outcomes.change",
        entity: "FormDefinition",
        entityId: draft.id,
        ip: actor.ip,
        outcome: "success",
        detail: JSON.stringify({
          version: draft.version,
          ...outcomesDiff(before, draft.content),
        }),
      },
      tx,
    );
    return draft;
  });
}

/** Null when there is no draft to publish. */
export async function publishOutcomes(programmeId: string, actor: Actor) {
  await requireProgramme(programmeId);
  return publishDraft({
    programmeId,
    kind: "OUTCOMES",
    schema: OutcomesContent,
    actorId: actor.actorId,
    ip: actor.ip,
  });
}

/** False when there is no draft. */
export async function discardOutcomes(programmeId: string, actor: Actor) {
  await requireProgramme(programmeId);
  return discardDraft({ programmeId, kind: "OUTCOMES", actorId: actor.actorId, ip: actor.ip });
}
