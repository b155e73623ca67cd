/**
 * Issue 25's done-when journey, in real Chromium against the production build, for one case
 * from its demo state (an Arabic-speaking knee patient in Kuwait, SCHEDULED) to a home
 * doctor's lab value:
 *   1. the patient signs the procedure consent on a 360 px phone, right to left, drawing the
 *      signature with touch; the signed PDF is kept and rendered as an artifact;
 *   2. the coordinator adds the flights; the flight home 6 hours after the last injection shows
 *      the flying-gap rule naming the step, and the coordinator moves it;
 *   3. with the passport approved, TRAVEL_READY waits for the complication insurance the
 *      programme asks for (the refusal says so, and no reason overrides it); once the policy is
 *      on file, the case moves;
 *   4. the clinician starts treatment (the consent is signed), signs fit to fly, moves the case
 *      to aftercare and writes the handover pack;
 *   5. the patient shares the pack; the home doctor opens the link, enters a lab value, and the
 *      clinician sees it marked with its source; once revoked, the link answers 404.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PATIENTS } from "../../prisma/seed-data";
import { demoPdf } from "../../prisma/demo-pdf";
import { png } from "../support/files";
import { startSmtp, type TestSmtp } from "../support/smtp";
import {
  buildApp,
  launchBrowser,
  SCREENSHOTS,
  screenshotPath,
  signIn,
  startApp,
  type App,
} from "./harness";
import { expectAccessible, signInByLink, strings, watchErrors } from "./journey";

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

const ar = strings("ar");
const en = strings("en");
const PATIENT = PATIENTS.find((p) => p.email === "khaled.otaibi@example.com")!;
const ZONE = "Europe/Istanbul";

/** The case's booked on-site appointments, read from the app's own database. */
function appointmentsOf(caseId: string) {
  const db = new Database(path.join(app.dir, "app.db"), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT a.title, a.startsAt, a.endsAt FROM "Appointment" a
         WHERE a.caseId = ? AND a.status = 'BOOKED' AND a.kind = 'TREATMENT' ORDER BY a.startsAt`,
      )
      .all(caseId) as { title: string; startsAt: number | string; endsAt: number | string }[];
  } finally {
    db.close();
  }
}

/**
 * Time passes: the case's appointments and itinerary move `ms` earlier, as if the treatment
 * days had gone by (the server reads its own clock; the journey cannot wait for a week).
 * Written in the form the database holds them (epoch milliseconds or ISO text).
 */
function moveCaseIntoPast(caseId: string, ms: number) {
  const db = new Database(path.join(app.dir, "app.db"));
  try {
    for (const [table, columns] of [
      ["Appointment", ["startsAt", "endsAt"]],
      ["ItineraryItem", ["startsAt", "endsAt"]],
    ] as const) {
      const rows = db
        .prepare(`SELECT id, ${columns.join(", ")} FROM "${table}" WHERE caseId = ?`)
        .all(caseId) as Record<string, string | number | null>[];
      for (const row of rows) {
        const values = columns.map((c) => {
          const v = row[c];
          if (v === null || v === undefined) return null;
          return typeof v === "number"
            ? v - ms
            : new Date(new Date(v).getTime() - ms).toISOString();
        });
        db.prepare(
          `UPDATE "${table}" SET ${columns.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
        ).run(...values, row.id);
      }
    }
  } finally {
    db.close();
  }
}

/** A stored time as a Date (SQLite keeps Prisma's DateTime as epoch milliseconds). */
const asDate = (v: number | string) => new Date(typeof v === "number" ? v : Number(v) || v);

/** A wall time in the clinic's zone as the datetime-local value the forms take. */
function clinicLocal(at: Date) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** Draws a signature on the pad with touch events, as a finger on a phone does. */
async function drawWithTouch(page: Page, selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const point = (i: number) => ({
    x: box.x + box.width * (0.15 + 0.07 * i),
    y: box.y + box.height * (0.5 + 0.25 * Math.sin(i)),
  });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point(0)] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point(i)] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

/** Saves a downloaded PDF with the journey's artifacts and renders its first page to PNG. */
function keepPdf(name: string, bytes: Buffer) {
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const dir = path.join(SCREENSHOTS, "..", "pdf");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", file, file.slice(0, -4)]);
}

describe("a knee patient's safe trip, from consent to the home doctor", () => {
  let patientContext: BrowserContext;
  let patient: Page;
  let coordinator: Page;
  let clinician: Page;
  let caseId = "";
  let departureAfter = "";

  it("1. the patient signs the consent on a phone, drawing with a finger, right to left", async () => {
    patientContext = await browser.newContext({
      locale: "ar-KW",
      timezoneId: PATIENT.timeZone,
      viewport: { width: 360, height: 780 },
      isMobile: true,
      hasTouch: true,
      extraHTTPHeaders: { "Accept-Language": "ar-KW,ar;q=0.9,en;q=0.5" },
    });
    patient = await signInByLink(app.url, smtp, patientContext, "ar", PATIENT.email);
    const errors = watchErrors(patient);
    caseId = /\/portal\/cases\/([^/?#]+)/.exec(patient.url())![1]!;
    await patient.getByRole("link", { name: ar("portal:consent.readAndSign") }).click();
    await patient.waitForURL(/\/consent$/);
    expect(await patient.locator("html").getAttribute("dir")).toBe("rtl");
    // Pressing "sign" with nothing done is answered in Arabic; nothing is signed.
    const submit = patient.getByRole("button", {
      name: ar("portal:consent.sign.submit", { version: 1 }),
    });
    await patient.getByLabel(ar("portal:consent.sign.read", { version: 1 })).check();
    await submit.click();
    await patient.getByText(ar("portal:consent.errors.name")).first().waitFor();
    await patient.getByLabel(ar("portal:consent.sign.typedName")).fill(PATIENT.name);
    await patient.locator("canvas.signature-canvas[data-ready=yes]").waitFor();
    await drawWithTouch(patient, "canvas.signature-canvas");
    await patient.getByRole("img", { name: ar("portal:consent.sign.padLabelDrawn") }).waitFor();
    await submit.click();
    await patient.getByText(ar("portal:consent.signedFlash", { version: 1 })).waitFor();
    // Nothing overflows the phone's width.
    expect(await patient.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await patient.screenshot({
      path: screenshotPath("care-1-consent-signed-ar-360"),
      fullPage: true,
    });
    await expectAccessible(patient, "the signed consent page (ar)");
    const href = await patient
      .getByRole("link", { name: ar("portal:consent.download") })
      .first()
      .getAttribute("href");
    const pdf = await patient.request.get(`${app.url}${href}`);
    expect(pdf.status()).toBe(200);
    keepPdf("care-consent-ar", Buffer.from(await pdf.body()));
    expect(errors).toEqual([]);
  });

  it("2. the coordinator's itinerary shows the flying-gap rule with the step, and the flight is moved", async () => {
    ({ page: coordinator } = await signIn(browser, app.url, "coordinator@demo.clinic"));
    const errors = watchErrors(coordinator);
    const booked = appointmentsOf(caseId);
    expect(booked.length).toBeGreaterThan(0);
    const first = asDate(booked[0]!.startsAt);
    const last = booked.at(-1)!;
    const lastEnd = asDate(last.endsAt);
    await coordinator.goto(`${app.url}/staff/cases/${caseId}/travel`);
    const field = (key: string) =>
      coordinator.getByLabel(en(`travel:itinerary.field.${key}`), { exact: true });
    const entries = coordinator.locator(".trip-timeline > li");
    const add = async (values: Record<string, string>) => {
      const before = await entries.count();
      await field("kind").selectOption(values.kind!);
      for (const [key, value] of Object.entries(values)) {
        if (key !== "kind") await field(key).fill(value);
      }
      await coordinator.getByRole("button", { name: en("travel:itinerary.add") }).click();
      await coordinator.getByRole("status").getByText(en("travel:staff.done.item")).waitFor();
      // Saved: one more entry, and the form starts empty again before the next is typed.
      await expect.poll(() => entries.count()).toBe(before + 1);
      await expect.poll(() => field("reference").inputValue()).toBe("");
    };
    const arrive = new Date(first.getTime() - 24 * 3_600_000);
    await add({
      kind: "ARRIVAL_FLIGHT",
      reference: "KU117",
      fromPlace: "KWI",
      toPlace: "IST",
      start: clinicLocal(new Date(arrive.getTime() - 4 * 3_600_000)),
      end: clinicLocal(arrive),
    });
    // The flight home six hours after the last step ends.
    const soon = new Date(lastEnd.getTime() + 6 * 3_600_000);
    await add({
      kind: "DEPARTURE_FLIGHT",
      reference: "KU118",
      fromPlace: "IST",
      toPlace: "KWI",
      start: clinicLocal(soon),
      end: clinicLocal(new Date(soon.getTime() + 4 * 3_600_000)),
    });
    const rule = coordinator.locator('li[data-code="flyGap"]').first();
    await rule.waitFor();
    const text = await rule.innerText();
    expect(text).toContain(en("travel:conflicts.travelRule"));
    expect(text).toContain(last.title);
    expect(text).toMatch(/48 hours\W* before flying/);
    await coordinator.screenshot({
      path: screenshotPath("care-2-flying-gap-en-1024"),
      fullPage: true,
    });
    // The coordinator moves the flight three days on: the rule holds, the box is gone.
    const later = new Date(lastEnd.getTime() + 3 * 24 * 3_600_000);
    departureAfter = clinicLocal(later).slice(0, 10);
    await coordinator
      .locator(".trip-timeline > li")
      .filter({ hasText: "KU118" })
      .getByRole("link", { name: new RegExp(`^${en("travel:itinerary.edit")}`) })
      .click();
    await coordinator.getByRole("heading", { name: en("travel:itinerary.editHeading") }).waitFor();
    await field("start").fill(clinicLocal(later));
    await field("end").fill(clinicLocal(new Date(later.getTime() + 4 * 3_600_000)));
    await coordinator.getByRole("button", { name: en("travel:itinerary.save") }).click();
    await coordinator.getByRole("status").first().waitFor();
    await expect.poll(() => coordinator.locator('li[data-code="flyGap"]').count()).toBe(0);
    expect(await coordinator.locator('li[data-code="stayAfter"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("3. TRAVEL_READY waits for the complication insurance, then moves once it is on file", async () => {
    // The passport first, as the patient uploads it and the coordinator approves it.
    await patient.goto(`${app.url}/portal/cases/${caseId}/travel`);
    const label = (key: string) =>
      patient.getByLabel(ar(`travel:passport.${key}`), { exact: true });
    await label("holderName").fill(PATIENT.passportName);
    await label("nationality").selectOption("KW");
    await label("documentNumber").fill("K12345678");
    await label("birthDate").fill("1971-03-04");
    await label("expiresOn").fill("2032-01-01");
    await label("file").setInputFiles({
      name: "passport.png",
      mimeType: "image/png",
      buffer: Buffer.from(png()),
    });
    await patient.getByRole("button", { name: ar("travel:passport.upload") }).click();
    await patient.getByRole("status").getByText(ar("travel:passport.uploaded")).waitFor();

    const errors = watchErrors(coordinator);
    await coordinator.goto(`${app.url}/staff/cases/${caseId}/travel`);
    await coordinator
      .getByRole("button", { name: new RegExp(`^${en("travel:passport.approve")}`) })
      .click();
    await coordinator.getByRole("status").getByText(en("travel:staff.done.approve")).waitFor();
    await coordinator.goto(`${app.url}/staff/cases/${caseId}`);
    const stage = coordinator.locator("#stage");
    const travelReady = stage.getByRole("button", {
      name: en("common:case.moveTo", { stage: en("stages:stage.TRAVEL_READY") }),
    });
    // Only the insurance is missing now, and it is said; the move cannot be made.
    await stage.getByText(en("stages:guard.insuranceMissing")).first().waitFor();
    expect(await stage.innerText()).toContain(en("travel:insurance.kind.COMPLICATION"));
    expect(await travelReady.isDisabled()).toBe(true);
    await coordinator.screenshot({
      path: screenshotPath("care-3-insurance-missing-en-1024"),
      fullPage: true,
    });

    await coordinator.goto(`${app.url}/staff/cases/${caseId}/travel`);
    const policy = (key: string) =>
      coordinator.getByLabel(en(`travel:insurance.field.${key}`), { exact: true });
    const booked = appointmentsOf(caseId);
    const firstDay = clinicLocal(new Date(asDate(booked[0]!.startsAt).getTime() - 86_400_000));
    await policy("kind").selectOption("COMPLICATION");
    await policy("insurer").fill("Türkiye Sigorta");
    await policy("policyNumber").fill("TS-KW-2027-118");
    await policy("coversFrom").fill(firstDay.slice(0, 10));
    await policy("coversUntil").fill(departureAfter);
    await policy("coveredProcedures").fill("Intra-articular injection");
    await policy("file").setInputFiles({
      name: "policy.pdf",
      mimeType: "application/pdf",
      buffer: demoPdf("DEMO COMPLICATION POLICY TS-KW-2027-118"),
    });
    await coordinator.getByRole("button", { name: en("travel:insurance.add") }).click();
    await coordinator.getByRole("status").getByText(en("travel:insurance.done.add")).waitFor();
    await coordinator.locator("#insurance").getByText(en("travel:insurance.allCovered")).waitFor();
    await coordinator.goto(`${app.url}/staff/cases/${caseId}`);
    // Allowed now, the move is the header's next step.
    await coordinator
      .getByRole("button", {
        name: en("common:case.moveTo", { stage: en("stages:stage.TRAVEL_READY") }),
      })
      .first()
      .click();
    await coordinator.getByRole("status").getByText(en("common:case.done.stage")).waitFor();
    await coordinator.screenshot({
      path: screenshotPath("care-3-travel-ready-en-1024"),
      fullPage: true,
    });
    expect(errors).toEqual([]);
  });

  it("4. the clinician starts treatment, signs fit to fly, moves to aftercare and writes the pack", async () => {
    // The treatment days go by: the last step ended a day and a half ago, the patient is
    // about to fly home.
    const lastEnd = asDate(appointmentsOf(caseId).at(-1)!.endsAt).getTime();
    moveCaseIntoPast(caseId, lastEnd - (Date.now() - 36 * 3_600_000));
    ({ page: clinician } = await signIn(browser, app.url, "clinician@demo.clinic"));
    const errors = watchErrors(clinician);
    await clinician.goto(`${app.url}/staff/cases/${caseId}`);
    const move = (to: string) =>
      clinician
        .getByRole("button", {
          name: en("common:case.moveTo", { stage: en(`stages:stage.${to}`) }),
        })
        .first();
    await move("IN_TREATMENT").click();
    await clinician.getByRole("status").getByText(en("common:case.done.stage")).waitFor();
    // The knee injection asks for a fit-to-fly sign-off before the patient flies home.
    await clinician.getByLabel(en("travel:fitToFly.note")).fill("Walks unaided; no aisle chair.");
    await clinician.getByRole("button", { name: en("travel:fitToFly.sign") }).click();
    await clinician
      .getByText(/Signed fit to fly by/)
      .first()
      .waitFor();
    await move("AFTERCARE").click();
    await clinician.getByRole("status").getByText(en("common:case.done.stage")).waitFor();

    await clinician.goto(`${app.url}/staff/cases/${caseId}/aftercare`);
    const row = clinician
      .locator("fieldset.medication-row")
      .filter({ hasText: en("handover:staff.row", { n: 1 }) })
      .first();
    await row.getByLabel(en("handover:field.name"), { exact: true }).fill("Paracetamol");
    await row.getByLabel(en("handover:field.dose"), { exact: true }).fill("500 mg");
    await row
      .getByLabel(en("handover:field.frequency"), { exact: true })
      .fill("Up to 3 times a day");
    await clinician.getByRole("button", { name: en("handover:staff.save") }).click();
    await clinician.getByText(en("handover:staff.saved")).first().waitFor();
    const pdf = await clinician.request.get(`${app.url}/staff/cases/${caseId}/handover.pdf`);
    expect(pdf.status()).toBe(200);
    keepPdf("care-handover-ar-en", Buffer.from(await pdf.body()));
    expect(errors).toEqual([]);
  });

  it("5. the patient shares the pack; the home doctor adds a lab value through the link", async () => {
    const errors = watchErrors(patient);
    await patient.goto(`${app.url}/portal/cases/${caseId}/aftercare`);
    await patient.locator("#share-label").fill("د. حداد");
    await patient.getByRole("button", { name: ar("handover:portal.create") }).click();
    const url = (await patient.locator("#share-url").first().inputValue()).trim();
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{20,}$/);
    await patient.screenshot({ path: screenshotPath("care-5-share-ar-360"), fullPage: true });

    // The home doctor, in their own browser, signed in nowhere.
    const doctorContext = await browser.newContext({ locale: "en-GB", timezoneId: "Asia/Kuwait" });
    const doctor = await doctorContext.newPage();
    const doctorErrors = watchErrors(doctor);
    const opened = await doctor.goto(url);
    expect(opened!.status()).toBe(200);
    await doctor
      .getByRole("heading", { name: en("handover:share.title") })
      .first()
      .waitFor();
    await doctor.locator("#share-lab-marker").selectOption({ index: 1 });
    const marker = await doctor.locator("#share-lab-marker option:checked").innerText();
    await doctor.getByLabel(en("handover:share.value"), { exact: true }).fill("13.2");
    await doctor
      .getByLabel(en("handover:share.takenOn"), { exact: true })
      .fill(new Date().toISOString().slice(0, 10));
    await doctor.getByLabel(en("handover:share.doctorName"), { exact: true }).fill("Dr Haddad");
    await doctor.getByRole("button", { name: en("handover:share.submit") }).click();
    await doctor.screenshot({ path: screenshotPath("care-5-home-doctor-en"), fullPage: true });
    await doctor
      .getByText(/the value was added to the follow-up/)
      .first()
      .waitFor();
    await doctor.screenshot({ path: screenshotPath("care-5-home-doctor-en"), fullPage: true });
    expect(doctorErrors).toEqual([]);

    // The clinician sees it, marked with where it came from.
    await clinician.goto(`${app.url}/staff/cases/${caseId}/aftercare`);
    const fromDoctor = clinician.locator("section, table").filter({
      hasText: en("handover:staff.fromHomeDoctor"),
    });
    await fromDoctor.first().waitFor();
    expect(await fromDoctor.first().innerText()).toContain("Dr Haddad");
    expect(await fromDoctor.first().innerText()).toContain(marker.split(" (")[0]!.trim());

    // Revoked, the link answers 404 like a link that never was.
    await patient.goto(`${app.url}/portal/cases/${caseId}/aftercare`);
    // Revoking asks first: the summary names the link, the button inside does it.
    await patient
      .locator("summary")
      .getByText(ar("handover:portal.revokeLink", { label: "د. حداد" }), { exact: true })
      .click();
    await patient.getByRole("button", { name: ar("handover:portal.revokeConfirm") }).click();
    await patient.getByText(ar("handover:portal.revokedDone")).first().waitFor();
    const after = await doctor.goto(url);
    expect(after!.status()).toBe(404);
    await doctorContext.close();
    expect(errors).toEqual([]);
  });
});
