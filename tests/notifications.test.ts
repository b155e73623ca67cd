/**
 * Issue 22, item 8: the bell. Every staff case email goes through one fan-out that reads each
 * recipient's choice per kind (email, in-app or both; none set is both) and, in the same
 * transaction, queues the email and/or writes the Notification. Checked here: the source has
 * no other way to email staff about a case; each choice delivers exactly what it says, once
 * per event; the email is the one it always was; a notification holds no health data; the
 * bell's count, the list and marking read are one's own (someone else's is not found); and
 * the choices are saved together, one's own only.
 */
import fs from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { FORM_KEY } from "~/infra/forms.server";
import { formatDateTime } from "~/lib/format";
import { enqueueEmail } from "~/infra/outbox.server";
import { STAGE_AUDIENCES } from "~/lib/notifications";
import {
  ACCOUNT_TEMPLATES,
  isNotificationKind,
  isStaffNotice,
  kindLabelKey,
  NOTIFICATION_KINDS,
  sentenceKey,
  stageKind,
} from "~/lib/notification-kinds";
import { STAGES } from "~/lib/stages";
import { LOCALES } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import { noticeToStaff } from "~/models/cases/notices.server";
import { changeStage } from "~/models/cases/stage.server";
import { loader as staffLoader } from "~/routes/staff";
import { action as listAction, loader as listLoader } from "~/routes/staff.notifications";
import { loader as changesLoader } from "~/routes/staff.notifications_.changes";
import {
  action as settingsAction,
  loader as settingsLoader,
} from "~/routes/staff.notifications_.settings";
import { renderEmail, TEMPLATES } from "../emails";
import { NOTICES } from "../emails/notice";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

type Handler = Parameters<typeof call>[0];

beforeEach(async () => {
  await resetDatabase();
});

// ------------------------------------------------------------------ one way out

/** Every non-test source file under a folder. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\./.test(e.name) ? [p] : [];
  });
}

/**
 * Where enqueueEmail() may be called, and why that call is not a staff notice. A new call
 * site fails here until it is listed (or goes through notifyStaff).
 */
const DIRECT_EMAIL: Record<string, string> = {
  "app/models/notifications/notify.server.ts": "the fan-out itself",
  "app/models/cases/notices.server.ts": "noticeToPatient: the patient",
  "app/models/cases/stage.server.ts": "the patient's stage email (staff audiences: notifyStaff)",
  "app/models/enquiry/enquiry.server.ts":
    "the enquirer: confirm link, joined notice to the patient",
  "app/models/auth/magic-link.server.ts": "a patient's sign-in link",
  "app/models/auth/login-guard.server.ts": "account-alert: one's own account (ACCOUNT_TEMPLATES)",
  "app/models/auth/staff-links.server.ts": "password reset: a credential (ACCOUNT_TEMPLATES)",
  "app/models/staff/team.server.ts": "invitation, second-factor reset (ACCOUNT_TEMPLATES)",
};

describe("every staff notice goes through the fan-out", () => {
  const files = sources("app").map((f) => f.split(path.sep).join("/"));

  it("calls enqueueEmail only where listed, and only the fan-out holds FAN_OUT", () => {
    const callers = files.filter(
      (f) =>
        f !== "app/infra/outbox.server.ts" &&
        /\benqueueEmail\s*(<[^>]*>)?\(/.test(fs.readFileSync(f, "utf8")),
    );
    expect(callers.sort()).toEqual(
      Object.keys(DIRECT_EMAIL)
        .filter((f) => callers.includes(f) || f.endsWith("notify.server.ts"))
        .sort(),
    );
    for (const f of callers) expect(DIRECT_EMAIL, f).toHaveProperty([f]);
    const marked = files.filter(
      (f) => f !== "app/infra/outbox.server.ts" && /\bFAN_OUT\b/.test(fs.readFileSync(f, "utf8")),
    );
    expect(marked).toEqual(["app/models/notifications/notify.server.ts"]);
  });

  it("refuses a staff case email that skips the fan-out", async () => {
    const { kase } = await createCase();
    const to = { email: "x@test.clinic", name: "X", locale: "en" };
    const base = { caseNumber: kase.number, recipientName: "X", link: "http://x" };
    await expect(
      db.$transaction((tx) =>
        enqueueEmail(tx, {
          to,
          template: "notice",
          data: { ...base, notice: "patientMessageStaff", audience: "staff" },
        }),
      ),
    ).rejects.toThrow(/notifyStaff/);
    await expect(
      db.$transaction((tx) =>
        enqueueEmail(tx, {
          to,
          template: "stage-change",
          data: { ...base, audience: "clinician", stage: "MEDICAL_REVIEW" },
        }),
      ),
    ).rejects.toThrow(/notifyStaff/);
    // The patient's own emails are not notices to staff.
    await db.$transaction((tx) =>
      enqueueEmail(tx, {
        to,
        template: "stage-change",
        data: { ...base, audience: "patient", stage: "MEDICAL_REVIEW" },
      }),
    );
  });

  it("has a kind for every staff notice and every stage a staff audience hears of", () => {
    for (const notice of NOTICES.filter(isStaffNotice)) {
      expect(isNotificationKind(notice), notice).toBe(true);
    }
    for (const stage of STAGES) {
      const staff = STAGE_AUDIENCES[stage].some((a) => a !== "patient");
      expect(isNotificationKind(stageKind(stage)), stage).toBe(staff);
    }
    // Every template is a case email (fan-out for staff), a patient's, or one's own account's.
    const classified = new Set<string>([
      "notice",
      "stage-change",
      "magic-link",
      "enquiry-confirm",
      ...ACCOUNT_TEMPLATES,
    ]);
    for (const template of TEMPLATES) expect(classified.has(template), template).toBe(true);
  });

  it("labels and words every kind in every language", () => {
    for (const lng of LOCALES) {
      const read = (ns: string, key: string) =>
        key
          .split(".")
          .reduce<unknown>(
            (at, part) => (at as Record<string, unknown> | undefined)?.[part],
            (resources[lng] as Record<string, unknown>)[ns],
          );
      for (const { kind, audiences } of NOTIFICATION_KINDS) {
        expect(read("common", kindLabelKey(kind)), `${lng} ${kind}`).toEqual(expect.any(String));
        const forAudiences = audiences === "anyone" ? ["coordinator" as const] : audiences;
        for (const audience of forAudiences) {
          const [ns, key] = sentenceKey(kind, { audience }).split(":") as [string, string];
          expect(read(ns, key), `${lng} ${kind} ${audience}`).toEqual(expect.any(String));
        }
      }
    }
  });
});

// ------------------------------------------------------------------ delivery by choice

async function setChoice(userId: string, kind: string, channel: string) {
  await db.notificationPreference.create({ data: { userId, kind, channel } });
}

const notice = (kase: { id: string; number: string; coordinatorId: string | null }) =>
  db.$transaction((tx) => noticeToStaff(tx, kase, "patientMessageStaff", "coordinator"));

async function delivered(userId: string, email: string) {
  const [emails, notes] = await Promise.all([
    db.outboxEmail.findMany({ where: { toEmail: email, template: "notice" } }),
    db.notification.findMany({ where: { userId, kind: "patientMessageStaff" } }),
  ]);
  return { emails, notes };
}

describe("each member of staff hears by the channel they chose", () => {
  it("EMAIL: only the email; IN_APP: only the notification; none set: both, once each", async () => {
    const staff = await createStaff();
    const byEmail = await createUser({ role: "COORDINATOR", name: "Mail Only" });
    const inApp = await createUser({ role: "COORDINATOR", name: "Bell Only" });
    const { kase } = await createCase({ coordinatorId: null });
    await setChoice(byEmail.id, "patientMessageStaff", "EMAIL");
    await setChoice(inApp.id, "patientMessageStaff", "IN_APP");
    // Another kind's choice does not count for this one.
    await setChoice(staff.coordinator.id, "assignedStaff", "EMAIL");

    await notice(kase);

    const mail = await delivered(byEmail.id, byEmail.email);
    expect(mail.emails).toHaveLength(1);
    expect(mail.notes).toHaveLength(0);
    const bell = await delivered(inApp.id, inApp.email);
    expect(bell.emails).toHaveLength(0);
    expect(bell.notes).toHaveLength(1);
    const both = await delivered(staff.coordinator.id, staff.coordinator.email);
    expect(both.emails).toHaveLength(1);
    expect(both.notes).toHaveLength(1);
    expect(both.notes[0]).toMatchObject({ caseId: kase.id, readAt: null });
    // Nobody else heard of it: finance, clinicians and admins are not coordinators.
    expect(await db.notification.count({ where: { kind: "patientMessageStaff" } })).toBe(2);
  });

  it("writes the stage kinds for a stage change, by each audience's choice", async () => {
    const staff = await createStaff();
    const second = await createUser({ role: "CLINICIAN", name: "Second Clinician" });
    await setChoice(second.id, stageKind("MEDICAL_REVIEW"), "IN_APP");
    const { kase } = await createCase();
    await db.outboxEmail.deleteMany({});
    await changeStage({
      caseId: kase.id,
      to: "MEDICAL_REVIEW",
      expectedFrom: "ENQUIRY",
      actor: { id: staff.coordinator.id, role: "COORDINATOR" },
    });
    const notes = await db.notification.findMany({ where: { kind: "stage-MEDICAL_REVIEW" } });
    expect(notes.map((n) => n.userId).sort()).toEqual([staff.clinician.id, second.id].sort());
    const staffMail = await db.outboxEmail.findMany({
      where: { template: "stage-change", toEmail: { not: (await patientEmail(kase.id))! } },
    });
    expect(staffMail.map((m) => m.toEmail)).toEqual([staff.clinician.email]);
    expect(JSON.parse(notes[0]!.params!)).toEqual({
      caseNumber: kase.number,
      audience: "clinician",
    });
  });

  it("keeps the email exactly as it was, and puts no health data in a notification", async () => {
    const staff = await createStaff();
    const { kase } = await createCase();
    await db.case.update({
      where: { id: kase.id },
      data: { conditionSummary: "SECRET-CONDITION lupus nephritis" },
    });
    await db.outboxEmail.deleteMany({});
    const due = new Date("2026-07-01T09:30:00Z");
    await db.$transaction((tx) =>
      noticeToStaff(tx, kase, "firstResponseReminderStaff", "coordinator", { dueAt: due }),
    );
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { toEmail: staff.coordinator.email },
    });
    const expected = renderEmail("notice", staff.coordinator.locale, {
      notice: "firstResponseReminderStaff",
      audience: "staff",
      caseNumber: kase.number,
      recipientName: staff.coordinator.name,
      link: `${env().APP_URL.replace(/\/$/, "")}/staff/cases/${kase.id}`,
      vars: {
        due: formatDateTime(due, staff.coordinator.locale, staff.coordinator.timeZone),
      },
    });
    expect(mail.subject).toContain(kase.number);
    expect({ subject: mail.subject, text: mail.text, html: mail.html }).toEqual(expected);
    const note = await db.notification.findFirstOrThrow({
      where: { userId: staff.coordinator.id, kind: "firstResponseReminderStaff" },
    });
    expect(JSON.parse(note.params!)).toEqual({ caseNumber: kase.number, due: due.toISOString() });
    for (const row of await db.notification.findMany()) {
      expect(row.params).not.toContain("SECRET-CONDITION");
      for (const key of Object.keys(JSON.parse(row.params!))) {
        expect(["caseNumber", "audience", "due", "when", "previous"]).toContain(key);
      }
    }
  });
});

async function patientEmail(caseId: string) {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    select: { patient: { select: { email: true } } },
  });
  return kase?.patient.email;
}

// ------------------------------------------------------------------ the bell and its page

type ListData = Awaited<ReturnType<typeof listLoader>>;

describe("the bell, the list and marking read are one's own", () => {
  async function twoWithNotices() {
    const staff = await createStaff();
    const other = await createUser({ role: "COORDINATOR", name: "Other Coordinator" });
    const { kase } = await createCase();
    // createCase told every coordinator of the new enquiry (both of them: none assigned).
    await db.notification.deleteMany({});
    const mine = { ...kase, coordinatorId: staff.coordinator.id };
    for (let i = 0; i < 3; i++) await notice(mine);
    await db.$transaction((tx) =>
      noticeToStaff(tx, { ...kase, coordinatorId: other.id }, "assignedStaff", {
        userId: other.id,
      }),
    );
    return { staff, other, kase };
  }

  it("counts each person's unread, on every staff page and in the poll", async () => {
    const { staff, other } = await twoWithNotices();
    const count = async (userId: string) => {
      const cookie = await cookieFor(userId);
      const layout = await call(staffLoader as Handler, { path: "/staff/cases", cookie });
      const poll = await call(changesLoader as Handler, {
        path: "/staff/notifications/changes",
        cookie,
      });
      expect(poll.response?.headers.get("Cache-Control")).toBe("no-store");
      const polled = (await poll.response!.json()) as { unread: number };
      return [(layout.data as { unreadNotifications: number }).unreadNotifications, polled.unread];
    };
    expect(await count(staff.coordinator.id)).toEqual([3, 3]);
    expect(await count(other.id)).toEqual([1, 1]);
    expect(await count(staff.finance.id)).toEqual([0, 0]);
  });

  it("lists one's own, newest first, in one's language and zone; opening one marks it read and goes to its case", async () => {
    const { staff, other, kase } = await twoWithNotices();
    const cookie = await cookieFor(staff.coordinator.id);
    const page = await call(listLoader as Handler, {
      path: "/staff/notifications",
      cookie,
      lang: "en",
    });
    const data = page.data as ListData;
    expect(data.items).toHaveLength(3);
    expect(data.unread).toBe(3);
    const times = data.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    // The coordinator reads Turkish (their account's language, unless the page asks another).
    const turkish = resources.tr.emails as { notice: Record<string, { subject: string }> };
    expect(data.items[0]!.sentence).toBe(
      turkish.notice.patientMessageStaff!.subject.replace("{{caseNumber}}", kase.number),
    );

    const theirs = await db.notification.findFirstOrThrow({ where: { userId: other.id } });
    const refused = await call(listAction as Handler, {
      path: "/staff/notifications",
      cookie,
      form: new URLSearchParams({ intent: "open", notification: theirs.id }),
    });
    expect(refused.status).toBe(404);
    expect(
      (await db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt,
    ).toBeNull();

    const opened = await call(listAction as Handler, {
      path: "/staff/notifications",
      cookie,
      form: new URLSearchParams({ intent: "open", notification: data.items[1]!.id }),
    });
    expect(opened.status).toBe(302);
    expect(opened.response!.headers.get("Location")).toBe(`/staff/cases/${kase.id}`);
    const after = (await call(listLoader as Handler, { path: "/staff/notifications", cookie }))
      .data as ListData;
    expect(after.unread).toBe(2);
    expect(after.items.map((i) => i.read)).toEqual([false, true, false]);

    // A patient is not told the page exists, nor anyone's notification.
    const patient = await createUser({ role: "PATIENT" });
    const asPatient = await call(listAction as Handler, {
      path: "/staff/notifications",
      cookie: await cookieFor(patient.id),
      form: new URLSearchParams({ intent: "open", notification: theirs.id }),
    });
    expect(asPatient.status).toBe(404);
  });

  it("marks all of one's own read, nobody else's", async () => {
    const { staff, other } = await twoWithNotices();
    const reply = await call(listAction as Handler, {
      path: "/staff/notifications",
      cookie: await cookieFor(staff.coordinator.id),
      form: new URLSearchParams({ intent: "readAll" }),
      lang: "en",
    });
    expect(reply.status).toBe(200);
    // In the coordinator's own language (Turkish), the number in its digits.
    expect(formReply(reply).done).toBe("Okundu olarak işaretlenen: 3");
    expect(
      await db.notification.count({ where: { userId: staff.coordinator.id, readAt: null } }),
    ).toBe(0);
    expect(await db.notification.count({ where: { userId: other.id, readAt: null } })).toBe(1);
  });
});

// ------------------------------------------------------------------ the choices

describe("choosing email, in-app or both per kind", () => {
  async function settings(cookie: string) {
    const page = await call(settingsLoader as Handler, {
      path: "/staff/notifications/settings",
      cookie,
    });
    return page.data as Awaited<ReturnType<typeof settingsLoader>>;
  }

  it("shows one's own kinds, saves them together, and says so in one's language", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.finance.id);
    const before = await settings(cookie);
    const kinds = before.kinds.map((k) => k.kind);
    expect(kinds).toContain("paymentReceivedStaff");
    expect(kinds).toContain("stage-QUOTED");
    expect(kinds).not.toContain("worseningStaff");
    expect(Object.values(before.values).every((v) => v === "BOTH")).toBe(true);

    const reply = await call(settingsAction as Handler, {
      path: "/staff/notifications/settings",
      cookie,
      lang: "de",
      form: new URLSearchParams({
        intent: "choices",
        paymentReceivedStaff: "EMAIL",
        "stage-QUOTED": "IN_APP",
        [FORM_KEY]: before.formKey,
      }),
    });
    expect(reply.status).toBe(200);
    expect(formReply(reply).done).toBe(
      (resources.de.common as { notifications: { settings: { saved: string } } }).notifications
        .settings.saved,
    );
    const after = await settings(cookie);
    expect(after.values.paymentReceivedStaff).toBe("EMAIL");
    expect(after.values["stage-QUOTED"]).toBe("IN_APP");

    // Back to both: the row goes (no row is both).
    await call(settingsAction as Handler, {
      path: "/staff/notifications/settings",
      cookie,
      form: new URLSearchParams({
        intent: "choices",
        paymentReceivedStaff: "BOTH",
        [FORM_KEY]: after.formKey,
      }),
    });
    expect(
      await db.notificationPreference.findMany({ where: { userId: staff.finance.id } }),
    ).toEqual([{ userId: staff.finance.id, kind: "stage-QUOTED", channel: "IN_APP" }]);
  });

  it("refuses a value that is no channel, saving nothing", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.finance.id);
    const { formKey } = await settings(cookie);
    const reply = await call(settingsAction as Handler, {
      path: "/staff/notifications/settings",
      cookie,
      form: new URLSearchParams({
        intent: "choices",
        paymentReceivedStaff: "EMAIL",
        "stage-QUOTED": "SMS",
        [FORM_KEY]: formKey,
      }),
    });
    expect(reply.status).toBe(400);
    // The finance user reads German.
    expect(formReply(reply).errors["stage-QUOTED"]).toBe(
      "Wählen Sie E-Mail, in der App oder beides.",
    );
    expect(await db.notificationPreference.count()).toBe(0);
  });

  it("changes only one's own choices: an admin cannot name someone else", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.admin.id);
    const { formKey } = await settings(cookie);
    await call(settingsAction as Handler, {
      path: "/staff/notifications/settings",
      cookie,
      form: new URLSearchParams({
        intent: "choices",
        userId: staff.finance.id,
        paymentReceivedStaff: "IN_APP",
        erasureRequestedStaff: "EMAIL",
        [FORM_KEY]: formKey,
      }),
    });
    expect(
      await db.notificationPreference.findMany({ where: { userId: staff.finance.id } }),
    ).toEqual([]);
    const mine = await db.notificationPreference.findMany({ where: { userId: staff.admin.id } });
    expect(mine.map((p) => [p.kind, p.channel]).sort()).toEqual([
      ["erasureRequestedStaff", "EMAIL"],
      ["paymentReceivedStaff", "IN_APP"],
    ]);
  });

  it("delivers by the saved choice", async () => {
    const staff = await createStaff();
    const cookie = await cookieFor(staff.coordinator.id);
    const { formKey } = await settings(cookie);
    await call(settingsAction as Handler, {
      path: "/staff/notifications/settings",
      cookie,
      form: new URLSearchParams({
        intent: "choices",
        patientMessageStaff: "IN_APP",
        [FORM_KEY]: formKey,
      }),
    });
    const { kase } = await createCase({ coordinatorId: staff.coordinator.id });
    await notice(kase);
    const got = await delivered(staff.coordinator.id, staff.coordinator.email);
    expect(got.emails).toHaveLength(0);
    expect(got.notes).toHaveLength(1);
  });
});
