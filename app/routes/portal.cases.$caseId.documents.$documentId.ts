/** Download of one of the patient's own documents; anyone else's answers 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { documentResponse } from "~/infra/document-store.server";
import { getPatientDocument } from "~/models/cases/portal.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const doc = await getPatientDocument(user.id, params.caseId ?? "", params.documentId ?? "");
  return documentResponse(doc);
}
