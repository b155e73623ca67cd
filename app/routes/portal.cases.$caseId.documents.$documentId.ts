/** Download of one of the patient's own documents; anyone else's answers 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth.server";
import { documentResponse } from "~/models/documents.server";
import { getPatientDocument } from "~/models/portal.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const doc = await getPatientDocument(user.id, params.caseId ?? "", params.documentId ?? "");
  return documentResponse(doc);
}
