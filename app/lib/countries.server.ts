/**
 * Country and time-zone options for forms, named in the reader's language by Intl and
 * sorted by that language's collation. Built on the server so the page and its hydration
 * use the same list.
 */
import { getCountries, getCountryCallingCode } from "libphonenumber-js/max";
import { formatZone } from "./format";

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

export interface ZoneOption {
  value: string;
  /** "Istanbul (GMT+3)": never the bare zone id. */
  label: string;
}

let zones: string[] | undefined;
const zoneOptions = new Map<string, ZoneOption[]>();
/** Every zone Intl knows, labelled by city and current offset in the reader's language. */
export function timeZoneOptions(locale: string): ZoneOption[] {
  zones ??= [...Intl.supportedValuesOf("timeZone"), "UTC"];
  const day = new Date().toISOString().slice(0, 10); // offsets move with summer time
  const key = `${locale}|${day}`;
  let options = zoneOptions.get(key);
  if (!options) {
    const collator = new Intl.Collator(locale);
    options = zones
      .map((value) => ({ value, label: formatZone(value, locale) }))
      .sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.value, b.value));
    if (zoneOptions.size > 50) zoneOptions.clear();
    zoneOptions.set(key, options);
  }
  return options;
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
