/** The privacy notice, in every language; the consent on the enquiry form refers to it. */
import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { CONSENT_VERSION } from "~/lib/consent";
import { translatedTitle } from "~/lib/meta";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["privacy"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "nav.privacy");

export function loader() {
  return null;
}

const SECTIONS = [
  "controller",
  "data",
  "basis",
  "purposes",
  "recipients",
  "transfers",
  "retention",
  "security",
  "rights",
  "withdraw",
  "contact",
] as const;

export default function Privacy() {
  const { t } = useTranslation("privacy");
  return (
    <article className="card prose">
      <h1>{t("title")}</h1>
      <p className="muted">{t("version", { version: CONSENT_VERSION })}</p>
      <p>{t("intro")}</p>
      {SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`privacy-${s}`}>
          <h2 id={`privacy-${s}`}>{t(`sections.${s}.title`)}</h2>
          <p>{t(`sections.${s}.body`)}</p>
        </section>
      ))}
    </article>
  );
}
