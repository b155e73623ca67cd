/** The case's timeline: every event and every email about it, newest first. */
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import { isNotEligibleReason } from "~/lib/review";
import { iso, type CaseCtx, type CaseEvent, type CaseView } from "./context";
import { Author } from "./parts";

type Entry =
  | { kind: "event"; at: string; e: CaseEvent }
  | { kind: "email"; at: string; m: CaseView["emails"][number] };

/** Trip events whose body names what they were about (a step, an itinerary entry). */
const TRIP_EVENTS = [
  "APPOINTMENT_BOOKED",
  "APPOINTMENT_RESCHEDULED",
  "APPOINTMENT_CANCELLED",
  "ITINERARY_UPDATED",
];

/** Everything that happened, newest first: stage changes, notes, messages and emails. */
export function Timeline({ kase, locale, timeZone }: CaseCtx) {
  const { t } = useTranslation(["common", "stages", "travel"]);
  const st = (s: string | null) => (s ? t(`stages:stage.${s}`) : "—");
  const entries: Entry[] = [
    ...kase.events.map((e) => ({ kind: "event" as const, at: iso(e.createdAt), e })),
    ...kase.emails.map((m) => ({ kind: "email" as const, at: iso(m.createdAt), m })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const describe = (e: CaseEvent) => {
    if (e.type === "STAGE_CHANGE") {
      return e.fromStage
        ? t("case.stageEvent", { from: st(e.fromStage), to: st(e.toStage) })
        : t("case.openedEvent");
    }
    if (e.type === "ASSIGNED") return t("case.event.ASSIGNED", { name: e.body ?? "" });
    if (e.type === "ELIGIBILITY")
      return t("case.event.ELIGIBILITY", { decision: t(`eligibility.${e.toStage}`) });
    if (
      [
        "PAYMENT",
        "REFUND",
        "QUOTE_REVISED",
        "PAYMENT_EXCESS",
        "REFUND_FAILED",
        "PAYMENT_VOIDED",
      ].includes(e.type)
    ) {
      return t(`case.event.${e.type}`, { ref: e.reason ?? "" });
    }
    if (TRIP_EVENTS.includes(e.type)) return t(`case.event.${e.type}`, { ref: e.body ?? "" });
    if (e.type === "CONFLICTS_OVERRIDDEN") {
      const codes = (e.body ?? "").split(",").filter(Boolean);
      return t("case.event.CONFLICTS_OVERRIDDEN", {
        to: st(e.toStage),
        what: codes.map((c) => t(`travel:conflicts.${c}`)).join(" "),
      });
    }
    return t(`case.event.${e.type}`, { defaultValue: e.type });
  };
  return (
    <section className="card" aria-labelledby="timeline-h" id="timeline">
      <h2 id="timeline-h">{t("case.timeline")}</h2>
      <ol className="timeline">
        {entries.map((x) =>
          x.kind === "event" ? (
            <li key={x.e.id} className={x.e.internal ? "internal" : undefined}>
              <time dateTime={x.at}>{formatDateTime(x.at, locale, timeZone, "short")}</time>{" "}
              <span>{describe(x.e)}</span>
              {x.e.actor || x.e.fromPatient ? (
                <span className="muted">
                  {" "}
                  · <Author e={x.e} patientName={kase.patient.name} />
                </span>
              ) : null}
              {x.e.internal ? <span className="badge">{t("case.internal")}</span> : null}
              {x.e.type === "CONFLICTS_OVERRIDDEN" && x.e.reason ? (
                <p className="small">
                  {t("case.overrideGiven")} <bdi>{x.e.reason}</bdi>
                </p>
              ) : null}
              {x.e.type === "STAGE_CHANGE" && x.e.reason ? (
                <p className="small">
                  {isNotEligibleReason(x.e.reason) ? (
                    t(`review.reason.${x.e.reason}`)
                  ) : (
                    <bdi>{x.e.reason}</bdi>
                  )}
                </p>
              ) : null}
            </li>
          ) : (
            <li key={x.m.id} className="email-entry">
              <time dateTime={x.at}>{formatDateTime(x.at, locale, timeZone, "short")}</time>{" "}
              <span className={`badge mail-${x.m.status}`}>{t(`mailStatus.${x.m.status}`)}</span>{" "}
              <span>
                {t("case.emailTo", { to: x.m.toEmail })}: <bdi>{x.m.subject}</bdi>
              </span>
              {x.m.status !== "SENT" && x.m.attempts > 0 ? (
                <span className="muted small">
                  {" "}
                  · {t("case.attempts", { n: x.m.attempts })}
                  {x.m.lastError ? (
                    <>
                      {" · "}
                      <bdi>{x.m.lastError}</bdi>
                    </>
                  ) : null}
                </span>
              ) : null}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
