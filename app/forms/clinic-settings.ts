/**
 * The clinic settings form (staff.clinic, issue 23): time zone, base currency and the
 * currencies a quote may be issued in, the bank account patients pay into, and whether to
 * remove the letterhead logo (a new logo is a file, checked by content in the action); and, in
 * its own form, how long before each kind of appointment the patient is reminded.
 * Messages are translation keys (site namespace).
 */
import { z } from "zod";
import { nativeDigits } from "~/lib/digits";
import { QUOTE_CURRENCIES } from "~/lib/money";
import {
  parseHours,
  REMINDER_MAX_COUNT,
  REMINDER_MAX_MINUTES,
  REMINDER_MIN_MINUTES,
  type AppointmentKind,
} from "~/lib/reminder-rules";
import { cleanLine } from "~/lib/text";
import { isTimeZone } from "~/lib/time-zones";
import { checkbox } from "./quote";

const E = {
  required: "site:settings.errors.required",
  tooLong: "site:settings.errors.tooLong",
  zone: "site:settings.errors.zone",
  currency: "site:settings.errors.currency",
  iban: "site:settings.errors.iban",
  bic: "site:settings.errors.bic",
} as const;

/** The largest letterhead logo accepted. */
export const LOGO_MAX_BYTES = 512 * 1024;

/** ISO 13616: two letters, two check digits, up to 30 letters and digits; mod 97 leaves 1. */
export function isIban(value: string): boolean {
  const iban = value.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const n = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of n) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** ISO 9362: bank (4 letters), country (2), location (2), branch (3, optional). */
export function isBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value);
}

const line = (max: number) =>
  z
    .string({ error: E.required })
    .transform(cleanLine)
    .pipe(z.string({ error: E.required }).min(1, E.required).max(max, E.tooLong));

const currency = z.enum(QUOTE_CURRENCIES, { error: E.currency });

export const ClinicSettingsForm = z.object({
  intent: z.literal("settings"),
  timeZone: z
    .string({ error: E.zone })
    .transform((v) => v.trim())
    .refine(isTimeZone, E.zone),
  baseCurrency: currency,
  quoteCurrencies: z
    .array(currency, { error: E.currency })
    .optional()
    .transform((list) => list ?? []),
  bankName: z
    .string()
    .optional()
    .transform((v) => cleanLine(v ?? ""))
    .refine((v) => v.length <= 120, { message: E.tooLong, params: { max: 120 } }),
  bankAccountName: line(140),
  // Typed from a bank letter, maybe on an Arabic or Persian keyboard: its digits read as ASCII.
  bankIban: nativeDigits(
    z
      .string({ error: E.iban })
      .transform((v) => v.replace(/\s+/g, "").toUpperCase())
      .refine(isIban, E.iban),
  ),
  bankBic: nativeDigits(
    z
      .string({ error: E.bic })
      .transform((v) => v.replace(/\s+/g, "").toUpperCase())
      .refine(isBic, { message: E.bic, params: { example: "TGBATRISXXX" } }),
  ),
  removeLogo: checkbox,
  /** The logo is a file: the action reads and checks it; this names the field for its errors. */
  logo: z.unknown().optional(),
});

export type ClinicSettingsInput = z.output<typeof ClinicSettingsForm>;

/**
 * Hours before an appointment its reminders go, one field per appointment kind ("24, 2";
 * native digits and the Arabic comma read as their ASCII selves). Becomes minutes, largest
 * first (app/lib/reminder-rules.ts).
 */
const reminderHours = nativeDigits(
  z.string({ error: "site:settings.reminders.errors.required" }).transform((text, ctx) => {
    const read = parseHours(text);
    if ("minutes" in read) return read.minutes;
    ctx.addIssue({
      code: "custom",
      message: `site:settings.reminders.errors.${read.problem}`,
      params:
        read.problem === "count"
          ? { max: REMINDER_MAX_COUNT }
          : { min: REMINDER_MIN_MINUTES / 60, max: REMINDER_MAX_MINUTES / 60 },
    });
    return z.NEVER;
  }),
);

/** The appointment reminders section of the clinic settings page. */
export const ReminderRulesForm = z.object({
  intent: z.literal("reminders"),
  CONSULTATION: reminderHours,
  TREATMENT: reminderHours,
} satisfies Record<"intent" | AppointmentKind, z.ZodType>);

/** What the clinic settings page posts: its settings, or its reminder times. */
export const ClinicPageForm = z.discriminatedUnion("intent", [
  ClinicSettingsForm,
  ReminderRulesForm,
]);
