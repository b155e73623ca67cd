/**
 * Free times as a booking page shows them: the days with free times as a row of links, and the
 * times of the chosen day as radio chips (44 px, a whole chip to tap). Days and times are in
 * the reader's zone, the clinic's time under each. The chosen day is in the address
 * (`?day=YYYY-MM-DD`), so the day links work without JavaScript and a reload keeps the day;
 * the times are one radio group, so the arrow keys move between them. When several resources
 * are free at one time the reader is offered the time once (the first resource, in the
 * clinic's order): a patient picks a time, not a clinician. Staff are offered each resource's
 * time, its name on the chip where several share the time.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, type FieldMetadata } from "~/components/form";
import { parseSlotValue, slotValue } from "~/forms/booking";
import { renderableZone } from "~/lib/time-zones";
import { rowText } from "~/lib/catalogue-text";
import { formatTime, formatZone } from "~/lib/format";
import type { SlotView } from "~/components/slots";

/** A day (YYYY-MM-DD) in `zone`. */
export function dayKey(value: Date | string, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: renderableZone(zone),
  }).format(new Date(value));
}

/**
 * One slot a time (or, with `everyResource`, each resource's slot at that time), grouped by the
 * reader's day, in time order.
 */
export function slotDays(
  slots: SlotView[],
  zone: string,
  everyResource = false,
): Map<string, SlotView[]> {
  const seen = new Set<string>();
  const days = new Map<string, SlotView[]>();
  for (const slot of slots) {
    const start = new Date(slot.startsAt).toISOString();
    if (seen.has(start) && !everyResource) continue;
    seen.add(start);
    const key = dayKey(start, zone);
    days.set(key, [...(days.get(key) ?? []), slot]);
  }
  return days;
}

/** A chip's time: the app's one time format (formatTime), as the calendar grid writes its rows. */
export function chipTime(value: Date | string, locale: string, zone: string): string {
  return formatTime(value, locale, zone);
}

/** A chip's resource: its name in the reader's language (the catalogue's translation). */
export function chipResource(slot: SlotView, locale: string): string {
  return rowText(
    { name: slot.resourceName, translations: slot.resourceTranslations ?? null },
    "name",
    locale,
  ).text;
}

export function DaySlotPicker({
  slots,
  locale,
  zone,
  clinicZone,
  clinicLabel,
  chosenDay,
  dayHref,
  meta,
  showResource = false,
  zoneNote,
}: {
  slots: SlotView[];
  locale: string;
  /** The reader's zone: the days and the large times. */
  zone: string;
  clinicZone: string;
  clinicLabel: string;
  /** The day in the address, if any; else the day of a posted choice, else the first. */
  chosenDay: string | null;
  /** Where a day's link goes. */
  dayHref: (day: string) => string;
  meta: FieldMetadata<unknown>;
  /** Staff choose the resource too: every resource's time, its name on the chip. */
  showResource?: boolean;
  /** What the times are in, when the reader is not the patient (staff book in the clinic's). */
  zoneNote?: string;
}) {
  const { t } = useTranslation("travel");
  const days = slotDays(slots, zone, showResource);
  if (!days.size) return <p className="muted">{t("slots.none")}</p>;
  const posted = typeof meta.initialValue === "string" ? parseSlotValue(meta.initialValue) : null;
  const keys = [...days.keys()];
  const day =
    (chosenDay && days.has(chosenDay) && chosenDay) ||
    (posted && keys.find((k) => k === dayKey(posted.startsAt, zone))) ||
    keys[0]!;
  const fmt = (options: Intl.DateTimeFormatOptions, z: string) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: renderableZone(z) });
  const weekday = fmt({ weekday: "short" }, zone);
  const date = fmt({ day: "numeric", month: "short" }, zone);
  const longDay = fmt({ weekday: "long", day: "numeric", month: "long" }, zone);
  const times = days.get(day) ?? [];
  // Staff see a resource's name on a time several resources offer, in the reader's language.
  const shared = new Set<string>();
  const counted = new Set<string>();
  for (const s of times) {
    const start = new Date(s.startsAt).toISOString();
    if (counted.has(start)) shared.add(start);
    counted.add(start);
  }
  const invalid = Boolean(meta.errors?.length);
  return (
    <div
      className={`day-picker${showResource ? " staff-picker" : ""}${invalid ? " has-error" : ""}`}
      key={meta.key}
    >
      <nav aria-label={t("slots.days")}>
        <ul className="day-tabs">
          {keys.map((k) => {
            const first = new Date(days.get(k)![0]!.startsAt);
            return (
              <li key={k}>
                <Link
                  to={dayHref(k)}
                  preventScrollReset
                  aria-current={k === day ? "date" : undefined}
                >
                  <span className="day-tab-weekday">{weekday.format(first)}</span>
                  <span className="day-tab-date">{date.format(first)}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <fieldset className="time-chips">
        <legend>{t("slots.timesOn", { day: longDay.format(new Date(times[0]!.startsAt)) })}</legend>
        <p className="muted">
          {zoneNote ?? t("slots.yourZone", { zone: formatZone(zone, locale) })}
        </p>
        <FieldErrors meta={meta} />
        <div className="chips">
          {times.map((s, i) => {
            const value = slotValue(s);
            const start = new Date(s.startsAt);
            const time = chipTime(start, locale, zone);
            const clinicTime = chipTime(start, locale, clinicZone);
            const resource =
              showResource && shared.has(start.toISOString()) ? chipResource(s, locale) : null;
            return (
              <label key={value} className={resource ? "chip chip-resource" : "chip"}>
                <input
                  type="radio"
                  id={i === 0 ? meta.id : undefined}
                  name={meta.name}
                  form={meta.formId}
                  value={value}
                  defaultChecked={meta.initialValue === value}
                  required
                  aria-invalid={invalid || undefined}
                  aria-describedby={invalid ? meta.errorId : undefined}
                />
                <span className="chip-time">{time}</span>
                {resource ? <span className="chip-name">{resource}</span> : null}
                {/* Staff see the patient's time only where it differs from the clinic's. */}
                {showResource && clinicTime === time ? null : (
                  <span className="chip-clinic">
                    {clinicTime} <span className="chip-zone">{clinicLabel}</span>
                  </span>
                )}
              </label>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
