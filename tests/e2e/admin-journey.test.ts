/**
 * Issue 23 in Chromium: a clinic goes live without a developer.
 * 1. The admin invites a coordinator from /staff/team; the invitation arrives by SMTP.
 * 2. The coordinator opens it, chooses a password, enrols TOTP (the code is computed from the
 *    key the page shows) and lands signed in.
 * 3. The admin adds a question to the lupus questionnaire in English and Arabic and publishes
 *    it; the Arabic enquiry form asks it, while an older case still shows the version its
 *    patient answered.
 * 4. The admin deactivates the coordinator, whose open session ends at the next request.
 */
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { generateTOTP } from "@epic-web/totp";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { buildApp, launchBrowser, screenshotPath, signIn, startApp, type App } from "./harness";
import { expectAccessible, mailTo, strings, watchErrors } from "./journey";

const en = strings("en");

let app: App;
let browser: Browser;
let smtp: TestSmtp;

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

const NEW_COORDINATOR = { name: "Zeynep Aydın-Karaosmanoğlu", email: "zeynep@demo.clinic" };
const PASSWORD = "harbour lantern quince 4417";
const QUESTION = {
  id: "recentVaccination",
  en: "Have you had a live vaccine in the last four weeks?",
  ar: "هل تلقيت لقاحاً حياً خلال الأسابيع الأربعة الماضية؟",
};

function sql<T>(query: string, ...args: unknown[]): T[] {
  const db = new Database(path.join(app.dir, "app.db"), { readonly: true });
  try {
    return db.prepare(query).all(...args) as T[];
  } finally {
    db.close();
  }
}

it("invites, enrols, edits the questionnaire and deactivates, end to end", async () => {
  // 1. The admin invites a coordinator.
  const admin = await signIn(browser, app.url, "admin@demo.clinic");
  const adminErrors = watchErrors(admin.page);
  await admin.page.setViewportSize({ width: 1024, height: 768 });
  await admin.page.goto(`${app.url}/staff/team?lng=en`);
  await admin.page.getByLabel("Full name").fill(NEW_COORDINATOR.name);
  await admin.page.getByLabel("Work email").fill(NEW_COORDINATOR.email);
  await admin.page.getByLabel("Role", { exact: true }).selectOption("COORDINATOR");
  await admin.page.getByRole("button", { name: "Send the invitation" }).click();
  await admin.page.getByText(NEW_COORDINATOR.email).first().waitFor();
  await expectAccessible(admin.page, "the team page");
  await admin.page.screenshot({ path: screenshotPath("team-invited-en"), fullPage: true });

  const mail = await mailTo(smtp, NEW_COORDINATOR.email, "You are invited");
  const link = /http:\/\/127\.0\.0\.1:\d+\/staff\/invite\/[\w-]+(\?lng=\w+)?/.exec(
    mail.text ?? "",
  )?.[0];
  expect(link, "the invitation email carries its link").toBeTruthy();

  // 2. The coordinator accepts, enrols the authenticator and is signed in.
  const coordinator = await browser.newContext();
  const cPage = await coordinator.newPage();
  await cPage.goto(link!);
  await cPage.getByLabel(en("common:password.label")).fill(PASSWORD);
  await cPage.getByRole("button", { name: en("common:invite.submit") }).click();
  await cPage.waitForURL(/\/login\/enrol/);
  const secret = (await cPage.locator(".totp-secret").innerText()).replace(/\s/g, "");
  const { otp } = await generateTOTP({ secret, period: 30, digits: 6 });
  await cPage.getByLabel(en("common:twoFactor.codeLabel")).fill(otp);
  await cPage.getByRole("button", { name: en("common:twoFactor.enrolSubmit") }).click();
  await cPage.getByRole("heading", { name: en("common:twoFactor.recoveryTitle") }).waitFor();
  expect(await cPage.locator(".recovery-codes code").count()).toBe(10);
  await cPage.getByRole("link", { name: en("common:twoFactor.recoverySaved") }).click();
  // A coordinator's home is the inbox (ADR 029).
  await cPage.waitForURL(`${app.url}/staff/inbox`);
  const enrolled = sql<{ role: string; totpConfirmedAt: unknown }>(
    `SELECT role, totpConfirmedAt FROM "User" WHERE email = ?`,
    NEW_COORDINATOR.email,
  );
  expect(enrolled).toHaveLength(1);
  expect(enrolled[0]!.role).toBe("COORDINATOR");
  expect(enrolled[0]!.totpConfirmedAt).not.toBeNull();

  // 3. The admin adds a question in English and Arabic, and publishes it.
  const [lupus] = sql<{ id: string }>(`SELECT id FROM "Programme" WHERE slug = 'lupus-msc'`);
  const editor = `${app.url}/staff/catalogue/${lupus!.id}/questionnaire?lng=en`;
  await admin.page.goto(editor);
  await admin.page.getByRole("link", { name: "Add a question" }).click();
  await admin.page.locator('[name="id"]').fill(QUESTION.id);
  await admin.page.locator('[name="type"]').selectOption("yesno");
  await admin.page.evaluate(() =>
    document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")),
  );
  await admin.page.locator('[name="label"], [name="label_en"]').first().fill(QUESTION.en);
  await admin.page.locator('[name="label_ar"]').fill(QUESTION.ar);
  await admin.page.locator('form.question-form button[type="submit"]').click();
  await admin.page.getByText("The question is saved in the draft.").waitFor();
  await admin.page.locator("summary", { hasText: "Publish the draft" }).click();
  await admin.page.getByRole("button", { name: "Yes, publish it" }).click();
  await admin.page.getByText("Published. New enquiries now get this version.").waitFor();
  await admin.page.screenshot({
    path: screenshotPath("questionnaire-published-en"),
    fullPage: true,
  });

  // A new Arabic enquiry asks the new question, in Arabic.
  const visitor = await browser.newContext({ locale: "ar" });
  const vPage = await visitor.newPage();
  await vPage.setViewportSize({ width: 360, height: 780 });
  await vPage.goto(`${app.url}/enquire?lng=ar`);
  expect(await vPage.locator("html").getAttribute("dir")).toBe("rtl");
  await expect
    .poll(() => vPage.locator(`input[name="q.lupus-msc.${QUESTION.id}"]`).count())
    .toBeGreaterThan(0);
  expect(await vPage.content()).toContain(QUESTION.ar);
  await vPage.screenshot({ path: screenshotPath("enquiry-new-question-ar"), fullPage: true });
  await visitor.close();

  // An older case still shows the version its patient answered: the old questions, not the new.
  const [older] = sql<{ caseId: string; questionnaireId: string | null }>(
    `SELECT caseId, questionnaireId FROM "Enquiry" WHERE programmeId = ? ORDER BY createdAt LIMIT 1`,
    lupus!.id,
  );
  expect(older, "the demo has an older lupus enquiry").toBeTruthy();
  const [v1] = sql<{ content: string }>(
    `SELECT content FROM "FormDefinition" WHERE programmeId = ? AND kind = 'QUESTIONNAIRE' AND version = 1`,
    lupus!.id,
  );
  const firstOld = (JSON.parse(v1!.content) as { questions: { label: { en: string } }[] })
    .questions[0]!.label.en;
  await admin.page.goto(`${app.url}/staff/cases/${older!.caseId}?lng=en`);
  const caseHtml = await admin.page.content();
  expect(caseHtml).toContain(firstOld);
  expect(caseHtml).not.toContain(QUESTION.en);

  // 4. The admin deactivates the coordinator; their open session ends at the next request.
  await admin.page.goto(`${app.url}/staff/team?lng=en`);
  await admin.page
    .locator("summary", { hasText: new RegExp(`Deactivate .?${NEW_COORDINATOR.name}`) })
    .click();
  await admin.page.getByRole("button", { name: "Yes, deactivate" }).click();
  // Wait for the confirmation itself: a bare getByText("Deactivated") is a case-insensitive
  // substring and already matches the last-admin hint ("...cannot be deactivated..."), which
  // let the coordinator's next request race the deactivation.
  await admin.page
    .getByText("Account deactivated; every session it had has ended.", { exact: true })
    .waitFor();
  await cPage.goto(`${app.url}/staff/cases`);
  await cPage.waitForURL(/\/login/);
  expect(
    sql(
      `SELECT id FROM "Session" WHERE userId = (SELECT id FROM "User" WHERE email = ?)`,
      NEW_COORDINATOR.email,
    ),
  ).toHaveLength(0);
  expect(adminErrors).toEqual([]);
  await coordinator.close();
  await admin.context.close();
});

it("fits every staff page an admin opens on a 1,024 px laptop in German and a 360 px phone in Arabic", async () => {
  const [lupus] = sql<{ id: string }>(`SELECT id FROM "Programme" WHERE slug = 'lupus-msc'`);
  const pages = [
    "/staff/cases",
    "/staff/team",
    "/staff/account",
    "/staff/clinic",
    "/staff/site",
    "/staff/catalogue",
    "/staff/catalogue/coverage",
    `/staff/catalogue/${lupus!.id}/questionnaire`,
    `/staff/catalogue/${lupus!.id}/outcomes`,
    "/staff/audit",
    "/staff/outbox",
    "/staff/finance/prices",
    "/staff/resources",
  ];
  const { context, page } = await signIn(browser, app.url, "admin@demo.clinic");
  const wide: string[] = [];
  for (const [lng, width] of [
    ["de", 1024],
    ["ar", 360],
  ] as const) {
    await page.setViewportSize({ width, height: 800 });
    for (const p of pages) {
      await page.goto(`${app.url}${p}?lng=${lng}`);
      const over = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (over > 1) {
        // Name the elements that stick out, so the failure says what to fix.
        const culprits = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth;
          return [...document.querySelectorAll("body *")]
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return r.width > 0 && (r.right > limit + 1 || r.left < -1);
            })
            .slice(-4)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
        });
        wide.push(`${p} ${lng}@${width}: ${over}px too wide (${culprits.join(" ")})`);
      }
    }
    await page.screenshot({ path: screenshotPath(`admin-nav-${lng}-${width}`) });
  }
  expect(wide).toEqual([]);
  await context.close();
});
