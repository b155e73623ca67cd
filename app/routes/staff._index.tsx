import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { homeOf } from "~/lib/staff-home";
import { requirePermission } from "~/models/auth/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:use");
  // Each role's home (ADR 029): clinicians their queue, finance its worklist, coordinators
  // their inbox, admins the pipeline.
  return redirect(homeOf(user.role));
}
