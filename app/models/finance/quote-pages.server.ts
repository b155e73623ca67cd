import { ownCase, portalViewOf } from "~/models/cases/portal.server";
/**
 * What the quote pages show, in one call each: the staff quote page (every version, the
 * chosen one with what changed since the one before, the open draft, the account and its
 * payments; the view audited) and the patient's (issued versions only, their own case only).
 */
import { db } from "~/db.server";
import { clinicSettings } from "~/models/site/clinic-settings.server";
import { isLocale } from "~/i18n/config";
import { audit } from "~/infra/audit.server";
import { refundableOf, voidableOf } from "~/lib/ledger";
import { can } from "~/lib/permissions";
import { diffVersions, type ViewVersion } from "~/lib/quote-view";
import { canQuote } from "~/lib/stages";
import { parseTexts } from "~/lib/translated";
import { notFound } from "~/models/auth/auth.server";
import { accountOf, openExcessOf } from "~/models/finance/payments.server";
import { QUOTE_VIEW } from "~/models/finance/quotes.server";

/** The version asked for (?v=), else the latest, and what changed since the one before it. */
function chosen<V extends ViewVersion>(issued: V[], wanted: number) {
  const index = Math.max(
    0,
    issued.findIndex((q) => q.version === wanted),
  );
  const shown = issued[index] ?? null;
  const before = issued[index + 1] ?? null;
  return {
    shown,
    diff: shown && before ? diffVersions(before, shown) : null,
    beforeCurrency: before?.currency ?? null,
  };
}

/**
 * The lines of a draft that have no name in the patient's language (ADR 024): the patient
 * would read them in English. None when the patient reads English.
 */
async function linesWithoutName(quoteId: string, language: string): Promise<string[]> {
  if (!isLocale(language) || language === "en") return [];
  const lines = await db.quoteLine.findMany({
    where: { quoteId },
    select: { id: true, translations: true },
  });
  return lines
    .filter((l) => !parseTexts(l.translations, ["name"] as const)[language]?.name)
    .map((l) => l.id);
}

/**
 * The staff quote page of a case: finance, coordinators and admins (quote:read); only those
 * who may write quotes get the editor. The view is audited, and so is a look for a case that
 * does not exist.
 */
export async function staffQuotePage(
  user: { id: string; role: string },
  caseId: string,
  wanted: number,
  ip: string | null,
) {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      number: true,
      stage: true,
      eligibility: true,
      language: true,
      currency: true,
      timeZone: true,
      patient: { select: { name: true } },
      programme: { select: { name: true, translations: true } },
    },
  });
  await audit({
    actorId: user.id,
    action: "quote.view",
    entity: "Case",
    entityId: caseId || null,
    caseId: kase?.id ?? null,
    ip,
    outcome: kase ? "success" : "error",
  });
  if (!kase) notFound();
  const quotes = await db.quote.findMany({
    where: { caseId: kase.id },
    orderBy: { version: "desc" },
    select: QUOTE_VIEW,
  });
  const issued = quotes.filter((q) => q.status !== "DRAFT");
  const account = await accountOf(db, kase.id);
  const draft = quotes.find((q) => q.status === "DRAFT") ?? null;
  return {
    kase,
    draft,
    untranslated: draft ? await linesWithoutName(draft.id, kase.language) : [],
    versions: issued.map((q) => ({
      id: q.id,
      version: q.version,
      status: q.status,
      totalMinor: q.totalMinor,
      currency: q.currency,
      issuedAt: q.issuedAt,
    })),
    ...chosen(issued, wanted),
    account: {
      ...account,
      payments: account.payments.map((p) => ({
        ...p,
        refundable: refundableOf(p, account.payments),
        excessOpen: openExcessOf(p, account.payments),
        voidable: voidableOf(p, account.payments),
      })),
    },
    finance: can(user, "quote:write"),
    canVoid: can(user, "payment:void"),
    quotable: canQuote(kase),
    nextVersion: (quotes[0]?.version ?? 0) + 1,
  };
}

/** The patient's quote page: their own case only (anything else is not found), no drafts. */
export async function patientQuotePage(patientId: string, caseId: string, wanted: number) {
  const kase = await ownCase(patientId, caseId, {
    id: true,
    number: true,
    stage: true,
    programme: { select: { slug: true, name: true, translations: true } },
  });
  const quotes = await db.quote.findMany({
    where: { caseId: kase.id, status: { not: "DRAFT" } },
    orderBy: { version: "desc" },
    select: QUOTE_VIEW,
  });
  const account = await accountOf(db, kase.id);
  const clinic = clinicSettings();
  return {
    kase,
    /** What the stage offers: answering the quote, paying the deposit (app/lib/portal-view.ts). */
    prompts: (await portalViewOf(kase.id)).prompts,
    quotes: quotes.map((q) => ({
      id: q.id,
      version: q.version,
      status: q.status,
      issuedAt: q.issuedAt,
      totalMinor: q.totalMinor,
      currency: q.currency,
    })),
    ...chosen(quotes, wanted),
    account: {
      quote: account.quote,
      balance: account.balance,
      // A voided payment stays on the list, marked, with its cancellation note.
      payments: account.payments
        .filter((p) => p.status !== "FAILED")
        .map((p) => ({
          voidNumber: p.voidNumber,
          id: p.id,
          kind: p.kind,
          method: p.method,
          status: p.status,
          amountMinor: p.amountMinor,
          currency: p.currency,
          receiptNumber: p.receiptNumber,
          paidAt: p.paidAt,
          createdAt: p.createdAt,
        })),
    },
    bank: {
      name: clinic.bankAccountName,
      bank: clinic.bankName,
      iban: clinic.bankIban,
      bic: clinic.bankBic,
    },
  };
}
