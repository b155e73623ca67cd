/**
 * The landing page: the programmes of the catalogue in the reader's language, what each
 * pathway involves, how the journey works, and the way in (the enquiry form). Catalogue
 * text comes from locales/<lng>/catalogue.json by slug; a programme added later without
 * translations falls back to the text stored in the database.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { listCatalogue } from "~/models/enquiry/catalogue.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "brand");

export async function loader(_: LoaderFunctionArgs) {
  return { programmes: await listCatalogue() };
}

const JOURNEY = ["enquire", "review", "quote", "travel", "aftercare"] as const;

export default function Landing() {
  const { t } = useTranslation(["common", "catalogue"]);
  const { programmes } = useLoaderData<typeof loader>();
  const c = (key: string, fallback: string) => t(`catalogue:${key}`, { defaultValue: fallback });
  return (
    <>
      <section className="hero">
        <h1>{t("landing.title")}</h1>
        <p className="lead">{t("landing.lead")}</p>
        <p>
          <Link to="/enquire" className="button primary">
            {t("landing.cta")}
          </Link>
        </p>
        <p className="muted">{t("landing.disclaimer")}</p>
      </section>
      <section aria-labelledby="journey-h" className="card">
        <h2 id="journey-h">{t("landing.journeyTitle")}</h2>
        <ol className="journey">
          {JOURNEY.map((step) => (
            <li key={step}>
              <strong>{t(`landing.journey.${step}.title`)}</strong>
              <span>{t(`landing.journey.${step}.body`)}</span>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="programmes-h">
        <h2 id="programmes-h">{t("landing.programmes")}</h2>
        <div className="grid">
          {programmes.map((p) => (
            <article key={p.slug} className="card programme" aria-labelledby={`p-${p.slug}`}>
              <h3 id={`p-${p.slug}`}>{c(`${p.slug}.name`, p.name)}</h3>
              <p className="muted">{c(`${p.slug}.condition`, p.condition)}</p>
              <p>{c(`${p.slug}.summary`, p.summary)}</p>
              <h4>{t("landing.pathway")}</h4>
              <ol className="pathway">
                {p.steps.map((s) => (
                  <li key={s.key}>
                    <strong>{c(`${p.slug}.steps.${s.key}.name`, s.name)}</strong>
                    <span>{c(`${p.slug}.steps.${s.key}.description`, s.description)}</span>
                  </li>
                ))}
              </ol>
              <p>
                <Link to={`/enquire?programme=${p.slug}`} className="button">
                  {t("landing.enquireAbout")}
                  <span className="visually-hidden">: {c(`${p.slug}.name`, p.name)}</span>
                </Link>
              </p>
            </article>
          ))}
        </div>
      </section>
      <section aria-labelledby="expect-h" className="card">
        <h2 id="expect-h">{t("landing.expectTitle")}</h2>
        <p>{t("landing.expect")}</p>
        <p>
          <Link to="/privacy">{t("nav.privacy")}</Link>
        </p>
      </section>
    </>
  );
}
