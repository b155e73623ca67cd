import { csvCell, toCsv } from "./csv";

describe("CSV cells", () => {
  it("keeps numbers, negative ones too, as numbers", () => {
    expect(csvCell(-12500)).toBe("-12500");
    expect(csvCell("-12500")).toBe("-12500");
    expect(csvCell("-125.00")).toBe("-125.00");
    expect(csvCell(0)).toBe("0");
  });

  it("makes formula-like text inert, and quotes what needs quoting", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(toCsv(["x"], [[-5], ["=1"]])).toBe("x\r\n-5\r\n'=1\r\n");
  });
});
