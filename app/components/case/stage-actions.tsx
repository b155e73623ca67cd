/**
 * The stage moves this user is offered, one form each (`stage-<to>`). A move whose guard
 * fails is shown disabled with the reason. A move blocked only by what may be overridden
 * (open trip conflicts before TRAVEL_READY) lists what is open and asks for the reason to go
 * on regardless; the server refuses it without one. The move the header makes itself
 * (madeFromHeader) is not repeated here. A success is shown in the header (seen wherever the
 * page is scrolled); a refusal beside its form, or above the list when its form is gone.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FieldErrors, FormErrors, FormField, useAppForm, useBusy } from "~/components/form";
import { STAGE_REASON_MAX, type StageForm } from "~/forms/case";
import { conflictText, isTravelRule, type DescribedConflict } from "~/lib/itinerary";
import { describeCoverage, type KindCoverage } from "~/lib/insurance";
import type { AvailableTransition } from "~/lib/stages";
import type { CaseCtx } from "./context";
import { madeFromHeader } from "./header";

export function StageActions(ctx: CaseCtx) {
  const { kase, openConflicts, insuranceGaps, reply } = ctx;
  const { t } = useTranslation(["common", "stages"]);
  const header = madeFromHeader(ctx);
  const actions = ctx.actions.filter((a) => a.to !== header?.to);
  const mine = reply?.form.startsWith("stage") ? reply : undefined;
  // A refusal for a move no longer offered (the case moved on) has no form to show it in.
  const orphan =
    mine &&
    mine.form !== `stage-${header?.to}` &&
    !actions.some((a) => `stage-${a.to}` === mine.form)
      ? (mine.result.error?.[""] ?? [])
      : [];
  return (
    <section className="card" aria-labelledby="actions-h" id="stage">
      <h2 id="actions-h">{t("case.actions")}</h2>
      {orphan.length ? (
        <p className="error-summary" role="alert">
          {orphan.join(" ")}
        </p>
      ) : null}
      {actions.length === 0 && !header ? <p className="muted">{t("case.noActions")}</p> : null}
      <ul className="stage-actions">
        {actions.map((a) => (
          <li key={a.to}>
            <StageMove
              from={kase.stage}
              move={a}
              reply={reply}
              conflicts={openConflicts}
              insuranceGaps={insuranceGaps}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function StageMove({
  from,
  move,
  reply,
  conflicts,
  insuranceGaps,
}: {
  from: string;
  move: AvailableTransition;
  reply: CaseCtx["reply"];
  conflicts: DescribedConflict[];
  insuranceGaps: KindCoverage[];
}) {
  const { t } = useTranslation(["common", "stages", "travel"]);
  const overriding = !move.allowed && move.overridable;
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof StageForm>>(`stage-${move.to}`, reply);
  return (
    <Form method="post" preventScrollReset className="stage-form" {...props}>
      <FormErrors form={form} />
      <FieldErrors meta={fields.from} />
      <FieldErrors meta={fields.to} />
      <input type="hidden" name="intent" value="stage" />
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={move.to} />
      {move.reasonRequired ? (
        <FormField meta={fields.reason} label={t("case.reason")}>
          {({ key, ...control }) => (
            <textarea key={key} {...control} rows={2} maxLength={STAGE_REASON_MAX} required />
          )}
        </FormField>
      ) : null}
      {overriding ? (
        <Why move={move} conflicts={conflicts} insuranceGaps={insuranceGaps} overriding />
      ) : null}
      {overriding ? (
        <FormField
          meta={fields.override}
          label={t("case.overrideReason")}
          hint={t("case.overrideHint")}
        >
          {({ key, ...control }) => (
            <textarea key={key} {...control} rows={2} maxLength={STAGE_REASON_MAX} />
          )}
        </FormField>
      ) : null}
      <button
        type="submit"
        disabled={(!move.allowed && !overriding) || busy}
        aria-describedby={move.allowed ? undefined : `why-${move.to}`}
      >
        {t("case.moveTo", { stage: t(`stages:stage.${move.to}`) })}
      </button>
      {!move.allowed && !overriding ? (
        <Why move={move} conflicts={conflicts} insuranceGaps={insuranceGaps} overriding={false} />
      ) : null}
    </Form>
  );
}

/**
 * Why a move cannot be made yet: what is missing, and the trip's open conflicts (and the travel
 * rules broken) listed once when they are among it. Overridable (conflicts alone), it is a warning above the reason asked for;
 * otherwise a note under the disabled button, where no reason can override yet.
 */
function Why({
  move,
  conflicts,
  insuranceGaps,
  overriding,
}: {
  move: AvailableTransition;
  conflicts: DescribedConflict[];
  insuranceGaps: KindCoverage[];
  overriding: boolean;
}) {
  const { t, i18n } = useTranslation(["common", "stages", "travel"]);
  const key = (k: string) =>
    // Other steps are missing too: no reason can override yet, so none is asked for.
    !overriding && k === "guard.openConflicts" ? "guard.openConflictsListed" : k;
  // The conflicts each failing guard is about: the ordinary ones, the travel rules broken.
  const listed = conflicts.filter((c) =>
    move.blockedBy.includes(isTravelRule(c) ? "guard.travelRules" : "guard.openConflicts"),
  );
  return (
    <div id={`why-${move.to}`} className={overriding ? "notice warn" : "muted small"}>
      <p>{move.blockedBy.map((k) => t(`stages:${key(k)}`)).join(" ")}</p>
      {listed.length ? (
        <ul className="open-conflicts">
          {listed.map((c) => (
            <li key={`${c.code}-${c.ids.join("-")}`}>
              <bdi>{conflictText(c, t, i18n.language)}</bdi>
            </li>
          ))}
        </ul>
      ) : null}
      {move.blockedBy.includes("guard.insuranceMissing") && insuranceGaps.length ? (
        <ul className="insurance-gaps">
          {describeCoverage(insuranceGaps, t, i18n.language).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
