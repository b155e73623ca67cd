/**
 * The staff inbox (issue 22): one InboxItem per thing a patient sends, written inside the
 * transaction that records it, and read/unread per member of staff (InboxRead rows).
 * The words stay on the timeline; an item points at its CaseEvent.
 */
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/infra/audit.server";
import { INBOX_VIEWS, type InboxChannel, type InboxKind, type InboxView } from "~/lib/inbox";
import { rolesWith, type Role } from "~/lib/permissions";
import { assertCan, notFound } from "~/models/auth/auth.server";

/**
 * Record that a patient sent something, inside the caller's transaction. The item starts
 * assigned to the case's coordinator when it has one (they are the one to answer), else
 * unassigned.
 */
export async function recordInboxItem(
  tx: Tx,
  input: {
    caseId: string;
    kind: InboxKind;
    eventId?: string | null;
    channel?: InboxChannel;
    createdAt?: Date;
  },
) {
  const kase = await tx.case.findUnique({
    where: { id: input.caseId },
    select: { coordinatorId: true },
  });
  return tx.inboxItem.create({
    data: {
      caseId: input.caseId,
      kind: input.kind,
      eventId: input.eventId ?? null,
      channel: input.channel ?? "PORTAL",
      assigneeId: kase?.coordinatorId ?? null,
      createdAt: input.createdAt ?? new Date(),
    },
    select: { id: true },
  });
}

/**
 * Unread items per case for one member of staff, for the cases a page shows: one grouped
 * query, whatever the number of cases (the pipeline's statement-count test holds it).
 */
export async function unreadByCase(
  userId: string,
  caseIds: readonly string[],
): Promise<Record<string, number>> {
  if (caseIds.length === 0) return {};
  const rows = await db.inboxItem.groupBy({
    by: ["caseId"],
    where: { caseId: { in: [...caseIds] }, reads: { none: { userId } } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.caseId, r._count._all]));
}

/** Everything unread for one member of staff (the navigation's count). */
export async function countUnread(userId: string): Promise<number> {
  return db.inboxItem.count({ where: { doneAt: null, reads: { none: { userId } } } });
}

/** Mark every item of a case read for one member of staff (they opened the case's thread). */
export async function markCaseRead(userId: string, caseId: string, now = new Date()) {
  const unread = await db.inboxItem.findMany({
    where: { caseId, reads: { none: { userId } } },
    select: { id: true },
  });
  if (unread.length === 0) return 0;
  // createMany skips nothing on SQLite; a second tab marking the same items is harmless because
  // each row is written on its own and a duplicate key is ignored.
  let marked = 0;
  for (const item of unread) {
    try {
      await db.inboxRead.create({ data: { itemId: item.id, userId, readAt: now } });
      marked += 1;
    } catch {
      // Already marked by another request: read is read.
    }
  }
  return marked;
}

// --- the inbox page (/staff/inbox) -------------------------------------------------------------

/** How many items a page of the inbox lists (newest first; "older" pages on from the last). */
export const INBOX_PAGE = 50;
/** A preview is the first words of the message: enough to tell items apart in the list. */
const PREVIEW_CHARS = 140;

export interface InboxReader {
  id: string;
  role: Role;
}

export interface InboxQuery {
  view: InboxView;
  unreadOnly: boolean;
  status: "open" | "done";
  /** The selected item (?item=ID), if any. */
  item: string | null;
  /** Older than this item's time: the next page. */
  before: Date | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The address bar, read leniently: anything unknown falls back to the default. */
export function parseInboxQuery(url: URL): InboxQuery {
  const p = url.searchParams;
  const view = p.get("view");
  const before = p.get("before");
  const beforeDate = before && ISO.test(before) ? new Date(before) : null;
  const item = p.get("item");
  return {
    view: (INBOX_VIEWS as readonly string[]).includes(view ?? "") ? (view as InboxView) : "mine",
    unreadOnly: p.get("unread") === "1",
    status: p.get("status") === "done" ? "done" : "open",
    item: item && /^[a-z0-9]{1,40}$/i.test(item) ? item : null,
    before: beforeDate && !Number.isNaN(beforeDate.getTime()) ? beforeDate : null,
  };
}

function inboxWhere(userId: string, q: Pick<InboxQuery, "view" | "unreadOnly" | "status">) {
  return {
    doneAt: q.status === "done" ? { not: null } : null,
    ...(q.view === "mine"
      ? { assigneeId: userId }
      : q.view === "unassigned"
        ? { assigneeId: null }
        : {}),
    ...(q.unreadOnly ? { reads: { none: { userId } } } : {}),
  } satisfies Prisma.InboxItemWhereInput;
}

/** The bodies of the events items point at, cut to a preview (one query). */
async function eventBodies(eventIds: string[]) {
  if (eventIds.length === 0) return new Map<string, string>();
  const events = await db.caseEvent.findMany({
    where: { id: { in: eventIds }, internal: false },
    select: { id: true, body: true },
  });
  return new Map(
    events
      .filter((e) => e.body)
      .map((e) => {
        const text = e.body!.replace(/\s+/g, " ").trim();
        return [e.id, text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text];
      }),
  );
}

/**
 * One page of a member of staff's inbox: the items of the chosen view, each with whether this
 * reader has read it and a preview of its words, and the open items' unread count per view.
 * The previews are patients' words: the list is audited as a read of health data.
 */
export async function listInbox(user: InboxReader, q: InboxQuery, ip: string | null) {
  assertCan(user, "inbox:read");
  const where = {
    ...inboxWhere(user.id, q),
    ...(q.before ? { createdAt: { lt: q.before } } : {}),
  };
  const rows = await db.inboxItem.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: INBOX_PAGE + 1,
    select: {
      id: true,
      kind: true,
      channel: true,
      createdAt: true,
      doneAt: true,
      eventId: true,
      assignee: { select: { id: true, name: true } },
      case: { select: { id: true, number: true, patient: { select: { name: true } } } },
      reads: { where: { userId: user.id }, select: { readAt: true } },
    },
  });
  const more = rows.length > INBOX_PAGE;
  const page = rows.slice(0, INBOX_PAGE);
  const previews = await eventBodies(page.flatMap((r) => (r.eventId ? [r.eventId] : [])));
  const unread = await Promise.all(
    INBOX_VIEWS.map((view) =>
      db.inboxItem.count({
        where: inboxWhere(user.id, { view, unreadOnly: true, status: "open" }),
      }),
    ),
  );
  await audit({
    actorId: user.id,
    action: "inbox.list",
    entity: "InboxItem",
    ip,
    outcome: "success",
    detail: `view=${q.view} status=${q.status}${q.unreadOnly ? " unread" : ""} items=${page.length}`,
  });
  return {
    items: page.map(({ reads, eventId, ...r }) => ({
      ...r,
      unread: reads.length === 0,
      preview: (eventId && previews.get(eventId)) || null,
    })),
    older: more ? page[page.length - 1]!.createdAt.toISOString() : null,
    unread: Object.fromEntries(INBOX_VIEWS.map((v, i) => [v, unread[i]!])) as Record<
      InboxView,
      number
    >,
  };
}

/** The timeline events a thread shows: what was said both ways and what the patient sent. */
const THREAD_EVENTS = [
  "MESSAGE",
  "INFO_REQUESTED",
  "DOCUMENT_UPLOADED",
  "FOLLOW_UP_COMPLETED",
  "ENQUIRY_REPEAT",
  "CONSENT_WITHDRAWN",
];
const THREAD_LENGTH = 100;

/**
 * One item with its case's thread (the last messages both ways, and what the patient sent),
 * for the inbox's right-hand pane. Opening it marks it read for this reader only. Reading the
 * thread is a read of health data: audited, and so is a look for an item that does not exist
 * (then 404).
 */
export async function openInboxItem(user: InboxReader, itemId: string, ip: string | null) {
  assertCan(user, "inbox:read");
  const item = await db.inboxItem.findUnique({
    where: { id: itemId },
    select: {
      id: true,
      kind: true,
      channel: true,
      createdAt: true,
      doneAt: true,
      eventId: true,
      assignee: { select: { id: true, name: true } },
      case: {
        select: {
          id: true,
          number: true,
          stage: true,
          patientId: true,
          patient: { select: { name: true, locale: true } },
        },
      },
    },
  });
  await audit({
    actorId: user.id,
    action: "inbox.view",
    entity: "InboxItem",
    entityId: itemId,
    caseId: item?.case.id ?? null,
    ip,
    outcome: item ? "success" : "error",
    detail: item ? null : "not found",
  });
  if (!item) notFound();
  const events = await db.caseEvent.findMany({
    where: { caseId: item.case.id, internal: false, type: { in: THREAD_EVENTS } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: THREAD_LENGTH,
    select: {
      id: true,
      type: true,
      body: true,
      reason: true,
      createdAt: true,
      fromPatient: true,
      actorId: true,
      actor: { select: { name: true } },
    },
  });
  await markItemRead(user.id, item.id);
  return {
    item,
    thread: events.reverse().map(({ actorId, ...e }) => ({
      ...e,
      fromPatient: e.fromPatient || actorId === item.case.patientId,
    })),
  };
}

async function markItemRead(userId: string, itemId: string, now = new Date()) {
  try {
    await db.inboxRead.create({ data: { itemId, userId, readAt: now } });
  } catch {
    // Read already (another tab): read is read.
  }
}

export class InboxError extends Error {
  constructor(public readonly key: "notFound" | "assignee") {
    super(`Inbox: ${key}`);
    this.name = "InboxError";
  }
}

/** Who may be given an item: active staff who can read the inbox. */
export function listInboxAssignees() {
  return db.user.findMany({
    where: { role: { in: rolesWith("inbox:read") }, active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
}

/** Hand an item to a member of staff who may read the inbox, or to nobody (null). */
export async function assignInboxItem(
  user: InboxReader,
  itemId: string,
  assigneeId: string | null,
) {
  assertCan(user, "inbox:assign");
  if (assigneeId) {
    const assignee = await db.user.findFirst({
      where: { id: assigneeId, role: { in: rolesWith("inbox:read") }, active: true },
      select: { id: true },
    });
    if (!assignee) throw new InboxError("assignee");
  }
  const { count } = await db.inboxItem.updateMany({ where: { id: itemId }, data: { assigneeId } });
  if (count !== 1) throw new InboxError("notFound");
}

/** Done (out of the open views, for everyone) or open again. */
export async function setInboxItemDone(
  user: InboxReader,
  itemId: string,
  done: boolean,
  now = new Date(),
) {
  assertCan(user, "inbox:assign");
  // Done already (another tab, another member of staff) keeps who did it and when.
  const { count } = await db.inboxItem.updateMany({
    where: { id: itemId, doneAt: done ? null : { not: null } },
    data: done ? { doneAt: now, doneById: user.id } : { doneAt: null, doneById: null },
  });
  if (
    count === 0 &&
    !(await db.inboxItem.findUnique({ where: { id: itemId }, select: { id: true } }))
  ) {
    throw new InboxError("notFound");
  }
}

/** Unread again, for this reader only. */
export async function markInboxItemUnread(user: InboxReader, itemId: string) {
  assertCan(user, "inbox:read");
  const item = await db.inboxItem.findUnique({ where: { id: itemId }, select: { id: true } });
  if (!item) throw new InboxError("notFound");
  await db.inboxRead.deleteMany({ where: { itemId, userId: user.id } });
}

/** The case an item belongs to (the reply goes to that case's patient). */
export async function caseOfInboxItem(itemId: string) {
  const item = await db.inboxItem.findUnique({ where: { id: itemId }, select: { caseId: true } });
  if (!item) throw new InboxError("notFound");
  return item.caseId;
}

/**
 * What the live poll compares: this reader's open unread items and the newest of them. One
 * aggregate over the (doneAt, createdAt) index with the reads' primary key; it changes when
 * something arrives and when this reader reads something, on any instance sharing the database.
 */
export async function inboxChanges(userId: string) {
  const r = await db.inboxItem.aggregate({
    where: { doneAt: null, reads: { none: { userId } } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return { unread: r._count._all, latest: r._max.createdAt?.toISOString() ?? null };
}
