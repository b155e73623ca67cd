/**
 * What happens when a staff link is opened (ADR 027): an invitation creates the account with
 * the chosen password (the second factor is enrolled next, at /login/enrol), a reset link
 * sets a new password and ends every session of the person. Both links work once, expire
 * (72 hours, 1 hour) and are void once revoked. Asking for a reset answers the same whatever
 * the address, and is rate limited by address and by account.
 */
import { db, type Tx } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { enqueueEmail, SECRET_LINK } from "~/infra/outbox.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { isStaffRole } from "~/lib/permissions";
import { hashPassword } from "~/models/auth/auth.server";
import { passwordProblem, type PasswordProblem } from "~/models/auth/password-strength.server";
import {
  hashStaffToken,
  looksLikeStaffToken,
  newStaffToken,
  STAFF_TOKEN_TTL_MS,
  staffTokenExpiry,
  staffTokenLink,
  type StaffTokenPurpose,
} from "~/models/auth/staff-tokens.server";

export type LinkState = "valid" | "expired" | "used" | "revoked" | "unknown";

export interface OpenedLink {
  state: LinkState;
  id?: string;
  email?: string;
  name?: string | null;
  role?: string | null;
  userId?: string | null;
}

/** What a link is, without spending it. */
export async function openStaffLink(
  purpose: StaffTokenPurpose,
  token: string | undefined,
  now = new Date(),
): Promise<OpenedLink> {
  if (!looksLikeStaffToken(token)) return { state: "unknown" };
  const row = await db.staffToken.findUnique({ where: { tokenHash: hashStaffToken(token) } });
  if (!row || row.purpose !== purpose) return { state: "unknown" };
  const state: LinkState = row.revokedAt
    ? "revoked"
    : row.usedAt
      ? "used"
      : row.expiresAt <= now
        ? "expired"
        : "valid";
  let name = row.name;
  if (purpose === "RESET" && row.userId) {
    const user = await db.user.findUnique({
      where: { id: row.userId },
      select: { name: true, active: true, deactivatedAt: true },
    });
    if (!user || !user.active || user.deactivatedAt) return { state: "revoked" };
    name = user.name;
  }
  return { state, id: row.id, email: row.email, name, role: row.role, userId: row.userId };
}

/** Spends a link inside `tx`: true when this call was the one that used it. */
async function spend(tx: Tx, id: string, now: Date) {
  const { count } = await tx.staffToken.updateMany({
    where: { id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

export type AcceptResult =
  | { ok: true; user: { id: string; passwordChangedAt: Date | null } }
  | { ok: false; problem: PasswordProblem }
  | { ok: false; state: Exclude<LinkState, "valid"> | "taken" };

/** The invited person chose a password: the account exists from now on. */
export async function acceptInvitation(
  token: string | undefined,
  password: string,
  meta: { ip?: string | null } = {},
  now = new Date(),
): Promise<AcceptResult> {
  const link = await openStaffLink("INVITE", token, now);
  if (link.state !== "valid") return { ok: false, state: link.state };
  const role = link.role ?? "";
  if (!isStaffRole(role) || !link.email || !link.name) return { ok: false, state: "revoked" };
  const problem = passwordProblem(password, [link.email, link.name]);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(password);
  const email = link.email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      return { ok: false as const, state: "taken" as const };
    }
    if (!(await spend(tx, link.id!, now))) return { ok: false as const, state: "used" as const };
    const user = await tx.user.create({
      data: { email, name: link.name!, role, passwordHash, passwordChangedAt: now },
      select: { id: true, passwordChangedAt: true },
    });
    await tx.staffToken.update({ where: { id: link.id! }, data: { userId: user.id } });
    await audit(
      {
        actorId: user.id,
        action: "staff.invitation.accepted",
        entity: "User",
        entityId: user.id,
        ip: meta.ip ?? null,
        outcome: "success",
        detail: role,
      },
      tx,
    );
    return { ok: true as const, user };
  });
}

/**
 * "Forgot password": queues a reset link when the address is an active staff account, and
 * nothing otherwise. Returns nothing either way; callers must not let the outcome show.
 */
export async function requestPasswordReset(rawEmail: string, now = new Date()): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  // Past the limit the address gets no more emails; its owner uses the newest one.
  const byEmail = await hit(`reset:email:${email}`, LIMITS.magicLinkPerEmail, now);
  if (!byEmail.allowed) return;
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      locale: true,
      active: true,
      deactivatedAt: true,
    },
  });
  if (!user || !user.active || user.deactivatedAt || !isStaffRole(user.role)) {
    // Kept for the admins (the person asking is told the same either way): which address
    // asked, and that no link went out. A patient's address is not written here.
    if (!user || isStaffRole(user.role)) {
      await audit({
        actorId: user?.id ?? null,
        action: "staff.password.reset_requested",
        entity: "User",
        entityId: user?.id ?? null,
        outcome: "refused",
        detail: user ? "inactive account" : `unknown address: ${email}`,
      });
    }
    return;
  }
  await audit({
    actorId: user.id,
    action: "staff.password.reset_requested",
    entity: "User",
    entityId: user.id,
    outcome: "success",
  });
  const { token, tokenHash } = newStaffToken();
  await db.$transaction(async (tx) => {
    // One live reset link at a time: asking again voids the earlier ones.
    await tx.staffToken.updateMany({
      where: { userId: user.id, purpose: "RESET", usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.staffToken.create({
      data: {
        purpose: "RESET",
        email: user.email,
        userId: user.id,
        tokenHash,
        expiresAt: staffTokenExpiry("RESET", now),
      },
    });
    await enqueueEmail(tx, {
      to: { email: user.email, name: user.name, locale: user.locale },
      template: "staff-password-reset",
      data: {
        recipientName: user.name,
        link: SECRET_LINK,
        minutes: Math.round(STAFF_TOKEN_TTL_MS.RESET / 60_000),
      },
      secretLink: staffTokenLink("RESET", token),
    });
  });
}

export type ResetResult =
  | { ok: true }
  | { ok: false; problem: PasswordProblem }
  | { ok: false; state: Exclude<LinkState, "valid"> };

/** A new password from a reset link: every session of the person ends. */
export async function resetPassword(
  token: string | undefined,
  password: string,
  meta: { ip?: string | null } = {},
  now = new Date(),
): Promise<ResetResult> {
  const link = await openStaffLink("RESET", token, now);
  if (link.state !== "valid" || !link.userId) {
    return { ok: false, state: link.state === "valid" ? "unknown" : link.state };
  }
  const problem = passwordProblem(password, [link.email, link.name]);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(password);
  const userId = link.userId;
  return db.$transaction(async (tx) => {
    if (!(await spend(tx, link.id!, now))) return { ok: false as const, state: "used" as const };
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
    await tx.session.deleteMany({ where: { userId } });
    await audit(
      {
        actorId: userId,
        action: "staff.password.reset",
        entity: "User",
        entityId: userId,
        ip: meta.ip ?? null,
        outcome: "success",
      },
      tx,
    );
    return { ok: true as const };
  });
}
