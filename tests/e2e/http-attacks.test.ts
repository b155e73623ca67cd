/**
 * The attacks of issue 17, over HTTP against the production server (server.mjs over the
 * Remix build), the way an outsider sends them:
 * - every action in the route table, posted cross-site as a form, as a legacy `?_data=` post
 *   and as a single-fetch `.data` post, with a foreign Origin, a foreign Referer, a
 *   cross-site Sec-Fetch-Site, `Origin: null` and neither header: each answered 403 by the
 *   one check in front of every route, and nothing stored;
 * - login CSRF: the attacker's own valid sign-in link posted from another site does not sign
 *   the victim's browser in (it does from the app's own page);
 * - a hostile `redirectTo` list after staff sign-in: every Location stays on the app;
 * - bodies: an anonymous 200 MiB post (declared, and chunked) is refused with 413 before it
 *   is read and the server's memory stays put; the webhook's 8 MiB likewise; every action
 *   refuses a 2 MiB form; an upload route takes a 5 MiB file;
 * - wrong content types (JSON, text) get 400 with a message in the reader's language;
 * - signed-in pages are never cached.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { HOSTILE_REDIRECTS } from "../security/hostile-redirects";
import { MATRIX, type Ids } from "../security/routes";
import { startSmtp, type TestSmtp } from "../support/smtp";
import {
  buildApp,
  DEMO_PASSWORD,
  nextTotpCode,
  staffSessionCookie,
  startApp,
  type App,
} from "./harness";

let app: App;
let smtp: TestSmtp;
let ids: Ids;
const EVIL = "https://evil.example";

beforeAll(async () => {
  buildApp();
  smtp = await startSmtp();
  app = await startApp({ SMTP_URL: smtp.url, TRUST_PROXY: "true", OUTBOX_POLL_MS: "100" });
  const sql = new Database(path.join(app.dir, "app.db"), { readonly: true });
  // The guard answers before any route looks at an id, so a missing row needs no stand-in.
  const one = (query: string) =>
    (sql.prepare(query).get() as { id: string } | undefined)?.id ?? "none";
  ids = {
    caseId: one(`SELECT "caseId" AS id FROM "Payment" WHERE "receiptNumber" IS NOT NULL LIMIT 1`),
    emailId: one(`SELECT id FROM "OutboxEmail" LIMIT 1`),
    documentId: one(`SELECT id FROM "Document" LIMIT 1`),
    quoteId: one(`SELECT id FROM "Quote" LIMIT 1`),
    paymentId: one(`SELECT id FROM "Payment" WHERE "receiptNumber" IS NOT NULL LIMIT 1`),
    followUpId: one(`SELECT id FROM "FollowUp" LIMIT 1`),
    appointmentId: one(`SELECT id FROM "Appointment" LIMIT 1`),
  };
  sql.close();
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

let visitor = 0;
/** Each request from its own client address, so per-address limits count requests, not us. */
const from = () => ({ "X-Forwarded-For": `10.99.${(visitor >> 8) & 255}.${visitor++ & 255}` });

/** Rows per table: what a refused request must leave as it was. */
function counts(): Record<string, number> {
  const sql = new Database(path.join(app.dir, "app.db"), { readonly: true });
  const tables = sql
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('RateLimit', 'AuditLog', 'Session', '_prisma_migrations')`,
    )
    .all() as { name: string }[];
  const out = Object.fromEntries(
    tables.map((t) => [
      t.name,
      (sql.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n,
    ]),
  );
  sql.close();
  return out;
}

const actionRoutes = Object.entries(MATRIX).filter(([, row]) => row.action);

async function signInStaff(email: string) {
  return staffSessionCookie(app.url, email, from());
}

describe("cross-site writes", () => {
  it("refuses every action posted from another site, in every form a browser can send it, and stores nothing", async () => {
    expect(actionRoutes.length).toBeGreaterThanOrEqual(20);
    const cookie = await signInStaff("admin@demo.clinic");
    const before = counts();
    const variants: [string, (p: string) => string, Record<string, string>][] = [
      ["form, foreign Origin", (p) => p, { Origin: EVIL }],
      ["?_data=, foreign Origin", (p) => `${p}?_data=routes%2Fx`, { Origin: EVIL }],
      [".data, foreign Origin", (p) => `${p === "/" ? "/_root" : p}.data`, { Origin: EVIL }],
      ["foreign Referer, no Origin", (p) => p, { Referer: `${EVIL}/attack.html` }],
      ["Sec-Fetch-Site: cross-site", (p) => p, { "Sec-Fetch-Site": "cross-site" }],
      [
        "Sec-Fetch-Site: same-site",
        (p) => p,
        { "Sec-Fetch-Site": "same-site", Origin: "https://sub.clinic.example" },
      ],
      ["Origin: null", (p) => p, { Origin: "null" }],
      ["neither Origin nor Referer", (p) => p, {}],
    ];
    let sent = 0;
    for (const [file, row] of actionRoutes) {
      // Providers' webhooks (Stripe, WhatsApp, SMS) come from other sites by design, in their
      // own content types; each is checked by its signature instead (tests/channel-inbound).
      if (file.startsWith("webhooks.")) continue;
      const target = row.path(ids);
      for (const [name, url, headers] of variants) {
        const res = await fetch(`${app.url}${url(target)}`, {
          method: "POST",
          redirect: "manual",
          headers: {
            Cookie: cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept-Language": "de",
            ...from(),
            ...headers,
          },
          body: new URLSearchParams({ intent: "message", body: "csrf", confirm: "yes" }),
        });
        expect(res.status, `${file} (${name})`).toBe(403);
        expect(res.headers.get("set-cookie"), `${file} (${name})`).toBeNull();
        expect(await res.text()).toContain("von einer anderen Website");
        sent++;
      }
    }
    expect(sent).toBeGreaterThanOrEqual(160);
    expect(counts()).toEqual(before);
  });

  it("lets the same posts through from the app's own pages, and the signed webhook from anywhere", async () => {
    for (const [file, row] of actionRoutes) {
      const res = await fetch(`${app.url}${row.path(ids)}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Origin: app.url,
          "Sec-Fetch-Site": "same-origin",
          "Content-Type": "application/x-www-form-urlencoded",
          ...from(),
        },
        body: new URLSearchParams({}),
      });
      // Whatever the route answers (sign in first, bad input…), it is the route answering.
      expect(await res.text(), file).not.toContain("<h1>Request refused</h1>");
    }
    const hook = await fetch(`${app.url}/webhooks/stripe`, {
      method: "POST",
      headers: { Origin: EVIL, "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=x" },
      body: JSON.stringify({ id: "evt_forged" }),
    });
    expect(hook.status).toBe(400);
    expect(await hook.json()).toEqual({ error: "invalid signature" });
  });

  it("does not sign a browser into the attacker's account (login CSRF), from a link or a staff form", async () => {
    // The attacker asks for a sign-in link to their own patient account and reads it.
    const asked = await fetch(`${app.url}/portal/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", ...from() },
      body: new URLSearchParams({ email: "leyla.ahmadi@example.com" }),
    });
    expect(asked.status).toBeLessThan(400);
    const [mail] = await smtp.waitFor(1, 10_000);
    const token = /token=([\w-]+)/.exec(mail!.text ?? "")![1]!;
    // A page on another site posts it, as a legacy data request and as a form.
    for (const url of [
      "/portal/auth?_data=routes%2Fportal_.auth",
      "/portal/auth",
      "/portal/auth.data",
    ]) {
      const res = await fetch(`${app.url}${url}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: EVIL, "Content-Type": "application/x-www-form-urlencoded", ...from() },
        body: new URLSearchParams({ token }),
      });
      expect(res.status, url).toBe(403);
      expect(res.headers.getSetCookie(), url).toEqual([]);
    }
    const login = await fetch(`${app.url}/login?_data=routes%2Flogin`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: EVIL, "Content-Type": "application/x-www-form-urlencoded", ...from() },
      body: new URLSearchParams({ email: "coordinator@demo.clinic", password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
    // The link still works from the app's own page: it was valid all along.
    const own = await fetch(`${app.url}/portal/auth`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", ...from() },
      body: new URLSearchParams({ token }),
    });
    expect(own.status).toBe(302);
    expect(own.headers.getSetCookie().some((c) => c.startsWith("__session="))).toBe(true);
  });
});

describe("redirect after staff sign-in", () => {
  it("keeps every Location on the app's origin, whatever redirectTo says", async () => {
    const origin = new URL(app.url).origin;
    for (const redirectTo of HOSTILE_REDIRECTS) {
      const res = await fetch(`${app.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Origin: app.url,
          "Content-Type": "application/x-www-form-urlencoded",
          ...from(),
        },
        body: new URLSearchParams({
          email: "coordinator@demo.clinic",
          password: DEMO_PASSWORD,
          redirectTo,
        }),
      });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      const location = res.headers.get("location")!;
      // eslint-disable-next-line no-control-regex -- a header must carry none
      expect(location, JSON.stringify(redirectTo)).not.toMatch(/[\u0000-\u001f\\]/);
      expect(new URL(location, app.url).origin, JSON.stringify(redirectTo)).toBe(origin);
      // The password step drops a hostile target: the code step then sends the account to its
      // role's home (app/lib/staff-home.ts).
      expect(location).toBe("/login/code");
    }
    // A real target on the site is kept.
    const res = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", ...from() },
      body: new URLSearchParams({
        email: "coordinator@demo.clinic",
        password: DEMO_PASSWORD,
        redirectTo: "/staff/cases?stage=QUOTED",
      }),
    });
    expect(res.headers.get("location")).toBe(
      "/login/code?redirectTo=%2Fstaff%2Fcases%3Fstage%3DQUOTED",
    );
    // The code step takes its target from its own form, so it checks it again: a hostile
    // one falls back to the coordinator's home (the inbox), a real one is kept.
    const pending = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("__staff_pending="))!
      .split(";")[0]!;
    for (const [redirectTo, expected] of [
      [HOSTILE_REDIRECTS[0]!, "/staff/inbox"],
      ["/staff/cases?stage=QUOTED", "/staff/cases?stage=QUOTED"],
    ] as const) {
      const code = await fetch(`${app.url}/login/code`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Origin: app.url,
          "Content-Type": "application/x-www-form-urlencoded",
          Cookie: pending,
          ...from(),
        },
        body: new URLSearchParams({
          code: await nextTotpCode(app.url, "coordinator@demo.clinic"),
          redirectTo,
        }),
      });
      expect(code.status, redirectTo).toBe(302);
      expect(code.headers.get("location"), redirectTo).toBe(expected);
    }
  });
});

/** The server's resident memory, in MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * Streams `bytes` of body, declared (Content-Length) or chunked, over a raw socket, and
 * returns the status the server answered with. The server may close the connection as soon
 * as it has answered, while we are still sending: the status line is read from what arrived.
 */
function bigPost(
  target: string,
  bytes: number,
  declared: boolean,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(target);
    const socket = net.connect(Number(url.port), url.hostname);
    let received = "";
    let answered = false;
    socket.on("data", (d: Buffer) => {
      received += d.toString("latin1");
      if (!answered && /^HTTP\/1\.1 \d{3}/.test(received)) {
        answered = true;
        socket.end();
      }
    });
    socket.on("error", () => {}); // EPIPE or ECONNRESET once the server has answered and closed
    socket.on("close", () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      if (status) resolve(Number(status));
      else reject(new Error(`no answer from ${target}`));
    });
    const head = {
      Host: url.host,
      Origin: app.url,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(declared ? { "Content-Length": String(bytes) } : { "Transfer-Encoding": "chunked" }),
      ...from(),
      ...headers,
    };
    socket.write(
      `POST ${url.pathname} HTTP/1.1\r\n${Object.entries(head)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("")}\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !answered && !socket.destroyed) {
        sent += chunk.length;
        const framed = declared
          ? chunk
          : Buffer.concat([
              Buffer.from(`${chunk.length.toString(16)}\r\n`),
              chunk,
              Buffer.from("\r\n"),
            ]);
        if (!socket.write(framed)) return void socket.once("drain", pump);
      }
      if (!declared && !answered && !socket.destroyed) socket.write("0\r\n\r\n");
    };
    pump();
  });
}

describe("request bodies", () => {
  it("refuses an anonymous 200 MiB post with 413 before reading it, declared or chunked, and memory stays put", async () => {
    const before = rssMb(app.pid());
    expect(await bigPost(`${app.url}/login`, 200 * 1024 * 1024, true)).toBe(413);
    expect(await bigPost(`${app.url}/login`, 200 * 1024 * 1024, false)).toBe(413);
    expect(rssMb(app.pid()) - before).toBeLessThan(60);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("refuses the webhook's 8 MiB before checking its signature", async () => {
    expect(
      await bigPost(`${app.url}/webhooks/stripe`, 8 * 1024 * 1024, true, {
        "Content-Type": "application/json",
        "Stripe-Signature": "t=1,v1=x",
      }),
    ).toBe(413);
  });

  it("refuses a 2 MiB form on every action, and takes a 5 MiB file where files are taken", async () => {
    for (const [file, row] of actionRoutes) {
      const status = await bigPost(`${app.url}${row.path(ids)}`, 2 * 1024 * 1024, true);
      expect(status, file).toBe(413);
    }
    const form = new FormData();
    form.append("name", "Big File");
    const pdf = Buffer.concat([
      Buffer.from("%PDF-1.4\n"),
      Buffer.alloc(5 * 1024 * 1024, " "),
      Buffer.from("\nstartxref\n0\n%%EOF\n"),
    ]);
    form.append("files", new Blob([pdf], { type: "application/pdf" }), "big.pdf");
    const res = await fetch(`${app.url}/enquire`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, ...from() },
      body: form,
    });
    // Read and answered by the route (the rest of the form is missing), not refused for size.
    expect(res.status).toBe(400);
  });
});

describe("content types", () => {
  it("answers JSON and plain-text bodies on every action with 400 and a message in the reader's language", async () => {
    for (const [file, row] of actionRoutes) {
      // Providers' webhooks (Stripe, WhatsApp, SMS) come from other sites by design, in their
      // own content types; each is checked by its signature instead (tests/channel-inbound).
      if (file.startsWith("webhooks.")) continue;
      for (const [type, body] of [
        ["application/json", JSON.stringify({ intent: "message", body: "x" })],
        ["text/plain", "intent=message&body=x"],
      ]) {
        const res = await fetch(`${app.url}${row.path(ids)}`, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: app.url, "Content-Type": type!, "Accept-Language": "fr", ...from() },
          body,
        });
        expect(res.status, `${file} ${type}`).toBe(400);
        expect(await res.text(), `${file} ${type}`).toContain("Seuls les formulaires");
      }
    }
  });
});

describe("malformed requests", () => {
  it("answers a broken multipart body on every action with 400, never a 500", async () => {
    const cookie = await signInStaff("finance@demo.clinic");
    for (const [file, row] of actionRoutes) {
      // Providers' webhooks (Stripe, WhatsApp, SMS) come from other sites by design, in their
      // own content types; each is checked by its signature instead (tests/channel-inbound).
      if (file.startsWith("webhooks.")) continue;
      const res = await fetch(`${app.url}${row.path(ids)}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Origin: app.url,
          Cookie: cookie,
          "Content-Type": "multipart/form-data; boundary=XYZ",
          ...from(),
        },
        body: '--XYZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\nbroken',
      });
      // Finance may be refused a page (403) or sent to its case (302): never a server error.
      expect(res.status, file).toBeLessThan(500);
    }
    expect(app.log()).not.toMatch(/Failed to parse body/);
  });

  it("answers a made-up forwarded host and a legacy data request without a server error", async () => {
    const forged = await fetch(`${app.url}/portal/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Origin: app.url,
        "X-Forwarded-Host": "evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
        ...from(),
      },
      body: new URLSearchParams({ email: "someone@example.com" }),
    });
    expect(forged.status).toBe(200);
    for (const url of ["/login?_data=routes%2Flogin", "/login?_data", "/staff/cases?_data=root"]) {
      const res = await fetch(`${app.url}${url}`, { redirect: "manual", headers: from() });
      expect(res.status, url).toBe(400);
    }
  });
});

describe("caching", () => {
  it("marks every signed-in page no-store, and leaves public pages cacheable", async () => {
    const cookie = await signInStaff("coordinator@demo.clinic");
    for (const page of ["/staff/cases", `/staff/cases/${ids.caseId}`, "/", "/privacy"]) {
      const res = await fetch(`${app.url}${page}`, { headers: { Cookie: cookie } });
      expect(res.status, page).toBe(200);
      expect(res.headers.get("cache-control"), page).toBe("no-store");
    }
    const anonymous = await fetch(`${app.url}/privacy`);
    expect(anonymous.headers.get("cache-control")).not.toBe("no-store");
    const portal = await fetch(`${app.url}/portal/login`);
    expect(portal.headers.get("cache-control")).toBe("no-store");
  });
});
