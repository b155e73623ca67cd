/**
 * Pieces shared by the staff sign-in pages (ADR 027): the one-time-code input, the answer
 * for a link that cannot be used, and the list of recovery codes shown once.
 */
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors, type ControlProps, type FieldMetadata } from "~/components/form";

/** A six-digit code: the phone's keypad, the browser's one-time-code autofill, left to right. */
export function CodeInput({
  props,
  recovery = false,
  focusFirst = false,
}: {
  props: ControlProps & { key?: string };
  recovery?: boolean;
  /** Focus the field when the page opens (the code step, whose only task it is). */
  focusFirst?: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const invalid = Boolean(props["aria-invalid"]);
  const describedBy = props["aria-describedby"];
  // After an error, focus returns to the field, whose error says what to do.
  useEffect(() => {
    if (invalid || focusFirst) ref.current?.focus();
  }, [invalid, focusFirst, describedBy]);
  const { key: _key, ...rest } = props;
  return recovery ? (
    <input
      {...rest}
      ref={ref}
      type="text"
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      dir="ltr"
      className="code-input"
      required
    />
  ) : (
    <input
      {...rest}
      ref={ref}
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      dir="ltr"
      className="code-input"
      required
    />
  );
}

export type LinkProblemState = "expired" | "used" | "revoked" | "unknown" | "taken";

/** An invitation or reset link that cannot be used: what happened and what to do. */
export function LinkProblem({
  kind,
  state,
}: {
  kind: "invite" | "reset";
  state: LinkProblemState;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card narrow">
      <h1 ref={ref} tabIndex={-1}>
        {t(`staffLink.${kind}.${state}.title`)}
      </h1>
      <p>{t(`staffLink.${kind}.${state}.body`)}</p>
      <p>
        <Link to={kind === "reset" ? "/login/forgot" : "/login"} className="button tap">
          {t(kind === "reset" ? "staffLink.askAgain" : "staffLink.toSignIn")}
        </Link>
      </p>
    </section>
  );
}

/** The ten recovery codes, shown once, with the continue link the person must press. */
export function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card narrow" aria-labelledby="recovery-title">
      <h1 id="recovery-title" ref={ref} tabIndex={-1}>
        {t("twoFactor.recoveryTitle")}
      </h1>
      <p>{t("twoFactor.recoveryIntro")}</p>
      <ol className="recovery-codes" dir="ltr">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p className="muted">{t("twoFactor.recoveryOnce")}</p>
      <p>
        <Link to={next} className="button primary tap" reloadDocument>
          {t("twoFactor.recoverySaved")}
        </Link>
      </p>
    </section>
  );
}

/** Choosing a password (invitation, reset): the account's address for password managers. */
export function NewPasswordFields({
  email,
  meta,
}: {
  email: string;
  meta: FieldMetadata<unknown>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const invalid = Boolean(meta.errors?.length);
  useEffect(() => {
    if (invalid) ref.current?.focus();
  }, [invalid, meta.errors]);
  return (
    <>
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <div className={`field${invalid ? " has-error" : ""}`}>
        <label htmlFor={meta.id}>{t("password.label")}</label>
        <p id={meta.descriptionId} className="hint">
          {t("password.hint")}
        </p>
        <input
          ref={ref}
          id={meta.id}
          name={meta.name}
          form={meta.formId}
          type="password"
          autoComplete="new-password"
          required
          {...(invalid
            ? { "aria-invalid": true, "aria-describedby": `${meta.errorId} ${meta.descriptionId}` }
            : { "aria-describedby": meta.descriptionId })}
        />
        <FieldErrors meta={meta} />
      </div>
    </>
  );
}
