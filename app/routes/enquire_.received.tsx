/**
 * After an enquiry from the public form: confirm your address, then what happens next. Every
 * visitor sees the same page whatever address they typed (only the email says whether it was
 * known), and it shows no case detail: anyone can open it.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/env.server";
import { translatedTitle } from "~/lib/meta";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "nav.enquire");

export function loader(_args: LoaderFunctionArgs) {
  return { hours: env().FIRST_RESPONSE_HOURS, confirmHours: env().ENQUIRY_CONFIRM_HOURS };
}

export default function Received() {
  const { t } = useTranslation("enquiry");
  const { hours, confirmHours } = useLoaderData<typeof loader>();
  return (
    <section className="card narrow-wide" aria-labelledby="received-title">
      <h1 id="received-title" tabIndex={-1}>
        {t("received.title")}
      </h1>
      <p className="notice" role="status">
        <strong>{t("received.confirmTitle")}</strong>{" "}
        {t("received.confirm", { hours: confirmHours })}
      </p>
      <p className="muted">{t("received.spam")}</p>
      <h2>{t("received.nextTitle")}</h2>
      <ol className="steps">
        <li>{t("received.next0")}</li>
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
