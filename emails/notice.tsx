/**
 * A short notice about a case that is not a stage change: a repeat enquiry joined to the
 * open case, consent withdrawn, a message waiting, a request for more information,
 * an assignment, an eligibility decision for finance, a first-response reminder. Texts are notice.<key> in locales/<lng>/emails.json.
 * Like every email, it carries no health detail.
 */
import type { TFunction } from "i18next";
import { caseEmail } from "./case-email";
import type { RenderedEmail } from "./types";

/** Every notice; the last word "Staff" marks those sent to the care team. */
export const NOTICES = [
  "enquiryJoined",
  "enquiryJoinedStaff",
  "consentWithdrawnStaff",
  "messageWaiting",
  "infoRequested",
  "patientMessageStaff",
  "infoReceivedStaff",
  "assignedStaff",
  "eligibleStaff",
  "firstResponseReminderStaff",
  "quoteRevised",
  "quoteDeclinedStaff",
  "quoteQuestionStaff",
  "paymentReceived",
  "paymentReceivedStaff",
  "refundIssued",
  "appointmentBooked",
  "appointmentMoved",
  "appointmentCancelled",
  "appointmentCancelledByPatient",
  "appointmentMovedByPatientStaff",
  "appointmentCancelledByPatientStaff",
  "consultationBookedStaff",
  "rescheduleRequestedStaff",
  "passportUploadedStaff",
  "passportRejected",
  "baselineDue",
  "followUpDue",
  "followUpOverdue",
  "followUpOverdueStaff",
  "worseningStaff",
  "erasureRequestedStaff",
  "paymentExcessStaff",
  "refundFailedStaff",
  "refundFailed",
  "taskOverdueStaff",
  "taskReminderStaff",
  "appointmentsBooked",
  "appointmentReminder",
] as const;

export type Notice = (typeof NOTICES)[number];

export interface NoticeData {
  notice: Notice;
  audience: "patient" | "staff";
  caseNumber: string;
  recipientName: string;
  link: string;
  /** Extra placeholders, already formatted for the recipient (e.g. a deadline). */
  vars?: Record<string, string>;
}

export function noticeEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: NoticeData,
): RenderedEmail {
  const vars = { ...data.vars, caseNumber: data.caseNumber, name: data.recipientName };
  return caseEmail(t, dir, lang, {
    ...data,
    patient: data.audience === "patient",
    subject: t(`notice.${data.notice}.subject`, vars),
    body: t(`notice.${data.notice}.body`, vars),
  });
}
