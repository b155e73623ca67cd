/**
 * The handover pack as a PDF (the patient's language and English) through the patient's share link: rate limited, counted and
 * audited as an opening; 404 for an expired, revoked or unknown token alike.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/infra/request.server";
import { handoverPdfResponse } from "~/models/handover/handover-docs.server";
import { limitShare, openShare } from "~/models/handover/share.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const ip = clientIp(context);
  await limitShare(ip);
  const { facts } = await openShare(params.token, ip, "pdf");
  const response = await handoverPdfResponse(facts);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("X-Robots-Tag", "noindex, nofollow");
  return response;
}
