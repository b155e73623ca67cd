/**
 * Notices about a case that are not stage changes (emails/notice.tsx): to the case's
 * coordinator, or every coordinator while it has none, in each person's own language.
 * Called inside the transaction of the change that causes them.
 */
import type { Tx } from "~/db.server";
import { env } from "~/env.server";
import type { NoticeData } from "../../emails/notice";
import { enqueueEmail } from "./outbox.server";

export async function noticeToCoordinators(
  tx: Tx,
  kase: { id: string; number: string; coordinatorId: string | null },
  notice: NoticeData["notice"],
) {
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const staff = await tx.user.findMany({
    where: kase.coordinatorId
      ? { id: kase.coordinatorId, active: true }
      : { role: "COORDINATOR", active: true },
    select: { email: true, name: true, locale: true },
  });
  for (const person of staff) {
    await enqueueEmail(tx, {
      caseId: kase.id,
      to: person,
      template: "notice",
      data: {
        notice,
        audience: "staff",
        caseNumber: kase.number,
        recipientName: person.name,
        link: `${appUrl}/staff/cases/${kase.id}`,
      },
    });
  }
}
