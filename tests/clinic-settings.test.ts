/**
 * The clinic's settings (issue 23), through the real loader and action on SQLite:
 * - with no row, every reader sees the environment's values (first-run defaults);
 * - an admin changes the zone, currencies, bank account and logo in the app, and a page
 *   loader, an email (an appointment invite) and a PDF (itinerary, receipt) show the change;
 * - a bad IBAN, BIC, zone or logo (a text file named .png) is refused beside its field, with
 *   what was typed kept and nothing saved; the base currency stays while prices exist;
 * - every save is audited with who, what, before and after; only clinic:edit holders save.
 */
import { execFileSync } from "node:child_process";
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { ROLES, roleCan } from "~/lib/permissions";
import { receiptPdf } from "~/models/finance/finance-pdf.server";
import { saveDraft, startDraft } from "~/models/finance/quotes.server";
import {
  clinicSettings,
  ensureClinicSettings,
  forgetClinicSettings,
  loadClinicSettings,
  syncClinicSettings,
} from "~/models/site/clinic-settings.server";
import { bookPlanStep, freeSlots } from "~/models/travel/booking.server";
import { itineraryPdf } from "~/models/travel/travel-pdf.server";
import { loader as resourcesLoader } from "~/routes/staff.resources";
import { action as settingsAction, loader as settingsLoader } from "~/routes/staff.clinic";
import { action as siteAction } from "~/routes/staff.site";
import { loader as logoLoader } from "~/routes/clinic-logo";
import { CLINIC } from "../prisma/seed-site";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { png } from "./support/files";
import { acceptedCase, eligibleCase } from "./support/finance";
import { caseFixture, RECEIPT, ACCOUNT, tripFixture } from "./support/pdf-fixtures";
import { pdfText, plain, save } from "./support/pdf-text";
import { createUser } from "./support/factories";
import { call, cookieFor, formReply, refusedStatus } from "./support/requests";

const GOOD = {
  intent: "settings",
  timeZone: "Europe/Berlin",
  baseCurrency: "EUR",
  bankName: "Deutsche Testbank",
  bankAccountName: "Klinik Berlin Patientenservice",
  // A real-format German IBAN with valid check digits.
  bankIban: "DE89 3704 0044 0532 0130 00",
  bankBic: "cobadeffxxx",
};

function settingsForm(
  changes: Record<string, string | undefined> = {},
  quote: string[] = ["EUR", "USD"],
  logo?: { bytes: Uint8Array; name: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...GOOD, ...changes }))
    if (v !== undefined) form.append(k, v);
  for (const c of quote) form.append("quoteCurrencies", c);
  if (logo) form.append("logo", new File([new Uint8Array(logo.bytes)], logo.name));
  return form;
}

async function admin() {
  const user = await createUser({ role: "ADMIN" });
  return { user, cookie: await cookieFor(user.id) };
}

beforeEach(async () => {
  await resetDatabase();
  delete process.env.CLINIC_TIME_ZONE;
  delete process.env.BANK_ACCOUNT_NAME;
  resetEnvCache();
});

describe("with no row", () => {
  it("reads the environment, and start-up writes the row from it once", async () => {
    process.env.CLINIC_TIME_ZONE = "Asia/Dubai";
    process.env.BANK_ACCOUNT_NAME = "Env Account Holder";
    resetEnvCache();
    forgetClinicSettings();
    expect(await db.clinicSettings.count()).toBe(0);
    expect(clinicSettings()).toMatchObject({
      timeZone: "Asia/Dubai",
      baseCurrency: "EUR",
      bankAccountName: "Env Account Holder",
      logo: null,
    });
    const page = await call(resourcesLoader, {
      path: "/staff/resources",
      cookie: (await admin()).cookie,
    });
    expect((page.data as { clinicZone: string }).clinicZone).toBe("Asia/Dubai");
    await ensureClinicSettings();
    const row = await db.clinicSettings.findUniqueOrThrow({ where: { id: "clinic" } });
    expect(row).toMatchObject({ timeZone: "Asia/Dubai", bankAccountName: "Env Account Holder" });
    // From now on the row rules: the variable is only a first-run default.
    process.env.CLINIC_TIME_ZONE = "America/New_York";
    resetEnvCache();
    await ensureClinicSettings();
    expect(clinicSettings().timeZone).toBe("Asia/Dubai");
  });
});

describe("saving in the app", () => {
  it("is refused to every role without clinic:edit, and changes nothing", async () => {
    for (const role of ROLES) {
      const user = await createUser({ role });
      const cookie = await cookieFor(user.id);
      const page = await call(settingsLoader, { path: "/staff/clinic", cookie });
      const post = await call(settingsAction, {
        path: "/staff/clinic",
        cookie,
        form: settingsForm({ bankAccountName: `By ${role}` }),
      });
      const allowed = roleCan(role, "clinic:edit");
      expect([role, page.status, post.status]).toEqual(
        allowed ? [role, 200, 200] : [role, refusedStatus(role), refusedStatus(role)],
      );
    }
    const row = await db.clinicSettings.findUniqueOrThrow({ where: { id: "clinic" } });
    expect(row.bankAccountName).toBe("By ADMIN");
  });

  it("shows the new zone, bank and name on a page, an email and the PDFs, and audits before and after", async () => {
    const { user, cookie } = await admin();
    // The clinic's public facts (name, phone on the letterhead).
    const facts = await call(siteAction, {
      path: "/staff/site",
      cookie,
      form: new URLSearchParams({
        intent: "clinic",
        ...Object.fromEntries(Object.entries(CLINIC).map(([k, v]) => [k, String(v)])),
        phone: "+49 30 1234567",
      }),
    });
    expect(facts.status).toBe(200);
    const saved = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({}, ["EUR", "USD", "GBP"]),
    });
    expect(formReply(saved)).toMatchObject({ errors: {}, done: expect.stringMatching(/saved/i) });

    // The page loader.
    const page = await call(resourcesLoader, { path: "/staff/resources", cookie });
    expect((page.data as { clinicZone: string }).clinicZone).toBe("Europe/Berlin");
    const own = await call(settingsLoader, { path: "/staff/clinic", cookie });
    expect(own.data).toMatchObject({
      settings: {
        timeZone: "Europe/Berlin",
        bankIban: "DE89 3704 0044 0532 0130 00",
        bankBic: "COBADEFFXXX",
        quoteCurrencies: ["EUR", "USD", "GBP"],
      },
    });

    // The email: booking 09:00 in Berlin (08:00Z in winter), and the invite says Berlin.
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startMinute: 540,
      endMinute: 1020,
    }));
    const chair = await db.resource.create({
      data: { name: "Chair 1", type: "CHAIR", hours: { create: weekdays } },
    });
    const made = await acceptedCase();
    const step = await db.treatmentPlanStep.create({
      data: {
        caseId: made.kase.id,
        position: 2,
        name: "Infusion",
        resourceType: "CHAIR",
        durationMinutes: 180,
      },
    });
    const now = new Date("2027-02-20T09:00:00Z");
    const slots = await freeSlots({
      resourceType: "CHAIR",
      durationMinutes: 180,
      fromDay: "2027-03-01",
      days: 1,
      now,
    });
    expect(slots[0]!.startsAt.toISOString()).toBe("2027-03-01T08:00:00.000Z");
    await bookPlanStep({
      caseId: made.kase.id,
      planStepId: step.id,
      resourceId: chair.id,
      startsAt: slots[0]!.startsAt,
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now,
    });
    const invite = await db.outboxEmail.findFirstOrThrow({
      where: { caseId: made.kase.id, calendar: { not: null } },
    });
    // The case's patient reads Russian: 09:00 at the clinic, in Berlin.
    expect(invite.text).toContain("09:00, Берлин");
    expect(invite.text).not.toContain("09:00, Стамбул");
    expect(invite.calendar).toContain("Bağdat Caddesi No. 214");

    // A PDF: the itinerary's letterhead phone and the clinic's zone; a receipt's bank name.
    const trip = save("settings-itinerary-en", await itineraryPdf(tripFixture("en")));
    const text = plain(pdfText(trip));
    expect(text).toContain("+49 30 1234567");
    expect(text).toContain("Berlin");
    const receipt = save(
      "settings-receipt-en",
      await receiptPdf(RECEIPT, ACCOUNT, caseFixture("en"), "en", "Europe/Berlin"),
    );
    expect(plain(pdfText(receipt))).toContain("Klinik Berlin Patientenservice");

    // Audited: who, what, before and after (only what changed).
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "clinic.settings.edit" } });
    expect(log).toMatchObject({ actorId: user.id, entity: "ClinicSettings", outcome: "success" });
    const detail = JSON.parse(log.detail!) as {
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    };
    expect(detail.before).toMatchObject({ timeZone: "Europe/Istanbul", bankBic: "DEMOTRISXXX" });
    expect(detail.after).toMatchObject({
      timeZone: "Europe/Berlin",
      bankIban: "DE89370400440532013000",
      bankBic: "COBADEFFXXX",
      quoteCurrencies: "EUR,USD,GBP",
    });
    expect(detail.after).not.toHaveProperty("baseCurrency");
    const profileLog = await db.auditLog.findFirstOrThrow({
      where: { action: "site.clinic.edit" },
    });
    expect(JSON.parse(profileLog.detail!)).toMatchObject({ after: { phone: "+49301234567" } });
  });

  it("refuses a bad IBAN, BIC and zone beside their fields, keeps what was typed, saves nothing", async () => {
    const { cookie } = await admin();
    const bad = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({
        // One digit off: the checksum fails.
        bankIban: "DE89 3704 0044 0532 0130 01",
        bankBic: "NOT A BIC",
        timeZone: "UTC+3",
        bankName: "Meine Bank",
      }),
    });
    expect(bad.status).toBe(400);
    const reply = formReply(bad);
    expect(Object.keys(reply.errors).sort()).toEqual(["bankBic", "bankIban", "timeZone"]);
    expect(reply.errors.bankIban).toMatch(/IBAN/);
    expect(reply.errors.bankBic).toContain("TGBATRISXXX");
    expect(reply.errors.timeZone).toMatch(/time zone/);
    expect(reply.values).toMatchObject({
      bankIban: "DE89 3704 0044 0532 0130 01",
      bankName: "Meine Bank",
    });
    expect(await db.clinicSettings.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: "clinic.settings.edit" } })).toBe(0);
  });

  it("keeps the base currency while the price list has items, and allows it on an empty list", async () => {
    const { cookie } = await admin();
    const made = await acceptedCase();
    expect(await db.priceItem.count()).toBeGreaterThan(0);
    const refused = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({ baseCurrency: "USD" }),
    });
    expect(refused.status).toBe(400);
    expect(formReply(refused).errors.baseCurrency).toMatch(/price list has items in EUR/);
    expect(clinicSettings().baseCurrency).toBe("EUR");
    await db.priceItem.deleteMany({});
    expect(made.kase.id).toBeTruthy();
    const allowed = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({ baseCurrency: "USD" }, ["GBP"]),
    });
    expect(allowed.status).toBe(200);
    // The base currency is always one a quote may be issued in.
    expect(clinicSettings()).toMatchObject({
      baseCurrency: "USD",
      quoteCurrencies: ["USD", "GBP"],
    });
    // Rates were kept per the old base currency: cleared with it.
    expect(await db.exchangeRate.count()).toBe(0);
  });
});

describe("the quote currencies", () => {
  it("start a draft in the base currency when the case's is not offered, and refuse switching to one not offered", async () => {
    const { cookie } = await admin();
    const made = await eligibleCase("GBP");
    // GBP is not among the quote currencies any more.
    const saved = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({ timeZone: "Europe/Istanbul" }, ["EUR", "USD"]),
    });
    expect(saved.status).toBe(200);
    const draft = await startDraft(made.kase.id, made.finance);
    expect((await db.quote.findUniqueOrThrow({ where: { id: draft.id } })).currency).toBe("EUR");
    const input = (currency: string) => ({
      currency,
      depositBp: 2000,
      balanceDueDays: 14,
      validUntil: new Date("2030-01-01"),
      note: null,
      lines: [],
    });
    await expect(saveDraft(draft.id, made.finance, input("GBP"))).rejects.toMatchObject({
      key: "quoteErrors.currency",
    });
    await db.exchangeRate.create({ data: { currency: "USD", rate: "1.0800" } });
    await expect(saveDraft(draft.id, made.finance, input("USD"))).resolves.toBeTruthy();
  });
});

describe("the letterhead logo", () => {
  it("refuses a text file named .png beside the field, and takes a real PNG onto the PDFs and the header", async () => {
    const { cookie } = await admin();
    const fake = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({}, ["EUR"], {
        bytes: new TextEncoder().encode("not an image at all, only text"),
        name: "logo.png",
      }),
    });
    expect(fake.status).toBe(400);
    expect(formReply(fake).errors.logo).toMatch(/PNG or JPEG/);
    expect(await db.clinicSettings.count()).toBe(0);

    const logo = png();
    const ok = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({}, ["EUR"], { bytes: logo, name: "whatever.bin" }),
    });
    expect([ok.status, formReply(ok).errors]).toEqual([200, {}]);
    const settings = clinicSettings();
    expect(settings.logo).toMatchObject({ type: "image/png" });
    expect(Buffer.from(settings.logo!.bytes)).toEqual(Buffer.from(logo));

    const served = await call(logoLoader as never, {
      path: `/clinic-logo?v=${settings.logo!.version}`,
    });
    expect(served.status).toBe(200);
    expect(served.response!.headers.get("Content-Type")).toBe("image/png");

    const file = save("settings-itinerary-logo", await itineraryPdf(tripFixture("en")));
    const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" });
    expect(images.split("\n").filter((l) => /^\s*\d+\s+\d+\s+image/.test(l))).toHaveLength(1);

    const removed = await call(settingsAction, {
      path: "/staff/clinic",
      cookie,
      form: settingsForm({ removeLogo: "on" }, ["EUR"]),
    });
    expect(removed.status).toBe(200);
    expect(clinicSettings().logo).toBeNull();
    const plainPdf = save("settings-itinerary-nologo", await itineraryPdf(tripFixture("en")));
    const none = execFileSync("pdfimages", ["-list", plainPdf], { encoding: "utf8" });
    expect(none.split("\n").filter((l) => /^\s*\d+\s+\d+\s+image/.test(l))).toHaveLength(0);
    const log = await db.auditLog.findMany({
      where: { action: "clinic.settings.edit" },
      orderBy: { createdAt: "asc" },
    });
    expect(JSON.parse(log.at(-1)!.detail!)).toMatchObject({
      before: { logo: expect.stringMatching(/^image\/png \d+ bytes sha256:/) },
      after: { logo: null },
    });
  });
});

describe("two app instances", () => {
  it("pick up a save made elsewhere on their next request", async () => {
    await ensureClinicSettings();
    expect(clinicSettings().timeZone).toBe("Europe/Istanbul");
    // Another instance saved: the row changed under this one's memory.
    await db.clinicSettings.update({
      where: { id: "clinic" },
      data: { timeZone: "Asia/Tokyo", updatedAt: new Date(Date.now() + 5_000) },
    });
    expect(clinicSettings().timeZone).toBe("Europe/Istanbul");
    await new Promise((r) => setTimeout(r, 1_100));
    await syncClinicSettings();
    expect(clinicSettings().timeZone).toBe("Asia/Tokyo");
    await loadClinicSettings();
  });
});
