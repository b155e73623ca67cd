/**
 * Stripe's webhook endpoint. The signature is checked on the raw body (Stripe-Signature,
 * STRIPE_WEBHOOK_SECRET); a forged, stale or unsigned request is refused with 400 and changes
 * nothing. A verified event is acted on once (see handleStripeEvent).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent } from "~/models/finance/payments.server";
import { verifyWebhook } from "~/infra/payments-provider.server";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const raw = await request.text();
  let event;
  try {
    event = verifyWebhook(raw, request.headers.get("Stripe-Signature"));
  } catch {
    return Response.json({ error: "invalid signature" }, { status: 400 });
  }
  const outcome = await handleStripeEvent(event);
  return Response.json({ received: true, outcome });
}
