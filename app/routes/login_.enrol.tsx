/**
 * Enrolling the second factor (ADR 027), after an invitation was accepted or after the
 * password when the account has none confirmed (a new account, or after an admin reset it).
 * The page shows a QR code and the secret as text; a code from the app confirms it; the
 * session starts then, and the 10 recovery codes are shown once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, FormField, useAppForm, useBusy, type FormReply } from "~/components/form";
import { CodeInput, RecoveryCodes } from "~/components/staff-auth";
import { EnrolForm } from "~/forms/auth";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/infra/audit.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { startSession } from "~/infra/session.server";
import { translatedTitle } from "~/lib/meta";
import { staffLanding } from "~/lib/staff-home";
import { beforeLoginAttempt, loginFailed, loginSucceeded } from "~/models/auth/login-guard.server";
import { clearPendingSignIn, readPendingSignIn } from "~/models/auth/pending-sign-in.server";
import { confirmEnrolment, startEnrolment } from "~/models/auth/two-factor.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "twoFactor.enrolTitle");

function carry(request: Request) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await readPendingSignIn(request);
  if (!pending) return redirect(`/login${carry(request)}`);
  if (pending.step === "code") return redirect(`/login/code${carry(request)}`);
  const enrolment = await startEnrolment(pending.userId);
  if (!enrolment) return redirect(`/login${carry(request)}`);
  return {
    email: pending.email,
    qrSvg: enrolment.qrSvg,
    // In groups of four, as authenticator apps show and read it.
    secret: enrolment.secret.replace(/(.{4})(?=.)/g, "$1 "),
  };
}

type EnrolReply = FormReply & { codes?: string[]; next?: string };

/**
 * Once confirmed, the page shows the recovery codes from the action's answer. Reloading its
 * data then would find no pending sign-in and leave the page before they were saved.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionResult,
  defaultShouldRevalidate,
}) =>
  actionResult && typeof actionResult === "object" && "codes" in actionResult
    ? false
    : defaultShouldRevalidate;

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await readPendingSignIn(request);
  if (!pending) return redirect(`/login${carry(request)}`);
  if (pending.step === "code") return redirect(`/login/code${carry(request)}`);
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale);
  const { submission } = await readSubmission(request, EnrolForm, t);
  if (submission.status !== "success") {
    return data<EnrolReply>(
      { form: "enrol", result: submission.reply({ hideFields: ["code"] }) },
      { status: 400 },
    );
  }
  const refuse = (status: number, message: string, headers?: HeadersInit) =>
    data<EnrolReply>(
      {
        form: "enrol",
        result: submission.reply({ fieldErrors: { code: [message] }, hideFields: ["code"] }),
      },
      { status, headers },
    );
  const ip = clientIp(context) ?? "unknown";
  const gate = await beforeLoginAttempt(pending.email, ip);
  if (!gate.allowed) {
    return refuse(429, t("login.rateLimited", { minutes: Math.ceil(gate.retryAfterS / 60) }), {
      "Retry-After": String(gate.retryAfterS),
    });
  }
  const confirmed = await confirmEnrolment(pending.userId, submission.value.code);
  if (!confirmed.ok) {
    await loginFailed(pending.email, ip);
    return refuse(
      400,
      t(confirmed.reason === "reused" ? "twoFactor.codeReused" : "twoFactor.enrolCodeWrong"),
    );
  }
  await loginSucceeded(pending.email, ip);
  await audit({
    actorId: pending.userId,
    action: "staff.two-factor.enrolled",
    entity: "User",
    entityId: pending.userId,
    ip,
    outcome: "success",
  });
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await startSession(request, pending.userId, {
      ip,
      userAgent: request.headers.get("User-Agent"),
    }),
  );
  headers.append("Set-Cookie", await clearPendingSignIn());
  return data<EnrolReply>(
    {
      form: "enrol",
      result: submission.reply({ resetForm: true }),
      codes: confirmed.codes,
      next: staffLanding(pending.role, submission.value.redirectTo),
    },
    { headers },
  );
}

export default function Enrol() {
  const { t } = useTranslation();
  const { email, qrSvg, secret } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof EnrolForm>>("enrol", reply);
  if (reply && "codes" in reply && reply.codes) {
    return <RecoveryCodes codes={reply.codes} next={reply.next ?? "/staff"} />;
  }
  return (
    <section className="card narrow">
      <h1>{t("twoFactor.enrolTitle")}</h1>
      <p>{t("twoFactor.enrolIntro", { email })}</p>
      <ol>
        <li>{t("twoFactor.enrolStep1")}</li>
        <li>{t("twoFactor.enrolStep2")}</li>
        <li>{t("twoFactor.enrolStep3")}</li>
      </ol>
      <figure className="totp-qr">
        <div
          role="img"
          aria-label={t("twoFactor.qrAlt")}
          // The SVG is made on the server by the qrcode package from our own otpauth URI.
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <figcaption>
          {t("twoFactor.secretLabel")}{" "}
          <code className="totp-secret" dir="ltr">
            {secret}
          </code>
        </figcaption>
      </figure>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormField
          meta={fields.code}
          label={t("twoFactor.codeLabel")}
          hint={t("twoFactor.codeHint")}
        >
          {(p) => <CodeInput props={p} />}
        </FormField>
        <button type="submit" className="primary" disabled={busy}>
          {t("twoFactor.enrolSubmit")}
        </button>
      </Form>
    </section>
  );
}
