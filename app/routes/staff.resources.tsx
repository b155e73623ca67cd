/**
 * Resources and availability, for coordinators and admins: clinicians, infusion chairs and
 * rooms with their weekly hours in the clinic's zone, clinic holidays and each resource's
 * leave. Adding time off over booked appointments says how many need moving.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDate, formatList } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { EXCEPTION_KINDS, RESOURCE_TYPES, WEEKDAYS } from "~/lib/schedule";
import { requirePermission } from "~/models/auth/auth.server";
import {
  addTimeOff,
  listResources,
  parseDayHours,
  setHours,
  timeOffSpan,
} from "~/models/travel/resources.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "travel:resources.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "resources:write");
  return { ...(await listResources()), clinicZone: env().CLINIC_TIME_ZONE };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(2).max(120),
    type: z.enum(RESOURCE_TYPES),
  }),
  z.object({ intent: z.literal("hours"), resourceId: z.string().min(1) }),
  z.object({
    intent: z.literal("timeOff"),
    resourceId: z.string(),
    kind: z.enum(EXCEPTION_KINDS),
    from: z.string(),
    to: z.string(),
    note: z.string().trim().max(200),
  }),
  z.object({ intent: z.literal("deleteTimeOff"), exceptionId: z.string().min(1) }),
  z.object({
    intent: z.literal("active"),
    resourceId: z.string().min(1),
    active: z.enum(["yes", "no"]),
  }),
]);

type Result = {
  form: string;
  target: string | null;
  error: string | null;
  done: string | null;
  values: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "resources:write");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "travel");
  const raw = Object.fromEntries(await request.formData());
  const values = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 500) : ""]),
  );
  const form = typeof raw.intent === "string" ? raw.intent : "";
  const target = values.resourceId || values.exceptionId || null;
  const reply = (r: Partial<Result>, status = 200) =>
    data<Result>({ form, target, error: null, done: null, values, ...r }, { status });
  const parsed = Intent.safeParse(raw);
  if (!parsed.success) {
    const key =
      form === "create"
        ? "resources.errors.create"
        : form === "timeOff"
          ? "resources.errors.timeOff"
          : "errors.invalid";
    return reply({ error: t(key) }, 400);
  }
  const input = parsed.data;
  switch (input.intent) {
    case "create": {
      await db.resource.create({ data: { name: input.name, type: input.type } });
      return reply({ done: t("resources.created"), values: {} });
    }
    case "active": {
      const { count } = await db.resource.updateMany({
        where: { id: input.resourceId },
        data: { active: input.active === "yes" },
      });
      if (count !== 1) return reply({ error: t("errors.invalid") }, 404);
      return reply({ done: t("resources.saved") });
    }
    case "hours": {
      const week: Record<number, { startMinute: number; endMinute: number }[]> = {};
      const bad: string[] = [];
      for (const day of WEEKDAYS) {
        const spans = parseDayHours(values[`day${day}`] ?? "");
        if (spans === null) bad.push(t(`weekday.${day}`));
        else week[day] = spans;
      }
      if (bad.length)
        return reply(
          { error: t("resources.errors.hours", { days: formatList(bad, locale) }) },
          400,
        );
      const exists = await db.resource.count({ where: { id: input.resourceId } });
      if (!exists) return reply({ error: t("errors.invalid") }, 404);
      await setHours(input.resourceId, week);
      return reply({ done: t("resources.saved") });
    }
    case "timeOff": {
      const span = timeOffSpan(input.from, input.to);
      if (!span) return reply({ error: t("resources.errors.timeOff") }, 400);
      const resourceId = input.resourceId || null;
      if (resourceId && !(await db.resource.count({ where: { id: resourceId } }))) {
        return reply({ error: t("errors.invalid") }, 404);
      }
      await addTimeOff({
        resourceId,
        kind: resourceId ? input.kind : "HOLIDAY",
        ...span,
        note: input.note || null,
        actorId: user.id,
      });
      const clashes = await db.appointment.count({
        where: {
          status: "BOOKED",
          ...(resourceId ? { resourceId } : {}),
          startsAt: { lt: span.endsAt },
          endsAt: { gt: span.startsAt },
        },
      });
      return reply({
        done: clashes
          ? t("resources.timeOffClashes", { count: clashes })
          : t("resources.timeOffAdded"),
        values: {},
      });
    }
    case "deleteTimeOff": {
      await db.resourceException.deleteMany({ where: { id: input.exceptionId } });
      return reply({ done: t("resources.timeOffDeleted") });
    }
  }
}

function TimeOffForm({
  resourceId,
  result,
  busy,
}: {
  resourceId: string;
  result: Result | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation("travel");
  const mine = result?.form === "timeOff" && (result.target ?? "") === resourceId;
  const v = mine ? result.values : {};
  const id = (name: string) => `${name}-${resourceId || "clinic"}`;
  return (
    <Form method="post" className="inline-form" noValidate>
      <input type="hidden" name="intent" value="timeOff" />
      <input type="hidden" name="resourceId" value={resourceId} />
      <input type="hidden" name="kind" value={resourceId ? "LEAVE" : "HOLIDAY"} />
      <label htmlFor={id("from")}>{t("resources.from")}</label>
      <input type="date" id={id("from")} name="from" defaultValue={v.from ?? ""} required />
      <label htmlFor={id("to")}>{t("resources.to")}</label>
      <input type="date" id={id("to")} name="to" defaultValue={v.to ?? ""} required />
      <label htmlFor={id("note")}>{t("resources.note")}</label>
      <input id={id("note")} name="note" maxLength={200} defaultValue={v.note ?? ""} />
      <button type="submit" className="secondary" disabled={busy}>
        {t(resourceId ? "resources.addLeave" : "resources.addHoliday")}
      </button>
    </Form>
  );
}

function TimeOffList({
  list,
  clinicZone,
  busy,
}: {
  list: {
    id: string;
    kind: string;
    startsAt: Date | string;
    endsAt: Date | string;
    note: string | null;
  }[];
  clinicZone: string;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("travel");
  if (!list.length) return null;
  const day = (v: Date | string) => formatDate(v, i18n.language, clinicZone);
  return (
    <ul className="time-off">
      {list.map((x) => (
        <li key={x.id}>
          {t(`resources.kind.${x.kind}`)}: {day(x.startsAt)} –{" "}
          {day(new Date(new Date(x.endsAt).getTime() - 1))}
          {x.note ? ` (${x.note})` : ""}{" "}
          <Form method="post" className="inline">
            <input type="hidden" name="intent" value="deleteTimeOff" />
            <input type="hidden" name="exceptionId" value={x.id} />
            <button type="submit" className="link" disabled={busy}>
              {t("resources.remove")}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

export default function ResourcesPage() {
  const { t } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  const message = result ? (
    <p
      ref={ref}
      tabIndex={-1}
      role={result.error ? "alert" : "status"}
      className={result.error ? "field-error" : "notice ok"}
    >
      {result.error ?? result.done}
    </p>
  ) : null;
  return (
    <article className="resources">
      <h1>{t("resources.heading")}</h1>
      <p className="muted">{t("resources.intro", { zone: d.clinicZone })}</p>
      {message}
      <section aria-labelledby="holidays-heading">
        <h2 id="holidays-heading">{t("resources.holidays")}</h2>
        <TimeOffList list={d.holidays} clinicZone={d.clinicZone} busy={busy} />
        <TimeOffForm resourceId="" result={result} busy={busy} />
      </section>
      {d.resources.map((r) => {
        const mine = result?.form === "hours" && result.target === r.id;
        return (
          <section key={r.id} className="card resource" aria-labelledby={`res-${r.id}`}>
            <h2 id={`res-${r.id}`}>
              {r.name} <span className="badge">{t(`resourceType.${r.type}`)}</span>
              {!r.active ? <span className="badge warn"> {t("resources.inactive")}</span> : null}
            </h2>
            <Form method="post" className="hours-form">
              <input type="hidden" name="intent" value="hours" />
              <input type="hidden" name="resourceId" value={r.id} />
              <fieldset>
                <legend>{t("resources.hours")}</legend>
                <p className="hint" id={`hours-hint-${r.id}`}>
                  {t("resources.hoursHint")}
                </p>
                <div className="grid-7">
                  {WEEKDAYS.map((day) => (
                    <div key={day} className="field">
                      <label htmlFor={`day${day}-${r.id}`}>{t(`weekday.${day}`)}</label>
                      <input
                        id={`day${day}-${r.id}`}
                        name={`day${day}`}
                        dir="ltr"
                        aria-describedby={`hours-hint-${r.id}`}
                        defaultValue={mine ? result.values[`day${day}`] : r.week[day]}
                      />
                    </div>
                  ))}
                </div>
              </fieldset>
              <button type="submit" disabled={busy}>
                {t("resources.saveHours")}
              </button>
            </Form>
            <h3>{t("resources.leave")}</h3>
            <TimeOffList list={r.exceptions} clinicZone={d.clinicZone} busy={busy} />
            <TimeOffForm resourceId={r.id} result={result} busy={busy} />
            <Form method="post">
              <input type="hidden" name="intent" value="active" />
              <input type="hidden" name="resourceId" value={r.id} />
              <input type="hidden" name="active" value={r.active ? "no" : "yes"} />
              <button type="submit" className="secondary" disabled={busy}>
                {t(r.active ? "resources.deactivate" : "resources.activate")}
              </button>
            </Form>
          </section>
        );
      })}
      <section aria-labelledby="new-heading">
        <h2 id="new-heading">{t("resources.new")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <label htmlFor="new-name">{t("resources.name")}</label>
          <input
            id="new-name"
            name="name"
            maxLength={120}
            defaultValue={result?.form === "create" ? result.values.name : ""}
          />
          <label htmlFor="new-type">{t("resources.type")}</label>
          <select
            id="new-type"
            name="type"
            defaultValue={result?.form === "create" ? result.values.type : RESOURCE_TYPES[0]}
          >
            {RESOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`resourceType.${type}`)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy}>
            {t("resources.create")}
          </button>
        </Form>
      </section>
    </article>
  );
}
