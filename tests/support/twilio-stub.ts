/**
 * A local stand-in for Twilio's REST API (SMS), which cannot be reached from here. The
 * official `twilio` SDK, as the app uses it (app/infra/channels/sms.server.ts), talks to it
 * through TWILIO_API_URL. It answers in Twilio's documented shapes:
 *
 * - POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded (To, From or
 *   MessagingServiceSid, Body), with HTTP Basic auth (AccountSid : AuthToken): 201 and the
 *   Message resource {sid: "SM" + 32 hex, status: "queued", to, from, body, ...}.
 * - Twilio errors as {code, message, more_info, status}: 401 with 20003 for bad credentials,
 *   400 with 21211 for an invalid To, 21602 for no Body, 21606/21704 for a From or service
 *   that is not the account's.
 * - Media of an inbound MMS at MediaUrl0 (…/Messages/{MM}/Media/{ME}), Basic auth required.
 * - `down(status)` / `up()` to simulate an outage (500 by default).
 *
 * For the inbound side it builds the form parameters Twilio POSTs for an incoming message
 * (`inboundText`, `inboundMedia`) and signs them as Twilio does (`signedWebhook`:
 * X-Twilio-Signature from twilio's own getExpectedTwilioSignature over the webhook's URL and
 * the parameters).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

export interface TwilioStubRequest {
  method: string;
  path: string;
  authorization: string | null;
  /** The form parameters (POST) or the query (GET). */
  params: Record<string, string>;
  status: number;
  /** The Message sid given, when it was accepted. */
  sid?: string;
}

export interface TwilioStub {
  url: string;
  accountSid: string;
  authToken: string;
  /** The account's sending number. */
  from: string;
  /** The account's Messaging Service. */
  messagingServiceSid: string;
  requests: TwilioStubRequest[];
  /** The accepted messages' requests (201 on Messages.json). */
  sent(): TwilioStubRequest[];
  down(status?: number): void;
  up(): void;
  /** Env for the app: TWILIO_* pointing at this stand-in. */
  env(options?: { viaService?: boolean }): Record<string, string>;
  /** Where the app receives inbound SMS; signedWebhook() signs for this URL by default. */
  webhookUrl: string | null;
  /** The form parameters of an inbound SMS from `from` to the account's number. */
  inboundText(from: string, text: string): Record<string, string>;
  /** An inbound MMS with one hosted medium (MediaUrl0, MediaContentType0). */
  inboundMedia(
    from: string,
    bytes: Buffer,
    mimeType: string,
    text?: string,
  ): Record<string, string>;
  /** The form body and headers of a webhook POST signed with the auth token for `url`. */
  signedWebhook(
    params: Record<string, string>,
    url?: string,
  ): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const hex = (bytes: number) => crypto.randomBytes(bytes).toString("hex");

export async function startTwilioStub(): Promise<TwilioStub> {
  const requests: TwilioStubRequest[] = [];
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  let outage: number | null = null;
  let base = "";

  const stub: TwilioStub = {
    url: "",
    accountSid: `AC${hex(16)}`,
    authToken: hex(16),
    from: "+15005550006",
    messagingServiceSid: `MG${hex(16)}`,
    requests,
    sent: () => requests.filter((r) => r.path.endsWith("/Messages.json") && r.status === 201),
    down(status = 500) {
      outage = status;
    },
    up() {
      outage = null;
    },
    env: (options = {}) => ({
      TWILIO_API_URL: base,
      TWILIO_ACCOUNT_SID: stub.accountSid,
      TWILIO_AUTH_TOKEN: stub.authToken,
      TWILIO_FROM: options.viaService ? stub.messagingServiceSid : stub.from,
    }),
    webhookUrl: null,
    inboundText(from, text) {
      const sid = `SM${hex(16)}`;
      return {
        ToCountry: "US",
        ToState: "CA",
        SmsMessageSid: sid,
        NumMedia: "0",
        ToCity: "",
        FromZip: "",
        SmsSid: sid,
        FromState: "",
        SmsStatus: "received",
        FromCity: "",
        Body: text,
        FromCountry: "",
        To: stub.from,
        ToZip: "",
        NumSegments: "1",
        MessageSid: sid,
        AccountSid: stub.accountSid,
        From: from,
        ApiVersion: "2010-04-01",
      };
    },
    inboundMedia(from, bytes, mimeType, text = "") {
      const sid = `MM${hex(16)}`;
      const mediaSid = `ME${hex(16)}`;
      media.set(mediaSid, { bytes, mimeType });
      return {
        ...stub.inboundText(from, text),
        SmsMessageSid: sid,
        SmsSid: sid,
        MessageSid: sid,
        NumMedia: "1",
        MediaContentType0: mimeType,
        MediaUrl0: `${base}/2010-04-01/Accounts/${stub.accountSid}/Messages/${sid}/Media/${mediaSid}`,
      };
    },
    signedWebhook(params, url = stub.webhookUrl ?? undefined) {
      if (!url) throw new Error("signedWebhook needs the webhook's URL (or stub.webhookUrl)");
      return {
        body: new URLSearchParams(params).toString(),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Twilio-Signature": twilio.getExpectedTwilioSignature(stub.authToken, url, params),
          "I-Twilio-Idempotency-Token": crypto.randomUUID(),
        },
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const basic = () =>
    `Basic ${Buffer.from(`${stub.accountSid}:${stub.authToken}`).toString("base64")}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", base);
      const params = Object.fromEntries(
        new URLSearchParams(req.method === "POST" ? raw : url.search),
      );
      const record: TwilioStubRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        authorization: (req.headers.authorization as string | undefined) ?? null,
        params,
        status: 0,
      };
      requests.push(record);
      const answer = (status: number, payload: unknown) => {
        record.status = status;
        res.writeHead(status, {
          "Content-Type": "application/json",
          "Twilio-Request-Id": `RQ${hex(16)}`,
        });
        res.end(JSON.stringify(payload));
      };
      const twilioError = (status: number, code: number, message: string) =>
        answer(status, {
          code,
          message,
          more_info: `https://www.twilio.com/docs/errors/${code}`,
          status,
        });

      if (outage !== null) {
        return twilioError(outage, 20500, "An internal server error has occurred");
      }
      if (record.authorization !== basic()) {
        return twilioError(401, 20003, "Authenticate");
      }

      const mediaPath = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\/(MM\w+)\/Media\/(ME\w+)$/.exec(
        url.pathname,
      );
      if (req.method === "GET" && mediaPath) {
        const item = media.get(mediaPath[3]!);
        if (!item || mediaPath[1] !== stub.accountSid) {
          return twilioError(404, 20404, `The requested resource ${url.pathname} was not found`);
        }
        record.status = 200;
        res.writeHead(200, {
          "Content-Type": item.mimeType,
          "Content-Length": String(item.bytes.length),
        });
        res.end(item.bytes);
        return;
      }

      const create = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(url.pathname);
      if (req.method === "POST" && create) {
        if (create[1] !== stub.accountSid) {
          return twilioError(404, 20404, `The requested resource ${url.pathname} was not found`);
        }
        const to = params.To ?? "";
        if (!/^\+[1-9]\d{6,14}$/.test(to)) {
          return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
        }
        if (!params.Body && !params.MediaUrl) {
          return twilioError(400, 21602, "Message body is required.");
        }
        const service = params.MessagingServiceSid ?? null;
        if (service && service !== stub.messagingServiceSid) {
          return twilioError(400, 21704, "The Messaging Service contains no phone numbers");
        }
        if (!service && params.From !== stub.from) {
          return twilioError(
            400,
            21606,
            `The From phone number ${params.From ?? ""} is not a valid, SMS-capable inbound phone number or short code for your account.`,
          );
        }
        const sid = `SM${hex(16)}`;
        record.sid = sid;
        const now = new Date().toUTCString().replace("GMT", "+0000");
        return answer(201, {
          account_sid: stub.accountSid,
          api_version: "2010-04-01",
          body: params.Body ?? "",
          date_created: now,
          date_sent: null,
          date_updated: now,
          direction: "outbound-api",
          error_code: null,
          error_message: null,
          from: service ? null : params.From,
          messaging_service_sid: service,
          num_media: "0",
          num_segments: String(Math.max(1, Math.ceil((params.Body ?? "").length / 153))),
          price: null,
          price_unit: "USD",
          sid,
          status: service ? "accepted" : "queued",
          subresource_uris: {
            media: `/2010-04-01/Accounts/${stub.accountSid}/Messages/${sid}/Media.json`,
          },
          to,
          uri: `/2010-04-01/Accounts/${stub.accountSid}/Messages/${sid}.json`,
        });
      }
      twilioError(404, 20404, `The requested resource ${url.pathname} was not found`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.url = base;
  return stub;
}
