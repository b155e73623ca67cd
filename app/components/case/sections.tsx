/**
 * The case page's layout pieces: the section nav (anchors to each section, in the page's order),
 * and the journey's other pages (quote, booking, travel, aftercare) as short cards saying where
 * each stands, each with its link.
 */
import { MeetingLink } from "~/components/travel/video-join";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "~/lib/format";
import type { CaseCtx } from "./context";

/** A section of the page: its anchor and its label's key (namespace common, under case.nav). */
export interface CaseSection {
  id: string;
  label: string;
}

/** The sections this reader has, in the page's order (the nav lists exactly these). */
export function caseSections(ctx: Pick<CaseCtx, "health" | "can" | "links">): CaseSection[] {
  const { health, can, links } = ctx;
  const journey = links.quote || links.schedule || links.travel || links.aftercare;
  return [
    { id: "summary", label: "summary", show: true },
    { id: "answers", label: "answers", show: health },
    { id: "documents", label: "documents", show: health },
    { id: "review", label: "plan", show: health },
    { id: "journey", label: "journey", show: journey },
    { id: "tasks", label: "tasks", show: true },
    { id: "notes", label: "notes", show: health && can.note },
    { id: "stage", label: "stage", show: true },
    { id: "messages", label: "messages", show: health && (can.message || can.requestInfo) },
    { id: "timeline", label: "timeline", show: true },
  ]
    .filter((s) => s.show)
    .map(({ id, label }) => ({ id, label }));
}

export function SectionNav({ sections }: { sections: CaseSection[] }) {
  const { t } = useTranslation();
  return (
    <nav className="case-nav" aria-label={t("case.nav.label")}>
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{t(`case.nav.${s.label}`)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Quote, booking, travel and aftercare: where each stands, and its page. */
export function JourneySection({ kase, journey, links, locale, timeZone }: CaseCtx) {
  const { t } = useTranslation(["common", "finance", "travel", "aftercare"]);
  const to = (page: string) => `/staff/cases/${kase.id}/${page}`;
  const yes = (ok: boolean) => t(ok ? "case.journey.yes" : "case.journey.no");
  if (!links.quote && !links.schedule && !links.travel && !links.aftercare) return null;
  return (
    <section className="card" aria-labelledby="journey-h" id="journey">
      <h2 id="journey-h">{t("case.nav.journey")}</h2>
      <ul className="journey">
        {links.quote ? (
          <li>
            <h3>{t("case.journey.quote")}</h3>
            <p className="small">
              {t(
                journey.hasAcceptedQuote
                  ? "case.journey.quoteAccepted"
                  : journey.hasIssuedQuote
                    ? "case.journey.quoteIssued"
                    : "case.journey.quoteNone",
              )}
              {journey.depositPaid || journey.depositWaived || journey.hasAcceptedQuote
                ? ` · ${t("case.head.deposit")}: ${t(
                    `case.head.deposit_${journey.depositPaid ? "paid" : journey.depositWaived ? "waived" : "due"}`,
                  )}`
                : null}
            </p>
            <Link to={to("quote")}>{t("finance:staff.openQuote")}</Link>
          </li>
        ) : null}
        {links.schedule ? (
          <li>
            <h3>{t("case.journey.booking")}</h3>
            <p className="small">
              {t("case.journey.booked", {
                n: formatNumber(journey.bookedAppointments, locale),
              })}
              {journey.nextAppointment
                ? ` · ${t("case.head.nextAppointment")}: ${formatDateTime(journey.nextAppointment.startsAt, locale, timeZone, "short")}`
                : null}
            </p>
            <MeetingLink url={journey.nextAppointment?.meetingUrl} />
            <Link to={to("schedule")}>{t("travel:staff.openSchedule")}</Link>
          </li>
        ) : null}
        {links.travel ? (
          <li>
            <h3>{t("case.journey.travel")}</h3>
            <p className="small">
              {t("case.journey.passport")}: {yes(journey.passportApproved)} ·{" "}
              {t("case.journey.arrival")}: {yes(journey.hasArrival)}
            </p>
            <Link to={to("travel")}>{t("travel:staff.openTravel")}</Link>
          </li>
        ) : null}
        {links.aftercare ? (
          <li>
            <h3>{t("case.journey.aftercare")}</h3>
            <p className="small">
              {t("case.journey.followUps", {
                n: formatNumber(journey.followUpsPlanned, locale),
              })}
            </p>
            <Link to={to("aftercare")}>{t("aftercare:staff.open")}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
