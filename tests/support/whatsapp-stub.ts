/**
 * A local stand-in for Meta's WhatsApp Business Cloud API (the Graph API), which cannot be
 * reached from here. The app's own client (app/infra/channels/whatsapp.server.ts) talks to it
 * through WHATSAPP_API_URL. It answers in Meta's documented shapes:
 *
 * - POST /{version}/{phone-number-id}/messages with `Authorization: Bearer <token>`: a
 *   template message (checked against the templates registered here, with Meta's error 132001
 *   for an unknown name or language and 132000 for a wrong parameter count) or a text message
 *   (refused with 131047 when the person's 24-hour window is closed, see `closedWindows`).
 *   Success: {messaging_product, contacts:[{input, wa_id}], messages:[{id: "wamid..."}]}.
 * - Graph errors as {error:{message, type, code, error_subcode?, error_data?, fbtrace_id}};
 *   a missing or wrong token is 401 with code 190.
 * - Media: GET /{version}/{media-id} → {messaging_product, url, mime_type, sha256, file_size,
 *   id}, then GET that url with the same Bearer token → the bytes.
 * - `down(status)` / `up()` to simulate an outage (every API call answered 503 by default).
 *
 * For the inbound side it builds webhook payloads in Meta's shape (`inboundText`,
 * `inboundMedia`, `statusUpdate`) and signs them as Meta does (`signedWebhook`:
 * X-Hub-Signature-256 = "sha256=" + HMAC-SHA256(app secret, raw body)).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MESSAGE_TEMPLATES } from "~/lib/message-templates";

export interface WhatsAppStubRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: Record<string, unknown> | null;
  /** The HTTP status the stand-in answered with. */
  status: number;
  /** The wamid given, when the message was accepted. */
  messageId?: string;
}

export interface WhatsAppStub {
  url: string;
  version: string;
  phoneNumberId: string;
  /** The business account's id (entry[].id in webhooks). */
  wabaId: string;
  displayPhoneNumber: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  /** Every API request, in order (media downloads included). */
  requests: WhatsAppStubRequest[];
  /** The accepted messages' requests (status 200 on /messages). */
  sent(): WhatsAppStubRequest[];
  /** Registered templates: name → number of body parameters (default: the app's registry). */
  templates: Map<string, number>;
  /** Language codes the templates are registered in. */
  languages: Set<string>;
  /**
   * wa_ids (digits) whose 24-hour customer-service window is closed: a text message to them
   * is refused with 131047. Empty by default (every window open).
   */
  closedWindows: Set<string>;
  /** Answer every API call with `status` (503 by default) until up(). */
  down(status?: number): void;
  up(): void;
  /** Hosts a media object; returns its media id for inboundMedia(). */
  addMedia(bytes: Buffer, mimeType: string): string;
  /** Env for the app: WHATSAPP_* pointing at this stand-in. */
  env(): Record<string, string>;
  /** An inbound text message from `from` (E.164 or digits), as Meta POSTs it. */
  inboundText(from: string, text: string, options?: { name?: string; id?: string }): object;
  /** An inbound media message (image, document, audio, video) with a hosted media id. */
  inboundMedia(
    from: string,
    mediaId: string,
    options?: { type?: "image" | "document" | "audio" | "video"; caption?: string; name?: string },
  ): object;
  /** A delivery status update (sent, delivered, read, failed with errors). */
  statusUpdate(
    messageId: string,
    recipient: string,
    status: "sent" | "delivered" | "read" | "failed",
    errors?: { code: number; title: string; message?: string }[],
  ): object;
  /** The raw body and headers of a webhook POST signed with the app secret. */
  signedWebhook(payload: unknown): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const digits = (phone: string) => phone.replace(/\D/g, "");
const fbtrace = () => crypto.randomBytes(9).toString("base64url");
/** A wamid looks like "wamid." + base64 of an opaque id. */
const wamid = () => `wamid.${Buffer.from(crypto.randomBytes(24)).toString("base64")}`;

export async function startWhatsAppStub(): Promise<WhatsAppStub> {
  const requests: WhatsAppStubRequest[] = [];
  const media = new Map<string, { bytes: Buffer; mimeType: string; token: string }>();
  let outage: number | null = null;
  let base = "";

  const stub: WhatsAppStub = {
    url: "",
    version: "v21.0",
    phoneNumberId: String(100000000000000 + crypto.randomInt(1, 899999999)),
    wabaId: String(200000000000000 + crypto.randomInt(1, 899999999)),
    displayPhoneNumber: "15550001234",
    accessToken: "EAAG" + crypto.randomBytes(24).toString("hex"),
    appSecret: crypto.randomBytes(16).toString("hex"),
    verifyToken: "verify-" + crypto.randomBytes(12).toString("hex"),
    requests,
    sent: () => requests.filter((r) => r.path.endsWith("/messages") && r.status === 200),
    templates: new Map(
      Object.entries(MESSAGE_TEMPLATES).map(([name, vars]) => [name, vars.length]),
    ),
    languages: new Set(["en", "tr", "ar", "de", "ru", "fr", "fa"]),
    closedWindows: new Set(),
    down(status = 503) {
      outage = status;
    },
    up() {
      outage = null;
    },
    addMedia(bytes, mimeType) {
      const id = String(crypto.randomInt(100000000, 999999999)) + String(crypto.randomInt(1000000));
      media.set(id, { bytes, mimeType, token: crypto.randomBytes(12).toString("hex") });
      return id;
    },
    env: () => ({
      WHATSAPP_API_URL: base,
      WHATSAPP_API_VERSION: stub.version,
      WHATSAPP_PHONE_NUMBER_ID: stub.phoneNumberId,
      WHATSAPP_ACCESS_TOKEN: stub.accessToken,
      WHATSAPP_APP_SECRET: stub.appSecret,
      WHATSAPP_VERIFY_TOKEN: stub.verifyToken,
    }),
    inboundText(from, text, options = {}) {
      return envelope(from, options.name, {
        from: digits(from),
        id: options.id ?? wamid(),
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: "text",
        text: { body: text },
      });
    },
    inboundMedia(from, mediaId, options = {}) {
      const item = media.get(mediaId);
      if (!item) throw new Error(`no media ${mediaId}`);
      const type = options.type ?? "image";
      return envelope(from, options.name, {
        from: digits(from),
        id: wamid(),
        timestamp: String(Math.floor(Date.now() / 1000)),
        type,
        [type]: {
          ...(options.caption ? { caption: options.caption } : {}),
          mime_type: item.mimeType,
          sha256: crypto.createHash("sha256").update(item.bytes).digest("base64"),
          id: mediaId,
        },
      });
    },
    statusUpdate(messageId, recipient, status, errors) {
      return {
        object: "whatsapp_business_account",
        entry: [
          {
            id: stub.wabaId,
            changes: [
              {
                value: {
                  messaging_product: "whatsapp",
                  metadata: {
                    display_phone_number: stub.displayPhoneNumber,
                    phone_number_id: stub.phoneNumberId,
                  },
                  statuses: [
                    {
                      id: messageId,
                      status,
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      recipient_id: digits(recipient),
                      ...(errors ? { errors } : {}),
                    },
                  ],
                },
                field: "messages",
              },
            ],
          },
        ],
      };
    },
    signedWebhook(payload) {
      const body = JSON.stringify(payload);
      const signature = crypto.createHmac("sha256", stub.appSecret).update(body).digest("hex");
      return {
        body,
        headers: {
          "Content-Type": "application/json",
          "X-Hub-Signature-256": `sha256=${signature}`,
        },
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function envelope(from: string, name: string | undefined, message: Record<string, unknown>) {
    return {
      object: "whatsapp_business_account",
      entry: [
        {
          id: stub.wabaId,
          changes: [
            {
              value: {
                messaging_product: "whatsapp",
                metadata: {
                  display_phone_number: stub.displayPhoneNumber,
                  phone_number_id: stub.phoneNumberId,
                },
                contacts: [{ profile: { name: name ?? "Patient" }, wa_id: digits(from) }],
                messages: [message],
              },
              field: "messages",
            },
          ],
        },
      ],
    };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", base);
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const record: WhatsAppStubRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        authorization: (req.headers.authorization as string | undefined) ?? null,
        body,
        status: 0,
      };
      requests.push(record);
      const answer = (status: number, payload: unknown) => {
        record.status = status;
        res.writeHead(status, {
          "Content-Type": "application/json",
          "x-fb-trace-id": fbtrace(),
          "x-fb-request-id": fbtrace(),
        });
        res.end(JSON.stringify(payload));
      };
      const graphError = (
        status: number,
        code: number,
        message: string,
        extra: Record<string, unknown> = {},
      ) =>
        answer(status, {
          error: { message, type: "OAuthException", code, ...extra, fbtrace_id: fbtrace() },
        });

      if (outage !== null) {
        return graphError(outage, 2, "Service temporarily unavailable", { is_transient: true });
      }
      if (record.authorization !== `Bearer ${stub.accessToken}`) {
        return graphError(401, 190, "Invalid OAuth access token - Cannot parse access token");
      }

      // The media's bytes, at the url its metadata gave (Bearer token required, as at Meta).
      const download = /^\/media-download\/(\d+)$/.exec(url.pathname);
      if (req.method === "GET" && download) {
        const item = media.get(download[1]!);
        if (!item || url.searchParams.get("token") !== item.token) {
          return graphError(404, 100, "Media not found");
        }
        record.status = 200;
        res.writeHead(200, {
          "Content-Type": item.mimeType,
          "Content-Length": String(item.bytes.length),
        });
        res.end(item.bytes);
        return;
      }

      const version = `/${stub.version}`;
      if (!url.pathname.startsWith(`${version}/`)) {
        return graphError(400, 2635, `Unknown or unsupported API version: ${url.pathname}`);
      }
      const rest = url.pathname.slice(version.length + 1);

      if (req.method === "GET" && /^\d+$/.test(rest)) {
        const item = media.get(rest);
        if (!item) {
          return graphError(
            400,
            100,
            `Unsupported get request. Object with ID '${rest}' does not exist`,
            {
              error_subcode: 33,
            },
          );
        }
        return answer(200, {
          messaging_product: "whatsapp",
          url: `${base}/media-download/${rest}?token=${item.token}`,
          mime_type: item.mimeType,
          sha256: crypto.createHash("sha256").update(item.bytes).digest("hex"),
          file_size: item.bytes.length,
          id: rest,
        });
      }

      if (req.method === "POST" && rest === `${stub.phoneNumberId}/messages`) {
        if (!body) return graphError(400, 100, "Invalid parameter");
        if (body.messaging_product !== "whatsapp") {
          return graphError(400, 100, "(#100) The parameter messaging_product is required.");
        }
        const to = typeof body.to === "string" ? body.to : "";
        if (!/^\d{7,15}$/.test(to)) {
          return graphError(400, 131009, "(#131009) Parameter value is not valid", {
            error_data: { messaging_product: "whatsapp", details: "Invalid 'to' phone number" },
          });
        }
        if (body.type === "template") {
          const template = body.template as
            | {
                name?: string;
                language?: { code?: string };
                components?: { type: string; parameters?: { type: string; text?: string }[] }[];
              }
            | undefined;
          const expected = template?.name ? stub.templates.get(template.name) : undefined;
          const language = template?.language?.code ?? "";
          if (expected === undefined || !stub.languages.has(language)) {
            return graphError(
              404,
              132001,
              "(#132001) Template name does not exist in the translation",
              {
                error_data: {
                  messaging_product: "whatsapp",
                  details: `template name (${template?.name ?? ""}) does not exist in ${language}`,
                },
              },
            );
          }
          const params = template?.components?.find((c) => c.type === "body")?.parameters ?? [];
          if (params.some((p) => p.type === "text" && p.text === "")) {
            // Meta refuses an empty text parameter.
            return graphError(400, 100, "(#100) Invalid parameter", {
              error_data: { messaging_product: "whatsapp", details: "Param text cannot be empty" },
            });
          }
          if (
            params.length !== expected ||
            params.some((p) => p.type !== "text" || typeof p.text !== "string")
          ) {
            return graphError(
              400,
              132000,
              "(#132000) Number of parameters does not match the expected number of params",
              {
                error_data: {
                  messaging_product: "whatsapp",
                  details: `body: number of localizable_params (${params.length}) does not match the expected number of params (${expected})`,
                },
              },
            );
          }
        } else if (body.type === "text") {
          const text = body.text as { body?: unknown } | undefined;
          if (typeof text?.body !== "string" || !text.body) {
            return graphError(400, 100, "(#100) The parameter text['body'] is required.");
          }
          if (stub.closedWindows.has(to)) {
            return graphError(
              400,
              131047,
              "(#131047) Re-engagement message: More than 24 hours have passed since the recipient last replied to the sender number.",
              {
                error_data: {
                  messaging_product: "whatsapp",
                  details:
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                },
              },
            );
          }
        } else {
          return graphError(400, 100, `(#100) Unsupported message type: ${String(body.type)}`);
        }
        record.messageId = wamid();
        return answer(200, {
          messaging_product: "whatsapp",
          contacts: [{ input: to, wa_id: to }],
          messages: [
            {
              id: record.messageId,
              ...(body.type === "template" ? { message_status: "accepted" } : {}),
            },
          ],
        });
      }
      graphError(400, 100, `Unsupported ${req.method ?? "GET"} request.`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.url = base;
  return stub;
}
