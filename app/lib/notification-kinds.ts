/**
 * Every kind of notice staff hear of (issue 22, item 8): the same events as the staff emails,
 * each delivered by email, in the app (the bell) or both, as each member of staff chooses per
 * kind (NotificationPreference; no row means both). One fan-out sends them all
 * (app/models/notifications/notify.server.ts); a test fails when a staff email does not.
 *
 * A kind is a staff notice (emails/notice.tsx, the names ending in "Staff") or a stage a staff
 * audience hears of (app/lib/notifications.ts), as `stage-<STAGE>`. Its label (the settings
 * page) is common:notifications.kinds.<kind>; its in-app sentence is the staff email's own
 * subject, so the bell says exactly what the email says, and no more: the case number and the
 * times the email names (params), never health data.
 *
 * Emails about one's own account (an invitation, a password reset, a second-factor reset, an
 * alert about failed sign-ins) are not kinds: a credential or a security alert must reach the
 * mailbox, whatever the settings say (ACCOUNT_TEMPLATES).
 */
import type { Notice } from "../../emails/notice";
import type { StaffAudience } from "./permissions";
import { STAGE_AUDIENCES } from "./notifications";
import type { Stage } from "./stages";

export const CHANNELS = ["BOTH", "EMAIL", "IN_APP"] as const;
export type Channel = (typeof CHANNELS)[number];
/** No preference row: both. */
export const DEFAULT_CHANNEL: Channel = "BOTH";

export const KIND_GROUPS = [
  "cases",
  "patients",
  "money",
  "schedule",
  "aftercare",
  "admin",
] as const;
export type KindGroup = (typeof KIND_GROUPS)[number];

export type StaffNotice = Extract<Notice, `${string}Staff`>;
export type StageKind = `stage-${Stage}`;
export type NotificationKind = StaffNotice | StageKind;

/** A notice written for staff (its name ends in "Staff"). */
export const isStaffNotice = (notice: string): notice is StaffNotice => notice.endsWith("Staff");

export interface KindInfo {
  kind: NotificationKind;
  group: KindGroup;
  /** Who may hear of it: shown on their settings page. "anyone" names one person. */
  audiences: readonly StaffAudience[] | "anyone";
}

/** Every staff notice, with who hears it (the callers of noticeToStaff). */
const NOTICE_KINDS: readonly (KindInfo & { kind: StaffNotice })[] = [
  { kind: "assignedStaff", group: "cases", audiences: "anyone" },
  { kind: "firstResponseReminderStaff", group: "cases", audiences: ["coordinator"] },
  { kind: "eligibleStaff", group: "cases", audiences: ["coordinator", "finance"] },
  { kind: "enquiryJoinedStaff", group: "patients", audiences: ["coordinator"] },
  { kind: "patientMessageStaff", group: "patients", audiences: ["coordinator"] },
  { kind: "infoReceivedStaff", group: "patients", audiences: ["coordinator", "clinician"] },
  { kind: "consentWithdrawnStaff", group: "patients", audiences: ["coordinator"] },
  { kind: "quoteDeclinedStaff", group: "money", audiences: ["coordinator", "finance"] },
  { kind: "quoteQuestionStaff", group: "money", audiences: ["finance"] },
  { kind: "paymentReceivedStaff", group: "money", audiences: ["finance"] },
  { kind: "paymentExcessStaff", group: "money", audiences: ["finance"] },
  { kind: "refundFailedStaff", group: "money", audiences: ["finance"] },
  { kind: "consultationBookedStaff", group: "schedule", audiences: ["coordinator"] },
  { kind: "rescheduleRequestedStaff", group: "schedule", audiences: ["coordinator"] },
  { kind: "appointmentMovedByPatientStaff", group: "schedule", audiences: ["coordinator"] },
  { kind: "appointmentCancelledByPatientStaff", group: "schedule", audiences: ["coordinator"] },
  { kind: "passportUploadedStaff", group: "schedule", audiences: ["coordinator"] },
  { kind: "followUpOverdueStaff", group: "aftercare", audiences: ["coordinator"] },
  { kind: "worseningStaff", group: "aftercare", audiences: ["clinician"] },
  { kind: "erasureRequestedStaff", group: "admin", audiences: ["admin"] },
  // Tasks (issue 22): whoever holds the task hears of it.
  { kind: "taskOverdueStaff", group: "cases", audiences: "anyone" },
  { kind: "taskReminderStaff", group: "cases", audiences: "anyone" },
];

const STAGE_GROUP: Record<Stage, KindGroup> = {
  ENQUIRY: "cases",
  MEDICAL_REVIEW: "cases",
  NOT_ELIGIBLE: "cases",
  QUOTED: "money",
  QUOTE_ACCEPTED: "money",
  DEPOSIT_PAID: "money",
  SCHEDULED: "schedule",
  TRAVEL_READY: "schedule",
  IN_TREATMENT: "aftercare",
  AFTERCARE: "aftercare",
  CLOSED: "cases",
  CANCELLED: "cases",
};

export const stageKind = (stage: Stage): StageKind => `stage-${stage}`;

/** The stages some member of staff hears of, from the table of who hears what. */
const STAGE_KINDS: readonly KindInfo[] = (Object.keys(STAGE_AUDIENCES) as Stage[]).flatMap(
  (stage) => {
    const audiences = STAGE_AUDIENCES[stage].filter(
      (a): a is Exclude<typeof a, "patient"> => a !== "patient",
    );
    return audiences.length
      ? [{ kind: stageKind(stage), group: STAGE_GROUP[stage], audiences }]
      : [];
  },
);

export const NOTIFICATION_KINDS: readonly KindInfo[] = [...STAGE_KINDS, ...NOTICE_KINDS];

const BY_KIND = new Map<string, KindInfo>(NOTIFICATION_KINDS.map((k) => [k.kind, k]));

export function isNotificationKind(value: string): value is NotificationKind {
  return BY_KIND.has(value);
}

export function kindInfo(kind: string): KindInfo | undefined {
  return BY_KIND.get(kind);
}

/** The label's translation key (common namespace). */
export const kindLabelKey = (kind: string) => `notifications.kinds.${kind}`;

/** What a notification may carry: the case number, and the times the email names. */
export interface NotificationParams {
  caseNumber: string;
  /** The staff audience a stage email was written for (its wording differs per audience). */
  audience?: StaffAudience;
  /** ISO instants, shown in the reader's language and time zone. */
  due?: string;
  when?: string;
  previous?: string;
}

/**
 * The in-app sentence's translation key: the staff email's subject (emails namespace), with
 * {{caseNumber}} and any of {{due}}, {{when}}, {{previous}}.
 */
export function sentenceKey(kind: string, params: Pick<NotificationParams, "audience">): string {
  if (kind.startsWith("stage-")) {
    return `emails:stage.${params.audience ?? "coordinator"}.${kind.slice("stage-".length)}.subject`;
  }
  return `emails:notice.${kind}.subject`;
}

/** Does a member of staff in this audience hear of this kind (their settings page)? */
export function kindsFor(audience: StaffAudience | null): KindInfo[] {
  return NOTIFICATION_KINDS.filter(
    (k) => k.audiences === "anyone" || (audience !== null && k.audiences.includes(audience)),
  );
}

/** Emails to staff that stay emails whatever the settings: their own account's security. */
export const ACCOUNT_TEMPLATES = [
  "staff-invite",
  "staff-password-reset",
  "second-factor-reset",
  "account-alert",
] as const;
