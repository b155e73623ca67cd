/**
 * Insurance on the travel pages (issue 25): what the programme asks for and which days of the
 * stay are not covered, the policies on file (and the clinic's own cover when the accepted
 * quote includes it), and the policy form. The coordinator's page adds, changes and removes
 * policies (forms "policy", "policy-<id>" and "policy-remove-<id>", all multipart, which is how
 * the page's action tells them from its other forms); the patient's page uploads their travel
 * health insurance (form "insurance", posted to "?insurance"). A refusal shows
 * each problem beside its field and keeps everything typed (the file is chosen again: browsers
 * never send it back).
 */
import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm";
import {
  FileField,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  ProblemList,
  useAppForm,
  type FormReply,
} from "~/components/form";
import type { PolicyFormInput } from "~/forms/insurance";
import {
  describeCoverage,
  formatLongDay,
  formatRuns,
  POLICY_FIELDS,
  POLICY_KINDS,
  type DaySpan,
  type KindCoverage,
  type PolicyKind,
} from "~/lib/insurance";
import { formatList } from "~/lib/format";
import { ltr } from "~/components/bidi";

/** The policies and coverage, as the loaders give them (app/models/travel/insurance.server.ts). */
export interface InsuranceView {
  required: PolicyKind[];
  stay: DaySpan | null;
  coverage: KindCoverage[];
  clinicCover: { quoteVersion: number } | null;
  policies: {
    id: string;
    kind: string;
    insurer: string;
    policyNumber: string;
    coversFrom: string;
    coversUntil: string;
    coveredProcedures: string;
    document: { id: string; fileName: string; mimeType: string } | null;
  }[];
}

/** The form a policy's changes belong to: "policy" to add, "policy-<id>" to change that one. */
export const policyFormId = (policyId: string | null | undefined) =>
  policyId ? `policy-${policyId}` : "policy";

/** What the programme asks for and what is not covered, per kind, in the reader's words. */
export function CoverageSummary({ view }: { view: InsuranceView }) {
  const { t, i18n } = useTranslation("travel");
  const locale = i18n.language;
  if (!view.required.length) return <p className="muted">{t("insurance.asksNothing")}</p>;
  const kinds = formatList(
    view.required.map((k) => t(`insurance.kind.${k}`)),
    locale,
  );
  const gaps = describeCoverage(view.coverage, t, locale);
  return (
    <>
      <p>
        {view.stay
          ? t("insurance.asks", { kinds, days: formatRuns([view.stay], locale) })
          : t("insurance.asksNoStay", { kinds })}
      </p>
      {gaps.length ? (
        <ul className="notice warn insurance-gaps">
          {gaps.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      ) : view.stay ? (
        <p className="notice ok">{t("insurance.allCovered")}</p>
      ) : null}
    </>
  );
}

/** The policies on file, each with its period, procedures and document. */
export function PolicyList({
  view,
  caseNumber,
  documentUrl,
  actions,
}: {
  view: InsuranceView;
  caseNumber: string;
  documentUrl: (documentId: string) => string;
  actions?: (policy: InsuranceView["policies"][number]) => ReactNode;
}) {
  const { t, i18n } = useTranslation("travel");
  const locale = i18n.language;
  if (!view.policies.length && !view.clinicCover) {
    return <p className="muted">{t("insurance.none")}</p>;
  }
  return (
    <ul className="policies">
      {view.clinicCover ? (
        <li className="policy">
          <h3>{t("insurance.kind.COMPLICATION")}</h3>
          <p>
            {t("insurance.clinicCover", {
              caseNumber: ltr(caseNumber),
              version: view.clinicCover.quoteVersion,
            })}
          </p>
          <p className="muted small">{t("insurance.clinicCoverNote")}</p>
        </li>
      ) : null}
      {view.policies.map((p) => (
        <li key={p.id} className="policy">
          <h3>{t(`insurance.kind.${p.kind}`)}</h3>
          <dl>
            <dt>{t("insurance.field.insurer")}</dt>
            <dd>
              <bdi>{p.insurer}</bdi>
            </dd>
            <dt>{t("insurance.field.policyNumber")}</dt>
            <dd dir="ltr">{p.policyNumber}</dd>
            <dt>{t("insurance.period")}</dt>
            <dd>
              {p.coversFrom === p.coversUntil
                ? formatLongDay(p.coversFrom, locale)
                : formatRuns([{ from: p.coversFrom, to: p.coversUntil }], locale)}
            </dd>
            {p.coveredProcedures ? (
              <>
                <dt>{t("insurance.procedures")}</dt>
                <dd>
                  <bdi>{p.coveredProcedures}</bdi>
                </dd>
              </>
            ) : null}
          </dl>
          {p.document ? (
            <p>
              <a href={documentUrl(p.document.id)}>
                {t("insurance.document")}
                <span className="visually-hidden"> {p.policyNumber}</span>
              </a>
            </p>
          ) : null}
          {actions?.(p)}
        </li>
      ))}
    </ul>
  );
}

/** A policy's actions on the coordinator's page: change it, or remove it (asks first). */
export function PolicyActions({
  policy,
  reply,
  busy,
}: {
  policy: { id: string; policyNumber: string };
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation("travel");
  const id = `policy-remove-${policy.id}`;
  const { form, props } = useAppForm(id, reply);
  return (
    <div className="actions">
      <Link to={`?policy=${policy.id}#policy-form`}>
        {t("insurance.edit")}
        <span className="visually-hidden"> {policy.policyNumber}</span>
      </Link>
      <ConfirmAction
        intent="removePolicy"
        fields={{ policyId: policy.id }}
        label={
          <>
            {t("insurance.remove")}
            <span className="visually-hidden"> {policy.policyNumber}</span>
          </>
        }
        question={t("insurance.removeNamed", { number: policy.policyNumber })}
        confirm={t("insurance.remove")}
        busy={busy}
        open={reply?.form === id && !reply.done}
        formProps={{ ...props, encType: "multipart/form-data" }}
      >
        <FormErrors form={form} />
      </ConfirmAction>
    </div>
  );
}

/**
 * The policy form: the coordinator's (any kind, add or change) or the patient's (their travel
 * health insurance; the kind is fixed and the document required).
 */
export function PolicyForm({
  reader,
  editing,
  formKey,
  maxMb,
  reply,
  busy,
}: {
  reader: "staff" | "patient";
  editing: { id: string; values: Record<string, string> } | null;
  formKey: string;
  maxMb: number;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation("travel");
  const formId = reader === "patient" ? "insurance" : policyFormId(editing?.id);
  const { form, fields, props, done } = useAppForm<PolicyFormInput & { file?: unknown }>(
    formId,
    reply,
    editing?.values ?? { kind: reader === "patient" ? "TRAVEL_HEALTH" : POLICY_KINDS[0] },
  );
  const labels = Object.fromEntries(POLICY_FIELDS.map((f) => [f, t(`insurance.field.${f}`)]));
  const text = (name: "insurer" | "policyNumber", ltr = false) => (
    <FormField meta={fields[name]} label={labels[name]}>
      {(control) => <input {...control} autoComplete="off" dir={ltr ? "ltr" : undefined} />}
    </FormField>
  );
  return (
    <section id="policy-form" aria-labelledby="policy-form-heading">
      <h3 id="policy-form-heading">
        {t(
          reader === "patient"
            ? "insurance.portal.heading"
            : editing
              ? "insurance.editHeading"
              : "insurance.addHeading",
        )}
      </h3>
      {/* The coordinator's page says "done" at its top, for every form of the page. */}
      {reader === "patient" ? <FormDone message={done} /> : null}
      <Form
        method="post"
        encType="multipart/form-data"
        className="upload-form"
        {...props}
        action={reader === "patient" ? "?insurance" : undefined}
      >
        <input
          type="hidden"
          name="intent"
          value={reader === "patient" ? "insurance" : "savePolicy"}
        />
        {editing ? <input type="hidden" name="policyId" value={editing.id} /> : null}
        <FormKey value={formKey} />
        <FormErrors form={form} />
        <ProblemList form={form} fields={POLICY_FIELDS} labels={labels} />
        {reader === "staff" ? (
          <FormField meta={fields.kind} label={labels.kind}>
            {(control) => (
              <select {...control}>
                {POLICY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`insurance.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : (
          <input type="hidden" name="kind" value="TRAVEL_HEALTH" />
        )}
        <div className="grid-2">
          {text("insurer")}
          {text("policyNumber", true)}
          <FormField meta={fields.coversFrom} label={labels.coversFrom}>
            {(control) => <input {...control} type="date" />}
          </FormField>
          <FormField meta={fields.coversUntil} label={labels.coversUntil}>
            {(control) => <input {...control} type="date" />}
          </FormField>
        </div>
        <FormField
          meta={fields.coveredProcedures}
          label={labels.coveredProcedures}
          hint={t("insurance.hint.procedures")}
        >
          {({ key, ...control }) => <textarea key={key} {...control} rows={2} maxLength={500} />}
        </FormField>
        <FileField
          meta={fields.file}
          label={labels.file}
          hint={t(editing ? "insurance.hint.fileKeep" : "insurance.hint.file", { max: maxMb })}
          clearOn={reply?.form === formId ? reply : null}
        />
        <button type="submit" disabled={busy}>
          {t(
            reader === "patient"
              ? "insurance.portal.upload"
              : editing
                ? "insurance.save"
                : "insurance.add",
          )}
        </button>
        {editing ? <Link to="?#policy-form"> {t("insurance.cancelEdit")}</Link> : null}
      </Form>
    </section>
  );
}
