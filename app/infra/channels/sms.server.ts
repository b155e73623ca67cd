/**
 * SMS delivery through Twilio (ADR 031), with Twilio's official SDK (`twilio`):
 * client.messages.create({to, from | messagingServiceSid, body}), which is
 * POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic auth.
 *
 * TWILIO_API_URL points the SDK elsewhere (the local stand-in in tests,
 * tests/support/twilio-stub.ts). The SDK has no base-URL option, so a custom httpClient
 * rewrites the https://api.twilio.com origin of each request and hands it to the SDK's own
 * RequestClient: everything else (auth, form encoding, error parsing) stays the SDK's.
 */
import twilio from "twilio";
import { env } from "~/env.server";
import { ChannelError, type ChannelMessage } from "~/infra/channels/errors";

type RequestOptions<T> = Parameters<InstanceType<typeof twilio.RequestClient>["request"]>[0] & {
  data?: T;
};

/** An httpClient for the SDK that sends every api.twilio.com request to `origin` instead. */
export function rewritingHttpClient(origin: string) {
  const inner = new twilio.RequestClient({ timeout: 15_000 });
  const target = origin.replace(/\/$/, "");
  return {
    request<T>(options: RequestOptions<T>) {
      const uri = options.uri.replace(/^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com(:443)?/, target);
      return inner.request<T>({ ...options, uri });
    },
  };
}

let cached: { key: string; client: ReturnType<typeof twilio> } | undefined;

function client() {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_URL } = env();
  const key = `${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}:${TWILIO_API_URL ?? ""}`;
  if (cached?.key !== key) {
    cached = {
      key,
      client: twilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, {
        ...(TWILIO_API_URL
          ? { httpClient: rewritingHttpClient(TWILIO_API_URL) as unknown as twilio.RequestClient }
          : {}),
      }),
    };
  }
  return cached.client;
}

/** Sends one SMS; Twilio's Message sid (SM…) on success, a ChannelError otherwise. */
export async function sendSmsRequest(message: ChannelMessage): Promise<string> {
  const from = env().TWILIO_FROM!;
  try {
    const sent = await client().messages.create({
      to: message.to,
      body: message.text,
      ...(from.startsWith("MG") ? { messagingServiceSid: from } : { from }),
    });
    return sent.sid;
  } catch (error) {
    // The SDK throws a RestException carrying Twilio's {code, message, status}.
    const rest = error as { code?: unknown; status?: unknown; message?: string };
    const code = typeof rest.code === "number" ? rest.code : null;
    const status = typeof rest.status === "number" ? rest.status : null;
    throw new ChannelError(
      `Twilio${status ? ` ${status}` : ""}: ${rest.message ?? String(error)}${code ? ` (code ${code})` : ""}`,
      code,
      status,
    );
  }
}
