/**
 * The printable itinerary and the visa invitation letter, in the reader's language, set by
 * Typst (app/infra/pdf.server.ts, ADR 019).
 *
 * The itinerary is a table per day in the patient's zone: each appointment with its time in
 * the clinic's zone too, each flight with its local times in its airports' zones. It is the
 * patient's document, for the staff copy too: the conflict check of the trip is the staff's
 * work list and is never printed. The letter is on the clinic's letterhead and carries the
 * passport details of the patient (and companion), the treatment dates and the clinic's
 * contact; consulates read English, so the portal offers it in English and in the patient's
 * language.
 */
import type { TFunction } from "i18next";
import { db } from "~/db.server";
import { clinicAddress, clinicSettings, clinicZone } from "~/models/site/clinic-settings.server";
import { isLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { rowText } from "~/lib/catalogue-text";
import { itemPlaces } from "~/lib/itinerary";
import { formatDate, formatDay } from "~/lib/format";
import { renderableZone } from "~/lib/time-zones";
import { appointmentTimes, isRemoteAppointment } from "~/lib/zone-time";
import { audit } from "~/infra/audit.server";
import { notFound, notThePatients } from "~/models/auth/auth.server";
import {
  documentBase,
  pdfResponse,
  renderPdf,
  rich,
  timeInZone,
  user,
  zone as zoneOf,
  type Rich,
} from "~/infra/pdf.server";
import {
  appointmentTitle,
  TravelError,
  tripOf,
  visaLetterFacts,
  type Trip,
  type VisaLetterFacts,
} from "~/models/travel/travel.server";
import { clinicAddressLine, type ClinicOnDocuments } from "~/lib/site";
import { clinicOnDocuments } from "~/models/site/clinic-documents.server";

export interface ItineraryPdfInput {
  trip: Trip;
  caseNumber: string;
  patientName: string;
  programme: { slug: string; name: string; translations: string };
  locale: string;
  timeZone: string;
  /** The clinic's profile (name, address), where an admin has set one. */
  clinic?: ClinicOnDocuments | null;
}

/** The clinic's line on a travel document: its profile's name where it has one. */
function clinicName(clinic: ClinicOnDocuments | null | undefined, t: TFunction): string {
  return clinic ? t("pdf.clinicOf", { name: user(clinic.name) }) : t("pdf.clinic");
}

interface Fact {
  label: string;
  value: string | Rich;
}

/** Noto Sans has no arrows: "SVO → IST" is set as "SVO – IST", which reads either way. */
const noArrow = (s: string) => s.replace(/\u2192/g, "\u2013");

const formatters = new Map<string, Intl.DateTimeFormat>();
/** A time of day, or a day with its weekday, in a zone Intl can format. */
function dayOrTime(kind: "time" | "day", date: Date, locale: string, zone: string) {
  const key = `${kind}|${locale}|${zone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      kind === "time"
        ? { timeStyle: "short", timeZone: renderableZone(zone) }
        : { dateStyle: "full", timeZone: renderableZone(zone) },
    );
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, format);
  }
  return format.format(date);
}

interface Entry {
  at: Date;
  time: string;
  title: Rich;
  subtitle: Rich | null;
  details: Rich[];
}

/** The entries of the trip, by time, for the patient: appointments and itinerary items. */
function entries(input: ItineraryPdfInput): Entry[] {
  const { locale, timeZone, trip } = input;
  const t = getFixedT(locale, "travel");
  const clinic = clinicZone();
  // "12 Mar 2026, 10:00 in Moscow (GMT+3)": the zone named once, in no second pair of brackets.
  const at = (d: Date, zone: string): Rich => timeInZone(d, locale, zone, "medium");
  const common = getFixedT(locale, "common");
  const list: Entry[] = [];
  for (const a of trip.appointments) {
    // The time column keeps the table's one zone (the patient's, as the days are); the details
    // give both times, each named by its city, the leading one first (the clinic's for
    // treatment, the patient's for a video call).
    const times = appointmentTimes(a.startsAt, {
      locale,
      patientZone: timeZone,
      clinicZone: clinic,
      remote: isRemoteAppointment(a.kind),
      style: "medium",
    });
    list.push({
      at: a.startsAt,
      time: dayOrTime("time", a.startsAt, locale, timeZone),
      title: [user(appointmentTitle(a, locale, t))],
      // The chair, room or clinician, in the patient's language where it has a name in it.
      subtitle: a.resource ? [user(rowText(a.resource, "name", locale).text)] : null,
      // As describeTimes (app/lib/zone-time.ts) words them, with each zone's city in a box.
      details: times.map((x) =>
        rich(common, x.role === "clinic" ? "zoneTime.clinic" : "zoneTime.yours", {
          when: x.when,
          zone: zoneOf(x.zone, locale, a.startsAt),
        }),
      ),
    });
  }
  for (const i of trip.items) {
    const flight = i.kind === "ARRIVAL_FLIGHT" || i.kind === "DEPARTURE_FLIGHT";
    const details: Rich[] = [[`${t("itinerary.field.start")}: `, ...at(i.startsAt, i.startZone)]];
    if (i.endsAt) {
      details.push([`${t("itinerary.field.end")}: `, ...at(i.endsAt, i.endZone ?? i.startZone)]);
    }
    const name = i.contactName ? user(i.contactName) : null;
    const phone = i.contactPhone ? { ltr: i.contactPhone } : null;
    if (name || phone) {
      const contact: Rich =
        name && phone ? rich(t, "timeline.contactPair", { name, phone }) : [(name ?? phone)!];
      details.push(rich(t, "timeline.contact", { contact }));
    }
    list.push({
      at: i.startsAt,
      time: dayOrTime("time", i.startsAt, locale, timeZone),
      title: [t(`itinerary.kind.${i.kind}`)],
      // A transfer or a hotel by its places (proper names), not the coordinator's title.
      subtitle: flight
        ? [{ ltr: noArrow(i.title) }]
        : [user(noArrow(itemPlaces(i)?.join(" \u2013 ") ?? i.title))],
      details,
    });
  }
  return list.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export async function itineraryPdf(input: ItineraryPdfInput): Promise<Buffer> {
  const { locale, timeZone } = input;
  const t = getFixedT(locale, "travel");
  const days: { label: string; entries: Omit<Entry, "at">[] }[] = [];
  for (const { at, ...entry } of entries(input)) {
    const label = dayOrTime("day", at, locale, timeZone);
    const last = days[days.length - 1];
    if (last?.label === label) last.entries.push(entry);
    else days.push({ label, entries: [entry] });
  }
  const facts: Fact[] = [
    { label: t("pdf.patient"), value: user(input.patientName) },
    {
      label: t("pdf.programme"),
      value: user(rowText(input.programme, "name", locale).text),
    },
    {
      label: t("pdf.zones"),
      value: [...zoneOf(timeZone, locale), " · ", ...zoneOf(clinicZone(), locale)],
    },
  ];
  return renderPdf(
    "itinerary",
    {
      ...documentBase(locale, t("pdf.itineraryTitle", { caseNumber: input.caseNumber }), t),
      clinic: clinicName(input.clinic, t),
      heading: rich(t, "pdf.itineraryTitle", { caseNumber: { ltr: input.caseNumber } }),
      facts,
      columns: [t("pdf.columns.time"), t("pdf.columns.entry"), t("pdf.columns.details")],
      days,
      contact: rich(t, "pdf.contact", {
        phone: { ltr: clinicSettings().phone },
        email: { ltr: clinicSettings().email },
      }),
      labels: { empty: t("timeline.empty") },
    },
    clinicSettings().logo,
  );
}

export async function visaLetterPdf(
  facts: VisaLetterFacts,
  locale: string,
  clinic: ClinicOnDocuments | null = null,
): Promise<Buffer> {
  const t = getFixedT(locale, "travel");
  const zone = clinicZone();
  const day = (d: Date) => formatDate(d, locale, zone);
  const birth = (d: Date | null) => (d ? formatDay(d, locale) : "—");
  const country = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const { kase, passport, companion } = facts;
  const programme = rowText(kase.programme, "name", locale).text;
  const person = (heading: string, p: NonNullable<typeof companion>) => ({
    heading,
    rows: [
      { label: t("passport.holderName"), value: p.holderName ? user(p.holderName) : "—" },
      {
        label: t("passport.nationality"),
        value: p.nationality ? (country.of(p.nationality) ?? p.nationality) : "—",
      },
      {
        label: t("passport.documentNumber"),
        value: p.documentNumber ? [{ ltr: p.documentNumber }] : "—",
      },
      { label: t("passport.birthDate"), value: birth(p.birthDate) },
      { label: t("passport.expiresOn"), value: birth(p.expiresOn) },
    ] satisfies Fact[],
  });
  const dates: Fact[] = [
    { label: t("visa.firstAppointment"), value: day(facts.firstAppointment) },
    { label: t("visa.lastAppointment"), value: day(facts.lastAppointment) },
  ];
  if (facts.arrival) dates.push({ label: t("visa.arrival"), value: day(facts.arrival) });
  if (facts.departure) dates.push({ label: t("visa.departure"), value: day(facts.departure) });
  const contact = {
    phone: { ltr: clinicSettings().phone },
    email: { ltr: clinicSettings().email },
  };
  return renderPdf(
    "visaLetter",
    {
      ...documentBase(locale, t("visa.title"), t),
      clinic: clinicName(clinic, t),
      address: user(clinic ? clinicAddressLine(clinic, locale) : clinicAddress(locale)),
      contactLine: [contact.phone, " · ", contact.email],
      reference: rich(t, "visa.reference", { caseNumber: { ltr: kase.number } }),
      date: day(new Date()),
      to: t("visa.to"),
      heading: t("visa.title"),
      body: rich(t, "visa.body", {
        name: user(passport.holderName ?? kase.patient.name),
        programme: user(programme),
        from: day(facts.firstAppointment),
        to: day(facts.lastAppointment),
      }),
      people: [
        person(t("visa.patient"), passport),
        ...(companion ? [person(t("visa.companion"), companion)] : []),
      ],
      dates,
      closing: rich(t, "visa.closing", contact),
      signature: t("visa.signature"),
      signer: kase.coordinator?.name ? user(kase.coordinator.name) : t("pdf.clinic"),
      unit: t("visa.unit"),
      labels: { dates: t("visa.dates") },
    },
    clinicSettings().logo,
  );
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
      programme: { select: { slug: true, name: true, translations: true } },
    },
  });
  if (!kase) notFound();
  const body = await itineraryPdf({
    clinic: await clinicOnDocuments(),
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
    const body = await visaLetterPdf(facts, locale, await clinicOnDocuments());
    return pdfResponse(body, `visa-invitation-${kase.number}.pdf`);
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
