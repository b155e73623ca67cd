/**
 * Consent per channel (issue 24 §2): the enquiry's opt-in writes one consent per channel
 * ticked, kept like the health-data consent, and sends the code that proves the number; the
 * portal's settings turn a channel off and on again, send a code and check it (in any digits);
 * a patient acts only on their own settings; staff see which channels reach the patient.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { messageForDelivery } from "~/infra/messages.server";
import { newFormKey } from "~/infra/forms.server";
import { openSecret } from "~/infra/outbox.server";
import { CHANNEL_CONSENT_PURPOSE, CHANNEL_CONSENT_VERSION } from "~/lib/message-templates";
import { MAX_CODES_PER_HOUR, MAX_TRIES } from "~/models/channels/phone.server";
import { action as enquire } from "~/routes/enquire";
import { action as confirmAction } from "~/routes/enquire_.confirm";
import { action as settingsAction, loader as settingsLoader } from "~/routes/portal.settings";
import { loader as staffCaseLoader } from "~/routes/staff.cases.$caseId";
import { resetDatabase } from "./support/db";
import { createCase, createStaff } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

const SLUG = "lupus-msc";
const fa = getFixedT("fa", "privacy");

beforeEach(async () => {
  await resetDatabase();
  await db.programme.create({
    data: { slug: SLUG, name: "MSC therapy for lupus (SLE)", condition: "SLE", summary: "Demo" },
  });
});

/** The public enquiry form, in Persian, with the channels ticked. */
function enquiryForm(email: string, channels: string[]) {
  const form = new FormData();
  const fields: Record<string, string> = {
    name: "Sara Ahmadi",
    email,
    phoneCountry: "IR",
    // Persian digits, as a Persian keyboard types them.
    phone: "۰۹۱۲ ۳۴۵ ۶۷۸۹",
    country: "IR",
    language: "fa",
    timeZone: "Asia/Tehran",
    programme: SLUG,
    diagnosis: "SLE since 2016",
    consent: "yes",
    [`q.${SLUG}.activeInfection`]: "no",
    [`q.${SLUG}.organCrisis`]: "no",
    [`q.${SLUG}.dialysis`]: "no",
    [`q.${SLUG}.pregnancy`]: "no",
    [`q.${SLUG}.malignancy`]: "no",
    [`q.${SLUG}.recentCytotoxic`]: "no",
    [`q.${SLUG}.thrombosis`]: "no",
    [`q.${SLUG}.flaresLastYear`]: "1",
    [`q.${SLUG}.fitToTravel`]: "yes",
    _key: newFormKey(),
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const c of channels) form.append("channels", c);
  return form;
}

/** Sends the enquiry and confirms it from the emailed link; returns the new patient. */
async function enquireAndConfirm(email: string, channels: string[]) {
  const sent = await call(enquire, {
    path: "/enquire",
    form: enquiryForm(email, channels),
    lang: "fa",
    ip: "10.9.0.1",
  });
  expect(sent.status).toBe(302);
  const mail = await db.outboxEmail.findFirstOrThrow({
    where: { toEmail: email, template: "enquiry-confirm" },
  });
  const token = new URL(openSecret(mail.secret!)).searchParams.get("token")!;
  const confirmed = await call(confirmAction, {
    path: "/enquire/confirm",
    form: new URLSearchParams({ token, intent: "confirm" }),
    ip: "10.9.0.2",
  });
  expect(confirmed.status).toBe(302);
  return db.user.findUniqueOrThrow({ where: { email } });
}

const channelConsents = (userId: string) =>
  db.consent.findMany({
    where: { userId, purpose: { startsWith: "CHANNEL_" } },
    orderBy: { grantedAt: "asc" },
  });

describe("the enquiry's opt-in", () => {
  it("writes one consent per channel ticked, with version, language, time and address, and sends the code on the first", async () => {
    const before = new Date();
    const patient = await enquireAndConfirm("sara@example.com", ["SMS", "WHATSAPP"]);
    const consents = await channelConsents(patient.id);
    expect(consents.map((c) => c.purpose).sort()).toEqual(
      [CHANNEL_CONSENT_PURPOSE.SMS, CHANNEL_CONSENT_PURPOSE.WHATSAPP].sort(),
    );
    for (const c of consents) {
      expect(c.version).toBe(CHANNEL_CONSENT_VERSION);
      expect(c.locale).toBe("fa");
      expect(c.ip).toBe("10.9.0.2");
      expect(c.withdrawnAt).toBeNull();
      expect(c.grantedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(c.caseId).toBeTruthy();
    }
    // The number typed in Persian digits is stored in E.164, and the code goes to it on the
    // first channel in the form's order (WhatsApp), in the patient's language.
    expect(patient.phone).toBe("+989123456789");
    expect(patient.phoneVerifiedAt).toBeNull();
    const codes = await db.outboxMessage.findMany({
      where: { userId: patient.id, template: "phone_code" },
    });
    expect(codes).toHaveLength(1);
    expect(codes[0]!.channel).toBe("WHATSAPP");
    expect(codes[0]!.toPhone).toBe("+989123456789");
    expect(codes[0]!.locale).toBe("fa");
    expect(messageForDelivery(codes[0]!).params.code).toMatch(/^\d{6}$/);
    expect(await db.phoneVerification.count({ where: { userId: patient.id } })).toBe(1);
  });

  it("writes none and sends no code when both boxes are left unticked", async () => {
    const patient = await enquireAndConfirm("nima@example.com", []);
    expect(await channelConsents(patient.id)).toEqual([]);
    expect(await db.outboxMessage.count()).toBe(0);
    expect(await db.phoneVerification.count()).toBe(0);
    // The health-data consent is written as ever.
    expect(await db.consent.count({ where: { userId: patient.id, purpose: "HEALTH_DATA" } })).toBe(
      1,
    );
  });

  it("keeps the ticked boxes when the form is refused for another field, and stores nothing", async () => {
    const form = enquiryForm("omid@example.com", ["WHATSAPP"]);
    form.set("name", "");
    const res = await call(enquire, { path: "/enquire", form, lang: "fa", ip: "10.9.0.3" });
    expect(res.status).toBe(400);
    const reply = res.data as { result: { initialValue: { channels?: unknown } } };
    // One ticked box comes back as its value (the form's checkboxes read either shape).
    expect([reply.result.initialValue.channels].flat()).toEqual(["WHATSAPP"]);
    expect(await db.pendingEnquiry.count()).toBe(0);
    expect(await db.consent.count()).toBe(0);
  });

  it("keeps a tampered channel out, and sends SMS when only SMS is ticked", async () => {
    const patient = await enquireAndConfirm("leila@example.com", ["SMS", "PIGEON"]);
    expect((await channelConsents(patient.id)).map((c) => c.purpose)).toEqual([
      CHANNEL_CONSENT_PURPOSE.SMS,
    ]);
    const code = await db.outboxMessage.findFirstOrThrow({ where: { userId: patient.id } });
    expect(code.channel).toBe("SMS");
  });
});

// ------------------------------------------------------------------ the portal's settings

async function patientWithPhone(phone = "+905321234567") {
  const made = await createCase({ locale: "fa" });
  await db.user.update({ where: { id: made.patient.id }, data: { phone } });
  return { ...made, cookie: await cookieFor(made.patient.id) };
}

const post = (cookie: string, fields: Record<string, string>) =>
  call(settingsAction, {
    path: "/portal/settings",
    cookie,
    lang: "fa",
    ip: "10.8.0.1",
    form: new URLSearchParams({ ...fields, _key: newFormKey() }),
  });

/** The newest code sent to the patient, as the provider receives it. */
async function newestCode(userId: string) {
  const row = await db.outboxMessage.findFirstOrThrow({
    where: { userId, template: "phone_code" },
    orderBy: { createdAt: "desc" },
  });
  return messageForDelivery(row).params.code!;
}

/** Each ASCII digit as its Persian one. */
const persian = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

describe("messages on the phone, in the portal's settings", () => {
  it("withdraws a channel (withdrawnAt) and opts in again with a new consent, each audited", async () => {
    const p = await patientWithPhone();
    const on = await post(p.cookie, { intent: "channel", channel: "WHATSAPP", choice: "on" });
    expect(on.status).toBe(200);
    expect(formReply(on)).toMatchObject({
      form: "channel-WHATSAPP",
      done: fa("channels.settings.turnedOn", { channel: fa("channels.name.WHATSAPP") }),
    });
    const off = await post(p.cookie, { intent: "channel", channel: "WHATSAPP", choice: "off" });
    expect(off.status).toBe(200);
    let rows = await channelConsents(p.patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.withdrawnAt).toBeInstanceOf(Date);
    expect(rows[0]!).toMatchObject({
      version: CHANNEL_CONSENT_VERSION,
      locale: "fa",
      ip: "10.8.0.1",
    });

    await post(p.cookie, { intent: "channel", channel: "WHATSAPP", choice: "on" });
    rows = await channelConsents(p.patient.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.withdrawnAt).toBeInstanceOf(Date);
    expect(rows[1]!.withdrawnAt).toBeNull();

    const audits = await db.auditLog.findMany({
      where: { actorId: p.patient.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, entity: true, outcome: true },
    });
    expect(audits.map((a) => a.action)).toEqual([
      "consent.channel_on",
      "consent.channel_off",
      "consent.channel_on",
    ]);
    // The settings page shows it on, the number unproved.
    const page = (await call(settingsLoader, { path: "/portal/settings", cookie: p.cookie }))
      .data as {
      phoneChannels: {
        phoneVerifiedAt: Date | null;
        channels: { channel: string; since: Date | null }[];
      };
    };
    expect(page.phoneChannels.phoneVerifiedAt).toBeNull();
    expect(page.phoneChannels.channels.map((c) => [c.channel, c.since !== null])).toEqual([
      ["WHATSAPP", true],
      ["SMS", false],
    ]);
  });

  it("answers a wrong, an expired and an exhausted code beside the code field, and too many codes", async () => {
    const p = await patientWithPhone();
    const sent = await post(p.cookie, { intent: "sendCode", channel: "SMS" });
    expect(formReply(sent)).toMatchObject({ form: "code", errors: {} });
    const right = await newestCode(p.patient.id);
    const wrong = right === "000000" ? "111111" : "000000";

    const bad = formReply(await post(p.cookie, { intent: "confirmCode", code: wrong }));
    expect(bad.form).toBe("code");
    expect(bad.errors.code).toBe(fa("channels.errors.code"));
    // Not six digits: the same answer, beside the field.
    const short = formReply(await post(p.cookie, { intent: "confirmCode", code: "12" }));
    expect(short.errors.code).toBe(fa("channels.errors.code"));

    await db.phoneVerification.updateMany({ data: { attempts: MAX_TRIES } });
    const exhausted = formReply(await post(p.cookie, { intent: "confirmCode", code: right }));
    expect(exhausted.errors.code).toBe(fa("channels.errors.tooMany"));

    await db.phoneVerification.updateMany({
      data: { attempts: 0, expiresAt: new Date(Date.now() - 1000) },
    });
    // (Typed in Persian digits: the very same text again would be refused as a repeat.)
    const expired = formReply(
      await post(p.cookie, { intent: "confirmCode", code: persian(right) }),
    );
    expect(expired.errors.code).toBe(fa("channels.errors.expired"));
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: p.patient.id } })).phoneVerifiedAt,
    ).toBeNull();

    // A second code within a minute is not sent; after the hour's share, none at all.
    const soon = formReply(await post(p.cookie, { intent: "sendCode", channel: "WHATSAPP" }));
    expect(soon.errors.code).toBe(fa("channels.errors.wait"));
    const hourAgo = new Date(Date.now() - 30 * 60_000);
    await db.phoneVerification.updateMany({ data: { createdAt: hourAgo } });
    for (let i = 1; i < MAX_CODES_PER_HOUR; i++) {
      await db.phoneVerification.create({
        data: {
          userId: p.patient.id,
          phone: "+905321234567",
          channel: "SMS",
          codeHash: "00",
          expiresAt: hourAgo,
          createdAt: hourAgo,
        },
      });
    }
    const many = formReply(await post(p.cookie, { intent: "sendCode", channel: "WHATSAPP" }));
    expect(many.errors.code).toBe(fa("channels.errors.tooManyCodes"));
  });

  it("accepts the code typed in Persian digits, with a space, and proves the number", async () => {
    const p = await patientWithPhone();
    await post(p.cookie, { intent: "sendCode", channel: "WHATSAPP" });
    const code = await newestCode(p.patient.id);
    const typed = `${persian(code.slice(0, 3))} ${persian(code.slice(3))}`;
    const res = await post(p.cookie, { intent: "confirmCode", code: typed });
    expect(res.status).toBe(200);
    expect(formReply(res)).toMatchObject({ done: fa("channels.settings.provedDone"), errors: {} });
    const user = await db.user.findUniqueOrThrow({ where: { id: p.patient.id } });
    expect(user.phoneVerifiedAt).toBeInstanceOf(Date);
  });

  it("acts only on the signed-in patient's own settings, whatever the form names", async () => {
    const a = await patientWithPhone("+905321234567");
    const b = await patientWithPhone("+905329876543");
    const res = await post(b.cookie, {
      intent: "channel",
      channel: "SMS",
      choice: "on",
      userId: a.patient.id,
      patientId: a.patient.id,
    });
    expect(res.status).toBe(200);
    expect(await channelConsents(a.patient.id)).toEqual([]);
    expect(await channelConsents(b.patient.id)).toHaveLength(1);

    await post(b.cookie, { intent: "sendCode", channel: "SMS", userId: a.patient.id });
    const sent = await db.outboxMessage.findMany({ select: { userId: true, toPhone: true } });
    expect(sent).toEqual([{ userId: b.patient.id, toPhone: "+905329876543" }]);

    // A's code typed into B's session proves nothing for either.
    await db.phoneVerification.updateMany({ data: { createdAt: new Date(Date.now() - 120_000) } });
    await post(a.cookie, { intent: "sendCode", channel: "SMS" });
    const codeOfA = await newestCode(a.patient.id);
    await post(b.cookie, { intent: "confirmCode", code: codeOfA });
    for (const id of [a.patient.id, b.patient.id]) {
      expect((await db.user.findUniqueOrThrow({ where: { id } })).phoneVerifiedAt).toBeNull();
    }

    // Without a session, or as staff, the settings are not reached at all.
    const staff = await createStaff();
    for (const cookie of [undefined, await cookieFor(staff.coordinator.id)]) {
      const out = await call(settingsAction, {
        path: "/portal/settings",
        ...(cookie ? { cookie } : {}),
        form: new URLSearchParams({
          intent: "channel",
          channel: "SMS",
          choice: "off",
          _key: newFormKey(),
        }),
      });
      expect(out.status).not.toBe(200);
    }
    expect(await channelConsents(b.patient.id)).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ staff

describe("the staff case page", () => {
  it("shows which channels reach the patient: email always, a proved channel, an unproved one muted", async () => {
    const staff = await createStaff();
    const made = await createCase({ coordinatorId: staff.coordinator.id });
    const cookie = await cookieFor(staff.coordinator.id);
    const reach = async () => {
      const out = await call(staffCaseLoader, {
        path: `/staff/cases/${made.kase.id}`,
        params: { caseId: made.kase.id },
        cookie,
      });
      expect(out.status).toBe(200);
      return (out.data as { reach: { channel: string; proved: boolean }[] }).reach;
    };
    expect(await reach()).toEqual([]);

    await db.user.update({ where: { id: made.patient.id }, data: { phone: "+905321234567" } });
    for (const channel of ["WHATSAPP", "SMS"] as const) {
      await db.consent.create({
        data: {
          userId: made.patient.id,
          purpose: CHANNEL_CONSENT_PURPOSE[channel],
          version: CHANNEL_CONSENT_VERSION,
          locale: "en",
        },
      });
    }
    expect(await reach()).toEqual([
      { channel: "WHATSAPP", proved: false },
      { channel: "SMS", proved: false },
    ]);
    await db.user.update({ where: { id: made.patient.id }, data: { phoneVerifiedAt: new Date() } });
    await db.consent.updateMany({
      where: { purpose: CHANNEL_CONSENT_PURPOSE.SMS },
      data: { withdrawnAt: new Date() },
    });
    expect(await reach()).toEqual([{ channel: "WHATSAPP", proved: true }]);
  });
});
