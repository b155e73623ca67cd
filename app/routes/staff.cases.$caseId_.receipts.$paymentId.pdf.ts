/** A receipt or refund note as a PDF for staff, in the case's language. Finance, coordinators and admins; audited. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { auditFinanceRead, receiptPdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "quote:read");
  const caseId = params.caseId ?? "";
  const response = await receiptPdfResponse(
    { caseId },
    params.paymentId ?? "",
    undefined,
    user.timeZone,
  );
  await auditFinanceRead(
    { id: user.id, ip: clientIp(context) },
    "receipt.pdf",
    "Payment",
    params.paymentId ?? null,
    caseId,
  );
  return response;
}
