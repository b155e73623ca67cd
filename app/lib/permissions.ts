/**
 * Who may do what: the one table (ADR 018). Every role check in the app reads it: route
 * guards (requirePermission), the models' own checks, the links a page shows (can), the stage
 * machine's transitions, and the role × route matrix test. Nothing else names a role; a test
 * fails if a source file outside this one compares a role by name.
 *
 * A permission is "<thing>:<action>". Patients act only on their own case: the portal's
 * models scope every query by the signed-in patient, and anything else answers "not found".
 */

export const STAFF_ROLES = ["COORDINATOR", "CLINICIAN", "FINANCE", "ADMIN"] as const;
export const ROLES = ["PATIENT", ...STAFF_ROLES] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];
/** The platform itself, for changes no person makes (a payment webhook). */
export type Actor = Role | "SYSTEM";

/** The roles by name, for code that must write one (a new patient account, a query). */
export const ROLE = {
  PATIENT: "PATIENT",
  COORDINATOR: "COORDINATOR",
  CLINICIAN: "CLINICIAN",
  FINANCE: "FINANCE",
  ADMIN: "ADMIN",
} as const satisfies Record<Role, Role>;

const COORDINATION = ["COORDINATOR", "ADMIN"] as const;
const CLINICAL = ["COORDINATOR", "CLINICIAN", "ADMIN"] as const;
const MONEY = ["FINANCE", "ADMIN"] as const;

export const PERMISSIONS = {
  // The patient portal: their own cases only.
  "portal:use": ["PATIENT"],

  // The staff area and the pipeline.
  "staff:use": STAFF_ROLES,
  "cases:list": STAFF_ROLES,
  "case:read": STAFF_ROLES,
  /** Answers, records, condition, red flags, notes, messages, plan, decisions (ADR 016). */
  "case.health:read": CLINICAL,
  "case:assign": COORDINATION,
  "case.note:write": CLINICAL,
  "case.message:write": CLINICAL,
  "case.info:request": CLINICAL,
  /** Only a clinician decides eligibility and sets the plan: not even an admin. */
  "case.eligibility:decide": ["CLINICIAN"],
  "case.plan:write": ["CLINICIAN"],
  "review:read": CLINICAL,
  /** The inbox of everything patients send (issue 22): messages, uploads, answers, requests. */
  "inbox:read": CLINICAL,
  /** Assign an inbox item and mark it done. */
  "inbox:assign": CLINICAL,
  /** Bulk assignment and stage moves from the pipeline, each checked per case. */
  "cases:bulk": COORDINATION,
  /** The pipeline's current view as CSV (names and stages; no health data). */
  "cases:export": COORDINATION,
  "document:read": CLINICAL,

  // Money.
  "quote:read": ["FINANCE", "ADMIN", "COORDINATOR"],
  "quote:write": ["FINANCE"],
  "payment:write": ["FINANCE"],
  /** Void a manual payment recorded by mistake, with a cancellation note. */
  "payment:void": ["FINANCE"],
  "finance:read": MONEY,
  "price-list:write": MONEY,
  "reports:read": MONEY,

  // Booking and the trip.
  "schedule:read": CLINICAL,
  "schedule:write": COORDINATION,
  "travel:read": COORDINATION,
  "travel:write": COORDINATION,
  "resources:write": COORDINATION,

  // Aftercare.
  "aftercare:read": CLINICAL,
  "labs:write": CLINICAL,
  "task:close": ["CLINICIAN", "ADMIN"],

  // Safe travel and the handover (issue 25).
  /** A clinician's fit-to-fly sign-off after the steps that ask for one. */
  "fit-to-fly:sign": ["CLINICIAN"],
  /** Insurance policies on a case: read by the care team and finance, written by coordinators. */
  "insurance:read": ["COORDINATOR", "CLINICIAN", "FINANCE", "ADMIN"],
  "insurance:write": COORDINATION,
  /** Signed consents (health data: the procedure's risks as signed): the clinical team. */
  "consent:read": CLINICAL,
  /** Each programme's procedure consent text, versioned like the questionnaires. */
  "consent-text:edit": ["ADMIN"],
  /** The discharge and handover pack: medication at discharge, plan, warning signs. */
  "handover:write": ["CLINICIAN"],

  // Administration.
  "outbox:read": ["ADMIN"],
  "outbox:retry": ["ADMIN"],
  "audit:read": ["ADMIN"],
  "data-rights:manage": ["ADMIN"],
  /** The clinic's public facts and doctors (ADR 023). */
  "site:edit": ["ADMIN"],
  /**
   * The treatment catalogue's words in every language (programmes and their pathway steps,
   * ADR 024). Finance writes price item names on the price list (price-list:write) and
   * coordinators resource names (resources:write); what a programme is called is the clinic's.
   */
  "catalogue:edit": ["ADMIN"],
  /** Staff accounts: invite, change a role, deactivate, reset a second factor (issue 23). */
  "staff:manage": ["ADMIN"],
  /** Each member of staff's own account: their sessions, ended from here (issue 23). */
  "account:use": STAFF_ROLES,
  /** Tasks on cases: create, assign, see one's own, close a hand-made one (issue 22). */
  "task:use": STAFF_ROLES,
  /** The in-app bell and one's choice of email, in-app or both per kind (issue 22). */
  "notifications:use": STAFF_ROLES,
  /** How the clinic runs (issue 23): time zone, currencies, bank account, letterhead logo. */
  "clinic:edit": ["ADMIN"],
  /** Each programme's eligibility questionnaire: its questions, words and red flags (issue 23). */
  "questionnaire:edit": ["ADMIN"],

  // Stage changes (app/lib/stages.ts names one per transition).
  "stage:review": COORDINATION,
  "stage:not-eligible": ["CLINICIAN"],
  "stage:quote": ["FINANCE"],
  "stage:reopen": CLINICAL,
  "stage:accept-quote": ["PATIENT", "FINANCE"],
  "stage:deposit": ["FINANCE", "SYSTEM"],
  "stage:schedule": COORDINATION,
  "stage:travel-ready": COORDINATION,
  "stage:treat": CLINICAL,
  "stage:aftercare": CLINICAL,
  "stage:close": CLINICAL,
  "stage:close-not-eligible": COORDINATION,
  "stage:cancel": COORDINATION,
} as const satisfies Record<string, readonly Actor[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

/** May this role (or the platform) do this? */
export function roleCan(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}

/** May this user do this? */
export function can(user: { role: string } | null | undefined, permission: Permission): boolean {
  return Boolean(user) && roleCan(user!.role, permission);
}

/** The roles that hold a permission, for queries ("every user who may review"). */
export function rolesWith(permission: Permission): Role[] {
  return (PERMISSIONS[permission] as readonly string[]).filter((r): r is Role =>
    (ROLES as readonly string[]).includes(r),
  );
}

/** Every permission a user holds, for the page's links. */
export function permissionsOf(user: { role: string } | null | undefined): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(user, p));
}

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function isPatient(user: { role: string } | null | undefined): boolean {
  return user?.role === ROLE.PATIENT;
}

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Who hears about a case, as the notification table names them (app/lib/notifications.ts). */
export const AUDIENCE_ROLES = {
  coordinator: "COORDINATOR",
  clinician: "CLINICIAN",
  finance: "FINANCE",
  admin: "ADMIN",
} as const satisfies Record<string, StaffRole>;
export type StaffAudience = keyof typeof AUDIENCE_ROLES;

/**
 * Where each role lands after signing in and on /staff (issue 22, ADR 029): its day's work.
 * Clinicians their review queue, finance its worklist, coordinators their inbox, admins the
 * pipeline. app/lib/staff-home.ts reads it (and lets a safe redirectTo win).
 */
export const STAFF_HOMES = {
  COORDINATOR: "/staff/inbox",
  CLINICIAN: "/staff/review",
  FINANCE: "/staff/finance",
  ADMIN: "/staff/cases",
} as const satisfies Record<StaffRole, string>;
