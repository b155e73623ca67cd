/**
 * The patient's aftercare: the baseline questionnaire before treatment and the follow-ups
 * after it, each with its due date in the patient's zone and whether it is done, due or
 * overdue; then their own answers and lab results as charts against the baseline, in their
 * language (right to left in Arabic and Persian). Another patient's case answers 404.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowUpTitle, followUpState } from "~/components/aftercare";
import { OutcomeCharts } from "~/components/aftercare/outcomes";
import { env } from "~/env.server";
import { opensAt } from "~/lib/aftercare";
import { formatDate } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { getPatientAftercare } from "~/models/aftercare/aftercare.server";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { BackLink, ltr } from "~/components/bidi";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.aftercare");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "aftercare");
  return {
    kase: await getPatientAftercare(user.id, params.caseId ?? ""),
    timeZone: user.timeZone,
    now: new Date().toISOString(),
    overdueDays: env().FOLLOW_UP_OVERDUE_DAYS,
  };
}

export default function PatientAftercare() {
  const { t, i18n } = useTranslation("aftercare");
  const { kase, timeZone, now, overdueDays } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const today = new Date(now);
  return (
    <div className="portal">
      <p>
        <BackLink to={`/portal/cases/${kase.id}`}>
          {t("portal.back", { number: ltr(kase.number) })}
        </BackLink>
      </p>
      <section className="card" aria-labelledby="aftercare-title">
        <h1 id="aftercare-title">{t("portal.title")}</h1>
        <p>{t("portal.intro")}</p>
        {kase.followUps.length === 0 ? (
          <p className="muted">{t("portal.none")}</p>
        ) : (
          <ul className="followup-list">
            {kase.followUps.map((f) => {
              const state = followUpState(f, today, overdueDays);
              const open = f.status === "SCHEDULED" && opensAt(f.dueAt) <= today;
              return (
                <li key={f.id} className={`followup ${state}`}>
                  <div>
                    <strong>
                      <FollowUpTitle label={f.label} />
                    </strong>
                    <br />
                    <span className="muted small">
                      {f.completedAt
                        ? t("portal.completedOn", {
                            date: formatDate(f.completedAt, lng, timeZone),
                          })
                        : t("portal.dueOn", { date: formatDate(f.dueAt, lng, timeZone) })}
                    </span>{" "}
                    <span className={`badge state-${state}`}>{t(`state.${state}`)}</span>
                  </div>
                  {open ? (
                    <Link className="button" to={f.id}>
                      {t("portal.start")}
                    </Link>
                  ) : f.status === "COMPLETED" ? (
                    <Link to={f.id}>{t("portal.view")}</Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {kase.followUps.some((f) => f.status === "COMPLETED" || f.labs.length) ? (
        <OutcomeCharts
          followUps={kase.followUps}
          outcomes={kase.outcomes}
          timeZone={timeZone}
          audience="patient"
        />
      ) : null}
    </div>
  );
}
