/**
 * Enquiries sent from the public form with the signed-in patient's address and not yet
 * confirmed. Only the owner of the address can attach one to their case, or discard it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PendingEnquiry } from "~/components/pending-enquiry";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { requirePatient } from "~/models/auth/auth.server";
import {
  confirmPendingForPatient,
  discardPendingForPatient,
  pendingForPatient,
} from "~/models/enquiry/enquiry.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:pending.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return { pending: await pendingForPatient(user), timeZone: user.timeZone };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  let id = "";
  let intent = "";
  try {
    const form = await request.formData();
    id = String(form.get("id") ?? "").slice(0, 64);
    intent = String(form.get("intent") ?? "");
  } catch {
    // Answered below as an unknown enquiry.
  }
  if (intent === "confirm") {
    const result = await confirmPendingForPatient(user, id, { ip: clientIp(context) });
    if (result.ok) return redirect(`/portal/cases/${result.caseId}?enquiry=confirmed`);
    return data({ error: "gone" as const }, 400);
  }
  if (intent === "discard") {
    const done = await discardPendingForPatient(user, id);
    return done ? redirect("/portal/enquiries") : data({ error: "gone" as const }, 400);
  }
  return data({ error: "gone" as const }, 400);
}

export default function PendingEnquiries() {
  const { t, i18n } = useTranslation("portal");
  const locale = i18n.language;
  const { pending, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card">
      <h1>{t("pending.title")}</h1>
      <p>{t("pending.intro")}</p>
      {actionData?.error ? (
        <p className="error-summary" role="alert">
          {t("pending.gone")}
        </p>
      ) : null}
      {pending.length === 0 ? <p className="muted">{t("pending.none")}</p> : null}
      {pending.map((p) => (
        <article key={p.id} className="card inset">
          <h2>{t(`catalogue:${p.programme}.name`, { defaultValue: p.programme })}</h2>
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
