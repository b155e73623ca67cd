import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { db } from "~/db.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "brand");

export async function loader(_: LoaderFunctionArgs) {
  const programmes = await db.programme.findMany({
    where: { active: true },
    orderBy: { position: "asc" },
    select: {
      slug: true,
      name: true,
      condition: true,
      summary: true,
      steps: { orderBy: { position: "asc" }, select: { key: true, name: true } },
    },
  });
  return { programmes };
}

export default function Landing() {
  const { t } = useTranslation();
  const { programmes } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero">
        <h1>{t("landing.title")}</h1>
        <p>{t("landing.lead")}</p>
        <p className="muted">{t("landing.disclaimer")}</p>
      </section>
      <section aria-labelledby="programmes-h">
        <h2 id="programmes-h">{t("landing.programmes")}</h2>
        <div className="grid">
          {programmes.map((p) => (
            <article key={p.slug} className="card" lang="en">
              <h3>{p.name}</h3>
              <p>{p.summary}</p>
              <ol>
                {p.steps.map((s) => (
                  <li key={s.key}>{s.name}</li>
                ))}
              </ol>
            </article>
          ))}
        </div>
      </section>
    </>
  );
}
