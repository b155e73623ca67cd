/**
 * The staff calendar (issue 22): every booked appointment a day or a week at a time, in the
 * clinic's zone, by resource or by clinician (clinician resources), closed time shaded. An
 * empty slot is a link that opens the booking panel (a case with a step still to book, chosen
 * by number or name); an appointment is a link that opens its panel (move to a free time, or
 * cancel). Every change goes through the schedule page's own model calls, so every check it
 * applies applies here. Clinicians may look; coordinators and admins change.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, type FormReply } from "~/components/form";
import {
  AppointmentPanel,
  BookingPanel,
  CalendarGrid,
  CalendarToolbar,
  calendarHref,
} from "~/components/travel/calendar";
import { ScheduleForm } from "~/forms/booking";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { can } from "~/lib/permissions";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { BookingError } from "~/models/travel/booking.server";
import {
  bookFromCalendar,
  cancelFromCalendar,
  getCalendar,
  moveFromCalendar,
} from "~/models/travel/calendar.server";

import calendarStylesheet from "~/styles/calendar.css";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["travel"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: calendarStylesheet }];

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "travel:calendar.title");

type Param = "view" | "by" | "date" | "resource" | "book" | "appointment" | "q";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "schedule:read");
  const url = new URL(request.url);
  const get = (name: Param) => url.searchParams.get(name);
  const mayWrite = can(user, "schedule:write");
  const calendar = await getCalendar({
    actorId: user.id,
    ip: clientIp(context),
    view: get("view"),
    by: get("by"),
    date: get("date"),
    resource: get("resource"),
    book: mayWrite ? get("book") : null,
    appointment: get("appointment"),
    mayWrite,
    q: get("q"),
  });
  return { ...calendar, mayWrite, now: new Date().toISOString(), formKey: newFormKey() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "schedule:write");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "common"]);
  const { submission, sent } = await readSubmission(request, ScheduleForm, t);
  const form = String(submission.payload.intent ?? "book");
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") {
    const formErrors = form === "cancel" ? [t("errors.invalid")] : undefined;
    return answer(400, { result: submission.reply(formErrors ? { formErrors } : undefined) });
  }
  const input = submission.value;
  try {
    if (input.intent === "book") {
      await bookFromCalendar({
        planStepId: input.planStepId,
        actorId: user.id,
        formKey: sent,
        ...input.slot,
      });
    } else if (input.intent === "move") {
      await moveFromCalendar({
        appointmentId: input.appointmentId,
        actorId: user.id,
        formKey: sent,
        ...input.slot,
      });
    } else {
      await cancelFromCalendar({ appointmentId: input.appointmentId, actorId: user.id });
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (!(error instanceof BookingError)) throw error;
    if (error.code === "not_found") notFound();
    return answer(error.status, {
      result: submission.reply({ formErrors: [error.describe(t, locale, "staff")] }),
    });
  }
  // Back to the same view, the panel closed, saying what was done.
  const url = new URL(request.url);
  const keep = new URLSearchParams();
  for (const name of ["view", "by", "date", "resource"] as const) {
    const value = url.searchParams.get(name);
    if (value) keep.set(name, value);
  }
  keep.set("done", input.intent);
  return redirect(`/staff/calendar?${keep.toString()}`);
}

export default function CalendarPage() {
  const { t } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const done = reply ? null : params.get("done");
  const state = { view: d.view, by: d.by, date: d.date, resource: d.resource };
  return (
    <article className="calendar-page">
      <CalendarToolbar d={d} />
      <FormDone
        message={
          done === "book" || done === "move" || done === "cancel"
            ? t(`calendar.done.${done}`)
            : null
        }
      />
      {d.booking && d.mayWrite ? (
        <BookingPanel
          booking={d.booking}
          state={state}
          zone={d.zone}
          formKey={d.formKey}
          reply={reply}
          busy={busy}
        />
      ) : null}
      {d.selected ? (
        <AppointmentPanel
          appointment={d.selected}
          state={state}
          zone={d.zone}
          mayWrite={d.mayWrite}
          formKey={d.formKey}
          reply={reply}
          busy={busy}
        />
      ) : null}
      <CalendarGrid d={d} href={(change) => calendarHref(state, change)} />
    </article>
  );
}
