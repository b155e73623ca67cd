/** The patient's handover pack as a FHIR R4 IPS bundle (JSON); 404 for another's case or before aftercare. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { handoverBundleResponse } from "~/models/handover/handover-docs.server";
import { patientPackFacts } from "~/models/handover/handover.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return handoverBundleResponse(await patientPackFacts(user.id, params.caseId ?? ""));
}
