/**
 * Translation coverage (issue 23): for every kind of content written per language (ADR 024) —
 * programmes, pathway steps, price items, resources, doctors, questions on the public pages —
 * how many texts each language lacks, and which rows lack them, with a link to where each is
 * edited. Counted from the rows themselves on every read, so writing a text lowers the count at
 * once. Retired rows count too: cases that have them still show them to patients.
 */
import { TRANSLATED_LOCALES } from "~/lib/translated";
import { db } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { DOCTOR_FIELDS, FAQ_FIELDS } from "~/lib/site";
import { parseTexts } from "~/lib/translated";
import { PROGRAMME_FIELDS, STEP_FIELDS } from "./catalogue.server";

export const COVERAGE_KINDS = [
  "programme",
  "step",
  "priceItem",
  "resource",
  "doctor",
  "faq",
] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** The languages a translation can be missing in: every one but English, the fallback. */
export const COVERAGE_LOCALES = TRANSLATED_LOCALES;

export interface CoverageRow {
  id: string;
  /** The row's English name, as staff know it. */
  label: string;
  /** Where it is edited (its form's anchor on that page). */
  href: string;
  /** Missing texts (fields) per language; languages with none left out. */
  missing: Partial<Record<Locale, number>>;
  retired: boolean;
}

/** The fields a row lacks in a language: empty or absent. */
function gaps<F extends string>(json: string, fields: readonly F[]) {
  const texts = parseTexts(json, fields);
  const out: Partial<Record<Locale, number>> = {};
  for (const lng of COVERAGE_LOCALES) {
    const n = fields.filter((f) => !texts[lng]?.[f]?.trim()).length;
    if (n) out[lng] = n;
  }
  return out;
}

/** Every kind's rows with what each misses, and the totals per kind and language. */
export async function coveragePage() {
  const [programmes, steps, prices, resources, doctors, faq] = await Promise.all([
    db.programme.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true, translations: true, active: true },
    }),
    db.pathwayStep.findMany({
      orderBy: [{ programme: { position: "asc" } }, { position: "asc" }],
      select: { id: true, name: true, translations: true, retiredAt: true },
    }),
    db.priceItem.findMany({
      orderBy: [{ programme: { position: "asc" } }, { position: "asc" }],
      select: { id: true, name: true, translations: true, active: true, programmeId: true },
    }),
    db.resource.findMany({
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, translations: true, active: true },
    }),
    db.doctor.findMany({
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, translations: true, active: true },
    }),
    db.faqEntry.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, question: true, translations: true, active: true },
    }),
  ]);
  const rows: Record<CoverageKind, CoverageRow[]> = {
    programme: programmes.map((p) => ({
      id: p.id,
      label: p.name,
      href: `/staff/catalogue#programme-${p.id}`,
      missing: gaps(p.translations, PROGRAMME_FIELDS),
      retired: !p.active,
    })),
    step: steps.map((s) => ({
      id: s.id,
      label: s.name,
      href: `/staff/catalogue#step-${s.id}`,
      missing: gaps(s.translations, STEP_FIELDS),
      retired: Boolean(s.retiredAt),
    })),
    priceItem: prices.map((i) => ({
      id: i.id,
      label: i.name,
      href: `/staff/finance/prices?programme=${encodeURIComponent(i.programmeId)}#names-${i.id}`,
      missing: gaps(i.translations, ["name"] as const),
      retired: !i.active,
    })),
    resource: resources.map((r) => ({
      id: r.id,
      label: r.name,
      href: `/staff/resources#names-${r.id}`,
      missing: gaps(r.translations, ["name"] as const),
      retired: !r.active,
    })),
    doctor: doctors.map((d) => ({
      id: d.id,
      label: d.name,
      href: `/staff/site#doctor-${d.id}`,
      missing: gaps(d.translations, DOCTOR_FIELDS),
      retired: !d.active,
    })),
    faq: faq.map((f) => ({
      id: f.id,
      label: f.question,
      href: `/staff/site#faq-${f.id}`,
      missing: gaps(f.translations, FAQ_FIELDS),
      retired: !f.active,
    })),
  };
  const counts = Object.fromEntries(
    COVERAGE_KINDS.map((kind) => [
      kind,
      Object.fromEntries(
        COVERAGE_LOCALES.map((lng) => [
          lng,
          rows[kind].reduce((n, r) => n + (r.missing[lng] ?? 0), 0),
        ]),
      ),
    ]),
  ) as Record<CoverageKind, Record<Exclude<Locale, "en">, number>>;
  return {
    kinds: COVERAGE_KINDS.map((kind) => ({
      kind,
      total: rows[kind].length,
      counts: counts[kind],
      // Only the rows that miss something; the page lists them under their kind.
      rows: rows[kind].filter((r) => Object.keys(r.missing).length),
    })),
  };
}
