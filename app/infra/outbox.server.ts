/**
 * The transactional outbox. enqueueEmail() is called inside the transaction of the change
 * that causes the email, so the email exists exactly when the change does. dispatchDue()
 * delivers what is due: each row is claimed with a lease by a conditional update, so two
 * workers (or two app instances) never send the same row at once. A failed delivery is
 * retried with exponential backoff; after OUTBOX_MAX_ATTEMPTS the row is FAILED, which
 * admins see on the outbox page and can retry.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { renderEmail, type TemplateData, type TemplateName } from "../../emails";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { SECRET_LINK } from "~/lib/secret-link";
import { audit } from "~/infra/audit.server";
import { deliver, mailDir } from "~/infra/mailer.server";

export { SECRET_LINK };
export const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED"] as const;
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

// --- credentials in emails -------------------------------------------------------------
// A sign-in or confirmation link is a credential. The stored email holds SECRET_LINK in its
// place, and the link itself is kept encrypted in `secret` until the message is handed to
// SMTP; then it is emptied. Staff screens, the database's html/text and .eml copies never
// hold a usable link.

function secretKey(): Buffer {
  return Buffer.from(
    crypto.hkdfSync("sha256", env().DOCUMENT_KEY, Buffer.alloc(0), "outbox-secret-link", 32),
  );
}

export function sealSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", secretKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function openSecret(sealed: string): string {
  const data = Buffer.from(sealed, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", secretKey(), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
}

/**
 * The mark of the one fan-out of staff notices (app/models/notifications/notify.server.ts),
 * which reads each recipient's choice of email, in-app or both. A case email to staff (a
 * staff notice, a stage change for a staff audience) without it is refused, so no staff
 * email can skip the recipient's choice; only the fan-out imports it (tests/notifications.test.ts).
 */
export const FAN_OUT: unique symbol = Symbol("staff notification fan-out");

/** A case email written for staff: it goes out only through the fan-out. */
export function isStaffCaseEmail(template: TemplateName, data: unknown): boolean {
  const audience = (data as { audience?: unknown } | null)?.audience;
  if (template === "notice") return audience === "staff";
  if (template === "stage-change") return audience !== "patient";
  return false;
}

export interface EnqueueInput<N extends TemplateName> {
  to: { email: string; name?: string | null; locale: string };
  template: N;
  data: TemplateData[N];
  caseId?: string | null;
  /** An iCalendar invite to send with it (METHOD:REQUEST or METHOD:CANCEL). */
  calendar?: string | null;
  /**
   * A credential link. The template's data must carry SECRET_LINK where the link goes; the
   * link itself is stored encrypted and put in only at delivery.
   */
  secretLink?: string;
  /** Set by the staff notice fan-out only (FAN_OUT). */
  via?: typeof FAN_OUT;
}

function rendered<N extends TemplateName>(input: EnqueueInput<N>) {
  if (input.via !== FAN_OUT && isStaffCaseEmail(input.template, input.data)) {
    throw new Error(`${input.template}: a staff notice goes out through notifyStaff()`);
  }
  const content = renderEmail(input.template, input.to.locale, input.data);
  if (input.secretLink !== undefined && !content.text.includes(SECRET_LINK)) {
    throw new Error(`${input.template}: a secret link needs SECRET_LINK in the template data`);
  }
  if (input.secretLink === undefined && /[?&]token=/.test(content.text)) {
    throw new Error(`${input.template}: a token in a stored email; pass it as secretLink`);
  }
  return {
    caseId: input.caseId ?? null,
    toEmail: input.to.email,
    toName: input.to.name ?? null,
    locale: input.to.locale,
    template: input.template,
    calendar: input.calendar ?? null,
    secret: input.secretLink === undefined ? null : sealSecret(input.secretLink),
    ...content,
  };
}

export async function enqueueEmail<N extends TemplateName>(tx: Tx, input: EnqueueInput<N>) {
  return tx.outboxEmail.create({ data: rendered(input), select: { id: true } });
}

// --- batches: one email for changes made together (issue 22) ----------------------------------
// A batched email waits batchQuietMs() after the last change of its batch. While no worker
// has claimed it (PENDING, no lease, never tried), the next change of the batch rewrites it
// with a summary of the whole batch and pushes it out again. The rewrite is a conditional
// update on exactly that state, and a worker's claim is a conditional update too (claimDue):
// whichever commits first wins. If the claim won, the caller starts a new batch.

/**
 * How long a batch waits for another change before its one email goes out: two minutes
 * (OUTBOX_BATCH_QUIET_MS; the browser tests shorten it so their mailbox fills at once).
 */
export const batchQuietMs = () => env().OUTBOX_BATCH_QUIET_MS;

/** The batch still open under `key`: its PENDING row that no worker has touched, if any. */
export function openBatch(tx: Tx, key: string) {
  return tx.outboxEmail.findFirst({
    where: { batchKey: key, status: "PENDING", leaseUntil: null, attempts: 0 },
    orderBy: { createdAt: "desc" },
    select: { id: true, calendar: true },
  });
}

export interface BatchTarget {
  key: string;
  /** The open batch's row to rewrite (from openBatch), or null to start a batch. */
  replace: string | null;
  now?: Date;
}

/**
 * Queues the batch's email: rewrites the open row (`replace`) with this content, or starts a
 * batch. Null when the row was claimed meanwhile: the caller builds a new batch and calls
 * again with `replace: null`.
 */
export async function enqueueBatched<N extends TemplateName>(
  tx: Tx,
  input: EnqueueInput<N>,
  batch: BatchTarget,
): Promise<{ id: string } | null> {
  const data = rendered(input);
  const nextAttemptAt = new Date((batch.now ?? new Date()).getTime() + batchQuietMs());
  if (batch.replace) {
    const { count } = await tx.outboxEmail.updateMany({
      where: {
        id: batch.replace,
        batchKey: batch.key,
        status: "PENDING",
        leaseUntil: null,
        attempts: 0,
      },
      data: { ...data, nextAttemptAt },
    });
    return count === 1 ? { id: batch.replace } : null;
  }
  return tx.outboxEmail.create({
    data: { ...data, batchKey: batch.key, nextAttemptAt },
    select: { id: true },
  });
}

export function backoffMs(attempts: number, baseMs = env().OUTBOX_BACKOFF_MS): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

// --- what both outbox tables (emails here, WhatsApp and SMS in messages.server.ts) share ----

/** The rows due at `now` that nobody holds a live lease on: the query to find candidates. */
export function dueCandidates(now: Date, limit: number) {
  return {
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" as const },
    take: limit,
    select: { id: true, leaseUntil: true },
  };
}

/**
 * The conditional update that claims one candidate for `owner`: it matches only if the row
 * is still PENDING, still has the lease it was read with, and is still due (a batch pushed
 * out since it was read waits for its quiet period). Whoever commits first wins.
 */
export function claimLease(row: { id: string; leaseUntil: Date | null }, owner: string, now: Date) {
  return {
    where: {
      id: row.id,
      status: "PENDING",
      leaseUntil: row.leaseUntil,
      nextAttemptAt: { lte: now },
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  };
}

/**
 * A row's next state after a failed attempt: retried after backoffMs(attempts), or FAILED once
 * OUTBOX_MAX_ATTEMPTS are spent, when the credential it holds is dropped.
 */
export function afterFailedAttempt(attempts: number, error: unknown) {
  const failed = attempts >= env().OUTBOX_MAX_ATTEMPTS;
  return {
    failed,
    data: {
      attempts,
      status: failed ? "FAILED" : "PENDING",
      nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
      lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
      leaseOwner: null,
      leaseUntil: null,
      ...(failed ? { secret: null } : {}),
    },
  };
}

/** An admin's retry of a FAILED row: due now, with a fresh count of attempts. */
export const RETRY_FAILED = {
  status: "PENDING",
  attempts: 0,
  lastError: null,
} as const;

/** Claims up to `limit` due rows for `owner`. A row is claimed only if nobody holds a live lease. */
async function claimDue(owner: string, now: Date, limit: number): Promise<string[]> {
  const candidates = await db.outboxEmail.findMany(dueCandidates(now, limit));
  const claimed: string[] = [];
  for (const row of candidates) {
    const { count } = await db.outboxEmail.updateMany(claimLease(row, owner, now));
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
      const needsSecret = row.text.includes(SECRET_LINK) || row.html.includes(SECRET_LINK);
      if (needsSecret && !row.secret) {
        // The link was emptied (delivered or given up on before): it cannot be sent again.
        await db.outboxEmail.update({
          where: { id },
          data: {
            status: "FAILED",
            lastError: "The single-use link in this email is no longer held; ask for a new one.",
            leaseOwner: null,
            leaseUntil: null,
          },
        });
        result.failed++;
        continue;
      }
      const messageId = await deliver({
        id: row.id,
        to: row.toEmail,
        toName: row.toName,
        subject: row.subject,
        html: row.html,
        text: row.text,
        calendar: row.calendar,
        secretLink: row.secret ? openSecret(row.secret) : null,
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
          secret: null,
        },
      });
      result.sent++;
    } catch (error) {
      const { failed, data } = afterFailedAttempt(row.attempts + 1, error);
      await db.outboxEmail.update({ where: { id }, data });
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
    data: { ...RETRY_FAILED, nextAttemptAt: new Date() },
  });
  return count === 1;
}

// --- the admins' view ---------------------------------------------------------------------
// Emails hold personal data (names, addresses, case numbers), so every read is audited. No
// stored email holds a credential (see SECRET_LINK above), so none can be used from here.

export const OUTBOX_PAGE_SIZE = 100;

export async function listOutbox(
  actor: { id: string; ip?: string | null },
  filter: (typeof OUTBOX_STATUSES)[number] | null,
  page = 1,
) {
  const [emails, grouped] = await Promise.all([
    db.outboxEmail.findMany({
      where: filter ? { status: filter } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        toEmail: true,
        subject: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        case: { select: { number: true } },
      },
    }),
    db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  await audit({
    actorId: actor.id,
    action: "outbox.list",
    entity: "OutboxEmail",
    ip: actor.ip,
    outcome: "success",
    detail: `${filter ?? "all"}, page ${page}: ${emails.length} shown`,
  });
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0]));
  for (const g of grouped) counts[g.status] = g._count._all;
  const total = filter ? (counts[filter] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  return { emails, counts, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)) };
}

export async function readOutboxEmail(
  actor: { id: string; ip?: string | null },
  id: string,
  detail?: string,
) {
  const email = await db.outboxEmail.findUnique({
    where: { id },
    select: {
      id: true,
      caseId: true,
      toEmail: true,
      toName: true,
      subject: true,
      html: true,
      text: true,
      calendar: true,
      status: true,
      locale: true,
      createdAt: true,
      sentAt: true,
    },
  });
  await audit({
    actorId: actor.id,
    action: "outbox.read",
    entity: "OutboxEmail",
    entityId: id.slice(0, 64),
    caseId: email?.caseId ?? null,
    ip: actor.ip,
    outcome: email ? "success" : "refused",
    detail: detail ?? null,
  });
  return email;
}

/**
 * One email for the admin's page, as its reader sees it: the headers it was sent with, its
 * HTML and plain-text parts as stored (any credential link already a placeholder, see
 * SECRET_LINK), and whether an invite went with it. With `raw`, the .eml the file transport
 * wrote as well (null when it went by SMTP or is not sent yet). The id is a cuid from our own
 * table, so the path cannot escape the mail folder. Null when there is no such email. Each
 * read is audited, the raw one marked so.
 */
export async function readOutboxMessage(
  actor: { id: string; ip?: string | null },
  id: string,
  options: { raw?: boolean } = {},
) {
  const email = await readOutboxEmail(actor, id, options.raw ? "raw" : undefined);
  if (!email) return null;
  const file = path.join(mailDir(), `${email.id}.eml`);
  const raw = options.raw ? await fs.readFile(file, "utf8").catch(() => null) : null;
  const hasRaw =
    raw !== null ||
    (await fs.access(file).then(
      () => true,
      () => false,
    ));
  return {
    email,
    from: env().MAIL_FROM,
    // The date it went out with, or, while it waits, when it was queued.
    date: email.sentAt ?? email.createdAt,
    raw,
    hasRaw,
  };
}

/** Emails that failed after every retry: an alert on every staff page for admins. */
export function countFailedEmails() {
  return db.outboxEmail.count({ where: { status: "FAILED" } });
}
