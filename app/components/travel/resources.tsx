/**
 * The resources page in parts: each resource's card (weekly hours, leave, bookable or not),
 * the clinic's holidays, time off as a list and a form, and the form to add a resource.
 * Every form shows its own errors and success; the buttons' answers show at the page's top.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm";
import type { z } from "zod";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type FieldMetadata,
  type FormReply,
} from "~/components/form";
import { LanguageFields, MissingLanguages } from "~/components/translations";
import {
  RESOURCE_NAME_MAX,
  type CreateResourceForm,
  type HoursForm,
  type TimeOffForm,
} from "~/forms/resources";
import { textDefaults, textField } from "~/forms/translations";
import type { Locale } from "~/i18n/config";
import type { Texts } from "~/lib/translated";
import { formatDate } from "~/lib/format";
import { RESOURCE_TYPES, WEEKDAYS } from "~/lib/schedule";

interface Common {
  reply: FormReply | null | undefined;
  formKey: string;
  busy: boolean;
}

interface TimeOffView {
  id: string;
  kind: string;
  startsAt: Date | string;
  endsAt: Date | string;
  note: string | null;
}

export interface ResourceView {
  id: string;
  name: string;
  /** The name in each language but English, and the languages it has none in yet (ADR 024). */
  texts: Texts<"name">;
  missing: Locale[];
  type: string;
  active: boolean;
  week: Record<number, string>;
  exceptions: TimeOffView[];
}

/** Time off, each with a button to remove it. */
export function TimeOffList({
  list,
  clinicZone,
  busy,
}: {
  list: TimeOffView[];
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
          {t(`resources.kind.${x.kind}`)}: <bdi>{day(x.startsAt)}</bdi> –{" "}
          <bdi>{day(new Date(new Date(x.endsAt).getTime() - 1))}</bdi>
          {x.note ? (
            <>
              {" "}
              (<bdi>{x.note}</bdi>)
            </>
          ) : null}{" "}
          <ConfirmAction
            intent="deleteTimeOff"
            fields={{ exceptionId: x.id }}
            label={t("resources.remove")}
            question={t("resources.removeQuestion", {
              kind: t(`resources.kind.${x.kind}`),
              from: day(x.startsAt),
              to: day(new Date(new Date(x.endsAt).getTime() - 1)),
            })}
            confirm={t("resources.removeConfirm")}
            busy={busy}
          />
        </li>
      ))}
    </ul>
  );
}

/** Whole days off: a resource's leave, or (no resource) a clinic holiday. */
export function TimeOffEntry({
  resourceId,
  reply,
  formKey,
  busy,
}: Common & { resourceId: string }) {
  const { t } = useTranslation("travel");
  const { form, fields, props, done } = useAppForm<z.input<typeof TimeOffForm>>(
    `timeOff-${resourceId || "clinic"}`,
    reply,
  );
  return (
    <Form method="post" className="inline-form" {...props}>
      <FormErrors form={form} />
      <FormDone message={done} />
      <input type="hidden" name="intent" value="timeOff" />
      <input type="hidden" name="resourceId" value={resourceId} />
      <input type="hidden" name="kind" value={resourceId ? "LEAVE" : "HOLIDAY"} />
      <FormKey value={formKey} />
      <FormField meta={fields.from} label={t("resources.from")}>
        {(control) => <input {...control} type="date" />}
      </FormField>
      <FormField meta={fields.to} label={t("resources.to")}>
        {(control) => <input {...control} type="date" />}
      </FormField>
      <FormField meta={fields.note} label={t("resources.note")}>
        {(control) => <input {...control} maxLength={200} />}
      </FormField>
      <button type="submit" className="secondary" disabled={busy}>
        {t(resourceId ? "resources.addLeave" : "resources.addHoliday")}
      </button>
    </Form>
  );
}

/** A resource's weekly hours, one text per weekday, in the clinic's zone. */
function HoursEntry({
  resource,
  reply,
  busy,
}: Omit<Common, "formKey"> & { resource: ResourceView }) {
  const { t } = useTranslation("travel");
  const week = Object.fromEntries(WEEKDAYS.map((day) => [`day${day}`, resource.week[day] ?? ""]));
  const { form, fields, props, done } = useAppForm<z.input<typeof HoursForm>>(
    `hours-${resource.id}`,
    reply,
    week,
  );
  const hint = `hours-hint-${resource.id}`;
  return (
    <Form method="post" className="hours-form" {...props}>
      <FormErrors form={form} />
      <FormDone message={done} />
      <input type="hidden" name="intent" value="hours" />
      <input type="hidden" name="resourceId" value={resource.id} />
      <fieldset aria-describedby={hint}>
        <legend>{t("resources.hours")}</legend>
        <p className="hint" id={hint}>
          {t("resources.hoursHint")}
        </p>
        <div className="grid-7">
          {WEEKDAYS.map((day) => (
            <FormField key={day} meta={fields[`day${day}`]} label={t(`weekday.${day}`)}>
              {(control) => <input {...control} dir="ltr" />}
            </FormField>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={busy}>
        {t("resources.saveHours")}
      </button>
    </Form>
  );
}

/** A resource's name in English and every other language (form "names-<id>"). */
function NamesEntry({
  resource,
  reply,
  busy,
}: Omit<Common, "formKey"> & { resource: ResourceView }) {
  const { t } = useTranslation("travel");
  const shown = { name: resource.name, ...textDefaults(resource.texts, ["name"]) };
  const { form, fields, props, done } = useAppForm(`names-${resource.id}`, reply, shown);
  const all = fields as unknown as Record<string, FieldMetadata<unknown>>;
  return (
    <details
      className="names-editor"
      open={Boolean(done) || Boolean(form.errors?.length) || !form.valid}
    >
      <summary>{t("resources.names")}</summary>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="names" />
        <input type="hidden" name="resourceId" value={resource.id} />
        <LanguageFields
          seen={shown}
          missing={resource.missing}
          metaOf={(f, lng) => all[lng === "en" ? f : textField(f, lng)]!}
          fields={[{ name: "name", label: t("resources.name"), max: RESOURCE_NAME_MAX }]}
        />
        <button type="submit" disabled={busy}>
          {t("resources.saveNames")}
        </button>
      </Form>
    </details>
  );
}

/** One resource: its names, its hours, its leave, and whether it can be booked. */
export function ResourceCard({
  resource: r,
  clinicZone,
  ...common
}: Common & { resource: ResourceView; clinicZone: string }) {
  const { t } = useTranslation("travel");
  return (
    <section className="card resource" aria-labelledby={`res-${r.id}`}>
      <h2 id={`res-${r.id}`}>
        <bdi>{r.name}</bdi> <span className="badge">{t(`resourceType.${r.type}`)}</span>
        {!r.active ? <span className="badge warn"> {t("resources.inactive")}</span> : null}
      </h2>
      <MissingLanguages missing={r.missing} />
      <NamesEntry resource={r} reply={common.reply} busy={common.busy} />
      <HoursEntry resource={r} reply={common.reply} busy={common.busy} />
      <h3>{t("resources.leave")}</h3>
      <TimeOffList list={r.exceptions} clinicZone={clinicZone} busy={common.busy} />
      <TimeOffEntry resourceId={r.id} {...common} />
      <Form method="post">
        <input type="hidden" name="intent" value="active" />
        <input type="hidden" name="resourceId" value={r.id} />
        <input type="hidden" name="active" value={r.active ? "no" : "yes"} />
        <button type="submit" className="secondary" disabled={common.busy}>
          {t(r.active ? "resources.deactivate" : "resources.activate")}
        </button>
      </Form>
    </section>
  );
}

/** Adds a clinician, a chair or a room (form "resource"). */
export function NewResource({ reply, formKey, busy }: Common) {
  const { t } = useTranslation("travel");
  const { form, fields, props, done } = useAppForm<z.input<typeof CreateResourceForm>>(
    "resource",
    reply,
    { type: RESOURCE_TYPES[0] },
  );
  return (
    <section aria-labelledby="new-heading">
      <h2 id="new-heading">{t("resources.new")}</h2>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="create" />
        <FormKey value={formKey} />
        <FormField meta={fields.name} label={t("resources.name")}>
          {(control) => <input {...control} maxLength={120} />}
        </FormField>
        <FormField meta={fields.type} label={t("resources.type")}>
          {(control) => (
            <select {...control}>
              {RESOURCE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`resourceType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("resources.create")}
        </button>
      </Form>
    </section>
  );
}
