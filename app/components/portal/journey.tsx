/**
 * The places of the patient's case page that later parts of the journey fill in: the quote,
 * the appointments (in the patient's time and the clinic's), the itinerary and the
 * follow-ups, each linking to its own page. Which of them show, and what an empty one says,
 * is the case's portal view (app/lib/portal-view.ts): the page renders only the shown ones.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowUpTitle } from "~/components/aftercare";
import { ZoneTimes } from "~/components/zone-times";
import { InLanguage } from "~/components/translated";
import { appointmentName } from "~/lib/catalogue-text";
import { itemPlaces } from "~/lib/itinerary";
import { formatDate, formatDateTime, formatDay, formatMoney } from "~/lib/format";
import type { PatientCase } from "~/models/cases/portal.server";
import { splitByTense } from "~/lib/appointment-tense";
import { VideoJoin } from "~/components/travel/video-join";

interface CardProps {
  kase: PatientCase;
  timeZone: string;
  /** What the card says while it has no entries (app/lib/portal-view.ts), a portal key. */
  empty: string | null;
}

export function QuoteCard({ kase, empty }: CardProps) {
  const { t, i18n } = useTranslation("portal");
  const lng = i18n.language;
  return (
    <section className="card" aria-labelledby="quote-title">
      <h2 id="quote-title">{t("sections.quote")}</h2>
      {kase.quotes.length ? (
        <p>
          <Link to={`/portal/cases/${kase.id}/quote`}>{t("finance:portal.quoteLink")}</Link>
        </p>
      ) : null}
      {kase.quotes.length === 0 ? (
        <p className="muted">{empty ? t(empty) : null}</p>
      ) : (
        <ul>
          {kase.quotes.map((q) => (
            <li key={q.id}>
              {t("sections.quoteLine", {
                version: q.version,
                total: formatMoney(q.totalMinor, q.currency, lng),
              })}{" "}
              {q.status === "ISSUED" && q.validUntil ? (
                <span className="muted small">
                  {t("sections.validUntil", { date: formatDay(q.validUntil, lng) })}
                </span>
              ) : (
                <span className="muted small">{t(`finance:status.${q.status}`)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AppointmentsCard({
  kase,
  timeZone,
  clinicTimeZone,
  empty,
}: CardProps & { clinicTimeZone: string }) {
  const { t, i18n } = useTranslation("portal");
  const { upcoming, past } = splitByTense(kase.appointments);
  const item = (a: PatientCase["appointments"][number]) => (
    <li key={a.id}>
      <strong>
        <InLanguage
          value={appointmentName(a, i18n.language, t("travel:appointments.consultation"))}
        />
      </strong>
      <br />
      <ZoneTimes
        at={a.startsAt}
        kind={a.kind}
        patientZone={timeZone}
        clinicZone={clinicTimeZone}
        style="medium"
      />
      <VideoJoin video={a.video} timeZone={timeZone} />
    </li>
  );
  return (
    <section className="card" aria-labelledby="appointments-title">
      <h2 id="appointments-title">{t("sections.appointments")}</h2>
      <p>
        <Link to={`/portal/cases/${kase.id}/appointments`}>
          {t("travel:portal.appointmentsLink")}
        </Link>
      </p>
      {kase.appointments.length === 0 ? (
        <p className="muted">{empty ? t(empty) : null}</p>
      ) : (
        <>
          {upcoming.length ? <ul>{upcoming.map(item)}</ul> : null}
          {past.length ? (
            <>
              <h3 id="appointments-past">{t("travel:appointments.past")}</h3>
              <ul aria-labelledby="appointments-past">{past.map(item)}</ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

export function ItineraryCard({ kase, timeZone, empty }: CardProps) {
  const { t, i18n } = useTranslation("portal");
  return (
    <section className="card" aria-labelledby="itinerary-title">
      <h2 id="itinerary-title">{t("sections.itinerary")}</h2>
      <p>
        <Link to={`/portal/cases/${kase.id}/travel`}>{t("travel:portal.travelLink")}</Link>
      </p>
      {kase.itinerary.length === 0 ? (
        <p className="muted">{empty ? t(empty) : null}</p>
      ) : (
        <ul>
          {kase.itinerary.map((i) => (
            <li key={i.id}>
              {/* A transfer or a hotel by its places; the kind's label before them. */}
              {itemPlaces(i) ? (
                <>
                  {t(`travel:itinerary.kind.${i.kind}`)}: <bdi>{itemPlaces(i)!.join(" – ")}</bdi>
                </>
              ) : (
                <bdi>{i.title}</bdi>
              )}{" "}
              · {formatDateTime(i.startsAt, i18n.language, timeZone)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function FollowUpsCard({ kase, timeZone, empty }: CardProps) {
  const { t, i18n } = useTranslation("portal");
  return (
    <section className="card" aria-labelledby="followups-title">
      <h2 id="followups-title">{t("sections.followUps")}</h2>
      {kase.followUps.length === 0 ? (
        <p className="muted">{empty ? t(empty) : null}</p>
      ) : (
        <>
          <ul>
            {kase.followUps.map((f) => (
              <li key={f.id}>
                <FollowUpTitle label={f.label} /> ·{" "}
                {t("sections.followUpDue", { date: formatDate(f.dueAt, i18n.language, timeZone) })}
                {f.status === "COMPLETED" ? ` · ${t("aftercare:state.done")}` : ""}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/portal/cases/${kase.id}/aftercare`}>{t("aftercare:portal.open")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

/** The cards the case's stage makes true (app/lib/portal-view.ts), and only those. */
export function JourneyCards({
  kase,
  timeZone,
  clinicTimeZone,
}: {
  kase: PatientCase;
  timeZone: string;
  clinicTimeZone: string;
}) {
  const { cards } = kase.view;
  return (
    <>
      {cards.quote.shown ? (
        <QuoteCard kase={kase} timeZone={timeZone} empty={cards.quote.empty} />
      ) : null}
      {cards.appointments.shown ? (
        <AppointmentsCard
          kase={kase}
          timeZone={timeZone}
          clinicTimeZone={clinicTimeZone}
          empty={cards.appointments.empty}
        />
      ) : null}
      {cards.itinerary.shown ? (
        <ItineraryCard kase={kase} timeZone={timeZone} empty={cards.itinerary.empty} />
      ) : null}
      {cards.followUps.shown ? (
        <FollowUpsCard kase={kase} timeZone={timeZone} empty={cards.followUps.empty} />
      ) : null}
    </>
  );
}
