/**
 * A patient's WhatsApp or SMS reply (issue 24), once its webhook's signature was checked:
 * - processed once per provider id (InboundMessage): both providers deliver again when unsure;
 * - matched to a patient by a VERIFIED number only (User.phone with phoneVerifiedAt): an
 *   unproved number could be anyone's, so it never reaches a case;
 * - a match goes onto the patient's newest open case's thread and into the staff inbox with its
 *   channel, in one transaction (recordPatientMessage); a reply that is only "cancel" or "move"
 *   (in any of the seven languages) asks to move the next booked appointment through the same
 *   code as the portal's request (recordRescheduleRequest);
 * - media is fetched from the provider, checked by content like an upload and stored
 *   encrypted as a document of the case; refused content leaves a note on the thread instead;
 * - anyone else becomes an InboundLead for a coordinator to link to a case or dismiss
 *   (app/models/channels/leads.server.ts), its media sealed in the row.
 */
import { db, isUniqueViolation, type Tx } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { LOCALES } from "~/i18n/config";
import {
  checkFile,
  createDocumentRows,
  sealBytes,
  storeCheckedFiles,
  UploadError,
  type CheckedFile,
  type StoredFile,
} from "~/infra/document-store.server";
import { CHANNEL_CONSENT_PURPOSE, type Channel } from "~/lib/message-templates";
import { audit } from "~/infra/audit.server";
import { enqueueMessage } from "~/infra/messages.server";
import { normalizeDigits } from "~/lib/digits";
import { ROLE } from "~/lib/permissions";
import { recordPatientMessage } from "~/models/cases/workspace.server";
import { recordInboxItem } from "~/models/inbox/inbox.server";
import { recordRescheduleRequest } from "~/models/travel/booking.server";

export interface InboundMedia {
  fetch: () => Promise<{ bytes: Uint8Array; type: string }>;
}

export interface InboundInput {
  channel: Channel;
  /** The provider's message id (a wamid, a Twilio SM… sid). */
  providerId: string;
  /** The sender's number in E.164. */
  from: string;
  text: string;
  /** WhatsApp's profile name of the sender, when it sent one. */
  profileName?: string | null;
  media?: InboundMedia | null;
}

export type InboundOutcome = "duplicate" | "message" | "reschedule" | "optOut" | "lead";

/** The longest text kept from one message (WhatsApp allows 4096 characters, SMS less). */
const TEXT_MAX = 4096;

// --- the "cancel" / "move" reply --------------------------------------------------------

/**
 * A reply's words as compared with the keyword lists: Unicode-normalised, lower case (a
 * Turkish dotted capital I is an i), accents and Arabic vowel marks dropped, the letter
 * forms Arabic and Persian keyboards write differently made one (alef with hamza or madda,
 * Persian and Arabic yeh and kaf, teh marbuta), tatweel and zero-width joiners removed, and
 * punctuation and emoji around the words ignored, and Arabic-Indic and Persian digits read as
 * 0–9 ("لغو۱۱" is "لغو11").
 */
export function normaliseReply(text: string): string {
  return normalizeDigits(text)
    .normalize("NFKC")
    .replace(/İ/g, "i")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u064b-\u065f\u0670\u0640\u200c\u200d]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/[ىیئ]/g, "ي")
    .replace(/ک/g, "ك")
    .replace(/ة/g, "ه")
    .replace(/ؤ/g, "و")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
}

let keywordCache: Set<string> | null = null;

/** Every language's "cancel" and "move" words (portal:channels.keywords.*), normalised. */
export function rescheduleKeywords(): Set<string> {
  if (keywordCache) return keywordCache;
  const words = new Set<string>();
  for (const lng of LOCALES) {
    const t = getFixedT(lng, "portal");
    for (const key of ["channels.keywords.cancel", "channels.keywords.move"]) {
      // A list: Latin commas, or the Arabic comma in Arabic and Persian.
      for (const word of String(t(key)).split(/[,،]/)) {
        const normal = normaliseReply(word);
        if (normal) words.add(normal);
      }
    }
  }
  keywordCache = words;
  return words;
}

let stopCache: Set<string> | null = null;

/** Every language's opt-out words (portal:channels.keywords.stop: STOP, UNSUBSCRIBE…), normalised. */
export function stopKeywords(): Set<string> {
  if (stopCache) return stopCache;
  const words = new Set<string>();
  for (const lng of LOCALES) {
    for (const word of String(getFixedT(lng, "portal")("channels.keywords.stop")).split(/[,،]/)) {
      const normal = normaliseReply(word);
      if (normal) words.add(normal);
    }
  }
  stopCache = words;
  return words;
}

/**
 * True when the reply says nothing but an opt-out word ("STOP", "UNSUBSCRIBE", "لغو۱۱"…): the
 * channel it came by is turned off, as WhatsApp's policy and SMS rules require.
 */
export function isStopReply(text: string): boolean {
  const normal = normaliseReply(text);
  return normal.length > 0 && stopKeywords().has(normal);
}

/** True when the reply says nothing but "cancel" or "move" in one of the languages. */
export function isRescheduleReply(text: string): boolean {
  const normal = normaliseReply(text);
  return normal.length > 0 && rescheduleKeywords().has(normal);
}

// --- receiving ---------------------------------------------------------------------------

type MediaResult = { kind: "none" } | { kind: "ok"; file: CheckedFile } | { kind: "refused" };

/** The media's bytes, checked by content; a failed download or refused content is "refused". */
async function checkedMedia(channel: Channel, providerId: string, media?: InboundMedia | null) {
  if (!media) return { kind: "none" } as MediaResult;
  try {
    const fetched = await media.fetch();
    // Provider ids hold "/" and "+" (a wamid is base64): the name keeps letters and digits only.
    const name = `${channel.toLowerCase()}-${providerId.replace(/[^A-Za-z0-9]/g, "").slice(-12)}`;
    return { kind: "ok", file: await checkFile({ name, bytes: fetched.bytes }) } as MediaResult;
  } catch (error) {
    // The patient's attachment is refused, not their message: staff see a note instead.
    if (!(error instanceof UploadError)) {
      console.warn(`inbound ${channel}: media not fetched: ${(error as Error).message}`);
    }
    return { kind: "refused" } as MediaResult;
  }
}

/** The patient with this verified number, and their newest open case. */
async function matchPatient(from: string) {
  const patient = await db.user.findFirst({
    where: { phone: from, phoneVerifiedAt: { not: null }, role: ROLE.PATIENT, erasedAt: null },
    orderBy: { phoneVerifiedAt: "desc" },
    select: { id: true },
  });
  if (!patient) return null;
  const kase = await db.case.findFirst({
    where: { patientId: patient.id, closedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, number: true, coordinatorId: true },
  });
  return kase ? { patientId: patient.id, kase } : null;
}

/**
 * Records one inbound message. Idempotent by providerId: the InboundMessage row is written in
 * the same transaction as the message, so a second delivery (or two at once) records nothing
 * and a failure half-way leaves nothing, and the provider's retry is then processed.
 */
export async function receiveInbound(input: InboundInput): Promise<InboundOutcome> {
  const seen = await db.inboundMessage.findUnique({
    where: { providerId: input.providerId },
    select: { providerId: true },
  });
  if (seen) return "duplicate";
  const text = input.text.normalize("NFC").trim().slice(0, TEXT_MAX);
  const now = new Date();
  const match = await matchPatient(input.from);
  const media = await checkedMedia(input.channel, input.providerId, input.media);
  try {
    if (!match) {
      await db.$transaction(async (tx) => {
        await tx.inboundMessage.create({
          data: { providerId: input.providerId, channel: input.channel },
        });
        await createLead(tx, input, text, media);
      });
      return "lead";
    }
    const files = media.kind === "ok" ? [media.file] : [];
    return await storeCheckedFiles(files, (stored) =>
      db.$transaction(async (tx) => {
        await tx.inboundMessage.create({
          data: { providerId: input.providerId, channel: input.channel, caseId: match.kase.id },
        });
        if (input.channel === "WHATSAPP") {
          // The patient wrote: WhatsApp's 24-hour window for free text opens (reach.server.ts).
          await tx.user.update({
            where: { id: match.patientId },
            data: { whatsappLastInboundAt: now },
          });
        }
        const outcome = await recordOnCase(tx, {
          channel: input.channel,
          patientId: match.patientId,
          kase: match.kase,
          text,
          stored,
          refused: media.kind === "refused",
          now,
        });
        if (stored.length === 0 && isStopReply(text)) {
          await optOutByReply(tx, { ...match, channel: input.channel, phone: input.from, now });
          return "optOut" as const;
        }
        return outcome;
      }),
    );
  } catch (error) {
    // Delivered twice at once: the other delivery recorded it.
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/**
 * What a known patient sent, onto a case, inside the caller's transaction: the text (or a
 * reschedule request), the stored media as a document, or a note that it was refused.
 * Used by receiveInbound and by linking a lead to a case.
 */
export async function recordOnCase(
  tx: Tx,
  input: {
    channel: Channel;
    patientId: string;
    kase: { id: string; number: string; coordinatorId: string | null };
    text: string;
    stored: StoredFile[];
    refused: boolean;
    now?: Date;
  },
): Promise<Exclude<InboundOutcome, "duplicate" | "lead">> {
  const { channel, patientId, kase, text } = input;
  const now = input.now ?? new Date();
  let outcome: "message" | "reschedule" = "message";
  const next = isRescheduleReply(text)
    ? await tx.appointment.findFirst({
        where: {
          status: "BOOKED",
          startsAt: { gt: now },
          case: { patientId, closedAt: null },
        },
        orderBy: { startsAt: "asc" },
        select: { id: true, caseId: true },
      })
    : null;
  if (next) {
    await recordRescheduleRequest(tx, {
      patientId,
      caseId: next.caseId,
      appointmentId: next.id,
      note: text,
      channel,
    });
    outcome = "reschedule";
  } else if (text) {
    await recordPatientMessage(tx, kase, patientId, text, "MESSAGE", channel);
  }
  if (input.stored.length > 0) {
    await createDocumentRows(
      tx,
      { caseId: kase.id, kind: "MEDICAL_RECORD", uploadedById: patientId },
      input.stored,
    );
    const event = await tx.caseEvent.create({
      data: { caseId: kase.id, type: "DOCUMENT_UPLOADED", actorId: patientId, createdAt: now },
      select: { id: true },
    });
    await recordInboxItem(tx, { caseId: kase.id, kind: "UPLOAD", eventId: event.id, channel });
  }
  if (input.refused) {
    // Staff learn an attachment came and was not kept (its type or content was refused).
    const event = await tx.caseEvent.create({
      data: {
        caseId: kase.id,
        type: "ATTACHMENT_REFUSED",
        actorId: patientId,
        fromPatient: true,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordInboxItem(tx, { caseId: kase.id, kind: "UPLOAD", eventId: event.id, channel });
  }
  return outcome;
}

/**
 * "STOP" by a channel turns that channel off for the patient, in the transaction that records
 * the reply (which stays on the thread, so staff see why): every consent of the channel still
 * in force is withdrawn, the change is audited, and one last message on that channel says so
 * and how to turn it on again. Nothing more is sent there until the patient does.
 */
async function optOutByReply(
  tx: Tx,
  input: {
    patientId: string;
    kase: { id: string };
    channel: Channel;
    phone: string;
    now: Date;
  },
) {
  const { count } = await tx.consent.updateMany({
    where: {
      userId: input.patientId,
      purpose: CHANNEL_CONSENT_PURPOSE[input.channel],
      withdrawnAt: null,
    },
    data: { withdrawnAt: input.now },
  });
  if (count === 0) return;
  await audit(
    {
      actorId: input.patientId,
      action: "consent.channel_off",
      entity: "Consent",
      caseId: input.kase.id,
      outcome: "success",
      detail: `${input.channel} by reply`,
    },
    tx,
  );
  const patient = await tx.user.findUniqueOrThrow({
    where: { id: input.patientId },
    select: { locale: true },
  });
  await enqueueMessage(tx, {
    channel: input.channel,
    toPhone: input.phone,
    locale: patient.locale,
    template: "channel_stopped",
    params: {},
    caseId: input.kase.id,
    userId: input.patientId,
    // They just wrote: WhatsApp's window is open, so the words go as free text.
    kind: "TEXT",
  });
}

/** The mark of a lead's attachment that was refused (nothing of it is kept). */
export const REFUSED_MEDIA = "refused";

async function createLead(tx: Tx, input: InboundInput, text: string, media: MediaResult) {
  const lead = await tx.inboundLead.create({
    data: {
      channel: input.channel,
      fromPhone: input.from,
      profileName: input.profileName?.normalize("NFC").trim().slice(0, 200) || null,
      text,
      providerId: input.providerId,
      mediaType:
        media.kind === "ok" ? media.file.mimeType : media.kind === "refused" ? REFUSED_MEDIA : null,
    },
    select: { id: true },
  });
  if (media.kind === "ok") {
    // Sealed with the lead's id bound in; it becomes an encrypted document once linked.
    await tx.inboundLead.update({
      where: { id: lead.id },
      data: { media: new Uint8Array(sealBytes(media.file.bytes, `lead:${lead.id}`)) },
    });
  }
  return lead.id;
}
