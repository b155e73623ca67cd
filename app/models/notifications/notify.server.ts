/**
 * The one fan-out of staff notices (issue 22, item 8). Every case email to staff comes here:
 * for each recipient it reads their choice for the kind (email, in-app or both; no row means
 * both) and, in the caller's transaction, queues the email and/or writes the Notification the
 * bell shows. The email is the one it always was; the notification carries only what the
 * email's subject says (the case number, the times it names).
 *
 * enqueueEmail() refuses a staff case email that does not carry FAN_OUT, which only this
 * module passes (app/infra/outbox.server.ts).
 */
import type { Tx } from "~/db.server";
import { enqueueEmail, FAN_OUT } from "~/infra/outbox.server";
import {
  CHANNELS,
  DEFAULT_CHANNEL,
  type Channel,
  type NotificationKind,
  type NotificationParams,
} from "~/lib/notification-kinds";
import type { TemplateData } from "../../../emails";

export interface StaffRecipient {
  id: string;
  email: string;
  name: string;
  locale: string;
}

type StaffTemplate = "notice" | "stage-change";

export interface StaffEmail<N extends StaffTemplate> {
  template: N;
  data: TemplateData[N];
  calendar?: string | null;
}

export interface FanOut<N extends StaffTemplate> {
  kind: NotificationKind;
  caseId: string;
  recipients: readonly StaffRecipient[];
  params: NotificationParams;
  /** The email as this recipient gets it (their name, their language, their zone's times). */
  email: (person: StaffRecipient) => StaffEmail<N>;
}

const channelOf = (value: string | undefined): Channel =>
  (CHANNELS as readonly string[]).includes(value ?? "") ? (value as Channel) : DEFAULT_CHANNEL;

export const wantsEmail = (c: Channel) => c === "EMAIL" || c === "BOTH";
export const wantsInApp = (c: Channel) => c === "IN_APP" || c === "BOTH";

/** Each recipient hears once, by the channels they chose. Returns the emails' outbox ids. */
export async function notifyStaff<N extends StaffTemplate>(
  tx: Tx,
  input: FanOut<N>,
): Promise<{ emails: string[]; notifications: number }> {
  const seen = new Set<string>();
  const people = input.recipients.filter((p) => !seen.has(p.id) && seen.add(p.id));
  if (people.length === 0) return { emails: [], notifications: 0 };
  const prefs = await tx.notificationPreference.findMany({
    where: { kind: input.kind, userId: { in: people.map((p) => p.id) } },
    select: { userId: true, channel: true },
  });
  const chosen = new Map(prefs.map((p) => [p.userId, channelOf(p.channel)]));
  const params = JSON.stringify(input.params);
  const emails: string[] = [];
  const inApp: string[] = [];
  for (const person of people) {
    const channel = chosen.get(person.id) ?? DEFAULT_CHANNEL;
    if (wantsEmail(channel)) {
      const mail = input.email(person);
      const row = await enqueueEmail(tx, {
        caseId: input.caseId,
        to: { email: person.email, name: person.name, locale: person.locale },
        template: mail.template,
        data: mail.data,
        calendar: mail.calendar ?? null,
        via: FAN_OUT,
      });
      emails.push(row.id);
    }
    if (wantsInApp(channel)) inApp.push(person.id);
  }
  if (inApp.length) {
    await tx.notification.createMany({
      data: inApp.map((userId) => ({ userId, kind: input.kind, caseId: input.caseId, params })),
    });
  }
  return { emails, notifications: inApp.length };
}
