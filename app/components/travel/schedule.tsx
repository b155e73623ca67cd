/**
 * The coordinator's booking page in parts: the treatment plan with what is booked for each
 * step, the booked appointments (move, cancel), and the free slots to book a step into or
 * move an appointment to. Times show in the clinic's zone with the patient's beside them.
 */
import { MeetingLink } from "~/components/travel/video-join";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm";
import type { z } from "zod";
import { FormErrors, FormKey, useAppForm, type FormReply } from "~/components/form";
import type { SlotView } from "~/components/slots";
import { DaySlotPicker } from "~/components/day-slot-picker";
import { ZoneTimes } from "~/components/zone-times";
import type { BookStepForm } from "~/forms/booking";
import { formatDateTime, formatZone } from "~/lib/format";
import {
  conflictEntryText,
  conflictWhat,
  isTravelRule,
  type DescribedConflict,
} from "~/lib/itinerary";
import { Arrow } from "~/components/bidi";

/**
 * What the trip's checks found that does not fit together: each conflict once, with the
 * appointments and entries it is about (name, time in the clinic's or the entry's zone,
 * resource). A breach of the treatment's travel rules (issue 25) names its rule and is marked
 * as one no one can override.
 */
export function Conflicts({ conflicts }: { conflicts: readonly DescribedConflict[] }) {
  const { t, i18n } = useTranslation("travel");
  if (!conflicts.length) return null;
  return (
    <section className="notice warn conflicts" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{t("conflicts.title")}</h2>
      <ul>
        {conflicts.map((c) => (
          <li key={`${c.code}-${c.ids.join("-")}`} data-code={c.code}>
            {isTravelRule(c) ? (
              <strong className="badge warn">{t("conflicts.travelRule")}</strong>
            ) : null}{" "}
            <bdi>{conflictWhat(c, t, i18n.language)}</bdi>
            <ul>
              {c.entries.map((e, i) => (
                <li key={i}>
                  <bdi>{conflictEntryText(e, t, i18n.language)}</bdi>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface StepView {
  id: string;
  name: string;
  resourceType: string | null;
  durationMinutes: number | null;
}

interface AppointmentView {
  id: string;
  kind: string;
  title: string;
  startsAt: Date | string;
  rescheduleRequestedAt: Date | string | null;
  rescheduleNote: string | null;
  resource: { name: string } | null;
  planStep: { id: string } | null;
  /** A video consultation's meeting link, while it holds (never once cancelled). */
  meetingUrl?: string | null;
}

/** Each step of the plan, what it needs, when it is booked, and a link to find it a time. */
export function PlanTable({
  steps,
  appointments,
  canBook,
  base,
  fromDay,
  clinicZone,
}: {
  steps: StepView[];
  appointments: AppointmentView[];
  canBook: boolean;
  /** The page's address, for the slot links. */
  base: string;
  fromDay: string;
  clinicZone: string;
}) {
  const { t, i18n } = useTranslation("travel");
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t("schedule.plan")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("schedule.step")}</th>
            <th scope="col">{t("schedule.needs")}</th>
            <th scope="col">{t("schedule.booked")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("schedule.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const booked = appointments.filter((a) => a.planStep?.id === s.id);
            const bookable = Boolean(s.resourceType && s.durationMinutes);
            return (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>
                  {bookable
                    ? t("schedule.needsValue", {
                        resource: t(`resourceType.${s.resourceType}`),
                        minutes: s.durationMinutes,
                      })
                    : t("schedule.noBooking")}
                </td>
                <td>
                  {booked.length
                    ? booked.map((a) => (
                        <div key={a.id}>
                          {formatDateTime(a.startsAt, i18n.language, clinicZone, "full")}
                        </div>
                      ))
                    : "—"}
                </td>
                <td>
                  {canBook && bookable ? (
                    <Link to={`${base}?step=${s.id}&from=${fromDay}#slots`}>
                      {t(booked.length ? "schedule.bookAgain" : "schedule.book")}
                      <span className="visually-hidden"> {s.name}</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The booked appointments, each with a link to move it and a button to cancel it. */
export function BookedAppointments({
  appointments,
  canBook,
  base,
  fromDay,
  clinicZone,
  patientZone,
  busy,
}: {
  appointments: AppointmentView[];
  canBook: boolean;
  base: string;
  fromDay: string;
  clinicZone: string;
  patientZone: string;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("travel");
  const title = (a: AppointmentView) =>
    a.kind === "CONSULTATION" ? t("appointments.consultation") : a.title;
  return (
    <section aria-labelledby="appointments-heading">
      <h2 id="appointments-heading">{t("staff.appointmentsHeading")}</h2>
      {appointments.length ? (
        <ul className="appointments">
          {appointments.map((a) => (
            <li key={a.id} className="card">
              <p>
                <strong>
                  {a.kind === "CONSULTATION" ? t("appointments.consultation") : a.title}
                </strong>
                {a.resource ? <span className="muted"> · {a.resource.name}</span> : null}
              </p>
              <p>
                <ZoneTimes
                  at={a.startsAt}
                  kind={a.kind}
                  patientZone={patientZone}
                  clinicZone={clinicZone}
                  reader="staff"
                />
              </p>
              <MeetingLink url={a.meetingUrl} name={title(a)} />
              {a.rescheduleRequestedAt ? (
                <p className="notice warn">
                  {t("appointments.rescheduleRequested")}: “{a.rescheduleNote}”
                </p>
              ) : null}
              {canBook ? (
                <div className="actions">
                  <Link to={`${base}?move=${a.id}&from=${fromDay}#slots`}>
                    {t("schedule.move")}
                    <span className="visually-hidden"> {a.title}</span>
                  </Link>
                  <ConfirmAction
                    intent="cancel"
                    fields={{ appointmentId: a.id }}
                    label={
                      <>
                        {t("schedule.cancel")}
                        <span className="visually-hidden"> {title(a)}</span>
                      </>
                    }
                    question={t("schedule.cancelQuestion", {
                      title: title(a),
                      when: formatDateTime(a.startsAt, i18n.language, clinicZone, "full"),
                    })}
                    confirm={t("schedule.cancelConfirm")}
                    busy={busy}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("appointments.none")}</p>
      )}
    </section>
  );
}

/**
 * The free slots for the step being booked (form "book") or the appointment being moved
 * (form "move"), a week at a time. Render it keyed by what is picked, so each starts afresh.
 * Both carry the page's form key: a second click books or moves nothing (and sends no second
 * invite).
 */
export function SlotSection({
  picking,
  slots,
  base,
  previousDay,
  nextDay,
  clinicZone,
  patientZone,
  formKey,
  reply,
  busy,
}: {
  picking: { kind: "step" | "move"; id: string; label: string };
  slots: SlotView[];
  base: string;
  previousDay: string;
  nextDay: string;
  clinicZone: string;
  patientZone: string;
  formKey: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("travel");
  const step = picking.kind === "step";
  const { form, fields, props } = useAppForm<z.input<typeof BookStepForm>>(
    step ? "book" : "move",
    reply,
  );
  const picker = `${step ? "step" : "move"}=${picking.id}`;
  const [params] = useSearchParams();
  const from = params.get("from") ?? "";
  return (
    <section id="slots" aria-labelledby="slots-heading">
      <h2 id="slots-heading">
        {t(step ? "schedule.pickFor" : "schedule.moveFor", { name: picking.label })}
      </h2>
      <nav className="week-nav" aria-label={t("slots.weeks")}>
        <Link to={`${base}?${picker}&from=${previousDay}#slots`}>
          <Arrow to="back" /> {t("slots.previous")}
        </Link>
        <Link to={`${base}?${picker}&from=${nextDay}#slots`}>
          {t("slots.next")} <Arrow to="forward" />
        </Link>
      </nav>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value={step ? "book" : "move"} />
        <input type="hidden" name={step ? "planStepId" : "appointmentId"} value={picking.id} />
        <FormKey value={formKey} />
        {/* Days as tabs and the chosen day's times as chips: a week of a step's free times
            without a long list (issue 22). Staff book in the clinic's time, the patient's below
            it, and each chip names its resource. */}
        <DaySlotPicker
          slots={slots}
          locale={i18n.language}
          zone={clinicZone}
          clinicZone={patientZone}
          clinicLabel={formatZone(patientZone, i18n.language)}
          zoneNote={t("slots.staffZone", {
            zone: formatZone(clinicZone, i18n.language),
            patient: formatZone(patientZone, i18n.language),
          })}
          chosenDay={params.get("day")}
          dayHref={(day) => `${base}?${picker}&from=${from}&day=${day}#slots`}
          meta={fields.slot}
          showResource
        />
        {slots.length ? (
          <button type="submit" disabled={busy}>
            {t(step ? "schedule.confirmBook" : "schedule.confirmMove")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}
