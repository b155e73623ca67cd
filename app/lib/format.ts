/** Locale-aware formatting through Intl. Every date, number and amount shown goes through here. */

export function formatDateTime(
  value: Date | string,
  locale: string,
  timeZone: string,
  style: "short" | "medium" | "long" | "full" = "medium",
): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: style,
    timeStyle: "short",
    timeZone,
  }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(value));
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Minor units per currency, from Intl (JPY 0, EUR 2, KWD 3 …). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** Money is integer minor units plus ISO 4217; this is the only place it becomes a decimal. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    minor / 10 ** digits,
  );
}
