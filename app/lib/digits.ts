/**
 * Native digits are accepted (product standard): every number, amount and date a form reads
 * goes through `nativeDigits` (app/forms), which turns Arabic-Indic (U+0660–0669) and Persian
 * (U+06F0–06F9) digits into ASCII ones, the Arabic decimal separator "٫" into "." and drops the
 * Arabic thousands separator "٬". Pure, shared by the server and the browser.
 */
import { z } from "zod";

const ARABIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** "١٢٣٫٥", "۱۲۳" → "123.5", "123"; anything else is left as it is. */
export function normalizeDigits(value: string): string {
  return value.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x066b) return ".";
    if (code === 0x066c) return "";
    return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_ZERO));
  });
}

/** A posted value with its strings' digits made ASCII (nested answers included). */
function normalizeValue(value: unknown): unknown {
  if (typeof value === "string") return normalizeDigits(value);
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeValue(v)]));
  }
  return value;
}

/**
 * The one zod preprocessor for a numeric or date field (or a group of numeric answers): native
 * digits and separators become ASCII before the field's own schema reads it.
 */
export function nativeDigits<S extends z.ZodType>(schema: S) {
  return z.preprocess(normalizeValue, schema);
}
