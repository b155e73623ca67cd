/**
 * Issue 25 §5: a programme's published outcomes. The patients are made through the app's own
 * functions (the baseline, the plan made on entering aftercare, follow-ups completed the way a
 * patient completes them, which opens the worsening tasks), and every published figure is
 * recomputed here from the rows, with its own median, and compared. Small groups: a programme
 * of 9 followed patients publishes nothing, one of 10 does, and a cell of 9 patients inside it
 * is hidden. The page itself is rendered through Remix, in Arabic and English.
 */
import * as serverEntry from "~/entry.server";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { db } from "~/db.server";
import { resources } from "~/i18n/resources";
import {
  completeFollowUp,
  ensureBaseline,
  planFollowUps,
} from "~/models/aftercare/aftercare.server";
import {
  clearOutcomesCache,
  computeProgrammeOutcomes,
  outcomeRows,
} from "~/models/aftercare/published-outcomes.server";
import { openCase } from "~/models/cases/stage.server";
import { followedCases, MIN_GROUP, type Cell } from "~/lib/outcome-stats";
import * as rootModule from "~/root";
import * as pageModule from "~/routes/programmes.$slug_.outcomes";
import * as programmeModule from "~/routes/programmes.$slug";
import { seed } from "../prisma/seed";
import { resetDatabase } from "./support/db";
import { createProgramme, createUser } from "./support/factories";

const DAY = 86_400_000;
const now = new Date();
const monthsAgo = (m: number) => new Date(now.getTime() - m * 30.44 * DAY);

type Values = { proms: Record<string, number | null>; labs: Record<string, number | null> };
interface Spec {
  baseline: Values;
  /** Answers by plan label; a label left out is never answered (missed). */
  at: Partial<Record<"P3M" | "P6M" | "P12M", Values>>;
}

/** A patient treated 13 months ago, followed through the app's own functions. */
async function followedPatient(programmeId: string, spec: Spec) {
  const patient = await createUser({ role: "PATIENT" });
  const kase = await db.$transaction((tx) =>
    openCase(tx, {
      patientId: patient.id,
      programmeId,
      language: "en",
      timeZone: "Europe/Berlin",
      coordinatorId: null,
    }),
  );
  await db.case.update({ where: { id: kase.id }, data: { stage: "IN_TREATMENT" } });
  const baselineId = await db.$transaction((tx) => ensureBaseline(tx, kase.id, monthsAgo(14)));
  await completeFollowUp({
    caseId: kase.id,
    followUpId: baselineId,
    answers: spec.baseline,
    actorId: patient.id,
  });
  await db.case.update({ where: { id: kase.id }, data: { stage: "AFTERCARE" } });
  await db.$transaction((tx) => planFollowUps(tx, kase.id, monthsAgo(13)));
  for (const [label, answers] of Object.entries(spec.at)) {
    const f = await db.followUp.findUniqueOrThrow({
      where: { caseId_label: { caseId: kase.id, label } },
    });
    await completeFollowUp({ caseId: kase.id, followUpId: f.id, answers, actorId: patient.id });
  }
  return kase;
}

/**
 * Patient i of a programme: pain falls at 3 months and rises by 2 (a worsening, which opens
 * a task) at 6 months for the first six; quality of life rises; C3 (lower is worse) rises;
 * CRP falls. The tenth patient misses the 12-month follow-up, and only eight have C3 at
 * 6 months.
 */
function spec(i: number): Spec {
  const pain = 5 + (i % 3);
  const qol = 40 + i;
  const c3 = 0.6 + i * 0.02;
  const crp = 10 + i;
  const at: Spec["at"] = {
    P3M: {
      proms: { pain: pain - 1 - (i % 4), qualityOfLife: qol + 5 + i },
      labs: { c3: c3 + 0.1 * (i % 3), crp: crp - i },
    },
    P6M: {
      proms: { pain: i < 6 ? pain + 2 : pain - 1, qualityOfLife: qol - 3 },
      labs: i < 8 ? { c3: c3 + 0.05, crp: crp - 2 } : { crp: crp - 2 },
    },
  };
  if (i < 9)
    at.P12M = {
      proms: { pain: pain - 2, qualityOfLife: qol + 10 },
      labs: { c3: c3 + 0.2, crp: crp - 5 },
    };
  return { baseline: { proms: { pain, qualityOfLife: qol }, labs: { c3, crp } }, at };
}

/** The median, written again here: the middle value, or the mean of the two middle ones. */
function middle(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** A figure recomputed from the database rows: changes from baseline at a label. */
async function expectedChanges(programmeId: string, label: string, key: string, lab: boolean) {
  const cases = await db.case.findMany({
    where: { programmeId, anonymisedAt: null, consentWithdrawnAt: null },
    include: { followUps: { include: { labs: true } } },
  });
  const out: number[] = [];
  for (const c of cases) {
    const b = c.followUps.find((f) => f.label === "BASELINE")!;
    const f = c.followUps.find((x) => x.label === label)!;
    const read = (x: typeof f) =>
      lab
        ? x.labs.find((l) => l.marker === key)?.value
        : x.status === "COMPLETED"
          ? (x as unknown as Record<string, number | null>)[key]
          : null;
    const [from, to] = [read(b), read(f)];
    if (from !== null && from !== undefined && to !== null && to !== undefined) out.push(to - from);
  }
  return out;
}

// A server build of two pages (the root and the outcomes page), rendered by the app's own
// entry: the HTML a visitor gets, without building the whole app.
const routeIds = {
  root: { path: "", module: rootModule, parentId: undefined },
  "routes/programmes.$slug": {
    path: "programmes/:slug",
    module: programmeModule,
    parentId: "root",
  },
  "routes/programmes.$slug_.outcomes": {
    path: "programmes/:slug/outcomes",
    module: pageModule,
    parentId: "root",
  },
} as const;
const build = {
  mode: "production",
  entry: { module: serverEntry },
  routes: Object.fromEntries(
    Object.entries(routeIds).map(([id, r]) => [
      id,
      {
        id,
        parentId: r.parentId,
        path: r.path,
        index: undefined,
        caseSensitive: undefined,
        module: r.module,
      },
    ]),
  ),
  assets: {
    entry: { imports: [], module: "/build/entry.js" },
    routes: Object.fromEntries(
      Object.entries(routeIds).map(([id, r]) => [
        id,
        {
          id,
          parentId: r.parentId,
          path: r.path,
          module: `/build/${id}.js`,
          hasAction: false,
          hasLoader: true,
          hasClientAction: false,
          hasClientLoader: false,
          hasErrorBoundary: id === "root",
        },
      ]),
    ),
    url: "/build/manifest.js",
    version: "test",
  },
  publicPath: "/build/",
  assetsBuildDirectory: "build/client",
  // The app's flags (remix.config.js): loaders return data() under single fetch.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
  isSpaMode: false,
} as unknown as ServerBuild;
const handler = createRequestHandler(build, "production");

async function page(path: string, lng: string) {
  const res = await handler(new Request(`http://localhost${path}?lng=${lng}`));
  return { status: res.status, html: await res.text() };
}

/** The visible text of a page: no tags, no scripts (the translations sent to the browser). */
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&quot;|&amp;/g, " ");

let tenId: string;
let tenSlug: string;
let smallId: string;
let smallSlug: string;

beforeAll(async () => {
  await resetDatabase();
  const ten = await createProgramme();
  [tenId, tenSlug] = [ten.id, ten.slug];
  for (let i = 0; i < 10; i++) await followedPatient(ten.id, spec(i));
  // Nine followed, and two more that do not count: one anonymised, one who withdrew consent.
  const small = await createProgramme();
  [smallId, smallSlug] = [small.id, small.slug];
  for (let i = 0; i < 9; i++) await followedPatient(small.id, spec(i));
  const erased = await followedPatient(small.id, spec(9));
  await db.case.update({ where: { id: erased.id }, data: { anonymisedAt: now } });
  const withdrawn = await followedPatient(small.id, spec(8));
  await db.case.update({ where: { id: withdrawn.id }, data: { consentWithdrawnAt: now } });
  // Not yet in aftercare: no plan, so not followed.
  const waiting = await createUser({ role: "PATIENT" });
  await db.$transaction((tx) =>
    openCase(tx, { patientId: waiting.id, programmeId: small.id, language: "en", timeZone: "UTC" }),
  );
  clearOutcomesCache();
}, 120_000);

const shown = (cell: Cell) => {
  if (!cell.shown) throw new Error("expected a shown cell");
  return cell;
};

describe("published outcomes", () => {
  it("reproduces every figure of a programme of 10 from the rows", async () => {
    const { figures: f } = await computeProgrammeOutcomes(tenId, now);
    expect(f.suppressed).toBe(false);
    expect(f.followed).toBe(10);

    // Completion: every FOLLOW_UP completed, or past its due date by the overdue period.
    const plan = await db.followUp.findMany({
      where: { kind: "FOLLOW_UP", case: { programmeId: tenId } },
    });
    const due = plan.filter(
      (x) => x.status === "COMPLETED" || x.dueAt.getTime() + 7 * DAY <= now.getTime(),
    );
    // P1W and P1M missed by all, P3M and P6M answered by all, P12M by nine.
    expect(due).toHaveLength(50);
    expect(f.completion).toEqual({
      shown: true,
      value: due.filter((x) => x.status === "COMPLETED").length / due.length,
    });
    expect(f.completion).toEqual({ shown: true, value: 29 / 50 });

    // Complications: the six whose pain rose by 2 at 6 months; each got one WORSENING task.
    const tasks = await db.clinicalTask.findMany({ where: { case: { programmeId: tenId } } });
    expect(tasks.map((t) => t.kind)).toEqual(Array(6).fill("WORSENING"));
    expect(f.complications).toEqual({
      shown: true,
      value: new Set(tasks.map((t) => t.caseId)).size / 10,
    });
    expect(f.tasksPer100).toEqual({ shown: true, value: 60 });

    // Each median against one computed here from the rows.
    for (const [rows, lab] of [
      [f.proms, false],
      [f.markers, true],
    ] as const) {
      for (const key of lab ? ["c3", "crp"] : ["pain", "qualityOfLife"]) {
        const row = rows.find((r) => r.key === key)!;
        for (const [point, label] of [
          [3, "P3M"],
          [6, "P6M"],
          [12, "P12M"],
        ] as const) {
          const changes = await expectedChanges(tenId, label, key, lab);
          const cell = row.cells[point];
          if (changes.length < MIN_GROUP) {
            expect(cell, `${key} at ${label}`).toEqual({ shown: false });
          } else {
            expect(shown(cell).n, `${key} at ${label}`).toBe(changes.length);
            expect(shown(cell).median).toBeCloseTo(middle(changes), 9);
          }
        }
      }
    }
    // The groups of 9 inside it are hidden: 12 months (one missed) and C3 at 6 months.
    const pain = f.proms.find((r) => r.key === "pain")!;
    const c3 = f.markers.find((r) => r.key === "c3")!;
    expect(pain.cells[12]).toEqual({ shown: false });
    expect(c3.cells[6]).toEqual({ shown: false });
    expect(shown(c3.cells[3]).n).toBe(10);
    // A measure nobody answered is listed but never shown.
    expect(f.proms.find((r) => r.key === "fatigue")!.cells[3]).toEqual({ shown: false });
  });

  it("reads each measure's direction from the outcome set: a rise in pain is worse, in C3 better", async () => {
    const { figures: f } = await computeProgrammeOutcomes(tenId, now);
    const pain = f.proms.find((r) => r.key === "pain")!;
    const qol = f.proms.find((r) => r.key === "qualityOfLife")!;
    const c3 = f.markers.find((r) => r.key === "c3")!;
    const crp = f.markers.find((r) => r.key === "crp")!;
    // Pain (higher is worse): down at 3 months, up by 2 for six of ten at 6 months.
    expect(shown(pain.cells[3])).toMatchObject({ direction: "better" });
    expect(shown(pain.cells[3]).median).toBeLessThan(0);
    expect(shown(pain.cells[6])).toMatchObject({ median: 2, direction: "worse" });
    // Quality of life (lower is worse): up at 3 months is better, down at 6 is worse.
    expect(shown(qol.cells[3])).toMatchObject({ direction: "better" });
    expect(shown(qol.cells[6])).toMatchObject({ median: -3, direction: "worse" });
    // C3 (lower is worse): a rise is an improvement; CRP (higher is worse): a fall is.
    expect(shown(c3.cells[3]).median).toBeGreaterThan(0);
    expect(shown(c3.cells[3]).direction).toBe("better");
    expect(shown(crp.cells[3])).toMatchObject({ median: -4.5, direction: "better" });
  });

  it("publishes nothing for 9 followed patients, not counting the anonymised or withdrawn", async () => {
    const { rows } = await outcomeRows(smallId);
    // 12 cases: 9 followed, one anonymised, one withdrawn (both in aftercare), one not yet there.
    expect(rows).toHaveLength(11);
    expect(followedCases(rows)).toHaveLength(9);
    const { figures: f } = await computeProgrammeOutcomes(smallId, now);
    expect(f).toMatchObject({
      suppressed: true,
      followed: null,
      completion: { shown: false },
      complications: { shown: false },
      tasksPer100: { shown: false },
      proms: [],
      markers: [],
    });
  });

  it("renders the page: suppression notice for 9, figures for 10, Arabic right to left with no English left", async () => {
    clearOutcomesCache();
    const en = resources.en.site.outcomes as Record<string, unknown>;
    const small = await page(`/programmes/${smallSlug}/outcomes`, "en");
    expect(small.status).toBe(200);
    const smallText = visible(small.html);
    expect(smallText).toContain("Not enough patients yet");
    expect(smallText).toContain("How these figures are computed");
    expect(smallText).not.toContain("At a glance");
    expect(smallText).not.toMatch(/\d+%/);
    expect(small.html).not.toContain("<table");

    const ten = await page(`/programmes/${tenSlug}/outcomes`, "en");
    const tenText = visible(ten.html);
    expect(ten.html).toContain('dir="ltr"');
    expect(ten.html).toMatch(/<title>Outcomes: MSC therapy for lupus \(SLE\) · /);
    expect(ten.html).toMatch(/<meta name="description" content="Published outcomes of /);
    expect(tenText).toContain("Patients followed");
    expect(tenText).toContain("58%");
    expect(tenText).toContain("Fewer than 10 patients: not shown");
    expect(tenText).toContain("not a promise");

    const ar = await page(`/programmes/${tenSlug}/outcomes`, "ar");
    expect(ar.status).toBe(200);
    expect(ar.html).toContain('<html lang="ar" dir="rtl"');
    const arText = visible(ar.html);
    expect(arText).toContain((resources.ar.site.outcomes as Record<string, string>).heading);
    expect(arText).toContain("58");
    // No English sentence of the page, and no English word but the units and the programme
    // name (a row left untranslated in the test's catalogue).
    const english = Object.values(en)
      .flatMap((v) => (typeof v === "string" ? [v] : Object.values(v as Record<string, string>)))
      .flatMap((s) => s.split(/\{\{[^}]+\}\}/))
      .map((s) => s.trim())
      .filter((s) => s.length > 3);
    for (const s of english) expect(arText, s).not.toContain(s);
    // In the page itself (not the language menu, which names each language in its own), the
    // only Latin words are the test programme's English name, the units and the marker names
    // the Arabic translations themselves keep (Anti-dsDNA).
    const article = visible(/<article[\s\S]*<\/article>/.exec(ar.html)![0]);
    const kept = new Set(JSON.stringify(resources.ar.aftercare).match(/[A-Za-z]{2,}/g));
    const words = (article.match(/[A-Za-z]{2,}/g) ?? []).filter(
      (w) => !kept.has(w) && !/^(MSC|therapy|for|lupus|SLE|mg|mmol|IU|mL|ng|dL|mm|g|L|h)$/.test(w),
    );
    expect(words).toEqual([]);
  });

  it("links the programme page to its outcomes", async () => {
    const { html } = await page(`/programmes/${tenSlug}`, "en");
    expect(html).toContain(`href="/programmes/${tenSlug}/outcomes"`);
    expect(html).toContain("Published outcomes of this programme");
  });
});

describe("the demo", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed(db);
    clearOutcomesCache();
  }, 120_000);

  it("publishes the lupus programme's outcomes and suppresses knee-oa's few patients", async () => {
    const lupus = await db.programme.findUniqueOrThrow({ where: { slug: "lupus-msc" } });
    const knee = await db.programme.findUniqueOrThrow({ where: { slug: "knee-oa" } });
    const { figures: l } = await computeProgrammeOutcomes(lupus.id);
    expect(l.suppressed).toBe(false);
    expect(l.followed).toBeGreaterThanOrEqual(12);
    expect(l.completion.shown).toBe(true);
    expect(l.complications.shown).toBe(true);
    const pain = l.proms.find((r) => r.key === "pain")!;
    for (const p of [3, 6, 12] as const) expect(pain.cells[p].shown, `pain at ${p}`).toBe(true);
    expect(l.markers.find((r) => r.key === "c3")!.cells[12].shown).toBe(true);
    const { figures: k } = await computeProgrammeOutcomes(knee.id);
    expect(k.suppressed).toBe(true);
    const { html } = await page("/programmes/knee-oa/outcomes", "en");
    expect(visible(html)).toContain("Not enough patients yet");
  });
});
