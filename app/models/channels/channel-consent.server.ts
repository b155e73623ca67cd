/**
 * The patient's own choice of messages on their phone (issue 24), from the portal's settings:
 * each channel turned on (a new Consent of that channel's purpose, with its wording version,
 * language, time and address, as the enquiry's opt-in writes it) or off (the consent's
 * withdrawnAt), and the code that proves the number sent and typed back.
 *
 * Everything is scoped by the signed-in patient's own id: no form names a person. Each change
 * of consent is audited (actor, channel, outcome), and each action spends its form's key in
 * the transaction that writes, so a form sent twice is done once.
 */
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import {
  CHANNEL_CONSENT_PURPOSE,
  CHANNEL_CONSENT_VERSION,
  CHANNELS,
  type Channel,
} from "~/lib/message-templates";
import {
  confirmPhoneVerification,
  startPhoneVerification,
  type ConfirmResult,
  type StartResult,
} from "~/models/channels/phone.server";

/** What the settings page shows: the number, whether it is proved, each channel's consent. */
export async function channelSettings(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      phone: true,
      phoneVerifiedAt: true,
      consents: {
        where: {
          purpose: { in: CHANNELS.map((c) => CHANNEL_CONSENT_PURPOSE[c]) },
          withdrawnAt: null,
        },
        orderBy: { grantedAt: "asc" },
        select: { purpose: true, grantedAt: true },
      },
    },
  });
  return {
    phone: user.phone,
    phoneVerifiedAt: user.phoneVerifiedAt,
    channels: CHANNELS.map((channel) => ({
      channel,
      // The earliest consent still in force: on since then.
      since:
        user.consents.find((c) => c.purpose === CHANNEL_CONSENT_PURPOSE[channel])?.grantedAt ??
        null,
    })),
  };
}

export interface ChannelMeta {
  ip: string | null;
  /** The language the page (and so the opt-in wording) was read in. */
  locale: string;
  key: SentForm;
}

/**
 * Turns a channel on or off for the patient. Asked for the state it is in already (a second
 * press, the Back button), it changes nothing, audits nothing and spends no key: the answer is
 * the same. Returns whether it changed.
 */
export async function setChannelConsent(
  userId: string,
  channel: Channel,
  on: boolean,
  meta: ChannelMeta,
  now = new Date(),
): Promise<boolean> {
  const purpose = CHANNEL_CONSENT_PURPOSE[channel];
  return db.$transaction(async (tx) => {
    const active = await tx.consent.findFirst({
      where: { userId, purpose, withdrawnAt: null },
      select: { id: true },
    });
    if (Boolean(active) === on) return false;
    // On, off and on again are each a deliberate act: the consent's own state (above) refuses
    // an accidental second press, the key a replay of the same page.
    await spendFormKey(tx, meta.key, userId, { repeats: "allowed", now: now.getTime() });
    let entityId: string | null = active?.id ?? null;
    if (on) {
      const row = await tx.consent.create({
        data: {
          userId,
          purpose,
          version: CHANNEL_CONSENT_VERSION,
          locale: meta.locale,
          ip: meta.ip,
          grantedAt: now,
        },
        select: { id: true },
      });
      entityId = row.id;
    } else {
      // Every consent of the channel still in force (an enquiry and the portal may both have
      // written one) is withdrawn.
      await tx.consent.updateMany({
        where: { userId, purpose, withdrawnAt: null },
        data: { withdrawnAt: now },
      });
    }
    await audit(
      {
        actorId: userId,
        action: on ? "consent.channel_on" : "consent.channel_off",
        entity: "Consent",
        entityId,
        ip: meta.ip,
        outcome: "success",
        detail: on ? `${channel} ${CHANNEL_CONSENT_VERSION}` : channel,
      },
      tx,
    );
    return true;
  });
}

/** A new code is not sent within this long of the last one: the one on its way will do. */
export const RESEND_SECONDS = 60;

/**
 * "Send me a code": once per form (its key), to the patient's saved number. A press within
 * RESEND_SECONDS of the last code (a second tab, the Back button) sends none ("wait"): codes
 * are limited per hour, and a burst would spend them.
 */
export async function sendPhoneCode(
  userId: string,
  channel: Channel,
  key: SentForm,
  now = new Date(),
): Promise<StartResult | { ok: false; error: "wait" }> {
  const recent = await db.phoneVerification.findFirst({
    where: { userId, createdAt: { gt: new Date(now.getTime() - RESEND_SECONDS * 1000) } },
    select: { id: true },
  });
  if (recent) return { ok: false, error: "wait" };
  return startPhoneVerification(userId, channel, now, key);
}

/** The code typed back (digits already normalised by the form): once per form (its key). */
export function checkPhoneCode(
  userId: string,
  code: string,
  key: SentForm,
  now = new Date(),
): Promise<ConfirmResult> {
  return confirmPhoneVerification(userId, code, now, key);
}
