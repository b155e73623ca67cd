/**
 * The patient's visa invitation letter: in the case's language, or in English with
 * ?lang=en (what consulates read). 409 with the reason until it can be produced, and once
 * treatment has begun (the journey it was for is behind them: app/lib/portal-view.ts); 404 for
 * another patient's case.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { requirePatient } from "~/models/auth/auth.server";
import { openSection } from "~/models/cases/portal.server";
import { patientVisaLetterResponse } from "~/models/travel/travel-pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const view = await openSection(user.id, params.caseId ?? "", "travel", "document");
  if (view.visaLetter === "over") {
    const { locale } = await detectLocale(request, user.locale);
    return new Response(getFixedT(locale, "travel")("visa.over"), {
      status: 409,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const lang = new URL(request.url).searchParams.get("lang");
  return patientVisaLetterResponse(user, params.caseId ?? "", lang);
}
