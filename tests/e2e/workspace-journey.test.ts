/**
 * The staff side of a journey, as new users would try it in real Chromium against the
 * production build, with every email delivered by the app's worker to a real SMTP server:
 *   1. a Persian-speaking patient's new enquiry appears on the coordinator's board;
 *   2. the coordinator assigns it to herself and sends it to medical review;
 *   3. a clinician finds it in the review queue, sets the plan and marks it eligible.
 * Each party receives exactly the emails of the "Who hears what" table (docs/architecture.md) (plus the one notice the
 * table lacks: finance and the coordinator hear that an eligible case needs a quote), each in
 * the reader's language; the patient sees every step in the portal; and the admin's audit
 * page lists every staff read and write of the case. Then a message round trip, in RTL.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ParsedMail } from "mailparser";
import { startSmtp, type TestSmtp } from "../support/smtp";
import {
  buildApp,
  enterTotpCode,
  launchBrowser,
  screenshotPath,
  signIn,
  startApp,
  type App,
} from "./harness";
import {
  addressOf,
  answerLupusQuestionnaire,
  attachLabs,
  confirmEnquiryByLink,
  mailTo,
  newVisitor,
  strings,
  watchErrors,
  expectAccessible,
} from "./journey";

let app: App;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  smtp = await startSmtp();
  app = await startApp({ SMTP_URL: smtp.url });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

const fa = strings("fa");
const en = strings("en");
const PATIENT = "shirin.karimi@example.com";
const STAFF = {
  coordinator: "coordinator@demo.clinic", // Elif Demir, Turkish
  coordinator2: "coordinator2@demo.clinic", // Omar Haddad, Arabic
  clinician: "clinician@demo.clinic", // English
  finance: "finance@demo.clinic", // English
  admin: "admin@demo.clinic",
};

let caseNumber = "";
let casePath = "";
let patient: { context: BrowserContext; page: Page };

/**
 * Every email so far about this case, as [recipient, subject]: staff subjects carry the case
 * number; everything sent to this patient is about their one case (sign-in links aside).
 */
const caseMail = () =>
  smtp.messages
    .filter((m) =>
      addressOf(m) === PATIENT
        ? m.subject !== fa("emails:magicLink.subject") &&
          m.subject !== fa("emails:enquiryConfirm.new.subject")
        : m.subject?.includes(caseNumber),
    )
    .map((m) => [addressOf(m)!, m.subject!] as const);

/** What each party should have received about this case, in their language. */
function expected(...rows: [string, string, string, Record<string, string>?][]) {
  return rows.map(
    ([to, lng, key, vars]) =>
      [to, strings(lng)(key, { caseNumber, ...vars })] as readonly [string, string],
  );
}

async function settled(want: (readonly [string, string])[]) {
  const sort = (xs: readonly (readonly [string, string])[]) =>
    [...xs].map((x) => x.join(" | ")).sort();
  await expect.poll(() => sort(caseMail()), { timeout: 20_000 }).toEqual(sort(want));
  // Nothing more arrives once the worker has drained the outbox.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(sort(caseMail())).toEqual(sort(want));
}

function checkPrivate(m: ParsedMail) {
  expect(m.text).toBeTruthy();
  expect(`${m.text}${String(m.html)}`).not.toMatch(
    /lupus nephritis|Hydroxychloroquine|anti-dsDNA/i,
  );
}

describe("a new enquiry through the coordinator and the clinician", () => {
  it("1. a Persian patient's enquiry reaches every coordinator and the patient, and shows on the board", async () => {
    const context = await newVisitor(browser, "fa", "IR", "Asia/Tehran");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.url}/enquire?programme=lupus-msc`);
    await page.getByLabel(fa("enquiry:fields.name"), { exact: true }).fill("شیرین کریمی");
    await page.getByLabel(fa("enquiry:fields.email"), { exact: true }).fill(PATIENT);
    await page.getByLabel(fa("enquiry:fields.phone"), { exact: true }).fill("912 555 0101");
    await page
      .getByLabel(fa("enquiry:fields.diagnosis"), { exact: true })
      .fill("lupus nephritis class III, 2019");
    await page
      .getByLabel(fa("enquiry:fields.medication"), { exact: true })
      .fill("Hydroxychloroquine");
    await answerLupusQuestionnaire(page, {}, "1");
    await attachLabs(page, "fa");
    await page.locator("#enquiry-consent").check();
    await page.getByRole("button", { name: fa("enquiry:submit") }).click();
    await page.getByRole("heading", { level: 1, name: fa("enquiry:received.title") }).waitFor();
    // The patient confirms from the email; only then does the case exist.
    const confirmed = await (
      await confirmEnquiryByLink(app.url, smtp, context, "fa", PATIENT)
    ).confirm();

    const prefix = fa("emails:stage.patient.ENQUIRY.subject", { caseNumber: "MT-" }).split(
      "MT-",
    )[0]!;
    const received = await mailTo(smtp, PATIENT, prefix);
    caseNumber = /MT-\d{4}-\d{6}/.exec(received.subject!)![0];
    await settled(
      expected(
        [PATIENT, "fa", "emails:stage.patient.ENQUIRY.subject"],
        [STAFF.coordinator, "tr", "emails:stage.coordinator.ENQUIRY.subject"],
        [STAFF.coordinator2, "ar", "emails:stage.coordinator.ENQUIRY.subject"],
      ),
    );
    for (const m of smtp.messages.filter((x) => addressOf(x) === PATIENT)) checkPrivate(m);

    patient = { context, page: confirmed };
    await patient.page
      .locator(".badge.stage-badge")
      .getByText(fa("stages:stage.ENQUIRY"))
      .waitFor();
    expect(errors).toEqual([]);
  });

  it("2. the coordinator finds it on the board, assigns it and sends it to medical review", async () => {
    const { context, page } = await signIn(browser, app.url, STAFF.coordinator);
    const errors = watchErrors(page);
    await page.getByRole("link", { name: en("common:cases.boardView") }).click();
    const column = page.getByRole("region", { name: new RegExp(`^${en("stages:stage.ENQUIRY")}`) });
    const card = column.getByRole("link", { name: caseNumber });
    await card.waitFor();
    await page.screenshot({ path: screenshotPath("staff-board-en"), fullPage: true });
    await expectAccessible(page, "the board");
    await card.click();
    await page.getByRole("heading", { level: 1, name: new RegExp(caseNumber) }).waitFor();
    casePath = new URL(page.url()).pathname;
    // The patient's answers, language and local time are on the page.
    await page.getByRole("heading", { name: en("common:case.answers") }).waitFor();
    await page.getByText("lupus nephritis class III, 2019").first().waitFor();

    await page
      .getByLabel(en("common:case.assignTo"), { exact: true })
      .selectOption({ label: "Elif Demir" });
    await page.getByRole("button", { name: en("common:case.assign"), exact: true }).click();
    await page.getByRole("status").getByText(en("common:case.done.assign")).waitFor();

    // A forbidden move is offered disabled, with the guard that blocks it.
    const toQuoted = page.getByRole("button", {
      name: en("common:case.moveTo", { stage: en("stages:stage.QUOTED") }),
    });
    expect(await toQuoted.count()).toBe(0);
    await page
      .getByRole("button", {
        name: en("common:case.moveTo", { stage: en("stages:stage.MEDICAL_REVIEW") }),
      })
      .click();
    await page.getByRole("status").getByText(en("common:case.done.stage")).waitFor();
    await page
      .locator(".case-head .badge")
      .getByText(en("stages:stage.MEDICAL_REVIEW"), { exact: true })
      .waitFor();
    await page.screenshot({ path: screenshotPath("staff-case-en"), fullPage: true });

    await settled(
      expected(
        [PATIENT, "fa", "emails:stage.patient.ENQUIRY.subject"],
        [STAFF.coordinator, "tr", "emails:stage.coordinator.ENQUIRY.subject"],
        [STAFF.coordinator2, "ar", "emails:stage.coordinator.ENQUIRY.subject"],
        [PATIENT, "fa", "emails:stage.patient.MEDICAL_REVIEW.subject"],
        [STAFF.clinician, "en", "emails:stage.clinician.MEDICAL_REVIEW.subject"],
      ),
    );
    // The timeline shows those emails with their delivery status.
    await page.reload();
    const sent = page.locator(".timeline .email-entry").filter({ hasText: STAFF.clinician });
    await sent.locator(".badge.mail-SENT").waitFor();

    await patient.page.reload();
    await patient.page
      .locator(".badge.stage-badge")
      .getByText(fa("stages:stage.MEDICAL_REVIEW"))
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("3. the clinician reviews it from the queue, sets the plan and marks it eligible", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.url}/login?lng=en`);
    await page.getByLabel("Email address").fill(STAFF.clinician);
    await page.getByLabel("Password").fill("demo-clinic-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await enterTotpCode(page, app.url, STAFF.clinician);
    // A clinician lands on the review queue (ADR 029).
    await page.waitForURL(`${app.url}/staff/review`);
    await page.getByRole("link", { name: en("common:nav.review") }).click();
    await page.getByRole("link", { name: caseNumber }).click();
    await page.getByRole("heading", { name: en("common:review.plan") }).waitFor();

    // Eligible before a plan exists is refused, with the reason, and focus on it.
    await page.getByLabel(en("common:eligibility.ELIGIBLE"), { exact: true }).check();
    await page.getByRole("button", { name: en("common:review.record") }).click();
    const refusal = page.locator("#decide-error");
    await refusal.getByText(en("common:work.errors.planRequired")).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("decide-error");

    // The plan comes from the programme's pathway; add a note to the first step.
    await page
      .getByLabel(en("common:review.stepNotes", { n: 1 }), { exact: true })
      .fill("Add renal ultrasound");
    await page.getByRole("button", { name: en("common:review.savePlan") }).click();
    await page.getByRole("status").getByText(en("common:case.done.plan")).waitFor();
    await page.getByLabel(en("common:eligibility.ELIGIBLE"), { exact: true }).check();
    await page.getByRole("button", { name: en("common:review.record") }).click();
    await page.getByRole("status").getByText(en("common:case.done.decide")).waitFor();
    await page.screenshot({ path: screenshotPath("staff-review-en"), fullPage: true });
    await expectAccessible(page, "the review queue");

    await settled(
      expected(
        [PATIENT, "fa", "emails:stage.patient.ENQUIRY.subject"],
        [STAFF.coordinator, "tr", "emails:stage.coordinator.ENQUIRY.subject"],
        [STAFF.coordinator2, "ar", "emails:stage.coordinator.ENQUIRY.subject"],
        [PATIENT, "fa", "emails:stage.patient.MEDICAL_REVIEW.subject"],
        [STAFF.clinician, "en", "emails:stage.clinician.MEDICAL_REVIEW.subject"],
        // Not in the table: finance must quote, and the assigned coordinator follows the case.
        [STAFF.finance, "en", "emails:notice.eligibleStaff.subject"],
        [STAFF.coordinator, "tr", "emails:notice.eligibleStaff.subject"],
      ),
    );
    for (const m of smtp.messages.filter(
      (x) =>
        x.subject?.includes(caseNumber) ||
        (addressOf(x) === PATIENT &&
          x.subject !== fa("emails:magicLink.subject") &&
          x.subject !== fa("emails:enquiryConfirm.new.subject")),
    )) {
      checkPrivate(m);
      expect(m.text).toMatch(new RegExp(`${app.url}/(portal|staff)/cases/`));
    }

    // The patient sees the decision and their plan, in Persian.
    await patient.page.reload();
    await patient.page.getByRole("heading", { name: fa("portal:plan.title") }).waitFor();
    await patient.page.getByText(fa("portal:events.ELIGIBLE")).waitFor();
    await patient.page.getByText("Add renal ultrasound").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("4. the admin's audit page shows every staff read and write of the case", async () => {
    const { context, page } = await signIn(browser, app.url, STAFF.admin);
    await page.goto(`${app.url}/staff/audit?case=${caseNumber}`);
    const actions = await page.locator(".audit-table tbody tr").evaluateAll((rows) =>
      rows.map((r) => {
        const cells = [...r.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "");
        return `${cells[1]?.split(" · ")[0]} ${cells[2]} ${cells[5]}`;
      }),
    );
    // Each action by its translated label, with its code beside it for the technical reader.
    for (const row of [
      "Elif Demir Case viewed case.view Success",
      "Elif Demir Coordinator assigned case.assign Success",
      "Elif Demir Stage changed case.stage_change Success",
      "Dr. Murat Aydın Case viewed case.view Success",
      "Dr. Murat Aydın Eligibility decision case.decide Refused",
      "Dr. Murat Aydın Treatment plan saved case.plan Success",
      "Dr. Murat Aydın Eligibility decided case.eligibility Success",
    ]) {
      expect(actions, row).toContain(row);
    }
    await page.screenshot({ path: screenshotPath("staff-audit-en"), fullPage: true });
    await expectAccessible(page, "the audit log");
    await context.close();
  });

  it("5. a message round trip: the patient reads it in Persian, right to left, and replies", async () => {
    const { context, page } = await signIn(browser, app.url, STAFF.coordinator);
    await page.goto(`${app.url}${casePath}`);
    await page
      .getByLabel(en("common:messages.write"), { exact: true })
      .fill("سلام شیرین، لطفاً آخرین آزمایش‌های خود را بفرستید.");
    await page.getByRole("button", { name: en("common:messages.send") }).click();
    await page.getByRole("status").getByText(en("common:case.done.message")).waitFor();
    const waiting = await mailTo(
      smtp,
      PATIENT,
      fa("emails:notice.messageWaiting.subject", { caseNumber }),
    );
    expect(waiting.text).not.toContain("آزمایش‌های خود");
    expect(String(waiting.html)).toContain('dir="rtl"');

    await patient.page.reload();
    expect(await patient.page.locator("html").getAttribute("dir")).toBe("rtl");
    await patient.page.getByText("سلام شیرین").waitFor();
    // An empty reply is refused in Persian, focus on the field.
    await patient.page
      .getByRole("button", { name: fa("portal:messages.send"), exact: true })
      .click();
    await patient.page
      .locator("#message-body-error")
      .getByText(fa("portal:messages.required", { max: 4000 }))
      .waitFor();
    await expect
      .poll(() => patient.page.evaluate(() => document.activeElement?.id))
      .toBe("message-body");
    await patient.page
      .getByLabel(fa("portal:messages.write"), { exact: true })
      .fill("فرستادم، ممنون.");
    await patient.page
      .getByRole("button", { name: fa("portal:messages.send"), exact: true })
      .click();
    await patient.page.getByRole("status").getByText(fa("portal:messages.sent")).waitFor();
    await patient.page.screenshot({ path: screenshotPath("portal-messages-fa"), fullPage: true });
    await expectAccessible(patient.page, "the portal messages (fa)");
    await mailTo(
      smtp,
      STAFF.coordinator,
      strings("tr")("emails:notice.patientMessageStaff.subject", { caseNumber }),
    );
    await page.reload();
    await page.getByText("فرستادم، ممنون.").waitFor();
    await context.close();
    await patient.context.close();
  });
});
