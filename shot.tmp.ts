import { launchBrowser, signIn, startApp } from "./tests/e2e/harness";
import { startSmtp } from "./tests/support/smtp";
import { newVisitor, signInByLink } from "./tests/e2e/journey";

const out = "/tmp/i25ins";
(async () => {
  const smtp = await startSmtp();
  const app = await startApp({ SMTP_URL: smtp.url });
  const browser = await launchBrowser();
  try {
    const { page } = await signIn(browser, app.url, "coordinator@demo.clinic");
    // A seeded lupus case at SCHEDULED (no cover yet) and one TRAVEL_READY (covered).
    for (const stage of ["SCHEDULED", "TRAVEL_READY"]) {
      await page.goto(`${app.url}/staff/cases?stage=${stage}`);
      const links = await page.locator("table.cases-table tbody tr a").evaluateAll((as) =>
        as.map((a) => (a as HTMLAnchorElement).href).filter((h) => /\/staff\/cases\/[^/?]+$/.test(h)),
      );
      for (const [i, href] of links.slice(0, 3).entries()) {
        for (const [lng, width] of [["en", 1024], ["ar", 360]] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${href}/travel?lng=${lng}#insurance`);
          await page.locator("#insurance").screenshot({ path: `${out}/${stage}-${i}-${lng}.png` }).catch(() => {});
        }
        if (stage === "SCHEDULED") {
          await page.setViewportSize({ width: 1024, height: 900 });
          await page.goto(`${href}?lng=en`);
          await page.locator("#stage").screenshot({ path: `${out}/stage-${i}.png` }).catch(() => {});
        }
      }
    }
    const { page: admin } = await signIn(browser, app.url, "admin@demo.clinic");
    await admin.setViewportSize({ width: 1024, height: 900 });
    await admin.goto(`${app.url}/staff/catalogue?lng=en`);
    await admin.locator(".catalogue-insurance").first().screenshot({ path: `${out}/catalogue-en.png` });
    await admin.setViewportSize({ width: 360, height: 900 });
    await admin.goto(`${app.url}/staff/catalogue?lng=ar`);
    await admin.locator(".catalogue-insurance").first().screenshot({ path: `${out}/catalogue-ar.png` });
    const ctx = await newVisitor(browser, "ar", "SA", "Asia/Riyadh");
    const patient = await signInByLink(app.url, smtp, ctx, "ar", "fatima.alharbi@example.com");
    await patient.setViewportSize({ width: 360, height: 900 });
    const caseId = /\/portal\/cases\/([^/?#]+)/.exec(patient.url())![1]!;
    await patient.goto(`${app.url}/portal/cases/${caseId}/travel`);
    await patient.getByRole("button", { name: "رفع الوثيقة" }).click();
    await patient.locator("#insurance").screenshot({ path: `${out}/portal-ar-errors.png` });
  } finally {
    await browser.close();
    await app.stop();
    await smtp.close();
  }
})();
