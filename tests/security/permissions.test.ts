/**
 * Who may do what is one table (app/lib/permissions.ts, ADR 018):
 * - no source file outside it names a role to compare with (resource types aside: a
 *   "CLINICIAN" resource is a bookable person, not a role);
 * - every staff route's guard names a permission, and the matrix of expected outcomes
 *   (tests/security/routes.ts) is computed from the same table, for the same permissions;
 * - the table is sound: every permission is held by someone, every role holds something.
 */
import fs from "node:fs";
import path from "node:path";
import { PERMISSIONS, ROLES, type Permission } from "~/lib/permissions";
import { TRANSITIONS } from "~/lib/stages";
import { MATRIX } from "./routes";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const ROLE_LITERAL = /(["'`])(PATIENT|COORDINATOR|CLINICIAN|FINANCE|ADMIN)\1/;

it("names roles in one place only: app/lib/permissions.ts", () => {
  const offenders: string[] = [];
  for (const file of sources("app")) {
    if (file === path.join("app", "lib", "permissions.ts")) continue;
    fs.readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (ROLE_LITERAL.test(line) && !/resource/i.test(line)) {
          offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        }
      });
  }
  expect(offenders).toEqual([]);
});

/**
 * Staff pages opened before there is a signed-in staff member, each with why: the link's
 * single-use token is the credential (tests/staff-auth.test.ts covers it).
 */
const BEFORE_SIGN_IN: Record<string, string> = {
  "staff_.invite.$token.tsx":
    "an invitation: the invited person has no account until they accept it with its token",
};

it("guards every staff route by a permission of the table, the one the matrix expects", () => {
  let guardedRoutes = 0;
  for (const file of Object.keys(BEFORE_SIGN_IN)) {
    expect(file in MATRIX, `${file} is in the matrix`).toBe(true);
    expect(fs.readFileSync(`app/routes/${file}`, "utf8"), `${file} reads its token`).toMatch(
      /hashStaffToken|StaffToken|token/,
    );
  }
  for (const [file, row] of Object.entries(MATRIX)) {
    const source = fs.readFileSync(`app/routes/${file}`, "utf8");
    const named = [...source.matchAll(/requirePermission\(request, "([^"]+)"\)/g)].map((m) => m[1]);
    if (file.startsWith("staff") && !(file in BEFORE_SIGN_IN)) {
      expect(named.length, `${file} has no permission guard`).toBeGreaterThan(0);
      expect(row.guards, `${file}: the matrix names no guard`).toBeDefined();
    }
    for (const p of named) expect(p! in PERMISSIONS, `${file}: ${p}`).toBe(true);
    if (row.guards) {
      expect(new Set(named), file).toEqual(new Set(row.guards));
      guardedRoutes++;
    }
  }
  expect(guardedRoutes).toBeGreaterThanOrEqual(20);
});

it("holds a sound table: every permission has a holder, every role holds one, every transition names one", () => {
  for (const [permission, roles] of Object.entries(PERMISSIONS)) {
    expect(roles.length, permission).toBeGreaterThan(0);
  }
  for (const role of ROLES) {
    expect(
      (Object.keys(PERMISSIONS) as Permission[]).some((p) =>
        (PERMISSIONS[p] as readonly string[]).includes(role),
      ),
      role,
    ).toBe(true);
  }
  for (const t of TRANSITIONS) expect(t.permission in PERMISSIONS, `${t.from}->${t.to}`).toBe(true);
  // Only a clinician decides eligibility and sets the plan: not even an admin.
  expect(PERMISSIONS["case.eligibility:decide"]).toEqual(["CLINICIAN"]);
  expect(PERMISSIONS["case.plan:write"]).toEqual(["CLINICIAN"]);
  // Finance sees no health data (ADR 016).
  expect(PERMISSIONS["case.health:read"]).not.toContain("FINANCE");
});
