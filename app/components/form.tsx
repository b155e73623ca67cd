/**
 * Accessible form parts shared by the public and patient forms: a labelled field with its
 * hint and error tied to the control (aria-describedby, aria-invalid), an error summary
 * that links to each field, and focus on the first invalid control after a failed submit.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";

export type Errors = Record<string, string> | undefined;

/** A DOM id for a field name ("q.lupus-msc.pregnancy" becomes "q-lupus-msc-pregnancy"). */
export function idOf(name: string) {
  return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

export function describedBy(name: string, errors: Errors, hint?: boolean) {
  const ids = [hint ? `${idOf(name)}-hint` : null, errors?.[name] ? `${idOf(name)}-error` : null];
  return ids.filter(Boolean).join(" ") || undefined;
}

export function FieldError({ name, errors }: { name: string; errors: Errors }) {
  const message = errors?.[name];
  if (!message) return null;
  return (
    <p id={`${idOf(name)}-error`} className="field-error">
      {message}
    </p>
  );
}

export function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  errors: Errors;
  children: ReactNode;
}) {
  return (
    <div className={errors?.[name] ? "field has-error" : "field"}>
      <label htmlFor={idOf(name)}>{label}</label>
      {hint ? (
        <p id={`${idOf(name)}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/** Common props for a text control: id, name, the kept value and its ARIA wiring. */
export function control(
  name: string,
  errors: Errors,
  values?: Record<string, string>,
  hint = false,
) {
  return {
    id: idOf(name),
    name,
    defaultValue: values?.[name] ?? "",
    "aria-invalid": errors?.[name] ? (true as const) : undefined,
    "aria-describedby": describedBy(name, errors, hint),
  };
}

/**
 * The list of problems at the top of the form, each linking to its field. Focus moves to
 * the first invalid control (or to this summary) once the errors arrive.
 */
export function ErrorSummary({
  errors,
  order,
  labels,
}: {
  errors: Errors;
  order: readonly string[];
  labels: Record<string, string>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!errors || Object.keys(errors).length === 0) return;
    const first = document.querySelector<HTMLElement>(
      'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"]',
    );
    (first ?? ref.current)?.focus();
  }, [errors]);
  if (!errors || Object.keys(errors).length === 0) return null;
  const names = [
    ...order.filter((n) => errors[n]),
    ...Object.keys(errors).filter((n) => !order.includes(n)),
  ];
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{t("form.problems", { count: names.length })}</h2>
      <ul>
        {names.map((name) => (
          <li key={name}>
            <a href={`#${idOf(name)}`}>
              {labels[name] ? `${labels[name]}: ` : ""}
              {errors[name]}
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

export function TimeZoneOptions({ zones }: { zones: readonly string[] }) {
  return (
    <>
      {zones.map((z) => (
        <option key={z} value={z}>
          {z.replace(/_/g, " ")}
        </option>
      ))}
    </>
  );
}
