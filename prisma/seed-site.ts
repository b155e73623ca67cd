/**
 * The demo clinic as the public pages present it (ADR 023): its facts, its doctors (each
 * doctor's title and credentials in every language) and its questions (prisma/seed-faq.ts). Created once; then the admins' to keep at
 * /staff/site. Demo values: the licence and registration numbers are made up.
 */
import type { Db } from "~/db.server";
import type { DoctorText } from "~/lib/site";
import type { Locale } from "~/i18n/config";
import { FAQ } from "./seed-faq";

export const CLINIC = {
  name: "Bosphorus Regenerative Medicine Clinic",
  legalName: "Boğaziçi Rejeneratif Tıp Sağlık Hizmetleri A.Ş.",
  licenceNumber: "34-ÖHS-2019-0417",
  authorisationNumber: "USHAŞ-YB-2023-0158",
  accreditations: [
    "JCI — Joint Commission International (since 2021)",
    "ISO 9001:2015",
    "GMP-licensed cell laboratory (TİTCK)",
  ].join("\n"),
  street: "Bağdat Caddesi No. 214",
  district: "Kadıköy",
  city: "İstanbul",
  postcode: "34728",
  country: "TR",
  latitude: 40.96582,
  longitude: 29.07054,
  phone: "+902163001234",
  whatsapp: "+905321234567",
  email: "international@demo.clinic",
};

type Seeded = {
  name: string;
  registration: string;
  programmes: string;
  translations: Record<Locale, DoctorText>;
};

export const DOCTORS: Seeded[] = [
  {
    name: "Prof. Dr. Murat Aydın",
    registration: "TTB 104522",
    programmes: "lupus-msc,ra-msc",
    translations: {
      en: {
        title: "Rheumatologist, head of the lupus programme",
        credentials:
          "MD, Hacettepe University; specialist in internal medicine and rheumatology; 20 years treating lupus and other autoimmune diseases; EULAR member.",
      },
      tr: {
        title: "Romatoloji uzmanı, lupus programı sorumlusu",
        credentials:
          "Hacettepe Üniversitesi Tıp Fakültesi; iç hastalıkları ve romatoloji uzmanı; lupus ve diğer otoimmün hastalıklarda 20 yıllık deneyim; EULAR üyesi.",
      },
      ar: {
        title: "استشاري أمراض الروماتيزم، ورئيس برنامج الذئبة",
        credentials:
          "دكتوراه في الطب من جامعة حجة تبة؛ اختصاصي الأمراض الباطنية والروماتيزم؛ خبرة 20 عامًا في علاج الذئبة وأمراض المناعة الذاتية الأخرى؛ عضو في الرابطة الأوروبية لأمراض الروماتيزم (EULAR).",
      },
      de: {
        title: "Rheumatologe, Leiter des Lupus-Programms",
        credentials:
          "Medizinstudium an der Hacettepe-Universität; Facharzt für Innere Medizin und Rheumatologie; 20 Jahre Erfahrung mit Lupus und anderen Autoimmunerkrankungen; Mitglied der EULAR.",
      },
      ru: {
        title: "Ревматолог, руководитель программы лечения волчанки",
        credentials:
          "Медицинский факультет Университета Хаджеттепе; специалист по внутренним болезням и ревматологии; 20 лет опыта лечения волчанки и других аутоиммунных заболеваний; член EULAR.",
      },
      fr: {
        title: "Rhumatologue, responsable du programme lupus",
        credentials:
          "Docteur en médecine, université Hacettepe ; spécialiste en médecine interne et en rhumatologie ; 20 ans d’expérience du lupus et des autres maladies auto-immunes ; membre de l’EULAR.",
      },
      fa: {
        title: "متخصص روماتولوژی، مسئول برنامهٔ لوپوس",
        credentials:
          "دکترای پزشکی از دانشگاه هاجت‌تپه؛ متخصص داخلی و روماتولوژی؛ ۲۰ سال تجربه در درمان لوپوس و دیگر بیماری‌های خودایمنی؛ عضو EULAR.",
      },
    },
  },
  {
    name: "Dr. Selin Arslan",
    registration: "TTB 118347",
    programmes: "lupus-msc,ra-msc,knee-oa",
    translations: {
      en: {
        title: "Haematologist, responsible physician of the cell laboratory",
        credentials:
          "MD, Istanbul University; specialist in haematology; responsible for cell processing and quality control in the GMP laboratory; EBMT member.",
      },
      tr: {
        title: "Hematoloji uzmanı, hücre laboratuvarı sorumlu hekimi",
        credentials:
          "İstanbul Üniversitesi Tıp Fakültesi; hematoloji uzmanı; GMP laboratuvarında hücre işleme ve kalite kontrolden sorumlu; EBMT üyesi.",
      },
      ar: {
        title: "اختصاصية أمراض الدم، والطبيبة المسؤولة عن مختبر الخلايا",
        credentials:
          "دكتوراه في الطب من جامعة إسطنبول؛ اختصاصية أمراض الدم؛ مسؤولة عن معالجة الخلايا وضبط جودتها في مختبر معتمد وفق ممارسات التصنيع الجيد (GMP)؛ عضو في EBMT.",
      },
      de: {
        title: "Hämatologin, verantwortliche Ärztin des Zelllabors",
        credentials:
          "Medizinstudium an der Universität Istanbul; Fachärztin für Hämatologie; verantwortlich für Zellaufbereitung und Qualitätskontrolle im GMP-Labor; Mitglied der EBMT.",
      },
      ru: {
        title: "Гематолог, ответственный врач клеточной лаборатории",
        credentials:
          "Медицинский факультет Стамбульского университета; специалист-гематолог; отвечает за обработку клеток и контроль качества в GMP-лаборатории; член EBMT.",
      },
      fr: {
        title: "Hématologue, médecin responsable du laboratoire cellulaire",
        credentials:
          "Docteur en médecine, université d’Istanbul ; spécialiste en hématologie ; responsable de la préparation des cellules et du contrôle qualité au laboratoire BPF (GMP) ; membre de l’EBMT.",
      },
      fa: {
        title: "متخصص هماتولوژی، پزشک مسئول آزمایشگاه سلولی",
        credentials:
          "دکترای پزشکی از دانشگاه استانبول؛ متخصص هماتولوژی؛ مسئول فرآوری سلول‌ها و کنترل کیفیت در آزمایشگاه GMP؛ عضو EBMT.",
      },
    },
  },
  {
    name: "Doç. Dr. Kerem Yıldız",
    registration: "TTB 109875",
    programmes: "knee-oa",
    translations: {
      en: {
        title: "Orthopaedic surgeon, knee and sports injuries",
        credentials:
          "MD, Ege University; associate professor of orthopaedics and traumatology; image-guided joint injections and knee surgery.",
      },
      tr: {
        title: "Ortopedi uzmanı, diz ve spor yaralanmaları",
        credentials:
          "Ege Üniversitesi Tıp Fakültesi; ortopedi ve travmatoloji doçenti; görüntüleme eşliğinde eklem enjeksiyonları ve diz cerrahisi.",
      },
      ar: {
        title: "جرّاح عظام، متخصص في الركبة والإصابات الرياضية",
        credentials:
          "دكتوراه في الطب من جامعة إيجه؛ أستاذ مشارك في جراحة العظام والكسور؛ حقن المفاصل الموجَّهة بالتصوير وجراحة الركبة.",
      },
      de: {
        title: "Orthopäde, Knie und Sportverletzungen",
        credentials:
          "Medizinstudium an der Ege-Universität; außerordentlicher Professor für Orthopädie und Traumatologie; bildgesteuerte Gelenkinjektionen und Kniechirurgie.",
      },
      ru: {
        title: "Хирург-ортопед, коленный сустав и спортивные травмы",
        credentials:
          "Медицинский факультет Университета Эге; доцент кафедры ортопедии и травматологии; внутрисуставные инъекции под визуальным контролем и хирургия коленного сустава.",
      },
      fr: {
        title: "Chirurgien orthopédiste, genou et traumatologie du sport",
        credentials:
          "Docteur en médecine, université Ege ; maître de conférences en orthopédie et traumatologie ; injections articulaires guidées par imagerie et chirurgie du genou.",
      },
      fa: {
        title: "جراح ارتوپد، زانو و آسیب‌های ورزشی",
        credentials:
          "دکترای پزشکی از دانشگاه اگه؛ دانشیار ارتوپدی و تروماتولوژی؛ تزریق مفصلی با هدایت تصویربرداری و جراحی زانو.",
      },
    },
  },
];

/** The clinic's record, its doctors and its questions, once: after that they are the admins' to keep. */
export async function seedSite(db: Db) {
  await db.clinicProfile.upsert({ where: { id: "clinic" }, create: CLINIC, update: {} });
  if ((await db.doctor.count()) === 0) {
    for (const [position, d] of DOCTORS.entries()) {
      await db.doctor.create({
        data: { ...d, translations: JSON.stringify(d.translations), position },
      });
    }
  }
  if ((await db.faqEntry.count()) === 0) {
    for (const [position, { key: _key, translations, ...entry }] of FAQ.entries()) {
      await db.faqEntry.create({
        data: { ...entry, translations: JSON.stringify(translations), position },
      });
    }
  }
}
