/**
 * Staff sign-in, second step (ADR 027): the 6-digit code from the authenticator app, or a
 * recovery code. Only a browser that passed the password holds the pending cookie that opens
 * this page. The login guard counts wrong codes like wrong passwords (slowdown, per-address
 * wait); a code already used (same time step) is refused; the session starts only here.
 */
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, FormField, useAppForm, useBusy, type FormReply } from "~/components/form";
import { CodeInput } from "~/components/staff-auth";
import { SecondFactorForm } from "~/forms/auth";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/infra/audit.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { startSession } from "~/infra/session.server";
import { translatedTitle } from "~/lib/meta";
import { staffLanding } from "~/lib/staff-home";
import { beforeLoginAttempt, loginFailed, loginSucceeded } from "~/models/auth/login-guard.server";
import { clearPendingSignIn, readPendingSignIn } from "~/models/auth/pending-sign-in.server";
import { verifySecondFactor } from "~/models/auth/two-factor.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "twoFactor.title");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

function carry(request: Request) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await readPendingSignIn(request);
  if (!pending) return redirect(`/login${carry(request)}`);
  if (pending.step === "enrol") return redirect(`/login/enrol${carry(request)}`);
  return { email: pending.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await readPendingSignIn(request);
  if (!pending) return redirect(`/login${carry(request)}`);
  if (pending.step === "enrol") return redirect(`/login/enrol${carry(request)}`);
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale);
  const { submission } = await readSubmission(request, SecondFactorForm, t);
  const refuse = (status: number, message: string, headers?: HeadersInit) =>
    data<FormReply>(
      {
        form: "second-factor",
        result: submission.reply({ fieldErrors: { code: [message] }, hideFields: ["code"] }),
      },
      { status, headers },
    );
  if (submission.status !== "success") {
    return data<FormReply>(
      { form: "second-factor", result: submission.reply({ hideFields: ["code"] }) },
      { status: 400 },
    );
  }
  const ip = clientIp(context) ?? "unknown";
  const gate = await beforeLoginAttempt(pending.email, ip);
  if (!gate.allowed) {
    const minutes = Math.ceil(gate.retryAfterS / 60);
    return refuse(429, t("login.rateLimited", { minutes }), {
      "Retry-After": String(gate.retryAfterS),
    });
  }
  const { outcome, via } = await verifySecondFactor(pending.userId, submission.value.code);
  if (outcome !== "ok") {
    await loginFailed(pending.email, ip);
    await audit({
      actorId: pending.userId,
      action: "login.code_failed",
      entity: "User",
      entityId: pending.userId,
      ip,
      outcome: "refused",
      detail: outcome === "reused" ? "code already used" : `wrong ${via ?? "code"}`,
    });
    const message =
      outcome === "reused"
        ? t("twoFactor.codeReused")
        : via === "recovery"
          ? t("twoFactor.recoveryWrong")
          : t("twoFactor.codeWrong");
    return refuse(400, message);
  }
  await loginSucceeded(pending.email, ip);
  await audit({
    actorId: pending.userId,
    action: "login.success",
    entity: "User",
    entityId: pending.userId,
    ip,
    outcome: "success",
  });
  if (via === "recovery") {
    await audit({
      actorId: pending.userId,
      action: "staff.recovery-code.used",
      entity: "User",
      entityId: pending.userId,
      ip,
      outcome: "success",
    });
  }
  // The page they were going to, if safe and theirs to open; else their role's home.
  const target = staffLanding(pending.role, submission.value.redirectTo);
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await startSession(request, pending.userId, {
      ip,
      userAgent: request.headers.get("User-Agent"),
    }),
  );
  headers.append("Set-Cookie", await clearPendingSignIn());
  return redirect(target, { headers });
}

export default function SecondFactor() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const recovery = params.get("method") === "recovery";
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof SecondFactorForm>>(
    "second-factor",
    reply,
  );
  const other = new URLSearchParams(params);
  if (recovery) other.delete("method");
  else other.set("method", "recovery");
  return (
    <section className="card narrow">
      <h1>{t("twoFactor.title")}</h1>
      <p>{t(recovery ? "twoFactor.recoveryPrompt" : "twoFactor.prompt", { email })}</p>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormField
          meta={fields.code}
          label={t(recovery ? "twoFactor.recoveryLabel" : "twoFactor.codeLabel")}
          hint={t(recovery ? "twoFactor.recoveryHint" : "twoFactor.codeHint")}
        >
          {(p) => <CodeInput props={p} recovery={recovery} focusFirst key={recovery ? "r" : "c"} />}
        </FormField>
        <button type="submit" className="primary" disabled={busy}>
          {t("twoFactor.submit")}
        </button>
      </Form>
      <p>
        <Link to={`?${other.toString()}`} className="tap" replace>
          {t(recovery ? "twoFactor.useApp" : "twoFactor.useRecovery")}
        </Link>
      </p>
      <p>
        <Link to="/login" className="tap">
          {t("twoFactor.startOver")}
        </Link>
      </p>
    </section>
  );
}
