/**
 * The first-response SLA. A new enquiry must get a first reply within FIRST_RESPONSE_HOURS;
 * FIRST_RESPONSE_REMINDER_HOURS before the deadline, the case's coordinator (or every
 * coordinator while it has none) is reminded. The background worker runs
 * sendFirstResponseReminders() beside the outbox. Each reminder goes out exactly once:
 * the case is claimed by a conditional update of firstResponseReminderAt in the same
 * transaction that queues the emails, so a second worker, or a second tick, finds nothing.
 * While the case waits on the patient (slaPausedAt), the clock is stopped and no reminder is due.
 */
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { noticeToStaff } from "~/models/cases/notices.server";

/** Cases whose first reply is late at `now`: shown as overdue on the board and the list. */
export function overdueWhere(now: Date): Prisma.CaseWhereInput {
  return {
    firstRespondedAt: null,
    slaPausedAt: null,
    firstResponseDueAt: { lt: now },
    stage: "ENQUIRY",
  };
}

export async function sendFirstResponseReminders(now = new Date(), limit = 100) {
  const leadMs = env().FIRST_RESPONSE_REMINDER_HOURS * 3_600_000;
  const due = await db.case.findMany({
    where: {
      stage: "ENQUIRY",
      firstRespondedAt: null,
      slaPausedAt: null,
      firstResponseReminderAt: null,
      firstResponseDueAt: { lte: new Date(now.getTime() + leadMs) },
    },
    orderBy: { firstResponseDueAt: "asc" },
    take: limit,
    select: { id: true, number: true, coordinatorId: true, firstResponseDueAt: true },
  });
  let sent = 0;
  for (const kase of due) {
    const claimed = await db.$transaction(async (tx) => {
      const { count } = await tx.case.updateMany({
        where: { id: kase.id, firstResponseReminderAt: null, firstRespondedAt: null },
        data: { firstResponseReminderAt: now },
      });
      if (count !== 1) return false;
      await noticeToStaff(tx, kase, "firstResponseReminderStaff", "coordinator", {
        dueAt: kase.firstResponseDueAt ?? now,
      });
      await tx.caseEvent.create({
        data: { caseId: kase.id, type: "SLA_REMINDER", internal: true, createdAt: now },
      });
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}
