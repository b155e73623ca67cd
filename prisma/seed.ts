/**
 * Idempotent demo data: the catalogue, one user per staff role, and 30 cases across every
 * stage. Running it again changes nothing. Demo cases are written as history (their past
 * stage changes become timeline events) and queue no emails.
 */
import { pathToFileURL } from "node:url";
import { db as defaultDb, type Db } from "~/db.server";
import { hashPassword } from "~/models/auth/auth.server";
import { encryptTotpSecret } from "~/models/auth/two-factor.server";
import { nextCaseNumber } from "~/models/cases/stage.server";
import { HAPPY_PATH, type Stage } from "~/lib/stages";
import { CONSENT_PURPOSE, CONSENT_VERSION } from "~/lib/consent";
import { CHANNEL_CONSENT_PURPOSE, CHANNEL_CONSENT_VERSION } from "~/lib/message-templates";
import { isRedFlag, questionsFor } from "~/lib/questionnaires";
import { ensureQuestionnaire } from "~/models/catalogue/questionnaire.server";
import { checkFile, writeEncrypted } from "~/infra/document-store.server";
import { demoPdf } from "./demo-pdf";
import { seedSite } from "./seed-site";
import { seedOutcomes } from "./seed-outcomes";
import { seedConsent } from "./seed-consent";
import { seedHandover } from "./seed-handover";
import { seedTravelRules } from "./seed-rules";
import { seedInsurance } from "./seed-insurance";
import { CLINIC_ID } from "~/models/site/clinic-documents.server";
import { envDefaults } from "~/models/site/clinic-settings.server";
import { share } from "~/lib/money";
import { nextDocumentNumber } from "~/models/finance/payments.server";
import { priceLines } from "~/models/finance/quotes.server";
import { parseDayHours, timeOffSpan } from "~/models/travel/resources.server";
import { airportZone } from "~/lib/itinerary";
import { worsenings, worseningDetail } from "~/lib/aftercare";
import { recordInboxItem } from "~/models/inbox/inbox.server";
import { builtInOutcomes, OutcomesContent } from "~/lib/outcomes";
import { env } from "~/env.server";
import { ensurePublished } from "~/models/catalogue/form-definitions.server";
import { addDays, dayIn, gridCells, wallTime } from "~/lib/schedule";
import {
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  EXCHANGE_RATES,
  HOLIDAYS,
  HOME_AIRPORTS,
  RESOURCES,
  PATIENTS,
  PRICE_LISTS,
  PROGRAMMES,
  STAFF,
  STAGE_PLAN,
} from "./seed-data";
import {
  nameTranslations,
  PRICE_ITEM_TEXTS,
  programmeTranslations,
  RESOURCE_TEXTS,
  stepTranslations,
} from "./catalogue/texts";

const DAY = 24 * 3600 * 1000;

function pathTo(stage: Stage): Stage[] {
  if (stage === "NOT_ELIGIBLE") return ["ENQUIRY", "MEDICAL_REVIEW", "NOT_ELIGIBLE"];
  if (stage === "CANCELLED") return ["ENQUIRY", "MEDICAL_REVIEW", "CANCELLED"];
  return HAPPY_PATH.slice(0, HAPPY_PATH.indexOf(stage) + 1);
}

const reached = (path: Stage[], stage: Stage) => path.includes(stage);

/** Open stages where a demo patient has just written (the inbox is not empty on a fresh demo). */
const INBOX_STAGES = new Set<Stage>([
  "ENQUIRY",
  "MEDICAL_REVIEW",
  "QUOTED",
  "SCHEDULED",
  "AFTERCARE",
]);
/** What a demo patient wrote, in their own language. */
const DEMO_MESSAGES: Record<string, string> = {
  en: "Hello, could you tell me how long I would need to stay in Istanbul after the infusions?",
  tr: "Merhaba, infüzyonlardan sonra İstanbul'da ne kadar kalmam gerekir?",
  ar: "مرحبًا، كم من الوقت سأحتاج إلى البقاء في إسطنبول بعد جلسات التسريب؟",
  de: "Guten Tag, wie lange müsste ich nach den Infusionen in Istanbul bleiben?",
  ru: "Здравствуйте! Сколько мне нужно будет пробыть в Стамбуле после инфузий?",
  fr: "Bonjour, combien de temps devrai-je rester à Istanbul après les perfusions ?",
  fa: "سلام، بعد از تزریق‌ها چه مدت باید در استانبول بمانم؟",
};

export async function seed(db: Db = defaultDb, options: { ifEmpty?: boolean } = {}) {
  if (options.ifEmpty && (await db.user.count()) > 0)
    return { created: 0, staff: 0, programmes: 0, skipped: true };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: Record<string, string> = {};
  for (const s of STAFF) {
    const user = await db.user.upsert({
      where: { email: s.email },
      create: {
        ...s,
        passwordHash,
        timeZone: "Europe/Istanbul",
        // Every staff sign-in asks for a code: the demo accounts share a documented secret.
        totpSecret: encryptTotpSecret(DEMO_TOTP_SECRET),
        totpConfirmedAt: new Date(),
      },
      update: {},
    });
    staff[s.email] = user.id;
  }
  const coordinators = [staff["coordinator@demo.clinic"]!, staff["coordinator2@demo.clinic"]!];
  const clinicianId = staff["clinician@demo.clinic"]!;

  const programmeIds: Record<string, string> = {};
  const pathwaySteps: Record<
    string,
    {
      id: string;
      name: string;
      resourceType: string | null;
      durationMinutes: number | null;
      gapMinutes: number | null;
    }[]
  > = {};
  for (const [position, p] of PROGRAMMES.entries()) {
    const { steps, ...fields } = p;
    const programme = await db.programme.upsert({
      where: { slug: p.slug },
      create: { ...fields, position, translations: programmeTranslations(p.slug) },
      update: {},
    });
    programmeIds[p.slug] = programme.id;
    // Version 1 of the outcome set: the lupus measures, markers and schedule as in code
    // (app/lib/aftercare.ts), so nothing changes for patients or clinicians (ADR 028).
    await ensurePublished(
      programme.id,
      "OUTCOMES",
      builtInOutcomes(env().AFTERCARE_WORSENING_POINTS, programme.followUpSchedule),
      OutcomesContent,
      db,
    );
    pathwaySteps[p.slug] = [];
    for (const [i, step] of steps.entries()) {
      const row = await db.pathwayStep.upsert({
        where: { programmeId_key: { programmeId: programme.id, key: step.key } },
        create: {
          ...step,
          programmeId: programme.id,
          position: i + 1,
          translations: stepTranslations(p.slug, step.key),
        },
        update: {},
      });
      pathwaySteps[p.slug]!.push(row);
    }
  }

  // Each programme's eligibility questionnaire, published as version 1 from the built-in
  // questions and their words in every language: then the admins' to edit (issue 23).
  const questionnaireIds: Record<string, string> = {};
  for (const [slug, id] of Object.entries(programmeIds)) {
    await ensureQuestionnaire({ id, slug }, db);
    const first = await db.formDefinition.findFirst({
      where: { programmeId: id, kind: "QUESTIONNAIRE", version: 1 },
      select: { id: true },
    });
    if (first) questionnaireIds[slug] = first.id;
  }

  // The clinic's public facts and doctors: created once, then the admins' to keep.
  await seedSite(db);
  // How the clinic runs (issue 23): from the environment once, then the admins' to keep.
  await db.clinicSettings.upsert({
    where: { id: CLINIC_ID },
    create: { id: CLINIC_ID, ...envDefaults() },
    update: {},
  });

  // Price lists and exchange rates: created once, then finance's to keep.
  const priceItemIds: Record<string, string> = {};
  for (const [slug, items] of Object.entries(PRICE_LISTS)) {
    for (const [position, item] of items.entries()) {
      const row = await db.priceItem.upsert({
        where: { programmeId_key: { programmeId: programmeIds[slug]!, key: item.key } },
        create: {
          ...item,
          programmeId: programmeIds[slug]!,
          position,
          currency: "EUR",
          translations: nameTranslations(PRICE_ITEM_TEXTS, item.name),
        },
        update: {},
      });
      priceItemIds[`${slug}:${item.key}`] = row.id;
    }
  }
  for (const [currency, rate] of Object.entries(EXCHANGE_RATES)) {
    if (currency === "EUR") continue;
    await db.exchangeRate.upsert({ where: { currency }, create: { currency, rate }, update: {} });
  }

  // Resources and their hours: created once, then the coordinators' to keep.
  if ((await db.resource.count()) === 0) {
    for (const [position, r] of RESOURCES.entries()) {
      const hours = Object.entries(r.hours).flatMap(([weekday, text]) =>
        (parseDayHours(text) ?? []).map((s) => ({ weekday: Number(weekday), ...s })),
      );
      await db.resource.create({
        data: {
          name: r.name,
          translations: nameTranslations(RESOURCE_TEXTS, r.name),
          type: r.type,
          position,
          userId: r.staffEmail ? (staff[r.staffEmail] ?? null) : null,
          hours: { create: hours },
        },
      });
    }
    for (const h of HOLIDAYS) {
      const span = timeOffSpan(h.from, h.to)!;
      await db.resourceException.create({ data: { kind: "HOLIDAY", note: h.note, ...span } });
    }
  }
  const resources = await db.resource.findMany({
    orderBy: { position: "asc" },
    select: { id: true, type: true },
  });
  const zone = "Europe/Istanbul";
  /** Grid cells already held by seeded appointments, so seeded bookings never clash. */
  const held = new Set(
    (await db.appointmentSlot.findMany({ select: { resourceId: true, slotStart: true } })).map(
      (c) => `${c.resourceId}|${c.slotStart.toISOString()}`,
    ),
  );
  /**
   * The first weekday slot from `day` at `minute` on a free resource of `type`, when the
   * patient (`mine`: the cells they already hold) is free too, through the step's gap.
   */
  const seedSlot = (
    type: string,
    day: string,
    minute: number,
    minutes: number,
    mine: Set<string>,
    gapMinutes: number,
  ) => {
    for (let d = 0; d < 60; d++) {
      const date = addDays(day, d);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const startsAt = wallTime(date, minute, zone);
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
      const own = gridCells(startsAt, new Date(endsAt.getTime() + gapMinutes * 60_000)).map((c) =>
        c.toISOString(),
      );
      if (own.some((c) => mine.has(c))) continue;
      for (const r of resources.filter((x) => x.type === type)) {
        const cells = gridCells(startsAt, endsAt).map((c) => `${r.id}|${c.toISOString()}`);
        if (cells.some((c) => held.has(c))) continue;
        cells.forEach((c) => held.add(c));
        own.forEach((c) => mine.add(c));
        return { resourceId: r.id, startsAt, endsAt };
      }
    }
    throw new Error(`No seed slot for ${type} from ${day}`);
  };

  const stages = STAGE_PLAN.flatMap(([stage, n]) =>
    Array.from({ length: n }, () => stage as Stage),
  );
  let created = 0;
  for (const [i, p] of PATIENTS.entries()) {
    const target = stages[i % stages.length]!;
    const existing = await db.user.findUnique({ where: { email: p.email }, select: { id: true } });
    if (existing) continue;
    const path = pathTo(target);
    // Cases in aftercare began months ago, so their follow-ups and outcomes have a history.
    const aftercareDays = reached(path, "AFTERCARE") ? 150 + (i % 4) * 45 : 0;
    const start = new Date(Date.now() - (path.length * 6 + (i % 5) + aftercareDays) * DAY);
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
            gapMinutes: step.gapMinutes,
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
            translations: nameTranslations(PRICE_ITEM_TEXTS, item.name),
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
      let firstDay: string | null = null;
      let lastEnd: Date | null = null;
      if (reached(path, "SCHEDULED")) {
        // The plan's first bookable step and then its infusion (or next step), twice over
        // for the lupus programme: workup, first infusion, second infusion.
        const plan = await tx.treatmentPlanStep.findMany({
          where: { caseId: kase.id, resourceType: { not: null } },
          orderBy: { position: "asc" },
        });
        const infusion = plan.find((s) => s.resourceType === "CHAIR") ?? plan[1] ?? plan[0];
        const booked = [plan[0], infusion, infusion].filter((s) => s !== undefined);
        firstDay = dayIn(new Date(at(6).getTime() + 14 * DAY), zone);
        // The patient's own cells: one patient, one place (a weekend moves two steps to the
        // same Monday, so each takes the next day the patient is free).
        // Each step on a later day than the one before: when a weekend or a busy resource
        // moves a step on, the next one does not overtake it (steps out of order are a trip
        // conflict, and the case's stage would not allow one).
        const mine = new Set<string>();
        let previous: string | null = null;
        for (const [n, step] of booked.entries()) {
          const minutes = step.durationMinutes ?? 60;
          const planned = addDays(firstDay, n);
          const slot = seedSlot(
            step.resourceType!,
            previous !== null && planned <= previous ? addDays(previous, 1) : planned,
            9 * 60 + 30 * (i % 4),
            minutes,
            mine,
            step.gapMinutes ?? 0,
          );
          const done = reached(path, "AFTERCARE") || (reached(path, "IN_TREATMENT") && n === 0);
          const appointment = await tx.appointment.create({
            data: {
              caseId: kase.id,
              kind: "TREATMENT",
              title: step.name,
              planStepId: step.id,
              ...slot,
              status: done ? "COMPLETED" : "BOOKED",
              bookedById: coordinators[i % 2]!,
            },
          });
          if (!done) {
            await tx.appointmentSlot.createMany({
              data: gridCells(slot.startsAt, slot.endsAt).map((slotStart) => ({
                resourceId: slot.resourceId,
                slotStart,
                appointmentId: appointment.id,
              })),
            });
            // The patient's own cells, to the end of the step's gap (one patient, one place).
            const gapEnd = new Date(slot.endsAt.getTime() + (step.gapMinutes ?? 0) * 60_000);
            await tx.patientSlot.createMany({
              data: gridCells(slot.startsAt, gapEnd).map((slotStart) => ({
                patientId: patient.id,
                slotStart,
                appointmentId: appointment.id,
              })),
            });
          }
          lastEnd = slot.endsAt;
          previous = dayIn(slot.startsAt, zone);
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
          questionnaireId: questionnaireIds[p.programme] ?? null,
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
      // WhatsApp (issue 24): some Arabic- and Turkish-speaking patients proved a number and
      // get their news there too (the demo writes the messages to data/messages).
      if ((p.locale === "ar" || p.locale === "tr") && i % 2 === 0) {
        await tx.user.update({
          where: { id: patient.id },
          data: { phone: `+90532${String(1000000 + i).slice(-7)}`, phoneVerifiedAt: start },
        });
        await tx.consent.create({
          data: {
            userId: patient.id,
            caseId: kase.id,
            purpose: CHANNEL_CONSENT_PURPOSE.WHATSAPP,
            version: CHANNEL_CONSENT_VERSION,
            locale: p.locale,
            grantedAt: start,
          },
        });
      }
      // The inbox (issue 22): a few open cases have a patient's message from the last hours,
      // and some in review a record they sent, not yet read by anyone.
      const recent = new Date(Date.now() - ((i % 6) + 1) * 3600_000);
      if (INBOX_STAGES.has(target) && i % 3 === 0) {
        const message = await tx.caseEvent.create({
          data: {
            caseId: kase.id,
            type: "MESSAGE",
            actorId: patient.id,
            fromPatient: true,
            body: DEMO_MESSAGES[p.locale] ?? DEMO_MESSAGES.en!,
            createdAt: recent,
          },
        });
        await recordInboxItem(tx, {
          caseId: kase.id,
          kind: "MESSAGE",
          eventId: message.id,
          createdAt: recent,
        });
      }
      if (target === "MEDICAL_REVIEW" && i % 2 === 1) {
        const file = await checkFile({
          name: "labs.pdf",
          bytes: demoPdf(`DEMO LAB RESULTS (C3, C4, anti-dsDNA) - ${p.email}`),
        });
        await tx.document.create({
          data: {
            caseId: kase.id,
            kind: "MEDICAL_RECORD",
            fileName: "recent-labs.pdf",
            mimeType: file.mimeType,
            sizeBytes: file.bytes.length,
            sha256: file.sha256,
            storageKey: await writeEncrypted(file.bytes),
            uploadedById: patient.id,
            createdAt: recent,
          },
        });
        const upload = await tx.caseEvent.create({
          data: {
            caseId: kase.id,
            type: "DOCUMENT_UPLOADED",
            actorId: patient.id,
            createdAt: recent,
          },
        });
        await recordInboxItem(tx, {
          caseId: kase.id,
          kind: "UPLOAD",
          eventId: upload.id,
          createdAt: recent,
        });
      }
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
            holderName: p.passportName,
            nativeName: p.passportName === p.name.toUpperCase() ? null : p.name,
            nationality: p.country,
            documentNumber: `P${String(1_000_000 + i * 7919).slice(0, 7)}`,
            birthDate: new Date(Date.UTC(1975 + (i % 20), i % 12, 1 + (i % 27))),
            expiresOn: new Date(Date.UTC(2031, i % 12, 15)),
            reviewedById: coordinators[i % 2]!,
            reviewedAt: at(6),
          },
        });
        // Flights from the patient's home airport the day before the first appointment and
        // the day after the last, the hotel between, and the transfer from the airport.
        const home = HOME_AIRPORTS[p.country] ?? "FRA";
        const homeZone = airportZone(home) ?? zone;
        const arriveDay = addDays(firstDay ?? dayIn(at(6), zone), -1);
        const leaveDay = addDays(dayIn(lastEnd ?? at(6), zone), 1);
        const landing = wallTime(arriveDay, 15 * 60 + 40, zone);
        const takeOff = wallTime(leaveDay, 12 * 60 + 30, zone);
        const items = [
          {
            kind: "ARRIVAL_FLIGHT",
            title: `TK${1500 + i} ${home} → IST`,
            reference: `TK${1500 + i}`,
            fromPlace: home,
            toPlace: "IST",
            startsAt: new Date(landing.getTime() - 3.5 * 3600_000),
            startZone: homeZone,
            endsAt: landing,
            endZone: zone,
          },
          {
            kind: "TRANSFER",
            // Places are proper names (the hotel's own), so a patient reads no English word.
            title: "IST → Şişli Park Residence",
            fromPlace: "IST",
            toPlace: "Şişli Park Residence",
            startsAt: new Date(landing.getTime() + 3600_000),
            startZone: zone,
            contactName: "Kemal Yıldız",
            contactPhone: "+90 532 555 01 02",
          },
          {
            kind: "HOTEL",
            title: "Şişli Park Residence",
            fromPlace: "Şişli Park Residence",
            startsAt: new Date(landing.getTime() + 3 * 3600_000),
            startZone: zone,
            endsAt: wallTime(leaveDay, 9 * 60, zone),
            endZone: zone,
          },
          {
            kind: "DEPARTURE_FLIGHT",
            title: `TK${1600 + i} IST → ${home}`,
            reference: `TK${1600 + i}`,
            fromPlace: "IST",
            toPlace: home,
            startsAt: takeOff,
            startZone: zone,
            endsAt: new Date(takeOff.getTime() + 3.5 * 3600_000),
            endZone: homeZone,
          },
        ];
        for (const item of items)
          await tx.itineraryItem.create({ data: { caseId: kase.id, ...item } });
      }
      if (reached(path, "TRAVEL_READY") && !reached(path, "AFTERCARE")) {
        // Asked when travel was settled; reminded then, so a fresh demo sends nothing. A
        // patient already in treatment answered it before coming.
        const answered = reached(path, "IN_TREATMENT");
        await tx.followUp.create({
          data: {
            caseId: kase.id,
            kind: "BASELINE",
            label: "BASELINE",
            dueAt: at(6),
            dueReminderAt: at(6),
            ...(answered
              ? {
                  status: "COMPLETED",
                  completedAt: at(6),
                  completedById: patient.id,
                  fatigue: 6,
                  pain: 5,
                  stiffness: 5,
                  flares: 1,
                  steroidDoseMg: 7.5,
                  qualityOfLife: 50,
                }
              : {}),
          },
        });
      }
      if (reached(path, "AFTERCARE")) {
        // The baseline before treatment, then the plan from the template (1 week to 12
        // months after treatment). Follow-ups already due are mostly answered, improving;
        // every other case missed the one at a month, and every fourth got worse at one month, which opened
        // a clinician's task, as the platform would have done.
        const treated = at(8);
        const base = {
          fatigue: 7,
          pain: 6,
          stiffness: 6,
          flares: 2,
          steroidDoseMg: 10,
          qualityOfLife: 45,
        };
        const baseLabs = {
          antiDsDna: 180,
          c3: 0.62,
          c4: 0.08,
          esr: 42,
          crp: 12,
          vitaminD: 18,
          upcr: 45,
        };
        const baseline = await tx.followUp.create({
          data: {
            caseId: kase.id,
            kind: "BASELINE",
            label: "BASELINE",
            dueAt: at(6),
            dueReminderAt: at(6),
            status: "COMPLETED",
            completedAt: at(6),
            completedById: patient.id,
            ...base,
          },
        });
        await tx.labResult.createMany({
          data: Object.entries(baseLabs).map(([marker, value]) => ({
            followUpId: baseline.id,
            marker,
            value,
          })),
        });
        for (const [n, label] of ["P1W", "P1M", "P3M", "P6M", "P12M"].entries()) {
          const days = [7, 30, 91, 182, 365][n]!;
          const dueAt = new Date(treated.getTime() + days * DAY);
          const past = dueAt.getTime() < Date.now();
          const missed = past && n === 1 && i % 2 === 1;
          const worse = past && label === "P1M" && i % 4 === 0;
          const step = n + 1;
          const values = worse
            ? { ...base, pain: 9, qualityOfLife: 25, flares: 1 }
            : {
                fatigue: Math.max(1, base.fatigue - step),
                pain: Math.max(1, base.pain - step),
                stiffness: Math.max(1, base.stiffness - step),
                flares: 0,
                steroidDoseMg: Math.max(2.5, base.steroidDoseMg - 2.5 * step),
                qualityOfLife: Math.min(90, base.qualityOfLife + 8 * step),
              };
          const followUp = await tx.followUp.create({
            data: {
              caseId: kase.id,
              kind: "FOLLOW_UP",
              label,
              dueAt,
              ...(past ? { dueReminderAt: dueAt } : {}),
              ...(past && !missed
                ? {
                    status: "COMPLETED",
                    completedAt: new Date(dueAt.getTime() + DAY),
                    completedById: patient.id,
                    ...values,
                  }
                : {}),
            },
          });
          if (past && !missed) {
            await tx.labResult.createMany({
              data: Object.entries(baseLabs).map(([marker, value]) => ({
                followUpId: followUp.id,
                marker,
                value:
                  marker === "c3" || marker === "c4" || marker === "vitaminD"
                    ? Math.round(value * (1 + 0.15 * step) * 100) / 100
                    : Math.round(value * Math.max(0.3, 1 - 0.18 * step) * 100) / 100,
              })),
            });
          }
          const change = worsenings(base, values, 2);
          if (worse && change.length) {
            await tx.clinicalTask.create({
              data: {
                caseId: kase.id,
                followUpId: followUp.id,
                kind: "WORSENING",
                detail: worseningDetail(change),
                createdAt: new Date(dueAt.getTime() + DAY),
              },
            });
          }
        }
      }
    });
    created++;
  }
  // The treatment's travel rules (issue 25), and the demo trips and sign-offs that honour them.
  await seedTravelRules(db);
  await seedOutcomes(db, { coordinators, clinicianId }); // Issue 25: past patients' outcomes.
  // History: the follow-up reminders that fell due went out at the time, so a fresh demo
  // sends none.
  const overdueDays = 7;
  const now = new Date();
  await db.followUp.updateMany({
    where: { status: "SCHEDULED", dueReminderAt: null, dueAt: { lte: now } },
    data: { dueReminderAt: now },
  });
  await db.followUp.updateMany({
    where: {
      status: "SCHEDULED",
      overdueReminderAt: null,
      dueAt: { lte: new Date(now.getTime() - overdueDays * DAY) },
    },
    data: { overdueReminderAt: now },
  });
  await seedConsent(db); // Issue 25: procedure consent texts, and signatures of treated cases.
  // A WhatsApp message from a number nobody proved: a lead for a coordinator (issue 24).
  await db.inboundLead.upsert({
    where: { providerId: "wamid.demo-lead-1" },
    create: {
      channel: "WHATSAPP",
      fromPhone: "+447911123456",
      profileName: "Sam",
      text: "Hello, I saw your programmes. Can someone call me about prices and dates?",
      providerId: "wamid.demo-lead-1",
      createdAt: new Date(now.getTime() - 2 * 3600_000),
    },
    update: {},
  });
  await seedHandover(db);
  await seedInsurance(db);
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
