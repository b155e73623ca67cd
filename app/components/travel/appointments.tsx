/**
 * The patient's appointments page in parts: their appointments (each with a request to move
 * it), the week they would like treatment to start, and the free times for their video
 * consultation. Times show in the patient's zone with the clinic's beside them.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, FormField, FormKey, useAppForm, type FormReply } from "~/components/form";
import { SlotPicker, type SlotView } from "~/components/slots";
import type { ConsultForm, RescheduleForm, WindowForm } from "~/forms/booking";
import { formatDateTime } from "~/lib/format";
import { TEXT_MAX } from "~/lib/review";
import { Arrow } from "~/components/bidi";

interface PatientAppointment {
  id: string;
  kind: string;
  title: string;
  stepKey: string | null;
  startsAt: Date | string;
  status: string;
  resource: string | null;
  rescheduleRequestedAt: Date | string | null;
}

interface Common {
  reply: FormReply | null | undefined;
  formKey: string;
  busy: boolean;
}

export function PatientAppointmentList({
  appointments,
  programme,
  timeZone,
  clinicZone,
  ...common
}: Common & {
  appointments: PatientAppointment[];
  programme: string;
  timeZone: string;
  clinicZone: string;
}) {
  const { t, i18n } = useTranslation("travel");
  const { t: tc } = useTranslation("catalogue");
  const when = (value: Date | string, zone: string) =>
    formatDateTime(value, i18n.language, zone, "full");
  const titleOf = (a: PatientAppointment) =>
    a.kind === "CONSULTATION"
      ? t("appointments.consultation")
      : a.stepKey
        ? tc(`${programme}.steps.${a.stepKey}.name`, { defaultValue: a.title })
        : a.title;
  return (
    <section aria-labelledby="booked-heading">
      <h2 id="booked-heading">{t("appointments.booked")}</h2>
      {appointments.length ? (
        <ul className="appointments">
          {appointments.map((a) => (
            <li key={a.id} className="card">
              <p>
                <strong>{titleOf(a)}</strong>
                {a.resource ? <span className="muted"> · {a.resource}</span> : null}
              </p>
              <p>
                {when(a.startsAt, timeZone)} ({t("zoneYours")})
                <br />
                <span className="muted">
                  {when(a.startsAt, clinicZone)} ({t("zoneClinic")})
                </span>
              </p>
              {a.rescheduleRequestedAt ? (
                <p className="notice">{t("appointments.rescheduleAsked")}</p>
              ) : a.status === "BOOKED" ? (
                <RescheduleRequest appointmentId={a.id} {...common} />
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

/** "Ask to move this appointment": a note to the coordinator (form "reschedule-<id>"). */
function RescheduleRequest({
  appointmentId,
  reply,
  formKey,
  busy,
}: Common & { appointmentId: string }) {
  const { t } = useTranslation("travel");
  const id = `reschedule-${appointmentId}`;
  const { form, fields, props } = useAppForm<z.input<typeof RescheduleForm>>(id, reply);
  return (
    <details open={reply?.form === id}>
      <summary>{t("appointments.askReschedule")}</summary>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="reschedule" />
        <input type="hidden" name="appointmentId" value={appointmentId} />
        <FormKey value={formKey} />
        <FormField meta={fields.note} label={t("appointments.rescheduleNote")}>
          {(control) => <textarea {...control} rows={3} maxLength={TEXT_MAX} />}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("appointments.sendReschedule")}
        </button>
      </Form>
    </details>
  );
}

/** The week the patient would like treatment to start (form "window"). */
export function WindowSection({
  weeks,
  chosenWeek,
  reply,
  busy,
}: Omit<Common, "formKey"> & { weeks: string[]; chosenWeek: string | null }) {
  const { t, i18n } = useTranslation("travel");
  const { form, fields, props } = useAppForm<z.input<typeof WindowForm>>("window", reply, {
    week: chosenWeek ?? "",
  });
  const weekLabel = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(day),
    );
  return (
    <section aria-labelledby="window-heading">
      <h2 id="window-heading">{t("window.heading")}</h2>
      <p>{t("window.intro")}</p>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="window" />
        <FormField meta={fields.week} label={t("window.label")}>
          {(control) => (
            <select {...control}>
              <option value="">{t("window.choose")}</option>
              {weeks.map((w) => (
                <option key={w} value={w}>
                  {t("window.weekOf", { date: weekLabel(w) })}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("window.save")}
        </button>
      </Form>
    </section>
  );
}

/** The free times for the video consultation, a week at a time (form "consultation"). */
export function ConsultSection({
  slots,
  minutes,
  base,
  previousDay,
  nextDay,
  timeZone,
  clinicZone,
  reply,
  formKey,
  busy,
}: Common & {
  slots: SlotView[];
  minutes: number;
  base: string;
  previousDay: string | null;
  nextDay: string;
  timeZone: string;
  clinicZone: string;
}) {
  const { t, i18n } = useTranslation("travel");
  const { form, fields, props } = useAppForm<z.input<typeof ConsultForm>>("consultation", reply);
  return (
    <section id="consult" aria-labelledby="consult-heading">
      <h2 id="consult-heading">{t("consult.heading")}</h2>
      <p>{t("consult.intro", { minutes })}</p>
      <nav className="week-nav" aria-label={t("slots.weeks")}>
        {previousDay ? (
          <Link to={`${base}?from=${previousDay}#consult`}>
            <Arrow to="back" /> {t("slots.previous")}
          </Link>
        ) : null}
        <Link to={`${base}?from=${nextDay}#consult`}>
          {t("slots.next")} <Arrow to="forward" />
        </Link>
      </nav>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="consult" />
        <FormKey value={formKey} />
        <SlotPicker
          slots={slots}
          locale={i18n.language}
          primaryZone={timeZone}
          secondaryZone={clinicZone}
          secondaryLabel={t("zoneClinic")}
          meta={fields.slot}
        />
        {slots.length ? (
          <button type="submit" disabled={busy}>
            {t("consult.book")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}
