export const STAFF_ROLES = ["COORDINATOR", "CLINICIAN", "FINANCE", "ADMIN"] as const;
export const ROLES = ["PATIENT", ...STAFF_ROLES] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}
