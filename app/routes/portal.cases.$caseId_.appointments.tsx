/**
 * The patient's appointments, in their own time zone with the clinic's beside it. Here the
 * patient books their pre-travel video consultation from a clinician's free slots, picks
 * the week they would like treatment to start, and asks to move an appointment. Another
 * patient's case answers 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatZone } from "~/lib/format";
import { FormDone, type FormReply } from "~/components/form";
import {
  ConsultSection,
  PatientAppointmentList,
  WindowSection,
} from "~/components/travel/appointments";
import { AppointmentsForm } from "~/forms/booking";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { translatedTitle } from "~/lib/meta";
import { CONSULTATION_MINUTES } from "~/lib/schedule";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import {
  bookConsultation,
  BookingError,
  cancelOwnAppointment,
  getPatientAppointments,
  moveOwnAppointment,
  requestReschedule,
  setTreatmentWindow,
} from "~/models/travel/booking.server";
import { BackLink, ltr } from "~/components/bidi";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["travel"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "travel:appointments.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "appointments");
  const from = new URL(request.url).searchParams.get("from");
  return {
    ...(await getPatientAppointments(user.id, params.caseId ?? "", from)),
    timeZone: user.timeZone,
    formKey: newFormKey(),
  };
}

/** The form an answer belongs to: each appointment's request to move it is its own. */
function formOf(payload: Record<string, unknown>) {
  if (payload.intent === "reschedule") return `reschedule-${String(payload.appointmentId ?? "")}`;
  if (payload.intent === "cancel") return `cancel-${String(payload.appointmentId ?? "")}`;
  return payload.intent === "window" ? "window" : "consultation";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  await openSection(user.id, caseId, "appointments");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "common"]);
  const { submission, sent } = await readSubmission(request, AppointmentsForm, t);
  const form = formOf(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  const formKey = sent;
  const saved = (done: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done: t(done) });
  try {
    if (input.intent === "consult") {
      await bookConsultation({ patientId: user.id, caseId, formKey, ...input.slot });
      return saved("appointments.done.consult");
    }
    if (input.intent === "move" || input.intent === "cancel") {
      const own = { patientId: user.id, caseId, appointmentId: input.appointmentId, formKey };
      if (input.intent === "move") await moveOwnAppointment({ ...own, ...input.slot });
      else await cancelOwnAppointment(own);
      return saved(`appointments.done.${input.intent}`);
    }
    if (input.intent === "window") {
      await setTreatmentWindow(user.id, caseId, input.week);
      return saved("appointments.done.window");
    }
    const limit = await hit(`message:user:${user.id}`, LIMITS.messagePerUser);
    if (!limit.allowed) {
      return answer(429, { result: submission.reply({ formErrors: [t("errors.rateLimited")] }) });
    }
    await requestReschedule({
      patientId: user.id,
      caseId,
      appointmentId: input.appointmentId,
      note: input.note,
      formKey,
    });
    return saved("appointments.done.reschedule");
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (!(error instanceof BookingError)) throw error;
    if (error.code === "not_found") notFound();
    const message = error.describe(t, locale, "patient");
    return answer(error.status, { result: submission.reply({ formErrors: [message] }) });
  }
}

export default function PatientAppointments() {
  const { t, i18n } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const common = { reply, formKey: d.formKey, busy };
  return (
    <article className="appointments-page">
      <p>
        <BackLink to={`/portal/cases/${d.kase.id}`}>
          {t("backToCase", { caseNumber: ltr(d.kase.number) })}
        </BackLink>
      </p>
      <h1>{t("appointments.heading")}</h1>
      <p className="muted">
        {t("appointments.zones", {
          zone: formatZone(d.timeZone, i18n.language),
          clinic: formatZone(d.clinicZone, i18n.language),
        })}
      </p>
      <FormDone message={reply?.done} />
      <PatientAppointmentList
        appointments={d.appointments}
        caseId={d.kase.id}
        clinicAddress={d.clinicAddress}
        clinic={d.clinic}
        noticeHours={d.noticeHours}
        timeZone={d.timeZone}
        clinicZone={d.clinicZone}
        {...common}
      />
      {d.canPickWindow ? (
        <WindowSection weeks={d.weeks} chosenWeek={d.chosenWeek} reply={reply} busy={busy} />
      ) : null}
      {d.consultMode ? (
        <ConsultSection
          mode={d.consultMode}
          consultation={d.consultation}
          noticeHours={d.noticeHours}
          fromDay={d.fromDay}
          slots={d.slots}
          minutes={CONSULTATION_MINUTES}
          base={`/portal/cases/${d.kase.id}/appointments`}
          previousDay={d.previousDay}
          nextDay={d.nextDay}
          timeZone={d.timeZone}
          clinicZone={d.clinicZone}
          {...common}
        />
      ) : null}
    </article>
  );
}
