/**
 * The staff case page's header, kept at the top while the page scrolls (position: sticky):
 * number, patient, stage and its clocks, the assignee and key facts, and the next step as a
 * button with its guard. A move that needs nothing more is made from here; one that needs a
 * reason (or an override) leads to its form under "Stage actions"; a blocked one is shown
 * disabled with what is missing, as app/lib/stages.ts says it; a move of another role shows
 * what the case waits for. The answer to every stage move is shown here, where it is seen.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { FormDone } from "~/components/form";
import { formatDateTime, formatNumber, isolate } from "~/lib/format";
import { isOverdue } from "~/lib/pipeline";
import type { AvailableTransition } from "~/lib/stages";
import type { CaseCtx, Dateish } from "./context";
import { Busy } from "./parts";

/** The header makes this move itself: nothing to type first. */
export function madeFromHeader(ctx: Pick<CaseCtx, "next">): AvailableTransition | null {
  const move = ctx.next?.kind === "move" ? ctx.next.move : null;
  return move && move.allowed && !move.reasonRequired ? move : null;
}

/**
 * Keeps `--case-head-h` on the page at the header's height, so the section nav sticks under
 * it and a section reached by its anchor stops below both (without JavaScript: a fallback).
 */
function useHeaderHeight(header: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = header.current;
    const page = el?.parentElement;
    if (!el || !page || typeof ResizeObserver === "undefined") return;
    const set = () => page.style.setProperty("--case-head-h", `${el.offsetHeight}px`);
    const observer = new ResizeObserver(set);
    observer.observe(el);
    set();
    return () => observer.disconnect();
  }, [header]);
}

export function CaseHeader(ctx: CaseCtx) {
  const { kase, locale, timeZone, now } = ctx;
  const ref = useRef<HTMLElement>(null);
  useHeaderHeight(ref);
  const { t } = useTranslation(["common", "stages"]);
  // Dates set into sentences, isolated: in Arabic and Persian they keep their own order.
  const when = (d: Dateish) => isolate(formatDateTime(d, locale, timeZone, "short"));
  const overdue = isOverdue(kase, new Date(now));
  return (
    <header className="case-head" aria-labelledby="case-title" ref={ref}>
      <div className="case-head-top">
        <h1 id="case-title">
          <bdi>{kase.number}</bdi> · <bdi>{kase.patient.name}</bdi>
        </h1>
        <p className="case-head-stage">
          <span className={`badge stage-${kase.stage}`}>{t(`stages:stage.${kase.stage}`)}</span>{" "}
          <span className="muted small">
            {t("case.since", { date: when(kase.stageChangedAt) })}
          </span>
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
      </div>
      <KeyFacts {...ctx} />
      <NextStep {...ctx} />
    </header>
  );
}

/**
 * Programme, language, country, red flags, the assignee, the next appointment, the deposit,
 * and the channels that reach the patient.
 */
function KeyFacts({ kase, journey, reach, locale, timeZone }: CaseCtx) {
  const { t } = useTranslation(["common", "stages"]);
  const languageName = new Intl.DisplayNames([locale], { type: "language" });
  const regionName = new Intl.DisplayNames([locale], { type: "region" });
  const deposit = journey.depositPaid
    ? "paid"
    : journey.depositWaived
      ? "waived"
      : journey.hasAcceptedQuote
        ? "due"
        : null;
  return (
    <dl className="case-head-facts">
      <div>
        <dt>{t("case.coordinator")}</dt>
        <dd>{kase.coordinator ? <bdi>{kase.coordinator.name}</bdi> : t("cases.unassigned")}</dd>
      </div>
      <div>
        <dt>{t("case.programme")}</dt>
        <dd>
          <bdi>{kase.programme.name}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t("case.language")}</dt>
        <dd>{languageName.of(kase.language) ?? kase.language}</dd>
      </div>
      {kase.country ? (
        <div>
          <dt>{t("case.country")}</dt>
          <dd>{regionName.of(kase.country) ?? kase.country}</dd>
        </div>
      ) : null}
      {kase.redFlagCount > 0 ? (
        <div>
          <dt>{t("case.redFlags")}</dt>
          <dd className="flag">⚑ {formatNumber(kase.redFlagCount, locale)}</dd>
        </div>
      ) : null}
      {journey.nextAppointment ? (
        <div>
          <dt>{t("case.head.nextAppointment")}</dt>
          <dd>{formatDateTime(journey.nextAppointment.startsAt, locale, timeZone, "short")}</dd>
        </div>
      ) : null}
      <Reaches reach={reach} />
      {deposit ? (
        <div>
          <dt>{t("case.head.deposit")}</dt>
          <dd className={deposit === "due" ? "warn-text" : undefined}>
            {t(`case.head.deposit_${deposit}`)}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The next step: a button (or its form's link), disabled with the reason, or what it waits for. */
function NextStep(ctx: CaseCtx) {
  const { kase, next, reply, can } = ctx;
  const { t } = useTranslation(["common", "stages"]);
  const direct = madeFromHeader(ctx);
  // In review, the clinician's next act is the decision the next stages wait for.
  const decide =
    !direct && can.decide && kase.stage === "MEDICAL_REVIEW" && kase.eligibility === "PENDING";
  // The answer once the page's data is loaded again too (as useAppForm takes it).
  const settled = useNavigation().state === "idle";
  const stageReply = settled && reply?.form.startsWith("stage") ? reply : undefined;
  const refused = direct && stageReply?.form === `stage-${direct.to}` ? stageReply : undefined;
  const errors = refused?.result.error?.[""] ?? [];
  const move = next?.kind === "move" ? next.move : null;
  const label = (to: string) => t("case.moveTo", { stage: t(`stages:stage.${to}`) });
  return (
    <div className="case-next" role="group" aria-labelledby="case-next-h">
      <h2 id="case-next-h" className="case-next-h">
        {t("case.head.next")}
      </h2>
      {decide ? (
        <a className="button" href="#decide">
          {t("case.head.decide")}
        </a>
      ) : null}
      {direct ? (
        <Form method="post" preventScrollReset className="case-next-form">
          <input type="hidden" name="intent" value="stage" />
          <input type="hidden" name="from" value={kase.stage} />
          <input type="hidden" name="to" value={direct.to} />
          <Busy>{label(direct.to)}</Busy>
        </Form>
      ) : move && (move.allowed || move.overridable) ? (
        // A reason (or an override) to give first: the move's own form, under "Stage actions".
        <a className="button" href={`#stage-${move.to}`}>
          {label(move.to)}
        </a>
      ) : move ? (
        <>
          <button type="button" disabled aria-describedby="case-next-why">
            {label(move.to)}
          </button>
          <p id="case-next-why" className="case-next-why">
            {move.blockedBy[0] ? t(`stages:${move.blockedBy[0]}`) : null}
          </p>
        </>
      ) : next?.kind === "waiting" ? (
        <p className="case-next-why">
          {t("case.head.waitingFor", { stage: t(`stages:stage.${next.to}`) })}{" "}
          {/* The first thing still missing, in the order the guard checks them: a row of every
              reason read as one garbled sentence; the full list is under "Stage actions". */}
          {next.blockedBy[0] ? t(`stages:${next.blockedBy[0]}`) : t("case.head.otherRole")}
        </p>
      ) : (
        <p className="case-next-why">{t("case.noActions")}</p>
      )}
      <a href="#stage" className="case-next-more small">
        {t("case.head.allMoves")}
      </a>
      <FormDone message={stageReply?.done} focus />
      {errors.length ? (
        <p className="error-summary" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
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

/**
 * "Reaches: email · WhatsApp · SMS" (issue 24): email always; a channel the patient opted in
 * to whose number is not proved yet is shown muted, as not reaching them.
 */
function Reaches({ reach }: Pick<CaseCtx, "reach">) {
  const { t } = useTranslation(["common", "privacy"]);
  return (
    <div>
      <dt>{t("case.head.reaches")}</dt>
      <dd className="case-reach">
        <span>{t("case.head.reachEmail")}</span>
        {reach.map((r) => {
          const name = t(`privacy:channels.name.${r.channel}`);
          return (
            <span key={r.channel} className={r.proved ? undefined : "muted"}>
              {" · "}
              {r.proved ? name : t("case.head.reachUnproved", { channel: name })}
            </span>
          );
        })}
      </dd>
    </div>
  );
}
