/**
 * The staff calendar in parts: the toolbar (range, previous / today / next, day or week, by
 * resource or by clinician, one resource), the grid (time rows in the clinic's zone, a column
 * per resource on a day or per day in a week, closed time shaded, appointments as blocks,
 * empty open slots as links), and the two panels the links open: booking a case's step into
 * the slot, and moving or cancelling an appointment. Every link and form works without
 * JavaScript; the state of the view lives in the address.
 */
import { MeetingLink } from "~/components/travel/video-join";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Arrow } from "~/components/bidi";
import { ConfirmAction } from "~/components/confirm";
import { DaySlotPicker } from "~/components/day-slot-picker";
import { FieldErrors, FormErrors, FormKey, useAppForm, type FormReply } from "~/components/form";
import type { SlotView } from "~/components/slots";
import type { BookStepForm, MoveForm } from "~/forms/booking";
import { rowText } from "~/lib/catalogue-text";
import { formatClockTime, formatDateTime, formatZone } from "~/lib/format";

export interface CalendarState {
  view: "day" | "week";
  by: "resource" | "clinician";
  date: string;
  resource: string | null;
}

type Change = Partial<CalendarState> & {
  book?: string;
  appointment?: string;
  q?: string;
};

/** The calendar's address for the current view with `change` applied (panels closed unless named). */
export function calendarHref(state: CalendarState, change: Change = {}, hash = "") {
  const next = { ...state, ...change };
  const params = new URLSearchParams();
  params.set("view", next.view);
  params.set("by", next.by);
  params.set("date", next.date);
  if (next.resource) params.set("resource", next.resource);
  if (change.book) params.set("book", change.book);
  if (change.appointment) params.set("appointment", change.appointment);
  if (change.q) params.set("q", change.q);
  return `/staff/calendar?${params.toString()}${hash}`;
}

interface ResourceView {
  id: string;
  name: string;
  type: string;
  translations: string;
}

interface Placed {
  id: string;
  kind: string;
  title: string;
  resourceId: string;
  day: string;
  start: number;
  end: number;
  caseNumber: string;
  patientName: string;
  rescheduleRequested: boolean;
}

interface CalendarData extends CalendarState {
  days: string[];
  today: string;
  previous: string;
  next: string;
  zone: string;
  resources: ResourceView[];
  shown: string[];
  times: number[];
  startMinute: number;
  endMinute: number;
  instants: Record<string, string[]>;
  open: { resourceId: string; day: string; start: number; end: number }[];
  appointments: Placed[];
  mayWrite: boolean;
  now: string;
}

/** A calendar day (YYYY-MM-DD) as the reader writes it; the day is a date, so read in UTC. */
function dayLabel(day: string, locale: string, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

const resourceName = (r: ResourceView, locale: string) => rowText(r, "name", locale).text;

export function CalendarToolbar({ d }: { d: CalendarData }) {
  const { t, i18n } = useTranslation("travel");
  const locale = i18n.language;
  const week = d.view === "week";
  const range = week
    ? `${dayLabel(d.days[0]!, locale, { day: "numeric", month: "short" })} – ${dayLabel(
        d.days.at(-1)!,
        locale,
        { day: "numeric", month: "short", year: "numeric" },
      )}`
    : dayLabel(d.date, locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const href = (change: Change) => calendarHref(d, change);
  return (
    <header className="calendar-toolbar">
      <h1>
        {t("calendar.heading")} <span className="calendar-range">{range}</span>
      </h1>
      <div className="calendar-controls">
        <nav aria-label={t("calendar.navigate")} className="segmented">
          <Link to={href({ date: d.previous })} rel="prev">
            <Arrow to="back" />
            <span className="visually-hidden">
              {t(week ? "calendar.previousWeek" : "calendar.previousDay")}
            </span>
          </Link>
          <Link to={href({ date: d.today })} aria-current={d.days.includes(d.today) || undefined}>
            {t("calendar.today")}
          </Link>
          <Link to={href({ date: d.next })} rel="next">
            <span className="visually-hidden">
              {t(week ? "calendar.nextWeek" : "calendar.nextDay")}
            </span>
            <Arrow to="forward" />
          </Link>
        </nav>
        <nav aria-label={t("calendar.viewLabel")} className="segmented">
          <Link to={href({ view: "day" })} aria-current={!week ? "page" : undefined}>
            {t("calendar.day")}
          </Link>
          <Link to={href({ view: "week" })} aria-current={week ? "page" : undefined}>
            {t("calendar.week")}
          </Link>
        </nav>
        <nav aria-label={t("calendar.byLabel")} className="segmented">
          <Link
            to={href({ by: "resource", resource: null })}
            aria-current={d.by === "resource" ? "page" : undefined}
          >
            {t("calendar.byResource")}
          </Link>
          <Link
            to={href({ by: "clinician", resource: null })}
            aria-current={d.by === "clinician" ? "page" : undefined}
          >
            {t("calendar.byClinician")}
          </Link>
        </nav>
        <Form method="get" className="calendar-filter">
          <input type="hidden" name="view" value={d.view} />
          <input type="hidden" name="by" value={d.by} />
          <input type="hidden" name="date" value={d.date} />
          <label htmlFor="calendar-resource">
            {t(d.by === "clinician" ? "calendar.clinician" : "calendar.resource")}
          </label>
          <select id="calendar-resource" name="resource" defaultValue={d.resource ?? ""}>
            <option value="">
              {t(d.by === "clinician" ? "calendar.allClinicians" : "calendar.allResources")}
            </option>
            {d.resources.map((r) => (
              <option key={r.id} value={r.id}>
                {resourceName(r, locale)} · {t(`resourceType.${r.type}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t("calendar.show")}</button>
        </Form>
      </div>
      <p className="muted">{t("calendar.zone", { zone: formatZone(d.zone, locale) })}</p>
    </header>
  );
}

/** Overlapping blocks side by side: each gets a lane, and the column's lane count. */
function lanes(items: Placed[]) {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const ends: number[] = [];
  const lane = new Map<string, number>();
  for (const a of sorted) {
    let i = ends.findIndex((end) => end <= a.start);
    if (i === -1) i = ends.length;
    ends[i] = a.end;
    lane.set(a.id + a.day, i);
  }
  return { lane, count: Math.max(1, ends.length) };
}

interface Column {
  key: string;
  day: string;
  resourceIds: string[];
  heading: React.ReactNode;
}

export function CalendarGrid({
  d,
  href,
}: {
  d: CalendarData;
  href: (change: Change, hash?: string) => string;
}) {
  const { t, i18n } = useTranslation("travel");
  const locale = i18n.language;
  const byId = new Map(d.resources.map((r) => [r.id, r]));
  const shown = d.shown.map((id) => byId.get(id)).filter((r): r is ResourceView => Boolean(r));
  const single = shown.length === 1 ? shown[0]! : null;
  const columns: Column[] =
    d.view === "day"
      ? shown.map((r) => ({
          key: r.id,
          day: d.date,
          resourceIds: [r.id],
          heading: (
            <>
              <span className="calendar-col-name">{resourceName(r, locale)}</span>
              <span className="muted">{t(`resourceType.${r.type}`)}</span>
            </>
          ),
        }))
      : d.days.map((day) => ({
          key: day,
          day,
          resourceIds: shown.map((r) => r.id),
          heading: (
            <Link
              to={href({ view: "day", date: day })}
              aria-current={day === d.today ? "date" : undefined}
            >
              <span className="calendar-col-name">
                {dayLabel(day, locale, { weekday: "short" })}
              </span>{" "}
              <span>{dayLabel(day, locale, { day: "numeric", month: "short" })}</span>
            </Link>
          ),
        }));
  if (!columns.length) return <p className="muted">{t("calendar.noResources")}</p>;
  const span = d.endMinute - d.startMinute;
  const pct = (m: number) => `${((m - d.startMinute) / span) * 100}%`;
  const height = (a: number, b: number) => `${((b - a) / span) * 100}%`;
  const now = new Date(d.now).getTime();
  // Free links: a slot is bookable from the grid when the column is one resource's.
  const bookable = (c: Column) => d.mayWrite && c.resourceIds.length === 1;
  return (
    <div className="calendar-scroll">
      {d.view === "week" && !single && d.mayWrite ? (
        <p className="muted calendar-hint">{t("calendar.weekHint")}</p>
      ) : null}
      <div
        className="calendar-grid"
        style={{
          // A week's seven days fit 1,024 px; a day's resources scroll sideways when many.
          gridTemplateColumns: `4.75rem repeat(${columns.length}, minmax(${
            d.view === "week" ? "7rem" : "8.5rem"
          }, 1fr))`,
          ["--rows" as string]: d.times.length,
        }}
      >
        <div className="calendar-corner" />
        {columns.map((c) => (
          <div key={c.key} className="calendar-col-head" role="presentation">
            {c.heading}
          </div>
        ))}
        <div className="calendar-times" aria-hidden="true">
          {d.times.map((m) => (
            <div key={m} className="calendar-time">
              {formatClockTime(m, locale)}
            </div>
          ))}
        </div>
        {columns.map((c) => {
          const open = d.open.filter(
            (o) => o.day === c.day && c.resourceIds.includes(o.resourceId),
          );
          const blocks = d.appointments.filter(
            (a) => a.day === c.day && c.resourceIds.includes(a.resourceId),
          );
          const { lane, count } = lanes(blocks);
          const resource = c.resourceIds.length === 1 ? byId.get(c.resourceIds[0]!) : undefined;
          return (
            <section
              key={c.key}
              className="calendar-col"
              aria-label={
                d.view === "day" && resource
                  ? resourceName(resource, locale)
                  : dayLabel(c.day, locale, { weekday: "long", day: "numeric", month: "long" })
              }
            >
              {open.map((o, i) => (
                <div
                  key={i}
                  className="calendar-open"
                  style={{ top: pct(o.start), height: height(o.start, o.end) }}
                />
              ))}
              {bookable(c) && resource
                ? d.times.map((m, i) => {
                    const end = m + 30;
                    const iso = d.instants[c.day]?.[i];
                    if (!iso || new Date(iso).getTime() <= now) return null;
                    const isOpen = open.some((o) => o.start <= m && o.end >= end);
                    const taken = blocks.some((a) => a.start < end && a.end > m);
                    if (!isOpen || taken) return null;
                    return (
                      <Link
                        key={m}
                        className="calendar-free"
                        style={{ top: pct(m), height: height(m, end) }}
                        to={href({ book: `${resource.id}@${iso}` }, "#calendar-panel")}
                      >
                        <span className="visually-hidden">
                          {t("calendar.bookSlot", {
                            resource: resourceName(resource, locale),
                            time: formatClockTime(m, locale),
                            day: dayLabel(c.day, locale, {
                              weekday: "long",
                              day: "numeric",
                              month: "long",
                            }),
                          })}
                        </span>
                        <span aria-hidden="true">+ {formatClockTime(m, locale)}</span>
                      </Link>
                    );
                  })
                : null}
              {blocks.map((a) => {
                const l = lane.get(a.id + a.day) ?? 0;
                const r = byId.get(a.resourceId);
                const time = `${formatClockTime(a.start, locale)}–${formatClockTime(a.end, locale)}`;
                const title = a.kind === "CONSULTATION" ? t("appointments.consultation") : a.title;
                const where = d.view === "week" && !single && r ? resourceName(r, locale) : null;
                // The block clips its lines; its whole text is its name and its tooltip.
                const full = [
                  time,
                  a.caseNumber,
                  a.patientName,
                  title,
                  where,
                  a.rescheduleRequested ? t("calendar.moveAsked") : null,
                ]
                  .filter(Boolean)
                  .join(" · ");
                return (
                  <Link
                    key={a.id}
                    className={`calendar-appt kind-${a.kind.toLowerCase()} type-${(r?.type ?? "").toLowerCase()}`}
                    style={{
                      top: pct(Math.max(a.start, d.startMinute)),
                      height: height(
                        Math.max(a.start, d.startMinute),
                        Math.min(a.end, d.endMinute),
                      ),
                      insetInlineStart: `${(l / count) * 100}%`,
                      width: `${100 / count}%`,
                    }}
                    to={href({ appointment: a.id }, "#calendar-panel")}
                    aria-label={full}
                    title={full}
                  >
                    <span className="calendar-appt-time">{time}</span>{" "}
                    <span className="calendar-appt-line">
                      <strong>
                        <bdi>{a.caseNumber}</bdi>
                      </strong>{" "}
                      <bdi className="calendar-appt-patient">{a.patientName}</bdi>
                    </span>{" "}
                    <span className="calendar-appt-title">{title}</span>
                    {where ? <span className="calendar-appt-line muted">{where}</span> : null}
                    {a.rescheduleRequested ? (
                      <span className="badge warn"> {t("calendar.moveAsked")}</span>
                    ) : null}
                  </Link>
                );
              })}
            </section>
          );
        })}
      </div>
      <p className="calendar-legend muted">
        <span className="calendar-swatch closed" aria-hidden="true" /> {t("calendar.closed")}
      </p>
    </div>
  );
}

export function BookingPanel({
  booking,
  state,
  zone,
  formKey,
  reply,
  busy,
}: {
  booking: {
    value: string;
    resource: ResourceView;
    startsAt: Date | string;
    past: boolean;
    q: string;
    cases: {
      id: string;
      number: string;
      patientName: string;
      steps: { id: string; name: string; minutes: number }[];
    }[];
  };
  state: CalendarState;
  zone: string;
  formKey: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("travel");
  const locale = i18n.language;
  const { form, fields, props } = useAppForm<z.input<typeof BookStepForm>>("book", reply);
  const when = formatDateTime(booking.startsAt, locale, zone, "full");
  const name = resourceName(booking.resource, locale);
  const meta = fields.planStepId;
  const invalid = Boolean(meta.errors?.length);
  return (
    <section id="calendar-panel" className="card calendar-panel" aria-labelledby="book-heading">
      <h2 id="book-heading">{t("calendar.bookHeading", { resource: name, when })}</h2>
      <Form method="get" className="calendar-search">
        <input type="hidden" name="view" value={state.view} />
        <input type="hidden" name="by" value={state.by} />
        <input type="hidden" name="date" value={state.date} />
        {state.resource ? <input type="hidden" name="resource" value={state.resource} /> : null}
        <input type="hidden" name="book" value={booking.value} />
        <label htmlFor="calendar-q">{t("calendar.search")}</label>
        <input id="calendar-q" name="q" type="search" defaultValue={booking.q} maxLength={100} />
        <button type="submit">{t("calendar.searchButton")}</button>
      </Form>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="book" />
        <input type="hidden" name="slot" value={booking.value} />
        <FormKey value={formKey} />
        {booking.cases.length ? (
          <fieldset
            id={meta.id}
            className={
              invalid ? "choices calendar-candidates has-error" : "choices calendar-candidates"
            }
            aria-describedby={invalid ? meta.errorId : undefined}
          >
            <legend>
              {t("calendar.pickStep", { type: t(`resourceType.${booking.resource.type}`) })}
            </legend>
            <FieldErrors meta={meta} />
            {booking.cases.map((c) => (
              <div key={c.id} className="calendar-candidate">
                <p>
                  <strong>
                    <bdi>{c.number}</bdi>
                  </strong>{" "}
                  <bdi>{c.patientName}</bdi>
                </p>
                {c.steps.map((s) => (
                  <label key={s.id} className="choice">
                    <input
                      type="radio"
                      name={meta.name}
                      value={s.id}
                      defaultChecked={meta.initialValue === s.id}
                      required
                    />{" "}
                    {s.name}{" "}
                    <span className="muted">{t("calendar.minutes", { minutes: s.minutes })}</span>
                  </label>
                ))}
              </div>
            ))}
          </fieldset>
        ) : (
          <p className="muted">{t(booking.q ? "calendar.noMatch" : "calendar.noCandidates")}</p>
        )}
        <div className="actions">
          {booking.cases.length ? (
            <button type="submit" className="primary" disabled={busy || booking.past}>
              {t("calendar.bookButton")}
            </button>
          ) : null}
          <Link to={calendarHref(state)}>{t("calendar.close")}</Link>
        </div>
      </Form>
    </section>
  );
}

export function AppointmentPanel({
  appointment: a,
  state,
  zone,
  mayWrite,
  formKey,
  reply,
  busy,
}: {
  appointment: {
    id: string;
    kind: string;
    title: string;
    startsAt: Date | string;
    endsAt: Date | string;
    resource: ResourceView | null;
    case: { id: string; number: string; patient: { name: string; timeZone: string } };
    canMove: boolean;
    slots: SlotView[];
    /** A video consultation's meeting link, while it holds (never once cancelled). */
    meetingUrl?: string | null;
  };
  state: CalendarState;
  zone: string;
  mayWrite: boolean;
  formKey: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("travel");
  const locale = i18n.language;
  const [params] = useSearchParams();
  const move = useAppForm<z.input<typeof MoveForm>>("move", reply);
  const cancel = useAppForm("cancel", reply);
  const title = a.kind === "CONSULTATION" ? t("appointments.consultation") : a.title;
  const when = formatDateTime(a.startsAt, locale, zone, "full");
  const patientZone = a.case.patient.timeZone;
  const here = calendarHref(state, { appointment: a.id });
  return (
    <section id="calendar-panel" className="card calendar-panel" aria-labelledby="appt-heading">
      <h2 id="appt-heading">{title}</h2>
      <p>
        <strong>
          <bdi>{a.case.number}</bdi>
        </strong>{" "}
        <bdi>{a.case.patient.name}</bdi> · {when}
        {a.resource ? <> · {resourceName(a.resource, locale)}</> : null}
      </p>
      <p>
        <Link to={`/staff/cases/${a.case.id}`}>
          {t("calendar.openCase", { caseNumber: a.case.number })}
        </Link>{" "}
        · <Link to={`/staff/cases/${a.case.id}/schedule`}>{t("calendar.openSchedule")}</Link>
      </p>
      <MeetingLink url={a.meetingUrl} />
      {mayWrite && a.canMove ? (
        <>
          <h3>{t("calendar.moveHeading")}</h3>
          <Form method="post" {...move.props}>
            <FormErrors form={move.form} />
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="appointmentId" value={a.id} />
            <FormKey value={formKey} />
            <DaySlotPicker
              slots={a.slots}
              locale={locale}
              zone={zone}
              clinicZone={patientZone}
              clinicLabel={formatZone(patientZone, locale)}
              zoneNote={t("slots.staffZone", {
                zone: formatZone(zone, locale),
                patient: formatZone(patientZone, locale),
              })}
              chosenDay={params.get("day")}
              dayHref={(day) => `${here}&day=${day}#calendar-panel`}
              meta={move.fields.slot}
              showResource
            />
            {a.slots.length ? (
              <button type="submit" className="primary" disabled={busy}>
                {t("schedule.confirmMove")}
              </button>
            ) : null}
          </Form>
          <ConfirmAction
            intent="cancel"
            fields={{ appointmentId: a.id }}
            formProps={cancel.props}
            open={Boolean(cancel.form.errors?.length)}
            label={t("schedule.cancel")}
            question={t("schedule.cancelQuestion", { title, when })}
            confirm={t("schedule.cancelConfirm")}
            busy={busy}
          >
            <FormErrors form={cancel.form} />
          </ConfirmAction>
        </>
      ) : mayWrite ? (
        <p className="muted">{t("calendar.stageLocked")}</p>
      ) : null}
      <p>
        <Link to={calendarHref(state)}>{t("calendar.close")}</Link>
      </p>
    </section>
  );
}
