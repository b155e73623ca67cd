import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import { Fragment, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { z } from "zod";
import { db } from "~/db.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/models/audit.server";
import { notFound, requireStaff } from "~/models/auth.server";
import { getCaseForStaff } from "~/models/case.server";
import { changeStage, loadCaseFacts, StageChangeError } from "~/models/stage.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { answerText, QUESTIONNAIRES } from "~/lib/questionnaires";
import { clientIp } from "~/lib/request.server";
import { availableTransitions, isStage, STAGES } from "~/lib/stages";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  translatedTitle(matches, "cases.number", data?.kase.number);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const kase = await getCaseForStaff(params.caseId ?? "");
  const ip = clientIp(context);
  if (!kase) {
    await audit({
      actorId: user.id,
      action: "case.view",
      entity: "Case",
      entityId: params.caseId,
      ip,
      outcome: "error",
      detail: "not found",
    });
    notFound();
  }
  await audit({
    actorId: user.id,
    action: "case.view",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip,
    outcome: "success",
  });
  const facts = await loadCaseFacts(db, kase.id);
  const actions = isStage(kase.stage) ? availableTransitions(kase.stage, user.role, facts) : [];
  // Finance needs no health data: the answers and medical records stay out of its view.
  const health = user.role !== "FINANCE";
  const view = health ? kase : { ...kase, enquiries: [], documents: [], conditionSummary: null };
  return { kase: view, actions, timeZone: user.timeZone, health };
}

const StageForm = z.object({
  intent: z.literal("stage"),
  to: z.enum(STAGES),
  from: z.enum(STAGES),
  reason: z.string().trim().max(2000).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["stages", "common"]);
  const caseId = params.caseId ?? "";
  const form = Object.fromEntries(await request.formData());
  const parsed = StageForm.safeParse(form);
  const reason = typeof form.reason === "string" ? form.reason : "";
  if (!parsed.success) {
    return data({ error: t("stageErrors.invalid"), reason }, { status: 400 });
  }
  const transition = `${parsed.data.from} -> ${parsed.data.to}`;
  const auditChange = (outcome: "success" | "refused", detail: string) =>
    audit({
      actorId: user.id,
      action: "case.stage_change",
      entity: "Case",
      entityId: caseId,
      caseId,
      ip: clientIp(context),
      outcome,
      detail,
    });
  try {
    await changeStage({
      caseId,
      to: parsed.data.to,
      expectedFrom: parsed.data.from,
      actor: { id: user.id, role: user.role },
      reason: parsed.data.reason,
    });
    await auditChange("success", transition);
    return redirect(`/staff/cases/${caseId}`);
  } catch (error) {
    if (!(error instanceof StageChangeError)) throw error;
    if (error.code === "not_found") notFound();
    await auditChange("refused", `${transition}: ${error.code} ${error.failures.join(",")}`);
    const message = [t(`stageErrors.${error.code}`), ...error.failures.map((f) => t(f))].join(" ");
    return data({ error: message, reason }, { status: error.code === "forbidden" ? 403 : 409 });
  }
}

export default function CasePage() {
  const { t } = useTranslation(["common", "stages"]);
  const { kase, actions, timeZone, health } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.error) errorRef.current?.focus();
  }, [actionData]);
  const st = (s: string | null) => (s ? t(`stage.${s}`, { ns: "stages" }) : "—");
  return (
    <article className="case">
      <header className="case-head">
        <h1>
          {kase.number} · <bdi>{kase.patient.name}</bdi>
        </h1>
        <p>
          <span className={`badge stage-${kase.stage}`}>{st(kase.stage)}</span>{" "}
          <span className="muted">
            {t("case.since", { date: formatDateTime(kase.stageChangedAt, locale, timeZone) })}
          </span>
        </p>
      </header>

      <section className="card" aria-labelledby="summary-h">
        <h2 id="summary-h">{t("case.summary")}</h2>
        <dl className="facts">
          <dt>{t("case.programme")}</dt>
          <dd>{kase.programme.name}</dd>
          <dt>{t("case.email")}</dt>
          <dd>{kase.patient.email}</dd>
          <dt>{t("case.language")}</dt>
          <dd>{kase.language}</dd>
          <dt>{t("case.country")}</dt>
          <dd>{kase.country ?? "—"}</dd>
          <dt>{t("case.patientTime")}</dt>
          <dd>
            {formatDateTime(new Date(), locale, kase.timeZone, "short")} ({kase.timeZone})
          </dd>
          <dt>{t("case.coordinator")}</dt>
          <dd>{kase.coordinator?.name ?? t("cases.unassigned")}</dd>
          <dt>{t("case.eligibility")}</dt>
          <dd>{t(`eligibility.${kase.eligibility}`)}</dd>
          <dt>{t("case.condition")}</dt>
          <dd>
            <bdi>{kase.conditionSummary ?? "—"}</bdi>
          </dd>
          {kase.redFlagCount > 0 ? (
            <>
              <dt>{t("case.redFlags")}</dt>
              <dd className="flag">⚑ {kase.redFlagCount}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {kase.consentWithdrawnAt ? (
        <p className="notice warn" role="status">
          {t("case.consentWithdrawn", {
            date: formatDateTime(kase.consentWithdrawnAt, locale, timeZone),
          })}
        </p>
      ) : null}

      {health ? <HealthSection kase={kase} locale={locale} timeZone={timeZone} /> : null}

      <section className="card" aria-labelledby="actions-h">
        <h2 id="actions-h">{t("case.actions")}</h2>
        {actionData?.error ? (
          <div ref={errorRef} tabIndex={-1} role="alert" className="error-summary">
            {actionData.error}
          </div>
        ) : null}
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
                      defaultValue={actionData?.reason ?? ""}
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
                    {a.blockedBy.map((k) => t(k, { ns: "stages" })).join(" ")}
                  </p>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("case.timeline")}</h2>
        <ol className="timeline">
          {kase.events.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.createdAt).toISOString()}>
                {formatDateTime(e.createdAt, locale, timeZone, "short")}
              </time>{" "}
              {e.type === "STAGE_CHANGE" && !e.fromStage ? (
                <span>{t("case.openedEvent")}</span>
              ) : e.type === "STAGE_CHANGE" ? (
                <span>{t("case.stageEvent", { from: st(e.fromStage), to: st(e.toStage) })}</span>
              ) : (
                <span>{t(`case.event.${e.type}`, { defaultValue: e.type })}</span>
              )}
              {e.actor ? <span className="muted"> · {e.actor.name}</span> : null}
              {e.reason ? (
                <p className="small">
                  <bdi>{e.reason}</bdi>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        <h3>{t("case.emails")}</h3>
        <ul className="emails">
          {kase.emails.map((m) => (
            <li key={m.id}>
              <span className={`badge mail-${m.status}`}>{t(`mailStatus.${m.status}`)}</span>{" "}
              <bdi>{m.subject}</bdi> <span className="muted">→ {m.toEmail}</span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

type StaffCase = ReturnType<typeof useLoaderData<typeof loader>>["kase"];

/** The patient's own answers with red flags marked, and their medical records. */
function HealthSection({
  kase,
  locale,
  timeZone,
}: {
  kase: StaffCase;
  locale: string;
  timeZone: string;
}) {
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
                const shown = answerText(t, q, a.value, locale);
                return (
                  <Fragment key={q.id}>
                    <dt>{t(`enquiry:questions.${q.id}.label`)}</dt>
                    <dd className={a.redFlag ? "flag" : undefined}>
                      {a.redFlag ? `⚑ ${t("case.redFlag")}: ` : ""}
                      {shown}
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
                {d.kind} · {formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), locale)} KB ·{" "}
                {formatDateTime(d.createdAt, locale, timeZone, "short")}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
