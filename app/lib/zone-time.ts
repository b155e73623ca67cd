/**
 * The one rule for showing an appointment's time to a patient ("your time"), on pages, in
 * emails and in PDFs:
 * - anything that happens at the clinic shows the clinic's local time first, labelled with the
 *   clinic's city, and the patient's own time second;
 * - a remote appointment (the video consultation) shows the patient's own time first.
 * When both zones are the same, the time is shown once. Pure: server and browser alike.
 */
import { formatDateTime, formatZone } from "./format";
import { renderableZone } from "./time-zones";

export type ZoneRole = "clinic" | "patient";

export interface ZoneTime {
  /** Whose clock this is: the clinic's or the patient's. */
  role: ZoneRole;
  zone: string;
  /** "Istanbul (GMT+3)". */
  zoneLabel: string;
  /** The date and time in that zone, in the reader's language. */
  when: string;
}

/** An appointment the patient attends from home: the pre-travel video consultation. */
export function isRemoteAppointment(kind: string): boolean {
  return kind === "CONSULTATION";
}

export interface ZoneTimeOptions {
  locale: string;
  patientZone: string;
  clinicZone: string;
  /** True for a remote appointment (see isRemoteAppointment). */
  remote: boolean;
  style?: "short" | "medium" | "long" | "full";
}

/** The appointment's time in the order the rule above gives: the first is the one that leads. */
export function appointmentTimes(at: Date | string, options: ZoneTimeOptions): ZoneTime[] {
  const { locale, remote, style = "full" } = options;
  const patient = renderableZone(options.patientZone);
  const clinic = renderableZone(options.clinicZone);
  const one = (role: ZoneRole, zone: string): ZoneTime => ({
    role,
    zone,
    zoneLabel: formatZone(zone, locale, at),
    when: formatDateTime(at, locale, zone, style),
  });
  if (patient === clinic) return [one(remote ? "patient" : "clinic", clinic)];
  return remote
    ? [one("patient", patient), one("clinic", clinic)]
    : [one("clinic", clinic), one("patient", patient)];
}

/** A translate function with the common namespace's `zoneTime.*` keys. */
export type ZoneTimeT = (key: string, vars: Record<string, string>) => string;

/**
 * Each time as a sentence part: the clinic's "Monday, 9 March 2026 at 10:00 in Istanbul
 * (GMT+3)", the reader's own "…, your time in Berlin (GMT+1)" (or "the patient's time" on
 * staff pages). `t` must read the common namespace.
 */
export function describeTimes(
  times: ZoneTime[],
  t: ZoneTimeT,
  reader: "patient" | "staff" = "patient",
): string[] {
  return times.map((x) =>
    t(
      x.role === "clinic"
        ? "zoneTime.clinic"
        : reader === "patient"
          ? "zoneTime.yours"
          : "zoneTime.patient",
      { when: x.when, zone: x.zoneLabel },
    ),
  );
}

/** The times as one sentence part, for an email: "… in Istanbul (GMT+3), which is …". */
export function describeTimesInline(times: ZoneTime[], t: ZoneTimeT): string {
  const [first, second] = describeTimes(times, t);
  return second ? t("zoneTime.pair", { first: first ?? "", second }) : (first ?? "");
}
