/** The patient's itinerary as a PDF, in the case's language and their time zone; 404 for others. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requirePatient } from "~/models/auth/auth.server";
import { itineraryResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await db.case.findFirst({
    where: { id: params.caseId ?? "", patientId: user.id },
    select: { language: true },
  });
  return itineraryResponse(
    { caseId: params.caseId ?? "", patientId: user.id },
    kase?.language ?? user.locale,
    user.timeZone,
  );
}
