/**
 * When a patient may join their video consultation, and the address they join through. Pure,
 * for the server and the browser alike; the meeting link itself never reaches the patient's
 * pages (the join route redirects to it, app/models/travel/video.server.ts).
 */

/** How long before the start the patient may join. */
export const JOIN_OPENS_MINUTES = 15;

export type JoinState = "early" | "open" | "ended" | "cancelled";

/**
 * Whether the link may be used now: from JOIN_OPENS_MINUTES before the start until the end,
 * and never once the appointment is cancelled or its link revoked. Pure, for pages and tests.
 */
export function joinState(
  a: { status: string; startsAt: Date; endsAt: Date; meetingRevokedAt: Date | null },
  now: Date,
): JoinState {
  if (a.status === "CANCELLED" || a.meetingRevokedAt) return "cancelled";
  if (a.status === "COMPLETED") return "ended";
  if (now.getTime() >= a.endsAt.getTime()) return "ended";
  if (now.getTime() < joinOpensAt(a.startsAt).getTime()) return "early";
  return "open";
}

export function joinOpensAt(startsAt: Date): Date {
  return new Date(startsAt.getTime() - JOIN_OPENS_MINUTES * 60_000);
}

/** The portal address a patient joins through (behind sign-in); invites carry this one. */
export function joinPath(caseId: string, appointmentId: string): string {
  return `/portal/cases/${caseId}/appointments/${appointmentId}/join`;
}

/** What the patient's pages get of a consultation's link: never the link itself. */
export interface PatientVideo {
  state: JoinState;
  opensAt: Date | string;
  endsAt: Date | string;
  path: string;
}

/**
 * The state the page shows at `now`, from what the server said when it rendered: a page left
 * open shows the button when the window opens and hides it when the call ends (the join route
 * checks again on the server). A cancelled link never comes back.
 */
export function liveJoinState(video: PatientVideo, now: number): JoinState {
  if (video.state === "cancelled") return "cancelled";
  if (now >= new Date(video.endsAt).getTime()) return "ended";
  if (now < new Date(video.opensAt).getTime()) return "early";
  return "open";
}
