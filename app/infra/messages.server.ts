/**
 * WhatsApp and SMS in the transactional outbox (issue 24, ADR 031). enqueueMessage() is
 * called inside the transaction of the change that causes the message, as emails are;
 * the worker delivers what is due (dispatchDueMessages). A message is rendered from a
 * registered template (app/lib/message-templates.ts) with only its declared variables, so no
 * health data can be put in one.
 */
import { getFixedT } from "~/i18n/i18n.server";
import { openSecret, sealSecret } from "~/infra/outbox.server";
import type { Tx } from "~/db.server";
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
