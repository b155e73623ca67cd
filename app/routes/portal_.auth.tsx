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
import { consumeMagicLink } from "~/models/auth/magic-link.server";
import { startSession } from "~/infra/session.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:login.title");

export function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token: token.slice(0, 200) };
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
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.invalid || !token) {
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
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="primary">
          {t("auth.submit")}
        </button>
      </Form>
    </section>
  );
}
