/**
 * The admin's team forms (staff.team, issue 23): invite a person by email (name, address,
 * role, the language of the invitation), change a role, deactivate and reactivate, reset a
 * second factor, and withdraw or send again an invitation. Each person's or invitation's
 * forms are their own (`role-<id>`, `person-<id>`, `invite-<id>`).
 * Messages are translation keys (common namespace).
 */
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { STAFF_ROLES } from "~/lib/permissions";
import { cleanLine } from "~/lib/text";

const MALFORMED = "common:form.malformed";
const rowId = z.string({ error: MALFORMED }).min(1, MALFORMED).max(64, MALFORMED);
const role = z.enum(STAFF_ROLES, { error: "common:team.errors.role" });

export const InviteForm = z.object({
  intent: z.literal("invite"),
  name: z
    .string({ error: "common:team.errors.name" })
    .transform(cleanLine)
    .pipe(z.string().min(2, "common:team.errors.name").max(120, "common:team.errors.nameLong")),
  email: z
    .string({ error: "common:team.errors.email" })
    .trim()
    .toLowerCase()
    .max(254, "common:team.errors.email")
    .pipe(z.email("common:team.errors.email")),
  role,
  locale: z.enum(LOCALES, { error: "common:team.errors.locale" }),
});

export const RoleForm = z.object({ intent: z.literal("role"), userId: rowId, role });
export const DeactivateForm = z.object({ intent: z.literal("deactivate"), userId: rowId });
export const ReactivateForm = z.object({ intent: z.literal("reactivate"), userId: rowId });
export const ResetTotpForm = z.object({ intent: z.literal("resetTotp"), userId: rowId });
export const RevokeInviteForm = z.object({ intent: z.literal("revokeInvite"), inviteId: rowId });
export const ResendInviteForm = z.object({
  intent: z.literal("resendInvite"),
  inviteId: rowId,
  locale: z.enum(LOCALES, { error: "common:team.errors.locale" }),
});

export const TeamForm = z.discriminatedUnion(
  "intent",
  [
    InviteForm,
    RoleForm,
    DeactivateForm,
    ReactivateForm,
    ResetTotpForm,
    RevokeInviteForm,
    ResendInviteForm,
  ],
  { error: MALFORMED },
);

const safeId = (v: unknown) => (typeof v === "string" && /^[\w-]{1,64}$/.test(v) ? v : "");

/** The form a submission came from: its answer shows there. */
export function teamFormId(payload: Record<string, unknown>): string {
  switch (payload.intent) {
    case "invite":
      return "invite";
    case "role":
      return `role-${safeId(payload.userId)}`;
    case "deactivate":
    case "reactivate":
    case "resetTotp":
      return `person-${safeId(payload.userId)}`;
    case "revokeInvite":
    case "resendInvite":
      return `invite-${safeId(payload.inviteId)}`;
    default:
      return "team";
  }
}
