/**
 * Video consultations' meeting links (issue 24). A provider makes one meeting per remote
 * consultation when it is booked; moving the appointment keeps it, cancelling revokes it
 * (Appointment.meetingRevokedAt, after which no page shows it and the join route refuses).
 *
 * The default, "jitsi", needs no account: a Jitsi-compatible server opens a room for whoever
 * arrives at its address, so the room name is the only secret. It is 128 random bits in base32
 * ("ipu-" and 26 letters and digits) and says nothing about the case or the patient: no case
 * number, no name, no health data. The patient never sees it in an email or invite either;
 * they reach it through the portal's join route, behind sign-in, which also stops a cancelled
 * link from being found again. Another provider (one with an API and accounts) implements the
 * same interface and is chosen by VIDEO_PROVIDER.
 */
import { randomBytes } from "node:crypto";
import { env } from "~/env.server";
import { joinPath } from "~/lib/video";

export interface MeetingRequest {
  appointmentId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface VideoProvider {
  /** Stored on the appointment (meetingProvider), so a later provider can tell its own. */
  name: string;
  createMeeting(request: MeetingRequest): Promise<{ url: string }>;
  /** Closes the meeting at the provider, where it has such a thing (Jitsi has none). */
  revoke?(url: string): Promise<void>;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32, lower case and unpadded: 16 bytes give 26 characters. */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** What every room name looks like: the unit's prefix and 128 random bits. */
export const ROOM_PATTERN = /^ipu-[a-z2-7]{26}$/;

/** A room name nobody can guess or read anything from. */
export function roomName(): string {
  return `ipu-${base32(randomBytes(16))}`;
}

/** Rooms on a Jitsi-compatible server (meet.jit.si or the clinic's own), made up locally. */
export function jitsiProvider(baseUrl: string): VideoProvider {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    name: "jitsi",
    // Nothing to call: the room exists once someone opens its address.
    createMeeting: async () => ({ url: `${base}/${roomName()}` }),
  };
}

/** The configured provider (VIDEO_PROVIDER, VIDEO_BASE_URL). */
export function videoProvider(): VideoProvider {
  const config = env();
  switch (config.VIDEO_PROVIDER) {
    case "jitsi":
      return jitsiProvider(config.VIDEO_BASE_URL);
  }
}

/**
 * Withdraws a meeting at its provider after the cancellation is committed. The cancellation
 * itself (meetingRevokedAt) is what stops the link being shown or joined; this only tidies up
 * at a provider that keeps meetings, so a failure is logged, not raised.
 */
export async function revokeMeeting(meeting: {
  meetingUrl: string | null;
  meetingProvider: string | null;
}) {
  const provider = videoProvider();
  if (!meeting.meetingUrl || meeting.meetingProvider !== provider.name || !provider.revoke) return;
  try {
    await provider.revoke(meeting.meetingUrl);
  } catch (error) {
    console.warn(`Video meeting not revoked at ${provider.name}:`, error);
  }
}

/** The join address in full, for invites (APP_URL). */
export function joinUrl(caseId: string, appointmentId: string): string {
  return new URL(joinPath(caseId, appointmentId), env().APP_URL).toString();
}
