/**
 * Insurance on a case (issue 25). The programme says which policies it asks for
 * (Programme.requiresComplicationCover for interventional programmes, under Turkey's 2025
 * health-tourism rules, and requiresTravelInsurance). Each asked-for kind must cover every
 * calendar day of the stay (app/lib/insurance.ts stayDays); several policies of one kind may
 * cover it together. The clinic's own complication cover, sold as a line on the quote the
 * patient accepted, meets the complication requirement.
 *
 * Coordinators add, change and remove policies on the travel page; the patient adds their
 * travel health insurance from the portal. The policy document is checked by content and
 * stored encrypted as a Document of kind INSURANCE_POLICY (read by staff with
 * "insurance:read", audited as every document read is: app/models/cases/documents.server.ts).
 * A policy is removed, not deleted, so the audit trail keeps what was on file.
 */
import { db, type Tx } from "~/db.server";
import { audit } from "~/infra/audit.server";
import {
  checkFile,
  createDocumentRows,
  storeCheckedFiles,
  type IncomingFile,
} from "~/infra/document-store.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import {
  CLINIC_COVER_ITEM,
  coverage,
  coverageGapCount,
  describeCoverage,
  stayDays,
  storedDay,
  type KindCoverage,
  type PolicyKind,
} from "~/lib/insurance";
import { isRemoteAppointment } from "~/lib/zone-time";
import { clinicZone } from "~/models/site/clinic-settings.server";
import type { PolicyInput } from "~/forms/insurance";

type Client = Tx | typeof db;

/** The document kind a policy's file is kept as. */
export const POLICY_DOCUMENT_KIND = "INSURANCE_POLICY";

export class InsuranceError extends Error {
  constructor(public readonly code: "not_found" | "file" | "kind") {
    super(`Insurance refused: ${code}`);
    this.name = "InsuranceError";
  }
}

export interface InsuranceFacts {
  /** Policies the programme asks for that are missing or leave days of the stay uncovered. */
  gaps: number;
  /** Each kind asked for, and the days left uncovered (for the stage form's refusal). */
  coverage: KindCoverage[];
}

/** The clinic's complication cover on the case's accepted quote, if it was bought. */
async function clinicCoverOf(client: Client, caseId: string) {
  const quote = await client.quote.findFirst({
    where: {
      caseId,
      status: "ACCEPTED",
      lines: { some: { itemKey: CLINIC_COVER_ITEM, included: true } },
    },
    orderBy: { version: "desc" },
    select: { id: true, version: true },
  });
  return quote;
}

/**
 * What the stage guards' one statement and the trip already hold (readFacts), so the guard's
 * check reads only the policies and the clinic's cover: the case's number, what its programme
 * asks for, and the trip's flights and booked or done appointments (tripOf's own rows).
 */
export interface KnownCase {
  number: string;
  requiresComplicationCover: boolean;
  requiresTravelInsurance: boolean;
  items: readonly { kind: string; startsAt: Date; endsAt: Date | null }[];
  appointments: readonly {
    kind: string;
    status: string;
    startsAt: Date;
    endsAt: Date;
    planStep: { stayAfterMinutes: number | null } | null;
  }[];
}

const requiredOf = (p: {
  requiresComplicationCover: boolean;
  requiresTravelInsurance: boolean;
}) => [
  ...(p.requiresComplicationCover ? (["COMPLICATION"] as const) : []),
  ...(p.requiresTravelInsurance ? (["TRAVEL_HEALTH"] as const) : []),
];

/** What the programme asks for, the stay, the policies on file and what they leave uncovered. */
export async function caseCoverage(client: Client, caseId: string, known?: KnownCase) {
  const kase = known
    ? {
        id: caseId,
        number: known.number,
        programme: {
          requiresComplicationCover: known.requiresComplicationCover,
          requiresTravelInsurance: known.requiresTravelInsurance,
        },
      }
    : await client.case.findUnique({
        where: { id: caseId },
        select: {
          id: true,
          number: true,
          programme: { select: { requiresComplicationCover: true, requiresTravelInsurance: true } },
        },
      });
  if (!kase) throw new InsuranceError("not_found");
  const required: PolicyKind[] = requiredOf(kase.programme);
  const [items, appointments, policies, clinicCover] = await Promise.all([
    known
      ? known.items.filter((i) => i.kind === "ARRIVAL_FLIGHT" || i.kind === "DEPARTURE_FLIGHT")
      : client.itineraryItem.findMany({
          where: { caseId, kind: { in: ["ARRIVAL_FLIGHT", "DEPARTURE_FLIGHT"] } },
          select: { kind: true, startsAt: true, endsAt: true },
        }),
    known
      ? known.appointments.filter((a) => a.status === "BOOKED" || a.status === "COMPLETED")
      : client.appointment.findMany({
          where: { caseId, status: { in: ["BOOKED", "COMPLETED"] } },
          select: {
            kind: true,
            startsAt: true,
            endsAt: true,
            planStep: { select: { stayAfterMinutes: true } },
          },
        }),
    client.insurancePolicy.findMany({
      where: { caseId, removedAt: null },
      orderBy: [{ kind: "asc" }, { coversFrom: "asc" }],
      select: {
        id: true,
        kind: true,
        insurer: true,
        policyNumber: true,
        coversFrom: true,
        coversUntil: true,
        coveredProcedures: true,
        createdById: true,
        document: { select: { id: true, fileName: true, mimeType: true } },
      },
    }),
    clinicCoverOf(client, caseId),
  ]);
  // The patient arrives with their first landing and leaves with their last take-off.
  const arrivals = items
    .filter((i) => i.kind === "ARRIVAL_FLIGHT")
    .map((i) => (i.endsAt ?? i.startsAt).getTime());
  const departures = items
    .filter((i) => i.kind === "DEPARTURE_FLIGHT")
    .map((i) => i.startsAt.getTime());
  const stay = stayDays({
    arrival: arrivals.length ? new Date(Math.min(...arrivals)) : null,
    departure: departures.length ? new Date(Math.max(...departures)) : null,
    onSite: appointments
      .filter((a) => !isRemoteAppointment(a.kind))
      .map((a) => ({
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        stayAfterMinutes: a.planStep?.stayAfterMinutes ?? null,
      })),
    zone: clinicZone(),
  });
  const result = coverage({
    required,
    stay,
    clinicCover: clinicCover !== null,
    policies: policies.map((p) => ({
      kind: p.kind,
      from: storedDay(p.coversFrom),
      to: storedDay(p.coversUntil),
    })),
  });
  return { kase, required, stay, policies, clinicCover, coverage: result };
}

export type CaseCoverage = Awaited<ReturnType<typeof caseCoverage>>;

/**
 * The stage guard's fact. With `known` (readFacts), a programme that asks for no insurance
 * reads nothing more, and one that does reads only the policies and the clinic's cover.
 */
export async function insuranceFacts(
  tx: Tx | typeof db,
  caseId: string,
  known?: KnownCase,
): Promise<InsuranceFacts> {
  if (known && requiredOf(known).length === 0) return { gaps: 0, coverage: [] };
  const { coverage: result } = await caseCoverage(tx, caseId, known);
  return { gaps: coverageGapCount(result), coverage: result };
}

/** The refusal's detail for the stage form: what each uncovered kind lacks, in words. */
export async function insuranceGapLines(
  caseId: string,
  t: (key: string, vars?: Record<string, unknown>) => string,
  locale: string,
) {
  const { coverage: result } = await caseCoverage(db, caseId);
  return describeCoverage(result, t, locale);
}

/** The policies as the pages list them: plain values, days as YYYY-MM-DD. */
export function policyList(c: CaseCoverage) {
  return {
    required: c.required,
    stay: c.stay,
    coverage: c.coverage,
    clinicCover: c.clinicCover ? { quoteVersion: c.clinicCover.version } : null,
    policies: c.policies.map((p) => ({
      id: p.id,
      kind: p.kind,
      insurer: p.insurer,
      policyNumber: p.policyNumber,
      coversFrom: storedDay(p.coversFrom),
      coversUntil: storedDay(p.coversUntil),
      coveredProcedures: p.coveredProcedures,
      document: p.document,
    })),
  };
}

export type PolicyList = ReturnType<typeof policyList>;

/** The coordinator's view of the case's insurance (the travel page, already audited). */
export async function staffInsurance(caseId: string) {
  return policyList(await caseCoverage(db, caseId));
}

/** The patient's view of their own case's insurance; another patient's case is "not found". */
export async function patientInsurance(patientId: string, caseId: string) {
  const kase = await db.case.findFirst({ where: { id: caseId, patientId }, select: { id: true } });
  if (!kase) throw new InsuranceError("not_found");
  return policyList(await caseCoverage(db, kase.id));
}

export interface SavePolicy {
  caseId: string;
  actorId: string;
  /** Who is writing: staff may write any kind; the patient only their own travel insurance. */
  by: "staff" | { patientId: string };
  /** A change to this policy; a new one without it. */
  policyId?: string | null;
  data: PolicyInput;
  /** The policy document: required for a new policy, optional (replaces) for a change. */
  file: IncomingFile | null;
  formKey: SentForm;
  ip?: string | null;
}

/**
 * Adds or changes a policy, all or nothing: a file that is not really a PDF, JPEG or PNG
 * (checked by content) stores nothing; the form's key makes a second press do nothing.
 */
export async function savePolicy(input: SavePolicy) {
  const own = input.by === "staff" ? undefined : input.by.patientId;
  const kase = await db.case.findFirst({
    where: { id: input.caseId, ...(own ? { patientId: own } : {}) },
    select: { id: true },
  });
  if (!kase) throw new InsuranceError("not_found");
  if (own && (input.data.kind !== "TRAVEL_HEALTH" || input.policyId)) {
    throw new InsuranceError("kind");
  }
  if (!input.policyId && !input.file) throw new InsuranceError("file");
  const checked = input.file ? [await checkFile(input.file)] : [];
  return storeCheckedFiles(checked, (stored) =>
    db.$transaction(async (tx) => {
      await spendFormKey(tx, input.formKey, input.actorId);
      const existing = input.policyId
        ? await tx.insurancePolicy.findFirst({
            where: { id: input.policyId, caseId: kase.id, removedAt: null },
            select: { id: true, documentId: true },
          })
        : null;
      if (input.policyId && !existing) throw new InsuranceError("not_found");
      const [documentId] = stored.length
        ? await createDocumentRows(
            tx,
            { caseId: kase.id, kind: POLICY_DOCUMENT_KIND, uploadedById: input.actorId },
            stored,
          )
        : [];
      const data = {
        kind: input.data.kind,
        insurer: input.data.insurer,
        policyNumber: input.data.policyNumber,
        coversFrom: input.data.coversFrom,
        coversUntil: input.data.coversUntil,
        coveredProcedures: input.data.coveredProcedures,
        ...(documentId ? { documentId } : {}),
      };
      const policy = existing
        ? await tx.insurancePolicy.update({
            where: { id: existing.id },
            data,
            select: { id: true },
          })
        : await tx.insurancePolicy.create({
            data: { ...data, caseId: kase.id, createdById: input.actorId },
            select: { id: true },
          });
      if (documentId) {
        await tx.caseEvent.create({
          data: { caseId: kase.id, type: "DOCUMENT_UPLOADED", actorId: input.actorId },
        });
      }
      await audit(
        {
          actorId: input.actorId,
          action: existing ? "insurance.change" : "insurance.add",
          entity: "InsurancePolicy",
          entityId: policy.id,
          caseId: kase.id,
          ip: input.ip ?? null,
          outcome: "success",
          detail: input.data.kind,
        },
        tx,
      );
      return policy.id;
    }),
  );
}

/** A coordinator removes a policy: kept, marked removed, no longer counted. */
export async function removePolicy(input: {
  caseId: string;
  actorId: string;
  policyId: string;
  ip?: string | null;
}) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.insurancePolicy.updateMany({
      where: { id: input.policyId, caseId: input.caseId, removedAt: null },
      data: { removedAt: new Date() },
    });
    if (count !== 1) throw new InsuranceError("not_found");
    await audit(
      {
        actorId: input.actorId,
        action: "insurance.remove",
        entity: "InsurancePolicy",
        entityId: input.policyId,
        caseId: input.caseId,
        ip: input.ip ?? null,
        outcome: "success",
      },
      tx,
    );
  });
}

/**
 * The insurance a programme asks for, as an admin sets it in the catalogue editor: true when
 * it changed, false when it was already so, null when there is no such programme. Audited
 * with the values before and after.
 */
export async function saveProgrammeInsurance(
  programmeId: string,
  input: { requiresComplicationCover: boolean; requiresTravelInsurance: boolean },
  actor: { id: string; ip: string | null },
) {
  return db.$transaction(async (tx) => {
    const row = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { requiresComplicationCover: true, requiresTravelInsurance: true },
    });
    if (!row) return null;
    const after = {
      requiresComplicationCover: input.requiresComplicationCover,
      requiresTravelInsurance: input.requiresTravelInsurance,
    };
    if (
      row.requiresComplicationCover === after.requiresComplicationCover &&
      row.requiresTravelInsurance === after.requiresTravelInsurance
    ) {
      return false;
    }
    await tx.programme.update({ where: { id: programmeId }, data: after });
    await audit(
      {
        actorId: actor.id,
        action: "catalogue.programme.insurance",
        entity: "Programme",
        entityId: programmeId,
        ip: actor.ip,
        outcome: "success",
        detail: JSON.stringify({ before: row, after }),
      },
      tx,
    );
    return true;
  });
}
