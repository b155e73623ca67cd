import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });

/** A zone label already carries its offset in brackets: "Doha (GMT+3)". */
const BRACKETED_ZONE = /\(\s*(\{|\$\{)\s*formatZone\(/;

describe("zone cities", () => {
  it("the committed city names are what the CLDR package in package-lock.json gives", () => {
    // Fails when cldr-dates-full is upgraded (or the file hand-edited) without regenerating.
    expect(() =>
      execFileSync(process.execPath, ["scripts/zone-cities.mjs", "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });

  it("a zone label is never set in a second pair of brackets ('(Doha (GMT+3))')", () => {
    expect(BRACKETED_ZONE.test("({formatZone(zone, lng)})")).toBe(true);
    expect(BRACKETED_ZONE.test("`(${formatZone(zone, lng)})`")).toBe(true);
    const found = sources("app").filter((f) => BRACKETED_ZONE.test(fs.readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });
});
