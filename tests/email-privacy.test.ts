/**
 * No email carries health detail (the footer of every patient email says so). A class test
 * over every kind of email the app queues, in every language: a case whose programme, plan
 * steps, enquiry, appointments, itinerary, messages and stage reasons all hold a marker is
 * taken through the code that queues each kind (every stage's emails to every audience,
 * every notice, the sign-in link, the enquiry confirmation, the account alert), and no
 * subject, text or HTML may hold a marker. The kinds are read from the code (TEMPLATES,
 * NOTICES, STAGES): a new template fails here until it has a driver, and a new notice or
 * stage is covered as soon as it exists.
 */
import { isStaffNotice } from "~/lib/notification-kinds";
import { db } from "~/db.server";
import { LOCALES } from "~/i18n/config";
import { newFormKey } from "~/infra/forms.server";
import { STAGES } from "~/lib/stages";
import { loginFailed } from "~/models/auth/login-guard.server";
import { requestPasswordReset } from "~/models/auth/staff-links.server";
import { requestMagicLink } from "~/models/auth/magic-link.server";
import { noticeToPatient, noticeToStaff } from "~/models/cases/notices.server";
import { queueStageEmails } from "~/models/cases/stage.server";
import { LIMITS } from "~/infra/rate-limit.server";
import { action as enquire } from "~/routes/enquire";
import { TEMPLATES, type TemplateName } from "../emails";
import { NOTICES } from "../emails/notice";
import { resetDatabase } from "./support/db";
import { createStaff, createUser } from "./support/factories";
import { call } from "./support/requests";
import { openCase } from "~/models/cases/stage.server";
import { inviteStaff, resetSecondFactor } from "~/models/staff/team.server";

const MARK = "ZQXMARK";
const SLUG = "lupus-msc";

/** A case in `locale` with a marker in every place health detail lives. */
async function markedCase(locale: string) {
  const programme = await db.programme.create({
    data: { slug: SLUG, name: `${MARK} programme`, condition: `${MARK} SLE`, summary: MARK },
  });
  const patient = await createUser({ role: "PATIENT", locale, name: "Pat Ient" });
  const kase = await db.$transaction((tx) =>
    openCase(tx, {
      patientId: patient.id,
      programmeId: programme.id,
      language: locale,
      timeZone: "Europe/Berlin",
      coordinatorId: null,
    }),
  );
  await db.enquiry.create({
    data: {
      caseId: kase.id,
      programmeId: programme.id,
      locale,
      diagnosis: `${MARK} diagnosis`,
      medication: `${MARK} medication`,
    },
  });
  const step = await db.treatmentPlanStep.create({
    data: { caseId: kase.id, position: 1, name: `${MARK} step`, notes: `${MARK} notes` },
  });
  const at = new Date(Date.now() + 30 * 86_400_000);
  await db.appointment.create({
    data: {
      caseId: kase.id,
      planStepId: step.id,
      kind: "TREATMENT",
      title: `${MARK} infusion`,
      startsAt: at,
      endsAt: new Date(at.getTime() + 3_600_000),
    },
  });
  await db.itineraryItem.create({
    data: { caseId: kase.id, kind: "HOTEL", title: `${MARK} clinic hotel`, startsAt: at },
  });
  await db.caseEvent.createMany({
    data: [
      { caseId: kase.id, type: "MESSAGE", body: `${MARK} message`, fromPatient: true },
      { caseId: kase.id, type: "STAGE_CHANGE", toStage: "CANCELLED", reason: `${MARK} reason` },
    ],
  });
  await db.case.update({
    where: { id: kase.id },
    data: { eligibilityReasonCode: "other", eligibilityReason: `${MARK} eligibility` },
  });
  return { kase, patient };
}

type Made = Awaited<ReturnType<typeof markedCase>>;

/** How each template is queued by the app. A new template needs an entry (the type says so). */
const DRIVERS: Record<TemplateName, (made: Made, locale: string) => Promise<unknown>> = {
  "stage-change": async ({ kase }) => {
    for (const stage of STAGES) await db.$transaction((tx) => queueStageEmails(tx, kase.id, stage));
  },
  notice: async ({ kase }) => {
    const ref = { id: kase.id, number: kase.number, coordinatorId: null };
    for (const notice of NOTICES) {
      await db.$transaction((tx) =>
        isStaffNotice(notice)
          ? noticeToStaff(tx, ref, notice, "coordinator", { dueAt: new Date(), at: new Date() })
          : noticeToPatient(tx, kase.id, notice),
      );
    }
  },
  "magic-link": ({ patient }) => requestMagicLink(patient.email),
  "enquiry-confirm": async (_made, locale) => {
    const form = new FormData();
    const fields: Record<string, string> = {
      name: "New Person",
      email: `new-${locale}@example.com`,
      phoneCountry: "DE",
      phone: "151 2345 6789",
      country: "DE",
      language: locale,
      timeZone: "Europe/Berlin",
      programme: SLUG,
      diagnosis: `${MARK} enquiry diagnosis`,
      diagnosedYear: "2016",
      medication: `${MARK} enquiry medication`,
      steroidDose: "5",
      consent: "yes",
      [`q.${SLUG}.activeInfection`]: "no",
      [`q.${SLUG}.organCrisis`]: "no",
      [`q.${SLUG}.dialysis`]: "no",
      [`q.${SLUG}.pregnancy`]: "no",
      [`q.${SLUG}.malignancy`]: "no",
      [`q.${SLUG}.recentCytotoxic`]: "no",
      [`q.${SLUG}.thrombosis`]: "no",
      [`q.${SLUG}.flaresLastYear`]: "2",
      [`q.${SLUG}.fitToTravel`]: "yes",
      organs: "kidneys",
      _key: newFormKey(),
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const outcome = await call(enquire, {
      path: "/enquire",
      form,
      lang: locale,
      ip: `10.9.0.${LOCALES.indexOf(locale as never) + 1}`,
    });
    expect(outcome.status).toBeLessThan(400);
  },
  "account-alert": async (_made, locale) => {
    const staff = await createUser({
      role: "COORDINATOR",
      locale,
      email: `alert-${locale}@x.test`,
    });
    for (let i = 0; i < LIMITS.loginFailuresPerAccount.max; i++) {
      await loginFailed(staff.email, `10.8.${LOCALES.indexOf(locale as never)}.${i + 1}`);
    }
  },
  "staff-password-reset": async (_made, locale) => {
    const staff = await createUser({
      role: "CLINICIAN",
      locale,
      email: `reset-${locale}@x.test`,
    });
    await requestPasswordReset(staff.email);
  },
  "staff-invite": async (_made, locale) => {
    const admin = await createUser({ role: "ADMIN", locale });
    await inviteStaff(
      { name: "New Colleague", email: `invite-${locale}@x.test`, role: "CLINICIAN", locale },
      { key: newFormKey(), content: `invite-${locale}` },
      { id: admin.id, name: admin.name },
    );
  },
  "second-factor-reset": async (_made, locale) => {
    const admin = await createUser({ role: "ADMIN", locale });
    const staff = await createUser({
      role: "CLINICIAN",
      locale,
      email: `totp-reset-${locale}@x.test`,
    });
    await db.user.update({ where: { id: staff.id }, data: { totpConfirmedAt: new Date() } });
    await resetSecondFactor(staff.id, { id: admin.id, name: admin.name });
  },
};

beforeEach(async () => {
  await resetDatabase();
});

describe("no email carries health detail", () => {
  it("knows how every template is queued", () => {
    expect(Object.keys(DRIVERS).sort()).toEqual([...TEMPLATES].sort());
  });

  for (const locale of LOCALES) {
    it(`every kind of email in ${locale} is free of the case's health detail`, async () => {
      await createStaff();
      const made = await markedCase(locale);
      for (const template of TEMPLATES) await DRIVERS[template](made, locale);

      const mails = await db.outboxEmail.findMany({
        select: { template: true, locale: true, subject: true, text: true, html: true },
      });
      // Every template was queued, in this language where it goes to the patient.
      expect(new Set(mails.map((m) => m.template))).toEqual(new Set(TEMPLATES));
      const stageMails = mails.filter((m) => m.template === "stage-change");
      expect(stageMails.length).toBeGreaterThanOrEqual(STAGES.length);
      expect(mails.filter((m) => m.template === "notice").length).toBeGreaterThanOrEqual(
        NOTICES.length,
      );
      expect(mails.some((m) => m.locale === locale)).toBe(true);
      for (const m of mails) {
        for (const part of [m.subject, m.text, m.html]) {
          expect(part, `${m.template} (${m.locale})`).not.toContain(MARK);
        }
      }
    });
  }
});
