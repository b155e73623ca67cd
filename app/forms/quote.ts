/**
 * The quote forms (ADR 018).
 * Staff (staff.cases.$caseId_.quote): start a draft, the draft editor (saved or issued, its
 * lines and the new-line row), record a payment, refund a payment, refund an excess, void a
 * payment recorded by mistake.
 * The patient (portal.cases.$caseId_.quote): accept with the terms, decline with a reason, ask a
 * question, pay the deposit.
 * Messages are translation keys. Bounds that are shown in the reader's language (the largest
 * unit price in the quote's currency, the days a quote may run to) are the issue's params,
 * formatted when the schema is made: so the draft editor's schema is made per request
 * (staffQuoteForm(locale)).
 */
import { z } from "zod";
import { nativeDigits } from "~/lib/digits";
import { FORM_KEY } from "~/lib/forms";
import { formatDay, formatMoney } from "~/lib/format";
import { MANUAL_METHODS, PAYMENT_KINDS } from "~/lib/ledger";
import {
  isQuoteCurrency,
  maxUnitPriceMinor,
  parseAmount,
  parseUnitPrice,
  QUOTE_CURRENCIES,
} from "~/lib/money";
import { CATEGORIES, UNITS } from "~/lib/quote-view";
import { TEXT_MAX } from "~/lib/review";
import { addDays, endOfDay, parseDay } from "~/lib/schedule";
import { cleanLine, cleanText } from "~/lib/text";
import { needsDrawing, signatureFields } from "./consent";

/** How many existing lines the editor reads. */
export const MAX_LINES = 40;
/** The longest line or item name, reference and note. */
export const NAME_MAX = 200;
export const REFERENCE_MAX = 200;
export const NOTE_MAX = 1000;

const E = {
  invalid: "finance:errors.invalid",
  tooLong: "enquiry:errors.tooLong",
  name: "finance:staff.errors.name",
  quantity: "finance:staff.errors.quantity",
  price: "finance:staff.errors.price",
  discount: "finance:staff.errors.discount",
  deposit: "finance:staff.errors.deposit",
  days: "finance:staff.errors.days",
  date: "finance:staff.errors.date",
  currency: "finance:quoteErrors.currency",
  amount: "finance:errors.amount",
  amountFormat: "finance:errors.amountFormat",
  reference: "finance:errors.referenceRequired",
  reason: "finance:errors.reasonRequired",
  voidReason: "finance:errors.voidReasonRequired",
  terms: "finance:errors.termsRequired",
  question: "finance:errors.questionRequired",
} as const;

/** The key of a creating form (FormKey); the model spends it with the work. */
export const formKey = z.string().max(100).optional();
/** A record's id in a hidden field. */
export const recordId = z.string({ error: E.invalid }).min(1, E.invalid).max(64, E.invalid);
/** A ticked checkbox sends "on"; an unticked one sends nothing. */
export const checkbox = z
  .unknown()
  .optional()
  .transform((value) => value === "on");

/** A name on one line: required, at most NAME_MAX characters (longer is cut, as typed into a capped field). */
export const lineName = z
  .string({ error: E.name })
  .transform((value) => cleanLine(value).slice(0, NAME_MAX))
  .pipe(z.string({ error: E.name }).min(1, E.name));

/** A whole number from `min` to `max` (the message names them). */
export function wholeNumber(min: number, max: number, message: string, fallback?: string) {
  return nativeDigits(
    z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const text = typeof value === "string" && value.trim() !== "" ? value.trim() : fallback;
        const n = text === undefined ? NaN : Number(text);
        if (!Number.isInteger(n) || n < min || n > max) {
          ctx.addIssue({ code: "custom", message, params: { min, max } });
          return z.NEVER;
        }
        return n;
      }),
  );
}

/**
 * "20", "12.5" or "12,5" per cent as basis points (0 to 10,000), or null. The sign may be
 * typed after the number or before it, as Turkish writes it ("20%", "%20"; "٪" reads as "%").
 */
export function percentBp(value: string): number | null {
  const m = /^\s*%?\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(value);
  if (m && /%.*%/.test(value)) return null;
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}

/** A percentage from 0 to 100 as basis points; `fallback` when left empty. */
function percent(message: string, fallback?: string) {
  return nativeDigits(
    z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const text = typeof value === "string" && value.trim() !== "" ? value : fallback;
        const bp = text === undefined ? null : percentBp(text);
        if (bp === null) {
          ctx.addIssue({ code: "custom", message, params: { min: 0, max: 100 } });
          return z.NEVER;
        }
        return bp;
      }),
  );
}

/** A real calendar day (2026-02-30 is refused, not rolled over) from `today` to a year on. */
function validityDay(locale: string, today: string) {
  const last = addDays(today, 365);
  const params = { min: formatDay(today, locale), max: formatDay(last, locale) };
  return nativeDigits(
    z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const day = typeof value === "string" ? value.trim() : "";
        if (!parseDay(day) || day < today || day > last) {
          ctx.addIssue({ code: "custom", message: E.date, params });
          return z.NEVER;
        }
        return endOfDay(day);
      }),
  );
}

// ---------------------------------------------------------------- staff: the draft editor

const Line = z.object({
  priceItemId: z.string().max(64).optional().catch(undefined),
  itemKey: z.string().max(64).optional().catch(undefined),
  unitPriceBaseMinor: z.number().int().nonnegative().optional().catch(undefined),
  included: checkbox,
  name: lineName,
  category: z.enum(CATEGORIES).catch("OTHER"),
  unit: z.enum(UNITS).catch("ITEM"),
  quantity: wholeNumber(1, 999, E.quantity),
  /** Read in the quote's currency, with the draft (checkPrices). */
  unitPrice: nativeDigits(z.string().optional()),
  discount: percent(E.discount, "0"),
  taxRule: z.string().max(20).optional().catch(undefined),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** Existing lines, but not those ticked for removal. */
const lines = z
  .array(z.preprocess((l) => (isRecord(l) && l.remove === "on" ? null : l), Line.nullable()))
  .transform((all) => all.slice(0, MAX_LINES));

/** A "new" row (a line, a price item) that counts once a name is typed into it. */
export function whenNamed<S extends z.ZodType>(row: S) {
  return z.preprocess(
    (v) => (isRecord(v) && typeof v.name === "string" && v.name.trim() ? v : undefined),
    row.optional(),
  );
}

const newLine = whenNamed(Line);

/** Every typed unit price, read in the draft's currency, within 0 and maxUnitPriceMinor(). */
function checkPrices(locale: string) {
  return (draft: { currency?: unknown; lines?: unknown; new?: unknown }, ctx: z.RefinementCtx) => {
    const currency =
      typeof draft.currency === "string" && isQuoteCurrency(draft.currency)
        ? draft.currency
        : "EUR";
    const max = formatMoney(maxUnitPriceMinor(currency), currency, locale);
    const check = (line: unknown, path: (string | number)[]) => {
      if (!isRecord(line)) return;
      const typed = line.unitPrice;
      if (typeof typed !== "string" || parseUnitPrice(typed, currency) === null) {
        ctx.addIssue({
          code: "custom",
          path: [...path, "unitPrice"],
          message: E.price,
          params: { max },
        });
      }
    };
    if (Array.isArray(draft.lines)) draft.lines.forEach((l, i) => check(l, ["lines", i]));
    check(draft.new, ["new"]);
  };
}

type ParsedLine = z.output<typeof Line>;

function lineInput(l: ParsedLine, currency: string) {
  const price = parseUnitPrice(l.unitPrice ?? "", currency) ?? 0;
  return {
    priceItemId: l.priceItemId || null,
    itemKey: l.itemKey || null,
    category: l.category,
    unit: l.unit,
    name: l.name,
    included: l.included,
    quantity: l.quantity,
    unitPriceBaseMinor: l.unitPriceBaseMinor ?? price,
    unitPriceMinor: price,
    discountBp: l.discount,
    taxRule: l.taxRule ?? "",
  };
}

/** The draft editor, sent with "save" (intent draft) or "issue". */
function draftForm<I extends "draft" | "issue">(intent: I, locale: string, today: string) {
  return z
    .object({
      intent: z.literal(intent),
      [FORM_KEY]: formKey,
      quoteId: recordId,
      currency: z.enum(QUOTE_CURRENCIES, { error: E.currency }),
      validUntil: validityDay(locale, today),
      depositPercent: percent(E.deposit),
      balanceDueDays: wholeNumber(0, 180, E.days),
      note: z
        .string()
        .optional()
        .transform((v) => cleanText(v ?? "").slice(0, TEXT_MAX) || null),
      lines,
      new: newLine,
    })
    .superRefine(checkPrices(locale), { when: () => true })
    .transform((d) => ({
      intent: d.intent,
      [FORM_KEY]: d[FORM_KEY],
      quoteId: d.quoteId,
      input: {
        currency: d.currency,
        depositBp: d.depositPercent,
        balanceDueDays: d.balanceDueDays,
        validUntil: d.validUntil,
        note: d.note,
        lines: [...d.lines, d.new]
          .filter((l): l is ParsedLine => Boolean(l))
          .map((l) => lineInput(l, d.currency)),
      },
    }));
}

// ---------------------------------------------------------------- staff: the other forms

/**
 * The version the button starts: "start" again after issuing is the next version, not a
 * repeat of the first start (ADR 021). The model starts whatever comes next either way.
 */
export const StartForm = z.object({
  intent: z.literal("start"),
  version: z.string().max(6).optional(),
  [FORM_KEY]: formKey,
});

/** An amount typed in the form's currency (a hidden field): a number with its digits, above zero. */
function checkAmount(v: { currency?: unknown; amount?: unknown }, ctx: z.RefinementCtx) {
  const currency =
    typeof v.currency === "string" && /^[A-Z]{3}$/.test(v.currency) ? v.currency : null;
  const minor = currency && typeof v.amount === "string" ? parseAmount(v.amount, currency) : null;
  if (minor === null) ctx.addIssue({ code: "custom", path: ["amount"], message: E.amountFormat });
  else if (minor <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: E.amount });
}

const money = {
  currency: z.string({ error: E.invalid }).regex(/^[A-Z]{3}$/, E.invalid),
  amount: nativeDigits(z.string({ error: E.amountFormat })),
};

const withMinor = <T extends { amount: string; currency: string }>(v: T) => ({
  ...v,
  amountMinor: parseAmount(v.amount, v.currency) ?? 0,
});

/** Money that came in outside Stripe: each field says what is wrong with it. */
export const RecordForm = z
  .object({
    intent: z.literal("record"),
    [FORM_KEY]: formKey,
    ...money,
    kind: z.enum(PAYMENT_KINDS, { error: E.invalid }),
    method: z.enum(MANUAL_METHODS, { error: E.invalid }),
    reference: z
      .string({ error: E.reference })
      .transform(cleanLine)
      .pipe(z.string({ error: E.reference }).min(1, E.reference).max(REFERENCE_MAX, E.tooLong)),
    note: z
      .string()
      .optional()
      .transform((v) => cleanLine(v ?? "") || null)
      .pipe(z.string().max(NOTE_MAX, E.tooLong).nullable()),
  })
  .superRefine(checkAmount, { when: () => true })
  .transform(withMinor);

/** A full or partial refund of one payment. */
export const RefundForm = z
  .object({
    intent: z.literal("refund"),
    [FORM_KEY]: formKey,
    paymentId: recordId,
    ...money,
    reason: z
      .string({ error: E.reason })
      .transform(cleanLine)
      .pipe(z.string({ error: E.reason }).min(1, E.reason).max(NOTE_MAX, E.tooLong)),
    reference: z
      .string()
      .optional()
      .transform((v) => cleanLine(v ?? "") || null)
      .pipe(z.string().max(REFERENCE_MAX, E.tooLong).nullable()),
  })
  .superRefine(checkAmount, { when: () => true })
  .transform(withMinor);

/** Finance's one click: refund what a payment brought in beyond what was due. */
export const RefundExcessForm = z.object({
  intent: z.literal("refundExcess"),
  [FORM_KEY]: formKey,
  paymentId: recordId,
});

/** Void a manual payment recorded by mistake: the reason is required (it goes on the note). */
export const VoidForm = z.object({
  intent: z.literal("void"),
  [FORM_KEY]: formKey,
  paymentId: recordId,
  reason: z
    .string({ error: E.voidReason })
    .transform(cleanLine)
    .pipe(z.string({ error: E.voidReason }).min(1, E.voidReason).max(NOTE_MAX, E.tooLong)),
});

/** The id of a payment's refund, excess refund or void form on the staff quote page. */
export function paymentFormId(intent: "refund" | "refundExcess" | "void", paymentId: string) {
  return `${intent}-${paymentId}`;
}

/** The staff form a submission came from: its answer is shown there. */
export function staffFormId(payload: Record<string, unknown>): string {
  const intent = typeof payload.intent === "string" ? payload.intent : "";
  if (intent === "refund" || intent === "refundExcess" || intent === "void") {
    return paymentFormId(intent, String(payload.paymentId ?? ""));
  }
  return intent === "start" || intent === "record" ? intent : "draft";
}

/** Every form of the staff quote page, read in `locale` (the bounds its messages show). */
export function staffQuoteForm(locale: string, today = new Date().toISOString().slice(0, 10)) {
  return z.discriminatedUnion(
    "intent",
    [
      StartForm,
      draftForm("draft", locale, today),
      draftForm("issue", locale, today),
      RecordForm,
      RefundForm,
      RefundExcessForm,
      VoidForm,
    ],
    { error: E.invalid },
  );
}

export type StaffQuoteInput = z.output<ReturnType<typeof staffQuoteForm>>;

// ---------------------------------------------------------------- the patient

/** Accepting is signed (issue 25): the typed full name and a drawn or typed signature. */
export const AcceptForm = z
  .object({
    intent: z.literal("accept"),
    [FORM_KEY]: formKey,
    quoteId: recordId,
    terms: z.literal("yes", { error: E.terms }),
    ...signatureFields,
  })
  .superRefine(needsDrawing);

export const DeclineForm = z.object({
  intent: z.literal("decline"),
  [FORM_KEY]: formKey,
  quoteId: recordId,
  reason: z
    .string({ error: E.reason })
    .transform(cleanText)
    .pipe(z.string({ error: E.reason }).min(1, E.reason).max(TEXT_MAX, E.tooLong)),
});

export const QuestionForm = z.object({
  intent: z.literal("question"),
  [FORM_KEY]: formKey,
  body: z
    .string({ error: E.question })
    .transform(cleanText)
    .pipe(z.string({ error: E.question }).min(1, E.question).max(TEXT_MAX, E.tooLong)),
});

/**
 * The deposit by card. No form key: the checkout is idempotent by itself (one open Checkout
 * Session per amount due, which a second click or tab is given again).
 */
export const PayForm = z.object({ intent: z.literal("pay") });

/**
 * The patient's form a submission came from. Anything else, and every refusal that is not
 * about a field (the version expired or was replaced meanwhile, the card provider failed, the
 * form was sent twice), answers at the top of the page ("page"): the form itself may be gone
 * once the page shows the quote as it now is.
 */
export function patientFormId(payload: Record<string, unknown>): string {
  const intent = payload.intent;
  return intent === "accept" || intent === "decline" || intent === "question" ? intent : "page";
}

export const PatientQuoteForm = z.discriminatedUnion(
  "intent",
  [AcceptForm, DeclineForm, QuestionForm, PayForm],
  { error: E.invalid },
);
