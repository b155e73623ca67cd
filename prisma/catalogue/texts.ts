/**
 * The demo catalogue's text in every language but English (ADR 024). English is in
 * ../seed-data.ts, in the rows' own columns; these go into each row's `translations` column
 * when the seed creates it. Programmes and steps: <lng>.json beside this file, by slug and step
 * key. Price items and resources: below, by their English name.
 */
import ar from "./ar.json";
import de from "./de.json";
import fa from "./fa.json";
import fr from "./fr.json";
import ru from "./ru.json";
import tr from "./tr.json";

type Lng = "tr" | "ar" | "de" | "ru" | "fr" | "fa";
type ProgrammeFile = Record<
  string,
  {
    name: string;
    condition: string;
    summary: string;
    steps: Record<string, { name: string; description: string }>;
  }
>;

/** Programmes and their pathway steps, per language, by slug (and step key). */
export const PROGRAMME_TEXTS: Record<Lng, ProgrammeFile> = { tr, ar, de, ru, fr, fa };

/** Price-list item names, per language, by English name. */
export const PRICE_ITEM_TEXTS: Record<string, Record<Lng, string>> = {
  "Hospital night (private room)": {
    tr: "Hastanede konaklama (özel oda), gecelik",
    ar: "ليلة في المستشفى (غرفة خاصة)",
    de: "Krankenhausnacht (Einzelzimmer)",
    ru: "Ночь в стационаре (отдельная палата)",
    fr: "Nuit d'hospitalisation (chambre individuelle)",
    fa: "یک شب بستری در بیمارستان (اتاق خصوصی)",
  },
  "Hotel night near the clinic": {
    tr: "Kliniğe yakın otelde konaklama, gecelik",
    ar: "ليلة في فندق قريب من العيادة",
    de: "Hotelnacht in Kliniknähe",
    ru: "Ночь в отеле рядом с клиникой",
    fr: "Nuit d'hôtel près de la clinique",
    fa: "یک شب اقامت در هتل نزدیک کلینیک",
  },
  "Airport transfer": {
    tr: "Havalimanı transferi",
    ar: "التوصيل من المطار وإليه",
    de: "Flughafentransfer",
    ru: "Трансфер из аэропорта или в аэропорт",
    fr: "Transfert aéroport",
    fa: "ترانسفر فرودگاهی",
  },
  "Medical interpreter": {
    tr: "Tıbbi tercüman",
    ar: "مترجم طبي",
    de: "Medizinischer Dolmetschdienst",
    ru: "Медицинский переводчик",
    fr: "Interprète médical",
    fa: "مترجم پزشکی",
  },
  "Companion (room share, meals, transfers)": {
    tr: "Refakatçi (aynı oda, yemekler, transferler)",
    ar: "مرافق (مشاركة الغرفة والوجبات والتنقلات)",
    de: "Begleitperson (Zimmer, Mahlzeiten, Transfers)",
    ru: "Сопровождающий (проживание в одном номере, питание, трансферы)",
    fr: "Accompagnant (chambre partagée, repas, transferts)",
    fa: "همراه بیمار (اتاق مشترک، وعده‌های غذایی، جابه‌جایی)",
  },
  "Comprehensive workup and tests (SLEDAI-2K, organ function, imaging)": {
    tr: "Kapsamlı değerlendirme ve tetkikler (SLEDAI-2K, organ fonksiyonları, görüntüleme)",
    ar: "تقييم شامل وفحوصات (مؤشر SLEDAI-2K، وظائف الأعضاء، التصوير)",
    de: "Umfassende Voruntersuchung und Tests (SLEDAI-2K, Organfunktion, Bildgebung)",
    ru: "Комплексное обследование и анализы (SLEDAI-2K, функция органов, визуализация)",
    fr: "Bilan complet et examens (SLEDAI-2K, fonction des organes, imagerie)",
    fa: "ارزیابی جامع و آزمایش‌ها (SLEDAI-2K، عملکرد اندام‌ها، تصویربرداری)",
  },
  "Cell sourcing and GMP processing": {
    tr: "Hücre temini ve GMP koşullarında işleme",
    ar: "الحصول على الخلايا ومعالجتها وفق معايير GMP",
    de: "Zellgewinnung und GMP-Aufbereitung",
    ru: "Получение клеток и их обработка по стандарту GMP",
    fr: "Prélèvement des cellules et préparation selon les BPF (GMP)",
    fa: "تهیه سلول و فرآوری در آزمایشگاه GMP",
  },
  "Intravenous MSC infusion": {
    tr: "Damar yoluyla MSC infüzyonu",
    ar: "تسريب الخلايا الجذعية الوسيطة (MSC) في الوريد",
    de: "Intravenöse MSC-Infusion",
    ru: "Внутривенная инфузия МСК",
    fr: "Perfusion intraveineuse de CSM",
    fa: "تزریق وریدی سلول‌های بنیادی مزانشیمی (MSC)",
  },
  "Aftercare package (12 months of follow-up and lab review)": {
    tr: "Tedavi sonrası takip paketi (12 ay kontrol ve tahlil değerlendirmesi)",
    ar: "باقة الرعاية اللاحقة (متابعة ومراجعة للتحاليل لمدة 12 شهرًا)",
    de: "Nachsorgepaket (12 Monate Verlaufskontrolle und Laborbefunde)",
    ru: "Пакет наблюдения после лечения (12 месяцев контроля и оценки анализов)",
    fr: "Forfait de suivi (12 mois de suivi et d'analyse des bilans)",
    fa: "بسته مراقبت پس از درمان (۱۲ ماه پیگیری و بررسی آزمایش‌ها)",
  },
  "Rheumatology workup and tests": {
    tr: "Romatoloji değerlendirmesi ve tetkikler",
    ar: "تقييم روماتيزمي وفحوصات",
    de: "Rheumatologische Voruntersuchung und Tests",
    ru: "Ревматологическое обследование и анализы",
    fr: "Bilan rhumatologique et examens",
    fa: "ارزیابی روماتولوژی و آزمایش‌ها",
  },
  "Orthopaedic assessment and imaging": {
    tr: "Ortopedik muayene ve görüntüleme",
    ar: "تقييم عظمي وتصوير",
    de: "Orthopädische Untersuchung und Bildgebung",
    ru: "Ортопедический осмотр и визуализация",
    fr: "Bilan orthopédique et imagerie",
    fa: "معاینه ارتوپدی و تصویربرداری",
  },
  "Cell preparation": {
    tr: "Hücre hazırlığı",
    ar: "تحضير الخلايا",
    de: "Zellaufbereitung",
    ru: "Подготовка клеток",
    fr: "Préparation des cellules",
    fa: "آماده‌سازی سلول‌ها",
  },
  "Image-guided intra-articular injection": {
    tr: "Görüntüleme eşliğinde eklem içi enjeksiyon",
    ar: "حقن داخل المفصل بتوجيه التصوير",
    de: "Bildgesteuerte Injektion ins Gelenk",
    ru: "Внутрисуставная инъекция под визуальным контролем",
    fr: "Injection intra-articulaire sous guidage par imagerie",
    fa: "تزریق داخل مفصل با هدایت تصویربرداری",
  },
  "Rehabilitation and aftercare package": {
    tr: "Rehabilitasyon ve tedavi sonrası takip paketi",
    ar: "باقة إعادة التأهيل والرعاية اللاحقة",
    de: "Reha- und Nachsorgepaket",
    ru: "Пакет реабилитации и наблюдения после лечения",
    fr: "Forfait rééducation et suivi",
    fa: "بسته توان‌بخشی و مراقبت پس از درمان",
  },
};

/**
 * The demo resources' names, per language, by English name. A doctor's name is a proper name,
 * written in the reader's script with the title they would use.
 */
export const RESOURCE_TEXTS: Record<string, Record<Lng, string>> = {
  "Dr. Murat Aydın": {
    tr: "Dr. Murat Aydın",
    ar: "د. مراد آيدن",
    de: "Dr. Murat Aydın",
    ru: "Д-р Мурат Айдын",
    fr: "Dr Murat Aydın",
    fa: "دکتر مراد آیدین",
  },
  "Dr. Selin Arslan": {
    tr: "Dr. Selin Arslan",
    ar: "د. سيلين أرسلان",
    de: "Dr. Selin Arslan",
    ru: "Д-р Селин Арслан",
    fr: "Dr Selin Arslan",
    fa: "دکتر سلین ارسلان",
  },
  "Infusion chair 1": {
    tr: "İnfüzyon koltuğu 1",
    ar: "كرسي التسريب 1",
    de: "Infusionsplatz 1",
    ru: "Инфузионное кресло 1",
    fr: "Fauteuil de perfusion 1",
    fa: "صندلی تزریق ۱",
  },
  "Infusion chair 2": {
    tr: "İnfüzyon koltuğu 2",
    ar: "كرسي التسريب 2",
    de: "Infusionsplatz 2",
    ru: "Инфузионное кресло 2",
    fr: "Fauteuil de perfusion 2",
    fa: "صندلی تزریق ۲",
  },
  "Procedure room": {
    tr: "Girişim odası",
    ar: "غرفة الإجراءات",
    de: "Eingriffsraum",
    ru: "Процедурный кабинет",
    fr: "Salle d'intervention",
    fa: "اتاق اقدامات درمانی",
  },
};

const LNGS: Lng[] = ["tr", "ar", "de", "ru", "fr", "fa"];

/** A programme's `translations` column. */
export function programmeTranslations(slug: string): string {
  return JSON.stringify(
    Object.fromEntries(
      LNGS.flatMap((l) => {
        const p = PROGRAMME_TEXTS[l][slug];
        return p ? [[l, { name: p.name, condition: p.condition, summary: p.summary }]] : [];
      }),
    ),
  );
}

/** A pathway step's `translations` column. */
export function stepTranslations(slug: string, key: string): string {
  return JSON.stringify(
    Object.fromEntries(
      LNGS.flatMap((l) => {
        const s = PROGRAMME_TEXTS[l][slug]?.steps[key];
        return s ? [[l, { name: s.name, description: s.description }]] : [];
      }),
    ),
  );
}

/** A `translations` column with one field, `name`, from one of the tables above. */
export function nameTranslations(table: Record<string, Record<Lng, string>>, english: string) {
  const texts = table[english];
  return JSON.stringify(texts ? Object.fromEntries(LNGS.map((l) => [l, { name: texts[l] }])) : {});
}
