/**
 * The video consultation's link, as each reader gets it (issue 24). The patient gets only the
 * join address and whether it is open (from JOIN_OPENS_MINUTES before the start until the
 * end); the join route checks again and redirects to the meeting. Staff who may see the
 * appointment get the meeting link itself. A cancelled appointment's link (meetingRevokedAt)
 * is shown to nobody and joined by nobody.
 */
import { db } from "~/db.server";
import { notThePatients } from "~/models/auth/auth.server";
import { joinOpensAt, joinPath, joinState, type JoinState, type PatientVideo } from "~/lib/video";

/** Each booked consultation's join state on the patient's case, by appointment id. */
export async function patientVideoLinks(
  caseId: string,
  now: Date,
): Promise<Map<string, PatientVideo>> {
  const rows = await db.appointment.findMany({
    where: { caseId, status: "BOOKED", meetingUrl: { not: null }, meetingRevokedAt: null },
    select: { id: true, status: true, startsAt: true, endsAt: true, meetingRevokedAt: true },
  });
  return new Map(
    rows.map((a) => [
      a.id,
      {
        state: joinState(a, now),
        opensAt: joinOpensAt(a.startsAt),
        endsAt: a.endsAt,
        path: joinPath(caseId, a.id),
      },
    ]),
  );
}

/** The meeting links of the appointments a staff page shows that may still be used. */
export async function staffMeetingLinks(appointmentIds: string[]): Promise<Map<string, string>> {
  if (!appointmentIds.length) return new Map();
  const rows = await db.appointment.findMany({
    where: {
      id: { in: appointmentIds },
      status: "BOOKED",
      meetingUrl: { not: null },
      meetingRevokedAt: null,
    },
    select: { id: true, meetingUrl: true },
  });
  return new Map(rows.map((a) => [a.id, a.meetingUrl!]));
}

export type JoinAnswer =
  | { state: "open"; url: string }
  | { state: Exclude<JoinState, "open"> | "missing"; opensAt: Date; startsAt: Date };

/**
 * The patient follows their consultation's join address: the meeting's URL when it is open;
 * else why not (too early, with when it opens; over; cancelled; no link made). Another
 * patient's case or appointment, or an appointment that is not a video call, is not found.
 * The appointment is looked up through the case's patient, so ownership is checked here too.
 */
export async function joinConsultation(
  patientId: string,
  caseId: string,
  appointmentId: string,
  now = new Date(),
): Promise<JoinAnswer> {
  const a = await db.appointment.findFirst({
    where: { id: appointmentId, caseId, kind: "CONSULTATION", case: { patientId } },
    select: {
      status: true,
      startsAt: true,
      endsAt: true,
      meetingUrl: true,
      meetingRevokedAt: true,
    },
  });
  if (!a) return notThePatients(patientId, "Appointment", appointmentId);
  const state = joinState(a, now);
  if (state === "open" && a.meetingUrl) return { state, url: a.meetingUrl };
  return {
    state: state === "open" ? "missing" : state,
    opensAt: joinOpensAt(a.startsAt),
    startsAt: a.startsAt,
  };
}
