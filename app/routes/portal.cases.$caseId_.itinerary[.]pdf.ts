/** The patient's itinerary as a PDF, in the case's language and their time zone; 404 for others. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { patientItineraryResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "travel", "document");
  return patientItineraryResponse(user, params.caseId ?? "");
}
