// Two pieces of server.mjs's Express set-up, kept here so tests can mount them on a bare
// Express app (tests/server-middleware.test.ts) without a Remix build.
// Why each is as it is: docs/decisions/037-fixed-request-cost.md.
import fs from "node:fs";
import path from "node:path";
import { setImmediate } from "node:timers";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";

/**
 * Static files, mounted only where they live. express.static in front of every request
 * looked each page's path up on disk first (a `stat` per request, 2–6 % of a page's CPU);
 * here a request reaches the file system only when its path starts with one of public/'s
 * own entries, listed once at start-up: /build/… (the compiler's content-hashed assets,
 * cached for a year and never revalidated), /favicon.svg and any other folder or file
 * that is there when the server starts.
 */
export function serveStatic(app, root = "public") {
  app.use("/build", express.static(path.join(root, "build"), { immutable: true, maxAge: "1y" }));
  const entries = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }) : [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "build") continue;
    if (entry.isDirectory()) {
      app.use(`/${entry.name}`, express.static(path.join(root, entry.name), { maxAge: "1h" }));
    } else {
      // One file: served at its own path, by exact match.
      const file = path.resolve(root, entry.name);
      const serve = express.static(root, { maxAge: "1h", index: false });
      app.get(`/${entry.name}`, (req, res, next) => {
        if (path.resolve(root, `.${req.path}`) !== file) return next();
        serve(req, res, next);
      });
    }
  }
}

/**
 * HTML, JSON and Remix's data responses (text/x-script) compressed: brotli where the client
 * accepts it, else gzip. Quality 4 for brotli (the package's default, ~gzip's CPU, smaller)
 * and gzip's default level 6. Not for bodies under 1 KB (the framing costs more than it
 * saves), not for what is already compressed (PDFs, images, zips: `compressible` says no),
 * and not for event streams, whose events must leave as they happen. Streamed pages still
 * arrive piece by piece: Remix calls res.flush() after each chunk it writes, and this
 * middleware's flush pushes the compressor's output out.
 */
export function compressResponses() {
  const compress = compression({
    threshold: 1024,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    filter(req, res) {
      const type = String(res.getHeader("Content-Type") ?? "");
      if (/^text\/event-stream/i.test(type)) return false;
      return compression.filter(req, res);
    },
  });
  return (req, res, next) =>
    compress(req, res, (error) => {
      if (error) return next(error);
      // Remix flushes after every chunk it writes, and React writes a page in many small
      // chunks: a compressor flushed that often compresses each piece on its own (a third of
      // the ratio, and more CPU). One flush per turn of the event loop sends the same bytes
      // just as soon (everything written in that turn), compressed as a whole.
      const flush = res.flush;
      let pending = null;
      res.flush = function coalescedFlush() {
        pending ??= setImmediate(() => {
          pending = null;
          if (!res.writableEnded && !res.destroyed) flush.call(res);
        });
      };
      next();
    });
}
