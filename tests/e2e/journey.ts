/**
 * What the browser journeys share: the translated strings a page should show (read from
 * locales/, so a test finds elements the way a reader of that language would), waiting for
 * an email on the test SMTP server, a visitor's browser in a given language and time zone,
 * and the patient's magic-link sign-in.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type { ParsedMail } from "mailparser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestSmtp } from "../support/smtp";
import { PROGRAMMES } from "../../prisma/seed-data";

type Tree = { [k: string]: string | Tree };

/** t() for tests: strings("fa")("portal:login.submit"). */
export function strings(lng: string) {
  const namespaces: Record<string, Tree> = {};
  for (const ns of [
    "common",
    "enquiry",
    "portal",
    "emails",
    "stages",
    "finance",
    "travel",
    "aftercare",
    "privacy",
    "handover",
  ]) {
    namespaces[ns] = JSON.parse(fs.readFileSync(`locales/${lng}/${ns}.json`, "utf8")) as Tree;
  }
  // The catalogue is seed data now (ADR 024): the demo's programmes carry these texts
  // (English: the rows' own columns, prisma/seed-data.ts).
  const catalogue = `prisma/catalogue/${lng}.json`;
  namespaces.catalogue = fs.existsSync(catalogue)
    ? (JSON.parse(fs.readFileSync(catalogue, "utf8")) as Tree)
    : Object.fromEntries(
        PROGRAMMES.map(({ slug, name, condition, summary, steps }) => [
          slug,
          {
            name,
            condition,
            summary,
            steps: Object.fromEntries(
              steps.map((st) => [st.key, { name: st.name, description: st.description }]),
            ),
          },
        ]),
      );
  return (key: string, vars: Record<string, string | number> = {}) => {
    const [ns, path] = key.split(":") as [string, string];
    let node: string | Tree | undefined = namespaces[ns];
    for (const part of path.split(".")) node = typeof node === "object" ? node[part] : undefined;
    if (typeof node !== "string") throw new Error(`missing ${lng} ${key}`);
    // As the app's i18next does (app/i18n/interpolation.ts): a number in the reader's digits.
    const number = new Intl.NumberFormat(lng);
    return node.replace(/\{\{(\w+)\}\}/g, (_, v: string) => {
      const value = vars[v];
      return typeof value === "number" ? number.format(value) : String(value ?? "");
    });
  };
}

export const addressOf = (m: ParsedMail) =>
  m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : undefined;

/** The first email to `address` whose subject starts with `subject`, waiting for it. */
export async function mailTo(
  smtp: TestSmtp,
  address: string,
  subject: string,
  timeoutMs = 15_000,
): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.messages.find(
      (m) => addressOf(m) === address && m.subject?.startsWith(subject),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = smtp.messages.map((m) => m.subject).join(" | ");
      throw new Error(`no email "${subject}" to ${address}; seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Collects uncaught page errors and console errors, to assert there were none. */
export function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    // A request the browser abandoned because a newer navigation superseded it (seen once
    // under CI load) is not an application error.
    if (
      m.type() === "error" &&
      !m.text().startsWith("Failed to load resource") &&
      !m.text().startsWith("AbortError: signal is aborted")
    )
      errors.push(m.text());
  });
  return errors;
}

/** A new browser profile: its own language, region, zone and client address. */
export function newVisitor(
  browser: Browser,
  lng: string,
  region: string,
  timezoneId: string,
  javaScriptEnabled = true,
  device: "desktop" | "phone" = "desktop",
) {
  return browser.newContext({
    locale: `${lng}-${region}`,
    timezoneId,
    javaScriptEnabled,
    ...(device === "phone"
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : {}),
    extraHTTPHeaders: {
      "Accept-Language": `${lng}-${region},${lng};q=0.9,en;q=0.5`,
      // Each visitor comes from their own address (used when the server trusts its proxy),
      // so the per-IP rate limits count visitors, not the test machine.
      "X-Forwarded-For": `10.${(visitors >> 8) & 255}.${visitors++ & 255}.7`,
    },
  });
}

let visitors = 1;

/** Signs a patient in by the emailed link and returns the page on their case. */
export async function signInByLink(
  appUrl: string,
  smtp: TestSmtp,
  context: BrowserContext,
  lng: string,
  email: string,
) {
  const s = strings(lng);
  const page = await context.newPage();
  await page.goto(`${appUrl}/portal/login`);
  await page.getByLabel(s("portal:login.email"), { exact: true }).fill(email);
  const subject = s("emails:magicLink.subject");
  const links = () => smtp.messages.filter((m) => addressOf(m) === email && m.subject === subject);
  const earlier = links().length;
  await page.getByRole("button", { name: s("portal:login.submit") }).click();
  await page.getByRole("status").waitFor();
  // A new link for this sign-in, not one already spent.
  await expect.poll(() => links().length, { timeout: 15_000 }).toBeGreaterThan(earlier);
  const text = links().at(-1)!.text ?? "";
  const link = /http:\/\/127\.0\.0\.1:\d+\/portal\/auth\?token=[\w-]+/.exec(text)![0];
  await page.goto(link);
  await page.getByRole("button", { name: s("portal:auth.submit") }).click();
  await page.waitForURL(/\/portal\/cases\//);
  return page;
}

/**
 * After an enquiry from the public form: the email asks the address's owner to confirm; the
 * link's page shows what was sent, and "Confirm and send" attaches it and signs them in.
 * Returns the page on their case.
 */
export async function confirmEnquiryByLink(
  appUrl: string,
  smtp: TestSmtp,
  context: BrowserContext,
  lng: string,
  email: string,
  subjectKey = "emails:enquiryConfirm.new.subject",
) {
  const s = strings(lng);
  const subject = s(subjectKey);
  const links = () => smtp.messages.filter((m) => addressOf(m) === email && m.subject === subject);
  await expect.poll(() => links().length, { timeout: 15_000 }).toBeGreaterThan(0);
  const mail = links().at(-1)!;
  expect(mail.html).toContain(`lang="${lng}"`);
  const link = /http:\/\/127\.0\.0\.1:\d+\/enquire\/confirm\?token=[\w-]+/.exec(
    mail.text ?? "",
  )![0];
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("heading", { level: 1, name: s("enquiry:confirmPage.title") }).waitFor();
  return {
    page,
    async confirm() {
      await page.getByRole("button", { name: s("enquiry:confirmPage.confirm") }).click();
      await page.waitForURL(/\/portal\/cases\/[^/?]+\?enquiry=confirmed/);
      await page.getByRole("status").getByText(s("portal:pending.added")).waitFor();
      return page;
    },
  };
}

/** Answers the lupus questionnaire: no to every warning question, fit to travel; `changes` override. */
export async function answerLupusQuestionnaire(
  page: Page,
  changes: Record<string, string> = {},
  flaresLastYear = "1",
) {
  const answers: Record<string, string> = {
    activeInfection: "no",
    organCrisis: "no",
    dialysis: "no",
    pregnancy: "no",
    malignancy: "no",
    recentCytotoxic: "no",
    thrombosis: "no",
    fitToTravel: "yes",
    ...changes,
  };
  for (const [id, value] of Object.entries(answers)) {
    await page.locator(`input[name="q.lupus-msc.${id}"][value="${value}"]`).check();
  }
  await page.locator('input[name="q.lupus-msc.flaresLastYear"]').fill(flaresLastYear);
}

/** Attaches the lab-report PDF fixture to the enquiry form's file field. */
export async function attachLabs(page: Page, lng: string) {
  await page.getByLabel(strings(lng)("enquiry:fields.files"), { exact: true }).setInputFiles({
    name: "labs.pdf",
    mimeType: "application/pdf",
    buffer: fs.readFileSync("tests/e2e/fixtures/labs.pdf"),
  });
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it stands and returns its
 * serious and critical violations, each naming the rule and the elements (empty when none).
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResult> } })
      .axe;
    type AxeResult = {
      violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    };
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 5)
            .join(", ")}`,
      );
  });
}

let axeScript: string | undefined;
const axeSource = () =>
  (axeScript ??= fs.readFileSync(
    createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
    "utf8",
  ));

/** Fails on any serious or critical axe-core violation on the page as it stands. */
export async function expectAccessible(page: Page, label: string) {
  expect(await accessibilityViolations(page), `accessibility of ${label}`).toEqual([]);
}

/**
 * Books one plan step from the staff calendar (issue 22): finds, day by day, a run of free
 * slots of `resourceId` as long as the step (each slot a link, every 30 minutes), clicks its
 * first one, finds the case by `caseNumber`, picks the step and books. Each day is used once
 * (the patient's gaps between steps); the day used is added to `used`.
 */
export async function bookFromCalendar(
  page: Page,
  appUrl: string,
  input: {
    resourceId: string;
    minutes: number;
    stepName: string;
    caseNumber: string;
    days: string[];
    used: string[];
  },
) {
  let start: string | null = null;
  for (const day of input.days.filter((d) => !input.used.includes(d))) {
    await page.goto(
      `${appUrl}/staff/calendar?lng=en&view=day&by=resource&date=${day}&resource=${input.resourceId}`,
    );
    const free = await page
      .locator(".calendar-free")
      .evaluateAll((links) =>
        links.map((a) => decodeURIComponent((a as HTMLAnchorElement).href.split("%40")[1] ?? "")),
      );
    const at = new Set(free.map((iso) => Date.parse(iso.split("#")[0]!)));
    const cells = Math.ceil(input.minutes / 30);
    const fits = [...at].find((t) =>
      Array.from({ length: cells }, (_, k) => t + k * 1_800_000).every((x) => at.has(x)),
    );
    if (fits !== undefined) {
      start = new Date(fits).toISOString();
      input.used.push(day);
      break;
    }
  }
  expect(start, `a day with room for ${input.stepName}`).not.toBeNull();
  await page.locator(`.calendar-free[href*="${encodeURIComponent(start!)}"]`).click();
  await page.locator("#calendar-panel").waitFor();
  await page.getByLabel("Case number or patient name").fill(input.caseNumber);
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/q=/);
  await page
    .getByRole("radio", { name: new RegExp(input.stepName) })
    .first()
    .check();
  await page.getByRole("button", { name: "Book this time" }).click();
  await page.getByRole("status").getByText("Booked.").waitFor();
  await page.locator(".calendar-appt", { hasText: input.caseNumber }).first().waitFor();
}
