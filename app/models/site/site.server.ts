/**
 * The public face of the clinic (ADR 023): its facts (one ClinicProfile row), its doctors,
 * and each programme's indicative price, worked out from the price list the way a first quote
 * is built (priceLines of app/models/finance/quotes.server.ts), so the figure on the home page
 * moves when finance changes a price. Admins edit the facts and the doctors; every change is
 * audited. Reads never write: a page with no profile yet shows none.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { db } from "~/db.server";
import { baseCurrency } from "~/models/site/clinic-settings.server";
import type { Locale } from "~/i18n/config";
import { audit } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import type { ClinicProfile } from "~/generated/prisma/client";
import {
  FAQ_FIELDS,
  parseDoctorText,
  slugList,
  type FaqField,
  type ClinicFacts as EditedFacts,
  type DoctorText,
} from "~/lib/site";
import { parseTexts, textsJson, type Texts } from "~/lib/translated";
import { priceLines, type LineInput } from "~/models/finance/quotes.server";
import { CLINIC_ID } from "~/models/site/clinic-documents.server";
import { loadClinicSettings } from "~/models/site/clinic-settings.server";

export { CLINIC_ID };

/** A number as people write it ("+90 216 300 12 34"); the E.164 form stays for links. */
function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

async function profile() {
  const row = await db.clinicProfile.findUnique({ where: { id: CLINIC_ID } });
  if (!row) return null;
  const { updatedById: _by, updatedAt: _at, ...facts } = row;
  return {
    ...facts,
    phoneDisplay: displayPhone(row.phone),
    whatsappDisplay: displayPhone(row.whatsapp),
  };
}
export type ClinicFacts = NonNullable<Awaited<ReturnType<typeof profile>>>;

/** What every page's footer shows: how to reach the clinic. */
export async function clinicContact() {
  const p = await profile();
  if (!p) return null;
  return {
    name: p.name,
    phone: p.phone,
    phoneDisplay: p.phoneDisplay,
    whatsapp: p.whatsapp,
    whatsappDisplay: p.whatsappDisplay,
    email: p.email,
  };
}

type PriceRow = {
  id: string;
  key: string;
  category: string;
  name: string;
  unit: string;
  unitPriceMinor: number;
  taxRule: string;
  defaultQuantity: number;
  includedByDefault: boolean;
};

/**
 * The indicative range of a programme from its active price items, in the base currency:
 * the low end is the quote a first draft would hold (the items included by default, at their
 * default quantities, with their tax), the high end adds every optional item (a companion,
 * say). Null without a price list. Rounded as every quote is (app/lib/money.ts).
 */
export function indicativePrice(items: PriceRow[]) {
  const priced = items.filter((p) => p.defaultQuantity > 0);
  if (!priced.some((p) => p.includedByDefault)) return null;
  const currency = baseCurrency();
  const lines = (all: boolean): LineInput[] =>
    priced.map((p) => ({
      priceItemId: p.id,
      itemKey: p.key,
      category: p.category,
      name: p.name,
      unit: p.unit,
      included: all || p.includedByDefault,
      quantity: p.defaultQuantity,
      unitPriceBaseMinor: p.unitPriceMinor,
      discountBp: 0,
      taxRule: p.taxRule,
    }));
  return {
    currency,
    minMinor: priceLines(lines(false), currency, "1").totals.totalMinor,
    maxMinor: priceLines(lines(true), currency, "1").totals.totalMinor,
  };
}

/** What the price covers by default, and what may be added, by category (in list order). */
function coverage(items: PriceRow[]) {
  const row = (p: PriceRow) => ({
    key: p.key,
    category: p.category,
    unit: p.unit,
    quantity: p.defaultQuantity,
  });
  return {
    included: items.filter((p) => p.includedByDefault && p.defaultQuantity > 0).map(row),
    optional: items.filter((p) => !p.includedByDefault && p.defaultQuantity > 0).map(row),
  };
}

const PRICE_SELECT = {
  where: { active: true },
  orderBy: { position: "asc" },
  select: {
    id: true,
    key: true,
    category: true,
    name: true,
    unit: true,
    unitPriceMinor: true,
    taxRule: true,
    defaultQuantity: true,
    includedByDefault: true,
  },
} as const;

async function doctors(slug?: string) {
  const rows = await db.doctor.findMany({
    where: { active: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, registration: true, programmes: true, translations: true },
  });
  return rows
    .map((d) => ({
      id: d.id,
      name: d.name,
      registration: d.registration,
      programmes: slugList(d.programmes),
      texts: parseDoctorText(d.translations),
    }))
    .filter((d) => !slug || d.programmes.includes(slug));
}

/** The questions shown to visitors, in order, each with its text in every language it has. */
async function faq() {
  const rows = await db.faqEntry.findMany({
    where: { active: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, question: true, answer: true, translations: true },
  });
  return rows.map(({ translations, ...e }) => ({
    ...e,
    texts: parseTexts(translations, FAQ_FIELDS),
  }));
}

/** The home page: the clinic, its programmes with their indicative prices, its doctors. */
export async function homePage() {
  const [clinic, programmes, team, questions] = await Promise.all([
    profile(),
    db.programme.findMany({
      where: { active: true },
      orderBy: { position: "asc" },
      select: {
        slug: true,
        name: true,
        condition: true,
        summary: true,
        translations: true,
        prices: PRICE_SELECT,
      },
    }),
    doctors(),
    faq(),
  ]);
  return {
    clinic,
    doctors: team,
    faq: questions,
    programmes: programmes.map(({ prices, ...p }) => ({ ...p, price: indicativePrice(prices) })),
  };
}

/** One programme's page: pathway, price, what is included, its doctors; 404 when unknown. */
export async function programmePage(slug: string) {
  const programme = await db.programme.findFirst({
    where: { slug, active: true },
    select: {
      slug: true,
      name: true,
      condition: true,
      summary: true,
      translations: true,
      followUpSchedule: true,
      steps: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: {
          key: true,
          name: true,
          description: true,
          durationMinutes: true,
          translations: true,
        },
      },
      prices: PRICE_SELECT,
    },
  });
  if (!programme) return null;
  const [clinic, team, questions] = await Promise.all([profile(), doctors(slug), faq()]);
  const { prices, followUpSchedule, ...rest } = programme;
  return {
    clinic,
    doctors: team,
    faq: questions,
    programme: {
      ...rest,
      price: indicativePrice(prices),
      ...coverage(prices),
      followUps: followUpSchedule
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}

/** The admin page: the facts as stored, every doctor and every question, with each language's text. */
export async function siteAdminPage() {
  const [clinic, rows, questions] = await Promise.all([
    db.clinicProfile.findUnique({ where: { id: CLINIC_ID } }),
    db.doctor.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db.faqEntry.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
  ]);
  return {
    clinic,
    faq: questions.map((e) => ({
      id: e.id,
      question: e.question,
      answer: e.answer,
      position: e.position,
      active: e.active,
      texts: parseTexts(e.translations, FAQ_FIELDS),
    })),
    doctors: rows.map((d) => ({
      id: d.id,
      name: d.name,
      registration: d.registration,
      programmes: d.programmes,
      position: d.position,
      active: d.active,
      texts: parseDoctorText(d.translations),
    })),
  };
}

interface Actor {
  id: string;
  ip?: string | null;
}

/** What the admin's clinic form saves: the clinic's facts (app/lib/site.ts). */
export type ClinicInput = EditedFacts;

/**
 * The facts are exactly the profile's columns but its bookkeeping: a column added to one and not
 * the other fails the type check here.
 */
type ProfileColumns = Omit<ClinicProfile, "id" | "updatedAt" | "updatedById">;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const FACTS_ARE_THE_PROFILE: Same<EditedFacts, ProfileColumns> = true;
void FACTS_ARE_THE_PROFILE;

/** Saves the clinic's facts (creating the record the first time); audited with what changed. */
export async function saveClinicProfile(input: ClinicInput, actor: Actor) {
  await db.$transaction(async (tx) => {
    const before = await tx.clinicProfile.findUnique({ where: { id: CLINIC_ID } });
    await tx.clinicProfile.upsert({
      where: { id: CLINIC_ID },
      create: { id: CLINIC_ID, ...input, updatedById: actor.id },
      update: { ...input, updatedById: actor.id },
    });
    const changed = (Object.keys(input) as (keyof ClinicInput)[]).filter(
      (k) => !before || before[k] !== input[k],
    );
    const pick = (o: Record<string, unknown> | null) =>
      o ? Object.fromEntries(changed.map((k) => [k, o[k]])) : null;
    await audit(
      {
        actorId: actor.id,
        action: "site.clinic.edit",
        entity: "ClinicProfile",
        entityId: CLINIC_ID,
        ip: actor.ip,
        outcome: "success",
        // Who is the actor; what is the fields; before and after are theirs (issue 23).
        detail: changed.length
          ? JSON.stringify({
              before: pick(before),
              after: pick(input as unknown as Record<string, unknown>),
            })
          : "no change",
      },
      tx,
    );
  });
  // The letterhead (name, address, phone, email) reads the profile through the settings.
  await loadClinicSettings();
}

export interface DoctorInput {
  name: string;
  registration: string;
  programmes: string;
  position: number;
  active: boolean;
  texts: Partial<Record<Locale, DoctorText>>;
}

/** Saves a doctor; false when there is no such doctor. Audited. */
export async function saveDoctor(id: string, input: DoctorInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const found = await tx.doctor.findUnique({ where: { id }, select: { id: true } });
    if (!found) return false;
    const { texts, ...fields } = input;
    await tx.doctor.update({ where: { id }, data: { ...fields, translations: textsJson(texts) } });
    await audit(
      {
        actorId: actor.id,
        action: "site.doctor.edit",
        entity: "Doctor",
        entityId: id,
        ip: actor.ip,
        outcome: "success",
        detail: `languages: ${Object.keys(JSON.parse(textsJson(texts)) as object).join(", ")}`,
      },
      tx,
    );
    return true;
  });
}

/** Adds a doctor (their text in each language is then edited on the same page). Audited. */
export async function addDoctor(
  input: { name: string; registration: string },
  formKey: SentForm,
  actor: Actor,
) {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, formKey, actor.id);
    const last = await tx.doctor.findFirst({
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.doctor.create({
      data: { ...input, position: (last?.position ?? -1) + 1 },
      select: { id: true },
    });
    await audit(
      {
        actorId: actor.id,
        action: "site.doctor.add",
        entity: "Doctor",
        entityId: row.id,
        ip: actor.ip,
        outcome: "success",
      },
      tx,
    );
    return row;
  });
}

export interface FaqInput {
  question: string;
  answer: string;
  position: number;
  active: boolean;
  /** Every language but English (English is `question` and `answer`). */
  texts: Texts<FaqField>;
}

/**
 * Saves a question: "missing" when there is no such question, "same" when the form holds
 * exactly what is stored (a repeat, ADR 021: nothing is written or audited), else "saved",
 * audited with what changed.
 */
export async function saveFaqEntry(id: string, input: FaqInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await tx.faqEntry.findUnique({ where: { id } });
    if (!before) return "missing" as const;
    const { texts, ...fields } = input;
    const { en: _en, ...others } = texts;
    const translations = textsJson(others);
    const changed = [
      ...(Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== fields[k]),
      ...(textsJson(parseTexts(before.translations, FAQ_FIELDS)) === translations
        ? []
        : ["translations"]),
    ];
    if (!changed.length) return "same" as const;
    await tx.faqEntry.update({ where: { id }, data: { ...fields, translations } });
    await audit(
      {
        actorId: actor.id,
        action: "site.faq.edit",
        entity: "FaqEntry",
        entityId: id,
        ip: actor.ip,
        outcome: "success",
        detail: `changed: ${changed.join(", ")}; languages: ${["en", ...Object.keys(JSON.parse(translations) as object)].join(", ")}`,
      },
      tx,
    );
    return "saved" as const;
  });
}

/** Adds a question at the end, in English (its other languages are then edited). Audited. */
export async function addFaqEntry(
  input: { question: string; answer: string },
  formKey: SentForm,
  actor: Actor,
) {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, formKey, actor.id);
    const last = await tx.faqEntry.findFirst({
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.faqEntry.create({
      data: { ...input, position: (last?.position ?? -1) + 1 },
      select: { id: true },
    });
    await audit(
      {
        actorId: actor.id,
        action: "site.faq.add",
        entity: "FaqEntry",
        entityId: row.id,
        ip: actor.ip,
        outcome: "success",
      },
      tx,
    );
    return row;
  });
}
