/**
 * The public pages' clinic facts, shared by the server and the page (ADR 023): a doctor's
 * text in the reader's language, the links to call, message and find the clinic. Pure: no
 * database, no third-party script (the map is a plain link to OpenStreetMap).
 */
import { dirOf, type Locale } from "~/i18n/config";
import { parseTexts, textIn, type Texts } from "~/lib/translated";

/** A doctor's words in one language. */
export interface DoctorText {
  title: string;
  credentials: string;
}
export const DOCTOR_FIELDS = ["title", "credentials"] as const;

/**
 * The stored JSON, read by app/lib/translated.ts (unknown languages and non-strings dropped).
 * A doctor has no English columns: English is one more language in the JSON.
 */
export function parseDoctorText(json: string): Partial<Record<Locale, DoctorText>> {
  const texts = parseTexts(json, DOCTOR_FIELDS);
  return Object.fromEntries(
    Object.entries(texts).map(([lng, t]) => [
      lng,
      { title: t?.title ?? "", credentials: t?.credentials ?? "" },
    ]),
  );
}

/**
 * The doctor's text in `locale`, field by field, falling back to English (and saying so, so
 * the page can mark the fallback's language for screen readers and the bidi algorithm).
 */
export function doctorTextFor(
  texts: Partial<Record<Locale, DoctorText>>,
  locale: Locale,
): { title: string; credentials: string; lang: Locale } {
  // Both fields from one language: a title in one and credentials in another would not read.
  const en = texts.en ?? { title: "", credentials: "" };
  const title = textIn(texts, "title", en.title, locale);
  const credentials = textIn(texts, "credentials", en.credentials, locale);
  if (!title.missing && !credentials.missing) {
    return { title: title.text, credentials: credentials.text, lang: title.lang };
  }
  return { title: en.title, credentials: en.credentials, lang: "en" };
}

/** The fields of a question on the public pages; English is in the row's own columns. */
export const FAQ_FIELDS = ["question", "answer"] as const;
export type FaqField = (typeof FAQ_FIELDS)[number];

/**
 * A question and its answer in `locale`, from one language (a question in one and its answer
 * in another would not read): the translation when it has both, else the English, saying so.
 */
export function faqTextFor(
  entry: { question: string; answer: string; texts: Texts<FaqField> },
  locale: Locale,
): { question: string; answer: string; lang: Locale } {
  const q = textIn(entry.texts, "question", entry.question, locale);
  const a = textIn(entry.texts, "answer", entry.answer, locale);
  if (!q.missing && !a.missing) return { question: q.text, answer: a.text, lang: q.lang };
  return { question: entry.question, answer: entry.answer, lang: "en" };
}

/** The accreditations, one a line. */
export function accreditationList(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** tel: and WhatsApp links from an E.164 number. */
export const telHref = (e164: string) => `tel:${e164}`;
export const whatsappHref = (e164: string) => `https://wa.me/${e164.replace(/\D/g, "")}`;

/** A plain link to OpenStreetMap at the clinic's coordinates: no embedded map, no script. */
export function mapHref(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(5);
  const lon = longitude.toFixed(5);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** A programme's slugs from the stored comma-separated list. */
export function slugList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The clinic's facts as an admin edits them (one ClinicProfile row, ADR 023): the one
 * description of that shape. The admin form saves it (ClinicInput), the public pages read it
 * with its numbers written for people (ClinicView), and documents print part of it
 * (ClinicOnDocuments). app/models/site/site.server.ts checks it against the database model.
 */
export interface ClinicFacts {
  name: string;
  legalName: string;
  licenceNumber: string;
  authorisationNumber: string;
  /** One accreditation per line. */
  accreditations: string;
  street: string;
  district: string;
  city: string;
  postcode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
  /** E.164. */
  phone: string;
  /** E.164. */
  whatsapp: string;
  email: string;
}

/** The facts as the public pages show them: the numbers also as people write them. */
export type ClinicView = ClinicFacts & { phoneDisplay: string; whatsappDisplay: string };

/**
 * The clinic as a document prints it: its name and address, frozen with an issued document
 * (ADR 020), so a later edit does not change a document already issued.
 */
export type ClinicOnDocuments = Pick<
  ClinicFacts,
  "name" | "street" | "district" | "postcode" | "city" | "country"
>;

/** One line of address in `locale` ("Büyükdere Cad. 100, 34394 Şişli, İstanbul, Türkiye"). */
export function clinicAddressLine(c: ClinicOnDocuments, locale: string): string {
  const country = new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(
    c.country,
  );
  const place = [c.postcode, c.district].filter(Boolean).join(" ");
  // An address is not a list ("A, B and C"): its parts are set apart by the script's comma.
  const comma = dirOf(locale) === "rtl" ? "\u060C " : "\u002C ";
  return [c.street, place, c.city, country].filter(Boolean).join(comma);
}
