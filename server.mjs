// The production HTTP server: Express in front of the Remix build. It adds security
// headers and a per-request CSP nonce, refuses cross-site writes, oversized bodies and
// bodies that are not forms before any route reads them (app/infra/http-guard.server.ts),
// compresses what is worth it, serves public/ only under its own paths, passes the client
// IP to loaders, starts the background worker, and shuts down cleanly on
// SIGTERM/SIGINT.
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL, URL } from "node:url";
import express from "express";
import { compressResponses, serveStatic } from "./server/static-and-compression.mjs";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
} from "@remix-run/node";

const BUILD_PATH = path.resolve("build/index.js");
const rawBuild = await import(pathToFileURL(BUILD_PATH).href);
// Every loader and action answers 503 "busy, try again" when the database stays locked.
const build = rawBuild.entry.module.withBusyAnswers(rawBuild);
const isProduction = process.env.NODE_ENV === "production";

// Fail fast on a bad environment, and prepare the database before taking traffic.
await build.entry.module.prepareServer();

const stripeOrigin = process.env.STRIPE_API_URL ? new URL(process.env.STRIPE_API_URL).origin : null;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true" ? true : "loopback");

// The one page that may be framed, by the app's own pages only: a case document in the staff
// viewer (app/routes/staff.cases.$caseId.documents.$documentId.view.ts). Every other page
// refuses any frame.
const FRAMEABLE = /^\/staff\/cases\/[^/]+\/documents\/[^/]+\/view$/;

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      // The staff viewer frames a case document from the app itself (FRAMEABLE).
      "frame-src 'self'",
      "connect-src 'self'" + (isProduction ? "" : " ws://localhost:*"),
      // Card payment leaves for Stripe's hosted Checkout page (or the stand-in STRIPE_API_URL names).
      `form-action 'self' https://checkout.stripe.com${stripeOrigin ? ` ${stripeOrigin}` : ""}`,
      FRAMEABLE.test(req.path) ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  // A handover share link carries its token in the address: nothing it leads to may learn it.
  res.setHeader(
    "Referrer-Policy",
    req.path.startsWith("/share/") ? "no-referrer" : "strict-origin-when-cross-origin",
  );
  res.setHeader("X-Frame-Options", FRAMEABLE.test(req.path) ? "SAMEORIGIN" : "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (isProduction && (process.env.APP_URL ?? "").startsWith("https:")) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

// A 503 (the database stayed busy) tells clients when to try again, on pages as on
// resource routes: Remix renders the error page for a document request without the
// thrown response's headers.
app.use((req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status === 503 && !res.getHeader("Retry-After")) res.setHeader("Retry-After", "5");
    return writeHead.call(this, status, ...rest);
  };
  next();
});

// HTML, JSON and data responses leave compressed (brotli or gzip) when the client asks.
app.use(compressResponses());

// Static files only under public/'s own paths: a page request never touches the disk.
serveStatic(app, "public");

const guard = build.entry.module;
// Cross-site writes (403), oversized bodies (413) and bodies that are not forms (400).
app.use(guard.requestGuard);

// A signed-in person's pages are never kept by a browser or proxy cache.
app.use((req, res, next) => {
  const writeHead = res.writeHead;
  const signedIn = /(^|;\s*)__session=/.test(req.headers.cookie ?? "");
  res.writeHead = function (...args) {
    if (signedIn || guard.isPrivatePath(req.path)) res.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  };
  next();
});

// @remix-run/express's handler, except that the body reaches Remix through a counter that
// stops it at the route's limit (a chunked body declares no length to check up front).
const handleRemix = createRequestHandler(build, isProduction ? "production" : "development");
function remixRequest(req, res) {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find((p) =>
    Number.isSafeInteger(p),
  );
  const url = new URL(
    `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`,
  );
  let controller = new AbortController();
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value ? [value] : []) headers.append(key, one);
  }
  // The request guard has already checked the origin of every write against the app's own
  // (APP_URL, or the address reached). Remix's narrower check (Origin against Host or a
  // forwarded host, which a client can make up) would only turn a mismatch into a 500.
  headers.delete("x-forwarded-host");
  const origin = req.get("origin");
  headers.set(
    "host",
    origin && /^https?:\/\/[^/]+$/.test(origin) ? new URL(origin).host : url.host,
  );
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(
      guard.limitedBody(req, res, () => {
        res.locals.bodyRefused = true;
        controller?.abort();
      }),
    );
    init.duplex = "half";
  }
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}
app.all("*", async (req, res, next) => {
  try {
    const request = remixRequest(req, res);
    const response = await handleRemix(request, { ip: req.ip, cspNonce: res.locals.cspNonce });
    // The body went over its limit: the 413 is the answer.
    if (res.locals.bodyRefused || res.headersSent) return;
    res.statusMessage = response.statusText;
    res.status(response.status);
    for (const [key, value] of response.headers.entries()) res.append(key, value);
    if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (error) {
    next(error);
  }
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = app.listen(port, host, () => {
  console.log(`Medical-travel platform listening on http://localhost:${port}`);
});
const stopWorker = build.entry.module.startBackgroundWorker();

let closing = false;
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal} received, shutting down`);
  server.close();
  await stopWorker();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
