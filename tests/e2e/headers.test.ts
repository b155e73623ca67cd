/**
 * Security headers and cookies from the production server, over HTTP: a CSP whose script
 * nonce is fresh per response and carried by every script of the page, frame-ancestors
 * 'none', nosniff, X-Frame-Options, the referrer policy, HSTS only in production behind an
 * https APP_URL, and the session cookie's flags (Secure there too).
 */
import { buildApp, staffSessionCookie, staffSignIn, startApp, type App } from "./harness";

let plain: App;
let https: App;

beforeAll(async () => {
  buildApp();
  plain = await startApp();
  // Behind a TLS-terminating proxy the public address is https; the server itself is plain.
  https = await startApp({ APP_URL: "https://clinic.example", TRUST_PROXY: "true" });
});
afterAll(async () => {
  await plain?.stop();
  await https?.stop();
});

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

describe("security headers", () => {
  it("sends a CSP with a fresh nonce that every script on the page carries", async () => {
    const [a, b] = await Promise.all([fetch(`${plain.url}/`), fetch(`${plain.url}/enquire`)]);
    const csp = a.headers.get("content-security-policy") ?? "";
    const nonce = nonceOf(csp);
    expect(nonce).toBeTruthy();
    expect(nonceOf(b.headers.get("content-security-policy") ?? "")).not.toBe(nonce);
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "'strict-dynamic'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("compresses pages and data (brotli, else gzip) and keeps every header and the nonce", async () => {
    const br = await fetch(`${plain.url}/enquire`, { headers: { "Accept-Encoding": "gzip, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("x-content-type-options")).toBe("nosniff");
    expect(br.headers.get("x-frame-options")).toBe("DENY");
    const nonce = nonceOf(br.headers.get("content-security-policy") ?? "");
    expect(nonce).toBeTruthy();
    // fetch decodes the body: the page is whole, every script with the response's nonce.
    const html = await br.text();
    expect(html).toContain("</html>");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const gzip = await fetch(`${plain.url}/enquire`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    // A signed-in page's data request (Remix single fetch), still private.
    const cookie = await staffSessionCookie(plain.url, "coordinator@demo.clinic");
    const data = await fetch(`${plain.url}/staff/cases.data`, {
      headers: { "Accept-Encoding": "br", Cookie: cookie },
    });
    expect(data.status).toBe(200);
    expect(data.headers.get("content-encoding")).toBe("br");
    expect(data.headers.get("cache-control")).toBe("no-store");
    expect((await data.text()).length).toBeGreaterThan(1000);
    // Asked for nothing, sent as is.
    const plainPage = await fetch(`${plain.url}/enquire`, { headers: { "Accept-Encoding": "" } });
    expect(plainPage.headers.get("content-encoding")).toBeNull();
  });

  it("sends nosniff, frame and referrer policies on pages, downloads and errors alike", async () => {
    for (const path of ["/", "/healthz", "/staff/cases", "/no-such-page"]) {
      const res = await fetch(`${plain.url}${path}`, { redirect: "manual" });
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("sends HSTS only in production behind an https address, and marks the cookie Secure there", async () => {
    expect((await fetch(`${plain.url}/`)).headers.get("strict-transport-security")).toBeNull();
    const res = await fetch(`${https.url}/`);
    expect(res.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );

    // Both steps (password, then code) as the browser sends them through a TLS-terminating
    // proxy: its origin, and what the proxy adds.
    const signIn = (app: App) =>
      staffSignIn(app.url, "coordinator@demo.clinic", {
        Origin: app.env.APP_URL!,
        "X-Forwarded-Host": new URL(app.env.APP_URL!).host,
        "X-Forwarded-Proto": new URL(app.env.APP_URL!).protocol.slice(0, -1),
      });
    const plainCookie = await signIn(plain);
    const httpsCookie = await signIn(https);
    for (const cookie of [plainCookie, httpsCookie]) {
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//i);
    }
    expect(plainCookie).not.toMatch(/; Secure/i);
    expect(httpsCookie).toMatch(/; Secure/i);
  });
});
