/**
 * A signed consent (or signed quote acceptance) as a PDF for the clinical team (consent:read):
 * the signed procedure's risks are health data, so every download is audited.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/infra/pdf.server";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { consentFileName, staffConsentPdf } from "~/models/consent/consent.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "consent:read");
  const { pdf, row } = await staffConsentPdf(
    { id: user.id, ip: clientIp(context) },
    params.caseId ?? "",
    params.consentId ?? "",
  );
  return pdfResponse(pdf, consentFileName(row));
}
