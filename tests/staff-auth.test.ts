/**
 * Staff sign-in with a required second factor, invitations and password resets (ADR 027),
 * through the real route modules with real Requests on a real SQLite database.
 */
import { generateTOTP } from "@epic-web/totp";
import { db } from "~/db.server";
import { env, resetEnvCache } from "~/env.server";
import { backgroundSettled } from "~/infra/background.server";
import { hashPassword } from "~/models/auth/auth.server";
import { hashStaffToken, newStaffToken } from "~/models/auth/staff-tokens.server";
import { requestPasswordReset } from "~/models/auth/staff-links.server";
import {
  encryptTotpSecret,
  issueRecoveryCodes,
  resetSecondFactor,
  TOTP,
  totpStep,
} from "~/models/auth/two-factor.server";
import { action as loginAction } from "~/routes/login";
import { action as codeAction, loader as codeLoader } from "~/routes/login_.code";
import { action as enrolAction, loader as enrolLoader } from "~/routes/login_.enrol";
import { action as forgotAction } from "~/routes/login_.forgot";
import { action as resetAction, loader as resetLoader } from "~/routes/login_.reset.$token";
import { action as inviteAction, loader as inviteLoader } from "~/routes/staff_.invite.$token";
import { loader as caseListLoader } from "~/routes/staff.cases._index";
import { getFixedT } from "~/i18n/i18n.server";
import { resetDatabase } from "./support/db";
import { call, cookieFor, formReply } from "./support/requests";

beforeEach(resetDatabase);

const PASSWORD = "amber lantern orchard 93";
const STRONG = "violet harbour kettle 2047";
const t = getFixedT("en");

/** A staff member with a confirmed authenticator secret and recovery codes. */
async function enrolledStaff(overrides: { email?: string; active?: boolean } = {}) {
  const { secret } = await generateTOTP(TOTP);
  const user = await db.user.create({
    data: {
      email: overrides.email ?? "nurse@test.clinic",
      name: "Ayşe Demir",
      role: "COORDINATOR",
      passwordHash: await hashPassword(PASSWORD),
      totpSecret: encryptTotpSecret(secret),
      totpConfirmedAt: new Date(),
      active: overrides.active ?? true,
    },
  });
  const codes = await db.$transaction((tx) => issueRecoveryCodes(tx, user.id));
  return { user, secret, codes };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

/** The cookie named `name` a response sets ("name=value"), or undefined. */
function cookieOf(res: Response | undefined, name: string) {
  const all = res?.headers.getSetCookie() ?? [];
  return all.find((c) => c.startsWith(`${name}=`))?.split(";")[0];
}

async function passwordStep(email: string, password = PASSWORD, ip = "10.0.0.1") {
  const out = await call(loginAction, {
    path: "/login",
    form: form({ email, password, redirectTo: "/staff/cases?stage=QUOTED" }),
    ip,
  });
  return { out, pending: cookieOf(out.response, "__staff_pending") };
}

async function codeStep(pending: string, code: string, ip = "10.0.0.1") {
  const out = await call(codeAction, {
    path: "/login/code",
    cookie: pending,
    form: form({ code, redirectTo: "/staff/cases?stage=QUOTED" }),
    ip,
  });
  return { out, session: cookieOf(out.response, "__session") };
}

const currentCode = async (secret: string) => (await generateTOTP({ ...TOTP, secret })).otp;
const toArabic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

describe("two-step staff sign-in", () => {
  it("signs in only after the password and a code, and carries the page to return to", async () => {
    const { user, secret } = await enrolledStaff();
    const { out, pending } = await passwordStep(user.email);
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe(
      "/login/code?redirectTo=%2Fstaff%2Fcases%3Fstage%3DQUOTED",
    );
    // The password alone makes no session.
    expect(cookieOf(out.response, "__session")).toBeUndefined();
    expect(await db.session.count()).toBe(0);
    // The pending cookie opens nothing but the code step.
    const staff = await call(caseListLoader, { path: "/staff/cases", cookie: pending });
    expect(staff.status).toBe(302);
    expect((await call(codeLoader, { path: "/login/code", cookie: pending })).status).toBe(200);

    const { out: done, session } = await codeStep(pending!, await currentCode(secret));
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/staff/cases?stage=QUOTED");
    expect(session).toBeDefined();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    const list = await call(caseListLoader, { path: "/staff/cases", cookie: session });
    expect(list.status).toBe(200);
  });

  it("refuses a wrong code with a message, and no session", async () => {
    const { user, secret } = await enrolledStaff();
    const { pending } = await passwordStep(user.email);
    const right = await currentCode(secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const { out, session } = await codeStep(pending!, wrong);
    expect(out.status).toBe(400);
    expect(formReply(out).errors.code).toBe(t("twoFactor.codeWrong"));
    expect(session).toBeUndefined();
    expect(await db.session.count()).toBe(0);
  });

  it("audits every step for the admins: a wrong password, a wrong code, the sign-in, a reset request", async () => {
    const { user, secret } = await enrolledStaff();
    await passwordStep(user.email, "not the password");
    const { pending } = await passwordStep(user.email);
    const right = await currentCode(secret);
    await codeStep(pending!, String((Number(right) + 1) % 1_000_000).padStart(6, "0"));
    await codeStep(pending!, right);
    await requestPasswordReset(user.email);
    await requestPasswordReset("nobody@test.clinic");
    const rows = await db.auditLog.findMany({
      where: {
        OR: [{ action: { startsWith: "login." } }, { action: { contains: "reset_requested" } }],
      },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.action, r.outcome, r.actorId])).toEqual([
      ["login.password_failed", "refused", null],
      ["login.code_failed", "refused", user.id],
      ["login.success", "success", user.id],
      ["staff.password.reset_requested", "success", user.id],
      ["staff.password.reset_requested", "refused", null],
    ]);
    // The typed address of a refused password is kept; no password ever is.
    expect(rows[0]!.detail).toBe(user.email);
    expect(JSON.stringify(rows)).not.toContain("not the password");
  });

  it("refuses the code step without a pending sign-in (or with a forged one)", async () => {
    const { secret } = await enrolledStaff();
    const code = await currentCode(secret);
    const none = await codeStep("", code);
    expect(none.out.status).toBe(302);
    expect(none.out.response!.headers.get("Location")).toMatch(/^\/login/);
    const forged = await codeStep("__staff_pending=eyJ1IjoieCJ9.forged", code);
    expect(forged.out.status).toBe(302);
    expect(await db.session.count()).toBe(0);
  });

  it("lets the pending sign-in lapse after 10 minutes", async () => {
    const { user, secret } = await enrolledStaff();
    const { pending } = await passwordStep(user.email);
    const code = await currentCode(secret);
    const later = Date.now() + 11 * 60_000;
    const spy = vi.spyOn(Date, "now").mockReturnValue(later);
    try {
      const { out, session } = await codeStep(pending!, code);
      expect(out.status).toBe(302);
      expect(out.response!.headers.get("Location")).toMatch(/^\/login(\?|$)/);
      expect(session).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    expect(await db.session.count()).toBe(0);
  });

  it("accepts a code once: the same code (same time step) is refused the second time", async () => {
    const { user, secret } = await enrolledStaff();
    const code = await currentCode(secret);
    const first = await passwordStep(user.email);
    expect((await codeStep(first.pending!, code)).out.status).toBe(302);
    const second = await passwordStep(user.email);
    const again = await codeStep(second.pending!, code);
    expect(again.out.status).toBe(400);
    expect(formReply(again.out).errors.code).toBe(t("twoFactor.codeReused"));
    expect(await db.session.count()).toBe(1);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpLastStep).toBeGreaterThanOrEqual(totpStep() - 1);
  });

  it("reads the code in Arabic-Indic and Persian digits", async () => {
    const { user, secret } = await enrolledStaff();
    const { pending } = await passwordStep(user.email);
    const code = await currentCode(secret);
    const { out } = await codeStep(pending!, ` ${toArabic(code.slice(0, 3))} ${code.slice(3)}`);
    expect(out.status).toBe(302);
  });

  it("takes each recovery code once", async () => {
    const { user, codes } = await enrolledStaff();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Only hashes are stored.
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(JSON.stringify(stored)).not.toContain(c);

    const first = await passwordStep(user.email);
    expect((await codeStep(first.pending!, codes[0]!.toLowerCase())).out.status).toBe(302);
    const second = await passwordStep(user.email);
    const again = await codeStep(second.pending!, codes[0]!);
    expect(again.out.status).toBe(400);
    expect(formReply(again.out).errors.code).toBe(t("twoFactor.recoveryWrong"));
    // Another one still works.
    expect((await codeStep(second.pending!, codes[1]!)).out.status).toBe(302);
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(8);
  });

  it("counts wrong codes like wrong passwords: one address guessing waits, the account slows down", async () => {
    const { user, secret } = await enrolledStaff();
    const { pending } = await passwordStep(user.email, PASSWORD, "10.6.6.6");
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      statuses.push((await codeStep(pending!, "000000", "10.6.6.6")).out.status);
    }
    // Eight wrong codes, then that address waits, even with the right code.
    expect(statuses.slice(0, 8).every((s) => s === 400)).toBe(true);
    expect(statuses[8]).toBe(429);
    const right = await codeStep(pending!, await currentCode(secret), "10.6.6.6");
    expect(right.out.status).toBe(429);
    // The account is past its failures: every attempt on it is slowed down, from anywhere.
    const failures = await db.rateLimit.findUniqueOrThrow({
      where: { key: `login:fail:${user.email}` },
    });
    expect(failures.count).toBeGreaterThanOrEqual(8);
    process.env.LOGIN_SLOWDOWN_MS = "150";
    resetEnvCache();
    try {
      expect(env().LOGIN_SLOWDOWN_MS).toBe(150);
      const started = Date.now();
      const other = await codeStep(pending!, await currentCode(secret), "10.7.7.7");
      expect(Date.now() - started).toBeGreaterThanOrEqual(150 * 4);
      expect(other.out.status).toBe(302);
    } finally {
      process.env.LOGIN_SLOWDOWN_MS = "5";
      resetEnvCache();
    }
    // And the owner was told once.
    expect(await db.outboxEmail.count({ where: { template: "account-alert" } })).toBe(1);
  });

  it("refuses a deactivated account at the password step and ends a pending sign-in", async () => {
    const { user, secret } = await enrolledStaff();
    const { pending } = await passwordStep(user.email);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    const code = await codeStep(pending!, await currentCode(secret));
    expect(code.out.status).toBe(302);
    expect(code.session).toBeUndefined();
    const again = await passwordStep(user.email);
    expect(again.out.status).toBe(400);
    expect(formReply(again.out).errors[""]).toBe(t("login.invalid"));
    expect(again.pending).toBeUndefined();
    // deactivatedAt alone refuses too.
    await db.user.update({
      where: { id: user.id },
      data: { active: true, deactivatedAt: new Date() },
    });
    expect((await passwordStep(user.email)).out.status).toBe(400);
    expect(await db.session.count()).toBe(0);
  });

  it("after an admin reset of the second factor, enrols again before any session", async () => {
    const { user } = await enrolledStaff();
    await resetSecondFactor(user.id);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const { out, pending } = await passwordStep(user.email);
    expect(out.response!.headers.get("Location")).toMatch(/^\/login\/enrol\?/);
    // The code page sends it to enrol; nothing signs in with a code yet.
    const viaCode = await call(codeLoader, { path: "/login/code", cookie: pending });
    expect(viaCode.response!.headers.get("Location")).toMatch(/^\/login\/enrol/);

    const page = await call(enrolLoader, { path: "/login/enrol", cookie: pending });
    expect(page.status).toBe(200);
    const shown = page.data as { qrSvg: string; secret: string };
    expect(shown.qrSvg).toMatch(/^<svg/);
    const secret = shown.secret.replace(/\s/g, "");
    // Stored encrypted, never as the secret itself.
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpSecret).toMatch(/^v1:/);
    expect(stored.totpSecret).not.toContain(secret);
    // Reloading shows the same secret.
    const reload = await call(enrolLoader, { path: "/login/enrol", cookie: pending });
    expect((reload.data as { secret: string }).secret.replace(/\s/g, "")).toBe(secret);

    const wrong = await call(enrolAction, {
      path: "/login/enrol",
      cookie: pending,
      form: form({ code: "12345" }),
    });
    expect(wrong.status).toBe(400);
    expect(await db.session.count()).toBe(0);

    const ok = await call(enrolAction, {
      path: "/login/enrol",
      cookie: pending,
      form: form({ code: await currentCode(secret), redirectTo: "/staff/cases" }),
    });
    expect(ok.status).toBe(200);
    const reply = ok.data as { codes: string[]; next: string };
    expect(reply.codes).toHaveLength(10);
    expect(reply.next).toBe("/staff/cases");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpConfirmedAt).not.toBe(
      null,
    );
  });
});

async function invitation(
  overrides: Partial<{ expiresAt: Date; usedAt: Date; revokedAt: Date }> = {},
) {
  const { token, tokenHash } = newStaffToken();
  await db.staffToken.create({
    data: {
      purpose: "INVITE",
      email: "new.person@test.clinic",
      name: "Elif Kaya",
      role: "CLINICIAN",
      tokenHash,
      expiresAt: overrides.expiresAt ?? new Date(Date.now() + 72 * 3600_000),
      usedAt: overrides.usedAt ?? null,
      revokedAt: overrides.revokedAt ?? null,
    },
  });
  return token;
}

const openInvite = (token: string, lang = "en") =>
  call(inviteLoader, { path: `/staff/invite/${token}`, params: { token }, lang });
const acceptInvite = (token: string, password: string, lang = "en") =>
  call(inviteAction, {
    path: `/staff/invite/${token}`,
    params: { token },
    form: form({ password }),
    lang,
  });

describe("invitations", () => {
  it("stores only the sha256 of the token, in hex", async () => {
    const { token, tokenHash } = newStaffToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashStaffToken(token)).toBe(tokenHash);
  });

  it("creates the account with the chosen password, then asks to enrol the second factor", async () => {
    const token = await invitation();
    const page = await openInvite(token);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ state: "valid", name: "Elif Kaya", role: "CLINICIAN" });
    const out = await acceptInvite(token, STRONG);
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe("/login/enrol");
    const pending = cookieOf(out.response, "__staff_pending");
    expect(pending).toBeDefined();
    // No session yet: the second factor comes first.
    expect(cookieOf(out.response, "__session")).toBeUndefined();
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.person@test.clinic" } });
    expect(user).toMatchObject({ role: "CLINICIAN", name: "Elif Kaya", active: true });
    expect(user.totpConfirmedAt).toBeNull();
    const row = await db.staffToken.findUniqueOrThrow({
      where: { tokenHash: hashStaffToken(token) },
    });
    expect(row.usedAt).not.toBeNull();
    expect(row.userId).toBe(user.id);
    expect((await call(enrolLoader, { path: "/login/enrol", cookie: pending })).status).toBe(200);
    // The password step of a later sign-in also leads to enrolling, until it is done.
    const later = await passwordStep(user.email, STRONG);
    expect(later.out.response!.headers.get("Location")).toMatch(/^\/login\/enrol/);
  });

  it("says an expired invitation expired, in the reader's language, and creates nothing", async () => {
    const token = await invitation({ expiresAt: new Date(Date.now() - 1000) });
    const page = await openInvite(token, "de");
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ state: "expired" });
    const out = await acceptInvite(token, STRONG, "de");
    expect(out.status).toBe(410);
    expect(out.data).toMatchObject({ state: "expired" });
    expect(await db.user.count()).toBe(0);
    expect(getFixedT("de")("staffLink.invite.expired.title")).toBe(
      "Diese Einladung ist abgelaufen",
    );
  });

  it("works once: a used invitation cannot create a second account or change the password", async () => {
    const token = await invitation();
    expect((await acceptInvite(token, STRONG)).status).toBe(302);
    const again = await acceptInvite(token, "another strong passphrase 77");
    expect(again.status).toBe(410);
    expect(again.data).toMatchObject({ state: "used" });
    expect(await db.user.count()).toBe(1);
    expect((await openInvite(token)).data).toMatchObject({ state: "used" });
  });

  it("honours a revoked invitation and answers an unknown one with 404, not a 500", async () => {
    const revoked = await invitation({ revokedAt: new Date() });
    expect((await openInvite(revoked)).data).toMatchObject({ state: "revoked" });
    expect((await acceptInvite(revoked, STRONG)).status).toBe(410);
    for (const junk of ["x", "a".repeat(43), "<script>", "%00"]) {
      expect((await openInvite(junk)).status).toBe(404);
    }
    expect(await db.user.count()).toBe(0);
  });

  it("refuses weak, common and personal passwords with the reason, keeping the link usable", async () => {
    const token = await invitation();
    const cases: [string, string][] = [
      ["short1", "password.tooShort"],
      ["password123", "password.common"],
      ["aaaaaaaaaaaa", "password.weak"],
      ["elifkaya2026", "password.personal"],
    ];
    for (const [password, key] of cases) {
      const out = await acceptInvite(token, password);
      expect(out.status, password).toBe(400);
      expect(formReply(out).errors.password, password).toBe(t(key));
      // The password typed is never sent back.
      expect(JSON.stringify(out.data)).not.toContain(password);
    }
    const tr = await acceptInvite(token, "password123", "tr");
    expect(formReply(tr).errors.password).toBe(getFixedT("tr")("password.common"));
    expect(await db.user.count()).toBe(0);
    expect((await acceptInvite(token, STRONG)).status).toBe(302);
  });
});

describe("forgotten password", () => {
  const ask = (email: string, ip = "10.0.0.9") =>
    call(forgotAction, { path: "/login/forgot", form: form({ email }), ip });

  it("answers the same for known and unknown addresses and emails a reset link to staff only", async () => {
    const { user } = await enrolledStaff();
    await db.user.create({
      data: { email: "patient@test.clinic", name: "P", role: "PATIENT" },
    });
    const known = await ask(user.email);
    const unknown = await ask("nobody@test.clinic");
    const patient = await ask("patient@test.clinic");
    await backgroundSettled();
    expect(known.status).toBe(200);
    expect(formReply(known).done).toBe(t("forgot.sent", { email: user.email }));
    expect(formReply(unknown).done).toBe(t("forgot.sent", { email: "nobody@test.clinic" }));
    expect(patient.status).toBe(200);
    const mails = await db.outboxEmail.findMany({ where: { template: "staff-password-reset" } });
    expect(mails.map((m) => m.toEmail)).toEqual([user.email]);
    // The stored copy never holds the link.
    expect(mails[0]!.text).not.toMatch(/\/login\/reset\/[A-Za-z0-9_-]{20,}/);
    const tokens = await db.staffToken.findMany({ where: { purpose: "RESET" } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
  });

  it("limits requests per address: the visitor waits, with Retry-After", async () => {
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await ask(`x${i}@test.clinic`, "10.5.5.5")).status;
    expect(last).toBe(429);
    await backgroundSettled();
  });
});

async function resetLink(userId: string, email: string, expiresAt?: Date) {
  const { token, tokenHash } = newStaffToken();
  await db.staffToken.create({
    data: {
      purpose: "RESET",
      email,
      userId,
      tokenHash,
      expiresAt: expiresAt ?? new Date(Date.now() + 3600_000),
    },
  });
  return token;
}

const submitReset = (token: string, password: string) =>
  call(resetAction, {
    path: `/login/reset/${token}`,
    params: { token },
    form: form({ password }),
  });

describe("password reset", () => {
  it("sets the new password, ends every session, and still asks for the second factor", async () => {
    const { user, secret } = await enrolledStaff();
    const session = await cookieFor(user.id);
    await cookieFor(user.id);
    const token = await resetLink(user.id, user.email);
    expect(
      (await call(resetLoader, { path: `/login/reset/${token}`, params: { token } })).status,
    ).toBe(200);
    const out = await submitReset(token, STRONG);
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe("/login?reset=done");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await call(caseListLoader, { path: "/staff/cases", cookie: session })).status).toBe(
      302,
    );
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordChangedAt).not.toBeNull();
    // The old password no longer works; the new one leads to the code step, not a session.
    expect((await passwordStep(user.email, PASSWORD)).out.status).toBe(400);
    const next = await passwordStep(user.email, STRONG);
    expect(next.out.response!.headers.get("Location")).toMatch(/^\/login\/code/);
    expect(cookieOf(next.out.response, "__session")).toBeUndefined();
    expect((await codeStep(next.pending!, await currentCode(secret))).out.status).toBe(302);
  });

  it("voids a pending sign-in that began before the password changed", async () => {
    const { user, secret } = await enrolledStaff();
    const { pending } = await passwordStep(user.email);
    const token = await resetLink(user.id, user.email);
    expect((await submitReset(token, STRONG)).status).toBe(302);
    const code = await codeStep(pending!, await currentCode(secret));
    expect(code.out.status).toBe(302);
    expect(code.session).toBeUndefined();
  });

  it("works once", async () => {
    const { user } = await enrolledStaff();
    const token = await resetLink(user.id, user.email);
    expect((await submitReset(token, STRONG)).status).toBe(302);
    const again = await submitReset(token, "another strong passphrase 77");
    expect(again.status).toBe(410);
    expect(again.data).toMatchObject({ state: "used" });
    const page = await call(resetLoader, { path: `/login/reset/${token}`, params: { token } });
    expect(page.data).toMatchObject({ state: "used" });
    // The second password was not set.
    expect((await passwordStep(user.email, STRONG)).out.status).toBe(302);
  });

  it("expires after its hour", async () => {
    const { user } = await enrolledStaff();
    const token = await resetLink(user.id, user.email, new Date(Date.now() - 1));
    const page = await call(resetLoader, { path: `/login/reset/${token}`, params: { token } });
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ state: "expired" });
    expect((await submitReset(token, STRONG)).status).toBe(410);
    expect((await passwordStep(user.email, PASSWORD)).out.status).toBe(302);
  });

  it("refuses a weak password and keeps the link", async () => {
    const { user } = await enrolledStaff();
    const token = await resetLink(user.id, user.email);
    const weak = await submitReset(token, "qwertyuiop");
    expect(weak.status).toBe(400);
    expect(formReply(weak).errors.password).toBe(t("password.common"));
    expect((await submitReset(token, STRONG)).status).toBe(302);
  });

  it("does not reset a deactivated account", async () => {
    const { user } = await enrolledStaff();
    const token = await resetLink(user.id, user.email);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await submitReset(token, STRONG)).status).toBe(410);
  });

  it("a newer request revokes the older link", async () => {
    const { user } = await enrolledStaff();
    const { requestPasswordReset } = await import("~/models/auth/staff-links.server");
    await requestPasswordReset(user.email);
    await requestPasswordReset(user.email);
    const rows = await db.staffToken.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.revokedAt).not.toBeNull();
    expect(rows[1]!.revokedAt).toBeNull();
  });
});

describe("demo accounts", () => {
  it("print and seed the same documented secret", async () => {
    const fs = await import("node:fs");
    const { DEMO_TOTP_SECRET } = await import("../prisma/seed-data");
    expect(DEMO_TOTP_SECRET).toMatch(/^[A-Z2-7]{32}$/);
    const script = fs.readFileSync("scripts/demo-totp.mjs", "utf8");
    expect(script).toContain(`"${DEMO_TOTP_SECRET}"`);
    expect(fs.readFileSync("README.md", "utf8")).toContain(DEMO_TOTP_SECRET);
  });
});
