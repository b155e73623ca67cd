/**
 * The home page (ADR 023): on a phone's first two screens it answers who the clinic is (name,
 * licence, authorisation, accreditations), what it costs (each programme's indicative range,
 * computed from the price list), who treats the patient (the doctors and their credentials)
 * and how to reach it (WhatsApp, phone, email, address with a map link). Then how the journey
 * works, and the questions a careful patient asks. Programme text is each row's own, in the
 * reader's language with English as the fallback (ADR 024).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  Address,
  ContactActions,
  ContactDetails,
  Credentials,
  DoctorList,
  Faq,
  PriceRange,
} from "~/components/site/clinic";
import { RowText } from "~/components/translated";
import { translatedTitle } from "~/lib/meta";
import { homePage } from "~/models/site/site.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "brand");

export async function loader(_: LoaderFunctionArgs) {
  return homePage();
}

const JOURNEY = ["enquire", "review", "quote", "travel", "aftercare"] as const;

export default function Home() {
  const { t } = useTranslation(["site", "common"]);
  const { clinic, programmes, doctors, faq } = useLoaderData<typeof loader>();
  return (
    <div className="home">
      <section className="hero site-hero" aria-labelledby="home-h">
        {clinic ? (
          <p className="clinic-name">
            <bdi>{clinic.name}</bdi>
          </p>
        ) : null}
        <h1 id="home-h">{t("common:landing.title")}</h1>
        <p className="lead">{t("site:home.lead")}</p>
        {clinic ? <Credentials clinic={clinic} /> : null}
        {clinic ? <ContactActions clinic={clinic} /> : null}
        <p>
          <Link to="/enquire" className="button primary">
            {t("common:landing.cta")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="prices-h" className="card">
        <h2 id="prices-h">{t("site:home.pricesTitle")}</h2>
        <ul className="price-list-public">
          {programmes.map((p) => (
            <li key={p.slug}>
              <Link to={`/programmes/${p.slug}`} className="programme-link">
                <RowText row={p} field="name" />
              </Link>
              <PriceRange price={p.price} />
            </li>
          ))}
        </ul>
        <p className="muted small">{t("site:prices.note")}</p>
      </section>

      <section aria-labelledby="doctors-h" className="card">
        <h2 id="doctors-h">{t("site:home.doctorsTitle")}</h2>
        <DoctorList doctors={doctors} />
      </section>

      {clinic ? (
        <section aria-labelledby="reach-h" className="card">
          <h2 id="reach-h">{t("site:home.reachTitle")}</h2>
          <ContactDetails clinic={clinic} />
          <Address clinic={clinic} />
        </section>
      ) : null}

      <section aria-labelledby="journey-h" className="card">
        <h2 id="journey-h">{t("common:landing.journeyTitle")}</h2>
        <ol className="journey">
          {JOURNEY.map((step) => (
            <li key={step}>
              <strong>{t(`common:landing.journey.${step}.title`)}</strong>
              <span>{t(`common:landing.journey.${step}.body`)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="programmes-h">
        <h2 id="programmes-h">{t("common:landing.programmes")}</h2>
        <div className="grid">
          {programmes.map((p) => (
            <article key={p.slug} className="card programme" aria-labelledby={`p-${p.slug}`}>
              <h3 id={`p-${p.slug}`}>
                <RowText row={p} field="name" />
              </h3>
              <p className="muted">
                <RowText row={p} field="condition" />
              </p>
              <p>
                <RowText row={p} field="summary" />
              </p>
              <p>
                <Link to={`/programmes/${p.slug}`} className="button">
                  {t("site:programme.details")}
                  <span className="visually-hidden">
                    : <RowText row={p} field="name" />
                  </span>
                </Link>
              </p>
            </article>
          ))}
        </div>
      </section>

      <Faq entries={faq} />

      <section aria-labelledby="expect-h" className="card">
        <h2 id="expect-h">{t("common:landing.expectTitle")}</h2>
        <p>{t("common:landing.expect")}</p>
        <p className="muted">{t("common:landing.disclaimer")}</p>
      </section>
    </div>
  );
}
