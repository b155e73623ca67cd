/**
 * Countries and phone numbers, with libphonenumber's full metadata: a country code is one it
 * knows, and a number is valid when it is valid for its country (stored in E.164).
 */
import { getCountries, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

const COUNTRIES = new Set<string>(getCountries());

export function isCountry(value: unknown): value is CountryCode {
  return typeof value === "string" && COUNTRIES.has(value);
}

/** The number in E.164 when it is valid for the country, else null. */
export function toE164(phone: string, country: string): string | null {
  if (!isCountry(country)) return null;
  const number = parsePhoneNumberFromString(phone, country);
  return number?.isValid() ? number.number : null;
}

/** A stored E.164 number as people write it internationally ("+90 532 123 45 67"). */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
