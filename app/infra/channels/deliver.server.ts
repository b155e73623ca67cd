/**
 * Hands one channel message to its provider: WhatsApp (Cloud API) when WHATSAPP_ACCESS_TOKEN
 * is set, SMS (Twilio) when TWILIO_ACCOUNT_SID is set. Without a channel's credentials the
 * message is written as MESSAGE_DIR/<id>.json instead, like the .eml copies of emails, and
 * admins see it on the staff outbox page. That copy keeps a one-time code masked (the stored
 * text, not the delivered one), as an .eml copy withholds a sign-in link; in the local demo
 * (DEMO_MODE) the code is printed on the server's console so the person running it can use it.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/env.server";
import type { Channel } from "~/lib/message-templates";
import type { ChannelMessage } from "~/infra/channels/errors";
import { sendSmsRequest } from "~/infra/channels/sms.server";
import { sendWhatsAppRequest } from "~/infra/channels/whatsapp.server";

export function messageDir(): string {
  return path.resolve(env().MESSAGE_DIR);
}

/** Whether the channel has provider credentials (else it writes files). */
export function channelConfigured(channel: Channel): boolean {
  const e = env();
  return channel === "WHATSAPP" ? Boolean(e.WHATSAPP_ACCESS_TOKEN) : Boolean(e.TWILIO_ACCOUNT_SID);
}

export interface Deliverable extends ChannelMessage {
  channel: Channel;
  /** The text as stored (any credential masked): what a file copy holds. */
  storedText: string;
}

/** Delivers one message; the provider's id for it, or `file:<id>.json`. */
export async function deliverChannelMessage(message: Deliverable): Promise<string> {
  if (channelConfigured(message.channel)) {
    return message.channel === "WHATSAPP" ? sendWhatsAppRequest(message) : sendSmsRequest(message);
  }
  const name = `${message.id}.json`;
  await fs.mkdir(messageDir(), { recursive: true });
  await fs.writeFile(
    path.join(messageDir(), name),
    JSON.stringify(
      {
        id: message.id,
        channel: message.channel,
        to: message.to,
        template: message.template,
        kind: message.kind,
        locale: message.locale,
        text: message.storedText,
        sentAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
  if (env().DEMO_MODE && message.storedText !== message.text) {
    // eslint-disable-next-line no-console -- the demo's operator reads the code here
    console.log(`[demo] ${message.channel} to ${message.to} (no provider set): ${message.text}`);
  }
  return `file:${name}`;
}
