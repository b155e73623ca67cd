/**
 * The coordinator books the case's treatment plan: each plan step that needs a clinician,
 * chair or room is booked into a slot that is really free (from the resources' hours, time
 * off and what is already held), and booked appointments can be moved or cancelled. Times
 * show in the clinic's zone with the patient's beside them. Clinicians may look; only
 * coordinators and admins book. The page shows the treatment plan, so reading it is audited.
 */
import { canBookTreatment } from "~/lib/stages";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { can } from "~/lib/permissions";
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
import { clientIp } from "~/infra/request.server";
import { addDays, dayIn, dayWithin } from "~/lib/schedule";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { audit } from "~/infra/audit.server";
import {
  bookPlanStep,
  BookingError,
  cancelAppointment,
  freeSlots,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import { tripOf } from "~/models/travel/travel.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "travel:schedule.title");

/** The first day to show slots from: ?from=, else the patient's window, else tomorrow. */
function startDay(param: string | null, window: Date | null, now: Date, zone: string) {
  const tomorrow = addDays(dayIn(now, zone), 1);
  return dayWithin(param ?? (window ? dayIn(window, zone) : null), tomorrow);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "schedule:read");
  const kase = await db.case.findUnique({
    where: { id: params.caseId ?? "" },
    select: {
      id: true,
      number: true,
      stage: true,
      treatmentWindowStart: true,
      programme: { select: { slug: true } },
      patient: { select: { name: true, timeZone: true } },
      planSteps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          name: true,
          resourceType: true,
          durationMinutes: true,
        },
      },
    },
  });
  if (!kase) notFound();
  await audit({
    actorId: user.id,
    action: "schedule.read",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: clientIp(context),
    outcome: "success",
  });
  const url = new URL(request.url);
  const zone = env().CLINIC_TIME_ZONE;
  const now = new Date();
  const fromDay = startDay(url.searchParams.get("from"), kase.treatmentWindowStart, now, zone);
  const trip = await tripOf(db, kase.id);
  const canBook = can(user, "schedule:write") && canBookTreatment(kase.stage);
  const stepId = url.searchParams.get("step");
  const moveId = url.searchParams.get("move");
  const step = kase.planSteps.find((s) => s.id === stepId && s.resourceType && s.durationMinutes);
  const moving = trip.appointments.find((a) => a.id === moveId && a.status === "BOOKED");
  let picking: { kind: "step" | "move"; id: string; label: string } | null = null;
  let slots: Awaited<ReturnType<typeof freeSlots>> = [];
  if (canBook && step) {
    picking = { kind: "step", id: step.id, label: step.name };
    slots = await freeSlots({
      resourceType: step.resourceType ?? "",
      durationMinutes: step.durationMinutes ?? 0,
      fromDay,
    });
  } else if (canBook && moving?.resource) {
    picking = { kind: "move", id: moving.id, label: moving.title };
    slots = await freeSlots({
      resourceType: moving.resource.type,
      durationMinutes: Math.round((moving.endsAt.getTime() - moving.startsAt.getTime()) / 60_000),
      fromDay,
      movingAppointmentId: moving.id,
    });
  }
  return {
    kase,
    appointments: trip.appointments,
    conflicts: trip.conflicts,
    canBook,
    picking,
    slots,
    fromDay,
    previousDay: addDays(fromDay, -7),
    nextDay: addDays(fromDay, 7),
    clinicZone: zone,
    timeZone: user.timeZone,
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("book"), planStepId: z.string().min(1), slot: z.string() }),
  z.object({ intent: z.literal("move"), appointmentId: z.string().min(1), slot: z.string() }),
  z.object({ intent: z.literal("cancel"), appointmentId: z.string().min(1) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "schedule:write");
  const caseId = params.caseId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "travel");
  const raw = Object.fromEntries(await request.formData());
  const parsed = Intent.safeParse(raw);
  if (!parsed.success) {
    const message = raw.intent === "cancel" ? t("errors.invalid") : t("errors.pickSlot");
    return data({ error: message, done: null }, { status: 400 });
  }
  const input = parsed.data;
  try {
    if (input.intent === "cancel") {
      await cancelAppointment({ caseId, appointmentId: input.appointmentId, actorId: user.id });
      return data({ error: null, done: t("schedule.cancelled") });
    }
    const slot = parseSlotValue(input.slot);
    if (!slot) return data({ error: t("errors.pickSlot"), done: null }, { status: 400 });
    if (input.intent === "book") {
      await bookPlanStep({ caseId, planStepId: input.planStepId, actorId: user.id, ...slot });
    } else {
      await rescheduleAppointment({
        caseId,
        appointmentId: input.appointmentId,
        actorId: user.id,
        ...slot,
      });
    }
    const url = new URL(request.url);
    return redirect(
      `/staff/cases/${caseId}/schedule?done=${input.intent}&from=${url.searchParams.get("from") ?? ""}`,
    );
  } catch (error) {
    if (!(error instanceof BookingError)) throw error;
    if (error.code === "not_found") notFound();
    return data({ error: t(error.key), done: null }, { status: error.status });
  }
}

export default function SchedulePage() {
  const { t, i18n } = useTranslation("travel");
  const lng = i18n.language;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result?.error) errorRef.current?.focus();
  }, [result]);
  const [params] = useSearchParams();
  const done = params.get("done");
  const patientZone = d.kase.patient.timeZone;
  const when = (value: Date | string, zone: string) => formatDateTime(value, lng, zone, "full");
  const base = `/staff/cases/${d.kase.id}/schedule`;
  const picker = d.picking ? `${d.picking.kind === "step" ? "step" : "move"}=${d.picking.id}` : "";
  return (
    <article className="schedule">
      <p>
        <Link to={`/staff/cases/${d.kase.id}`}>
          ← {t("backToCase", { caseNumber: d.kase.number })}
        </Link>
      </p>
      <h1>{t("schedule.heading", { caseNumber: d.kase.number })}</h1>
      <p className="muted">
        {t("schedule.zones", {
          clinic: d.clinicZone,
          patient: patientZone,
          name: d.kase.patient.name,
        })}
      </p>
      {d.kase.treatmentWindowStart ? (
        <p className="notice">
          {t("schedule.window", {
            date: new Intl.DateTimeFormat(lng, {
              dateStyle: "long",
              timeZone: d.clinicZone,
            }).format(new Date(d.kase.treatmentWindowStart)),
          })}
        </p>
      ) : null}
      {!d.canBook ? <p className="notice">{t("schedule.readOnly")}</p> : null}
      {result?.error ? (
        <p className="field-error" role="alert" tabIndex={-1} ref={errorRef}>
          {result.error}
        </p>
      ) : null}
      {result?.done || done ? (
        <p className="notice ok" role="status">
          {result?.done ?? t(`schedule.done.${done === "move" ? "move" : "book"}`)}
        </p>
      ) : null}
      {d.conflicts.length ? (
        <section className="notice warn" aria-labelledby="conflicts-heading">
          <h2 id="conflicts-heading">{t("conflicts.title")}</h2>
          <ul>
            {d.conflicts.map((c, i) => (
              <li key={i}>{t(`conflicts.${c.code}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}

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
            {d.kase.planSteps.map((s) => {
              const booked = d.appointments.filter((a) => a.planStep?.id === s.id);
              return (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>
                    {s.resourceType && s.durationMinutes
                      ? t("schedule.needsValue", {
                          resource: t(`resourceType.${s.resourceType}`),
                          minutes: s.durationMinutes,
                        })
                      : t("schedule.noBooking")}
                  </td>
                  <td>
                    {booked.length
                      ? booked.map((a) => <div key={a.id}>{when(a.startsAt, d.clinicZone)}</div>)
                      : "—"}
                  </td>
                  <td>
                    {d.canBook && s.resourceType && s.durationMinutes ? (
                      <Link to={`${base}?step=${s.id}&from=${d.fromDay}#slots`}>
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

      <section aria-labelledby="appointments-heading">
        <h2 id="appointments-heading">{t("appointments.heading")}</h2>
        {d.appointments.length ? (
          <ul className="appointments">
            {d.appointments.map((a) => (
              <li key={a.id} className="card">
                <p>
                  <strong>
                    {a.kind === "CONSULTATION" ? t("appointments.consultation") : a.title}
                  </strong>
                  {a.resource ? <span className="muted"> · {a.resource.name}</span> : null}
                </p>
                <p>
                  {when(a.startsAt, d.clinicZone)} ({t("zoneClinic")})
                  <br />
                  <span className="muted">
                    {when(a.startsAt, patientZone)} ({t("zonePatient")})
                  </span>
                </p>
                {a.rescheduleRequestedAt ? (
                  <p className="notice warn">
                    {t("appointments.rescheduleRequested")}: “{a.rescheduleNote}”
                  </p>
                ) : null}
                {d.canBook ? (
                  <div className="actions">
                    <Link to={`${base}?move=${a.id}&from=${d.fromDay}#slots`}>
                      {t("schedule.move")}
                      <span className="visually-hidden"> {a.title}</span>
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="appointmentId" value={a.id} />
                      <button type="submit" className="secondary" disabled={busy}>
                        {t("schedule.cancel")}
                        <span className="visually-hidden"> {a.title}</span>
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("appointments.none")}</p>
        )}
      </section>

      {d.picking ? (
        <section id="slots" aria-labelledby="slots-heading">
          <h2 id="slots-heading">
            {t(d.picking.kind === "step" ? "schedule.pickFor" : "schedule.moveFor", {
              name: d.picking.label,
            })}
          </h2>
          <nav className="week-nav" aria-label={t("slots.weeks")}>
            <Link to={`${base}?${picker}&from=${d.previousDay}#slots`}>
              ← {t("slots.previous")}
            </Link>
            <Link to={`${base}?${picker}&from=${d.nextDay}#slots`}>{t("slots.next")} →</Link>
          </nav>
          <Form method="post">
            <input
              type="hidden"
              name="intent"
              value={d.picking.kind === "step" ? "book" : "move"}
            />
            <input
              type="hidden"
              name={d.picking.kind === "step" ? "planStepId" : "appointmentId"}
              value={d.picking.id}
            />
            <SlotPicker
              slots={d.slots}
              locale={lng}
              primaryZone={d.clinicZone}
              secondaryZone={patientZone}
              secondaryLabel={t("zonePatient")}
            />
            {d.slots.length ? (
              <button type="submit" disabled={busy}>
                {t(d.picking.kind === "step" ? "schedule.confirmBook" : "schedule.confirmMove")}
              </button>
            ) : null}
          </Form>
        </section>
      ) : null}
    </article>
  );
}
