/**
 * A programme's page (ADR 023): what it is, its indicative price computed from the price list
 * with what that includes, the typical timeline from its pathway, the doctors who treat it,
 * the questions patients ask, and who the clinic is and how to reach it. Unknown or inactive
 * programmes are not found.
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
import { Coverage, Timeline } from "~/components/site/programme";
import { RowText } from "~/components/translated";
import { rowText } from "~/lib/catalogue-text";
import { dataTitle } from "~/lib/meta";
import { notFound } from "~/models/auth/auth.server";
import { programmePage } from "~/models/site/site.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["finance"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? dataTitle(matches, (locale) => rowText(data.programme, "name", locale).text) : [];

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await programmePage(params.slug ?? "");
  if (!page) notFound();
  return page;
}

export default function ProgrammePage() {
  const { t } = useTranslation(["site", "common"]);
  const { programme: p, clinic, doctors, faq } = useLoaderData<typeof loader>();
  const enquire = `/enquire?programme=${p.slug}`;
  return (
    <article className="programme-page">
      <p>
        <Link to="/">{t("site:programme.back")}</Link>
      </p>
      <header className="hero site-hero">
        {clinic ? (
          <p className="eyebrow">
            <bdi>{clinic.name}</bdi>
          </p>
        ) : null}
        <h1>
          <RowText row={p} field="name" />
        </h1>
        <p className="muted">
          <RowText row={p} field="condition" />
        </p>
        <p>
          <RowText row={p} field="summary" />
        </p>
      </header>

      <section aria-labelledby="price-h" className="card">
        <h2 id="price-h">{t("site:prices.title")}</h2>
        <p className="price-big">
          <PriceRange price={p.price} />
        </p>
        <p className="muted small">{t("site:prices.note")}</p>
        <Coverage included={p.included} optional={p.optional} />
        <p>
          <Link to={enquire} className="button primary">
            {t("common:landing.enquireAbout")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="timeline-h" className="card">
        <h2 id="timeline-h">{t("site:programme.timeline")}</h2>
        <Timeline steps={p.steps} followUps={p.followUps} />
        <p>{t("site:outcomes.linkIntro")}</p>
        <p>
          <Link to={`/programmes/${p.slug}/outcomes`}>{t("site:outcomes.link")}</Link>
        </p>
      </section>

      <section aria-labelledby="team-h" className="card">
        <h2 id="team-h">{t("site:programme.doctors")}</h2>
        <DoctorList doctors={doctors} />
      </section>

      <Faq entries={faq} />

      {clinic ? (
        <section aria-labelledby="clinic-h" className="card">
          <h2 id="clinic-h">{t("site:programme.clinic")}</h2>
          <p>
            <strong>
              <bdi>{clinic.name}</bdi>
            </strong>
          </p>
          <Credentials clinic={clinic} />
          <Address clinic={clinic} />
          <ContactDetails clinic={clinic} />
          <ContactActions clinic={clinic} />
        </section>
      ) : null}
      <p className="muted">{t("common:landing.disclaimer")}</p>
    </article>
  );
}
