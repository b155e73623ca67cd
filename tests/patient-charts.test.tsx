/**
 * Patients see their own progress: the aftercare page's loader returns the patient's own
 * answers and lab results, and the page draws them as the care team's charts do, in the
 * patient's language and digits, with time running right to left in Arabic and Persian.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { OutcomeCharts, type ChartFollowUp } from "~/components/aftercare/outcomes";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { getFixedT } from "~/i18n/i18n.server";
import { resources } from "~/i18n/resources";
import { formatNumber } from "~/lib/format";
import { loader } from "~/routes/portal.cases.$caseId_.aftercare._index";
import { resetDatabase } from "./support/db";
import { createCase } from "./support/factories";
import { call, cookieFor } from "./support/requests";

beforeEach(async () => {
  await resetDatabase();
});

async function patientWithResults(locale: string) {
  const made = await createCase({ locale });
  const caseId = made.kase.id;
  await db.case.update({ where: { id: caseId }, data: { stage: "AFTERCARE" } });
  const day = 86_400_000;
  const base = await db.followUp.create({
    data: {
      caseId,
      kind: "BASELINE",
      label: "BASELINE",
      dueAt: new Date(Date.now() - 120 * day),
      status: "COMPLETED",
      completedAt: new Date(Date.now() - 120 * day),
      fatigue: 8,
      qualityOfLife: 35,
    },
  });
  const month = await db.followUp.create({
    data: {
      caseId,
      label: "MONTH_3",
      dueAt: new Date(Date.now() - 10 * day),
      status: "COMPLETED",
      completedAt: new Date(Date.now() - 10 * day),
      fatigue: 4,
      qualityOfLife: 65,
    },
  });
  await db.labResult.createMany({
    data: [
      { followUpId: base.id, marker: "c3", value: 0.6 },
      { followUpId: month.id, marker: "c3", value: 1.1 },
    ],
  });
  return { ...made, caseId };
}

type Loaded = { kase: { followUps: ChartFollowUp[] }; timeZone: string };

function render(locale: "ar" | "fa" | "en", data: Loaded) {
  const i18n = createClientI18n(locale, resources[locale]);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <OutcomeCharts followUps={data.kase.followUps} timeZone={data.timeZone} audience="patient" />
    </I18nextProvider>,
  );
}

/** The x of each point of the chart whose figure caption starts with `title`. */
function pointsOf(html: string, title: string) {
  const figure = html.split("<figure").find((f) => f.includes(`<figcaption>${title}`));
  if (!figure) throw new Error(`no chart ${title}`);
  return [...figure.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe("the patient's own charts", () => {
  it("come from the patient's own results, in Arabic words and digits, right to left", async () => {
    const { caseId, patient } = await patientWithResults("ar");
    const res = await call(loader, {
      path: `/portal/cases/${caseId}/aftercare`,
      params: { caseId },
      cookie: await cookieFor(patient.id),
      lang: "ar",
    });
    expect(res.status).toBe(200);
    const data = res.data as Loaded;
    const html = render("ar", data);
    const t = getFixedT("ar", "aftercare");
    expect(html).toContain(t("portal.charts.proms"));
    expect(html).toContain(t("portal.charts.labs"));
    expect(html).not.toContain(t("staff.proms"));
    // Values as the reader writes numbers (formatNumber): 8 and 4 for fatigue, 0.6 → 1.1 for C3.
    for (const v of [8, 4, 0.6, 1.1]) expect(html).toContain(formatNumber(v, "ar"));
    // Time runs right to left: the baseline (first) point sits right of the later one.
    const [first, last] = pointsOf(html, t("prom.fatigue.short"));
    expect(first).toBeGreaterThan(last!);
    // The same data in English runs left to right.
    const [enFirst, enLast] = pointsOf(
      render("en", data),
      getFixedT("en", "aftercare")("prom.fatigue.short"),
    );
    expect(enFirst).toBeLessThan(enLast!);
  });

  it("are not another patient's: their case answers 404", async () => {
    const { caseId } = await patientWithResults("fa");
    const other = await createCase({ locale: "fa" });
    const res = await call(loader, {
      path: `/portal/cases/${caseId}/aftercare`,
      params: { caseId },
      cookie: await cookieFor(other.patient.id),
    });
    expect(res.status).toBe(404);
  });
});
