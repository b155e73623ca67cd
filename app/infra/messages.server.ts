/**
 * WhatsApp and SMS in the transactional outbox (issue 24, ADR 031). enqueueMessage() is
 * called inside the transaction of the change that causes the message, as emails are;
 * the worker delivers what is due (dispatchDueMessages). A message is rendered from a
 * registered template (app/lib/message-templates.ts) with only its declared variables, so no
 * health data can be put in one.
 */
import crypto from "node:crypto";
import { getFixedT } from "~/i18n/i18n.server";
import {
  afterFailedAttempt,
  claimLease,
  dueCandidates,
  openSecret,
  RETRY_FAILED,
  sealSecret,
  type DispatchResult,
} from "~/infra/outbox.server";
import { db, type Tx } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { ChannelError } from "~/infra/channels/errors";
import { deliverChannelMessage } from "~/infra/channels/deliver.server";
import { WHATSAPP_WINDOW_CLOSED } from "~/infra/channels/whatsapp.server";
import {
  checkMessageParams,
  type Channel,
  type MessageParams,
  type MessageTemplate,
} from "~/lib/message-templates";

/** The words of a template in a language, its variables filled in. */
export function renderMessage<T extends MessageTemplate>(
  template: T,
  locale: string,
  params: MessageParams<T>,
): string {
  checkMessageParams(template, params as Record<string, string>);
  return getFixedT(locale, "emails")(`messages.${template}`, params as Record<string, string>);
}

export interface EnqueueMessageInput<T extends MessageTemplate> {
  channel: Channel;
  /** E.164 (+905551234567). */
  toPhone: string;
  locale: string;
  template: T;
  params: MessageParams<T>;
  caseId?: string | null;
  userId?: string | null;
  /**
   * TEMPLATE (WhatsApp's registered template; the only kind outside its 24-hour window) or
   * TEXT (the same words as free text). SMS is always TEXT.
   */
  kind?: "TEMPLATE" | "TEXT";
  /** Once per event: a second message with the same key is not queued. */
  dedupeKey?: string | null;
  /**
   * Variables that are credentials (a one-time code): stored encrypted in `secret`, shown as
   * SECRET_MASK in the stored text and params, and put back only at delivery (messageForDelivery).
   */
  secretParams?: (keyof MessageParams<T>)[];
}

/** What a credential looks like in a stored message: no staff screen can use it. */
export const SECRET_MASK = "••••••";

/** Queues one message in the caller's transaction; null when its dedupeKey was queued before. */
export async function enqueueMessage<T extends MessageTemplate>(
  tx: Tx,
  input: EnqueueMessageInput<T>,
): Promise<{ id: string } | null> {
  const text = renderMessage(input.template, input.locale, input.params);
  const secretKeys = (input.secretParams ?? []) as string[];
  const params: Record<string, string> = { ...(input.params as Record<string, string>) };
  const secret: Record<string, string> = {};
  for (const key of secretKeys) {
    secret[key] = params[key]!;
    params[key] = SECRET_MASK;
  }
  const stored = secretKeys.length
    ? getFixedT(input.locale, "emails")(`messages.${input.template}`, params)
    : text;
  if (input.dedupeKey) {
    const seen = await tx.outboxMessage.findUnique({
      where: { dedupeKey: input.dedupeKey },
      select: { id: true },
    });
    if (seen) return null;
  }
  return tx.outboxMessage.create({
    data: {
      caseId: input.caseId ?? null,
      userId: input.userId ?? null,
      channel: input.channel,
      kind: input.channel === "SMS" ? "TEXT" : (input.kind ?? "TEMPLATE"),
      toPhone: input.toPhone,
      locale: input.locale,
      template: input.template,
      params: JSON.stringify(params),
      text: stored,
      secret: secretKeys.length ? sealSecret(JSON.stringify(secret)) : null,
      dedupeKey: input.dedupeKey ?? null,
    },
    select: { id: true },
  });
}

/**
 * The words and variables to hand to the provider: the stored ones with any credential put
 * back from `secret` (which the dispatcher empties once delivered or given up on).
 */
export function messageForDelivery(row: {
  template: string;
  locale: string;
  params: string;
  text: string;
  secret: string | null;
}): { text: string; params: Record<string, string> } {
  const params = JSON.parse(row.params) as Record<string, string>;
  if (!row.secret) return { text: row.text, params };
  Object.assign(params, JSON.parse(openSecret(row.secret)) as Record<string, string>);
  return {
    text: getFixedT(row.locale, "emails")(`messages.${row.template}`, params),
    params,
  };
}

// --- delivery: the same guarantees as dispatchDue() for emails ----------------------------
// Each due row is claimed with a lease by a conditional update, so two workers (or two app
// instances) never send the same row at once; a failed delivery is retried with exponential
// backoff (backoffMs); after OUTBOX_MAX_ATTEMPTS the row is FAILED, which admins see on the
// outbox page and can retry. The credential in `secret` is emptied once the message is
// delivered or given up on.

export const MESSAGE_STATUSES = ["PENDING", "SENT", "FAILED"] as const;

/** Claims up to `limit` due rows for `owner`. A row is claimed only if nobody holds a live lease. */
async function claimDueMessages(owner: string, now: Date, limit: number): Promise<string[]> {
  const candidates = await db.outboxMessage.findMany(dueCandidates(now, limit));
  const claimed: string[] = [];
  for (const row of candidates) {
    const { count } = await db.outboxMessage.updateMany(claimLease(row, owner, now));
    if (count === 1) claimed.push(row.id);
  }
  return claimed;
}

/** Whether the stored message has a masked credential (so it needs `secret` to be sent). */
function needsSecret(row: { params: string }): boolean {
  return Object.values(JSON.parse(row.params) as Record<string, string>).includes(SECRET_MASK);
}

export async function dispatchDueMessages(
  options: { owner?: string; now?: Date; limit?: number } = {},
): Promise<DispatchResult> {
  const owner = options.owner ?? `worker-${process.pid}-${crypto.randomUUID()}`;
  const now = options.now ?? new Date();
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  const ids = await claimDueMessages(owner, now, options.limit ?? 25);
  const rows = await db.outboxMessage.findMany({
    where: { id: { in: ids } },
    orderBy: { nextAttemptAt: "asc" },
  });
  for (const row of rows) {
    const { id } = row;
    try {
      if (!row.secret && needsSecret(row)) {
        // The code was emptied (delivered or given up on before): it cannot be sent again.
        await db.outboxMessage.update({
          where: { id },
          data: {
            status: "FAILED",
            lastError: "The one-time code in this message is no longer held; ask for a new one.",
            leaseOwner: null,
            leaseUntil: null,
          },
        });
        result.failed++;
        continue;
      }
      const { text, params } = messageForDelivery(row);
      const message = {
        id,
        channel: row.channel as Channel,
        to: row.toPhone,
        kind: row.kind === "TEXT" ? ("TEXT" as const) : ("TEMPLATE" as const),
        template: row.template,
        locale: row.locale,
        text,
        params,
        storedText: row.text,
      };
      let providerId: string;
      let kind = message.kind;
      try {
        providerId = await deliverChannelMessage(message);
      } catch (error) {
        // Free text outside the person's 24-hour window is refused by WhatsApp: the
        // registered template is the only kind allowed there, so send that at once.
        if (
          !(error instanceof ChannelError) ||
          error.code !== WHATSAPP_WINDOW_CLOSED ||
          message.kind !== "TEXT"
        ) {
          throw error;
        }
        kind = "TEMPLATE";
        await db.outboxMessage.update({ where: { id }, data: { kind } });
        providerId = await deliverChannelMessage({ ...message, kind });
      }
      await db.outboxMessage.update({
        where: { id },
        data: {
          status: "SENT",
          sentAt: new Date(),
          providerId,
          kind,
          attempts: row.attempts + 1,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          secret: null,
        },
      });
      result.sent++;
    } catch (error) {
      const { failed, data } = afterFailedAttempt(row.attempts + 1, error);
      await db.outboxMessage.update({ where: { id }, data });
      if (failed) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

/**
 * WhatsApp may accept free text and report only later, in a status webhook
 * (statuses[].errors), that it failed because the 24-hour window was closed (131047). The
 * webhook's handler calls this with the message's wamid: a TEXT message that went out as
 * text is queued again as its registered template, once (the update is conditional on it
 * still being TEXT). False when there is no such message or it was already switched.
 */
export async function resendAsTemplate(providerId: string, now = new Date()) {
  const { count } = await db.outboxMessage.updateMany({
    where: { providerId, channel: "WHATSAPP", kind: "TEXT", status: "SENT" },
    data: {
      kind: "TEMPLATE",
      status: "PENDING",
      attempts: 0,
      nextAttemptAt: now,
      lastError: `WhatsApp: free text refused outside the 24-hour window (code ${WHATSAPP_WINDOW_CLOSED}); sent again as its template`,
    },
  });
  return count === 1;
}

/** An admin puts a FAILED message back in the queue. */
export async function retryMessage(id: string) {
  const { count } = await db.outboxMessage.updateMany({
    where: { id, status: "FAILED" },
    data: { ...RETRY_FAILED, nextAttemptAt: new Date() },
  });
  return count === 1;
}

/** Messages that failed after every retry: counted in the admins' alert with the emails. */
export function countFailedMessages() {
  return db.outboxMessage.count({ where: { status: "FAILED" } });
}

// --- the admins' view ---------------------------------------------------------------------
// A message holds a phone number and a case number, so every read is audited (outbox.list).
// The number is shown masked to its last three digits; no stored message holds a usable code.

export const MESSAGES_PAGE_SIZE = 100;

/** The number as the admins' page shows it: only its last three digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `${phone.startsWith("+") ? "+" : ""}${"•".repeat(Math.max(0, digits.length - 3))}${digits.slice(-3)}`;
}

export async function listOutboxMessages(
  actor: { id: string; ip?: string | null },
  filter: (typeof MESSAGE_STATUSES)[number] | null,
  page = 1,
) {
  const [rows, grouped] = await Promise.all([
    db.outboxMessage.findMany({
      where: filter ? { status: filter } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * MESSAGES_PAGE_SIZE,
      take: MESSAGES_PAGE_SIZE,
      select: {
        id: true,
        channel: true,
        kind: true,
        toPhone: true,
        template: true,
        status: true,
        attempts: true,
        lastError: true,
        providerId: true,
        createdAt: true,
        case: { select: { number: true } },
      },
    }),
    db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  await audit({
    actorId: actor.id,
    action: "outbox.list",
    entity: "OutboxMessage",
    ip: actor.ip,
    outcome: "success",
    detail: `messages ${filter ?? "all"}, page ${page}: ${rows.length} shown`,
  });
  const counts = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0]));
  for (const g of grouped) counts[g.status] = g._count._all;
  const total = filter ? (counts[filter] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    messages: rows.map(({ toPhone, ...row }) => ({
      ...row,
      to: maskPhone(toPhone),
      // Written to a file (no provider credentials) rather than handed to a provider.
      toFile: row.providerId?.startsWith("file:") ?? false,
    })),
    counts,
    pages: Math.max(1, Math.ceil(total / MESSAGES_PAGE_SIZE)),
  };
}
