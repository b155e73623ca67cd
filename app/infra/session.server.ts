/**
 * Database-backed sessions. The cookie carries only a random session id, signed with
 * SESSION_SECRET (a comma-separated list, newest first, so secrets can be rotated). The
 * row in Session is the truth: deleting it signs the browser out. A new id is issued at
 * every sign-in, so a session id planted before sign-in is worthless after it.
 */
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";

let cookie: ReturnType<typeof createCookie> | undefined;

export function sessionCookie() {
  const e = env();
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: e.NODE_ENV === "production" && e.APP_URL.startsWith("https:"),
    path: "/",
    secrets: e.SESSION_SECRET,
    maxAge: e.SESSION_DAYS * 24 * 3600,
  });
  return cookie;
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

/** Creates a fresh session (revoking the one the request carried) and returns its Set-Cookie. */
export async function startSession(request: Request, userId: string, meta: SessionMeta = {}) {
  const previous = await readSessionId(request);
  if (previous) await db.session.deleteMany({ where: { id: previous } });
  const id = crypto.randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + env().SESSION_DAYS * 24 * 3600 * 1000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return sessionCookie().serialize(id);
}

/** How often a session's lastSeenAt is written: at most once in this many minutes. */
export const LAST_SEEN_MINUTES = 5;

/**
 * Notes that the session was just used, for its owner's list of sessions. Written only when
 * the stored time is older than LAST_SEEN_MINUTES (one conditional update, so two requests at
 * once write it once), never on most requests.
 */
export async function touchSession(id: string, lastSeenAt: Date | null, now = new Date()) {
  const stale = new Date(now.getTime() - LAST_SEEN_MINUTES * 60_000);
  if (lastSeenAt && lastSeenAt > stale) return;
  await db.session.updateMany({
    where: { id, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: stale } }] },
    data: { lastSeenAt: now },
  });
}

export async function endSession(request: Request) {
  const id = await readSessionId(request);
  if (id) await db.session.deleteMany({ where: { id } });
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export async function deleteExpiredSessions(now = new Date()) {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
