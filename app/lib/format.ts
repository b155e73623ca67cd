/**
 * Locale-aware formatting through Intl. Every date, number and amount shown goes through here.
 * Building an Intl formatter costs far more than using one (a pipeline page formats hundreds of
 * dates), so each is built once per locale, zone and style and then reused.
 */

import { renderableZone } from "./time-zones";
import { ZONE_CITIES } from "./zone-cities.generated";

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat;
const formatters = new Map<string, Formatter>();

/** What a date that is no date shows, instead of failing the page. */
const NO_DATE = "—";

function isValidDate(value: Date | string): boolean {
  return !Number.isNaN(new Date(value).getTime());
}

function cached<F extends Formatter>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    // A bound on what a server could accumulate from unusual locale and zone pairs.
    if (formatters.size > 2000) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDateTime(
  value: Date | string,
  locale: string,
  timeZone: string,
  style: "short" | "medium" | "long" | "full" = "medium",
): string {
  if (!isValidDate(value)) return NO_DATE;
  const zone = renderableZone(timeZone);
  const parts = cached(
    `dt|${locale}|${zone}|${style}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeStyle: "short", timeZone: zone }),
  ).formatToParts(new Date(value));
  // One formatter, date and time in the locale's own pattern. CLDR's short and full patterns
  // for Persian still carry a Latin ", " ("۱۴۰۵/۹/۵, ۶:۳۶") where the language's medium pattern
  // uses its own comma ("،"): in such a language every pattern comma becomes the language's.
  // Only the comma itself is swapped: Russian's medium glue is " г., ", which must not spread.
  const comma = dateTimeGlue(locale).includes("،") ? "، " : null;
  return (
    parts
      .map((p) => (p.type === "literal" && comma ? p.value.replace(/, /g, comma) : p.value))
      .join("")
      // As format() does in V8: the narrow no-break space before "AM" becomes a plain space.
      .replace(/\u202f/g, " ")
  );
}

/** The text between date and time in the locale's medium pattern: ", " in English, "، " in Persian. */
function dateTimeGlue(locale: string): string {
  const parts = cached(
    `dtg|${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
  ).formatToParts(new Date(Date.UTC(2026, 0, 15, 10, 30)));
  const hour = parts.findIndex((p) => p.type === "hour");
  const before = parts[hour - 1];
  return before?.type === "literal" ? before.value : ", ";
}

export function formatDate(value: Date | string, locale: string, timeZone: string): string {
  if (!isValidDate(value)) return NO_DATE;
  const zone = renderableZone(timeZone);
  return cached(
    `d|${locale}|${zone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: zone }),
  ).format(new Date(value));
}

/**
 * A date-only value: a calendar day with no time of day (a quote's last valid day, a passport's
 * expiry, a date of birth). Such a day is stored as an instant on that day in UTC (midnight, or
 * its last second for "valid until"), so it is read back in UTC: the same calendar day for every
 * reader, whatever their zone. Never format a date-only value with formatDate(…, zone).
 */
export function formatDay(value: Date | string, locale: string): string {
  return formatDate(value, locale, "UTC");
}

/** Day and month only, for chart axes: "12 Mar", "١٢ مارس". */
export function formatDayMonth(value: Date | string, locale: string, timeZone: string): string {
  if (!isValidDate(value)) return NO_DATE;
  const zone = renderableZone(timeZone);
  return cached(
    `dm|${locale}|${zone}`,
    () => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: zone }),
  ).format(new Date(value));
}

/** A calendar month ("2026-03") as "Mar 2026" in the reader's language. */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return cached(
    `m|${locale}`,
    () => new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }),
  ).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A year, in the reader's digits and never grouped ("2019", "٢٠١٩"). */
export function formatYear(year: number, locale: string): string {
  return cached(`y|${locale}`, () => new Intl.NumberFormat(locale, { useGrouping: false })).format(
    year,
  );
}

/**
 * A list of labels in the reader's language: "joints, skin and lungs", "مفاصل،‏ پوست و ریه".
 * Every list shown to a reader is joined here, never with a hand-written ", ".
 */
export function formatList(items: string[], locale: string): string {
  return cached(`l|${locale}`, () => new Intl.ListFormat(locale, { type: "conjunction" })).format(
    items,
  );
}

/**
 * An exchange rate as kept (a decimal string, "0.8420") in the reader's digits and decimal
 * sign, with exactly its own decimals: "0,8420" in Turkish, "۰٫۸۴۲۰" in Persian.
 */
export function formatRate(rate: string, locale: string): string {
  const value = Number(rate);
  if (!Number.isFinite(value)) return rate;
  const decimals = Math.min((rate.split(".")[1] ?? "").length, 20);
  return cached(
    `r|${locale}|${decimals}`,
    () =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
        useGrouping: false,
      }),
  ).format(value);
}

export function formatNumber(value: number, locale: string): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/**
 * A span of minutes as hours in the reader's words ("24 hours", "24 ساعة", "۲۴ ساعت"): a
 * travel rule's gap or stay, which admins set in hours.
 */
export function formatHours(minutes: number, locale: string): string {
  return cached(
    `h|${locale}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "unit",
        unit: "hour",
        unitDisplay: "long",
        maximumFractionDigits: 1,
      }),
  ).format(minutes / 60);
}

/** Minor units per currency, from Intl (JPY 0, EUR 2, KWD 3 …). */
export function currencyDigits(currency: string): number {
  return (
    cached(
      `c|en|${currency}`,
      () => new Intl.NumberFormat("en", { style: "currency", currency }),
    ).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Money is integer minor units plus ISO 4217; this is the only place it becomes a decimal. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return cached(
    `c|${locale}|${currency}`,
    () => new Intl.NumberFormat(locale, { style: "currency", currency }),
  ).format(minor / 10 ** digits);
}

/**
 * A value set into a sentence of another direction, isolated (FSI … PDI): a date, a time, a
 * name or an amount inside an Arabic or Persian sentence keeps its own order instead of being
 * read backwards with the words around it. For plain text (messages, lists joined as text);
 * in markup, <bdi> does the same.
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

/**
 * The city of a zone id in the reader's language, from the Unicode CLDR ("Europe/Istanbul" →
 * "إسطنبول" in Arabic, "Стамбул" in Russian), else from the id's last segment:
 * "America/Argentina/Buenos_Aires" → "Buenos Aires".
 */
export function zoneCity(timeZone: string, locale = "en"): string {
  const zone = renderableZone(timeZone);
  if (zone === "UTC" || zone.startsWith("Etc/")) return "UTC";
  const language = locale.split("-")[0] ?? "en";
  return ZONE_CITIES[language]?.[zone] ?? (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

/** ASCII digits in the locale's own digits ("+3" stays in English, becomes "+۳" in Persian). */
function localDigits(text: string, locale: string): string {
  const zero = formatNumber(0, locale);
  if (zero === "0") return text;
  const base = zero.codePointAt(0) ?? 48;
  return text.replace(/[0-9]/g, (d) => String.fromCodePoint(base + Number(d)));
}

/**
 * A time zone's two parts as a reader sees them: its city in the reader's language ("Istanbul",
 * "إسطنبول"; "UTC" for UTC) and its offset in force at `at` (summer time moves it), written by
 * Intl in the reader's language and digits ("GMT+3", "غرينتش+3", "‎+۳:۳۰ گرینویچ"); null for
 * UTC. Never a zone id.
 */
export function zoneParts(
  timeZone: string,
  locale: string,
  at: Date | string = new Date(),
): { city: string; offset: string | null } {
  const zone = renderableZone(timeZone);
  const city = zoneCity(zone, locale);
  if (city === "UTC") return { city, offset: null };
  const when = isValidDate(at) ? new Date(at) : new Date();
  const offset = cached(
    `tz|${locale}|${zone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" }),
  )
    .formatToParts(when)
    .find((p) => p.type === "timeZoneName")?.value;
  return { city, offset: offset ? localDigits(offset, locale) : null };
}

/**
 * A time zone as a reader sees it: "Istanbul (GMT+3)", "Berlin (GMT+1)", "Tehran (‎+۳:۳۰ گرینویچ)".
 * Never show a zone id such as "Europe/Istanbul". The offset is the one in force at `at`
 * (summer time moves it), written by Intl in the reader's language and digits.
 */
export function formatZone(
  timeZone: string,
  locale: string,
  at: Date | string = new Date(),
): string {
  const { city, offset } = zoneParts(timeZone, locale, at);
  return offset ? `${city} (${offset})` : city;
}

/**
 * A time of day in the reader's locale and `timeZone` ("1:00 PM", "13:00", "١:٠٠ م"): the time
 * part of formatDateTime, so a time alone reads as it does beside a date.
 */
export function formatTime(value: Date | string, locale: string, timeZone: string): string {
  if (!isValidDate(value)) return NO_DATE;
  const zone = renderableZone(timeZone);
  return cached(
    `t|${locale}|${zone}`,
    () => new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: zone }),
  )
    .format(new Date(value))
    .replace(/\u202f/g, " ");
}

/** A wall-clock time given as minutes after midnight (a calendar's rows), as formatTime writes it. */
export function formatClockTime(minute: number, locale: string): string {
  const m = ((Math.round(minute) % 1440) + 1440) % 1440;
  return formatTime(new Date(Date.UTC(2000, 0, 1, Math.floor(m / 60), m % 60)), locale, "UTC");
}
