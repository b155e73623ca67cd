/**
 * The head of the patient's case page: where the case stands, what is needed from them next,
 * the line of stages, and the treatment plan once the clinician has set it.
 */
import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatNumber, formatZone, isolate } from "~/lib/format";
import { progressOf } from "~/lib/portal-view";
import type { Stage } from "~/lib/stages";
import type { PatientCase } from "~/models/cases/portal.server";
import { ltr } from "~/components/bidi";
import { RowText } from "~/components/translated";

const MARKER = { done: "✓", ended: "✕" } as const;

export function CaseSummary({
  kase,
  stage,
  programmeName,
  timeZone,
  consent,
}: {
  kase: PatientCase;
  stage: Stage;
  programmeName: ReactNode;
  timeZone: string;
  /** The procedure consent (issue 25): a version waits to be signed; versions signed. */
  consent?: { due: boolean; signed: number };
}) {
  const { t, i18n } = useTranslation("portal");
  const lng = i18n.language;
  // The stages the case reached, from its timeline: a case that stopped shows only those.
  const visited = kase.events.flatMap((e) =>
    e.type === "STAGE_CHANGE" && e.toStage ? [e.toStage] : [],
  );
  const progress = progressOf(stage, visited);
  return (
    <section className="card" aria-labelledby="case-title">
      <h1 id="case-title">{programmeName}</h1>
      <p className="muted">
        {t("case.number", { number: ltr(kase.number) })} ·{" "}
        {t("case.opened", { date: formatDate(kase.createdAt, lng, timeZone) })}
      </p>
      <p>
        <span className="badge stage-badge">{t(`stages:stage.${stage}`)}</span>{" "}
        <span className="muted small">
          {t("case.since", { date: formatDate(kase.stageChangedAt, lng, timeZone) })}
        </span>
      </p>
      {kase.consentWithdrawnAt ? (
        <p className="notice warn" role="status">
          {t("case.consentWithdrawn", {
            date: formatDate(kase.consentWithdrawnAt, lng, timeZone),
          })}
        </p>
      ) : null}
      {kase.slaPausedAt ? (
        <p className="notice warn" role="status">
          {t("messages.infoBanner")} <a href="#messages-title">{t("messages.goTo")}</a>
        </p>
      ) : null}
      <div className="next-step">
        <h2>{t("case.nextTitle")}</h2>
        <p>
          {kase.view.lateReply
            ? t(kase.view.next, {
                due: formatDateTime(kase.view.lateReply.dueAt, lng, timeZone),
                by: formatDateTime(kase.view.lateReply.expectBy, lng, timeZone),
              })
            : t(kase.view.next)}
        </p>
        {consent?.due ? (
          <p className="consent-due">
            <strong>{t("consent.nextStep")}</strong>{" "}
            <Link to={`/portal/cases/${kase.id}/consent`} className="button primary">
              {t("consent.readAndSign")}
            </Link>
          </p>
        ) : consent?.signed ? (
          <p>
            <Link to={`/portal/cases/${kase.id}/consent`}>{t("consent.signedLink")}</Link>
          </p>
        ) : null}
        {stage === "NOT_ELIGIBLE" && kase.eligibilityReasonCode ? (
          <p>
            {t("decision.reasonIntro")} {t(`decision.reason.${kase.eligibilityReasonCode}`)}
          </p>
        ) : null}
      </div>
      <h2 className="visually-hidden">{t("case.progress")}</h2>
      <ol className="progress" aria-label={t("case.progress")}>
        {progress.map(({ stage: s, state }, i) => (
          <li
            key={s}
            className={state === "ended" ? "current ended" : state}
            aria-current={state === "current" || state === "ended" ? "step" : undefined}
          >
            <span className="marker" aria-hidden="true">
              {state === "done" || state === "ended" ? MARKER[state] : formatNumber(i + 1, lng)}
            </span>
            <span>{t(`stages:stage.${s}`)}</span>
            {state === "done" ? <span className="visually-hidden">{t("case.done")}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function TreatmentPlan({ kase }: { kase: PatientCase }) {
  const { t } = useTranslation("portal");
  if (kase.eligibility !== "ELIGIBLE" || !kase.planSteps.length) return null;
  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">{t("plan.title")}</h2>
      <p className="muted small">{t(kase.view.planIntro)}</p>
      <ol>
        {kase.planSteps.map((s) => (
          <li key={s.id}>
            {s.pathwayStep ? <RowText row={s.pathwayStep} field="name" /> : <bdi>{s.name}</bdi>}
            {s.notes ? (
              <p className="small pre">
                <bdi>{s.notes}</bdi>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The timeline of patient-visible events. */
export function CaseTimeline({ kase, timeZone }: { kase: PatientCase; timeZone: string }) {
  const { t, i18n } = useTranslation("portal");
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("case.timeline")}</h2>
      {/* Which clock the times below are on, said once ("your time in Doha (GMT+3)"). */}
      <p className="muted small">
        {t("case.timelineZone", { zone: isolate(formatZone(timeZone, i18n.language)) })}
      </p>
      <ol className="timeline">
        {kase.events.map((e) => (
          <li key={e.id}>
            <time dateTime={new Date(e.createdAt).toISOString()}>
              {formatDateTime(e.createdAt, i18n.language, timeZone, "medium")}
            </time>{" "}
            {e.type === "STAGE_CHANGE" && e.toStage
              ? t("events.stage", { stage: t(`stages:stage.${e.toStage}`) })
              : e.type === "ELIGIBILITY"
                ? t("events.ELIGIBLE")
                : t(`events.${e.type}`)}
          </li>
        ))}
      </ol>
    </section>
  );
}
