/**
 * The transactional outbox. enqueueEmail() is called inside the transaction of the change
 * that causes the email, so the email exists exactly when the change does. dispatchDue()
 * delivers what is due: each row is claimed with a lease by a conditional update, so two
 * workers (or two app instances) never send the same row at once. A failed delivery is
 * retried with exponential backoff; after OUTBOX_MAX_ATTEMPTS the row is FAILED, which
 * admins see on the outbox page and can retry.
 */
import crypto from "node:crypto";
import { renderEmail, type TemplateData, type TemplateName } from "../../emails";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { deliver } from "./mailer.server";

export const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED"] as const;
const LEASE_MS = 60_000;
/** Templates whose stored copy holds a credential; it is blanked once delivered. */
const REDACT_AFTER_DELIVERY = new Set(["magic-link"]);
const REDACTED = "[removed after delivery: this email contained a single-use sign-in link]";
const MAX_BACKOFF_MS = 60 * 60 * 1000;

export interface EnqueueInput<N extends TemplateName> {
  to: { email: string; name?: string | null; locale: string };
  template: N;
  data: TemplateData[N];
  caseId?: string | null;
  /** An iCalendar invite to send with it (METHOD:REQUEST or METHOD:CANCEL). */
  calendar?: string | null;
}

export async function enqueueEmail<N extends TemplateName>(tx: Tx, input: EnqueueInput<N>) {
  const content = renderEmail(input.template, input.to.locale, input.data);
  return tx.outboxEmail.create({
    data: {
      caseId: input.caseId ?? null,
      toEmail: input.to.email,
      toName: input.to.name ?? null,
      locale: input.to.locale,
      template: input.template,
      calendar: input.calendar ?? null,
      ...content,
    },
    select: { id: true },
  });
}

export function backoffMs(attempts: number, baseMs = env().OUTBOX_BACKOFF_MS): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Claims up to `limit` due rows for `owner`. A row is claimed only if nobody holds a live lease. */
async function claimDue(owner: string, now: Date, limit: number): Promise<string[]> {
  const candidates = await db.outboxEmail.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, leaseUntil: true },
  });
  const claimed: string[] = [];
  for (const row of candidates) {
    const { count } = await db.outboxEmail.updateMany({
      where: { id: row.id, status: "PENDING", leaseUntil: row.leaseUntil },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    if (count === 1) claimed.push(row.id);
  }
  return claimed;
}

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
}

export async function dispatchDue(
  options: { owner?: string; now?: Date; limit?: number } = {},
): Promise<DispatchResult> {
  const owner = options.owner ?? `worker-${process.pid}-${crypto.randomUUID()}`;
  const now = options.now ?? new Date();
  const { OUTBOX_MAX_ATTEMPTS } = env();
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  const ids = await claimDue(owner, now, options.limit ?? 25);
  // One read for every claimed row, not one per row.
  const rows = await db.outboxEmail.findMany({
    where: { id: { in: ids } },
    orderBy: { nextAttemptAt: "asc" },
  });
  for (const row of rows) {
    const id = row.id;
    try {
      const messageId = await deliver({
        id: row.id,
        to: row.toEmail,
        toName: row.toName,
        subject: row.subject,
        html: row.html,
        text: row.text,
        calendar: row.calendar,
      });
      await db.outboxEmail.update({
        where: { id },
        data: {
          status: "SENT",
          sentAt: new Date(),
          messageId,
          attempts: row.attempts + 1,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          ...(REDACT_AFTER_DELIVERY.has(row.template) ? { html: REDACTED, text: REDACTED } : {}),
        },
      });
      result.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const failed = attempts >= OUTBOX_MAX_ATTEMPTS;
      await db.outboxEmail.update({
        where: { id },
        data: {
          attempts,
          status: failed ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          leaseOwner: null,
          leaseUntil: null,
        },
      });
      if (failed) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

/** An admin puts a FAILED email back in the queue. */
export async function retryEmail(id: string) {
  const { count } = await db.outboxEmail.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lastError: null },
  });
  return count === 1;
}
