/**
 * Fixed-window rate limits kept in the database, so every app instance shares the count.
 * hit() records an attempt and says whether it is within the limit.
 */
import { db } from "~/db.server";

export interface Limit {
  max: number;
  windowMs: number;
}

export const LIMITS = {
  loginPerIp: { max: 20, windowMs: 15 * 60_000 },
  /** Wrong passwords for one account from one address: that pair waits, nobody else does. */
  loginPerAccountAndIp: { max: 8, windowMs: 15 * 60_000 },
  /**
   * Wrong passwords for one account from anywhere: past `max`, every attempt on it is slowed
   * down (never refused, so strangers cannot lock the owner out), and the owner is told.
   */
  loginFailuresPerAccount: { max: 5, windowMs: 15 * 60_000 },
  enquiryPerIp: { max: 10, windowMs: 60 * 60_000 },
  /** Confirmation emails one address can be sent from the public form in a day. */
  enquiryPerEmail: { max: 5, windowMs: 24 * 60 * 60_000 },
  magicLinkPerIp: { max: 20, windowMs: 15 * 60_000 },
  magicLinkPerEmail: { max: 5, windowMs: 15 * 60_000 },
  uploadPerUser: { max: 30, windowMs: 60 * 60_000 },
  messagePerUser: { max: 30, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

export async function hit(
  key: string,
  limit: Limit,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterS: number; count: number }> {
  return db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    const expired = !row || now.getTime() - row.windowStart.getTime() >= limit.windowMs;
    const next = expired
      ? await tx.rateLimit.upsert({
          where: { key },
          create: { key, windowStart: now, count: 1 },
          update: { windowStart: now, count: 1 },
        })
      : await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    const retryAfterS = Math.ceil(
      (next.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000,
    );
    return { allowed: next.count <= limit.max, retryAfterS, count: next.count };
  });
}

/** The count in the current window, without adding to it. */
export async function peek(
  key: string,
  limit: Limit,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterS: number; count: number }> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || now.getTime() - row.windowStart.getTime() >= limit.windowMs) {
    return { allowed: true, retryAfterS: 0, count: 0 };
  }
  const retryAfterS = Math.ceil(
    (row.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000,
  );
  return { allowed: row.count < limit.max, retryAfterS, count: row.count };
}

export async function clear(key: string) {
  await db.rateLimit.deleteMany({ where: { key } });
}
