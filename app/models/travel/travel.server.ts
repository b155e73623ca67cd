import { ownCase, portalViewOf } from "~/models/cases/portal.server";
/**
 * The trip: itinerary items, the timeline that merges them with the appointments, the
 * conflicts between them, passports and their review, and the facts the visa invitation
 * letter needs.
 *
 * Passports use the secure document store (documents.server.ts): checked by content,
 * encrypted at rest, readable only by the owner and authorised staff. A passport must stay
 * valid PASSPORT_MONTHS_AFTER_RETURN months past the return; the upload and the approval
 * both check it against the itinerary as it stands.
 */
import { db, type Tx } from "~/db.server";
import { clinicZone } from "~/models/site/clinic-settings.server";
import { getFixedT } from "~/i18n/i18n.server";
import {
  describeConflicts,
  findConflicts,
  PASSPORT_KINDS,
  PASSPORT_MONTHS_AFTER_RETURN,
  REJECT_REASONS,
  returnDate,
  type ItemField,
  type PassportKind,
} from "~/lib/itinerary";
import { appointmentName, type Translatable } from "~/lib/catalogue-text";
import { addMonths, toLocalInput } from "~/lib/schedule";
import { audit } from "~/infra/audit.server";
import {
  checkFile,
  createDocumentRows,
  storeCheckedFiles,
  type IncomingFile,
} from "~/infra/document-store.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { MRZ_NAME } from "~/forms/passport";
import type { ItemData } from "~/forms/itinerary";
import { notFound } from "~/models/auth/auth.server";
import { noticeToPatient, noticeToStaff } from "~/models/cases/notices.server";
import { recordInboxItem } from "~/models/inbox/inbox.server";
// A cycle (travel-rules reads tripOf), harmless: each only calls the other's functions.
import { fitToFlyOf } from "~/models/travel/travel-rules.server";

// --- the itinerary -----------------------------------------------------------------------
// The entry form and its rules are app/forms/itinerary.ts (itemForm, parseItem).

export type { ItemData };

/**
 * Adds an entry to the case's itinerary, or (with `itemId`) changes one. The form's key is
 * spent first: the same form sent twice adds nothing twice.
 */
export async function saveItem(
  caseId: string,
  actorId: string,
  item: ItemData,
  { formKey, itemId }: { formKey: SentForm; itemId?: string },
): Promise<string> {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, formKey, actorId);
    const kase = await tx.case.findUnique({ where: { id: caseId }, select: { id: true } });
    if (!kase) throw new TravelError("not_found");
    if (itemId) {
      const { count } = await tx.itineraryItem.updateMany({
        where: { id: itemId, caseId },
        data: item,
      });
      if (count !== 1) throw new TravelError("not_found");
    }
    const id = itemId ?? (await tx.itineraryItem.create({ data: { caseId, ...item } })).id;
    await tx.caseEvent.create({
      data: { caseId, type: "ITINERARY_UPDATED", actorId, body: item.title },
    });
    return id;
  });
}

export async function deleteItem(caseId: string, actorId: string, itemId: string) {
  return db.$transaction(async (tx) => {
    const item = await tx.itineraryItem.findFirst({ where: { id: itemId, caseId } });
    if (!item) throw new TravelError("not_found");
    await tx.itineraryItem.delete({ where: { id: item.id } });
    await tx.caseEvent.create({
      data: { caseId, type: "ITINERARY_UPDATED", actorId, body: `− ${item.title}` },
    });
  });
}

// --- the trip as one timeline ----------------------------------------------------------------

export type TravelProblem =
  | "not_found"
  | "passportMissing"
  | "appointmentsMissing"
  | "expiresTooSoon"
  | "expired"
  | "details"
  | "reviewed"
  | "superseded"
  | "passportNameNotLatin";

export class TravelError extends Error {
  constructor(
    public readonly code: TravelProblem,
    public readonly vars: Record<string, string> = {},
  ) {
    super(`Travel refused: ${code}`);
    this.name = "TravelError";
  }
  get key() {
    return `errors.${this.code}`;
  }
  /** Its message in the reader's language, with its dates written out. */
  describe(t: (key: string, vars?: Record<string, string>) => string, locale: string) {
    const day = (v?: string) =>
      v
        ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
            new Date(v),
          )
        : "";
    return t(`travel:${this.key}`, {
      date: day(this.vars.validUntil),
      back: day(this.vars.returnDate),
    });
  }
}

/** Everything on the case's trip: appointments, itinerary items and what conflicts. */
export async function tripOf(client: Tx | typeof db, caseId: string) {
  const [items, appointments] = await Promise.all([
    client.itineraryItem.findMany({
      where: { caseId },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        kind: true,
        title: true,
        startsAt: true,
        startZone: true,
        endsAt: true,
        endZone: true,
        reference: true,
        fromPlace: true,
        toPlace: true,
        contactName: true,
        contactPhone: true,
        note: true,
      },
    }),
    client.appointment.findMany({
      where: { caseId, status: { in: ["BOOKED", "COMPLETED"] } },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        kind: true,
        title: true,
        status: true,
        startsAt: true,
        endsAt: true,
        sequence: true,
        rescheduleRequestedAt: true,
        rescheduleNote: true,
        resource: { select: { name: true, type: true, translations: true } },
        planStep: {
          select: {
            id: true,
            position: true,
            gapMinutes: true,
            flyGapMinutes: true,
            stayAfterMinutes: true,
            fitToFlyRequired: true,
            pathwayStep: { select: { key: true, name: true, translations: true } },
          },
        },
      },
    }),
  ]);
  // Each conflict names its appointments (title, clinic time, resource) and entries.
  const conflicts = describeConflicts(
    findConflicts(
      items,
      appointments.map((a) => ({
        ...a,
        stepPosition: a.planStep?.position ?? null,
        gapMinutes: a.planStep?.gapMinutes ?? null,
        flyGapMinutes: a.planStep?.flyGapMinutes ?? null,
        stayAfterMinutes: a.planStep?.stayAfterMinutes ?? null,
      })),
    ),
    appointments,
    items,
    clinicZone(),
  );
  return { items, appointments, conflicts, returnDate: returnDate(items, appointments) };
}

export type Trip = Awaited<ReturnType<typeof tripOf>>;

/** The patient-facing name of an appointment: its pathway step's name in their language. */
export function appointmentTitle(
  a: Parameters<typeof appointmentName>[0],
  locale: string,
  t: (key: string) => string,
) {
  return appointmentName(a, locale, t("appointments.consultation")).text;
}

// --- passports -------------------------------------------------------------------------------

/** The photo page's details, as the passport form reads them (app/forms/passport.ts). */
export interface PassportData {
  /** As in the machine-readable zone (app/forms/passport.ts MRZ_NAME). */
  holderName: string;
  /** The name in the holder's own script, when it is not Latin. */
  nativeName?: string | null;
  nationality: string;
  documentNumber: string;
  birthDate: Date;
  expiresOn: Date;
}

export interface Validity {
  ok: boolean;
  /** The passport must be valid at least until this day; null while no return is known. */
  validUntil: Date | null;
  returnDate: Date | null;
}

/** Whether a passport expiring on `expiresOn` lasts six months past the return. */
export function passportValidity(expiresOn: Date, back: Date | null, today = new Date()): Validity {
  const validUntil = back ? addMonths(back, PASSPORT_MONTHS_AFTER_RETURN) : null;
  const ok = expiresOn > today && (!validUntil || expiresOn >= validUntil);
  return { ok, validUntil, returnDate: back };
}

function validityError(validity: Validity, expiresOn: Date, today: Date): TravelError {
  if (expiresOn <= today) return new TravelError("expired");
  return new TravelError("expiresTooSoon", {
    validUntil: validity.validUntil?.toISOString().slice(0, 10) ?? "",
    returnDate: validity.returnDate?.toISOString().slice(0, 10) ?? "",
  });
}

export interface PassportUpload {
  patientId: string;
  caseId: string;
  kind: PassportKind;
  file: IncomingFile;
  data: PassportData;
  /** The upload form's key: the same form sent twice stores one passport. */
  formKey: SentForm;
  now?: Date;
}

/**
 * Stores a passport scan with its details, all or nothing: a bad file or a passport that
 * expires too soon stores nothing and leaves what was stored before as it was. A new upload
 * supersedes the same kind's upload still waiting for review (status SUPERSEDED, kept but no
 * longer listed or reviewable), so staff have one passport to check, the latest.
 */
export async function uploadPassport(input: PassportUpload) {
  const now = input.now ?? new Date();
  if (!(PASSPORT_KINDS as readonly string[]).includes(input.kind)) throw new TravelError("details");
  const kase = await db.case.findFirst({
    where: { id: input.caseId, patientId: input.patientId },
    select: { id: true, number: true, coordinatorId: true },
  });
  if (!kase) throw new TravelError("not_found");
  const trip = await tripOf(db, kase.id);
  const validity = passportValidity(input.data.expiresOn, trip.returnDate, now);
  if (!validity.ok) throw validityError(validity, input.data.expiresOn, now);
  const checked = await checkFile(input.file);
  return storeCheckedFiles([checked], (stored) =>
    db.$transaction(async (tx) => {
      await spendFormKey(tx, input.formKey, input.patientId);
      const [id] = await createDocumentRows(
        tx,
        { caseId: kase.id, kind: input.kind, uploadedById: input.patientId },
        stored,
      );
      if (!id) throw new TravelError("details");
      await tx.document.update({ where: { id }, data: input.data });
      await tx.document.updateMany({
        where: { caseId: kase.id, kind: input.kind, status: "PENDING", id: { not: id } },
        data: { status: "SUPERSEDED" },
      });
      const event = await tx.caseEvent.create({
        data: { caseId: kase.id, type: "DOCUMENT_UPLOADED", actorId: input.patientId },
        select: { id: true },
      });
      await recordInboxItem(tx, { caseId: kase.id, kind: "UPLOAD", eventId: event.id });
      await noticeToStaff(tx, kase, "passportUploadedStaff");
      return id;
    }),
  );
}

export type ReviewDecision =
  | { decision: "approve" }
  | { decision: "reject"; reason: (typeof REJECT_REASONS)[number]; note: string };

/** The coordinator approves a passport (only if it lasts long enough) or rejects it. */
export async function reviewPassport(input: {
  caseId: string;
  documentId: string;
  actorId: string;
  ip: string | null;
  review: ReviewDecision;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const doc = await tx.document.findFirst({
      where: { id: input.documentId, caseId: input.caseId, kind: { in: [...PASSPORT_KINDS] } },
      select: { id: true, kind: true, status: true, expiresOn: true, holderName: true },
    });
    if (!doc) throw new TravelError("not_found");
    if (doc.status === "SUPERSEDED") throw new TravelError("superseded");
    if (doc.status !== "PENDING") throw new TravelError("reviewed");
    if (input.review.decision === "approve") {
      const trip = await tripOf(tx, input.caseId);
      if (!doc.expiresOn) throw new TravelError("details");
      // Approved passports feed the visa letter: their name must be the MRZ's.
      if (!MRZ_NAME.test(doc.holderName ?? "")) throw new TravelError("passportNameNotLatin");
      const validity = passportValidity(doc.expiresOn, trip.returnDate, now);
      if (!validity.ok) throw validityError(validity, doc.expiresOn, now);
    }
    const { count } = await tx.document.updateMany({
      where: { id: doc.id, status: "PENDING" },
      data:
        input.review.decision === "approve"
          ? { status: "APPROVED", reviewedById: input.actorId, reviewedAt: now }
          : {
              status: "REJECTED",
              reviewedById: input.actorId,
              reviewedAt: now,
              rejectReason: input.review.reason,
              rejectNote: input.review.note || null,
            },
    });
    if (count !== 1) throw new TravelError("reviewed");
    await tx.caseEvent.create({
      data: {
        caseId: input.caseId,
        type: input.review.decision === "approve" ? "PASSPORT_APPROVED" : "PASSPORT_REJECTED",
        actorId: input.actorId,
      },
    });
    await audit(
      {
        actorId: input.actorId,
        action: `passport.${input.review.decision}`,
        entity: "Document",
        entityId: doc.id,
        caseId: input.caseId,
        ip: input.ip,
        outcome: "success",
        detail: doc.kind,
      },
      tx,
    );
    if (input.review.decision === "reject") {
      const { reason, note } = input.review;
      await noticeToPatient(tx, input.caseId, "passportRejected", {
        path: "/travel",
        vars: (locale) => ({
          reason: getFixedT(locale, "travel")(`passport.reason.${reason}`),
          note: note ? `“${note}”` : "",
        }),
      });
    }
  });
}

// --- the visa invitation letter ---------------------------------------------------------------

const PASSPORT_SELECT = {
  id: true,
  kind: true,
  status: true,
  holderName: true,
  nativeName: true,
  nationality: true,
  documentNumber: true,
  birthDate: true,
  expiresOn: true,
  reviewedAt: true,
} as const;

/**
 * What the letter says. It exists only once the patient's passport is approved and
 * treatment appointments are booked; otherwise a TravelError says which is missing.
 */
export async function visaLetterFacts(caseId: string) {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      number: true,
      language: true,
      programme: { select: { slug: true, name: true, translations: true } },
      patient: { select: { name: true } },
      coordinator: { select: { name: true } },
    },
  });
  if (!kase) throw new TravelError("not_found");
  const approved = (kind: PassportKind) =>
    db.document.findFirst({
      where: { caseId, kind, status: "APPROVED" },
      orderBy: { reviewedAt: "desc" },
      select: PASSPORT_SELECT,
    });
  const [passport, companion, trip] = await Promise.all([
    approved("PASSPORT"),
    approved("COMPANION_PASSPORT"),
    tripOf(db, caseId),
  ]);
  const problem = visaLetterProblem(
    trip,
    [passport, companion].filter((p) => p !== null),
  );
  if (problem) throw new TravelError(problem);
  const treatment = trip.appointments.filter(bookedTreatment);
  const first = treatment[0];
  const last = treatment[treatment.length - 1];
  if (!passport || !first || !last) throw new TravelError("appointmentsMissing");
  const arrival = trip.items.find((i) => i.kind === "ARRIVAL_FLIGHT") ?? null;
  const departure = [...trip.items].reverse().find((i) => i.kind === "DEPARTURE_FLIGHT") ?? null;
  return {
    kase,
    passport,
    companion,
    firstAppointment: first.startsAt,
    lastAppointment: last.endsAt,
    arrival: arrival?.endsAt ?? arrival?.startsAt ?? null,
    departure: departure?.startsAt ?? null,
  };
}

export type VisaLetterFacts = Awaited<ReturnType<typeof visaLetterFacts>>;

const bookedTreatment = (a: { kind: string; status: string }) =>
  a.kind === "TREATMENT" && a.status === "BOOKED";

/**
 * Why the letter cannot be produced yet, or null when it can: it needs an approved passport
 * of the patient and booked treatment. Pages pass the trip and passports they already loaded.
 */
export function visaLetterProblem(
  trip: Pick<Trip, "appointments">,
  passports: { kind: string; status: string; holderName?: string | null }[],
): TravelProblem | null {
  const approved = passports.filter((p) => p.status === "APPROVED");
  if (!approved.some((p) => p.kind === "PASSPORT")) return "passportMissing";
  // A consulate compares the letter with the passport's machine-readable zone: a name kept
  // from before that rule (or typed in another script) must be entered again first.
  if (approved.some((p) => p.holderName !== undefined && !MRZ_NAME.test(p.holderName ?? ""))) {
    return "passportNameNotLatin";
  }
  if (!trip.appointments.some(bookedTreatment)) return "appointmentsMissing";
  return null;
}

/** The trip as one list for the timeline views: appointments and items, by time. */
export function timelineOf(trip: Trip) {
  const flagged = new Set(trip.conflicts.flatMap((c) => c.ids));
  const entries = [
    ...trip.appointments.map((a) => ({
      id: a.id,
      type: "appointment" as const,
      kind: a.kind,
      title: a.title,
      step: a.planStep?.pathwayStep ?? null,
      startsAt: a.startsAt,
      startZone: null as string | null,
      endsAt: a.endsAt as Date | null,
      endZone: null as string | null,
      place: a.resource as Translatable<"name"> | null,
      fromPlace: null as string | null,
      toPlace: null as string | null,
      contact: null as { name: string | null; phone: string | null } | null,
      note: null as string | null,
      flagged: flagged.has(a.id),
    })),
    ...trip.items.map((i) => ({
      id: i.id,
      type: "item" as const,
      kind: i.kind,
      title: i.title,
      step: null,
      startsAt: i.startsAt,
      startZone: i.startZone as string | null,
      endsAt: i.endsAt,
      endZone: i.endZone,
      // The coordinator's title names the airports, the hotel or the places; the patient's view
      // of a transfer or a hotel names them from these (app/lib/itinerary.ts itemPlaces).
      place: null,
      fromPlace: i.fromPlace,
      toPlace: i.toPlace,
      contact:
        i.contactName || i.contactPhone ? { name: i.contactName, phone: i.contactPhone } : null,
      note: i.note,
      flagged: flagged.has(i.id),
    })),
  ];
  return entries.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export type TimelineEntry = ReturnType<typeof timelineOf>[number];

/** The passports of a case with their details, review and validity against the return. */
export async function passportsOf(caseId: string, back: Date | null, now = new Date()) {
  const docs = await db.document.findMany({
    // A passport replaced before its review is no longer one to read or check.
    where: {
      caseId,
      kind: { in: [...PASSPORT_KINDS] },
      storageKey: { not: null },
      status: { not: "SUPERSEDED" },
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      kind: true,
      status: true,
      fileName: true,
      mimeType: true,
      createdAt: true,
      holderName: true,
      nativeName: true,
      nationality: true,
      documentNumber: true,
      birthDate: true,
      expiresOn: true,
      reviewedAt: true,
      rejectReason: true,
      rejectNote: true,
    },
  });
  return docs.map((d) => ({
    ...d,
    validity: d.expiresOn ? passportValidity(d.expiresOn, back, now) : null,
  }));
}

// --- the pages ---------------------------------------------------------------------------------

/**
 * The coordinator's travel page: the trip as a timeline, its conflicts, the passports with
 * their details, whether the visa letter can be made, and the entry being changed (`edit`)
 * as the form shows it. Reading it is audited: it shows passport details.
 */
export async function getStaffTravel(input: {
  caseId: string;
  actorId: string;
  ip: string | null;
  edit: string | null;
}) {
  const kase = await db.case.findUnique({
    where: { id: input.caseId },
    select: {
      id: true,
      number: true,
      stage: true,
      programme: { select: { slug: true } },
      patient: { select: { name: true, timeZone: true } },
    },
  });
  if (!kase) notFound();
  await audit({
    actorId: input.actorId,
    action: "travel.read",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: input.ip,
    outcome: "success",
  });
  const trip = await tripOf(db, kase.id);
  const passports = await passportsOf(kase.id, trip.returnDate);
  const editing = trip.items.find((i) => i.id === input.edit) ?? null;
  const zoneOfClinic = clinicZone();
  return {
    kase,
    entries: timelineOf(trip),
    conflicts: trip.conflicts,
    passports,
    visaProblem: visaLetterProblem(trip, passports),
    // The clinician's fit-to-fly sign-off, or the steps still awaiting one (issue 25).
    fitToFly: await fitToFlyOf(db, kase.id, trip),
    editing: editing
      ? {
          id: editing.id,
          values: {
            kind: editing.kind,
            start: toLocalInput(editing.startsAt, editing.startZone),
            startZone: editing.startZone,
            end: editing.endsAt
              ? toLocalInput(editing.endsAt, editing.endZone ?? zoneOfClinic)
              : "",
            endZone: editing.endZone ?? "",
            reference: editing.reference ?? "",
            fromPlace: editing.fromPlace ?? "",
            toPlace: editing.toPlace ?? "",
            contactName: editing.contactName ?? "",
            contactPhone: editing.contactPhone ?? "",
            note: editing.note ?? "",
          } satisfies Record<ItemField, string>,
        }
      : null,
    clinicZone: zoneOfClinic,
  };
}

/** The patient's trip page, for their own case only: the timeline, passports, visa letter. */
export async function getPatientTravel(patientId: string, caseId: string) {
  const kase = await ownCase(patientId, caseId, {
    id: true,
    number: true,
    stage: true,
    language: true,
    consentWithdrawnAt: true,
    programme: { select: { slug: true } },
  });
  const trip = await tripOf(db, kase.id);
  const passports = await passportsOf(kase.id, trip.returnDate);
  return {
    kase,
    entries: timelineOf(trip),
    conflicts: trip.conflicts.length,
    returnDate: trip.returnDate,
    passports,
    visaProblem: visaLetterProblem(trip, passports),
    clinicZone: clinicZone(),
    /** Passports are asked for from the deposit until treatment (app/lib/portal-view.ts). */
    prompts: (await portalViewOf(kase.id)).prompts,
  };
}
