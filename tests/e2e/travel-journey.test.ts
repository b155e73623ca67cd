/**
 * From a paid case to a trip, tried as new users would in real Chromium against the
 * production build, with every email delivered by the app's worker to a real SMTP server:
 * once for a Persian-speaking patient in Tehran and once for an Arabic-speaking patient in
 * Riyadh (both right to left; the coordinator works in English):
 *   1. the patient picks the week to start and books their video consultation, in their
 *      language, right to left, in their own time zone;
 *   2. the coordinator books the lupus plan from that week (workup, two infusions), moves
 *      one infusion, and the case becomes SCHEDULED;
 *   3. the coordinator adds the flights (each in its airport's zone), the hotel and the
 *      transfer; a bad airport is answered beside the field and nothing typed is lost; a
 *      flight home too soon after the last infusion breaks the treatment's travel rule, which
 *      the page names with the step, and the coordinator moves the flight;
 *   4. the patient uploads a passport (one that expires too soon first), the coordinator
 *      approves it, adds the complication insurance the programme asks for (first ending a
 *      day before the departure, which the travel page and the stage form name, then
 *      corrected), and the case becomes TRAVEL_READY: an email says so (no trip detail in it);
 *   5. the patient downloads the visa invitation letter and the itinerary PDF, and their
 *      mailbox holds the ICS invites: one UID per appointment, SEQUENCE raised on the move.
 * In the first run, a conflict left open in step 4 (a hotel checked out after the departure)
 * holds back TRAVEL_READY until the coordinator overrides it with a reason, which the timeline
 * shows. Then, once, one patient in one place (issue 19): the coordinator books the five
 * steps of a scheduled lupus case; the picker does not offer the patient's busy times (nor the
 * recovery after cell sourcing), and a busy time posted anyway is refused on the form.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page, Route } from "playwright-core";
import { LOCALE_NAMES } from "~/i18n/config";
import { formatZone } from "~/lib/format";
import { PATIENTS } from "../../prisma/seed-data";
import { formatRuns } from "~/lib/insurance";
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
import {
  addressOf,
  expectAccessible,
  mailTo,
  newVisitor,
  signInByLink,
  strings,
  watchErrors,
} from "./journey";

/** The demo clinic's zone (CLINIC_TIME_ZONE's default). */
const CLINIC_ZONE = "Europe/Istanbul";

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

/** The demo's lupus patients whose deposit is paid, one per right-to-left language. */
const RUNS = [
  {
    lng: "fa",
    region: "IR",
    zone: "Asia/Tehran",
    email: "ali.karimi@example.com",
    airport: "IKA",
    flights: ["IR715", "IR716"],
    nationality: "IR",
    holder: "ALI KARIMI",
    number: "K98765432",
    country: "Iran",
  },
  {
    lng: "ar",
    region: "SA",
    zone: "Asia/Riyadh",
    email: "fatima.alharbi@example.com",
    airport: "RUH",
    flights: ["SV263", "SV262"],
    nationality: "SA",
    holder: "FATIMA ALHARBI",
    number: "A23456789",
    country: "Saudi Arabia",
  },
] as const;

/** A day `n` days after `day`, as YYYY-MM-DD. */
const plus = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Shows the `day`-th day with free times on the schedule page's day-and-time grid. */
async function showDay(page: Page, day: number) {
  const tab = page.locator("#slots .day-tabs a").nth(day);
  await tab.click();
  await page.locator("#slots .day-tabs a[aria-current]").nth(0).waitFor();
  await expect.poll(() => tab.getAttribute("aria-current")).toBe("date");
}

/** Books the first free slot of the `day`-th day offered on the schedule page; its start. */
async function bookSlot(page: Page, day: number, nth = 0, move = false) {
  await showDay(page, day);
  const radio = page.locator("#slots .time-chips input[type=radio]").nth(nth);
  const value = (await radio.getAttribute("value"))!;
  await radio.check();
  await page
    .getByRole("button", {
      name: en(move ? "travel:schedule.confirmMove" : "travel:schedule.confirmBook"),
    })
    .click();
  await page
    .getByRole("status")
    .getByText(en(move ? "travel:schedule.done.move" : "travel:schedule.done.book"))
    .waitFor();
  return value.split("@")[1]!;
}

describe.each(RUNS)("a paid lupus case becomes a trip ($lng)", (run) => {
  const t = strings(run.lng);
  const PATIENT = PATIENTS.find((p) => p.email === run.email)!;
  let patientPage: Page;
  let staffPage: Page;
  let caseId = "";
  let caseNumber = "";
  /** The Monday of the week the patient picked (YYYY-MM-DD), and the booked days. */
  let week = "";
  const bookedDays: string[] = [];
  const [inbound, outbound] = run.flights;

  it("1. the patient picks a start week and books the video consultation, in their language", async () => {
    const context = await newVisitor(browser, run.lng, run.region, run.zone);
    patientPage = await signInByLink(app.url, smtp, context, run.lng, PATIENT.email);
    const page = patientPage;
    const errors = watchErrors(page);
    caseId = /\/portal\/cases\/([^/?#]+)/.exec(page.url())![1]!;
    await page.getByRole("link", { name: t("travel:portal.appointmentsLink") }).click();
    await page.waitForURL(/\/appointments$/);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    // Saving without a week is answered beside the list, with focus on it.
    await page.getByRole("button", { name: t("travel:window.save") }).click();
    const select = page.getByLabel(t("travel:window.label"), { exact: true });
    await page.locator("#window-week-error").getByText(t("travel:errors.pickWeek")).waitFor();
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await select.getAttribute("aria-invalid")).toBe("true");
    expect(await select.getAttribute("aria-describedby")).toContain("window-week-error");
    week = (await select.locator("option").nth(3).getAttribute("value"))!;
    await select.selectOption(week);
    await page.getByRole("button", { name: t("travel:window.save") }).click();
    await page.getByRole("status").getByText(t("travel:appointments.done.window")).waitFor();

    // The consultation: the first free slot, shown in the patient's time with the clinic's beside
    // it, named by its city and offset; once booked, the patient's own time leads (a video call).
    const slot = page.locator("#consult input[type=radio]").first();
    await slot.check();
    await page.getByRole("button", { name: t("travel:consult.book") }).click();
    await page.getByRole("status").getByText(t("travel:appointments.done.consult")).waitFor();
    await page.getByText(t("travel:appointments.consultation")).first().waitFor();
    const booked = page.locator("section[aria-labelledby=booked-heading]");
    await booked.getByText(formatZone(CLINIC_ZONE, run.lng), { exact: false }).first().waitFor();
    const consultation = booked.locator("li").first();
    expect(await consultation.innerText()).not.toContain("Europe/");
    // Both patients live outside Istanbul: their own time first, the clinic's second.
    expect(await consultation.locator("time").innerText()).not.toContain(
      formatZone(CLINIC_ZONE, run.lng),
    );
    await page.screenshot({
      path: screenshotPath(`travel-1-appointments-${run.lng}`),
      fullPage: true,
    });
    await expectAccessible(page, `the patient's appointments (${run.lng})`);
    expect(errors).toEqual([]);
  });

  it("2. the coordinator books the lupus plan from that week and moves an infusion", async () => {
    const { page } = await signIn(browser, app.url, "coordinator@demo.clinic");
    staffPage = page;
    const errors = watchErrors(page);
    await page.goto(`${app.url}/staff/cases/${caseId}`);
    caseNumber = /MT-\d{4}-\d{6}/.exec(await page.locator("h1").innerText())![0];
    await page.getByRole("link", { name: en("travel:staff.openSchedule"), exact: true }).click();
    await page.waitForURL(/\/schedule$/);
    // The patient's chosen week is shown, and slots start from it.
    await page
      .locator(".notice")
      .filter({ hasText: /would like to start/ })
      .waitFor();

    // The workup on the first day of the week, an infusion on each of the next two days.
    const book = async (step: string, linkKey: string, day: number) => {
      const row = page.locator("tbody tr").filter({ hasText: step });
      await row.getByRole("link", { name: new RegExp(`^${en(linkKey)}`) }).click();
      await page.waitForURL(/step=/);
      return (await bookSlot(page, day)).slice(0, 10);
    };
    const workup = await book("Comprehensive workup", "travel:schedule.book", 0);
    expect(workup >= week).toBe(true);
    bookedDays.push(workup);
    bookedDays.push(await book("Intravenous infusions", "travel:schedule.book", 1));
    bookedDays.push(await book("Intravenous infusions", "travel:schedule.bookAgain", 2));
    expect(new Set(bookedDays).size).toBe(3);

    // Move the second infusion: its own time is free to it, the rest as offered.
    const cards = page.locator("ul.appointments li");
    expect(await cards.count()).toBe(4);
    const secondCard = cards.filter({ hasText: "Intravenous infusions" }).last();
    await secondCard
      .getByRole("link", { name: new RegExp(`^${en("travel:schedule.move")}`) })
      .click();
    await page.waitForURL(/move=/);
    // An hour later on the same day.
    await bookSlot(page, 2, 2, true);
    await page.screenshot({
      path: screenshotPath(`travel-2-schedule-en-${run.lng}`),
      fullPage: true,
    });
    await expectAccessible(page, "the coordinator's booking page");

    // With the deposit paid and appointments booked, the case can be SCHEDULED.
    await page.goto(`${app.url}/staff/cases/${caseId}`);
    await page
      .getByRole("button", {
        name: en("common:case.moveTo", { stage: en("stages:stage.SCHEDULED") }),
      })
      .click();
    await page.getByRole("status").getByText(en("common:case.done.stage")).waitFor();
    expect(errors).toEqual([]);
  });

  it("3. the coordinator adds flights, hotel and transfer; a bad airport keeps what was typed", async () => {
    const page = staffPage;
    const errors = watchErrors(page);
    await page.getByRole("link", { name: en("travel:staff.openTravel") }).click();
    await page.waitForURL(/\/travel$/);
    const first = bookedDays[0]!;
    const last = [...bookedDays].sort().at(-1)!;
    const arrive = plus(first, -1);
    const leave = plus(last, 2);
    const field = (key: string) =>
      page.getByLabel(en(`travel:itinerary.field.${key}`), { exact: true });
    const entries = page.locator(".trip-timeline > li");
    const add = async (values: Record<string, string>, saved = true) => {
      const before = await entries.count();
      await field("kind").selectOption(values.kind!);
      for (const [key, value] of Object.entries(values)) {
        if (key !== "kind") await field(key).fill(value);
      }
      await page.getByRole("button", { name: en("travel:itinerary.add") }).click();
      if (!saved) return;
      await page.getByRole("status").getByText(en("travel:staff.done.item")).waitFor();
      // Saved: one more entry on the timeline, and the form starts empty again.
      await expect.poll(() => entries.count()).toBe(before + 1);
      expect(await field("contactName").inputValue()).toBe("");
    };
    // An airport we do not know needs its zone: said beside the field, nothing lost.
    await add(
      {
        kind: "ARRIVAL_FLIGHT",
        reference: inbound,
        fromPlace: "ZZZ",
        toPlace: "IST",
        start: `${arrive}T08:00`,
        end: `${arrive}T11:10`,
      },
      false,
    );
    await page.getByText(en("travel:itinerary.errors.zone")).first().waitFor();
    expect(await field("reference").inputValue()).toBe(inbound);
    expect(await field("start").inputValue()).toBe(`${arrive}T08:00`);
    await field("fromPlace").fill(run.airport);
    await page.getByRole("button", { name: en("travel:itinerary.add") }).click();
    await page.getByRole("status").getByText(en("travel:staff.done.item")).waitFor();
    await page
      .locator(".trip-timeline strong")
      .getByText(`${inbound} ${run.airport} → IST`)
      .waitFor();
    await add({
      kind: "TRANSFER",
      fromPlace: "IST arrivals, meeting point 4",
      toPlace: "Şişli Park Residence",
      start: `${arrive}T12:00`,
      contactName: "Kemal Yıldız",
      contactPhone: "+90 532 555 01 02",
    });
    await add({
      kind: "HOTEL",
      fromPlace: "Şişli Park Residence",
      start: `${arrive}T14:00`,
      end: `${leave}T10:00`,
    });
    // The flight home first booked the evening of the last infusion: the treatment's travel
    // rule (a day before flying after an infusion) is named, with the step, as a conflict …
    await add({
      kind: "DEPARTURE_FLIGHT",
      reference: outbound,
      fromPlace: "IST",
      toPlace: run.airport,
      start: `${last}T19:00`,
      end: `${last}T22:50`,
    });
    const rule = page.locator('.conflicts li[data-code="flyGap"]');
    await rule.first().waitFor();
    const named = (await rule.first().innerText()).replace(/[\u2068\u2069]/g, "");
    expect(named).toContain("24 hours before flying");
    expect(named).toContain("Intravenous infusions");
    expect(named).toContain(en("travel:conflicts.travelRule"));
    // … which the coordinator fixes by moving the flight to two days later.
    await page
      .locator(".trip-timeline > li")
      .filter({ hasText: outbound })
      .getByRole("link", { name: new RegExp(`^${en("travel:itinerary.edit")}`) })
      .click();
    await page.waitForURL(/edit=/);
    await field("start").fill(`${leave}T14:30`);
    await field("end").fill(`${leave}T18:20`);
    await page.getByRole("button", { name: en("travel:itinerary.save") }).click();
    await page.getByRole("status").getByText(en("travel:staff.done.item")).waitFor();
    expect(await rule.count()).toBe(0);
    // The home airport's local times are kept for the flight, and nothing conflicts.
    // (named by city and offset: "Tehran (GMT+3:30)"; neither zone has summer time).
    await page
      .getByText(`in \u2068${formatZone(run.zone, "en")}`)
      .first()
      .waitFor();
    expect(await entries.count()).toBe(8);
    expect(await page.getByRole("heading", { name: en("travel:conflicts.title") }).count()).toBe(0);
    await page.screenshot({
      path: screenshotPath(`travel-3-itinerary-en-${run.lng}`),
      fullPage: true,
    });
    await expectAccessible(page, "the coordinator's travel page");
    expect(errors).toEqual([]);
  });

  it("4. the patient uploads a passport, the coordinator approves it, the case is TRAVEL_READY", async () => {
    const page = patientPage;
    const errors = watchErrors(page);
    await page.goto(`${app.url}/portal/cases/${caseId}/travel`);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const label = (key: string) => page.getByLabel(t(`travel:passport.${key}`), { exact: true });
    await label("holderName").fill(run.holder);
    await label("nationality").selectOption(run.nationality);
    await label("documentNumber").fill(run.number);
    await label("birthDate").fill("1979-05-02");
    // Expires two months after the return: refused, with everything typed kept.
    await label("expiresOn").fill(plus(bookedDays[0]!, 60));
    await label("file").setInputFiles({
      name: "passport.png",
      mimeType: "image/png",
      buffer: Buffer.from(png()),
    });
    await page.getByRole("button", { name: t("travel:passport.upload") }).click();
    await page.locator(".error-summary").waitFor();
    expect(await label("documentNumber").inputValue()).toBe(run.number);
    expect(await label("holderName").inputValue()).toBe(run.holder);
    await label("expiresOn").fill("2031-05-01");
    await label("file").setInputFiles({
      name: "passport.png",
      mimeType: "image/png",
      buffer: Buffer.from(png()),
    });
    await page.getByRole("button", { name: t("travel:passport.upload") }).click();
    await page.getByRole("status").getByText(t("travel:passport.uploaded")).waitFor();
    await page.getByText(t("travel:passport.status.PENDING")).waitFor();
    await page.screenshot({ path: screenshotPath(`travel-4-passport-${run.lng}`), fullPage: true });
    await expectAccessible(page, `the patient's travel page (${run.lng})`);
    expect(errors).toEqual([]);

    const staff = staffPage;
    await staff.goto(`${app.url}/staff/cases/${caseId}/travel`);
    await staff
      .getByRole("button", { name: new RegExp(`^${en("travel:passport.approve")}`) })
      .click();
    await staff.getByRole("status").getByText(en("travel:staff.done.approve")).waitFor();
    const travelReadyName = en("common:case.moveTo", { stage: en("stages:stage.TRAVEL_READY") });
    const travelReady = staff.getByRole("button", { name: travelReadyName });
    // Insurance (issue 25): the lupus programme asks for complication cover over the whole
    // stay, from the arrival day to the departure day. The coordinator adds a policy that ends
    // the day before the departure: the travel page and the stage form name that day, and
    // TRAVEL_READY waits (no reason overrides it) until the policy is corrected.
    const arrive = plus(bookedDays[0]!, -1);
    const leave = plus([...bookedDays].sort().at(-1)!, 2);
    const policyNumber = `AS-${run.lng}-2027`;
    const policy = (key: string) =>
      staff.getByLabel(en(`travel:insurance.field.${key}`), { exact: true });
    await policy("kind").selectOption("COMPLICATION");
    await policy("insurer").fill("Anadolu Sigorta");
    await policy("policyNumber").fill(policyNumber);
    await policy("coversFrom").fill(arrive);
    await policy("coversUntil").fill(plus(leave, -1));
    await policy("coveredProcedures").fill("Bone-marrow harvest; intravenous infusion");
    await policy("file").setInputFiles({
      name: "policy.pdf",
      mimeType: "application/pdf",
      buffer: demoPdf(`DEMO COMPLICATION POLICY ${policyNumber}`),
    });
    await staff.getByRole("button", { name: en("travel:insurance.add") }).click();
    await staff.getByRole("status").getByText(en("travel:insurance.done.add")).waitFor();
    const gap = en("travel:insurance.gap.days", {
      kind: en("travel:insurance.kind.COMPLICATION"),
      days: formatRuns([{ from: leave, to: leave }], "en"),
    });
    await staff.locator("#insurance .insurance-gaps").getByText(gap).waitFor();
    await staff.goto(`${app.url}/staff/cases/${caseId}`);
    await staff.locator("#stage .insurance-gaps").getByText(gap).waitFor();
    expect(
      await staff.locator("#stage").getByRole("button", { name: travelReadyName }).isDisabled(),
    ).toBe(true);
    await staff.screenshot({
      path: screenshotPath(`travel-4-insurance-refused-en-${run.lng}`),
      fullPage: true,
    });
    // Corrected: the policy now runs to the departure day.
    await staff.goto(`${app.url}/staff/cases/${caseId}/travel`);
    await staff
      .getByRole("link", { name: `${en("travel:insurance.edit")} ${policyNumber}` })
      .click();
    await staff.getByRole("heading", { name: en("travel:insurance.editHeading") }).waitFor();
    expect(await policy("insurer").inputValue()).toBe("Anadolu Sigorta");
    await policy("coversUntil").fill(leave);
    await staff.getByRole("button", { name: en("travel:insurance.save") }).click();
    await staff.getByRole("status").getByText(en("travel:insurance.done.change")).waitFor();
    await staff.locator("#insurance").getByText(en("travel:insurance.allCovered")).waitFor();
    if (run.lng === "fa") {
      // A conflict left open: an airport hotel checked out after the departure flight.
      const leave = plus([...bookedDays].sort().at(-1)!, 2);
      await staff.goto(`${app.url}/staff/cases/${caseId}/travel`);
      const field = (key: string) =>
        staff.getByLabel(en(`travel:itinerary.field.${key}`), { exact: true });
      await field("kind").selectOption("HOTEL");
      await field("fromPlace").fill("Airport Inn");
      await field("start").fill(`${leave}T08:00`);
      await field("end").fill(`${leave}T20:00`);
      await staff.getByRole("button", { name: en("travel:itinerary.add") }).click();
      await staff.getByRole("status").getByText(en("travel:staff.done.item")).waitFor();
      await staff.getByRole("heading", { name: en("travel:conflicts.title") }).waitFor();
      // Without a reason the move is refused, naming what is open.
      await staff.goto(`${app.url}/staff/cases/${caseId}`);
      await staff.getByText(en("travel:conflicts.checkOutAfterDeparture")).first().waitFor();
      await travelReady.click();
      const refusal = staff.locator("#stage .error-summary");
      await refusal.getByText(en("stages:guard.openConflicts"), { exact: false }).waitFor();
      expect(await refusal.innerText()).toContain("Airport Inn");
      expect(await refusal.innerText()).toContain(en("travel:conflicts.checkOutAfterDeparture"));
      // With one, it goes ahead, and the timeline keeps the override and its reason.
      const reason = "Airport Inn is the night before the flight home; the booking is right.";
      await staff.getByLabel(en("common:case.overrideReason")).fill(reason);
      await travelReady.click();
      await staff.getByRole("status").getByText(en("common:case.done.stage")).waitFor();
      const timeline = staff.locator(".timeline");
      await timeline.getByText(reason).waitFor();
      await timeline
        .getByText(
          en("common:case.event.CONFLICTS_OVERRIDDEN", {
            to: en("stages:stage.TRAVEL_READY"),
            what: en("travel:conflicts.checkOutAfterDeparture"),
          }),
        )
        .waitFor();
      await staff.screenshot({ path: screenshotPath("travel-4-override-en"), fullPage: true });
    } else {
      await staff.goto(`${app.url}/staff/cases/${caseId}`);
      await travelReady.click();
      await staff.getByRole("status").getByText(en("common:case.done.stage")).waitFor();
    }
    const mail = await mailTo(
      smtp,
      PATIENT.email,
      t("emails:stage.patient.TRAVEL_READY.subject", { caseNumber }),
    );
    // The email points to the portal; the trip itself (its appointments name the treatment)
    // is not sent by email.
    expect(mail.text).toContain(`/portal/cases/${caseId}`);
    for (const detail of [inbound, outbound, "Şişli Park Residence", "Kemal Yıldız"]) {
      expect(mail.text).not.toContain(detail);
    }
  });

  it("5. the patient downloads the visa letter and itinerary, and has every calendar invite", async () => {
    const page = patientPage;
    await page.goto(`${app.url}/portal/cases/${caseId}/travel`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [key, name] of [
      ["travel:downloads.visaLetterEnglish", `travel-visa-letter-en-${run.lng}.pdf`],
      ["travel:downloads.itinerary", `travel-itinerary-${run.lng}.pdf`],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: t(key, { language: LOCALE_NAMES[run.lng] }) }).click(),
      ]);
      const file = path.join(SCREENSHOTS, name);
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
      execFileSync("pdftoppm", [
        "-r",
        "60",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        file,
        file.replace(/\.pdf$/, ""),
      ]);
    }
    const letter = execFileSync("pdftotext", [
      "-layout",
      path.join(SCREENSHOTS, `travel-visa-letter-en-${run.lng}.pdf`),
      "-",
    ]).toString();
    expect(letter).toContain(run.holder);
    expect(letter).toContain(run.number);
    expect(letter).toContain(run.country);

    // Four appointments: consultation, workup and two infusions, one of them moved. Bookings
    // made together come as one email with an event each (issue 22), so there are fewer
    // emails than bookings and moves when they fall within the quiet period.
    const invites = smtp.messages
      .filter((m) => addressOf(m) === PATIENT.email)
      .map((m) => m.attachments.find((a) => /calendar|ics/.test(a.contentType))?.content.toString())
      .filter((c): c is string => Boolean(c));
    const events = invites.flatMap((c) =>
      c
        .split("BEGIN:VEVENT")
        .slice(1)
        .map((e) => ({
          uid: /^UID:(.+)$/m.exec(e)?.[1]?.trim(),
          sequence: Number(/^SEQUENCE:(\d+)/m.exec(e)?.[1]),
        })),
    );
    expect(new Set(events.map((e) => e.uid)).size).toBe(4);
    expect(invites.length).toBeLessThanOrEqual(5);
    expect(invites.every((c) => /^METHOD:REQUEST/m.test(c))).toBe(true);
    // The moved infusion's last word is its second version (SEQUENCE 1); each other one's is 0.
    const last = new Map(events.map((e) => [e.uid, e.sequence]));
    expect([...last.values()].sort()).toEqual([0, 0, 0, 1]);
  });
});

describe("one patient, one place: the coordinator books five steps and cannot double-book", () => {
  /** The demo's scheduled lupus case: three appointments already booked. */
  const PATIENT = PATIENTS.find((p) => p.email === "zehra.aksoy@example.com")!;

  it("books the five steps; busy times are not offered, and one posted anyway is refused", async () => {
    const { page } = await signIn(browser, app.url, "coordinator@demo.clinic");
    const errors = watchErrors(page);
    await page.goto(`${app.url}/staff/cases?stage=SCHEDULED&q=${encodeURIComponent(PATIENT.name)}`);
    await page.locator("table.cases-table tbody tr a").first().click();
    await page.waitForURL(/\/staff\/cases\/[^/?]+$/);
    await page.getByRole("link", { name: en("travel:staff.openSchedule"), exact: true }).click();
    await page.waitForURL(/\/schedule$/);
    const base = page.url();
    // Start afresh: cancel what the demo booked (its cells, the patient's too, are freed).
    await page.locator("ul.appointments li").first().waitFor();
    // Cancelling asks first: open the question, then confirm.
    const cancel = page.locator("ul.appointments details.confirm > summary", {
      hasText: new RegExp(`^${en("travel:schedule.cancel")}`),
    });
    for (let left = await cancel.count(); left > 0; left--) {
      await cancel.first().click();
      await page
        .getByRole("button", { name: en("travel:schedule.cancelConfirm") })
        .first()
        .click();
      await expect.poll(() => cancel.count()).toBe(left - 1);
    }
    // Slots from a Monday six weeks on (the weeks before are the runs above): day n of every
    // picker is the same weekday.
    const ahead = new Date(Date.now() + 42 * 86_400_000);
    const from = plus(ahead.toISOString().slice(0, 10), -((ahead.getUTCDay() + 6) % 7));
    const open = async (step: string) => {
      await page.goto(`${base}?from=${from}`);
      const row = page.locator("tbody tr").filter({ hasText: step });
      await row
        .getByRole("link", {
          name: new RegExp(`^(${en("travel:schedule.book")}|${en("travel:schedule.bookAgain")})`),
        })
        .click();
      await page.waitForURL(/step=/);
      await page.locator("#slots input[type=radio]").first().waitFor();
      // Every day's times: the grid shows one day at a time.
      const values: string[] = [];
      const days = await page.locator("#slots .day-tabs a").count();
      for (let day = 0; day < days; day++) {
        await showDay(page, day);
        values.push(
          ...((await page
            .locator("#slots input[type=radio]")
            .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))) as string[]),
        );
      }
      return values;
    };
    const startOf = (value: string) => Date.parse(value.split("@")[1]!);
    const MIN = 60_000;

    // 1. Cell sourcing (90 minutes in a room, then four hours' recovery).
    await open("Cell sourcing");
    const sourcing = Date.parse(await bookSlot(page, 1));
    // 2. The infusion's picker offers no chair from three hours before it to the recovery's end.
    const chairs = await open("Intravenous infusions");
    expect(chairs.length).toBeGreaterThan(0);
    const clash = chairs.filter((v) => {
      const t = startOf(v);
      return t + 180 * MIN > sourcing && t < sourcing + (90 + 240) * MIN;
    });
    expect(clash).toEqual([]);
    // A busy time posted anyway (the cell sourcing's start, on a chair no other patient holds
    // then: the form's post is rewritten on its way) is refused on the form, in words.
    let busy = "";
    const forge = async (route: Route) => {
      if (route.request().method() !== "POST") return route.continue();
      const body = new URLSearchParams(route.request().postData() ?? "");
      body.set("slot", busy);
      return route.continue({ postData: body.toString() });
    };
    await page.route(/\/schedule/, forge);
    const answer = page.locator("#slots .error-summary").first();
    const answers: string[] = [];
    for (const chair of new Set(chairs.map((v) => v.split("@")[0]!))) {
      busy = `${chair}@${new Date(sourcing).toISOString()}`;
      await page.locator("#slots input[type=radio]").first().check();
      await page.getByRole("button", { name: en("travel:schedule.confirmBook") }).click();
      await expect.poll(() => answer.innerText().catch(() => "")).not.toBe("");
      answers.push(await answer.innerText());
      if (!answers.at(-1)!.includes(en("travel:errors.taken"))) break;
      await page.goto(page.url());
    }
    // The refusal names the appointment the patient already has: the cell sourcing, with its
    // time in the clinic's zone, named as a reader sees zones (each value isolated for right-to-left sentences).
    const refusal = answers.at(-1)!;
    expect(refusal).not.toBe(en("travel:errors.patientBusy"));
    expect(refusal).toMatch(/\u2068Cell sourcing[^\u2069]*\u2069/);
    const template = en("travel:errors.patientBusyWithStaff", { title: "|", time: "|", zone: "|" });
    for (const words of template.split("|")) expect(refusal).toContain(words);
    await page.unroute(/\/schedule/, forge);
    // 3.-5. The workup, two infusions and integrated care on the days after, as offered.
    await bookSlot(page, 2);
    await open("Intravenous infusions");
    await bookSlot(page, 3);
    await open("Comprehensive workup");
    await bookSlot(page, 0);
    await open("Integrated care");
    await bookSlot(page, 4);
    const cards = page.locator("ul.appointments li");
    expect(await cards.count()).toBe(5);
    // Nothing of the patient's overlaps: the page lists no conflict.
    expect(await page.getByRole("heading", { name: en("travel:conflicts.title") }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath("travel-6-five-steps-en"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
