/**
 * "Add to calendar": one appointment of the patient's own case as an .ics file, with the same
 * UID as its emailed invites. Another patient's, a cancelled one, or one of a case whose
 * appointments page is closed (not eligible, cancelled) is not found.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { appointmentCalendarFile } from "~/models/travel/booking.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  // A document behind the appointments page: where that page is closed, not found.
  await openSection(user.id, params.caseId ?? "", "appointments", "document");
  const file = await appointmentCalendarFile(
    user.id,
    params.caseId ?? "",
    params.appointmentId ?? "",
  );
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    },
  });
}
