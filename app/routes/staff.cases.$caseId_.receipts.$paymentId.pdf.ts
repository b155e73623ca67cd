/**
 * A receipt or refund note as a PDF for staff, as issued (in the case's language); with
 * ?document=cancellation, the cancellation note of a voided payment. Finance, coordinators and
 * admins; audited.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { auditFinanceRead, receiptPdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "quote:read");
  const caseId = params.caseId ?? "";
  const cancellation = new URL(request.url).searchParams.get("document") === "cancellation";
  const response = await receiptPdfResponse(
    { caseId },
    params.paymentId ?? "",
    undefined,
    cancellation ? "cancellation" : "receipt",
  );
  await auditFinanceRead(
    { id: user.id, ip: clientIp(context) },
    cancellation ? "cancellation.pdf" : "receipt.pdf",
    "Payment",
    params.paymentId ?? null,
    caseId,
  );
  return response;
}
