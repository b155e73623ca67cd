/**
 * The patient's appointments, in their own time zone with the clinic's beside it. Here the
 * patient books their pre-travel video consultation from a clinician's free slots, picks
 * the week they would like treatment to start, and asks to move an appointment. Another
 * patient's case answers 404.
 */
import { canBookConsultation } from "~/lib/stages";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseSlotValue, SlotPicker } from "~/components/slots";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDateTime } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { TEXT_MAX } from "~/lib/review";
import {
  addDays,
  CONSULTATION_MINUTES,
  dayIn,
  dayWithin,
  mondayOf,
  wallTime,
} from "~/lib/schedule";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import {
  bookConsultation,
  BookingError,
  freeSlots,
  requestReschedule,
  setTreatmentWindow,
} from "~/models/travel/booking.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { tripOf } from "~/models/travel/travel.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "travel:appointments.title");

const WINDOW_WEEKS = 12;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await db.case.findFirst({
    where: { id: params.caseId ?? "", patientId: user.id },
    select: {
      id: true,
      number: true,
      stage: true,
      eligibility: true,
      treatmentWindowStart: true,
      programme: { select: { slug: true } },
    },
  });
  if (!kase) notFound();
  const zone = env().CLINIC_TIME_ZONE;
  const now = new Date();
  const tomorrow = addDays(dayIn(now, zone), 1);
  const wanted = new URL(request.url).searchParams.get("from");
  const fromDay = dayWithin(wanted, tomorrow);
  const open = canBookConsultation(kase.stage);
  const canConsult = open && kase.eligibility === "ELIGIBLE";
  const trip = await tripOf(db, kase.id);
  const slots = canConsult
    ? await freeSlots({ resourceType: "CLINICIAN", durationMinutes: CONSULTATION_MINUTES, fromDay })
    : [];
  const firstWeek = addDays(mondayOf(dayIn(now, zone)), 7);
  return {
    kase,
    appointments: trip.appointments.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      stepKey: a.planStep?.pathwayStep?.key ?? null,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      resource: a.resource?.name ?? null,
      rescheduleRequestedAt: a.rescheduleRequestedAt,
    })),
    canConsult,
    canPickWindow: open,
    slots,
    fromDay,
    previousDay: fromDay > tomorrow ? addDays(fromDay, -7) : null,
    nextDay: dayWithin(addDays(fromDay, 7), tomorrow),
    weeks: Array.from({ length: WINDOW_WEEKS }, (_, i) => addDays(firstWeek, 7 * i)),
    chosenWeek: kase.treatmentWindowStart ? dayIn(kase.treatmentWindowStart, zone) : null,
    timeZone: user.timeZone,
    clinicZone: zone,
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("consult"), slot: z.string() }),
  z.object({ intent: z.literal("window"), week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({
    intent: z.literal("reschedule"),
    appointmentId: z.string().min(1),
    note: z.string().trim().min(1).max(TEXT_MAX),
  }),
]);

type FormName = "consult" | "window" | "reschedule";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  const kase = await db.case.findFirst({
    where: { id: caseId, patientId: user.id },
    select: { id: true },
  });
  if (!kase) notFound();
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "travel");
  const raw = Object.fromEntries(await request.formData());
  const form = (
    ["consult", "window", "reschedule"].includes(String(raw.intent)) ? raw.intent : "consult"
  ) as FormName;
  const note = typeof raw.note === "string" ? raw.note : "";
  const target = typeof raw.appointmentId === "string" ? raw.appointmentId : "";
  const refuse = (error: string, status = 400) => data({ form, error, note, target }, { status });
  const parsed = Intent.safeParse(raw);
  if (!parsed.success) {
    return refuse(
      t(
        form === "consult"
          ? "errors.pickSlot"
          : form === "window"
            ? "errors.pickWeek"
            : "errors.noteRequired",
        { max: TEXT_MAX },
      ),
    );
  }
  const input = parsed.data;
  try {
    if (input.intent === "consult") {
      const slot = parseSlotValue(input.slot);
      if (!slot) return refuse(t("errors.pickSlot"));
      await bookConsultation({ patientId: user.id, caseId, ...slot });
      return redirect(`/portal/cases/${caseId}/appointments?done=consult`);
    }
    if (input.intent === "window") {
      const zone = env().CLINIC_TIME_ZONE;
      if (mondayOf(input.week) !== input.week) return refuse(t("errors.pickWeek"));
      await setTreatmentWindow(user.id, caseId, wallTime(input.week, 0, zone));
      return redirect(`/portal/cases/${caseId}/appointments?done=window`);
    }
    const limit = await hit(`message:user:${user.id}`, LIMITS.messagePerUser);
    if (!limit.allowed) return refuse(t("errors.rateLimited"), 429);
    await requestReschedule({
      patientId: user.id,
      caseId,
      appointmentId: input.appointmentId,
      note: input.note,
    });
    return redirect(`/portal/cases/${caseId}/appointments?done=reschedule`);
  } catch (error) {
    if (!(error instanceof BookingError)) throw error;
    if (error.code === "not_found") notFound();
    return refuse(t(error.key), error.status);
  }
}

export default function PatientAppointments() {
  const { t, i18n } = useTranslation("travel");
  const { t: tc } = useTranslation("catalogue");
  const lng = i18n.language;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const done = params.get("done");
  const errorRef = useRef<HTMLParagraphElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result?.error) errorRef.current?.focus();
    else if (done) doneRef.current?.focus();
  }, [result, done]);
  const when = (value: Date | string, zone: string) => formatDateTime(value, lng, zone, "full");
  const errorFor = (f: FormName, id?: string) =>
    result?.error && result.form === f && (!id || result.target === id) ? (
      <p className="field-error" role="alert" tabIndex={-1} ref={errorRef} id={`${f}-error`}>
        {result.error}
      </p>
    ) : null;
  const titleOf = (a: (typeof d.appointments)[number]) =>
    a.kind === "CONSULTATION"
      ? t("appointments.consultation")
      : a.stepKey
        ? tc(`${d.kase.programme.slug}.steps.${a.stepKey}.name`, { defaultValue: a.title })
        : a.title;
  const weekLabel = (day: string) =>
    new Intl.DateTimeFormat(lng, { dateStyle: "long", timeZone: "UTC" }).format(new Date(day));
  const base = `/portal/cases/${d.kase.id}/appointments`;
  return (
    <article className="appointments-page">
      <p>
        <Link to={`/portal/cases/${d.kase.id}`}>
          ← {t("backToCase", { caseNumber: d.kase.number })}
        </Link>
      </p>
      <h1>{t("appointments.heading")}</h1>
      <p className="muted">{t("appointments.zones", { zone: d.timeZone, clinic: d.clinicZone })}</p>
      {done ? (
        <p className="notice ok" role="status" tabIndex={-1} ref={doneRef}>
          {t(
            `appointments.done.${done === "window" ? "window" : done === "reschedule" ? "reschedule" : "consult"}`,
          )}
        </p>
      ) : null}

      <section aria-labelledby="booked-heading">
        <h2 id="booked-heading">{t("appointments.booked")}</h2>
        {d.appointments.length ? (
          <ul className="appointments">
            {d.appointments.map((a) => (
              <li key={a.id} className="card">
                <p>
                  <strong>{titleOf(a)}</strong>
                  {a.resource ? <span className="muted"> · {a.resource}</span> : null}
                </p>
                <p>
                  {when(a.startsAt, d.timeZone)} ({t("zoneYours")})
                  <br />
                  <span className="muted">
                    {when(a.startsAt, d.clinicZone)} ({t("zoneClinic")})
                  </span>
                </p>
                {a.rescheduleRequestedAt ? (
                  <p className="notice">{t("appointments.rescheduleAsked")}</p>
                ) : a.status === "BOOKED" ? (
                  <details open={result?.form === "reschedule" && result.target === a.id}>
                    <summary>{t("appointments.askReschedule")}</summary>
                    <Form method="post" noValidate>
                      <input type="hidden" name="intent" value="reschedule" />
                      <input type="hidden" name="appointmentId" value={a.id} />
                      <label htmlFor={`note-${a.id}`}>{t("appointments.rescheduleNote")}</label>
                      <textarea
                        id={`note-${a.id}`}
                        name="note"
                        rows={3}
                        maxLength={4000}
                        defaultValue={result?.target === a.id ? result.note : ""}
                        aria-invalid={
                          result?.form === "reschedule" && result.target === a.id ? true : undefined
                        }
                        aria-describedby={
                          result?.form === "reschedule" && result.target === a.id
                            ? "reschedule-error"
                            : undefined
                        }
                      />
                      {errorFor("reschedule", a.id)}
                      <button type="submit" disabled={busy}>
                        {t("appointments.sendReschedule")}
                      </button>
                    </Form>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("appointments.none")}</p>
        )}
      </section>

      {d.canPickWindow ? (
        <section aria-labelledby="window-heading">
          <h2 id="window-heading">{t("window.heading")}</h2>
          <p>{t("window.intro")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="window" />
            <label htmlFor="week">{t("window.label")}</label>
            <select
              id="week"
              name="week"
              defaultValue={d.chosenWeek ?? ""}
              aria-invalid={result?.form === "window" ? true : undefined}
              aria-describedby={result?.form === "window" ? "window-error" : undefined}
            >
              <option value="">{t("window.choose")}</option>
              {d.weeks.map((w) => (
                <option key={w} value={w}>
                  {t("window.weekOf", { date: weekLabel(w) })}
                </option>
              ))}
            </select>
            {errorFor("window")}
            <button type="submit" disabled={busy}>
              {t("window.save")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.canConsult ? (
        <section id="consult" aria-labelledby="consult-heading">
          <h2 id="consult-heading">{t("consult.heading")}</h2>
          <p>{t("consult.intro", { minutes: CONSULTATION_MINUTES })}</p>
          <nav className="week-nav" aria-label={t("slots.weeks")}>
            {d.previousDay ? (
              <Link to={`${base}?from=${d.previousDay}#consult`}>← {t("slots.previous")}</Link>
            ) : null}
            <Link to={`${base}?from=${d.nextDay}#consult`}>{t("slots.next")} →</Link>
          </nav>
          <Form method="post">
            <input type="hidden" name="intent" value="consult" />
            {errorFor("consult")}
            <SlotPicker
              slots={d.slots}
              locale={lng}
              primaryZone={d.timeZone}
              secondaryZone={d.clinicZone}
              secondaryLabel={t("zoneClinic")}
            />
            {d.slots.length ? (
              <button type="submit" disabled={busy}>
                {t("consult.book")}
              </button>
            ) : null}
          </Form>
        </section>
      ) : null}
    </article>
  );
}
