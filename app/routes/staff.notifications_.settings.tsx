/**
 * One's choice, per kind of notice, of email, in-app or both (issue 22, item 8): one form, a
 * radio group per kind one hears of, saved in one transaction. Only one's own: the forms name
 * no person, so an admin cannot change anyone else's.
 *
 * For whoever gets the first-reply reminder, a WhatsApp block (issue 24, section 6): one's
 * number, proved with a code sent there, and the choice to get the reminder on WhatsApp too
 * (on only once the number is proved).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, type FormReply } from "~/components/form";
import { NotificationChoices } from "~/components/staff/notifications";
import { StaffWhatsappBlock } from "~/components/staff/whatsapp-settings";
import { NotificationSettingsForm } from "~/forms/notifications";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { countryOptions } from "~/lib/countries.server";
import { translatedTitle } from "~/lib/meta";
import { DEFAULT_CHANNEL, kindsFor } from "~/lib/notification-kinds";
import { AUDIENCE_ROLES, type StaffAudience } from "~/lib/permissions";
import { requirePermission } from "~/models/auth/auth.server";
import {
  notificationChoices,
  saveNotificationChoices,
} from "~/models/notifications/notifications.server";
import {
  confirmStaffCode,
  saveStaffPhone,
  sendStaffCode,
  setStaffWhatsapp,
  staffWhatsappOf,
} from "~/models/notifications/whatsapp.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "notifications.settings.title");

const audienceOf = (role: string) =>
  ((Object.keys(AUDIENCE_ROLES) as StaffAudience[]).find((a) => AUDIENCE_ROLES[a] === role) ??
    null) as StaffAudience | null;

/** The form each intent answers (useAppForm's id). */
const FORM_OF = {
  choices: "notification-choices",
  phone: "staff-phone",
  sendCode: "send-code",
  confirmCode: "confirm-code",
  whatsapp: "staff-whatsapp",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "notifications:use");
  const { locale } = await detectLocale(request, user.locale);
  const saved = await notificationChoices(user.id);
  const kinds = kindsFor(audienceOf(user.role)).map((k) => ({ kind: k.kind, group: k.group }));
  // The WhatsApp block is for those the first-reply reminder goes to.
  const remindable = kinds.some((k) => k.kind === "firstResponseReminderStaff");
  return {
    kinds,
    values: Object.fromEntries(kinds.map((k) => [k.kind, saved[k.kind] ?? DEFAULT_CHANNEL])),
    formKey: newFormKey(),
    whatsapp: remindable
      ? {
          ...(await staffWhatsappOf(user.id)),
          countries: countryOptions(locale),
          codeKey: newFormKey(),
          confirmKey: newFormKey(),
        }
      : null,
  };
}

const CODE_ERRORS = {
  code: "notifications.whatsapp.errors.codeWrong",
  expired: "notifications.whatsapp.errors.codeExpired",
  tooMany: "notifications.whatsapp.errors.codeTooMany",
} as const;
const SEND_ERRORS = {
  noPhone: "notifications.whatsapp.errors.noPhone",
  tooMany: "notifications.whatsapp.errors.tooManyCodes",
  wait: "notifications.whatsapp.errors.wait",
} as const;

/**
 * The code forms spend their key even when refused (a wrong code counts as a try): after any
 * answer to them the page fetches a fresh key, so the next try is checked, not taken for the
 * same form sent twice.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionResult,
  defaultShouldRevalidate,
}) => {
  const form = (actionResult as { form?: string } | undefined)?.form;
  return defaultShouldRevalidate || form === FORM_OF.sendCode || form === FORM_OF.confirmCode;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "notifications:use");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission, sent } = await readSubmission(request, NotificationSettingsForm, t);
  const intent = String(submission.payload.intent ?? "choices");
  const form = FORM_OF[intent as keyof typeof FORM_OF] ?? FORM_OF.choices;
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input = submission.value;
  const done = (key: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done: t(key) });
  const fieldError = (field: string, key: string) =>
    answer(400, { result: submission.reply({ fieldErrors: { [field]: [t(key)] } }) });
  try {
    switch (input.intent) {
      case "choices": {
        const { intent: _, ...choices } = input;
        await saveNotificationChoices(user.id, choices, sent);
        return done("notifications.settings.saved");
      }
      case "phone":
        return (await saveStaffPhone(user.id, input))
          ? done("notifications.whatsapp.phoneSaved")
          : fieldError("phone", "notifications.whatsapp.errors.phone");
      case "sendCode": {
        const started = await sendStaffCode(user.id, sent);
        if (!started.ok) {
          return answer(400, {
            result: submission.reply({ formErrors: [t(SEND_ERRORS[started.error])] }),
          });
        }
        return done("notifications.whatsapp.codeSent");
      }
      case "confirmCode": {
        const confirmed = await confirmStaffCode(user.id, input.code, sent);
        return confirmed.ok
          ? done("notifications.whatsapp.confirmed")
          : fieldError("code", CODE_ERRORS[confirmed.error]);
      }
      case "whatsapp":
        return (await setStaffWhatsapp(user.id, Boolean(input.enabled)))
          ? done("notifications.whatsapp.toggleSaved")
          : fieldError("enabled", "notifications.whatsapp.errors.notProved");
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    throw error;
  }
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
      <FormDone message={reply?.form === FORM_OF.choices ? reply.done : null} />
      <NotificationChoices kinds={d.kinds} values={d.values} formKey={d.formKey} reply={reply} />
      {d.whatsapp ? <StaffWhatsappBlock {...d.whatsapp} reply={reply} /> : null}
    </article>
  );
}
