/** The patient's receipt or refund note as a PDF, in the case's language; anyone else's is 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requirePatient } from "~/models/auth/auth.server";
import { receiptPdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await db.case.findFirst({
    where: { id: params.caseId ?? "", patientId: user.id },
    select: { language: true },
  });
  return receiptPdfResponse(
    { caseId: params.caseId ?? "", patientId: user.id },
    params.paymentId ?? "",
    kase?.language ?? user.locale,
    user.timeZone,
  );
}
