import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { z } from "zod";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { getUser, verifyStaffLogin } from "~/models/auth/auth.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { beforeLoginAttempt, loginFailed, loginSucceeded } from "~/models/auth/login-guard.server";
import { startSession } from "~/infra/session.server";
import { isStaffRole } from "~/lib/permissions";
import { clientIp } from "~/infra/request.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "login.title");

/** A refusal to wait says for how long, on the page too (not only to scripts). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user && isStaffRole(user.role)) return redirect("/staff/cases");
  return null;
}

const LoginForm = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale);
  const form = Object.fromEntries(await request.formData());
  const email = typeof form.email === "string" ? form.email.slice(0, 254) : "";
  const parsed = LoginForm.safeParse(form);
  if (!parsed.success) {
    return data({ error: t("login.invalid"), email }, { status: 400 });
  }
  const ip = clientIp(context) ?? "unknown";
  const gate = await beforeLoginAttempt(parsed.data.email, ip);
  if (!gate.allowed) {
    return data(
      { error: t("login.rateLimited", { minutes: Math.ceil(gate.retryAfterS / 60) }), email },
      { status: 429, headers: { "Retry-After": String(gate.retryAfterS) } },
    );
  }
  // Resolved before anything is written: a hostile target falls back, never fails.
  const target = safeRedirect(parsed.data.redirectTo, "/staff/cases");
  const user = await verifyStaffLogin(parsed.data.email, parsed.data.password);
  if (!user) {
    await loginFailed(parsed.data.email, ip);
    return data({ error: t("login.invalid"), email }, { status: 400 });
  }
  await loginSucceeded(parsed.data.email, ip);
  const cookie = await startSession(request, user.id, {
    ip,
    userAgent: request.headers.get("User-Agent"),
  });
  return redirect(target, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (actionData?.error) emailRef.current?.focus();
  }, [actionData]);
  return (
    <section className="card narrow">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      <Form
        method="post"
        noValidate
        aria-describedby={actionData?.error ? "login-error" : undefined}
      >
        {actionData?.error ? (
          <p id="login-error" role="alert" className="error-summary">
            {actionData.error}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <div className="field">
          <label htmlFor="email">{t("login.email")}</label>
          <input
            ref={emailRef}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ""}
            aria-invalid={actionData?.error ? true : undefined}
            aria-describedby={actionData?.error ? "login-error" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}
