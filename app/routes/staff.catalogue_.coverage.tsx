/**
 * Translation coverage (issue 23), for admins: a table of every kind of content written per
 * language against every language, counting the texts missing, and under it each row that
 * misses something, linked to where it is edited. Counted from the rows on every visit.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageName } from "~/components/translations";
import { translatedTitle } from "~/lib/meta";
import { requirePermission } from "~/models/auth/auth.server";
import { TRANSLATED_LOCALES as COVERAGE_LOCALES } from "~/lib/translated";
import { coveragePage } from "~/models/catalogue/coverage.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "site:coverage.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "catalogue:edit");
  return coveragePage();
}

export default function CoveragePage() {
  const { t, i18n } = useTranslation("site");
  const { kinds } = useLoaderData<typeof loader>();
  const total = kinds.reduce(
    (n, k) => n + COVERAGE_LOCALES.reduce((m, l) => m + k.counts[l], 0),
    0,
  );
  return (
    <article className="coverage">
      <p>
        <Link to="/staff/catalogue">{t("coverage.back")}</Link>
      </p>
      <h1>{t("coverage.title")}</h1>
      <p className="muted">{t("coverage.intro")}</p>
      {total === 0 ? <p className="notice ok">{t("common:translations.allWritten")}</p> : null}
      <div className="table-wrap" role="region" aria-labelledby="coverage-table-h" tabIndex={0}>
        <table className="coverage-table">
          <caption id="coverage-table-h">{t("coverage.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("coverage.kindHeader")}</th>
              {COVERAGE_LOCALES.map((lng) => (
                <th scope="col" key={lng}>
                  {languageName(lng, i18n.language)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">
                  <a href={`#coverage-${k.kind}`}>{t(`coverage.kind.${k.kind}`)}</a>{" "}
                  <span className="muted small">{t("coverage.rows", { count: k.total })}</span>
                </th>
                {COVERAGE_LOCALES.map((lng) => (
                  <td key={lng} className={k.counts[lng] ? "num warn" : "num"}>
                    {k.counts[lng] ? (
                      <a href={`#coverage-${k.kind}-${lng}`}>
                        {k.counts[lng].toLocaleString(i18n.language)}
                      </a>
                    ) : (
                      <span aria-label={t("coverage.none")}>✓</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {kinds.map((k) => (
        <section key={k.kind} id={`coverage-${k.kind}`} aria-labelledby={`coverage-${k.kind}-h`}>
          <h2 id={`coverage-${k.kind}-h`}>{t(`coverage.kind.${k.kind}`)}</h2>
          {k.rows.length === 0 ? (
            <p className="muted">{t("coverage.kindComplete")}</p>
          ) : (
            COVERAGE_LOCALES.filter((lng) => k.counts[lng]).map((lng) => (
              <div key={lng} id={`coverage-${k.kind}-${lng}`}>
                <h3>
                  {t("coverage.missingIn", {
                    language: languageName(lng, i18n.language),
                    count: k.counts[lng],
                  })}
                </h3>
                <ul>
                  {k.rows
                    .filter((r) => r.missing[lng])
                    .map((r) => (
                      <li key={r.id}>
                        <Link to={r.href}>
                          <bdi>{r.label}</bdi>
                        </Link>
                        {r.retired ? (
                          <span className="muted small"> · {t("coverage.retired")}</span>
                        ) : null}
                        <span className="muted small">
                          {" "}
                          · {t("coverage.fieldsMissing", { count: r.missing[lng] })}
                        </span>
                      </li>
                    ))}
                </ul>
              </div>
            ))
          )}
        </section>
      ))}
    </article>
  );
}
