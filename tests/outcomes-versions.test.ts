/**
 * Outcome sets as versioned data (ADR 028, kind OUTCOMES), on a real database: an admin
 * edits the draft through the editor's route and publishes it; follow-ups made afterwards
 * get the new version's schedule, measures, markers and thresholds, while those made on
 * version 1 keep version 1's; a row from before versions reads version 1; invalid sets are
 * refused in the admin's language; only admins edit; every write is audited.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { builtInOutcomes, OutcomesContent } from "~/lib/outcomes";
import { editorValues } from "~/forms/outcomes-editor";
import { completeFollowUp, LabCheckError, saveLabs } from "~/models/aftercare/aftercare.server";
import { outcomesOfFollowUp } from "~/models/aftercare/outcomes.server";
import { ensurePublished } from "~/models/catalogue/form-definitions.server";
import { changeStage } from "~/models/cases/stage.server";
import {
  action as followUpAction,
  loader as followUpLoader,
} from "~/routes/portal.cases.$caseId_.aftercare.$followUpId";
import {
  action as editorAction,
  loader as editorLoader,
} from "~/routes/staff.catalogue_.$programmeId.outcomes";
import { resetDatabase } from "./support/db";
import { createCase, createStaff } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

beforeEach(async () => {
  await resetDatabase();
});

/** Form fields as the editor names them: "proms[0].label.en". */
function flatten(value: unknown, prefix: string, out: URLSearchParams) {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (value !== undefined && value !== null) out.append(prefix, String(value));
  return out;
}

type Values = ReturnType<typeof editorValues>;

function editorForm(values: Values) {
  const form = flatten(values, "", new URLSearchParams());
  form.set("intent", "save");
  return form;
}

async function setUp() {
  const staff = await createStaff();
  const a = await createCase({ locale: "en" });
  const programmeId = a.programme.id;
  // As the seed does: version 1 is the lupus set from code.
  await ensurePublished(programmeId, "OUTCOMES", builtInOutcomes(2), OutcomesContent);
  // Case B on the same programme.
  const b = await createCase({ locale: "en" });
  await db.case.update({ where: { id: b.kase.id }, data: { programmeId } });
  return { staff, a, b, programmeId };
}

async function toAftercare(caseId: string, clinicianId: string) {
  await db.case.update({ where: { id: caseId }, data: { stage: "IN_TREATMENT" } });
  await changeStage({ caseId, to: "AFTERCARE", actor: { id: clinicianId, role: "CLINICIAN" } });
}

async function edit(programmeId: string, adminId: string, form: URLSearchParams, lang = "en") {
  return call(editorAction, {
    path: `/staff/catalogue/${programmeId}/outcomes`,
    params: { programmeId },
    cookie: await cookieFor(adminId),
    form,
    lang,
  });
}

/** Version 2: pain's threshold 2 → 4, a new marker (ferritin, worse up by 50), a new schedule. */
function version2(): Values {
  const v = editorValues(builtInOutcomes(2));
  const pain = v.proms.find((p) => "key" in p && p.key === "pain")!;
  Object.assign(pain, { threshold: "4" });
  v.markers[v.markers.length - 1] = {
    new: "1",
    key: "ferritin",
    name: { en: "Ferritin", tr: "Ferritin" },
    unit: "ng/mL",
    worse: "up",
    min: "0",
    max: "10000",
    plausibleLow: "1",
    plausibleHigh: "5000",
    referenceLow: "30",
    referenceHigh: "400",
    threshold: "50",
  } as never;
  v.schedule = [
    { duration: "P2W", label: {} },
    { duration: "p2m", label: {} },
    { new: "1" },
  ] as never;
  return v;
}

const answers = (over: Record<string, number> = {}, labs: Record<string, number> = {}) => ({
  proms: {
    fatigue: 4,
    pain: 3,
    stiffness: 3,
    flares: 0,
    steroidDoseMg: 5,
    qualityOfLife: 60,
    ...over,
  },
  labs,
});

describe("a published version", () => {
  it("is used by new follow-ups; those made on version 1 keep version 1", async () => {
    const { staff, a, b, programmeId } = await setUp();
    // Case A enters aftercare on version 1.
    await toAftercare(a.kase.id, staff.clinician.id);

    // The admin saves the draft and publishes it.
    const saved = await edit(programmeId, staff.admin.id, editorForm(version2()));
    expect(saved.status).toBe(200);
    // Audited: the draft (saveDraft's own entry) and what changed, field by field.
    expect(await db.auditLog.count({ where: { action: "outcomes.draft" } })).toBe(1);
    const change = await db.auditLog.findFirstOrThrow({ where: { action: "outcomes.change" } });
    expect(change.actorId).toBe(staff.admin.id);
    const diff = JSON.parse(change.detail!) as {
      proms: { changed: Record<string, Record<string, unknown[]>> };
      markers: { added: string[] };
      schedule: { added: string[]; removed: string[] };
    };
    expect(diff.proms.changed).toEqual({ pain: { threshold: [2, 4] } });
    expect(diff.markers.added).toEqual(["ferritin"]);
    expect(diff.schedule.added).toEqual(["P2W", "P2M"]);
    expect(diff.schedule.removed).toContain("P12M");
    const published = await edit(
      programmeId,
      staff.admin.id,
      new URLSearchParams({ intent: "publish" }),
    );
    expect(published.status).toBe(200);
    expect(await db.auditLog.count({ where: { action: "outcomes.publish" } })).toBe(1);
    // Publishing twice: there is no draft left, said in words.
    const again = await edit(
      programmeId,
      staff.admin.id,
      new URLSearchParams({ intent: "publish" }),
    );
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(getFixedT("en", "aftercare")("editor.errors.noDraft"));

    // Case B enters aftercare on version 2: its schedule, from data (the old column no longer
    // counts: emptied, it would refuse the move).
    await db.programme.update({ where: { id: programmeId }, data: { followUpSchedule: "" } });
    await toAftercare(b.kase.id, staff.clinician.id);
    const planB = await db.followUp.findMany({
      where: { caseId: b.kase.id },
      orderBy: { dueAt: "asc" },
    });
    expect(planB.map((f) => f.label)).toEqual(["BASELINE", "P2W", "P2M"]);
    const v2 = await db.formDefinition.findFirstOrThrow({
      where: { programmeId, kind: "OUTCOMES", version: 2 },
    });
    expect(new Set(planB.map((f) => f.outcomesId))).toEqual(new Set([v2.id]));
    const planA = await db.followUp.findMany({ where: { caseId: a.kase.id } });
    expect(planA.map((f) => f.label).sort()).toEqual(
      ["BASELINE", "P12M", "P1M", "P1W", "P3M", "P6M"].sort(),
    );
    expect(planA.every((f) => f.outcomesId && f.outcomesId !== v2.id)).toBe(true);

    // Baselines: pain 3 on both; ferritin 100 for B.
    const baseA = planA.find((f) => f.label === "BASELINE")!;
    const baseB = planB[0]!;
    await completeFollowUp({
      caseId: a.kase.id,
      followUpId: baseA.id,
      answers: answers(),
      actorId: a.patient.id,
    });
    await completeFollowUp({
      caseId: b.kase.id,
      followUpId: baseB.id,
      answers: answers({}, { ferritin: 100 }),
      actorId: b.patient.id,
    });

    // Pain 3 → 6: worse by 3. Version 1's threshold (2) opens a task; version 2's (4) does not.
    const weekA = planA.find((f) => f.label === "P1W")!;
    const onV1 = await completeFollowUp({
      caseId: a.kase.id,
      followUpId: weekA.id,
      answers: answers({ pain: 6 }, { ferritin: 900 }),
      actorId: a.patient.id,
    });
    expect(onV1.worsened.map((w) => w.key)).toEqual(["pain"]);
    // Version 1 has no ferritin: the value is not taken.
    expect(await db.labResult.count({ where: { followUpId: weekA.id, marker: "ferritin" } })).toBe(
      0,
    );

    // B's follow-up answered through the patient's form: it asks for ferritin.
    const weekB = planB[1]!;
    await db.followUp.update({ where: { id: weekB.id }, data: { dueAt: new Date() } });
    const cookieB = await cookieFor(b.patient.id);
    const page = await call(followUpLoader, {
      path: `/portal/cases/${b.kase.id}/aftercare/${weekB.id}`,
      params: { caseId: b.kase.id, followUpId: weekB.id },
      cookie: cookieB,
    });
    const loaded = page.data as { outcomes: { markers: { key: string }[] } };
    expect(loaded.outcomes.markers.map((m) => m.key)).toContain("ferritin");
    const form = new URLSearchParams({
      "prom.fatigue": "4",
      "prom.pain": "6",
      "prom.stiffness": "3",
      "prom.flares": "0",
      "prom.steroidDoseMg": "5",
      "prom.qualityOfLife": "60",
      "lab.ferritin": "200",
      [FORM_KEY]: newFormKey(),
    });
    const sent = await call(followUpAction, {
      path: `/portal/cases/${b.kase.id}/aftercare/${weekB.id}`,
      params: { caseId: b.kase.id, followUpId: weekB.id },
      cookie: cookieB,
      form,
    });
    expect(sent.status).toBe(200);
    const tasks = await db.clinicalTask.findMany({ where: { caseId: b.kase.id } });
    // Pain (3 points worse, threshold 4) opens nothing; ferritin (100 → 200, threshold 50) does.
    expect(tasks.map((t) => t.detail)).toEqual(["lab.ferritin:100:200"]);
    expect(
      (await db.labResult.findFirstOrThrow({ where: { followUpId: weekB.id, marker: "ferritin" } }))
        .value,
    ).toBe(200);

    // The plausible range comes from the version: 9000 ng/mL is asked about on B's.
    await expect(
      saveLabs({
        actorId: staff.clinician.id,
        ip: null,
        caseId: b.kase.id,
        followUpId: planB[2]!.id,
        labs: { ferritin: 9000 },
        formKey: { key: newFormKey(), content: "x" },
      }),
    ).rejects.toBeInstanceOf(LabCheckError);

    // A row from before versions (no outcomesId) reads version 1.
    const legacy = await outcomesOfFollowUp({ outcomesId: null, programmeId });
    expect(legacy.version).toBe(1);
    expect(legacy.content.markers.map((m) => m.key)).not.toContain("ferritin");
  });
});

describe("the editor", () => {
  it("refuses an invalid set in the admin's language and saves nothing", async () => {
    const { staff, programmeId } = await setUp();
    await db.user.update({ where: { id: staff.admin.id }, data: { locale: "de" } });
    const v = editorValues(builtInOutcomes(2));
    Object.assign(v.proms[0]!, { min: "10", max: "0" });
    Object.assign(v.markers[1]!, { referenceHigh: "9" }); // C3 plausible up to 4 g/L
    Object.assign(v.schedule[0]!, { duration: "3 Monate" });
    Object.assign(v.proms[1]!, { key: "fatigue" }); // twice
    const out = await edit(programmeId, staff.admin.id, editorForm(v), "de");
    expect(out.status).toBe(400);
    const t = getFixedT("de", "aftercare");
    const { errors } = formReply(out);
    expect(errors["proms[0].max"]).toBe(t("editor.errors.minMax"));
    expect(errors["markers[1].referenceHigh"]).toBe(t("editor.errors.referencePlausible"));
    expect(errors["schedule[0].duration"]).toBe(
      t("editor.errors.duration", { iso: "ISO 8601", example: "P3M" }),
    );
    expect(errors["proms[1].key"]).toBe(t("editor.errors.duplicate"));
    expect(errors["proms[0].max"]).not.toMatch(/editor\.errors/);
    expect(await db.formDefinition.count({ where: { status: "DRAFT" } })).toBe(0);
  });

  it("takes a new measure only with an English label; removes a row ticked “remove”", async () => {
    const { staff, programmeId } = await setUp();
    const v = editorValues(builtInOutcomes(2));
    Object.assign(v.proms[v.proms.length - 1]!, { key: "sleep", min: "0", max: "10" });
    const out = await edit(programmeId, staff.admin.id, editorForm(v));
    expect(formReply(out).errors["proms[6].label.en"]).toBe(
      getFixedT("en", "aftercare")("editor.errors.labelEn"),
    );
    Object.assign(v.proms[v.proms.length - 1]!, { label: { en: "How did you sleep?" } });
    Object.assign(v.markers[0]!, { remove: "on" });
    const ok = await edit(programmeId, staff.admin.id, editorForm(v));
    expect(ok.status).toBe(200);
    const draft = await db.formDefinition.findFirstOrThrow({ where: { status: "DRAFT" } });
    const content = OutcomesContent.parse(JSON.parse(draft.content));
    expect(content.proms.map((p) => p.key)).toContain("sleep");
    expect(content.markers.map((m) => m.key)).not.toContain("antiDsDna");
    // Discarding drops the draft; version 1 stays published.
    const discarded = await edit(
      programmeId,
      staff.admin.id,
      new URLSearchParams({ intent: "discard" }),
    );
    expect(discarded.status).toBe(200);
    expect(await db.formDefinition.count({ where: { programmeId } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "outcomes.discard" } })).toBe(1);
  });

  it("is for admins only", async () => {
    const { staff, a, programmeId } = await setUp();
    for (const user of [staff.coordinator, staff.clinician, staff.finance]) {
      const cookie = await cookieFor(user.id);
      const page = await call(editorLoader, {
        path: `/staff/catalogue/${programmeId}/outcomes`,
        params: { programmeId },
        cookie,
      });
      expect(page.status).toBe(403);
      const write = await call(editorAction, {
        path: `/staff/catalogue/${programmeId}/outcomes`,
        params: { programmeId },
        cookie,
        form: new URLSearchParams({ intent: "discard" }),
      });
      expect(write.status).toBe(403);
    }
    const patient = await call(editorLoader, {
      path: `/staff/catalogue/${programmeId}/outcomes`,
      params: { programmeId },
      cookie: await cookieFor(a.patient.id),
    });
    expect([302, 403, 404]).toContain(patient.status);
    const admin = await call(editorLoader, {
      path: `/staff/catalogue/${programmeId}/outcomes`,
      params: { programmeId },
      cookie: await cookieFor(staff.admin.id),
    });
    expect(admin.status).toBe(200);
    // An unknown programme is a 404, not a 500.
    const unknown = await call(editorLoader, {
      path: `/staff/catalogue/nope/outcomes`,
      params: { programmeId: "nope" },
      cookie: await cookieFor(staff.admin.id),
    });
    expect(unknown.status).toBe(404);
    expect(await db.formDefinition.count({ where: { status: "DRAFT" } })).toBe(0);
  });
});
