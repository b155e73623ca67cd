/**
 * How a quote version reads to people: line labels, and what changed from one version to the
 * next. Client-safe and pure, shared by the portal, the staff builder and the PDF.
 */

/** Price-list categories and units (PriceItem.category, PriceItem.unit). */
export const CATEGORIES = [
  "WORKUP",
  "CELLS",
  "INFUSION",
  "HOSPITAL",
  "HOTEL",
  "TRANSFER",
  "INTERPRETER",
  "COMPANION",
  "AFTERCARE",
  /** The clinic's own complication cover (issue 25) and any other insurance sold. */
  "INSURANCE",
  "OTHER",
] as const;
export const UNITS = ["ITEM", "NIGHT", "DAY", "PERSON"] as const;

/** The paragraphs of the cancellation and refund terms: finance:terms.<termsVersion>.<key>. */
export const TERM_KEYS = [
  "deposit",
  "cancel30",
  "cancel14",
  "cancelLate",
  "medical",
  "refundTime",
] as const;

export interface ViewLine {
  itemKey: string | null;
  category: string;
  /** The English name; `translations` its other languages (ADR 024, app/lib/catalogue-text.ts). */
  name: string;
  translations?: string;
  unit: string;
  included: boolean;
  quantity: number;
  unitPriceMinor: number;
  discountBp: number;
  taxRule: string;
  totalMinor: number;
}

export interface ViewVersion {
  version: number;
  currency: string;
  totalMinor: number;
  depositMinor: number;
  balanceDueDays: number;
  validUntil: Date | string | null;
  lines: ViewLine[];
}

/** A line is matched across versions by its price-list key, or by its name when typed by hand. */
const identity = (l: ViewLine) => l.itemKey ?? `name:${l.name.trim().toLowerCase()}`;

export type LineChange =
  | { kind: "added"; line: ViewLine }
  | { kind: "removed"; line: ViewLine }
  | { kind: "included" | "excluded"; line: ViewLine }
  | {
      kind: "changed";
      line: ViewLine;
      before: ViewLine;
      fields: ("quantity" | "unitPrice" | "discount" | "tax")[];
    };

export interface VersionDiff {
  from: number;
  to: number;
  lines: LineChange[];
  total: { before: number; after: number } | null;
  deposit: { before: number; after: number } | null;
  currency: { before: string; after: string } | null;
  balanceDueDays: { before: number; after: number } | null;
}

export function diffVersions(before: ViewVersion, after: ViewVersion): VersionDiff {
  const old = new Map(before.lines.map((l) => [identity(l), l]));
  const lines: LineChange[] = [];
  const seen = new Set<string>();
  for (const line of after.lines) {
    const id = identity(line);
    seen.add(id);
    const prior = old.get(id);
    if (!prior) {
      lines.push({ kind: "added", line });
      continue;
    }
    if (prior.included !== line.included) {
      lines.push({ kind: line.included ? "included" : "excluded", line });
      continue;
    }
    const fields: ("quantity" | "unitPrice" | "discount" | "tax")[] = [];
    if (prior.quantity !== line.quantity) fields.push("quantity");
    // Prices compare only within one currency; a currency change is reported once, below.
    if (before.currency === after.currency && prior.unitPriceMinor !== line.unitPriceMinor) {
      fields.push("unitPrice");
    }
    if (prior.discountBp !== line.discountBp) fields.push("discount");
    if (prior.taxRule !== line.taxRule) fields.push("tax");
    if (fields.length) lines.push({ kind: "changed", line, before: prior, fields });
  }
  for (const line of before.lines) {
    if (!seen.has(identity(line))) lines.push({ kind: "removed", line });
  }
  const pair = <T>(a: T, b: T) => (a === b ? null : { before: a, after: b });
  return {
    from: before.version,
    to: after.version,
    lines,
    total: pair(before.totalMinor, after.totalMinor),
    deposit: pair(before.depositMinor, after.depositMinor),
    currency: pair(before.currency, after.currency),
    balanceDueDays: pair(before.balanceDueDays, after.balanceDueDays),
  };
}

export function hasChanges(diff: VersionDiff): boolean {
  return Boolean(
    diff.lines.length || diff.total || diff.deposit || diff.currency || diff.balanceDueDays,
  );
}

/** Discounts are basis points; shown as a percentage with up to two decimals. */
export function percent(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    bp / 10_000,
  );
}
