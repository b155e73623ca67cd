/**
 * The coordinator's travel page for a case: the itinerary (flights with their airports'
 * local times, hotel, transfers, interpreter, companion) as a timeline with the
 * appointments and the conflicts between them, the passports to approve or reject, and the
 * itinerary PDF and visa invitation letter. Coordinators and admins only; reading it is
 * audited, since it shows passport details.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useLocation,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { control, ErrorSummary, Field, TimeZoneOptions } from "~/components/form";
import { PassportCard, TripTimeline } from "~/components/trip";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { timeZoneOptions } from "~/lib/countries.server";
import { AIRPORT_ZONES, isFlight, ITEM_FIELDS, ITEM_KINDS, REJECT_REASONS } from "~/lib/itinerary";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { TEXT_MAX } from "~/lib/review";
import { toLocalInput } from "~/lib/schedule";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { audit } from "~/infra/audit.server";
import {
  deleteItem,
  parseItem,
  passportsOf,
  reviewPassport,
  saveItem,
  timelineOf,
  TravelError,
  tripOf,
  visaLetterProblem,
  type ItemForm,
} from "~/models/travel/travel.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "travel:staff.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "travel:read");
  const kase = await db.case.findUnique({
    where: { id: params.caseId ?? "" },
    select: {
      id: true,
      number: true,
      stage: true,
      programme: { select: { slug: true } },
      patient: { select: { name: true, timeZone: true } },
    },
  });
  if (!kase) notFound();
  await audit({
    actorId: user.id,
    action: "travel.read",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: clientIp(context),
    outcome: "success",
  });
  const trip = await tripOf(db, kase.id);
  const passports = await passportsOf(kase.id, trip.returnDate);
  const editId = new URL(request.url).searchParams.get("edit");
  const editing = trip.items.find((i) => i.id === editId) ?? null;
  const clinicZone = env().CLINIC_TIME_ZONE;
  const values: ItemForm | null = editing
    ? {
        kind: editing.kind,
        start: toLocalInput(editing.startsAt, editing.startZone),
        startZone: editing.startZone,
        end: editing.endsAt ? toLocalInput(editing.endsAt, editing.endZone ?? clinicZone) : "",
        endZone: editing.endZone ?? "",
        reference: editing.reference ?? "",
        fromPlace: editing.fromPlace ?? "",
        toPlace: editing.toPlace ?? "",
        contactName: editing.contactName ?? "",
        contactPhone: editing.contactPhone ?? "",
        note: editing.note ?? "",
      }
    : null;
  return {
    kase,
    entries: timelineOf(trip),
    conflicts: trip.conflicts,
    passports,
    visaProblem: visaLetterProblem(trip, passports),
    editing: editing ? { id: editing.id, values } : null,
    zones: timeZoneOptions(),
    airports: Object.keys(AIRPORT_ZONES),
    clinicZone,
  };
}

const Review = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), documentId: z.string().min(1) }),
  z.object({
    intent: z.literal("reject"),
    documentId: z.string().min(1),
    reason: z.enum(REJECT_REASONS),
    note: z.string().trim().max(TEXT_MAX),
  }),
  z.object({ intent: z.literal("deleteItem"), itemId: z.string().min(1) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "travel:write");
  const caseId = params.caseId ?? "";
  const exists = await db.case.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!exists) notFound();
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "travel");
  const raw = Object.fromEntries(await request.formData());
  const str = (name: string) => (typeof raw[name] === "string" ? String(raw[name]) : "");
  if (raw.intent === "item") {
    const values = Object.fromEntries(ITEM_FIELDS.map((f) => [f, str(f)])) as ItemForm;
    const itemId = str("itemId") || undefined;
    const parsed = parseItem(values);
    if (!parsed.ok) {
      const errors = Object.fromEntries(
        Object.entries(parsed.errors).map(([k, v]) => [k, t(v ?? "errors.invalid")]),
      );
      return data(
        {
          form: "item" as const,
          errors,
          values,
          itemId: itemId ?? null,
          error: null,
          target: null,
        },
        { status: 400 },
      );
    }
    try {
      await saveItem(caseId, user.id, parsed.item, itemId);
    } catch (error) {
      if (error instanceof TravelError && error.code === "not_found") notFound();
      throw error;
    }
    return redirect(`/staff/cases/${caseId}/travel?done=item#itinerary`);
  }
  const parsed = Review.safeParse(raw);
  const target = str("documentId") || null;
  const refuse = (error: string, status = 400) =>
    data(
      { form: "review" as const, errors: null, values: null, itemId: null, error, target },
      { status },
    );
  if (!parsed.success) {
    return refuse(t(raw.intent === "reject" ? "errors.rejectReason" : "errors.invalid"));
  }
  const input = parsed.data;
  try {
    if (input.intent === "deleteItem") {
      await deleteItem(caseId, user.id, input.itemId);
      return redirect(`/staff/cases/${caseId}/travel?done=deleted#itinerary`);
    }
    await reviewPassport({
      caseId,
      documentId: input.documentId,
      actorId: user.id,
      ip: clientIp(context),
      review:
        input.intent === "approve"
          ? { decision: "approve" }
          : { decision: "reject", reason: input.reason, note: input.note },
    });
    return redirect(`/staff/cases/${caseId}/travel?done=${input.intent}#passports`);
  } catch (error) {
    if (!(error instanceof TravelError)) throw error;
    if (error.code === "not_found") notFound();
    const day = (v: string) =>
      v
        ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
            new Date(v),
          )
        : "";
    return refuse(
      t(error.key, {
        date: day(error.vars.validUntil ?? ""),
        back: day(error.vars.returnDate ?? ""),
      }),
      409,
    );
  }
}

export default function StaffTravel() {
  const { t } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  // A message about the last saved change, unless this answer is about a refused one.
  const done = result ? null : params.get("done");
  const location = useLocation();
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result?.error) errorRef.current?.focus();
  }, [result]);
  const itemErrors = result?.form === "item" ? result.errors : undefined;
  const values = (result?.form === "item" ? result.values : null) ?? d.editing?.values ?? undefined;
  const itemId = (result?.form === "item" ? result.itemId : null) ?? d.editing?.id ?? null;
  // Each page load after a save starts the entry form afresh; a refused save keeps its values.
  const formKey = `${itemId ?? "new"}-${location.key}`;
  const kind = values?.kind ?? "";
  const labels = Object.fromEntries(
    ITEM_FIELDS.map((f) => [f, t(`itinerary.field.${f}`)]),
  ) as Record<(typeof ITEM_FIELDS)[number], string>;
  const caseUrl = `/staff/cases/${d.kase.id}`;
  return (
    <article className="travel">
      <p>
        <Link to={caseUrl}>← {t("backToCase", { caseNumber: d.kase.number })}</Link>
      </p>
      <h1>{t("staff.heading", { caseNumber: d.kase.number, name: d.kase.patient.name })}</h1>
      {done ? (
        <p className="notice ok" role="status">
          {t(
            `staff.done.${["item", "deleted", "approve", "reject"].includes(done) ? done : "item"}`,
          )}
        </p>
      ) : null}
      <p className="actions">
        <Link className="button secondary" to={`${caseUrl}/schedule`}>
          {t("staff.openSchedule")}
        </Link>
        <a className="button secondary" href={`${caseUrl}/itinerary.pdf`}>
          {t("downloads.itinerary")}
        </a>
        {d.visaProblem ? (
          <span className="muted">
            {t(
              d.visaProblem === "appointmentsMissing"
                ? "staff.visaAppointments"
                : "staff.visaPassport",
            )}
          </span>
        ) : (
          <a className="button secondary" href={`${caseUrl}/visa-letter.pdf`}>
            {t("downloads.visaLetter")}
          </a>
        )}
      </p>

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

      <section id="itinerary" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("staff.timeline")}</h2>
        <TripTimeline
          entries={d.entries}
          programme={d.kase.programme.slug}
          timeZone={d.kase.patient.timeZone}
          clinicZone={d.clinicZone}
          yourLabel={t("zonePatient")}
          actions={(e) =>
            e.type === "item" ? (
              <div className="actions">
                <Link to={`?edit=${e.id}#item-form`}>
                  {t("itinerary.edit")}
                  <span className="visually-hidden"> {e.title}</span>
                </Link>
                <Form method="post">
                  <input type="hidden" name="intent" value="deleteItem" />
                  <input type="hidden" name="itemId" value={e.id} />
                  <button type="submit" className="secondary" disabled={busy}>
                    {t("itinerary.delete")}
                    <span className="visually-hidden"> {e.title}</span>
                  </button>
                </Form>
              </div>
            ) : null
          }
        />
      </section>

      <section id="item-form" aria-labelledby="item-heading">
        <h2 id="item-heading">{t(itemId ? "itinerary.editHeading" : "itinerary.addHeading")}</h2>
        <p className="hint">{t("itinerary.hint", { zone: d.clinicZone })}</p>
        <Form method="post" noValidate key={formKey}>
          <input type="hidden" name="intent" value="item" />
          {itemId ? <input type="hidden" name="itemId" value={itemId} /> : null}
          <ErrorSummary errors={itemErrors} order={ITEM_FIELDS} labels={labels} />
          <Field name="kind" label={labels.kind} errors={itemErrors}>
            <select {...control("kind", itemErrors, values)}>
              {ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`itinerary.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <div className="grid-2">
            <Field
              name="reference"
              label={labels.reference}
              hint={t("itinerary.hintReference")}
              errors={itemErrors}
            >
              <input {...control("reference", itemErrors, values, true)} autoComplete="off" />
            </Field>
            <Field name="note" label={labels.note} errors={itemErrors}>
              <input {...control("note", itemErrors, values)} />
            </Field>
            <Field
              name="fromPlace"
              label={labels.fromPlace}
              hint={t("itinerary.hintFrom")}
              errors={itemErrors}
            >
              <input {...control("fromPlace", itemErrors, values, true)} list="airports" />
            </Field>
            <Field
              name="toPlace"
              label={labels.toPlace}
              hint={t("itinerary.hintTo")}
              errors={itemErrors}
            >
              <input {...control("toPlace", itemErrors, values, true)} list="airports" />
            </Field>
            <Field
              name="start"
              label={labels.start}
              hint={t("itinerary.hintStart")}
              errors={itemErrors}
            >
              <input type="datetime-local" {...control("start", itemErrors, values, true)} />
            </Field>
            <Field name="end" label={labels.end} hint={t("itinerary.hintEnd")} errors={itemErrors}>
              <input type="datetime-local" {...control("end", itemErrors, values, true)} />
            </Field>
            {(["startZone", "endZone"] as const).map((name) => (
              <Field
                key={name}
                name={name}
                label={labels[name]}
                hint={t("itinerary.hintZone")}
                errors={itemErrors}
              >
                <select {...control(name, itemErrors, values, true)}>
                  <option value="">{t("itinerary.zoneFromAirport")}</option>
                  <TimeZoneOptions zones={d.zones} />
                </select>
              </Field>
            ))}
            <Field name="contactName" label={labels.contactName} errors={itemErrors}>
              <input {...control("contactName", itemErrors, values)} />
            </Field>
            <Field name="contactPhone" label={labels.contactPhone} errors={itemErrors}>
              <input type="tel" dir="ltr" {...control("contactPhone", itemErrors, values)} />
            </Field>
          </div>
          <datalist id="airports">
            {d.airports.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          {isFlight(kind) ? <p className="hint">{t("itinerary.flightHint")}</p> : null}
          <button type="submit" disabled={busy}>
            {t(itemId ? "itinerary.save" : "itinerary.add")}
          </button>
          {itemId ? <Link to="?#item-form"> {t("itinerary.cancelEdit")}</Link> : null}
        </Form>
      </section>

      <section id="passports" aria-labelledby="passports-heading">
        <h2 id="passports-heading">{t("passport.heading")}</h2>
        {d.passports.length ? (
          <ul className="passports">
            {d.passports.map((p) => (
              <PassportCard key={p.id} passport={p} downloadUrl={`${caseUrl}/documents/${p.id}`}>
                {result?.form === "review" && result.target === p.id && result.error ? (
                  <p className="field-error" role="alert" tabIndex={-1} ref={errorRef}>
                    {result.error}
                  </p>
                ) : null}
                {p.status === "PENDING" ? (
                  <div className="review-forms">
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="documentId" value={p.id} />
                      <button type="submit" disabled={busy}>
                        {t("passport.approve")}
                        <span className="visually-hidden"> {p.holderName}</span>
                      </button>
                    </Form>
                    <Form method="post" noValidate className="reject-form">
                      <input type="hidden" name="intent" value="reject" />
                      <input type="hidden" name="documentId" value={p.id} />
                      <label htmlFor={`reason-${p.id}`}>{t("passport.rejectReason")}</label>
                      <select id={`reason-${p.id}`} name="reason" defaultValue="">
                        <option value="">{t("passport.chooseReason")}</option>
                        {REJECT_REASONS.map((r) => (
                          <option key={r} value={r}>
                            {t(`passport.reason.${r}`)}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={`note-${p.id}`}>{t("passport.rejectNote")}</label>
                      <input id={`note-${p.id}`} name="note" maxLength={TEXT_MAX} />
                      <button type="submit" className="secondary" disabled={busy}>
                        {t("passport.reject")}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </PassportCard>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("passport.none")}</p>
        )}
      </section>
    </article>
  );
}
