/**
 * The patient's visa invitation letter: in the case's language, or in English with
 * ?lang=en (what consulates read). 409 with the reason until it can be produced; 404 for
 * another patient's case.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { patientVisaLetterResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "travel", "document");
  const lang = new URL(request.url).searchParams.get("lang");
  return patientVisaLetterResponse(user, params.caseId ?? "", lang);
}
