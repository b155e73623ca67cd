/**
 * Patients' data rights (GDPR Art. 15, 17 and 20; KVKK Art. 11) and retention.
 *
 * - Export: EXPORT_PLAN names every model of the schema, typed by Prisma's ModelName, so a
 *   new table does not compile until someone decides how it is exported (or why it holds
 *   nothing about a patient); tests/data-rights.test.ts checks the plan against
 *   prisma/models.prisma as well. Secrets (password hash, sign-in token hashes, session ids,
 *   storage keys) are left out.
 * - Erasure: a patient asks, an admin carries it out. Health data, messages, documents,
 *   itinerary and sessions are deleted; the records the law makes us keep (quotes,
 *   payments and receipts, consent records, the audit trail, the stage history) stay with
 *   every personal field anonymised. The summary of what was deleted and anonymised is
 *   stored on the request.
 * - Retention: cases that never went ahead (no payment, not in treatment) and have not
 *   changed for RETENTION_MONTHS are anonymised the same way by the worker.
 */
import { NOT_GONE_AHEAD_STAGES } from "~/lib/stages";
import { ROLE } from "~/lib/permissions";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/infra/audit.server";
import { readStored, removeStored } from "~/infra/document-store.server";
import { noticeToStaff } from "~/models/cases/notices.server";

type ModelName = Prisma.ModelName;

interface Scope {
  userId: string;
  email: string;
  caseIds: string[];
  quoteIds: string[];
  enquiryIds: string[];
  followUpIds: string[];
}

type Included = {
  /** Rows of this model that belong to the patient. */
  where: (s: Scope) => Record<string, unknown>;
  /** Fields never exported (secrets, internal keys). */
  omit?: string[];
  /**
   * Free text staff wrote for staff (ADR 015): left out of the patient's self-service copy,
   * and given in the full copy an admin releases after review of an access request.
   */
  staffOnly?: { fields: string[]; when?: (row: Record<string, unknown>) => boolean };
};
type Excluded = {
  excluded: string;
  /** Linked to User, but never holds a patient's row: why (checked by tests/data-rights). */
  notForPatients?: string;
};

/** How each model is exported: the rows that are the patient's, or why it has none. */
export const EXPORT_PLAN: Record<ModelName, Included | Excluded> = {
  User: {
    where: (s) => ({ id: s.userId }),
    omit: ["passwordHash", "totpSecret", "totpLastStep"],
  },
  Session: { where: (s) => ({ userId: s.userId }), omit: ["id"] },
  LoginToken: { where: (s) => ({ userId: s.userId }), omit: ["tokenHash"] },
  Consent: { where: (s) => ({ userId: s.userId }) },
  ErasureRequest: { where: (s) => ({ userId: s.userId }) },
  Case: {
    where: (s) => ({ id: { in: s.caseIds } }),
    // The clinician's own explanation; the patient gets the decision and its reason code.
    staffOnly: { fields: ["eligibilityReason"] },
  },
  CaseEvent: {
    where: (s) => ({ caseId: { in: s.caseIds } }),
    // Internal notes: the event stays (what happened, when), its staff-only text does not.
    staffOnly: { fields: ["body", "reason"], when: (row) => row.internal === true },
  },
  // Only the enquiries the patient confirmed are theirs: one sent with their address and not
  // confirmed may be a stranger's (their name, phone and address), and expires unclaimed.
  PendingEnquiry: {
    where: (s) => ({ confirmedById: s.userId }),
    omit: ["tokenHash", "ip"],
  },
  TreatmentPlanStep: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  OutboxEmail: {
    where: (s) => ({ OR: [{ caseId: { in: s.caseIds } }, { toEmail: s.email }] }),
    omit: ["html", "leaseOwner", "leaseUntil"],
  },
  // WhatsApp and SMS sent to the patient (issue 24): no health data, but their number.
  OutboxMessage: {
    where: (s) => ({ OR: [{ caseId: { in: s.caseIds } }, { userId: s.userId }] }),
    omit: ["leaseOwner", "leaseUntil"],
  },
  PhoneVerification: { where: (s) => ({ userId: s.userId }), omit: ["codeHash"] },
  // A message from a number that was linked to the patient's case by a coordinator.
  InboundLead: { where: (s) => ({ caseId: { in: s.caseIds } }), omit: ["media"] },
  InboundMessage: { excluded: "providers' message ids, against processing a webhook twice" },
  AppointmentReminder: { where: (s) => ({ appointment: { caseId: { in: s.caseIds } } }) },
  ReminderRule: { excluded: "the clinic's reminder times per appointment kind" },
  // Who read or changed the case and when; staff members' IP addresses are theirs, not the patient's.
  AuditLog: {
    where: (s) => ({ OR: [{ caseId: { in: s.caseIds } }, { actorId: s.userId }] }),
    omit: ["ip"],
  },
  Quote: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  QuoteLine: { where: (s) => ({ quoteId: { in: s.quoteIds } }) },
  Payment: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  // Receipts, notes and quotes as issued: what each one says (frozen JSON).
  IssuedDocument: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  // The meeting room's address is a key to the room (ADR 031): the patient reaches it only
  // through the portal's join route, so it is not handed out here either.
  Appointment: { where: (s) => ({ caseId: { in: s.caseIds } }), omit: ["meetingUrl"] },
  // The 15-minute cells the patient's appointments hold for them (with each step's gap).
  PatientSlot: { where: (s) => ({ patientId: s.userId }) },
  ItineraryItem: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  Document: { where: (s) => ({ caseId: { in: s.caseIds } }), omit: ["storageKey"] },
  Enquiry: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  EnquiryAnswer: { where: (s) => ({ enquiryId: { in: s.enquiryIds } }) },
  FollowUp: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  LabResult: { where: (s) => ({ followUpId: { in: s.followUpIds } }) },
  ClinicalTask: {
    where: (s) => ({ caseId: { in: s.caseIds } }),
    staffOnly: { fields: ["resolutionNote", "title"] },
  },
  // What the patient sent, as the staff inbox lists it (the words are in CaseEvent).
  InboxItem: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  InboxRead: {
    excluded: "which member of staff has read which inbox item; nothing the patient sent",
    notForPatients: "only staff read the inbox",
  },
  Notification: {
    excluded: "staff members' in-app notices; the emails of the same events are exported",
    notForPatients: "only staff have an in-app bell",
  },
  NotificationPreference: {
    excluded: "staff members' choice of email or in-app notices",
    notForPatients: "only staff choose how they hear of events",
  },
  SavedView: {
    excluded: "staff members' saved pipeline filters",
    notForPatients: "only staff have a pipeline",
  },
  AppointmentSlot: {
    excluded: "the 15-minute cells an appointment holds; the appointment itself is exported",
  },
  RateLimit: { excluded: "short-lived request counters, deleted on erasure" },
  CaseTally: { excluded: "counts of cases per stage, language and country: no one's data" },
  FormSubmission: { excluded: "keys of sent forms, against double submission; no content" },
  IssuedPdf: {
    excluded:
      "byte copies of the issued documents' PDFs (in the portal); what they say is in IssuedDocument",
  },
  Counter: { excluded: "case and receipt number sequences; nothing about a person" },
  Programme: { excluded: "the clinic's catalogue" },
  PathwayStep: { excluded: "the clinic's catalogue" },
  PriceItem: { excluded: "the clinic's price list" },
  ExchangeRate: { excluded: "the clinic's exchange rates" },
  ClinicProfile: { excluded: "the clinic's public facts" },
  ClinicSettings: { excluded: "the clinic's time zone, currencies, bank account and logo" },
  Doctor: { excluded: "the clinic's doctors, as the public pages show them" },
  FaqEntry: { excluded: "the questions and answers on the clinic's public pages" },
  StripeEvent: { excluded: "webhook event ids and types only, for idempotency" },
  Resource: { excluded: "the clinic's clinicians, chairs and rooms" },
  WorkingHours: { excluded: "the clinic's opening hours" },
  ResourceException: { excluded: "the clinic's holidays and staff leave" },
  RecoveryCode: {
    excluded: "staff accounts' second-factor recovery codes (hashes)",
    notForPatients: "only staff enrol a second factor; a patient signs in by emailed link",
  },
  StaffToken: {
    excluded: "staff invitation and password-reset links (hashes); patients have none",
  },
  FormDefinition: {
    excluded:
      "the clinic's questionnaires and outcome measures; the answers given are in Enquiry and FollowUp",
  },
  // Issue 25: the safe-travel records and the handover.
  FitToFly: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  InsurancePolicy: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  SignedConsent: { where: (s) => ({ caseId: { in: s.caseIds } }), omit: ["storageKey"] },
  HandoverPack: { where: (s) => ({ caseId: { in: s.caseIds } }) },
  ShareLink: { where: (s) => ({ caseId: { in: s.caseIds } }), omit: ["tokenHash"] },
};

const delegate = (tx: Tx, model: ModelName) =>
  (tx as unknown as Record<string, { findMany: (args: unknown) => Promise<unknown[]> }>)[
    model.charAt(0).toLowerCase() + model.slice(1)
  ]!;

async function scopeOf(tx: Tx, userId: string): Promise<Scope | null> {
  const user = await tx.user.findFirst({
    where: { id: userId, role: ROLE.PATIENT },
    select: { id: true, email: true },
  });
  if (!user) return null;
  const cases = await tx.case.findMany({ where: { patientId: userId }, select: { id: true } });
  const caseIds = cases.map((c) => c.id);
  const [quotes, enquiries, followUps] = await Promise.all([
    tx.quote.findMany({ where: { caseId: { in: caseIds } }, select: { id: true } }),
    tx.enquiry.findMany({ where: { caseId: { in: caseIds } }, select: { id: true } }),
    tx.followUp.findMany({ where: { caseId: { in: caseIds } }, select: { id: true } }),
  ]);
  return {
    userId,
    email: user.email,
    caseIds,
    quoteIds: quotes.map((q) => q.id),
    enquiryIds: enquiries.map((e) => e.id),
    followUpIds: followUps.map((f) => f.id),
  };
}

export interface PatientExport {
  format: "medtravel-export/1";
  exportedAt: string;
  /** "self-service": the patient's own download; "full": released by an admin after review. */
  copy: "self-service" | "full";
  /** Model name → the patient's rows of it. */
  records: Partial<Record<ModelName, unknown[]>>;
  /** Models that hold nothing about the patient, and why. */
  notIncluded: Partial<Record<ModelName, string>>;
  /**
   * In the self-service copy: "Model.field" → how many values of staff-only text were left
   * out (set to null in the records). The full copy is given on request (ADR 015).
   */
  withheld: Record<string, number>;
}

/**
 * Everything held about the patient, as plain JSON-ready records, model by model. The
 * patient's self-service copy leaves out what staff wrote for staff (internal notes, the
 * clinician's own explanation); an admin can release the full copy after reviewing it.
 */
export async function exportPatient(
  userId: string,
  copy: PatientExport["copy"] = "self-service",
): Promise<PatientExport | null> {
  const scope = await scopeOf(db, userId);
  if (!scope) return null;
  const records: PatientExport["records"] = {};
  const notIncluded: PatientExport["notIncluded"] = {};
  const withheld: PatientExport["withheld"] = {};
  for (const [model, plan] of Object.entries(EXPORT_PLAN) as [ModelName, Included | Excluded][]) {
    if ("excluded" in plan) {
      notIncluded[model] = plan.excluded;
      continue;
    }
    const omit = plan.omit ? Object.fromEntries(plan.omit.map((f) => [f, true])) : undefined;
    const rows = (await delegate(db, model).findMany({
      where: plan.where(scope),
      ...(omit ? { omit } : {}),
    })) as Record<string, unknown>[];
    if (copy === "self-service" && plan.staffOnly) {
      const { fields, when } = plan.staffOnly;
      for (const row of rows) {
        if (when && !when(row)) continue;
        for (const f of fields) {
          if (row[f] === null || row[f] === undefined) continue;
          row[f] = null;
          withheld[`${model}.${f}`] = (withheld[`${model}.${f}`] ?? 0) + 1;
        }
      }
    }
    records[model] = rows;
  }
  return {
    format: "medtravel-export/1",
    exportedAt: new Date().toISOString(),
    copy,
    records,
    notIncluded,
    withheld,
  };
}

/**
 * An access request (GDPR Art. 15) answered in full: the copy with staff-only text, for an
 * admin to review before it is released (ADR 015). Audited; null when no patient has the
 * address.
 */
export async function fullCopyFor(email: string, admin: { id: string; ip: string | null }) {
  const user = await db.user.findFirst({
    where: { email, role: ROLE.PATIENT, erasedAt: null },
    select: { id: true },
  });
  await audit({
    actorId: admin.id,
    action: "data.export.full",
    entity: "User",
    entityId: user?.id ?? null,
    ip: admin.ip,
    outcome: user ? "success" : "refused",
  });
  if (!user) return null;
  const data = await exportPatient(user.id, "full");
  return data ? { userId: user.id, data } : null;
}

/** The export and the patient's documents as one ZIP: data.json and documents/<id>-<name>. */
export async function exportArchive(userId: string): Promise<Uint8Array | null> {
  const { zipSync, strToU8 } = await import("fflate");
  const data = await exportPatient(userId);
  if (!data) return null;
  const docs = await db.document.findMany({
    where: { case: { patientId: userId }, storageKey: { not: null } },
    select: { id: true, fileName: true, storageKey: true },
  });
  const files: Record<string, Uint8Array> = {
    "data.json": strToU8(JSON.stringify(data, null, 2)),
  };
  const missing: string[] = [];
  for (const doc of docs) {
    const bytes = await readStored(doc.storageKey!);
    if (bytes) files[`documents/${doc.id}-${doc.fileName}`] = new Uint8Array(bytes);
    else missing.push(`${doc.id}-${doc.fileName}`);
  }
  // A document whose file is gone from the store is named, not silently left out.
  if (missing.length) files["documents/MISSING.txt"] = strToU8(missing.join("\n") + "\n");
  return zipSync(files, { level: 6, mtime: new Date() });
}

/**
 * The patient's own copy (portal/data.json or data.zip), with the download audited. Null when
 * the account is gone.
 */
export async function downloadOwnData(
  userId: string,
  format: "json" | "zip",
  ip: string | null,
): Promise<{ json: PatientExport } | { zip: Uint8Array } | null> {
  const copy =
    format === "json"
      ? await exportPatient(userId).then((json) => (json ? { json } : null))
      : await exportArchive(userId).then((zip) => (zip ? { zip } : null));
  if (!copy) return null;
  await audit({
    actorId: userId,
    action: "data.export",
    entity: "User",
    entityId: userId,
    ip,
    outcome: "success",
    detail: format,
  });
  return copy;
}

// --- erasure -------------------------------------------------------------------------

export class ErasureError extends Error {
  constructor(public readonly code: "not_found" | "done" | "pending") {
    super(`Erasure refused: ${code}`);
    this.name = "ErasureError";
  }
}

/** The patient asks for erasure; admins are told. One open request at a time. */
export async function requestErasure(userId: string) {
  return db.$transaction(async (tx) => {
    const open = await tx.erasureRequest.findFirst({
      where: { userId, status: "REQUESTED" },
      select: { id: true },
    });
    if (open) throw new ErasureError("pending");
    const row = await tx.erasureRequest.create({ data: { userId }, select: { id: true } });
    const kase = await tx.case.findFirst({
      where: { patientId: userId },
      orderBy: { createdAt: "desc" },
      select: { id: true, number: true, coordinatorId: true },
    });
    if (kase) await noticeToStaff(tx, kase, "erasureRequestedStaff", "admin");
    return row.id;
  });
}

/** The patient's own requests for erasure, newest first. */
export function listOwnErasureRequests(userId: string) {
  return db.erasureRequest.findMany({
    where: { userId },
    orderBy: { requestedAt: "desc" },
    select: { id: true, status: true, requestedAt: true },
  });
}

export type ErasureSummary = Record<string, { deleted?: number; anonymised?: number }>;

const ERASED = "[erased]";

/** An email row with its person taken out; one not yet delivered is dropped, not sent. */
const ERASED_EMAIL = {
  toEmail: "erased@erased.invalid",
  toName: null,
  subject: ERASED,
  html: "",
  text: "",
  calendar: null,
  lastError: null,
  status: "CANCELLED",
};

/** Adds rows deleted or anonymised in a table to the summary. */
function tally(summary: ErasureSummary) {
  return (table: string, kind: "deleted" | "anonymised", n: number) => {
    if (!n) return;
    const row = (summary[table] ??= {});
    row[kind] = (row[kind] ?? 0) + n;
  };
}

/**
 * Deletes or anonymises a case's personal data. Kept, anonymised: the case (stage, dates,
 * programme, language, country for the reports), its stage history, quotes and payments
 * (accounting law), consent records (proof of the legal basis) and the audit trail.
 */
async function anonymiseCases(tx: Tx, caseIds: string[], summary: ErasureSummary) {
  const add = tally(summary);
  const inCases = { caseId: { in: caseIds } };
  const docs = await tx.document.findMany({
    where: inCases,
    select: { storageKey: true },
  });
  // Issue 25: the signed consents stay as the proof of consent (version, language, time and
  // the hashes of the text and the PDF); the signed PDF and every personal field go.
  const signed = await tx.signedConsent.findMany({
    where: inCases,
    select: { storageKey: true },
  });
  add(
    "SignedConsent",
    "anonymised",
    (
      await tx.signedConsent.updateMany({
        where: inCases,
        data: { typedName: "", ip: null, userAgent: null, storageKey: null },
      })
    ).count,
  );
  add(
    "InsurancePolicy",
    "deleted",
    (await tx.insurancePolicy.deleteMany({ where: inCases })).count,
  );
  add("FitToFly", "deleted", (await tx.fitToFly.deleteMany({ where: inCases })).count);
  add("HandoverPack", "deleted", (await tx.handoverPack.deleteMany({ where: inCases })).count);
  add("Document", "deleted", (await tx.document.deleteMany({ where: inCases })).count);
  add("ItineraryItem", "deleted", (await tx.itineraryItem.deleteMany({ where: inCases })).count);
  add("ClinicalTask", "deleted", (await tx.clinicalTask.deleteMany({ where: inCases })).count);
  add("InboxItem", "deleted", (await tx.inboxItem.deleteMany({ where: inCases })).count);
  add("InboundLead", "deleted", (await tx.inboundLead.deleteMany({ where: inCases })).count);
  add("OutboxMessage", "deleted", (await tx.outboxMessage.deleteMany({ where: inCases })).count);
  add("Notification", "deleted", (await tx.notification.deleteMany({ where: inCases })).count);
  add(
    "LabResult",
    "deleted",
    (await tx.labResult.deleteMany({ where: { followUp: inCases } })).count,
  );
  add("FollowUp", "deleted", (await tx.followUp.deleteMany({ where: inCases })).count);
  add("ShareLink", "deleted", (await tx.shareLink.deleteMany({ where: inCases })).count);
  add(
    "EnquiryAnswer",
    "deleted",
    (await tx.enquiryAnswer.deleteMany({ where: { enquiry: inCases } })).count,
  );
  add("Enquiry", "deleted", (await tx.enquiry.deleteMany({ where: inCases })).count);
  add("Appointment", "deleted", (await tx.appointment.deleteMany({ where: inCases })).count);
  add(
    "TreatmentPlanStep",
    "deleted",
    (await tx.treatmentPlanStep.deleteMany({ where: inCases })).count,
  );
  add(
    "CaseEvent",
    "deleted",
    (await tx.caseEvent.deleteMany({ where: { ...inCases, type: { in: ["MESSAGE", "NOTE"] } } }))
      .count,
  );
  add(
    "CaseEvent",
    "anonymised",
    (await tx.caseEvent.updateMany({ where: inCases, data: { reason: null, body: null } })).count,
  );
  add(
    "Quote",
    "anonymised",
    (
      await tx.quote.updateMany({
        where: inCases,
        data: { note: null, acceptedIp: null, declineReason: null },
      })
    ).count,
  );
  add(
    "Payment",
    "anonymised",
    (
      await tx.payment.updateMany({
        where: inCases,
        data: { reference: null, note: null, voidReason: null },
      })
    ).count,
  );
  // Issued documents print the patient's name: the frozen copies go; a later download
  // freezes the anonymised figures again (the numbers and amounts are kept on the payments).
  add("IssuedDocument", "deleted", (await tx.issuedDocument.deleteMany({ where: inCases })).count);
  add(
    "Consent",
    "anonymised",
    (await tx.consent.updateMany({ where: inCases, data: { ip: null } })).count,
  );
  add(
    "AuditLog",
    "anonymised",
    (await tx.auditLog.updateMany({ where: inCases, data: { ip: null, detail: null } })).count,
  );
  add(
    "OutboxEmail",
    "anonymised",
    (
      await tx.outboxEmail.updateMany({
        where: inCases,
        data: ERASED_EMAIL,
      })
    ).count,
  );
  const now = new Date();
  add(
    "Case",
    "anonymised",
    (
      await tx.case.updateMany({
        where: { id: { in: caseIds } },
        data: {
          conditionSummary: null,
          eligibilityReason: null,
          depositWaiverReason: null,
          treatmentWindowStart: null,
          anonymisedAt: now,
        },
      })
    ).count,
  );
  return [...docs, ...signed].map((d) => d.storageKey).filter((k): k is string => Boolean(k));
}

/**
 * A person's own rows: their account, sign-ins, consents, emails addressed to them and
 * enquiries sent with their address. Returns the storage keys of files to remove.
 */
async function anonymiseUser(
  tx: Tx,
  userId: string,
  email: string,
  summary: ErasureSummary,
): Promise<string[]> {
  const add = tally(summary);
  add("Session", "deleted", (await tx.session.deleteMany({ where: { userId } })).count);
  add("LoginToken", "deleted", (await tx.loginToken.deleteMany({ where: { userId } })).count);
  add(
    "PhoneVerification",
    "deleted",
    (await tx.phoneVerification.deleteMany({ where: { userId } })).count,
  );
  add("OutboxMessage", "deleted", (await tx.outboxMessage.deleteMany({ where: { userId } })).count);
  add(
    "RateLimit",
    "deleted",
    (
      await tx.rateLimit.deleteMany({
        where: { OR: [{ key: { contains: email } }, { key: { contains: userId } }] },
      })
    ).count,
  );
  add(
    "Consent",
    "anonymised",
    (await tx.consent.updateMany({ where: { userId }, data: { ip: null } })).count,
  );
  add(
    "AuditLog",
    "anonymised",
    (await tx.auditLog.updateMany({ where: { actorId: userId }, data: { ip: null, detail: null } }))
      .count,
  );
  add(
    "OutboxEmail",
    "anonymised",
    (
      await tx.outboxEmail.updateMany({
        where: { toEmail: email },
        data: ERASED_EMAIL,
      })
    ).count,
  );
  // Enquiries sent with the address: unconfirmed ones go with their files (returned to the
  // caller to remove after commit); confirmed ones keep only who and when.
  const pending = await tx.pendingEnquiry.findMany({
    where: { OR: [{ email }, { confirmedById: userId }] },
    select: { id: true, files: true, confirmedAt: true },
  });
  const pendingFiles = pending.flatMap((p) =>
    (JSON.parse(p.files) as { storageKey: string }[]).map((f) => f.storageKey),
  );
  add(
    "PendingEnquiry",
    "deleted",
    (
      await tx.pendingEnquiry.deleteMany({
        where: { id: { in: pending.filter((p) => !p.confirmedAt).map((p) => p.id) } },
      })
    ).count,
  );
  for (const p of pending.filter((row) => row.confirmedAt)) {
    await tx.pendingEnquiry.update({
      where: { id: p.id },
      data: {
        email: `erased-${userId}@erased.invalid`,
        tokenHash: `erased-${p.id}`,
        payload: "{}",
        files: "[]",
        ip: null,
      },
    });
    add("PendingEnquiry", "anonymised", 1);
  }
  await tx.user.update({
    where: { id: userId },
    data: {
      email: `erased-${userId}@erased.invalid`,
      name: ERASED,
      phone: null,
      phoneVerifiedAt: null,
      whatsappLastInboundAt: null,
      country: null,
      passwordHash: null,
      active: false,
      erasedAt: new Date(),
    },
  });
  add("User", "anonymised", 1);
  return pendingFiles;
}

/** An admin carries out a patient's request: all of it in one transaction, files after. */
export async function carryOutErasure(requestId: string, adminId: string, ip: string | null) {
  const summary: ErasureSummary = {};
  const files = await db.$transaction(async (tx) => {
    const { count } = await tx.erasureRequest.updateMany({
      where: { id: requestId, status: "REQUESTED" },
      data: { status: "DONE", carriedOutAt: new Date(), carriedOutById: adminId },
    });
    if (count !== 1) {
      const exists = await tx.erasureRequest.count({ where: { id: requestId } });
      throw new ErasureError(exists ? "done" : "not_found");
    }
    const { userId } = await tx.erasureRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { userId: true },
    });
    const scope = await scopeOf(tx, userId);
    if (!scope) throw new ErasureError("not_found");
    const keys = await anonymiseCases(tx, scope.caseIds, summary);
    keys.push(...(await anonymiseUser(tx, userId, scope.email, summary)));
    await tx.erasureRequest.update({
      where: { id: requestId },
      data: { summary: JSON.stringify(summary) },
    });
    await audit(
      {
        actorId: adminId,
        action: "erasure.carry-out",
        entity: "User",
        entityId: userId,
        ip,
        outcome: "success",
        detail: JSON.stringify(summary),
      },
      tx,
    );
    return keys;
  });
  await Promise.all(files.map((key) => removeStored(key)));
  return summary;
}

/**
 * The retention job: cases that never went ahead and have not changed for RETENTION_MONTHS
 * are anonymised; a patient left with no other live case is anonymised too. Runs in the
 * worker; safe to run twice (anonymised cases are skipped).
 */
export async function applyRetention(now = new Date(), limit = 100) {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - env().RETENTION_MONTHS);
  const stale = await db.case.findMany({
    where: {
      anonymisedAt: null,
      stage: { in: [...NOT_GONE_AHEAD_STAGES] },
      updatedAt: { lt: cutoff },
      payments: { none: { status: "SUCCEEDED" } },
    },
    take: limit,
    orderBy: { updatedAt: "asc" },
    select: { id: true, patientId: true },
  });
  let anonymised = 0;
  for (const kase of stale) {
    const summary: ErasureSummary = {};
    const files = await db.$transaction(async (tx) => {
      const { count } = await tx.case.updateMany({
        where: { id: kase.id, anonymisedAt: null, updatedAt: { lt: cutoff } },
        data: { anonymisedAt: now },
      });
      if (count !== 1) return [];
      const keys = await anonymiseCases(tx, [kase.id], summary);
      const live = await tx.case.count({
        where: { patientId: kase.patientId, anonymisedAt: null },
      });
      const user = await tx.user.findUniqueOrThrow({
        where: { id: kase.patientId },
        select: { email: true, erasedAt: true },
      });
      if (live === 0 && !user.erasedAt)
        keys.push(...(await anonymiseUser(tx, kase.patientId, user.email, summary)));
      await audit(
        {
          actorId: null,
          action: "retention.anonymise",
          entity: "Case",
          entityId: kase.id,
          caseId: kase.id,
          outcome: "success",
          detail: JSON.stringify(summary),
        },
        tx,
      );
      return keys;
    });
    await Promise.all(files.map((key) => removeStored(key)));
    if (files.length || Object.keys(summary).length) anonymised++;
  }
  return anonymised;
}

// --- the admins' page (staff.erasure) ---------------------------------------------------

/**
 * Erasure requests for the admins' page, open ones first, newest first: who asked, their
 * cases, and what was done. The page's guard ("data-rights:manage") is the check.
 */
export async function listErasureRequests() {
  const requests = await db.erasureRequest.findMany({
    orderBy: [{ status: "desc" }, { requestedAt: "desc" }],
    take: 100,
    select: {
      id: true,
      status: true,
      requestedAt: true,
      carriedOutAt: true,
      summary: true,
      user: {
        select: {
          name: true,
          email: true,
          patientCases: { select: { number: true, stage: true } },
        },
      },
    },
  });
  return requests.map(({ summary, ...r }) => ({
    ...r,
    summary: summary ? (JSON.parse(summary) as ErasureSummary) : null,
  }));
}
