/**
 * Proving a phone number (issue 24): a six-digit code goes to the person's number by the
 * channel they chose, and they type it back. Only a proved number (User.phoneVerifiedAt) gets
 * WhatsApp or SMS messages, and inbound messages are matched to a person by a proved number
 * only, so nothing sent from someone else's phone is attached to an identity.
 *
 * The code is stored as an HMAC (keyed by SESSION_SECRET), lives 10 minutes, allows 5 wrong
 * tries, and at most 5 codes are sent per person per hour. The message carries it encrypted
 * (secretParams), so the outbox page never shows it.
 */
import crypto from "node:crypto";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { enqueueMessage } from "~/infra/messages.server";
import type { Channel } from "~/lib/message-templates";

export const CODE_MINUTES = 10;
export const MAX_TRIES = 5;
export const MAX_CODES_PER_HOUR = 5;

function hashCode(userId: string, code: string): string {
  return crypto
    .createHmac("sha256", env().SESSION_SECRET[0]!)
    .update(`phone-code:${userId}:${code}`)
    .digest("hex");
}

export type StartResult = { ok: true; phone: string } | { ok: false; error: "noPhone" | "tooMany" };

/**
 * Sends a code to the person's current number (User.phone) by `channel`. From a form, its key
 * is spent in the same transaction, so the form sent twice sends one code.
 */
export async function startPhoneVerification(
  userId: string,
  channel: Channel,
  now = new Date(),
  key?: SentForm,
): Promise<StartResult> {
  return db.$transaction(async (tx) => {
    // "Send a new one" is a deliberate repeat; the codes-per-hour limit bounds it.
    if (key) await spendFormKey(tx, key, userId, { repeats: "allowed", now: now.getTime() });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { phone: true, locale: true },
    });
    if (!user.phone) return { ok: false, error: "noPhone" } as const;
    const recent = await tx.phoneVerification.count({
      where: { userId, createdAt: { gt: new Date(now.getTime() - 3_600_000) } },
    });
    if (recent >= MAX_CODES_PER_HOUR) return { ok: false, error: "tooMany" } as const;
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
    await tx.phoneVerification.create({
      data: {
        userId,
        phone: user.phone,
        channel,
        codeHash: hashCode(userId, code),
        expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
        createdAt: now,
      },
    });
    await enqueueMessage(tx, {
      channel,
      toPhone: user.phone,
      locale: user.locale,
      template: "phone_code",
      params: { code },
      secretParams: ["code"],
      userId,
    });
    return { ok: true, phone: user.phone } as const;
  });
}

export type ConfirmResult =
  { ok: true; phone: string } | { ok: false; error: "code" | "expired" | "tooMany" };

/**
 * Checks a typed code (digits already normalised) against the person's newest code. On a
 * match their number is proved, if it is still the number the code went to.
 */
export async function confirmPhoneVerification(
  userId: string,
  code: string,
  now = new Date(),
  key?: SentForm,
): Promise<ConfirmResult> {
  return db.$transaction(async (tx) => {
    // From a form: sent twice (or the same code again from a fresh page), the second is
    // refused before it counts as another try.
    if (key) await spendFormKey(tx, key, userId, { now: now.getTime() });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { phone: true },
    });
    const latest = await tx.phoneVerification.findFirst({
      where: { userId, usedAt: null },
      orderBy: { createdAt: "desc" },
    });
    if (!latest || latest.expiresAt <= now || latest.phone !== user.phone) {
      return { ok: false, error: "expired" } as const;
    }
    if (latest.attempts >= MAX_TRIES) return { ok: false, error: "tooMany" } as const;
    const expected = Buffer.from(latest.codeHash, "hex");
    const given = Buffer.from(hashCode(userId, code.trim()), "hex");
    if (!/^\d{6}$/.test(code.trim()) || !crypto.timingSafeEqual(expected, given)) {
      // A conditional bump: two wrong tries at once both count.
      await tx.phoneVerification.update({
        where: { id: latest.id },
        data: { attempts: { increment: 1 } },
      });
      return { ok: false, error: latest.attempts + 1 >= MAX_TRIES ? "tooMany" : "code" } as const;
    }
    const { count } = await tx.phoneVerification.updateMany({
      where: { id: latest.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) return { ok: false, error: "expired" } as const;
    await tx.user.update({ where: { id: userId }, data: { phoneVerifiedAt: now } });
    return { ok: true, phone: latest.phone } as const;
  });
}
