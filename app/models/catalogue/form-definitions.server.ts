/**
 * Versioned definitions a programme's pages render from (ADR 028): the eligibility
 * questionnaire (QUESTIONNAIRE) and the outcome measures, lab markers and follow-up schedule
 * (OUTCOMES), and the procedure consent (CONSENT, issue 25). One shape for every kind; each kind brings its own zod schema for `content`.
 *
 * - A programme has at most one DRAFT and one PUBLISHED version per kind.
 * - Editing writes the draft (created from the published content on first edit).
 * - Publishing freezes the draft under the next version number and retires the version it
 *   replaces, in one transaction; records made with a version keep its id, so staff see
 *   exactly what the patient saw.
 * - Every write is audited with what changed (before and after versions).
 */
import type { z } from "zod";
import { db, type Tx } from "~/db.server";
import { audit } from "~/infra/audit.server";

export const FORM_KINDS = ["QUESTIONNAIRE", "OUTCOMES", "CONSENT"] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface Definition<T> {
  id: string;
  programmeId: string;
  kind: FormKind;
  version: number;
  status: "DRAFT" | "PUBLISHED" | "RETIRED";
  content: T;
  publishedAt: Date | null;
}

function parse<T>(
  row: {
    id: string;
    programmeId: string;
    kind: string;
    version: number;
    status: string;
    content: string;
    publishedAt: Date | null;
  },
  schema: z.ZodType<T>,
): Definition<T> {
  return {
    id: row.id,
    programmeId: row.programmeId,
    kind: row.kind as FormKind,
    version: row.version,
    status: row.status as Definition<T>["status"],
    content: schema.parse(JSON.parse(row.content)),
    publishedAt: row.publishedAt,
  };
}

/** The version patients are given now, or null when the programme has none published. */
export async function publishedDefinition<T>(
  programmeId: string,
  kind: FormKind,
  schema: z.ZodType<T>,
  tx: Tx = db,
): Promise<Definition<T> | null> {
  const row = await tx.formDefinition.findFirst({
    where: { programmeId, kind, status: "PUBLISHED" },
    orderBy: { version: "desc" },
  });
  return row ? parse(row, schema) : null;
}

/** One exact version, by id: what a stored record was made with. */
export async function definitionById<T>(
  id: string,
  schema: z.ZodType<T>,
  tx: Tx = db,
): Promise<Definition<T> | null> {
  const row = await tx.formDefinition.findUnique({ where: { id } });
  return row ? parse(row, schema) : null;
}

/** The draft being edited, if there is one. */
export async function draftDefinition<T>(
  programmeId: string,
  kind: FormKind,
  schema: z.ZodType<T>,
  tx: Tx = db,
): Promise<Definition<T> | null> {
  const row = await tx.formDefinition.findFirst({
    where: { programmeId, kind, status: "DRAFT" },
  });
  return row ? parse(row, schema) : null;
}

/** Every version of a kind for a programme, newest first (the history list). */
export async function definitionHistory(programmeId: string, kind: FormKind, tx: Tx = db) {
  return tx.formDefinition.findMany({
    where: { programmeId, kind },
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, publishedAt: true, publishedById: true },
  });
}

/**
 * Write the draft's content (validated by the kind's schema), creating the draft on first
 * edit. The draft carries the next version number; it becomes that version when published.
 */
export async function saveDraft<T>(
  input: {
    programmeId: string;
    kind: FormKind;
    content: T;
    schema: z.ZodType<T>;
    actorId: string;
    ip?: string | null;
  },
  tx?: Tx,
): Promise<Definition<T>> {
  const content = JSON.stringify(input.schema.parse(input.content));
  const run = async (t: Tx) => {
    const draft = await t.formDefinition.findFirst({
      where: { programmeId: input.programmeId, kind: input.kind, status: "DRAFT" },
    });
    let row;
    if (draft) {
      row = await t.formDefinition.update({ where: { id: draft.id }, data: { content } });
    } else {
      const last = await t.formDefinition.findFirst({
        where: { programmeId: input.programmeId, kind: input.kind },
        orderBy: { version: "desc" },
        select: { version: true },
      });
      row = await t.formDefinition.create({
        data: {
          programmeId: input.programmeId,
          kind: input.kind,
          version: (last?.version ?? 0) + 1,
          status: "DRAFT",
          content,
        },
      });
    }
    await audit(
      {
        actorId: input.actorId,
        action: `${input.kind.toLowerCase()}.draft`,
        entity: "FormDefinition",
        entityId: row.id,
        ip: input.ip ?? null,
        outcome: "success",
        detail: JSON.stringify({
          programmeId: input.programmeId,
          version: row.version,
          before: draft ? JSON.parse(draft.content) : null,
          after: JSON.parse(content),
        }),
      },
      t,
    );
    return parse(row, input.schema);
  };
  return tx ? run(tx) : db.$transaction(run);
}

/**
 * Publish the draft: it becomes the version patients get, and the previously published
 * version is retired (kept, for the records made with it). Returns null without a draft.
 */
export async function publishDraft<T>(input: {
  programmeId: string;
  kind: FormKind;
  schema: z.ZodType<T>;
  actorId: string;
  ip?: string | null;
}): Promise<Definition<T> | null> {
  return db.$transaction(async (t) => {
    const draft = await t.formDefinition.findFirst({
      where: { programmeId: input.programmeId, kind: input.kind, status: "DRAFT" },
    });
    if (!draft) return null;
    // Refuse content the schema no longer accepts before anything changes.
    input.schema.parse(JSON.parse(draft.content));
    const previous = await t.formDefinition.findFirst({
      where: { programmeId: input.programmeId, kind: input.kind, status: "PUBLISHED" },
    });
    if (previous) {
      await t.formDefinition.update({ where: { id: previous.id }, data: { status: "RETIRED" } });
    }
    const row = await t.formDefinition.update({
      where: { id: draft.id },
      data: { status: "PUBLISHED", publishedAt: new Date(), publishedById: input.actorId },
    });
    await audit(
      {
        actorId: input.actorId,
        action: `${input.kind.toLowerCase()}.publish`,
        entity: "FormDefinition",
        entityId: row.id,
        ip: input.ip ?? null,
        outcome: "success",
        detail: JSON.stringify({
          programmeId: input.programmeId,
          version: row.version,
          replaces: previous?.version ?? null,
        }),
      },
      t,
    );
    return parse(row, input.schema);
  });
}

/** Drop the draft (nothing published changes). */
export async function discardDraft(input: {
  programmeId: string;
  kind: FormKind;
  actorId: string;
  ip?: string | null;
}): Promise<boolean> {
  return db.$transaction(async (t) => {
    const draft = await t.formDefinition.findFirst({
      where: { programmeId: input.programmeId, kind: input.kind, status: "DRAFT" },
    });
    if (!draft) return false;
    await t.formDefinition.delete({ where: { id: draft.id } });
    await audit(
      {
        actorId: input.actorId,
        action: `${input.kind.toLowerCase()}.discard`,
        entity: "FormDefinition",
        entityId: draft.id,
        ip: input.ip ?? null,
        outcome: "success",
        detail: JSON.stringify({ programmeId: input.programmeId, version: draft.version }),
      },
      t,
    );
    return true;
  });
}

/**
 * Seed or first-run: publish `content` as version 1 when the programme has no version of the
 * kind yet. Idempotent; used by the seed so the lupus set stays as seeded.
 */
export async function ensurePublished<T>(
  programmeId: string,
  kind: FormKind,
  content: T,
  schema: z.ZodType<T>,
  tx: Tx = db,
): Promise<void> {
  const any = await tx.formDefinition.findFirst({
    where: { programmeId, kind },
    select: { id: true },
  });
  if (any) return;
  await tx.formDefinition.create({
    data: {
      programmeId,
      kind,
      version: 1,
      status: "PUBLISHED",
      content: JSON.stringify(schema.parse(content)),
      publishedAt: new Date(),
    },
  });
}
