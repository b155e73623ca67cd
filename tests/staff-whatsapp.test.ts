/**
 * The first-reply reminder on a coordinator's WhatsApp (issue 24, section 6): queued with the
 * reminder's email for each reminded coordinator who turned it on and proved their number,
 * once even with two sweeps at once; never without the toggle or the proof. And the settings
 * page's WhatsApp block: the number (E.164, checked for its country), its proof by a code
 * (native digits accepted), and the toggle, which is refused until the number is proved.
 */
import { db } from "~/db.server";
import { env } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY } from "~/infra/forms.server";
import { messageForDelivery } from "~/infra/messages.server";
import { sendFirstResponseReminders } from "~/models/cases/sla.server";
import {
  action as settingsAction,
  loader as settingsLoader,
} from "~/routes/staff.notifications_.settings";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

type Handler = Parameters<typeof call>[0];

const HOUR = 3_600_000;

beforeEach(async () => {
  await resetDatabase();
});

async function coordinator(
  locale: string,
  options: { phone?: string; proved?: boolean; toggle?: boolean },
) {
  const user = await createUser({ role: "COORDINATOR", locale });
  return db.user.update({
    where: { id: user.id },
    data: {
      phone: options.phone ?? null,
      phoneVerifiedAt: options.proved ? new Date() : null,
      staffWhatsapp: options.toggle ?? false,
    },
  });
}

/** A new enquiry of no coordinator whose first reply is due in three hours (inside the lead). */
async function enquiryDueSoon() {
  const made = await createCase();
  await db.case.update({
    where: { id: made.kase.id },
    data: { firstResponseDueAt: new Date(Date.now() + 3 * HOUR) },
  });
  await db.outboxEmail.deleteMany({});
  return made;
}

describe("the first-reply reminder on WhatsApp", () => {
  it("goes once to each reminded coordinator who turned it on with a proved number, even with two sweeps at once", async () => {
    const on = await coordinator("tr", { phone: "+905321234567", proved: true, toggle: true });
    const noToggle = await coordinator("de", { phone: "+4915112345678", proved: true });
    const unproved = await coordinator("ar", { phone: "+971501234567", toggle: true });
    const { kase } = await enquiryDueSoon();

    const swept = await Promise.all([sendFirstResponseReminders(), sendFirstResponseReminders()]);
    expect(swept.sort()).toEqual([0, 1]);
    expect(await sendFirstResponseReminders()).toBe(0);

    // Every coordinator got the email (the case has none assigned)…
    const emails = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    expect(emails.map((e) => e.toEmail).sort()).toEqual(
      [on.email, noToggle.email, unproved.email].sort(),
    );
    // …and only the one who turned it on with a proved number the WhatsApp message.
    const messages = await db.outboxMessage.findMany();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      channel: "WHATSAPP",
      kind: "TEMPLATE",
      template: "staff_first_reply",
      toPhone: "+905321234567",
      locale: "tr",
      userId: on.id,
      caseId: kase.id,
    });
    expect(JSON.parse(messages[0]!.params)).toEqual({
      caseNumber: kase.number,
      link: `${env().APP_URL.replace(/\/$/, "")}/staff/cases/${kase.id}`,
    });
  });

  it("goes only to the assigned coordinator, and as free text inside their 24-hour window", async () => {
    const assigned = await coordinator("en", {
      phone: "+905321234567",
      proved: true,
      toggle: true,
    });
    await db.user.update({
      where: { id: assigned.id },
      data: { whatsappLastInboundAt: new Date(Date.now() - HOUR) },
    });
    await coordinator("fa", { phone: "+989121234567", proved: true, toggle: true });
    const { kase } = await enquiryDueSoon();
    await db.case.update({ where: { id: kase.id }, data: { coordinatorId: assigned.id } });

    expect(await sendFirstResponseReminders()).toBe(1);
    const messages = await db.outboxMessage.findMany();
    expect(messages.map((m) => [m.userId, m.kind])).toEqual([[assigned.id, "TEXT"]]);
  });

  it("goes nowhere without the toggle or the proof", async () => {
    await coordinator("en", { phone: "+905321234567", proved: true });
    await coordinator("en", { phone: "+905321234568", toggle: true });
    await coordinator("en", { toggle: true, proved: true });
    await enquiryDueSoon();
    expect(await sendFirstResponseReminders()).toBe(1);
    expect(await db.outboxEmail.count()).toBe(3);
    expect(await db.outboxMessage.count()).toBe(0);
  });
});

describe("the WhatsApp block of the notification settings", () => {
  // In the member of staff's own language (the coordinator's is Turkish).
  const tr = getFixedT("tr", "common");
  const PATH = "/staff/notifications/settings";

  async function settings(cookie: string) {
    const page = await call(settingsLoader as Handler, { path: PATH, cookie });
    expect(page.status).toBe(200);
    return page.data as Awaited<ReturnType<typeof settingsLoader>>;
  }
  const post = (cookie: string, fields: Record<string, string>) =>
    call(settingsAction as Handler, {
      path: PATH,
      cookie,
      lang: "en",
      form: new URLSearchParams(fields),
    });

  it("is shown to those the first-reply reminder goes to, not to finance", async () => {
    const staff = await createStaff();
    expect((await settings(await cookieFor(staff.coordinator.id))).whatsapp).toMatchObject({
      hasPhone: false,
      proved: false,
      values: { enabled: false },
    });
    expect((await settings(await cookieFor(staff.finance.id))).whatsapp).toBeNull();
  });

  it("saves the number, proves it with a code, and only then turns the reminder on", async () => {
    const staff = await createStaff();
    const me = staff.coordinator;
    const cookie = await cookieFor(me.id);

    // A number not valid for its country: refused beside the field, in Turkish, kept as typed.
    let reply = await post(cookie, { intent: "phone", phoneCountry: "TR", phone: "12" });
    expect(reply.status).toBe(400);
    expect(formReply(reply)).toMatchObject({
      form: "staff-phone",
      errors: { phone: tr("notifications.whatsapp.errors.phone") },
      values: { phone: "12", phoneCountry: "TR" },
    });
    reply = await post(cookie, { intent: "phone", phoneCountry: "", phone: "" });
    expect(formReply(reply).errors).toEqual({
      phoneCountry: tr("notifications.whatsapp.errors.phoneCountry"),
      phone: tr("notifications.whatsapp.errors.phoneRequired"),
    });
    // Native digits are the number too.
    reply = await post(cookie, { intent: "phone", phoneCountry: "TR", phone: "۰۵۳۲ ۱۲۳ ۴۵ ۶۷" });
    expect(reply.status, JSON.stringify(reply.data)).toBe(200);
    expect(formReply(reply).done).toBe(tr("notifications.whatsapp.phoneSaved"));
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({
      phone: "+905321234567",
      phoneVerifiedAt: null,
    });

    // Not proved: the toggle is refused beside it.
    reply = await post(cookie, { intent: "whatsapp", enabled: "on" });
    expect(reply.status).toBe(400);
    expect(formReply(reply)).toMatchObject({
      form: "staff-whatsapp",
      errors: { enabled: tr("notifications.whatsapp.errors.notProved") },
    });

    const page = await settings(cookie);
    reply = await post(cookie, { intent: "sendCode", [FORM_KEY]: page.whatsapp!.codeKey });
    expect(reply.status, JSON.stringify(reply.data)).toBe(200);
    expect(formReply(reply).done).toBe(tr("notifications.whatsapp.codeSent"));
    const sent = await db.outboxMessage.findFirstOrThrow({ where: { userId: me.id } });
    expect(sent).toMatchObject({ channel: "WHATSAPP", template: "phone_code", locale: "tr" });
    const code = messageForDelivery(sent).params.code!;
    expect((await settings(cookie)).whatsapp).toMatchObject({ codePending: true, proved: false });

    // A wrong code, then a malformed one, each beside the field.
    const wrong = code === "000000" ? "111111" : "000000";
    const confirmKey = async () => (await settings(cookie)).whatsapp!.confirmKey;
    reply = await post(cookie, {
      intent: "confirmCode",
      code: wrong,
      [FORM_KEY]: await confirmKey(),
    });
    expect(formReply(reply)).toMatchObject({
      form: "confirm-code",
      errors: { code: tr("notifications.whatsapp.errors.codeWrong") },
    });
    reply = await post(cookie, {
      intent: "confirmCode",
      code: "12ab",
      [FORM_KEY]: await confirmKey(),
    });
    expect(formReply(reply).errors).toEqual({ code: tr("notifications.whatsapp.errors.code") });
    // The right one, in Persian digits.
    const persian = code.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
    reply = await post(cookie, {
      intent: "confirmCode",
      code: persian,
      [FORM_KEY]: await confirmKey(),
    });
    expect(reply.status, JSON.stringify(reply.data)).toBe(200);
    expect(formReply(reply).done).toBe(tr("notifications.whatsapp.confirmed"));

    reply = await post(cookie, { intent: "whatsapp", enabled: "on" });
    expect(formReply(reply).done).toBe(tr("notifications.whatsapp.toggleSaved"));
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({
      staffWhatsapp: true,
    });
    expect((await settings(cookie)).whatsapp).toMatchObject({
      proved: true,
      values: { enabled: true },
    });

    // Another number is unproved again, and the reminder on WhatsApp goes off with it.
    reply = await post(cookie, { intent: "phone", phoneCountry: "DE", phone: "01511 2345678" });
    expect(reply.status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({
      phone: "+4915112345678",
      phoneVerifiedAt: null,
      staffWhatsapp: false,
    });
    // And turning it off needs no proof.
    reply = await post(cookie, { intent: "whatsapp" });
    expect(reply.status).toBe(200);
  });

  it("sends no second code for the same form sent twice", async () => {
    const staff = await createStaff();
    await db.user.update({ where: { id: staff.coordinator.id }, data: { phone: "+905321234567" } });
    const cookie = await cookieFor(staff.coordinator.id);
    const key = (await settings(cookie)).whatsapp!.codeKey;
    const first = await post(cookie, { intent: "sendCode", [FORM_KEY]: key });
    const again = await post(cookie, { intent: "sendCode", [FORM_KEY]: key });
    // Refused: the code just sent is on its way (and the key is spent besides).
    expect([first.status, again.status]).toEqual([200, 400]);
    expect(formReply(again).errors[""]).toBe(
      getFixedT("tr", "common")("notifications.whatsapp.errors.wait"),
    );
    expect(await db.outboxMessage.count()).toBe(1);
    expect(await db.phoneVerification.count()).toBe(1);
  });
});
