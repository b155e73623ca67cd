/**
 * A new member of staff opens their invitation in Persian (right to left), chooses a password
 * (a common one is refused with the reason), enrols an authenticator app from the page's own
 * key, saves the recovery codes and lands signed in; later a recovery code signs them in.
 * An expired invitation says so. ADR 027.
 */
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { generateTOTP } from "@epic-web/totp";
import { hashStaffToken, newStaffToken } from "~/models/auth/staff-tokens.server";
import { expectAccessible, strings } from "./journey";
import { buildApp, launchBrowser, screenshotPath, startApp, type App } from "./harness";

let app: App;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function invite(email: string, expiresAt: Date): string {
  const { token } = newStaffToken();
  const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
  const db = new Database(path.join(app.dir, "app.db"));
  db.prepare(
    `INSERT INTO "StaffToken" (id, purpose, email, name, role, tokenHash, expiresAt, createdAt)
     VALUES (?, 'INVITE', ?, 'Sara Rahimi', 'COORDINATOR', ?, ?, ?)`,
  ).run(`inv-${token.slice(0, 8)}`, email, hashStaffToken(token), iso(expiresAt), iso(new Date()));
  db.close();
  return token;
}

const fa = strings("fa");

it("accepts an invitation in Persian, enrols the app, and signs in with a recovery code later", async () => {
  const token = invite("sara@demo.clinic", new Date(Date.now() + 72 * 3600_000));
  const context = await browser.newContext({ locale: "fa-IR" });
  const page = await context.newPage();
  await page.goto(`${app.url}/staff/invite/${token}?lng=fa`);
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  await page.getByRole("heading", { name: fa("common:invite.title") }).waitFor();
  await expectAccessible(page, "the invitation page");

  // A well-known password is refused with the reason, and focus is on the field.
  const password = page.getByLabel(fa("common:password.label"));
  await password.fill("password123");
  await page.getByRole("button", { name: fa("common:invite.submit") }).click();
  await page.getByText(fa("common:password.common")).waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("password");
  await page.screenshot({ path: screenshotPath("invite-weak-fa"), fullPage: true });

  await password.fill("zarafshan kettle orchard 58");
  await page.getByRole("button", { name: fa("common:invite.submit") }).click();
  await page.waitForURL(/\/login\/enrol/);
  await page.getByRole("heading", { name: fa("common:twoFactor.enrolTitle") }).waitFor();
  expect(await page.locator(".totp-qr svg").count()).toBe(1);
  await expectAccessible(page, "the enrolment page");
  await page.screenshot({ path: screenshotPath("enrol-fa"), fullPage: true });
  const secret = (await page.locator(".totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  const code = page.getByLabel(fa("common:twoFactor.codeLabel"));
  expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
  expect(await code.getAttribute("inputmode")).toBe("numeric");
  // Typed in Persian digits, as a Persian keyboard does.
  const { otp } = await generateTOTP({ secret, period: 30, digits: 6 });
  await code.fill(otp.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d))));
  await page.getByRole("button", { name: fa("common:twoFactor.enrolSubmit") }).click();
  await page.getByRole("heading", { name: fa("common:twoFactor.recoveryTitle") }).waitFor();
  const codes = await page.locator(".recovery-codes code").allInnerTexts();
  expect(codes).toHaveLength(10);
  await expectAccessible(page, "the recovery codes");
  await page.screenshot({ path: screenshotPath("recovery-codes-fa"), fullPage: true });
  await page.getByRole("link", { name: fa("common:twoFactor.recoverySaved") }).click();
  // A coordinator's home is the inbox (ADR 029).
  await page.waitForURL(`${app.url}/staff/inbox`);
  await context.close();

  // Signing in again later, without the phone: a recovery code.
  const later = await browser.newContext();
  const p2 = await later.newPage();
  await p2.goto(`${app.url}/login?lng=en`);
  await p2.getByLabel("Email address").fill("sara@demo.clinic");
  await p2.getByLabel("Password").fill("zarafshan kettle orchard 58");
  await p2.getByRole("button", { name: "Sign in" }).click();
  await p2.waitForURL(/\/login\/code/);
  await expectAccessible(p2, "the code step");
  await p2.getByRole("link", { name: "Use a recovery code instead" }).click();
  await p2.getByLabel("Recovery code").fill(codes[0]!);
  await p2.getByRole("button", { name: "Verify and sign in" }).click();
  await p2.waitForURL(`${app.url}/staff/inbox`);
  await later.close();
});

it("says an expired invitation expired, and to ask an admin", async () => {
  const token = invite("late@demo.clinic", new Date(Date.now() - 60_000));
  const page = await browser.newPage();
  const res = await page.goto(`${app.url}/staff/invite/${token}?lng=en`);
  expect(res?.status()).toBe(410);
  await page.getByRole("heading", { name: "This invitation has expired" }).waitFor();
  await page.getByText("Ask an administrator of the clinic").waitFor();
  await expectAccessible(page, "an expired invitation");
  await page.close();
});
