/**
 * Enquiries sent from the public form with the signed-in patient's address and not yet
 * confirmed. Only the owner of the address can attach one to their case, or discard it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, useAppForm, type FormReply } from "~/components/form";
import { PendingEnquiry } from "~/components/enquiry/pending-enquiry";
import { RowText } from "~/components/translated";
import { PendingChoiceForm } from "~/forms/enquiry";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { requirePatient } from "~/models/auth/auth.server";
import {
  confirmPendingForPatient,
  discardPendingForPatient,
  pendingForPatient,
} from "~/models/enquiry/enquiry.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:pending.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return { pending: await pendingForPatient(user), timeZone: user.timeZone };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["portal", "common"]);
  const { submission } = await readSubmission(request, PendingChoiceForm, t);
  // Someone else's, unknown, already decided or expired: all the same to this patient.
  const gone = () =>
    data<FormReply>(
      { form: "pending", result: submission.reply({ formErrors: [t("pending.gone")] }) },
      { status: 400 },
    );
  if (submission.status !== "success") return gone();
  const { intent, id } = submission.value;
  if (intent === "confirm") {
    const result = await confirmPendingForPatient(user, id, { ip: clientIp(context) });
    return result.ok ? redirect(`/portal/cases/${result.caseId}?enquiry=confirmed`) : gone();
  }
  const done = await discardPendingForPatient(user, id);
  return done ? redirect("/portal/enquiries") : gone();
}

export default function PendingEnquiries() {
  const { t, i18n } = useTranslation("portal");
  const locale = i18n.language;
  const { pending, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { form } = useAppForm("pending", reply);
  return (
    <section className="card">
      <h1>{t("pending.title")}</h1>
      <p>{t("pending.intro")}</p>
      <FormErrors form={form} />
      {pending.length === 0 ? <p className="muted">{t("pending.none")}</p> : null}
      {pending.map((p) => (
        <article key={p.id} className="card inset">
          <h2>
            <RowText row={p.programmeText} field="name" />
          </h2>
          <PendingEnquiry
            pending={p}
            hidden={{ name: "id", value: p.id }}
            locale={locale}
            timeZone={timeZone}
            busy={busy}
          />
        </article>
      ))}
    </section>
  );
}
