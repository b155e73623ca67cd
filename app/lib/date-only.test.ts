/**
 * A date-only value (a calendar day without a time: a quote's "valid until", a passport's
 * expiry, a date of birth) shows as the same calendar day in every zone and language.
 * Such values are stored as an instant on that UTC day and read back with formatDay; the scan
 * below fails on any date-only field formatted in a reader's zone.
 */
import fs from "node:fs";
import path from "node:path";
import { staffQuoteForm } from "~/forms/quote";
import { LOCALES } from "~/i18n/config";
import { formatDay } from "./format";

const ZONES = [
  "Pacific/Kiritimati", // UTC+14
  "Asia/Tehran",
  "Europe/Istanbul",
  "UTC",
  "America/Los_Angeles",
  "Pacific/Pago_Pago", // UTC−11
];

/** What the schema stores for a typed "valid until" day. */
function storedValidUntil(day: string): Date {
  const parsed = staffQuoteForm("en", "2026-06-01").parse({
    intent: "draft",
    quoteId: "q1",
    currency: "EUR",
    validUntil: day,
    depositPercent: "20",
    balanceDueDays: "14",
    lines: [],
  });
  if (parsed.intent !== "draft") throw new Error("not a draft");
  return parsed.input.validUntil;
}

describe("date-only values", () => {
  it.each([
    ["2026-12-20", "Dec 20, 2026"],
    ["2027-01-01", "Jan 1, 2027"],
  ])("a quote valid until %s shows %s, whatever the reader's zone", (day, shown) => {
    const stored = storedValidUntil(day);
    for (const zone of ZONES) {
      process.env.TZ = zone;
      expect(formatDay(stored, "en")).toBe(shown);
    }
  });

  it("shows the same day in every language as the day itself", () => {
    const stored = storedValidUntil("2026-12-20");
    for (const lng of LOCALES) {
      const day = new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeZone: "UTC" }).format(
        new Date(Date.UTC(2026, 11, 20, 12)),
      );
      expect(formatDay(stored, lng)).toBe(day);
    }
  });

  it("no date-only field is formatted in a reader's zone (use formatDay)", () => {
    const DATE_ONLY = "validUntil|birthDate|expiresOn|dateOfBirth";
    const zoned = new RegExp(
      `format(?:Date|DateTime|DayMonth)\\(\\s*[\\w.?!]*\\b(?:${DATE_ONLY})\\b`,
      "g",
    );
    const root = path.resolve(import.meta.dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
        } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(full, "utf8");
          for (const m of text.matchAll(zoned))
            offenders.push(`${path.relative(root, full)}: ${m[0]}`);
        }
      }
    };
    walk(path.join(root, "app"));
    walk(path.join(root, "emails"));
    expect(offenders).toEqual([]);
  });
});
