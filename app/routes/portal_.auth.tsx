/**
 * Where the emailed link lands. Opening it does not spend the token (mail scanners open
 * links too); the patient presses "Sign in", and the POST spends it once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { getUser } from "~/models/auth/auth.server";
import { consumeMagicLink, magicLinkAccount } from "~/models/auth/magic-link.server";
import { startSession } from "~/infra/session.server";

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
  let token = "";
  try {
    const value = (await request.formData()).get("token");
    token = typeof value === "string" ? value : "";
  } catch {
    // Answered below like an unknown token.
  }
  const userId = await consumeMagicLink(token);
  if (!userId) return data({ invalid: true }, 400);
  const cookie = await startSession(request, userId, {
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  });
  return redirect("/portal", { headers: { "Set-Cookie": cookie } });
}

export default function PortalAuth() {
  const { t } = useTranslation("portal");
  const { token, account, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.invalid || !token || !account) {
    return (
      <section className="card narrow" role="alert">
        <h1>{t("auth.invalidTitle")}</h1>
        <p>{t("auth.invalid")}</p>
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
      <Form method="post" reloadDocument>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="primary">
          {t("auth.submit")}
        </button>
      </Form>
    </section>
  );
}
