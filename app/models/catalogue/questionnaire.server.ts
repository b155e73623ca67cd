/**
 * The eligibility questionnaire of each programme, versioned (ADR 028, issue 23): which
 * version the enquiry form asks now, which version an answered enquiry is read with, and the
 * editor's writes to the draft. The versioning itself (draft, publish, history, audit) is the
 * shared module's (form-definitions.server.ts); this module knows the questionnaire's content.
 *
 * A programme with no version yet (a fresh database before the seed, a test) is asked its
 * built-in questionnaire (app/lib/questionnaires.ts), and an enquiry stored before
 * questionnaires were data (questionnaireId null) is read with the programme's version 1,
 * which the seed publishes from that same built-in questionnaire, or the built-in one itself.
 */
import { db, type Tx } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import {
  legacyQuestionnaire,
  QuestionnaireContent,
  type QuestionDef,
  type Questionnaire,
  type QuestionnaireView,
} from "~/lib/questionnaire-content";
import {
  definitionById,
  definitionHistory,
  discardDraft,
  draftDefinition,
  ensurePublished,
  publishDraft,
  publishedDefinition,
  saveDraft,
} from "./form-definitions.server";

const KIND = "QUESTIONNAIRE" as const;

/** A word of the enquiry namespace in one language, or undefined. */
function enquiryText(lng: Locale, key: string): string | undefined {
  let node: unknown = (resources as Record<string, Record<string, unknown>>)[lng]?.enquiry;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" && node.trim() ? node : undefined;
}

/** The built-in questionnaire of a programme, with its words in every language. */
export function builtInQuestionnaire(slug: string): Questionnaire {
  return QuestionnaireContent.parse(legacyQuestionnaire(slug, enquiryText));
}

/** Seed: publish the built-in questionnaire as version 1 (nothing a patient sees changes). */
export async function ensureQuestionnaire(programme: { id: string; slug: string }, tx: Tx = db) {
  await ensurePublished(
    programme.id,
    KIND,
    builtInQuestionnaire(programme.slug),
    QuestionnaireContent,
    tx,
  );
}

/** What the enquiry form asks for a programme now. */
export async function currentQuestionnaire(programme: {
  id: string;
  slug: string;
}): Promise<QuestionnaireView> {
  const published = await readSafely(() =>
    publishedDefinition(programme.id, KIND, QuestionnaireContent),
  );
  if (published) {
    return { id: published.id, version: published.version, content: published.content };
  }
  return { id: null, version: 0, content: builtInQuestionnaire(programme.slug) };
}

/** A stored definition that no longer parses is treated as absent, never a 500. */
async function readSafely<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SyntaxError || (error as { name?: string })?.name === "ZodError") {
      return null;
    }
    throw error;
  }
}

/**
 * The questionnaires that answered enquiries were made with, by enquiry id: their own
 * version, or (made before versions) the programme's first version or the built-in one.
 */
export async function questionnairesOfEnquiries(
  enquiries: readonly { id: string; questionnaireId: string | null }[],
  programme: { id: string; slug: string },
): Promise<Record<string, QuestionnaireView>> {
  const out: Record<string, QuestionnaireView> = {};
  const cache = new Map<string, QuestionnaireView | null>();
  let legacy: QuestionnaireView | undefined;
  const first = async () => {
    if (legacy) return legacy;
    const row = await db.formDefinition.findFirst({
      where: { programmeId: programme.id, kind: KIND, status: { not: "DRAFT" } },
      orderBy: { version: "asc" },
      select: { id: true },
    });
    const v1 = row ? await byId(row.id) : null;
    legacy = v1 ?? { id: null, version: 0, content: builtInQuestionnaire(programme.slug) };
    return legacy;
  };
  const byId = async (id: string) => {
    if (!cache.has(id)) {
      const d = await readSafely(() => definitionById(id, QuestionnaireContent));
      cache.set(id, d ? { id: d.id, version: d.version, content: d.content } : null);
    }
    return cache.get(id) ?? null;
  };
  for (const e of enquiries) {
    out[e.id] = (e.questionnaireId ? await byId(e.questionnaireId) : null) ?? (await first());
  }
  return out;
}

/** One version by id (a pending enquiry's), or the programme's current one. */
export async function questionnaireById(
  id: string | null | undefined,
  programme: { id: string; slug: string },
): Promise<QuestionnaireView> {
  const d = id ? await readSafely(() => definitionById(id, QuestionnaireContent)) : null;
  if (d && d.programmeId === programme.id) {
    return { id: d.id, version: d.version, content: d.content };
  }
  return (await questionnairesOfEnquiries([{ id: "x", questionnaireId: null }], programme)).x!;
}

// --- the editor ---------------------------------------------------------------------------

/** The programme the editor is for, or null. */
export function editorProgramme(id: string) {
  if (id.length > 64) return Promise.resolve(null);
  return db.programme.findUnique({
    where: { id },
    select: { id: true, slug: true, name: true, translations: true },
  });
}

export interface QuestionnaireEditor {
  /** What the editor works on: the draft, or (no draft yet) the published version. */
  working: QuestionnaireView & { status: "DRAFT" | "PUBLISHED" | "BUILT_IN" };
  published: QuestionnaireView | null;
  history: { id: string; version: number; status: string; publishedAt: Date | null }[];
}

export async function questionnaireEditor(programme: {
  id: string;
  slug: string;
}): Promise<QuestionnaireEditor> {
  const [draft, published, history] = await Promise.all([
    readSafely(() => draftDefinition(programme.id, KIND, QuestionnaireContent)),
    readSafely(() => publishedDefinition(programme.id, KIND, QuestionnaireContent)),
    definitionHistory(programme.id, KIND),
  ]);
  const view = (d: { id: string; version: number; content: Questionnaire }) => ({
    id: d.id,
    version: d.version,
    content: d.content,
  });
  const working = draft
    ? { ...view(draft), status: "DRAFT" as const }
    : published
      ? { ...view(published), status: "PUBLISHED" as const }
      : {
          id: null,
          version: 0,
          content: builtInQuestionnaire(programme.slug),
          status: "BUILT_IN" as const,
        };
  return {
    working,
    published: published ? view(published) : null,
    history: history.map((h) => ({
      id: h.id,
      version: h.version,
      status: h.status,
      publishedAt: h.publishedAt,
    })),
  };
}

type EditorActor = { actorId: string; ip?: string | null };

/** The draft's questions after `change`, saved (the draft is made on the first edit). */
export async function changeQuestions(
  programme: { id: string; slug: string },
  change: (questions: QuestionDef[]) => QuestionDef[] | string,
  who: EditorActor,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const editor = await questionnaireEditor(programme);
  const next = change([...editor.working.content.questions]);
  if (typeof next === "string") return { ok: false, error: next };
  const parsed = QuestionnaireContent.safeParse({ questions: next });
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues[0]?.message ?? "site:questionnaire.errors.invalid",
    };
  }
  await saveDraft({
    programmeId: programme.id,
    kind: KIND,
    content: parsed.data,
    schema: QuestionnaireContent,
    actorId: who.actorId,
    ip: who.ip,
  });
  return { ok: true };
}

export async function publishQuestionnaire(programmeId: string, who: EditorActor) {
  return publishDraft({
    programmeId,
    kind: KIND,
    schema: QuestionnaireContent,
    actorId: who.actorId,
    ip: who.ip,
  });
}

export async function discardQuestionnaireDraft(programmeId: string, who: EditorActor) {
  return discardDraft({ programmeId, kind: KIND, actorId: who.actorId, ip: who.ip });
}
