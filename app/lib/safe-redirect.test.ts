import { HOSTILE_REDIRECTS } from "../../tests/security/hostile-redirects";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it.each(HOSTILE_REDIRECTS)("refuses %j", (to) => {
    expect(safeRedirect(to, "/staff/cases")).toBe("/staff/cases");
  });

  it("keeps a path on this site, normalised, with its query and fragment", () => {
    expect(safeRedirect("/staff/cases/abc?tab=quote#lines")).toBe(
      "/staff/cases/abc?tab=quote#lines",
    );
    expect(safeRedirect("/staff/./cases/../cases")).toBe("/staff/cases");
    expect(safeRedirect("/staff/cases?q=a%20b")).toBe("/staff/cases?q=a%20b");
    expect(safeRedirect("/portal/cases/%D8%B9")).toBe("/portal/cases/%D8%B9");
  });

  it("refuses what is not a string, and very long targets", () => {
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(["/x"])).toBe("/");
    expect(safeRedirect(`/${"a".repeat(2100)}`)).toBe("/");
  });
});
