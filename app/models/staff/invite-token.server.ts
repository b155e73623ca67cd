/**
 * The invitation link's token, by the scheme the sign-in side reads (issue 23): 32 random bytes
 * in base64url in the link `${APP_URL}/staff/invite/<token>`; only their SHA-256 (hex) is
 * stored in StaffToken.tokenHash; valid 72 hours, once. The sign-in side has its own module for
 * the same scheme (app/models/auth/staff-tokens.server.ts); the two are one at merge.
 */
import crypto from "node:crypto";
import { env } from "~/env.server";

export const INVITE_PURPOSE = "INVITE";
export const INVITE_HOURS = 72;

export function hashStaffToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newStaffToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashStaffToken(token) };
}

/** The invitation's link; `lng` opens the page in the language the email was written in. */
export function inviteLink(token: string, lng: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/staff/invite/${token}?lng=${encodeURIComponent(lng)}`;
}

export function inviteExpiry(now = new Date()): Date {
  return new Date(now.getTime() + INVITE_HOURS * 3600_000);
}
