import { currencyDigits, formatDate, formatDateTime, formatMoney, formatNumber } from "./format";

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
  });
});
