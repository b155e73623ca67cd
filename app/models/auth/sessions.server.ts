/**
 * A member of staff's own sessions (issue 23): where they are signed in (device, address,
 * when it began and when it was last used), and ending one, or every one but this. Every query
 * is scoped by the signed-in person: another person's session id ends nothing.
 */
import crypto from "node:crypto";
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";

export async function listSessions(userId: string, currentId: string | null, now = new Date()) {
  const rows = await db.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
  const sessions = rows.map(({ id, ...s }) => ({
    ...s,
    // The id is the cookie's value, a credential: the page names the session by a digest.
    ref: sessionRef(id),
    current: id === currentId,
    lastSeenAt: s.lastSeenAt ?? s.createdAt,
  }));
  // This browser's session first.
  return sessions.sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * What the page posts to name a session: not its id (a bearer credential) but a short,
 * one-way reference to it.
 */
export function sessionRef(id: string): string {
  return crypto.createHash("sha256").update(`session-ref:${id}`).digest("hex").slice(0, 32);
}

interface Who {
  id: string;
  ip?: string | null;
}

/** Ends one of the person's own sessions, named by its reference; false when none matched. */
export async function endOwnSession(who: Who, ref: string, currentId: string | null) {
  const mine = await db.session.findMany({ where: { userId: who.id }, select: { id: true } });
  const target = mine.find((s) => sessionRef(s.id) === ref);
  if (!target) return false;
  const { count } = await db.session.deleteMany({ where: { id: target.id, userId: who.id } });
  if (count === 0) return false;
  await audit({
    actorId: who.id,
    action: "account.session_end",
    entity: "Session",
    entityId: ref,
    ip: who.ip ?? null,
    outcome: "success",
    detail: target.id === currentId ? "current" : null,
  });
  return true;
}

/** Ends every session of the person but the one this request came with; how many ended. */
export async function endOtherSessions(who: Who, currentId: string | null) {
  const { count } = await db.session.deleteMany({
    where: { userId: who.id, ...(currentId ? { id: { not: currentId } } : {}) },
  });
  await audit({
    actorId: who.id,
    action: "account.sessions_end_others",
    entity: "Session",
    ip: who.ip ?? null,
    outcome: "success",
    detail: String(count),
  });
  return count;
}
