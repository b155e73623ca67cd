/**
 * The checks in front of every route. server.mjs runs them on each request before Remix
 * reads it, so no route can forget them and no body is read before it is allowed:
 *
 * - **Cross-site writes** (CSRF, login CSRF): a request that is not GET, HEAD or OPTIONS must
 *   come from the app's own origin. `Sec-Fetch-Site` must be `same-origin` (or `none`) where
 *   the browser sends it, and `Origin` (or, when absent, `Referer`) must be the app's origin.
 *   A request with neither is refused too: every browser sends `Origin` on a POST. Form posts,
 *   `.data` posts and legacy `?_data=` posts are all the same POST here. Signed webhooks are
 *   the one exception (they carry their own signature): 403.
 * - **Body size**: at most {@link FORM_BODY_LIMIT} (webhooks too), or the multipart limits on the
 *   routes that take files. A declared length over the limit is answered before anything is
 *   read; a chunked body is counted as it streams (see server.mjs): 413.
 * - **Content type**: a body is a form (urlencoded or multipart), or empty. JSON, text and the
 *   like get 400, not a parser error deep in an action.
 *
 * Every refusal is a short page in the reader's language. See docs/security.md.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { Transform, type TransformCallback } from "node:stream";
import { dirOf } from "~/i18n/config";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { env } from "~/env.server";
import { MAX_FILES_PER_UPLOAD } from "~/infra/document-store.server";

/** The most any form or webhook may send. */
export const FORM_BODY_LIMIT = 1024 * 1024;

/** Endpoints that prove who sent them by signature, not by origin. */
export const WEBHOOK_PATHS: readonly string[] = [
  "/webhooks/stripe",
  "/webhooks/whatsapp",
  "/webhooks/sms",
];

/** Pages whose forms carry files (multipart); they get the upload limits instead. */
export const UPLOAD_PATHS: readonly RegExp[] = [
  /^\/enquire\/?$/,
  /^\/portal\/cases\/[^/]+\/?$/,
  /^\/portal\/cases\/[^/]+\/travel\/?$/,
  /^\/portal\/cases\/[^/]+\/aftercare\/[^/]+\/?$/,
  /^\/staff\/clinic\/?$/,
  // An insurance policy's document, uploaded by the coordinator (issue 25).
  /^\/staff\/cases\/[^/]+\/travel\/?$/,
];

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export type RefusalKey = "crossSite" | "contentType" | "tooLarge";

/** A legacy data request (`?_data=`): the app uses single fetch, so none is legitimate. */
function isLegacyDataRequest(search: string): boolean {
  return /(^|[?&])_data(=|&|$)/.test(search);
}
export interface Refusal {
  status: 400 | 403 | 413;
  key: RefusalKey;
}

/** What the checks need to know of a request, whatever server received it. */
export interface RequestFacts {
  method: string;
  /** The query string, with its "?" (or empty). */
  search?: string;
  /** The path without the query string, and without a single-fetch `.data` suffix. */
  path: string;
  header(name: string): string | undefined;
  /** The origin the request reached, as the server sees it (scheme://host[:port]). */
  ownOrigin: string;
}

/** A single-fetch data request (`/page.data`) is the page's own action. */
export function routePath(pathname: string): string {
  if (pathname === "/_root.data") return "/";
  return pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
}

export function isWebhook(path: string): boolean {
  return WEBHOOK_PATHS.includes(path.replace(/\/$/, ""));
}

export function takesUploads(path: string): boolean {
  return UPLOAD_PATHS.some((re) => re.test(path));
}

/** The most bytes a request to this path may carry. */
export function bodyLimit(path: string, contentType: string): number {
  if (takesUploads(path) && contentType.toLowerCase().startsWith("multipart/form-data")) {
    return env().UPLOAD_MAX_BYTES * MAX_FILES_PER_UPLOAD + FORM_BODY_LIMIT;
  }
  return FORM_BODY_LIMIT;
}

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** The app's own origins: the public address (APP_URL) and the address the request reached. */
export function ownOrigins(facts: Pick<RequestFacts, "ownOrigin">): Set<string> {
  const origins = new Set<string>();
  const app = originOf(env().APP_URL);
  if (app) origins.add(app);
  const reached = originOf(facts.ownOrigin);
  if (reached) origins.add(reached);
  return origins;
}

/** Is this write from a page of our own? */
export function isSameOrigin(facts: RequestFacts): boolean {
  const site = facts.header("sec-fetch-site")?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return false;
  const allowed = ownOrigins(facts);
  const origin = facts.header("origin");
  if (origin !== undefined) return allowed.has(originOf(origin) ?? "\0");
  const referer = originOf(facts.header("referer"));
  return referer !== null && allowed.has(referer);
}

function hasBody(facts: RequestFacts): boolean {
  const length = facts.header("content-length");
  if (length !== undefined) return Number(length) > 0;
  return facts.header("transfer-encoding") !== undefined;
}

/** The first check the request fails, or null when it may go on to the route. */
export function checkRequest(facts: RequestFacts): Refusal | null {
  if (facts.search && isLegacyDataRequest(facts.search)) {
    // Remix would route it as a data request of another protocol and fail with a 500.
    return SAFE_METHODS.has(facts.method.toUpperCase()) || isSameOrigin(facts)
      ? { status: 400, key: "contentType" }
      : { status: 403, key: "crossSite" };
  }
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return null;
  const webhook = isWebhook(facts.path);
  if (!webhook && !isSameOrigin(facts)) return { status: 403, key: "crossSite" };
  const type = facts.header("content-type") ?? "";
  const length = facts.header("content-length");
  if (length !== undefined) {
    const bytes = Number(length);
    if (!Number.isSafeInteger(bytes) || bytes < 0) return { status: 400, key: "contentType" };
    if (bytes > bodyLimit(facts.path, type)) return { status: 413, key: "tooLarge" };
  }
  if (!webhook && hasBody(facts)) {
    const base = type.split(";")[0]!.trim().toLowerCase();
    if (!FORM_TYPES.includes(base)) return { status: 400, key: "contentType" };
  }
  return null;
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The refusal as a small page in the reader's language (cookie, then Accept-Language). */
export async function refusalPage(
  refusal: Refusal,
  headers: { cookie?: string; acceptLanguage?: string },
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const probe = new Request("http://local/", {
    headers: {
      ...(headers.cookie ? { Cookie: headers.cookie } : {}),
      ...(headers.acceptLanguage ? { "Accept-Language": headers.acceptLanguage } : {}),
    },
  });
  const { locale } = await detectLocale(probe);
  const t = getFixedT(locale, "common");
  const title = t(`errors.${refusal.key}.title`);
  const body = t(`errors.${refusal.key}.body`, {
    megabytes: Math.round(FORM_BODY_LIMIT / (1024 * 1024)),
  });
  const html = `<!doctype html><html lang="${locale}" dir="${dirOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(t("errors.home"))}</a></p></main></body></html>`;
  return {
    status: refusal.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Language": locale,
    },
    body: html,
  };
}

function factsOf(req: ExpressRequest): RequestFacts {
  return {
    method: req.method,
    path: routePath(req.path),
    search: req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "",
    header: (name) => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    ownOrigin: `${req.protocol}://${req.get("host") ?? ""}`,
  };
}

async function refuse(req: ExpressRequest, res: ExpressResponse, refusal: Refusal) {
  const page = await refusalPage(refusal, {
    cookie: req.headers.cookie,
    acceptLanguage: req.get("accept-language"),
  });
  if (res.headersSent) return;
  res.status(page.status).set(page.headers).send(page.body);
  if (refusal.status === 413) discardRest(req);
}

/** How much of a refused body is read and thrown away, at most, and for how long. */
const DISCARD_BYTES = 32 * 1024 * 1024;
const DISCARD_MS = 5_000;

/**
 * The rest of a refused body is read and dropped (never kept), so the client, which may still
 * be sending, receives the 413 instead of a connection reset; past a bound the connection is
 * cut. Closing at once would make the kernel reset the connection over the unread bytes and
 * the answer could be lost.
 */
function discardRest(req: ExpressRequest) {
  const socket = req.socket;
  let seen = 0;
  const timer = setTimeout(() => socket.destroy(), DISCARD_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DISCARD_BYTES) socket.destroy();
  });
  req.on("end", () => clearTimeout(timer));
  req.on("close", () => clearTimeout(timer));
}

/** Express middleware: refuses what checkRequest() refuses, before the body is read. */
export function requestGuard(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const refusal = checkRequest(factsOf(req));
  if (!refusal) return next();
  refuse(req, res, refusal).catch(next);
}

/** Paths whose pages belong to a signed-in person; their answers are never stored by caches. */
export function isPrivatePath(path: string): boolean {
  return (
    /^\/(portal|staff)(\/|\.data$|$)/.test(path) ||
    /^\/(login|portal\/auth|enquire\/confirm)/.test(path)
  );
}

/**
 * Counts a streamed body as it arrives. Past the limit it answers 413 (when nothing was sent
 * yet) and ends the body with an error, so the route never sees the rest.
 */
export class BodyLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly onExceeded: () => void,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      this.onExceeded();
      done(new Error("Request body too large"));
      return;
    }
    done(null, chunk);
  }
}

/**
 * The body of an Express request as a stream capped at the route's limit. Past it, the
 * request is answered 413 and `onExceeded` runs (server.mjs aborts the route's work).
 */
export function limitedBody(req: ExpressRequest, res: ExpressResponse, onExceeded: () => void) {
  const facts = factsOf(req);
  const limit = bodyLimit(facts.path, facts.header("content-type") ?? "");
  const counter = new BodyLimit(limit, () => {
    onExceeded();
    void refuse(req, res, { status: 413, key: "tooLarge" });
  });
  req.on("error", (error) => counter.destroy(error));
  return req.pipe(counter);
}
