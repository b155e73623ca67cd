/**
 * WhatsApp delivery through Meta's WhatsApp Business Cloud API (Graph API). There is no
 * maintained official Node SDK for the Cloud API (Meta archived its WhatsApp Node.js SDK), so
 * this is plain fetch of the documented call:
 *
 *   POST {WHATSAPP_API_URL}/{WHATSAPP_API_VERSION}/{WHATSAPP_PHONE_NUMBER_ID}/messages
 *   Authorization: Bearer {WHATSAPP_ACCESS_TOKEN}
 *
 * A TEMPLATE message names the template registered with Meta and passes its body variables in
 * the order the app's registry declares them (MESSAGE_TEMPLATES); a TEXT message is free text,
 * allowed only inside the person's 24-hour customer-service window. Tests talk to a stand-in
 * (tests/support/whatsapp-stub.ts) at WHATSAPP_API_URL.
 */
import { env } from "~/env.server";
import { MESSAGE_TEMPLATES, isMessageTemplate } from "~/lib/message-templates";
import { ChannelError, type ChannelMessage } from "~/infra/channels/errors";

/** Meta's code for a free-text message outside the 24-hour customer-service window. */
export const WHATSAPP_WINDOW_CLOSED = 131047;

const TIMEOUT_MS = 15_000;

/** The Cloud API's request body for one message. */
export function whatsappBody(message: ChannelMessage): Record<string, unknown> {
  const base = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    // The Cloud API takes the number as digits with the country code, without "+".
    to: message.to.replace(/\D/g, ""),
  };
  if (message.kind === "TEXT") {
    return { ...base, type: "text", text: { preview_url: false, body: message.text } };
  }
  if (!isMessageTemplate(message.template)) {
    throw new ChannelError(`Unknown template ${message.template}`, null, null);
  }
  const variables = MESSAGE_TEMPLATES[message.template] as readonly string[];
  return {
    ...base,
    type: "template",
    template: {
      name: message.template,
      language: { code: message.locale },
      components: [
        {
          type: "body",
          parameters: variables.map((name) => ({
            type: "text",
            // Meta refuses an empty parameter; an optional variable left empty (clinicWhen
            // for a remote appointment) goes as a single space.
            text: message.params[name] || " ",
          })),
        },
      ],
    },
  };
}

interface GraphError {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    fbtrace_id?: string;
  };
}

/** Sends one message; the provider's id (a wamid) on success, a ChannelError otherwise. */
export async function sendWhatsAppRequest(message: ChannelMessage): Promise<string> {
  const e = env();
  const url = `${e.WHATSAPP_API_URL.replace(/\/$/, "")}/${e.WHATSAPP_API_VERSION}/${e.WHATSAPP_PHONE_NUMBER_ID}/messages`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${e.WHATSAPP_ACCESS_TOKEN}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify(whatsappBody(message)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ChannelError(
      `WhatsApp: ${error instanceof Error ? error.message : String(error)}`,
      null,
      null,
    );
  }
  const payload = (await response.json().catch(() => null)) as
    (GraphError & { messages?: { id?: string }[] }) | null;
  const id = payload?.messages?.[0]?.id;
  if (response.ok && id) return id;
  const error = payload?.error;
  const detail = [
    error?.code !== undefined ? `code ${error.code}` : null,
    error?.error_subcode !== undefined ? `subcode ${error.error_subcode}` : null,
    error?.fbtrace_id ? `fbtrace ${error.fbtrace_id}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  throw new ChannelError(
    `WhatsApp ${response.status}: ${error?.message ?? "unexpected answer"}${detail ? ` (${detail})` : ""}`,
    error?.code ?? null,
    response.status,
  );
}
