import { cleanLine, cleanText } from "./text";

describe("typed text as stored", () => {
  it("keeps one line whole, without controls or reordering marks", () => {
    expect(cleanLine("Kat\r\nBcc: x@y.z")).toBe("Kat Bcc: x@y.z");
    expect(cleanLine("Katharina \u202eWeber")).toBe("Katharina Weber");
    expect(cleanLine("  فاطمة\u2067 الحربي \u0000 ")).toBe("فاطمة الحربي");
    expect(cleanLine("e\u0301")).toBe("é");
    expect(cleanLine("Zoë  O'Brien-Smith")).toBe("Zoë O'Brien-Smith");
  });

  it("keeps the line breaks of longer text", () => {
    expect(cleanText("Line one\r\nLine\ttwo  \n\n\u202eThree")).toBe("Line one\nLine two\n\nThree");
  });
});
