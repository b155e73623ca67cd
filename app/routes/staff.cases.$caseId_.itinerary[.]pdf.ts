/** The case's itinerary PDF for the coordinator, in the case's language and the patient's zone. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { staffItineraryResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "travel:read");
  return staffItineraryResponse({
    caseId: params.caseId ?? "",
    actorId: user.id,
    ip: clientIp(context),
  });
}
