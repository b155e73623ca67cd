/**
 * Database-backed sessions. The cookie carries only a random session id, signed with
 * SESSION_SECRET (a comma-separated list, newest first, so secrets can be rotated). The
 * row in Session is the truth: deleting it signs the browser out. A new id is issued at
 * every sign-in, so a session id planted before sign-in is worthless after it.
 */
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import type Database from "better-sqlite3";
import pg from "pg";
import { db, fastSql } from "~/db.server";
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

export interface SessionRow {
  expiresAt: Date;
  lastSeenAt: Date | null;
  user: {
    id: string;
    email: string;
    name: string;
    role: string;
    locale: string;
    timeZone: string;
    active: boolean;
  };
}

const SESSION_SQL = `SELECT s."expiresAt", s."lastSeenAt", u."id", u."email", u."name", u."role",
  u."locale", u."timeZone", u."active"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = `;

/** A stored time as a Date: Prisma writes ISO text on SQLite, TIMESTAMP(3) in UTC on PostgreSQL. */
export function storedTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  // Without a zone (PostgreSQL's text form, or SQLite's CURRENT_TIMESTAMP) the time is UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** PostgreSQL's TIMESTAMP (without zone) as text, so the row is read as stored: in UTC. */
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === 1114 ? (text: string) => text : pg.types.getTypeParser(oid, format),
};

/**
 * The session and its user, as Prisma's `session.findUnique({ select: … user })` gave them,
 * in one prepared statement: this runs on every signed-in request, and through Prisma it
 * cost over a hundred times more CPU (docs/decisions/037-fixed-request-cost.md).
 */
export async function findSession(id: string): Promise<SessionRow | null> {
  const fast = await fastSql();
  let row: Record<string, unknown> | undefined;
  if (fast.dialect === "postgresql") {
    const result = await fast.pool.query({
      name: "session-by-id",
      text: `${SESSION_SQL}$1`,
      values: [id],
      types: pgTypes,
    });
    row = result.rows[0] as Record<string, unknown> | undefined;
  } else {
    row = sessionStatement(fast.sqlite).get(id) as Record<string, unknown> | undefined;
  }
  if (!row) return null;
  return {
    expiresAt: storedTime(row.expiresAt)!,
    lastSeenAt: storedTime(row.lastSeenAt),
    user: {
      id: String(row.id),
      email: String(row.email),
      name: String(row.name),
      role: String(row.role),
      locale: String(row.locale),
      timeZone: String(row.timeZone),
      // SQLite keeps a boolean as 0 or 1 (a BigInt on Prisma's connection).
      active: row.active === true || Number(row.active) === 1,
    },
  };
}

const statements = new WeakMap<Database.Database, Database.Statement>();
function sessionStatement(sqlite: Database.Database): Database.Statement {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(`${SESSION_SQL}?`);
    statements.set(sqlite, statement);
  }
  return statement;
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
