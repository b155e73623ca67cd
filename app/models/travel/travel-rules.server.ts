/**
 * The treatment's travel rules on a case (issue 25): the flying gap after a step, the stay
 * after the last step, and the fit-to-fly sign-off.
 *
 * The gap and the stay are checked with the trip's other conflicts (app/lib/itinerary.ts
 * findConflicts: codes flyGap and stayAfter), but counted apart: they are medical, so the
 * stage guard (guard.travelRules) cannot be overridden the way a hotel check-out can.
 *
 * The fit-to-fly sign-off is a clinician's, on the case, revocable and audited. Kept simple on
 * purpose: any sign-off not revoked satisfies guard.fitToFlyMissing. One given before the last
 * step that asks for it has ended is shown to staff as early, but it does not block: the
 * clinician may know the patient, and the sign-off can be revoked and given again.
 */
import { db, type Tx } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { FIT_TO_FLY_NOTE_MAX } from "~/forms/case";
import { isTravelRule } from "~/lib/itinerary";
import { roleCan } from "~/lib/permissions";
import { tripOf, type Trip } from "~/models/travel/travel.server";

export interface TravelRuleFacts {
  /** Breaches of the flying gap and the stay rule (each names the rule and the step). */
  breaches: number;
  /** Steps asking for a fit-to-fly sign-off that have none after them. */
  fitToFlyMissing: number;
}

type TripPart = Pick<Trip, "conflicts" | "appointments">;

/** The guards' facts; `trip` when the caller has already read it (the stage change does). */
export async function travelRuleFacts(
  tx: Tx | typeof db,
  caseId: string,
  trip?: TripPart,
): Promise<TravelRuleFacts> {
  const read = trip ?? (await tripOf(tx, caseId));
  const fit = await fitToFlyOf(tx, caseId, read);
  return {
    breaches: read.conflicts.filter(isTravelRule).length,
    fitToFlyMissing: fit.missing ? fit.steps.length : 0,
  };
}

/** Booked or done, at the clinic: what the patient flies home after. */
const counts = (a: { status: string }) => a.status === "BOOKED" || a.status === "COMPLETED";

/**
 * The fit-to-fly state of a case: the booked steps that ask for a sign-off (name, end), the
 * sign-off in force (who, when, note), and whether it is missing or was given early.
 */
export async function fitToFlyOf(client: Tx | typeof db, caseId: string, trip: TripPart) {
  const steps = trip.appointments
    .filter((a) => counts(a) && a.planStep?.fitToFlyRequired)
    .map((a) => ({ id: a.id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt }));
  const current = await client.fitToFly.findFirst({
    where: { caseId, revokedAt: null },
    orderBy: { signedAt: "desc" },
    select: { id: true, signedAt: true, note: true, signedById: true },
  });
  const signer = current
    ? await client.user.findUnique({ where: { id: current.signedById }, select: { name: true } })
    : null;
  const lastEnd = steps.reduce<Date | null>(
    (last, s) => (!last || s.endsAt > last ? s.endsAt : last),
    null,
  );
  return {
    steps,
    signOff: current
      ? {
          id: current.id,
          signedAt: current.signedAt,
          note: current.note,
          signedBy: signer?.name ?? null,
        }
      : null,
    /** A step asks for a sign-off, and none is in force. */
    missing: steps.length > 0 && !current,
    /** The sign-off in force was given before the last step asking for one had ended. */
    early: Boolean(current && lastEnd && current.signedAt < lastEnd),
  };
}

export type FitToFlyState = Awaited<ReturnType<typeof fitToFlyOf>>;

export type FitToFlyProblem = "forbidden" | "not_found" | "revoked";

export class FitToFlyError extends Error {
  constructor(public readonly code: FitToFlyProblem) {
    super(`Fit to fly refused: ${code}`);
    this.name = "FitToFlyError";
  }
  /** Its message's key (namespace travel). */
  get key() {
    return `fitToFly.errors.${this.code}`;
  }
}

export interface FitToFlyActor {
  id: string;
  role: string;
  ip?: string | null;
}

/**
 * A clinician signs the patient fit to fly, with an optional note. Audited (a staff write of
 * health data) and on the case's timeline for staff. The form's key is spent first: the same
 * form sent twice signs once.
 */
export async function signFitToFly(input: {
  caseId: string;
  actor: FitToFlyActor;
  note: string | null;
  formKey: SentForm;
  now?: Date;
}) {
  const { actor } = input;
  if (!roleCan(actor.role, "fit-to-fly:sign")) throw new FitToFlyError("forbidden");
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, input.formKey, actor.id);
    const kase = await tx.case.findUnique({ where: { id: input.caseId }, select: { id: true } });
    if (!kase) throw new FitToFlyError("not_found");
    const row = await tx.fitToFly.create({
      data: {
        caseId: kase.id,
        signedById: actor.id,
        signedAt: input.now ?? new Date(),
        note: input.note?.trim().slice(0, FIT_TO_FLY_NOTE_MAX) || null,
      },
      select: { id: true },
    });
    await tx.caseEvent.create({
      data: { caseId: kase.id, type: "FIT_TO_FLY_SIGNED", actorId: actor.id, internal: true },
    });
    await audit(
      {
        actorId: actor.id,
        action: "fit_to_fly.sign",
        entity: "FitToFly",
        entityId: row.id,
        caseId: kase.id,
        ip: actor.ip ?? null,
        outcome: "success",
      },
      tx,
    );
    return row.id;
  });
}

/** Withdraws a sign-off (kept, marked revoked). A second press finds it revoked already. */
export async function revokeFitToFly(input: {
  caseId: string;
  fitToFlyId: string;
  actor: FitToFlyActor;
  now?: Date;
}) {
  const { actor } = input;
  if (!roleCan(actor.role, "fit-to-fly:sign")) throw new FitToFlyError("forbidden");
  return db.$transaction(async (tx) => {
    const row = await tx.fitToFly.findFirst({
      where: { id: input.fitToFlyId, caseId: input.caseId },
      select: { id: true, revokedAt: true },
    });
    if (!row) throw new FitToFlyError("not_found");
    const { count } = await tx.fitToFly.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { revokedAt: input.now ?? new Date() },
    });
    if (count !== 1) throw new FitToFlyError("revoked");
    await tx.caseEvent.create({
      data: {
        caseId: input.caseId,
        type: "FIT_TO_FLY_REVOKED",
        actorId: actor.id,
        internal: true,
      },
    });
    await audit(
      {
        actorId: actor.id,
        action: "fit_to_fly.revoke",
        entity: "FitToFly",
        entityId: row.id,
        caseId: input.caseId,
        ip: actor.ip ?? null,
        outcome: "success",
      },
      tx,
    );
  });
}

/** The fit-to-fly state the case page and the travel page show (read with their audited view). */
export async function caseFitToFly(caseId: string) {
  return fitToFlyOf(db, caseId, await tripOf(db, caseId));
}
