/**
 * The trip's timeline and its passports, shared by the patient's travel page and the
 * coordinator's. Appointments show in the reader's zone and the clinic's; flights in their
 * airports' zones; conflicts are flagged on the entries they involve.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Arrow, Ltr, ltr } from "~/components/bidi";
import { InLanguage, RowText } from "~/components/translated";
import { appointmentName, type Translatable } from "~/lib/catalogue-text";
import { itemPlaces } from "~/lib/itinerary";
import { ZoneTimes } from "~/components/zone-times";
import { formatDateTime, formatDay, formatZone, isolate } from "~/lib/format";

export interface EntryView {
  id: string;
  type: "appointment" | "item";
  kind: string;
  /** As the coordinator typed it (an appointment's: the English step name it was booked as). */
  title: string;
  /** An appointment's pathway step, named in the reader's language. */
  step: Translatable<"name"> | null;
  startsAt: Date | string;
  startZone: string | null;
  endsAt: Date | string | null;
  endZone: string | null;
  /** An appointment's resource (a chair, a room, a clinician), named in the reader's language. */
  place: Translatable<"name"> | null;
  fromPlace: string | null;
  toPlace: string | null;
  contact: { name: string | null; phone: string | null } | null;
  note: string | null;
  flagged: boolean;
}

export function TripTimeline({
  entries,
  timeZone,
  clinicZone,
  reader,
  actions,
}: {
  entries: EntryView[];
  timeZone: string;
  clinicZone: string;
  /** Who reads: a patient sees "your time", staff "the patient's time". */
  reader: "patient" | "staff";
  actions?: (entry: EntryView) => ReactNode;
}) {
  const { t, i18n } = useTranslation("travel");
  const lng = i18n.language;
  const when = (v: Date | string, zone: string) => formatDateTime(v, lng, zone, "medium");
  const zoned = (v: Date | string, zone: string) =>
    t("common:zoneTime.at", {
      when: isolate(when(v, zone)),
      zone: isolate(formatZone(zone, lng, v)),
    });
  if (!entries.length) return <p className="muted">{t("timeline.empty")}</p>;
  return (
    <ol className="trip-timeline">
      {entries.map((e) => {
        // A patient reads a transfer or a hotel by its places, under the kind's label; staff
        // read the title as the coordinator typed it.
        const places = e.type === "item" && reader === "patient" ? itemPlaces(e) : null;
        const title =
          e.type === "appointment" ? (
            <InLanguage
              value={appointmentName(
                { ...e, planStep: { pathwayStep: e.step } },
                lng,
                t("appointments.consultation"),
              )}
            />
          ) : places ? (
            places.map((p, n) => (
              <span key={n}>
                {n ? (
                  <>
                    {" "}
                    <Arrow to="forward" />{" "}
                  </>
                ) : null}
                <bdi>{p}</bdi>
              </span>
            ))
          ) : (
            <bdi>{e.title}</bdi>
          );
        return (
          <li key={e.id} className={e.flagged ? "trip-entry flagged" : "trip-entry"}>
            <p className="trip-kind">
              {t(e.type === "appointment" ? "timeline.appointment" : `itinerary.kind.${e.kind}`)}
              {e.flagged ? <span className="badge warn"> {t("conflicts.flag")}</span> : null}
            </p>
            <p>
              <strong>{title}</strong>
              {e.place ? (
                <span className="muted">
                  {" "}
                  · <RowText row={e.place} field="name" />
                </span>
              ) : null}
            </p>
            {e.type === "appointment" ? (
              <p>
                <ZoneTimes
                  at={e.startsAt}
                  kind={e.kind}
                  patientZone={timeZone}
                  clinicZone={clinicZone}
                  reader={reader}
                  style="medium"
                />
              </p>
            ) : (
              <p>
                {/* "10:00 in Doha (GMT+3)": the zone named once, never in a second pair of brackets. */}
                {zoned(e.startsAt, e.startZone ?? clinicZone)}
                {e.endsAt ? (
                  <>
                    {" "}
                    <Arrow to="forward" /> {zoned(e.endsAt, e.endZone ?? clinicZone)}
                  </>
                ) : null}
              </p>
            )}
            {e.contact ? (
              <p>
                {t("timeline.contact", {
                  contact:
                    e.contact.name && e.contact.phone
                      ? t("timeline.contactPair", {
                          name: e.contact.name,
                          phone: ltr(e.contact.phone),
                        })
                      : (e.contact.name ?? ltr(e.contact.phone ?? "")),
                })}
              </p>
            ) : null}
            {e.note ? (
              <p className="muted" dir="auto">
                {e.note}
              </p>
            ) : null}
            {actions?.(e)}
          </li>
        );
      })}
    </ol>
  );
}

export interface PassportView {
  id: string;
  kind: string;
  status: string;
  fileName: string;
  mimeType?: string;
  createdAt: Date | string;
  holderName: string | null;
  nativeName?: string | null;
  nationality: string | null;
  documentNumber: string | null;
  birthDate: Date | string | null;
  expiresOn: Date | string | null;
  rejectReason: string | null;
  rejectNote: string | null;
  validity: {
    ok: boolean;
    validUntil: Date | string | null;
    returnDate: Date | string | null;
  } | null;
}

/** One passport's details, review state and six-month check. */
export function PassportCard({
  passport: p,
  downloadUrl,
  reader,
  children,
  scan,
}: {
  passport: PassportView;
  downloadUrl: string;
  /** A patient reads "My passport"; staff "Patient's passport". */
  reader: "patient" | "staff";
  children?: ReactNode;
  /** The scan itself, shown beside the typed details (the coordinator's review). */
  scan?: ReactNode;
}) {
  const { t, i18n } = useTranslation("travel");
  const lng = i18n.language;
  const day = (v: Date | string | null) => (v ? formatDay(v, lng) : "—");
  const country = (code: string | null) =>
    code
      ? (new Intl.DisplayNames([lng], { type: "region", fallback: "code" }).of(code) ?? code)
      : "—";
  return (
    <li className={scan ? "card passport with-scan" : "card passport"}>
      <div className="passport-details">
        <p>
          <strong>
            {t(reader === "staff" ? `staff.passportKind.${p.kind}` : `passport.kind.${p.kind}`)}
          </strong>{" "}
          <span className={`badge status-${p.status.toLowerCase()}`}>
            {t(`passport.status.${p.status}`)}
          </span>
        </p>
        <dl className="facts">
          <dt>{t("passport.holderName")}</dt>
          <dd>
            {p.holderName ? <bdi dir="ltr">{p.holderName}</bdi> : "—"}
            {p.nativeName ? (
              <>
                {" "}
                <span className="muted">
                  (<bdi>{p.nativeName}</bdi>)
                </span>
              </>
            ) : null}
          </dd>
          <dt>{t("passport.nationality")}</dt>
          <dd>{country(p.nationality)}</dd>
          <dt>{t("passport.documentNumber")}</dt>
          <dd>{p.documentNumber ? <Ltr>{p.documentNumber}</Ltr> : "—"}</dd>
          <dt>{t("passport.birthDate")}</dt>
          <dd>{day(p.birthDate)}</dd>
          <dt>{t("passport.expiresOn")}</dt>
          <dd>{day(p.expiresOn)}</dd>
        </dl>
        {p.validity ? (
          p.validity.ok ? (
            <p className="muted">
              {p.validity.validUntil
                ? t("passport.validOk", { date: day(p.validity.validUntil) })
                : t(reader === "staff" ? "staff.validUnknown" : "passport.validUnknown")}
            </p>
          ) : (
            <p className="field-error">
              {t("passport.validTooShort", {
                date: day(p.validity.validUntil),
                back: day(p.validity.returnDate),
              })}
            </p>
          )
        ) : null}
        {p.status === "REJECTED" && p.rejectReason ? (
          <p className="notice warn">
            {t(`passport.reason.${p.rejectReason}`)}
            {p.rejectNote ? ` — “${p.rejectNote}”` : ""}
          </p>
        ) : null}
        <p>
          <a href={downloadUrl}>{t("passport.download", { name: p.fileName })}</a>
        </p>
        {children}
      </div>
      {scan ? <div className="passport-scan">{scan}</div> : null}
    </li>
  );
}
