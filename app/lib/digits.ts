/**
 * Native digits are accepted (product standard): every number, amount and date a form reads
 * goes through `normalizeDigits`, which turns Arabic-Indic (U+0660–0669) and Persian
 * (U+06F0–06F9) digits into ASCII ones, the Arabic decimal separator "٫" into ".", the Arabic
 * percent sign "٪" into "%" and the minus sign "−" (U+2212, as Intl writes it in Persian) into
 * "-", and drops the Arabic thousands separator "٬" and the direction marks Intl puts around
 * numbers in Arabic and Persian (LRM, RLM, ALM), which come along when a figure is copied.
 *
 * It reaches every form in two ways, both at the schema level:
 * - a field typed as a number or a date in its schema (z.number(), z.date()) is converted by
 *   the form gate's coercion (app/infra/forms.server.ts, `coerceForm`), which reads through here;
 * - a field that reads its own text (a year, a dose, an amount, a day, a time) is wrapped in
 *   `nativeDigits` (or normalises in its own transform).
 * app/forms/native-digits.test.ts walks every field of every form schema and fails for one that
 * refuses native digits. Pure, shared by the server and the browser.
 */
import { z } from "zod";

const ARABIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** The characters normalizeDigits rewrites: both digit sets, the Arabic signs, minus, marks. */
const NATIVE = /[\u0660-\u0669\u06f0-\u06f9\u066a-\u066c\u2212\u200e\u200f\u061c]/g;

/** "١٢٣٫٥", "۱۲۳", "٢٠٪", "‎−۵" → "123.5", "123", "20%", "-5"; anything else is left as it is. */
export function normalizeDigits(value: string): string {
  return value.replace(NATIVE, (c) => {
    const code = c.charCodeAt(0);
    switch (code) {
      case 0x066a:
        return "%";
      case 0x066b:
        return ".";
      case 0x2212:
        return "-";
      case 0x066c:
      case 0x200e:
      case 0x200f:
      case 0x061c:
        return "";
      default:
        return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_ZERO));
    }
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
