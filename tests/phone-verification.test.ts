/**
 * Proving a phone number (issue 24): the code goes out encrypted in the outbox (its stored
 * words show a mask), a right code proves the number, wrong codes run out, a code for an old
 * number proves nothing, and codes per hour are limited.
 */
import { db } from "~/db.server";
import { messageForDelivery, SECRET_MASK } from "~/infra/messages.server";
import { confirmPhoneVerification, startPhoneVerification } from "~/models/channels/phone.server";
import { channelsFor } from "~/models/channels/reach.server";
import { CHANNEL_CONSENT_PURPOSE, CHANNEL_CONSENT_VERSION } from "~/lib/message-templates";
import { createUser } from "./support/factories";
import { resetDatabase } from "./support/db";

beforeEach(async () => {
  await resetDatabase();
});

async function patientWithPhone(phone = "+905321234567") {
  const user = await createUser({ role: "PATIENT", locale: "fa" });
  return db.user.update({ where: { id: user.id }, data: { phone } });
}

async function sentCode(userId: string) {
  const row = await db.outboxMessage.findFirstOrThrow({
    where: { userId, template: "phone_code" },
    orderBy: { createdAt: "desc" },
  });
  return { row, code: messageForDelivery(row).params.code! };
}

describe("phone verification", () => {
  it("stores the code only encrypted, and a right code proves the number", async () => {
    const user = await patientWithPhone();
    expect(await startPhoneVerification(user.id, "WHATSAPP")).toEqual({
      ok: true,
      phone: "+905321234567",
    });
    const { row, code } = await sentCode(user.id);
    expect(row.text).toContain(SECRET_MASK);
    expect(row.text).not.toContain(code);
    expect(row.params).not.toContain(code);
    expect(row.locale).toBe("fa");
    expect(messageForDelivery(row).text).toContain(code);
    await db.consent.create({
      data: {
        userId: user.id,
        purpose: CHANNEL_CONSENT_PURPOSE.WHATSAPP,
        version: CHANNEL_CONSENT_VERSION,
        locale: "fa",
      },
    });
    // Opted in but not proved: no channel yet.
    expect(await channelsFor(db, user.id)).toEqual([]);
    expect(await confirmPhoneVerification(user.id, code)).toEqual({
      ok: true,
      phone: "+905321234567",
    });
    expect((await channelsFor(db, user.id)).map((r) => r.channel)).toEqual(["WHATSAPP"]);
    // A used code does not work twice.
    expect(await confirmPhoneVerification(user.id, code)).toEqual({ ok: false, error: "expired" });
  });

  it("refuses wrong codes, then every code after five tries", async () => {
    const user = await patientWithPhone();
    await startPhoneVerification(user.id, "SMS");
    const { code } = await sentCode(user.id);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) {
      expect(await confirmPhoneVerification(user.id, wrong)).toEqual({ ok: false, error: "code" });
    }
    expect(await confirmPhoneVerification(user.id, wrong)).toEqual({
      ok: false,
      error: "tooMany",
    });
    expect(await confirmPhoneVerification(user.id, code)).toEqual({ ok: false, error: "tooMany" });
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: user.id } })).phoneVerifiedAt,
    ).toBeNull();
  });

  it("a code sent to an old number proves nothing once the number changed", async () => {
    const user = await patientWithPhone();
    await startPhoneVerification(user.id, "SMS");
    const { code } = await sentCode(user.id);
    await db.user.update({ where: { id: user.id }, data: { phone: "+905329999999" } });
    expect(await confirmPhoneVerification(user.id, code)).toEqual({ ok: false, error: "expired" });
  });

  it("expires after ten minutes and sends at most five codes an hour", async () => {
    const user = await patientWithPhone();
    const t0 = new Date();
    await startPhoneVerification(user.id, "SMS", t0);
    const { code } = await sentCode(user.id);
    expect(
      await confirmPhoneVerification(user.id, code, new Date(t0.getTime() + 11 * 60_000)),
    ).toEqual({
      ok: false,
      error: "expired",
    });
    for (let i = 0; i < 4; i++) await startPhoneVerification(user.id, "SMS", t0);
    expect(await startPhoneVerification(user.id, "SMS", t0)).toEqual({
      ok: false,
      error: "tooMany",
    });
    const none = await createUser({ role: "PATIENT" });
    expect(await startPhoneVerification(none.id, "SMS")).toEqual({ ok: false, error: "noPhone" });
  });
});
