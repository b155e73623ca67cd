/**
 * Staff sign-in against password guessing, without letting a stranger lock the owner out.
 *
 * - Per address: at most LIMITS.loginPerIp wrong passwords, whoever they are for (right ones
 *   do not count, so colleagues behind one office address are not held up by each other).
 * - Per account and address together: after LIMITS.loginPerAccountAndIp wrong passwords that
 *   pair waits for the window to pass. An attacker's changing addresses each have their own
 *   count, and the owner's own address is untouched.
 * - Per account, from anywhere: past LIMITS.loginFailuresPerAccount wrong passwords, every
 *   attempt on the account is slowed down (LOGIN_SLOWDOWN_MS, doubling up to 8 times that),
 *   the right password included, and the owner is emailed once per window. Nothing is
 *   refused, so the owner can still sign in.
 * Unknown addresses are counted the same way, so the answers do not tell them apart.
 */
import { isPatient } from "~/lib/permissions";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { enqueueEmail } from "~/infra/outbox.server";
import { clear, hit, LIMITS, peek } from "~/infra/rate-limit.server";

const ipKey = (ip: string) => `login:ip:${ip}`;
const pairKey = (email: string, ip: string) => `login:pair:${email}|${ip}`;
const accountKey = (email: string) => `login:fail:${email}`;

export type LoginGate = { allowed: true } | { allowed: false; retryAfterS: number };

/** Before the password is checked: may this address try this account now? Waits if slowed. */
export async function beforeLoginAttempt(email: string, ip: string): Promise<LoginGate> {
  const [byIp, byPair, failures] = await Promise.all([
    peek(ipKey(ip), LIMITS.loginPerIp),
    peek(pairKey(email, ip), LIMITS.loginPerAccountAndIp),
    peek(accountKey(email), LIMITS.loginFailuresPerAccount),
  ]);
  if (!byIp.allowed || !byPair.allowed) {
    return { allowed: false, retryAfterS: Math.max(byIp.retryAfterS, byPair.retryAfterS) };
  }
  const delay = slowdownMs(failures.count, env().LOGIN_SLOWDOWN_MS);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  return { allowed: true };
}

/** How long an attempt waits after `failures` wrong passwords on the account. */
export function slowdownMs(failures: number, base: number): number {
  const over = failures - LIMITS.loginFailuresPerAccount.max;
  return over < 0 ? 0 : base * 2 ** Math.min(over, 3);
}

/** A wrong password: counted for the pair and the account; the owner is told once. */
export async function loginFailed(email: string, ip: string) {
  await hit(ipKey(ip), LIMITS.loginPerIp);
  await hit(pairKey(email, ip), LIMITS.loginPerAccountAndIp);
  const account = await hit(accountKey(email), LIMITS.loginFailuresPerAccount);
  if (account.count !== LIMITS.loginFailuresPerAccount.max) return;
  const owner = await db.user.findUnique({
    where: { email },
    select: { name: true, email: true, locale: true, role: true, active: true },
  });
  if (!owner?.active || isPatient(owner)) return;
  await db.$transaction((tx) =>
    enqueueEmail(tx, {
      to: { email: owner.email, name: owner.name, locale: owner.locale },
      template: "account-alert",
      data: {
        recipientName: owner.name,
        attempts: account.count,
        minutes: Math.round(LIMITS.loginFailuresPerAccount.windowMs / 60_000),
        link: `${env().APP_URL.replace(/\/$/, "")}/login`,
      },
    }),
  );
}

/** The right password: this address's count for the account starts again. */
export async function loginSucceeded(email: string, ip: string) {
  await clear(pairKey(email, ip));
}
