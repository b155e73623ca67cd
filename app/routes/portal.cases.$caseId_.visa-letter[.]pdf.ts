/**
 * The patient's visa invitation letter: in the case's language, or in English with
 * ?lang=en (what consulates read). 409 with the reason until it can be produced; 404 for
 * another patient's case.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { isLocale } from "~/i18n/config";
import { requirePatient } from "~/models/auth/auth.server";
import { visaLetterResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const kase = await db.case.findFirst({
    where: { id: params.caseId ?? "", patientId: user.id },
    select: { language: true },
  });
  const wanted = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(wanted) ? wanted : (kase?.language ?? user.locale);
  return visaLetterResponse({ caseId: params.caseId ?? "", patientId: user.id }, locale);
}
