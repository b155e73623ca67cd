/** Every translation, bundled into the server build. The browser receives only its own language. */
import type { Locale, Namespace } from "./config";
import enCommon from "../../locales/en/common.json";
import enStages from "../../locales/en/stages.json";
import enEmails from "../../locales/en/emails.json";
import enEnquiry from "../../locales/en/enquiry.json";
import enPortal from "../../locales/en/portal.json";
import enPrivacy from "../../locales/en/privacy.json";
import enFinance from "../../locales/en/finance.json";
import enTravel from "../../locales/en/travel.json";
import enAftercare from "../../locales/en/aftercare.json";
import enSite from "../../locales/en/site.json";
import enHandover from "../../locales/en/handover.json";
import trCommon from "../../locales/tr/common.json";
import trStages from "../../locales/tr/stages.json";
import trEmails from "../../locales/tr/emails.json";
import trEnquiry from "../../locales/tr/enquiry.json";
import trPortal from "../../locales/tr/portal.json";
import trPrivacy from "../../locales/tr/privacy.json";
import trFinance from "../../locales/tr/finance.json";
import trTravel from "../../locales/tr/travel.json";
import trAftercare from "../../locales/tr/aftercare.json";
import trSite from "../../locales/tr/site.json";
import trHandover from "../../locales/tr/handover.json";
import arCommon from "../../locales/ar/common.json";
import arStages from "../../locales/ar/stages.json";
import arEmails from "../../locales/ar/emails.json";
import arEnquiry from "../../locales/ar/enquiry.json";
import arPortal from "../../locales/ar/portal.json";
import arPrivacy from "../../locales/ar/privacy.json";
import arFinance from "../../locales/ar/finance.json";
import arTravel from "../../locales/ar/travel.json";
import arAftercare from "../../locales/ar/aftercare.json";
import arSite from "../../locales/ar/site.json";
import arHandover from "../../locales/ar/handover.json";
import deCommon from "../../locales/de/common.json";
import deStages from "../../locales/de/stages.json";
import deEmails from "../../locales/de/emails.json";
import deEnquiry from "../../locales/de/enquiry.json";
import dePortal from "../../locales/de/portal.json";
import dePrivacy from "../../locales/de/privacy.json";
import deFinance from "../../locales/de/finance.json";
import deTravel from "../../locales/de/travel.json";
import deAftercare from "../../locales/de/aftercare.json";
import deSite from "../../locales/de/site.json";
import deHandover from "../../locales/de/handover.json";
import ruCommon from "../../locales/ru/common.json";
import ruStages from "../../locales/ru/stages.json";
import ruEmails from "../../locales/ru/emails.json";
import ruEnquiry from "../../locales/ru/enquiry.json";
import ruPortal from "../../locales/ru/portal.json";
import ruPrivacy from "../../locales/ru/privacy.json";
import ruFinance from "../../locales/ru/finance.json";
import ruTravel from "../../locales/ru/travel.json";
import ruAftercare from "../../locales/ru/aftercare.json";
import ruSite from "../../locales/ru/site.json";
import ruHandover from "../../locales/ru/handover.json";
import frCommon from "../../locales/fr/common.json";
import frStages from "../../locales/fr/stages.json";
import frEmails from "../../locales/fr/emails.json";
import frEnquiry from "../../locales/fr/enquiry.json";
import frPortal from "../../locales/fr/portal.json";
import frPrivacy from "../../locales/fr/privacy.json";
import frFinance from "../../locales/fr/finance.json";
import frTravel from "../../locales/fr/travel.json";
import frAftercare from "../../locales/fr/aftercare.json";
import frSite from "../../locales/fr/site.json";
import frHandover from "../../locales/fr/handover.json";
import faCommon from "../../locales/fa/common.json";
import faStages from "../../locales/fa/stages.json";
import faEmails from "../../locales/fa/emails.json";
import faEnquiry from "../../locales/fa/enquiry.json";
import faPortal from "../../locales/fa/portal.json";
import faPrivacy from "../../locales/fa/privacy.json";
import faFinance from "../../locales/fa/finance.json";
import faTravel from "../../locales/fa/travel.json";
import faAftercare from "../../locales/fa/aftercare.json";
import faSite from "../../locales/fa/site.json";
import faHandover from "../../locales/fa/handover.json";

type Tree = { [key: string]: string | Tree };

export const resources: Record<Locale, Record<Namespace, Tree>> = {
  en: {
    common: enCommon,
    stages: enStages,
    emails: enEmails,
    enquiry: enEnquiry,
    portal: enPortal,
    privacy: enPrivacy,
    finance: enFinance,
    travel: enTravel,
    aftercare: enAftercare,
    site: enSite,
    handover: enHandover,
  },
  tr: {
    common: trCommon,
    stages: trStages,
    emails: trEmails,
    enquiry: trEnquiry,
    portal: trPortal,
    privacy: trPrivacy,
    finance: trFinance,
    travel: trTravel,
    aftercare: trAftercare,
    site: trSite,
    handover: trHandover,
  },
  ar: {
    common: arCommon,
    stages: arStages,
    emails: arEmails,
    enquiry: arEnquiry,
    portal: arPortal,
    privacy: arPrivacy,
    finance: arFinance,
    travel: arTravel,
    aftercare: arAftercare,
    site: arSite,
    handover: arHandover,
  },
  de: {
    common: deCommon,
    stages: deStages,
    emails: deEmails,
    enquiry: deEnquiry,
    portal: dePortal,
    privacy: dePrivacy,
    finance: deFinance,
    travel: deTravel,
    aftercare: deAftercare,
    site: deSite,
    handover: deHandover,
  },
  ru: {
    common: ruCommon,
    stages: ruStages,
    emails: ruEmails,
    enquiry: ruEnquiry,
    portal: ruPortal,
    privacy: ruPrivacy,
    finance: ruFinance,
    travel: ruTravel,
    aftercare: ruAftercare,
    site: ruSite,
    handover: ruHandover,
  },
  fr: {
    common: frCommon,
    stages: frStages,
    emails: frEmails,
    enquiry: frEnquiry,
    portal: frPortal,
    privacy: frPrivacy,
    finance: frFinance,
    travel: frTravel,
    aftercare: frAftercare,
    site: frSite,
    handover: frHandover,
  },
  fa: {
    common: faCommon,
    stages: faStages,
    emails: faEmails,
    enquiry: faEnquiry,
    portal: faPortal,
    privacy: faPrivacy,
    finance: faFinance,
    travel: faTravel,
    aftercare: faAftercare,
    site: faSite,
    handover: faHandover,
  },
};
