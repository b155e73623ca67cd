/**
 * Issue 23: the admin's team management and each person's own sessions, through the routes'
 * loaders and actions on a real database. Invitations (one token, one email, no health data),
 * role changes audited with before and after, deactivation signing the person out at once,
 * reactivation, the last active admin kept, a second factor reset (TOTP and recovery codes
 * gone, the person emailed), and a member of staff's list of their sessions.
 */
import crypto from "node:crypto";
import { db } from "~/db.server";
import { FORM_KEY } from "~/infra/forms.server";
import { openSecret } from "~/infra/outbox.server";
import { getUser } from "~/models/auth/auth.server";
import { changeRole, deactivateStaff, TeamError } from "~/models/staff/team.server";
import { action as teamAction, loader as teamLoader } from "~/routes/staff.team";
import { action as accountAction, loader as accountLoader } from "~/routes/staff.account";
import { auditKindOf, beforeAfterText } from "~/lib/audit-view";
import { getFixedT } from "~/i18n/i18n.server";
import { parseAuditQuery, readAuditLog } from "~/models/reports/audit-log.server";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

type Handler = Parameters<typeof call>[0];
const TEAM = "/staff/team";

beforeEach(async () => {
  await resetDatabase();
});

async function teamPage(cookie: string) {
  const page = await call(teamLoader as Handler, { path: TEAM, cookie });
  expect(page.status).toBe(200);
  return page.data as Awaited<ReturnType<typeof teamLoader>>;
}

async function post(cookie: string, fields: Record<string, string>, handler = teamAction) {
  return call(handler as Handler, {
    path: handler === teamAction ? TEAM : "/staff/account",
    cookie,
    form: new URLSearchParams(fields),
  });
}

/** Is this cookie still signed in? (a fresh request, as the next page load would be) */
async function signedIn(cookie: string) {
  return (await getUser(new Request("http://localhost/staff", { headers: { Cookie: cookie } })))
    ?.id;
}

async function auditRows(action: string) {
  return db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
}

describe("inviting", () => {
  it("creates one single-use token and one email in the chosen language, without health data", async () => {
    const staff = await createStaff();
    // A case with health detail exists; nothing of it may reach the invitation.
    await createCase();
    await db.outboxEmail.deleteMany({});
    const cookie = await cookieFor(staff.admin.id);
    const { formKey } = await teamPage(cookie);
    const fields = {
      intent: "invite",
      name: "Zeynep Yılmaz",
      email: "Zeynep@Clinic.Test",
      role: "CLINICIAN",
      locale: "tr",
      [FORM_KEY]: formKey,
    };
    const sent = await post(cookie, fields);
    expect(sent.status).toBe(200);
    expect(formReply(sent).done).toBeTruthy();

    const tokens = await db.staffToken.findMany();
    expect(tokens).toHaveLength(1);
    const token = tokens[0]!;
    expect(token).toMatchObject({
      purpose: "INVITE",
      email: "zeynep@clinic.test",
      name: "Zeynep Yılmaz",
      role: "CLINICIAN",
      createdById: staff.admin.id,
      usedAt: null,
      revokedAt: null,
    });
    const hours = (token.expiresAt.getTime() - token.createdAt.getTime()) / 3600_000;
    expect(Math.round(hours)).toBe(72);

    const emails = await db.outboxEmail.findMany();
    expect(emails).toHaveLength(1);
    const email = emails[0]!;
    expect(email).toMatchObject({
      toEmail: "zeynep@clinic.test",
      template: "staff-invite",
      locale: "tr",
    });
    // Turkish words, the inviter and the role in Turkish; the link only sealed.
    expect(email.text).toContain(staff.admin.name);
    expect(email.text).toContain(getFixedT("tr")("roles.CLINICIAN"));
    expect(email.subject).toBe(getFixedT("tr", "emails")("staffInvite.subject"));
    expect(email.text).not.toMatch(/\/staff\/invite\/[A-Za-z0-9_-]{20}/);
    const link = new URL(openSecret(email.secret!));
    expect(link.pathname).toMatch(/^\/staff\/invite\/[A-Za-z0-9_-]{43}$/);
    const raw = link.pathname.split("/").pop()!;
    expect(crypto.createHash("sha256").update(raw).digest("hex")).toBe(token.tokenHash);
    // No health data: the case's programme, condition and the patient are nowhere in it.
    const kase = await db.case.findFirstOrThrow({ include: { programme: true, patient: true } });
    for (const text of [email.subject, email.text, email.html]) {
      expect(text).not.toContain(kase.programme.condition);
      expect(text).not.toContain(kase.patient.name);
      expect(text).not.toContain(kase.number);
    }

    // The same form sent again does nothing twice.
    const again = await post(cookie, fields);
    expect(again.status).toBe(409);
    expect(await db.staffToken.count()).toBe(1);
    expect(await db.outboxEmail.count()).toBe(1);

    const [row] = await auditRows("staff.invite");
    expect(row!.actorId).toBe(staff.admin.id);
    expect(JSON.parse(row!.detail!)).toEqual({
      before: null,
      after: {
        email: "zeynep@clinic.test",
        name: "Zeynep Yılmaz",
        role: "CLINICIAN",
        locale: "tr",
      },
    });

    // The page lists it as pending.
    const page = await teamPage(cookie);
    expect(page.invites.map((i) => i.email)).toEqual(["zeynep@clinic.test"]);
  });

  it("refuses an address in use by an active account, next to the field", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    const { formKey } = await teamPage(cookie);
    const refused = await post(cookie, {
      intent: "invite",
      name: "Somebody",
      email: staff.clinician.email.toUpperCase(),
      role: "FINANCE",
      locale: "en",
      [FORM_KEY]: formKey,
    });
    expect(refused.status).toBe(409);
    const reply = formReply(refused);
    expect(reply.form).toBe("invite");
    expect(reply.errors.email).toBe(getFixedT("en")("team.errors.email_taken"));
    expect(await db.staffToken.count()).toBe(0);
    expect(await db.outboxEmail.count()).toBe(0);
  });

  it("resends with a new link (the old one revoked) and withdraws", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    let page = await teamPage(cookie);
    await post(cookie, {
      intent: "invite",
      name: "Ana Costa",
      email: "ana@clinic.test",
      role: "COORDINATOR",
      locale: "fr",
      [FORM_KEY]: page.formKey,
    });
    page = await teamPage(cookie);
    const first = page.invites[0]!;
    const resent = await post(cookie, {
      intent: "resendInvite",
      inviteId: first.id,
      locale: "de",
      [FORM_KEY]: page.formKey,
    });
    expect(resent.status).toBe(200);
    expect(await db.staffToken.count({ where: { revokedAt: null } })).toBe(1);
    expect((await db.staffToken.findUniqueOrThrow({ where: { id: first.id } })).revokedAt).not.toBe(
      null,
    );
    const mails = await db.outboxEmail.findMany({ orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.locale)).toEqual(["fr", "de"]);

    page = await teamPage(cookie);
    const second = page.invites[0]!;
    expect(second.id).not.toBe(first.id);
    const withdrawn = await post(cookie, { intent: "revokeInvite", inviteId: second.id });
    expect(withdrawn.status).toBe(200);
    expect((await teamPage(cookie)).invites).toEqual([]);
    // Withdrawing again finds nothing to withdraw.
    expect((await post(cookie, { intent: "revokeInvite", inviteId: second.id })).status).toBe(404);
  });
});

describe("changing a person's account", () => {
  it("changes a role, audited with before and after, readable on the audit page", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    const changed = await post(cookie, {
      intent: "role",
      userId: staff.coordinator.id,
      role: "FINANCE",
    });
    expect(changed.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.coordinator.id } })).role).toBe(
      "FINANCE",
    );
    const [row] = await auditRows("staff.role");
    expect(row).toMatchObject({
      actorId: staff.admin.id,
      entity: "User",
      entityId: staff.coordinator.id,
      outcome: "success",
    });
    expect(JSON.parse(row!.detail!)).toEqual({
      before: { role: "COORDINATOR" },
      after: { role: "FINANCE" },
    });
    const t = getFixedT("en");
    expect(beforeAfterText(t, row!.detail!, "en")).toBe("Role: Coordinator → Finance");

    // The audit page names whose role it was.
    const log = await readAuditLog(
      { id: staff.admin.id, role: "ADMIN" },
      parseAuditQuery(new URL("http://x/staff/audit?action=staff.role")),
      { ip: null, search: "" },
    );
    expect(log.rows[0]!.subject?.name).toBe(staff.coordinator.name);

    // The same role again writes nothing and audits nothing.
    await post(cookie, { intent: "role", userId: staff.coordinator.id, role: "FINANCE" });
    expect(await auditRows("staff.role")).toHaveLength(1);
  });

  it("deactivating ends every session at once: the old cookie is signed out", async () => {
    const staff = await createStaff();
    const admin = await cookieFor(staff.admin.id);
    const laptop = await cookieFor(staff.clinician.id);
    const phone = await cookieFor(staff.clinician.id);
    expect(await signedIn(laptop)).toBe(staff.clinician.id);

    const done = await post(admin, { intent: "deactivate", userId: staff.clinician.id });
    expect(done.status).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { id: staff.clinician.id } });
    expect(user.active).toBe(false);
    expect(user.deactivatedAt).toBeInstanceOf(Date);
    expect(await db.session.count({ where: { userId: staff.clinician.id } })).toBe(0);
    expect(await signedIn(laptop)).toBeUndefined();
    expect(await signedIn(phone)).toBeUndefined();
    // Their next request is sent to sign in.
    const next = await call(accountLoader as Handler, { path: "/staff/account", cookie: laptop });
    expect(next.status).toBe(302);

    const [row] = await auditRows("staff.deactivate");
    expect(JSON.parse(row!.detail!)).toEqual({
      before: { active: true, sessions: 2 },
      after: { active: false, sessions: 0 },
    });

    // Reactivation lets them in again (with a new sign-in).
    expect((await post(admin, { intent: "reactivate", userId: staff.clinician.id })).status).toBe(
      200,
    );
    const back = await db.user.findUniqueOrThrow({ where: { id: staff.clinician.id } });
    expect(back).toMatchObject({ active: true, deactivatedAt: null });
    expect(await signedIn(await cookieFor(staff.clinician.id))).toBe(staff.clinician.id);
    expect(JSON.parse((await auditRows("staff.reactivate"))[0]!.detail!)).toEqual({
      before: { active: false },
      after: { active: true },
    });
  });

  it("keeps the last active admin: no demotion, no deactivation", async () => {
    const staff = await createStaff();
    const second = await createUser({ role: "ADMIN", name: "Second Admin" });
    const cookie = await cookieFor(second.id);
    // With two admins, one may demote the other...
    expect(
      (await post(cookie, { intent: "role", userId: staff.admin.id, role: "COORDINATOR" })).status,
    ).toBe(200);
    // ...and now `second` is the only one: the model refuses, even for another actor.
    const actor = { id: staff.coordinator.id, name: "x" };
    await expect(changeRole(second.id, "FINANCE", actor)).rejects.toEqual(
      new TeamError("last_admin"),
    );
    await expect(deactivateStaff(second.id, actor)).rejects.toEqual(new TeamError("last_admin"));
    const still = await db.user.findUniqueOrThrow({ where: { id: second.id } });
    expect(still).toMatchObject({ role: "ADMIN", active: true });
    expect(await auditRows("staff.role")).toHaveLength(1);
    expect(await auditRows("staff.deactivate")).toHaveLength(0);

    // Through the page: a deactivated admin does not count. Reactivate the first, make them
    // admin again, deactivate them: then `second` is once more the last one.
    await post(cookie, { intent: "role", userId: staff.admin.id, role: "ADMIN" });
    await post(cookie, { intent: "deactivate", userId: staff.admin.id });
    const refused = await post(await cookieFor(staff.admin.id), {
      intent: "deactivate",
      userId: second.id,
    });
    // The deactivated admin is signed out: sent to sign in.
    expect(refused.status).toBe(302);
    // Two demotions at once: one of them is refused, an admin is left.
    await post(cookie, { intent: "reactivate", userId: staff.admin.id });
    const results = await Promise.allSettled([
      changeRole(staff.admin.id, "FINANCE", actor),
      changeRole(second.id, "FINANCE", actor),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
  });

  it("refuses to change one's own account", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    const own = await post(cookie, { intent: "deactivate", userId: staff.admin.id });
    expect(own.status).toBe(409);
    expect(formReply(own).errors[""]).toBe(getFixedT("en")("team.errors.self"));
  });

  it("resets a second factor: TOTP and recovery codes gone, sessions ended, the person emailed", async () => {
    const staff = await createStaff();
    const admin = await cookieFor(staff.admin.id);
    const finance = staff.finance;
    await db.user.update({
      where: { id: finance.id },
      data: { totpSecret: "sealed-secret", totpConfirmedAt: new Date(), totpLastStep: 123 },
    });
    await db.recoveryCode.createMany({
      data: [1, 2, 3].map((i) => ({ userId: finance.id, codeHash: `hash-${i}` })),
    });
    const theirs = await cookieFor(finance.id);

    const done = await post(admin, { intent: "resetTotp", userId: finance.id });
    expect(done.status).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { id: finance.id } });
    expect(user).toMatchObject({ totpSecret: null, totpConfirmedAt: null, totpLastStep: null });
    expect(await db.recoveryCode.count({ where: { userId: finance.id } })).toBe(0);
    expect(await signedIn(theirs)).toBeUndefined();

    const mails = await db.outboxEmail.findMany();
    expect(mails).toHaveLength(1);
    // In their own language (finance reads German here).
    expect(mails[0]).toMatchObject({
      toEmail: finance.email,
      template: "second-factor-reset",
      locale: "de",
    });
    expect(mails[0]!.subject).toBe(getFixedT("de", "emails")("secondFactorReset.subject"));

    const [row] = await auditRows("staff.second_factor_reset");
    expect(row!.actorId).toBe(staff.admin.id);
    expect(JSON.parse(row!.detail!)).toEqual({
      before: { enrolled: true, recoveryCodes: 3, sessions: 1 },
      after: { enrolled: false, recoveryCodes: 0, sessions: 0 },
    });
    // A second reset finds nothing to reset, and sends nothing.
    expect((await post(admin, { intent: "resetTotp", userId: finance.id })).status).toBe(409);
    expect(await db.outboxEmail.count()).toBe(1);
  });

  it("shows who is enrolled, active and last seen", async () => {
    const staff = await createStaff();
    await db.user.update({
      where: { id: staff.clinician.id },
      data: { totpConfirmedAt: new Date() },
    });
    await cookieFor(staff.clinician.id);
    const page = await teamPage(await cookieFor(staff.admin.id));
    const byId = new Map(page.people.map((p) => [p.id, p]));
    expect(byId.get(staff.clinician.id)).toMatchObject({ enrolled: true, active: true });
    expect(byId.get(staff.clinician.id)!.lastSignIn).not.toBeNull();
    expect(byId.get(staff.finance.id)).toMatchObject({ enrolled: false, lastSignIn: null });
    expect(byId.get(staff.admin.id)!.lastAdmin).toBe(true);
  });
});

describe("only admins manage the team", () => {
  it("answers 403 to other staff and 404 to patients, and changes nothing", async () => {
    const staff = await createStaff();
    const { patient } = await createCase();
    for (const [id, status] of [
      [staff.coordinator.id, 403],
      [staff.finance.id, 403],
      [patient.id, 404],
    ] as const) {
      const cookie = await cookieFor(id);
      expect((await call(teamLoader as Handler, { path: TEAM, cookie })).status).toBe(status);
      const tried = await post(cookie, { intent: "deactivate", userId: staff.admin.id });
      expect(tried.status).toBe(status);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.admin.id } })).active).toBe(true);
  });
});

describe("my sessions", () => {
  it("lists this person's sessions, marks the current one, ends one and all others", async () => {
    const staff = await createStaff();
    const me = staff.coordinator;
    const current = await cookieFor(me.id);
    const other1 = await cookieFor(me.id);
    const other2 = await cookieFor(me.id);
    const someoneElse = await cookieFor(staff.clinician.id);
    await db.session.updateMany({
      where: { userId: me.id },
      data: {
        userAgent:
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
        ip: "203.0.113.9",
      },
    });

    const page = await call(accountLoader as Handler, { path: "/staff/account", cookie: current });
    expect(page.status).toBe(200);
    const { sessions } = page.data as Awaited<ReturnType<typeof accountLoader>>;
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]!.current).toBe(true);
    expect(sessions[0]).toMatchObject({ device: "Firefox · Windows", ip: "203.0.113.9" });
    // Session ids (credentials) never reach the page.
    const ids = (await db.session.findMany({ where: { userId: me.id } })).map((s) => s.id);
    for (const id of ids) expect(JSON.stringify(page.data)).not.toContain(id);

    // End one other session by its reference.
    const target = sessions.find((s) => !s.current)!;
    const ended = await post(current, { intent: "endSession", session: target.ref }, accountAction);
    expect(ended.status).toBe(200);
    const left = [await signedIn(other1), await signedIn(other2)].filter(Boolean);
    expect(left).toHaveLength(1);
    expect(await signedIn(current)).toBe(me.id);
    // Ending it again finds none.
    expect(
      (await post(current, { intent: "endSession", session: target.ref }, accountAction)).status,
    ).toBe(404);

    // Another person's session cannot be ended from here.
    const theirs = await call(accountLoader as Handler, {
      path: "/staff/account",
      cookie: someoneElse,
    });
    const theirRef = (theirs.data as { sessions: { ref: string }[] }).sessions[0]!.ref;
    expect(
      (await post(current, { intent: "endSession", session: theirRef }, accountAction)).status,
    ).toBe(404);
    expect(await signedIn(someoneElse)).toBe(staff.clinician.id);

    // End all others: only this one stays.
    const all = await post(current, { intent: "endOthers" }, accountAction);
    expect(all.status).toBe(200);
    expect(await db.session.count({ where: { userId: me.id } })).toBe(1);
    expect(await signedIn(current)).toBe(me.id);
    expect(await auditRows("account.sessions_end_others")).toHaveLength(1);
  });

  it("refreshes last seen at most every five minutes", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.finance.id);
    await signedIn(cookie);
    const first = await db.session.findFirstOrThrow({ where: { userId: staff.finance.id } });
    expect(first.lastSeenAt).toBeInstanceOf(Date);
    await signedIn(cookie);
    const same = await db.session.findFirstOrThrow({ where: { userId: staff.finance.id } });
    expect(same.lastSeenAt!.getTime()).toBe(first.lastSeenAt!.getTime());
    const old = new Date(Date.now() - 6 * 60_000);
    await db.session.update({ where: { id: first.id }, data: { lastSeenAt: old } });
    await signedIn(cookie);
    const later = await db.session.findFirstOrThrow({ where: { userId: staff.finance.id } });
    expect(later.lastSeenAt!.getTime()).toBeGreaterThan(old.getTime());
  });

  it("is not for patients: they are not told it exists", async () => {
    const { patient } = await createCase();
    const cookie = await cookieFor(patient.id);
    const page = await call(accountLoader as Handler, { path: "/staff/account", cookie });
    expect(page.status).toBe(404);
  });
});

describe("the audit page's kind of change", () => {
  it("filters by the kind read from the action, in one query on either database", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    await post(cookie, { intent: "role", userId: staff.coordinator.id, role: "FINANCE" });
    const write = (action: string) =>
      db.auditLog.create({
        data: { actorId: staff.admin.id, action, entity: "Case", outcome: "success" },
      });
    await write("case.view");
    await write("case.stage_change");
    await write("payment.record");
    await write("something.new");
    const kinds = async (kind: string) => {
      const log = await readAuditLog(
        { id: staff.admin.id, role: "ADMIN" },
        parseAuditQuery(new URL(`http://x/staff/audit?kind=${kind}`)),
        { ip: null, search: "" },
      );
      return log.rows.map((r) => r.action).sort();
    };
    expect(await kinds("admin")).toEqual(["staff.role"]);
    expect(await kinds("health")).toEqual(["case.view"]);
    expect(await kinds("cases")).toEqual(["case.stage_change"]);
    expect(await kinds("money")).toEqual(["payment.record"]);
    expect(await kinds("other")).toEqual(["something.new"]);
    // Every row's kind, as the page reads it, is the kind that filter found it under.
    for (const k of ["admin", "health", "cases", "money", "other"]) {
      for (const action of await kinds(k)) expect(auditKindOf(action)).toBe(k);
    }
    // An unknown kind is no filter.
    expect((await kinds("nonsense")).length).toBeGreaterThan(5);
  });
});
