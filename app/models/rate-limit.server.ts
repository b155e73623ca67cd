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
  loginPerEmail: { max: 8, windowMs: 15 * 60_000 },
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
): Promise<{ allowed: boolean; retryAfterS: number }> {
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
    return { allowed: next.count <= limit.max, retryAfterS };
  });
}

export async function clear(key: string) {
  await db.rateLimit.deleteMany({ where: { key } });
}
