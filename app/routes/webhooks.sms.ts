/**
 * Twilio's webhook for an SMS to our number (issue 24). X-Twilio-Signature is checked with
 * Twilio's own validateRequest against the public address Twilio posted to (APP_URL and this
 * path: behind a proxy the address the request reached is not the one Twilio signed) and
 * TWILIO_AUTH_TOKEN; a forged or unsigned request is refused (403) and changes nothing.
 * The message is then received (app/models/channels/inbound.server.ts, once per MessageSid)
 * and answered with an empty TwiML <Response/>: no automatic reply.
 * Without TWILIO_AUTH_TOKEN the channel is not configured here: 404.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import twilio from "twilio";
import { env } from "~/env.server";
import { fetchTwilioMedia } from "~/infra/inbound-media.server";
import { receiveInbound } from "~/models/channels/inbound.server";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

const twiml = () =>
  new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', {
    status: 200,
    headers: { "Content-Type": "text/xml; charset=utf-8" },
  });

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const token = env().TWILIO_AUTH_TOKEN;
  if (!token) return new Response("Not Found", { status: 404 });
  const raw = await request.text();
  const fields = Object.fromEntries(new URLSearchParams(raw));
  const reached = new URL(request.url);
  const publicUrl = `${env().APP_URL.replace(/\/$/, "")}${reached.pathname}${reached.search}`;
  const signature = request.headers.get("X-Twilio-Signature") ?? "";
  if (!signature || !twilio.validateRequest(token, signature, publicUrl, fields)) {
    return new Response("Forbidden", { status: 403 });
  }
  const sid = fields.MessageSid ?? fields.SmsSid ?? "";
  const from = (fields.From ?? "").trim();
  if (!sid || !/^\+\d{6,15}$/.test(from)) return twiml();
  const mediaUrl = Number(fields.NumMedia ?? "0") > 0 ? (fields.MediaUrl0 ?? "") : "";
  await receiveInbound({
    channel: "SMS",
    providerId: sid,
    from,
    text: fields.Body ?? "",
    media: mediaUrl ? { fetch: () => fetchTwilioMedia(mediaUrl) } : null,
  });
  return twiml();
}
