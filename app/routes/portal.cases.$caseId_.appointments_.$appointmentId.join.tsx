/**
 * "Join the video consultation": the address the portal's button and the calendar invite
 * carry. For the signed-in patient whose case it is, from 15 minutes before the start until
 * the end, it redirects (302) to the meeting; otherwise it says why not, in their language
 * (too early, with when it opens in their zone; over; cancelled). Another patient's case or
 * appointment is not found. It only reads: joining changes nothing.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/bidi";
import { formatDateTime } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { JOIN_OPENS_MINUTES } from "~/lib/video";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { joinConsultation } from "~/models/travel/video.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["travel"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "travel:join.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const caseId = params.caseId ?? "";
  await openSection(user.id, caseId, "appointments");
  const answer = await joinConsultation(user.id, caseId, params.appointmentId ?? "");
  if (answer.state === "open") throw redirect(answer.url, 302);
  return {
    caseId,
    state: answer.state,
    opensAt: answer.opensAt,
    timeZone: user.timeZone,
  };
}

export default function JoinConsultation() {
  const { t, i18n } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  return (
    <article>
      <p>
        <BackLink to={`/portal/cases/${d.caseId}/appointments`}>{t("join.back")}</BackLink>
      </p>
      <h1>{t("join.title")}</h1>
      <p role="status">
        {t(`join.${d.state}`, {
          when: formatDateTime(d.opensAt, i18n.language, d.timeZone, "full"),
          minutes: JOIN_OPENS_MINUTES,
        })}
      </p>
    </article>
  );
}
