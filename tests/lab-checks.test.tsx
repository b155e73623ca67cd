/**
 * Lab values as a clinician needs them: each marker's adult reference range shown beside the
 * field and on the chart (values outside it marked), and a plausibility check on entry: a
 * value no patient has (platelets 0.9 × 10⁹/L: a unit slip for 90 or 900) is not saved
 * silently. The form names the marker, the value and the plausible range in the reader's
 * language, keeps what was typed, and saves it only with "I have checked this value" ticked,
 * which is recorded on the value and in the audit log.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { OutcomeChart } from "~/components/aftercare";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { getFixedT } from "~/i18n/i18n.server";
import { resources } from "~/i18n/resources";
import { against, implausibleLabs, LAB_MARKERS, labMarker } from "~/lib/aftercare";
import { formatList, formatNumber } from "~/lib/format";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { LabCheckError, saveLabs } from "~/models/aftercare/aftercare.server";
import { action as staffAftercareAction } from "~/routes/staff.cases.$caseId_.aftercare";
import { resetDatabase } from "./support/db";
import { createCase, createStaff } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

beforeEach(async () => {
  await resetDatabase();
});

describe("the lab panel's ranges", () => {
  it("gives every marker a plausible range inside what is taken, around its reference range", () => {
    for (const m of LAB_MARKERS) {
      expect(m.plausible.low, m.key).toBeGreaterThanOrEqual(m.min);
      expect(m.plausible.high, m.key).toBeLessThanOrEqual(m.max);
      expect(m.plausible.low, m.key).toBeLessThan(m.plausible.high);
      // Every value in the reference range is plausible.
      if (m.reference?.low !== undefined)
        expect(m.reference.low, m.key).toBeGreaterThanOrEqual(m.plausible.low);
      if (m.reference?.high !== undefined)
        expect(m.reference.high, m.key).toBeLessThanOrEqual(m.plausible.high);
    }
  });

  it("reads the adult reference ranges the clinic uses", () => {
    const ref = (key: string) => labMarker(key)?.reference;
    expect(ref("c3")).toEqual({ low: 0.9, high: 1.8 });
    expect(ref("c4")).toEqual({ low: 0.1, high: 0.4 });
    expect(ref("platelets")).toEqual({ low: 150, high: 400 });
    expect(ref("crp")).toEqual({ high: 5 });
    expect(against(ref("c3"), 0.7)).toBe("low");
    expect(against(ref("c3"), 1.2)).toBe("in");
    expect(against(ref("crp"), 12)).toBe("high");
    expect(against(ref("crp"), 0)).toBe("in");
  });

  it("finds a unit slip (0.9 for 90 platelets), and not a low but real value", () => {
    expect(implausibleLabs({ platelets: 0.9, c3: 0.7 })).toEqual([
      { key: "platelets", value: 0.9, low: 5, high: 1500 },
    ]);
    // Severe thrombocytopenia (20) is outside the reference range but plausible.
    expect(implausibleLabs({ platelets: 20, crp: 250, haemoglobin: 6.5 })).toEqual([]);
    // Haemoglobin in g/L typed into g/dL.
    expect(implausibleLabs({ haemoglobin: 27 }).map((v) => v.key)).toEqual(["haemoglobin"]);
  });
});

describe("the chart shows the reference range", () => {
  it("draws the band, names the range and marks values outside it", () => {
    const i18n = createClientI18n("en", resources.en);
    const t = getFixedT("en", "aftercare");
    const svg = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <OutcomeChart
          title="C3"
          points={[
            { at: "2026-01-01", value: 1.1, baseline: true },
            { at: "2026-02-01", value: 0.6 },
          ]}
          min={0}
          max={0}
          locale="en"
          timeZone="UTC"
          worse="down"
          reference={labMarker("c3")!.reference}
        />
      </I18nextProvider>,
    );
    expect(svg).toContain("reference-band");
    expect(svg).toContain(t("reference.between", { low: "0.9", high: "1.8" }));
    expect(svg.match(/out-of-range/g)).toHaveLength(1);
    expect(svg).toContain(`0.6 (${formatList([t("chart.worse"), t("chart.low")], "en")})`);
  });
});

async function followUpOf() {
  const staff = await createStaff();
  const { kase } = await createCase();
  const f = await db.followUp.create({
    data: { caseId: kase.id, kind: "BASELINE", label: "BASELINE", dueAt: new Date() },
  });
  return { staff, kase, f };
}

describe("an implausible value is not saved silently", () => {
  it("the model refuses it unchecked, and records the check when ticked", async () => {
    const { staff, kase, f } = await followUpOf();
    const input = {
      actorId: staff.clinician.id,
      ip: null,
      caseId: kase.id,
      followUpId: f.id,
      labs: { platelets: 0.9, c3: 0.7 },
      // One form: refused for the check, the same key is still good for the confirmed send.
      formKey: newFormKey(),
    };
    await expect(saveLabs(input)).rejects.toBeInstanceOf(LabCheckError);
    expect(await db.labResult.count()).toBe(0);

    await saveLabs({ ...input, checked: true });
    const rows = await db.labResult.findMany({ orderBy: { marker: "asc" } });
    expect(rows.map((r) => [r.marker, r.value, r.checkedAt !== null])).toEqual([
      ["c3", 0.7, false],
      ["platelets", 0.9, true],
    ]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "aftercare.labs.write" } });
    expect(entry.detail).toBe("checked:platelets");
  });

  it("does not ask again about a value confirmed before, unless it changes", async () => {
    const { staff, kase, f } = await followUpOf();
    const base = { actorId: staff.clinician.id, ip: null, caseId: kase.id, followUpId: f.id };
    await saveLabs({ ...base, labs: { platelets: 0.9 }, checked: true, formKey: newFormKey() });
    const first = await db.labResult.findFirstOrThrow({ where: { marker: "platelets" } });
    // The form is saved again with another value added: the confirmed one is sent unchanged.
    await saveLabs({ ...base, labs: { platelets: 0.9, c3: 0.8 }, formKey: newFormKey() });
    const again = await db.labResult.findFirstOrThrow({ where: { marker: "platelets" } });
    expect(again.checkedAt).toEqual(first.checkedAt);
    expect(await db.labResult.count()).toBe(2);
    const details = (
      await db.auditLog.findMany({
        where: { action: "aftercare.labs.write" },
        orderBy: { createdAt: "asc" },
      })
    ).map((e) => e.detail);
    expect(details).toEqual(["checked:platelets", null]);
    // Another implausible value is a new question.
    await expect(
      saveLabs({ ...base, labs: { platelets: 0.8 }, formKey: newFormKey() }),
    ).rejects.toBeInstanceOf(LabCheckError);
  });

  it("the form names the marker, the value and the range, keeps the typing, and asks to confirm", async () => {
    const { staff, kase, f } = await followUpOf();
    // The coordinator reads in Turkish: a decimal comma, and the marker's Turkish name.
    const tr = getFixedT("tr", "aftercare");
    // The page's form key: a warning spends nothing, so the confirmed send reuses it.
    let key = newFormKey();
    const post = async (fields: Record<string, string>) =>
      call(staffAftercareAction, {
        path: `/staff/cases/${kase.id}/aftercare`,
        params: { caseId: kase.id },
        cookie: await cookieFor(staff.coordinator.id),
        form: new URLSearchParams({ intent: "labs", followUpId: f.id, [FORM_KEY]: key, ...fields }),
      });
    const warned = await post({ "lab.platelets": "0,9", "lab.c3": "0,7" });
    expect(warned.status).toBe(400);
    const reply = formReply(warned);
    expect(reply.errors["lab.platelets"]).toBe(
      tr("errors.implausible", {
        marker: tr("lab.platelets"),
        value: formatNumber(0.9, "tr"),
        low: formatNumber(5, "tr"),
        high: formatNumber(1500, "tr"),
        unit: "10^9/L",
      }),
    );
    expect(reply.errors["lab.platelets"]).toContain("0,9");
    expect(reply.errors.checked).toBe(tr("errors.checkImplausible"));
    expect(reply.errors["lab.c3"]).toBeUndefined();
    // What was typed comes back as typed.
    const typed = (warned.data as { result: { initialValue: { lab: Record<string, string> } } })
      .result.initialValue.lab;
    expect(typed).toMatchObject({ platelets: "0,9", c3: "0,7" });
    expect(await db.labResult.count()).toBe(0);

    const saved = await post({ "lab.platelets": "0,9", "lab.c3": "0,7", checked: "on" });
    expect(saved.status).toBe(200);
    const platelets = await db.labResult.findFirstOrThrow({ where: { marker: "platelets" } });
    expect(platelets.value).toBe(0.9);
    expect(platelets.checkedAt).not.toBeNull();
    expect(platelets.enteredById).toBe(staff.coordinator.id);

    // A plausible value needs no confirmation (a new page, a new key).
    key = newFormKey();
    const plain = await post({ "lab.platelets": "90" });
    expect(plain.status).toBe(200);
    const corrected = await db.labResult.findFirstOrThrow({ where: { marker: "platelets" } });
    expect([corrected.value, corrected.checkedAt]).toEqual([90, null]);
  });
});
