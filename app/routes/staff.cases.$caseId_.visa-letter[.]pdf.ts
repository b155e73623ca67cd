/** The visa invitation letter for the coordinator (English by default, ?lang= another); audited. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { staffVisaLetterResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "travel:read");
  return staffVisaLetterResponse({
    caseId: params.caseId ?? "",
    actorId: user.id,
    ip: clientIp(context),
    lang: new URL(request.url).searchParams.get("lang"),
  });
}
