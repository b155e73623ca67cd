/**
 * Where the emailed link lands. Opening it does not spend the token (mail scanners open
 * links too); the patient presses "Sign in", and the POST spends it once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useAppForm, type FormReply } from "~/components/form";
import { SignInLinkForm } from "~/forms/auth";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { startSession } from "~/infra/session.server";
import { translatedTitle } from "~/lib/meta";
import { getUser } from "~/models/auth/auth.server";
import { consumeMagicLink, magicLinkAccount } from "~/models/auth/magic-link.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);
  const [account, user] = await Promise.all([magicLinkAccount(token), getUser(request)]);
  return {
    token,
    account: account?.email ?? null,
    // Signed in as someone else in this browser: say so before switching.
    signedInAs: user && account && user.email !== account.email ? user.email : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale, ["portal", "common"]);
  const { submission } = await readSubmission(request, SignInLinkForm, t);
  const userId =
    submission.status === "success" ? await consumeMagicLink(submission.value.token) : null;
  if (!userId) {
    // A used or unknown token is not shown again.
    const result = submission.reply({ hideFields: ["token"], formErrors: [t("auth.invalid")] });
    return data<FormReply>({ form: "sign-in", result }, { status: 400 });
  }
  const cookie = await startSession(request, userId, {
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  });
  return redirect("/portal", { headers: { "Set-Cookie": cookie } });
}

export default function PortalAuth() {
  const { t } = useTranslation("portal");
  const { token, account, signedInAs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { form, props } = useAppForm("sign-in", reply);
  if (reply || !token || !account) {
    return (
      <section className="card narrow" role="alert">
        <h1>{t("auth.invalidTitle")}</h1>
        <p>{form.errors?.join(" ") ?? t("auth.invalid")}</p>
        <p>
          <Link to="/portal/login">{t("auth.requestNew")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t("auth.title")}</h1>
      <p>{t("auth.intro")}</p>
      <p>
        {t("auth.account")} <strong dir="ltr">{account}</strong>
      </p>
      {signedInAs ? (
        <p className="notice warn" role="alert">
          {t("auth.switch", { current: signedInAs, account })}
        </p>
      ) : null}
      <p className="muted small">{t("auth.notYours")}</p>
      <Form method="post" reloadDocument {...props}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="primary">
          {t("auth.submit")}
        </button>
      </Form>
    </section>
  );
}
