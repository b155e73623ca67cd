import fc from "fast-check";
import { currencyDigits } from "./format";
import {
  convertMinor,
  lineAmounts,
  minorToInput,
  parseAmount,
  parseRate,
  QUOTE_CURRENCIES,
  roundDiv,
  share,
  sumLines,
  TAX_RULES,
  type TaxRule,
} from "./money";

const currency = fc.constantFrom(...QUOTE_CURRENCIES, "JPY", "KWD");
const rate = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 999_999 }))
  .filter(([i, f]) => i > 0 || f > 0)
  .map(([i, f]) => `${i}.${String(f).padStart(6, "0")}`);
const line = fc.record({
  quantity: fc.integer({ min: 0, max: 60 }),
  unitPriceMinor: fc.integer({ min: 0, max: 50_000_000 }),
  discountBp: fc.integer({ min: 0, max: 10_000 }),
  taxRule: fc.constantFrom(...(Object.keys(TAX_RULES) as TaxRule[])),
});

describe("the rounding rule", () => {
  it("rounds half away from zero, once", () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(149n, 100n)).toBe(1n);
    expect(roundDiv(150n, 100n)).toBe(2n);
    expect(share(1001, 5000)).toBe(501); // 500.5 → 501
    expect(share(999, 1000)).toBe(100); // 99.9 → 100
  });

  it("converts with exact rates and each currency's minor units", () => {
    expect(convertMinor(100_00, "EUR", "GBP", "0.85")).toBe(85_00);
    expect(convertMinor(1_850_000, "EUR", "TRY", "37.4125")).toBe(69_213_125); // 18,500 € → 692,131.25 ₺
    expect(convertMinor(333, "EUR", "JPY", "161.5")).toBe(538); // 3.33 € → 537.795 → 538 ¥
    expect(convertMinor(1_00, "EUR", "KWD", "0.3321")).toBe(332); // 0.3321 KWD = 332.1 fils → 332
    expect(convertMinor(18_500_00, "EUR", "EUR", "1")).toBe(18_500_00);
    expect(() => parseRate("1e3")).toThrow();
    expect(() => parseRate("0")).toThrow();
    expect(() => parseRate("-1.2")).toThrow();
  });

  it("reads amounts typed by people, refusing more decimals than the currency has", () => {
    expect(parseAmount("1 250,50", "EUR")).toBe(125050);
    expect(parseAmount("1250.5", "GBP")).toBe(125050);
    expect(parseAmount("1500", "JPY")).toBe(1500);
    expect(parseAmount("15.5", "JPY")).toBeNull();
    expect(parseAmount("1.234", "EUR")).toBeNull();
    expect(parseAmount("12.345", "KWD")).toBe(12345);
    expect(parseAmount("abc", "EUR")).toBeNull();
    expect(minorToInput(125050, "EUR")).toBe("1250.50");
    expect(minorToInput(5, "EUR")).toBe("0.05");
    expect(minorToInput(1500, "JPY")).toBe("1500");
  });
});

describe("property: money stays whole and adds up", () => {
  it("lines always sum to the total, in every currency, with integers only", () => {
    fc.assert(
      fc.property(currency, rate, fc.array(line, { minLength: 1, maxLength: 15 }), (cur, r, ls) => {
        const converted = ls.map((l) => ({
          ...l,
          unitPriceMinor: convertMinor(l.unitPriceMinor, "EUR", cur, r),
        }));
        const amounts = converted.map(lineAmounts);
        const totals = sumLines(amounts);
        const sum = amounts.reduce((s, a) => s + a.totalMinor, 0);
        expect(totals.totalMinor).toBe(sum);
        expect(totals.netMinor + totals.taxMinor).toBe(totals.totalMinor);
        expect(totals.grossMinor - totals.discountMinor).toBe(totals.netMinor);
        for (const a of amounts) {
          for (const v of Object.values(a)) expect(Number.isSafeInteger(v)).toBe(true);
          expect(a.discountMinor).toBeLessThanOrEqual(a.grossMinor);
          expect(a.totalMinor).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("converting is within half a minor unit of the exact value", () => {
    fc.assert(
      fc.property(currency, rate, fc.integer({ min: 0, max: 10_000_000_00 }), (cur, r, amount) => {
        const got = convertMinor(amount, "EUR", cur, r);
        const { num, den } = parseRate(r);
        const exactTimesDen = BigInt(amount) * num * 10n ** BigInt(currencyDigits(cur)) * 2n; // ×2 to compare halves
        const scaled = den * 100n; // EUR has 2 digits
        const diff = BigInt(got) * scaled * 2n - exactTimesDen;
        expect(diff <= scaled && diff >= -scaled).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("an amount printed for a form reads back as the same amount", () => {
    fc.assert(
      fc.property(currency, fc.integer({ min: 0, max: 10_000_000_00 }), (cur, minor) => {
        expect(parseAmount(minorToInput(minor, cur), cur)).toBe(minor);
      }),
    );
  });
});
