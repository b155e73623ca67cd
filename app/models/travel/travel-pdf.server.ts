/**
 * The printable itinerary and the visa invitation letter, in the reader's language, built
 * on the shared Pdf class (Noto fonts, bidi runs for Arabic and Persian).
 *
 * The itinerary shows each appointment in the patient's zone and the clinic's, and each
 * flight in its airports' own zones. The letter is on the clinic's letterhead and carries the
 * passport details of the patient (and companion), the treatment dates and the clinic's
 * contact; consulates read English, so the portal offers it in English and in the
 * patient's language.
 */
import { db } from "~/db.server";
import { env } from "~/env.server";
import { isLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { audit } from "~/infra/audit.server";
import { formatDate } from "~/lib/format";
import { notFound } from "~/models/auth/auth.server";
import { ltr, Pdf, pdfResponse } from "~/infra/pdf.server";
import {
  notThePatients,
  tripLines,
  tripOf,
  TravelError,
  visaLetterFacts,
  type Trip,
  type VisaLetterFacts,
} from "~/models/travel/travel.server";

export interface ItineraryPdfInput {
  trip: Trip;
  caseNumber: string;
  patientName: string;
  programme: { slug: string; name: string };
  locale: string;
  timeZone: string;
}

export async function itineraryPdf(input: ItineraryPdfInput): Promise<Buffer> {
  const { locale } = input;
  const t = getFixedT(locale, "travel");
  const catalogue = getFixedT(locale, "catalogue");
  const title = t("pdf.itineraryTitle", { caseNumber: ltr(input.caseNumber) });
  const pdf = new Pdf(locale, { title, subject: input.programme.name });
  pdf.text(t("pdf.clinic"), { size: 9, color: "#555555" });
  pdf.text(title, { size: 17, weight: "bold" });
  pdf.space(4);
  const facts: [string, string][] = [
    [t("pdf.patient"), input.patientName],
    [
      t("pdf.programme"),
      catalogue(`${input.programme.slug}.name`, { defaultValue: input.programme.name }),
    ],
    [t("pdf.zones"), `${ltr(input.timeZone)} · ${ltr(env().CLINIC_TIME_ZONE)}`],
  ];
  for (const [label, value] of facts) {
    pdf.row(
      [
        { text: label, share: 0.3, weight: "bold" },
        { text: value, share: 0.7 },
      ],
      10,
    );
  }
  pdf.space(6);
  pdf.rule();
  const lines = tripLines(input.trip, locale, input.timeZone, input.programme.slug);
  if (!lines.length) pdf.text(t("timeline.empty"), { size: 10 });
  for (const line of lines) {
    pdf.text(line.title, { size: 10.5, weight: "bold" });
    pdf.text(line.detail, { size: 9.5, color: "#333333" });
    pdf.space(4);
  }
  if (input.trip.conflicts.length) {
    pdf.space(4);
    pdf.text(t("conflicts.title"), { size: 11, weight: "bold", color: "#A11A1A" });
    for (const c of input.trip.conflicts) {
      pdf.text(`• ${t(`conflicts.${c.code}`)}`, { size: 9.5, color: "#A11A1A" });
    }
  }
  pdf.space(8);
  pdf.rule();
  pdf.text(
    t("pdf.contact", {
      phone: ltr(env().CLINIC_PHONE),
      email: ltr(env().CLINIC_EMAIL),
    }),
    { size: 9, color: "#444444" },
  );
  return pdf.finish((page, pages) => t("pdf.page", { page, pages }));
}

export async function visaLetterPdf(facts: VisaLetterFacts, locale: string): Promise<Buffer> {
  const t = getFixedT(locale, "travel");
  const catalogue = getFixedT(locale, "catalogue");
  const zone = env().CLINIC_TIME_ZONE;
  const day = (d: Date) => formatDate(d, locale, zone);
  const birth = (d: Date | null) => (d ? formatDate(d, locale, "UTC") : "—");
  const country = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const { kase, passport, companion } = facts;
  const title = t("visa.title");
  const pdf = new Pdf(locale, { title, subject: kase.number });

  // Letterhead.
  pdf.text(t("pdf.clinic"), { size: 15, weight: "bold", color: "#0B4F6C" });
  pdf.text(env().CLINIC_ADDRESS, { size: 9, color: "#444444" });
  pdf.text(`${ltr(env().CLINIC_PHONE)} · ${ltr(env().CLINIC_EMAIL)}`, {
    size: 9,
    color: "#444444",
  });
  pdf.rule("#0B4F6C");
  pdf.space(6);
  pdf.row(
    [
      { text: t("visa.reference", { caseNumber: ltr(kase.number) }), share: 0.6 },
      { text: day(new Date()), share: 0.4, align: "end" },
    ],
    10,
  );
  pdf.space(8);
  pdf.text(t("visa.to"), { size: 10.5, weight: "bold" });
  pdf.space(6);
  pdf.text(title, { size: 14, weight: "bold" });
  pdf.space(6);
  const programme = catalogue(`${kase.programme.slug}.name`, { defaultValue: kase.programme.name });
  pdf.text(
    t("visa.body", {
      name: passport.holderName ?? kase.patient.name,
      programme,
      from: day(facts.firstAppointment),
      to: day(facts.lastAppointment),
    }),
    { size: 10.5 },
  );
  pdf.space(8);
  const person = (heading: string, p: NonNullable<typeof companion>) => {
    pdf.text(heading, { size: 11, weight: "bold" });
    const rows: [string, string][] = [
      [t("passport.holderName"), p.holderName ?? "—"],
      [
        t("passport.nationality"),
        p.nationality ? (country.of(p.nationality) ?? p.nationality) : "—",
      ],
      [t("passport.documentNumber"), ltr(p.documentNumber ?? "—")],
      [t("passport.birthDate"), birth(p.birthDate)],
      [t("passport.expiresOn"), birth(p.expiresOn)],
    ];
    for (const [label, value] of rows) {
      pdf.row(
        [
          { text: label, share: 0.35, weight: "bold" },
          { text: value, share: 0.65 },
        ],
        10,
      );
    }
    pdf.space(6);
  };
  person(t("visa.patient"), passport);
  if (companion) person(t("visa.companion"), companion);
  pdf.text(t("visa.dates"), { size: 11, weight: "bold" });
  const dates: [string, string][] = [
    [t("visa.firstAppointment"), day(facts.firstAppointment)],
    [t("visa.lastAppointment"), day(facts.lastAppointment)],
  ];
  if (facts.arrival) dates.push([t("visa.arrival"), day(facts.arrival)]);
  if (facts.departure) dates.push([t("visa.departure"), day(facts.departure)]);
  for (const [label, value] of dates) {
    pdf.row(
      [
        { text: label, share: 0.35, weight: "bold" },
        { text: value, share: 0.65 },
      ],
      10,
    );
  }
  pdf.space(8);
  pdf.text(
    t("visa.closing", {
      phone: ltr(env().CLINIC_PHONE),
      email: ltr(env().CLINIC_EMAIL),
    }),
    { size: 10.5 },
  );
  pdf.space(14);
  pdf.text(t("visa.signature"), { size: 10.5 });
  pdf.text(kase.coordinator?.name ?? t("pdf.clinic"), { size: 10.5, weight: "bold" });
  pdf.text(t("visa.unit"), { size: 9.5, color: "#444444" });
  return pdf.finish((page, pages) => t("pdf.page", { page, pages }));
}

// --- responses ---------------------------------------------------------------------------------

export interface TravelScope {
  caseId: string;
  /** Set for a patient: any other patient's case is not found. */
  patientId?: string;
}

/** The itinerary PDF of a case, or 404. */
export async function itineraryResponse(scope: TravelScope, locale: string, timeZone: string) {
  const kase = await db.case.findFirst({
    where: { id: scope.caseId, ...(scope.patientId ? { patientId: scope.patientId } : {}) },
    select: {
      id: true,
      number: true,
      patient: { select: { name: true } },
      programme: { select: { slug: true, name: true } },
    },
  });
  if (!kase) notFound();
  const body = await itineraryPdf({
    trip: await tripOf(db, kase.id),
    caseNumber: kase.number,
    patientName: kase.patient.name,
    programme: kase.programme,
    locale,
    timeZone,
  });
  return pdfResponse(body, `itinerary-${kase.number}.pdf`);
}

/** The visa invitation letter, or 404, or 409 with the reason it cannot be produced yet. */
export async function visaLetterResponse(scope: TravelScope, locale: string) {
  const kase = await db.case.findFirst({
    where: { id: scope.caseId, ...(scope.patientId ? { patientId: scope.patientId } : {}) },
    select: { id: true, number: true },
  });
  if (!kase) notFound();
  try {
    const facts = await visaLetterFacts(kase.id);
    return pdfResponse(await visaLetterPdf(facts, locale), `visa-invitation-${kase.number}.pdf`);
  } catch (error) {
    if (!(error instanceof TravelError) || error.code === "not_found") throw error;
    const t = getFixedT(locale, "travel");
    return new Response(t(`visa.notReady.${error.code}`), {
      status: 409,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}

// --- who asks -------------------------------------------------------------------------------

interface StaffReader {
  caseId: string;
  actorId: string;
  ip: string | null;
}

/** A staff download of a case's trip document: 404 for no case, and audited. */
async function staffCase(input: StaffReader, action: string) {
  const kase = await db.case.findUnique({
    where: { id: input.caseId },
    select: { id: true, language: true, patient: { select: { timeZone: true } } },
  });
  if (!kase) notFound();
  await audit({
    actorId: input.actorId,
    action,
    entity: "Case",
    entityId: kase.id,
    caseId: kase.id,
    ip: input.ip,
    outcome: "success",
  });
  return kase;
}

/** The coordinator's itinerary PDF: in the case's language and the patient's zone. */
export async function staffItineraryResponse(input: StaffReader) {
  const kase = await staffCase(input, "itinerary.download");
  return itineraryResponse({ caseId: kase.id }, kase.language, kase.patient.timeZone);
}

/** The coordinator's visa letter: in English (what consulates read) unless `lang` asks. */
export async function staffVisaLetterResponse(input: StaffReader & { lang: string | null }) {
  const kase = await staffCase(input, "visaLetter.download");
  return visaLetterResponse({ caseId: kase.id }, isLocale(input.lang) ? input.lang : "en");
}

interface PatientReader {
  id: string;
  locale: string;
  timeZone: string;
}

/** The case's language, for the patient's own case; another's is not found (and audited). */
async function patientCase(patient: PatientReader, caseId: string) {
  const kase = await db.case.findFirst({
    where: { id: caseId, patientId: patient.id },
    select: { id: true, language: true },
  });
  return kase ?? notThePatients(patient.id, "Case", caseId);
}

/** The patient's itinerary PDF: in the case's language and their own zone. */
export async function patientItineraryResponse(patient: PatientReader, caseId: string) {
  const kase = await patientCase(patient, caseId);
  return itineraryResponse(
    { caseId: kase.id, patientId: patient.id },
    kase.language ?? patient.locale,
    patient.timeZone,
  );
}

/** The patient's visa letter: in the case's language, or in English with `lang=en`. */
export async function patientVisaLetterResponse(
  patient: PatientReader,
  caseId: string,
  lang: string | null,
) {
  const kase = await patientCase(patient, caseId);
  const locale = isLocale(lang) ? lang : (kase.language ?? patient.locale);
  return visaLetterResponse({ caseId: kase.id, patientId: patient.id }, locale);
}
