/**
 * A staff password-reset link (ADR 027): the person chooses a new password (checked for
 * strength), every session of theirs ends, and they sign in again, second factor included.
 * An expired, used or revoked link says so and offers to ask for a new one.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, useAppForm, useBusy, type FormReply } from "~/components/form";
import { LinkProblem, NewPasswordFields, type LinkProblemState } from "~/components/staff-auth";
import { NewPasswordForm } from "~/forms/auth";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { openStaffLink, resetPassword } from "~/models/auth/staff-links.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "reset.title");

const statusOf = (state: LinkProblemState) => (state === "unknown" ? 404 : 410);

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await openStaffLink("RESET", params.token);
  if (link.state !== "valid") {
    return data({ state: link.state, email: "" }, { status: statusOf(link.state) });
  }
  return { state: "valid" as const, email: link.email ?? "" };
}

type ResetReply = FormReply & { state?: LinkProblemState };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale);
  const { submission } = await readSubmission(request, NewPasswordForm, t);
  if (submission.status !== "success") {
    return data<ResetReply>(
      { form: "reset", result: submission.reply({ hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  const result = await resetPassword(params.token, submission.value.password, {
    ip: clientIp(context),
  });
  if (result.ok) return redirect("/login?reset=done");
  if ("problem" in result) {
    return data<ResetReply>(
      {
        form: "reset",
        result: submission.reply({
          fieldErrors: { password: [t(`password.${result.problem}`)] },
          hideFields: ["password"],
        }),
      },
      { status: 400 },
    );
  }
  return data<ResetReply>(
    { form: "reset", result: submission.reply({ hideFields: ["password"] }), state: result.state },
    { status: statusOf(result.state) },
  );
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { state, email } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof NewPasswordForm>>("reset", reply);
  const gone = reply && "state" in reply && reply.state ? reply.state : null;
  if (state !== "valid" || gone) {
    return <LinkProblem kind="reset" state={gone ?? (state as LinkProblemState)} />;
  }
  return (
    <section className="card narrow">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro", { email })}</p>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <NewPasswordFields email={email} meta={fields.password} />
        <button type="submit" className="primary" disabled={busy}>
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  );
}
