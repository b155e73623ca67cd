/**
 * The invitation link as the team page sends it: the one staff-link scheme of
 * app/models/auth/staff-tokens.server.ts, with the email's language on the link so the page
 * opens in it.
 */
import {
  STAFF_TOKEN_TTL_MS,
  staffTokenExpiry,
  staffTokenLink,
} from "~/models/auth/staff-tokens.server";

export { newStaffToken } from "~/models/auth/staff-tokens.server";

export const INVITE_PURPOSE = "INVITE";
export const INVITE_HOURS = STAFF_TOKEN_TTL_MS.INVITE / 3600_000;

/** The invitation's link; `lng` opens the page in the language the email was written in. */
export function inviteLink(token: string, lng: string): string {
  return `${staffTokenLink("INVITE", token)}?lng=${encodeURIComponent(lng)}`;
}

export function inviteExpiry(now = new Date()): Date {
  return staffTokenExpiry("INVITE", now);
}
