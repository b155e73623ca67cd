/**
 * The sections of the staff case page (app/routes/staff.cases.$caseId.tsx). Each form
 * posts an intent; when the server refuses it, the error shows beside that form, takes
 * focus, and the form comes back with what was typed.
 */
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Fragment, useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "~/lib/format";
import { answerText, QUESTIONNAIRES } from "~/lib/questionnaires";
import { INFO_REQUEST_KINDS, NOT_ELIGIBLE_REASONS, PLAN_MAX_STEPS, TEXT_MAX } from "~/lib/review";
import { isOverdue } from "~/lib/pipeline";
import type { AvailableTransition } from "~/lib/stages";
import type { getCaseForStaff } from "~/models/cases/case.server";

interface ActionResult {
  intent: string;
  error: string;
  field: string | null;
  values: Record<string, string>;
}

/** Dates arrive as Date objects (single fetch) or ISO strings; both format the same. */
type Dateish = Date | string;

/** The case as the loader selects it (getCaseForStaff), health data blanked for finance. */
export type CaseView = NonNullable<Awaited<ReturnType<typeof getCaseForStaff>>>;

interface Ctx {
  kase: CaseView;
  actions: AvailableTransition[];
  coordinators: { id: string; name: string }[];
  can: Record<"assign" | "note" | "message" | "requestInfo" | "decide" | "plan", boolean>;
  health: boolean;
  locale: string;
  timeZone: string;
  now: string;
}

/** The action's answer, if it was for this form. */
function useFormResult(intent: string) {
  const result = useActionData<ActionResult>();
  const mine = result?.intent === intent ? result : undefined;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (mine?.error) ref.current?.focus();
  }, [mine]);
  const error = mine?.error ? (
    <div ref={ref} tabIndex={-1} role="alert" className="error-summary" id={`${intent}-error`}>
      {mine.error}
    </div>
  ) : null;
  return {
    error,
    values: mine?.values ?? {},
    errorId: mine?.error ? `${intent}-error` : undefined,
  };
}

function Busy({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  return (
    <button type="submit" disabled={navigation.state === "submitting"}>
      {children}
    </button>
  );
}

/** A one-textarea form (a message, a note): its error, its kept text, its submit button. */
function TextForm({
  intent,
  label,
  submit,
  rows,
}: {
  intent: "message" | "note";
  label: string;
  submit: string;
  rows: number;
}) {
  const { error, values, errorId } = useFormResult(intent);
  return (
    <Form method="post" className={`${intent}-form`}>
      {error}
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={`${intent}-body`}>{label}</label>
        <textarea
          id={`${intent}-body`}
          name="body"
          rows={rows}
          maxLength={TEXT_MAX}
          required
          defaultValue={values.body ?? ""}
          aria-describedby={errorId}
        />
      </div>
      <Busy>{submit}</Busy>
    </Form>
  );
}

export function CaseHeader({ kase, locale, timeZone, now }: Ctx) {
  const { t } = useTranslation(["common", "stages"]);
  const [params] = useSearchParams();
  const done = params.get("done");
  const when = (d: Dateish) => formatDateTime(d, locale, timeZone, "short");
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
      {done ? (
        <p role="status" className="notice ok">
          {t(`case.done.${done}`, { defaultValue: t("case.done.saved") })}
        </p>
      ) : null}
    </header>
  );
}

export function SummarySection({ kase, coordinators, can, locale, health }: Ctx) {
  const { t } = useTranslation();
  const { error, values, errorId } = useFormResult("assign");
  const languageName = new Intl.DisplayNames([locale], { type: "language" });
  const regionName = new Intl.DisplayNames([locale], { type: "region" });
  return (
    <section className="card" aria-labelledby="summary-h">
      <h2 id="summary-h">{t("case.summary")}</h2>
      <dl className="facts">
        <dt>{t("case.programme")}</dt>
        <dd>{kase.programme.name}</dd>
        <dt>{t("case.email")}</dt>
        <dd>{kase.patient.email}</dd>
        {kase.patient.phone ? (
          <>
            <dt>{t("case.phone")}</dt>
            <dd dir="ltr">{kase.patient.phone}</dd>
          </>
        ) : null}
        <dt>{t("case.language")}</dt>
        <dd>{languageName.of(kase.language) ?? kase.language}</dd>
        <dt>{t("case.country")}</dt>
        <dd>{kase.country ? (regionName.of(kase.country) ?? kase.country) : "—"}</dd>
        <dt>{t("case.patientTime")}</dt>
        <dd>
          {formatDateTime(new Date(), locale, kase.timeZone, "short")} ({kase.timeZone})
        </dd>
        <dt>{t("case.coordinator")}</dt>
        <dd>{kase.coordinator?.name ?? t("cases.unassigned")}</dd>
        <dt>{health ? t("case.eligibility") : t("case.quoteReadiness")}</dt>
        <dd>{t(`eligibility.${kase.eligibility}`)}</dd>
        {health ? (
          <>
            <dt>{t("case.condition")}</dt>
            <dd>
              <bdi>{kase.conditionSummary ?? "—"}</bdi>
            </dd>
          </>
        ) : null}
        {kase.redFlagCount > 0 ? (
          <>
            <dt>{t("case.redFlags")}</dt>
            <dd className="flag">⚑ {formatNumber(kase.redFlagCount, locale)}</dd>
          </>
        ) : null}
      </dl>
      {can.assign ? (
        <Form method="post" className="inline-form" id="assign">
          {error}
          <input type="hidden" name="intent" value="assign" />
          <div className="field">
            <label htmlFor="coordinatorId">{t("case.assignTo")}</label>
            <select
              id="coordinatorId"
              name="coordinatorId"
              defaultValue={values.coordinatorId ?? kase.coordinatorId ?? ""}
              aria-describedby={errorId}
              required
            >
              <option value="" disabled>
                {t("case.chooseCoordinator")}
              </option>
              {coordinators.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <Busy>{t("case.assign")}</Busy>
        </Form>
      ) : null}
    </section>
  );
}

/** The patient's own answers with red flags marked, and their medical records. */
export function HealthSection({ kase, locale, timeZone }: Ctx) {
  const { t } = useTranslation(["common", "enquiry"]);
  const questions = QUESTIONNAIRES[kase.programme.slug] ?? [];
  return (
    <>
      <section className="card" aria-labelledby="answers-h">
        <h2 id="answers-h">{t("case.answers")}</h2>
        {kase.enquiries.length === 0 ? <p className="muted">{t("case.noAnswers")}</p> : null}
        {kase.enquiries.map((e) => (
          <div key={e.id} className="enquiry-answers">
            <h3>
              {t("case.submitted", { date: formatDateTime(e.createdAt, locale, timeZone) })}
              {e.redFlagCount > 0 ? (
                <span className="flag"> · {t("cases.redFlags", { n: e.redFlagCount })}</span>
              ) : null}
            </h3>
            <dl className="facts">
              <dt>{t("enquiry:fields.diagnosis")}</dt>
              <dd>
                <bdi>{e.diagnosis}</bdi>
              </dd>
              <dt>{t("enquiry:fields.diagnosedYear")}</dt>
              <dd>{e.diagnosedYear ?? "—"}</dd>
              <dt>{t("enquiry:fields.medication")}</dt>
              <dd>
                <bdi>{e.medication ?? "—"}</bdi>
              </dd>
              <dt>{t("enquiry:fields.steroidDose")}</dt>
              <dd>
                {e.steroidDoseMg === null ? "—" : `${formatNumber(e.steroidDoseMg, locale)} mg`}
              </dd>
              <dt>{t("enquiry:fields.organs")}</dt>
              <dd>
                {e.organs
                  ? e.organs
                      .split(",")
                      .map((o) => t(`enquiry:organs.${o}`))
                      .join(", ")
                  : "—"}
              </dd>
              {questions.map((q) => {
                const a = e.answers.find((x) => x.questionId === q.id);
                if (!a) return null;
                return (
                  <Fragment key={q.id}>
                    <dt>{t(`enquiry:questions.${q.id}.label`)}</dt>
                    <dd className={a.redFlag ? "flag" : undefined}>
                      {a.redFlag ? `⚑ ${t("case.redFlag")}: ` : ""}
                      {answerText(t, q, a.value, locale)}
                    </dd>
                  </Fragment>
                );
              })}
            </dl>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="docs-h">
        <h2 id="docs-h">{t("case.documents")}</h2>
        {kase.documents.length === 0 ? <p className="muted">{t("case.noDocuments")}</p> : null}
        <ul className="documents">
          {kase.documents.map((d) => (
            <li key={d.id}>
              <a href={`/staff/cases/${kase.id}/documents/${d.id}`} download>
                <bdi>{d.fileName}</bdi>
              </a>{" "}
              <span className="muted small">
                {t(`portal:documents.kind.${d.kind}`, { defaultValue: d.kind })} ·{" "}
                {formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), locale)} KB ·{" "}
                {formatDateTime(d.createdAt, locale, timeZone, "short")}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Eligibility, the treatment plan and the clinician's decision. */
export function ReviewSection({ kase, can, locale, timeZone }: Ctx) {
  const { t } = useTranslation(["common", "catalogue"]);
  const plan = useFormResult("plan");
  const decide = useFormResult("decide");
  const editable = can.plan && !["CLOSED", "CANCELLED", "NOT_ELIGIBLE"].includes(kase.stage);
  const stepName = (key: string, name: string) =>
    t(`catalogue:${kase.programme.slug}.steps.${key}.name`, { defaultValue: name });
  // The editor's rows: the saved plan, then pathway steps not in it, then a blank row.
  const linked = new Set(kase.planSteps.map((s) => s.pathwayStepId));
  const rows = kase.planSteps.length
    ? [
        ...kase.planSteps.map((s) => ({ ...s, include: true })),
        ...kase.programme.steps
          .filter((p) => !linked.has(p.id))
          .map((p) => ({
            id: p.id,
            pathwayStepId: p.id,
            name: stepName(p.key, p.name),
            notes: "",
            include: false,
          })),
      ]
    : kase.programme.steps.map((p) => ({
        id: p.id,
        pathwayStepId: p.id,
        name: stepName(p.key, p.name),
        notes: "",
        include: true,
      }));
  rows.push({ id: "new", pathwayStepId: null, name: "", notes: "", include: false });
  const v = plan.values;
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">{t("review.title")}</h2>
      <dl className="facts">
        <dt>{t("case.eligibility")}</dt>
        <dd>
          {t(`eligibility.${kase.eligibility}`)}
          {kase.eligibilityAt && kase.eligibilityBy
            ? ` · ${kase.eligibilityBy.name} · ${formatDateTime(kase.eligibilityAt, locale, timeZone, "short")}`
            : null}
        </dd>
        {kase.eligibilityReasonCode ? (
          <>
            <dt>{t("review.reasonCode")}</dt>
            <dd>{t(`review.reason.${kase.eligibilityReasonCode}`)}</dd>
          </>
        ) : null}
        {kase.eligibilityReason ? (
          <>
            <dt>{t("review.explanation")}</dt>
            <dd className="pre">
              <bdi>{kase.eligibilityReason}</bdi>
            </dd>
          </>
        ) : null}
      </dl>

      <h3 id="plan">{t("review.plan")}</h3>
      {!editable ? (
        kase.planSteps.length ? (
          <ol>
            {kase.planSteps.map((s) => (
              <li key={s.id}>
                <bdi>{s.name}</bdi>
                {s.notes ? <p className="small pre">{s.notes}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("review.noPlan")}</p>
        )
      ) : (
        <Form method="post" className="plan-form">
          {plan.error}
          <input type="hidden" name="intent" value="plan" />
          <p className="hint" id="plan-hint">
            {t("review.planHint", { max: PLAN_MAX_STEPS })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("review.include")}</th>
                <th scope="col">{t("review.step")}</th>
                <th scope="col">{t("review.notes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id}>
                  <td>
                    <input
                      type="checkbox"
                      id={`step-${i}-include`}
                      name={`step.${i}.include`}
                      defaultChecked={
                        Object.keys(v).length ? v[`step.${i}.include`] === "on" : r.include
                      }
                      aria-label={t("review.includeStep", { n: i + 1 })}
                    />
                    {r.pathwayStepId ? (
                      <input
                        type="hidden"
                        name={`step.${i}.pathwayStepId`}
                        value={r.pathwayStepId}
                      />
                    ) : null}
                  </td>
                  <td>
                    <label htmlFor={`step-${i}-name`} className="visually-hidden">
                      {t("review.stepName", { n: i + 1 })}
                    </label>
                    <input
                      id={`step-${i}-name`}
                      name={`step.${i}.name`}
                      defaultValue={v[`step.${i}.name`] ?? r.name}
                      maxLength={200}
                      placeholder={r.id === "new" ? t("review.newStep") : undefined}
                    />
                  </td>
                  <td>
                    <label htmlFor={`step-${i}-notes`} className="visually-hidden">
                      {t("review.stepNotes", { n: i + 1 })}
                    </label>
                    <textarea
                      id={`step-${i}-notes`}
                      name={`step.${i}.notes`}
                      rows={1}
                      maxLength={TEXT_MAX}
                      defaultValue={v[`step.${i}.notes`] ?? r.notes ?? ""}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Busy>{t("review.savePlan")}</Busy>
        </Form>
      )}

      {can.decide && kase.stage === "MEDICAL_REVIEW" ? (
        <Form method="post" id="decide" className="decision-form">
          <h3>{t("review.decision")}</h3>
          {decide.error}
          <input type="hidden" name="intent" value="decide" />
          <fieldset>
            <legend>{t("review.decisionLegend")}</legend>
            <div className="checkbox">
              <input
                type="radio"
                id="decision-eligible"
                name="decision"
                value="ELIGIBLE"
                required
                defaultChecked={decide.values.decision === "ELIGIBLE"}
              />
              <label htmlFor="decision-eligible">{t("eligibility.ELIGIBLE")}</label>
            </div>
            <div className="checkbox">
              <input
                type="radio"
                id="decision-not-eligible"
                name="decision"
                value="NOT_ELIGIBLE"
                defaultChecked={decide.values.decision === "NOT_ELIGIBLE"}
              />
              <label htmlFor="decision-not-eligible">{t("eligibility.NOT_ELIGIBLE")}</label>
            </div>
          </fieldset>
          {kase.planSteps.length === 0 ? (
            <p className="muted small">{t("review.planFirst")}</p>
          ) : null}
          <div className="field">
            <label htmlFor="reasonCode">{t("review.reasonCode")}</label>
            <p className="hint" id="reasonCode-hint">
              {t("review.reasonHint")}
            </p>
            <select
              id="reasonCode"
              name="reasonCode"
              defaultValue={decide.values.reasonCode ?? ""}
              aria-describedby="reasonCode-hint"
            >
              <option value="">—</option>
              {NOT_ELIGIBLE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`review.reason.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="decision-text">{t("review.explanation")}</label>
            <p className="hint" id="decision-text-hint">
              {t("review.explanationHint")}
            </p>
            <textarea
              id="decision-text"
              name="text"
              rows={3}
              maxLength={TEXT_MAX}
              defaultValue={decide.values.text ?? ""}
              aria-describedby={["decision-text-hint", decide.errorId].filter(Boolean).join(" ")}
            />
          </div>
          <Busy>{t("review.record")}</Busy>
        </Form>
      ) : null}
    </section>
  );
}

function Author({ e, patientName }: { e: CaseView["events"][number]; patientName: string }) {
  const { t } = useTranslation();
  if (e.fromPatient) return <bdi>{patientName}</bdi>;
  if (!e.actor) return <span>{t("case.system")}</span>;
  return (
    <span>
      <bdi>{e.actor.name}</bdi> · {t(`roles.${e.actor.role}`)}
    </span>
  );
}

/** The message thread with the patient, and the request for more information. */
export function MessagesSection({ kase, can, locale, timeZone }: Ctx) {
  const { t } = useTranslation();
  const info = useFormResult("requestInfo");
  const thread = kase.events
    .filter((e) => e.type === "MESSAGE" || e.type === "INFO_REQUESTED")
    .slice()
    .reverse();
  const infoOpen = kase.stage === "ENQUIRY" || kase.stage === "MEDICAL_REVIEW";
  return (
    <section className="card" aria-labelledby="messages-h" id="message">
      <h2 id="messages-h">{t("messages.title")}</h2>
      <p className="hint">{t("messages.hint")}</p>
      {thread.length === 0 ? <p className="muted">{t("messages.none")}</p> : null}
      <ol className="thread">
        {thread.map((e) => (
          <li key={e.id} className={e.fromPatient ? "from-patient" : "from-staff"}>
            <p className="small muted">
              <Author e={e} patientName={kase.patient.name} /> ·{" "}
              <time dateTime={iso(e.createdAt)}>
                {formatDateTime(e.createdAt, locale, timeZone, "short")}
              </time>
              {e.type === "INFO_REQUESTED" ? (
                <>
                  {" "}
                  ·{" "}
                  <strong>
                    {t("messages.infoRequest", {
                      kinds: (e.reason ?? "")
                        .split(",")
                        .filter(Boolean)
                        .map((k) => t(`review.info.${k}`))
                        .join(", "),
                    })}
                  </strong>
                </>
              ) : null}
            </p>
            <p className="pre">
              <bdi>{e.body}</bdi>
            </p>
          </li>
        ))}
      </ol>
      {can.message ? (
        <TextForm
          intent="message"
          label={t("messages.write")}
          submit={t("messages.send")}
          rows={3}
        />
      ) : null}
      {can.requestInfo && infoOpen ? (
        <Form method="post" className="info-form" id="requestInfo">
          <h3>{t("messages.requestTitle")}</h3>
          {info.error}
          <input type="hidden" name="intent" value="requestInfo" />
          <fieldset>
            <legend>{t("messages.requestWhat")}</legend>
            {INFO_REQUEST_KINDS.map((k) => (
              <div className="checkbox" key={k}>
                <input
                  type="checkbox"
                  id={`kind-${k}`}
                  name="kinds"
                  value={k}
                  defaultChecked={info.values.kinds === k}
                />
                <label htmlFor={`kind-${k}`}>{t(`review.info.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="info-body">{t("messages.requestBody")}</label>
            <p className="hint" id="info-body-hint">
              {t("messages.requestHint")}
            </p>
            <textarea
              id="info-body"
              name="body"
              rows={3}
              maxLength={TEXT_MAX}
              required
              defaultValue={info.values.body ?? ""}
              aria-describedby={["info-body-hint", info.errorId].filter(Boolean).join(" ")}
            />
          </div>
          <Busy>{t("messages.requestSend")}</Busy>
        </Form>
      ) : null}
    </section>
  );
}

export function NotesSection({ kase, locale, timeZone }: Ctx) {
  const { t } = useTranslation();
  const notes = kase.events.filter((e) => e.type === "NOTE");
  return (
    <section className="card internal" aria-labelledby="notes-h" id="note">
      <h2 id="notes-h">{t("notes.title")}</h2>
      <p className="hint">{t("notes.hint")}</p>
      {notes.length === 0 ? <p className="muted">{t("notes.none")}</p> : null}
      <ul className="notes">
        {notes.map((e) => (
          <li key={e.id}>
            <p className="small muted">
              <Author e={e} patientName={kase.patient.name} /> ·{" "}
              {formatDateTime(e.createdAt, locale, timeZone, "short")}
            </p>
            <p className="pre">
              <bdi>{e.body}</bdi>
            </p>
          </li>
        ))}
      </ul>
      <TextForm intent="note" label={t("notes.add")} submit={t("notes.save")} rows={2} />
    </section>
  );
}

export function StageActions({ kase, actions }: Ctx) {
  const { t } = useTranslation(["common", "stages"]);
  const { error, values } = useFormResult("stage");
  const navigation = useNavigation();
  const st = (s: string) => t(`stages:stage.${s}`);
  return (
    <section className="card" aria-labelledby="actions-h" id="stage">
      <h2 id="actions-h">{t("case.actions")}</h2>
      {error}
      {actions.length === 0 ? <p className="muted">{t("case.noActions")}</p> : null}
      <ul className="stage-actions">
        {actions.map((a) => (
          <li key={a.to}>
            <Form method="post" className="stage-form">
              <input type="hidden" name="intent" value="stage" />
              <input type="hidden" name="from" value={kase.stage} />
              <input type="hidden" name="to" value={a.to} />
              {a.reasonRequired ? (
                <div className="field">
                  <label htmlFor={`reason-${a.to}`}>{t("case.reason")}</label>
                  <textarea
                    id={`reason-${a.to}`}
                    name="reason"
                    rows={2}
                    required
                    defaultValue={values.to === a.to ? (values.reason ?? "") : ""}
                  />
                </div>
              ) : null}
              <button
                type="submit"
                disabled={!a.allowed || navigation.state === "submitting"}
                aria-describedby={a.allowed ? undefined : `why-${a.to}`}
              >
                {t("case.moveTo", { stage: st(a.to) })}
              </button>
              {!a.allowed ? (
                <p id={`why-${a.to}`} className="muted small">
                  {a.blockedBy.map((k) => t(`stages:${k}`)).join(" ")}
                </p>
              ) : null}
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

const iso = (d: Dateish) => new Date(d).toISOString();

type Entry =
  | { kind: "event"; at: string; e: CaseView["events"][number] }
  | { kind: "email"; at: string; m: CaseView["emails"][number] };

/** Everything that happened, newest first: stage changes, notes, messages and emails. */
/** Trip events whose body names what they were about (a step, an itinerary entry). */
const TRIP_EVENTS = [
  "APPOINTMENT_BOOKED",
  "APPOINTMENT_RESCHEDULED",
  "APPOINTMENT_CANCELLED",
  "ITINERARY_UPDATED",
];

export function Timeline({ kase, locale, timeZone }: Ctx) {
  const { t } = useTranslation(["common", "stages"]);
  const st = (s: string | null) => (s ? t(`stages:stage.${s}`) : "—");
  const entries: Entry[] = [
    ...kase.events.map((e) => ({ kind: "event" as const, at: iso(e.createdAt), e })),
    ...kase.emails.map((m) => ({ kind: "email" as const, at: iso(m.createdAt), m })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const describe = (e: CaseView["events"][number]) => {
    if (e.type === "STAGE_CHANGE") {
      return e.fromStage
        ? t("case.stageEvent", { from: st(e.fromStage), to: st(e.toStage) })
        : t("case.openedEvent");
    }
    if (e.type === "ASSIGNED") return t("case.event.ASSIGNED", { name: e.body ?? "" });
    if (e.type === "ELIGIBILITY")
      return t("case.event.ELIGIBILITY", { decision: t(`eligibility.${e.toStage}`) });
    if (
      ["PAYMENT", "REFUND", "QUOTE_REVISED", "PAYMENT_EXCESS", "REFUND_FAILED"].includes(e.type)
    ) {
      return t(`case.event.${e.type}`, { ref: e.reason ?? "" });
    }
    if (TRIP_EVENTS.includes(e.type)) return t(`case.event.${e.type}`, { ref: e.body ?? "" });
    return t(`case.event.${e.type}`, { defaultValue: e.type });
  };
  return (
    <section className="card" aria-labelledby="timeline-h">
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
              {x.e.type === "STAGE_CHANGE" && x.e.reason ? (
                <p className="small">
                  <bdi>{x.e.reason}</bdi>
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
                  {x.m.lastError ? ` · ${x.m.lastError}` : ""}
                </span>
              ) : null}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
