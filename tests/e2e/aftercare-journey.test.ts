/**
 * Aftercare, tried as new users would in real Chromium against the production build, with
 * every email delivered by the app's worker to a real SMTP server. Once in English and once
 * in Arabic (right to left):
 *   1. the clinician moves a case in treatment to AFTERCARE: the plan is made;
 *   2. a week passes (the first follow-up's due date is moved into the past in the
 *      database, the only arranged step): the worker emails the reminder, once, in the
 *      patient's language;
 *   3. the patient follows the link on a phone, sends the questionnaire with an answer
 *      missing (answered beside it, nothing lost), then completes it, worse than their
 *      baseline;
 *   4. the clinician sees the outcome charts against the baseline and the worsening task,
 *      which also shows on the pipeline.
 * Then managers' reports (charts and CSV), and the patient's data export and erasure
 * request, carried out by the admin.
 */
import Database from "better-sqlite3";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { buildApp, launchBrowser, screenshotPath, signIn, startApp, type App } from "./harness";
import {
  addressOf,
  expectAccessible,
  mailTo,
  newVisitor,
  signInByLink,
  strings,
  watchErrors,
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
  if (process.env.E2E_SERVER_LOG) console.log(app?.log());
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

const en = strings("en");

/** The app's database, for the one arranged step: time passing. */
function database() {
  return new Database(path.join(app.dir, "app.db"));
}

function caseOf(email: string) {
  const db = database();
  try {
    return db
      .prepare(
        `SELECT c."id" AS id, c."number" AS number FROM "Case" c JOIN "User" u ON u."id" = c."patientId" WHERE u."email" = ?`,
      )
      .get(email) as { id: string; number: string };
  } finally {
    db.close();
  }
}

/** A phone: small screen, touch, the patient's language and zone. */
const phone = (lng: string, region: string, timezoneId: string) =>
  newVisitor(browser, lng, region, timezoneId, true, "phone");

const RUNS = [
  // James's knee injection asks for a clinician's fit-to-fly sign-off (issue 25).
  {
    lng: "en",
    region: "GB",
    zone: "Europe/London",
    email: "james.wilson@example.com",
    fitToFly: true,
  },
  {
    lng: "ar",
    region: "SA",
    zone: "Asia/Riyadh",
    email: "noura.qahtani@example.com",
    fitToFly: false,
  },
] as const;

describe.each(RUNS)("aftercare in $lng", ({ lng, region, zone, email, fitToFly }) => {
  const t = strings(lng);
  let kase: { id: string; number: string };
  let clinician: Page;

  it("1. the clinician moves the case to aftercare and the plan is made", async () => {
    kase = caseOf(email);
    ({ page: clinician } = await signIn(browser, app.url, "clinician@demo.clinic"));
    const errors = watchErrors(clinician);
    await clinician.goto(`${app.url}/staff/cases/${kase.id}`);
    const toAftercare = clinician.getByRole("button", {
      name: en("common:case.moveTo", { stage: en("stages:stage.AFTERCARE") }),
    });
    if (fitToFly) {
      // The patient flies home from aftercare: not before the clinician signs them fit to fly.
      await clinician.getByText(en("stages:guard.fitToFlyMissing")).first().waitFor();
      await clinician.getByText(en("travel:fitToFly.awaiting")).waitFor();
      await clinician.getByLabel(en("travel:fitToFly.note")).fill("Knee dry, no swelling.");
      await clinician.getByRole("button", { name: en("travel:fitToFly.sign") }).click();
      await clinician.getByRole("status").getByText(en("common:case.done.fitToFly")).waitFor();
    }
    await toAftercare.click();
    await clinician.getByRole("status").getByText(en("common:case.done.stage")).waitFor();
    await clinician.getByRole("link", { name: en("aftercare:staff.open") }).click();
    await clinician.getByRole("heading", { name: en("aftercare:staff.plan") }).waitFor();
    // Baseline and five follow-ups, 1 week to 12 months.
    expect(await clinician.locator("section[aria-labelledby=plan-title] tbody tr").count()).toBe(6);
    expect(errors).toEqual([]);
  });

  it("2. a week later the worker emails the first reminder, once, in the patient's language", async () => {
    const db = database();
    const due = new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00");
    db.prepare(`UPDATE "FollowUp" SET "dueAt" = ? WHERE "caseId" = ? AND "label" = 'P1W'`).run(
      due,
      kase.id,
    );
    db.close();
    const subject = t("emails:notice.followUpDue.subject", { caseNumber: kase.number });
    const mail = await mailTo(smtp, email, subject, 30_000);
    expect(mail.text).toContain(`/portal/cases/${kase.id}/aftercare/`);
    // The worker runs every few seconds: still exactly one after another pass.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(
      smtp.messages.filter((m) => addressOf(m) === email && m.subject === subject),
    ).toHaveLength(1);
  });

  it("3. the patient answers on a phone: a missing answer is caught, then it is sent", async () => {
    const context = await phone(lng, region, zone);
    const page = await signInByLink(app.url, smtp, context, lng, email);
    const errors = watchErrors(page);
    const mail = smtp.messages.find(
      (m) =>
        addressOf(m) === email &&
        m.subject === t("emails:notice.followUpDue.subject", { caseNumber: kase.number }),
    )!;
    const link = /http:\/\/127\.0\.0\.1:\d+\/portal\/cases\/[^\s"]+\/aftercare\/[\w-]+/.exec(
      mail.text ?? "",
    )![0];
    await page.goto(link);
    expect(await page.locator("html").getAttribute("dir")).toBe(lng === "ar" ? "rtl" : "ltr");
    await page.getByRole("heading", { level: 1 }).waitFor();
    // No horizontal scrolling on the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );

    const scale = (key: string, value: number) =>
      page
        .getByRole("group", { name: t(`aftercare:prom.${key}.label`) })
        .getByLabel(new Intl.NumberFormat(lng).format(value), { exact: true })
        .check();
    await scale("fatigue", 7);
    await scale("pain", 9);
    await scale("stiffness", 6);
    await page.getByLabel(t("aftercare:prom.flares.label")).fill("1");
    await page.getByLabel(t("aftercare:prom.steroidDoseMg.label")).fill("7.5");
    await page.getByLabel(t("aftercare:lab.crp"), { exact: false }).fill("14");
    // Quality of life left out.
    await page.getByRole("button", { name: t("aftercare:portal.submit") }).click();
    const qol = page.getByLabel(t("aftercare:prom.qualityOfLife.label"));
    await page.getByRole("alert").first().waitFor();
    await expect.poll(() => qol.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await qol.getAttribute("aria-invalid")).toBe("true");
    await page.getByText(t("aftercare:errors.required")).first().waitFor();
    // Nothing typed was lost.
    expect(await page.getByLabel(t("aftercare:lab.crp"), { exact: false }).inputValue()).toBe("14");
    await page.screenshot({ path: screenshotPath(`aftercare-3-error-${lng}`), fullPage: true });
    await expectAccessible(page, `follow-up form with an error (${lng})`);

    await qol.fill("30");
    await page.getByRole("button", { name: t("aftercare:portal.submit") }).click();
    await page.getByRole("status").getByText(t("aftercare:portal.thanks")).waitFor();
    // What was sent stays on the page, read-only (not emptied to the form's old defaults).
    await expect.poll(() => qol.isDisabled()).toBe(true);
    expect(await qol.inputValue()).toBe("30");
    expect(await page.getByLabel(t("aftercare:lab.crp"), { exact: false }).inputValue()).toBe("14");
    await page.screenshot({ path: screenshotPath(`aftercare-3-sent-${lng}`), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("4. the clinician sees the charts against the baseline and the worsening task", async () => {
    const errors = watchErrors(clinician);
    await mailTo(
      smtp,
      "clinician@demo.clinic",
      en("emails:notice.worseningStaff.subject", { caseNumber: kase.number }),
    );
    await clinician.goto(`${app.url}/staff/cases/${kase.id}/aftercare`);
    await clinician.getByText(en("aftercare:task.WORSENING")).first().waitFor();
    await clinician
      .getByText(
        en("aftercare:task.change", {
          measure: en("aftercare:prom.pain.short"),
          baseline: "5",
          value: "9",
        }),
      )
      .waitFor();
    // The pain chart: two points, the baseline drawn as its own line.
    const chart = clinician.locator("figure.chart", { hasText: en("aftercare:prom.pain.short") });
    expect(await chart.locator("circle").count()).toBe(2);
    expect(await chart.locator("line.baseline").count()).toBe(1);
    await clinician.screenshot({
      path: screenshotPath(`aftercare-4-outcomes-${lng}`),
      fullPage: true,
    });
    await expectAccessible(clinician, `staff outcomes (${lng} patient)`);

    // The pipeline shows it, and filters to it.
    await clinician.goto(`${app.url}/staff/cases?tasks=1`);
    const row = clinician.locator("table.cases-table tbody tr", { hasText: kase.number });
    await row.getByText(en("common:cases.openTasks", { count: 1 })).waitFor();

    // The clinician closes the task with a note.
    await clinician.goto(`${app.url}/staff/cases/${kase.id}/aftercare`);
    await clinician
      .getByLabel(en("aftercare:staff.resolutionNote"))
      .first()
      .fill("Phoned; flare treated");
    await clinician
      .getByRole("button", { name: en("aftercare:staff.closeTask") })
      .first()
      .click();
    await clinician.getByRole("status").getByText(en("aftercare:staff.taskClosed")).waitFor();
    expect(errors).toEqual([]);
  });
});

describe("reports and data rights", () => {
  it("managers read the reports as charts and download each as CSV", async () => {
    const { page } = await signIn(browser, app.url, "admin@demo.clinic");
    const errors = watchErrors(page);
    await page.goto(`${app.url}/staff/reports?by=language`);
    for (const key of ["funnel", "stageTime", "sla", "revenue", "followUps"]) {
      await page.getByRole("heading", { name: en(`aftercare:reports.${key}.title`) }).waitFor();
    }
    expect(await page.locator("figure.bar-chart").count()).toBeGreaterThan(5);
    await page.screenshot({ path: screenshotPath("aftercare-5-reports-en"), fullPage: true });
    await expectAccessible(page, "reports");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("link", { name: en("aftercare:reports.csv") })
        .first()
        .click(),
    ]);
    const csv = await download.createReadStream().then(async (stream) => {
      let text = "";
      for await (const chunk of stream) text += chunk;
      return text;
    });
    expect(csv).toContain("group_by,group,stage,cases");
    expect(csv).toContain("language,ar,ENQUIRY,");
    expect(errors).toEqual([]);
  });

  it("a patient downloads their data and asks for erasure; the admin carries it out", async () => {
    const email = "reem.shammari@example.com";
    const context = await phone("ar", "SA", "Asia/Riyadh");
    const page = await signInByLink(app.url, smtp, context, "ar", email);
    const ar = strings("ar");
    await page.getByRole("link", { name: ar("portal:nav.data") }).click();
    await page.getByRole("heading", { name: ar("aftercare:rights.title"), level: 1 }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: ar("aftercare:rights.downloadZip") }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    // Without ticking the box: answered, and focus is on it.
    await page.getByRole("button", { name: ar("aftercare:rights.erase") }).click();
    await page.getByText(ar("aftercare:rights.confirmRequired")).waitFor();
    await page.getByLabel(ar("aftercare:rights.confirm")).check();
    await page.getByRole("button", { name: ar("aftercare:rights.erase") }).click();
    await page.getByRole("status").getByText(ar("aftercare:rights.requested")).waitFor();
    await page.screenshot({ path: screenshotPath("aftercare-6-data-ar"), fullPage: true });
    await expectAccessible(page, "patient data rights (ar)");

    const { page: admin } = await signIn(browser, app.url, "admin@demo.clinic");
    await admin.goto(`${app.url}/staff/erasure`);
    const card = admin.locator("li.card", { hasText: email });
    await card.getByLabel(en("aftercare:erasure.confirm")).check();
    await card.getByRole("button", { name: en("aftercare:erasure.carryOut") }).click();
    await admin.getByRole("status").getByText(en("aftercare:erasure.done")).waitFor();
    await admin.getByRole("rowheader", { name: "FollowUp", exact: true }).waitFor();
    await admin.screenshot({ path: screenshotPath("aftercare-7-erasure-en"), fullPage: true });

    // The patient's session is gone and their email no longer exists in the database.
    await page.reload();
    await page.waitForURL(/\/portal\/login/);
    const db = database();
    const left = db.prepare(`SELECT COUNT(*) AS n FROM "User" WHERE "email" = ?`).get(email) as {
      n: number;
    };
    db.close();
    expect(left.n).toBe(0);
    await context.close();
  });
});
