/**
 * Patients sign in by a link sent to their email. The answer is the same whether or not
 * the address is known, so nobody can learn who is a patient here.
 */
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, FormField, useAppForm, type FormReply, useBusy } from "~/components/form";
import { env } from "~/env.server";
import { MagicLinkForm } from "~/forms/auth";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { inBackground } from "~/infra/background.server";
import { readSubmission } from "~/infra/forms.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { isPatient } from "~/lib/permissions";
import { getUser } from "~/models/auth/auth.server";
import { requestMagicLink } from "~/models/auth/magic-link.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:login.title");

/** A refusal to wait says for how long, on the page too (not only to scripts). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (isPatient(user)) return redirect("/portal");
  return { minutes: env().MAGIC_LINK_MINUTES };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale, ["portal", "common"]);
  const { submission } = await readSubmission(request, MagicLinkForm, t);
  if (submission.status !== "success") {
    return data<FormReply>({ form: "magic-link", result: submission.reply() }, { status: 400 });
  }
  // Only the visitor's own address is ever told to wait. A stranger asking again and again for
  // someone's address must not lock them out: past its limit the address gets no more
  // emails, and its owner signs in with the newest link already in their inbox.
  const ip = clientIp(context) ?? "unknown";
  const byIp = await hit(`magic:ip:${ip}`, LIMITS.magicLinkPerIp);
  if (!byIp.allowed) {
    const minutes = Math.ceil(byIp.retryAfterS / 60);
    const result = submission.reply({
      fieldErrors: { email: [t("login.rateLimited", { minutes })] },
    });
    return data<FormReply>(
      { form: "magic-link", result },
      { status: 429, headers: { "Retry-After": String(byIp.retryAfterS) } },
    );
  }
  const { email } = submission.value;
  // After the answer: known and unknown addresses get the same answer in the same time.
  inBackground("magic-link", async () => {
    const byEmail = await hit(`magic:email:${email}`, LIMITS.magicLinkPerEmail);
    if (byEmail.allowed) await requestMagicLink(email);
  });
  return data<FormReply>({
    form: "magic-link",
    result: submission.reply({ resetForm: true }),
    done: t("login.sent", { email }),
  });
}

export default function PortalLogin() {
  const { t } = useTranslation("portal");
  const reply = useActionData<typeof action>();
  const busy = useBusy();
  const { form, fields, props, done } = useAppForm<z.input<typeof MagicLinkForm>>(
    "magic-link",
    reply,
  );
  return (
    <section className="card narrow">
      <h1>{t("login.title")}</h1>
      {done ? (
        <div role="status" className="notice">
          <p>{done}</p>
          <p className="muted small">{t("login.sentHelp")}</p>
        </div>
      ) : (
        <>
          <p>{t("login.intro")}</p>
          <Form method="post" {...props}>
            <FormErrors form={form} />
            <FormField meta={fields.email} label={t("login.email")}>
              {(p) => <input {...p} type="email" autoComplete="email" dir="ltr" required />}
            </FormField>
            <button type="submit" className="primary" disabled={busy}>
              {t("login.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
