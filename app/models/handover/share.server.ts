/**
 * Sharing the handover pack with the home doctor (issue 25): a time-limited, revocable link.
 *
 * The token is 32 random bytes (base64url) shown to the patient once, when the link is made;
 * only its SHA-256 is stored (ShareLink.tokenHash), so a copy of the database opens nothing.
 * An expired, revoked or unknown token is "not found", the same for all three, so a guess
 * learns nothing. Every opening (the page, the PDF, the FHIR bundle) is counted on the link
 * and written to the audit log with the address it came from.
 *
 * Through the link the home doctor may add lab values to the follow-up plan: each is stored
 * as the follow-up's LabResult with source HOME_DOCTOR, the name they gave and the link.
 */
import crypto from "node:crypto";
import { DateTime } from "luxon";
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { hit, type Limit } from "~/infra/rate-limit.server";
import type { Implausible } from "~/lib/aftercare";
import { implausibleIn } from "~/lib/outcomes";
import { caseOutcomes, LabCheckError } from "~/models/aftercare/aftercare.server";
import { notFound, notThePatients } from "~/models/auth/auth.server";
import { HANDOVER_STAGES, packFactsOf } from "~/models/handover/handover.server";

/** The lifetimes a patient may choose, in days. */
export const SHARE_DAYS = [7, 30, 90] as const;
export type ShareDays = (typeof SHARE_DAYS)[number];

/** How often one address may open share links, as the other public pages are limited. */
export const SHARE_LIMIT: Limit = { max: 60, windowMs: 15 * 60_000 };
/** Lab values one address may send through share links in an hour. */
export const SHARE_LAB_LIMIT: Limit = { max: 20, windowMs: 60 * 60_000 };

export const tokenHash = (token: string) =>
  crypto.createHash("sha256").update(token, "utf8").digest("hex");

// --- the patient's links ----------------------------------------------------------------------

export class ShareError extends Error {
  constructor(public readonly code: "not_yet") {
    super(`Share refused: ${code}`);
    this.name = "ShareError";
  }
}

/** The patient's own case with a pack, or 404 (another's case is audited as a denial). */
async function ownPackCase(patientId: string, caseId: string) {
  const kase = await db.case.findFirst({
    where: { id: caseId, patientId },
    select: { id: true, stage: true, handover: { select: { id: true } } },
  });
  if (!kase) return notThePatients(patientId, "Case", caseId);
  return kase;
}

/**
 * A new link for the patient's own case, valid `days` days; returns the token (shown once).
 * Refused before the case has a pack. The form's key is spent, so a second press makes one.
 */
export async function createShareLink(input: {
  patientId: string;
  caseId: string;
  label: string;
  days: ShareDays;
  formKey: SentForm;
  now?: Date;
}) {
  const kase = await ownPackCase(input.patientId, input.caseId);
  if (!kase.handover || !(HANDOVER_STAGES as readonly string[]).includes(kase.stage)) {
    throw new ShareError("not_yet");
  }
  const now = input.now ?? new Date();
  const token = crypto.randomBytes(32).toString("base64url");
  const link = await db.$transaction(async (tx) => {
    await spendFormKey(tx, input.formKey, input.patientId);
    return tx.shareLink.create({
      data: {
        caseId: kase.id,
        tokenHash: tokenHash(token),
        createdById: input.patientId,
        label: input.label,
        expiresAt: new Date(now.getTime() + input.days * 86_400_000),
        createdAt: now,
      },
      select: { id: true, expiresAt: true },
    });
  });
  return { token, ...link };
}

/** The patient's links to their own case, newest first. */
export async function listShareLinks(patientId: string, caseId: string) {
  const kase = await ownPackCase(patientId, caseId);
  return db.shareLink.findMany({
    where: { caseId: kase.id },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      label: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      openCount: true,
      lastOpenedAt: true,
    },
  });
}

/** Revokes one of the patient's links; false when it was revoked already (or is not theirs). */
export async function revokeShareLink(patientId: string, caseId: string, linkId: string) {
  const kase = await ownPackCase(patientId, caseId);
  const { count } = await db.shareLink.updateMany({
    where: { id: linkId, caseId: kase.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

// --- the home doctor ---------------------------------------------------------------------------

/** A link that opens now: known, not revoked, not expired; null otherwise (all alike). */
async function liveLink(token: string | undefined, now = new Date()) {
  if (!token || token.length > 100) return null;
  const link = await db.shareLink.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: { id: true, caseId: true, expiresAt: true, revokedAt: true },
  });
  if (!link || link.revokedAt || link.expiresAt <= now) return null;
  return link;
}

/** Too many openings from one address: 429, before any lookup. */
export async function limitShare(ip: string | null, limit = SHARE_LIMIT) {
  const result = await hit(`share:ip:${ip ?? "unknown"}`, limit);
  if (!result.allowed) {
    throw new Response("Too Many Requests", {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterS) },
    });
  }
}

/**
 * Opens a share link: the pack's facts, with the opening counted on the link and audited
 * (`what`: page, pdf or fhir). 404 for an expired, revoked or unknown token alike.
 */
export async function openShare(token: string | undefined, ip: string | null, what: string) {
  const link = await liveLink(token);
  if (!link) notFound();
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.shareLink.update({
      where: { id: link.id },
      data: { openCount: { increment: 1 }, lastOpenedAt: now },
    });
    await audit(
      {
        actorId: null,
        action: "handover.share.open",
        entity: "ShareLink",
        entityId: link.id,
        caseId: link.caseId,
        ip,
        outcome: "success",
        detail: what,
      },
      tx,
    );
  });
  const facts = await packFactsOf(link.caseId);
  if (!facts?.handover) notFound();
  return { link, facts };
}

/** The follow-up a value taken on `takenOn` belongs to: the one due nearest that day. */
export function followUpFor<F extends { dueAt: Date }>(
  followUps: F[],
  takenOn: string,
  timeZone: string,
): F | null {
  const taken = DateTime.fromISO(takenOn, { zone: timeZone }).set({ hour: 12 });
  let best: F | null = null;
  let distance = Infinity;
  for (const f of followUps) {
    const d = Math.abs(f.dueAt.getTime() - taken.toMillis());
    // On a tie the earlier follow-up keeps it (the list is in due order).
    if (d < distance) {
      best = f;
      distance = d;
    }
  }
  return best;
}

export class ShareLabError extends Error {
  constructor(public readonly code: "future" | "beforeTreatment" | "marker" | "taken" | "noPlan") {
    super(`Lab value refused: ${code}`);
    this.name = "ShareLabError";
  }
}

/**
 * The home doctor enters one lab value through the link. The marker must be one of the
 * outcome set the case's follow-ups use; the day it was taken must lie between the end of
 * treatment and today (in the patient's zone); the value goes to the follow-up due nearest
 * that day. A value outside the marker's plausible range is refused unless the doctor ticks
 * "I have checked this value" (as on the staff page). A value the clinic or the patient
 * already entered for that marker at that follow-up is not overwritten; one entered through
 * the same link is corrected. Audited; the form's key is spent, so a second press saves once.
 */
export async function enterLabViaShare(input: {
  token: string | undefined;
  ip: string | null;
  marker: string;
  value: number;
  takenOn: string;
  doctorName: string;
  checked: boolean;
  formKey: SentForm;
  now?: Date;
}) {
  const link = await liveLink(input.token, input.now);
  if (!link) notFound();
  const facts = await packFactsOf(link.caseId);
  if (!facts) notFound();
  const now = DateTime.fromJSDate(input.now ?? new Date(), { zone: facts.timeZone });
  const today = now.toISODate()!;
  if (input.takenOn > today) throw new ShareLabError("future");
  const lastTreatment = facts.appointments.at(-1)?.startsAt;
  if (lastTreatment) {
    const start = DateTime.fromJSDate(lastTreatment, { zone: facts.timeZone }).toISODate()!;
    if (input.takenOn < start) throw new ShareLabError("beforeTreatment");
  }
  const outcomes = await caseOutcomes(link.caseId);
  const marker = outcomes.markers.find((m) => m.key === input.marker);
  if (!marker) throw new ShareLabError("marker");
  const followUp = followUpFor(facts.followUps, input.takenOn, facts.timeZone);
  if (!followUp) throw new ShareLabError("noPlan");
  const doubtful: Implausible[] = implausibleIn(
    { ...outcomes, markers: [marker] },
    { [marker.key]: input.value },
  ).map((v) => ({ ...v, unit: marker.unit }));
  if (doubtful.length && !input.checked) throw new LabCheckError(doubtful);
  await db.$transaction(async (tx) => {
    await spendFormKey(tx, input.formKey, null);
    const existing = await tx.labResult.findUnique({
      where: { followUpId_marker: { followUpId: followUp.id, marker: marker.key } },
      select: { source: true, shareLinkId: true },
    });
    if (existing && existing.shareLinkId !== link.id) throw new ShareLabError("taken");
    const data = {
      value: input.value,
      enteredById: null,
      checkedAt: doubtful.length ? new Date() : null,
      source: "HOME_DOCTOR",
      sourceName: input.doctorName,
      shareLinkId: link.id,
    };
    await tx.labResult.upsert({
      where: { followUpId_marker: { followUpId: followUp.id, marker: marker.key } },
      create: { followUpId: followUp.id, marker: marker.key, ...data },
      update: data,
    });
    await tx.caseEvent.create({
      data: { caseId: link.caseId, type: "LABS_ENTERED", internal: true, reason: "home-doctor" },
    });
    await audit(
      {
        actorId: null,
        action: "handover.share.labs",
        entity: "FollowUp",
        entityId: followUp.id,
        caseId: link.caseId,
        ip: input.ip,
        outcome: "success",
        // Which link, which marker, the day it was taken (the row keeps the follow-up only).
        detail: `link:${link.id} marker:${marker.key} taken:${input.takenOn}`,
      },
      tx,
    );
  });
  return { followUpId: followUp.id, label: followUp.label };
}

/**
 * What the home doctor's lab form needs, without counting an opening: the live link's case
 * and the markers of its outcome set. Null for an expired, revoked or unknown token alike.
 */
export async function shareLabContext(token: string | undefined) {
  const link = await liveLink(token);
  if (!link) return null;
  const outcomes = await caseOutcomes(link.caseId);
  return { link, markers: outcomes.markers };
}
