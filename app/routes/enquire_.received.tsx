/** After an enquiry: what happens next, and when. Shows no case detail (anyone can open it). */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/env.server";
import { translatedTitle } from "~/lib/meta";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "nav.enquire");

export function loader({ request }: LoaderFunctionArgs) {
  const joined = new URL(request.url).searchParams.get("joined") === "1";
  return { joined, hours: env().FIRST_RESPONSE_HOURS };
}

export default function Received() {
  const { t } = useTranslation("enquiry");
  const { joined, hours } = useLoaderData<typeof loader>();
  return (
    <section className="card narrow-wide" aria-labelledby="received-title">
      <h1 id="received-title" tabIndex={-1}>
        {t("received.title")}
      </h1>
      <p>{joined ? t("received.joined") : t("received.emailSent")}</p>
      <h2>{t("received.nextTitle")}</h2>
      <ol className="steps">
        <li>{t("received.next1", { hours })}</li>
        <li>{t("received.next2")}</li>
        <li>{t("received.next3")}</li>
        <li>{t("received.next4")}</li>
      </ol>
      <p>
        <Link to="/portal/login">{t("received.portal")}</Link>
      </p>
    </section>
  );
}
