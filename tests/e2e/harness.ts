/**
 * Starts the real production server (server.mjs over the Remix build) on a free port with
 * its own migrated and seeded SQLite database, and a headless Debian Chromium driven by
 * playwright-core. Screenshots go to test-results/screenshots (kept as CI artifacts).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generateTOTP } from "@epic-web/totp";
import { chromium, type Browser, type Page } from "playwright-core";
import { DEMO_TOTP_SECRET } from "../../prisma/seed-data";
import { freePort } from "../../scripts/free-port.mjs";

export const DEMO_PASSWORD = "demo-clinic-2026";
export { DEMO_TOTP_SECRET };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.resolve("test-results/screenshots");

export interface App {
  url: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** What the server printed so far (stdout and stderr). */
  log(): string;
  /** The server process's id, e.g. to read its memory from /proc. */
  pid(): number;
  /** Sends the server a signal (SIGKILL for a crash) and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same database and folders. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startApp(extraEnv: Record<string, string> = {}): Promise<App> {
  const id = crypto.randomBytes(4).toString("hex");
  const dir = path.resolve(`tmp/e2e-${id}`);
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: `file:${path.join(dir, "app.db")}`,
    SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${port}`,
    MAIL_DIR: path.join(dir, "mail"),
    UPLOAD_DIR: path.join(dir, "uploads"),
    DOCUMENT_KEY: crypto.randomBytes(32).toString("base64"),
    OUTBOX_POLL_MS: "200",
    // Bookings made together are one email after a quiet period: short here.
    OUTBOX_BATCH_QUIET_MS: "1000",
    ...extraEnv,
  };
  const run = (args: string[]) => execFileSync(process.execPath, args, { env, stdio: "pipe" });
  run(["scripts/prisma.mjs", "migrate", "deploy"]);
  run(["--import", "tsx", "prisma/seed.ts"]);
  let output = "";
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  const start = async () => {
    child = spawn(process.execPath, ["server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      const ok = await fetch(`${url}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => child.once("exit", () => r()));
  await start();
  return {
    url,
    dir,
    env,
    log: () => output,
    pid: () => child.pid!,
    async kill(signal) {
      child.kill(signal);
      await exited();
    },
    restart: start,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium`,
    );
  }
  // launch() gives Chromium a fresh, empty temporary profile of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export function screenshotPath(name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** The remix build the server serves; built once per e2e run. */
export function buildApp() {
  // Built once for the whole run by tests/e2e/global-build.ts (files run in parallel).
  if (process.env.E2E_BUILT === "1") return;
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

// --- the second factor (ADR 027) ----------------------------------------------------------
// Every staff sign-in needs a TOTP code, and the server takes each time step once per account
// (replay guard). The harness remembers, per app and account, the last step it used and
// hands out the next unused one: the current step, or the next one (the server accepts one
// step either side), and only waits when both are spent. So a test can sign the same demo
// user in twice in a row without waiting, and a third time within 30 s waits for the step.

const PERIOD_MS = 30_000;
const spentSteps = new Map<string, number>();

/** The code of `secret` for time step `step`, computed by @epic-web/totp at that moment. */
function codeAtStep(secret: string, step: number): Promise<{ otp: string }> {
  const RealDate = Date;
  const at = step * PERIOD_MS + 1_000;
  // @epic-web/totp reads the clock (new Date()) synchronously when called; the clock is
  // moved to the step's start for that call only, and nothing else runs meanwhile.
  class StepDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(at);
      else super(...(args as [number]));
    }
    static override now() {
      return at;
    }
  }
  globalThis.Date = StepDate as DateConstructor;
  try {
    return generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" });
  } finally {
    globalThis.Date = RealDate;
  }
}

/** A code the server will take for `email` on `appUrl` now (waits only if it must). */
export async function nextTotpCode(
  appUrl: string,
  email: string,
  secret: string = DEMO_TOTP_SECRET,
): Promise<string> {
  const key = `${appUrl}|${email}`;
  for (;;) {
    const now = Math.floor(Date.now() / PERIOD_MS);
    const step = Math.max(now, (spentSteps.get(key) ?? -1) + 1);
    if (step <= now + 1) {
      spentSteps.set(key, step);
      return (await codeAtStep(secret, step)).otp;
    }
    await new Promise((r) => setTimeout(r, (step - 1) * PERIOD_MS - Date.now() + 50));
  }
}

/**
 * Signs a demo staff user in with fetch (password, then code) and returns the session's whole
 * Set-Cookie line. `headers` go on both requests (e.g. an Origin, a forwarded address).
 */
export async function staffSignIn(
  appUrl: string,
  email: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const post = (path: string, body: Record<string, string>, cookie?: string) =>
    fetch(`${appUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Origin: appUrl,
        "Content-Type": "application/x-www-form-urlencoded",
        ...headers,
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(body),
    });
  const first = await post("/login", { email, password: DEMO_PASSWORD });
  const pending = first.headers
    .getSetCookie()
    .find((c) => c.startsWith("__staff_pending="))
    ?.split(";")[0];
  if (first.status !== 302 || !pending) {
    throw new Error(`password step for ${email} answered ${first.status}`);
  }
  const second = await post("/login/code", { code: await nextTotpCode(appUrl, email) }, pending);
  const session = second.headers.getSetCookie().find((c) => c.startsWith("__session="));
  if (second.status !== 302 || !session) {
    throw new Error(`code step for ${email} answered ${second.status}`);
  }
  return session;
}

/** As staffSignIn, the cookie to send back: "__session=…". */
export async function staffSessionCookie(
  appUrl: string,
  email: string,
  headers: Record<string, string> = {},
): Promise<string> {
  return (await staffSignIn(appUrl, email, headers)).split(";")[0]!;
}

/** The second step in the browser: the page is at /login/code; types the next code. */
export async function enterTotpCode(page: Page, appUrl: string, email: string) {
  await page.waitForURL(/\/login\/code/);
  await page.getByLabel("6-digit code").fill(await nextTotpCode(appUrl, email));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
}

/** Signs a demo staff user in through the form (both steps), in a fresh browser context. */
export async function signIn(browser: Browser, appUrl: string, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${appUrl}/login?lng=en`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await enterTotpCode(page, appUrl, email);
  // Each role lands on its own home (ADR 029); the journeys start from the pipeline.
  await page.waitForURL((url) => url.pathname.startsWith("/staff/"));
  if (new URL(page.url()).pathname !== "/staff/cases") await page.goto(`${appUrl}/staff/cases`);
  await page.locator("table.cases-table tbody tr").first().waitFor();
  return { context, page };
}
