/** The patient's signed consent (or signed quote acceptance) as a PDF; anyone else's is 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/infra/pdf.server";
import { requirePatient } from "~/models/auth/auth.server";
import { consentFileName, patientConsentPdf } from "~/models/consent/consent.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const { pdf, row } = await patientConsentPdf(
    user.id,
    params.caseId ?? "",
    params.consentId ?? "",
  );
  return pdfResponse(pdf, consentFileName(row));
}
