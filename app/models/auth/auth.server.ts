/**
 * Who is asking, and may they. Every loader and action calls one of the guards here:
 * requirePermission(request, permission) for staff pages, requirePatient for the portal
 * (whose models then scope every query to the patient). What each role may do is the
 * permission table in app/lib/permissions.ts; nothing here names a role. Signed-out visitors
 * are sent to sign in; a signed-in user without the permission gets 403.
 */
import { audit } from "~/infra/audit.server";
import argon2 from "argon2";
import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { can, isStaffRole, type Permission, type Role, type StaffRole } from "~/lib/permissions";
import { findSession, readSessionId, touchSession } from "~/infra/session.server";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  timeZone: string;
}

const cache = new WeakMap<Request, Promise<CurrentUser | null>>();

export function getUser(request: Request): Promise<CurrentUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = (async () => {
      const sessionId = await readSessionId(request);
      if (!sessionId) return null;
      // A prepared statement, not Prisma: every signed-in request runs it.
      const session = await findSession(sessionId);
      if (!session || session.expiresAt < new Date() || !session.user.active) return null;
      await touchSession(sessionId, session.lastSeenAt);
      const { active: _active, ...user } = session.user;
      return { ...user, role: user.role as Role };
    })();
    cache.set(request, pending);
  }
  return pending;
}

function toSignIn(request: Request, path: string): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`${path}?redirectTo=${encodeURIComponent(back)}`);
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/**
 * Not this patient's (or no one's): the same 404 either way, so existence is not leaked,
 * and the attempt is in the audit log.
 */
export async function notThePatients(
  patientId: string,
  entity: string,
  id: string,
): Promise<never> {
  await audit({
    actorId: patientId,
    action: "portal.denied",
    entity,
    entityId: id.slice(0, 64),
    outcome: "denied",
  });
  notFound();
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) toSignIn(request, "/login");
  return user;
}

export type StaffUser = CurrentUser & { role: StaffRole };

/** A staff member who holds `permission` (any staff member: "staff:use"). */
export async function requirePermission(
  request: Request,
  permission: Permission,
): Promise<StaffUser> {
  const user = await getUser(request);
  if (!user) toSignIn(request, "/login");
  if (!isStaffRole(user.role) || !can(user, permission)) {
    // Refused access is part of the record of who tried to reach what.
    await audit({
      actorId: user.id,
      action: "access.denied",
      entity: "Route",
      entityId: new URL(request.url).pathname.slice(0, 200),
      outcome: "denied",
      detail: permission,
    });
    // A patient is not told that a staff page exists: "not found", as for another's case.
    if (!isStaffRole(user.role)) notFound();
    forbidden();
  }
  return user as StaffUser;
}

/** Throws 403 unless the user holds `permission` (a model's or an action's own check). */
export function assertCan(user: { role: string }, permission: Permission): void {
  if (!can(user, permission)) forbidden();
}

/** A patient, in their own portal. */
export async function requirePatient(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) toSignIn(request, "/portal/login");
  if (!can(user, "portal:use")) {
    await audit({
      actorId: user.id,
      action: "access.denied",
      entity: "Route",
      entityId: new URL(request.url).pathname.slice(0, 200),
      outcome: "denied",
      detail: "portal:use",
    });
    forbidden();
  }
  return user;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Verified against when the email is unknown, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

/**
 * Returns the staff user when the password matches; null otherwise, with no hint as to why.
 * The password is only the first step: the second factor follows (app/routes/login_.code.tsx).
 */
export async function verifyStaffLogin(email: string, password: string) {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: {
      id: true,
      role: true,
      passwordHash: true,
      active: true,
      deactivatedAt: true,
      passwordChangedAt: true,
      totpConfirmedAt: true,
    },
  });
  if (!user?.passwordHash || !user.active || user.deactivatedAt || !isStaffRole(user.role)) {
    dummyHash ??= hashPassword("not-a-real-password");
    await argon2.verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
  if (!ok) return null;
  return {
    id: user.id,
    role: user.role,
    passwordChangedAt: user.passwordChangedAt,
    /** False until a second factor is confirmed: the next step is enrolling one. */
    enrolled: Boolean(user.totpConfirmedAt),
  };
}
