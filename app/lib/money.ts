/**
 * Money arithmetic for quotes: integer minor units, exact rates, one rounding rule.
 *
 * The rounding rule (docs/decisions/011-money-and-quotes.md):
 *   every amount is rounded once, where it is computed, to the minor unit of its currency,
 *   half away from zero: a unit price converted to the patient's currency, a line's
 *   discount, a line's tax, the deposit. Totals are sums of rounded line amounts, never
 *   recomputed from unrounded values, so the lines always add up to the total.
 *
 * Exchange rates are decimal strings ("1.17345": units of the quote currency per unit of
 * the base currency) read as exact fractions; no binary floating point touches money.
 */
import { currencyDigits } from "./format";

/** The currencies a quote may be issued in. */
export const QUOTE_CURRENCIES = ["EUR", "USD", "GBP", "TRY", "SAR", "AED", "RUB"] as const;
export type QuoteCurrency = (typeof QUOTE_CURRENCIES)[number];

export function isQuoteCurrency(value: string): value is QuoteCurrency {
  return (QUOTE_CURRENCIES as readonly string[]).includes(value);
}

/** Tax rules, as basis points of the net amount. */
export const TAX_RULES = { EXEMPT: 0, VAT_10: 1000, VAT_20: 2000 } as const;
export type TaxRule = keyof typeof TAX_RULES;

export function isTaxRule(value: string): value is TaxRule {
  return Object.hasOwn(TAX_RULES, value);
}

const RATE = /^(\d{1,12})(?:\.(\d{1,10}))?$/;

/** An exchange rate as an exact fraction; throws on anything but a positive decimal. */
export function parseRate(rate: string): { num: bigint; den: bigint } {
  const m = RATE.exec(rate.trim());
  if (!m) throw new RangeError(`Not a decimal exchange rate: ${rate}`);
  const frac = m[2] ?? "";
  const num = BigInt(m[1]! + frac);
  if (num === 0n) throw new RangeError("An exchange rate must be greater than zero");
  return { num, den: 10n ** BigInt(frac.length) };
}

export function isRate(rate: string): boolean {
  try {
    parseRate(rate);
    return true;
  } catch {
    return false;
  }
}

/** num / den rounded to an integer, half away from zero. */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError("denominator must be positive");
  const negative = num < 0n;
  const n = negative ? -num : num;
  const q = n / den;
  const r = n % den;
  const rounded = r * 2n >= den ? q + 1n : q;
  return negative ? -rounded : rounded;
}

function toSafe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError("Amount out of range");
  }
  return Number(value);
}

/** An amount in `from` minor units, in `to` minor units at `rate` (to per one from). */
export function convertMinor(amountMinor: number, from: string, to: string, rate: string): number {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError("Amounts are integer minor units");
  if (from === to && rate === "1") return amountMinor;
  const { num, den } = parseRate(rate);
  const scaleFrom = 10n ** BigInt(currencyDigits(from));
  const scaleTo = 10n ** BigInt(currencyDigits(to));
  return toSafe(roundDiv(BigInt(amountMinor) * num * scaleTo, den * scaleFrom));
}

/** `basisPoints` / 10,000 of an amount, rounded by the rule. */
export function share(amountMinor: number, basisPoints: number): number {
  return toSafe(roundDiv(BigInt(amountMinor) * BigInt(basisPoints), 10_000n));
}

export interface LineInput {
  quantity: number;
  /** In the quote's currency. */
  unitPriceMinor: number;
  /** 0 to 10,000 (100 %). */
  discountBp: number;
  taxRule: TaxRule;
}

export interface LineAmounts {
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export function lineAmounts(line: LineInput): LineAmounts {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) {
    throw new RangeError("Quantity must be a whole number");
  }
  if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0) {
    throw new RangeError("Unit price must be whole minor units");
  }
  if (!Number.isInteger(line.discountBp) || line.discountBp < 0 || line.discountBp > 10_000) {
    throw new RangeError("Discount must be between 0 and 100 %");
  }
  const grossMinor = toSafe(BigInt(line.quantity) * BigInt(line.unitPriceMinor));
  const discountMinor = share(grossMinor, line.discountBp);
  const netMinor = grossMinor - discountMinor;
  const taxMinor = share(netMinor, TAX_RULES[line.taxRule]);
  return { grossMinor, discountMinor, netMinor, taxMinor, totalMinor: netMinor + taxMinor };
}

export interface Totals {
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** Sums of the lines' rounded amounts: the lines always add up to the total. */
export function sumLines(lines: readonly LineAmounts[]): Totals {
  const t: Totals = { grossMinor: 0, discountMinor: 0, netMinor: 0, taxMinor: 0, totalMinor: 0 };
  for (const l of lines) {
    t.grossMinor += l.grossMinor;
    t.discountMinor += l.discountMinor;
    t.netMinor += l.netMinor;
    t.taxMinor += l.taxMinor;
    t.totalMinor += l.totalMinor;
  }
  if (!Number.isSafeInteger(t.totalMinor)) throw new RangeError("Total out of range");
  return t;
}

/** A decimal amount typed by a person ("1 250,50", "1250.5") in minor units, or null. */
/**
 * The largest unit price a quote line may carry, in major units: its minor units fit the
 * database's 32-bit integer columns even in a three-digit currency (PostgreSQL's `integer`;
 * SQLite's are wider, which hid a larger bound).
 */
export const MAX_UNIT_PRICE_MAJOR = 1_000_000;

/** The largest amount a money column holds, in minor units (PostgreSQL `integer`). */
export const MAX_STORED_MINOR = 2_147_483_647;

export function maxUnitPriceMinor(currency: string): number {
  return MAX_UNIT_PRICE_MAJOR * 10 ** currencyDigits(currency);
}

/** A unit price as typed, within 0 and maxUnitPriceMinor(); null when it is not one. */
export function parseUnitPrice(input: string, currency: string): number | null {
  const minor = parseAmount(input, currency);
  return minor !== null && minor <= maxUnitPriceMinor(currency) ? minor : null;
}

export function parseAmount(input: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const cleaned = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  // Accept one decimal separator, "." or ",", with at most the currency's digits after it.
  const m = /^(\d{1,12})(?:[.,](\d+))?$/.exec(cleaned);
  if (!m) return null;
  const frac = m[2] ?? "";
  if (frac.length > digits) return null;
  return Number(m[1]! + frac.padEnd(digits, "0"));
}

/** Minor units as a plain decimal string for form fields ("1250.50"), no grouping. */
export function minorToInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
