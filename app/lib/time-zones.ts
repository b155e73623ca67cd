/**
 * The one time-zone check. A zone is valid when Intl lists it (IANA names such as
 * "Europe/Istanbul", plus "UTC"): every page, PDF and email formats times with Intl, so a
 * zone Intl cannot format must never be stored. Luxon alone is not the test: it also takes
 * fixed offsets such as "UTC+3", which Intl.DateTimeFormat refuses.
 */
let zones: Set<string> | undefined;

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 64) return false;
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return zones.has(value);
}

/** A stored zone, or UTC when it is not one Intl can format: rendering never fails on it. */
export function renderableZone(value: string | null | undefined): string {
  return isTimeZone(value) ? value : "UTC";
}
