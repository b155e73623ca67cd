/**
 * The providers' stand-ins speak the real protocols: the app's real clients (fetch for the
 * WhatsApp Cloud API, the official twilio SDK for SMS) are accepted, and a wrong token, a wrong
 * template, a wrong parameter count or a wrong number is refused with the provider's code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/env.server";
import { ChannelError, type ChannelMessage } from "~/infra/channels/errors";
import { sendSmsRequest } from "~/infra/channels/sms.server";
import { sendWhatsAppRequest } from "~/infra/channels/whatsapp.server";
import { startTwilioStub, type TwilioStub } from "./support/twilio-stub";
import { startWhatsAppStub, type WhatsAppStub } from "./support/whatsapp-stub";

let wa: WhatsAppStub;
let tw: TwilioStub;
beforeAll(async () => {
  [wa, tw] = await Promise.all([startWhatsAppStub(), startTwilioStub()]);
});
afterAll(async () => {
  await Promise.all([wa.close(), tw.close()]);
});
beforeEach(() => {
  Object.assign(process.env, wa.env(), tw.env());
  resetEnvCache();
});

const message = (over: Partial<ChannelMessage> = {}): ChannelMessage => ({
  id: "m1",
  to: "+905551234567",
  kind: "TEMPLATE",
  template: "case_update",
  locale: "tr",
  text: "International Patient Unit: ...",
  params: { caseNumber: "C-2026-0001", link: "https://example.test/portal" },
  ...over,
});

async function refusal(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe("WhatsApp Cloud API stand-in", () => {
  it("accepts a template and a text message and answers with a wamid", async () => {
    const id = await sendWhatsAppRequest(message());
    expect(id).toMatch(/^wamid\./);
    const text = await sendWhatsAppRequest(message({ kind: "TEXT", text: "Hello" }));
    expect(text).toMatch(/^wamid\./);
    const [first, second] = wa.sent().slice(-2);
    expect(first!.path).toBe(`/${wa.version}/${wa.phoneNumberId}/messages`);
    expect(first!.body).toMatchObject({
      messaging_product: "whatsapp",
      to: "905551234567",
      type: "template",
      template: { name: "case_update", language: { code: "tr" } },
    });
    expect(second!.body).toMatchObject({
      type: "text",
      text: { body: "Hello", preview_url: false },
    });
  });

  it("refuses a wrong token (190), an unknown template (132001), a wrong count (132000)", async () => {
    process.env.WHATSAPP_ACCESS_TOKEN = "EAAG-not-the-right-token-000";
    resetEnvCache();
    expect((await refusal(sendWhatsAppRequest(message()))).code).toBe(190);
    Object.assign(process.env, wa.env());
    resetEnvCache();
    expect((await refusal(sendWhatsAppRequest(message({ template: "case_update_x" })))).code).toBe(
      null, // refused by the app before it is sent: not a registered template
    );
    wa.templates.set("case_update", 3);
    try {
      expect((await refusal(sendWhatsAppRequest(message()))).code).toBe(132000);
    } finally {
      wa.templates.set("case_update", 2);
    }
    wa.templates.delete("phone_code");
    try {
      const e = await refusal(
        sendWhatsAppRequest(message({ template: "phone_code", params: { code: "123456" } })),
      );
      expect(e.code).toBe(132001);
    } finally {
      wa.templates.set("phone_code", 1);
    }
  });

  it("hosts media behind the Bearer token and signs webhooks", async () => {
    const id = wa.addMedia(Buffer.from("%PDF-1.4 test"), "application/pdf");
    const meta = await fetch(`${wa.url}/${wa.version}/${id}`, {
      headers: { Authorization: `Bearer ${wa.accessToken}` },
    }).then((r) => r.json() as Promise<{ url: string; mime_type: string; file_size: number }>);
    expect(meta.mime_type).toBe("application/pdf");
    expect((await fetch(meta.url)).status).toBe(401);
    const bytes = await fetch(meta.url, {
      headers: { Authorization: `Bearer ${wa.accessToken}` },
    }).then((r) => r.text());
    expect(bytes).toBe("%PDF-1.4 test");
    const signed = wa.signedWebhook(wa.inboundText("+905551234567", "hello"));
    expect(signed.headers["X-Hub-Signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(signed.body).entry[0].changes[0].value.messages[0]).toMatchObject({
      from: "905551234567",
      type: "text",
      text: { body: "hello" },
    });
  });
});

describe("Twilio stand-in, through the official SDK", () => {
  it("sends from a number and from a Messaging Service", async () => {
    const sid = await sendSmsRequest(message({ kind: "TEXT", text: "Your code" }));
    expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
    const request = tw.sent().at(-1)!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${tw.accountSid}/Messages.json`);
    expect(request.params).toMatchObject({ To: "+905551234567", From: tw.from, Body: "Your code" });
    Object.assign(process.env, tw.env({ viaService: true }));
    resetEnvCache();
    await sendSmsRequest(message({ kind: "TEXT" }));
    expect(tw.sent().at(-1)!.params.MessagingServiceSid).toBe(tw.messagingServiceSid);
  });

  it("refuses bad credentials (20003) and an invalid To (21211)", async () => {
    expect((await refusal(sendSmsRequest(message({ to: "+12" })))).code).toBe(21211);
    process.env.TWILIO_AUTH_TOKEN = "0000000000000000wrong";
    resetEnvCache();
    const e = await refusal(sendSmsRequest(message()));
    expect([e.code, e.status]).toEqual([20003, 401]);
  });

  it("serves inbound media with Basic auth and signs webhooks with twilio's own helper", async () => {
    const params = tw.inboundMedia("+905551234567", Buffer.from("img"), "image/jpeg");
    expect((await fetch(params.MediaUrl0!)).status).toBe(401);
    const ok = await fetch(params.MediaUrl0!, {
      headers: {
        Authorization: `Basic ${Buffer.from(`${tw.accountSid}:${tw.authToken}`).toString("base64")}`,
      },
    });
    expect(await ok.text()).toBe("img");
    const url = "https://app.example/webhooks/twilio";
    const signed = tw.signedWebhook(tw.inboundText("+905551234567", "cancel"), url);
    const twilio = (await import("twilio")).default;
    const form = Object.fromEntries(new URLSearchParams(signed.body));
    expect(
      twilio.validateRequest(tw.authToken, signed.headers["X-Twilio-Signature"]!, url, form),
    ).toBe(true);
    expect(
      twilio.validateRequest(tw.authToken, signed.headers["X-Twilio-Signature"]!, url, {
        ...form,
        Body: "x",
      }),
    ).toBe(false);
  });
});
