/**
 * One case, as the patient sees it: where it stands, what is needed from them next, the
 * timeline, their own answers, their documents (with upload), and the places later parts
 * of the journey fill in: quote, appointments, itinerary and follow-ups.
 */
import { ROLE } from "~/lib/permissions";
import { FollowUpTitle } from "~/components/aftercare";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { describedBy, FieldError } from "~/components/form";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "~/lib/format";
import { readForm } from "~/infra/form-data.server";
import { translatedTitle } from "~/lib/meta";
import { answerText, QUESTIONNAIRES } from "~/lib/questionnaires";
import { HAPPY_PATH, isStage, type Stage } from "~/lib/stages";
import { requirePatient } from "~/models/auth/auth.server";
import {
  checkFiles,
  MAX_FILES_PER_UPLOAD,
  saveDocuments,
  UploadError,
} from "~/infra/document-store.server";
import { getPatientCase, requirePatientCase } from "~/models/cases/portal.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { messageFromPatient, resumeAfterPatientReply } from "~/models/cases/workspace.server";
import { TEXT_MAX } from "~/lib/review";
import { z } from "zod";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:case.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await getPatientCase(user.id, params.caseId ?? "");
  return {
    kase,
    timeZone: user.timeZone,
    clinicTimeZone: env().CLINIC_TIME_ZONE,
    maxMb: Math.floor(env().UPLOAD_MAX_BYTES / (1024 * 1024)),
    maxFiles: MAX_FILES_PER_UPLOAD,
  };
}

const MessageForm = z.object({
  intent: z.literal("message"),
  body: z.string().trim().min(1).max(TEXT_MAX),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await requirePatientCase(user.id, params.caseId ?? "");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["portal", "enquiry"]);
  const { UPLOAD_MAX_BYTES } = env();
  const maxMb = Math.floor(UPLOAD_MAX_BYTES / (1024 * 1024));
  const fail = (message: string, status = 400) =>
    data(
      { form: "upload" as const, error: message, uploaded: 0, sent: false, body: "" },
      { status },
    );

  // A message to the care team is a plain form; an upload is multipart.
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const form = Object.fromEntries(await request.formData());
    const body = typeof form.body === "string" ? form.body : "";
    const refuse = (message: string, status = 400) =>
      data(
        { form: "message" as const, error: message, uploaded: 0, sent: false, body },
        { status },
      );
    const parsed = MessageForm.safeParse(form);
    if (!parsed.success) return refuse(t("portal:messages.required", { max: TEXT_MAX }));
    const limit = await hit(`message:user:${user.id}`, LIMITS.messagePerUser);
    if (!limit.allowed) {
      return refuse(
        t("portal:messages.rateLimited", { minutes: Math.ceil(limit.retryAfterS / 60) }),
        429,
      );
    }
    await messageFromPatient(kase.id, user.id, parsed.data.body);
    return data({ form: "message" as const, error: null, uploaded: 0, sent: true, body: "" });
  }

  if (kase.consentWithdrawnAt) return fail(t("portal:documents.consentWithdrawn"), 409);
  const limit = await hit(`upload:user:${user.id}`, LIMITS.uploadPerUser);
  if (!limit.allowed) {
    return fail(
      t("portal:documents.rateLimited", { minutes: Math.ceil(limit.retryAfterS / 60) }),
      429,
    );
  }
  const form = await readForm(request, {
    maxFileBytes: UPLOAD_MAX_BYTES,
    maxFiles: MAX_FILES_PER_UPLOAD,
  });
  if (form.malformed) return fail(t("enquiry:errors.malformed"));
  if (form.tooManyFiles)
    return fail(t("enquiry:errors.file.tooMany", { max: MAX_FILES_PER_UPLOAD }));
  if (form.oversized.length) {
    return fail(t("enquiry:errors.file.tooLarge", { name: form.oversized[0], max: maxMb }));
  }
  if (form.files.length === 0) return fail(t("portal:documents.noFile"));
  try {
    const files = await checkFiles(form.files);
    const ids = await saveDocuments(
      {
        caseId: kase.id,
        kind: "MEDICAL_RECORD",
        uploadedById: user.id,
        files,
      },
      // Records sent after a request for more information restart the care team's clock.
      { alsoInTransaction: (tx) => resumeAfterPatientReply(tx, kase.id) },
    );
    return data({
      form: "upload" as const,
      error: null,
      uploaded: ids.length,
      sent: false,
      body: "",
    });
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    return fail(t(`enquiry:errors.file.${error.problem}`, { name: error.fileName, max: maxMb }));
  }
}

/** The main line of stages, with the case's own branch stage if it left the line. */
function progressOf(stage: Stage): Stage[] {
  if (stage === "NOT_ELIGIBLE") return ["ENQUIRY", "MEDICAL_REVIEW", "NOT_ELIGIBLE"];
  if (stage === "CANCELLED") return [...HAPPY_PATH.slice(0, -1), "CANCELLED"];
  return [...HAPPY_PATH];
}

export default function PatientCase() {
  const { t, i18n } = useTranslation("portal");
  const { kase, timeZone, clinicTimeZone, maxMb, maxFiles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = i18n.language;
  const stage = isStage(kase.stage) ? kase.stage : "ENQUIRY";
  const progress = progressOf(stage);
  const reachedIndex = progress.indexOf(stage);
  const programmeName = t(`catalogue:${kase.programme.slug}.name`, {
    defaultValue: kase.programme.name,
  });
  const questions = QUESTIONNAIRES[kase.programme.slug] ?? [];
  const uploadRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!actionData?.error) return;
    (actionData.form === "message" ? messageRef : uploadRef).current?.focus();
  }, [actionData]);
  const uploadErrors =
    actionData?.error && actionData.form === "upload" ? { files: actionData.error } : undefined;
  const messageErrors =
    actionData?.error && actionData.form === "message" ? { body: actionData.error } : undefined;
  // After an enquiry was confirmed (from the emailed link or the portal) or sent signed in.
  const enquiryNotice = useSearchParams()[0].get("enquiry");
  const stepName = (key: string | undefined, name: string) =>
    key ? t(`catalogue:${kase.programme.slug}.steps.${key}.name`, { defaultValue: name }) : name;

  return (
    <div className="portal">
      {enquiryNotice === "confirmed" || enquiryNotice === "added" ? (
        <p className="notice ok" role="status">
          {t("pending.added")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="case-title">
        <h1 id="case-title">{programmeName}</h1>
        <p className="muted">
          {t("case.number", { number: kase.number })} ·{" "}
          {t("case.opened", { date: formatDate(kase.createdAt, lng, timeZone) })}
        </p>
        <p>
          <span className="badge stage-badge">{t(`stages:stage.${stage}`)}</span>{" "}
          <span className="muted small">
            {t("case.since", { date: formatDate(kase.stageChangedAt, lng, timeZone) })}
          </span>
        </p>
        {kase.consentWithdrawnAt ? (
          <p className="notice warn" role="status">
            {t("case.consentWithdrawn", {
              date: formatDate(kase.consentWithdrawnAt, lng, timeZone),
            })}
          </p>
        ) : null}
        {kase.slaPausedAt ? (
          <p className="notice warn" role="status">
            {t("messages.infoBanner")} <a href="#messages-title">{t("messages.goTo")}</a>
          </p>
        ) : null}
        <div className="next-step">
          <h2>{t("case.nextTitle")}</h2>
          <p>{t(`next.${stage}`)}</p>
          {stage === "NOT_ELIGIBLE" && kase.eligibilityReasonCode ? (
            <p>
              {t("decision.reasonIntro")} {t(`decision.reason.${kase.eligibilityReasonCode}`)}
            </p>
          ) : null}
        </div>
        <h2 className="visually-hidden">{t("case.progress")}</h2>
        <ol className="progress" aria-label={t("case.progress")}>
          {progress.map((s, i) => (
            <li
              key={s}
              className={i < reachedIndex ? "done" : i === reachedIndex ? "current" : "todo"}
              aria-current={i === reachedIndex ? "step" : undefined}
            >
              <span className="marker" aria-hidden="true">
                {i < reachedIndex ? "✓" : i + 1}
              </span>
              <span>{t(`stages:stage.${s}`)}</span>
              {i < reachedIndex ? <span className="visually-hidden">{t("case.done")}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="messages-title">
        <h2 id="messages-title">{t("messages.title")}</h2>
        {kase.messages.length === 0 ? <p className="muted">{t("messages.none")}</p> : null}
        <ol className="thread">
          {kase.messages.map((m) => (
            <li key={m.id} className={m.fromPatient ? "from-patient" : "from-staff"}>
              <p className="small muted">
                {m.fromPatient
                  ? t("messages.you")
                  : t("messages.from", {
                      name: m.actor?.name ?? "",
                      role: t(`messages.role.${m.actor?.role ?? ROLE.COORDINATOR}`),
                    })}{" "}
                ·{" "}
                <time dateTime={new Date(m.createdAt).toISOString()}>
                  {formatDateTime(m.createdAt, lng, timeZone, "short")}
                </time>
              </p>
              {m.type === "INFO_REQUESTED" ? (
                <p>
                  <strong>
                    {t("messages.requested", {
                      kinds: (m.reason ?? "")
                        .split(",")
                        .filter(Boolean)
                        .map((k) => t(`messages.kind.${k}`))
                        .join(", "),
                    })}
                  </strong>
                </p>
              ) : null}
              <p className="pre">
                <bdi>{m.body}</bdi>
              </p>
            </li>
          ))}
        </ol>
        {actionData?.sent ? (
          <p role="status" className="notice ok">
            {t("messages.sent")}
          </p>
        ) : null}
        <Form method="post" className="message-form">
          <input type="hidden" name="intent" value="message" />
          <div className={messageErrors ? "field has-error" : "field"}>
            <label htmlFor="body">{t("messages.write")}</label>
            <textarea
              ref={messageRef}
              id="body"
              name="body"
              rows={3}
              maxLength={TEXT_MAX}
              defaultValue={actionData?.form === "message" ? actionData.body : ""}
              key={actionData?.sent ? "sent" : "draft"}
              aria-invalid={messageErrors ? true : undefined}
              aria-describedby={describedBy("body", messageErrors)}
            />
            <FieldError name="body" errors={messageErrors} />
          </div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("messages.send")}
          </button>
        </Form>
      </section>

      {kase.eligibility === "ELIGIBLE" && kase.planSteps.length ? (
        <section className="card" aria-labelledby="plan-title">
          <h2 id="plan-title">{t("plan.title")}</h2>
          <p className="muted small">{t("plan.intro")}</p>
          <ol>
            {kase.planSteps.map((s) => (
              <li key={s.id}>
                <bdi>{stepName(s.pathwayStep?.key, s.name)}</bdi>
                {s.notes ? (
                  <p className="small pre">
                    <bdi>{s.notes}</bdi>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <div className="portal-grid">
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("case.timeline")}</h2>
          <ol className="timeline">
            {kase.events.map((e) => (
              <li key={e.id}>
                <time dateTime={new Date(e.createdAt).toISOString()}>
                  {formatDateTime(e.createdAt, lng, timeZone, "short")}
                </time>{" "}
                {e.type === "STAGE_CHANGE" && e.toStage
                  ? t("events.stage", { stage: t(`stages:stage.${e.toStage}`) })
                  : e.type === "ELIGIBILITY"
                    ? t("events.ELIGIBLE")
                    : t(`events.${e.type}`)}
              </li>
            ))}
          </ol>
        </section>

        <section className="card" aria-labelledby="documents-title">
          <h2 id="documents-title">{t("documents.title")}</h2>
          {kase.documents.length === 0 ? (
            <p className="muted">{t("documents.none")}</p>
          ) : (
            <ul className="documents">
              {kase.documents.map((d) => (
                <li key={d.id}>
                  <a href={`/portal/cases/${kase.id}/documents/${d.id}`} download>
                    {d.fileName}
                  </a>{" "}
                  <span className="muted small">
                    {t(`documents.kind.${d.kind}`, { defaultValue: d.kind })} ·{" "}
                    {formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), lng)} KB ·{" "}
                    {formatDate(d.createdAt, lng, timeZone)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {actionData?.uploaded ? (
            <p role="status" className="notice ok">
              {t("documents.uploaded", { count: actionData.uploaded })}
            </p>
          ) : null}
          {kase.consentWithdrawnAt ? null : (
            <Form method="post" encType="multipart/form-data" noValidate className="upload-form">
              <div className={uploadErrors ? "field has-error" : "field"}>
                <label htmlFor="files">{t("documents.choose")}</label>
                <p id="files-hint" className="hint">
                  {t("enquiry:hints.files", { max: maxMb, count: maxFiles })}
                </p>
                <input
                  ref={uploadRef}
                  id="files"
                  name="files"
                  type="file"
                  multiple
                  accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                  aria-invalid={uploadErrors ? true : undefined}
                  aria-describedby={describedBy("files", uploadErrors, true)}
                />
                <FieldError name="files" errors={uploadErrors} />
              </div>
              <button
                type="submit"
                className="primary"
                disabled={navigation.state === "submitting"}
              >
                {t("documents.upload")}
              </button>
            </Form>
          )}
        </section>

        <section className="card" aria-labelledby="quote-title">
          <h2 id="quote-title">{t("sections.quote")}</h2>
          {kase.quotes.length ? (
            <p>
              <Link to={`/portal/cases/${kase.id}/quote`}>{t("finance:portal.quoteLink")}</Link>
            </p>
          ) : null}
          {kase.quotes.length === 0 ? (
            <p className="muted">{t("sections.quoteEmpty")}</p>
          ) : (
            <ul>
              {kase.quotes.map((q) => (
                <li key={q.id}>
                  {t("sections.quoteLine", {
                    version: q.version,
                    total: formatMoney(q.totalMinor, q.currency, lng),
                  })}{" "}
                  {q.validUntil ? (
                    <span className="muted small">
                      {t("sections.validUntil", { date: formatDate(q.validUntil, lng, timeZone) })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="appointments-title">
          <h2 id="appointments-title">{t("sections.appointments")}</h2>
          <p>
            <Link to={`/portal/cases/${kase.id}/appointments`}>
              {t("travel:portal.appointmentsLink")}
            </Link>
          </p>
          {kase.appointments.length === 0 ? (
            <p className="muted">{t("sections.appointmentsEmpty")}</p>
          ) : (
            <ul>
              {kase.appointments.map((a) => (
                <li key={a.id}>
                  <strong>
                    {a.kind === "CONSULTATION" ? t("travel:appointments.consultation") : a.title}
                  </strong>
                  <br />
                  {t("sections.yourTime", { time: formatDateTime(a.startsAt, lng, timeZone) })}
                  <br />
                  <span className="muted small">
                    {t("sections.clinicTime", {
                      time: formatDateTime(a.startsAt, lng, clinicTimeZone),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="itinerary-title">
          <h2 id="itinerary-title">{t("sections.itinerary")}</h2>
          <p>
            <Link to={`/portal/cases/${kase.id}/travel`}>{t("travel:portal.travelLink")}</Link>
          </p>
          {kase.itinerary.length === 0 ? (
            <p className="muted">{t("sections.itineraryEmpty")}</p>
          ) : (
            <ul>
              {kase.itinerary.map((i) => (
                <li key={i.id}>
                  {i.title} · {formatDateTime(i.startsAt, lng, timeZone)}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="followups-title">
          <h2 id="followups-title">{t("sections.followUps")}</h2>
          {kase.followUps.length === 0 ? (
            <p className="muted">{t("sections.followUpsEmpty")}</p>
          ) : (
            <>
              <ul>
                {kase.followUps.map((f) => (
                  <li key={f.id}>
                    <FollowUpTitle label={f.label} /> ·{" "}
                    {t("sections.followUpDue", { date: formatDate(f.dueAt, lng, timeZone) })}
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
      </div>

      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("answers.title")}</h2>
        {kase.enquiries.map((e) => (
          <div key={e.id} className="enquiry-answers">
            <h3>{t("answers.submitted", { date: formatDateTime(e.createdAt, lng, timeZone) })}</h3>
            <dl className="facts">
              <dt>{t("enquiry:fields.diagnosis")}</dt>
              <dd>{e.diagnosis}</dd>
              {e.diagnosedYear ? (
                <>
                  <dt>{t("enquiry:fields.diagnosedYear")}</dt>
                  <dd>{e.diagnosedYear}</dd>
                </>
              ) : null}
              {e.medication ? (
                <>
                  <dt>{t("enquiry:fields.medication")}</dt>
                  <dd>{e.medication}</dd>
                </>
              ) : null}
              {e.steroidDoseMg !== null ? (
                <>
                  <dt>{t("enquiry:fields.steroidDose")}</dt>
                  <dd>{formatNumber(e.steroidDoseMg, lng)} mg</dd>
                </>
              ) : null}
              {e.organs ? (
                <>
                  <dt>{t("enquiry:fields.organs")}</dt>
                  <dd>
                    {e.organs
                      .split(",")
                      .map((o) => t(`enquiry:organs.${o}`))
                      .join(", ")}
                  </dd>
                </>
              ) : null}
              {questions.map((q) => {
                const answer = e.answers.find((a) => a.questionId === q.id);
                if (!answer) return null;
                return (
                  <FactRow
                    key={q.id}
                    label={t(`enquiry:questions.${q.id}.label`)}
                    value={answerText(t, q, answer.value, lng)}
                  />
                );
              })}
            </dl>
          </div>
        ))}
        <p className="muted small">
          {t("answers.change")} <Link to="/portal/settings">{t("nav.settings")}</Link>
        </p>
      </section>
    </div>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
