/**
 * What the bell polls (issue 22, item 8): one's own unread count, one indexed count, as JSON.
 * Never cached: it changes as notices arrive.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/models/auth/auth.server";
import { countUnreadNotifications } from "~/models/notifications/notifications.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "notifications:use");
  const unread = await countUnreadNotifications(user.id);
  return Response.json({ unread }, { headers: { "Cache-Control": "no-store" } });
}
