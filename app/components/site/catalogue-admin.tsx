/**
 * The catalogue's shape, for admins (staff.catalogue, issue 23): a new programme, a new step,
 * a step's booking settings, and the buttons that move, retire, bring back and delete. Each is
 * a plain form (no JavaScript needed); moving is a pair of buttons, reachable and usable by
 * keyboard, whose names say what moves where.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm";
import {
  controlProps,
  FieldErrors,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type ControlProps,
  type FieldMetadata,
  type FormReply,
} from "~/components/form";
import { LanguageFields } from "~/components/translations";
import {
  PROGRAMME_TEXTS,
  RULE_HOURS_MAX,
  SLUG_MAX,
  STEP_MINUTES_MAX,
  STEP_TEXTS,
  type NewProgrammeForm,
  type NewStepForm,
  type StepSettingsForm,
} from "~/forms/catalogue";
import { textField } from "~/forms/translations";
import type { Locale } from "~/i18n/config";
import type { cataloguePage } from "~/models/catalogue/catalogue.server";

type Programme = SerializeFrom<typeof cataloguePage>["programmes"][number];
export type Step = Programme["steps"][number];

export interface Common {
  reply: FormReply | null | undefined;
  busy: boolean;
  formKey: string;
  /** The resource types a step may book (resourceTypesInUse). */
  resourceTypes: string[];
}

type AnyFields = Record<string, FieldMetadata<unknown>>;

/** English is the row's own field (`name`); any other language its own (`name_ar`). */
export const metaIn = (fields: AnyFields) => (field: string, lng: Locale) =>
  fields[lng === "en" ? field : textField(field, lng)]!;

/** Up and down, one form: each button names the row it moves. Hidden at the ends. */
export function MoveButtons({
  intent,
  fields,
  name,
  at,
  first,
  last,
  busy,
}: {
  intent: "moveProgramme" | "moveStep";
  fields: Record<string, string>;
  name: string;
  /** Its place as shown (0 first). */
  at: number;
  first: boolean;
  last: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation("site");
  if (first && last) return null;
  return (
    <Form method="post" className="move-buttons">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="at" value={String(at)} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {first ? null : (
        <button type="submit" name="direction" value="up" disabled={busy}>
          <span aria-hidden="true">↑ </span>
          {t("catalogue.moveUp")}
          <span className="visually-hidden">: {name}</span>
        </button>
      )}
      {last ? null : (
        <button type="submit" name="direction" value="down" disabled={busy}>
          <span aria-hidden="true">↓ </span>
          {t("catalogue.moveDown")}
          <span className="visually-hidden">: {name}</span>
        </button>
      )}
    </Form>
  );
}

/** Retire a programme (asks first) or bring it back (one button). */
export function ProgrammeStatus({ programme: p, reply, busy }: Common & { programme: Programme }) {
  const { t } = useTranslation("site");
  const id = `active-${p.id}`;
  const { form, props, done } = useAppForm(id, reply);
  return (
    <div className="catalogue-status">
      <p className="muted small">
        {p.active ? t("catalogue.status.active") : t("catalogue.status.retired")}
        {" · "}
        {t("catalogue.status.cases", { count: p.cases })}
      </p>
      <FormDone message={done} />
      {p.active ? (
        <ConfirmAction
          intent="programmeActive"
          fields={{ programmeId: p.id, active: "no" }}
          label={t("catalogue.retireProgramme.open")}
          question={t("catalogue.retireProgramme.question", { name: p.name })}
          confirm={t("catalogue.retireProgramme.confirm")}
          busy={busy}
          open={reply?.form === id && !reply.done}
          formProps={props}
        >
          <FormErrors form={form} />
        </ConfirmAction>
      ) : (
        <Form method="post" {...props}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="programmeActive" />
          <input type="hidden" name="programmeId" value={p.id} />
          <input type="hidden" name="active" value="yes" />
          <button type="submit" disabled={busy}>
            {t("catalogue.reactivateProgramme")}
          </button>
        </Form>
      )}
    </div>
  );
}

/** The resource type control: the types resources have, or none. */
function ResourceTypeSelect({ types, ...control }: ControlProps & { types: string[] }) {
  const { t } = useTranslation("travel");
  return (
    <select {...control}>
      <option value="">{t("site:catalogue.noResource")}</option>
      {types.map((type) => (
        <option key={type} value={type}>
          {t(`resourceType.${type}`, { defaultValue: type })}
        </option>
      ))}
    </select>
  );
}

/** Minutes, typed as digits (any script's digits are read). */
const minutesControl = ({ key, ...rest }: ControlProps & { key: string | undefined }) => (
  <input key={key} {...rest} inputMode="numeric" dir="ltr" maxLength={5} size={6} />
);

/** Hours, typed as digits (any script's digits are read). */
const hoursControl = ({ key, ...rest }: ControlProps & { key: string | undefined }) => (
  <input key={key} {...rest} inputMode="numeric" dir="ltr" maxLength={3} size={4} />
);

/**
 * The booking settings of a step: what it books, how long, and the gap the patient needs after;
 * then its travel rules (issue 25): hours before flying, hours of stay after it when it is the
 * last step, and whether a clinician signs the patient fit to fly after it.
 */
function SettingsFields({ fields, types }: { fields: AnyFields; types: string[] }) {
  const { t } = useTranslation("site");
  const fitToFly = fields.fitToFly!;
  return (
    <div className="step-settings">
      <FormField meta={fields.resourceType!} label={t("catalogue.field.resourceType")}>
        {({ key, ...control }) => <ResourceTypeSelect key={key} types={types} {...control} />}
      </FormField>
      <FormField
        meta={fields.durationMinutes!}
        label={t("catalogue.field.duration")}
        hint={t("catalogue.hint.minutes", { max: STEP_MINUTES_MAX })}
      >
        {minutesControl}
      </FormField>
      <FormField
        meta={fields.gapMinutes!}
        label={t("catalogue.field.gap")}
        hint={t("catalogue.hint.gap")}
      >
        {minutesControl}
      </FormField>
      <fieldset className="travel-rules">
        <legend>{t("catalogue.rules.legend")}</legend>
        <FormField
          meta={fields.flyGapHours!}
          label={t("catalogue.rules.flyGap")}
          hint={t("catalogue.rules.flyGapHint", { max: RULE_HOURS_MAX })}
        >
          {hoursControl}
        </FormField>
        <FormField
          meta={fields.stayAfterHours!}
          label={t("catalogue.rules.stayAfter")}
          hint={t("catalogue.rules.stayAfterHint", { max: RULE_HOURS_MAX })}
        >
          {hoursControl}
        </FormField>
        <div className={fitToFly.errors?.length ? "field has-error" : "field"}>
          <label className="choice">
            <input
              type="checkbox"
              key={fitToFly.key}
              {...controlProps(fitToFly)}
              defaultValue={undefined}
              defaultChecked={fitToFly.initialValue === "on"}
            />
            {t("catalogue.rules.fitToFly")}
          </label>
          <FieldErrors meta={fitToFly} />
        </div>
      </fieldset>
    </div>
  );
}

const minutesValue = (n: number | null) => (n === null ? "" : String(n));
/** Stored minutes as the hours the form shows (blank for none). */
const hoursValue = (n: number | null) => (n === null ? "" : String(Math.round(n / 60)));

/** A step's booking settings, its own form ("settings-<id>"). */
export function StepSettings({ step: s, reply, busy, resourceTypes }: Common & { step: Step }) {
  const { t } = useTranslation("site");
  const { form, fields, props, done } = useAppForm<z.input<typeof StepSettingsForm>>(
    `settings-${s.id}`,
    reply,
    {
      resourceType: s.resourceType ?? "",
      durationMinutes: minutesValue(s.durationMinutes),
      gapMinutes: minutesValue(s.gapMinutes),
      flyGapHours: hoursValue(s.flyGapMinutes),
      stayAfterHours: hoursValue(s.stayAfterMinutes),
      fitToFly: s.fitToFlyRequired ? "on" : undefined,
    },
  );
  return (
    <Form method="post" {...props} className="step-settings-form">
      <h4>{t("catalogue.settingsTitle")}</h4>
      <FormErrors form={form} />
      <FormDone message={done} />
      <input type="hidden" name="intent" value="stepSettings" />
      <input type="hidden" name="stepId" value={s.id} />
      <SettingsFields
        fields={fields as unknown as AnyFields}
        types={
          s.resourceType && !resourceTypes.includes(s.resourceType)
            ? [...resourceTypes, s.resourceType]
            : resourceTypes
        }
      />
      <button type="submit" disabled={busy}>
        {t("catalogue.saveSettings")}
      </button>
    </Form>
  );
}

/** Retire or bring back a step; delete it while no plan holds it. */
export function StepStatus({ step: s, reply, busy }: Common & { step: Step }) {
  const { t } = useTranslation("site");
  const retireId = `retire-${s.id}`;
  const deleteId = `delete-${s.id}`;
  const retire = useAppForm(retireId, reply);
  const remove = useAppForm(deleteId, reply);
  return (
    <div className="catalogue-status">
      <p className="muted small">{t("catalogue.status.plans", { count: s.plans })}</p>
      <FormDone message={retire.done} />
      {s.retiredAt ? (
        <Form method="post" {...retire.props}>
          <FormErrors form={retire.form} />
          <input type="hidden" name="intent" value="stepRetired" />
          <input type="hidden" name="stepId" value={s.id} />
          <input type="hidden" name="retired" value="no" />
          <button type="submit" disabled={busy}>
            {t("catalogue.reactivateStep")}
          </button>
        </Form>
      ) : (
        <ConfirmAction
          intent="stepRetired"
          fields={{ stepId: s.id, retired: "yes" }}
          label={t("catalogue.retireStep.open")}
          question={t("catalogue.retireStep.question", { name: s.name })}
          confirm={t("catalogue.retireStep.confirm")}
          busy={busy}
          open={reply?.form === retireId && !reply.done}
          formProps={retire.props}
        >
          <FormErrors form={retire.form} />
        </ConfirmAction>
      )}
      {s.plans === 0 ? (
        <ConfirmAction
          intent="deleteStep"
          fields={{ stepId: s.id }}
          label={t("catalogue.deleteStep.open")}
          question={t("catalogue.deleteStep.question", { name: s.name })}
          confirm={t("catalogue.deleteStep.confirm")}
          busy={busy}
          open={reply?.form === deleteId && !reply.done}
          formProps={remove.props}
        >
          <FormErrors form={remove.form} />
        </ConfirmAction>
      ) : (
        <p className="muted small">{t("catalogue.deleteStep.referenced")}</p>
      )}
    </div>
  );
}

/** A new step at the end of a programme's pathway ("new-step-<programmeId>"). */
export function NewStep({
  programmeId,
  reply,
  busy,
  formKey,
  resourceTypes,
}: Common & {
  programmeId: string;
}) {
  const { t } = useTranslation("site");
  const id = `new-step-${programmeId}`;
  const { form, fields, props, done } = useAppForm<z.input<typeof NewStepForm>>(id, reply);
  return (
    <details className="catalogue-step new-step" open={reply?.form === id || undefined}>
      <summary>{t("catalogue.newStep")}</summary>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="newStep" />
        <input type="hidden" name="programmeId" value={programmeId} />
        <FormKey value={formKey} />
        <LanguageFields
          metaOf={metaIn(fields as unknown as AnyFields)}
          fields={[
            { name: "name", label: t("catalogue.field.stepName"), ...STEP_TEXTS.name },
            {
              name: "description",
              label: t("catalogue.field.description"),
              ...STEP_TEXTS.description,
            },
          ]}
        />
        <SettingsFields fields={fields as unknown as AnyFields} types={resourceTypes} />
        <button type="submit" className="primary" disabled={busy}>
          {t("catalogue.addStep")}
        </button>
      </Form>
    </details>
  );
}

/** A new programme at the end of the catalogue ("new-programme"). */
export function NewProgramme({ reply, busy, formKey }: Common) {
  const { t } = useTranslation("site");
  const id = "new-programme";
  const { form, fields, props, done } = useAppForm<z.input<typeof NewProgrammeForm>>(id, reply);
  return (
    <section className="card" aria-labelledby="new-programme-h">
      <h2 id="new-programme-h">{t("catalogue.newProgramme")}</h2>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="newProgramme" />
        <FormKey value={formKey} />
        <FormField
          meta={fields.slug}
          label={t("catalogue.field.slug")}
          hint={t("catalogue.hint.slug")}
        >
          {({ key, ...control }) => (
            <input
              key={key}
              {...control}
              maxLength={SLUG_MAX}
              dir="ltr"
              autoCapitalize="none"
              spellCheck={false}
            />
          )}
        </FormField>
        <LanguageFields
          metaOf={metaIn(fields as unknown as AnyFields)}
          fields={[
            { name: "name", label: t("catalogue.field.name"), ...PROGRAMME_TEXTS.name },
            {
              name: "condition",
              label: t("catalogue.field.condition"),
              ...PROGRAMME_TEXTS.condition,
            },
            { name: "summary", label: t("catalogue.field.summary"), ...PROGRAMME_TEXTS.summary },
          ]}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t("catalogue.addProgramme")}
        </button>
      </Form>
    </section>
  );
}
