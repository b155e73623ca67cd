/**
 * Which appointments a patient may move or cancel themselves, and until when (ADR 022).
 * Pure, so the page that explains the rule and the model that enforces it read the same one:
 * - only their video consultation (a treatment step is booked by the coordinator around the
 *   care team, the chairs and the other steps' gaps: to change one, the patient asks);
 * - only while the case's stage offers the consultation (before treatment);
 * - only while it is booked and starts more than the notice period from now
 *   (PATIENT_CHANGE_NOTICE_HOURS, 48 by default); inside it, the patient asks too.
 */
import { canBookConsultation } from "~/lib/stages";

export type SelfServiceBlock = "status" | "kind" | "stage" | "notice";

export interface SelfService {
  /** The patient may move or cancel it here. */
  allowed: boolean;
  /** Why not, when not. */
  block: SelfServiceBlock | null;
  /** The last moment a change is taken here (its start less the notice period). */
  until: Date;
}

export interface SelfServiceAppointment {
  kind: string;
  status: string;
  startsAt: Date | string;
}

export function selfService(
  appointment: SelfServiceAppointment,
  stage: string,
  noticeHours: number,
  now: Date = new Date(),
): SelfService {
  const until = new Date(new Date(appointment.startsAt).getTime() - noticeHours * 3_600_000);
  const block: SelfServiceBlock | null =
    appointment.status !== "BOOKED"
      ? "status"
      : appointment.kind !== "CONSULTATION"
        ? "kind"
        : !canBookConsultation(stage)
          ? "stage"
          : now.getTime() >= until.getTime()
            ? "notice"
            : null;
  return { allowed: block === null, block, until };
}
