/**
 * One follow-up for the patient: the PROM questionnaire (every answer required), the lab
 * values they have (optional), and their lab report as a file (checked by content and
 * stored encrypted). Once sent, the answers are shown read-only. A bad answer comes back
 * with a localized message beside its field, focus on the first, and everything typed kept.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowUpTitle, LabFields, PromFields } from "~/components/aftercare";
import { ErrorSummary } from "~/components/form";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { labField, LAB_MARKERS, opensAt, promField, PROMS } from "~/lib/aftercare";
import { echo, readForm, field } from "~/infra/form-data.server";
import { formatDate } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import {
  ANSWER_FIELDS,
  completeFollowUp,
  FollowUpError,
  parseAnswers,
} from "~/models/aftercare/aftercare.server";
import { notFound, requirePatient } from "~/models/auth/auth.server";
import {
  checkFiles,
  createDocumentRows,
  storeCheckedFiles,
  UploadError,
} from "~/infra/document-store.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.aftercare");

async function ownFollowUp(patientId: string, caseId: string, followUpId: string) {
  const f = await db.followUp.findFirst({
    where: { id: followUpId, caseId, case: { patientId } },
    select: {
      id: true,
      label: true,
      dueAt: true,
      status: true,
      completedAt: true,
      ...Object.fromEntries(PROMS.map((p) => [p.key, true])),
      labs: { select: { marker: true, value: true } },
      case: { select: { id: true, number: true, consentWithdrawnAt: true } },
    },
  });
  if (!f) notFound();
  return f;
}

/** The stored answers as form values, so a completed follow-up shows what was sent. */
function storedValues(f: Awaited<ReturnType<typeof ownFollowUp>>): Record<string, string> {
  const values: Record<string, string> = {};
  const row = f as unknown as Record<string, number | null>;
  for (const m of PROMS) if (row[m.key] !== null) values[promField(m.key)] = String(row[m.key]);
  for (const l of f.labs) values[labField(l.marker)] = String(l.value);
  return values;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const f = await ownFollowUp(user.id, params.caseId ?? "", params.followUpId ?? "");
  const opens = opensAt(f.dueAt);
  return {
    followUp: {
      id: f.id,
      label: f.label,
      dueAt: f.dueAt,
      status: f.status,
      completedAt: f.completedAt,
    },
    kase: f.case,
    values: storedValues(f),
    open: f.status === "SCHEDULED" && opens <= new Date(),
    opensAt: opens,
    timeZone: user.timeZone,
    maxMb: Math.floor(env().UPLOAD_MAX_BYTES / 1024 / 1024),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const f = await ownFollowUp(user.id, params.caseId ?? "", params.followUpId ?? "");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["aftercare", "enquiry"]);
  const maxMb = Math.floor(env().UPLOAD_MAX_BYTES / 1024 / 1024);
  const form = await readForm(request, { maxFileBytes: env().UPLOAD_MAX_BYTES, maxFiles: 1 });
  const values = echo(form, ANSWER_FIELDS);
  const refuse = (errors: Record<string, string>, status = 400) =>
    data({ errors, values, done: false }, { status });
  if (form.malformed) return refuse({ form: t("enquiry:errors.malformed") });
  if (f.case.consentWithdrawnAt)
    return refuse({ form: t("aftercare:errors.consentWithdrawn") }, 409);
  if (opensAt(f.dueAt).getTime() > Date.now()) {
    return refuse({ form: t("aftercare:errors.notYet") }, 409);
  }
  const limit = await hit(`followup:user:${user.id}`, LIMITS.messagePerUser);
  if (!limit.allowed) {
    return refuse(
      { form: t("aftercare:errors.rateLimited", { minutes: Math.ceil(limit.retryAfterS / 60) }) },
      429,
    );
  }
  const { problems, answers } = parseAnswers((name) => field(form, name));
  const errors: Record<string, string> = {};
  for (const [name, problem] of Object.entries(problems)) {
    const [kind, key] = name.split(".") as ["prom" | "lab", string];
    const bounds =
      kind === "prom" ? PROMS.find((m) => m.key === key) : LAB_MARKERS.find((m) => m.key === key);
    errors[name] = t(`aftercare:errors.${problem}`, { min: bounds?.min, max: bounds?.max });
  }
  if (form.tooManyFiles) errors.labReport = t("enquiry:errors.file.tooMany", { max: 1 });
  if (form.oversized.length)
    errors.labReport = t("enquiry:errors.file.tooLarge", { name: form.oversized[0], max: maxMb });
  if (Object.keys(errors).length) return refuse(errors);
  try {
    const files = await checkFiles(form.files);
    await storeCheckedFiles(files, (stored) =>
      completeFollowUp({
        caseId: f.case.id,
        followUpId: f.id,
        answers,
        actorId: user.id,
        alsoInTransaction: (tx) =>
          stored.length
            ? createDocumentRows(
                tx,
                { caseId: f.case.id, kind: "LAB_REPORT", uploadedById: user.id },
                stored,
              )
            : Promise.resolve(),
      }),
    );
  } catch (error) {
    if (error instanceof UploadError) {
      return refuse({
        labReport: t(`enquiry:errors.file.${error.problem}`, { name: error.fileName, max: maxMb }),
      });
    }
    if (error instanceof FollowUpError) {
      return refuse({ form: t(`aftercare:errors.${error.code}`) }, 409);
    }
    throw error;
  }
  return data({
    errors: {} as Record<string, string>,
    values: {} as Record<string, string>,
    done: true,
  });
}

export default function FollowUpForm() {
  const { t, i18n } = useTranslation("aftercare");
  const { followUp, kase, values, open, opensAt, timeZone, maxMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = i18n.language;
  const errors = actionData && !actionData.done ? actionData.errors : undefined;
  const shown = errors ? actionData!.values : values;
  const labels: Record<string, string> = {
    form: t("portal.formTitle"),
    labReport: t("portal.labReport"),
    ...Object.fromEntries(PROMS.map((m) => [promField(m.key), t(`prom.${m.key}.label`)])),
    ...Object.fromEntries(LAB_MARKERS.map((m) => [labField(m.key), t(`lab.${m.key}`)])),
  };
  const completed = followUp.status === "COMPLETED";
  return (
    <div className="portal">
      <p>
        <Link to={`/portal/cases/${kase.id}/aftercare`}>{t("portal.backToList")}</Link>
      </p>
      <section className="card" aria-labelledby="followup-title">
        <h1 id="followup-title">
          <FollowUpTitle label={followUp.label} />
        </h1>
        <p className="muted">
          {t("portal.dueOn", { date: formatDate(followUp.dueAt, lng, timeZone) })} ·{" "}
          {t("portal.caseNumber", { number: kase.number })}
        </p>
        {actionData?.done ? (
          <p role="status" className="notice ok">
            {t("portal.thanks")}
          </p>
        ) : null}
        {completed && !actionData?.done ? (
          <p className="notice">
            {t("portal.completedOn", {
              date: formatDate(followUp.completedAt ?? followUp.dueAt, lng, timeZone),
            })}
          </p>
        ) : null}
        {!completed && !open ? (
          <p className="notice">
            {t("portal.opensOn", { date: formatDate(opensAt, lng, timeZone) })}
          </p>
        ) : null}
        <ErrorSummary errors={errors} order={Object.keys(labels)} labels={labels} />
        {errors?.form ? (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="followup-form" noValidate>
          <fieldset className="group" disabled={!open || completed}>
            <legend>{t("portal.formTitle")}</legend>
            <p className="hint">{t("portal.formIntro")}</p>
            <PromFields errors={errors} values={shown} />
          </fieldset>
          <fieldset className="group" disabled={!open || completed}>
            <legend>{t("portal.labsTitle")}</legend>
            <p className="hint">{t("portal.labsIntro")}</p>
            <LabFields errors={errors} values={shown} />
            {!completed ? (
              <div className={errors?.labReport ? "field has-error" : "field"}>
                <label htmlFor="labReport">{t("portal.labReport")}</label>
                <p id="labReport-hint" className="hint">
                  {t("portal.labReportHint", { max: maxMb })}
                </p>
                <input
                  id="labReport"
                  name="labReport"
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  aria-invalid={errors?.labReport ? true : undefined}
                  aria-describedby={`labReport-hint${errors?.labReport ? " labReport-error" : ""}`}
                />
                {errors?.labReport ? (
                  <p id="labReport-error" className="field-error">
                    {errors.labReport}
                  </p>
                ) : null}
              </div>
            ) : null}
          </fieldset>
          {open && !completed ? (
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("portal.submit")}
            </button>
          ) : null}
        </Form>
      </section>
    </div>
  );
}
