/**
 * Demo insurance (issue 25). Of the three programmes, two are interventional and so ask for
 * complication cover under Turkey's 2025 health-tourism rules: lupus-msc (cell sourcing is a
 * bone-marrow or fat harvest) and knee-oa (a fat harvest for the patient's own cells, then an
 * image-guided injection into the joint). ra-msc gives cord-tissue cells by intravenous
 * infusion only: no procedure, no complication cover asked. None asks for travel health
 * insurance in the demo; the admins can turn it on in the catalogue.
 *
 * Those two programmes also get the clinic's own complication cover as a price item, for
 * finance to add to a quote like any other. Every seeded case at TRAVEL_READY or later in them
 * then has valid cover for its whole stay: most a policy (with a small demo PDF as its
 * document, stored encrypted like the passport scans), every other one the clinic's cover on
 * its accepted quote (the quote's totals, deposit and deposit payment priced again with it).
 * The flags and price items are set once, then the admins' and finance's to keep.
 */
import type { Db } from "~/db.server";
import { checkFile, writeEncrypted } from "~/infra/document-store.server";
import { CLINIC_COVER_ITEM } from "~/lib/insurance";
import { share } from "~/lib/money";
import { addDays } from "~/lib/schedule";
import { priceLines } from "~/models/finance/quotes.server";
import { caseCoverage, POLICY_DOCUMENT_KIND } from "~/models/travel/insurance.server";
import { demoPdf } from "./demo-pdf";

const INTERVENTIONAL = ["lupus-msc", "knee-oa"];
const LATER_STAGES = ["TRAVEL_READY", "IN_TREATMENT", "AFTERCARE", "CLOSED"];

const COVER_NAME = "Complication insurance (the clinic's cover)";
const COVER_TRANSLATIONS = JSON.stringify({
  tr: { name: "Komplikasyon sigortası (kliniğin teminatı)" },
  ar: { name: "تأمين المضاعفات (تغطية العيادة)" },
  de: { name: "Komplikationsversicherung (Deckung der Klinik)" },
  ru: { name: "Страхование осложнений (покрытие клиники)" },
  fr: { name: "Assurance complications (couverture de la clinique)" },
  fa: { name: "بیمهٔ عوارض درمان (پوشش کلینیک)" },
});

export async function seedInsurance(db: Db) {
  const programmes = await db.programme.findMany({
    where: { slug: { in: INTERVENTIONAL } },
    select: { id: true, slug: true },
  });
  const priced = await db.priceItem.count({ where: { key: CLINIC_COVER_ITEM } });
  if (priced === 0) {
    for (const p of programmes) {
      await db.programme.update({
        where: { id: p.id },
        data: { requiresComplicationCover: true },
      });
      await db.priceItem.create({
        data: {
          programmeId: p.id,
          key: CLINIC_COVER_ITEM,
          name: COVER_NAME,
          translations: COVER_TRANSLATIONS,
          category: "INSURANCE",
          unitPriceMinor: 350_00,
          currency: "EUR",
          includedByDefault: false,
          position: 100,
        },
      });
    }
  }
  const cases = await db.case.findMany({
    where: {
      stage: { in: LATER_STAGES },
      programme: { requiresComplicationCover: true },
      insurance: { none: {} },
    },
    orderBy: { number: "asc" },
    select: { id: true, number: true, patientId: true, programmeId: true },
  });
  for (const [i, kase] of cases.entries()) {
    const cover = await caseCoverage(db, kase.id);
    if (!cover.stay || cover.clinicCover) continue;
    if (i % 2 === 1 && (await addClinicCover(db, kase))) continue;
    const file = await checkFile({
      name: "complication-policy.pdf",
      bytes: demoPdf(`DEMO COMPLICATION INSURANCE POLICY - ${kase.number}`),
    });
    await db.$transaction(async (tx) => {
      const doc = await tx.document.create({
        data: {
          caseId: kase.id,
          kind: POLICY_DOCUMENT_KIND,
          fileName: file.fileName,
          mimeType: file.mimeType,
          sizeBytes: file.bytes.length,
          sha256: file.sha256,
          storageKey: await writeEncrypted(file.bytes),
          uploadedById: kase.patientId,
        },
        select: { id: true },
      });
      // Bought for the trip: from two days before the stay to a week after it.
      await tx.insurancePolicy.create({
        data: {
          caseId: kase.id,
          kind: "COMPLICATION",
          insurer: "Anadolu Sigorta",
          policyNumber: `AS-HT-${String(kase.number).replace(/\D/g, "").slice(-6)}`,
          coversFrom: new Date(`${addDays(cover.stay!.from, -2)}T00:00:00Z`),
          coversUntil: new Date(`${addDays(cover.stay!.to, 7)}T00:00:00Z`),
          coveredProcedures:
            "Bone-marrow or adipose tissue harvest; intravenous or intra-articular cell administration",
          documentId: doc.id,
        },
      });
    });
  }
}

/**
 * The clinic's cover added to the case's accepted quote, priced again with it: its lines,
 * totals and deposit, and the deposit paid. False when there is no such quote or item.
 */
async function addClinicCover(db: Db, kase: { id: string; programmeId: string }) {
  const [quote, item] = await Promise.all([
    db.quote.findFirst({
      where: { caseId: kase.id, status: "ACCEPTED" },
      orderBy: { version: "desc" },
      include: { lines: { orderBy: { position: "asc" } } },
    }),
    db.priceItem.findFirst({ where: { programmeId: kase.programmeId, key: CLINIC_COVER_ITEM } }),
  ]);
  if (!quote || !item) return false;
  const { lines, totals } = priceLines(
    [
      ...quote.lines.map((l) => ({ ...l, unitPriceMinor: null })),
      {
        priceItemId: item.id,
        itemKey: item.key,
        category: item.category,
        name: item.name,
        translations: item.translations,
        unit: item.unit,
        included: true,
        quantity: 1,
        unitPriceBaseMinor: item.unitPriceMinor,
        discountBp: 0,
        taxRule: item.taxRule,
      },
    ],
    quote.currency,
    quote.fxRate,
  );
  const deposit = share(totals.totalMinor, quote.depositBp);
  await db.$transaction(async (tx) => {
    await tx.quoteLine.deleteMany({ where: { quoteId: quote.id } });
    await tx.quote.update({
      where: { id: quote.id },
      data: { ...totals, depositMinor: deposit, lines: { create: lines } },
    });
    await tx.payment.updateMany({
      where: { quoteId: quote.id, kind: "DEPOSIT" },
      data: { amountMinor: deposit },
    });
  });
  return true;
}
