/**
 * A double click sends a form once (issue: a double-clicked staff note showed a red "already
 * sent" over a note that was saved once). A form's buttons stay disabled from the moment it is
 * sent until the page shows the answer (useBusy in app/components/form.tsx): not only while the
 * action runs ("submitting"), but while the page's data reloads after it ("loading"), when the
 * second click of a double click lands. No page decides "busy" by "submitting" alone.
 */
import fs from "node:fs";
import path from "node:path";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.includes("generated") ? [] : sources(p);
    return /\.tsx?$/.test(p) && !p.endsWith(".test.ts") ? [p] : [];
  });
}

describe("a form's buttons wait until the page shows the answer", () => {
  it("no button is enabled again while the page reloads after its action", () => {
    const early = sources("app").flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /state\s*===\s*["']submitting["']/.test(line) ? [`${file}:${i + 1}`] : [],
        ),
    );
    expect(early).toEqual([]);
  });

  it("the shared case-page button and the stage form read useBusy", () => {
    for (const file of ["app/components/case/parts.tsx", "app/components/case/stage-actions.tsx"]) {
      expect(fs.readFileSync(file, "utf8"), file).toMatch(/useBusy\(\)/);
    }
    expect(fs.readFileSync("app/components/form.tsx", "utf8")).toMatch(
      /export function useBusy\(\): boolean \{\s*return useNavigation\(\)\.state !== "idle";/,
    );
  });
});
