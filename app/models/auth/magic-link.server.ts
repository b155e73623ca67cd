/**
 * Passwordless sign-in for patients. A link carries 32 random bytes; only their SHA-256 is
 * stored. A token works once, for MAGIC_LINK_MINUTES (15 by default). Requesting a link
 * answers the same whether or not the address is known, so accounts cannot be enumerated.
 */
import { isPatient } from "~/lib/permissions";
import crypto from "node:crypto";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { enqueueEmail, SECRET_LINK } from "~/infra/outbox.server";

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * Queues a sign-in email when the address belongs to an active patient. Returns nothing
 * either way: callers must not let the outcome show.
 */
export async function requestMagicLink(email: string, now = new Date()): Promise<void> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, email: true, locale: true, role: true, active: true },
  });
  if (!user || !isPatient(user) || !user.active) return;
  const token = crypto.randomBytes(32).toString("base64url");
  const minutes = env().MAGIC_LINK_MINUTES;
  const link = `${env().APP_URL.replace(/\/$/, "")}/portal/auth?token=${token}`;
  await db.$transaction(async (tx) => {
    await tx.loginToken.create({
      data: {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + minutes * 60_000),
      },
    });
    await enqueueEmail(tx, {
      to: { email: user.email, name: user.name, locale: user.locale },
      template: "magic-link",
      data: { recipientName: user.name, link: SECRET_LINK, minutes },
      secretLink: link,
    });
  });
}

/**
 * Whose account a link opens, without spending it: the sign-in page names the account before
 * the patient presses the button (a link someone else forwarded would sign them into that
 * person's account). Null when the link cannot be used.
 */
export async function magicLinkAccount(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.loginToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true, active: true, role: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt <= now || !row.user.active || !isPatient(row.user)) {
    return null;
  }
  return { email: row.user.email };
}

/**
 * Spends a token. Returns the user id when the token is known, unused and unexpired; the
 * conditional update makes sure that of two simultaneous uses only one succeeds. The
 * account's other unused links die with it: only the newest sign-in counts.
 */
export async function consumeMagicLink(token: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = await db.loginToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { active: true, role: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  if (!row.user.active || !isPatient(row.user)) return null;
  const { count } = await db.loginToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  await db.loginToken.updateMany({
    where: { userId: row.userId, usedAt: null },
    data: { usedAt: now },
  });
  return row.userId;
}

/** Removes tokens that can no longer be used; run by the background worker. */
export async function deleteStaleTokens(now = new Date()) {
  const { count } = await db.loginToken.deleteMany({
    where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] },
  });
  return count;
}
