/**
 * "Forgot password" for staff (ADR 027). The answer is the same whether or not the address
 * has an account, in the same time (the link is queued after the answer); only the visitor's
 * own address is told to wait, and an address asked for too often gets no more emails.
 */
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, FormField, useAppForm, useBusy, type FormReply } from "~/components/form";
import { ForgotPasswordForm } from "~/forms/auth";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { inBackground } from "~/infra/background.server";
import { readSubmission } from "~/infra/forms.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { isStaffRole } from "~/lib/permissions";
import { homeOf } from "~/lib/staff-home";
import { getUser } from "~/models/auth/auth.server";
import { requestPasswordReset } from "~/models/auth/staff-links.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "forgot.title");

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
  const { submission } = await readSubmission(request, ForgotPasswordForm, t);
  if (submission.status !== "success") {
    return data<FormReply>({ form: "forgot", result: submission.reply() }, { status: 400 });
  }
  const ip = clientIp(context) ?? "unknown";
  const byIp = await hit(`reset:ip:${ip}`, LIMITS.magicLinkPerIp);
  if (!byIp.allowed) {
    const minutes = Math.ceil(byIp.retryAfterS / 60);
    return data<FormReply>(
      {
        form: "forgot",
        result: submission.reply({
          fieldErrors: { email: [t("forgot.rateLimited", { minutes })] },
        }),
      },
      { status: 429, headers: { "Retry-After": String(byIp.retryAfterS) } },
    );
  }
  const { email } = submission.value;
  inBackground("staff-password-reset", () => requestPasswordReset(email));
  return data<FormReply>({
    form: "forgot",
    result: submission.reply({ resetForm: true }),
    done: t("forgot.sent", { email }),
  });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const busy = useBusy();
  const { form, fields, props, done } = useAppForm<z.input<typeof ForgotPasswordForm>>(
    "forgot",
    reply,
  );
  return (
    <section className="card narrow">
      <h1>{t("forgot.title")}</h1>
      {done ? (
        <div role="status" className="notice">
          <p>{done}</p>
          <p className="muted small">{t("forgot.sentHelp")}</p>
        </div>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <Form method="post" {...props}>
            <FormErrors form={form} />
            <FormField meta={fields.email} label={t("login.email")}>
              {(p) => <input {...p} type="email" autoComplete="username" dir="ltr" required />}
            </FormField>
            <button type="submit" className="primary" disabled={busy}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login" className="tap">
          {t("forgot.back")}
        </Link>
      </p>
    </section>
  );
}
