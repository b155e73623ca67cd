/**
 * The treatment catalogue's shape, for admins (issue 23): programmes are created, ordered,
 * retired (hidden from the public pages and the enquiry form; cases that have one keep it) and
 * reactivated; pathway steps are created, given their resource type, duration and gap, moved,
 * retired (no longer copied into new plans; plans holding one keep it) and deleted only while
 * no plan refers to them. Every change is audited with who, what, before and after
 * (changeDetail); a change that changes nothing writes nothing. Texts per language are saved
 * by catalogue.server.ts.
 */
import { db, type Tx } from "~/db.server";
import { audit, changeDetail } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { RESOURCE_TYPES } from "~/lib/schedule";
import { textsJson, type Texts } from "~/lib/translated";
import type { ProgrammeField, StepField } from "./catalogue.server";

interface Actor {
  id: string;
  ip?: string | null;
}

/** A refused change: `key` is an i18n key (site namespace), `field` the field it concerns. */
export class CatalogueError extends Error {
  constructor(
    public readonly code: "not_found" | "taken" | "referenced" | "invalid",
    public readonly key: string,
    public readonly field?: string,
  ) {
    super(`Catalogue change refused: ${code}`);
    this.name = "CatalogueError";
  }
}

async function record(
  tx: Tx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  const detail = changeDetail(before, after);
  if (detail === null) return false;
  await audit(
    { actorId: actor.id, action, entity, entityId, ip: actor.ip, outcome: "success", detail },
    tx,
  );
  return true;
}

/** Which languages have some text: the audit names them rather than copying every word. */
const languagesOf = (texts: Texts<string>) =>
  Object.entries(texts)
    .filter(([, v]) => v && Object.values(v).some(Boolean))
    .map(([l]) => l)
    .join(",");

export interface NewProgramme {
  slug: string;
  name: string;
  condition: string;
  summary: string;
  texts: Texts<ProgrammeField>;
}

/**
 * Adds a programme at the end of the catalogue, hidden: it reaches the public site and the
 * enquiry form only when an admin offers it (after its steps, prices and words are ready).
 * Its slug must be new.
 */
export async function createProgramme(input: NewProgramme, sent: SentForm, actor: Actor) {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, sent, actor.id);
    const taken = await tx.programme.findUnique({
      where: { slug: input.slug },
      select: { id: true },
    });
    if (taken) throw new CatalogueError("taken", "catalogue.errors.slugTaken", "slug");
    const last = await tx.programme.findFirst({
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.programme.create({
      data: {
        slug: input.slug,
        name: input.name,
        condition: input.condition,
        summary: input.summary,
        translations: textsJson(input.texts),
        position: (last?.position ?? 0) + 1,
        active: false,
      },
    });
    await record(tx, actor, "catalogue.programme.create", "Programme", row.id, null, {
      slug: row.slug,
      name: row.name,
      condition: row.condition,
      summary: row.summary,
      languages: languagesOf(input.texts),
      active: false,
      position: row.position,
    });
    return row;
  });
}

/** Retires (hides) or reactivates a programme. Cases that have it keep it and show it. */
export async function setProgrammeActive(id: string, active: boolean, actor: Actor) {
  return db.$transaction(async (tx) => {
    const row = await tx.programme.findUnique({ where: { id }, select: { active: true } });
    if (!row) throw new CatalogueError("not_found", "catalogue.errors.notFound");
    if (row.active === active) return false;
    await tx.programme.update({ where: { id }, data: { active } });
    return record(
      tx,
      actor,
      active ? "catalogue.programme.reactivate" : "catalogue.programme.retire",
      "Programme",
      id,
      { active: row.active },
      { active },
    );
  });
}

/**
 * Swaps a row with its neighbour above or below in `rows` (ordered by position), renumbering
 * the list 0…n-1 so equal or gapped positions cannot stall a move. Returns the ids' positions
 * before and after, or null when the row is already at that end.
 */
function moved<T extends { id: string }>(rows: T[], id: string, direction: "up" | "down") {
  const at = rows.findIndex((r) => r.id === id);
  if (at < 0) return undefined;
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= rows.length) return null;
  const order = rows.map((r) => r.id);
  [order[at], order[to]] = [order[to]!, order[at]!];
  return order;
}

/**
 * Moves a programme one place up or down the catalogue (the public pages' order). `at` is the
 * place the page showed it at: when it is no longer there (the same click sent twice, another
 * tab's move) nothing moves.
 */
export async function moveProgramme(
  id: string,
  direction: "up" | "down",
  at: number,
  actor: Actor,
) {
  return db.$transaction(async (tx) => {
    const rows = await tx.programme.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, position: true },
    });
    const order = moved(rows, id, direction);
    if (order === undefined) throw new CatalogueError("not_found", "catalogue.errors.notFound");
    const before = rows.findIndex((r) => r.id === id);
    if (order === null || before !== at) return false;
    for (const [position, rowId] of order.entries())
      await tx.programme.update({ where: { id: rowId }, data: { position } });
    return record(
      tx,
      actor,
      "catalogue.programme.move",
      "Programme",
      id,
      { position: before },
      { position: order.indexOf(id) },
    );
  });
}

/** The resource types a step may book: those the clinic's resources have, and the standard ones. */
export async function resourceTypesInUse(tx: Tx = db): Promise<string[]> {
  const rows = await tx.resource.findMany({ distinct: ["type"], select: { type: true } });
  return [...new Set([...RESOURCE_TYPES, ...rows.map((r) => r.type)])];
}

async function checkResourceType(tx: Tx, type: string | null) {
  if (type !== null && !(await resourceTypesInUse(tx)).includes(type))
    throw new CatalogueError("invalid", "catalogue.errors.resourceType", "resourceType");
}

export interface StepSettings {
  resourceType: string | null;
  durationMinutes: number | null;
  gapMinutes: number | null;
  /** The travel rules (issue 25): minutes before flying, minutes of stay, fit-to-fly. */
  flyGapMinutes?: number | null;
  stayAfterMinutes?: number | null;
  fitToFlyRequired?: boolean;
}

/** The travel rules of a step as stored (absent ones as none). */
const rulesOf = (input: StepSettings) => ({
  flyGapMinutes: input.flyGapMinutes ?? null,
  stayAfterMinutes: input.stayAfterMinutes ?? null,
  fitToFlyRequired: input.fitToFlyRequired ?? false,
});

export interface NewStep extends StepSettings {
  name: string;
  description: string;
  texts: Texts<StepField>;
}

/** A step key from its English name: "GMP processing" → "gmp-processing" (ASCII, 40 at most). */
export function stepKeyOf(name: string): string {
  const key = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return key || "step";
}

/** Adds a pathway step at the end of a programme's pathway. Its key is made from its name. */
export async function createStep(
  programmeId: string,
  input: NewStep,
  sent: SentForm,
  actor: Actor,
) {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, sent, actor.id);
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { id: true },
    });
    if (!programme) throw new CatalogueError("not_found", "catalogue.errors.notFound");
    await checkResourceType(tx, input.resourceType);
    const steps = await tx.pathwayStep.findMany({
      where: { programmeId },
      select: { key: true, position: true },
    });
    const keys = new Set(steps.map((s) => s.key));
    const base = stepKeyOf(input.name);
    let key = base;
    for (let n = 2; keys.has(key); n++) key = `${base}-${n}`;
    const row = await tx.pathwayStep.create({
      data: {
        programmeId,
        key,
        name: input.name,
        description: input.description,
        translations: textsJson(input.texts),
        resourceType: input.resourceType,
        durationMinutes: input.durationMinutes,
        gapMinutes: input.gapMinutes,
        ...rulesOf(input),
        position: Math.max(-1, ...steps.map((s) => s.position)) + 1,
      },
    });
    await record(tx, actor, "catalogue.step.create", "PathwayStep", row.id, null, {
      programmeId,
      key,
      name: row.name,
      description: row.description,
      languages: languagesOf(input.texts),
      resourceType: row.resourceType,
      durationMinutes: row.durationMinutes,
      gapMinutes: row.gapMinutes,
      flyGapMinutes: row.flyGapMinutes,
      stayAfterMinutes: row.stayAfterMinutes,
      fitToFlyRequired: row.fitToFlyRequired,
      position: row.position,
    });
    return row;
  });
}

/**
 * Saves what a step needs for booking (its resource type, duration and gap after it) and its
 * travel rules. New plans copy them; plans already made keep theirs, which the clinician edits.
 */
export async function saveStepSettings(id: string, input: StepSettings, actor: Actor) {
  return db.$transaction(async (tx) => {
    const row = await tx.pathwayStep.findUnique({
      where: { id },
      select: {
        resourceType: true,
        durationMinutes: true,
        gapMinutes: true,
        flyGapMinutes: true,
        stayAfterMinutes: true,
        fitToFlyRequired: true,
      },
    });
    if (!row) throw new CatalogueError("not_found", "catalogue.errors.notFound");
    await checkResourceType(tx, input.resourceType);
    const after = {
      resourceType: input.resourceType,
      durationMinutes: input.durationMinutes,
      gapMinutes: input.gapMinutes,
      ...rulesOf(input),
    };
    if (changeDetail(row, after) === null) return false;
    await tx.pathwayStep.update({ where: { id }, data: after });
    return record(tx, actor, "catalogue.step.settings", "PathwayStep", id, row, after);
  });
}

/** Moves a step one place up or down its programme's pathway, from `at` (as moveProgramme). */
export async function moveStep(id: string, direction: "up" | "down", at: number, actor: Actor) {
  return db.$transaction(async (tx) => {
    const step = await tx.pathwayStep.findUnique({ where: { id }, select: { programmeId: true } });
    if (!step) throw new CatalogueError("not_found", "catalogue.errors.notFound");
    const rows = await tx.pathwayStep.findMany({
      where: { programmeId: step.programmeId },
      orderBy: [{ position: "asc" }, { key: "asc" }],
      select: { id: true },
    });
    const order = moved(rows, id, direction);
    const before = rows.findIndex((r) => r.id === id);
    if (!order || before !== at) return false;
    for (const [position, rowId] of order.entries())
      await tx.pathwayStep.update({ where: { id: rowId }, data: { position } });
    return record(
      tx,
      actor,
      "catalogue.step.move",
      "PathwayStep",
      id,
      { position: before },
      { position: order.indexOf(id) },
    );
  });
}

/** Retires a step (no longer offered or copied into new plans) or brings it back. */
export async function setStepRetired(id: string, retired: boolean, actor: Actor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const row = await tx.pathwayStep.findUnique({ where: { id }, select: { retiredAt: true } });
    if (!row) throw new CatalogueError("not_found", "catalogue.errors.notFound");
    if (Boolean(row.retiredAt) === retired) return false;
    const retiredAt = retired ? now : null;
    await tx.pathwayStep.update({ where: { id }, data: { retiredAt } });
    return record(
      tx,
      actor,
      retired ? "catalogue.step.retire" : "catalogue.step.reactivate",
      "PathwayStep",
      id,
      { retiredAt: row.retiredAt },
      { retiredAt },
    );
  });
}

/**
 * Deletes a step that no plan has ever referred to (one added by mistake). A step a plan holds
 * is refused: it can only be retired, so the plan keeps its history.
 */
export async function deleteStep(id: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const row = await tx.pathwayStep.findUnique({
      where: { id },
      select: {
        programmeId: true,
        key: true,
        name: true,
        description: true,
        resourceType: true,
        durationMinutes: true,
        gapMinutes: true,
        flyGapMinutes: true,
        stayAfterMinutes: true,
        fitToFlyRequired: true,
        _count: { select: { planSteps: true } },
      },
    });
    if (!row) throw new CatalogueError("not_found", "catalogue.errors.notFound");
    if (row._count.planSteps > 0)
      throw new CatalogueError("referenced", "catalogue.errors.stepReferenced");
    await tx.pathwayStep.delete({ where: { id } });
    const { _count, ...before } = row;
    await record(tx, actor, "catalogue.step.delete", "PathwayStep", id, before, null);
    return true;
  });
}
