/**
 * Free slots as radio buttons, grouped by day, each showing the time in the reader's zone
 * and in the other party's (patient and clinic). One fieldset per day, so a screen reader
 * hears the day with every time; arrow keys move between the times of a day.
 */
import { renderableZone } from "~/lib/time-zones";
import { useTranslation } from "react-i18next";

export interface SlotView {
  resourceId: string;
  resourceName: string;
  startsAt: Date | string;
  endsAt: Date | string;
}

export const slotValue = (s: SlotView) => `${s.resourceId}@${new Date(s.startsAt).toISOString()}`;

export function parseSlotValue(value: string): { resourceId: string; startsAt: Date } | null {
  const match = /^([A-Za-z0-9_-]{1,64})@(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(value);
  if (!match) return null;
  const [, resourceId = "", iso = ""] = match;
  const startsAt = new Date(iso);
  return Number.isNaN(startsAt.getTime()) ? null : { resourceId, startsAt };
}

export function SlotPicker({
  slots,
  locale,
  primaryZone,
  secondaryZone,
  secondaryLabel,
  showResource = true,
  error,
}: {
  slots: SlotView[];
  locale: string;
  /** The zone the days and first times are shown in. */
  primaryZone: string;
  secondaryZone: string;
  secondaryLabel: string;
  showResource?: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation("travel");
  const day = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: renderableZone(primaryZone),
  });
  const time = (zone: string) =>
    new Intl.DateTimeFormat(locale, {
      hour: "2-digit",
      minute: "2-digit",
      timeZone: renderableZone(zone),
    });
  const groups = new Map<string, SlotView[]>();
  for (const slot of slots) {
    const key = day.format(new Date(slot.startsAt));
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  if (!slots.length) return <p className="muted">{t("slots.none")}</p>;
  return (
    <div className="slot-days" aria-describedby={error ? "slot-error" : undefined}>
      {[...groups].map(([label, list]) => (
        <fieldset key={label} className="slot-day">
          <legend>{label}</legend>
          <div className="slot-list">
            {list.map((s) => {
              const value = slotValue(s);
              const start = new Date(s.startsAt);
              return (
                <label key={value} className="slot">
                  <input type="radio" name="slot" value={value} required />
                  <span>
                    <strong>
                      {time(primaryZone).format(start)}–
                      {time(primaryZone).format(new Date(s.endsAt))}
                    </strong>{" "}
                    <span className="muted">
                      ({secondaryLabel} {time(secondaryZone).format(start)})
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
