import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { detectTextLanguage, languageMismatch } from "./text-language";

/** What staff really write to a patient: a quote note, a request, an itinerary note. */
const SAMPLES: Record<(typeof LOCALES)[number], string[]> = {
  en: [
    "Your quote includes the hotel for five nights and airport transfers.",
    "Please send us your latest blood test results before Monday.",
    "We have booked your flight; the interpreter will meet you at arrivals.",
    "Passport photo page is blurred, please upload a clearer scan.",
  ],
  tr: [
    "Teklifiniz beş gecelik otel konaklamasını ve havalimanı transferlerini içeriyor.",
    "Lütfen en son kan tahlili sonuçlarınızı pazartesiden önce gönderin.",
    "Uçuşunuzu ayırttık; tercüman sizi gelen yolcu salonunda karşılayacak.",
    "Pasaport fotoğraf sayfası bulanık, lütfen daha net bir tarama yükleyin.",
  ],
  ar: [
    "يشمل عرض السعر خمس ليالٍ في الفندق والنقل من المطار وإليه.",
    "يرجى إرسال أحدث نتائج تحاليل الدم قبل يوم الاثنين.",
    "لقد حجزنا رحلتك، وسيستقبلك المترجم في صالة الوصول.",
    "من فضلك أرسل التقارير الطبية",
  ],
  de: [
    "Ihr Angebot umfasst fünf Hotelnächte und die Flughafentransfers.",
    "Bitte schicken Sie uns Ihre neuesten Blutwerte vor Montag.",
    "Wir haben Ihren Flug gebucht; die Dolmetscherin holt Sie in der Ankunftshalle ab.",
    "Bitte schicken Sie uns Ihre neuesten Blutwerte, danke.",
  ],
  ru: [
    "Ваше предложение включает пять ночей в отеле и трансфер из аэропорта.",
    "Пожалуйста, пришлите последние анализы крови до понедельника.",
    "Мы забронировали ваш рейс, переводчик встретит вас в зоне прилёта.",
    "Добрый день! Ваш перелёт подтверждён, TK 1984, 14:30.",
  ],
  fr: [
    "Votre devis comprend cinq nuits d'hôtel et les transferts depuis l'aéroport.",
    "Merci de nous envoyer vos derniers résultats d'analyses avant lundi.",
    "Nous avons réservé votre vol ; l'interprète vous attendra à l'arrivée.",
    "Le passeport est illisible, merci d'envoyer une nouvelle photo.",
  ],
  fa: [
    "پیش‌فاکتور شما شامل پنج شب اقامت در هتل و ترانسفر فرودگاه است.",
    "لطفاً آخرین نتایج آزمایش خون خود را تا قبل از دوشنبه بفرستید.",
    "پرواز شما را رزرو کردیم؛ مترجم در سالن ورودی منتظر شما خواهد بود.",
    "لطفا مدارک خود را ارسال کنید",
  ],
};

describe("detectTextLanguage", () => {
  for (const lang of LOCALES) {
    it(`reads real ${lang} sentences as ${lang}`, () => {
      for (const text of SAMPLES[lang]) {
        expect(detectTextLanguage(text).candidates, text).toEqual([lang]);
      }
    });
  }

  it("tells nothing from what is too short, names, numbers, places, codes or links", () => {
    for (const text of [
      "",
      "OK",
      "Thanks!",
      "See you",
      "Merci beaucoup",
      "Danke schön!",
      "Teşekkürler, görüşürüz",
      "Ок, спасибо",
      "باشه ممنون",
      "Leyla Ahmadi",
      "Dr. Ahmet Yılmaz",
      "Hello Leyla, ok",
      "TK 1984 IST 14:30",
      "https://clinic.example/portal/cases/123?tab=quote",
      "leyla.ahmadi@example.com 0212 555 01 01",
      "Hotel Şişli Park, Room 1204, +90 212 555 0101",
      "Hotel: Şişli Park Residence, Halaskargazi Cd. 123, 34371 Şişli/İstanbul",
      "C3 C4 anti-dsDNA ESR CRP",
      "Paket: MSC-Infusion, SLEDAI-2K, Anti-dsDNA, C3/C4, BSG/CRP, Vitamin D",
      "Infusion day 1 and day 2, rest day 3",
      "2026-03-14 09:30 – 2026-03-18 11:00, 4 × 120.00 EUR = 480.00 EUR",
    ]) {
      expect(detectTextLanguage(text).candidates, text).toEqual([]);
    }
  });

  it("does not decide between close candidates it cannot tell apart", () => {
    // Turkish typed without its letters, and English with French-looking words, are left alone.
    expect(
      detectTextLanguage("Lutfen en son kan tahlili sonuclarinizi pazartesiden once gonderin.")
        .candidates,
    ).toEqual([]);
    // Mixed scripts: a Persian sentence quoting an English one.
    expect(
      detectTextLanguage("لطفاً این را بخوانید: Please read the attached discharge summary today.")
        .candidates,
    ).toEqual([]);
  });

  it("names Arabic or Persian only when sure; otherwise both", () => {
    // Arabic script, too little to tell the two apart: both are candidates.
    const both = detectTextLanguage("الف باء تاء ثاء جيم حاء خاء دال ذال راء زاي");
    expect(both).toEqual({ candidates: ["ar", "fa"], script: "Arabic" });
  });
});

describe("languageMismatch", () => {
  it("flags text confidently in another language, and names it", () => {
    expect(languageMismatch(SAMPLES.en[0]!, "fa")).toEqual(["en"]);
    expect(languageMismatch(SAMPLES.en[0]!, "tr")).toEqual(["en"]);
    expect(languageMismatch(SAMPLES.ru[0]!, "de")).toEqual(["ru"]);
    expect(languageMismatch(SAMPLES.fa[0]!, "ar")).toEqual(["fa"]);
  });

  it("never flags the reader's own language, nor what it cannot tell", () => {
    for (const lang of LOCALES) {
      for (const text of SAMPLES[lang]) expect(languageMismatch(text, lang), text).toBeNull();
    }
    expect(languageMismatch("TK 1984 IST 14:30", "fa")).toBeNull();
    expect(languageMismatch("Leyla Ahmadi", "en")).toBeNull();
  });

  it("does not flag Arabic script for a Persian or Arabic reader when it cannot tell which", () => {
    const text = "الف باء تاء ثاء جيم حاء خاء دال ذال راء زاي";
    expect(languageMismatch(text, "fa")).toBeNull();
    expect(languageMismatch(text, "ar")).toBeNull();
    // A Turkish reader cannot read Arabic script, whichever of the two it is.
    expect(languageMismatch(text, "tr")).toEqual(["ar", "fa"]);
  });
});
