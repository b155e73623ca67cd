/**
 * The plan editor's blank row: a step typed into it is added, without also having to tick
 * "include" (a walk-through lost a typed step that way). A blank row left empty adds nothing.
 */
import { planRows } from "~/components/case/plan";
import type { CaseCtx } from "~/components/case/context";
import { includedSteps, PlanForm } from "~/forms/case";

const kase = {
  programme: {
    slug: "lupus",
    steps: [
      { id: "p1", key: "workup", name: "Workup", gapMinutes: null },
      { id: "p2", key: "infusion", name: "Infusion", gapMinutes: null },
    ],
  },
  planSteps: [{ id: "s1", pathwayStepId: "p1", name: "Workup", notes: null, gapMinutes: null }],
} as unknown as CaseCtx["kase"];

/** The form as the browser sends it from the rows' initial state, with `typed` in the blank row. */
function sent(typed: string) {
  const rows = planRows(kase, (step) => step.name);
  const body: Record<string, string> = { intent: "plan" };
  rows.forEach((r, i) => {
    if (r.include) body[`steps[${i}].include`] = "on";
    if (r.pathwayStepId) body[`steps[${i}].pathwayStepId`] = r.pathwayStepId;
    body[`steps[${i}].name`] = r.id === "new" ? typed : r.name;
  });
  const fd = new FormData();
  for (const [k, v] of Object.entries(body)) fd.append(k, v);
  return fd;
}

async function parse(fd: FormData) {
  const { parseWithZod } = await import("@conform-to/zod/v4");
  const submission = parseWithZod(fd, { schema: PlanForm });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return includedSteps(submission.value.steps);
}

describe("the plan editor's blank row", () => {
  it("starts ticked, so a step typed into it is saved", async () => {
    const rows = planRows(kase, (step) => step.name);
    expect(rows.at(-1)).toMatchObject({ id: "new", include: true, name: "" });
    // The pathway step not in the plan stays unticked.
    expect(rows.map((r) => [r.id, r.include])).toEqual([
      ["s1", true],
      ["p2", false],
      ["new", true],
    ]);
    expect((await parse(sent("Nutrition consultation"))).map((s) => s.name)).toEqual([
      "Workup",
      "Nutrition consultation",
    ]);
  });

  it("refuses a step named like one already in the plan, on that row, in the reader's language", async () => {
    const { parseWithZod } = await import("@conform-to/zod/v4");
    const submission = parseWithZod(sent("  workup "), { schema: PlanForm });
    expect(submission.status).toBe("error");
    const error = submission.status === "error" ? submission.error : {};
    expect(error?.["steps[2].name"]).toEqual(["common:work.errors.planDuplicate"]);
    // Through the app's reader the key becomes words, with the name.
    const { readSubmission } = await import("~/infra/forms.server");
    const { getFixedT } = await import("~/i18n/i18n.server");
    const request = new Request("http://localhost/staff/cases/c", {
      method: "POST",
      body: sent("WORKUP"),
    });
    const read = await readSubmission(request, PlanForm, getFixedT("de", ["common"]));
    expect(read.submission.status).toBe("error");
    const reply = read.submission.reply();
    expect(reply.error?.["steps[2].name"]?.[0]).toContain("„WORKUP“ steht schon im Plan");
  });

  it("adds nothing when left empty", async () => {
    expect((await parse(sent(""))).map((s) => s.name)).toEqual(["Workup"]);
  });
});
