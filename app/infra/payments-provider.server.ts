/**
 * The one Stripe client, built from the environment. Card payment exists only when
 * STRIPE_SECRET_KEY is set; STRIPE_API_URL points the real SDK at another address (the
 * local stand-in the tests run, which speaks Stripe's protocol).
 */
import Stripe from "stripe";
import { env } from "~/env.server";

let cached: { key: string; client: Stripe } | undefined;

export function stripeClient(): Stripe | null {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env();
  if (!key) return null;
  if (cached?.key === key) return cached.client;
  const url = apiUrl ? new URL(apiUrl) : null;
  const client = new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(url
      ? {
          host: url.hostname,
          port: url.port || (url.protocol === "https:" ? "443" : "80"),
          protocol: url.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
  cached = { key, client };
  return client;
}

export function cardPaymentsEnabled(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

/** Verifies the Stripe-Signature header against the raw body; throws on a forged or stale one. */
export function verifyWebhook(rawBody: string, signature: string | null): Stripe.Event {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  const client = stripeClient();
  if (!client || !secret || !signature) throw new Error("Stripe webhooks are not configured");
  return client.webhooks.constructEvent(rawBody, signature, secret);
}
