import { PERMISSIONS } from "~/lib/permissions";
import { db } from "~/db.server";
import { loadCaseFacts } from "~/models/cases/stage.server";
import { checkTransition, isStage, STAGES, TRANSITIONS } from "~/lib/stages";
import { seed } from "../prisma/seed";
import { resetDatabase } from "./support/db";

let firstRun: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  await resetDatabase();
  firstRun = await seed(db);
});

describe("demo seed", () => {
  it("creates the catalogue, every staff role and 30 cases across every stage, and is idempotent", async () => {
    expect(firstRun.created).toBe(30);
    const second = await seed(db);
    expect(second.created).toBe(0);
    expect(await db.case.count()).toBe(30);
    expect(await db.user.count({ where: { role: { not: "PATIENT" } } })).toBe(5);
    const roles = await db.user.groupBy({ by: ["role"], _count: { _all: true } });
    expect(roles.map((r) => r.role).sort()).toEqual([
      "ADMIN",
      "CLINICIAN",
      "COORDINATOR",
      "FINANCE",
      "PATIENT",
    ]);
    const stages = await db.case.groupBy({ by: ["stage"], _count: { _all: true } });
    expect(stages.map((s) => s.stage).sort()).toEqual([...STAGES].sort());
    const languages = await db.case.groupBy({ by: ["language"] });
    expect(languages.map((l) => l.language).sort()).toEqual([
      "ar",
      "de",
      "en",
      "fa",
      "fr",
      "ru",
      "tr",
    ]);
    const lupus = await db.programme.findUniqueOrThrow({
      where: { slug: "lupus-msc" },
      include: { steps: { orderBy: { position: "asc" } } },
    });
    expect(lupus.steps.map((s) => s.key)).toEqual([
      "workup",
      "cell-sourcing",
      "gmp-processing",
      "infusion",
      "integrated-care",
    ]);
    expect(await db.outboxEmail.count()).toBe(0);
  });

  it("leaves every demo case in a state its guards allow, so the demo can carry on from there", async () => {
    const cases = await db.case.findMany({
      include: { events: { orderBy: { createdAt: "asc" } } },
    });
    for (const c of cases) {
      const last = c.events.at(-1)!;
      expect(last.toStage, c.number).toBe(c.stage);
      if (!last.fromStage) continue;
      const from = last.fromStage;
      expect(isStage(from) && isStage(c.stage)).toBe(true);
      const transition = TRANSITIONS.find((t) => t.from === from && t.to === c.stage)!;
      const facts = await loadCaseFacts(db, c.id);
      const check = checkTransition(
        from as never,
        c.stage as never,
        PERMISSIONS[transition.permission][0]!,
        facts,
        last.reason ?? "seeded",
      );
      expect(check, `${c.number} ${from}->${c.stage}`).toMatchObject({ ok: true });
    }
  });
});
