/**
 * Country and time-zone options for forms, named in the reader's language by Intl and
 * sorted by that language's collation. Built on the server so the page and its hydration
 * use the same list.
 */
import { getCountries, getCountryCallingCode } from "libphonenumber-js/max";

export interface CountryOption {
  code: string;
  name: string;
  dial: string;
}

const cache = new Map<string, CountryOption[]>();

export function countryOptions(locale: string): CountryOption[] {
  let list = cache.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    const collator = new Intl.Collator(locale);
    list = getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code, dial: getCountryCallingCode(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    cache.set(locale, list);
  }
  return list;
}

let zones: string[] | undefined;
export function timeZoneOptions(): string[] {
  zones ??= [...Intl.supportedValuesOf("timeZone"), "UTC"];
  return zones;
}

/** A region from Accept-Language ("ar-SA" gives SA), to preselect the country fields. */
export function regionFromAcceptLanguage(header: string | null): string | null {
  const codes = new Set<string>(getCountries());
  for (const part of (header ?? "").split(",")) {
    const region = part.trim().split(";")[0]?.split("-")[1]?.toUpperCase();
    if (region && codes.has(region)) return region;
  }
  return null;
}
