/**
 * iCalendar invites for appointments (RFC 5545, with the RFC 5546 METHOD), built by `ics`.
 * The UID is the appointment's id, so every update lands on the same calendar entry;
 * SEQUENCE is the appointment's sequence, raised on each reschedule and cancellation;
 * a cancellation is METHOD:CANCEL with STATUS:CANCELLED. The file a patient downloads from
 * their appointments page is METHOD:PUBLISH with the same UID and SEQUENCE, so importing it
 * updates the entry an emailed invite made instead of adding a second. The summary names the clinic and
 * the case number only: calendars sync to many devices, so no treatment detail goes in.
 * A remote consultation's LOCATION and URL are the portal's join address for it, never the
 * meeting room itself: it opens only for the signed-in patient, only around the appointment's
 * time, and stops working once the appointment is cancelled.
 */
import { createEvent, createEvents, type EventAttributes } from "ics";
import { env } from "~/env.server";
import { clinicAddress } from "~/models/site/clinic-settings.server";
import { getFixedT } from "~/i18n/i18n.server";
import { joinUrl } from "~/infra/video.server";
import { JOIN_OPENS_MINUTES } from "~/lib/video";
import { isRemoteAppointment } from "~/lib/zone-time";

export interface InviteInput {
  appointment: {
    id: string;
    /** The case it belongs to: a remote consultation's join address names it. */
    caseId: string;
    kind: string;
    startsAt: Date;
    endsAt: Date;
    sequence: number;
    createdAt?: Date;
  };
  caseNumber: string;
  locale: string;
  /** The patient invited (emails); a downloaded file names nobody. */
  attendee?: { name: string; email: string };
  method: "REQUEST" | "CANCEL" | "PUBLISH";
}

export function appointmentUid(appointmentId: string): string {
  const host = new URL(env().APP_URL).hostname || "medtravel";
  return `${appointmentId}@${host}`;
}

function mailAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

export function appointmentInvite(input: InviteInput): string {
  const { value, error } = createEvent({
    productId: "medtravel/booking",
    method: input.method,
    ...eventOf(input),
  });
  if (error || !value) throw error ?? new Error("Calendar invite could not be built");
  return value;
}

/**
 * One invite for several appointments booked together (one batch email): a VEVENT each, with
 * the same UID and SEQUENCE as each one's own invite, so later updates land on the same entries.
 */
export function appointmentsInvite(
  input: Omit<InviteInput, "appointment"> & { appointments: InviteInput["appointment"][] },
): string {
  const { value, error } = createEvents(
    input.appointments.map((appointment) => eventOf({ ...input, appointment })),
    { productId: "medtravel/booking", method: input.method },
  );
  if (error || !value) throw error ?? new Error("Calendar invite could not be built");
  return value;
}

/** The appointment ids an invite holds (their UIDs), in its order. */
export function appointmentIdsIn(calendar: string | null): string[] {
  return [...(calendar ?? "").matchAll(/^UID:([^@\r\n]+)@/gm)].map((m) => m[1]!);
}

function eventOf(input: InviteInput): EventAttributes {
  const t = getFixedT(input.locale, "travel");
  const { appointment: a } = input;
  const consultation = a.kind === "CONSULTATION";
  const join = isRemoteAppointment(a.kind) ? joinUrl(a.caseId, a.id) : null;
  return {
    uid: appointmentUid(a.id),
    sequence: a.sequence,
    start: a.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: a.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: t(consultation ? "ics.consultationTitle" : "ics.title", {
      caseNumber: input.caseNumber,
    }),
    description: t(consultation ? "ics.consultationDescription" : "ics.description", {
      caseNumber: input.caseNumber,
      minutes: JOIN_OPENS_MINUTES,
    }),
    location: join ?? clinicAddress(),
    ...(join ? { url: join } : {}),
    status: input.method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    organizer: { name: t("ics.organizer"), email: mailAddress(env().MAIL_FROM) },
    attendees: input.attendee
      ? [
          {
            name: input.attendee.name,
            email: input.attendee.email,
            rsvp: false,
            partstat: "ACCEPTED",
            role: "REQ-PARTICIPANT",
          },
        ]
      : undefined,
  };
}
