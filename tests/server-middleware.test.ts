/**
 * server.mjs's static files and compression (issue 21 §4, ADR 037), on a bare Express app
 * with the same middleware: a page request never touches the disk, assets still arrive with
 * their cache headers, and what is worth compressing is compressed (brotli or gzip) while
 * PDFs, event streams and small bodies are not, and a streamed body still arrives in pieces.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";
import { compressResponses, serveStatic } from "../server/static-and-compression.mjs";

const root = path.resolve("tmp/test/static-root");
let server: http.Server;
let base: string;
const big = "<p>Ein Patient, eine Reise.</p>".repeat(200);

beforeAll(async () => {
  fs.mkdirSync(path.join(root, "build"), { recursive: true });
  fs.mkdirSync(path.join(root, "fonts"), { recursive: true });
  fs.writeFileSync(path.join(root, "build", "entry-ABC123.js"), "console.log(1);".repeat(200));
  fs.writeFileSync(path.join(root, "fonts", "a.woff2"), Buffer.alloc(2000, 7));
  fs.writeFileSync(path.join(root, "favicon.svg"), "<svg/>");
  const app = express();
  app.use(compressResponses());
  serveStatic(app, root);
  app.get("/page", (_req, res) => res.type("html").send(big));
  app.get("/tiny", (_req, res) => res.type("html").send("<p>hi</p>"));
  app.get("/data.data", (_req, res) => res.type("text/x-script").send(big));
  app.get("/doc.pdf", (_req, res) => res.type("application/pdf").send(Buffer.alloc(5000, 1)));
  app.get("/events", (_req, res) => {
    res.type("text/event-stream");
    res.write(`data: ${"x".repeat(2000)}\n\n`);
    res.end();
  });
  // Like Remix: a first chunk, then the rest later, calling res.flush() after each write.
  app.get("/streamed", (_req, res) => {
    const flushable = res as unknown as { flush?: () => void };
    res.type("html");
    res.write(`<html>${big}`);
    flushable.flush?.();
    setTimeout(() => {
      res.write("<script>deferred()</script></html>");
      flushable.flush?.();
      res.end();
    }, 300);
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(root, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** A raw GET: status, headers and the undecoded body. */
function get(
  url: string,
  headers: Record<string, string> = {},
  onChunk?: (chunk: Buffer, at: number) => void,
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const started = Date.now();
      http
        .get(`${base}${url}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => {
            chunks.push(c);
            onChunk?.(c, Date.now() - started);
          });
          res.on("end", () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject);
    },
  );
}

describe("static files", () => {
  it("does not stat anything for a page request", async () => {
    const stat = vi.spyOn(fs, "stat");
    const res = await get("/page");
    expect(res.status).toBe(200);
    expect(stat).not.toHaveBeenCalled();
    // The spy sees the static middleware's lookups: an asset request makes one.
    const asset = await get("/favicon.svg");
    expect(asset.status).toBe(200);
    expect(asset.body.toString()).toBe("<svg/>");
    expect(stat).toHaveBeenCalled();
    stat.mockRestore();
  });

  it("serves hashed assets for a year, immutable, and other files for an hour", async () => {
    const js = await get("/build/entry-ABC123.js");
    expect(js.status).toBe(200);
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const font = await get("/fonts/a.woff2");
    expect(font.status).toBe(200);
    expect(font.headers["cache-control"]).toBe("public, max-age=3600");
    expect((await get("/favicon.svg")).headers["cache-control"]).toBe("public, max-age=3600");
    // A path under no public entry is the app's (here: Express's 404), not a file.
    expect((await get("/favicon.svg.bak")).status).toBe(404);
  });
});

describe("compression", () => {
  it("compresses HTML and data responses with brotli when asked, else gzip", async () => {
    for (const url of ["/page", "/data.data"]) {
      const br = await get(url, { "Accept-Encoding": "gzip, deflate, br" });
      expect(br.headers["content-encoding"], url).toBe("br");
      expect(br.headers.vary).toMatch(/Accept-Encoding/);
      expect(zlib.brotliDecompressSync(br.body).toString()).toBe(big);
      expect(br.body.length).toBeLessThan(big.length / 10);
      const gz = await get(url, { "Accept-Encoding": "gzip" });
      expect(gz.headers["content-encoding"], url).toBe("gzip");
      expect(zlib.gunzipSync(gz.body).toString()).toBe(big);
      const plain = await get(url);
      expect(plain.headers["content-encoding"], url).toBeUndefined();
      expect(plain.body.toString()).toBe(big);
    }
  });

  it("leaves PDFs, event streams and tiny bodies alone", async () => {
    for (const url of ["/doc.pdf", "/events", "/tiny"]) {
      const res = await get(url, { "Accept-Encoding": "gzip, br" });
      expect(res.status, url).toBe(200);
      expect(res.headers["content-encoding"], url).toBeUndefined();
    }
  });

  it("sends a streamed page's first part before its last is written", async () => {
    const arrivals: number[] = [];
    const res = await get("/streamed", { "Accept-Encoding": "br" }, (_c, at) => arrivals.push(at));
    expect(res.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(
      `<html>${big}<script>deferred()</script></html>`,
    );
    // The first bytes came well before the deferred part (300 ms later).
    expect(arrivals.length).toBeGreaterThan(1);
    expect(arrivals[0]!).toBeLessThan(200);
  });
});
