/**
 * Inbound WhatsApp and SMS (issue 24), through the real webhook routes with payloads the
 * providers' stand-ins build and sign as Meta and Twilio do: forged webhooks refused with nothing
 * stored, Meta's verify handshake, a verified patient's reply on the case thread and in the inbox
 * with its channel (once, however often it is delivered), an unverified number as a lead, a
 * "cancel"/"move" reply as a reschedule request, media fetched from the provider, checked by
 * content and stored encrypted, and a lead linked to a case from the leads page.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { env, resetEnvCache } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY } from "~/infra/forms.server";
import { isRescheduleReply, isStopReply, normaliseReply } from "~/models/channels/inbound.server";
import { channelsFor, notifyPatientChannels } from "~/models/channels/reach.server";
import { CHANNEL_CONSENT_PURPOSE, CHANNEL_CONSENT_VERSION } from "~/lib/message-templates";
import { action as smsHook } from "~/routes/webhooks.sms";
import { action as waHook, loader as waVerify } from "~/routes/webhooks.whatsapp";
import { action as leadsAction, loader as leadsLoader } from "~/routes/staff.inbox_.leads";
import { loader as inboxLoader } from "~/routes/staff.inbox";
import { loader as enquireLoader } from "~/routes/enquire";
import { resetDatabase } from "./support/db";
import { createCase, createStaff } from "./support/factories";
import { png, storedFiles } from "./support/files";
import { call, cookieFor, formReply } from "./support/requests";
import { startTwilioStub, type TwilioStub } from "./support/twilio-stub";
import { startWhatsAppStub, type WhatsAppStub } from "./support/whatsapp-stub";

let wa: WhatsAppStub;
let tw: TwilioStub;
const saved = { ...process.env };

beforeAll(async () => {
  [wa, tw] = await Promise.all([startWhatsAppStub(), startTwilioStub()]);
});
afterAll(async () => {
  await Promise.all([wa.close(), tw.close()]);
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvCache();
});
beforeEach(async () => {
  await resetDatabase();
  Object.assign(process.env, wa.env(), tw.env());
  resetEnvCache();
  tw.webhookUrl = `${env().APP_URL}/webhooks/sms`;
});

const PHONE = "+905321234567";

/** A patient with an open case; their number verified unless told otherwise. */
async function patientCase(options: { verified?: boolean; phone?: string } = {}) {
  const staff = await createStaff();
  const made = await createCase({ coordinatorId: staff.coordinator.id, patientName: "Leyla A" });
  await db.user.update({
    where: { id: made.patient.id },
    data: {
      phone: options.phone ?? PHONE,
      phoneVerifiedAt: options.verified === false ? null : new Date(),
    },
  });
  return { ...made, staff };
}

function waPost(body: string, headers: Record<string, string>) {
  const request = new Request("http://localhost:3999/webhooks/whatsapp", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
  return waHook({ request, params: {}, context: {} });
}

/** A webhook as Meta sends it: the payload signed with the app secret. */
function waDeliver(payload: unknown) {
  const signed = wa.signedWebhook(payload);
  return waPost(signed.body, signed.headers);
}

function smsDeliver(params: Record<string, string>, headers?: Record<string, string>) {
  const signed = tw.signedWebhook(params);
  const request = new Request("http://localhost:3999/webhooks/sms", {
    method: "POST",
    headers: { ...signed.headers, ...headers },
    body: signed.body,
  });
  return smsHook({ request, params: {}, context: {} });
}

async function stored() {
  return {
    inbound: await db.inboundMessage.count(),
    leads: await db.inboundLead.count(),
    messages: await db.caseEvent.count({ where: { type: "MESSAGE" } }),
    inbox: await db.inboxItem.count(),
  };
}
const NOTHING = { inbound: 0, leads: 0, messages: 0, inbox: 0 };

describe("the WhatsApp webhook", () => {
  it("answers Meta's verify handshake only with the verify token", async () => {
    const verify = (query: string) =>
      waVerify({
        request: new Request(`http://localhost:3999/webhooks/whatsapp?${query}`),
        params: {},
        context: {},
      });
    const ok = await verify(
      `hub.mode=subscribe&hub.verify_token=${wa.verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe("1158201444");
    const wrong = await verify("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");
    expect(wrong.status).toBe(403);
    const mode = await verify(
      `hub.mode=unsubscribe&hub.verify_token=${wa.verifyToken}&hub.challenge=1`,
    );
    expect(mode.status).toBe(403);
  });

  it("refuses a forged or unsigned webhook before reading it, and stores nothing", async () => {
    await patientCase();
    const payload = wa.inboundText(PHONE, "Hello from a forger");
    const signed = wa.signedWebhook(payload);
    // No signature; a signature under another secret; the right signature over another body.
    const forged = [
      await waPost(signed.body, {}),
      await waPost(signed.body, {
        "X-Hub-Signature-256": `sha256=${"0".repeat(64)}`,
      }),
      await waPost(signed.body.replace("forger", "Forger"), signed.headers),
      await waPost("{not json", { "X-Hub-Signature-256": "sha256=abc" }),
    ];
    expect(forged.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(await stored()).toEqual(NOTHING);
  });

  it("is not there when WhatsApp is not configured", async () => {
    delete process.env.WHATSAPP_APP_SECRET;
    delete process.env.WHATSAPP_VERIFY_TOKEN;
    delete process.env.WHATSAPP_ACCESS_TOKEN;
    resetEnvCache();
    const res = await waDeliver(wa.inboundText(PHONE, "Hi"));
    expect(res.status).toBe(404);
    expect(await stored()).toEqual(NOTHING);
  });
});

describe("a reply from a verified number", () => {
  it("lands on the case thread and in the inbox with its channel, once however often it comes", async () => {
    const { kase, patient, staff } = await patientCase();
    const payload = wa.inboundText(PHONE, "Is the hotel near the clinic?", { name: "Leyla" });
    const first = await waDeliver(payload);
    expect(first.status).toBe(200);
    // Meta delivers again (it did not see our 200 in time): processed once.
    expect((await waDeliver(payload)).status).toBe(200);
    const events = await db.caseEvent.findMany({ where: { caseId: kase.id, type: "MESSAGE" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      body: "Is the hotel near the clinic?",
      fromPatient: true,
      actorId: patient.id,
    });
    const items = await db.inboxItem.findMany({ where: { caseId: kase.id } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: "MESSAGE",
      channel: "WHATSAPP",
      eventId: events[0]!.id,
    });
    // WhatsApp's 24-hour window is open for free text now.
    const user = await db.user.findUniqueOrThrow({ where: { id: patient.id } });
    expect(user.whatsappLastInboundAt).not.toBeNull();
    // The coordinator's inbox shows it, with its channel.
    const inbox = await call(inboxLoader, {
      path: "/staff/inbox",
      cookie: await cookieFor(staff.coordinator.id),
    });
    const page = inbox.data as { items: { channel: string; preview: string | null }[] };
    expect(page.items[0]).toMatchObject({
      channel: "WHATSAPP",
      preview: "Is the hotel near the clinic?",
    });
  });

  it("by SMS: Twilio's signature checked against the public address, answered with TwiML", async () => {
    const { kase } = await patientCase();
    const params = tw.inboundText(PHONE, "When is my flight?");
    const res = await smsDeliver(params);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/xml/);
    expect(await res.text()).toContain("<Response/>");
    expect((await smsDeliver(params)).status).toBe(200);
    const items = await db.inboxItem.findMany({ where: { caseId: kase.id } });
    expect(items.map((i) => [i.kind, i.channel])).toEqual([["MESSAGE", "SMS"]]);
  });

  it("refuses a Twilio post with a wrong or missing signature, storing nothing", async () => {
    await patientCase();
    const params = tw.inboundText(PHONE, "Hello");
    const wrong = await smsDeliver(params, { "X-Twilio-Signature": "bm90IHRoZSBzaWduYXR1cmU=" });
    expect(wrong.status).toBe(403);
    // Signed for another address than the app's public one.
    const elsewhere = tw.signedWebhook(params, "https://evil.example/webhooks/sms");
    const res = await smsHook({
      request: new Request("http://localhost:3999/webhooks/sms", {
        method: "POST",
        headers: elsewhere.headers,
        body: elsewhere.body,
      }),
      params: {},
      context: {},
    });
    expect(res.status).toBe(403);
    const unsigned = await smsHook({
      request: new Request("http://localhost:3999/webhooks/sms", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(params).toString(),
      }),
      params: {},
      context: {},
    });
    expect(unsigned.status).toBe(403);
    expect(await stored()).toEqual(NOTHING);
  });
});

describe("an unverified number", () => {
  it("that equals a patient's unproved phone becomes a lead, not a message on their case", async () => {
    const { kase, patient } = await patientCase({ verified: false });
    expect((await waDeliver(wa.inboundText(PHONE, "Hi, it is me", { name: "Leyla" }))).status).toBe(
      200,
    );
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "MESSAGE" } })).toBe(0);
    expect(await db.inboxItem.count()).toBe(0);
    const leads = await db.inboundLead.findMany();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      channel: "WHATSAPP",
      fromPhone: PHONE,
      profileName: "Leyla",
      text: "Hi, it is me",
      status: "OPEN",
      caseId: null,
    });
    const user = await db.user.findUniqueOrThrow({ where: { id: patient.id } });
    expect(user.whatsappLastInboundAt).toBeNull();
  });
});

describe("a cancel or move reply", () => {
  it("knows the words in every language, whatever the letter forms and capitals", () => {
    for (const word of [
      "cancel",
      "MOVE!",
      "İptal",
      "ertele",
      "إلغاء",
      "الغاء",
      "تأجيل",
      "Absagen",
      "verschieben",
      "Отмена",
      "перенести",
      "annuler",
      "Déplacer",
      "deplacer",
      "لغو",
      "جابجایی",
      "جابه‌جایی",
    ]) {
      expect(isRescheduleReply(word), word).toBe(true);
    }
    for (const text of ["cancel my flight please", "hello", "", "iptal mi?x"]) {
      expect(isRescheduleReply(text), text).toBe(false);
    }
    // Arabic yeh and kaf as a Persian keyboard types them are the same letters.
    expect(normaliseReply("كي")).toBe(normaliseReply("کی"));
  });

  it("asks to move the patient's next booked appointment, as the portal's request does", async () => {
    const { kase } = await patientCase();
    const day = 86_400_000;
    const later = await db.appointment.create({
      data: {
        caseId: kase.id,
        title: "Treatment",
        startsAt: new Date(Date.now() + 9 * day),
        endsAt: new Date(Date.now() + 9 * day + 3_600_000),
      },
    });
    const next = await db.appointment.create({
      data: {
        caseId: kase.id,
        kind: "CONSULTATION",
        title: "Video consultation",
        startsAt: new Date(Date.now() + 2 * day),
        endsAt: new Date(Date.now() + 2 * day + 1_800_000),
      },
    });
    expect((await waDeliver(wa.inboundText(PHONE, "إلغاء"))).status).toBe(200);
    const moved = await db.appointment.findUniqueOrThrow({ where: { id: next.id } });
    expect(moved.rescheduleRequestedAt).not.toBeNull();
    expect(moved.rescheduleNote).toBe("إلغاء");
    expect(
      (await db.appointment.findUniqueOrThrow({ where: { id: later.id } })).rescheduleRequestedAt,
    ).toBeNull();
    const items = await db.inboxItem.findMany({ where: { caseId: kase.id } });
    expect(items.map((i) => [i.kind, i.channel])).toEqual([["RESCHEDULE", "WHATSAPP"]]);
    // The coordinator is told, as for the portal's request.
    expect(
      (await db.outboxEmail.count({ where: { template: "rescheduleRequestedStaff" } })) +
        (await db.notification.count({ where: { kind: "rescheduleRequestedStaff" } })),
    ).toBeGreaterThan(0);
  });

  it("is an ordinary message when nothing is booked", async () => {
    const { kase } = await patientCase();
    expect((await smsDeliver(tw.inboundText(PHONE, "cancel"))).status).toBe(200);
    const items = await db.inboxItem.findMany({ where: { caseId: kase.id } });
    expect(items.map((i) => [i.kind, i.channel])).toEqual([["MESSAGE", "SMS"]]);
  });
});

describe("a STOP reply", () => {
  it("knows the opt-out words in every language, and no ordinary sentence", () => {
    for (const word of ["STOP", "Unsubscribe", "stopp", "стоп", "توقف", "لغو۱۱", "لغو11", "DUR"]) {
      expect(isStopReply(word), word).toBe(true);
    }
    for (const text of ["stop the pain please", "cancel", "لغو", "hello"]) {
      expect(isStopReply(text), text).toBe(false);
    }
  });

  it.each(["WHATSAPP", "SMS"] as const)(
    "turns %s off: the consent withdrawn and audited, one last message, nothing more",
    async (channel) => {
      const { kase, patient } = await patientCase();
      for (const c of ["WHATSAPP", "SMS"] as const) {
        await db.consent.create({
          data: {
            userId: patient.id,
            purpose: CHANNEL_CONSENT_PURPOSE[c],
            version: CHANNEL_CONSENT_VERSION,
            locale: "en",
          },
        });
      }
      const res =
        channel === "WHATSAPP"
          ? await waDeliver(wa.inboundText(PHONE, "STOP"))
          : await smsDeliver(tw.inboundText(PHONE, "stop"));
      expect(res.status).toBe(200);
      // The channel it came by is off; the other stays on.
      expect((await channelsFor(db, patient.id)).map((r) => r.channel)).toEqual([
        channel === "WHATSAPP" ? "SMS" : "WHATSAPP",
      ]);
      expect(
        await db.auditLog.count({ where: { action: "consent.channel_off", caseId: kase.id } }),
      ).toBe(1);
      const last = await db.outboxMessage.findMany({ where: { userId: patient.id } });
      expect(last.map((m) => [m.channel, m.template])).toEqual([[channel, "channel_stopped"]]);
      // The reply stays on the thread, so staff see why.
      expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "MESSAGE" } })).toBe(1);
      // A case update now reaches the patient on the other channel only.
      await db.$transaction((tx) =>
        notifyPatientChannels(
          tx,
          kase.id,
          "case_update",
          () => ({ caseNumber: kase.number, link: "http://localhost:3999/portal" }),
          "after-stop",
        ),
      );
      const after = await db.outboxMessage.findMany({
        where: { userId: patient.id, template: "case_update" },
      });
      expect(after.map((m) => m.channel)).toEqual([channel === "WHATSAPP" ? "SMS" : "WHATSAPP"]);
    },
  );
});

describe("media", () => {
  it("is fetched from WhatsApp, checked by content and stored encrypted on the case", async () => {
    const { kase } = await patientCase();
    const picture = Buffer.from(png());
    const id = wa.addMedia(picture, "image/png");
    const before = storedFiles().length;
    expect(
      (await waDeliver(wa.inboundMedia(PHONE, id, { caption: "My lab results" }))).status,
    ).toBe(200);
    // Both steps of the Graph API, with the access token.
    const fetched = wa.requests.filter((r) => r.method === "GET");
    expect(fetched).toHaveLength(2);
    expect(fetched.every((r) => r.authorization === `Bearer ${wa.accessToken}`)).toBe(true);
    const docs = await db.document.findMany({ where: { caseId: kase.id } });
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ mimeType: "image/png", sizeBytes: picture.length });
    const files = storedFiles();
    expect(files.length).toBe(before + 1);
    const onDisk = fs.readFileSync(
      path.join(
        env().UPLOAD_DIR,
        files.find((f) => f.endsWith(docs[0]!.storageKey!))!,
      ),
    );
    expect(onDisk.includes(picture.subarray(0, 8))).toBe(false);
    const items = await db.inboxItem.findMany({
      where: { caseId: kase.id },
      orderBy: { kind: "asc" },
    });
    expect(items.map((i) => [i.kind, i.channel])).toEqual([
      ["MESSAGE", "WHATSAPP"],
      ["UPLOAD", "WHATSAPP"],
    ]);
  });

  it("refuses a .jpg that is really HTML: nothing stored, a note on the thread instead", async () => {
    const { kase } = await patientCase();
    const before = storedFiles().length;
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const res = await smsDeliver(tw.inboundMedia(PHONE, html, "image/jpeg"));
    expect(res.status).toBe(200);
    expect(await db.document.count()).toBe(0);
    expect(storedFiles().length).toBe(before);
    // Fetched with the account's Basic credentials.
    expect(
      tw.requests.some((r) => r.method === "GET" && r.authorization?.startsWith("Basic ")),
    ).toBe(true);
    const notes = await db.caseEvent.findMany({
      where: { caseId: kase.id, type: "ATTACHMENT_REFUSED" },
    });
    expect(notes).toHaveLength(1);
    const items = await db.inboxItem.findMany({ where: { caseId: kase.id } });
    expect(items.map((i) => [i.kind, i.channel, i.eventId])).toEqual([
      ["UPLOAD", "SMS", notes[0]!.id],
    ]);
  });
});

describe("the leads page", () => {
  async function leadSetup() {
    const { kase, staff, patient } = await patientCase({ phone: "+905559998877" });
    const id = wa.addMedia(Buffer.from(png()), "image/png");
    await waDeliver(wa.inboundMedia(PHONE, id, { caption: "From my new phone", name: "Leyla" }));
    const lead = await db.inboundLead.findFirstOrThrow();
    const cookie = await cookieFor(staff.coordinator.id);
    return { kase, staff, patient, lead, cookie };
  }

  async function formKey(cookie: string) {
    const out = await call(leadsLoader, { path: "/staff/inbox/leads", cookie });
    expect(out.status).toBe(200);
    return (out.data as { formKey: string }).formKey;
  }

  it("lists open leads (audited) and links one to a case: the thread, the inbox, the document", async () => {
    const { kase, lead, cookie, staff, patient } = await leadSetup();
    // The sealed media is not the picture's bytes.
    expect(Buffer.from(lead.media!).includes(Buffer.from(png()).subarray(0, 8))).toBe(false);
    const list = await call(leadsLoader, { path: "/staff/inbox/leads", cookie });
    expect((list.data as { leads: { id: string; media: string }[] }).leads).toMatchObject([
      { id: lead.id, media: "kept" },
    ]);
    expect(
      await db.auditLog.count({
        where: { action: "inbox.lead.view", actorId: staff.coordinator.id },
      }),
    ).toBe(1);

    // A wrong number is answered beside the field, with what was typed kept.
    const bad = await call(leadsAction, {
      path: "/staff/inbox/leads",
      cookie,
      form: new URLSearchParams({
        intent: "link",
        lead: lead.id,
        caseNumber: "MT-1999-000001",
        [FORM_KEY]: await formKey(cookie),
      }),
    });
    expect(bad.status).toBe(400);
    const badReply = formReply(bad);
    // The coordinator reads Turkish.
    expect(badReply.errors.caseNumber).toBe(getFixedT("tr", "common")("inbox.leads.errors.noCase"));
    expect(badReply.values.caseNumber).toBe("MT-1999-000001");

    const key = await formKey(cookie);
    const fields = {
      intent: "link",
      lead: lead.id,
      caseNumber: kase.number.toLowerCase(),
      [FORM_KEY]: key,
    };
    const ok = await call(leadsAction, {
      path: "/staff/inbox/leads",
      cookie,
      form: new URLSearchParams(fields),
    });
    expect(ok.status).toBe(200);
    // Sent twice: done once.
    const again = await call(leadsAction, {
      path: "/staff/inbox/leads",
      cookie,
      form: new URLSearchParams(fields),
    });
    expect(again.status).toBe(409);

    // Nobody proved the number is the patient's: never the patient's own words, nor in their
    // portal; an internal note by the coordinator who linked it, naming the number.
    expect(await db.caseEvent.count({ where: { caseId: kase.id, type: "MESSAGE" } })).toBe(0);
    const notes = await db.caseEvent.findMany({ where: { caseId: kase.id, type: "NOTE" } });
    expect(notes.map((e) => [e.actorId, e.internal, e.fromPatient])).toEqual([
      [staff.coordinator.id, true, false],
    ]);
    expect(notes[0]!.body).toContain("From my new phone");
    expect(notes[0]!.body).toMatch(/WhatsApp/);
    expect(patient.id).not.toBe(staff.coordinator.id);
    // Handled by staff on purpose: no inbox item asks anyone to read it again.
    expect(await db.inboxItem.count({ where: { caseId: kase.id } })).toBe(0);
    const doc = await db.document.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(doc.uploadedById).toBe(staff.coordinator.id);
    expect(await db.document.count({ where: { caseId: kase.id, mimeType: "image/png" } })).toBe(1);
    const linked = await db.inboundLead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(linked).toMatchObject({
      status: "LINKED",
      caseId: kase.id,
      media: null,
      handledById: staff.coordinator.id,
    });
    expect(await db.auditLog.count({ where: { action: "inbox.lead.link", caseId: kase.id } })).toBe(
      1,
    );
  });

  it("dismisses a lead; finance, who do not read the inbox, are refused the page", async () => {
    const { lead, cookie, staff } = await leadSetup();
    const finance = await cookieFor(staff.finance.id);
    expect((await call(leadsLoader, { path: "/staff/inbox/leads", cookie: finance })).status).toBe(
      403,
    );
    const ok = await call(leadsAction, {
      path: "/staff/inbox/leads",
      cookie,
      form: new URLSearchParams({
        intent: "dismiss",
        lead: lead.id,
        [FORM_KEY]: await formKey(cookie),
      }),
    });
    expect(ok.status).toBe(200);
    expect(await db.inboundLead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "DISMISSED",
      media: null,
      text: "",
    });
    const list = await call(leadsLoader, { path: "/staff/inbox/leads", cookie });
    expect((list.data as { leads: unknown[] }).leads).toEqual([]);
  });

  it("are counted on the inbox page, and an enquiry is started with the sender's number", async () => {
    const { cookie } = await leadSetup();
    const inbox = await call(inboxLoader, { path: "/staff/inbox", cookie });
    expect((inbox.data as { openLeads: number }).openLeads).toBe(1);
    // There is no staff-side enquiry form: the public one opens with the number filled in.
    const form = await call(enquireLoader, { path: `/enquire?phone=${encodeURIComponent(PHONE)}` });
    expect((form.data as { defaults: Record<string, string> }).defaults).toMatchObject({
      phoneCountry: "TR",
      phone: "0532 123 45 67",
    });
    const junk = await call(enquireLoader, { path: "/enquire?phone=not-a-number" });
    expect((junk.data as { defaults: Record<string, string> }).defaults.phone).toBeUndefined();
  });
});
