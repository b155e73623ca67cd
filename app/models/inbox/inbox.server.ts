/**
 * The staff inbox (issue 22): one InboxItem per thing a patient sends, written inside the
 * transaction that records it, and read/unread per member of staff (InboxRead rows).
 * The words stay on the timeline; an item points at its CaseEvent.
 */
import { db, type Tx } from "~/db.server";
import type { InboxChannel, InboxKind } from "~/lib/inbox";

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
