/**
 * The patient's appointments page in parts: their appointments (each with its place, an .ics
 * to add it to a calendar, and either the patient's own move and cancel or a request to move
 * it, by the rule in app/lib/self-service.ts), the week they would like treatment to start,
 * and the free times for their video consultation (booking it, or moving the one booked).
 * Times show in the patient's zone with the clinic's beside them.
 */
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { DaySlotPicker } from "~/components/day-slot-picker";
import { FormErrors, FormField, FormKey, useAppForm, type FormReply } from "~/components/form";
import type { SlotView } from "~/components/slots";
import type { CancelForm, ConsultForm, RescheduleForm, WindowForm } from "~/forms/booking";
import { formatDateTime, formatZone } from "~/lib/format";
import { ZoneTimes } from "~/components/zone-times";
import { TEXT_MAX } from "~/lib/review";
import type { SelfServiceBlock } from "~/lib/self-service";
import { splitByTense } from "~/lib/appointment-tense";
import { clinicAddressLine, type ClinicOnDocuments } from "~/lib/site";
import { Arrow } from "~/components/bidi";
import { ConfirmAction } from "~/components/confirm";
import { InLanguage, RowText } from "~/components/translated";
import { appointmentName, type Translatable } from "~/lib/catalogue-text";
import type { PatientVideo } from "~/lib/video";
import { VideoJoin } from "~/components/travel/video-join";

interface PatientAppointment {
  id: string;
  kind: string;
  title: string;
  /** The pathway step it books, named in the patient's language. */
  step: Translatable<"name"> | null;
  startsAt: Date | string;
  status: string;
  /** The chair, room or clinician, named in the patient's language. */
  resource: Translatable<"name"> | null;
  rescheduleRequestedAt: Date | string | null;
  selfService: { allowed: boolean; block: SelfServiceBlock | null; until: Date | string };
  /** Over (or attended): listed under "Past appointments", with nothing left to change. */
  past: boolean;
  /** A video consultation's join state (app/lib/video.ts); null for one at the clinic. */
  video?: PatientVideo | null;
}

interface Common {
  reply: FormReply | null | undefined;
  formKey: string;
  busy: boolean;
}

export function PatientAppointmentList({
  appointments,
  caseId,
  clinicAddress: configured,
  clinic,
  noticeHours,
  timeZone,
  clinicZone,
  ...common
}: Common & {
  appointments: PatientAppointment[];
  caseId: string;
  clinicAddress: string;
  /** The clinic's profile, where an admin has set one: its address wins over the configured. */
  clinic?: ClinicOnDocuments | null;
  noticeHours: number;
  timeZone: string;
  clinicZone: string;
}) {
  const { t, i18n } = useTranslation("travel");
  const clinicAddress = clinic ? clinicAddressLine(clinic, i18n.language) : configured;
  const when = (value: Date | string, zone: string) =>
    formatDateTime(value, i18n.language, zone, "full");
  const nameOf = (a: PatientAppointment) =>
    appointmentName(
      { ...a, planStep: { pathwayStep: a.step } },
      i18n.language,
      t("appointments.consultation"),
    );
  const titleOf = (a: PatientAppointment) => nameOf(a).text;
  const { upcoming, past } = splitByTense(appointments);
  const card = (a: PatientAppointment) => (
    <li key={a.id} className="card appointment-card">
      <p>
        <strong>
          <InLanguage value={nameOf(a)} />
        </strong>
        {a.resource ? (
          <span className="muted">
            {" "}
            · <RowText row={a.resource} field="name" />
          </span>
        ) : null}
      </p>
      <p>
        <ZoneTimes at={a.startsAt} kind={a.kind} patientZone={timeZone} clinicZone={clinicZone} />
      </p>
      <p>
        {t("appointments.place")}:{" "}
        {a.kind === "CONSULTATION" ? (
          t("appointments.placeVideo")
        ) : (
          <bdi className="address">{clinicAddress}</bdi>
        )}
      </p>
      <VideoJoin video={a.video ?? null} timeZone={timeZone} />
      {/* A calendar entry is for what is still to come. */}
      {a.past ? null : (
        <p>
          <a
            className="calendar-link"
            href={`/portal/cases/${caseId}/appointments/${a.id}/calendar.ics`}
            download
          >
            {t("appointments.addToCalendar")}
            {/* Which appointment, for a screen reader's list of links. */}
            <span className="visually-hidden">
              {" "}
              ({titleOf(a)}, {when(a.startsAt, timeZone)})
            </span>
          </a>
        </p>
      )}
      {a.past || a.status !== "BOOKED" ? null : a.selfService.allowed ? (
        <SelfServiceActions
          appointment={a}
          title={titleOf(a)}
          when={when(a.startsAt, timeZone)}
          until={when(a.selfService.until, timeZone)}
          {...common}
        />
      ) : (
        <>
          {a.selfService.block === "notice" || a.selfService.block === "kind" ? (
            <p className="muted">
              {t(`appointments.selfService.${a.selfService.block}`, {
                until: when(a.selfService.until, timeZone),
                hours: noticeHours,
              })}
            </p>
          ) : null}
          {a.rescheduleRequestedAt ? (
            <p className="notice">{t("appointments.rescheduleAsked")}</p>
          ) : (
            <RescheduleRequest appointmentId={a.id} {...common} />
          )}
        </>
      )}
    </li>
  );
  return (
    <>
      <section aria-labelledby="booked-heading">
        <h2 id="booked-heading">{t("appointments.booked")}</h2>
        <p>{t("appointments.rules", { hours: noticeHours })}</p>
        {upcoming.length ? (
          <ul className="appointments">{upcoming.map(card)}</ul>
        ) : (
          <p className="muted">{t(past.length ? "appointments.noneAhead" : "appointments.none")}</p>
        )}
      </section>
      {past.length ? (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">{t("appointments.past")}</h2>
          <ul className="appointments past">{past.map(card)}</ul>
        </section>
      ) : null}
    </>
  );
}

/**
 * The patient's own move and cancel: a link to the free times (which move it), and a cancel
 * that asks first (a disclosure with the question and "Yes, cancel it", form "cancel-<id>").
 */
function SelfServiceActions({
  appointment,
  title,
  when,
  until,
  reply,
  formKey,
  busy,
}: Common & { appointment: PatientAppointment; title: string; when: string; until: string }) {
  const { t } = useTranslation("travel");
  const id = `cancel-${appointment.id}`;
  const { form, props } = useAppForm<z.input<typeof CancelForm>>(id, reply);
  return (
    <div className="self-service">
      <p className="muted">{t("appointments.selfService.allowed", { until })}</p>
      <p className="actions">
        <Link className="button" to="#consult">
          {t("appointments.changeTime")}
        </Link>
      </p>
      <ConfirmAction
        intent="cancel"
        fields={{ appointmentId: appointment.id }}
        label={t("appointments.cancel.open")}
        question={t("appointments.cancel.question", { title, when })}
        confirm={t("appointments.cancel.confirm")}
        busy={busy}
        open={reply?.form === id && !reply.done}
        formProps={props}
      >
        <FormErrors form={form} />
        <FormKey value={formKey} />
      </ConfirmAction>
    </div>
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

/**
 * The free times for the video consultation, a week at a time, as days and times (form
 * "consultation"). With one booked and still the patient's to change, the same times move it
 * (intent "move"), and the section says so; inside the notice period it says whom to ask.
 */
export function ConsultSection({
  mode,
  consultation,
  noticeHours,
  slots,
  minutes,
  base,
  fromDay,
  previousDay,
  nextDay,
  timeZone,
  clinicZone,
  reply,
  formKey,
  busy,
}: Common & {
  mode: "book" | "move" | "locked";
  consultation: { id: string; startsAt: Date | string } | null;
  noticeHours: number;
  slots: SlotView[];
  minutes: number;
  base: string;
  fromDay: string;
  previousDay: string | null;
  nextDay: string;
  timeZone: string;
  clinicZone: string;
}) {
  const { t, i18n } = useTranslation("travel");
  const [params] = useSearchParams();
  const { form, fields, props } = useAppForm<z.input<typeof ConsultForm>>("consultation", reply);
  const moving = mode === "move" && consultation;
  const booked = consultation
    ? formatDateTime(consultation.startsAt, i18n.language, timeZone, "full")
    : "";
  return (
    <section id="consult" aria-labelledby="consult-heading">
      <h2 id="consult-heading">{t(mode === "book" ? "consult.heading" : "consult.moveHeading")}</h2>
      {mode === "locked" ? (
        <p className="notice">{t("consult.locked", { when: booked, hours: noticeHours })}</p>
      ) : (
        <>
          <p>{t("consult.intro", { minutes })}</p>
          {moving ? (
            <p className="notice" id="consult-moves">
              {t("consult.moveIntro", { when: booked })}
            </p>
          ) : null}
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
            {moving ? (
              <>
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="appointmentId" value={consultation.id} />
              </>
            ) : (
              <input type="hidden" name="intent" value="consult" />
            )}
            <FormKey value={formKey} />
            <DaySlotPicker
              slots={slots}
              locale={i18n.language}
              zone={timeZone}
              clinicZone={clinicZone}
              clinicLabel={formatZone(clinicZone, i18n.language)}
              chosenDay={params.get("day")}
              dayHref={(day) => `${base}?from=${fromDay}&day=${day}#consult`}
              meta={fields.slot}
            />
            {slots.length ? (
              <button
                type="submit"
                className="primary"
                disabled={busy}
                aria-describedby={moving ? "consult-moves" : undefined}
              >
                {t(moving ? "consult.move" : "consult.book")}
              </button>
            ) : null}
          </Form>
        </>
      )}
    </section>
  );
}
