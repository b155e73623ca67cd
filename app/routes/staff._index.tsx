import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requirePermission } from "~/models/auth/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:use");
  return redirect("/staff/cases");
}
