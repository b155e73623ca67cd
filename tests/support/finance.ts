/** A case a clinician has marked eligible, with a small price list and a GBP rate: ready for a quote. */
import { db } from "~/db.server";
import { changeStage } from "~/models/cases/stage.server";
import { acceptQuote, issueQuote, startDraft } from "~/models/finance/quotes.server";
import { recordDecision, savePlan } from "~/models/cases/workspace.server";
import { createCase, createStaff } from "./factories";
import { sentForm } from "./enquiry-form";

export async function eligibleCase(currency = "GBP") {
  const staff = await createStaff();
  const made = await createCase({ locale: "ru" });
  await db.case.update({ where: { id: made.kase.id }, data: { currency } });
  await db.priceItem.createMany({
    data: [
      {
        programmeId: made.programme.id,
        key: "workup",
        name: "Workup",
        category: "WORKUP",
        unitPriceMinor: 1_800_00,
        position: 0,
      },
      {
        programmeId: made.programme.id,
        key: "infusion",
        name: "Infusion",
        category: "INFUSION",
        unitPriceMinor: 2_000_00,
        defaultQuantity: 3,
        position: 1,
      },
      {
        programmeId: made.programme.id,
        key: "hotel-night",
        name: "Hotel",
        category: "HOTEL",
        unit: "NIGHT",
        unitPriceMinor: 120_00,
        defaultQuantity: 8,
        taxRule: "VAT_10",
        position: 2,
      },
      {
        programmeId: made.programme.id,
        key: "companion",
        name: "Companion",
        category: "COMPANION",
        unitPriceMinor: 900_00,
        includedByDefault: false,
        position: 3,
      },
    ],
  });
  // Upserted, so a test may make more than one such case.
  await db.exchangeRate.upsert({
    where: { currency: "GBP" },
    create: { currency: "GBP", rate: "0.8420" },
    update: {},
  });
  await changeStage({
    caseId: made.kase.id,
    to: "MEDICAL_REVIEW",
    actor: { id: staff.coordinator.id, role: "COORDINATOR" },
  });
  const clinician = { id: staff.clinician.id, role: "CLINICIAN" as const };
  await savePlan(made.kase.id, clinician, [{ name: "Workup" }], sentForm());
  await recordDecision(made.kase.id, clinician, { decision: "ELIGIBLE" }, sentForm());
  await db.outboxEmail.deleteMany({});
  return { staff, ...made, finance: { id: staff.finance.id, role: "FINANCE" } };
}

/** An eligible case whose quote (v1) was issued and accepted: the deposit is due. */
export async function acceptedCase(currency = "GBP") {
  const made = await eligibleCase(currency);
  const draft = await startDraft(made.kase.id, made.finance);
  await issueQuote(draft.id, made.finance);
  await acceptQuote(made.patient.id, made.kase.id, draft.id, "203.0.113.7");
  await db.outboxEmail.deleteMany({});
  const quote = await db.quote.findUniqueOrThrow({ where: { id: draft.id } });
  return { ...made, quote };
}
