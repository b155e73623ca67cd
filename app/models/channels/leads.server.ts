/**
 * Messages from numbers no verified patient holds (issue 24), for coordinators: the open
 * leads (reading them is audited, they may hold health data), linking one to a case (its
 * text and media then go onto the case's thread exactly as a known patient's reply would,
 * with its channel), and dismissing one. Each write spends its form's key and checks that
 * the lead is still open, so a second press or a second coordinator does nothing twice.
 */
import { db } from "~/db.server";
import { audit } from "~/infra/audit.server";
import {
  checkFile,
  createDocumentRows,
  openBytes,
  storeCheckedFiles,
  UploadError,
  type CheckedFile,
} from "~/infra/document-store.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { isChannel } from "~/lib/message-templates";
import type { StaffUser } from "~/models/auth/auth.server";
import { getFixedT } from "~/i18n/i18n.server";
import { displayPhone } from "~/lib/phone";
import { REFUSED_MEDIA } from "~/models/channels/inbound.server";

/** A refused lead action: `key` is an i18n key in common (inbox.leads.errors.*). */
export class LeadError extends Error {
  constructor(
    public readonly key: "gone" | "noCase" | "closedCase",
    public readonly field: "" | "caseNumber" = "",
  ) {
    super(`Lead action refused: ${key}`);
    this.name = "LeadError";
  }
}

const LEAD_PAGE = 100;

export async function countOpenLeads() {
  return db.inboundLead.count({ where: { status: "OPEN" } });
}

/** The open leads, newest first; the read is audited (their text may be health data). */
export async function listOpenLeads(user: Pick<StaffUser, "id">, ip?: string | null) {
  const leads = await db.inboundLead.findMany({
    where: { status: "OPEN" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LEAD_PAGE,
    select: {
      id: true,
      channel: true,
      fromPhone: true,
      profileName: true,
      text: true,
      mediaType: true,
      createdAt: true,
    },
  });
  await audit({
    actorId: user.id,
    action: "inbox.lead.view",
    entity: "InboundLead",
    ip,
    outcome: "success",
    detail: `count=${leads.length}`,
  });
  return leads.map(({ mediaType, ...lead }) => ({
    ...lead,
    media:
      mediaType === REFUSED_MEDIA ? ("refused" as const) : mediaType ? ("kept" as const) : null,
  }));
}

/** The lead's sealed media, checked again by content on its way into the document store. */
async function leadFile(lead: { id: string; media: Uint8Array | null }) {
  if (!lead.media) return [] as CheckedFile[];
  try {
    const bytes = openBytes(lead.media, `lead:${lead.id}`);
    return [await checkFile({ name: `lead-${lead.id.slice(-8)}`, bytes })];
  } catch (error) {
    if (error instanceof UploadError) return [] as CheckedFile[];
    throw error;
  }
}

/**
 * Puts the lead's message onto the case numbered `caseNumber` as an internal note by the
 * member of staff who linked it, naming the number and channel it came from: nobody proved
 * that number is the patient's, so it is never shown as the patient's own words, nor in their
 * portal. Its media becomes an encrypted document the same person added. Once per form, and
 * once per lead (it must still be open when the transaction commits).
 */
export async function linkLeadToCase(
  user: Pick<StaffUser, "id">,
  leadId: string,
  caseNumber: string,
  sent: SentForm,
  ip?: string | null,
) {
  // Whether it is still open is decided in the transaction, after the form's key is spent, so
  // a second press is answered as sent already.
  const lead = await db.inboundLead.findUnique({
    where: { id: leadId },
    select: {
      id: true,
      channel: true,
      fromPhone: true,
      text: true,
      media: true,
      mediaType: true,
    },
  });
  if (!lead || !isChannel(lead.channel)) throw new LeadError("gone");
  const channel = lead.channel;
  const kase = await db.case.findUnique({
    where: { number: caseNumber.trim().toUpperCase() },
    select: { id: true, number: true, coordinatorId: true, patientId: true, closedAt: true },
  });
  if (!kase) throw new LeadError("noCase", "caseNumber");
  if (kase.closedAt) throw new LeadError("closedCase", "caseNumber");
  const files = await leadFile(lead);
  return storeCheckedFiles(files, (stored) =>
    db.$transaction(async (tx) => {
      await spendFormKey(tx, sent, user.id);
      const { count } = await tx.inboundLead.updateMany({
        where: { id: lead.id, status: "OPEN" },
        data: { status: "LINKED", caseId: kase.id, handledById: user.id, media: null },
      });
      if (count !== 1) throw new LeadError("gone");
      const staff = await tx.user.findUniqueOrThrow({
        where: { id: user.id },
        select: { locale: true },
      });
      const t = getFixedT(staff.locale, "common");
      const from = {
        phone: displayPhone(lead.fromPhone),
        channel: t(`inbox.channel.${channel}`),
      };
      const lines = [t("inbox.leads.linkedNote", from)];
      if (lead.text) lines.push(lead.text);
      if (lead.mediaType === REFUSED_MEDIA) lines.push(t("inbox.leads.mediaRefused"));
      await tx.caseEvent.create({
        data: {
          caseId: kase.id,
          type: "NOTE",
          actorId: user.id,
          internal: true,
          body: lines.join("\n\n"),
        },
      });
      if (stored.length > 0) {
        await createDocumentRows(
          tx,
          { caseId: kase.id, kind: "MEDICAL_RECORD", uploadedById: user.id },
          stored,
        );
      }
      await audit(
        {
          actorId: user.id,
          action: "inbox.lead.link",
          entity: "InboundLead",
          entityId: lead.id,
          caseId: kase.id,
          ip,
          outcome: "success",
        },
        tx,
      );
      return { caseId: kase.id };
    }),
  );
}

/** Sets a lead aside (spam, a wrong number); its text and media are dropped. */
export async function dismissLead(
  user: Pick<StaffUser, "id">,
  leadId: string,
  sent: SentForm,
  ip?: string | null,
) {
  await db.$transaction(async (tx) => {
    await spendFormKey(tx, sent, user.id);
    const { count } = await tx.inboundLead.updateMany({
      where: { id: leadId, status: "OPEN" },
      data: { status: "DISMISSED", handledById: user.id, media: null, text: "" },
    });
    if (count !== 1) throw new LeadError("gone");
    await audit(
      {
        actorId: user.id,
        action: "inbox.lead.dismiss",
        entity: "InboundLead",
        entityId: leadId,
        ip,
        outcome: "success",
      },
      tx,
    );
  });
}
