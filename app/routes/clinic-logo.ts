/**
 * The clinic's letterhead logo (issue 23), for the page header and the settings page: the
 * bytes an admin uploaded (PNG or JPEG, checked by content then), 404 when there is none.
 * Public, as on every letter the clinic sends; the address carries the version (?v=), so a new
 * logo is a new address and the old one may be kept by caches.
 */
import { clinicSettings } from "~/models/site/clinic-settings.server";

export function loader({ request }: { request: Request }) {
  const logo = clinicSettings().logo;
  if (!logo)
    return new Response("no logo", { status: 404, headers: { "Cache-Control": "no-store" } });
  const versioned = new URL(request.url).searchParams.get("v") === String(logo.version);
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "Content-Type": logo.type,
      "Content-Length": String(logo.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
