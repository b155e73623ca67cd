/**
 * The inbox's live poll (issue 22): { unread, latest } for the reader, one indexed aggregate.
 * The staff layout asks every few seconds while the page is visible and reloads the page's
 * data when the answer changes. Several instances sharing one database answer alike.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/models/auth/auth.server";
import { inboxChanges } from "~/models/inbox/inbox.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "inbox:read");
  return Response.json(await inboxChanges(user.id), {
    headers: { "Cache-Control": "no-store" },
  });
}
