/**
 * The staff second factor (ADR 027): a TOTP app (RFC 6238, 6 digits, 30 s, SHA-1, as every
 * authenticator app reads it) through @epic-web/totp, plus 10 single-use recovery codes.
 *
 * - The TOTP secret is stored encrypted (AES-256-GCM under a key derived with HKDF from
 *   DOCUMENT_KEY), so a copy of the database alone cannot produce codes.
 * - Replay guard: the time step of each accepted code is kept (User.totpLastStep); a code of
 *   the same or an earlier step is refused, even within its 30 seconds. The update is
 *   conditional, so two requests racing with one code cannot both win.
 * - Recovery codes are 10 random characters shown once; only an HMAC of each is kept (keyed
 *   from DOCUMENT_KEY too), and each is spent by a conditional update.
 */
import crypto from "node:crypto";
import { getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import QRCode from "qrcode";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { normalizeDigits } from "~/lib/digits";

export const TOTP = { period: 30, digits: 6, algorithm: "SHA-1" } as const;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "International Patient Unit";

function key(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", env().DOCUMENT_KEY, Buffer.alloc(0), purpose, 32));
}

/** "v1:" + base64url(iv | tag | ciphertext). */
export function encryptTotpSecret(secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key("staff-totp-secret"), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function decryptTotpSecret(sealed: string): string {
  if (!sealed.startsWith("v1:")) throw new Error("unknown TOTP secret format");
  const data = Buffer.from(sealed.slice(3), "base64url");
  const decipher = crypto.createDecipheriv(
    "aes-256-gcm",
    key("staff-totp-secret"),
    data.subarray(0, 12),
  );
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
}

/** The TOTP time step a moment falls in. */
export function totpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP.period);
}

/** What was typed, as a code: native digits made ASCII, spaces and dashes dropped. */
export function cleanCode(raw: string): string {
  return normalizeDigits(raw)
    .replace(/[\s\u00a0-]/g, "")
    .toUpperCase();
}

// --- recovery codes ------------------------------------------------------------------------

const RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function hashRecoveryCode(code: string): string {
  return crypto
    .createHmac("sha256", key("staff-recovery-code"))
    .update(cleanCode(code))
    .digest("hex");
}

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/** Replaces the person's recovery codes with 10 new ones; returns them (shown once). */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })),
  });
  return codes;
}

// --- enrolment -----------------------------------------------------------------------------

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** 20 random bytes (160 bits, as RFC 4226 recommends) in base32: 32 characters. */
export function newTotpSecret(): string {
  const bytes = crypto.randomBytes(20);
  let bits = "";
  for (const b of bytes) bits += b.toString(2).padStart(8, "0");
  let out = "";
  for (let i = 0; i < bits.length; i += 5) out += BASE32[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

export interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/**
 * The secret being enrolled: the one already waiting for confirmation (so reloading the page
 * shows the same QR code), or a new one. Null for an unknown user or one already enrolled.
 */
export async function startEnrolment(userId: string): Promise<Enrolment | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, totpSecret: true, totpConfirmedAt: true },
  });
  if (!user || user.totpConfirmedAt) return null;
  let secret: string | null = null;
  if (user.totpSecret) {
    try {
      secret = decryptTotpSecret(user.totpSecret);
    } catch {
      secret = null;
    }
  }
  if (!secret) {
    secret = newTotpSecret();
    await db.user.update({
      where: { id: userId },
      data: { totpSecret: encryptTotpSecret(secret), totpLastStep: null },
    });
  }
  const uri = getTOTPAuthUri({ ...TOTP, secret, accountName: user.email, issuer: ISSUER });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

export type CodeOutcome = "ok" | "wrong" | "reused";

async function checkTotp(
  userId: string,
  sealed: string | null,
  lastStep: number | null,
  code: string,
  extra: { totpConfirmedAt?: Date } = {},
): Promise<CodeOutcome> {
  if (!sealed || !/^\d{6}$/.test(code)) return "wrong";
  let secret: string;
  try {
    secret = decryptTotpSecret(sealed);
  } catch {
    return "wrong";
  }
  const now = totpStep();
  const match = await verifyTOTP({ ...TOTP, otp: code, secret, window: 1 });
  if (!match) return "wrong";
  const step = now + match.delta;
  if (lastStep !== null && step <= lastStep) return "reused";
  // Conditional: of two requests with the same code, only one moves the step on.
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step, ...extra },
  });
  return count === 1 ? "ok" : "reused";
}

/**
 * Confirms the enrolment with a code from the new secret; returns the 10 recovery codes to
 * show once, or why the code was refused.
 */
export async function confirmEnrolment(
  userId: string,
  raw: string,
): Promise<{ ok: true; codes: string[] } | { ok: false; reason: CodeOutcome }> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpConfirmedAt: true, totpLastStep: true },
  });
  if (!user || user.totpConfirmedAt) return { ok: false, reason: "wrong" };
  const outcome = await checkTotp(userId, user.totpSecret, user.totpLastStep, cleanCode(raw), {
    totpConfirmedAt: new Date(),
  });
  if (outcome !== "ok") return { ok: false, reason: outcome };
  const codes = await db.$transaction((tx) => issueRecoveryCodes(tx, userId));
  return { ok: true, codes };
}

/**
 * The sign-in's second step: a 6-digit code from the app, or one of the recovery codes
 * (which is then spent). "reused" is a code from a step already used.
 */
export async function verifySecondFactor(
  userId: string,
  raw: string,
): Promise<{ outcome: CodeOutcome; via: "totp" | "recovery" }> {
  const code = cleanCode(raw);
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpConfirmedAt: true, totpLastStep: true },
  });
  if (!user?.totpConfirmedAt) return { outcome: "wrong", via: "totp" };
  if (/^\d+$/.test(code)) {
    return {
      outcome: await checkTotp(userId, user.totpSecret, user.totpLastStep, code),
      via: "totp",
    };
  }
  if (!/^[A-Z0-9]{10}$/.test(code)) return { outcome: "wrong", via: "recovery" };
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return { outcome: count === 1 ? "ok" : "wrong", via: "recovery" };
}

/** How many unused recovery codes the person has left. */
export function recoveryCodesLeft(userId: string) {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/**
 * An admin's "reset second factor": the secret, its confirmation and replay step are
 * cleared and the recovery codes deleted, so the next sign-in enrols again after the password.
 */
export async function resetSecondFactor(userId: string, tx: Tx = db) {
  await tx.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpConfirmedAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}
