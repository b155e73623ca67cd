/**
 * The one form mechanism's UI (ADR 018), on Conform: useAppForm() holds a form's state from
 * what its action answered (errors per field, what was typed, a reset after success); Field
 * renders every control the same way: its label, hint and error, tied to it by id,
 * aria-describedby and aria-invalid, with one id convention (`<form id>-<field name>`, its
 * error `…-error`, its hint `…-description`). Conform moves focus to the first invalid control;
 * a form-level error is announced and focused by FormErrors. Everything works without
 * JavaScript: the action's answer renders the same state on the server.
 */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";
import { FORM_KEY } from "~/lib/forms";
import type { LanguageWarning } from "~/lib/patient-language";

export type { FieldMetadata, FormMetadata, SubmissionResult };

/** What an action answers for a form: Conform's result, tagged with the form it belongs to. */
export interface FormReply {
  form: string;
  result: SubmissionResult<string[]>;
  /** A success message to show (already translated). */
  done?: string;
  /** Not sent: the text reads as a language the patient does not read (ADR 025). */
  language?: LanguageWarning;
}

/**
 * A form's state. `reply` is the action's answer; it counts only for the form it names, so
 * several forms on one page keep their own errors and values.
 *
 * The answer is taken only once the page's data has been reloaded too (navigation idle).
 * A form whose defaults come from the loader (a saved plan, a draft's lines, a follow-up's
 * answers) is reset after a success to its defaults; if Conform got the answer before the new
 * data (the answer arrives first), it would reset to the defaults from before the save, and
 * the next save would quietly undo this one. Until then the buttons are busy and what was
 * typed stays. Without JavaScript the server renders answer and data together.
 */
export function useAppForm<Schema extends Record<string, unknown>>(
  id: string,
  reply: FormReply | null | undefined,
  defaultValue?: Record<string, unknown>,
) {
  const settled = useNavigation().state === "idle";
  const mine = settled && reply?.form === id ? reply : null;
  const [form, fields] = useForm<Schema>({
    id,
    lastResult: mine?.result ?? null,
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
  });
  return { form, fields, done: mine?.done ?? null, props: getFormProps(form) };
}

/** The props every control of a field carries. */
export interface ControlProps {
  id: string;
  name: string;
  form: string;
  defaultValue: string | undefined;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

export function controlProps(
  meta: FieldMetadata<unknown>,
  options: { hint?: boolean; describedBy?: string } = {},
): ControlProps {
  const invalid = Boolean(meta.errors?.length);
  const ids = [
    invalid ? meta.errorId : null,
    options.hint ? meta.descriptionId : null,
    options.describedBy ?? null,
  ].filter(Boolean);
  return {
    id: meta.id,
    name: meta.name,
    form: meta.formId,
    defaultValue: meta.initialValue as string | undefined,
    ...(invalid ? { "aria-invalid": true as const } : {}),
    ...(ids.length ? { "aria-describedby": ids.join(" ") } : {}),
  };
}

/**
 * A labelled control with its hint and error. `children` renders the control from the props
 * it is given (an input by default), so a select, a textarea or a date takes the same wiring.
 */
export function FormField({
  meta,
  label,
  hint,
  className,
  children,
}: {
  meta: FieldMetadata<unknown>;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children?: (props: ControlProps & { key: string | undefined }) => ReactNode;
}) {
  const props = { ...controlProps(meta, { hint: Boolean(hint) }), key: meta.key };
  const invalid = Boolean(meta.errors?.length);
  return (
    <div className={["field", invalid ? "has-error" : "", className ?? ""].join(" ").trim()}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={meta.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      {children ? (
        children(props)
      ) : (
        <input {...controlProps(meta, { hint: Boolean(hint) })} key={meta.key} />
      )}
      <FieldErrors meta={meta} />
    </div>
  );
}

/** What the document store takes (checked again by content on the server). */
const ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/**
 * A file control with its label, hint and error: one file, or several with `multiple`.
 * A file input has no value to keep, so nothing is echoed back after an error.
 */
export function FileField({
  meta,
  label,
  hint,
  multiple = false,
  clearOn,
}: {
  meta: FieldMetadata<unknown>;
  label: ReactNode;
  hint?: ReactNode;
  multiple?: boolean;
  /** Empties the chosen files whenever this value changes (a new refusal from the action). */
  clearOn?: unknown;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (clearOn && input.current) input.current.value = "";
  }, [clearOn]);
  return (
    <FormField meta={meta} label={label} hint={hint}>
      {({ key, defaultValue: _none, ...control }) => (
        <input
          key={key}
          ref={input}
          {...control}
          type="file"
          multiple={multiple}
          accept={ACCEPTED_FILES}
        />
      )}
    </FormField>
  );
}

/**
 * A group of radio buttons or checkboxes for one field: a fieldset with its legend (and hint),
 * each choice a labelled control carrying the group's error and hint ids.
 */
export function ChoiceField({
  meta,
  legend,
  hint,
  type,
  options,
  className,
}: {
  meta: FieldMetadata<unknown>;
  legend: ReactNode;
  hint?: ReactNode;
  type: "radio" | "checkbox";
  options: readonly { value: string; label: ReactNode }[];
  className?: string;
}) {
  const invalid = Boolean(meta.errors?.length);
  const initial = meta.initialValue as string | string[] | undefined;
  const chosen = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  const describedBy =
    [invalid ? meta.errorId : null, hint ? meta.descriptionId : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <fieldset
      id={meta.id}
      className={["choices", invalid ? "has-error" : "", className ?? ""].join(" ").trim()}
      aria-describedby={describedBy}
      key={meta.key}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={meta.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      {options.map((o, i) => (
        <label key={o.value} className="choice">
          <input
            type={type}
            id={i === 0 ? `${meta.id}-first` : undefined}
            name={meta.name}
            form={meta.formId}
            value={o.value}
            defaultChecked={chosen.has(o.value)}
            aria-invalid={invalid || undefined}
          />
          {o.label}
        </label>
      ))}
      <FieldErrors meta={meta} />
    </fieldset>
  );
}

/** A field's errors, under its control, by the id the control points at. */
export function FieldErrors({ meta }: { meta: FieldMetadata<unknown> }) {
  if (!meta.errors?.length) return null;
  return (
    <p id={meta.errorId} className="field-error">
      {meta.errors.join(" ")}
    </p>
  );
}

/** Errors of the whole form (not of one field): announced, and focused once they arrive. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's metadata
type AnyForm = FormMetadata<any>;

export function FormErrors({ form }: { form: AnyForm }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const errors = form.errors;
  useEffect(() => {
    if (errors?.length) ref.current?.focus();
  }, [errors]);
  if (!errors?.length) return null;
  return (
    <p id={form.errorId} ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      {errors.join(" ")}
    </p>
  );
}

/**
 * A form's buttons wait from the moment it is sent until the page shows the answer: while the
 * action runs and while the page's data reloads after it. A button enabled again during the
 * reload takes the second click of a double click, sending the same form again (a red "already
 * sent" over a note that was saved once). Every submit button's `disabled` reads this.
 */
export function useBusy(): boolean {
  return useNavigation().state !== "idle";
}

/**
 * A success message after the form did its work. With `focus`, it takes the focus once shown
 * (without scrolling), so a keyboard user whose button was busy goes on from the form.
 */
export function FormDone({
  message,
  focus = false,
}: {
  message: string | null | undefined;
  focus?: boolean;
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus && message) ref.current?.focus({ preventScroll: true });
  }, [focus, message]);
  if (!message) return null;
  return (
    <p className="notice ok" role="status" ref={ref} tabIndex={focus ? -1 : undefined}>
      {message}
    </p>
  );
}

/** The key of a creating form, rendered by the loader, spent once by its action. */
export function FormKey({ value }: { value: string }) {
  return <input type="hidden" name={FORM_KEY} value={value} />;
}

/**
 * The list of problems at the top of a long form, each linking to its field, in the order
 * the fields come. For short forms the errors beside the fields are enough.
 */
export function ProblemList({
  form,
  fields,
  labels,
}: {
  form: AnyForm;
  fields: readonly string[];
  labels: Record<string, string>;
}) {
  const { t } = useTranslation();
  const all = form.allErrors;
  const names = [
    ...fields.filter((n) => all[n]?.length),
    ...Object.keys(all).filter((n) => n && !fields.includes(n) && all[n]?.length),
  ];
  if (!names.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={`${form.id}-problems`}>
      <h2 id={`${form.id}-problems`}>{t("form.problems", { count: names.length })}</h2>
      <ul>
        {names.map((name) => (
          <li key={name}>
            <a href={`#${form.id}-${name}`}>
              {labels[name] ? `${labels[name]}: ` : ""}
              {all[name]!.join(" ")}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Option lists shared by the forms; the lists themselves come from the loader (one source). */
export function LanguageOptions() {
  return (
    <>
      {LOCALES.map((lng) => (
        <option key={lng} value={lng} lang={lng}>
          {LOCALE_NAMES[lng]}
        </option>
      ))}
    </>
  );
}

export function CountryOptions({
  countries,
  withDial = false,
}: {
  countries: readonly { code: string; name: string; dial: string }[];
  withDial?: boolean;
}) {
  return (
    <>
      {countries.map((c) => (
        <option key={c.code} value={c.code}>
          {withDial ? `${c.name} (+${c.dial})` : c.name}
        </option>
      ))}
    </>
  );
}

/** Time zones as "Istanbul (GMT+3)" (labels from timeZoneOptions in the loader). */
export function TimeZoneOptions({ zones }: { zones: readonly { value: string; label: string }[] }) {
  return (
    <>
      {zones.map((z) => (
        <option key={z.value} value={z.value}>
          {z.label}
        </option>
      ))}
    </>
  );
}
