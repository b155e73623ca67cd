/** Every payment and refund as CSV, for the accountant. Finance and admins; audited. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { auditFinanceRead, paymentsCsv } from "~/models/finance/finance.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "finance:read");
  const csv = await paymentsCsv();
  await auditFinanceRead(
    { id: user.id, ip: clientIp(context) },
    "finance.export",
    "Payment",
    null,
    null,
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payments-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
