/**
 * Staff sign-in, first step: email and password; the second factor follows at /login/code
 * (or enrolling one at /login/enrol), ADR 027. Guessing is held back by the login guard
 * (app/models/auth/login-guard.server.ts) without letting a stranger lock the owner out; a
 * wrong address and a wrong password get the same answer; the page returned to after
 * signing in is only ever one of this site's (safeRedirect).
 */
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  FormErrors,
  FormField,
  useAppForm,
  type FormReply,
  type SubmissionResult,
  useBusy,
} from "~/components/form";
import { LoginForm } from "~/forms/auth";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { isStaffRole } from "~/lib/permissions";
import { safeRedirect } from "~/lib/safe-redirect";
import { homeOf } from "~/lib/staff-home";
import { audit } from "~/infra/audit.server";
import { getUser, verifyStaffLogin } from "~/models/auth/auth.server";
import { beforeLoginAttempt, loginFailed, loginSucceeded } from "~/models/auth/login-guard.server";
import { startPendingSignIn } from "~/models/auth/pending-sign-in.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "login.title");

/** A refusal to wait says for how long, on the page too (not only to scripts). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user && isStaffRole(user.role)) return redirect(homeOf(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale);
  const { submission } = await readSubmission(request, LoginForm, t);
  // The password is never sent back to the page.
  const refuse = (status: number, message?: string, headers?: HeadersInit) => {
    const result: SubmissionResult<string[]> = submission.reply({
      hideFields: ["password"],
      ...(message ? { formErrors: [message] } : {}),
    });
    return data<FormReply>({ form: "login", result }, { status, headers });
  };
  if (submission.status !== "success") return refuse(400);
  const { email, password, redirectTo } = submission.value;

  const ip = clientIp(context) ?? "unknown";
  const gate = await beforeLoginAttempt(email, ip);
  if (!gate.allowed) {
    const minutes = Math.ceil(gate.retryAfterS / 60);
    return refuse(429, t("login.rateLimited", { minutes }), {
      "Retry-After": String(gate.retryAfterS),
    });
  }
  // Resolved before anything is written: a hostile target is dropped, never fails. Without
  // one, the last step sends the account to its role's home (app/lib/staff-home.ts).
  const target = safeRedirect(redirectTo, "");
  const user = await verifyStaffLogin(email, password);
  if (!user) {
    await loginFailed(email, ip);
    await audit({
      actorId: null,
      action: "login.password_failed",
      entity: "User",
      ip,
      outcome: "refused",
      detail: email.trim().toLowerCase().slice(0, 200),
    });
    return refuse(400, t("login.invalid"));
  }
  await loginSucceeded(email, ip);
  // Not signed in yet: the second factor comes next (or enrolling one), under a short-lived
  // signed cookie that opens only that step.
  const step = user.enrolled ? "code" : "enrol";
  const cookie = await startPendingSignIn(user, step);
  const next = `/login/${step}${target ? `?redirectTo=${encodeURIComponent(target)}` : ""}`;
  return redirect(next, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof LoginForm>>("login", reply);
  // The answer is about the pair, so it is the form's; focus goes back to the address
  // (after FormErrors has announced it), which the answer describes.
  const emailRef = useRef<HTMLInputElement>(null);
  const refused = Boolean(form.errors?.length);
  useEffect(() => {
    if (refused) emailRef.current?.focus();
  }, [refused, form.errors]);
  const describedByError = refused
    ? { "aria-invalid": true as const, "aria-describedby": form.errorId }
    : {};
  return (
    <section className="card narrow">
      <h1>{t("login.title")}</h1>
      {params.get("reset") === "done" ? (
        <p className="notice ok" role="status">
          {t("login.resetDone")}
        </p>
      ) : null}
      <p className="muted">{t("login.intro")}</p>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormField meta={fields.email} label={t("login.email")}>
          {(p) => (
            <input
              {...p}
              {...describedByError}
              ref={emailRef}
              type="email"
              autoComplete="username"
              required
            />
          )}
        </FormField>
        <FormField meta={fields.password} label={t("login.password")}>
          {({ defaultValue: _never, ...p }) => (
            <input {...p} type="password" autoComplete="current-password" required />
          )}
        </FormField>
        <button type="submit" className="primary" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login/forgot" className="tap">
          {t("login.forgot")}
        </Link>
      </p>
    </section>
  );
}
