/**
 * Patients sign in by a link sent to their email. The answer is the same whether or not
 * the address is known, so nobody can learn who is a patient here.
 */
import { isPatient } from "~/lib/permissions";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { control, ErrorSummary, Field } from "~/components/form";
import { env } from "~/env.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { getUser } from "~/models/auth/auth.server";
import { inBackground } from "~/infra/background.server";
import { requestMagicLink } from "~/models/auth/magic-link.server";
import { hit, LIMITS } from "~/infra/rate-limit.server";

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

const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export async function action({ request, context }: ActionFunctionArgs) {
  const { locale } = await detectLocale(request);
  const t = getFixedT(locale, "portal");
  let raw = "";
  try {
    const value = (await request.formData()).get("email");
    raw = typeof value === "string" ? value.slice(0, 254) : "";
  } catch {
    // A body that is not a form is answered like an empty one.
  }
  const parsed = Email.safeParse(raw);
  if (!parsed.success) {
    return data(
      { errors: { email: t("login.invalidEmail") }, values: { email: raw }, sent: false },
      400,
    );
  }
  // Only the visitor's own address is ever told to wait. A stranger asking again and again for
  // someone's address must not lock them out: past its limit the address gets no more
  // emails, and its owner signs in with the newest link already in their inbox.
  const ip = clientIp(context) ?? "unknown";
  const byIp = await hit(`magic:ip:${ip}`, LIMITS.magicLinkPerIp);
  if (!byIp.allowed) {
    return data(
      {
        errors: { email: t("login.rateLimited", { minutes: Math.ceil(byIp.retryAfterS / 60) }) },
        values: { email: raw },
        sent: false,
      },
      { status: 429, headers: { "Retry-After": String(byIp.retryAfterS) } },
    );
  }
  const email = parsed.data;
  // After the answer: known and unknown addresses get the same answer in the same time.
  inBackground("magic-link", async () => {
    const byEmail = await hit(`magic:email:${email}`, LIMITS.magicLinkPerEmail);
    if (byEmail.allowed) await requestMagicLink(email);
  });
  return data({ errors: undefined, values: { email }, sent: true });
}

export default function PortalLogin() {
  const { t } = useTranslation("portal");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  return (
    <section className="card narrow">
      <h1>{t("login.title")}</h1>
      {actionData?.sent ? (
        <div role="status" className="notice">
          <p>{t("login.sent", { email: actionData.values.email })}</p>
          <p className="muted small">{t("login.sentHelp")}</p>
        </div>
      ) : (
        <>
          <p>{t("login.intro")}</p>
          <ErrorSummary errors={errors} order={["email"]} labels={{ email: t("login.email") }} />
          <Form method="post" noValidate>
            <Field name="email" label={t("login.email")} errors={errors}>
              <input
                {...control("email", errors, actionData?.values)}
                type="email"
                autoComplete="email"
                dir="ltr"
                required
              />
            </Field>
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              {t("login.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
