/**
 * Idempotent demo data: the catalogue, one user per staff role, and 30 cases across every
 * stage. Running it again changes nothing. Demo cases are written as history (their past
 * stage changes become timeline events) and queue no emails.
 */
import { pathToFileURL } from "node:url";
import { db as defaultDb, type Db } from "~/db.server";
import { hashPassword } from "~/models/auth.server";
import { nextCaseNumber } from "~/models/stage.server";
import { HAPPY_PATH, type Stage } from "~/lib/stages";
import { CONSENT_PURPOSE, CONSENT_VERSION } from "~/lib/consent";
import { isRedFlag, questionsFor } from "~/lib/questionnaires";
import { checkFile, writeEncrypted } from "~/models/documents.server";
import { demoPdf } from "./demo-pdf";
import { share } from "~/lib/money";
import { nextDocumentNumber } from "~/models/payments.server";
import { priceLines } from "~/models/quotes.server";
import {
  DEMO_PASSWORD,
  EXCHANGE_RATES,
  PATIENTS,
  PRICE_LISTS,
  PROGRAMMES,
  STAFF,
  STAGE_PLAN,
} from "./seed-data";

const DAY = 24 * 3600 * 1000;

function pathTo(stage: Stage): Stage[] {
  if (stage === "NOT_ELIGIBLE") return ["ENQUIRY", "MEDICAL_REVIEW", "NOT_ELIGIBLE"];
  if (stage === "CANCELLED") return ["ENQUIRY", "MEDICAL_REVIEW", "CANCELLED"];
  return HAPPY_PATH.slice(0, HAPPY_PATH.indexOf(stage) + 1);
}

const reached = (path: Stage[], stage: Stage) => path.includes(stage);

export async function seed(db: Db = defaultDb, options: { ifEmpty?: boolean } = {}) {
  if (options.ifEmpty && (await db.user.count()) > 0)
    return { created: 0, staff: 0, programmes: 0, skipped: true };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: Record<string, string> = {};
  for (const s of STAFF) {
    const user = await db.user.upsert({
      where: { email: s.email },
      create: { ...s, passwordHash, timeZone: "Europe/Istanbul" },
      update: {},
    });
    staff[s.email] = user.id;
  }
  const coordinators = [staff["coordinator@demo.clinic"]!, staff["coordinator2@demo.clinic"]!];
  const clinicianId = staff["clinician@demo.clinic"]!;

  const programmeIds: Record<string, string> = {};
  const pathwaySteps: Record<
    string,
    { id: string; name: string; resourceType: string | null; durationMinutes: number | null }[]
  > = {};
  for (const [position, p] of PROGRAMMES.entries()) {
    const { steps, ...fields } = p;
    const programme = await db.programme.upsert({
      where: { slug: p.slug },
      create: { ...fields, position },
      update: {},
    });
    programmeIds[p.slug] = programme.id;
    pathwaySteps[p.slug] = [];
    for (const [i, step] of steps.entries()) {
      const row = await db.pathwayStep.upsert({
        where: { programmeId_key: { programmeId: programme.id, key: step.key } },
        create: { ...step, programmeId: programme.id, position: i + 1 },
        update: {},
      });
      pathwaySteps[p.slug]!.push(row);
    }
  }

  // Price lists and exchange rates: created once, then finance's to keep.
  const priceItemIds: Record<string, string> = {};
  for (const [slug, items] of Object.entries(PRICE_LISTS)) {
    for (const [position, item] of items.entries()) {
      const row = await db.priceItem.upsert({
        where: { programmeId_key: { programmeId: programmeIds[slug]!, key: item.key } },
        create: { ...item, programmeId: programmeIds[slug]!, position, currency: "EUR" },
        update: {},
      });
      priceItemIds[`${slug}:${item.key}`] = row.id;
    }
  }
  for (const [currency, rate] of Object.entries(EXCHANGE_RATES)) {
    if (currency === "EUR") continue;
    await db.exchangeRate.upsert({ where: { currency }, create: { currency, rate }, update: {} });
  }

  const stages = STAGE_PLAN.flatMap(([stage, n]) =>
    Array.from({ length: n }, () => stage as Stage),
  );
  let created = 0;
  for (const [i, p] of PATIENTS.entries()) {
    const target = stages[i % stages.length]!;
    const existing = await db.user.findUnique({ where: { email: p.email }, select: { id: true } });
    if (existing) continue;
    const path = pathTo(target);
    const start = new Date(Date.now() - (path.length * 6 + (i % 5)) * DAY);
    const at = (step: number) => new Date(start.getTime() + step * 6 * DAY + (i % 7) * 3600_000);
    await db.$transaction(async (tx) => {
      const patient = await tx.user.create({
        data: {
          email: p.email,
          name: p.name,
          role: "PATIENT",
          locale: p.locale,
          timeZone: p.timeZone,
          country: p.country,
        },
      });
      // One case in review has the clinician's yes and waits for finance's quote (the
      // review queue's third tab, and the first thing finance can try in the demo).
      const awaitingQuote = target === "MEDICAL_REVIEW" && p.locale === "ar";
      const eligible = reached(path, "QUOTED") || awaitingQuote;
      const kase = await tx.case.create({
        data: {
          number: await nextCaseNumber(tx, start),
          stage: target,
          stageChangedAt: at(path.length - 1),
          patientId: patient.id,
          programmeId: programmeIds[p.programme]!,
          coordinatorId: target === "ENQUIRY" && i % 2 === 0 ? null : coordinators[i % 2]!,
          language: p.locale,
          timeZone: p.timeZone,
          country: p.country,
          currency: p.currency,
          conditionSummary: p.condition,
          redFlagCount: p.redFlags ?? 0,
          eligibility: eligible
            ? "ELIGIBLE"
            : target === "NOT_ELIGIBLE"
              ? "NOT_ELIGIBLE"
              : "PENDING",
          eligibilityReason:
            target === "NOT_ELIGIBLE"
              ? "Active lupus nephritis flare: severe active organ crisis. Re-refer once stable for 6 months."
              : null,
          eligibilityReasonCode: target === "NOT_ELIGIBLE" ? "ORGAN_CRISIS" : null,
          eligibilityById: eligible || target === "NOT_ELIGIBLE" ? clinicianId : null,
          eligibilityAt: eligible || target === "NOT_ELIGIBLE" ? at(2) : null,
          firstResponseDueAt: new Date(start.getTime() + DAY),
          // History: the reminder went out when it was due, so a fresh demo sends none.
          firstResponseReminderAt: new Date(start.getTime() + DAY - 4 * 3600_000),
          firstRespondedAt: target === "ENQUIRY" ? null : new Date(start.getTime() + 5 * 3600_000),
          // Review is due three days after the case entered it (REVIEW_SLA_HOURS).
          reviewDueAt: path.length > 1 ? new Date(at(1).getTime() + 3 * DAY) : null,
          closedAt: target === "CLOSED" || target === "CANCELLED" ? at(path.length - 1) : null,
          createdAt: start,
        },
      });
      for (const [step, stage] of path.entries()) {
        await tx.caseEvent.create({
          data: {
            caseId: kase.id,
            type: "STAGE_CHANGE",
            actorId:
              step === 0
                ? patient.id
                : stage === "NOT_ELIGIBLE"
                  ? clinicianId
                  : coordinators[i % 2]!,
            fromStage: step === 0 ? null : path[step - 1]!,
            toStage: stage,
            reason: stage === "CANCELLED" ? "Patient chose treatment closer to home." : null,
            createdAt: at(step),
          },
        });
      }
      if (eligible) {
        // The clinician's plan: the programme's pathway as it stands.
        await tx.treatmentPlanStep.createMany({
          data: pathwaySteps[p.programme]!.map((step, position) => ({
            caseId: kase.id,
            pathwayStepId: step.id,
            position,
            name: step.name,
            resourceType: step.resourceType,
            durationMinutes: step.durationMinutes,
          })),
        });
      }
      if (reached(path, "QUOTED")) {
        // The first version, priced from the programme's list at the demo rate.
        const rate = EXCHANGE_RATES[p.currency] ?? "1";
        const { lines, totals } = priceLines(
          (PRICE_LISTS[p.programme] ?? []).map((item) => ({
            priceItemId: priceItemIds[`${p.programme}:${item.key}`] ?? null,
            itemKey: item.key,
            category: item.category,
            name: item.name,
            unit: item.unit,
            included: item.includedByDefault,
            quantity: item.defaultQuantity,
            unitPriceBaseMinor: item.unitPriceMinor,
            discountBp: 0,
            taxRule: item.taxRule ?? "EXEMPT",
          })),
          p.currency,
          rate,
        );
        const deposit = share(totals.totalMinor, 2000);
        const quote = await tx.quote.create({
          data: {
            caseId: kase.id,
            version: 1,
            status: reached(path, "QUOTE_ACCEPTED") ? "ACCEPTED" : "ISSUED",
            currency: p.currency,
            baseCurrency: "EUR",
            fxRate: rate,
            ...totals,
            depositBp: 2000,
            depositMinor: deposit,
            issuedAt: at(2),
            issuedById: staff["finance@demo.clinic"]!,
            validUntil: new Date(at(2).getTime() + 30 * DAY),
            acceptedAt: reached(path, "QUOTE_ACCEPTED") ? at(3) : null,
            acceptedTermsVersion: reached(path, "QUOTE_ACCEPTED") ? "2026-11" : null,
            lines: { create: lines },
          },
        });
        if (reached(path, "DEPOSIT_PAID")) {
          await tx.payment.create({
            data: {
              caseId: kase.id,
              quoteId: quote.id,
              kind: "DEPOSIT",
              status: "SUCCEEDED",
              method: "BANK_TRANSFER",
              amountMinor: deposit,
              currency: p.currency,
              reference: `DEMO-${kase.number}`,
              receiptNumber: await nextDocumentNumber(tx, "RC", at(4)),
              paidAt: at(4),
              recordedById: staff["finance@demo.clinic"]!,
              createdAt: at(4),
            },
          });
        }
      }
      if (reached(path, "SCHEDULED")) {
        const first = new Date(at(6).getTime() + 14 * DAY);
        for (const [n, title] of ["Comprehensive workup", "Infusion 1", "Infusion 2"].entries()) {
          const startsAt = new Date(first.getTime() + n * DAY);
          await tx.appointment.create({
            data: {
              caseId: kase.id,
              title,
              startsAt,
              endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
              status: reached(path, "AFTERCARE") ? "COMPLETED" : "BOOKED",
            },
          });
        }
      }
      // The enquiry as the patient sent it: condition details, answers and consent.
      const answers = questionsFor(p.programme).map((q, n) => {
        const value =
          q.type === "number"
            ? String(Math.min(q.max, 2))
            : q.type === "choice"
              ? q.options[q.id === "klGrade" ? 3 : 0]!
              : // Demo patients with red flags answered the first questions "yes".
                q.redFlagWhen === "yes" && n < (p.redFlags ?? 0)
                ? "yes"
                : q.redFlagWhen === "no"
                  ? "yes"
                  : "no";
        return { questionId: q.id, value, redFlag: isRedFlag(q, value) };
      });
      await tx.enquiry.create({
        data: {
          caseId: kase.id,
          programmeId: programmeIds[p.programme]!,
          locale: p.locale,
          diagnosis: p.condition,
          diagnosedYear: 2014 + (i % 8),
          steroidDoseMg: p.programme === "lupus-msc" ? 5 + (i % 3) * 2.5 : null,
          organs: p.programme === "knee-oa" ? "joints" : "joints,skin",
          redFlagCount: answers.filter((a) => a.redFlag).length,
          answers: { create: answers },
          createdAt: start,
        },
      });
      await tx.consent.create({
        data: {
          userId: patient.id,
          caseId: kase.id,
          purpose: CONSENT_PURPOSE,
          version: CONSENT_VERSION,
          locale: p.locale,
          grantedAt: start,
        },
      });
      if (reached(path, "TRAVEL_READY")) {
        const file = await checkFile({
          name: "passport.pdf",
          bytes: demoPdf(`DEMO PASSPORT SCAN - ${p.email}`),
        });
        await tx.document.create({
          data: {
            caseId: kase.id,
            kind: "PASSPORT",
            status: "APPROVED",
            fileName: file.fileName,
            mimeType: file.mimeType,
            sizeBytes: file.bytes.length,
            sha256: file.sha256,
            storageKey: await writeEncrypted(file.bytes),
            uploadedById: patient.id,
          },
        });
        await tx.itineraryItem.create({
          data: {
            caseId: kase.id,
            kind: "ARRIVAL_FLIGHT",
            title: "TK 1524 → IST",
            startsAt: new Date(at(6).getTime() + 13 * DAY),
          },
        });
      }
      if (reached(path, "AFTERCARE")) {
        for (const [n, label] of [
          "1 week",
          "1 month",
          "3 months",
          "6 months",
          "12 months",
        ].entries()) {
          const days = [7, 30, 91, 182, 365][n]!;
          await tx.followUp.create({
            data: { caseId: kase.id, label, dueAt: new Date(at(8).getTime() + days * DAY) },
          });
        }
      }
    });
    created++;
  }
  return { created, staff: STAFF.length, programmes: PROGRAMMES.length, skipped: false };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  seed(defaultDb, { ifEmpty: process.argv.includes("--if-empty") })
    .then((r) => {
      console.log(
        r.skipped
          ? "Database already has data; demo seed skipped."
          : `Seed complete: ${r.created} new demo cases, ${r.staff} staff users, ${r.programmes} programmes.`,
      );
      return defaultDb.$disconnect();
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
