/**
 * Free slots as radio buttons, grouped by day, each showing the time in the reader's zone
 * and in the other party's (patient and clinic). One fieldset per day, so a screen reader
 * hears the day with every time; arrow keys move between the times of a day.
 */
import { useTranslation } from "react-i18next";
import { FieldErrors, type FieldMetadata } from "~/components/form";
import { parseSlotValue, slotValue } from "~/forms/booking";
import { formatTime, formatZone } from "~/lib/format";
import { renderableZone } from "~/lib/time-zones";

export interface SlotView {
  resourceId: string;
  resourceName: string;
  /** The resource's names in other languages (the catalogue's JSON), when known. */
  resourceTranslations?: string | null;
  startsAt: Date | string;
  endsAt: Date | string;
}

export { parseSlotValue, slotValue };

export function SlotPicker({
  slots,
  locale,
  primaryZone,
  secondaryZone,
  showResource = true,
  meta,
}: {
  slots: SlotView[];
  locale: string;
  /** The zone the days and first times are shown in. */
  primaryZone: string;
  /** The other party's zone, shown beside each time with its city and offset. */
  secondaryZone: string;
  showResource?: boolean;
  /** The form's slot field: its name, ids and error. */
  meta: FieldMetadata<unknown>;
}) {
  const { t } = useTranslation("travel");
  const day = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: renderableZone(primaryZone),
  });
  // The app's one time format, as the calendar and the day picker write times.
  const time = (zone: string) => ({ format: (d: Date) => formatTime(d, locale, zone) });
  const groups = new Map<string, SlotView[]>();
  for (const slot of slots) {
    const key = day.format(new Date(slot.startsAt));
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  if (!slots.length) return <p className="muted">{t("slots.none")}</p>;
  const invalid = Boolean(meta.errors?.length);
  let first = true;
  return (
    <div className={invalid ? "slot-days has-error" : "slot-days"} key={meta.key}>
      <FieldErrors meta={meta} />
      {[...groups].map(([label, list]) => (
        <fieldset key={label} className="slot-day">
          <legend>{label}</legend>
          <div className="slot-list">
            {list.map((s) => {
              const value = slotValue(s);
              const start = new Date(s.startsAt);
              const id = first ? meta.id : undefined;
              first = false;
              return (
                <label key={value} className="slot">
                  <input
                    type="radio"
                    id={id}
                    name={meta.name}
                    form={meta.formId}
                    value={value}
                    defaultChecked={meta.initialValue === value}
                    required
                    aria-invalid={invalid || undefined}
                    aria-describedby={invalid ? meta.errorId : undefined}
                  />
                  <span>
                    <strong>
                      {time(primaryZone).format(start)}–
                      {time(primaryZone).format(new Date(s.endsAt))}
                    </strong>{" "}
                    <span className="muted">
                      · <bdi>{formatZone(secondaryZone, locale, start)}</bdi>:{" "}
                      {time(secondaryZone).format(start)}
                    </span>
                    {showResource ? (
                      <span className="slot-resource"> · {s.resourceName}</span>
                    ) : null}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
