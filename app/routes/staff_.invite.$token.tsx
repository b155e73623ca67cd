/**
 * An invitation to the staff team (ADR 027), opened from its email: the invited person
 * chooses a password (checked for strength), the account is created with the name and role
 * the admin chose, and enrolling the authenticator app follows at /login/enrol before any
 * session exists. An expired, used or revoked invitation says so and to ask an admin.
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
import { startPendingSignIn } from "~/models/auth/pending-sign-in.server";
import { acceptInvitation, openStaffLink } from "~/models/auth/staff-links.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "invite.title");

const statusOf = (state: LinkProblemState) =>
  state === "unknown" ? 404 : state === "taken" ? 409 : 410;

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await openStaffLink("INVITE", params.token);
  if (link.state !== "valid") {
    return data(
      { state: link.state, email: "", name: "", role: "" },
      { status: statusOf(link.state) },
    );
  }
  return {
    state: "valid" as const,
    email: link.email ?? "",
    name: link.name ?? "",
    role: link.role ?? "",
  };
}

type InviteReply = FormReply & { state?: LinkProblemState };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale);
  const { submission } = await readSubmission(request, NewPasswordForm, t);
  if (submission.status !== "success") {
    return data<InviteReply>(
      { form: "invite", result: submission.reply({ hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  const result = await acceptInvitation(params.token, submission.value.password, {
    ip: clientIp(context),
  });
  if (result.ok) {
    return redirect("/login/enrol", {
      headers: { "Set-Cookie": await startPendingSignIn(result.user, "enrol") },
    });
  }
  if ("problem" in result) {
    return data<InviteReply>(
      {
        form: "invite",
        result: submission.reply({
          fieldErrors: { password: [t(`password.${result.problem}`)] },
          hideFields: ["password"],
        }),
      },
      { status: 400 },
    );
  }
  return data<InviteReply>(
    { form: "invite", result: submission.reply({ hideFields: ["password"] }), state: result.state },
    { status: statusOf(result.state) },
  );
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { state, email, name, role } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof NewPasswordForm>>("invite", reply);
  const gone = reply && "state" in reply && reply.state ? reply.state : null;
  if (state !== "valid" || gone) {
    return <LinkProblem kind="invite" state={gone ?? (state as LinkProblemState)} />;
  }
  return (
    <section className="card narrow">
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro", { name, role: t(`roles.${role}`) })}</p>
      <p className="muted">{t("invite.account", { email })}</p>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <NewPasswordFields email={email} meta={fields.password} />
        <button type="submit" className="primary" disabled={busy}>
          {t("invite.submit")}
        </button>
      </Form>
      <p className="muted small">{t("invite.next")}</p>
    </section>
  );
}
