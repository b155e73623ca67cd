/** A case's handover pack as a FHIR R4 IPS bundle (JSON) for the care team; audited. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import { handoverBundleResponse } from "~/models/handover/handover-docs.server";
import { staffPackFacts } from "~/models/handover/handover.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "aftercare:read");
  const facts = await staffPackFacts({
    caseId: params.caseId ?? "",
    actorId: user.id,
    ip: clientIp(context),
    what: "json",
  });
  return handoverBundleResponse(facts);
}
