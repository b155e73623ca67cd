/**
 * Which channels reach a person (issue 24): email always; WhatsApp and SMS when they opted in
 * (a Consent of that channel's purpose, not withdrawn) and proved they hold the number
 * (User.phoneVerifiedAt). notifyPatientChannels() is called beside every patient email
 * (noticeToPatient, the stage-change email), in the same transaction.
 */
import type { Tx } from "~/db.server";
import {
  CHANNEL_CONSENT_PURPOSE,
  CHANNELS,
  WHATSAPP_WINDOW_MS,
  type Channel,
  type MessageParams,
  type MessageTemplate,
} from "~/lib/message-templates";
import { enqueueMessage } from "~/infra/messages.server";

export interface Reach {
  channel: Channel;
  phone: string;
  /** WhatsApp only: inside the 24-hour window free text may be sent. */
  windowOpen: boolean;
}

/**
 * What of a person decides their reach: select it inside a larger query (the staff case page
 * reads it with the case, in its one query) and pass it to reachOf().
 */
export const REACH_SELECT = {
  phone: true,
  phoneVerifiedAt: true,
  whatsappLastInboundAt: true,
  erasedAt: true,
  consents: {
    where: {
      purpose: { in: CHANNELS.map((c) => CHANNEL_CONSENT_PURPOSE[c]) },
      withdrawnAt: null,
    },
    select: { purpose: true },
  },
} as const;

export interface ReachFacts {
  phone: string | null;
  phoneVerifiedAt: Date | null;
  whatsappLastInboundAt: Date | null;
  erasedAt: Date | null;
  consents: { purpose: string }[];
}

/** Each channel the person opted in to, and whether it reaches them now (number proved). */
export function reachOf(
  user: ReachFacts,
  now = new Date(),
): { channel: Channel; proved: boolean; reach: Reach | null }[] {
  if (user.erasedAt) return [];
  const granted = new Set(user.consents.map((c) => c.purpose));
  return CHANNELS.filter((c) => granted.has(CHANNEL_CONSENT_PURPOSE[c])).map((channel) => {
    const proved = Boolean(user.phone && user.phoneVerifiedAt);
    return {
      channel,
      proved,
      reach: proved
        ? {
            channel,
            phone: user.phone!,
            windowOpen:
              channel === "WHATSAPP" &&
              !!user.whatsappLastInboundAt &&
              now.getTime() - user.whatsappLastInboundAt.getTime() < WHATSAPP_WINDOW_MS,
          }
        : null,
    };
  });
}

/** The channels besides email that reach this person now (opted in, number verified). */
export async function channelsFor(tx: Tx, userId: string, now = new Date()): Promise<Reach[]> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: REACH_SELECT });
  return user ? reachOf(user, now).flatMap((r) => (r.reach ? [r.reach] : [])) : [];
}

/**
 * Queues `template` on every channel that reaches the case's patient, in the case's language,
 * in the caller's transaction. `params` is worked out for the patient's language and zone.
 * `event` names the cause, so each channel gets one message per event.
 */
export async function notifyPatientChannels<T extends MessageTemplate>(
  tx: Tx,
  caseId: string,
  template: T,
  params: (locale: string, timeZone: string) => MessageParams<T>,
  event: string,
  now = new Date(),
) {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { language: true, patientId: true, patient: { select: { timeZone: true } } },
  });
  const reach = await channelsFor(tx, kase.patientId, now);
  const ids: string[] = [];
  for (const r of reach) {
    const row = await enqueueMessage(tx, {
      channel: r.channel,
      toPhone: r.phone,
      locale: kase.language,
      template,
      params: params(kase.language, kase.patient.timeZone),
      caseId,
      userId: kase.patientId,
      kind: r.windowOpen ? "TEXT" : "TEMPLATE",
      dedupeKey: `${event}:${r.channel}`,
    });
    if (row) ids.push(row.id);
  }
  return ids;
}
