/** The patient's cases. With one case (the usual), it opens straight away. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { formatDate } from "~/lib/format";
import { requirePatient } from "~/models/auth/auth.server";
import { listPatientCases } from "~/models/cases/portal.server";
import { Ltr } from "~/components/bidi";
import { RowText } from "~/components/translated";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["stages", "portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.cases");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const cases = await listPatientCases(user.id);
  if (cases.length === 1) return redirect(`/portal/cases/${cases[0]!.id}`);
  return { cases, locale: user.locale, timeZone: user.timeZone };
}

export default function PortalIndex() {
  const { t, i18n } = useTranslation("portal");
  const { cases, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="card">
      <h1>{t("nav.cases")}</h1>
      {cases.length === 0 ? (
        <p>
          {t("noCases")} <Link to="/enquire">{t("startEnquiry")}</Link>
        </p>
      ) : (
        <ul className="case-list">
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/portal/cases/${c.id}`}>
                <RowText row={c.programme} field="name" />
              </Link>{" "}
              <span className="badge">{t(`stages:stage.${c.stage}`)}</span>{" "}
              <span className="muted small">
                <Ltr>{c.number}</Ltr> · {formatDate(c.createdAt, i18n.language, timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
