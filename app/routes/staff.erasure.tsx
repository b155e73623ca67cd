/**
 * Patients' data rights, for admins. Erasure requests: each patient's request with their
 * cases, carried out here after a confirmation; the page then shows what was deleted and
 * what was kept anonymised. Access requests (GDPR Art. 15): the full copy of a patient's
 * data, including what staff wrote for staff, which the patient's self-service download
 * leaves out (ADR 015); released after review, and audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, type FormReply } from "~/components/form";
import { ErasureRequest, FullCopy } from "~/components/staff/erasure";
import { erasureFormId, ErasureForm } from "~/forms/erasure";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { requirePermission } from "~/models/auth/auth.server";
import {
  carryOutErasure,
  ErasureError,
  fullCopyFor,
  listErasureRequests,
} from "~/models/privacy/data-rights.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["stages", "enquiry", "aftercare"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "aftercare:erasure.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "data-rights:manage");
  return { requests: await listErasureRequests(), timeZone: user.timeZone };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "data-rights:manage");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["aftercare", "enquiry", "common"]);
  const { submission } = await readSubmission(request, ErasureForm, t);
  const form = erasureFormId(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });

  const input = submission.value;
  if (input.intent === "fullCopy") {
    const copy = await fullCopyFor(input.email, { id: user.id, ip: clientIp(context) });
    if (!copy) {
      const unknown = { email: [t("erasure.fullCopyUnknown")] };
      return answer(404, { result: submission.reply({ fieldErrors: unknown }) });
    }
    return new Response(JSON.stringify(copy.data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="access-request-${copy.userId}.json"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  try {
    await carryOutErasure(input.requestId, user.id, clientIp(context));
  } catch (error) {
    if (!(error instanceof ErasureError)) throw error;
    return answer(error.code === "not_found" ? 404 : 409, {
      result: submission.reply({ formErrors: [t(`erasure.errors.${error.code}`)] }),
    });
  }
  return answer(200, { result: submission.reply({ resetForm: true }), done: t("erasure.done") });
}

export default function ErasureRequests() {
  const { t } = useTranslation("aftercare");
  const { requests, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // A request carried out leaves the page's form list: its refusal is shown here instead.
  const shown = requests.some((r) => r.status === "REQUESTED" && reply?.form === `erase-${r.id}`);
  const orphan = reply && reply.form !== "fullCopy" && !shown ? reply.result.error?.[""] : null;
  return (
    <section>
      <h1>{t("erasure.title")}</h1>
      <p className="muted">{t("erasure.intro")}</p>
      <FormDone message={reply?.done} />
      {orphan?.length ? (
        <p className="error-summary" role="alert">
          {orphan.join(" ")}
        </p>
      ) : null}
      <FullCopy reply={reply} />
      <h2>{t("erasure.requestsTitle")}</h2>
      {requests.length === 0 ? <p className="muted">{t("erasure.none")}</p> : null}
      <ul className="erasure-list">
        {requests.map((r) => (
          <ErasureRequest key={r.id} request={r} reply={reply} timeZone={timeZone} />
        ))}
      </ul>
    </section>
  );
}
