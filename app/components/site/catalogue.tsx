/**
 * The catalogue editor (staff.catalogue, ADR 024): a programme's texts, then each of its
 * pathway steps, each a form of its own holding English and every other language. Each shows
 * which languages it is still missing. Forms work without JavaScript.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, FormErrors, useAppForm } from "~/components/form";
import {
  metaIn,
  MoveButtons,
  NewStep,
  ProgrammeStatus,
  StepSettings,
  StepStatus,
  type Common,
} from "~/components/site/catalogue-admin";
import { ProgrammeInsurance } from "~/components/site/catalogue-insurance";
import { LanguageFields, MissingLanguages } from "~/components/translations";
import { PROGRAMME_TEXTS, STEP_TEXTS } from "~/forms/catalogue";
import { textDefaults } from "~/forms/translations";
import type { cataloguePage } from "~/models/catalogue/catalogue.server";

export { NewProgramme } from "~/components/site/catalogue-admin";

const PROGRAMME_FIELDS = Object.keys(PROGRAMME_TEXTS) as (keyof typeof PROGRAMME_TEXTS)[];
const STEP_FIELDS = Object.keys(STEP_TEXTS) as (keyof typeof STEP_TEXTS)[];

type Programme = SerializeFrom<typeof cataloguePage>["programmes"][number];
type Step = Programme["steps"][number];

type AnyFields = Parameters<typeof metaIn>[0];

interface Placed {
  at: number;
  first: boolean;
  last: boolean;
}

export function ProgrammeEditor({
  programme: p,
  at,
  first,
  last,
  questionnaires = false,
  consentTexts = false,
  ...common
}: Common & Placed & { programme: Programme; questionnaires?: boolean; consentTexts?: boolean }) {
  const { reply, busy } = common;
  const { t } = useTranslation("site");
  const id = `programme-${p.id}`;
  const shown = {
    name: p.name,
    condition: p.condition,
    summary: p.summary,
    ...textDefaults(p.texts, PROGRAMME_FIELDS),
  };
  const { form, fields, props, done } = useAppForm(id, reply, shown);
  const stepsMissing = p.steps.filter((s) => s.missing.length).length;
  return (
    <section className="card catalogue-programme" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <bdi>{p.name}</bdi>
        {p.active ? null : (
          <span className="badge warn small"> {t("catalogue.status.retiredBadge")}</span>
        )}
      </h2>
      <p className="muted small" dir="ltr">
        /programmes/{p.slug}
      </p>
      <MissingLanguages missing={p.missing} />
      <MoveButtons
        intent="moveProgramme"
        fields={{ programmeId: p.id }}
        name={p.name}
        at={at}
        first={first}
        last={last}
        busy={busy}
      />
      <ProgrammeStatus programme={p} {...common} />
      <ProgrammeInsurance programme={p} reply={reply} busy={busy} />
      {questionnaires ? (
        <p>
          <Link to={`/staff/catalogue/${p.id}/questionnaire`}>
            {t("questionnaire.link")}
            <span className="visually-hidden">
              : <bdi>{p.name}</bdi>
            </span>
          </Link>
        </p>
      ) : null}
      <p>
        <Link to={`/staff/catalogue/${p.id}/outcomes`}>{t("aftercare:editor.title")}</Link>
      </p>
      {consentTexts ? (
        <p>
          <Link to={`/staff/catalogue/${p.id}/consent`}>
            {t("consentText.link")}
            <span className="visually-hidden">
              : <bdi>{p.name}</bdi>
            </span>
          </Link>
        </p>
      ) : null}
      <details open={Boolean(done) || Boolean(form.errors?.length) || !form.valid}>
        <summary>{t("catalogue.editProgramme")}</summary>
        <Form method="post" {...props}>
          <FormErrors form={form} />
          <FormDone message={done} />
          <input type="hidden" name="intent" value="programme" />
          <input type="hidden" name="programmeId" value={p.id} />
          <LanguageFields
            seen={shown}
            missing={p.missing}
            metaOf={metaIn(fields as unknown as AnyFields)}
            fields={[
              { name: "name", label: t("catalogue.field.name"), ...PROGRAMME_TEXTS.name },
              {
                name: "condition",
                label: t("catalogue.field.condition"),
                ...PROGRAMME_TEXTS.condition,
              },
              { name: "summary", label: t("catalogue.field.summary"), ...PROGRAMME_TEXTS.summary },
            ]}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t("catalogue.saveProgramme")}
          </button>
        </Form>
      </details>
      <h3>{t("catalogue.steps")}</h3>
      {stepsMissing ? (
        <p className="muted small">{t("catalogue.stepsMissing", { count: stepsMissing })}</p>
      ) : null}
      {p.steps.map((s, i) => (
        <StepEditor
          key={s.id}
          step={s}
          number={i + 1}
          at={i}
          first={i === 0}
          last={i === p.steps.length - 1}
          {...common}
        />
      ))}
      <NewStep programmeId={p.id} {...common} />
    </section>
  );
}

function StepEditor({
  step: s,
  number,
  at,
  first,
  last,
  ...common
}: Common & Placed & { step: Step; number: number }) {
  const { reply, busy } = common;
  const { t } = useTranslation("site");
  const id = `step-${s.id}`;
  const shown = {
    name: s.name,
    description: s.description,
    ...textDefaults(s.texts, STEP_FIELDS),
  };
  const { form, fields, props, done } = useAppForm(id, reply, shown);
  const mine = typeof reply?.form === "string" && reply.form.endsWith(`-${s.id}`);
  return (
    <details
      className={s.retiredAt ? "catalogue-step retired" : "catalogue-step"}
      open={mine || Boolean(done) || Boolean(form.errors?.length) || !form.valid}
    >
      <summary>
        <span>
          {t("catalogue.stepNumber", { number })} <bdi>{s.name}</bdi>
        </span>
        {s.retiredAt ? (
          <span className="badge warn small">{t("catalogue.status.retiredBadge")}</span>
        ) : null}
        <MissingLanguages missing={s.missing} />
      </summary>
      <MoveButtons
        intent="moveStep"
        fields={{ stepId: s.id }}
        name={s.name}
        at={at}
        first={first}
        last={last}
        busy={busy}
      />
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="step" />
        <input type="hidden" name="stepId" value={s.id} />
        <LanguageFields
          seen={shown}
          missing={s.missing}
          metaOf={metaIn(fields as unknown as AnyFields)}
          fields={[
            { name: "name", label: t("catalogue.field.stepName"), ...STEP_TEXTS.name },
            {
              name: "description",
              label: t("catalogue.field.description"),
              ...STEP_TEXTS.description,
            },
          ]}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t("catalogue.saveStep")}
        </button>
      </Form>
      <StepSettings step={s} {...common} />
      <StepStatus step={s} {...common} />
    </details>
  );
}
