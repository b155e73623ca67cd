/**
 * How an audit row reads on a screen: a translated label for its action code, and its detail
 * (written by the models as short machine text) with stage names, reasons and amounts in the
 * reader's language. The code and the raw detail stay in the database as written.
 */
import type { TFunction } from "i18next";
import { formatList, formatMoney } from "./format";
import { isNotEligibleReason } from "./review";

/** "case.stage_change" → "audit.actions.case_stage_change" (i18next keys cannot hold dots). */
export function auditActionKey(action: string): string {
  return `audit.actions.${action.replace(/[.-]/g, "_")}`;
}

export function auditActionLabel(t: TFunction, action: string): string {
  return t(auditActionKey(action), { defaultValue: action });
}

const MONEY = /^(\d+) ([A-Z]{3})$/;

/** The detail of a row, readable: the known shapes translated, anything else as written. */
export function auditDetailText(
  t: TFunction,
  action: string,
  detail: string | null,
  locale: string,
): string {
  if (!detail) return "";
  const change = beforeAfterText(t, detail, locale);
  if (change !== null) return change;
  const stage = (s: string) => t(`stages:stage.${s}`, { defaultValue: s });
  const money = (minor: string, currency: string) => formatMoney(Number(minor), currency, locale);
  let m: RegExpMatchArray | null;
  // "QUOTE_ACCEPTED -> DEPOSIT_PAID", or with why it was refused: "… -> …: GUARD failure".
  if ((m = detail.match(/^([A-Z_]+) -> ([A-Z_]+)(: .*)?$/)))
    return `${stage(m[1]!)} → ${stage(m[2]!)}${m[3] ?? ""}`;
  if (action === "payment.record" && (m = detail.match(/^(\S*) ([A-Z_]+) (\d+) ([A-Z]{3})$/)))
    return [m[1], t(`finance:method.${m[2]}`, { defaultValue: m[2] }), money(m[3]!, m[4]!)]
      .filter(Boolean)
      .join(" · ");
  if (action === "payment.refund" && (m = detail.match(/^(\d+) ([A-Z]{3}) of (.+)$/)))
    return `${money(m[1]!, m[2]!)} · ${m[3]}`;
  // "RC-… by CN-…: 10000 GBP | reason" (rows written before the reason was kept lack it).
  if (
    action === "payment.void" &&
    (m = detail.match(/^(\S+) by (\S+): (\d+) ([A-Z]{3})(?: \| ([\s\S]*))?$/))
  ) {
    const voided = t("audit.details.void", {
      receipt: m[1],
      note: m[2],
      amount: money(m[3]!, m[4]!),
    });
    return m[5] ? `${voided} · ${t("audit.details.reason", { reason: m[5] })}` : voided;
  }
  if (action === "quote.issue" && (m = detail.match(/^v(\d+) (\d+) ([A-Z]{3}) @ .*$/)))
    return t("portal:sections.quoteLine", { version: Number(m[1]), total: money(m[2]!, m[3]!) });
  if (action === "case.eligibility") {
    const [decision, reason] = detail.split(" ");
    if (decision === "ELIGIBLE" || decision === "NOT_ELIGIBLE")
      return [
        t(`eligibility.${decision}`),
        reason && isNotEligibleReason(reason) ? t(`review.reason.${reason}`) : reason,
      ]
        .filter(Boolean)
        .join(": ");
  }
  if (action === "case.info_request" && /^[A-Z_,]+$/.test(detail))
    return formatList(
      detail
        .split(",")
        .filter(Boolean)
        .map((k) => t(`review.info.${k}`, { defaultValue: k })),
      locale,
    );
  if (MONEY.test(detail)) return money(...(detail.match(MONEY)!.slice(1, 3) as [string, string]));
  return detail;
}

/**
 * Kinds of change, for the audit page's filter, read from the start of the action code. The
 * first kind whose prefix an action starts with is its kind (so "case.view", a read of health
 * data, is not case work); an action no kind names is "other". The database filters with the
 * same rule (app/models/reports/audit-log.server.ts), so the page and the filter agree.
 */
export const AUDIT_KINDS = {
  /** Reads of health data: a case, its documents, lists and exports. */
  health: [
    "case.view",
    "cases.list",
    "review.list",
    "aftercare.read",
    "document.download",
    "document.view",
    "schedule.read",
    "travel.read",
    "data.export",
    "itinerary.download",
    "visaLetter.download",
  ],
  /** Sign-ins, second factors, one's own sessions, refused access, looking at the log. */
  access: [
    "access.",
    "portal.denied",
    "audit.view",
    "login.",
    "auth.",
    "totp.",
    "password.",
    "recovery.",
    "account.",
    "staff.recovery-code.",
    "staff.two-factor.",
    "staff.password.",
    "staff.invitation.accepted",
  ],
  /** Staff accounts, the clinic, the catalogue, questionnaires and outcome measures, emails. */
  admin: [
    "staff.",
    "site.",
    "clinic.",
    "catalogue.",
    "questionnaire.",
    "outcomes.",
    "programme.",
    "resource.names.",
    "price.names.",
    "outbox.",
    "erasure.",
    "retention.",
  ],
  /** Quotes, payments, prices, exchange rates, finance reports. */
  money: ["payment.", "quote.", "price.", "rate.", "reports.", "finance.", "receipt."],
  /** The work on a case: stages, decisions, bookings, travel documents, aftercare. */
  cases: [
    "case.",
    "passport.",
    "appointment.",
    "aftercare.",
    "itinerary.",
    "travel.",
    "document.",
    "schedule.",
    "resource.",
  ],
} as const satisfies Record<string, readonly string[]>;

export type AuditKind = keyof typeof AUDIT_KINDS | "other";
export const AUDIT_KIND_NAMES = [...(Object.keys(AUDIT_KINDS) as AuditKind[]), "other"] as const;

export function auditKindOf(action: string): AuditKind {
  for (const [kind, prefixes] of Object.entries(AUDIT_KINDS)) {
    if (prefixes.some((p) => action.startsWith(p))) return kind as AuditKind;
  }
  return "other";
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One value of a before/after detail, in the reader's words. */
function valueText(t: TFunction, key: string, value: Json | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return t(value ? "audit.yes" : "audit.no");
  if (key === "role" && typeof value === "string")
    return t(`roles.${value}`, { defaultValue: value });
  if (key === "locale" && typeof value === "string") return value;
  if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * A change written as JSON {before, after} (the admin's changes): "Role: Coordinator →
 * Administrator · Active: yes → no", each field once, unchanged ones as their value. Null when
 * the detail is not such a change.
 */
export function beforeAfterText(t: TFunction, detail: string, locale: string): string | null {
  if (!detail.startsWith("{")) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || !("before" in parsed) || !("after" in parsed)) {
    return null;
  }
  const { before, after } = parsed as { before: Json; after: Json };
  const asObject = (v: Json) =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Json>) : {};
  const b = asObject(before);
  const a = asObject(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .map((key) => {
      const label = t(`audit.fields.${key}`, { defaultValue: key });
      const from = key in b ? valueText(t, key, b[key], locale) : null;
      const to = key in a ? valueText(t, key, a[key], locale) : null;
      if (from === null) return `${label}: ${to}`;
      if (to === null || from === to) return `${label}: ${from}`;
      return `${label}: ${from} → ${to}`;
    })
    .join(" · ");
}
