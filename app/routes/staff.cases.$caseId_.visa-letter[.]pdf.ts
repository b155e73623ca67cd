/** The visa invitation letter for the coordinator (English by default, ?lang= another); audited. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { isLocale } from "~/i18n/config";
import { clientIp } from "~/infra/request.server";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { audit } from "~/infra/audit.server";
import { visaLetterResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "travel:read");
  const kase = await db.case.findUnique({
    where: { id: params.caseId ?? "" },
    select: { id: true },
  });
  if (!kase) notFound();
  const wanted = new URL(request.url).searchParams.get("lang");
  await audit({
    actorId: user.id,
    action: "visaLetter.download",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: clientIp(context),
    outcome: "success",
  });
  return visaLetterResponse({ caseId: kase.id }, isLocale(wanted) ? wanted : "en");
}
