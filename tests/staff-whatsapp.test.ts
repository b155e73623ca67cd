/**
 * The first-reply reminder on a coordinator's WhatsApp (issue 24, section 6): queued with the
 * reminder's email for each reminded coordinator who turned it on and proved their number,
 * once even with two sweeps at once; never without the toggle or the proof.
 */
import { db } from "~/db.server";
import { env } from "~/env.server";
import { sendFirstResponseReminders } from "~/models/cases/sla.server";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";

const HOUR = 3_600_000;

beforeEach(async () => {
  await resetDatabase();
});

async function coordinator(
  locale: string,
  options: { phone?: string; proved?: boolean; toggle?: boolean },
) {
  const user = await createUser({ role: "COORDINATOR", locale });
  return db.user.update({
    where: { id: user.id },
    data: {
      phone: options.phone ?? null,
      phoneVerifiedAt: options.proved ? new Date() : null,
      staffWhatsapp: options.toggle ?? false,
    },
  });
}

/** A new enquiry of no coordinator whose first reply is due in three hours (inside the lead). */
async function enquiryDueSoon() {
  const made = await createCase();
  await db.case.update({
    where: { id: made.kase.id },
    data: { firstResponseDueAt: new Date(Date.now() + 3 * HOUR) },
  });
  await db.outboxEmail.deleteMany({});
  return made;
}

describe("the first-reply reminder on WhatsApp", () => {
  it("goes once to each reminded coordinator who turned it on with a proved number, even with two sweeps at once", async () => {
    const on = await coordinator("tr", { phone: "+905321234567", proved: true, toggle: true });
    const noToggle = await coordinator("de", { phone: "+4915112345678", proved: true });
    const unproved = await coordinator("ar", { phone: "+971501234567", toggle: true });
    const { kase } = await enquiryDueSoon();

    const swept = await Promise.all([sendFirstResponseReminders(), sendFirstResponseReminders()]);
    expect(swept.sort()).toEqual([0, 1]);
    expect(await sendFirstResponseReminders()).toBe(0);

    // Every coordinator got the email (the case has none assigned)…
    const emails = await db.outboxEmail.findMany({ where: { caseId: kase.id } });
    expect(emails.map((e) => e.toEmail).sort()).toEqual(
      [on.email, noToggle.email, unproved.email].sort(),
    );
    // …and only the one who turned it on with a proved number the WhatsApp message.
    const messages = await db.outboxMessage.findMany();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      channel: "WHATSAPP",
      kind: "TEMPLATE",
      template: "staff_first_reply",
      toPhone: "+905321234567",
      locale: "tr",
      userId: on.id,
      caseId: kase.id,
    });
    expect(JSON.parse(messages[0]!.params)).toEqual({
      caseNumber: kase.number,
      link: `${env().APP_URL.replace(/\/$/, "")}/staff/cases/${kase.id}`,
    });
  });

  it("goes only to the assigned coordinator, and as free text inside their 24-hour window", async () => {
    const assigned = await coordinator("en", {
      phone: "+905321234567",
      proved: true,
      toggle: true,
    });
    await db.user.update({
      where: { id: assigned.id },
      data: { whatsappLastInboundAt: new Date(Date.now() - HOUR) },
    });
    await coordinator("fa", { phone: "+989121234567", proved: true, toggle: true });
    const { kase } = await enquiryDueSoon();
    await db.case.update({ where: { id: kase.id }, data: { coordinatorId: assigned.id } });

    expect(await sendFirstResponseReminders()).toBe(1);
    const messages = await db.outboxMessage.findMany();
    expect(messages.map((m) => [m.userId, m.kind])).toEqual([[assigned.id, "TEXT"]]);
  });

  it("goes nowhere without the toggle or the proof", async () => {
    await coordinator("en", { phone: "+905321234567", proved: true });
    await coordinator("en", { phone: "+905321234568", toggle: true });
    await coordinator("en", { toggle: true, proved: true });
    await enquiryDueSoon();
    expect(await sendFirstResponseReminders()).toBe(1);
    expect(await db.outboxEmail.count()).toBe(3);
    expect(await db.outboxMessage.count()).toBe(0);
  });
});
