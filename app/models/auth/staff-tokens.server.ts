/**
 * Single-use emailed links for staff (StaffToken): an invitation (purpose "INVITE", valid
 * 72 hours, opens /staff/invite/<token>) or a password reset ("RESET", valid 1 hour, opens
 * /login/reset/<token>). A link carries 32 random bytes in base64url; only their SHA-256 (hex)
 * is stored, so a database copy does not open any account. A token works once (usedAt) and
 * not after it was revoked (revokedAt).
 */
import crypto from "node:crypto";
import { env } from "~/env.server";

export type StaffTokenPurpose = "INVITE" | "RESET";

export const STAFF_TOKEN_TTL_MS: Record<StaffTokenPurpose, number> = {
  INVITE: 72 * 60 * 60_000,
  RESET: 60 * 60_000,
};

/** The stored form of a token: sha256, hex. */
export function hashStaffToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A fresh token (for the link) and its hash (for the row). */
export function newStaffToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashStaffToken(token) };
}

/** Only something shaped like one of our tokens is looked up. */
export function looksLikeStaffToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{40,50}$/.test(token);
}

const base = () => env().APP_URL.replace(/\/$/, "");

export function staffTokenLink(purpose: StaffTokenPurpose, token: string): string {
  return purpose === "INVITE"
    ? `${base()}/staff/invite/${token}`
    : `${base()}/login/reset/${token}`;
}

export function staffTokenExpiry(purpose: StaffTokenPurpose, now = new Date()): Date {
  return new Date(now.getTime() + STAFF_TOKEN_TTL_MS[purpose]);
}
