/** The staff case page's header: number, patient, stage and its clocks; links to the case's other pages. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, isolate } from "~/lib/format";
import { isOverdue } from "~/lib/pipeline";
import type { CaseCtx, Dateish } from "./context";

export function CaseHeader({ kase, locale, timeZone, now }: CaseCtx) {
  const { t } = useTranslation(["common", "stages"]);
  // Dates set into sentences, isolated: in Arabic and Persian they keep their own order.
  const when = (d: Dateish) => isolate(formatDateTime(d, locale, timeZone, "short"));
  const overdue = isOverdue(kase, new Date(now));
  return (
    <header className="case-head">
      <h1>
        {kase.number} · <bdi>{kase.patient.name}</bdi>
      </h1>
      <p>
        <span className={`badge stage-${kase.stage}`}>{t(`stages:stage.${kase.stage}`)}</span>{" "}
        <span className="muted">{t("case.since", { date: when(kase.stageChangedAt) })}</span>
      </p>
      <ul className="sla">
        {kase.slaPausedAt ? (
          <li className="badge">{t("case.slaPaused", { date: when(kase.slaPausedAt) })}</li>
        ) : null}
        {kase.stage === "ENQUIRY" && !kase.firstRespondedAt && kase.firstResponseDueAt ? (
          <li className={overdue ? "badge overdue-badge" : "badge"}>
            {t(overdue ? "case.firstReplyOverdue" : "case.firstReplyDue", {
              date: when(kase.firstResponseDueAt),
            })}
          </li>
        ) : null}
        {kase.stage === "MEDICAL_REVIEW" && kase.eligibility === "PENDING" && kase.reviewDueAt ? (
          <li className="badge">{t("case.reviewDue", { date: when(kase.reviewDueAt) })}</li>
        ) : null}
      </ul>
    </header>
  );
}

/** The case's other pages this user may open. */
export function CaseLinks({
  caseId,
  links,
}: {
  caseId: string;
  links: { quote: boolean; schedule: boolean; travel: boolean; aftercare: boolean };
}) {
  const { t } = useTranslation();
  const to = (page: string) => `/staff/cases/${caseId}/${page}`;
  return (
    <p className="actions">
      {links.quote ? (
        <Link className="button" to={to("quote")}>
          {t("finance:staff.openQuote")}
        </Link>
      ) : null}
      {links.schedule ? (
        <Link className="button" to={to("schedule")}>
          {t("travel:staff.openSchedule")}
        </Link>
      ) : null}
      {links.travel ? (
        <Link className="button" to={to("travel")}>
          {t("travel:staff.openTravel")}
        </Link>
      ) : null}
      {links.aftercare ? (
        <Link className="button" to={to("aftercare")}>
          {t("aftercare:staff.open")}
        </Link>
      ) : null}
    </p>
  );
}

/** The patient withdrew consent to the processing of health data. */
export function ConsentNotice({ kase, locale, timeZone }: CaseCtx) {
  const { t } = useTranslation();
  if (!kase.consentWithdrawnAt) return null;
  return (
    <p className="notice warn" role="status">
      {t("case.consentWithdrawn", {
        date: isolate(formatDateTime(kase.consentWithdrawnAt, locale, timeZone)),
      })}
    </p>
  );
}
