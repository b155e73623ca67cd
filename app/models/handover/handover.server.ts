/**
 * The discharge and handover pack (issue 25). Made when a case enters AFTERCARE (in the stage
 * change's transaction, from nothing but the case's id, so it never fails the move), written
 * by the clinician on the staff aftercare page (medication at discharge, instructions, warning
 * signs; audited), and read three ways: a bilingual PDF, a FHIR R4 IPS bundle, and the page a
 * home doctor opens through the patient's share link.
 *
 * The pack itself holds only what the clinician wrote; the rest (treatment given, follow-up
 * dates, lab values, contacts) is read from the case whenever the pack is shown, so it never
 * goes stale. Warning signs left empty read the programme's default in each language
 * (handover:warnings.<slug>), so both halves of the bilingual PDF are in their own language.
 */
import type { TFunction } from "i18next";
import { db, type Tx } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { notFound, notThePatients } from "~/models/auth/auth.server";
import { clinicOnDocuments } from "~/models/site/clinic-documents.server";
import { clinicSettings } from "~/models/site/clinic-settings.server";
import type { ClinicOnDocuments } from "~/lib/site";

/** One line of medication at discharge; `until` is a calendar day (YYYY-MM-DD) or null. */
export interface MedicationRow {
  name: string;
  dose: string;
  frequency: string;
  until: string | null;
}

export const MAX_MEDICATION_ROWS = 20;

/** The medication as stored: anything unreadable reads as no rows, never as an error. */
export function parseMedication(json: string): MedicationRow[] {
  try {
    const rows: unknown = JSON.parse(json);
    if (!Array.isArray(rows)) return [];
    return rows
      .filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === "object")
      .map((r) => ({
        name: String(r.name ?? ""),
        dose: String(r.dose ?? ""),
        frequency: String(r.frequency ?? ""),
        until: typeof r.until === "string" && /^\d{4}-\d{2}-\d{2}$/.test(r.until) ? r.until : null,
      }))
      .filter((r) => r.name);
  } catch {
    return [];
  }
}

/** Stages in which a case has a handover pack to write and to share. */
export const HANDOVER_STAGES = ["AFTERCARE", "CLOSED"] as const;

/**
 * Makes the case's pack if it has none: an empty one (no medication, no instructions, the
 * programme's default warning signs). It reads nothing optional, so it cannot fail the stage
 * change for want of data; entering AFTERCARE again keeps what the clinician wrote.
 */
export async function ensureHandover(tx: Tx, caseId: string): Promise<void> {
  const existing = await tx.handoverPack.findUnique({ where: { caseId }, select: { id: true } });
  if (existing) return;
  await tx.handoverPack.create({ data: { caseId } });
}

/** The programme's default warning signs in `t`'s language (a general list if it has none). */
export function defaultWarnings(t: TFunction, programmeSlug: string): string {
  return t(`handover:warnings.${programmeSlug}`, {
    defaultValue: t("handover:warnings.default"),
  });
}

// --- the pack's facts ---------------------------------------------------------------------

export async function packFactsOf(caseId: string, client: Tx = db) {
  const kase = await client.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      number: true,
      stage: true,
      language: true,
      timeZone: true,
      patientId: true,
      patient: { select: { id: true, name: true } },
      coordinator: { select: { name: true, email: true, phone: true } },
      programme: {
        select: { slug: true, name: true, condition: true, translations: true },
      },
      handover: true,
      appointments: {
        where: { kind: "TREATMENT", status: { not: "CANCELLED" } },
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          kind: true,
          title: true,
          startsAt: true,
          endsAt: true,
          planStep: {
            select: { name: true, pathwayStep: { select: { name: true, translations: true } } },
          },
        },
      },
      followUps: {
        where: { kind: "FOLLOW_UP" },
        orderBy: { dueAt: "asc" },
        select: {
          id: true,
          label: true,
          dueAt: true,
          status: true,
          completedAt: true,
          labs: {
            orderBy: { marker: "asc" },
            select: {
              id: true,
              marker: true,
              value: true,
              source: true,
              sourceName: true,
              updatedAt: true,
            },
          },
        },
      },
    },
  });
  if (!kase) return null;
  return { ...kase, clinic: await clinicOnDocuments(client) };
}

export type PackFacts = NonNullable<Awaited<ReturnType<typeof packFactsOf>>>;

/** The clinic's contact lines (its profile where an admin set one, the settings otherwise). */
export function clinicContact(clinic: ClinicOnDocuments | null) {
  const s = clinicSettings();
  return { name: clinic?.name ?? s.name ?? null, phone: s.phone ?? null, email: s.email ?? null };
}

/** The day a lab was taken for a follow-up: when it was answered, else when it was due. */
export const resultDate = (f: { dueAt: Date; completedAt: Date | null }) =>
  f.completedAt ?? f.dueAt;

// --- the clinician's page -------------------------------------------------------------------

export class HandoverError extends Error {
  constructor(public readonly code: "not_found" | "not_yet") {
    super(`Handover refused: ${code}`);
    this.name = "HandoverError";
  }
}

/**
 * The clinician completes the pack: medication at discharge, the follow-up instructions and
 * the warning signs. Warning signs equal to the programme's default (in the writer's
 * language) are kept as "the default", so the PDF prints it in each of its languages. A case
 * already in aftercare without a pack (made before packs existed) gets one here; a case not
 * yet in aftercare is refused. Audited; the form's key is spent, so a second press saves once.
 */
export async function saveHandover(input: {
  caseId: string;
  actorId: string;
  ip: string | null;
  locale: string;
  medication: MedicationRow[];
  followUpPlan: string;
  warningSigns: string;
  formKey: SentForm;
}) {
  await db.$transaction(async (tx) => {
    await spendFormKey(tx, input.formKey, input.actorId);
    const kase = await tx.case.findUnique({
      where: { id: input.caseId },
      select: { id: true, stage: true, programme: { select: { slug: true } } },
    });
    if (!kase) throw new HandoverError("not_found");
    if (!(HANDOVER_STAGES as readonly string[]).includes(kase.stage)) {
      throw new HandoverError("not_yet");
    }
    const t = getFixedT(input.locale, "handover");
    const same = (a: string, b: string) =>
      a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
    const warningSigns = same(input.warningSigns, defaultWarnings(t, kase.programme.slug))
      ? ""
      : input.warningSigns;
    const data = {
      medication: JSON.stringify(input.medication),
      followUpPlan: input.followUpPlan,
      warningSigns,
    };
    await tx.handoverPack.upsert({
      where: { caseId: kase.id },
      create: { caseId: kase.id, ...data },
      update: { ...data, version: { increment: 1 } },
    });
    await audit(
      {
        actorId: input.actorId,
        action: "handover.write",
        entity: "HandoverPack",
        entityId: kase.id,
        caseId: kase.id,
        ip: input.ip,
        outcome: "success",
      },
      tx,
    );
  });
}

/** A staff download of the pack: audited like any read of health data. */
export async function staffPackFacts(input: {
  caseId: string;
  actorId: string;
  ip: string | null;
  what: string;
}) {
  const facts = await packFactsOf(input.caseId);
  if (!facts?.handover) notFound();
  await audit({
    actorId: input.actorId,
    action: "handover.download",
    entity: "HandoverPack",
    entityId: facts.id,
    caseId: facts.id,
    ip: input.ip,
    outcome: "success",
    detail: input.what,
  });
  return facts;
}

/** The patient's own pack, or 404 (another patient's case, or no pack yet). */
export async function patientPackFacts(patientId: string, caseId: string) {
  const facts = await packFactsOf(caseId);
  if (!facts || facts.patientId !== patientId) return notThePatients(patientId, "Case", caseId);
  if (!facts.handover) notFound();
  return facts;
}

/**
 * What the aftercare pages show of the pack, in the reader's language: what the clinician
 * wrote (warning signs: the programme's default when they wrote none), and the lab values
 * the home doctor entered through a share link, with the name they gave. Null before the
 * case has a pack.
 */
export async function handoverView(caseId: string, locale: string) {
  const facts = await packFactsOf(caseId);
  if (!facts?.handover) return null;
  const t = getFixedT(locale, "handover");
  const pack = facts.handover;
  return {
    medication: parseMedication(pack.medication),
    followUpPlan: pack.followUpPlan,
    warningSigns: pack.warningSigns || defaultWarnings(t, facts.programme.slug),
    version: pack.version,
    updatedAt: pack.updatedAt,
    homeDoctorLabs: facts.followUps.flatMap((f) =>
      f.labs
        .filter((l) => l.source === "HOME_DOCTOR")
        .map((l) => ({
          id: l.id,
          followUpLabel: f.label,
          marker: l.marker,
          value: l.value,
          sourceName: l.sourceName ?? "",
          enteredAt: l.updatedAt,
        })),
    ),
  };
}

export type HandoverView = NonNullable<Awaited<ReturnType<typeof handoverView>>>;
