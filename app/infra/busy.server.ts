/**
 * A database that stays locked longer than DATABASE_BUSY_TIMEOUT_MS (SQLite's busy timeout,
 * PostgreSQL's lock_timeout) fails the query; the transaction around it rolls back, so
 * nothing is half written. This turns that failure into a clear 503 with Retry-After, in
 * the reader's language, instead of a 500: server.mjs wraps every route's loader and action.
 */
import type { ServerBuild } from "@remix-run/node";
import { dirOf } from "~/i18n/config";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import type { BusyMessage } from "~/lib/busy";

/** Prisma's codes for a timed-out operation, a write conflict or deadlock, a pool timeout. */
const BUSY_CODES = new Set(["P1008", "P2034", "P2024"]);
/** The drivers' own codes: SQLite busy/locked; PostgreSQL lock timeout, serialization, deadlock. */
const DRIVER_CODES = new Set(["SQLITE_BUSY", "SQLITE_LOCKED", "55P03", "40001", "40P01"]);

export function isDatabaseBusy(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  // A Prisma error, or the driver adapter's own error (thrown as is inside a transaction).
  const e = error as {
    code?: unknown;
    cause?: { originalCode?: unknown };
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
  };
  if (typeof e.code === "string" && (BUSY_CODES.has(e.code) || DRIVER_CODES.has(e.code))) {
    return true;
  }
  const original = e.meta?.driverAdapterError?.cause?.originalCode ?? e.cause?.originalCode;
  return typeof original === "string" && DRIVER_CODES.has(original);
}

export const RETRY_AFTER_S = 5;

/**
 * The answer, in the reader's language. The error page shows it even when the root loader
 * did not run (after a failed action), so it carries its own language and direction.
 */
async function busyResponse(request: Request): Promise<Response> {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale, "common");
  const body: BusyMessage = {
    busy: true,
    lang: locale,
    dir: dirOf(locale),
    title: t("errors.busy.title"),
    body: t("errors.busy.body"),
  };
  return new Response(JSON.stringify(body), {
    status: 503,
    statusText: "Service Unavailable",
    headers: {
      "Retry-After": String(RETRY_AFTER_S),
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any loader's or action's arguments
type Handler = (args: any) => unknown;

/**
 * A body the platform's own reader could not read (a malformed multipart post, say) fails in
 * the runtime's form parser with a TypeError; it is bad input, answered 400, not a 500.
 */
export function isUnreadableBody(error: unknown): boolean {
  return (
    error instanceof TypeError && /parse body as FormData|Body is unusable/i.test(error.message)
  );
}

async function unreadableResponse(request: Request): Promise<Response> {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale, "common");
  return new Response(`${t("errors.contentType.title")}: ${t("errors.contentType.body")}`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The handler, answering 503 when the database stays busy and 400 for an unreadable body. */
export function answerBusy<H extends Handler>(handler: H): H {
  return (async (args: { request: Request }) => {
    try {
      return await handler(args);
    } catch (error) {
      if (isDatabaseBusy(error)) throw await busyResponse(args.request);
      if (isUnreadableBody(error)) throw await unreadableResponse(args.request);
      throw error;
    }
  }) as H;
}

/** The build with every route's loader and action wrapped by answerBusy(). */
export function withBusyAnswers(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = { ...route.module } as typeof route.module;
      if (module.loader)
        module.loader = answerBusy(module.loader as Handler) as typeof module.loader;
      if (module.action)
        module.action = answerBusy(module.action as Handler) as typeof module.action;
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}
