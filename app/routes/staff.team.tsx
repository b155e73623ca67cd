/**
 * The team, for admins (issue 23): every member of staff with their role, whether they are
 * active, whether their second factor is set up, and when they were last seen; the invitations
 * not yet accepted. Invite by email, change a role, deactivate (signed out at once), reactivate,
 * reset a second factor, withdraw or resend an invitation. Every change is audited
 * (app/models/staff/team.server.ts), and there is always an active admin.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, type FormReply } from "~/components/form";
import { InviteCard, InviteList, TeamTable } from "~/components/staff/team";
import { TeamForm, teamFormId } from "~/forms/team";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { STAFF_ROLES } from "~/lib/permissions";
import { requirePermission } from "~/models/auth/auth.server";
import {
  changeRole,
  deactivateStaff,
  inviteStaff,
  listTeam,
  reactivateStaff,
  resendInvite,
  resetSecondFactor,
  revokeInvite,
  TeamError,
} from "~/models/staff/team.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "team.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:manage");
  const team = await listTeam();
  return {
    ...team,
    roles: STAFF_ROLES,
    selfId: user.id,
    timeZone: user.timeZone,
    formKey: newFormKey(),
  };
}

/** Where a refusal shows: next to the field it is about, or over the whole form. */
const FIELD_OF: Partial<Record<TeamError["code"], string>> = {
  email_taken: "email",
  email_deactivated: "email",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:manage");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission, sent } = await readSubmission(request, TeamForm, t);
  const form = teamFormId(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  const done = (message: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done: t(message) });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  const actor = { id: user.id, name: user.name, ip: clientIp(context) };
  try {
    switch (input.intent) {
      case "invite":
        await inviteStaff(input, sent, actor);
        return done("team.done.invited");
      case "resendInvite":
        await resendInvite(input.inviteId, input.locale, sent, actor);
        return done("team.done.resent");
      case "revokeInvite":
        await revokeInvite(input.inviteId, actor);
        return done("team.done.revoked");
      case "role":
        return done(
          (await changeRole(input.userId, input.role, actor))
            ? "team.done.role"
            : "team.done.unchanged",
        );
      case "deactivate":
        return done(
          (await deactivateStaff(input.userId, actor))
            ? "team.done.deactivated"
            : "team.done.unchanged",
        );
      case "reactivate":
        return done(
          (await reactivateStaff(input.userId, actor))
            ? "team.done.reactivated"
            : "team.done.unchanged",
        );
      case "resetTotp":
        await resetSecondFactor(input.userId, actor);
        return done("team.done.reset");
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof TeamError) {
      const message = t(`team.errors.${error.code}`);
      const field = FIELD_OF[error.code];
      return answer(error.code === "not_found" ? 404 : 409, {
        result: submission.reply(
          field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
        ),
      });
    }
    throw error;
  }
}

export default function TeamPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // A person's or invitation's form that left the page (an invitation withdrawn) shows here.
  const shownDone =
    reply?.done && (reply.form === "team" || reply.form.startsWith("invite-")) ? reply.done : null;
  return (
    <article className="team">
      <h1>{t("team.heading")}</h1>
      <p className="muted">{t("team.intro")}</p>
      <FormDone message={shownDone} />
      <TeamTable
        people={d.people}
        roles={d.roles}
        selfId={d.selfId}
        timeZone={d.timeZone}
        reply={reply}
      />
      <InviteList invites={d.invites} formKey={d.formKey} timeZone={d.timeZone} reply={reply} />
      <InviteCard roles={d.roles} formKey={d.formKey} reply={reply} />
    </article>
  );
}
