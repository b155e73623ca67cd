/**
 * Where the enquiry's confirmation link lands. Opening it changes nothing (mail scanners
 * open links too): the owner of the address presses "Confirm" (or "This was not me"), and
 * the POST spends the link once. Confirming attaches the enquiry to their account and signs
 * them in, since only the owner of the address received the link.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useAppForm, type FormReply } from "~/components/form";
import { PendingEnquiry } from "~/components/enquiry/pending-enquiry";
import { ConfirmLinkForm } from "~/forms/enquiry";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { formatDateTime } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { getUser } from "~/models/auth/auth.server";
import {
  confirmPendingEnquiry,
  discardPendingEnquiry,
  pendingByToken,
} from "~/models/enquiry/enquiry.server";
import { startSession } from "~/infra/session.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "enquiry:confirmPage.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);
  const user = await getUser(request);
  const pending = await pendingByToken(token);
  // Signed in as someone else in this browser: confirming would switch accounts; say so.
  const signedInAs = user && pending && user.email !== pending.email ? user.email : null;
  return { token, pending, signedInAs };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const { locale } = await detectLocale(request, user?.locale);
  const t = getFixedT(locale, ["enquiry", "common"]);
  const { submission } = await readSubmission(request, ConfirmLinkForm, t);
  // The link is not shown again, whatever happened to it.
  const answer = (status: number, reply: { formErrors?: string[]; done?: string }) =>
    data<FormReply>(
      {
        form: "confirm",
        result: submission.reply({ hideFields: ["token"], formErrors: reply.formErrors }),
        done: reply.done,
      },
      { status },
    );
  const invalid = (reason: "invalid" | "inactive" = "invalid") =>
    answer(400, { formErrors: [t(`confirmPage.${reason}`)] });
  if (submission.status !== "success") return invalid();
  const { intent, token } = submission.value;
  if (intent === "discard") {
    const done = await discardPendingEnquiry(token);
    return done ? answer(200, { done: t("confirmPage.discarded") }) : invalid();
  }
  const ip = clientIp(context);
  const result = await confirmPendingEnquiry(token, { ip });
  if (!result.ok) return invalid(result.reason);
  const cookie = await startSession(request, result.userId, {
    ip,
    userAgent: request.headers.get("User-Agent"),
  });
  return redirect(`/portal/cases/${result.caseId}?enquiry=confirmed`, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function ConfirmEnquiry() {
  const { t, i18n } = useTranslation("enquiry");
  const locale = i18n.language;
  const { token, pending, signedInAs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { form, done } = useAppForm("confirm", reply);

  if (done) {
    return (
      <section className="card narrow" role="status">
        <h1>{t("confirmPage.discardedTitle")}</h1>
        <p>{done}</p>
        <p>
          <Link to="/">{t("common:errors.home")}</Link>
        </p>
      </section>
    );
  }
  if (!pending || reply) {
    return (
      <section className="card narrow" role="alert">
        <h1>{t("confirmPage.invalidTitle")}</h1>
        <p>{form.errors?.join(" ") ?? t("confirmPage.invalid")}</p>
        <p>
          <Link to="/enquire">{t("confirmPage.again")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow-wide" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t("confirmPage.title")}</h1>
      <p>{t("confirmPage.intro")}</p>
      {signedInAs ? (
        <p className="notice warn" role="alert">
          {t("confirmPage.switch", { current: signedInAs, account: pending.email })}
        </p>
      ) : null}
      <PendingEnquiry
        pending={pending}
        hidden={{ name: "token", value: token }}
        locale={locale}
        timeZone={pending.timeZone}
        busy={busy}
      />
      <p className="muted small">
        {t("confirmPage.expires", {
          when: formatDateTime(pending.expiresAt, locale, pending.timeZone),
        })}
      </p>
    </section>
  );
}
