/**
 * The itinerary and the visa invitation letter in every language, set by Typst from demo
 * data (tests/travel.test.ts fetches them through the routes): one page each, the patient,
 * the case and the clinic's phone in the text layer in logical order (in Arabic and Persian
 * too: the phone number once came out reversed), a hostile name printed as typed, and never
 * a word of the staff's conflict check on the patient's itinerary.
 */
import { LOCALES } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { zoneCity } from "~/lib/format";
import { CONFLICTS } from "~/lib/itinerary";
import { itineraryPdf, visaLetterPdf } from "~/models/travel/travel-pdf.server";
import {
  CASE_NUMBER,
  HOSTILE_NAME,
  PATIENTS,
  tripFixture,
  visaFixture,
} from "./support/pdf-fixtures";
import {
  drawn,
  hasAmount,
  loose,
  notdefGlyphs,
  occurrences,
  pageCount,
  pdfText,
  plain,
  save,
} from "./support/pdf-text";

const PHONE = "+90 212 555 01 00";
const REVERSED = ["00 01 555 212 +90", "00 01 555 212 90+", "00 01 555 212 90"];

function expectLogical(text: string, value: string, reversed: string[] = []) {
  expect(plain(text)).toContain(value);
  for (const wrong of reversed) expect(plain(text)).not.toContain(wrong);
}

/** A time of day or a day as the patient reads them, in the patient's zone. */
const inZone = (date: Date, locale: string, timeZone: string, kind: "time" | "day") =>
  new Intl.DateTimeFormat(
    locale,
    kind === "time" ? { timeStyle: "short", timeZone } : { dateStyle: "full", timeZone },
  ).format(date);

describe.each(LOCALES)("travel PDFs in %s", (locale) => {
  const rtl = locale === "ar" || locale === "fa";
  const name = (text: string, value: string) =>
    /[\u0600-\u06ff]/.test(value)
      ? expect(loose(text)).toContain(loose(value))
      : expect(plain(text)).toContain(plain(value));

  it("sets the itinerary on one page, by day, with flights in their airports' zones and no conflict", async () => {
    const input = tripFixture(locale);
    expect(input.trip.conflicts.length).toBeGreaterThan(0);
    const file = save(`itinerary-${locale}`, await itineraryPdf(input));
    expect(pageCount(file)).toBe(1);
    const text = pdfText(file);
    expect(text).toContain(CASE_NUMBER);
    name(text, PATIENTS[locale]);
    expectLogical(text, "SU2136 SVO – IST");
    // Zones are named by city, in the reader's language, and offset, never by their ids.
    expectLogical(text, zoneCity("Europe/Moscow", locale));
    expect(text).not.toContain("Europe/");
    // Each zone in one pair of brackets, "Moscow (GMT+3)": never inside a second pair, which
    // wrapped and reordered in Arabic and Persian lines.
    expect(plain(text)).not.toMatch(/\(\s*\(|\)\s*\)/);
    expectLogical(text, PHONE, REVERSED);
    expectLogical(text, "+90 532 555 01 02", ["02 01 555 532 +90", "02 01 555 532 90+"]);
    // Drawn left to right on the page, inside Arabic and Persian lines too.
    for (const phone of [PHONE, "+90 532 555 01 02", "+90 533 555 77 10"]) {
      expect(drawn(file, phone)).toContain(phone);
    }
    expect(notdefGlyphs(file).notdef, "glyphs drawn as empty boxes").toBe(0);
    if (rtl) expect(text).toMatch(/[\u0600-\u06ff]{4}/);
    // Every entry at its time in the patient's zone, under its day in that zone.
    const starts = [
      ...input.trip.appointments.map((a) => a.startsAt),
      ...input.trip.items.map((i) => i.startsAt),
    ];
    // (poppler moves "ص"/"م" about in Arabic lines: there the digits of the time are checked.)
    for (const at of starts) {
      const time = inZone(at, locale, input.timeZone, "time");
      if (rtl) expect(plain(text)).toContain(time.replace(/[^\d۰-۹:]/g, ""));
      else expect(hasAmount(text, time), time).toBe(true);
      if (!rtl) expect(plain(text)).toContain(plain(inZone(at, locale, input.timeZone, "day")));
    }
    // The staff's check of the trip is never on the patient's document, in any words.
    const t = getFixedT(locale, "travel");
    const internal = [
      t("conflicts.title"),
      t("conflicts.flag"),
      t("timeline.conflictsPatient"),
      ...CONFLICTS.map((code) => t(`conflicts.${code}`)),
    ];
    // Nor the staff's note on a rescheduling request (it may say why, in clinical words).
    internal.push(input.trip.appointments[1]!.rescheduleNote!);
    for (const sentence of internal) {
      if (rtl) expect(loose(text)).not.toContain(loose(sentence));
      else expect(plain(text)).not.toContain(plain(sentence));
    }
  });

  it("prints a hostile patient name on the itinerary as typed", async () => {
    const file = save(
      `itinerary-hostile-${locale}`,
      await itineraryPdf(tripFixture(locale, HOSTILE_NAME)),
    );
    expect(pageCount(file)).toBe(1);
    expect(plain(pdfText(file))).toContain(HOSTILE_NAME);
  });

  it("sets the visa letter on one page with the passports, the dates and the clinic's phone in order", async () => {
    const file = save(`visa-letter-${locale}`, await visaLetterPdf(visaFixture(locale), locale));
    expect(pageCount(file)).toBe(1);
    const text = pdfText(file);
    for (const value of ["OLGA IVANOVA", "IVAN IVANOV", "754812345", "754899871", CASE_NUMBER]) {
      expectLogical(text, value);
    }
    expectLogical(text, PHONE, REVERSED);
    expect(drawn(file, PHONE)).toContain(PHONE);
    expectLogical(text, "international@clinic.localhost");
    // Each passport number exactly once, drawn as one left-to-right word.
    for (const number of ["754812345", "754899871"]) {
      expect(occurrences(text, number), number).toBe(1);
      expect(drawn(file, number)).toEqual([number]);
    }
    expect(notdefGlyphs(file).notdef, "glyphs drawn as empty boxes").toBe(0);
    if (rtl) expect(text.match(/[\u0600-\u06ff]/g)!.length).toBeGreaterThan(300);
    name(text, new Intl.DisplayNames([locale], { type: "region" }).of("RU")!);
  });

  it("prints a hostile passport name on the visa letter as typed", async () => {
    const file = save(
      `visa-letter-hostile-${locale}`,
      await visaLetterPdf(visaFixture(locale, HOSTILE_NAME), locale),
    );
    expect(pageCount(file)).toBe(1);
    expect(plain(pdfText(file))).toContain(HOSTILE_NAME);
  });
});

it("puts the entries in the patient's zone, not the clinic's", async () => {
  const input = tripFixture("en", undefined, "America/New_York");
  const text = pdfText(save("itinerary-new-york-en", await itineraryPdf(input)));
  // The video consultation at 09:00 UTC: 4:00 AM in New York, 12:00 PM at the clinic.
  expect(plain(text)).toContain("Wednesday, February 10, 2027");
  expect(plain(text)).toContain("4:00 AM");
  // A video call leads with the patient's own time; the clinic's follows, named by its city.
  expect(plain(text)).toContain("4:00 AM, your time in New York (GMT-5)");
  expect(plain(text)).toContain("12:00 PM in Istanbul (GMT+3)");
  expect(plain(text).indexOf("your time in New York")).toBeLessThan(
    plain(text).indexOf("12:00 PM in Istanbul"),
  );
  // The departure at 12:50 UTC is 7:50 AM for the patient.
  expect(plain(text)).toContain("7:50 AM");
});

it("says so when the trip is empty", async () => {
  const input = tripFixture("en");
  input.trip = { ...input.trip, appointments: [], items: [], conflicts: [] };
  const file = save("itinerary-empty-en", await itineraryPdf(input));
  expect(plain(pdfText(file))).toContain(getFixedT("en", "travel")("timeline.empty"));
});
