import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import fs from "node:fs/promises";
import path from "node:path";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { mailDir } from "~/infra/mailer.server";
import { readOutboxEmail } from "~/infra/outbox.server";
import { clientIp } from "~/infra/request.server";
import { withheld } from "~/lib/secret-link";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "outbox.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "outbox:read");
  const email = await readOutboxEmail({ id: user.id, ip: clientIp(context) }, params.emailId ?? "");
  if (!email) notFound();
  // The .eml written by the file transport, if this email went that way. The id is a cuid
  // from our own table, so the path cannot escape the mail folder.
  const file = path.join(mailDir(), `${email.id}.eml`);
  const raw = await fs.readFile(file, "utf8").catch(() => null);
  return { email: { ...email, caseId: undefined }, raw };
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
