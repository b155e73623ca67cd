/**
 * Delivery of WhatsApp and SMS messages from the outbox (issue 24), through the app's real
 * provider clients against the local stand-ins that speak Meta's Cloud API and Twilio's REST
 * API (tests/support/whatsapp-stub.ts, twilio-stub.ts): each template with the right body, free
 * text and templates, a provider down and back up, three workers at once, giving up after
 * the maximum attempts (seen and retried by an admin), the file copy without credentials, and
 * a one-time code that reaches the provider but is not left in the row.
 */
import fs from "node:fs";
import path from "node:path";
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import {
  resendAsTemplate,
  retryMessage,
  renderMessage,
  enqueueMessage,
  dispatchDueMessages,
  SECRET_MASK,
} from "~/infra/messages.server";
import { backoffMs } from "~/infra/outbox.server";
import { MESSAGE_TEMPLATES, type MessageTemplate } from "~/lib/message-templates";
import { action as outboxAction, loader as outboxLoader } from "~/routes/staff.outbox._index";
import { loader as staffLoader } from "~/routes/staff";
import { MessagesTable } from "~/components/staff/outbox";
import { createClientI18n } from "~/i18n/client";
import { clientResources } from "~/i18n/i18n.server";
import { resetDatabase } from "./support/db";
import { createUser } from "./support/factories";
import { call, cookieFor } from "./support/requests";
import { startTwilioStub, type TwilioStub } from "./support/twilio-stub";
import { startWhatsAppStub, type WhatsAppStub } from "./support/whatsapp-stub";

let wa: WhatsAppStub;
let tw: TwilioStub;
const PROVIDER_KEYS = [
  "WHATSAPP_API_URL",
  "WHATSAPP_API_VERSION",
  "WHATSAPP_PHONE_NUMBER_ID",
  "WHATSAPP_ACCESS_TOKEN",
  "WHATSAPP_APP_SECRET",
  "WHATSAPP_VERIFY_TOKEN",
  "TWILIO_API_URL",
  "TWILIO_ACCOUNT_SID",
  "TWILIO_AUTH_TOKEN",
  "TWILIO_FROM",
];

function useProviders(on: boolean) {
  for (const key of PROVIDER_KEYS) delete process.env[key];
  if (on) Object.assign(process.env, wa.env(), tw.env());
  process.env.OUTBOX_BACKOFF_MS = "1000";
  process.env.OUTBOX_MAX_ATTEMPTS = "4";
  process.env.MESSAGE_DIR = path.resolve(`tmp/test/messages-${process.pid}`);
  resetEnvCache();
}

beforeAll(async () => {
  [wa, tw] = await Promise.all([startWhatsAppStub(), startTwilioStub()]);
});
afterAll(async () => {
  useProviders(false);
  await Promise.all([wa.close(), tw.close()]);
});
beforeEach(async () => {
  await resetDatabase();
  wa.up();
  tw.up();
  wa.closedWindows.clear();
  wa.requests.length = 0;
  tw.requests.length = 0;
  useProviders(true);
});
afterEach(() => useProviders(false));

const later = (ms: number) => new Date(Date.now() + ms);

const PARAMS: { [T in MessageTemplate]: Record<(typeof MESSAGE_TEMPLATES)[T][number], string> } = {
  case_update: { caseNumber: "C-2026-0042", link: "http://localhost:3999/portal/cases/x" },
  appointment_booked: { caseNumber: "C-2026-0042", link: "http://localhost:3999/portal" },
  appointment_reminder: {
    when: "4 Dec 2026, 10:00 (Europe/Berlin)",
    clinicWhen: " (12:00 at the clinic)",
    link: "http://localhost:3999/portal",
  },
  phone_code: { code: "493017" },
  channel_stopped: {},
  staff_first_reply: { caseNumber: "C-2026-0042", link: "http://localhost:3999/staff/cases/x" },
};

async function queue(
  channel: "WHATSAPP" | "SMS",
  template: MessageTemplate,
  options: { to?: string; locale?: string; kind?: "TEXT" | "TEMPLATE" } = {},
) {
  const row = await db.$transaction((tx) =>
    enqueueMessage(tx, {
      channel,
      toPhone: options.to ?? "+905551234567",
      locale: options.locale ?? "tr",
      template,
      params: PARAMS[template] as never,
      kind: options.kind,
      secretParams: template === "phone_code" ? (["code"] as never) : undefined,
    }),
  );
  return row!.id;
}

describe("through the providers", () => {
  it("delivers every template by WhatsApp (its registered template, variables in order) and by SMS (its words)", async () => {
    const ids: Record<string, { wa: string; sms: string }> = {};
    for (const template of Object.keys(MESSAGE_TEMPLATES) as MessageTemplate[]) {
      ids[template] = {
        wa: await queue("WHATSAPP", template, { locale: "fa" }),
        sms: await queue("SMS", template, { locale: "fa" }),
      };
    }
    const count = Object.keys(MESSAGE_TEMPLATES).length;
    expect(await dispatchDueMessages()).toEqual({ sent: 2 * count, retrying: 0, failed: 0 });
    expect(wa.sent()).toHaveLength(count);
    expect(tw.sent()).toHaveLength(count);

    for (const [template, id] of Object.entries(ids) as [
      MessageTemplate,
      { wa: string; sms: string },
    ][]) {
      const variables = MESSAGE_TEMPLATES[template] as readonly string[];
      const values = PARAMS[template] as Record<string, string>;
      const waRow = await db.outboxMessage.findUniqueOrThrow({ where: { id: id.wa } });
      const waRequest = wa.sent().find((r) => r.messageId === waRow.providerId)!;
      expect(waRequest.authorization).toBe(`Bearer ${wa.accessToken}`);
      expect(waRequest.body).toEqual({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "905551234567",
        type: "template",
        template: {
          name: template,
          language: { code: "fa" },
          components: [
            { type: "body", parameters: variables.map((v) => ({ type: "text", text: values[v] })) },
          ],
        },
      });
      const smsRow = await db.outboxMessage.findUniqueOrThrow({ where: { id: id.sms } });
      expect(smsRow.providerId).toMatch(/^SM[0-9a-f]{32}$/);
      const smsRequest = tw.sent().find((r) => r.sid === smsRow.providerId)!;
      expect(smsRequest.params).toEqual({
        To: "+905551234567",
        From: tw.from,
        Body: renderMessage(template, "fa", values as never),
      });
      for (const row of [waRow, smsRow]) {
        expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null, secret: null });
      }
    }
  });

  it("sends free text inside the window, and the template at once when WhatsApp refuses text (131047)", async () => {
    const open = await queue("WHATSAPP", "case_update", { kind: "TEXT", locale: "de" });
    const closed = await queue("WHATSAPP", "case_update", {
      kind: "TEXT",
      locale: "de",
      to: "+4915112345678",
    });
    wa.closedWindows.add("4915112345678");
    expect(await dispatchDueMessages()).toEqual({ sent: 2, retrying: 0, failed: 0 });

    const text = wa.sent().find((r) => (r.body as { to: string }).to === "905551234567")!;
    expect(text.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "905551234567",
      type: "text",
      text: { preview_url: false, body: renderMessage("case_update", "de", PARAMS.case_update) },
    });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: open } })).toMatchObject({
      kind: "TEXT",
      status: "SENT",
    });
    // The refused text, then the template: one delivery, counted as one attempt.
    const toClosed = wa.requests.filter(
      (r) => (r.body as { to?: string } | null)?.to === "4915112345678",
    );
    expect(toClosed.map((r) => [r.status, (r.body as { type: string }).type])).toEqual([
      [400, "text"],
      [200, "template"],
    ]);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: closed } })).toMatchObject({
      kind: "TEMPLATE",
      status: "SENT",
      attempts: 1,
      providerId: toClosed[1]!.messageId,
    });
  });

  it("sends the template once when WhatsApp reports later that free text failed (131047 in a status webhook)", async () => {
    const id = await queue("WHATSAPP", "case_update", { kind: "TEXT", locale: "ru" });
    await dispatchDueMessages();
    const sent = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: "SENT", kind: "TEXT" });
    expect(await resendAsTemplate(sent.providerId!)).toBe(true);
    expect(await resendAsTemplate(sent.providerId!)).toBe(false);
    expect(await dispatchDueMessages()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(wa.sent().map((r) => (r.body as { type: string }).type)).toEqual(["text", "template"]);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SENT", kind: "TEMPLATE", lastError: null });
    expect(row.providerId).toBe(wa.sent()[1]!.messageId);
    expect(await resendAsTemplate(row.providerId!)).toBe(false);
  });

  it("keeps messages while the providers are down, backs off, and delivers each exactly once when they return", async () => {
    const ids = [
      await queue("WHATSAPP", "case_update"),
      await queue("WHATSAPP", "appointment_booked"),
      await queue("SMS", "case_update"),
      await queue("SMS", "staff_first_reply"),
    ];
    wa.down(503);
    tw.down(500);
    expect(await dispatchDueMessages()).toEqual({ sent: 0, retrying: 4, failed: 0 });
    let rows = await db.outboxMessage.findMany({ where: { id: { in: ids } } });
    for (const row of rows) {
      expect(row).toMatchObject({ status: "PENDING", attempts: 1, leaseOwner: null });
      expect(row.lastError).toMatch(
        row.channel === "WHATSAPP" ? /WhatsApp 503.*code 2/ : /Twilio 500.*20500/,
      );
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + backoffMs(1) - 2_000);
    }
    // Not due yet: nothing is tried before its backoff has passed.
    expect(await dispatchDueMessages()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    // Still down at the second try: the wait doubles.
    expect(await dispatchDueMessages({ now: later(1_500) })).toEqual({
      sent: 0,
      retrying: 4,
      failed: 0,
    });
    rows = await db.outboxMessage.findMany({ where: { id: { in: ids } } });
    for (const row of rows) {
      expect(row.attempts).toBe(2);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + backoffMs(2) - 2_000);
    }
    wa.up();
    tw.up();
    expect(await dispatchDueMessages({ now: later(3_000) })).toEqual({
      sent: 4,
      retrying: 0,
      failed: 0,
    });
    expect(await dispatchDueMessages({ now: later(3_600_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    rows = await db.outboxMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 3 && !r.lastError)).toBe(true);
    // Each message reached its provider successfully exactly once.
    expect(
      wa
        .sent()
        .map((r) => r.messageId)
        .sort(),
    ).toEqual(
      rows
        .filter((r) => r.channel === "WHATSAPP")
        .map((r) => r.providerId)
        .sort(),
    );
    expect(
      tw
        .sent()
        .map((r) => r.sid)
        .sort(),
    ).toEqual(
      rows
        .filter((r) => r.channel === "SMS")
        .map((r) => r.providerId)
        .sort(),
    );
  });

  it("delivers each message once with three dispatchers running at the same time", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(
        await queue(i % 2 ? "SMS" : "WHATSAPP", "case_update", { to: `+9055512340${10 + i}` }),
      );
    }
    const results = await Promise.all(
      ["a", "b", "c"].map((owner) => dispatchDueMessages({ owner: `worker-${owner}` })),
    );
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
    expect(wa.sent()).toHaveLength(6);
    expect(tw.sent()).toHaveLength(6);
    const recipients = [
      ...wa.sent().map((r) => `+${(r.body as { to: string }).to}`),
      ...tw.sent().map((r) => r.params.To),
    ];
    expect(new Set(recipients).size).toBe(12);
    const rows = await db.outboxMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
  });

  it("gives up after the maximum attempts, shows admins the failure, and delivers once retried", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    const id = await queue("SMS", "case_update", { to: "+905550000999" });
    tw.down(503);
    for (let i = 0; i < 4; i++) await dispatchDueMessages({ now: later(i * 3_600_000) });
    const failed = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 4 });
    expect(tw.requests.filter((r) => r.path.endsWith("Messages.json"))).toHaveLength(4);

    // The alert on every staff page, and the failed list with the number masked.
    const layout = await call(staffLoader, { path: "/staff/cases", cookie });
    expect(layout.data).toMatchObject({ failedMessages: 1 });
    const page = await call(outboxLoader, {
      path: "/staff/outbox?view=messages&status=FAILED",
      cookie,
    });
    const data = page.data as {
      view: string;
      counts: Record<string, number>;
      messages: { id: string; to: string; template: string; lastError: string; attempts: number }[];
    };
    expect(data.view).toBe("messages");
    expect(data.counts.FAILED).toBe(1);
    expect(data.messages).toEqual([
      expect.objectContaining({
        id,
        to: "+•••••••••999",
        template: "case_update",
        attempts: 4,
        lastError: expect.stringContaining("20500"),
      }),
    ]);
    expect(JSON.stringify(data)).not.toContain("905550000999");
    // As the admin reads it, in their language: the template's name, the error, a retry.
    // (No JSX in this file: the table is made with createElement inside a data router.)
    const table = h(MessagesTable, {
      messages: data.messages as never,
      locale: "de",
      timeZone: "Europe/Berlin",
    });
    const handler = createStaticHandler([{ id: "page", path: "*", Component: () => table }]);
    const context = await handler.query(new Request("http://localhost/staff/outbox"));
    if (context instanceof Response) throw new Error(`answered ${context.status}`);
    const html = renderToStaticMarkup(
      h(
        I18nextProvider,
        { i18n: createClientI18n("de", clientResources("de")) },
        h(StaticRouterProvider, {
          router: createStaticRouter(handler.dataRoutes, context),
          context,
          hydrate: false,
        }),
      ),
    );
    for (const words of [
      "Kanal",
      "Vorlage",
      "Neuigkeit zum Fall",
      "SMS",
      "Fehlgeschlagen",
      "+•••••••••999",
    ]) {
      expect(html).toContain(words);
    }
    expect(html).toMatch(
      /<button type="submit" name="intent" value="retryMessage">Erneut versuchen<\/button>/,
    );
    const audited = await db.auditLog.findFirst({
      where: { actorId: admin.id, action: "outbox.list", entity: "OutboxMessage" },
    });
    expect(audited).not.toBeNull();

    tw.up();
    const retried = await call(outboxAction, {
      path: "/staff/outbox",
      cookie,
      form: new URLSearchParams({ intent: "retryMessage", id }),
    });
    expect(retried.status).toBe(302);
    expect(retried.response?.headers.get("Location")).toBe(
      "/staff/outbox?view=messages&status=FAILED",
    );
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    expect(await dispatchDueMessages({ now: later(1_000) })).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(tw.sent()).toHaveLength(1);
    // A coordinator may not retry.
    const coordinator = await createUser({ role: "COORDINATOR" });
    const refused = await call(outboxAction, {
      path: "/staff/outbox",
      cookie: await cookieFor(coordinator.id),
      form: new URLSearchParams({ intent: "retryMessage", id }),
    });
    expect([403, 404]).toContain(refused.status);
  });

  it("hands the one-time code to the provider but does not keep it in the row", async () => {
    const wId = await queue("WHATSAPP", "phone_code", { locale: "en" });
    const sId = await queue("SMS", "phone_code", { locale: "en" });
    const before = await db.outboxMessage.findUniqueOrThrow({ where: { id: sId } });
    expect(before.secret).not.toBeNull();
    expect(before.text).toContain(SECRET_MASK);
    expect(before.text).not.toContain("493017");
    expect(await dispatchDueMessages()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(wa.sent()[0]!.body).toMatchObject({
      template: { components: [{ parameters: [{ type: "text", text: "493017" }] }] },
    });
    expect(tw.sent()[0]!.params.Body).toContain("493017");
    for (const id of [wId, sId]) {
      const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("SENT");
      expect(row.secret).toBeNull();
      expect(JSON.stringify(row)).not.toContain("493017");
    }
  });

  it("empties the code of a message it gives up on, and does not send a retried one without it", async () => {
    const id = await queue("SMS", "phone_code");
    tw.down();
    for (let i = 0; i < 4; i++) await dispatchDueMessages({ now: later(i * 3_600_000) });
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "FAILED", secret: null });
    tw.up();
    expect(await retryMessage(id)).toBe(true);
    expect(await dispatchDueMessages({ now: later(1_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 1,
    });
    expect(tw.sent()).toHaveLength(0);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id } })).lastError).toMatch(
      /no longer held/,
    );
  });
});

describe("without provider credentials", () => {
  it("writes each message to MESSAGE_DIR/<id>.json, code masked, and marks it sent", async () => {
    useProviders(false);
    const id = await queue("WHATSAPP", "appointment_reminder", { locale: "ar" });
    const code = await queue("SMS", "phone_code", { locale: "ru" });
    expect(await dispatchDueMessages()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(wa.requests).toHaveLength(0);
    expect(tw.requests).toHaveLength(0);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SENT", providerId: `file:${id}.json` });
    const file = JSON.parse(
      fs.readFileSync(path.join(process.env.MESSAGE_DIR!, `${id}.json`), "utf8"),
    ) as Record<string, string>;
    expect(file).toMatchObject({
      channel: "WHATSAPP",
      to: "+905551234567",
      template: "appointment_reminder",
      kind: "TEMPLATE",
      locale: "ar",
      text: renderMessage("appointment_reminder", "ar", PARAMS.appointment_reminder),
    });
    expect(new Date(file.sentAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const codeFile = fs.readFileSync(path.join(process.env.MESSAGE_DIR!, `${code}.json`), "utf8");
    expect(codeFile).toContain(SECRET_MASK);
    expect(codeFile).not.toContain("493017");
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: code } })).secret).toBeNull();
  });
});
