/** The case's itinerary PDF for the coordinator, in the case's language and the patient's zone. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { clientIp } from "~/infra/request.server";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { audit } from "~/infra/audit.server";
import { itineraryResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "travel:read");
  const kase = await db.case.findUnique({
    where: { id: params.caseId ?? "" },
    select: { id: true, language: true, patient: { select: { timeZone: true } } },
  });
  if (!kase) notFound();
  await audit({
    actorId: user.id,
    action: "itinerary.download",
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: clientIp(context),
    outcome: "success",
  });
  return itineraryResponse({ caseId: kase.id }, kase.language, kase.patient.timeZone);
}
