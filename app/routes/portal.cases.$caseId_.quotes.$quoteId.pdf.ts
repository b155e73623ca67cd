/** The patient's quote version as a PDF, in the case's language; anyone else's case is 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { quotePdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  await openSection(user.id, params.caseId ?? "", "quote", "document");
  return quotePdfResponse(
    { caseId: params.caseId ?? "", patientId: user.id },
    params.quoteId ?? "",
    undefined,
    user.timeZone,
  );
}
