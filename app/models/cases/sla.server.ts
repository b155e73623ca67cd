/**
 * The first-response SLA. A new enquiry must get a first reply within FIRST_RESPONSE_HOURS;
 * FIRST_RESPONSE_REMINDER_HOURS before the deadline, the case's coordinator (or every
 * coordinator while it has none) is reminded. The background worker runs
 * sendFirstResponseReminders() beside the outbox. Each reminder goes out exactly once:
 * the case is claimed by a conditional update of firstResponseReminderAt in the same
 * transaction that queues the emails, so a second worker, or a second tick, finds nothing.
 * While the case waits on the patient (slaPausedAt), the clock is stopped and no reminder is due.
 * A coordinator who turned it on in their notification settings, with a proved number, also
 * gets the reminder on WhatsApp (issue 24), queued in the same transaction as the email.
 */
import type { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { noticeToStaff, staffFor } from "~/models/cases/notices.server";
import { enqueueMessage } from "~/infra/messages.server";
import { WHATSAPP_WINDOW_MS } from "~/lib/message-templates";

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
      const reminded = await staffFor(tx, kase, "coordinator");
      await remindOnWhatsapp(
        tx,
        kase,
        reminded.map((p) => p.id),
        now,
      );
      await tx.caseEvent.create({
        data: { caseId: kase.id, type: "SLA_REMINDER", internal: true, createdAt: now },
      });
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}

/**
 * The reminder on WhatsApp for each reminded coordinator who turned it on (User.staffWhatsapp)
 * and proved their number: the case number and the staff link only. Keyed by the case, the
 * person and the deadline, so one reminder is one message even if the claim above were
 * ever made twice.
 */
async function remindOnWhatsapp(
  tx: Tx,
  kase: { id: string; number: string; firstResponseDueAt: Date | null },
  userIds: string[],
  now: Date,
) {
  const people = await tx.user.findMany({
    where: {
      id: { in: userIds },
      active: true,
      staffWhatsapp: true,
      phone: { not: null },
      phoneVerifiedAt: { not: null },
    },
    select: { id: true, phone: true, locale: true, whatsappLastInboundAt: true },
  });
  const link = `${env().APP_URL.replace(/\/$/, "")}/staff/cases/${kase.id}`;
  for (const person of people) {
    const windowOpen =
      !!person.whatsappLastInboundAt &&
      now.getTime() - person.whatsappLastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
    await enqueueMessage(tx, {
      channel: "WHATSAPP",
      toPhone: person.phone!,
      locale: person.locale,
      template: "staff_first_reply",
      params: { caseNumber: kase.number, link },
      caseId: kase.id,
      userId: person.id,
      kind: windowOpen ? "TEXT" : "TEMPLATE",
      dedupeKey: `first-reply:${kase.id}:${person.id}:${(kase.firstResponseDueAt ?? now).getTime()}`,
    });
  }
}
