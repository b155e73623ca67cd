/** One email of the outbox, for admins: its text (links withheld) and the saved .eml, if any. Audited. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { readOutboxMessage } from "~/infra/outbox.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { withheld } from "~/lib/secret-link";
import { notFound, requirePermission } from "~/models/auth/auth.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "outbox.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "outbox:read");
  const message = await readOutboxMessage(
    { id: user.id, ip: clientIp(context) },
    params.emailId ?? "",
  );
  if (!message) notFound();
  return { email: { ...message.email, caseId: undefined }, raw: message.raw };
}

export default function OutboxEmail() {
  const { t } = useTranslation();
  const { email, raw } = useLoaderData<typeof loader>();
  return (
    <article>
      <p>
        <Link to="/staff/outbox">{t("outbox.back")}</Link>
      </p>
      <h1>
        <bdi>{email.subject}</bdi>
      </h1>
      <p className="muted">
        {email.toEmail} · {t(`mailStatus.${email.status}`)}
      </p>
      <section className="card" lang={email.locale}>
        <h2>{t("outbox.textPart")}</h2>
        <pre className="mail-text">{withheld(email.text, t("outbox.linkWithheld"))}</pre>
      </section>
      {raw ? (
        <section className="card">
          <h2>{t("outbox.rawFile")}</h2>
          <pre className="mail-raw">{raw}</pre>
        </section>
      ) : null}
    </article>
  );
}
