/**
 * An appointment's time for a reader, in the order of app/lib/zone-time.ts: the leading time
 * first, the other one beneath it, muted. Each zone is named by its city and offset.
 */
import { useTranslation } from "react-i18next";
import { appointmentTimes, describeTimes, isRemoteAppointment } from "~/lib/zone-time";

export function ZoneTimes({
  at,
  kind,
  patientZone,
  clinicZone,
  reader = "patient",
  style = "full",
}: {
  at: Date | string;
  kind: string;
  patientZone: string;
  clinicZone: string;
  reader?: "patient" | "staff";
  style?: "short" | "medium" | "long" | "full";
}) {
  const { t, i18n } = useTranslation("common");
  const times = appointmentTimes(at, {
    locale: i18n.language,
    patientZone,
    clinicZone,
    // Staff read the clinic's time first; a patient reads a remote appointment in their own.
    remote: reader === "patient" && isRemoteAppointment(kind),
    style,
  });
  const [first, second] = describeTimes(times, (key, vars) => t(key, vars), reader);
  return (
    <>
      <time dateTime={new Date(at).toISOString()}>{first}</time>
      {second ? (
        <>
          <br />
          <span className="muted">{second}</span>
        </>
      ) : null}
    </>
  );
}
