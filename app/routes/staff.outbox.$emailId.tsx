/**
 * One email of the outbox, for admins, as its reader sees it: its headers, the HTML part in a
 * sandboxed frame (no scripts, no same-origin access), the plain-text part, and behind a link
 * (?raw=1) the saved .eml source. Credential links stay withheld throughout. Every read,
 * raw or not, is audited (readOutboxMessage).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { OutboxMessage, OutboxRawSource } from "~/components/staff/outbox";
import { readOutboxMessage } from "~/infra/outbox.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  translatedTitle(matches, "outbox.title", data?.email.subject);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "outbox:read");
  const raw = new URL(request.url).searchParams.get("raw") === "1";
  const message = await readOutboxMessage(
    { id: user.id, ip: clientIp(context) },
    params.emailId ?? "",
    { raw },
  );
  if (!message) notFound();
  const { caseId: _caseId, ...email } = message.email;
  return {
    email,
    from: message.from,
    date: message.date,
    raw: raw ? message.raw : null,
    showRaw: raw,
    hasRaw: message.hasRaw,
    timeZone: user.timeZone,
  };
}

export default function OutboxEmail() {
  const data = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  return data.showRaw ? (
    <OutboxRawSource id={data.email.id} subject={data.email.subject} raw={data.raw} />
  ) : (
    <OutboxMessage {...data} locale={locale} />
  );
}
