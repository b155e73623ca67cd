/**
 * Staff write and see every translation of the catalogue (ADR 024), through the real loaders
 * and actions on SQLite:
 * - only a holder of "catalogue:edit" (the permission table) reads or edits /staff/catalogue;
 * - a programme's and a step's texts are saved in English and every other language, audited
 *   with what changed; the same form sent again changes nothing and writes no second row;
 * - bad input is refused beside its field, in the reader's language, with what was typed kept;
 * - the marker names the languages a text is missing in, and goes once they are written;
 * - price item and resource names are written per language on their own pages, audited;
 * - the quote builder says which of a draft's lines have no name in the patient's language.
 */
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { MissingLanguages } from "~/components/translations";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import type { Locale } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import { ROLES, roleCan } from "~/lib/permissions";
import { staffQuotePage } from "~/models/finance/quote-pages.server";
import { startDraft } from "~/models/finance/quotes.server";
import CataloguePage, {
  action as catalogueAction,
  loader as catalogueLoader,
} from "~/routes/staff.catalogue";
import { action as pricesAction } from "~/routes/staff.finance.prices";
import { action as resourcesAction } from "~/routes/staff.resources";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { call, cookieFor, formReply, refusedStatus } from "./support/requests";

let programmeId: string;
let stepId: string;

beforeEach(async () => {
  await resetDatabase();
  const { programme } = await createCase();
  programmeId = programme.id;
  const step = await db.pathwayStep.create({
    data: {
      programmeId,
      position: 0,
      key: "workup",
      name: "Comprehensive workup",
      description: "SLEDAI-2K, organ function tests, imaging where indicated.",
    },
  });
  stepId = step.id;
});

const programmeForm = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    intent: "programme",
    programmeId,
    name: "MSC therapy for lupus (SLE)",
    condition: "Systemic lupus erythematosus",
    summary: "Mesenchymal stem cell therapy for lupus.",
    ...extra,
  });

async function admin(locale = "en") {
  const user = await createUser({ role: "ADMIN", locale });
  return { user, cookie: await cookieFor(user.id) };
}

describe("the catalogue page", () => {
  it("is open only to the roles the permission table gives catalogue:edit", async () => {
    for (const role of ROLES) {
      const user = await createUser({ role });
      const cookie = await cookieFor(user.id);
      const page = await call(catalogueLoader, { path: "/staff/catalogue", cookie });
      const post = await call(catalogueAction, {
        path: "/staff/catalogue",
        cookie,
        form: programmeForm({ name: `Renamed by ${role}` }),
      });
      const allowed = roleCan(role, "catalogue:edit");
      expect([role, page.status]).toEqual([role, allowed ? 200 : refusedStatus(role)]);
      expect([role, post.status]).toEqual([role, allowed ? 200 : refusedStatus(role)]);
    }
    expect(roleCan("ADMIN", "catalogue:edit")).toBe(true);
    expect(roleCan("COORDINATOR", "catalogue:edit")).toBe(false);
    const stored = await db.programme.findUniqueOrThrow({ where: { id: programmeId } });
    expect(stored.name).toBe("Renamed by ADMIN");
    expect(await db.auditLog.count({ where: { action: "catalogue.programme.edit" } })).toBe(1);
    expect((await call(catalogueLoader, { path: "/staff/catalogue" })).status).toBe(302);
  });

  it("saves a programme in every language, audits what changed, and a repeat writes nothing", async () => {
    const { user, cookie } = await admin();
    const form = programmeForm({
      name_ar: "العلاج بالخلايا الجذعية الوسيطة للذئبة",
      summary_ar: "علاج بالخلايا الجذعية الوسيطة لمرضى الذئبة.",
      name_fa: "  درمان لوپوس با سلول‌های بنیادی مزانشیمی  ",
    });
    const saved = await call(catalogueAction, { path: "/staff/catalogue", cookie, form });
    expect(formReply(saved)).toMatchObject({ errors: {}, done: "Saved." });
    const row = await db.programme.findUniqueOrThrow({ where: { id: programmeId } });
    expect(row.condition).toBe("Systemic lupus erythematosus");
    expect(JSON.parse(row.translations)).toEqual({
      ar: {
        name: "العلاج بالخلايا الجذعية الوسيطة للذئبة",
        summary: "علاج بالخلايا الجذعية الوسيطة لمرضى الذئبة.",
      },
      fa: { name: "درمان لوپوس با سلول‌های بنیادی مزانشیمی" },
    });
    const log = await db.auditLog.findFirstOrThrow({
      where: { action: "catalogue.programme.edit" },
    });
    expect(log).toMatchObject({ actorId: user.id, entity: "Programme", entityId: programmeId });
    expect(Object.keys(JSON.parse(log.detail!).after)).toEqual([
      "condition",
      "summary",
      "name.ar",
      "summary.ar",
      "name.fa",
    ]);
    expect(JSON.parse(log.detail!).before).toMatchObject({ "name.ar": "" });

    // The same form again (a double click, a reload that posts again): nothing more.
    const again = await call(catalogueAction, { path: "/staff/catalogue", cookie, form });
    expect(again.status).toBe(200);
    expect(formReply(again).done).toMatch(/Nothing changed/);
    expect(await db.auditLog.count({ where: { action: "catalogue.programme.edit" } })).toBe(1);

    // The page shows the translation, and what is still missing.
    const page = (await call(catalogueLoader, { path: "/staff/catalogue", cookie })).data as {
      programmes: {
        id: string;
        texts: Record<string, Record<string, string>>;
        missing: string[];
      }[];
      missing: Record<string, number>;
    };
    const shown = page.programmes.find((p) => p.id === programmeId)!;
    expect(shown.texts.ar!.name).toBe("العلاج بالخلايا الجذعية الوسيطة للذئبة");
    // Arabic still lacks the condition, Persian the condition and summary.
    expect(shown.missing).toEqual(["tr", "ar", "de", "ru", "fr", "fa"]);
    // Three programme texts and two step texts, less what was written.
    expect(page.missing).toMatchObject({ tr: 5, ar: 3, fa: 4, de: 5 });
  });

  it("refuses bad input beside its field in the reader's language and keeps what was typed", async () => {
    // A member of staff reads the page in their own saved language.
    const { cookie } = await admin("de");
    const form = programmeForm({
      name: "   ",
      name_ar: "ا".repeat(161),
      name_tr: "Lupus için MSC",
    });
    const bad = await call(catalogueAction, {
      path: "/staff/catalogue",
      cookie,
      form,
      lang: "de",
    });
    expect(bad.status).toBe(400);
    const reply = formReply(bad);
    expect(reply.form).toBe(`programme-${programmeId}`);
    expect(Object.keys(reply.errors).sort()).toEqual(["name", "name_ar"]);
    expect(reply.errors.name).toMatch(/englischen Text/);
    expect(reply.errors.name_ar).toContain("160");
    expect(reply.values.name_tr).toBe("Lupus için MSC");
    expect(reply.values.condition).toBe("Systemic lupus erythematosus");
    const row = await db.programme.findUniqueOrThrow({ where: { id: programmeId } });
    expect(row).toMatchObject({ name: "MSC therapy for lupus (SLE)", translations: "{}" });
    expect(await db.auditLog.count({ where: { action: "catalogue.programme.edit" } })).toBe(0);

    // A step that does not exist is not found, and nothing is written.
    const gone = await call(catalogueAction, {
      path: "/staff/catalogue",
      cookie,
      form: new URLSearchParams({ intent: "step", stepId: "nope", name: "X", description: "Y" }),
    });
    expect(gone.status).toBe(404);
  });

  it("saves a step's name and description per language, audited", async () => {
    const { user, cookie } = await admin();
    const saved = await call(catalogueAction, {
      path: "/staff/catalogue",
      cookie,
      form: new URLSearchParams({
        intent: "step",
        stepId,
        name: "Comprehensive workup",
        description: "SLEDAI-2K, organ function tests, imaging where indicated.",
        name_de: "Umfassende Voruntersuchung",
        description_de: "SLEDAI-2K, Organfunktionstests, Bildgebung nach Bedarf.",
      }),
    });
    expect(formReply(saved)).toMatchObject({ form: `step-${stepId}`, errors: {}, done: "Saved." });
    const step = await db.pathwayStep.findUniqueOrThrow({ where: { id: stepId } });
    expect(JSON.parse(step.translations)).toEqual({
      de: {
        name: "Umfassende Voruntersuchung",
        description: "SLEDAI-2K, Organfunktionstests, Bildgebung nach Bedarf.",
      },
    });
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "catalogue.step.edit" } });
    expect(log).toMatchObject({ actorId: user.id, entity: "PathwayStep", entityId: stepId });
    expect(Object.keys(JSON.parse(log.detail!).after)).toEqual(["name.de", "description.de"]);
  });

  it("two tabs: each keeps the other's edit, and the same field changed twice is refused", async () => {
    const { cookie } = await admin();
    // Both tabs loaded the step before either saved: each sends back what it was shown.
    const shown = {
      name: "Comprehensive workup",
      description: "SLEDAI-2K, organ function tests, imaging where indicated.",
    };
    const seen = JSON.stringify({ ...shown, name_de: "", name_fr: "" });
    const send = (extra: Record<string, string>) =>
      call(catalogueAction, {
        path: "/staff/catalogue",
        cookie,
        form: new URLSearchParams({ intent: "step", stepId, ...shown, seen, ...extra }),
      });
    expect(formReply(await send({ name_de: "Tab A" }))).toMatchObject({ done: "Saved." });
    // Tab B still shows no German name; it writes only the French one.
    expect(formReply(await send({ name_fr: "Onglet B" }))).toMatchObject({ done: "Saved." });
    const texts = async () =>
      JSON.parse((await db.pathwayStep.findUniqueOrThrow({ where: { id: stepId } })).translations);
    expect(await texts()).toEqual({ de: { name: "Tab A" }, fr: { name: "Onglet B" } });
    // A third tab, loaded at the same time, changes the German name too: a conflict.
    const refused = await send({ name_de: "Tab C" });
    expect(refused.status).toBe(409);
    expect(String(formReply(refused).errors[""])).toMatch(/while you were editing/);
    expect(await texts()).toEqual({ de: { name: "Tab A" }, fr: { name: "Onglet B" } });
    // Without what the page was shown (an old form), the save writes what it holds, as before.
    expect(
      formReply(
        await call(catalogueAction, {
          path: "/staff/catalogue",
          cookie,
          form: new URLSearchParams({ intent: "step", stepId, ...shown, name_de: "Tab D" }),
        }),
      ),
    ).toMatchObject({ done: "Saved." });
    expect(await texts()).toEqual({ de: { name: "Tab D" } });
  });
});

/** The catalogue page rendered with its loader's data, in `lng`. */
async function renderCatalogue(lng: Locale, cookie: string): Promise<string> {
  const loader = () =>
    catalogueLoader({
      request: new Request("http://localhost/staff/catalogue", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
  const handler = createStaticHandler([
    { id: "page", path: "*", loader, Component: CataloguePage as ComponentType },
  ]);
  const context = await handler.query(new Request("http://localhost/staff/catalogue"));
  if (context instanceof Response) throw new Error(`loader answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(
    <I18nextProvider i18n={createClientI18n(lng, resources[lng])}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("the missing-language marker", () => {
  it("names the missing languages in the reader's language, joined by Intl", () => {
    const render = (lng: Locale, missing: string[], patient = false) =>
      words(
        renderToStaticMarkup(
          <I18nextProvider i18n={createClientI18n(lng, resources[lng])}>
            <MissingLanguages missing={missing} patient={patient} />
          </I18nextProvider>,
        ),
      ).trim();
    expect(render("en", ["ar", "fa"])).toBe(
      "No Arabic or Persian yet — patients reading them see English",
    );
    expect(render("en", ["fa"])).toBe("No Persian yet — patients reading it see English");
    expect(render("de", ["ar", "fa"])).toContain("Arabisch oder Persisch");
    expect(render("ar", ["tr", "fa"])).toContain("التركية أو الفارسية");
    expect(render("en", ["ar"], true)).toBe(
      "No name in Arabic yet — this patient will read this line in English",
    );
    expect(render("en", [])).toBe("");
  });

  it("shows on the catalogue page, with each language's inputs in that language, and goes once written", async () => {
    const { cookie } = await admin();
    const before = await renderCatalogue("en", cookie);
    expect(words(before)).toContain(
      "No Turkish, Arabic, German, Russian, French, or Persian yet — patients reading them see English",
    );
    expect(words(before)).toContain("5 texts missing in Persian");
    // Each language's control is marked as that language, right to left where it reads so.
    expect(before).toMatch(/<input[^>]*name="name_ar"[^>]*lang="ar"[^>]*dir="rtl"/);
    expect(before).toMatch(/<textarea[^>]*name="summary_fa"[^>]*lang="fa"[^>]*dir="rtl"/);
    expect(before).toMatch(/<input[^>]*name="name_de"[^>]*lang="de"[^>]*dir="ltr"/);
    expect(before).toMatch(/<label for="[^"]+-name_ar">Programme name<\/label>/);

    const all = (fields: Record<string, string>) =>
      Object.fromEntries(
        ["tr", "ar", "de", "ru", "fr", "fa"].flatMap((l) =>
          Object.entries(fields).map(([f, v]) => [`${f}_${l}`, `${v} (${l})`]),
        ),
      );
    for (const form of [
      programmeForm(all({ name: "Name", condition: "Condition", summary: "Summary" })),
      new URLSearchParams({
        intent: "step",
        stepId,
        name: "Comprehensive workup",
        description: "Workup.",
        ...all({ name: "Workup", description: "Workup" }),
      }),
    ])
      expect((await call(catalogueAction, { path: "/staff/catalogue", cookie, form })).status).toBe(
        200,
      );
    const after = words(await renderCatalogue("ar", cookie));
    expect(after).not.toContain("لا توجد ترجمة");
    expect(after).toContain("كل النصوص مكتوبة بجميع اللغات.");
  });
});

describe("price item and resource names per language", () => {
  it("finance writes an item's names; the edit is audited; a coordinator may not", async () => {
    const item = await db.priceItem.create({
      data: { programmeId, key: "workup", name: "Workup", category: "WORKUP", unitPriceMinor: 100 },
    });
    const form = new URLSearchParams({ intent: "names", itemId: item.id, name_ar: "الفحوص" });
    const coordinator = await createUser({ role: "COORDINATOR" });
    const refused = await call(pricesAction, {
      path: "/staff/finance/prices",
      cookie: await cookieFor(coordinator.id),
      form,
    });
    expect(refused.status).toBe(403);
    const finance = await createUser({ role: "FINANCE" });
    const saved = await call(pricesAction, {
      path: "/staff/finance/prices",
      cookie: await cookieFor(finance.id),
      form,
    });
    expect(formReply(saved)).toMatchObject({ form: `names-${item.id}`, done: "Names saved." });
    const row = await db.priceItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.name).toBe("Workup");
    expect(JSON.parse(row.translations)).toEqual({ ar: { name: "الفحوص" } });
    expect(
      await db.auditLog.count({ where: { action: "price.names.edit", actorId: finance.id } }),
    ).toBe(1);
  });

  it("a coordinator renames a resource in English and other languages, audited", async () => {
    const resource = await db.resource.create({ data: { name: "Chair 1", type: "CHAIR" } });
    const coordinator = await createUser({ role: "COORDINATOR" });
    const cookie = await cookieFor(coordinator.id);
    const saved = await call(resourcesAction, {
      path: "/staff/resources",
      cookie,
      form: new URLSearchParams({
        intent: "names",
        resourceId: resource.id,
        name: "Infusion chair 1",
        name_tr: "İnfüzyon koltuğu 1",
      }),
    });
    expect(formReply(saved)).toMatchObject({ form: `names-${resource.id}`, errors: {} });
    const row = await db.resource.findUniqueOrThrow({ where: { id: resource.id } });
    expect(row.name).toBe("Infusion chair 1");
    expect(JSON.parse(row.translations)).toEqual({ tr: { name: "İnfüzyon koltuğu 1" } });
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "resource.names.edit" } });
    expect(Object.keys(JSON.parse(log.detail!).after)).toEqual(["name", "name.tr"]);

    const empty = await call(resourcesAction, {
      path: "/staff/resources",
      cookie,
      form: new URLSearchParams({ intent: "names", resourceId: resource.id, name: "" }),
    });
    expect(empty.status).toBe(400);
    expect(formReply(empty).errors.name).not.toMatch(/Invalid input/);
  });
});

describe("the quote builder", () => {
  it("lists the draft's lines with no name in the patient's language", async () => {
    const { kase, programme } = await createCase({ locale: "ar" });
    await db.case.update({
      where: { id: kase.id },
      data: { stage: "MEDICAL_REVIEW", eligibility: "ELIGIBLE", currency: "EUR" },
    });
    for (const [position, key] of ["workup", "hotel"].entries())
      await db.priceItem.create({
        data: {
          programmeId: programme.id,
          key,
          name: key,
          category: "OTHER",
          unitPriceMinor: 100_00,
          position,
        },
      });
    const finance = await createUser({ role: "FINANCE" });
    const draft = await startDraft(kase.id, finance);
    const lines = await db.quoteLine.findMany({ where: { quoteId: draft.id } });
    expect(lines).toHaveLength(2);
    await db.quoteLine.update({
      where: { id: lines[0]!.id },
      data: { translations: JSON.stringify({ ar: { name: "الفحوص" } }) },
    });
    await db.quoteLine.update({
      where: { id: lines[1]!.id },
      data: { translations: JSON.stringify({ fa: { name: "هتل" } }) },
    });
    const page = await staffQuotePage(finance, kase.id, 0, null);
    expect(page.untranslated).toEqual([lines[1]!.id]);

    // A patient reading English reads every line as written.
    await db.case.update({ where: { id: kase.id }, data: { language: "en" } });
    expect((await staffQuotePage(finance, kase.id, 0, null)).untranslated).toEqual([]);
  });
});
