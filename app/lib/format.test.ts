import fs from "node:fs";
import path from "node:path";
import {
  currencyDigits,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatList,
  formatMoney,
  formatMonth,
  formatNumber,
  formatRate,
} from "./format";

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("Intl formatting", () => {
  it("knows each currency's minor units", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
    expect(currencyDigits("TRY")).toBe(2);
  });

  it("formats integer minor units as money in the reader's locale", () => {
    expect(nbsp(formatMoney(123456, "EUR", "de"))).toBe("1.234,56 €");
    expect(formatMoney(123456, "GBP", "en")).toBe("£1,234.56");
    expect(formatMoney(1500, "JPY", "en")).toBe("¥1,500");
    expect(nbsp(formatMoney(1234567, "KWD", "en"))).toBe("KWD 1,234.567");
    // CLDR's default for "ar" uses Latin digits, with the Arabic currency sign and RTL marks.
    expect(nbsp(formatMoney(7800000, "SAR", "ar"))).toBe("\u200f78,000.00 ر.س.\u200f");
  });

  it("formats dates in the reader's language and time zone", () => {
    const at = new Date("2026-03-29T00:30:00Z"); // 03:30 in Istanbul, 01:30 in Berlin (DST day)
    expect(formatDateTime(at, "en", "Europe/Istanbul", "short")).toBe("3/29/26, 3:30 AM");
    expect(formatDateTime(at, "de", "Europe/Berlin", "short")).toBe("29.03.26, 01:30");
    expect(formatDate(at, "ru", "Asia/Tehran")).toBe("29 мар. 2026 г.");
    expect(formatNumber(50000, "fa")).toBe("۵۰٬۰۰۰");
    // Russian's date-time glue is " г., ": it must not replace the comma after the weekday.
    const full = formatDateTime(at, "ru", "Europe/Istanbul", "full");
    expect(full).toMatch(/^воскресенье, 29 марта 2026 г\. в 03:30$/);
    expect(full).not.toContain("воскресенье г.");
  });
});

describe("an exchange rate", () => {
  it("reads in the reader's digits and decimal sign, with exactly its own decimals", () => {
    expect(formatRate("0.8420", "en")).toBe("0.8420");
    expect(formatRate("0.8420", "tr")).toBe("0,8420");
    expect(formatRate("0.8420", "de")).toBe("0,8420");
    expect(formatRate("0.8420", "fa")).toBe("۰٫۸۴۲۰");
    expect(formatRate("1250.5", "ru")).toBe("1250,5");
    expect(formatRate("not a rate", "tr")).toBe("not a rate");
  });
});

describe("no Latin comma in Arabic and Persian", () => {
  const dates = [
    new Date("2026-11-26T03:06:00Z"),
    new Date("2026-03-29T00:30:00Z"),
    new Date("2027-01-05T21:59:00Z"),
  ];
  for (const lng of ["ar", "fa"]) {
    it(`${lng}: dates, times, lists, numbers and money use the language's own punctuation`, () => {
      const outputs: string[] = [];
      for (const d of dates) {
        for (const style of ["short", "medium", "long", "full"] as const)
          outputs.push(formatDateTime(d, lng, "Asia/Tehran", style));
        outputs.push(formatDate(d, lng, "Asia/Riyadh"), formatDayMonth(d, lng, "UTC"));
      }
      outputs.push(
        formatMonth("2026-03", lng),
        formatList(["a", "b"], lng),
        formatList(["a", "b", "c", "d"], lng),
        formatNumber(1234567.5, lng),
        formatMoney(296400, "EUR", lng),
      );
      expect(outputs.filter((o) => o.includes(", "))).toEqual([]);
    });
  }

  it("keeps the date and time together in one pattern per locale", () => {
    const at = new Date("2026-11-26T03:06:00Z");
    expect(formatDateTime(at, "fa", "Asia/Tehran", "short")).toBe("۱۴۰۵/۹/۵، ۶:۳۶");
    expect(formatDateTime(at, "en", "UTC", "short")).toBe("11/26/26, 3:06 AM");
  });
});

describe("lists shown to a reader", () => {
  // Each list of labels goes through formatList (Intl.ListFormat), so Persian and Arabic get
  // their own comma and conjunction. These joins build machine text, not a reader's list.
  const machine = new Set([
    "app/models/cases/stage.server.ts", // an error message for logs
    "app/models/travel/resources.server.ts", // working hours as typed in the form: "09:00-12:00, 13:00-17:00"
    "app/infra/http-guard.server.ts", // header values
    "app/models/aftercare/aftercare.server.ts", // an error message for logs
    "app/models/site/site.server.ts", // audit details: field names and language codes
    "app/models/catalogue/catalogue.server.ts", // audit details: field names and language codes
    "app/infra/channels/whatsapp.server.ts", // a provider error for logs and the outbox's lastError
    "app/lib/reminder-rules.ts", // reminder hours as the form takes them back: "24, 2"
    "app/lib/fhir-ips.ts", // FHIR resources' text elements: exchanged data, not a page
  ]);
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "generated" ? [] : files(full);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
    });
  it("are never joined with a hand-written comma or semicolon", () => {
    const found = [...files("app"), ...files("emails")]
      .filter((f) => !machine.has(f))
      .filter((f) => /\.join\(\s*["'`][,;،]\s["'`]\s*\)/.test(fs.readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });
});
