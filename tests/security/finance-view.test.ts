/**
 * What finance sees of a case (issue 17, ADR 016): the programme and whether a quote may be
 * issued, never health data: no red flags, no clinician's decision or reason, no condition,
 * answers, records or plan; and the pipeline neither shows nor filters by red flags or
 * clinicians' tasks for finance, since a filter would reveal them too.
 */
import { db } from "~/db.server";
import { loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { loader as pipeline } from "~/routes/staff.cases._index";
import { resetDatabase } from "../support/db";
import { eligibleCase } from "../support/finance";
import { createCase } from "../support/factories";
import { call, cookieFor } from "../support/requests";

beforeEach(resetDatabase);

it("shows finance the programme and whether a quote may go out, and no health data", async () => {
  const made = await eligibleCase();
  await db.case.update({
    where: { id: made.kase.id },
    data: {
      redFlagCount: 2,
      conditionSummary: "SLE with nephritis HEALTHMARK",
      eligibilityReason: "clinician's own words HEALTHMARK",
    },
  });
  const asFinance = await call(caseLoader, {
    path: `/staff/cases/${made.kase.id}`,
    params: { caseId: made.kase.id },
    cookie: await cookieFor(made.staff.finance.id),
  });
  expect(asFinance.status).toBe(200);
  const kase = (asFinance.data as { kase: Record<string, unknown> }).kase;
  expect(kase).toMatchObject({
    redFlagCount: 0,
    eligibility: "READY_FOR_QUOTE",
    eligibilityBy: null,
    eligibilityReason: null,
    conditionSummary: null,
    programme: expect.objectContaining({ slug: expect.any(String) }),
  });
  expect(JSON.stringify(asFinance.data)).not.toContain("HEALTHMARK");
  // A coordinator sees it all.
  const asCoordinator = await call(caseLoader, {
    path: `/staff/cases/${made.kase.id}`,
    params: { caseId: made.kase.id },
    cookie: await cookieFor(made.staff.coordinator.id),
  });
  expect((asCoordinator.data as { kase: Record<string, unknown> }).kase).toMatchObject({
    redFlagCount: 2,
    eligibility: "ELIGIBLE",
  });
});

it("neither shows nor filters red flags or clinicians' tasks in finance's pipeline", async () => {
  const flagged = await eligibleCase();
  await db.case.update({ where: { id: flagged.kase.id }, data: { redFlagCount: 3 } });
  await createCase();
  const cookie = await cookieFor(flagged.staff.finance.id);
  const res = await call(pipeline, { path: "/staff/cases?flagged=1&tasks=1", cookie });
  const data = res.data as {
    result: { rows: { redFlagCount: number; _count: { tasks: number } }[] };
    health: boolean;
  };
  expect(data.health).toBe(false);
  // The filter is ignored (it would tell finance which cases carry flags), and rows carry none.
  expect(data.result.rows).toHaveLength(2);
  expect(data.result.rows.every((r) => r.redFlagCount === 0 && r._count.tasks === 0)).toBe(true);
  const board = await call(pipeline, { path: "/staff/cases?view=board", cookie });
  const columns = (board.data as { result: { columns: { cards: { redFlagCount: number }[] }[] } })
    .result.columns;
  expect(columns.flatMap((c) => c.cards).every((c) => c.redFlagCount === 0)).toBe(true);
});
