/**
 * The treatment catalogue's words in every language (ADR 024), for admins: each programme's
 * name, condition and summary and each pathway step's name and description, English in the
 * row's own columns (the fallback) and every other language in its `translations` column.
 * Every save is audited with which texts changed; saving what is already there writes
 * nothing, so a form sent twice is a repeat, not a second change.
 */
import { db, type Tx } from "~/db.server";
import { LOCALES, type Locale } from "~/i18n/config";
import { audit, changeDetail } from "~/infra/audit.server";
import { missingLocales, parseTexts, textsJson, type Texts } from "~/lib/translated";
import { resourceTypesInUse } from "./catalogue-admin.server";

export const PROGRAMME_FIELDS = ["name", "condition", "summary"] as const;
export const STEP_FIELDS = ["name", "description"] as const;
export type ProgrammeField = (typeof PROGRAMME_FIELDS)[number];
export type StepField = (typeof STEP_FIELDS)[number];

interface Actor {
  id: string;
  ip?: string | null;
}

/** How many texts (a field of a row) are missing, per language other than English. */
export function countMissing<F extends string>(
  rows: { texts: Texts<F> }[],
  fields: readonly F[],
): Partial<Record<Locale, number>> {
  const counts: Partial<Record<Locale, number>> = {};
  for (const lng of LOCALES)
    if (lng !== "en")
      counts[lng] = rows.reduce((n, r) => n + fields.filter((f) => !r.texts[lng]?.[f]).length, 0);
  return counts;
}

/** Adds per-language counts together. */
export function addCounts(
  ...all: Partial<Record<Locale, number>>[]
): Partial<Record<Locale, number>> {
  const out: Partial<Record<Locale, number>> = {};
  for (const c of all)
    for (const [lng, n] of Object.entries(c)) out[lng as Locale] = (out[lng as Locale] ?? 0) + n;
  return out;
}

/** The catalogue page: every programme with its steps, each with its texts and what is missing. */
export async function cataloguePage() {
  const rows = await db.programme.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      condition: true,
      summary: true,
      translations: true,
      active: true,
      // Issue 25: the insurance the programme asks for (its own form in the editor).
      requiresComplicationCover: true,
      requiresTravelInsurance: true,
      _count: { select: { cases: true } },
      steps: {
        orderBy: [{ position: "asc" }, { key: "asc" }],
        select: {
          id: true,
          key: true,
          name: true,
          description: true,
          translations: true,
          resourceType: true,
          durationMinutes: true,
          gapMinutes: true,
          flyGapMinutes: true,
          stayAfterMinutes: true,
          fitToFlyRequired: true,
          retiredAt: true,
          _count: { select: { planSteps: true } },
        },
      },
    },
  });
  const programmes = rows.map(({ translations, steps, _count, ...p }) => {
    const texts = parseTexts(translations, PROGRAMME_FIELDS);
    return {
      ...p,
      cases: _count.cases,
      texts,
      missing: missingLocales(texts, PROGRAMME_FIELDS),
      steps: steps.map(({ translations: json, _count: used, ...s }) => {
        const stepTexts = parseTexts(json, STEP_FIELDS);
        return {
          ...s,
          plans: used.planSteps,
          texts: stepTexts,
          missing: missingLocales(stepTexts, STEP_FIELDS),
        };
      }),
    };
  });
  const missing = addCounts(
    countMissing(programmes, PROGRAMME_FIELDS),
    countMissing(
      programmes.flatMap((p) => p.steps),
      STEP_FIELDS,
    ),
  );
  const resourceTypes = await resourceTypesInUse();
  return { programmes, missing, resourceTypes };
}

/** How many catalogue texts are missing, all languages together (the staff menu's count). */
export async function missingTotal(): Promise<number> {
  const [programmes, steps] = await Promise.all([
    db.programme.findMany({ select: { translations: true } }),
    db.pathwayStep.findMany({ select: { translations: true } }),
  ]);
  const counts = addCounts(
    countMissing(
      programmes.map((p) => ({ texts: parseTexts(p.translations, PROGRAMME_FIELDS) })),
      PROGRAMME_FIELDS,
    ),
    countMissing(
      steps.map((s) => ({ texts: parseTexts(s.translations, STEP_FIELDS) })),
      STEP_FIELDS,
    ),
  );
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/**
 * The texts that differ between a row as stored and as typed: "name", "summary.ar" (English
 * fields by name, other languages with their code). Machine text for the audit detail.
 */
export function changedTexts<F extends string>(
  fields: readonly F[],
  before: { english: Record<F, string>; texts: Texts<F> },
  after: { english: Record<F, string>; texts: Texts<F> },
): string[] {
  const changed: string[] = [];
  for (const f of fields) if (before.english[f] !== after.english[f]) changed.push(f);
  for (const lng of LOCALES)
    if (lng !== "en")
      for (const f of fields)
        if ((before.texts[lng]?.[f] ?? "") !== (after.texts[lng]?.[f] ?? ""))
          changed.push(`${f}.${lng}`);
  return changed;
}

/** A row's texts keyed as the audit names them: `name`, `name.ar` (empty: ""). */
function dotted<F extends string>(
  fields: readonly F[],
  row: { english: Record<F, string>; texts: Texts<F> },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f] = row.english[f];
  for (const lng of LOCALES)
    if (lng !== "en") for (const f of fields) out[`${f}.${lng}`] = row.texts[lng]?.[f] ?? "";
  return out;
}

type Saved = { found: false } | { found: true; changed: string[]; conflicts: string[] };

/** One form-shaped map of a row's texts: `{ name: "…", name_ar: "…", … }` (empty: ""). */
function flat<F extends string>(
  fields: readonly F[],
  english: Record<F, string>,
  texts: Texts<F>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f] = english[f];
  for (const lng of LOCALES)
    if (lng !== "en") for (const f of fields) out[`${f}_${lng}`] = texts[lng]?.[f] ?? "";
  return out;
}

/**
 * The row's texts as the editing page showed them (its `seen` control, JSON of the form's
 * defaults), so a save changes only what this page changed. Absent or malformed: null.
 */
export function readSeen(payload: Record<string, unknown>): Record<string, string> | null {
  const raw = payload.seen;
  if (typeof raw !== "string" || raw.length > 200_000) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
  } catch {
    return null;
  }
}

/**
 * Two staff members editing one row in two tabs (a three-way merge, as a wiki does): a text this
 * page left as it was shown keeps what is stored now (another tab's save survives); a text it
 * changed is written, unless the stored one changed too since the page was shown, to something
 * else: that is a conflict, and nothing is written.
 */
function merge(
  stored: Record<string, string>,
  typed: Record<string, string>,
  seen: Record<string, string> | null,
): { result: Record<string, string>; conflicts: string[] } {
  if (!seen) return { result: typed, conflicts: [] };
  const result: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const [key, mine] of Object.entries(typed)) {
    const was = seen[key];
    const now = stored[key] ?? "";
    if (was === undefined || was === now || mine === now) result[key] = mine;
    else if (mine === was) result[key] = now;
    else {
      conflicts.push(key);
      result[key] = now;
    }
  }
  return { result, conflicts };
}

/**
 * Writes a row's English columns and translations through `write` when anything changed, and
 * audits it; `read` gives the row as stored (null: no such row). Without `english` the row's
 * English stays as it is (a form that edits only the other languages).
 */
async function saveTexts<F extends string>(
  fields: readonly F[],
  input: { english?: Record<F, string>; texts: Texts<F>; seen?: Record<string, string> | null },
  actor: Actor,
  what: { action: string; entity: string; id: string },
  read: (tx: Tx) => Promise<(Record<F, string> & { translations: string }) | null>,
  write: (tx: Tx, data: Record<F, string> & { translations: string }) => Promise<unknown>,
): Promise<Saved> {
  return db.$transaction(async (tx) => {
    const row = await read(tx);
    if (!row) return { found: false as const };
    const before = {
      english: Object.fromEntries(fields.map((f) => [f, row[f]])) as unknown as Record<F, string>,
      texts: parseTexts(row.translations, fields),
    };
    const typed = flat(fields, input.english ?? before.english, input.texts);
    const { result, conflicts } = merge(
      flat(fields, before.english, before.texts),
      typed,
      input.seen ?? null,
    );
    if (conflicts.length) return { found: true as const, changed: [], conflicts };
    const merged: Texts<F> = {};
    for (const lng of LOCALES)
      if (lng !== "en")
        merged[lng] = Object.fromEntries(
          fields.map((f) => [f, result[`${f}_${lng}`] ?? ""]),
        ) as Partial<Record<F, string>>;
    // Stored as parsed, so what the page shows is what is compared the next time.
    const json = textsJson(merged);
    const english = Object.fromEntries(fields.map((f) => [f, result[f] ?? ""])) as Record<
      F,
      string
    >;
    const after = {
      english: input.english ? english : before.english,
      texts: parseTexts(json, fields),
    };
    const changed = changedTexts(fields, before, after);
    if (!changed.length) return { found: true as const, changed, conflicts };
    await write(tx, { ...after.english, translations: json });
    await audit(
      {
        actorId: actor.id,
        action: what.action,
        entity: what.entity,
        entityId: what.id,
        ip: actor.ip,
        outcome: "success",
        // Before and after of each text that changed: "name", "summary.ar" (ADR 024).
        detail: changeDetail(dotted(fields, before), dotted(fields, after)),
      },
      tx,
    );
    return { found: true as const, changed, conflicts };
  });
}

/** Saves a programme's texts in every language; `found: false` when there is no such one. */
export function saveProgrammeTexts(
  id: string,
  input: {
    english: Record<ProgrammeField, string>;
    texts: Texts<ProgrammeField>;
    seen?: Record<string, string> | null;
  },
  actor: Actor,
) {
  return saveTexts(
    PROGRAMME_FIELDS,
    input,
    actor,
    { action: "catalogue.programme.edit", entity: "Programme", id },
    (tx) =>
      tx.programme.findUnique({
        where: { id },
        select: { name: true, condition: true, summary: true, translations: true },
      }),
    (tx, data) => tx.programme.update({ where: { id }, data }),
  );
}

/** Saves a pathway step's texts in every language; `found: false` when there is no such one. */
export function saveStepTexts(
  id: string,
  input: {
    english: Record<StepField, string>;
    texts: Texts<StepField>;
    seen?: Record<string, string> | null;
  },
  actor: Actor,
) {
  return saveTexts(
    STEP_FIELDS,
    input,
    actor,
    { action: "catalogue.step.edit", entity: "PathwayStep", id },
    (tx) =>
      tx.pathwayStep.findUnique({
        where: { id },
        select: { name: true, description: true, translations: true },
      }),
    (tx, data) => tx.pathwayStep.update({ where: { id }, data }),
  );
}

/**
 * Saves a price item's name in the languages other than English (English is edited with its
 * price, in the list). Audited; nothing written when unchanged.
 */
export function savePriceItemNames(
  id: string,
  input: { texts: Texts<"name">; seen?: Record<string, string> | null },
  actor: Actor,
) {
  return saveTexts(
    ["name"] as const,
    input,
    actor,
    { action: "price.names.edit", entity: "PriceItem", id },
    (tx) => tx.priceItem.findUnique({ where: { id }, select: { name: true, translations: true } }),
    (tx, data) => tx.priceItem.update({ where: { id }, data }),
  );
}

/** Saves a resource's name in every language. Audited; nothing written when unchanged. */
export function saveResourceNames(
  id: string,
  input: { english: { name: string }; texts: Texts<"name">; seen?: Record<string, string> | null },
  actor: Actor,
) {
  return saveTexts(
    ["name"] as const,
    input,
    actor,
    { action: "resource.names.edit", entity: "Resource", id },
    (tx) => tx.resource.findUnique({ where: { id }, select: { name: true, translations: true } }),
    (tx, data) => tx.resource.update({ where: { id }, data }),
  );
}
