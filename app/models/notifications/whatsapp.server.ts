/**
 * A member of staff's WhatsApp (issue 24, section 6): their number, proved with a code, and
 * the choice to get the first-reply reminder there (User.staffWhatsapp, sent by
 * sendFirstResponseReminders). Only one's own: every function takes the signed-in user's id.
 * The toggle can be on only while the number is proved; a changed number is unproved again
 * and turns it off.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { db } from "~/db.server";
import type { SentForm } from "~/infra/forms.server";
import { toE164 } from "~/lib/phone";
import { checkPhoneCode, sendPhoneCode } from "~/models/channels/channel-consent.server";

export interface StaffWhatsapp {
  /** As typed in the form: the national number and its country. */
  values: { phone: string; phoneCountry: string; enabled: boolean };
  hasPhone: boolean;
  proved: boolean;
  /** A code was sent to the current number and can still be typed. */
  codePending: boolean;
}

export async function staffWhatsappOf(userId: string, now = new Date()): Promise<StaffWhatsapp> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { phone: true, phoneVerifiedAt: true, staffWhatsapp: true, country: true },
  });
  const parsed = user.phone ? parsePhoneNumberFromString(user.phone) : undefined;
  const pending = user.phone
    ? await db.phoneVerification.count({
        where: { userId, phone: user.phone, usedAt: null, expiresAt: { gt: now } },
      })
    : 0;
  return {
    values: {
      phone: parsed ? parsed.formatNational() : (user.phone ?? ""),
      phoneCountry: parsed?.country ?? user.country ?? "",
      enabled: user.staffWhatsapp && Boolean(user.phoneVerifiedAt),
    },
    hasPhone: Boolean(user.phone),
    proved: Boolean(user.phone && user.phoneVerifiedAt),
    codePending: pending > 0 && !user.phoneVerifiedAt,
  };
}

/**
 * Saves one's number in E.164; false when it is not valid for its country. A different
 * number is unproved, and the reminder on WhatsApp goes off until it is proved.
 */
export async function saveStaffPhone(
  userId: string,
  input: { phone: string; phoneCountry: string },
): Promise<boolean> {
  const phone = toE164(input.phone, input.phoneCountry);
  if (!phone) return false;
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { phone: true },
    });
    if (before.phone === phone) return;
    await tx.user.update({
      where: { id: userId },
      data: { phone, phoneVerifiedAt: null, staffWhatsapp: false },
    });
  });
  return true;
}

/**
 * A code to one's number by WhatsApp, once per form (its key is spent with it); none within a
 * minute of the last one ("wait"), as on the patient's settings.
 */
export function sendStaffCode(userId: string, sent: SentForm, now = new Date()) {
  return sendPhoneCode(userId, "WHATSAPP", sent, now);
}

/** The code typed back, once per form: proves the number when right. */
export function confirmStaffCode(userId: string, code: string, sent: SentForm, now = new Date()) {
  return checkPhoneCode(userId, code, sent, now);
}

/** Turns the reminder on WhatsApp on or off; on only with a proved number (else false). */
export async function setStaffWhatsapp(userId: string, enabled: boolean): Promise<boolean> {
  if (!enabled) {
    await db.user.update({ where: { id: userId }, data: { staffWhatsapp: false } });
    return true;
  }
  // Conditional on the proof, so a number changed meanwhile cannot be switched on unproved.
  const { count } = await db.user.updateMany({
    where: { id: userId, phone: { not: null }, phoneVerifiedAt: { not: null } },
    data: { staffWhatsapp: true },
  });
  return count === 1;
}
