/**
 * The clinic's staff accounts, for admins (issue 23): who is on the team, invitations by
 * email, a change of role, deactivation (every session of the person ends at once) and
 * reactivation, and a reset of someone's second factor. Every change is audited with who did
 * it and the account's state before and after (detail JSON {before, after}).
 *
 * There is always at least one active admin. A change that would leave none (demoting or
 * deactivating the last one) is refused inside its transaction: the change is written, the
 * active admins are counted after it, and none left rolls it back. On PostgreSQL the admin
 * rows are first locked (FOR UPDATE), so two admins demoting each other at once are taken one
 * after the other; SQLite's single writer does the same by itself (the write comes first).
 */
import { db, dialect, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { enqueueEmail, SECRET_LINK } from "~/infra/outbox.server";
import { ROLE, STAFF_ROLES, type StaffRole } from "~/lib/permissions";
import { Prisma } from "~/generated/prisma/client";
import {
  INVITE_HOURS,
  INVITE_PURPOSE,
  inviteExpiry,
  inviteLink,
  newStaffToken,
} from "./invite-token.server";

export type TeamErrorCode =
  "not_found" | "last_admin" | "email_taken" | "email_deactivated" | "self" | "nothing_to_reset";

export class TeamError extends Error {
  constructor(public readonly code: TeamErrorCode) {
    super(`Team change refused: ${code}`);
    this.name = "TeamError";
  }
}

export interface Actor {
  id: string;
  name: string;
  ip?: string | null;
}

/** How long pending and expired invitations stay on the list. */
const INVITES_SHOWN_DAYS = 30;

/** The team page: every staff account (not erased) and the invitations not yet accepted. */
export async function listTeam(now = new Date()) {
  const [users, seen, invites] = await Promise.all([
    db.user.findMany({
      where: { role: { in: [...STAFF_ROLES] }, erasedAt: null },
      orderBy: [{ active: "desc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        deactivatedAt: true,
        totpConfirmedAt: true,
        createdAt: true,
      },
    }),
    // Sign-ins and last use, from the sessions each person holds (one grouped query).
    db.session.groupBy({
      by: ["userId"],
      where: { user: { role: { in: [...STAFF_ROLES] } } },
      _max: { createdAt: true, lastSeenAt: true },
    }),
    db.staffToken.findMany({
      where: {
        purpose: INVITE_PURPOSE,
        usedAt: null,
        revokedAt: null,
        createdAt: { gte: new Date(now.getTime() - INVITES_SHOWN_DAYS * 86_400_000) },
      },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, name: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  const byUser = new Map(seen.map((s) => [s.userId, s._max]));
  const activeAdmins = users.filter((u) => u.active && u.role === ROLE.ADMIN).length;
  return {
    people: users.map((u) => {
      const s = byUser.get(u.id);
      const lastSeen = [s?.lastSeenAt, s?.createdAt]
        .filter((d): d is Date => d instanceof Date)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      return {
        ...u,
        role: u.role as StaffRole,
        enrolled: u.totpConfirmedAt !== null,
        lastSignIn: s?.createdAt ?? null,
        lastSeen: lastSeen ?? null,
        // The last active admin: the page offers no demotion or deactivation.
        lastAdmin: u.active && u.role === ROLE.ADMIN && activeAdmins === 1,
      };
    }),
    invites: invites.map((i) => ({ ...i, expired: i.expiresAt <= now })),
  };
}

const json = (before: unknown, after: unknown) => JSON.stringify({ before, after });

/** Locks the active admins' rows until the transaction ends (PostgreSQL; see the header). */
async function lockAdmins(tx: Tx) {
  if (dialect !== "postgresql") return;
  await tx.$queryRaw(
    Prisma.sql`SELECT "id" FROM "User" WHERE "role" = ${ROLE.ADMIN} AND "active" = true FOR UPDATE`,
  );
}

/** After the change: none active left rolls the transaction back. */
async function assertAnAdminLeft(tx: Tx) {
  const left = await tx.user.count({ where: { role: ROLE.ADMIN, active: true } });
  if (left === 0) throw new TeamError("last_admin");
}

async function staffMember(tx: Tx, userId: string) {
  const user = await tx.user.findFirst({
    where: { id: userId, role: { in: [...STAFF_ROLES] }, erasedAt: null },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      locale: true,
      active: true,
      totpSecret: true,
      totpConfirmedAt: true,
    },
  });
  if (!user) throw new TeamError("not_found");
  return user;
}

export interface InviteInput {
  name: string;
  email: string;
  role: StaffRole;
  /** The language the invitation is written in (and its page opens in). */
  locale: string;
}

/** Queues the invitation email for a fresh token; the link is stored sealed (secretLink). */
async function sendInvite(
  tx: Tx,
  input: InviteInput,
  actor: Actor,
  now: Date,
): Promise<{ id: string }> {
  const { token, tokenHash } = newStaffToken();
  const row = await tx.staffToken.create({
    data: {
      purpose: INVITE_PURPOSE,
      email: input.email,
      name: input.name,
      role: input.role,
      tokenHash,
      expiresAt: inviteExpiry(now),
      createdById: actor.id,
    },
    select: { id: true },
  });
  await enqueueEmail(tx, {
    to: { email: input.email, name: input.name, locale: input.locale },
    template: "staff-invite",
    data: {
      recipientName: input.name,
      inviterName: actor.name,
      role: input.role,
      link: SECRET_LINK,
      hours: INVITE_HOURS,
    },
    secretLink: inviteLink(token, input.locale),
  });
  return row;
}

/** Earlier invitations to the address stop working: only the newest link counts. */
async function revokeInvitesTo(tx: Tx, email: string, now: Date) {
  await tx.staffToken.updateMany({
    where: { purpose: INVITE_PURPOSE, email, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
}

/**
 * Invites a person by email: one single-use token and one email, in the chosen language.
 * Refused when the address already has an account (an active one, or a deactivated member
 * of staff, who is reactivated instead). A form sent twice is refused (spendFormKey).
 */
export async function inviteStaff(input: InviteInput, sent: SentForm, actor: Actor) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, sent, actor.id);
    const existing = await tx.user.findUnique({
      where: { email: input.email },
      select: { active: true, role: true },
    });
    if (existing) {
      const deactivatedStaff =
        !existing.active && (STAFF_ROLES as readonly string[]).includes(existing.role);
      throw new TeamError(deactivatedStaff ? "email_deactivated" : "email_taken");
    }
    await revokeInvitesTo(tx, input.email, now);
    const row = await sendInvite(tx, input, actor, now);
    await audit(
      {
        actorId: actor.id,
        action: "staff.invite",
        entity: "StaffToken",
        entityId: row.id,
        ip: actor.ip ?? null,
        outcome: "success",
        detail: json(null, {
          email: input.email,
          name: input.name,
          role: input.role,
          locale: input.locale,
        }),
      },
      tx,
    );
    return row;
  });
}

async function pendingInvite(tx: Tx, inviteId: string) {
  const invite = await tx.staffToken.findFirst({
    where: { id: inviteId, purpose: INVITE_PURPOSE, usedAt: null, revokedAt: null },
  });
  if (!invite) throw new TeamError("not_found");
  return invite;
}

/** Sends a pending (or expired) invitation again: a new link, the old one stops working. */
export async function resendInvite(inviteId: string, locale: string, sent: SentForm, actor: Actor) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, sent, actor.id);
    const old = await pendingInvite(tx, inviteId);
    const taken = await tx.user.findUnique({ where: { email: old.email }, select: { id: true } });
    if (taken) throw new TeamError("email_taken");
    await revokeInvitesTo(tx, old.email, now);
    const input: InviteInput = {
      name: old.name ?? old.email,
      email: old.email,
      role: (old.role ?? ROLE.COORDINATOR) as StaffRole,
      locale,
    };
    const row = await sendInvite(tx, input, actor, now);
    await audit(
      {
        actorId: actor.id,
        action: "staff.invite_resend",
        entity: "StaffToken",
        entityId: row.id,
        ip: actor.ip ?? null,
        outcome: "success",
        detail: json({ invite: old.id, expiresAt: old.expiresAt }, { invite: row.id, locale }),
      },
      tx,
    );
    return row;
  });
}

/** Withdraws an invitation: its link no longer works. A second withdrawal finds none. */
export async function revokeInvite(inviteId: string, actor: Actor) {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const invite = await pendingInvite(tx, inviteId);
    await tx.staffToken.update({ where: { id: invite.id }, data: { revokedAt: now } });
    await audit(
      {
        actorId: actor.id,
        action: "staff.invite_revoke",
        entity: "StaffToken",
        entityId: invite.id,
        ip: actor.ip ?? null,
        outcome: "success",
        detail: json({ email: invite.email, role: invite.role }, { revoked: true }),
      },
      tx,
    );
  });
}

/** Changes a person's role; false when it was that role already (nothing written). */
export async function changeRole(userId: string, role: StaffRole, actor: Actor) {
  if (userId === actor.id) throw new TeamError("self");
  return db.$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await staffMember(tx, userId);
    if (user.role === role) return false;
    await tx.user.update({ where: { id: user.id }, data: { role } });
    if (user.role === ROLE.ADMIN) await assertAnAdminLeft(tx);
    await audit(
      {
        actorId: actor.id,
        action: "staff.role",
        entity: "User",
        entityId: user.id,
        ip: actor.ip ?? null,
        outcome: "success",
        detail: json({ role: user.role }, { role }),
      },
      tx,
    );
    return true;
  });
}

/**
 * Deactivates a person: they cannot sign in, every session they hold is deleted in the same
 * transaction (their next request is signed out), and their unused emailed links stop working.
 * False when they were deactivated already.
 */
export async function deactivateStaff(userId: string, actor: Actor) {
  if (userId === actor.id) throw new TeamError("self");
  const now = new Date();
  return db.$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await staffMember(tx, userId);
    if (!user.active) return false;
    await tx.user.update({ where: { id: user.id }, data: { active: false, deactivatedAt: now } });
    if (user.role === ROLE.ADMIN) await assertAnAdminLeft(tx);
    const { count: sessions } = await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.staffToken.updateMany({
      where: { userId: user.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await audit(
      {
        actorId: actor.id,
        action: "staff.deactivate",
        entity: "User",
        entityId: user.id,
        ip: actor.ip ?? null,
        outcome: "success",
        detail: json({ active: true, sessions }, { active: false, sessions: 0 }),
      },
      tx,
    );
    return true;
  });
}

/** Lets a deactivated person sign in again; false when they were active already. */
export async function reactivateStaff(userId: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const user = await staffMember(tx, userId);
    if (user.active) return false;
    await tx.user.update({ where: { id: user.id }, data: { active: true, deactivatedAt: null } });
    await audit(
      {
        actorId: actor.id,
        action: "staff.reactivate",
        entity: "User",
        entityId: user.id,
        ip: actor.ip ?? null,
        outcome: "success",
        detail: json({ active: false }, { active: true }),
      },
      tx,
    );
    return true;
  });
}

/**
 * Resets a person's second factor: the TOTP secret and its replay guard and every recovery
 * code are deleted and their sessions end; at their next sign-in they set up an authenticator
 * app again. They are told by email. Refused when there is nothing to reset (never enrolled,
 * or reset a moment ago).
 */
export async function resetSecondFactor(userId: string, actor: Actor) {
  if (userId === actor.id) throw new TeamError("self");
  return db.$transaction(async (tx) => {
    const user = await staffMember(tx, userId);
    const codes = await tx.recoveryCode.count({ where: { userId: user.id } });
    const enrolled = user.totpConfirmedAt !== null;
    if (!enrolled && user.totpSecret === null && codes === 0) {
      throw new TeamError("nothing_to_reset");
    }
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: null, totpConfirmedAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const { count: sessions } = await tx.session.deleteMany({ where: { userId: user.id } });
    if (user.active) {
      await enqueueEmail(tx, {
        to: { email: user.email, name: user.name, locale: user.locale },
        template: "second-factor-reset",
        data: {
          recipientName: user.name,
          adminName: actor.name,
          link: `${env().APP_URL.replace(/\/$/, "")}/login`,
        },
      });
    }
    await audit(
      {
        actorId: actor.id,
        action: "staff.second_factor_reset",
        entity: "User",
        entityId: user.id,
        ip: actor.ip ?? null,
        outcome: "success",
        detail: json(
          { enrolled, recoveryCodes: codes, sessions },
          { enrolled: false, recoveryCodes: 0, sessions: 0 },
        ),
      },
      tx,
    );
  });
}
