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
 * Record that a patient sent something, inside the caller's transaction. The item joins its
 * case's conversation: assigned to whoever handles the conversation's open items, else to the
 * case's coordinator when it has one (they are the one to answer), else unassigned.
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
  // A conversation has one assignee: a new item joins whoever handles its open items.
  const open = await tx.inboxItem.findFirst({
    where: { caseId: input.caseId, doneAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { assigneeId: true },
  });
  const kase = open
    ? null
    : await tx.case.findUnique({ where: { id: input.caseId }, select: { coordinatorId: true } });
  return tx.inboxItem.create({
    data: {
      caseId: input.caseId,
      kind: input.kind,
      eventId: input.eventId ?? null,
      channel: input.channel ?? "PORTAL",
      assigneeId: open ? open.assigneeId : (kase?.coordinatorId ?? null),
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
    // A conversation is open while any of its items is: "done" lists only finished ones.
    ...(q.status === "done"
      ? { doneAt: { not: null }, case: { inboxItems: { none: { doneAt: null } } } }
      : { doneAt: null }),
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

const LIST_SELECT = {
  id: true,
  caseId: true,
  kind: true,
  channel: true,
  createdAt: true,
  doneAt: true,
  eventId: true,
  assignee: { select: { id: true, name: true } },
  case: { select: { id: true, number: true, patient: { select: { name: true } } } },
} satisfies Prisma.InboxItemSelect;

/**
 * One page of a member of staff's inbox, one row per conversation (a case's items), newest
 * conversation first: its newest item, how many items it holds in this view and how many of
 * them this reader has not read, and a preview of the newest words. The unread counts per view
 * are the open items this reader has not read. The previews are patients' words: the list is
 * audited as a read of health data.
 */
export async function listInbox(user: InboxReader, q: InboxQuery, ip: string | null) {
  assertCan(user, "inbox:read");
  const where = inboxWhere(user.id, q);
  // The conversations of the page: grouped by case, ordered by their newest matching item.
  const groups = await db.inboxItem.groupBy({
    by: ["caseId"],
    where,
    _max: { createdAt: true },
    ...(q.before ? { having: { createdAt: { _max: { lt: q.before } } } } : {}),
    orderBy: [{ _max: { createdAt: "desc" } }, { caseId: "desc" }],
    take: INBOX_PAGE + 1,
  });
  const more = groups.length > INBOX_PAGE;
  const cases = groups.slice(0, INBOX_PAGE);
  // Every item of those conversations in this view (unread or not): one query.
  const items = cases.length
    ? await db.inboxItem.findMany({
        where: {
          ...inboxWhere(user.id, { ...q, unreadOnly: false }),
          caseId: { in: cases.map((c) => c.caseId) },
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { ...LIST_SELECT, reads: { where: { userId: user.id }, select: { readAt: true } } },
      })
    : [];
  const byCase = new Map<string, typeof items>();
  for (const item of items) {
    const list = byCase.get(item.caseId);
    if (list) list.push(item);
    else byCase.set(item.caseId, [item]);
  }
  const rows = cases.flatMap((c) => {
    const list = byCase.get(c.caseId);
    if (!list?.length) return [];
    const { reads, eventId, caseId: _caseId, ...newest } = list[0]!;
    const unreadItems = list.filter((i) => i.reads.length === 0).length;
    return [
      {
        ...newest,
        eventId,
        unread: reads.length === 0 || unreadItems > 0,
        count: list.length,
        unreadItems,
      },
    ];
  });
  const previews = await eventBodies(rows.flatMap((r) => (r.eventId ? [r.eventId] : [])));
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
    detail: `view=${q.view} status=${q.status}${q.unreadOnly ? " unread" : ""} items=${rows.length}`,
  });
  return {
    items: rows.map(({ eventId, ...r }) => ({
      ...r,
      preview: (eventId && previews.get(eventId)) || null,
    })),
    older: more ? cases[cases.length - 1]!._max.createdAt!.toISOString() : null,
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
  "ATTACHMENT_REFUSED",
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
  // Every event an inbox item points at came from the patient, whoever recorded it (an
  // enquiry repeated through the website form has no actor): it sits on the patient's side.
  const sent = await db.inboxItem.findMany({
    where: { caseId: item.case.id, eventId: { not: null } },
    select: { eventId: true },
  });
  const fromInbox = new Set(sent.map((s) => s.eventId));
  // Opening a conversation reads all of it, for this reader only.
  await markCaseRead(user.id, item.case.id);
  return {
    item,
    thread: events.reverse().map(({ actorId, ...e }) => ({
      ...e,
      fromPatient: e.fromPatient || actorId === item.case.patientId || fromInbox.has(e.id),
    })),
  };
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

/**
 * Hand an item's conversation (the item and every open item of its case) to a member of staff
 * who may read the inbox, or to nobody (null).
 */
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
  const item = await db.inboxItem.findUnique({ where: { id: itemId }, select: { caseId: true } });
  if (!item) throw new InboxError("notFound");
  // The conversation has one assignee: this item and every open item of its case.
  await db.inboxItem.updateMany({
    where: { caseId: item.caseId, OR: [{ id: itemId }, { doneAt: null }] },
    data: { assigneeId },
  });
}

/** A conversation done (out of the open views, for everyone) or open again. */
export async function setInboxItemDone(
  user: InboxReader,
  itemId: string,
  done: boolean,
  now = new Date(),
) {
  assertCan(user, "inbox:assign");
  const item = await db.inboxItem.findUnique({ where: { id: itemId }, select: { caseId: true } });
  if (!item) throw new InboxError("notFound");
  // Done closes every open item of the conversation; open again reopens this one item, which
  // is enough to put the conversation back in the open views. Done already (another tab,
  // another member of staff) keeps who did it and when.
  await db.inboxItem.updateMany({
    where: done ? { caseId: item.caseId, doneAt: null } : { id: itemId, doneAt: { not: null } },
    data: done ? { doneAt: now, doneById: user.id } : { doneAt: null, doneById: null },
  });
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
