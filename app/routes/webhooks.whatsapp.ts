/**
 * The WhatsApp Business Cloud API's webhook (issue 24).
 * - GET: Meta's verify handshake. hub.mode=subscribe and hub.verify_token equal to
 *   WHATSAPP_VERIFY_TOKEN answer hub.challenge as plain text; anything else 403.
 * - POST: X-Hub-Signature-256 must be the HMAC-SHA256 of the RAW body under
 *   WHATSAPP_APP_SECRET, compared in constant time, before the body is parsed: a forged or
 *   unsigned request is refused (401) and changes nothing. Each text or media message is
 *   then received (app/models/channels/inbound.server.ts, once per wamid); delivery statuses
 *   are acknowledged and otherwise ignored (the outbox knows a message was accepted).
 * Without WHATSAPP_APP_SECRET the channel is not configured here: 404.
 * The body limit and the cross-site exemption are in app/infra/http-guard.server.ts.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import crypto from "node:crypto";
import { env } from "~/env.server";
import { fetchWhatsappMedia } from "~/infra/inbound-media.server";
import { receiveInbound } from "~/models/channels/inbound.server";

const notConfigured = () => new Response("Not Found", { status: 404 });

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = env().WHATSAPP_VERIFY_TOKEN;
  if (!token || !env().WHATSAPP_APP_SECRET) return notConfigured();
  const url = new URL(request.url);
  const challenge = url.searchParams.get("hub.challenge") ?? "";
  if (
    url.searchParams.get("hub.mode") === "subscribe" &&
    safeEqual(url.searchParams.get("hub.verify_token") ?? "", token) &&
    challenge
  ) {
    return new Response(challenge, {
      status: 200,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response("Forbidden", { status: 403 });
}

/** True when the header is the raw body's HMAC under the app secret. */
function validWhatsappSignature(raw: Buffer, header: string | null, secret: string) {
  if (!header?.startsWith("sha256=")) return false;
  const expected = crypto.createHmac("sha256", secret).update(raw).digest("hex");
  return safeEqual(header.slice("sha256=".length).toLowerCase(), expected);
}

interface WaMessage {
  from?: unknown;
  id?: unknown;
  type?: unknown;
  text?: { body?: unknown };
  image?: { id?: unknown; caption?: unknown };
  document?: { id?: unknown; caption?: unknown };
  button?: { text?: unknown };
}
interface WaValue {
  contacts?: { wa_id?: unknown; profile?: { name?: unknown } }[];
  messages?: WaMessage[];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** The messages of a verified payload, in order; anything else in it is ignored. */
function messagesOf(payload: unknown) {
  const out: { value: WaValue; message: WaMessage }[] = [];
  const body = payload as { object?: unknown; entry?: { changes?: unknown[] }[] };
  if (body?.object !== "whatsapp_business_account" || !Array.isArray(body.entry)) return out;
  for (const entry of body.entry) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      const c = change as { field?: unknown; value?: WaValue };
      if (c?.field !== "messages" || !c.value) continue;
      for (const message of Array.isArray(c.value.messages) ? c.value.messages : []) {
        out.push({ value: c.value, message });
      }
    }
  }
  return out;
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405 });
  const secret = env().WHATSAPP_APP_SECRET;
  if (!secret) return notConfigured();
  const raw = Buffer.from(await request.arrayBuffer());
  if (!validWhatsappSignature(raw, request.headers.get("X-Hub-Signature-256"), secret)) {
    return new Response("Unauthorized", { status: 401 });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString("utf8"));
  } catch {
    return new Response("Bad Request", { status: 400 });
  }
  for (const { value, message } of messagesOf(payload)) {
    const providerId = str(message.id);
    const wa = str(message.from).replace(/\D/g, "");
    if (!providerId || !wa) continue;
    const contact = value.contacts?.find((c) => str(c?.wa_id) === str(message.from));
    const type = str(message.type);
    const media = type === "image" ? message.image : type === "document" ? message.document : null;
    const mediaId = str(media?.id);
    const text =
      type === "text"
        ? str(message.text?.body)
        : type === "button"
          ? str(message.button?.text)
          : str(media?.caption);
    // Other kinds (audio, stickers, locations…) carry nothing we keep; they are acknowledged.
    if (!text && !mediaId) continue;
    await receiveInbound({
      channel: "WHATSAPP",
      providerId,
      from: `+${wa}`,
      text,
      profileName: str(contact?.profile?.name) || null,
      media: mediaId ? { fetch: () => fetchWhatsappMedia(mediaId) } : null,
    });
  }
  // A failure above answers 500, and Meta delivers again; a wamid is recorded once.
  return new Response("OK", { status: 200, headers: { "Content-Type": "text/plain" } });
}
