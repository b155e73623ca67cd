/**
 * The coordinator books the case's treatment plan: each plan step that needs a clinician,
 * chair or room is booked into a slot that is really free (from the resources' hours, time
 * off and what is already held), and booked appointments can be moved or cancelled. Times
 * show in the clinic's zone with the patient's beside them. Clinicians may look; only
 * coordinators and admins book. The page shows the treatment plan, so reading it is audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatZone } from "~/lib/format";
import { FormDone, FormErrors, useAppForm, type FormReply } from "~/components/form";
import {
  BookedAppointments,
  Conflicts,
  PlanTable,
  SlotSection,
} from "~/components/travel/schedule";
import { ScheduleForm } from "~/forms/booking";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { can } from "~/lib/permissions";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import {
  bookPlanStep,
  BookingError,
  cancelAppointment,
  getSchedule,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import { BackLink, ltr } from "~/components/bidi";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["travel"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "travel:schedule.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "schedule:read");
  const url = new URL(request.url);
  const schedule = await getSchedule({
    caseId: params.caseId ?? "",
    actorId: user.id,
    ip: clientIp(context),
    mayBook: can(user, "schedule:write"),
    from: url.searchParams.get("from"),
    step: url.searchParams.get("step"),
    move: url.searchParams.get("move"),
  });
  return { ...schedule, formKey: newFormKey() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "schedule:write");
  const caseId = params.caseId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "common"]);
  const { submission, sent } = await readSubmission(request, ScheduleForm, t);
  const form = String(submission.payload.intent ?? "book");
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") {
    // A cancel button has nothing to correct: its refusal is said at the top of the page.
    const formErrors = form === "cancel" ? [t("errors.invalid")] : undefined;
    return answer(400, { result: submission.reply(formErrors ? { formErrors } : undefined) });
  }
  const input = submission.value;
  const formKey = sent;
  try {
    if (input.intent === "cancel") {
      await cancelAppointment({ caseId, appointmentId: input.appointmentId, actorId: user.id });
      return answer(200, {
        result: submission.reply({ resetForm: true }),
        done: t("schedule.cancelled"),
      });
    }
    if (input.intent === "book") {
      await bookPlanStep({
        caseId,
        planStepId: input.planStepId,
        actorId: user.id,
        formKey,
        ...input.slot,
      });
    } else {
      await rescheduleAppointment({
        caseId,
        appointmentId: input.appointmentId,
        actorId: user.id,
        formKey,
        ...input.slot,
      });
    }
    const from = new URL(request.url).searchParams.get("from") ?? "";
    return redirect(`/staff/cases/${caseId}/schedule?done=${input.intent}&from=${from}`);
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (!(error instanceof BookingError)) throw error;
    if (error.code === "not_found") notFound();
    const message = error.describe(t, locale, "staff");
    return answer(error.status, { result: submission.reply({ formErrors: [message] }) });
  }
}

export default function SchedulePage() {
  const { t, i18n } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const cancel = useAppForm("cancel", reply);
  const [params] = useSearchParams();
  const done = reply ? null : params.get("done");
  const patientZone = d.kase.patient.timeZone;
  const base = `/staff/cases/${d.kase.id}/schedule`;
  return (
    <article className="schedule">
      <p>
        <BackLink to={`/staff/cases/${d.kase.id}`}>
          {t("backToCase", { caseNumber: ltr(d.kase.number) })}
        </BackLink>
      </p>
      <h1>{t("schedule.heading", { caseNumber: d.kase.number })}</h1>
      <p className="muted">
        {t("schedule.zones", {
          clinic: formatZone(d.clinicZone, i18n.language),
          patient: formatZone(patientZone, i18n.language),
          name: d.kase.patient.name,
        })}
      </p>
      {d.kase.treatmentWindowStart ? (
        <p className="notice">
          {t("schedule.window", {
            date: new Intl.DateTimeFormat(i18n.language, {
              dateStyle: "long",
              timeZone: d.clinicZone,
            }).format(new Date(d.kase.treatmentWindowStart)),
          })}
        </p>
      ) : null}
      {!d.canBook ? <p className="notice">{t("schedule.readOnly")}</p> : null}
      <FormErrors form={cancel.form} />
      <FormDone
        message={
          cancel.done ?? (done ? t(`schedule.done.${done === "move" ? "move" : "book"}`) : null)
        }
      />
      <Conflicts conflicts={d.conflicts} />
      <PlanTable
        steps={d.kase.planSteps}
        appointments={d.appointments}
        canBook={d.canBook}
        base={base}
        fromDay={d.fromDay}
        clinicZone={d.clinicZone}
      />
      <BookedAppointments
        appointments={d.appointments}
        canBook={d.canBook}
        base={base}
        fromDay={d.fromDay}
        clinicZone={d.clinicZone}
        patientZone={patientZone}
        busy={busy}
      />
      {d.picking ? (
        <SlotSection
          key={`${d.picking.kind}-${d.picking.id}`}
          picking={d.picking}
          slots={d.slots}
          base={base}
          previousDay={d.previousDay}
          nextDay={d.nextDay}
          clinicZone={d.clinicZone}
          patientZone={patientZone}
          formKey={d.formKey}
          reply={reply}
          busy={busy}
        />
      ) : null}
    </article>
  );
}
