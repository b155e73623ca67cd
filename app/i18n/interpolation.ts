/**
 * How every i18next instance (server, browser, emails and PDFs through getFixedT) fills in
 * `{{placeholders}}`. Every number interpolated into a sentence is formatted with
 * Intl.NumberFormat for the sentence's language, so "at most {{max}} steps" reads "۲۰" in
 * Persian and "20" in English without each caller remembering to format it. A year is written
 * `{{min, year}}`: the same digits, never grouped ("۱۹۴۰", not "۱٬۹۴۰").
 */
import type { InterpolationOptions } from "i18next";
import { formatNumber, formatYear } from "~/lib/format";
import { DEFAULT_LOCALE } from "./config";

export function formatInterpolated(
  value: unknown,
  format: string | undefined,
  lng: string | undefined,
): unknown {
  if (typeof value === "number" && Number.isFinite(value)) {
    if (format === "year") return formatYear(value, lng ?? DEFAULT_LOCALE);
    return formatNumber(value, lng ?? DEFAULT_LOCALE);
  }
  if (typeof value === "bigint") return formatNumber(Number(value), lng ?? DEFAULT_LOCALE);
  return value;
}

export const interpolation: InterpolationOptions = {
  escapeValue: false,
  alwaysFormat: true,
  // i18next passes (value, format, lng, options); the result is what the sentence shows.
  format: formatInterpolated as NonNullable<InterpolationOptions["format"]>,
};
