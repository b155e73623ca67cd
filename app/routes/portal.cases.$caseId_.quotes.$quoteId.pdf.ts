/** The patient's quote version as a PDF, in the case's language; anyone else's case is 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requirePatient } from "~/models/auth/auth.server";
import { quotePdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await db.case.findFirst({
    where: { id: params.caseId ?? "", patientId: user.id },
    select: { language: true },
  });
  return quotePdfResponse(
    { caseId: params.caseId ?? "", patientId: user.id },
    params.quoteId ?? "",
    kase?.language ?? user.locale,
    user.timeZone,
  );
}
