/**
 * Quotes: drafts built from the programme's price list, issued versions that never change,
 * revisions as new versions, and the patient's acceptance or refusal. Every amount goes
 * through app/lib/money.ts (integer minor units, one rounding rule). Issuing the first
 * version moves the case to QUOTED, and accepting moves it to QUOTE_ACCEPTED, both through
 * changeStageIn() in the same transaction as the quote's own change.
 */
import { MAX_STORED_MINOR } from "~/lib/money";
import { ROLE, roleCan } from "~/lib/permissions";
import { addDays, endOfDay } from "~/lib/schedule";
import { QUOTABLE_STAGES } from "~/lib/stages";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { baseCurrency, clinicSettings } from "~/models/site/clinic-settings.server";
import {
  convertMinor,
  isQuoteCurrency,
  isTaxRule,
  lineAmounts,
  share,
  sumLines,
  type TaxRule,
} from "~/lib/money";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { noticeToPatient, noticeToStaff } from "~/models/cases/notices.server";
import { changeStageIn } from "~/models/cases/stage.server";
import { freezeQuote } from "~/models/finance/issued.server";
import { prepareQuoteSignature, type SignatureInput } from "~/models/consent/consent.server";
import { recordPatientMessage } from "~/models/cases/workspace.server";

/**
 * A refused quote operation; `key` is an i18n key (finance namespace: quoteErrors.*), and
 * `field` the form field it concerns, if one does.
 */
export class QuoteError extends Error {
  constructor(
    public readonly code: "not_found" | "forbidden" | "state",
    public readonly key: string,
    public readonly field?: string,
  ) {
    super(`Quote refused: ${code} (${key})`);
    this.name = "QuoteError";
  }
}

export const TERMS_VERSION = "2026-11";
/** Stages in which a quote may be drafted or revised. */

interface Actor {
  id: string;
  role: string;
  ip?: string | null;
}

/** Finance issues quotes (the stage machine lets only finance move a case to QUOTED). */
function requireFinance(actor: Actor) {
  if (!roleCan(actor.role, "quote:write")) {
    throw new QuoteError("forbidden", "quoteErrors.forbidden");
  }
}

export async function rateFor(tx: Tx, currency: string): Promise<string> {
  if (currency === baseCurrency()) return "1";
  const row = await tx.exchangeRate.findUnique({ where: { currency } });
  if (!row) throw new QuoteError("state", "quoteErrors.noRate");
  return row.rate;
}

export interface LineInput {
  priceItemId?: string | null;
  itemKey?: string | null;
  category: string;
  name: string;
  unit: string;
  included: boolean;
  quantity: number;
  /** The list price in the base currency. */
  unitPriceBaseMinor: number;
  /** A price typed by finance in the quote's currency; otherwise converted from the base. */
  unitPriceMinor?: number | null;
  discountBp: number;
  taxRule: string;
  /**
   * The line's name in other languages (ADR 024), copied on the server from its price item
   * (linesFromItems); never read from a form. An issued version keeps what it was issued with.
   */
  translations?: string;
}

/** The lines with every amount worked out, and the totals of the included ones. */
export function priceLines(lines: LineInput[], currency: string, rate: string) {
  const base = baseCurrency();
  const priced = lines.map((l, position) => {
    const taxRule: TaxRule = isTaxRule(l.taxRule) ? l.taxRule : "EXEMPT";
    const unitPriceMinor =
      l.unitPriceMinor ?? convertMinor(l.unitPriceBaseMinor, base, currency, rate);
    const amounts = lineAmounts({
      quantity: l.quantity,
      unitPriceMinor,
      discountBp: l.discountBp,
      taxRule,
    });
    const line = {
      position,
      priceItemId: l.priceItemId ?? null,
      itemKey: l.itemKey ?? null,
      category: l.category,
      name: l.name,
      translations: l.translations ?? "{}",
      unit: l.unit,
      included: l.included,
      quantity: l.quantity,
      unitPriceBaseMinor: l.unitPriceBaseMinor,
      unitPriceMinor,
      discountBp: l.discountBp,
      taxRule,
    };
    return { line, amounts };
  });
  // Net (gross less discount) is derived, not stored: it is dropped from what is written.
  const { netMinor: _total, ...totals } = sumLines(
    priced.filter((p) => p.line.included).map((p) => p.amounts),
  );
  return {
    lines: priced.map(({ line, amounts: { netMinor: _line, ...stored } }) => ({
      ...line,
      ...stored,
    })),
    totals,
  };
}

async function loadCase(tx: Tx, caseId: string) {
  const kase = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      number: true,
      stage: true,
      eligibility: true,
      currency: true,
      programmeId: true,
      coordinatorId: true,
    },
  });
  if (!kase) throw new QuoteError("not_found", "quoteErrors.notFound");
  return kase;
}

/**
 * The draft to edit: the open draft if there is one; otherwise a new version, copied from the
 * latest issued version (a revision) or, for the first quote, from the price list. `formKey`
 * is the key of the form that asked (spent with the work; callers without a form pass none).
 */
export async function startDraft(caseId: string, actor: Actor, formKey?: SentForm) {
  requireFinance(actor);
  return db.$transaction(async (tx) => {
    if (formKey !== undefined) await spendFormKey(tx, formKey, actor.id);
    const kase = await loadCase(tx, caseId);
    if (kase.eligibility !== "ELIGIBLE") throw new QuoteError("state", "quoteErrors.notEligible");
    if (!(QUOTABLE_STAGES as readonly string[]).includes(kase.stage))
      throw new QuoteError("state", "quoteErrors.stage");
    const existing = await tx.quote.findFirst({
      where: { caseId, status: "DRAFT" },
      select: { id: true },
    });
    if (existing) return existing;
    const latest = await tx.quote.findFirst({
      where: { caseId },
      orderBy: { version: "desc" },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    // The case's currency when the clinic issues quotes in it, else the base currency.
    const enabled: readonly string[] = clinicSettings().quoteCurrencies;
    const currency =
      latest?.currency ?? (enabled.includes(kase.currency) ? kase.currency : baseCurrency());
    const rate = await rateFor(tx, currency);
    const inputs: LineInput[] = latest?.lines.length
      ? latest.lines.map((l) => ({
          ...l,
          // A revision keeps finance's prices in the quote currency.
          unitPriceMinor: l.unitPriceMinor,
        }))
      : (
          await tx.priceItem.findMany({
            where: { programmeId: kase.programmeId, active: true },
            orderBy: { position: "asc" },
          })
        ).map((p) => ({
          priceItemId: p.id,
          itemKey: p.key,
          category: p.category,
          name: p.name,
          translations: p.translations,
          unit: p.unit,
          included: p.includedByDefault,
          quantity: p.defaultQuantity,
          unitPriceBaseMinor: p.unitPriceMinor,
          discountBp: 0,
          taxRule: p.taxRule,
        }));
    const { lines, totals } = priceLines(inputs, currency, latest?.fxRate ?? rate);
    const depositBp = latest?.depositBp ?? 2000;
    // A date-only value: the last second of the day QUOTE_VALID_DAYS from today (UTC), as the
    // draft editor saves it, so the editor and the issued quote show the same day.
    const validUntil = endOfDay(
      addDays(new Date().toISOString().slice(0, 10), env().QUOTE_VALID_DAYS),
    );
    const quote = await tx.quote.create({
      data: {
        caseId,
        version: (latest?.version ?? 0) + 1,
        status: "DRAFT",
        currency,
        baseCurrency: baseCurrency(),
        fxRate: latest?.fxRate ?? rate,
        ...totals,
        depositBp,
        depositMinor: share(totals.totalMinor, depositBp),
        balanceDueDays: latest?.balanceDueDays ?? 14,
        termsVersion: TERMS_VERSION,
        note: latest?.note ?? null,
        validUntil,
        createdById: actor.id,
        lines: { create: lines },
      },
      select: { id: true },
    });
    await audit(
      {
        actorId: actor.id,
        action: "quote.draft",
        entity: "Quote",
        entityId: quote.id,
        caseId,
        ip: actor.ip,
        outcome: "success",
      },
      tx,
    );
    return quote;
  });
}

export interface DraftInput {
  currency: string;
  depositBp: number;
  balanceDueDays: number;
  validUntil: Date;
  note: string | null;
  lines: LineInput[];
}

export interface SaveOptions {
  /** The case the draft must belong to (the page's); another case's draft is not found. */
  caseId?: string;
  /** The editor's form key, spent with the edit. */
  formKey?: SentForm;
  /** Issue the draft after saving it, in the same transaction (not when the currency changed). */
  issue?: boolean;
  now?: Date;
}

/**
 * The lines of a draft as sent by the editor, each with its other languages looked up here,
 * never taken from the form: a line made from a price item of the case's programme (by
 * priceItemId, else by itemKey) and still bearing the item's English name takes the item's
 * translations; a line renamed by finance keeps those the draft's line of that name had (a
 * revision's, copied from the version before); a line typed by hand has none.
 */
async function withItemTexts(
  tx: Tx,
  caseId: string,
  quoteId: string,
  lines: LineInput[],
): Promise<LineInput[]> {
  const [kase, before] = await Promise.all([
    tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { programmeId: true } }),
    tx.quoteLine.findMany({ where: { quoteId }, select: { name: true, translations: true } }),
  ]);
  const items = await tx.priceItem.findMany({
    where: { programmeId: kase.programmeId },
    select: { id: true, key: true, name: true, translations: true },
  });
  const previous = new Map(before.map((l) => [l.name.trim(), l.translations]));
  return lines.map((l) => {
    const item =
      items.find((i) => l.priceItemId && i.id === l.priceItemId) ??
      items.find((i) => l.itemKey && i.key === l.itemKey);
    const name = l.name.trim();
    const translations =
      item && item.name.trim() === name ? item.translations : (previous.get(name) ?? "{}");
    return { ...l, translations };
  });
}

/**
 * Saves finance's edits to a draft. Changing the currency takes today's rate and reprices
 * every line from the base (and does not issue: finance sees the new prices first). With
 * `issue`, the saved draft is issued in the same transaction, so a refused issue keeps nothing.
 */
export async function saveDraft(
  quoteId: string,
  actor: Actor,
  input: DraftInput,
  options: SaveOptions = {},
) {
  requireFinance(actor);
  return db.$transaction(async (tx) => {
    if (options.formKey !== undefined) await spendFormKey(tx, options.formKey, actor.id);
    const draft = await tx.quote.findUnique({ where: { id: quoteId } });
    if (!draft || (options.caseId !== undefined && draft.caseId !== options.caseId)) {
      throw new QuoteError("not_found", "quoteErrors.notFound");
    }
    if (draft.status !== "DRAFT") throw new QuoteError("state", "quoteErrors.notDraft");
    // A currency the clinic no longer issues in may stay on a draft that has it, not be chosen.
    const enabled: readonly string[] = clinicSettings().quoteCurrencies;
    if (
      !isQuoteCurrency(input.currency) ||
      (input.currency !== draft.currency && !enabled.includes(input.currency))
    ) {
      throw new QuoteError("state", "quoteErrors.currency", "currency");
    }
    const switched = input.currency !== draft.currency;
    const rate = switched ? await rateFor(tx, input.currency) : draft.fxRate;
    const named = await withItemTexts(tx, draft.caseId, quoteId, input.lines);
    const { lines, totals } = priceLines(
      named.map((l) => (switched ? { ...l, unitPriceMinor: null } : l)),
      input.currency,
      rate,
    );
    // Amounts the database's money columns cannot hold (999 of a very dear item) are refused.
    const amounts = [totals, ...lines].flatMap((row) =>
      Object.entries(row)
        .filter(([key, value]) => key.endsWith("Minor") && typeof value === "number")
        .map(([, value]) => value as number),
    );
    if (amounts.some((value) => value > MAX_STORED_MINOR)) {
      throw new QuoteError("state", "quoteErrors.tooLarge");
    }
    await tx.quoteLine.deleteMany({ where: { quoteId } });
    await tx.quote.update({
      where: { id: quoteId },
      data: {
        currency: input.currency,
        fxRate: rate,
        ...totals,
        depositBp: input.depositBp,
        depositMinor: share(totals.totalMinor, input.depositBp),
        balanceDueDays: input.balanceDueDays,
        validUntil: input.validUntil,
        note: input.note,
        lines: { create: lines },
      },
    });
    await audit(
      {
        actorId: actor.id,
        action: "quote.edit",
        entity: "Quote",
        entityId: quoteId,
        caseId: draft.caseId,
        ip: actor.ip,
        outcome: "success",
      },
      tx,
    );
    const issued = Boolean(options.issue) && !switched;
    if (issued) await issueIn(tx, quoteId, actor, options.now ?? new Date());
    return { switched, issued };
  });
}

/**
 * Issues a draft: it becomes read-only with its rate frozen, the version before it is
 * superseded, and the patient hears of it: the first version moves the case to QUOTED (the
 * stage emails), a revision sends a "revised quote" notice.
 */
export async function issueQuote(quoteId: string, actor: Actor, now = new Date()) {
  requireFinance(actor);
  return db.$transaction((tx) => issueIn(tx, quoteId, actor, now));
}

async function issueIn(tx: Tx, quoteId: string, actor: Actor, now: Date) {
  const draft = await tx.quote.findUnique({ where: { id: quoteId } });
  if (!draft) throw new QuoteError("not_found", "quoteErrors.notFound");
  if (draft.status !== "DRAFT") throw new QuoteError("state", "quoteErrors.notDraft");
  if (draft.totalMinor <= 0) throw new QuoteError("state", "quoteErrors.empty");
  if (!draft.validUntil || draft.validUntil <= now) {
    throw new QuoteError("state", "quoteErrors.validity", "validUntil");
  }
  const kase = await loadCase(tx, draft.caseId);
  if (!(QUOTABLE_STAGES as readonly string[]).includes(kase.stage))
    throw new QuoteError("state", "quoteErrors.stage");
  await tx.quote.updateMany({
    where: { caseId: draft.caseId, status: "ISSUED" },
    data: { status: "SUPERSEDED" },
  });
  const { count } = await tx.quote.updateMany({
    where: { id: quoteId, status: "DRAFT" },
    data: { status: "ISSUED", issuedAt: now, issuedById: actor.id },
  });
  if (count !== 1) throw new QuoteError("state", "quoteErrors.notDraft");
  if (kase.stage === "MEDICAL_REVIEW") {
    await changeStageIn(tx, {
      caseId: kase.id,
      to: "QUOTED",
      expectedFrom: "MEDICAL_REVIEW",
      actor,
    });
  } else {
    await tx.caseEvent.create({
      data: {
        caseId: kase.id,
        type: "QUOTE_REVISED",
        actorId: actor.id,
        reason: String(draft.version),
      },
    });
    await noticeToPatient(tx, kase.id, "quoteRevised");
  }
  await audit(
    {
      actorId: actor.id,
      action: "quote.issue",
      entity: "Quote",
      entityId: quoteId,
      caseId: kase.id,
      ip: actor.ip,
      outcome: "success",
      detail: `v${draft.version} ${draft.totalMinor} ${draft.currency} @ ${draft.fxRate}`,
    },
    tx,
  );
  // The version as issued, frozen: its PDF never changes after (ADR 020).
  await freezeQuote(tx, quoteId);
}

/** The patient's quote, scoped by patient: anyone else's is not found. */
async function patientQuote(tx: Tx, patientId: string, caseId: string, quoteId: string) {
  const quote = await tx.quote.findFirst({
    where: { id: quoteId, caseId, case: { patientId } },
  });
  if (!quote) throw new QuoteError("not_found", "quoteErrors.notFound");
  return quote;
}

/** Why a version cannot be accepted now, if it cannot. */
function openForAnswer(quote: { status: string; validUntil: Date | null }, now: Date) {
  if (quote.status === "SUPERSEDED") return "quoteErrors.superseded";
  if (quote.status === "ACCEPTED") return "quoteErrors.alreadyAccepted";
  if (quote.status !== "ISSUED") return "quoteErrors.notOpen";
  if (!quote.validUntil || quote.validUntil < now) return "quoteErrors.expired";
  return null;
}

/**
 * The patient accepts one version: the version, time, IP and the terms' version are recorded,
 * and the case moves to QUOTE_ACCEPTED through the one stage function.
 */
export async function acceptQuote(
  patientId: string,
  caseId: string,
  quoteId: string,
  ip: string | null,
  now = new Date(),
  formKey?: SentForm,
  signature?: SignatureInput,
) {
  // The signed acceptance (issue 25): its PDF is set and stored first, its row written with
  // the acceptance, and the file removed again if the acceptance is refused.
  const signed = signature
    ? await prepareQuoteSignature({ ...signature, patientId, caseId, quoteId, now })
    : null;
  const accepted = db.$transaction(async (tx) => {
    if (formKey !== undefined) await spendFormKey(tx, formKey, patientId);
    const quote = await patientQuote(tx, patientId, caseId, quoteId);
    const refusal = openForAnswer(quote, now);
    if (refusal) throw new QuoteError("state", refusal);
    const { count } = await tx.quote.updateMany({
      where: { id: quote.id, status: "ISSUED" },
      data: {
        status: "ACCEPTED",
        acceptedAt: now,
        acceptedIp: ip,
        acceptedTermsVersion: quote.termsVersion,
      },
    });
    if (count !== 1) throw new QuoteError("state", "quoteErrors.notOpen");
    await changeStageIn(tx, {
      caseId,
      to: "QUOTE_ACCEPTED",
      expectedFrom: "QUOTED",
      actor: { id: patientId, role: ROLE.PATIENT },
      reason: `v${quote.version}`,
    });
    if (signed) await signed.record(tx);
  });
  try {
    return await accepted;
  } catch (error) {
    await signed?.discard();
    // A version past its date is marked EXPIRED, outside the refused transaction.
    if (error instanceof QuoteError && error.key === "quoteErrors.expired") {
      await db.quote.updateMany({
        where: { id: quoteId, caseId, status: "ISSUED", validUntil: { lt: now } },
        data: { status: "EXPIRED" },
      });
    }
    throw error;
  }
}

/** The patient declines a version, with a reason; finance and the coordinator are told. */
export async function declineQuote(
  patientId: string,
  caseId: string,
  quoteId: string,
  reason: string,
  now = new Date(),
  formKey?: SentForm,
) {
  return db.$transaction(async (tx) => {
    if (formKey !== undefined) await spendFormKey(tx, formKey, patientId);
    const quote = await patientQuote(tx, patientId, caseId, quoteId);
    const refusal = openForAnswer(quote, now);
    if (refusal) throw new QuoteError("state", refusal);
    await tx.quote.update({
      where: { id: quote.id },
      data: { status: "DECLINED", declinedAt: now, declineReason: reason },
    });
    await tx.caseEvent.create({
      data: { caseId, type: "QUOTE_DECLINED", actorId: patientId, body: reason },
    });
    const kase = await loadCase(tx, caseId);
    await noticeToStaff(tx, kase, "quoteDeclinedStaff", "finance");
    await noticeToStaff(tx, kase, "quoteDeclinedStaff", "coordinator");
  });
}

/** A version with its lines, for the staff builder, the portal and the PDF. */
export const QUOTE_VIEW = {
  id: true,
  version: true,
  status: true,
  currency: true,
  baseCurrency: true,
  fxRate: true,
  grossMinor: true,
  discountMinor: true,
  taxMinor: true,
  totalMinor: true,
  depositBp: true,
  depositMinor: true,
  balanceDueDays: true,
  termsVersion: true,
  note: true,
  validUntil: true,
  issuedAt: true,
  acceptedAt: true,
  declinedAt: true,
  lines: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      priceItemId: true,
      itemKey: true,
      category: true,
      name: true,
      translations: true,
      unit: true,
      included: true,
      quantity: true,
      unitPriceBaseMinor: true,
      unitPriceMinor: true,
      discountBp: true,
      taxRule: true,
      grossMinor: true,
      discountMinor: true,
      taxMinor: true,
      totalMinor: true,
    },
  },
} as const;

/**
 * A patient's question about the quote: a message on the case (it resumes a case waiting for
 * the patient, as any message does), and finance is told as well as the coordinator. One
 * transaction, with the question form's key.
 */
export async function askAboutQuote(
  patientId: string,
  caseId: string,
  body: string,
  formKey?: SentForm,
) {
  await db.$transaction(async (tx) => {
    if (formKey !== undefined) await spendFormKey(tx, formKey, patientId);
    const kase = await tx.case.findFirst({
      where: { id: caseId, patientId },
      select: { id: true, number: true, coordinatorId: true },
    });
    if (!kase) throw new QuoteError("not_found", "quoteErrors.notFound");
    await recordPatientMessage(tx, kase, patientId, body, "QUOTE_QUESTION");
    await noticeToStaff(tx, kase, "quoteQuestionStaff", "finance");
  });
}
