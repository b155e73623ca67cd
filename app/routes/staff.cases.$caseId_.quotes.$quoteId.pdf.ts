/**
 * A quote version as a PDF for staff: in the case's language (what the patient sees) or, with
 * ?lang=staff, in the staff member's own. Finance, coordinators and admins; audited.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { auditFinanceRead, quotePdfResponse } from "~/models/finance/finance.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "quote:read");
  const caseId = params.caseId ?? "";
  const own = new URL(request.url).searchParams.get("lang") === "staff";
  const response = await quotePdfResponse(
    { caseId },
    params.quoteId ?? "",
    own ? user.locale : undefined,
    user.timeZone,
  );
  await auditFinanceRead(
    { id: user.id, ip: clientIp(context) },
    "quote.pdf",
    "Quote",
    params.quoteId ?? null,
    caseId,
  );
  return response;
}
