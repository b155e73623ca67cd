/** Sign-in, sessions and role guards, through the real route modules with real Requests. */
import { db } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as codeAction } from "~/routes/login_.code";
import { generateTOTP } from "@epic-web/totp";
import { encryptTotpSecret, TOTP } from "~/models/auth/two-factor.server";
import { loader as caseListLoader } from "~/routes/staff.cases._index";
import { loader as caseLoader, action as caseAction } from "~/routes/staff.cases.$caseId";
import { loader as outboxLoader } from "~/routes/staff.outbox._index";
import { loader as healthLoader } from "~/routes/healthz";
import { startSession } from "~/infra/session.server";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { formReply } from "./support/requests";

beforeEach(resetDatabase);

const BASE = "http://localhost:3999";

function loginRequest(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${BASE}/login`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** Gives a staff user a confirmed authenticator secret; returns the secret. */
async function enrol(userId: string) {
  const { secret } = await generateTOTP(TOTP);
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: encryptTotpSecret(secret), totpConfirmedAt: new Date() },
  });
  return secret;
}

/** The second step, with the code the secret gives now. */
async function codeRequest(cookie: string, secret: string) {
  const { otp } = await generateTOTP({ ...TOTP, secret });
  return new Request(`${BASE}/login/code`, {
    method: "POST",
    body: new URLSearchParams({ code: otp }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

/** Runs a loader/action and returns the Response it produced, thrown or returned. */
async function outcome(
  fn: () => Promise<unknown>,
): Promise<Response | { data: unknown; init?: ResponseInit | null }> {
  try {
    return (await fn()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const statusOf = (r: unknown) =>
  r instanceof Response
    ? r.status
    : ((r as { init?: { status?: number } } | null)?.init?.status ?? 200);
/** The sign-in form's answer, as the page reads it. */
const replyOf = (r: unknown) =>
  formReply({ status: statusOf(r), data: (r as { data: unknown }).data });

async function signedIn(role: string, locale = "en") {
  const user = await createUser({ role, locale });
  const setCookie = await startSession(new Request(BASE), user.id);
  const cookie = setCookie.split(";")[0]!;
  return {
    user,
    cookie,
    get: (path: string) => new Request(`${BASE}${path}`, { headers: { Cookie: cookie } }),
  };
}

describe("staff sign-in", () => {
  it("signs in with the right password and a code, and sets hardened cookies", async () => {
    const user = await createUser({
      role: "CLINICIAN",
      email: "dr@test.clinic",
      password: "correct horse battery",
    });
    const secret = await enrol(user.id);
    const res = await outcome(() =>
      loginAction({
        request: loginRequest({ email: "DR@test.clinic", password: "correct horse battery" }),
        params: {},
        context: { ip: "10.0.0.1" },
      }),
    );
    expect(res).toBeInstanceOf(Response);
    const r = res as Response;
    // The password is the first step: the second factor comes next, under a pending cookie.
    expect(r.status).toBe(302);
    // No page asked for: the code step sends the account to its role's home.
    expect(r.headers.get("Location")).toBe("/login/code");
    const pending = r.headers.get("Set-Cookie")!;
    expect(pending).toMatch(/^__staff_pending=/);
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/SameSite=Lax/i);
    expect(pending).toMatch(/Max-Age=600/);
    expect(await db.session.count()).toBe(0);

    const code = (await outcome(async () =>
      codeAction({
        request: await codeRequest(pending.split(";")[0]!, secret),
        params: {},
        context: { ip: "10.0.0.1" },
      }),
    )) as Response;
    expect(code.status).toBe(302);
    // A clinician lands on the review queue (ADR 029).
    expect(code.headers.get("Location")).toBe("/staff/review");
    const cookie = code.headers.getSetCookie().find((c) => c.startsWith("__session="))!;
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=\d+/);
    expect(await db.session.count()).toBe(1);
  });

  it("gives the same generic error for a wrong password and an unknown email, keeping the email typed", async () => {
    await createUser({ role: "COORDINATOR", email: "c@test.clinic", password: "right-password" });
    const wrong = await loginAction({
      request: loginRequest({ email: "c@test.clinic", password: "nope" }),
      params: {},
      context: {},
    });
    const unknown = await loginAction({
      request: loginRequest({ email: "ghost@test.clinic", password: "nope" }),
      params: {},
      context: {},
    });
    expect(statusOf(wrong)).toBe(400);
    expect(replyOf(wrong)).toMatchObject({
      form: "login",
      errors: { "": "The email address or password is incorrect." },
      values: { email: "c@test.clinic" },
    });
    // The password typed is never sent back to the page.
    expect(replyOf(wrong).values).not.toHaveProperty("password");
    expect(JSON.stringify(wrong)).not.toContain("nope");
    expect(replyOf(unknown).errors).toEqual({ "": "The email address or password is incorrect." });
  });

  it("answers malformed input with a localized message, never a 500", async () => {
    const res = await loginAction({
      request: loginRequest(
        { email: "not-an-email", password: "" },
        { "Accept-Language": "de-DE,de;q=0.9" },
      ),
      params: {},
      context: {},
    });
    expect(statusOf(res)).toBe(400);
    // One message for the form, never which of the two was wrong.
    expect(replyOf(res).errors).toEqual({ "": "E-Mail-Adresse oder Passwort ist falsch." });
  });

  it("refuses patients at the staff sign-in", async () => {
    const patient = await createUser({
      role: "PATIENT",
      email: "p@test.clinic",
      password: "patient-pass",
    });
    const res = await loginAction({
      request: loginRequest({ email: patient.email, password: "patient-pass" }),
      params: {},
      context: {},
    });
    expect(statusOf(res)).toBe(400);
  });

  it("cannot be locked out by a stranger: guesses from changing addresses slow the account down, never block it", async () => {
    await createUser({
      role: "COORDINATOR",
      email: "target@test.clinic",
      password: "right-password",
    });
    const attempt = (password: string, ip: string) =>
      outcome(() =>
        loginAction({
          request: loginRequest({ email: "target@test.clinic", password }),
          params: {},
          context: { ip },
        }),
      );
    // Ten wrong passwords, each from a new address: all answered, none refused.
    for (let i = 0; i < 10; i++)
      expect(statusOf(await attempt(`guess-${i}`, `10.0.0.${i}`))).toBe(400);
    // The owner, from their own address, still gets in (slowed down, not blocked).
    expect(statusOf(await attempt("right-password", "10.1.1.1"))).toBe(302);
    // And is told, once, in their language.
    const alerts = await db.outboxEmail.findMany({ where: { template: "account-alert" } });
    expect(alerts.map((a) => a.toEmail)).toEqual(["target@test.clinic"]);
    expect(alerts[0]!.text).toContain("5");
  });

  it("makes one address that keeps guessing one account wait, and only that address", async () => {
    await createUser({
      role: "COORDINATOR",
      email: "target@test.clinic",
      password: "right-password",
    });
    const attempt = (password: string, ip: string) =>
      outcome(() =>
        loginAction({
          request: loginRequest({ email: "target@test.clinic", password }),
          params: {},
          context: { ip },
        }),
      );
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push(statusOf(await attempt(`guess-${i}`, "10.6.6.6")));
    expect(statuses.slice(0, 8).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    // That address waits even with the right password; the owner's own address does not.
    expect(statusOf(await attempt("right-password", "10.6.6.6"))).toBe(429);
    expect(statusOf(await attempt("right-password", "10.7.7.7"))).toBe(302);
  });

  it("does not count right passwords against an office's shared address", async () => {
    await createUser({
      role: "COORDINATOR",
      email: "busy@test.clinic",
      password: "right-password",
    });
    for (let i = 0; i < 25; i++) {
      const res = await outcome(() =>
        loginAction({
          request: loginRequest({ email: "busy@test.clinic", password: "right-password" }),
          params: {},
          context: { ip: "10.8.8.8" },
        }),
      );
      expect(statusOf(res), `sign-in ${i + 1}`).toBe(302);
    }
  });

  it("slows every attempt on an account past its failures, doubling up to eight times", async () => {
    const { slowdownMs } = await import("~/models/auth/login-guard.server");
    expect([0, 4, 5, 6, 7, 8, 20].map((n) => slowdownMs(n, 100))).toEqual([
      0, 0, 100, 200, 400, 800, 800,
    ]);
  });

  it("issues a new session id at sign-in and revokes the one the browser brought", async () => {
    const user = await createUser({
      role: "FINANCE",
      email: "f@test.clinic",
      password: "finance-pass",
    });
    const secret = await enrol(user.id);
    const planted = await signedIn("COORDINATOR");
    const step1 = (await outcome(() =>
      loginAction({
        request: loginRequest(
          { email: "f@test.clinic", password: "finance-pass" },
          { Cookie: planted.cookie },
        ),
        params: {},
        context: {},
      }),
    )) as Response;
    const pending = step1.headers.get("Set-Cookie")!.split(";")[0]!;
    const res = (await outcome(async () =>
      codeAction({
        request: await codeRequest(`${planted.cookie}; ${pending}`, secret),
        params: {},
        context: {},
      }),
    )) as Response;
    const fresh = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("__session="))!
      .split(";")[0]!;
    expect(fresh).not.toBe(planted.cookie);
    // The planted session no longer signs anyone in.
    const r = await outcome(() =>
      caseListLoader({ request: planted.get("/staff/cases"), params: {}, context: {} }),
    );
    expect(statusOf(r)).toBe(302);
  });

  it("signs out by deleting the session", async () => {
    const { cookie, get } = await signedIn("ADMIN");
    const res = await logoutAction({
      request: new Request(`${BASE}/logout`, { method: "POST", headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
    expect(res.headers.get("Set-Cookie")).toMatch(/__session=;/);
    expect(await db.session.count()).toBe(0);
    const after = await outcome(() =>
      caseListLoader({ request: get("/staff/cases"), params: {}, context: {} }),
    );
    expect(statusOf(after)).toBe(302);
  });
});

describe("role guards", () => {
  it("sends signed-out visitors to sign in", async () => {
    const res = (await outcome(() =>
      caseListLoader({
        request: new Request(`${BASE}/staff/cases?stage=QUOTED`),
        params: {},
        context: {},
      }),
    )) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff%2Fcases%3Fstage%3DQUOTED");
  });

  it("answers patients 'not found' on every staff page", async () => {
    const patient = await signedIn("PATIENT");
    const { kase } = await createCase();
    expect(
      statusOf(
        await outcome(() =>
          caseListLoader({ request: patient.get("/staff/cases"), params: {}, context: {} }),
        ),
      ),
    ).toBe(404);
    expect(
      statusOf(
        await outcome(() =>
          caseLoader({
            request: patient.get(`/staff/cases/${kase.id}`),
            params: { caseId: kase.id },
            context: {},
          }),
        ),
      ),
    ).toBe(404);
    const post = new Request(`${BASE}/staff/cases/${kase.id}`, {
      method: "POST",
      headers: { Cookie: patient.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "stage", from: "ENQUIRY", to: "MEDICAL_REVIEW" }),
    });
    expect(
      statusOf(
        await outcome(() =>
          caseAction({ request: post, params: { caseId: kase.id }, context: {} }),
        ),
      ),
    ).toBe(404);
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe("ENQUIRY");
  });

  it("lets each staff role see the case list, and only admins the outbox", async () => {
    for (const role of ["COORDINATOR", "CLINICIAN", "FINANCE", "ADMIN"]) {
      const s = await signedIn(role);
      expect(
        statusOf(
          await outcome(() =>
            caseListLoader({ request: s.get("/staff/cases"), params: {}, context: {} }),
          ),
        ),
        role,
      ).toBe(200);
      const outbox = statusOf(
        await outcome(() =>
          outboxLoader({ request: s.get("/staff/outbox"), params: {}, context: {} }),
        ),
      );
      expect(outbox, role).toBe(role === "ADMIN" ? 200 : 403);
    }
  });

  it("audits staff views of a case with who, what, where and the outcome", async () => {
    const s = await signedIn("CLINICIAN");
    const { kase } = await createCase();
    await caseLoader({
      request: s.get(`/staff/cases/${kase.id}`),
      params: { caseId: kase.id },
      context: { ip: "192.0.2.7" },
    });
    const entry = await db.auditLog.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(entry).toMatchObject({
      actorId: s.user.id,
      action: "case.view",
      entity: "Case",
      entityId: kase.id,
      ip: "192.0.2.7",
      outcome: "success",
    });
  });

  it("refuses a forged stage change on the server in the user's language and audits it", async () => {
    const s = await signedIn("FINANCE", "tr");
    const { kase } = await createCase();
    const post = new Request(`${BASE}/staff/cases/${kase.id}`, {
      method: "POST",
      headers: {
        Cookie: s.cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Language": "de",
      },
      body: new URLSearchParams({
        intent: "stage",
        from: "ENQUIRY",
        to: "MEDICAL_REVIEW",
        reason: "kept text",
      }),
    });
    const res = await caseAction({ request: post, params: { caseId: kase.id }, context: {} });
    expect(statusOf(res)).toBe(403);
    const reply = formReply({ status: statusOf(res), data: (res as { data: unknown }).data });
    expect(reply).toMatchObject({
      form: "stage-MEDICAL_REVIEW",
      errors: { "": "Rolünüz bu değişikliği yapamaz." },
      values: { reason: "kept text" },
    });
    expect(await db.auditLog.count({ where: { caseId: kase.id, outcome: "refused" } })).toBe(1);
    expect((await db.case.findUniqueOrThrow({ where: { id: kase.id } })).stage).toBe("ENQUIRY");
  });

  it("answers garbage form input with 400, not 500", async () => {
    const s = await signedIn("COORDINATOR");
    const { kase } = await createCase();
    const post = new Request(`${BASE}/staff/cases/${kase.id}`, {
      method: "POST",
      headers: { Cookie: s.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "stage", from: "<script>", to: "DROP TABLE" }),
    });
    expect(
      statusOf(await caseAction({ request: post, params: { caseId: kase.id }, context: {} })),
    ).toBe(400);
  });
});

describe("health check", () => {
  it("answers 200 after querying the database", async () => {
    const res = await healthLoader();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });
});
