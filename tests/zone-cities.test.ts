import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("zone cities", () => {
  it("the committed city names are what the CLDR package in package-lock.json gives", () => {
    // Fails when cldr-dates-full is upgraded (or the file hand-edited) without regenerating.
    expect(() =>
      execFileSync(process.execPath, ["scripts/zone-cities.mjs", "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });
});
