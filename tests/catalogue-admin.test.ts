/**
 * A clinic can change its catalogue without a developer (issue 23), through the real loaders
 * and actions on SQLite:
 * - a programme created with its steps on /staff/catalogue appears on the public site and the
 *   enquiry form; a bad or taken web address is refused by its field, in the reader's language,
 *   with what was typed kept;
 * - a retired programme is gone from the public pages and new enquiries, and a case that has it
 *   still shows it; it can be brought back;
 * - a retired step is not offered to new plans, while a plan that holds it keeps it;
 * - a step a plan refers to cannot be deleted (only retired); one nobody refers to can;
 * - a step's resource type, duration and gap are saved, checked and audited, and moves are
 *   safe to click twice;
 * - every change is audited with who, before and after;
 * - the coverage page counts missing texts from the rows: writing one lowers its count.
 */
import { db } from "~/db.server";
import { planRows } from "~/components/case/plan";
import { FORM_KEY } from "~/infra/forms.server";
import { ROLES, roleCan } from "~/lib/permissions";
import { savePlan } from "~/models/cases/workspace.server";
import { listEnquiryProgrammes } from "~/models/enquiry/catalogue.server";
import { action as catalogueAction, loader as catalogueLoader } from "~/routes/staff.catalogue";
import { loader as coverageLoader } from "~/routes/staff.catalogue_.coverage";
import { loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { loader as enquireLoader } from "~/routes/enquire";
import { loader as homeLoader } from "~/routes/_index";
import { loader as programmeLoader } from "~/routes/programmes.$slug";
import { action as pricesAction, loader as pricesLoader } from "~/routes/staff.finance.prices";
import { action as resourcesAction, loader as resourcesLoader } from "~/routes/staff.resources";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { createCase, createUser } from "./support/factories";
import { call, cookieFor, formReply, refusedStatus } from "./support/requests";

beforeEach(async () => {
  await resetDatabase();
});

async function admin(locale = "en") {
  const user = await createUser({ role: "ADMIN", locale });
  return { user, cookie: await cookieFor(user.id) };
}

async function pageKey(cookie: string): Promise<string> {
  const page = await call(catalogueLoader, { path: "/staff/catalogue", cookie });
  return (page.data as { formKey: string }).formKey;
}

const post = (cookie: string, fields: Record<string, string>, lang = "en") =>
  call(catalogueAction, {
    path: "/staff/catalogue",
    cookie,
    lang,
    form: new URLSearchParams(fields),
  });

const kneeProgramme = (key: string, extra: Record<string, string> = {}) => ({
  intent: "newProgramme",
  slug: "knee-osteoarthritis",
  name: "MSC therapy for knee osteoarthritis",
  condition: "Knee osteoarthritis",
  summary: "Intra-articular mesenchymal stem cell injection.",
  name_tr: "Diz osteoartriti için MSC tedavisi",
  [FORM_KEY]: key,
  ...extra,
});

async function newStep(cookie: string, programmeId: string, name: string, extra = {}) {
  const answer = await post(cookie, {
    intent: "newStep",
    programmeId,
    name,
    description: `${name}, described.`,
    [FORM_KEY]: await pageKey(cookie),
    ...extra,
  });
  expect(formReply(answer)).toMatchObject({ errors: {}, done: expect.any(String) });
  return db.pathwayStep.findFirstOrThrow({ where: { programmeId, name } });
}

const detailOf = (log: { detail: string | null }) =>
  JSON.parse(log.detail ?? "null") as { before: unknown; after: unknown };

describe("creating a programme", () => {
  it("puts it with its steps on the public site and the enquiry form, audited", async () => {
    const { user, cookie } = await admin();
    const created = await post(cookie, kneeProgramme(await pageKey(cookie)));
    expect(created.status).toBe(200);
    expect(formReply(created)).toMatchObject({ errors: {}, done: expect.stringMatching(/added/) });
    const programme = await db.programme.findUniqueOrThrow({
      where: { slug: "knee-osteoarthritis" },
    });
    expect(JSON.parse(programme.translations)).toEqual({
      tr: { name: "Diz osteoartriti için MSC tedavisi" },
    });
    const first = await newStep(cookie, programme.id, "Knee assessment", {
      resourceType: "CLINICIAN",
      durationMinutes: "٤٥", // Arabic-Indic digits read as 45
    });
    await newStep(cookie, programme.id, "Injection", { durationMinutes: "30", gapMinutes: "120" });
    expect(first).toMatchObject({ key: "knee-assessment", resourceType: "CLINICIAN" });
    expect(first.durationMinutes).toBe(45);

    // A new programme is hidden until it is offered: nothing half-made reaches the public.
    const hidden = (await call(enquireLoader, { path: "/enquire" })).data as {
      programmes: { slug: string }[];
    };
    expect(hidden.programmes.map((p) => p.slug)).not.toContain("knee-osteoarthritis");
    const notYet = await call(programmeLoader, {
      path: "/programmes/knee-osteoarthritis",
      params: { slug: "knee-osteoarthritis" },
    });
    expect(notYet.status).toBe(404);
    const offered = await post(cookie, {
      intent: "programmeActive",
      programmeId: programme.id,
      active: "yes",
    });
    expect(formReply(offered).done).toMatch(/offered to new patients/);

    const enquiry = (await call(enquireLoader, { path: "/enquire" })).data as {
      programmes: { slug: string }[];
    };
    expect(enquiry.programmes.map((p) => p.slug)).toContain("knee-osteoarthritis");
    const home = (await call(homeLoader, { path: "/" })).data as { programmes: { slug: string }[] };
    expect(home.programmes.map((p) => p.slug)).toContain("knee-osteoarthritis");
    const page = await call(programmeLoader, {
      path: "/programmes/knee-osteoarthritis",
      params: { slug: "knee-osteoarthritis" },
    });
    expect(page.status).toBe(200);
    const shown = page.data as { programme: { steps: { name: string }[] } };
    expect(shown.programme.steps.map((s) => s.name)).toEqual(["Knee assessment", "Injection"]);

    const log = await db.auditLog.findFirstOrThrow({
      where: { action: "catalogue.programme.create" },
    });
    expect(log).toMatchObject({ actorId: user.id, entity: "Programme", entityId: programme.id });
    expect(detailOf(log)).toMatchObject({
      before: null,
      after: { slug: "knee-osteoarthritis", languages: "tr", active: false },
    });
    expect(await db.auditLog.count({ where: { action: "catalogue.step.create" } })).toBe(2);
  });

  it("refuses a bad or taken web address by its field, in the reader's language, keeping what was typed", async () => {
    const { cookie } = await admin("tr");
    const bad = await post(
      cookie,
      kneeProgramme(await pageKey(cookie), { slug: "Knee OA!" }),
      "tr",
    );
    expect(bad.status).toBe(400);
    const badReply = formReply(bad);
    expect(badReply.form).toBe("new-programme");
    expect(badReply.errors.slug).toMatch(/küçük Latin harfleri/);
    expect(badReply.values).toMatchObject({ name_tr: "Diz osteoartriti için MSC tedavisi" });

    const first = await post(cookie, kneeProgramme(await pageKey(cookie)), "tr");
    expect(first.status).toBe(200);
    const taken = await post(
      cookie,
      kneeProgramme(await pageKey(cookie), { name: "Another knee programme" }),
      "tr",
    );
    expect(taken.status).toBe(409);
    const takenReply = formReply(taken);
    expect(takenReply.errors.slug).toMatch(/başka bir programda/);
    expect(takenReply.values).toMatchObject({ name: "Another knee programme" });
    expect(await db.programme.count()).toBe(1);

    // Empty and forged posts are answered, never a 500.
    const forged: Record<string, string>[] = [
      {},
      { intent: "newProgramme" },
      { intent: "moveStep", stepId: "x" },
    ];
    for (const fields of forged) {
      const answer = await post(cookie, fields, "tr");
      expect(answer.status).toBe(400);
    }
  });

  it("is for the roles the permission table gives catalogue:edit, and so is the coverage page", async () => {
    for (const role of ROLES) {
      const user = await createUser({ role });
      const cookie = await cookieFor(user.id);
      const allowed = roleCan(role, "catalogue:edit");
      const created = await call(catalogueAction, {
        path: "/staff/catalogue",
        cookie,
        form: new URLSearchParams({ ...kneeProgramme("x"), slug: `p-${role.toLowerCase()}` }),
      });
      // An admin's forged key is refused as stale (409); everyone else never gets that far.
      expect([role, created.status]).toEqual([role, allowed ? 409 : refusedStatus(role)]);
      const coverage = await call(coverageLoader, { path: "/staff/catalogue/coverage", cookie });
      expect([role, coverage.status]).toEqual([role, allowed ? 200 : refusedStatus(role)]);
    }
    expect(await db.programme.count()).toBe(0);
  });
});

describe("retiring a programme", () => {
  it("hides it from the public pages and new enquiries; a case that has it still shows it", async () => {
    const { kase, programme } = await createCase();
    const { user, cookie } = await admin();
    const retired = await post(cookie, {
      intent: "programmeActive",
      programmeId: programme.id,
      active: "no",
    });
    expect(formReply(retired).done).toMatch(/retired/);

    expect((await listEnquiryProgrammes()).map((p) => p.slug)).not.toContain(programme.slug);
    const page = await call(programmeLoader, {
      path: `/programmes/${programme.slug}`,
      params: { slug: programme.slug },
    });
    expect(page.status).toBe(404);
    const staffCase = await call(caseLoader, {
      path: `/staff/cases/${kase.id}`,
      params: { caseId: kase.id },
      cookie,
    });
    expect(staffCase.status).toBe(200);
    expect((staffCase.data as { kase: { programme: { name: string } } }).kase.programme.name).toBe(
      programme.name,
    );

    const log = await db.auditLog.findFirstOrThrow({
      where: { action: "catalogue.programme.retire" },
    });
    expect(log.actorId).toBe(user.id);
    expect(detailOf(log)).toEqual({ before: { active: true }, after: { active: false } });

    // Sent again: nothing more is written. Brought back: offered again.
    await post(cookie, { intent: "programmeActive", programmeId: programme.id, active: "no" });
    expect(await db.auditLog.count({ where: { action: "catalogue.programme.retire" } })).toBe(1);
    await post(cookie, { intent: "programmeActive", programmeId: programme.id, active: "yes" });
    expect((await listEnquiryProgrammes()).map((p) => p.slug)).toContain(programme.slug);
  });
});

describe("pathway steps", () => {
  it("a retired step is not copied into a new plan; a plan that holds it keeps it", async () => {
    const { kase: holder, programme } = await createCase();
    const { cookie } = await admin();
    const kept = await newStep(cookie, programme.id, "Workup");
    const old = await newStep(cookie, programme.id, "Old infusion protocol");
    const clinician = await createUser({ role: "CLINICIAN" });
    const actor = { id: clinician.id, role: "CLINICIAN" as const };
    await savePlan(
      holder.id,
      actor,
      [
        { pathwayStepId: kept.id, name: "Workup" },
        { pathwayStepId: old.id, name: "Old infusion protocol" },
      ],
      sentForm(),
    );

    const retired = await post(cookie, { intent: "stepRetired", stepId: old.id, retired: "yes" });
    expect(formReply(retired).done).toMatch(/retired/);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "catalogue.step.retire" } });
    expect(detailOf(log)).toMatchObject({ before: { retiredAt: null } });

    // A new case of the same programme: the editor proposes the live steps only.
    const patient = await createUser({ role: "PATIENT" });
    const fresh = await db.case.create({
      data: {
        number: "T-0002",
        stage: "MEDICAL_REVIEW",
        patientId: patient.id,
        programmeId: programme.id,
        language: "en",
        timeZone: "Europe/Berlin",
        currency: "EUR",
      },
    });
    const page = await call(caseLoader, {
      path: `/staff/cases/${fresh.id}`,
      params: { caseId: fresh.id },
      cookie: await cookieFor(clinician.id),
    });
    const freshCase = (page.data as { kase: Parameters<typeof planRows>[0] }).kase;
    const proposed = planRows(freshCase, (s) => s.name);
    expect(proposed.map((r) => r.name)).toEqual(["Workup", ""]);
    // A forged link to the retired step is dropped, not trusted.
    await savePlan(fresh.id, actor, [{ pathwayStepId: old.id, name: "Smuggled" }], sentForm());
    const smuggled = await db.treatmentPlanStep.findFirstOrThrow({ where: { caseId: fresh.id } });
    expect(smuggled.pathwayStepId).toBeNull();

    // The case that had it keeps it, and saving its plan again keeps the link.
    const holderPage = await call(caseLoader, {
      path: `/staff/cases/${holder.id}`,
      params: { caseId: holder.id },
      cookie: await cookieFor(clinician.id),
    });
    const holderCase = (holderPage.data as { kase: Parameters<typeof planRows>[0] }).kase;
    expect(planRows(holderCase, (s) => s.name).map((r) => r.name)).toEqual([
      "Workup",
      "Old infusion protocol",
      "",
    ]);
    await savePlan(
      holder.id,
      actor,
      [
        { pathwayStepId: kept.id, name: "Workup" },
        { pathwayStepId: old.id, name: "Old infusion protocol" },
      ],
      sentForm(),
    );
    const links = await db.treatmentPlanStep.findMany({
      where: { caseId: holder.id },
      orderBy: { position: "asc" },
    });
    expect(links.map((l) => l.pathwayStepId)).toEqual([kept.id, old.id]);

    // The public programme page no longer lists it.
    await db.programme.update({ where: { id: programme.id }, data: { active: true } });
    const shown = await call(programmeLoader, {
      path: `/programmes/${programme.slug}`,
      params: { slug: programme.slug },
    });
    const steps = (shown.data as { programme: { steps: { name: string }[] } }).programme.steps;
    expect(steps.map((s) => s.name)).toEqual(["Workup"]);
  });

  it("a step a plan refers to cannot be deleted, only retired; one nobody refers to can", async () => {
    const { kase, programme } = await createCase();
    const { cookie } = await admin();
    const used = await newStep(cookie, programme.id, "Workup");
    const unused = await newStep(cookie, programme.id, "Typo step");
    const clinician = await createUser({ role: "CLINICIAN" });
    await savePlan(
      kase.id,
      { id: clinician.id, role: "CLINICIAN" },
      [{ pathwayStepId: used.id, name: "Workup" }],
      sentForm(),
    );

    const refused = await post(cookie, { intent: "deleteStep", stepId: used.id });
    expect(refused.status).toBe(409);
    expect(formReply(refused)).toMatchObject({ form: `delete-${used.id}` });
    expect(formReply(refused).errors[""]).toMatch(/Retire it instead/);
    expect(await db.pathwayStep.count({ where: { id: used.id } })).toBe(1);
    expect(await db.treatmentPlanStep.count({ where: { pathwayStepId: used.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "catalogue.step.delete" } })).toBe(0);

    const deleted = await post(cookie, { intent: "deleteStep", stepId: unused.id });
    expect(deleted.status).toBe(200);
    expect(await db.pathwayStep.count({ where: { id: unused.id } })).toBe(0);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "catalogue.step.delete" } });
    expect(detailOf(log)).toMatchObject({ before: { name: "Typo step" }, after: null });
    // Again: it is gone, and the answer says so (not a 500).
    expect((await post(cookie, { intent: "deleteStep", stepId: unused.id })).status).toBe(404);
  });

  it("saves a step's resource type, duration and gap, audited before and after; bad input is refused by its field", async () => {
    const { programme } = await createCase();
    const { user, cookie } = await admin();
    const step = await newStep(cookie, programme.id, "Infusion");
    const settings = (extra: Record<string, string>) =>
      post(cookie, { intent: "stepSettings", stepId: step.id, ...extra });

    const saved = await settings({ resourceType: "CHAIR", durationMinutes: "90", gapMinutes: "" });
    expect(formReply(saved)).toMatchObject({ errors: {}, done: "Saved." });
    expect(await db.pathwayStep.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({
      resourceType: "CHAIR",
      durationMinutes: 90,
      gapMinutes: null,
    });
    const log = await db.auditLog.findFirstOrThrow({
      where: { action: "catalogue.step.settings" },
    });
    expect(log.actorId).toBe(user.id);
    expect(detailOf(log)).toEqual({
      before: { resourceType: null, durationMinutes: null },
      after: { resourceType: "CHAIR", durationMinutes: 90 },
    });
    const again = await settings({ resourceType: "CHAIR", durationMinutes: "90", gapMinutes: "" });
    expect(formReply(again).done).toMatch(/Nothing changed/);
    expect(await db.auditLog.count({ where: { action: "catalogue.step.settings" } })).toBe(1);

    const bad = await settings({ resourceType: "CHAIR", durationMinutes: "an hour" });
    expect(bad.status).toBe(400);
    expect(formReply(bad).errors.durationMinutes).toMatch(/whole minutes/);
    expect(formReply(bad).values).toMatchObject({ durationMinutes: "an hour" });
    const unknown = await settings({ resourceType: "SPACESHIP", durationMinutes: "90" });
    expect(unknown.status).toBe(400);
    expect(formReply(unknown).errors.resourceType).toMatch(/Choose a resource/);
    expect(await db.pathwayStep.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({
      resourceType: "CHAIR",
      durationMinutes: 90,
    });
  });

  it("moves a step from the place the page showed; the same click again moves nothing", async () => {
    const { programme } = await createCase();
    const { cookie } = await admin();
    for (const name of ["One", "Two", "Three"]) await newStep(cookie, programme.id, name);
    const three = await db.pathwayStep.findFirstOrThrow({ where: { name: "Three" } });
    const move = { intent: "moveStep", stepId: three.id, direction: "up", at: "2" };
    const order = async () =>
      (
        await db.pathwayStep.findMany({
          where: { programmeId: programme.id },
          orderBy: { position: "asc" },
        })
      ).map((s) => s.name);

    expect(formReply(await post(cookie, move)).done).toBe("Order saved.");
    expect(await order()).toEqual(["One", "Three", "Two"]);
    expect(formReply(await post(cookie, move)).done).toMatch(/Nothing moved/);
    expect(await order()).toEqual(["One", "Three", "Two"]);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "catalogue.step.move" } });
    expect(detailOf(log)).toEqual({ before: { position: 2 }, after: { position: 1 } });
  });
});

describe("price items and resources", () => {
  it("audits each price item changed with before and after, and a new one; retiring keeps it", async () => {
    const { programme } = await createCase();
    const finance = await createUser({ role: "FINANCE" });
    const cookie = await cookieFor(finance.id);
    const item = await db.priceItem.create({
      data: {
        programmeId: programme.id,
        key: "infusion",
        name: "Infusion",
        category: "TREATMENT",
        unitPriceMinor: 1000_00,
      },
    });
    const other = await db.priceItem.create({
      data: {
        programmeId: programme.id,
        key: "hotel",
        name: "Hotel night",
        category: "ACCOMMODATION",
        unitPriceMinor: 90_00,
        position: 1,
      },
    });
    const page = await call(pricesLoader, {
      path: `/staff/finance/prices?programme=${programme.id}`,
      cookie,
    });
    const key = (page.data as { formKey: string }).formKey;
    const row = (i: number, fields: Record<string, string>) =>
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [`items[${i}].${k}`, v]));
    const saved = await call(pricesAction, {
      path: "/staff/finance/prices",
      cookie,
      form: new URLSearchParams({
        intent: "items",
        programmeId: programme.id,
        [FORM_KEY]: key,
        ...row(0, { id: item.id, name: "Infusion", price: "1200", tax: "EXEMPT", quantity: "1" }),
        ...row(1, {
          id: other.id,
          name: "Hotel night",
          price: "90",
          tax: "EXEMPT",
          quantity: "1",
          included: "on",
          active: "on",
        }),
        "new.key": "transfer",
        "new.name": "Airport transfer",
        "new.category": "TRANSFER",
        "new.unit": "ITEM",
        "new.price": "40",
        "new.tax": "EXEMPT",
        "new.quantity": "1",
      }),
    });
    expect(formReply(saved).errors).toEqual({});
    // The first row was unticked (not included, not active): retired, not deleted.
    const retired = await db.priceItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(retired).toMatchObject({ active: false, unitPriceMinor: 1200_00 });
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: item.id } });
    expect(log).toMatchObject({ action: "price.item.retire", actorId: finance.id });
    expect(detailOf(log)).toEqual({
      before: { unitPriceMinor: 1000_00, includedByDefault: true, active: true },
      after: { unitPriceMinor: 1200_00, includedByDefault: false, active: false },
    });
    // The unchanged row wrote nothing; the new one is recorded as created.
    expect(await db.auditLog.count({ where: { entityId: other.id } })).toBe(0);
    const created = await db.auditLog.findFirstOrThrow({ where: { action: "price.item.create" } });
    expect(detailOf(created)).toMatchObject({ before: null, after: { key: "transfer" } });
  });

  it("audits a resource created and retired, with before and after", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const cookie = await cookieFor(coordinator.id);
    const page = await call(resourcesLoader, { path: "/staff/resources", cookie });
    const key = (page.data as { formKey: string }).formKey;
    const form = (fields: Record<string, string>) =>
      call(resourcesAction, {
        path: "/staff/resources",
        cookie,
        form: new URLSearchParams(fields),
      });
    await form({ intent: "create", name: "Chair 9", type: "CHAIR", [FORM_KEY]: key });
    const chair = await db.resource.findFirstOrThrow({ where: { name: "Chair 9" } });
    await form({ intent: "active", resourceId: chair.id, active: "no" });
    await form({ intent: "active", resourceId: chair.id, active: "no" });
    const logs = await db.auditLog.findMany({
      where: { entityId: chair.id },
      orderBy: { createdAt: "asc" },
    });
    expect(logs.map((l) => l.action)).toEqual(["resource.create", "resource.retire"]);
    expect(logs.every((l) => l.actorId === coordinator.id)).toBe(true);
    expect(detailOf(logs[1]!)).toEqual({ before: { active: true }, after: { active: false } });
    expect(await db.resource.count({ where: { id: chair.id } })).toBe(1);
  });
});

describe("translation coverage", () => {
  type Coverage = {
    kinds: {
      kind: string;
      counts: Record<string, number>;
      rows: { id: string; href: string; missing: Record<string, number> }[];
    }[];
  };

  it("counts missing texts from the rows, per kind and language, and links each row", async () => {
    const { programme } = await createCase();
    const { cookie } = await admin();
    const step = await newStep(cookie, programme.id, "Workup", { name_ar: "الفحص الشامل" });
    await db.priceItem.create({
      data: {
        programmeId: programme.id,
        key: "workup",
        name: "Workup",
        category: "TREATMENT",
        unitPriceMinor: 100_00,
      },
    });
    await db.resource.create({ data: { name: "Chair 1", type: "CHAIR" } });
    await db.faqEntry.create({
      data: { question: "Can my family visit?", answer: "Yes.", translations: "{}" },
    });
    await db.doctor.create({
      data: {
        name: "Dr Ayşe Kaya",
        registration: "TTB 1",
        translations: JSON.stringify({ en: { title: "Rheumatologist", credentials: "MD" } }),
      },
    });
    const read = async () =>
      (await call(coverageLoader, { path: "/staff/catalogue/coverage", cookie })).data as Coverage;
    const of = (c: Coverage, kind: string) => c.kinds.find((k) => k.kind === kind)!;

    const before = await read();
    expect(before.kinds.map((k) => k.kind)).toEqual([
      "programme",
      "step",
      "priceItem",
      "resource",
      "doctor",
      "faq",
    ]);
    // Programme: three fields in each of six languages. Step: its Arabic name is written.
    expect(of(before, "programme").counts).toMatchObject({ ar: 3, fa: 3, tr: 3 });
    expect(of(before, "step").counts).toMatchObject({ ar: 1, fa: 2 });
    expect(of(before, "priceItem").counts.de).toBe(1);
    expect(of(before, "resource").counts.ru).toBe(1);
    expect(of(before, "doctor").counts.fr).toBe(2);
    expect(of(before, "faq").counts.tr).toBe(2);
    expect(of(before, "step").rows[0]).toMatchObject({
      id: step.id,
      href: `/staff/catalogue#step-${step.id}`,
      missing: { ar: 1, fa: 2 },
    });

    // Writing the Arabic description through the editor lowers the count at once.
    const saved = await post(cookie, {
      intent: "step",
      stepId: step.id,
      name: "Workup",
      description: "Workup, described.",
      name_ar: "الفحص الشامل",
      description_ar: "تقييم شامل لنشاط المرض.",
    });
    expect(formReply(saved).errors).toEqual({});
    const after = await read();
    expect(of(after, "step").counts.ar).toBe(0);
    expect(of(after, "step").counts.fa).toBe(2);
    expect(of(after, "step").rows[0]!.missing).toEqual({
      tr: 2,
      de: 2,
      ru: 2,
      fr: 2,
      fa: 2,
    });
  });
});
