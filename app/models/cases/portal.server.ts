import type { Prisma } from "~/generated/prisma/client";
/**
 * What a signed-in patient may read and do. Every query is scoped by the patient's own id,
 * so another patient's case or file is simply not found (404), never "forbidden", which
 * would confirm that it exists.
 */
import { questionnairesOfEnquiries } from "~/models/catalogue/questionnaire.server";
import { redirect } from "@remix-run/node";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { ProfileInput } from "~/forms/settings";
import { toE164 } from "~/lib/phone";
import { db } from "~/db.server";
import { notFound, notThePatients } from "~/models/auth/auth.server";
import { noticeToCoordinators } from "~/models/cases/notices.server";
import { recordPatientMessage, resumeAfterPatientReply } from "~/models/cases/workspace.server";
import { recordInboxItem } from "~/models/inbox/inbox.server";
import { patientVideoLinks } from "~/models/travel/video.server";
import { withTense } from "~/lib/appointment-tense";
import { CONSENT_PURPOSE } from "~/lib/consent";
import {
  createDocumentRows,
  DOCUMENT_LIST,
  storeCheckedFiles,
  type CheckedFile,
} from "~/infra/document-store.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { env } from "~/env.server";
import {
  lateReplyOf,
  portalView,
  sectionOpen,
  type PortalFacts,
  type PortalSection,
} from "~/lib/portal-view";

/** What every patient view of a case starts from. */
const CASE_HEADER = {
  id: true,
  number: true,
  stage: true,
  stageChangedAt: true,
  createdAt: true,
  programme: { select: { slug: true, name: true, translations: true } },
} as const;

export async function listPatientCases(patientId: string) {
  return db.case.findMany({
    where: { patientId },
    orderBy: { createdAt: "desc" },
    select: CASE_HEADER,
  });
}

/**
 * A patient's own case, with the fields `select` names: the portal's one ownership check (the
 * case's id and its patient's together). Anyone else's case, or none, is "not found", and the
 * attempt is audited. (Inside a transaction, check with the transaction's client instead: the
 * audit write would wait for it.)
 */
export async function ownCase<S extends Prisma.CaseSelect>(
  patientId: string,
  caseId: string,
  select: S,
): Promise<Prisma.CaseGetPayload<{ select: S }>> {
  const kase = await db.case.findFirst({ where: { id: caseId, patientId }, select });
  if (!kase) return notThePatients(patientId, "Case", caseId);
  return kase as Prisma.CaseGetPayload<{ select: S }>;
}

/** The patient's own case, just enough to authorise a write to it; 404 for anyone else's. */
export function requirePatientCase(patientId: string, caseId: string) {
  return ownCase(patientId, caseId, { id: true, consentWithdrawnAt: true });
}

/**
 * What the portal's view of a case turns on (app/lib/portal-view.ts): its stage and the facts
 * beside it, counted as the patient's pages count them. The caller has checked ownership.
 */
export async function portalFactsOf(caseId: string): Promise<PortalFacts> {
  const [kase, quotes, deposits, treatmentBooked, appointments, itinerary, followUps, planSteps] =
    await Promise.all([
      db.case.findUniqueOrThrow({
        where: { id: caseId },
        select: {
          stage: true,
          eligibility: true,
          depositWaivedAt: true,
          firstRespondedAt: true,
          firstResponseDueAt: true,
          slaPausedAt: true,
        },
      }),
      // Every quote the patient can read: all but drafts (a declined one stays on record).
      db.quote.count({ where: { caseId, status: { not: "DRAFT" } } }),
      db.payment.count({ where: { caseId, kind: "DEPOSIT", status: "SUCCEEDED" } }),
      db.appointment.count({ where: { caseId, status: "BOOKED", kind: "TREATMENT" } }),
      db.appointment.count({ where: { caseId, status: { not: "CANCELLED" } } }),
      db.itineraryItem.count({ where: { caseId } }),
      db.followUp.count({ where: { caseId } }),
      db.treatmentPlanStep.count({ where: { caseId } }),
    ]);
  return {
    stage: kase.stage,
    eligibility: kase.eligibility,
    quotes,
    depositSettled: deposits > 0 || kase.depositWaivedAt !== null,
    treatmentBooked,
    appointments,
    itinerary,
    followUps,
    planSteps,
    lateReply: lateReplyOf(kase, env().FIRST_RESPONSE_HOURS),
  };
}

/** The portal's view of a case the patient owns: which cards and prompts its pages show. */
export async function portalViewOf(caseId: string) {
  return portalView(await portalFactsOf(caseId));
}

/**
 * The guard of every page (loader and action) and document behind the patient's case page:
 * the case must be the patient's own (else 404), and the section open at the case's stage
 * (sectionOpen() in app/lib/portal-view.ts), exactly when the case page leads there. A closed
 * page sends the patient back to the case page; a closed document is not found. Returns the
 * case's portal view.
 */
export async function openSection(
  patientId: string,
  caseId: string,
  section: PortalSection,
  kind: "page" | "document" = "page",
) {
  await ownCase(patientId, caseId, { id: true });
  const view = await portalViewOf(caseId);
  if (sectionOpen(view, section)) return view;
  if (kind === "document") notFound();
  throw redirect(`/portal/cases/${caseId}`);
}

/** Patient-visible events only: internal notes and staff-only events never leave the server. */
const PATIENT_EVENTS = [
  "STAGE_CHANGE",
  "ENQUIRY_REPEAT",
  "DOCUMENT_UPLOADED",
  "CONSENT_WITHDRAWN",
  "INFO_REQUESTED",
  "INFO_RECEIVED",
  "ELIGIBILITY",
  "APPOINTMENT_BOOKED",
  "APPOINTMENT_RESCHEDULED",
  "APPOINTMENT_CANCELLED",
  "PASSPORT_APPROVED",
  "PASSPORT_REJECTED",
];

export async function getPatientCase(patientId: string, caseId: string, now = new Date()) {
  const kase = await db.case.findFirst({
    where: { id: caseId, patientId },
    select: {
      ...CASE_HEADER,
      timeZone: true,
      consentWithdrawnAt: true,
      programmeId: true,
      eligibility: true,
      eligibilityReasonCode: true,
      slaPausedAt: true,
      events: {
        where: { internal: false, type: { in: PATIENT_EVENTS } },
        orderBy: { createdAt: "asc" },
        select: { id: true, type: true, toStage: true, createdAt: true },
      },
      planSteps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          notes: true,
          pathwayStep: { select: { key: true, name: true, translations: true } },
        },
      },
      enquiries: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          createdAt: true,
          diagnosis: true,
          diagnosedYear: true,
          medication: true,
          steroidDoseMg: true,
          organs: true,
          questionnaireId: true,
          answers: { select: { questionId: true, value: true } },
        },
      },
      documents: DOCUMENT_LIST,
      quotes: {
        where: { status: { not: "DRAFT" } },
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          status: true,
          currency: true,
          totalMinor: true,
          validUntil: true,
        },
      },
      appointments: {
        where: { status: { not: "CANCELLED" } },
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          kind: true,
          title: true,
          startsAt: true,
          endsAt: true,
          status: true,
          planStep: { select: { pathwayStep: { select: { name: true, translations: true } } } },
        },
      },
      itinerary: {
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          kind: true,
          title: true,
          startsAt: true,
          fromPlace: true,
          toPlace: true,
        },
      },
      followUps: {
        orderBy: { dueAt: "asc" },
        select: { id: true, label: true, dueAt: true, status: true },
      },
    },
  });
  if (!kase) return notThePatients(patientId, "Case", caseId);
  // A video consultation's join button, or when it will appear (never the meeting link).
  const video = await patientVideoLinks(kase.id, now);
  // The conversation with the care team: messages both ways and requests for information.
  const messages = await db.caseEvent.findMany({
    where: { caseId: kase.id, internal: false, type: { in: ["MESSAGE", "INFO_REQUESTED"] } },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      type: true,
      body: true,
      reason: true,
      fromPatient: true,
      createdAt: true,
      actor: { select: { name: true, role: true } },
    },
  });
  return {
    ...kase,
    // Past appointments are listed apart from the ones still ahead (app/lib/appointment-tense.ts).
    appointments: withTense(kase.appointments, now).map((a) => ({
      ...a,
      video: video.get(a.id) ?? null,
    })),
    messages,
    view: await portalViewOf(kase.id),
    // Each enquiry with the questionnaire version the patient answered.
    questionnaires: await questionnairesOfEnquiries(kase.enquiries, {
      id: kase.programmeId,
      slug: kase.programme.slug,
    }),
  };
}

/** The patient's case page: the case, as getPatientCase() reads it. */
export type PatientCase = Awaited<ReturnType<typeof getPatientCase>>;

/**
 * The patient writes to their care team, once per form (its key is spent first). A message
 * that answers a request for information restarts the care team's clock, and whoever asked
 * is told; otherwise the coordinator is.
 */
export async function sendPatientMessage(
  patientId: string,
  caseId: string,
  body: string,
  key: SentForm,
) {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, key, patientId);
    const kase = await tx.case.findFirst({
      where: { id: caseId, patientId },
      select: { id: true, number: true, coordinatorId: true },
    });
    if (!kase) notFound();
    await recordPatientMessage(tx, kase, patientId, body);
  });
}

/**
 * The patient's medical records, checked by content, stored encrypted as documents of their
 * case with a timeline event, all or nothing and once per form (its key is spent first).
 * Records sent after a request for more information restart the care team's clock.
 * Returns the new documents' ids.
 */
export async function uploadPatientRecords(
  patientId: string,
  caseId: string,
  files: CheckedFile[],
  key: SentForm,
) {
  return storeCheckedFiles(files, (stored) =>
    db.$transaction(async (tx) => {
      await spendFormKey(tx, key, patientId);
      const kase = await tx.case.findFirst({
        where: { id: caseId, patientId },
        select: { id: true },
      });
      if (!kase) notFound();
      const ids = await createDocumentRows(
        tx,
        { caseId, kind: "MEDICAL_RECORD", uploadedById: patientId },
        stored,
      );
      const event = await tx.caseEvent.create({
        data: { caseId, type: "DOCUMENT_UPLOADED", actorId: patientId },
        select: { id: true },
      });
      await recordInboxItem(tx, { caseId, kind: "UPLOAD", eventId: event.id });
      await resumeAfterPatientReply(tx, caseId);
      return ids;
    }),
  );
}

export async function getPatientDocument(patientId: string, caseId: string, documentId: string) {
  const doc = await db.document.findFirst({
    where: { id: documentId, caseId, case: { patientId } },
    select: { storageKey: true, mimeType: true, fileName: true },
  });
  if (!doc?.storageKey) return notThePatients(patientId, "Document", documentId);
  return doc;
}

/**
 * Records the withdrawal of consent to process health data: every active consent of the
 * patient is marked withdrawn, each open case is flagged for staff with a timeline event,
 * and the coordinators are told. Processing stops from here; what the law requires us to
 * keep is handled by the erasure and retention rules.
 */
export async function withdrawConsent(patientId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.consent.updateMany({
      where: { userId: patientId, purpose: CONSENT_PURPOSE, withdrawnAt: null },
      data: { withdrawnAt: now },
    });
    if (count === 0) return false;
    const cases = await tx.case.findMany({
      where: { patientId, consentWithdrawnAt: null, closedAt: null },
      select: { id: true, number: true, coordinatorId: true },
    });
    for (const kase of cases) {
      await tx.case.update({ where: { id: kase.id }, data: { consentWithdrawnAt: now } });
      const event = await tx.caseEvent.create({
        data: { caseId: kase.id, type: "CONSENT_WITHDRAWN", actorId: patientId },
        select: { id: true },
      });
      await recordInboxItem(tx, { caseId: kase.id, kind: "CONSENT", eventId: event.id });
      await noticeToCoordinators(tx, kase, "consentWithdrawnStaff");
    }
    return true;
  });
}

export async function activeConsent(patientId: string) {
  return db.consent.findFirst({
    where: { userId: patientId, purpose: CONSENT_PURPOSE, withdrawnAt: null },
    orderBy: { grantedAt: "desc" },
    select: { version: true, grantedAt: true, locale: true },
  });
}

/** The patient's own settings, as the settings form shows them. */
export async function getPatientSettings(patientId: string) {
  const profile = await db.user.findUniqueOrThrow({
    where: { id: patientId },
    select: { name: true, email: true, phone: true, locale: true, timeZone: true, country: true },
  });
  const phone = profile.phone ? parsePhoneNumberFromString(profile.phone) : undefined;
  return {
    values: {
      name: profile.name,
      phone: phone ? phone.formatNational() : (profile.phone ?? ""),
      phoneCountry: phone?.country ?? profile.country ?? "",
      language: profile.locale,
      timeZone: profile.timeZone,
    },
    email: profile.email,
    consent: await activeConsent(patientId),
  };
}

/**
 * Saves the patient's profile; emails about their open cases follow the new language and
 * time zone from now on. Refused (null) when the phone number is not valid for its country.
 */
export async function saveProfile(patientId: string, input: ProfileInput) {
  const phone = toE164(input.phone, input.phoneCountry);
  if (!phone) return null;
  const before = await db.user.findUnique({ where: { id: patientId }, select: { phone: true } });
  await db.$transaction([
    db.user.update({
      where: { id: patientId },
      data: {
        name: input.name,
        phone,
        locale: input.language,
        timeZone: input.timeZone,
        // A new number is not proved yet: WhatsApp and SMS wait until it is (issue 24).
        ...(before?.phone !== phone ? { phoneVerifiedAt: null } : {}),
      },
    }),
    db.case.updateMany({
      where: { patientId, closedAt: null },
      data: { language: input.language, timeZone: input.timeZone },
    }),
  ]);
  return { language: input.language };
}
