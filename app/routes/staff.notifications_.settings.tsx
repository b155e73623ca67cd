/**
 * One's choice, per kind of notice, of email, in-app (the bell) or both (issue 22, item 8):
 * one form, a radio group per kind one hears of, saved in one transaction. Only one's own:
 * the form names no person, so an admin cannot change anyone else's.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, type FormReply } from "~/components/form";
import { NotificationChoices } from "~/components/staff/notifications";
import { NotificationChoicesForm } from "~/forms/notifications";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { translatedTitle } from "~/lib/meta";
import { DEFAULT_CHANNEL, kindsFor } from "~/lib/notification-kinds";
import { AUDIENCE_ROLES, type StaffAudience } from "~/lib/permissions";
import { requirePermission } from "~/models/auth/auth.server";
import {
  notificationChoices,
  saveNotificationChoices,
} from "~/models/notifications/notifications.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "notifications.settings.title");

const audienceOf = (role: string) =>
  ((Object.keys(AUDIENCE_ROLES) as StaffAudience[]).find((a) => AUDIENCE_ROLES[a] === role) ??
    null) as StaffAudience | null;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "notifications:use");
  const saved = await notificationChoices(user.id);
  const kinds = kindsFor(audienceOf(user.role)).map((k) => ({ kind: k.kind, group: k.group }));
  return {
    kinds,
    values: Object.fromEntries(kinds.map((k) => [k.kind, saved[k.kind] ?? DEFAULT_CHANNEL])),
    formKey: newFormKey(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "notifications:use");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission, sent } = await readSubmission(request, NotificationChoicesForm, t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: "notification-choices", ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  try {
    await saveNotificationChoices(user.id, submission.value, sent);
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    throw error;
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t("notifications.settings.saved"),
  });
}

export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <article className="notification-settings">
      <p>
        <Link to="/staff/notifications">{t("notifications.back")}</Link>
      </p>
      <h1>{t("notifications.settings.heading")}</h1>
      <p className="hint">{t("notifications.settings.intro")}</p>
      <FormDone message={reply?.done} />
      <NotificationChoices kinds={d.kinds} values={d.values} formKey={d.formKey} reply={reply} />
    </article>
  );
}
