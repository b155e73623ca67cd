/**
 * A member of staff's own account (issue 23): the browsers and devices they are signed in on
 * (device, address, when each began and was last used), this one marked, and ending any other
 * one, or all of them at once. Any staff role; patients are turned away by the guard.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, type FormReply } from "~/components/form";
import { SessionList } from "~/components/staff/account";
import { AccountForm } from "~/forms/account";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { readSessionId } from "~/infra/session.server";
import { translatedTitle } from "~/lib/meta";
import { deviceOf } from "~/lib/user-agent";
import { requirePermission } from "~/models/auth/auth.server";
import { endOtherSessions, endOwnSession, listSessions } from "~/models/auth/sessions.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "mySessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "account:use");
  const sessions = await listSessions(user.id, await readSessionId(request));
  return {
    name: user.name,
    email: user.email,
    timeZone: user.timeZone,
    sessions: sessions.map(({ userAgent, ...s }) => ({ ...s, device: deviceOf(userAgent) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "account:use");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission } = await readSubmission(request, AccountForm, t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: "sessions", ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const who = { id: user.id, ip: clientIp(context) };
  const current = await readSessionId(request);
  if (submission.value.intent === "endOthers") {
    const ended = await endOtherSessions(who, current);
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("mySessions.endedOthers", { count: ended }),
    });
  }
  if (!(await endOwnSession(who, submission.value.session, current))) {
    return answer(404, {
      result: submission.reply({ formErrors: [t("mySessions.gone")] }),
    });
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t("mySessions.ended"),
  });
}

export default function AccountPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <article className="account">
      <h1>{t("mySessions.heading")}</h1>
      <p className="muted">
        <bdi>{d.name}</bdi> · <bdi dir="ltr">{d.email}</bdi>
      </p>
      <FormDone message={reply?.done} />
      <SessionList sessions={d.sessions} timeZone={d.timeZone} reply={reply} />
    </article>
  );
}
