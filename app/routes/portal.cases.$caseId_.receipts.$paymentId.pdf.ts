/** The patient's receipt or refund note as a PDF, in the case's language; anyone else's is 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { receiptPdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return receiptPdfResponse(
    { caseId: params.caseId ?? "", patientId: user.id },
    params.paymentId ?? "",
    undefined,
    user.timeZone,
  );
}
