/**
 * The clinic's public pages (ADR 023), through the real loaders and actions on SQLite:
 * - each programme's indicative price is worked out from its price list as a first quote is
 *   (the low end equals a real draft's total), adds the optional items at the high end, and
 *   moves when finance changes a price;
 * - only a holder of "site:edit" (the permission table) edits the clinic's facts and doctors;
 *   everyone else is refused and nothing changes; every change is audited;
 * - the home page and a programme page render in every language with no raw key, with the
 *   clinic, its doctors, the price in the reader's own Intl format and the footer's contacts;
 * - the questions patients ask are the admins' to write (per language, in order, shown or
 *   hidden), read in the reader's language or in English marked lang="en".
 */
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { SiteFooter } from "~/components/site/footer";
import { formatPriceRange } from "~/components/site/clinic";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { LOCALES, type Locale } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import { newFormKey } from "~/infra/forms.server";
import { ROLES, roleCan } from "~/lib/permissions";
import { startDraft } from "~/models/finance/quotes.server";
import { clinicContact } from "~/models/site/site.server";
import Home, { loader as homeLoader } from "~/routes/_index";
import ProgrammePage, { loader as programmeLoader } from "~/routes/programmes.$slug";
import { action as siteAction, loader as siteLoader } from "~/routes/staff.site";
import { FAQ } from "../prisma/seed-faq";
import { CLINIC, seedSite } from "../prisma/seed-site";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { call, cookieFor, formReply, refusedStatus } from "./support/requests";

type Price = { currency: string; minMinor: number; maxMinor: number } | null;
type HomeData = { programmes: { slug: string; price: Price }[] };
type ProgrammeData = { programme: { slug: string; price: Price } };

let slug: string;
let programmeId: string;

async function priceList() {
  const items = [
    // 1,000.00 medical, VAT exempt
    ["workup", "WORKUP", 1_000_00, 1, true, "EXEMPT"],
    // 3 nights at 100.00 + 10 % VAT = 330.00
    ["hotel-night", "HOTEL", 100_00, 3, true, "VAT_10"],
    // 2 transfers at 50.00 + 20 % VAT = 120.00
    ["transfer", "TRANSFER", 50_00, 2, true, "VAT_20"],
    // optional: 900.00 + 10 % VAT = 990.00
    ["companion", "COMPANION", 900_00, 1, false, "VAT_10"],
    // no nights by default: counts nowhere
    ["hospital-night", "HOSPITAL", 450_00, 0, true, "EXEMPT"],
  ] as const;
  for (const [position, [key, category, price, quantity, included, taxRule]] of items.entries()) {
    await db.priceItem.create({
      data: {
        programmeId,
        key,
        name: key,
        category,
        unitPriceMinor: price,
        defaultQuantity: quantity,
        includedByDefault: included,
        taxRule,
        position,
      },
    });
  }
  // Withdrawn from the list: never part of a quote, nor of the range.
  await db.priceItem.create({
    data: {
      programmeId,
      key: "old",
      name: "old",
      category: "OTHER",
      unitPriceMinor: 5_000_00,
      active: false,
      position: 9,
    },
  });
}

beforeEach(async () => {
  await resetDatabase();
  await seedSite(db);
  const { kase, programme } = await createCase();
  slug = programme.slug;
  programmeId = programme.id;
  await priceList();
  await db.case.update({
    where: { id: kase.id },
    data: { stage: "MEDICAL_REVIEW", eligibility: "ELIGIBLE", currency: "EUR" },
  });
});

async function homePrice(): Promise<Price> {
  const home = (await call(homeLoader, { path: "/" })).data as HomeData;
  return home.programmes.find((p) => p.slug === slug)!.price;
}

describe("the indicative price", () => {
  it("is a first quote's total at the low end, adds the optional items at the high end", async () => {
    expect(await homePrice()).toEqual({ currency: "EUR", minMinor: 1_450_00, maxMinor: 2_440_00 });

    // The low end is what finance's first draft from the same list adds up to.
    const finance = await createUser({ role: "FINANCE" });
    const kase = await db.case.findFirstOrThrow({ where: { programmeId } });
    const draft = await startDraft(kase.id, finance);
    const quote = await db.quote.findUniqueOrThrow({ where: { id: draft.id } });
    expect(quote.totalMinor).toBe((await homePrice())!.minMinor);
  });

  it("follows the price list: a changed price, a withdrawn item, an empty list", async () => {
    await db.priceItem.updateMany({
      where: { programmeId, key: "workup" },
      data: { unitPriceMinor: 1_200_00 },
    });
    expect(await homePrice()).toMatchObject({ minMinor: 1_650_00, maxMinor: 2_640_00 });
    const page = (await call(programmeLoader, { path: `/programmes/${slug}`, params: { slug } }))
      .data as ProgrammeData;
    expect(page.programme.price).toEqual(await homePrice());

    await db.priceItem.updateMany({
      where: { programmeId, key: "companion" },
      data: { active: false },
    });
    expect(await homePrice()).toMatchObject({ minMinor: 1_650_00, maxMinor: 1_650_00 });

    await db.priceItem.deleteMany({ where: { programmeId } });
    expect(await homePrice()).toBeNull();
  });

  it("is written the reader's way, whole units, as a range", () => {
    const price = { currency: "EUR", minMinor: 1_450_00, maxMinor: 2_440_40 };
    expect(formatPriceRange(price, "de")).toBe(
      new Intl.NumberFormat("de", {
        style: "currency",
        currency: "EUR",
        maximumFractionDigits: 0,
      }).formatRange(1450, 2441),
    );
    expect(formatPriceRange({ ...price, maxMinor: 1_450_00 }, "en")).toBe("€1,450");
  });

  it("is not found for a programme that does not exist or is withdrawn", async () => {
    const missing = await call(programmeLoader, {
      path: "/programmes/nope",
      params: { slug: "nope" },
    });
    expect(missing.status).toBe(404);
    await db.programme.update({ where: { id: programmeId }, data: { active: false } });
    expect(
      (await call(programmeLoader, { path: `/programmes/${slug}`, params: { slug } })).status,
    ).toBe(404);
  });
});

/** The clinic form as an admin would post it, with `changes`. */
function clinicForm(changes: Record<string, string> = {}) {
  const form = new URLSearchParams({
    intent: "clinic",
    ...Object.fromEntries(Object.entries(CLINIC).map(([k, v]) => [k, String(v)])),
    ...changes,
  });
  return form;
}

describe("editing the clinic's facts and doctors", () => {
  it("is refused to every role the permission table does not give site:edit, and changes nothing", async () => {
    for (const role of ROLES) {
      const user = await createUser({ role });
      const cookie = await cookieFor(user.id);
      const page = await call(siteLoader, { path: "/staff/site", cookie });
      const post = await call(siteAction, {
        path: "/staff/site",
        cookie,
        form: clinicForm({ name: `Renamed by ${role}` }),
      });
      const allowed = roleCan(role, "site:edit");
      expect([role, page.status], role).toEqual([role, allowed ? 200 : refusedStatus(role)]);
      expect([role, post.status], role).toEqual([role, allowed ? 200 : refusedStatus(role)]);
    }
    // Only the admin's save went through (ADMIN is the table's only holder).
    expect(roleCan("ADMIN", "site:edit")).toBe(true);
    expect((await db.clinicProfile.findUniqueOrThrow({ where: { id: "clinic" } })).name).toBe(
      "Renamed by ADMIN",
    );
    const anonymous = await call(siteLoader, { path: "/staff/site" });
    expect(anonymous.status).toBe(302);
  });

  it("saves the facts, normalises the numbers, audits what changed, and the footer shows it", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    const saved = await call(siteAction, {
      path: "/staff/site",
      cookie,
      form: clinicForm({ phone: "0216 555 12 34", whatsapp: "+90 532 765 43 21" }),
    });
    expect(saved.status).toBe(200);
    expect(formReply(saved)).toMatchObject({ errors: {}, done: "Saved." });
    const row = await db.clinicProfile.findUniqueOrThrow({ where: { id: "clinic" } });
    expect(row).toMatchObject({
      phone: "+902165551234",
      whatsapp: "+905327654321",
      updatedById: admin.id,
    });
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "site.clinic.edit" } });
    expect(log).toMatchObject({ actorId: admin.id, entity: "ClinicProfile", outcome: "success" });
    expect(log.detail).toContain("phone");
    expect(log.detail).not.toContain("email");
    expect(await clinicContact()).toMatchObject({ phoneDisplay: "+90 216 555 12 34" });
  });

  it("refuses a bad number, address or coordinate beside its field, and keeps the record", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const bad = await call(siteAction, {
      path: "/staff/site",
      cookie: await cookieFor(admin.id),
      form: clinicForm({ phone: "12", email: "nope", latitude: "91", country: "XX" }),
    });
    expect(bad.status).toBe(400);
    const reply = formReply(bad);
    expect(Object.keys(reply.errors).sort()).toEqual(["country", "email", "latitude", "phone"]);
    expect(reply.errors.latitude).toContain("90");
    expect(await db.clinicProfile.findUniqueOrThrow({ where: { id: "clinic" } })).toMatchObject({
      phone: CLINIC.phone,
      email: CLINIC.email,
    });
    expect(await db.auditLog.count({ where: { action: "site.clinic.edit" } })).toBe(0);
  });

  it("edits a doctor's words per language and adds a doctor once per form", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    const doctor = await db.doctor.findFirstOrThrow({ orderBy: { position: "asc" } });
    const form = new URLSearchParams({
      intent: "doctor",
      doctorId: doctor.id,
      name: doctor.name,
      registration: doctor.registration,
      programmes: `lupus-msc, ${slug}`,
      position: "0",
      active: "on",
      title_en: "Rheumatologist",
      credentials_en: "MD, Hacettepe University.",
      title_ar: "استشاري الروماتيزم",
      credentials_ar: "دكتوراه في الطب، جامعة حجة تبة.",
    });
    const edited = await call(siteAction, { path: "/staff/site", cookie, form });
    expect(formReply(edited).errors).toEqual({});
    expect(edited.status).toBe(200);
    const stored = await db.doctor.findUniqueOrThrow({ where: { id: doctor.id } });
    expect(stored.programmes).toBe(`lupus-msc,${slug}`);
    expect(JSON.parse(stored.translations)).toEqual({
      en: { title: "Rheumatologist", credentials: "MD, Hacettepe University." },
      ar: { title: "استشاري الروماتيزم", credentials: "دكتوراه في الطب، جامعة حجة تبة." },
    });
    expect(
      await db.auditLog.count({ where: { action: "site.doctor.edit", actorId: admin.id } }),
    ).toBe(1);

    const key = newFormKey();
    const add = () =>
      call(siteAction, {
        path: "/staff/site",
        cookie,
        form: new URLSearchParams({
          intent: "newDoctor",
          _key: key,
          name: "Dr. Ayşe Kaya",
          registration: "TTB 120001",
        }),
      });
    expect((await add()).status).toBe(200);
    expect((await add()).status).toBe(409);
    expect(await db.doctor.count({ where: { name: "Dr. Ayşe Kaya" } })).toBe(1);
  });
});

/** A route's page rendered with its loader's data and the language's translations. */
async function render(
  lng: Locale,
  path: string,
  Page: ComponentType,
  loader: () => Promise<unknown>,
): Promise<string> {
  const contact = await clinicContact();
  const WithFooter = () => (
    <>
      <Page />
      <SiteFooter contact={contact} signedIn={false} />
    </>
  );
  const handler = createStaticHandler([{ id: "page", path: "*", loader, Component: WithFooter }]);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`loader answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const i18n = createClientI18n(lng, resources[lng]);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

/** The page's words, without tags, with entities read. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/[ \t\r\n]+/g, " ");
const RAW_KEY =
  /\b(site|common|catalogue|finance):|\b(home|prices|clinic|contact|doctors|faq|programme|footer|landing|category)\.[a-zA-Z]+/;

describe.each(LOCALES)("the public pages in %s", (lng) => {
  it("show the clinic, its price, its doctors and its contacts, with no raw key", async () => {
    const site = resources[lng].site as Record<string, Record<string, Record<string, string>>>;
    const range = formatPriceRange(
      { currency: "EUR", minMinor: 1_450_00, maxMinor: 2_440_00 },
      lng,
    );
    const home = text(
      await render(lng, "/", Home, () => homeLoader({} as never) as Promise<unknown>),
    );
    expect(home).not.toMatch(RAW_KEY);
    expect(home).not.toMatch(/\{\{|\}\}/);
    for (const expected of [
      CLINIC.name,
      CLINIC.licenceNumber,
      CLINIC.authorisationNumber,
      "+90 532 123 45 67",
      "+90 216 300 12 34",
      CLINIC.email,
      "Prof. Dr. Murat Aydın",
      range,
      faqIn(lng, "contraindications").question,
      site.prices!.note as unknown as string,
    ])
      expect(home, expected).toContain(expected);
    // The Staff sign-in lives in the footer now.
    expect(home).toContain(
      (resources[lng].common as { nav: { staffSignIn: string } }).nav.staffSignIn,
    );

    const programme = text(
      await render(
        lng,
        `/programmes/${slug}`,
        ProgrammePage,
        () => programmeLoader({ params: { slug } } as never) as Promise<unknown>,
      ),
    );
    expect(programme).not.toMatch(RAW_KEY);
    expect(programme).not.toMatch(/\{\{|\}\}/);
    expect(programme).toContain(range);
    expect(programme).toContain(site.programme!.timeline as unknown as string);
  });
});

/** A seeded question in `lng`, as the locale files had it before admins could edit it. */
function faqIn(lng: Locale, key: string) {
  const entry = FAQ.find((e) => e.key === key)!;
  return lng === "en" ? entry : entry.translations[lng]!;
}

/** The question's editor form, as the admin page fills it, with `changes`. */
async function faqForm(id: string, changes: Record<string, string> = {}) {
  const row = await db.faqEntry.findUniqueOrThrow({ where: { id } });
  const form: Record<string, string> = {
    intent: "faq",
    faqId: id,
    position: String(row.position),
    question_en: row.question,
    answer_en: row.answer,
  };
  if (row.active) form.active = "on";
  const texts = JSON.parse(row.translations) as Record<string, Record<string, string>>;
  for (const [lng, t] of Object.entries(texts)) {
    form[`question_${lng}`] = t.question ?? "";
    form[`answer_${lng}`] = t.answer ?? "";
  }
  return new URLSearchParams({ ...form, ...changes });
}

const home = async (lng: Locale) =>
  render(lng, "/", Home, () => homeLoader({} as never) as Promise<unknown>);

describe("the questions patients ask", () => {
  it("are seeded once from what the locale files said, in all seven languages", async () => {
    const rows = await db.faqEntry.findMany({ orderBy: { position: "asc" } });
    expect(rows.map((r) => r.question)).toEqual(FAQ.map((e) => e.question));
    for (const row of rows)
      expect(Object.keys(JSON.parse(row.translations) as object).sort()).toEqual(
        LOCALES.filter((l) => l !== "en").sort(),
      );
    await db.faqEntry.update({ where: { id: rows[0]!.id }, data: { question: "Kept?" } });
    await seedSite(db);
    expect(await db.faqEntry.count()).toBe(FAQ.length);
    expect((await db.faqEntry.findUniqueOrThrow({ where: { id: rows[0]!.id } })).question).toBe(
      "Kept?",
    );
  });

  it.each(["ar", "fa"] as const)(
    "are shown in %s, and an untranslated one in English marked lang=en",
    async (lng) => {
      const first = await db.faqEntry.findFirstOrThrow({ orderBy: { position: "asc" } });
      const texts = JSON.parse(first.translations) as Record<string, unknown>;
      delete texts[lng];
      await db.faqEntry.update({
        where: { id: first.id },
        data: { translations: JSON.stringify(texts) },
      });
      const html = await home(lng);
      const own = faqIn(lng, "contraindications");
      expect(html).toContain(`<summary>${own.question}</summary>`);
      expect(html).toMatch(
        new RegExp(
          `<details lang="en" dir="ltr"><summary>${first.question.replace(/[?]/g, "\\?")}</summary>`,
        ),
      );
      // The translated ones carry no lang of their own: they are in the page's.
      expect(html).not.toMatch(
        new RegExp(`lang="en"[^>]*><summary>${own.question.replace(/[?]/g, "\\?")}`),
      );
    },
  );

  it("are edited per language by an admin, audited once; the same form again writes nothing", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    const entry = await db.faqEntry.findFirstOrThrow({ orderBy: { position: "asc" } });
    const form = await faqForm(entry.id, {
      question_ar: "من يمكنه الخضوع للعلاج؟",
      answer_fa: "",
      position: "٧",
    });
    const saved = await call(siteAction, { path: "/staff/site", cookie, form });
    expect(formReply(saved).errors).toEqual({});
    expect(saved.status).toBe(200);
    const stored = await db.faqEntry.findUniqueOrThrow({ where: { id: entry.id } });
    const texts = JSON.parse(stored.translations) as Record<string, Record<string, string>>;
    expect(texts.ar!.question).toBe("من يمكنه الخضوع للعلاج؟");
    expect(texts.fa).toEqual({ question: faqIn("fa", FAQ[0]!.key).question });
    expect(stored.position).toBe(7);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "site.faq.edit" } });
    expect(log).toMatchObject({ actorId: admin.id, entity: "FaqEntry", entityId: entry.id });
    expect(log.detail).toContain("position");

    const again = await call(siteAction, { path: "/staff/site", cookie, form });
    expect(again.status).toBe(200);
    expect(formReply(again).done).toBe("Nothing to save: this is already what is shown.");
    expect(await db.auditLog.count({ where: { action: "site.faq.edit" } })).toBe(1);
    expect((await db.faqEntry.findUniqueOrThrow({ where: { id: entry.id } })).updatedAt).toEqual(
      stored.updatedAt,
    );
  });

  it("refuses an empty English question in the admin's language, and keeps what was typed", async () => {
    const admin = await createUser({ role: "ADMIN", locale: "tr" });
    const entry = await db.faqEntry.findFirstOrThrow({ orderBy: { position: "asc" } });
    const bad = await call(siteAction, {
      path: "/staff/site",
      cookie: await cookieFor(admin.id),
      form: await faqForm(entry.id, { question_en: " ", answer_de: "Neu", position: "x" }),
    });
    expect(bad.status).toBe(400);
    const reply = formReply(bad);
    expect(Object.keys(reply.errors).sort()).toEqual(["position", "question_en"]);
    expect(reply.errors.question_en).toBe(
      (resources.tr.site as { admin: { errors: { required: string } } }).admin.errors.required,
    );
    expect(JSON.stringify(reply)).toContain("Neu");
    expect(await db.faqEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      question: entry.question,
      translations: entry.translations,
    });
    expect(await db.auditLog.count({ where: { action: "site.faq.edit" } })).toBe(0);
  });

  it("is refused to every role without site:edit; a hidden one is not shown; a new one is added once", async () => {
    const entry = await db.faqEntry.findFirstOrThrow({ orderBy: { position: "asc" } });
    for (const role of ROLES) {
      if (roleCan(role, "site:edit")) continue;
      const user = await createUser({ role });
      const post = await call(siteAction, {
        path: "/staff/site",
        cookie: await cookieFor(user.id),
        form: await faqForm(entry.id, { question_en: `By ${role}` }),
      });
      expect([role, post.status]).toEqual([role, refusedStatus(role)]);
    }
    expect((await db.faqEntry.findUniqueOrThrow({ where: { id: entry.id } })).question).toBe(
      entry.question,
    );

    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    expect(await home("en")).toContain(entry.question);
    const form = await faqForm(entry.id);
    form.delete("active");
    expect((await call(siteAction, { path: "/staff/site", cookie, form })).status).toBe(200);
    expect(await home("en")).not.toContain(entry.question);
    const programme = await render(
      "en",
      `/programmes/${slug}`,
      ProgrammePage,
      () => programmeLoader({ params: { slug } } as never) as Promise<unknown>,
    );
    expect(programme).not.toContain(entry.question);
    expect(programme).toContain(FAQ[1]!.question);

    const key = newFormKey();
    const add = () =>
      call(siteAction, {
        path: "/staff/site",
        cookie,
        form: new URLSearchParams({
          intent: "newFaq",
          _key: key,
          question: "Can my family visit?",
          answer: "Yes, at any time.",
        }),
      });
    expect((await add()).status).toBe(200);
    expect((await add()).status).toBe(409);
    const added = await db.faqEntry.findMany({ where: { question: "Can my family visit?" } });
    expect(added).toHaveLength(1);
    expect(added[0]!.position).toBe(FAQ.length);
    expect(await db.auditLog.count({ where: { action: "site.faq.add" } })).toBe(1);
    // Untranslated yet: the Arabic page shows it in English, marked.
    expect(await home("ar")).toContain(
      '<details lang="en" dir="ltr"><summary>Can my family visit?',
    );
  });
});
