/**
 * "Add to calendar": one appointment of the patient's own case as an .ics file, with the same
 * UID as its emailed invites. Another patient's, or a cancelled one, is not found.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/models/auth/auth.server";
import { appointmentCalendarFile } from "~/models/travel/booking.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
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
