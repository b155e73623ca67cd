/**
 * The coordinator's travel page for a case: the itinerary (flights with their airports'
 * local times, hotel, transfers, interpreter, companion) as a timeline with the
 * appointments and the conflicts between them, the passports to approve or reject, and the
 * itinerary PDF and visa invitation letter. Coordinators and admins only; reading it is
 * audited, since it shows passport details. Each passport's scan shows beside its typed
 * details (the inline viewer route, audited as "document.view").
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, FormErrors, useAppForm, type FormReply } from "~/components/form";
import { ViewerBody } from "~/components/case/viewer";
import { PassportCard, TripTimeline } from "~/components/trip";
import { ItemActions, ItemEntry, itemFormId, PassportReview } from "~/components/travel/itinerary";
import { Conflicts } from "~/components/travel/schedule";
import { FitToFlyOnTrip } from "~/components/travel/fit-to-fly";
import { clinicZone } from "~/models/site/clinic-settings.server";
import { travelForm } from "~/forms/itinerary";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { timeZoneOptions } from "~/lib/countries.server";
import { AIRPORT_ZONES } from "~/lib/itinerary";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { patientLanguageWarning } from "~/models/cases/patient-language.server";
import {
  deleteItem,
  getStaffTravel,
  reviewPassport,
  saveItem,
  TravelError,
} from "~/models/travel/travel.server";
import { BackLink, ltr } from "~/components/bidi";
import {
  CoverageSummary,
  PolicyActions,
  PolicyForm,
  PolicyList,
  policyFormId,
} from "~/components/travel/insurance";
import { env } from "~/env.server";
import { StaffPolicyForm } from "~/forms/insurance";
import { UploadError } from "~/infra/document-store.server";
import { can } from "~/lib/permissions";
import {
  InsuranceError,
  removePolicy,
  savePolicy,
  staffInsurance,
} from "~/models/travel/insurance.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["stages", "enquiry", "portal", "finance", "travel"] };

const maxMb = () => Math.floor(env().UPLOAD_MAX_BYTES / (1024 * 1024));

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "travel:staff.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "travel:read");
  const travel = await getStaffTravel({
    caseId: params.caseId ?? "",
    actorId: user.id,
    ip: clientIp(context),
    edit: new URL(request.url).searchParams.get("edit"),
  });
  // Insurance (issue 25): for the staff who read it; the policy being changed as the form shows it.
  const insurance = can(user, "insurance:read") ? await staffInsurance(travel.kase.id) : null;
  const policyId = new URL(request.url).searchParams.get("policy");
  const policy = insurance?.policies.find((p) => p.id === policyId) ?? null;
  return {
    ...travel,
    insurance,
    canWriteInsurance: can(user, "insurance:write"),
    editingPolicy: policy
      ? {
          id: policy.id,
          values: {
            kind: policy.kind,
            insurer: policy.insurer,
            policyNumber: policy.policyNumber,
            coversFrom: policy.coversFrom,
            coversUntil: policy.coversUntil,
            coveredProcedures: policy.coveredProcedures,
          },
        }
      : null,
    maxMb: maxMb(),
    zones: timeZoneOptions((await detectLocale(request, user.locale)).locale),
    airports: Object.keys(AIRPORT_ZONES),
    formKey: newFormKey(),
  };
}

/** The form an answer belongs to: each entry and each passport's review is its own. */
function formOf(payload: Record<string, unknown>) {
  const id = (name: string) => (typeof payload[name] === "string" ? payload[name] : "");
  switch (payload.intent) {
    case "item":
      return itemFormId(id("itemId"));
    case "approve":
    case "reject":
      return `${payload.intent}-${id("documentId")}`;
    default:
      return "travel";
  }
}

/**
 * The page's insurance forms send multipart bodies (a policy's document; removing one too); the
 * itinerary and passport forms send plain ones. A multipart body goes to the insurance handler
 * only when its intent is a policy's: any other form sent as multipart (a script, another
 * browser's encoding) reaches the handler its intent names, which answers it in the reader's
 * language. Nothing depends on what the address bar holds after another form.
 */
export async function action(args: ActionFunctionArgs) {
  const type = args.request.headers.get("Content-Type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const intent = await args.request
      .clone()
      .formData()
      .then((f) => f.get("intent"))
      .catch(() => null);
    if (intent === "savePolicy" || intent === "removePolicy") return insuranceAction(args);
  }
  return travelAction(args);
}

/**
 * The insurance forms: add or change a policy (with its document, checked by content), or
 * remove one. Coordinators only ("insurance:write"). A refusal names the field, keeps what was
 * typed, and stores nothing; the form's key makes a second press do nothing.
 */
async function insuranceAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "insurance:write");
  const caseId = params.caseId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "enquiry", "common"]);
  const max = maxMb();
  const { submission, form, sent } = await readSubmission(request, StaffPolicyForm, t, {
    maxFileBytes: env().UPLOAD_MAX_BYTES,
    maxFiles: 1,
  });
  const payload = submission.payload;
  const policyId = typeof payload.policyId === "string" ? payload.policyId : "";
  const formId =
    payload.intent === "removePolicy" ? `policy-remove-${policyId}` : policyFormId(policyId);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: formId, ...reply }, { status });
  const refuseFile = (status: number, message: string) =>
    answer(status, { result: submission.reply({ fieldErrors: { file: [message] } }) });
  const file = form.files[0] ?? null;
  const fileProblem = form.tooManyFiles
    ? t("enquiry:errors.file.tooMany", { max: 1 })
    : form.oversized.length
      ? t("enquiry:errors.file.tooLarge", { name: form.oversized[0], max })
      : payload.intent === "savePolicy" && !policyId && !file
        ? t("insurance.errors.file")
        : null;
  if (submission.status !== "success" || fileProblem) {
    const fieldErrors = fileProblem ? { file: [fileProblem] } : undefined;
    return answer(400, { result: submission.reply(fieldErrors ? { fieldErrors } : undefined) });
  }
  const input = submission.value;
  try {
    if (input.intent === "removePolicy") {
      await removePolicy({ caseId, actorId: user.id, policyId, ip: clientIp(context) });
      return redirect(`/staff/cases/${caseId}/travel?done=policyRemoved#insurance`);
    }
    const { intent: _intent, policyId: _id, ...details } = input;
    await savePolicy({
      caseId,
      actorId: user.id,
      by: "staff",
      policyId: policyId || null,
      data: details,
      file,
      formKey: sent,
      ip: clientIp(context),
    });
    // A change goes back to adding; an addition stays, with the form emptied.
    if (policyId) return redirect(`/staff/cases/${caseId}/travel?done=policySaved#insurance`);
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("insurance.done.add"),
    });
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof UploadError) {
      return refuseFile(
        400,
        t(`enquiry:errors.file.${error.problem}`, { name: error.fileName, max }),
      );
    }
    if (!(error instanceof InsuranceError)) throw error;
    if (error.code === "not_found" && !policyId) notFound();
    if (error.code === "file") return refuseFile(400, t("insurance.errors.file"));
    return answer(409, { result: submission.reply({ formErrors: [t("insurance.errors.gone")] }) });
  }
}

async function travelAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "travel:write");
  const caseId = params.caseId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "common"]);
  const schema = travelForm({ clinicZone: clinicZone() });
  const { submission, sent } = await readSubmission(request, schema, t);
  const form = formOf(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") {
    const formErrors = form === "travel" ? [t("errors.invalid")] : undefined;
    return answer(400, { result: submission.reply(formErrors ? { formErrors } : undefined) });
  }
  const input = submission.value;
  // A note for the patient in a language they do not read: not saved without "Save anyway".
  const texts =
    input.intent === "item" ? [input.item.note] : input.intent === "reject" ? [input.note] : [];
  const language = await patientLanguageWarning(caseId, texts, submission.payload);
  if (language) return answer(409, { result: submission.reply(), language });
  const back = (done: string, anchor: string) =>
    redirect(`/staff/cases/${caseId}/travel?done=${done}#${anchor}`);
  try {
    switch (input.intent) {
      case "item": {
        await saveItem(caseId, user.id, input.item, { formKey: sent, itemId: input.itemId });
        // A change goes back to adding; an addition stays, with the form emptied.
        if (input.itemId) return back("item", "itinerary");
        return answer(200, {
          result: submission.reply({ resetForm: true }),
          done: t("staff.done.item"),
        });
      }
      case "deleteItem":
        await deleteItem(caseId, user.id, input.itemId);
        return back("deleted", "itinerary");
      default:
        await reviewPassport({
          caseId,
          documentId: input.documentId,
          actorId: user.id,
          ip: clientIp(context),
          review:
            input.intent === "approve"
              ? { decision: "approve" }
              : { decision: "reject", reason: input.reason, note: input.note },
        });
        return back(input.intent, "passports");
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (!(error instanceof TravelError)) throw error;
    if (error.code === "not_found") notFound();
    return answer(409, {
      result: submission.reply({ formErrors: [error.describe(t, locale)] }),
    });
  }
}

const DONE = ["item", "deleted", "approve", "reject"];
/** After a policy is changed or removed (the insurance section's own messages). */
const POLICY_DONE: Record<string, string> = {
  policySaved: "insurance.done.change",
  policyRemoved: "insurance.done.remove",
};

export default function StaffTravel() {
  const { t } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const page = useAppForm("travel", reply);
  const [params] = useSearchParams();
  // A message about the last saved change, unless this answer is about another form.
  const done = params.get("done");
  const message = reply
    ? reply.done
    : done
      ? t(POLICY_DONE[done] ?? `staff.done.${DONE.includes(done) ? done : "item"}`)
      : null;
  const caseUrl = `/staff/cases/${d.kase.id}`;
  return (
    <article className="travel">
      <p>
        <BackLink to={caseUrl}>{t("backToCase", { caseNumber: ltr(d.kase.number) })}</BackLink>
      </p>
      <h1>{t("staff.heading", { caseNumber: d.kase.number, name: d.kase.patient.name })}</h1>
      <FormErrors form={page.form} />
      <FormDone message={message} />
      <p className="actions">
        <Link className="button secondary" to={`${caseUrl}/schedule`}>
          {t("staff.openSchedule")}
        </Link>
        <a className="button secondary" href={`${caseUrl}/itinerary.pdf`}>
          {t("downloads.itinerary")}
        </a>
        {d.visaProblem ? (
          <span className="muted">
            {t(
              d.visaProblem === "appointmentsMissing"
                ? "staff.visaAppointments"
                : "staff.visaPassport",
            )}
          </span>
        ) : (
          <a className="button secondary" href={`${caseUrl}/visa-letter.pdf`}>
            {t("downloads.visaLetter")}
          </a>
        )}
      </p>
      <Conflicts conflicts={d.conflicts} />
      <FitToFlyOnTrip state={d.fitToFly} clinicZone={d.clinicZone} />
      <section id="itinerary" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("staff.timeline")}</h2>
        <TripTimeline
          entries={d.entries}
          timeZone={d.kase.patient.timeZone}
          clinicZone={d.clinicZone}
          reader="staff"
          actions={(e) =>
            e.type === "item" ? <ItemActions id={e.id} title={e.title} busy={busy} /> : null
          }
        />
      </section>
      <ItemEntry
        editing={d.editing}
        zones={d.zones}
        airports={d.airports}
        clinicZone={d.clinicZone}
        formKey={d.formKey}
        reply={reply}
        busy={busy}
      />
      {d.insurance ? (
        <section id="insurance" aria-labelledby="insurance-heading">
          <h2 id="insurance-heading">{t("insurance.heading")}</h2>
          <CoverageSummary view={d.insurance} />
          <PolicyList
            view={d.insurance}
            caseNumber={d.kase.number}
            documentUrl={(id) => `${caseUrl}/documents/${id}`}
            actions={
              d.canWriteInsurance
                ? (p) => <PolicyActions policy={p} reply={reply} busy={busy} />
                : undefined
            }
          />
          {d.canWriteInsurance ? (
            <PolicyForm
              key={d.editingPolicy?.id ?? "new"}
              reader="staff"
              editing={d.editingPolicy}
              formKey={d.formKey}
              maxMb={d.maxMb}
              reply={reply}
              busy={busy}
            />
          ) : null}
        </section>
      ) : null}
      <section id="passports" aria-labelledby="passports-heading">
        <h2 id="passports-heading">{t("passport.heading")}</h2>
        {d.passports.length ? (
          <ul className="passports">
            {d.passports.map((p) => (
              <PassportCard
                key={p.id}
                passport={p}
                downloadUrl={`${caseUrl}/documents/${p.id}`}
                reader="staff"
                scan={
                  p.mimeType ? (
                    <ViewerBody
                      src={`${caseUrl}/documents/${p.id}/view`}
                      doc={{ fileName: p.fileName, mimeType: p.mimeType }}
                    />
                  ) : null
                }
              >
                {p.status === "PENDING" ? (
                  <PassportReview id={p.id} holderName={p.holderName} reply={reply} busy={busy} />
                ) : null}
              </PassportCard>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("passport.none")}</p>
        )}
      </section>
    </article>
  );
}
