/**
 * WhatsApp and SMS in the transactional outbox (issue 24, ADR 031). enqueueMessage() is
 * called inside the transaction of the change that causes the message, like enqueueEmail();
 * the worker delivers what is due (dispatchDueMessages). A message is rendered from a
 * registered template (app/lib/message-templates.ts) with only its declared variables, so no
 * health data can be put in one.
 */
import { getFixedT } from "~/i18n/i18n.server";
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
}

/** Queues one message in the caller's transaction; null when its dedupeKey was queued before. */
export async function enqueueMessage<T extends MessageTemplate>(
  tx: Tx,
  input: EnqueueMessageInput<T>,
): Promise<{ id: string } | null> {
  const text = renderMessage(input.template, input.locale, input.params);
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
      params: JSON.stringify(input.params),
      text,
      dedupeKey: input.dedupeKey ?? null,
    },
    select: { id: true },
  });
}
