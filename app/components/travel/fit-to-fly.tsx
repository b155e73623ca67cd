/**
 * The clinician's fit-to-fly sign-off (issue 25). FitToFlyStatus says where it stands: who
 * signed, when, their note; or that the trip awaits one after the steps that ask for it; and a
 * warning when it was given before the last of those steps ended. The coordinator's travel
 * page shows the status; the case page shows it too, with the clinician's forms to sign and
 * to withdraw (posted to the case page, intents fitToFly and fitToFlyRevoke).
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormDone, FormErrors, FormField, FormKey, useAppForm } from "~/components/form";
import type { FormReply } from "~/components/form";
import { Busy } from "~/components/case/parts";
import { FIT_TO_FLY_NOTE_MAX, type FitToFlyForm } from "~/forms/case";
import { formatDateTime, formatList, isolate } from "~/lib/format";

type When = Date | string;

/** What the model reads (travel-rules.server fitToFlyOf), as the page receives it. */
export interface FitToFlyView {
  steps: { id: string; title: string; startsAt: When; endsAt: When }[];
  signOff: { id: string; signedAt: When; note: string | null; signedBy: string | null } | null;
  missing: boolean;
  early: boolean;
}

export function FitToFlyStatus({
  state,
  locale,
  timeZone,
}: {
  state: FitToFlyView;
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation("travel");
  // Each value isolated: a Latin name or a date inside an Arabic sentence keeps its order.
  const when = (d: When) => isolate(formatDateTime(d, locale, timeZone, "medium"));
  const steps = formatList(
    state.steps.map((s) =>
      isolate(t("fitToFly.step", { title: isolate(s.title), when: when(s.endsAt) })),
    ),
    locale,
  );
  const last = [...state.steps].sort(
    (a, b) => new Date(b.endsAt).getTime() - new Date(a.endsAt).getTime(),
  )[0];
  return (
    <div className="fit-to-fly-status">
      {state.signOff ? (
        <>
          <p className="notice ok">
            {t("fitToFly.signed", {
              name: isolate(state.signOff.signedBy ?? t("fitToFly.someone")),
              when: when(state.signOff.signedAt),
            })}
          </p>
          {state.signOff.note ? (
            <blockquote className="pre">
              <bdi>{state.signOff.note}</bdi>
            </blockquote>
          ) : null}
          {state.early && last ? (
            <p className="notice warn">
              {t("fitToFly.early", { title: isolate(last.title), when: when(last.endsAt) })}
            </p>
          ) : null}
        </>
      ) : state.missing ? (
        <p className="notice warn">
          <strong>{t("fitToFly.awaiting")}</strong> {t("fitToFly.awaitingSteps", { steps })}
        </p>
      ) : (
        <p className="muted">{t("fitToFly.notNeeded")}</p>
      )}
      {state.signOff && state.steps.length ? (
        <p className="small muted">{t("fitToFly.covers", { steps })}</p>
      ) : null}
    </div>
  );
}

/** The case page's section: the status, and for a clinician the forms to sign or withdraw. */
export function FitToFlySection({
  state,
  canSign,
  formKey,
  reply,
  locale,
  timeZone,
}: {
  state: FitToFlyView;
  canSign: boolean;
  formKey: string;
  reply: FormReply | null | undefined;
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation("travel");
  const sign = useAppForm<z.input<typeof FitToFlyForm>>("fitToFly", reply);
  const revoke = useAppForm("fitToFlyRevoke", reply);
  // Nothing to say to one who cannot sign, on a plan that asks for none and has none.
  if (!canSign && !state.signOff && !state.steps.length) return null;
  return (
    <section className="card" aria-labelledby="fit-to-fly-h" id="fit-to-fly">
      <h2 id="fit-to-fly-h">{t("fitToFly.title")}</h2>
      {/* Said above the forms: the one sent is replaced by the other once it is done. */}
      <FormDone message={sign.done ?? revoke.done} focus />
      <FitToFlyStatus state={state} locale={locale} timeZone={timeZone} />
      {canSign && state.signOff ? (
        <Form method="post" preventScrollReset {...revoke.props}>
          <FormErrors form={revoke.form} />
          <input type="hidden" name="intent" value="fitToFlyRevoke" />
          <input type="hidden" name="fitToFlyId" value={state.signOff.id} />
          <Busy>{t("fitToFly.revoke")}</Busy>
        </Form>
      ) : null}
      {canSign && !state.signOff ? (
        <Form method="post" preventScrollReset {...sign.props}>
          <FormErrors form={sign.form} />
          <input type="hidden" name="intent" value="fitToFly" />
          <FormKey value={formKey} />
          <FormField
            meta={sign.fields.note}
            label={t("fitToFly.note")}
            hint={t("fitToFly.noteHint")}
          >
            {({ key, ...control }) => (
              <textarea key={key} {...control} rows={2} maxLength={FIT_TO_FLY_NOTE_MAX} />
            )}
          </FormField>
          <Busy className="primary">{t("fitToFly.sign")}</Busy>
        </Form>
      ) : null}
    </section>
  );
}

/** The coordinator's travel page: the sign-off as it stands (the clinician signs on the case page). */
export function FitToFlyOnTrip({ state, clinicZone }: { state: FitToFlyView; clinicZone: string }) {
  const { t, i18n } = useTranslation("travel");
  if (!state.signOff && !state.steps.length) return null;
  return (
    <section aria-labelledby="fit-to-fly-h" id="fit-to-fly">
      <h2 id="fit-to-fly-h">{t("fitToFly.title")}</h2>
      <FitToFlyStatus state={state} locale={i18n.language} timeZone={clinicZone} />
    </section>
  );
}
