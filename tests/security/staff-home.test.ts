/**
 * Role homes (issue 22, ADR 029): each role lands on its day's work after signing in, on /staff
 * and on /login when already signed in; a redirectTo wins only when it is a safe, same-site
 * staff page the role may open. mayOpen() is checked against the route matrix, so a page's
 * guard and where sign-in may send someone cannot drift apart.
 */
import { STAFF_HOMES, STAFF_ROLES } from "~/lib/permissions";
import { homeOf, mayOpen, staffLanding } from "~/lib/staff-home";
import { loader as staffIndex } from "~/routes/staff._index";
import { loader as loginLoader } from "~/routes/login";
import { resetDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { call, cookieFor } from "../support/requests";
import { HOSTILE_REDIRECTS } from "./hostile-redirects";
import { MATRIX, type Ids } from "./routes";

beforeEach(resetDatabase);

const HOME = {
  COORDINATOR: "/staff/inbox",
  CLINICIAN: "/staff/review",
  FINANCE: "/staff/finance",
  ADMIN: "/staff/cases",
} as const;

it("names one home per role: clinicians the queue, finance the worklist, coordinators the inbox, admins the pipeline", () => {
  expect(STAFF_HOMES).toEqual(HOME);
  for (const role of STAFF_ROLES) {
    expect(homeOf(role)).toBe(HOME[role]);
    // A home is a page its role may open.
    expect(mayOpen(role, HOME[role]), role).toBe(true);
  }
});

it.each(STAFF_ROLES)(
  "sends %s from /staff and from /login to its home (Location header)",
  async (role) => {
    const user = await createUser({ role });
    const cookie = await cookieFor(user.id);
    const index = await call(staffIndex, { path: "/staff", cookie });
    expect(index.status).toBe(302);
    expect(index.response!.headers.get("Location")).toBe(HOME[role]);
    const login = await call(loginLoader, { path: "/login", cookie });
    expect(login.status).toBe(302);
    expect(login.response!.headers.get("Location")).toBe(HOME[role]);
  },
);

describe("a redirectTo after sign-in", () => {
  it("wins when it is a staff page the role may open, query and all", () => {
    expect(staffLanding("FINANCE", "/staff/cases/c1/quote?x=1")).toBe("/staff/cases/c1/quote?x=1");
    expect(staffLanding("CLINICIAN", "/staff/cases?stage=MEDICAL_REVIEW")).toBe(
      "/staff/cases?stage=MEDICAL_REVIEW",
    );
    expect(staffLanding("ADMIN", "/staff/finance")).toBe("/staff/finance");
    expect(staffLanding("COORDINATOR", "/staff/cases/c1/travel")).toBe("/staff/cases/c1/travel");
  });

  it("gives way to the home when the role may not open it, or it is no staff page", () => {
    // Finance may not open the review queue; a clinician may not open the worklist.
    expect(staffLanding("FINANCE", "/staff/review")).toBe("/staff/finance");
    expect(staffLanding("CLINICIAN", "/staff/finance")).toBe("/staff/review");
    expect(staffLanding("FINANCE", "/staff/cases/c1/aftercare")).toBe("/staff/finance");
    expect(staffLanding("COORDINATOR", "/staff/team")).toBe("/staff/inbox");
    // Not a staff page, /staff itself, or a single-use link.
    expect(staffLanding("CLINICIAN", "/portal")).toBe("/staff/review");
    expect(staffLanding("CLINICIAN", "/staffing")).toBe("/staff/review");
    expect(staffLanding("FINANCE", "/staff")).toBe("/staff/finance");
    expect(staffLanding("ADMIN", "/staff/invite/abc")).toBe("/staff/cases");
    expect(staffLanding("FINANCE", undefined)).toBe("/staff/finance");
    // Dot segments are resolved before the page is looked up.
    expect(staffLanding("FINANCE", "/staff/finance/../review")).toBe("/staff/finance");
  });

  it("never leaves the site: every hostile target lands on the role's home", () => {
    for (const role of STAFF_ROLES) {
      for (const hostile of HOSTILE_REDIRECTS) {
        const to = staffLanding(role, hostile);
        expect(to, JSON.stringify(hostile)).toBe(HOME[role]);
      }
    }
  });
});

it("agrees with the route matrix: a role may open a staff page exactly when its loader does not refuse it", () => {
  const ids: Ids = {
    caseId: "c1",
    emailId: "e1",
    documentId: "d1",
    quoteId: "q1",
    paymentId: "p1",
    followUpId: "f1",
    appointmentId: "a1",
    programmeId: "prog1",
  };
  let checked = 0;
  for (const [file, row] of Object.entries(MATRIX)) {
    if (!file.startsWith("staff.") || !row.loader) continue;
    const path = new URL(row.path(ids), "http://x").pathname;
    for (const role of STAFF_ROLES) {
      expect(mayOpen(role, path), `${role} ${file} ${path}`).toBe(row.loader[role] !== 403);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(60);
});
