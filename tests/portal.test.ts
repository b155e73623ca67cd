/**
 * Patient sign-in by magic link and the portal's own actions, through the real routes:
 * no account enumeration, single-use short-lived hashed tokens, rate limits, redaction of
 * the delivered link, settings, and withdrawal of consent.
 */
import fs from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { backgroundSettled } from "~/infra/background.server";
import { hashToken } from "~/models/auth/magic-link.server";
import { dispatchDue, openSecret, SECRET_LINK } from "~/infra/outbox.server";
import { action as authAction } from "~/routes/portal_.auth";
import { action as loginAction } from "~/routes/portal_.login";
import { action as settingsAction } from "~/routes/portal.settings";
import { action as caseAction, loader as caseLoader } from "~/routes/portal.cases.$caseId";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { demoPdf } from "../prisma/demo-pdf";
import { formKey } from "./support/enquiry-form";
import { storedFiles } from "./support/files";
import { call, cookieFor, formReply } from "./support/requests";

beforeEach(async () => {
  await resetDatabase();
});

/** Asks for a link; the link is made after the answer, so wait for that work too. */
async function requestLink(email: string, ip = "10.2.0.1", lang = "en") {
  const outcome = await call(loginAction, {
    path: "/portal/login",
    form: new URLSearchParams({ email }),
    ip,
    lang,
  });
  await backgroundSettled();
  return outcome;
}

/** The link is held sealed until delivery; the stored html and text never hold it. */
async function tokenFromOutbox(email: string) {
  const row = await db.outboxEmail.findFirstOrThrow({
    where: { toEmail: email, template: "magic-link" },
    orderBy: { createdAt: "desc" },
  });
  expect(row.text).toContain(SECRET_LINK);
  return new URL(openSecret(row.secret!)).searchParams.get("token")!;
}

describe("magic-link sign-in", () => {
  it("answers the same for a known and an unknown address; only the known one gets a link", async () => {
    const { patient } = await createCase({ locale: "ru" });
    const known = await requestLink(patient.email);
    const unknown = await requestLink("nobody@example.com");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    // The same answer but for the address it repeats.
    const t = getFixedT("en", "portal");
    expect(formReply(known).done).toBe(t("login.sent", { email: patient.email }));
    expect(formReply(unknown).done).toBe(t("login.sent", { email: "nobody@example.com" }));
    expect({ ...formReply(known), done: null }).toEqual({ ...formReply(unknown), done: null });
    const mails = await db.outboxEmail.findMany({ where: { template: "magic-link" } });
    expect(mails.map((m) => [m.toEmail, m.locale])).toEqual([[patient.email, "ru"]]);
    expect(mails[0]!.subject).toBe(getFixedT("ru", "emails")("magicLink.subject"));
    // Staff accounts are not patients: no link for them either.
    const { coordinator } = await createStaff();
    await requestLink(coordinator.email);
    expect(await db.outboxEmail.count({ where: { template: "magic-link" } })).toBe(1);
  });

  it("stores only the token's hash, and the token works once", async () => {
    const { patient, kase } = await createCase();
    await requestLink(patient.email);
    const token = await tokenFromOutbox(patient.email);
    const stored = await db.loginToken.findFirstOrThrow();
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);

    const first = await call(authAction, {
      path: "/portal/auth",
      form: new URLSearchParams({ token }),
    });
    expect(first.status).toBe(302);
    expect(first.response!.headers.get("Location")).toBe("/portal");
    const cookie = first.response!.headers.get("Set-Cookie")!.split(";")[0]!;
    const page = await call(caseLoader, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie,
    });
    expect(page.status).toBe(200);

    const again = await call(authAction, {
      path: "/portal/auth",
      form: new URLSearchParams({ token }),
    });
    expect(again.status).toBe(400);
  });

  it("refuses an expired token", async () => {
    const { patient } = await createCase();
    await requestLink(patient.email);
    const token = await tokenFromOutbox(patient.email);
    await db.loginToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await call(authAction, {
      path: "/portal/auth",
      form: new URLSearchParams({ token }),
    });
    expect(res.status).toBe(400);
  });

  it("expires 15 minutes after it was sent", async () => {
    const { patient } = await createCase();
    const before = Date.now();
    await requestLink(patient.email);
    const { expiresAt } = await db.loginToken.findFirstOrThrow();
    expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(expiresAt.getTime() - before).toBeLessThanOrEqual(15 * 60_000 + 5000);
  });

  it("never stores the link where staff or a kept file could use it, and empties it once delivered", async () => {
    const { patient } = await createCase();
    await requestLink(patient.email);
    const token = await tokenFromOutbox(patient.email);
    const queued = await db.outboxEmail.findFirstOrThrow({ where: { template: "magic-link" } });
    expect(queued.text).not.toContain(token);
    expect(queued.html).not.toContain(token);
    expect(queued.secret).not.toContain(token);
    await dispatchDue();
    const row = await db.outboxEmail.findFirstOrThrow({ where: { template: "magic-link" } });
    expect(row.status).toBe("SENT");
    expect(row.secret).toBeNull();
    expect(row.text).not.toContain(token);
    // Without SMTP the .eml copy is kept: it holds the link withheld.
    const eml = fs.readFileSync(path.join(env().MAIL_DIR, `${row.id}.eml`), "utf8");
    expect(eml).not.toContain(token);
    expect(eml).toContain("link withheld");
  });

  it("sends an address at most five links in a window, without ever refusing its owner", async () => {
    const { patient } = await createCase();
    // A stranger asks from changing addresses: every answer is the same "on its way".
    for (let i = 0; i < 12; i++)
      expect((await requestLink(patient.email, `10.3.0.${i}`)).status).toBe(200);
    expect(await db.loginToken.count()).toBe(5);
    // The owner is not locked out: the newest link in their inbox still signs them in.
    const token = await tokenFromOutbox(patient.email);
    const res = await call(authAction, {
      path: "/portal/auth",
      form: new URLSearchParams({ token }),
    });
    expect(res.status).toBe(302);
    // Using it retires the older links.
    expect(await db.loginToken.count({ where: { usedAt: null } })).toBe(0);
  });

  it("makes only the asking address wait, answering 429 in the reader's language", async () => {
    for (let i = 0; i < 20; i++)
      expect((await requestLink(`someone${i}@example.com`, "10.3.1.1")).status).toBe(200);
    const res = await requestLink("another@example.com", "10.3.1.1", "fr");
    expect(res.status).toBe(429);
    expect(formReply(res).errors.email).toMatch(/minutes/);
  });

  it("answers bad input with a localized message", async () => {
    const res = await requestLink("not-an-email", "10.2.0.2", "tr");
    expect(res.status).toBe(400);
    expect(formReply(res).errors.email).toBe(getFixedT("tr", "portal")("login.invalidEmail"));
    expect(formReply(res).values.email).toBe("not-an-email");
  });
});

describe("portal settings", () => {
  it("saves language and time zone, applies them to open cases, and remembers the language", async () => {
    const { patient, kase } = await createCase({ locale: "en" });
    const res = await call(settingsAction, {
      path: "/portal/settings",
      cookie: await cookieFor(patient.id),
      form: new URLSearchParams({
        intent: "profile",
        name: "Leyla Ahmadi",
        phoneCountry: "IR",
        phone: "912 345 6789",
        language: "fa",
        timeZone: "Asia/Tehran",
      }),
    });
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("Set-Cookie")).toMatch(/^lng=/);
    expect(await db.user.findUniqueOrThrow({ where: { id: patient.id } })).toMatchObject({
      locale: "fa",
      timeZone: "Asia/Tehran",
      phone: "+989123456789",
    });
    expect(await db.case.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({
      language: "fa",
      timeZone: "Asia/Tehran",
    });
  });

  it("keeps what was typed and explains each problem in the patient's language", async () => {
    // The saved language outranks the browser's Accept-Language.
    const { patient } = await createCase({ locale: "ar" });
    const res = await call(settingsAction, {
      path: "/portal/settings",
      cookie: await cookieFor(patient.id),
      lang: "de",
      form: new URLSearchParams({
        intent: "profile",
        name: "L",
        phoneCountry: "IR",
        phone: "1",
        language: "xx",
        timeZone: "Mars/Olympus",
      }),
    });
    expect(res.status).toBe(400);
    const { errors, values } = formReply(res);
    expect(Object.keys(errors).sort()).toEqual(["language", "name", "timeZone"]);
    expect(errors.name).toBe(getFixedT("ar", "enquiry")("errors.nameRequired"));
    expect(values).toMatchObject({ name: "L", phone: "1", timeZone: "Mars/Olympus" });
  });
});

describe("withdrawing consent", () => {
  it("records the withdrawal, flags the case for staff with an event and an email, and stops uploads", async () => {
    const { coordinator } = await createStaff();
    const { patient, kase } = await createCase({ coordinatorId: coordinator.id });
    await db.consent.create({
      data: {
        userId: patient.id,
        caseId: kase.id,
        purpose: "HEALTH_DATA",
        version: "2026-11-01",
        locale: "en",
      },
    });
    const cookie = await cookieFor(patient.id);
    const unconfirmed = await call(settingsAction, {
      path: "/portal/settings",
      cookie,
      form: new URLSearchParams({ intent: "withdraw" }),
    });
    expect(unconfirmed.status).toBe(400);
    expect((await db.consent.findFirstOrThrow()).withdrawnAt).toBeNull();

    const res = await call(settingsAction, {
      path: "/portal/settings",
      cookie,
      form: new URLSearchParams({ intent: "withdraw", confirm: "yes" }),
    });
    expect(res.status).toBe(200);
    expect((await db.consent.findFirstOrThrow()).withdrawnAt).toBeInstanceOf(Date);
    const flagged = await db.case.findUniqueOrThrow({
      where: { id: kase.id },
      include: { events: true },
    });
    expect(flagged.consentWithdrawnAt).toBeInstanceOf(Date);
    expect(flagged.events.map((e) => e.type)).toContain("CONSENT_WITHDRAWN");
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { template: "notice", toEmail: coordinator.email },
    });
    expect(mail.locale).toBe("tr");

    const { action: upload } = await import("~/routes/portal.cases.$caseId");
    const form = new FormData();
    form.append("intent", "upload");
    form.append("_key", formKey());
    form.append("files", new Blob(["%PDF-1.4"]), "a.pdf");
    const refused = await call(upload, {
      path: `/portal/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie,
      form,
    });
    expect(refused.status).toBe(409);
    expect(formReply(refused).errors.files).toBe(
      getFixedT("en", "portal")("documents.consentWithdrawn"),
    );
  });
});

describe("the case page's creating forms", () => {
  it("sends a message once, however often the same form is posted, and empties the form", async () => {
    const { patient, kase } = await createCase({ locale: "fa" });
    const cookie = await cookieFor(patient.id);
    const form = new URLSearchParams({ intent: "message", body: "سلام", _key: formKey() });
    const send = () =>
      call(caseAction, {
        path: `/portal/cases/${kase.id}`,
        params: { caseId: kase.id },
        cookie,
        form,
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect(formReply(first)).toMatchObject({
      form: "message",
      values: {},
      done: getFixedT("fa", "portal")("messages.sent"),
    });
    const again = await send();
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(getFixedT("fa", "common")("form.duplicate"));
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "MESSAGE" } })).toBe(1);
  });

  it("stores an upload once, however often the same form is posted", async () => {
    const { patient, kase } = await createCase();
    const cookie = await cookieFor(patient.id);
    const key = formKey();
    const upload = () => {
      const form = new FormData();
      form.append("intent", "upload");
      form.append("_key", key);
      form.append("files", new Blob([new Uint8Array(demoPdf("labs"))]), "labs.pdf");
      return call(caseAction, {
        path: `/portal/cases/${kase.id}`,
        params: { caseId: kase.id },
        cookie,
        form,
      });
    };
    const before = storedFiles();
    expect((await upload()).status).toBe(200);
    const stored = storedFiles();
    expect(stored.length).toBe(before.length + 1);
    expect((await upload()).status).toBe(409);
    expect(await db.document.count({ where: { caseId: kase.id } })).toBe(1);
    // The second copy's file was written, then removed with its refused transaction.
    expect(storedFiles()).toEqual(stored);
  });
});

it("shows a patient only their own case: any other case id is 404", async () => {
  const { kase } = await createCase();
  const stranger = await createUser({ role: "PATIENT" });
  const res = await call(caseLoader, {
    path: `/portal/cases/${kase.id}`,
    params: { caseId: kase.id },
    cookie: await cookieFor(stranger.id),
  });
  expect(res.status).toBe(404);
});
