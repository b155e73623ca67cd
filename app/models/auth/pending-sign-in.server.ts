/**
 * Between the password and the second factor a browser holds a short-lived signed cookie
 * (ADR 027), not a session: it names the account, which step is next ("code", or "enrol"
 * when the account has no confirmed second factor yet), and when it stops working (10
 * minutes). It opens nothing but the /login/code and /login/enrol pages. It is also void once
 * the password changed or the account was deactivated after it was issued.
 */
import { createCookie } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { isStaffRole } from "~/lib/permissions";

export const PENDING_MINUTES = 10;

export type PendingStep = "code" | "enrol";

interface PendingValue {
  u: string;
  s: PendingStep;
  /** Expiry, epoch ms. */
  x: number;
  /** passwordChangedAt when issued, epoch ms (0 when never changed). */
  p: number;
}

let cookie: ReturnType<typeof createCookie> | undefined;

function pendingCookie() {
  const e = env();
  cookie ??= createCookie("__staff_pending", {
    httpOnly: true,
    sameSite: "lax",
    secure: e.NODE_ENV === "production" && e.APP_URL.startsWith("https:"),
    path: "/",
    secrets: e.SESSION_SECRET,
    maxAge: PENDING_MINUTES * 60,
  });
  return cookie;
}

/** Set-Cookie for a browser that passed the password (or accepted an invitation). */
export function startPendingSignIn(
  user: { id: string; passwordChangedAt: Date | null },
  step: PendingStep,
  now = Date.now(),
): Promise<string> {
  const value: PendingValue = {
    u: user.id,
    s: step,
    x: now + PENDING_MINUTES * 60_000,
    p: user.passwordChangedAt?.getTime() ?? 0,
  };
  return pendingCookie().serialize(value);
}

export function clearPendingSignIn(): Promise<string> {
  return pendingCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export interface PendingSignIn {
  userId: string;
  email: string;
  name: string;
  /** The account's role, for where it lands once signed in (its home, ADR 029). */
  role: string;
  step: PendingStep;
}

/** The pending sign-in the request carries, when still valid; null otherwise. */
export async function readPendingSignIn(request: Request): Promise<PendingSignIn | null> {
  const raw: unknown = await pendingCookie().parse(request.headers.get("Cookie"));
  if (!raw || typeof raw !== "object") return null;
  const v = raw as Partial<PendingValue>;
  if (typeof v.u !== "string" || (v.s !== "code" && v.s !== "enrol") || typeof v.x !== "number")
    return null;
  if (v.x < Date.now()) return null;
  const user = await db.user.findUnique({
    where: { id: v.u },
    select: {
      email: true,
      name: true,
      role: true,
      active: true,
      deactivatedAt: true,
      passwordChangedAt: true,
      totpConfirmedAt: true,
    },
  });
  if (!user || !user.active || user.deactivatedAt || !isStaffRole(user.role)) return null;
  if ((user.passwordChangedAt?.getTime() ?? 0) !== v.p) return null;
  // The step follows the account: enrolled meanwhile means a code; reset meanwhile, enrol.
  const step: PendingStep = user.totpConfirmedAt ? "code" : "enrol";
  return { userId: v.u, email: user.email, name: user.name, role: user.role, step };
}
