/**
 * The patient's receipt or refund note as a PDF, as issued (in the case's language); with
 * ?document=cancellation, the cancellation note of a voided payment. Anyone else's is 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { receiptPdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "quote", "document");
  const cancellation = new URL(request.url).searchParams.get("document") === "cancellation";
  return receiptPdfResponse(
    { caseId: params.caseId ?? "", patientId: user.id },
    params.paymentId ?? "",
    undefined,
    cancellation ? "cancellation" : "receipt",
  );
}
