/**
 * A local stand-in for Stripe's servers, which cannot be reached from here. The real `stripe`
 * SDK talks to it (STRIPE_API_URL): it answers the calls the platform makes in Stripe's
 * documented shapes (Checkout Sessions, Refunds), records each request with its
 * Idempotency-Key, replays the first answer for a repeated key as Stripe does, and serves a
 * minimal hosted checkout page whose Pay button completes the session, sends the signed
 * `checkout.session.completed` webhook to the app, and returns to the success URL.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import qs from "qs";
import Stripe from "stripe";

export interface StubRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  authorization: string | null;
  body: Record<string, unknown>;
}

export interface StripeStub {
  url: string;
  secretKey: string;
  webhookSecret: string;
  requests: StubRequest[];
  sessions: Map<string, Record<string, unknown>>;
  /** Where the hosted page's Pay button delivers webhooks. */
  webhookUrl: string | null;
  /** A signed event, as Stripe would POST it: the body and its Stripe-Signature header. */
  signedEvent(
    type: string,
    object: Record<string, unknown>,
    id?: string,
  ): { body: string; signature: string };
  /** Marks a session paid and returns its checkout.session.completed event (signed). */
  complete(sessionId: string): { body: string; signature: string };
  close(): Promise<void>;
}

const rid = (prefix: string) => `${prefix}_test_${crypto.randomBytes(12).toString("hex")}`;

export async function startStripeStub(): Promise<StripeStub> {
  const secretKey = "sk_test_stub_" + crypto.randomBytes(8).toString("hex");
  const webhookSecret = "whsec_stub" + crypto.randomBytes(16).toString("hex");
  const signer = new Stripe(secretKey);
  const requests: StubRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const answered = new Map<string, { status: number; body: string }>();
  let base = "";

  const stub: StripeStub = {
    url: "",
    secretKey,
    webhookSecret,
    requests,
    sessions,
    webhookUrl: null,
    signedEvent(type, object, id = rid("evt")) {
      const body = JSON.stringify(
        {
          id,
          object: "event",
          api_version: "2026-10-28.endive",
          created: Math.floor(Date.now() / 1000),
          type,
          livemode: false,
          pending_webhooks: 1,
          request: { id: null, idempotency_key: null },
          data: { object },
        },
        null,
        2,
      );
      const signature = signer.webhooks.generateTestHeaderString({
        payload: body,
        secret: webhookSecret,
      });
      return { body, signature };
    },
    complete(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      Object.assign(session, {
        status: "complete",
        payment_status: "paid",
        payment_intent: session.payment_intent ?? rid("pi"),
      });
      return stub.signedEvent("checkout.session.completed", session);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function answer(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "Content-Type": "application/json", "Request-Id": rid("req") });
    res.end(JSON.stringify(body));
  }

  function apiError(res: http.ServerResponse, status: number, message: string, param?: string) {
    answer(res, status, { error: { type: "invalid_request_error", message, param } });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url ?? "/", base);
        const body = qs.parse(raw) as Record<string, unknown>;

        // The hosted checkout page (what a patient's browser sees on Stripe).
        const page = /^\/pay\/(cs_[\w]+)$/.exec(url.pathname);
        if (page) {
          const session = sessions.get(page[1]!);
          if (!session) return answer(res, 404, {});
          if (req.method === "GET") {
            res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
            const amount = session.amount_total as number;
            res.end(`<!doctype html><html lang="en"><head><title>Stripe Checkout (local stand-in)</title></head>
<body><main><h1>Pay ${session.currency} ${(amount / 100).toFixed(2)}</h1>
<form method="post"><button type="submit">Pay</button></form>
<a href="${session.cancel_url as string}">Cancel</a></main></body></html>`);
            return;
          }
          const event = stub.complete(page[1]!);
          if (stub.webhookUrl) {
            await fetch(stub.webhookUrl, {
              method: "POST",
              headers: { "Content-Type": "application/json", "Stripe-Signature": event.signature },
              body: event.body,
            });
          }
          res.writeHead(303, { Location: session.success_url as string });
          res.end();
          return;
        }

        const record: StubRequest = {
          method: req.method ?? "GET",
          path: url.pathname,
          idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null,
          authorization: (req.headers.authorization as string | undefined) ?? null,
          body,
        };
        requests.push(record);
        if (record.authorization !== `Bearer ${secretKey}`) {
          return answer(res, 401, {
            error: { type: "invalid_request_error", message: "Invalid API Key provided" },
          });
        }
        const replayKey = record.idempotencyKey ? `${record.path}:${record.idempotencyKey}` : null;
        if (replayKey && answered.has(replayKey)) {
          const prior = answered.get(replayKey)!;
          res.writeHead(prior.status, {
            "Content-Type": "application/json",
            "Idempotent-Replayed": "true",
          });
          res.end(prior.body);
          return;
        }
        const reply = (status: number, payload: unknown) => {
          const text = JSON.stringify(payload);
          if (replayKey) answered.set(replayKey, { status, body: text });
          res.writeHead(status, { "Content-Type": "application/json", "Request-Id": rid("req") });
          res.end(text);
        };

        if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
          const items = body.line_items as
            { price_data: { currency: string; unit_amount: string } }[] | undefined;
          const first = items?.[0]?.price_data;
          if (!first || !body.success_url || body.mode !== "payment") {
            return apiError(res, 400, "Missing required param: line_items.", "line_items");
          }
          const id = rid("cs");
          const session = {
            id,
            object: "checkout.session",
            mode: "payment",
            status: "open",
            payment_status: "unpaid",
            amount_total:
              Number(first.unit_amount) *
              Number((items?.[0] as { quantity?: string }).quantity ?? 1),
            currency: first.currency,
            client_reference_id: body.client_reference_id ?? null,
            customer_email: body.customer_email ?? null,
            metadata: body.metadata ?? {},
            payment_intent: null,
            success_url: body.success_url,
            cancel_url: body.cancel_url,
            url: `${base}/pay/${id}`,
            livemode: false,
            created: Math.floor(Date.now() / 1000),
          };
          sessions.set(id, session);
          return reply(200, session);
        }
        // POST /v1/checkout/sessions/{id}/expire: only an open session can be expired.
        const expire = /^\/v1\/checkout\/sessions\/(cs_\w+)\/expire$/.exec(url.pathname);
        if (req.method === "POST" && expire) {
          const session = sessions.get(expire[1]!);
          if (!session) return apiError(res, 404, "No such checkout.session");
          if (session.status !== "open") {
            return apiError(
              res,
              400,
              "Only Checkout Sessions with a status of open can be expired.",
            );
          }
          session.status = "expired";
          session.url = null;
          return reply(200, session);
        }
        const get = /^\/v1\/checkout\/sessions\/(cs_\w+)$/.exec(url.pathname);
        if (req.method === "GET" && get) {
          const session = sessions.get(get[1]!);
          return session ? reply(200, session) : apiError(res, 404, "No such checkout.session");
        }
        if (req.method === "POST" && url.pathname === "/v1/refunds") {
          const paid = [...sessions.values()].find((s) => s.payment_intent === body.payment_intent);
          if (!paid) return apiError(res, 400, "No such payment_intent", "payment_intent");
          return reply(200, {
            id: rid("re"),
            object: "refund",
            amount: Number(body.amount ?? paid.amount_total),
            currency: paid.currency,
            payment_intent: body.payment_intent,
            reason: body.reason ?? null,
            metadata: body.metadata ?? {},
            status: "succeeded",
            created: Math.floor(Date.now() / 1000),
          });
        }
        apiError(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.url = base;
  return stub;
}
