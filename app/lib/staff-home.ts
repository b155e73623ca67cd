/**
 * Where a member of staff lands: their role's home (STAFF_HOMES in app/lib/permissions.ts), or
 * the page they were on their way to when asked to sign in, if it is one of this site's staff
 * pages that their role may open. The target goes through safeRedirect first (the hostile
 * redirect checks of issue 17), so nothing here can lead off the site.
 */
import { isStaffRole, roleCan, STAFF_HOMES, type Permission } from "./permissions";
import { safeRedirect } from "./safe-redirect";

/** The pipeline: every staff role may open it, so it is the home of last resort. */
const FALLBACK_HOME = "/staff/cases";

/**
 * Each staff page (by path) and the permission its loader's guard names, most specific first.
 * A path under /staff that none matches is left to its own guard ("staff:use" here).
 * tests/security/staff-home.test.ts checks this against the route matrix.
 */
const PAGES: readonly (readonly [RegExp, Permission | null])[] = [
  [/^\/staff\/invite\//, null], // a single-use link, never a place to return to
  [/^\/staff\/cases\/[^/]+\/documents\//, "document:read"],
  [/^\/staff\/cases\/[^/]+\/(quote|quotes\/.+|receipts\/.+)$/, "quote:read"],
  [/^\/staff\/cases\/[^/]+\/schedule$/, "schedule:read"],
  [/^\/staff\/cases\/[^/]+\/(travel|itinerary\.pdf|visa-letter\.pdf)$/, "travel:read"],
  [/^\/staff\/cases\/[^/]+\/(aftercare|handover\.pdf|handover\.json)$/, "aftercare:read"],
  [/^\/staff\/cases\/[^/]+\/consents\/.+$/, "consent:read"],
  [/^\/staff\/cases\/[^/]+$/, "case:read"],
  [/^\/staff\/cases$/, "cases:list"],
  [/^\/staff\/cases\.csv$/, "cases:export"],
  [/^\/staff\/calendar$/, "schedule:read"],
  [/^\/staff\/tasks$/, "task:use"],
  [/^\/staff\/notifications(\/|$)/, "notifications:use"],
  [/^\/staff\/review$/, "review:read"],
  [/^\/staff\/inbox(\/|$)/, "inbox:read"],
  [/^\/staff\/finance(\/|$)/, "finance:read"],
  [/^\/staff\/reports(\/|$)/, "reports:read"],
  [/^\/staff\/outbox(\/|$)/, "outbox:read"],
  [/^\/staff\/audit$/, "audit:read"],
  [/^\/staff\/erasure$/, "data-rights:manage"],
  [/^\/staff\/site$/, "site:edit"],
  [/^\/staff\/clinic$/, "clinic:edit"],
  [/^\/staff\/catalogue\/[^/]+\/questionnaire$/, "questionnaire:edit"],
  [/^\/staff\/catalogue\/[^/]+\/consent$/, "consent-text:edit"],
  [/^\/staff\/catalogue(\/|$)/, "catalogue:edit"],
  [/^\/staff\/resources$/, "resources:write"],
  [/^\/staff\/team$/, "staff:manage"],
  [/^\/staff\/account$/, "account:use"],
];

/** The role's home page. */
export function homeOf(role: string): string {
  return isStaffRole(role) ? STAFF_HOMES[role] : FALLBACK_HOME;
}

/** May this role open the staff page at `path` (a pathname, no query)? */
export function mayOpen(role: string, path: string): boolean {
  if (!isStaffRole(role)) return false;
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (trimmed !== "/staff" && !trimmed.startsWith("/staff/")) return false;
  const page = PAGES.find(([pattern]) => pattern.test(trimmed));
  if (page) return page[1] !== null && roleCan(role, page[1]);
  return roleCan(role, "staff:use");
}

/**
 * Where to send a member of staff who just signed in (or opened /login while signed in): the
 * `redirectTo` they carried when it is a safe, same-site staff page their role may open (other
 * than /staff itself), else their role's home.
 */
export function staffLanding(role: string, redirectTo: unknown): string {
  const home = homeOf(role);
  const target = safeRedirect(redirectTo, "");
  if (!target) return home;
  const path = new URL(target, "http://app.invalid").pathname;
  if (path === "/staff" || path === "/staff/") return home;
  return mayOpen(role, path) ? target : home;
}
