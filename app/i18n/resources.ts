/** Every translation, bundled into the server build. The browser receives only its own language. */
import type { Locale, Namespace } from "./config";
import enCommon from "../../locales/en/common.json";
import enStages from "../../locales/en/stages.json";
import enEmails from "../../locales/en/emails.json";
import trCommon from "../../locales/tr/common.json";
import trStages from "../../locales/tr/stages.json";
import trEmails from "../../locales/tr/emails.json";
import arCommon from "../../locales/ar/common.json";
import arStages from "../../locales/ar/stages.json";
import arEmails from "../../locales/ar/emails.json";
import deCommon from "../../locales/de/common.json";
import deStages from "../../locales/de/stages.json";
import deEmails from "../../locales/de/emails.json";
import ruCommon from "../../locales/ru/common.json";
import ruStages from "../../locales/ru/stages.json";
import ruEmails from "../../locales/ru/emails.json";
import frCommon from "../../locales/fr/common.json";
import frStages from "../../locales/fr/stages.json";
import frEmails from "../../locales/fr/emails.json";
import faCommon from "../../locales/fa/common.json";
import faStages from "../../locales/fa/stages.json";
import faEmails from "../../locales/fa/emails.json";

type Tree = { [key: string]: string | Tree };

export const resources: Record<Locale, Record<Namespace, Tree>> = {
  en: { common: enCommon, stages: enStages, emails: enEmails },
  tr: { common: trCommon, stages: trStages, emails: trEmails },
  ar: { common: arCommon, stages: arStages, emails: arEmails },
  de: { common: deCommon, stages: deStages, emails: deEmails },
  ru: { common: ruCommon, stages: ruStages, emails: ruEmails },
  fr: { common: frCommon, stages: frStages, emails: frEmails },
  fa: { common: faCommon, stages: faStages, emails: faEmails },
};
