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
