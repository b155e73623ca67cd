/**
 * The handover pack's two documents (issue 25), made from the pack's facts whenever they are
 * asked for: the bilingual PDF (the patient's language, then English; one language alone when
 * the patient reads English) set by Typst like the other documents (app/infra/pdf.server.ts),
 * and the FHIR R4 IPS bundle (app/lib/fhir-ips.ts), in English, the language of the coding.
 */
import type { TFunction } from "i18next";
import { followUpTitle } from "~/components/aftercare";
import { dirOf, isLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { documentBase, pdfResponse, renderPdf, rich, user, type Rich } from "~/infra/pdf.server";
import { appointmentName, rowText } from "~/lib/catalogue-text";
import { buildIps } from "~/lib/fhir-ips";
import { formatDate, formatDay, formatNumber } from "~/lib/format";
import { BUILT_IN_MARKERS, wordsIn, type OutcomeMarker } from "~/lib/outcomes";
import { clinicAddressLine } from "~/lib/site";
import { caseOutcomes } from "~/models/aftercare/aftercare.server";
import { clinicSettings } from "~/models/site/clinic-settings.server";
import {
  clinicContact,
  defaultWarnings,
  parseMedication,
  resultDate,
  type PackFacts,
} from "~/models/handover/handover.server";

/** A treatment appointment's name: the plan step's, in `locale` where the pathway has it. */
export function treatmentName(a: PackFacts["appointments"][number], locale: string): string {
  const step = a.planStep;
  // A step the clinician renamed keeps their words; otherwise the pathway's, translated.
  if (step && step.pathwayStep && step.name !== step.pathwayStep.name) return step.name;
  return appointmentName(a, locale, a.title).text;
}

/** A marker's name in `t`'s language (the set's own words, or the app's for built-in ones). */
export function markerName(t: TFunction, m: OutcomeMarker | undefined, key: string, lng: string) {
  if (!m) return key;
  const own = wordsIn(m.name, lng);
  if (own) return own;
  if (BUILT_IN_MARKERS.includes(key)) return t(`aftercare:lab.${key}`);
  return m.name.en || key;
}

/** Who a lab value came from, in the reader's words (a home doctor is named). */
export function sourceWords(
  t: TFunction,
  lab: { source: string; sourceName: string | null },
): string {
  if (lab.source === "HOME_DOCTOR") {
    return t("handover:source.HOME_DOCTOR", { name: lab.sourceName ?? "" });
  }
  // The clinic's words for any source this version does not name.
  return t(`handover:source.${lab.source}`, { defaultValue: t("handover:source.CLINIC") });
}

/** The case's lab values at follow-ups, with marker words, in the order of the plan. */
export async function resultsOf(facts: PackFacts) {
  const outcomes = await caseOutcomes(facts.id);
  const markers = new Map(outcomes.markers.map((m) => [m.key, m]));
  return facts.followUps.flatMap((f) =>
    f.labs.map((l) => ({ ...l, followUp: f, marker: markers.get(l.marker), key: l.marker })),
  );
}

type Results = Awaited<ReturnType<typeof resultsOf>>;

/**
 * The pack in one language as plain text: what the PDF sets and the share page shows. Free
 * text (names, the clinician's words) is marked `own` so each reader can isolate its direction.
 */
export function packSections(facts: PackFacts, results: Results, locale: string) {
  const t = getFixedT(locale, ["handover", "aftercare", "common"]);
  const zone = facts.timeZone;
  const date = (d: Date) => formatDate(d, locale, zone);
  const clinic = clinicContact(facts.clinic);
  const medication = parseMedication(facts.handover?.medication ?? "[]");
  return {
    lang: locale,
    dir: dirOf(locale),
    title: t("pdf.title"),
    clinicName: clinic.name ?? t("pdf.clinic"),
    facts: [
      { label: t("pdf.patient"), value: facts.patient.name },
      { label: t("pdf.programme"), value: rowText(facts.programme, "name", locale).text },
      { label: t("pdf.condition"), value: rowText(facts.programme, "condition", locale).text },
      { label: t("pdf.updated"), value: facts.handover ? date(facts.handover.updatedAt) : "—" },
    ],
    labels: {
      treatment: t("pack.treatment"),
      medication: t("pack.medication"),
      plan: t("pack.plan"),
      warnings: t("pack.warnings"),
      results: t("pack.results"),
      contacts: t("pack.contacts"),
      instructions: t("pack.instructions"),
    },
    treatment: {
      head: [t("pack.col.treatment"), t("pack.col.date")],
      rows: facts.appointments.map((a) => [treatmentName(a, locale), date(a.startsAt)]),
      empty: t("pack.noTreatment"),
    },
    medication: {
      head: [
        t("pack.col.medicine"),
        t("pack.col.dose"),
        t("pack.col.frequency"),
        t("pack.col.until"),
      ],
      rows: medication.map((m) => [
        m.name,
        m.dose,
        m.frequency,
        m.until ? formatDay(m.until, locale) : t("pack.ongoing"),
      ]),
      empty: t("pack.noMedication"),
    },
    plan: {
      head: [t("pack.col.followUp"), t("pack.col.due"), t("pack.col.status")],
      rows: facts.followUps.map((f) => [
        followUpTitle(t, f.label, locale),
        date(f.dueAt),
        f.status === "COMPLETED" ? t("pack.done") : t("pack.planned"),
      ]),
      empty: t("pack.noPlan"),
    },
    instructions: facts.handover?.followUpPlan || null,
    warnings: facts.handover?.warningSigns || defaultWarnings(t, facts.programme.slug),
    results: {
      head: [t("pack.col.marker"), t("pack.col.value"), t("pack.col.date"), t("pack.col.source")],
      rows: results.map((r) => [
        markerName(t, r.marker, r.key, locale),
        `${formatNumber(r.value, locale)}\u00a0${r.marker?.unit ?? ""}`,
        date(resultDate(r.followUp)),
        sourceWords(t, r),
      ]),
    },
    clinic: {
      label: t("pack.clinicContact"),
      name: clinic.name,
      address: facts.clinic ? clinicAddressLine(facts.clinic, locale) : null,
      phone: clinic.phone,
      email: clinic.email,
    },
    coordinator: {
      label: t("pack.coordinator"),
      name: facts.coordinator?.name ?? null,
      email: facts.coordinator?.email ?? null,
      phone: facts.coordinator?.phone ?? null,
    },
    footer: t("pdf.footer"),
  };
}

export type PackSections = ReturnType<typeof packSections>;

/** One language's half of the PDF: the sections, with user text isolated and ids boxed. */
function part(facts: PackFacts, results: Results, locale: string) {
  const p = packSections(facts, results, locale);
  const t = getFixedT(locale, "handover");
  const own = (s: string) => user(s);
  const ids = (...xs: (string | null)[]): Rich =>
    xs
      .filter((x): x is string => Boolean(x))
      .flatMap((x, i) => (i ? [" · ", { ltr: x }] : [{ ltr: x }]));
  return {
    clinic: own(p.clinicName),
    heading: rich(t, "pdf.heading", { caseNumber: { ltr: facts.number } }),
    facts: p.facts.map((f) => ({ label: f.label, value: own(f.value) })),
    labels: p.labels,
    treatment: { ...p.treatment, rows: p.treatment.rows.map(([n, d]) => [own(n!), d]) },
    medication: {
      ...p.medication,
      rows: p.medication.rows.map(([n, d, f, u]) => [own(n!), own(d!), own(f!), u]),
    },
    plan: p.plan,
    instructions: p.instructions
      ? ([`${p.labels.instructions}: `, own(p.instructions)] as Rich)
      : null,
    warnings: own(p.warnings),
    results: {
      ...p.results,
      rows: p.results.rows.map(([m, v, d, s]) => [own(m!), v, d, own(s!)]),
      empty: "",
    },
    contacts: [
      {
        label: p.clinic.label,
        value: joined([
          p.clinic.name ? own(p.clinic.name) : null,
          p.clinic.address ? own(p.clinic.address) : null,
          p.clinic.phone ? { ltr: p.clinic.phone } : null,
          p.clinic.email ? { ltr: p.clinic.email } : null,
        ]),
      },
      {
        label: p.coordinator.label,
        value: p.coordinator.name
          ? [own(p.coordinator.name), " · ", ...ids(p.coordinator.email, p.coordinator.phone)]
          : "—",
      },
    ],
    footer: p.footer,
    // The page footer of this half, in its language and digits.
    ...documentBase(locale, p.title, t),
  };
}

/** Parts set apart by " · ", the empty ones left out ("—" when none is left). */
function joined(parts: (string | { ltr: string } | null)[]): Rich | string {
  const kept = parts.filter((x): x is string | { ltr: string } => x !== null);
  if (!kept.length) return "—";
  return kept.flatMap((x, i) => (i ? [" · ", x] : [x]));
}

/** The PDF: the patient's language first, then English (once, when that is English). */
export async function handoverPdf(facts: PackFacts): Promise<Buffer> {
  const first = isLocale(facts.language) ? facts.language : "en";
  const locales = first === "en" ? ["en"] : [first, "en"];
  const results = await resultsOf(facts);
  const t = getFixedT(first, "handover");
  return renderPdf(
    "handover",
    {
      ...documentBase(first, t("pdf.title"), t),
      parts: locales.map((l) => part(facts, results, l)),
    },
    clinicSettings().logo,
  );
}

/** The FHIR R4 IPS bundle of the pack, in English. */
export async function handoverBundle(facts: PackFacts) {
  const t = getFixedT("en", ["handover", "aftercare"]);
  const results = await resultsOf(facts);
  const clinic = clinicContact(facts.clinic);
  const handover = facts.handover;
  return buildIps({
    caseId: facts.id,
    caseNumber: facts.number,
    date: handover?.updatedAt ?? new Date(),
    patient: { id: facts.patient.id, name: facts.patient.name, language: facts.language },
    clinic: {
      name: clinic.name ?? t("pdf.clinic"),
      address: facts.clinic
        ? {
            line: facts.clinic.street,
            city: facts.clinic.city,
            postalCode: facts.clinic.postcode ?? undefined,
            country: facts.clinic.country,
          }
        : null,
      phone: clinic.phone,
      email: clinic.email,
    },
    condition: facts.programme.condition || null,
    programme: facts.programme.name,
    treatment: facts.appointments.map((a) => ({
      id: a.id,
      name: treatmentName(a, "en"),
      start: a.startsAt,
      end: a.endsAt,
    })),
    medication: parseMedication(handover?.medication ?? "[]"),
    followUps: facts.followUps.map((f) => ({
      id: f.id,
      label: followUpTitle(t, f.label, "en"),
      due: f.dueAt,
      done: f.status === "COMPLETED",
    })),
    instructions: handover?.followUpPlan ?? "",
    warningSigns: handover?.warningSigns || defaultWarnings(t, facts.programme.slug),
    results: results.map((r) => ({
      id: r.id,
      marker: r.key,
      name: markerName(t, r.marker, r.key, "en"),
      unit: r.marker?.unit ?? "",
      value: r.value,
      date: resultDate(r.followUp),
      source: r.source === "HOME_DOCTOR" ? sourceWords(t, r) : null,
    })),
  });
}

export async function handoverPdfResponse(facts: PackFacts) {
  return pdfResponse(await handoverPdf(facts), `handover-${facts.number}.pdf`);
}

/** The bundle as a download: JSON with FHIR's media type, never cached. */
export async function handoverBundleResponse(facts: PackFacts) {
  return new Response(JSON.stringify(await handoverBundle(facts), null, 2), {
    headers: {
      "Content-Type": "application/fhir+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="handover-${facts.number}.fhir.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
